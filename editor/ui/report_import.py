"""Importing a report from the window: parse in a worker thread, store in the GUI thread.

Parsing a large file takes long enough to freeze the window, so it runs in a QThread
while a progress dialog shows. The database write happens back in the GUI thread (the
store's connection belongs to it) as the store's single all-or-nothing transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from editor.core.errors import TrendmarkError
from editor.core.report import ParsedReport
from editor.operations.reports import import_report
from editor.ui.dialogs import ImportReportDialog
from editor.ui.i18n import translate
from editor.ui.session import AnnotationSession


def parse_report_file(path: Path) -> ParsedReport:
    """Read and parse a report file (runs in the worker thread)."""
    from editor.importing import read_report  # imported late: the window opens without the importer loaded
    return read_report(path)


class _ParseThread(QThread):
    parsed = Signal(object)  # ParsedReport
    failed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path

    def run(self) -> None:
        try:
            report = parse_report_file(self.path)
        except TrendmarkError as exc:
            self.failed.emit(str(exc))
        except (OSError, UnicodeError, ValueError) as exc:
            self.failed.emit(f"{self.path.name}: {exc}")
        else:
            self.parsed.emit(report)


class ReportImporter(QObject):
    """Runs one import at a time and tells the window which report to show afterwards."""

    imported = Signal(str)  # report id, once stored (also when it was already there)
    failed = Signal(str)

    def __init__(self, parent: QWidget, session_provider: Callable[[], AnnotationSession]) -> None:
        super().__init__(parent)
        self._parent = parent
        self._session_provider = session_provider
        self._threads: set[_ParseThread] = set()  # kept alive until Qt says they finished
        self._busy = False
        self._progress: QProgressDialog | None = None
        self._cancelled = False

    def is_running(self) -> bool:
        """An import is between file choice and its result being handled."""
        return self._busy

    def start(self, path: Path) -> bool:
        """Begin importing ``path``; False if another import is still running."""
        if self._busy:
            return False
        self._busy = True
        self._cancelled = False
        progress = QProgressDialog(translate("ReportImporter", "Reading {name}…").format(name=path.name),
                                   translate("ReportImporter", "Cancel"), 0, 0, self._parent)
        progress.setWindowTitle(translate("ReportImporter", "Importing report"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)  # small files finish before a dialog would flash
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self._cancel)
        self._progress = progress
        thread = _ParseThread(path, self)
        thread.parsed.connect(self._store_report)
        thread.failed.connect(self._fail)
        thread.finished.connect(lambda: self._forget(thread))
        self._threads.add(thread)
        thread.start()
        return True

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Block until parse threads are done (used when the window closes mid-import)."""
        return all(thread.wait(timeout_ms) for thread in list(self._threads))

    def _cancel(self) -> None:
        self._cancelled = True

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.canceled.disconnect(self._cancel)  # closing it emits canceled(); that is not the analyst
            self._progress.reset()
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None

    def _forget(self, thread: _ParseThread) -> None:
        self._threads.discard(thread)
        thread.deleteLater()

    def _fail(self, message: str) -> None:
        self._busy = False
        self._close_progress()
        if self._cancelled:
            return
        QMessageBox.warning(self._parent, translate("ReportImporter", "Import failed"), message)
        self.failed.emit(message)

    def _store_report(self, report: ParsedReport) -> None:
        self._busy = False
        if self._cancelled:
            self._close_progress()
            return
        if self._progress is not None:
            self._progress.setLabelText(translate("ReportImporter", "Saving {title}…").format(title=report.title))
        session = self._session_provider()
        # Not an undo step (a report is not taken out again); the undo history stays as it was.
        changes = session.apply(lambda: import_report(session.store, report))
        if changes is None:
            self._fail(session.last_error)
            return
        info, created = changes.result
        self._close_progress()
        counts = report.counts()
        summary = translate("ReportImporter", "{chapters} chapters, {sections} sections, {points} points.").format(
            chapters=counts.get(1, 0), sections=counts.get(2, 0),
            points=sum(n for level, n in counts.items() if level >= 3))
        if not created:
            summary += " " + translate("ReportImporter", "This report was already in the database; "
                                       "nothing was changed.")
        ImportReportDialog.show_result(self._parent, info.title, summary, list(report.warnings))
        self.imported.emit(info.id)
