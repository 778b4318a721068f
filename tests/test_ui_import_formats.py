"""The window's Import dialog takes every format, and its summary lists what the importer removed or guessed."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog

from editor.store import Store
from editor.ui.dialogs import ImportReportDialog
from tests.ui_helpers import close_window, dialogs, open_window  # noqa: F401


@pytest.mark.parametrize("kind", ["latex_pdf_no_bookmarks", "libreoffice_docx", "html", "markdown"])
def test_import_dialog_reads_each_format_and_shows_its_warnings(qtbot, tmp_path, made, dialogs, monkeypatch,
                                                                kind):
    empty = tmp_path / "empty.sqlite"
    Store.open(empty).close()
    window = open_window(qtbot, empty)
    offered: list[str] = []
    shown: list[tuple[str, list[str]]] = []

    def choose(parent, caption="", directory="", file_filter="", *args, **kwargs):
        offered.append(file_filter)
        return str(made[kind]), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    monkeypatch.setattr(ImportReportDialog, "show_result", classmethod(
        lambda cls, parent, title, summary, warnings: shown.append((title, warnings)) or (None, True)))
    try:
        with qtbot.waitSignal(window.importer.imported, timeout=30000):
            window.import_report_dialog()
        assert window.model.rowCount() == 10
        assert all(f"*.{ext}" in offered[0] for ext in ("pdf", "docx", "md", "html", "txt"))
        [(title, warnings)] = shown
        assert title.startswith("2025年")
        if kind == "latex_pdf_no_bookmarks":
            assert "no bookmarks: headings found by numbering" in warnings
            assert any(w.startswith("removed ") and "page numbers" in w for w in warnings)
        if kind == "html":
            assert any("not the report" in w for w in warnings)
    finally:
        close_window(window)


def test_summary_dialog_lists_the_pdf_warnings(qtbot, tmp_path, made):
    from editor.importing import read_report

    report = read_report(made["latex_pdf_no_bookmarks"])
    dialog = ImportReportDialog(report.title, "10 chapters, 46 sections, 128 points", report.warnings)
    qtbot.addWidget(dialog)
    dialog.show()
    items = [dialog.warning_list.item(row).text() for row in range(dialog.warning_list.count())]
    assert items == report.warnings and "no bookmarks: headings found by numbering" in items
    dialog.grab().save(str(tmp_path / "summary.png"))
