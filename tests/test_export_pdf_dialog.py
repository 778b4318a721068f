"""File › Export › Annotated PDF…: the options dialog and the export running beside the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from editor.export import ExportOptions
from editor.ui import export_pdf_dialog
from editor.core.filenames import safe_file_stem
from editor.ui.session import AnnotationSession
from editor.ui.export_pdf_dialog import ExportPdfDialog, PdfExportChoice, add_pdf_export_action
from tests.export_fixtures import annotated_sample


class _Inspector:
    def __init__(self) -> None:
        self.flushes = 0

    def flush(self) -> None:
        self.flushes += 1


class _Window(QMainWindow):
    """What the PDF action needs from the main window: store, report, author, its session."""

    def __init__(self, sample) -> None:
        super().__init__()
        self.store = sample.store
        self.report_id = sample.report_id
        self.author = sample.alice
        self.inspector = _Inspector()
        self.session = AnnotationSession(sample.store, sample.alice)
        self.session.flushRequested.connect(self.inspector.flush)


@pytest.fixture(scope="module")
def sample():
    sample = annotated_sample()
    yield sample
    sample.store.close()


@pytest.fixture
def window(qtbot, sample):
    window = _Window(sample)
    qtbot.addWidget(window)
    yield window
    window.close()  # waits for an export still running


def test_dialog_choices_become_export_options(qtbot, sample, tmp_path):
    dialog = ExportPdfDialog(sample.store, sample.report_id, sample.alice.id)
    qtbot.addWidget(dialog)
    assert dialog.path_edit.text().endswith(safe_file_stem(sample.store.report(sample.report_id).title) + ".pdf")
    dialog.path_edit.setText(str(tmp_path / "client copy"))
    dialog.page_size.setCurrentIndex(dialog.page_size.findData("Letter"))
    dialog.annotated_only.setChecked(True)
    dialog.only_mine.setChecked(True)
    dialog.min_rating.setCurrentIndex(dialog.min_rating.findData(3))
    for row in range(dialog.tags.count()):
        item = dialog.tags.item(row)
        if item.text() == "監管":
            item.setCheckState(item.checkState().Checked)
    dialog.script.setCurrentIndex(dialog.script.findData("simplified"))
    choice = dialog.choice()
    assert choice.path == tmp_path / "client copy.pdf"
    assert choice.options == ExportOptions(annotated_only=True, tags=("監管",), min_rating=3,
                                           only_author_id=sample.alice.id, page_size="Letter", script="simplified")


def test_a_missing_folder_is_made_and_an_impossible_one_is_explained(qtbot, sample, tmp_path):  # issue 14 point 8
    dialog = ExportPdfDialog(sample.store, sample.report_id, sample.alice.id)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    missing = tmp_path / "Documents" / "reports"
    dialog.path_edit.setText(str(missing / "x.pdf"))
    assert ok.isEnabled() and "will be created" in dialog.path_note.text()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    dialog.path_edit.setText(str(blocker / "x.pdf"))
    assert not ok.isEnabled() and "cannot be written" in dialog.path_note.text()
    dialog.path_edit.setText("")
    assert not ok.isEnabled() and dialog.path_note.text() == "Choose the file to write."
    dialog.path_edit.setText(str(missing / "x.pdf"))
    dialog.accept()
    assert missing.is_dir() and dialog.result() == dialog.DialogCode.Accepted


def test_file_names_from_titles_are_safe():
    assert safe_file_stem('報告: 2025/Q1 "draft"?') == "報告 2025 Q1 draft"
    assert safe_file_stem("...") == "report"


def test_export_runs_beside_the_window_and_writes_the_pdf(qtbot, window, tmp_path, monkeypatch):
    out = tmp_path / "annotated.pdf"
    monkeypatch.setattr(ExportPdfDialog, "get_choice",
                        classmethod(lambda cls, *args: (PdfExportChoice(out, ExportOptions()), True)))
    menu = QMenu(window)
    action = add_pdf_export_action(window, menu)
    assert action in menu.actions()
    progress_values = []

    def tick() -> None:
        dialog = action.exporter.progress_dialog()
        progress_values.append(dialog.value() if dialog is not None else None)

    timer = QTimer(window)
    timer.timeout.connect(tick)
    timer.start(5)
    with qtbot.waitSignal(action.exporter.written, timeout=60000) as written:
        action.trigger()
        assert action.exporter.is_running()
    timer.stop()
    qtbot.waitUntil(lambda: not action.exporter.is_running())
    assert written.args == [str(out)]
    assert len(PdfReader(out).pages) > 5
    assert window.inspector.flushes == 1
    # The event loop kept running while the PDF was made (the window never froze), and the
    # progress dialog moved forward.
    seen = [value for value in progress_values if value is not None]
    assert len(progress_values) >= 3 and seen
    assert seen == sorted(seen) and seen[-1] > 0


def test_cancel_stops_the_export_and_leaves_no_file(qtbot, window, tmp_path, monkeypatch):
    out = tmp_path / "cancelled.pdf"
    monkeypatch.setattr(ExportPdfDialog, "get_choice",
                        classmethod(lambda cls, *args: (PdfExportChoice(out, ExportOptions()), True)))
    action = add_pdf_export_action(window, QMenu(window))
    with qtbot.waitSignal(action.exporter.cancelled, timeout=60000):
        action.trigger()
        action.exporter.cancel()
    assert not out.exists()
    qtbot.waitUntil(lambda: not action.exporter.is_running())
    assert list(tmp_path.iterdir()) == []


def test_a_bad_filter_is_reported_without_starting(qtbot, window, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    monkeypatch.setattr(ExportPdfDialog, "get_choice", classmethod(
        lambda cls, *args: (PdfExportChoice(tmp_path / "x.pdf", ExportOptions(tags=("no such tag",))), True)))
    action = add_pdf_export_action(window, QMenu(window))
    action.trigger()
    assert not action.exporter.is_running()
    assert warnings and "no such tag" in warnings[0]
    assert list(tmp_path.iterdir()) == []


def test_without_a_report_the_action_explains_instead(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(ExportPdfDialog, "get_choice", classmethod(
        lambda cls, *args: pytest.fail("the dialog must not open without a report")))
    window.report_id = ""
    action = add_pdf_export_action(window, QMenu(window))
    action.trigger()
    assert shown == ["Import or open a report first."]


def test_the_dialog_remembers_folder_and_page_size(qtbot, sample, tmp_path):
    dialog = ExportPdfDialog(sample.store, sample.report_id, sample.alice.id)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "a.pdf"))
    dialog.page_size.setCurrentIndex(dialog.page_size.findData("Letter"))
    dialog.remember()
    again = ExportPdfDialog(sample.store, sample.report_id, sample.alice.id)
    qtbot.addWidget(again)
    assert Path(again.path_edit.text()).parent == tmp_path
    assert again.page_size.currentData() == "Letter"
    assert export_pdf_dialog.config_dir() in Path(export_pdf_dialog._settings().fileName()).parents


def test_closing_the_window_mid_export_stops_it_cleanly(qtbot, sample, tmp_path, monkeypatch):
    out = tmp_path / "closing.pdf"
    monkeypatch.setattr(ExportPdfDialog, "get_choice",
                        classmethod(lambda cls, *args: (PdfExportChoice(out, ExportOptions()), True)))
    window = _Window(sample)
    qtbot.addWidget(window)
    action = add_pdf_export_action(window, QMenu(window))
    action.trigger()
    assert action.exporter.is_running()
    window.close()
    # The thread has ended (the close waited for it); either it finished or it stopped early.
    assert action.exporter.wait(0)
    assert not any(p.name.startswith(".closing.") for p in tmp_path.iterdir())
