"""The rating scales everyone rates on (Impact, Likelihood, Confidence, and any added)."""

from __future__ import annotations

from editor.operations.changes import NOTHING, Changes
from editor.store import Store

_VOCABULARY = Changes(vocabulary=True)


def add_dimension(store: Store, name: str) -> Changes:
    """Add a rating dimension after the others; ``result`` is the new dimension."""
    return _VOCABULARY.with_result(store.add_dimension(name))


def rename_dimension(store: Store, dimension_id: str, name: str) -> Changes:
    """Rename a rating dimension (e.g. Impact -> Severity); nothing if the name is the same."""
    if store.dimension(dimension_id).name == name.strip():
        return NOTHING
    return _VOCABULARY.with_result(store.rename_dimension(dimension_id, name))


def retire_dimension(store: Store, dimension_id: str) -> Changes:
    """Retire a dimension nobody has rated on (undo of adding it)."""
    store.retire_dimension(dimension_id)
    return _VOCABULARY
