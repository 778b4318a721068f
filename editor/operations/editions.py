"""Revised editions: import one, and review the highlights that could not be carried (orphans)."""

from __future__ import annotations

from pathlib import Path

from editor.core.editions import EditionError, EditionSummary, Orphan, match_nodes
from editor.core.report import ParsedReport
from editor.importing import read_report
from editor.operations.changes import Changes, on_nodes
from editor.operations.reports import CURRENT_REPORT
from editor.store import Store
from editor.store.editions import carried_highlight_id


def import_edition(store: Store, report: ParsedReport, edition_of: str) -> Changes:
    """Add ``report`` as the new current edition of ``edition_of``; ``result`` is the EditionSummary.

    Nodes are matched old -> new, every annotation of the current edition is carried
    across, and highlights that cannot be placed with confidence become orphans. One
    transaction: on any failure the database is as it was.
    """
    old = store.current_edition(store.report(edition_of).id)
    with store.transaction():
        info, created = store.add_report(report)
        if not created:
            if info.id == old.id:
                raise EditionError("this file is the current edition of the report already; nothing to import")
            raise EditionError(f"this file is already in the database as report {info.id} {info.title}")
        matches = match_nodes(store.nodes(old.id), store.nodes(info.id))
        summary = store.carry_into_edition(old.id, info.id, matches)
        store.set_meta(CURRENT_REPORT, info.id)
    return Changes(outline=True, reports=True, everything=True, result=summary)


def import_edition_file(store: Store, path: Path, edition_of: str) -> Changes:
    """Read a report file (any supported format) and import it as a new edition of ``edition_of``."""
    return import_edition(store, read_report(path), edition_of)


def orphans(store: Store, report_id: str, *, include_resolved: bool = False) -> list[Orphan]:
    """The orphans of a report's current edition (or of the edition ``report_id`` names)."""
    return store.orphans(report_id, include_resolved=include_resolved)


def _open_orphan(store: Store, author_id: str, report_id: str, old_highlight_id: str) -> Orphan:
    item = store.orphan(report_id, old_highlight_id)
    if item.author_id != author_id:
        raise EditionError(f"this orphan is {item.author}'s highlight; only its author can re-attach or discard it")
    if item.resolution is not None:
        raise EditionError(f"this orphan was already {item.resolution}")
    return item


def reattach_orphan(store: Store, author_id: str, report_id: str, old_highlight_id: str, node_id: str,
                    start: int, end: int) -> Changes:
    """Place an orphan on a span the analyst chose in the new edition; ``result`` is the new Highlight."""
    item = _open_orphan(store, author_id, report_id, old_highlight_id)
    node = store.node(node_id)
    if node.report_id != report_id:
        raise EditionError("re-attach an orphan to text of the edition it was orphaned in")
    with store.transaction():
        try:
            # The id every analyst derives; an earlier re-attach, undone, may hold it on another node.
            highlight = store.add_highlight(node_id, author_id, start, end, color=item.color,
                                            comment_html=item.comment_html,
                                            highlight_id=carried_highlight_id(old_highlight_id, report_id))
        except ValueError as exc:
            if "belongs to another node" not in str(exc):
                raise
            highlight = store.add_highlight(node_id, author_id, start, end, color=item.color,
                                            comment_html=item.comment_html)
        store.set_orphan_resolution(report_id, old_highlight_id, "reattached", highlight.id)
    return on_nodes(node_id, result=highlight)


def undo_reattach(store: Store, author_id: str, report_id: str, old_highlight_id: str) -> Changes:
    """Take a re-attached orphan off the text again; it is an open orphan once more."""
    item = store.orphan(report_id, old_highlight_id)
    if item.author_id != author_id:
        raise EditionError(f"this orphan is {item.author}'s highlight; only its author can change it")
    if item.resolution != "reattached" or item.highlight_id is None:
        raise EditionError("this orphan is not re-attached")
    with store.transaction():
        node_id = store.highlight(item.highlight_id).node_id
        store.delete_highlight(item.highlight_id)
        store.set_orphan_resolution(report_id, old_highlight_id, None)
    return on_nodes(node_id, result=item.highlight_id)


def discard_orphan(store: Store, author_id: str, report_id: str, old_highlight_id: str) -> Changes:
    """Set an orphan aside for good (its original stays in the old edition)."""
    item = _open_orphan(store, author_id, report_id, old_highlight_id)
    store.set_orphan_resolution(report_id, old_highlight_id, "discarded")
    return on_nodes(item.old_node_id, result=old_highlight_id)


def undo_discard(store: Store, author_id: str, report_id: str, old_highlight_id: str) -> Changes:
    """Bring a discarded orphan back into the list."""
    item = store.orphan(report_id, old_highlight_id)
    if item.author_id != author_id or item.resolution != "discarded":
        raise EditionError("this orphan is not one of yours that was discarded")
    store.set_orphan_resolution(report_id, old_highlight_id, None)
    return on_nodes(item.old_node_id, result=old_highlight_id)


__all__ = ["EditionSummary", "discard_orphan", "import_edition", "import_edition_file", "orphans",
           "reattach_orphan", "undo_discard", "undo_reattach"]
