"""Conflicts a merge set aside: listing them for review and resolving them (keep mine / take theirs / both).

Notes and highlight comments conflict as texts; a rating conflicts as its value, written
out as text (``"4"``), which is why "both" is offered for texts only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.core.errors import NotFoundError

from editor.store.base import build
from editor.store.migrations.rating_revisions import split_rating_key
from editor.store.stamps import now

if TYPE_CHECKING:
    from editor.store import Store

CHOICES = ("mine", "theirs", "both")
_RATING_KEY = "c.node_id || ':' || d.id || ':' || c.author_id"  # rating_key() in SQL

_COLUMNS = ("c.id, c.kind, c.row_id, c.node_id, n.path AS node_path, n.title AS node_title, c.author_id,"
            " coalesce(a.name, '') AS author_name,"
            " c.kept_html, c.kept_text, c.kept_updated_at, c.kept_deleted, c.other_html, c.other_text,"
            " c.other_updated_at, c.other_side, c.source, c.created_at, c.resolved_at, c.resolution,"
            " coalesce(d.name, '') AS dimension_name")


@dataclass(frozen=True)
class Conflict:
    """Two versions of one note, highlight comment or rating that both changed since the copies diverged."""

    id: str
    kind: str  # "note", "highlight" or "rating"
    row_id: str  # the note's or highlight's id; a rating's key (see migrations/rating_revisions.py)
    node_id: str
    node_path: str
    node_title: str
    author_id: str  # whose note or highlight it is
    author_name: str
    kept_html: str  # the version the row holds now (the newer one)
    kept_text: str
    kept_updated_at: str
    kept_deleted: bool  # the newer change was a deletion
    other_html: str  # the version set aside by the merge
    other_text: str
    other_updated_at: str
    other_side: str  # "mine" or "theirs": where the set-aside version came from
    source: str  # the file merged in
    created_at: str
    resolved_at: str | None
    resolution: str | None
    dimension_name: str  # what a rating conflict is about; "" for texts

    def version(self, side: str) -> tuple[str, str, bool]:
        """(html, text, deleted) of "mine" or "theirs"."""
        if side == self.other_side:
            return self.other_html, self.other_text, False
        return self.kept_html, self.kept_text, self.kept_deleted

    @property
    def dimension_id(self) -> str | None:
        """The dimension a rating conflict is about (None for texts)."""
        return split_rating_key(self.row_id)[1] if self.kind == "rating" else None

    @property
    def mine_text(self) -> str:
        return self.version("mine")[1]

    @property
    def theirs_text(self) -> str:
        return self.version("theirs")[1]


def _query(store: Store, where: str, params: list) -> list[Conflict]:
    sql = (f"SELECT {_COLUMNS} FROM conflicts c JOIN nodes n ON n.id = c.node_id"
           f" LEFT JOIN authors a ON a.id = c.author_id"
           f" LEFT JOIN dimensions d ON c.kind = 'rating' AND c.row_id = {_RATING_KEY}"
           f" WHERE {where}"
           " ORDER BY n.report_id, n.seq, c.created_at, c.id")
    return [build(Conflict, row, kept_deleted=bool(row["kept_deleted"])) for row in store._named_all(sql, params)]


def open_conflicts(store: Store, node_id: str | None = None, *, include_resolved: bool = False) -> list[Conflict]:
    """Conflicts to review (all, or one node's), in outline order; resolved ones only when asked."""
    conditions, params = ["1"], []
    if not include_resolved:
        conditions.append("c.resolved_at IS NULL")
    if node_id is not None:
        conditions.append("c.node_id = ?")
        params.append(node_id)
    return _query(store, " AND ".join(conditions), params)


def conflict(store: Store, conflict_id: str) -> Conflict:
    """One conflict by id, resolved or not; NotFoundError if unknown."""
    found = _query(store, "c.id = ?", [conflict_id])
    if not found:
        raise NotFoundError(f"no conflict with id {conflict_id}")
    return found[0]


def resolved_html(item: Conflict, choice: str) -> str | None:
    """The text a resolution leaves in the row; None means the row stays deleted."""
    if choice not in CHOICES:
        raise ValueError(f"a conflict is resolved with one of {', '.join(CHOICES)}, not {choice!r}")
    if choice == "both" and item.kind == "rating":
        raise ValueError("a rating keeps one value: resolve it with mine or theirs")
    if choice in ("mine", "theirs"):
        html, _text, deleted = item.version(choice)
        return None if deleted else html
    # Both: mine first, then theirs, each as it was written (a deleted side adds nothing).
    parts = [html for html, _text, deleted in (item.version("mine"), item.version("theirs")) if not deleted]
    return "".join(parts) if parts else None


def resolve_conflict(store: Store, conflict_id: str, choice: str) -> Conflict:
    """Resolve a conflict: "mine", "theirs" or "both" (texts only: concatenated, mine first); one transaction.

    The note, highlight or rating is written through the store like any edit, so its revision
    history records that the resolution supersedes both versions.
    """
    item = conflict(store, conflict_id)
    if item.resolved_at is not None:
        raise ValueError(f"this conflict was already resolved ({item.resolution})")
    html = resolved_html(item, choice)
    with store.transaction():
        if item.kind == "note":
            store.save_note(item.node_id, item.author_id, html or "")
        elif item.dimension_id is not None:
            store.set_rating(item.node_id, item.dimension_id, item.author_id, None if html is None else int(html))
        else:
            _resolve_highlight(store, item.row_id, html)
        store.db.conn.execute("UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE id = ?",
                              (now(), choice, conflict_id))
    return conflict(store, conflict_id)


def _resolve_highlight(store: Store, highlight_id: str, html: str | None) -> None:
    deleted = store.db.conn.execute("SELECT deleted_at FROM highlights WHERE id = ?",
                                    (highlight_id,)).fetchone()
    if deleted is None:
        raise NotFoundError(f"no highlight with id {highlight_id}")
    if html is None:
        if deleted[0] is None:
            store.delete_highlight(highlight_id)
        return
    if deleted[0] is not None:
        store.restore_highlight(highlight_id)
    store.update_highlight(highlight_id, comment_html=html)


def unresolved_count(store: Store) -> int:
    """How many conflicts wait for review (for a status-bar badge)."""
    return int(store.db.conn.execute("SELECT count(*) FROM conflicts WHERE resolved_at IS NULL").fetchone()[0])


def reopen_conflict(store: Store, conflict_id: str) -> None:
    """Mark a resolved conflict open again (undo of its resolution)."""
    with store.transaction():
        store.db.conn.execute("UPDATE conflicts SET resolved_at = NULL, resolution = NULL WHERE id = ?",
                              (conflict_id,))
