"""Bringing a report in, and reading what the database holds (outline, search)."""

from __future__ import annotations

from pathlib import Path

from editor.core.annotations import ReportInfo
from editor.core.report import ParsedReport
from editor.operations.changes import NOTHING, Changes
from editor.store import Store

CURRENT_REPORT = "current_report"  # meta key: the report last imported or opened


def import_report(store: Store, report: ParsedReport) -> Changes:
    """Add a parsed report; ``result`` is (ReportInfo, created). The same report twice changes nothing."""
    with store.transaction():
        info, created = store.add_report(report)
        if created:
            store.set_meta(CURRENT_REPORT, info.id)
    if not created:
        return NOTHING.with_result((info, False))
    return Changes(outline=True, reports=True, result=(info, True))


def open_report(store: Store, report_id: str) -> None:
    """Remember the report the analyst has open, for commands that do not name one."""
    if not store.read_only and store.get_meta(CURRENT_REPORT) != report_id:
        store.set_meta(CURRENT_REPORT, report_id)


def current_report(store: Store) -> tuple[ReportInfo, bool]:
    """(the report last imported or opened, whether there are several to choose from)."""
    reports = store.reports()
    if len(reports) <= 1:
        return store.report(None), False
    wanted = store.get_meta(CURRENT_REPORT)
    # Without a remembered one (a database of an older version): the newest import.
    return next((r for r in reports if r.id == wanted), reports[-1]), True


def import_file(store: Store, path: Path) -> Changes:
    """Read a report file and add it (the file is parsed before anything is written)."""
    from editor.importing import read_report  # the window opens without the importer loaded

    return import_report(store, read_report(path))

