"""Bringing a report in, and reading what the database holds (outline, search)."""

from __future__ import annotations

from pathlib import Path

from editor.core.report import ParsedReport
from editor.operations.changes import NOTHING, Changes
from editor.store import Store


def import_report(store: Store, report: ParsedReport) -> Changes:
    """Add a parsed report; ``result`` is (ReportInfo, created). The same report twice changes nothing."""
    info, created = store.add_report(report)
    if not created:
        return NOTHING.with_result((info, False))
    return Changes(outline=True, reports=True, result=(info, True))


def import_file(store: Store, path: Path) -> Changes:
    """Read a report file and add it (the file is parsed before anything is written)."""
    from editor.importing import read_report  # the window opens without the importer loaded

    return import_report(store, read_report(path))


def remove_report(store: Store, report_id: str) -> Changes:
    """Take an imported report out again (undo of an import that created it)."""
    store.remove_report(report_id)
    return Changes(outline=True, reports=True)
