"""File › Export (data formats) and File › Save a copy for sharing: ask for a file, write it, say how it went.

The data exports read the database in the window's thread (the store's connection belongs
to it) while a window-modal progress dialog keeps the window painted and offers Cancel;
the export writes beside the target and renames into place, so a failed or cancelled
export leaves nothing behind. Text still being typed is stored first, so it is included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from editor.core.errors import TrendmarkError
from editor.core.filenames import safe_file_stem
from editor.export import ExportCancelled, ExportOptions
from editor.operations.exports import export
from editor.operations.sharing import share
from editor.ui.i18n import plain_label, QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True)
class DataFormat:
    """One data export as the File › Export menu offers it."""

    code: str  # the format name export_report() and the command line use
    label: str  # menu text (untranslated source; see ``menu_text``)
    suffix: str
    file_filter: str  # file-dialog filter (untranslated source)

    def menu_text(self) -> str:
        """The menu entry in the interface language."""
        return QCoreApplication.translate("DataExport", self.label)

    def filter_text(self) -> str:
        """The file-dialog filter in the interface language."""
        return QCoreApplication.translate("DataExport", self.file_filter)


DATA_FORMATS: tuple[DataFormat, ...] = (
    DataFormat("json", QT_TRANSLATE_NOOP("DataExport", "&JSON…"), ".json",
               QT_TRANSLATE_NOOP("DataExport", "JSON files (*.json)")),
    DataFormat("csv", QT_TRANSLATE_NOOP("DataExport", "&CSV…"), ".csv",
               QT_TRANSLATE_NOOP("DataExport", "CSV files (*.csv)")),
    DataFormat("md", QT_TRANSLATE_NOOP("DataExport", "&Markdown…"), ".md",
               QT_TRANSLATE_NOOP("DataExport", "Markdown files (*.md)")),
    DataFormat("w3c", QT_TRANSLATE_NOOP("DataExport", "&W3C Web Annotation…"), ".jsonld",
               QT_TRANSLATE_NOOP("DataExport", "W3C Web Annotation (*.jsonld)")),
    DataFormat("qdpx", QT_TRANSLATE_NOOP("DataExport", "&REFI-QDA project…"), ".qdpx",
               QT_TRANSLATE_NOOP("DataExport", "REFI-QDA projects (*.qdpx)")),
)


def _with_suffix(path: Path, suffix: str) -> Path:
    # A name typed without the extension gets it; one typed with another extension is respected.
    return path if path.suffix else path.with_name(path.name + suffix)


class ExportActions:
    """Runs the window's data exports and the shared copy, with their file dialogs and messages."""

    def __init__(self, window) -> None:
        self.window = window

    # -- where files go -----------------------------------------------------------------------
    def _folder(self) -> Path:
        remembered = self.window.settings.export_folder()
        if remembered and Path(remembered).is_dir():
            return Path(remembered)
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    def suggested_path(self, fmt: DataFormat) -> Path:
        """Where an export is proposed: the last export folder, named after the report."""
        title = self.window.store.report(self.window.report_id).title if self.window.report_id else ""
        return self._folder() / (safe_file_stem(title) + fmt.suffix)

    def suggested_copy_path(self) -> Path:
        """Where a shared copy is proposed: named after the database, the analyst and the day."""
        store_path = self.window.store.path
        base = safe_file_stem(store_path.stem if store_path else "trendmark", "trendmark")
        author = safe_file_stem(self.window.author.name, "analyst")
        return self._folder() / f"{base} ({author}, {date.today().isoformat()}).sqlite"

    # -- data exports -----------------------------------------------------------------------------
    def export_dialog(self, code: str) -> Path | None:
        """File › Export › <format>…: ask for the file, then export; returns the path written."""
        fmt = next(f for f in DATA_FORMATS if f.code == code)
        if not self.window.report_id:
            QMessageBox.information(self.window, translate("DataExport", "Export"),
                                    translate("DataExport", "Import or open a report first."))
            return None
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, translate("DataExport", "Export {format}").format(format=plain_label(fmt.menu_text())),
            str(self.suggested_path(fmt)), fmt.filter_text())
        if not chosen:
            return None
        return self.export(code, _with_suffix(Path(chosen), fmt.suffix))

    def export(self, code: str, path: Path, options: ExportOptions | None = None) -> Path | None:
        """Export the window's report as ``code`` to ``path`` with a progress dialog; None if it failed.

        Every analyst's annotations are exported (the command line's ``--mine`` and the PDF
        dialog choose otherwise), with the report's text in the script the reading pane shows.
        """
        window = self.window
        window.session.flush()  # a note still being typed belongs in the export
        progress = QProgressDialog(translate("DataExport", "Writing {name}…").format(name=path.name),
                                   translate("DataExport", "Cancel"), 0, 0, window)
        progress.setWindowTitle(translate("DataExport", "Exporting"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)  # quick exports never flash a dialog
        progress.setAutoClose(False)
        progress.setAutoReset(False)

        def report(done: int, total: int) -> bool:
            # setValue() lets a window-modal dialog process events: it repaints and hears Cancel.
            progress.setMaximum(max(total, 1))
            progress.setValue(min(done, max(total, 1)))
            return not progress.wasCanceled()

        try:
            options = options or ExportOptions(script=window.reading_pane.script().value)
            written = export(window.store, code, path, window.report_id, options, report)
        except ExportCancelled:
            window.statusBar().showMessage(translate("DataExport", "Export cancelled; nothing was written."), 8000)
            return None
        except (TrendmarkError, OSError, ValueError) as exc:
            QMessageBox.critical(window, translate("DataExport", "Export failed"),
                                 translate("DataExport", "{path} could not be written:\n\n{error}").format(
                                     path=path, error=exc))
            return None
        finally:
            progress.reset()
            progress.close()
            progress.deleteLater()
        window.settings.set_export_folder(written.parent)
        window.statusBar().showMessage(translate("DataExport", "Exported {path}").format(path=written), 10000)
        return written

    # -- a copy to hand on --------------------------------------------------------------------------
    def share_copy_dialog(self) -> Path | None:
        """File › Save a copy for sharing…: ask for the file, then write the copy."""
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, translate("DataExport", "Save a copy for sharing"), str(self.suggested_copy_path()),
            translate("DataExport", "Trendmark databases (*.sqlite *.db);;All files (*)"))
        if not chosen:
            return None
        return self.share_copy(_with_suffix(Path(chosen), ".sqlite"))

    def share_copy(self, path: Path) -> Path | None:
        """Write a consistent, self-contained copy of the database to ``path``; None if refused."""
        window = self.window
        window.session.flush()  # pending typing goes into the copy
        try:
            written = share(window.store, path)
        except (TrendmarkError, OSError) as exc:
            QMessageBox.critical(window, translate("DataExport", "Save a copy for sharing"),
                                 translate("DataExport", "{path} could not be written:\n\n{error}").format(
                                     path=path, error=exc))
            return None
        window.settings.set_export_folder(written.parent)
        window.statusBar().showMessage(translate(
            "DataExport", "Saved a copy for sharing: {path} — a colleague merges it with File › Merge a "
            "colleague's database…").format(path=written), 15000)
        return written
