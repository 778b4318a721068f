"""File › Export › Annotated PDF…: the options dialog, and the export running beside the window.

The annotations are collected in the GUI thread (a handful of queries: the store's
connection belongs to that thread); the PDF is then laid out, painted and written in
a QThread while a progress dialog shows, so the window stays responsive and Cancel
works. The file appears only when the export succeeded (written beside the target and
renamed into place).

``add_pdf_export_action(window, menu)`` is the one call the main window needs. The
window provides ``store``, ``report_id`` and ``author``; ``inspector.flush()`` is used,
when present, so that a note still being typed is in the export.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QStandardPaths, QThread, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QMainWindow, QMenu, QMessageBox, QProgressDialog, QPushButton, QVBoxLayout, QWidget,
)

from editor.core.errors import TrendmarkError
from editor.core.filenames import safe_file_stem
from editor.export.collect import ExportDocument
from editor.export.options import PAGE_SIZES, ExportCancelled, ExportOptions, ExportWarning
from editor.identity import config_dir
from editor.operations.exports import collect_pdf, write_pdf
from editor.ui.i18n import translate

if TYPE_CHECKING:
    from editor.store import Store

_CONTEXT = "PdfExport"  # update.py also collects translate(_CONTEXT, …) calls


@dataclass(frozen=True)
class PdfExportChoice:
    """What the analyst chose in the dialog."""

    path: Path
    options: ExportOptions
    open_when_done: bool = False


def _settings() -> QSettings:
    return QSettings(str(config_dir() / "export.ini"), QSettings.Format.IniFormat)


class ExportPdfDialog(QDialog):
    """Choose the file, the page size and which nodes and annotations the PDF includes."""

    def __init__(self, store: Store, report_id: str, author_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate(_CONTEXT, "Export annotated PDF"))
        report = store.report(report_id)
        settings = _settings()
        folder = str(settings.value("pdf/folder", "") or "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        self._author_id = author_id

        self.path_edit = QLineEdit(str(Path(folder) / (safe_file_stem(report.title) + ".pdf")), self)
        browse = QPushButton(translate(_CONTEXT, "Browse…"), self)
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        self.page_size = QComboBox(self)
        for size in PAGE_SIZES:
            self.page_size.addItem(size, size)
        self.page_size.setCurrentIndex(max(0, self.page_size.findData(settings.value("pdf/page_size", "A4"))))

        # The report's Chinese text as written or in one script (editor/core/conversion.py).
        self.script = QComboBox(self)
        for script, label in (("original", translate(_CONTEXT, "As written")),
                             ("simplified", translate(_CONTEXT, "Simplified Chinese")),
                             ("traditional", translate(_CONTEXT, "Traditional Chinese"))):
            self.script.addItem(label, script)
        self.script.setCurrentIndex(max(0, self.script.findData(settings.value("pdf/script", "original"))))

        self.annotated_only = QCheckBox(translate(_CONTEXT, "Only nodes with annotations"), self)
        self.only_mine = QCheckBox(translate(_CONTEXT, "Only my annotations"), self)
        self.tags = QListWidget(self)
        for tag in store.tags():
            item = QListWidgetItem(tag.name, self.tags)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.tags.setMaximumHeight(110)
        self.tags.setEnabled(self.tags.count() > 0)
        self.min_rating = QComboBox(self)
        self.min_rating.addItem(translate(_CONTEXT, "Any rating"), None)
        dimensions = store.dimensions()
        if dimensions:
            first = dimensions[0]
            for value in range(first.min, first.max + 1):
                self.min_rating.addItem(f"{first.name} ≥ {value}", value)
        self.open_when_done = QCheckBox(translate(_CONTEXT, "Open the PDF when it is ready"), self)
        self.open_when_done.setChecked(settings.value("pdf/open_when_done", "false") == "true")

        form = QFormLayout()
        form.addRow(translate(_CONTEXT, "File:"), path_row)
        form.addRow(translate(_CONTEXT, "Page size:"), self.page_size)
        form.addRow(translate(_CONTEXT, "Report text:"), self.script)
        form.addRow(translate(_CONTEXT, "Nodes:"), self.annotated_only)
        form.addRow(translate(_CONTEXT, "Tagged with any of:"), self.tags)
        form.addRow(translate(_CONTEXT, "Minimum rating:"), self.min_rating)
        form.addRow(translate(_CONTEXT, "Analysts:"), self.only_mine)
        hint = QLabel(translate(_CONTEXT, "Chapters, sections and points keep their ancestors, so the outline "
                                "stays whole; no tag ticked means every node."), self)
        hint.setWordWrap(True)
        hint.setObjectName("Placeholder")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate(_CONTEXT, "Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.path_edit.textChanged.connect(self._validate)
        # Why Export is off, or that a missing folder will be made: never a silent grey button.
        self.path_note = QLabel(self)
        self.path_note.setWordWrap(True)
        self.path_note.setObjectName("PathNote")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.path_note)
        layout.addWidget(hint)
        layout.addWidget(self.open_when_done)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._validate()

    def choice(self) -> PdfExportChoice:
        """The dialog's current choices as export options."""
        tags = tuple(self.tags.item(i).text() for i in range(self.tags.count())
                     if self.tags.item(i).checkState() == Qt.CheckState.Checked)
        path = Path(self.path_edit.text().strip()).expanduser()
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        options = ExportOptions(
            annotated_only=self.annotated_only.isChecked(),
            tags=tags,
            min_rating=self.min_rating.currentData(),
            only_author_id=self._author_id if self.only_mine.isChecked() else None,
            page_size=self.page_size.currentData(),
            script=self.script.currentData(),
        )
        return PdfExportChoice(path, options, self.open_when_done.isChecked())

    def remember(self) -> None:
        """Keep folder, page size and "open when done" for next time."""
        choice = self.choice()
        settings = _settings()
        settings.setValue("pdf/folder", str(choice.path.parent))
        settings.setValue("pdf/page_size", choice.options.page_size)
        settings.setValue("pdf/script", choice.options.script)
        settings.setValue("pdf/open_when_done", "true" if choice.open_when_done else "false")

    @classmethod
    def get_choice(cls, parent: QWidget | None, store: Store, report_id: str,
                   author_id: str) -> tuple[PdfExportChoice | None, bool]:
        """Run the dialog; (choice, accepted)."""
        dialog = cls(store, report_id, author_id, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if not accepted:
            return None, False
        dialog.remember()
        return dialog.choice(), True

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, translate(_CONTEXT, "Export annotated PDF"),
                                              self.path_edit.text(), translate(_CONTEXT, "PDF files (*.pdf)"))
        if path:
            self.path_edit.setText(path)

    def _validate(self) -> None:
        text = self.path_edit.text().strip()
        note, ok = "", True
        if not text:
            note, ok = translate(_CONTEXT, "Choose the file to write."), False
        else:
            folder = Path(text).expanduser().parent
            existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
            if existing is None or not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
                note, ok = translate(_CONTEXT, "The folder {folder} cannot be written here; choose another.").format(
                    folder=folder), False
            elif existing != folder:
                note = translate(_CONTEXT, "The folder {folder} will be created.").format(folder=folder)
        self.path_note.setText(note)
        self.path_note.setVisible(bool(note))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def accept(self) -> None:
        """Export: first make the chosen folder if it is missing (a fresh profile has no Documents)."""
        try:
            self.choice().path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.path_note.setText(translate(_CONTEXT, "The folder cannot be created: {error}").format(error=exc))
            self.path_note.show()
            return
        super().accept()


