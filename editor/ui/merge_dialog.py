"""File › Merge a colleague's database: choose the file, preview what it brings, merge in one step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel,
                               QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from editor.core.errors import TrendmarkError
from editor.operations.sharing import merge
from editor.store.merge import MergeResult
from editor.ui.commands import MergeCommand
from editor.ui.host import WindowHost
from editor.ui.i18n import translate
from editor.ui.session import AnnotationSession


class MergeDialog(QDialog):
    """Preview a merge (a dry run), then merge; both versions of a conflicting text are kept for review."""

    def __init__(self, session: AnnotationSession, path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge a colleague's database"))
        self.session = session
        self.store = session.store
        self.merge_result: MergeResult | None = None
        self.preview: MergeResult | None = None

        intro = QLabel(self.tr("Their notes, highlights, tags and ratings are added to this database. Where "
                               "both of you changed the same text, both versions are kept for you to review. "
                               "A backup copy is made first."), self)
        intro.setWordWrap(True)
        self.path_edit = QLineEdit(self)
        self.path_edit.setPlaceholderText(self.tr("Their database file (a copy made with Share)"))
        self.path_edit.editingFinished.connect(self.run_preview)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.summary = QPlainTextEdit(self)
        self.summary.setReadOnly(True)
        self.summary.setPlaceholderText(self.tr("Choose a file to see what merging it would change."))
        # Shown only for a file that adds rating dimensions or widens a scale: that changes how
        # everyone rates, so merging it waits for the analyst to agree.
        self.accept_dimensions = QCheckBox(self.tr("Accept the rating dimensions and scales this file changes"),
                                           self)
        self.accept_dimensions.setVisible(False)
        self.accept_dimensions.toggled.connect(self._update_merge_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.merge_button = self.buttons.addButton(self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_merge)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.accept_dimensions)
        layout.addWidget(self.buttons)
        self.resize(560, 380)
        if session.read_only:
            self.summary.setPlainText(self.tr("This database is read-only; nothing can be merged into it."))
            self.path_edit.setEnabled(False)
            browse.setEnabled(False)
        elif path is not None:
            self.path_edit.setText(str(path))
            self.run_preview()

    def browse(self) -> None:
        """Ask for their file, then preview it."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Merge a colleague's database"), self.path_edit.text(),
                                              self.tr("Trendmark databases (*.sqlite *.db);;All files (*)"))
        if path:
            self.path_edit.setText(path)
            self.run_preview()

    def chosen_path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    def run_preview(self) -> None:
        """Dry-run the merge and show what it would add, update and set aside."""
        path = self.chosen_path()
        self.preview = None
        self.merge_button.setEnabled(False)
        self.accept_dimensions.setVisible(False)
        self.accept_dimensions.setChecked(False)
        if path is None:
            self.summary.clear()
            return
        try:
            with _busy():
                self.preview = merge(self.store, path, dry_run=True).result
        except TrendmarkError as exc:
            self.summary.setPlainText(str(exc))
            return
        lines = [line for line in self.preview.summary_lines() if not line.startswith("dry run")]
        self.summary.setPlainText("\n".join(lines))
        self.accept_dimensions.setVisible(bool(self.preview.dimension_changes))
        self._update_merge_button()

    def _update_merge_button(self) -> None:
        preview = self.preview
        self.merge_button.setEnabled(preview is not None and preview.changed
                                     and (not preview.dimension_changes or self.accept_dimensions.isChecked()))

    def run_merge(self) -> None:
        """Merge for real (one transaction, after a backup; one step on the undo history) and close."""
        path = self.chosen_path()
        if path is None or self.preview is None:
            return
        command = MergeCommand(self.session, path, accept_dimensions=self.accept_dimensions.isChecked())
        with _busy():
            changes = self.session.push(command)
        if changes is None or command.result is None:
            self.summary.setPlainText(self.session.last_error)
            self.merge_button.setEnabled(False)
            return
        self.merge_result = command.result
        self.accept()

    @classmethod
    def merge(cls, parent: QWidget | None, session: AnnotationSession,
              path: Path | None = None) -> tuple[MergeResult | None, bool]:
        """Run the dialog; (the merge result, accepted)."""
        dialog = cls(session, path, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.merge_result, accepted and dialog.merge_result is not None


class _busy:
    """A wait cursor for the duration of a block."""

    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc_info: object) -> None:
        QGuiApplication.restoreOverrideCursor()


def open_merge_dialog(window: WindowHost) -> MergeResult | None:
    """File › Merge…: merge a colleague's database into the window's, then offer the conflicts.

    Pending typing is saved first. The merge is one step on the undo history: Undo puts
    the database back as it was before it; the window refreshes from the merge's Changes.
    """
    window.session.flush()
    result, accepted = MergeDialog.merge(window.as_parent(), window.session)
    if not accepted or result is None:
        return None
    if result.conflict_ids:
        answer = QMessageBox.question(
            window.as_parent(), translate("MergeDialog", "Merge"),
            translate("MergeDialog", "{count} text(s) were changed on both sides; both versions are kept. "
                      "Review them now?").format(count=len(result.conflict_ids)))
        if answer == QMessageBox.StandardButton.Yes:
            from editor.ui.conflicts_dialog import open_conflicts_dialog
            open_conflicts_dialog(window)
    return result
