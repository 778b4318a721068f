"""The merge rules for one row seen on both sides; pure functions, no SQL (see apply.py for the why).

Every rule here is symmetric — merge(ours, theirs) and merge(theirs, ours) give the same
row — and idempotent — merging a row with its own result changes nothing. That is what
makes merging A into B and B into A agree, and a second merge of the same file a no-op.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from editor.core.report import TRENDMARK_NAMESPACE

from editor.store.migrations.v2 import MAX_ANCESTORS

Row = dict[str, Any]

CONFLICT_NAMESPACE = uuid.uuid5(TRENDMARK_NAMESPACE, "conflicts")


def _canon(value: object) -> tuple:
    """A total order over column values (None < numbers < text) for breaking timestamp ties."""
    if value is None:
        return (0, 0, "")
    if isinstance(value, int | float):
        return (1, value, "")
    return (2, 0, str(value))


def rank(row: Row, state: Sequence[str]) -> tuple:
    """How rows compare for last-writer-wins: ``updated_at``, then the content itself."""
    return (row["updated_at"], tuple(_canon(row[column]) for column in state))


def last_writer(ours: Row, theirs: Row, state: Sequence[str]) -> tuple[Row, Row]:
    """(winner, loser) by ``updated_at``; an exact tie goes to the greater content, whichever side has it."""
    if rank(theirs, state) > rank(ours, state):
        return theirs, ours
    return ours, theirs


def merge_row(ours: Row, theirs: Row, state: Sequence[str]) -> Row:
    """The merged row: the winner's content and ``updated_at``, the earliest ``created_at``.

    When both sides already hold the same content (two analysts who each got the
    default dimensions, or the same tag), ours is kept as it is: rewriting only its
    timestamps would report a change nobody made.
    """
    if all(ours[column] == theirs[column] for column in state):
        return dict(ours)
    winner, _loser = last_writer(ours, theirs, state)
    merged = dict(winner)
    merged["created_at"] = min(ours["created_at"], theirs["created_at"])
    return merged


def first_created(ours: Row, theirs: Row) -> Row:
    """The row created first (ties: the smaller name), whose spelling of a shared tag name is kept."""
    return min((ours, theirs), key=lambda row: (row["created_at"], str(row.get("name", ""))))


# -- text revisions -----------------------------------------------------------------------


@dataclass(frozen=True)
class Revision:
    """Which version of a text a row holds, and the versions it was edited from."""

    revision: str
    ancestors: tuple[str, ...] = ()


def merged_revision(winner: Revision, loser: Revision) -> Revision:
    """The winner's revision, with every version either side has seen as its ancestors (newest kept)."""
    seen = set(winner.ancestors) | set(loser.ancestors) | {loser.revision}
    seen.discard(winner.revision)
    return Revision(winner.revision, tuple(sorted(seen))[-MAX_ANCESTORS:])


def text_is_lost(winner_text: str, winner_deleted: bool, winner_rev: Revision,
                 loser_text: str, loser_deleted: bool, loser_rev: Revision) -> bool:
    """Whether keeping the winner drops words that exist only in the loser (then it becomes a conflict).

    Nothing is lost when the loser is deleted or empty, when its text equals the
    winner's, or when the winner was edited from it (the loser's revision is among the
    winner's ancestors). A different text with the same revision id cannot be an
    ancestor and counts as lost: the safe reading of a collision.
    """
    if loser_deleted or not loser_text.strip() or loser_text == winner_text:
        return False
    return loser_rev.revision not in winner_rev.ancestors


def conflict_id(kind: str, row_id: str, other_revision: str, other_html: str) -> str:
    """Deterministic id of a conflict: the same set-aside version gives the same id in every order."""
    digest = hashlib.sha256(other_html.encode("utf-8")).hexdigest()[:16]
    return str(uuid.uuid5(CONFLICT_NAMESPACE, f"{kind}\x1f{row_id}\x1f{other_revision}\x1f{digest}"))


def differs(a: Row | None, b: Row, columns: Iterable[str]) -> bool:
    """Whether two versions of a row differ in any of ``columns`` (a missing row differs)."""
    return a is None or any(a.get(column) != b.get(column) for column in columns)
