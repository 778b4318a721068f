"""The analyst's annotations on a node: tags, ratings and the note.

Each function is one user action, shared by the window (through an undo command) and the
command line. The rules live here once: an edit that would change nothing writes nothing
(so the undo history and the merge timestamps hold only real changes), and a tag typed in
another letter case reuses the existing tag's spelling. A tag that differs from an existing
one only by script (监管 / 監管) is not merged silently: ``tag_in_other_script`` finds it, so
the window can ask and the command line can warn.
"""

from __future__ import annotations

from collections.abc import Iterable

from editor.core.annotations import Dimension
from editor.core.conversion import fold
from editor.operations.changes import NOTHING, Changes, on_nodes
from editor.store import Store


def existing_tag_name(store: Store, name: str) -> str:
    """The stored spelling of the tag called ``name`` in any letter case, else ``name`` itself."""
    wanted = name.strip().casefold()
    return next((tag.name for tag in store.tags() if tag.name.casefold() == wanted), name.strip())


def tag_in_other_script(store: Store, name: str) -> str | None:
    """The existing tag that ``name`` matches only across scripts (监管 for 監管), else None.

    None as well when a tag of that very name (in any letter case) exists: that one is reused.
    """
    wanted = name.strip().casefold()
    tags = store.tags()
    if not wanted or any(tag.name.casefold() == wanted for tag in tags):
        return None
    folded = fold(wanted)
    return next((tag.name for tag in tags if fold(tag.name.casefold()) == folded), None)


def add_node_tag(store: Store, author_id: str, node_id: str, name: str) -> Changes:
    """Tag a node; nothing if the analyst already tagged it so. ``result``: the stored spelling."""
    spelling = existing_tag_name(store, name)
    mine = {node_tag.tag.name.casefold() for node_tag in store.node_tags(node_id, author_id)}
    if spelling.casefold() in mine:
        return NOTHING.with_result(spelling)
    with store.transaction():
        creates = not store.has_tag(spelling)
        stored = store.add_node_tag(node_id, spelling, author_id).tag.name
    return on_nodes(node_id, vocabulary=creates, result=stored)


def add_node_tags(store: Store, author_id: str, node_id: str, names: Iterable[str]) -> Changes:
    """Several tags on one node in one transaction (the command line's ``tag NODE A B``)."""
    changes = NOTHING
    spellings = []
    with store.transaction():
        for name in names:
            one = add_node_tag(store, author_id, node_id, name)
            spellings.append(one.result)
            changes |= one
    return changes.with_result(spellings)


def remove_node_tag(store: Store, author_id: str, node_id: str, name: str, *,
                    retire_unused: bool = False) -> Changes:
    """Take the analyst's tag off a node; ``retire_unused`` also retires a tag left on nothing.

    ``result`` is True when the tag was there. Undoing a tag-add that created the tag
    passes ``retire_unused`` so the tag list is as it was.
    """
    with store.transaction():
        removed = store.remove_node_tag(node_id, name, author_id)
        retired = retire_unused and store.retire_tag_if_unused(name)
    if not removed:
        return NOTHING.with_result(False)
    return on_nodes(node_id, vocabulary=retired, result=True)


def current_rating(store: Store, author_id: str, node_id: str, dimension_id: str) -> int:
    """The analyst's rating of a node on one dimension (0: none)."""
    return next((r.value for r in store.ratings(node_id, author_id=author_id) if r.dimension_id == dimension_id), 0)


def set_rating(store: Store, author_id: str, node_id: str, dimension_id: str, value: int | None) -> Changes:
    """Rate a node on one dimension (0 or None clears); nothing if the value is unchanged.

    The store checks the value against the dimension's scale and refuses it otherwise.
    """
    if current_rating(store, author_id, node_id, dimension_id) == (value or 0):
        return NOTHING
    store.set_rating(node_id, dimension_id, author_id, value or None)
    return on_nodes(node_id)


def parse_ratings(store: Store, items: Iterable[str]) -> list[tuple[Dimension, int]]:
    """``impact=4``-style pairs as (dimension, value), every one checked before anything is written."""
    wanted = []
    for item in items:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip() or not raw.strip():
            raise ValueError(f"'{item}' is not DIMENSION=VALUE (e.g. impact=4)")
        dimension = store.dimension(name.strip())
        try:
            value = int(raw)
        except ValueError:
            raise ValueError(f"'{raw}' is not a whole number ({dimension.name} takes "
                             f"{dimension.min}–{dimension.max}, 0 clears)") from None
        wanted.append((dimension, value))
    return wanted


def set_ratings(store: Store, author_id: str, node_id: str, ratings: Iterable[tuple[Dimension, int]]) -> Changes:
    """Several ratings of one node in one transaction: all of them stored, or none."""
    changes = NOTHING
    with store.transaction():
        for dimension, value in ratings:
            changes |= set_rating(store, author_id, node_id, dimension.id, value)
    return changes


def note_html(store: Store, author_id: str, node_id: str) -> str:
    """The analyst's note on a node as HTML ('' when there is none)."""
    note = store.note(node_id, author_id)
    return note.html if note else ""


def set_note(store: Store, author_id: str, node_id: str, html: str) -> Changes:
    """Replace the analyst's note on a node (no text removes it); nothing if it is unchanged.

    ``result`` is the stored note, or None when the node now has no note of theirs.
    """
    before = store.note(node_id, author_id)
    note = store.save_note(node_id, author_id, html)
    unchanged = (before is None and note is None) or (
        before is not None and note is not None and before.updated_at == note.updated_at)
    return NOTHING.with_result(note) if unchanged else on_nodes(node_id, result=note)
