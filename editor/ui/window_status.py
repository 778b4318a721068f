"""The status bar: which database, who is annotating, and whether everything is saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from editor.ui.i18n import translate


class StatusPanel:
    """Three permanent fields on the right of the status bar."""

    def __init__(self, bar: QStatusBar, parent: QWidget) -> None:
        self.bar = bar
        self.database = QLabel(parent)
        self.database.setObjectName("StatusDatabase")
        self.database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.author = QLabel(parent)
        self.author.setObjectName("StatusAuthor")
        self.save_state = QLabel(parent)
        self.save_state.setObjectName("StatusSave")
        bar.addPermanentWidget(self.database, 1)
        bar.addPermanentWidget(self.author)
        bar.addPermanentWidget(self.save_state)

    def set_database(self, path: Path | None, read_only: bool) -> None:
        """Show the database path (and whether it is read-only)."""
        text = str(path) if path else translate("StatusPanel", "(in memory)")
        if read_only:
            text = translate("StatusPanel", "{path} (read-only)").format(path=text)
        self.database.setText(text)
        self.database.setToolTip(translate("StatusPanel", "Database: {path}").format(path=text))

    def set_author(self, name: str) -> None:
        """Show who is annotating."""
        self.author.setText(translate("StatusPanel", "Analyst: {name}").format(name=name))

    def set_save_state(self, message: str, is_error: bool) -> None:
        """Show whether everything is saved, or the error to act on."""
        self.save_state.setText(message)
        self.save_state.setProperty("error", is_error)
        self.save_state.setToolTip(message)
        # Re-polish so the style sheet's [error="true"] rule follows the property.
        self.save_state.style().unpolish(self.save_state)
        self.save_state.style().polish(self.save_state)

    def save_text(self) -> str:
        """The save state as shown."""
        return self.save_state.text()
