"""Conflicts a merge set aside: listing them for review and resolving them (keep mine / take theirs / both)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.core.errors import NotFoundError

from editor.store.base import build
from editor.store.stamps import now

if TYPE_CHECKING:
    from editor.store import Store

CHOICES = ("mine", "theirs", "both")

_COLUMNS = ("c.id, c.kind, c.row_id, c.node_id, n.path AS node_path, n.title AS node_title, c.author_id,"
            " coalesce(a.name, '') AS author_name,"
            " c.kept_html, c.kept_text, c.kept_updated_at, c.kept_deleted, c.other_html, c.other_text,"
            " c.other_updated_at, c.other_side, c.source, c.created_at, c.resolved_at, c.resolution")


@dataclass(frozen=True)
class Conflict:
    """Two versions of one note or highlight comment that both changed since the copies diverged."""

    id: str
    kind: str  # "note" or "highlight"
    row_id: str  # the note's or highlight's id
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

    def version(self, side: str) -> tuple[str, str, bool]:
        """(html, text, deleted) of "mine" or "theirs"."""
        if side == self.other_side:
            return self.other_html, self.other_text, False
        return self.kept_html, self.kept_text, self.kept_deleted

    @property
    def mine_text(self) -> str:
        return self.version("mine")[1]

    @property
    def theirs_text(self) -> str:
        return self.version("theirs")[1]


def _query(store: Store, where: str, params: list) -> list[Conflict]:
    sql = (f"SELECT {_COLUMNS} FROM conflicts c JOIN nodes n ON n.id = c.node_id"
           f" LEFT JOIN authors a ON a.id = c.author_id WHERE {where}"
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
    if choice in ("mine", "theirs"):
        html, _text, deleted = item.version(choice)
        return None if deleted else html
    # Both: mine first, then theirs, each as it was written (a deleted side adds nothing).
    parts = [html for html, _text, deleted in (item.version("mine"), item.version("theirs")) if not deleted]
    return "".join(parts) if parts else None


def resolve_conflict(store: Store, conflict_id: str, choice: str) -> Conflict:
    """Resolve a conflict: "mine", "theirs" or "both" (concatenated, mine first); one transaction.

    The note or highlight is written through the store like any edit, so its revision
    history records that the resolution supersedes both versions.
    """
    item = conflict(store, conflict_id)
    if item.resolved_at is not None:
        raise ValueError(f"this conflict was already resolved ({item.resolution})")
    html = resolved_html(item, choice)
    with store.transaction():
        if item.kind == "note":
            store.save_note(item.node_id, item.author_id, html or "")
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
