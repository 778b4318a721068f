"""The status bar: which database and how it is stored, who is annotating, whose work is shown,
and whether everything is saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from editor.store.filesystems import IN_MEMORY, LOCAL_WAL, NETWORK_ROLLBACK
from editor.ui.i18n import QT_TRANSLATE_NOOP, translate
from editor.ui.plain_text import text_label

# The store's storage modes as the status bar names and explains them.
_STORAGE = {
    LOCAL_WAL: (QT_TRANSLATE_NOOP("StatusPanel", "Local database (WAL)"),
                QT_TRANSLATE_NOOP("StatusPanel", "A local disk: every change is written at once to a "
                                                 "write-ahead log beside the database.")),
    NETWORK_ROLLBACK: (QT_TRANSLATE_NOOP("StatusPanel", "Network drive: rollback journal"),
                       QT_TRANSLATE_NOOP("StatusPanel", "The database is on a network drive, where a write-ahead "
                                                        "log is unsafe: changes use a rollback journal (slower "
                                                        "saves). Let only one computer open it at a time.")),
    IN_MEMORY: (QT_TRANSLATE_NOOP("StatusPanel", "In memory"),
                QT_TRANSLATE_NOOP("StatusPanel", "Nothing is written to disk.")),
}


class StatusPanel:
    """Permanent fields on the right of the status bar."""

    def __init__(self, bar: QStatusBar, parent: QWidget) -> None:
        self.bar = bar
        self.database = text_label("", parent)
        self.database.setObjectName("StatusDatabase")
        self.database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.storage = QLabel(parent)
        self.storage.setObjectName("StatusStorage")
        self.author = text_label("", parent)
        self.author.setObjectName("StatusAuthor")
        self.colleagues = QLabel(translate("StatusPanel", "Only your annotations"), parent)
        self.colleagues.setObjectName("StatusColleagues")
        self.colleagues.setToolTip(translate("StatusPanel", "Colleagues' annotations are hidden "
                                                            "(View › Colleagues' annotations)"))
        self.save_state = QLabel(parent)
        self.save_state.setObjectName("StatusSave")
        # "3 conflicts to review": a link to the review, shown only while there are some.
        self.conflicts = QLabel(parent)
        self.conflicts.setObjectName("StatusConflicts")
        self.conflicts.setTextFormat(Qt.TextFormat.RichText)
        self.conflicts.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                               | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.conflicts.hide()
        bar.addPermanentWidget(self.conflicts)
        bar.addPermanentWidget(self.database, 1)
        bar.addPermanentWidget(self.storage)
        bar.addPermanentWidget(self.author)
        bar.addPermanentWidget(self.colleagues)
        bar.addPermanentWidget(self.save_state)

    def set_conflicts(self, count: int) -> None:
        """Say how many merge conflicts wait for review (nothing when none)."""
        self.conflicts.setVisible(count > 0)
        if count:
            text = translate("StatusPanel", "{count} conflict(s) to review").format(count=count)
            self.conflicts.setText(f'<a href="#conflicts">{text}</a>')
            self.conflicts.setToolTip(translate("StatusPanel", "Texts a merge found changed on both sides: "
                                                               "click to review them"))

    def set_database(self, path: Path | None, read_only: bool) -> None:
        """Show the database path (and whether it is read-only)."""
        text = str(path) if path else translate("StatusPanel", "(in memory)")
        if read_only:
            text = translate("StatusPanel", "{path} (read-only)").format(path=text)
        self.database.setText(text)
        self.database.setToolTip(translate("StatusPanel", "Database: {path}").format(path=text))

    def set_storage(self, mode: str) -> None:
        """Say how the database is stored (``store.storage_mode``; hidden when the store does not tell)."""
        known = _STORAGE.get(mode)
        if known is None:
            self.storage.setText(mode)
            self.storage.setToolTip("")
        else:
            self.storage.setText(QCoreApplication.translate("StatusPanel", known[0]))
            self.storage.setToolTip(QCoreApplication.translate("StatusPanel", known[1]))
        self.storage.setVisible(bool(mode))

    def set_colleagues_shown(self, shown: bool) -> None:
        """Point out that colleagues' annotations are hidden (nothing is said while they are shown)."""
        self.colleagues.setVisible(not shown)

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
