"""Working with colleagues: a copy to hand on, a colleague's copy merged in, conflicts resolved.

A merge is undone as one step: before writing, it copies the database aside (the
backup every merge makes); Undo puts that copy back, after keeping the merged state in
memory for Redo.
"""

from __future__ import annotations

from pathlib import Path

from editor.core.errors import StoreError
from editor.operations.changes import EVERYTHING, NOTHING, Changes, on_nodes
from editor.store import Store
from editor.store.merge import Conflict, MergeResult, merge_database, open_conflicts
from editor.store.merge import conflicts as conflict_rows
from editor.store.sharing import share_copy
from editor.store.snapshots import Snapshot


def share(store: Store, out_path: Path) -> Path:
    """Write a consistent, self-contained copy of the database to hand on; returns its path."""
    return share_copy(store, out_path)


def merge(store: Store, theirs: Path, *, dry_run: bool = False, accept_dimensions: bool = False) -> Changes:
    """Merge a colleague's database into ours; ``result`` is the MergeResult (what came in).

    A file that adds rating dimensions or widens a scale raises DimensionsChanged unless
    ``accept_dimensions`` says the analyst agreed.
    """
    result: MergeResult = merge_database(store, theirs, dry_run=dry_run, accept_dimensions=accept_dimensions)
    if dry_run or not result.changed:
        return NOTHING.with_result(result)
    return EVERYTHING.with_result(result)


def undo_merge(store: Store, result: MergeResult) -> Changes:
    """Put the database back as it was before ``result``'s merge; ``result`` is the merged state, for Redo."""
    if result.backup is None:
        raise StoreError("this merge kept no copy of the database to go back to")
    after: Snapshot = store.snapshot()
    store.restore_file(result.backup)
    return EVERYTHING.with_result(after)


def redo_merge(store: Store, merged: Snapshot) -> Changes:
    """Put back the merged state that ``undo_merge`` kept."""
    store.restore_snapshot(merged)
    return EVERYTHING


def conflicts(store: Store, *, include_resolved: bool = False) -> list[Conflict]:
    """The conflicts a merge set aside, in outline order."""
    return open_conflicts(store, include_resolved=include_resolved)


def open_conflict_count(store: Store) -> int:
    """How many conflicts wait for review (the status bar's link)."""
    return conflict_rows.unresolved_count(store)


def resolve_conflict(store: Store, conflict_id: str, choice: str) -> Changes:
    """Resolve a conflict: keep "mine", take "theirs" or keep "both"; ``result`` is the conflict before.

    Undo passes that to :func:`reopen_conflict`.
    """
    before = conflict_rows.conflict(store, conflict_id)
    previous = _current_html(store, before)
    conflict_rows.resolve_conflict(store, conflict_id, choice)
    return on_nodes(before.node_id, result=(before, previous))


def reopen_conflict(store: Store, before: Conflict, previous_html: str | None) -> Changes:
    """Undo a resolution: the text or rating as it was before it, and the conflict open for review again."""
    with store.transaction():
        if before.kind == "note":
            store.save_note(before.node_id, before.author_id, previous_html or "")
        elif before.dimension_id is not None:
            store.set_rating(before.node_id, before.dimension_id, before.author_id,
                             None if previous_html is None else int(previous_html))
        elif previous_html is None:
            store.delete_highlight(before.row_id)
        else:
            store.restore_highlight(before.row_id)
            store.update_highlight(before.row_id, comment_html=previous_html)
        conflict_rows.reopen_conflict(store, before.id)
    return on_nodes(before.node_id)


def _current_html(store: Store, item: Conflict) -> str | None:
    """The text the row holds now (None: deleted), so a resolution can be undone exactly."""
    if item.kind == "note":
        note = store.note(item.node_id, item.author_id)
        return note.html if note else None
    if item.dimension_id is not None:
        rating = next((r for r in store.ratings(item.node_id, author_id=item.author_id)
                       if r.dimension_id == item.dimension_id), None)
        return None if rating is None else str(rating.value)
    live = {h.id: h for h in store.highlights(item.node_id)}
    return live[item.row_id].comment_html if item.row_id in live else None
