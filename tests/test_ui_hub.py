"""File › Sync with team hub…: the address typed once (remembered without its password), the status field, auto sync."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from editor.operations.hub import sync
from tests.test_hub_support import hub, pg_server  # noqa: F401
from tests.test_merge_support import analyst_db
from tests.ui_helpers import close_window, dialogs, open_window, sample_db  # noqa: F401


def _answer_address(qtbot, text: str) -> None:
    def type_it():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QInputDialog)
        edit = box.findChild(QLineEdit)
        edit.selectAll()
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    QTimer.singleShot(50, type_it)


def test_sync_from_the_window_shows_colleagues_work_and_the_status(qtbot, hub, sample_db, dialogs, tmp_path):
    window = open_window(qtbot, sample_db)
    try:
        me = window.session.author.id
        role = hub.role(me, password="window-pw")
        bo = analyst_db(tmp_path / "bo.sqlite", "Bo")
        bo_url = hub.url(hub.role(bo.author.id))
        first = bo.node(next(iter(bo.nodes)))
        bo.store.save_note(first, bo.author.id, "<p>Bo via the hub</p>")
        sync(bo.store, bo_url, bo.author.id)

        address = hub.url(role, "window-pw")
        _answer_address(qtbot, address)
        window.hub.sync_action.trigger()
        assert dialogs.calls == []
        assert window.store.note(first, bo.author.id).html == "<p>Bo via the hub</p>"
        assert window.hub.label.text().startswith("Hub: synced") and "0 pending" in window.hub.label.text()
        remembered = window.settings.hub_address()
        assert "window-pw" not in remembered and role in remembered

        # An edit waits as pending until the next sync.
        window.store.save_note(first, me, "<p>mine</p>")
        window.hub.refresh()
        assert "1 pending" in window.hub.label.text()

        # The server unreachable: offline, said in the status bar only when syncing on its own.
        window.settings.set_hub_address(f"postgresql://{role}@127.0.0.1:1/{hub.dbname}")
        assert not window.hub.sync_now(None, quiet=True)
        assert window.hub.label.text() == "Hub: offline" and "cannot reach" in window.hub.label.toolTip()
        assert dialogs.calls == []

        # Automatic sync is off by default; switching it on starts the timer and is remembered.
        assert not window.hub.auto_action.isChecked() and not window.hub.timer.isActive()
        window.hub.auto_action.trigger()
        assert window.hub.timer.isActive() and window.settings.hub_auto_sync()
        window.hub.label.grab().save(str(tmp_path / "hub-status.png"))
    finally:
        close_window(window)