class _PdfThread(QThread):
    """Lays out, paints and writes one collected export."""

    progressed = Signal(int, int)
    written = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, document: ExportDocument, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._path = path
        self._stop = False  # set from the GUI thread; read here between steps
        self.notes: list[str] = []  # what the export could only approximate, read once it is written

    def request_stop(self) -> None:
        """Ask the export to stop at its next progress report (called from the GUI thread)."""
        self._stop = True

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._stop

    def run(self) -> None:
        """Write the PDF; report the outcome by signal."""
        try:
            # The filter is process-wide; only this export raises ExportWarning while it runs.
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", ExportWarning)
                write_pdf(self._document, self._path, self._progress)
            self.notes = [str(w.message) for w in caught if issubclass(w.category, ExportWarning)]
        except ExportCancelled:
            self.cancelled.emit()
        except TrendmarkError as exc:
            self.failed.emit(str(exc))
        except (OSError, ValueError, RuntimeError) as exc:
            self.failed.emit(translate(_CONTEXT, "The PDF could not be written: {error}").format(error=exc))
        else:
            self.written.emit(str(self._path))


class PdfExporter(QObject):
    """Runs one PDF export at a time for a window, with a progress dialog and Cancel."""

    written = Signal(str)  # the path of the finished PDF
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._thread: _PdfThread | None = None
        self._progress: QProgressDialog | None = None
        self._open_when_done = False
        # A window closing mid-export must not destroy a running thread (Qt aborts the process).
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Stop and wait for a running export when the window closes."""
        if watched is self._parent and event.type() == QEvent.Type.Close and self._thread is not None:
            self._thread.request_stop()
            self._thread.wait()
        return False

    def is_running(self) -> bool:
        """Whether an export is under way."""
        return self._thread is not None

    def start(self, store: Store, report_id: str, choice: PdfExportChoice) -> bool:
        """Collect the annotations now and write the PDF in the background; False if busy or refused."""
        if self._thread is not None:
            return False
        try:
            document = collect_pdf(store, report_id, choice.options)
        except (TrendmarkError, ValueError) as exc:
            self._warn(str(exc))
            return False
        self._open_when_done = choice.open_when_done
        progress = QProgressDialog(translate(_CONTEXT, "Writing {name}…").format(name=choice.path.name),
                                   translate(_CONTEXT, "Cancel"), 0, 100, self._parent)
        progress.setWindowTitle(translate(_CONTEXT, "Exporting PDF"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setValue(0)
        self._progress = progress
        thread = _PdfThread(document, choice.path, self)
        progress.canceled.connect(thread.request_stop)
        thread.progressed.connect(self._advance)
        thread.written.connect(self._written)
        thread.failed.connect(self._failed)
        thread.cancelled.connect(self._cancelled)
        thread.finished.connect(self._finished)
        self._thread = thread
        thread.start()
        return True

    def cancel(self) -> None:
        """Ask the running export to stop (nothing is written)."""
        if self._thread is not None:
            self._thread.request_stop()

    def wait(self, timeout_ms: int = 60000) -> bool:
        """Block until the export thread has ended (for closing the window mid-export)."""
        return self._thread.wait(timeout_ms) if self._thread is not None else True

    def progress_dialog(self) -> QProgressDialog | None:
        """The progress dialog of the running export."""
        return self._progress

    def _advance(self, done: int, total: int) -> None:
        if self._progress is not None and total > 0:
            self._progress.setValue(min(100, round(100 * done / total)))

    def _written(self, path: str) -> None:
        self._close_progress()
        bar = self._parent.statusBar() if isinstance(self._parent, QMainWindow) else None
        notes = self._thread.notes if self._thread is not None else []
        if bar is not None:
            message = translate(_CONTEXT, "Exported {path}").format(path=path)
            bar.showMessage(" — ".join([message, *notes]), 15000 if notes else 8000)
        if self._open_when_done:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        self.written.emit(path)

    def _failed(self, message: str) -> None:
        self._close_progress()
        self._warn(message)
        self.failed.emit(message)

    def _cancelled(self) -> None:
        self._close_progress()
        self.cancelled.emit()

    def _finished(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.deleteLater()

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self._parent, translate(_CONTEXT, "PDF export failed"), message)

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.canceled.disconnect()  # closing emits canceled(); that is not the analyst
            self._progress.reset()
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None


class PdfExportAction(QAction):
    """File › Export › Annotated PDF, carrying the exporter that runs it."""

    def __init__(self, text: str, window: QWidget, exporter: PdfExporter) -> None:
        super().__init__(text, window)
        self.exporter = exporter


def add_pdf_export_action(window, menu: QMenu) -> PdfExportAction:
    """Add "Annotated PDF…" to ``menu`` (File › Export), exporting ``window``'s current report.

    ``window`` provides ``store``, ``report_id`` and ``author`` (read when the action
    runs, so switching database or report needs no rewiring). The exporter is kept on
    the action as ``action.exporter`` (its ``written``/``failed``/``cancelled`` signals).
    """
    exporter = PdfExporter(window)
    action = PdfExportAction(translate(_CONTEXT, "Annotated &PDF…"), window, exporter)
    action.setShortcut(QKeySequence("Ctrl+P"))
    action.setStatusTip(translate(_CONTEXT, "Write the report with its tags, ratings, notes and highlights as a PDF"))

    def run() -> None:
        if exporter.is_running():
            return
        report_id = getattr(window, "report_id", "")
        if not report_id:
            QMessageBox.information(window, translate(_CONTEXT, "Export annotated PDF"),
                                    translate(_CONTEXT, "Import or open a report first."))
            return
        window.session.flush()  # the note being typed belongs in the export
        choice, accepted = ExportPdfDialog.get_choice(window, window.store, report_id, window.author.id)
        if accepted and choice is not None:
            exporter.start(window.store, report_id, choice)

    action.triggered.connect(lambda _checked=False: run())
    menu.addAction(action)
    window.addAction(action)  # the shortcut works with the menu closed
    return action
