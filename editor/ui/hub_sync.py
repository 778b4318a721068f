"""File › Sync with team hub…: sync now, optionally every few minutes, and a status-bar field saying how it stands."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMainWindow, QMenu, QMessageBox

from editor.core.errors import TrendmarkError
from editor.operations.hub import shown_address, sync, sync_status
from editor.ui.i18n import translate

AUTO_SYNC_MINUTES = 5


class HubSync(QObject):
    """The window's link to a team hub: the two File menu actions, the timer and the status field."""

    def __init__(self, window: QMainWindow, file_menu: QMenu, before: QAction) -> None:
        super().__init__(window)
        self.window = window
        self.error = ""
        self.sync_action = QAction(translate("HubSync", "S&ync with team hub…"), window)
        self.sync_action.setStatusTip(translate("HubSync", "Send your changes to the team hub and fetch "
                                                            "everyone else's"))
        self.sync_action.triggered.connect(self.prompt)
        self.auto_action = QAction(translate("HubSync", "Sync with the hub every {n} minutes").format(
            n=AUTO_SYNC_MINUTES), window)
        self.auto_action.setCheckable(True)
        self.auto_action.setChecked(window.settings.hub_auto_sync())  # type: ignore[attr-defined]
        self.auto_action.toggled.connect(self.set_auto)
        file_menu.insertAction(before, self.sync_action)
        file_menu.insertAction(before, self.auto_action)
        self.timer = QTimer(self)
        self.timer.setInterval(AUTO_SYNC_MINUTES * 60 * 1000)
        self.timer.timeout.connect(lambda: self.sync_now(None, quiet=True))
        self.label = QLabel(window)
        self.label.setObjectName("StatusHub")
        window.statusBar().addPermanentWidget(self.label)
        self.set_auto(self.auto_action.isChecked())
        self.refresh()

    @property
    def _session(self):
        return self.window.session  # type: ignore[attr-defined]

    def address(self) -> str:
        """The remembered hub address (never with a password)."""
        return self.window.settings.hub_address()  # type: ignore[attr-defined]

    def prompt(self) -> None:
        """Ask for the hub's address (remembered, without any password), then sync."""
        address, ok = QInputDialog.getText(
            self.window, translate("HubSync", "Sync with team hub"),
            translate("HubSync", "Hub address (postgresql://role@host/database or service=NAME);\n"
                                 "the password comes from ~/.pgpass and is never stored:"),
            QLineEdit.EchoMode.Normal, self.address())
        if ok and address.strip():
            self.window.settings.set_hub_address(shown_address(address))  # type: ignore[attr-defined]
            self.sync_now(address.strip())

    def set_auto(self, on: bool) -> None:
        self.window.settings.set_hub_auto_sync(on)  # type: ignore[attr-defined]
        if on and self.address():
            self.timer.start()
        else:
            self.timer.stop()

    def sync_now(self, address: str | None, *, quiet: bool = False) -> bool:
        """Sync with ``address`` (else the remembered one); a failure marks the hub offline."""
        address = address or self.address()
        session = self._session
        if not address or session.read_only:
            return False
        session.flush()
        try:
            changes = sync(session.store, address, session.author.id)
        except TrendmarkError as exc:
            self.error = str(exc)
            self.refresh()
            if not quiet:
                QMessageBox.warning(self.window, translate("HubSync", "Sync with team hub"), self.error)
            return False
        self.error = ""
        session.announce(changes)
        if self.auto_action.isChecked():
            self.timer.start()
        self.refresh()
        return True

    def refresh(self) -> None:
        """Last sync, pending changes, or offline."""
        session = self._session
        status = sync_status(session.store, session.author.id)
        if self.error:
            self.label.setText(translate("HubSync", "Hub: offline"))
            self.label.setToolTip(self.error)
        elif status.synced_at is None:
            self.label.setText("")
            self.label.setToolTip("")
        else:
            when = datetime.fromisoformat(status.synced_at.replace("Z", "+00:00")).astimezone()
            self.label.setText(translate("HubSync", "Hub: synced {time} · {n} pending").format(
                time=when.strftime("%H:%M"), n=status.pending))
            self.label.setToolTip(translate("HubSync", "Last sync with {hub}").format(hub=self.address()))
        self.label.setVisible(bool(self.label.text()))
