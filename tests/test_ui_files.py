"""Databases the window must refuse or open read-only, and reports imported from the window."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from editor.store import Store
from editor.ui.app import run_gui
from editor.ui.dialogs import ImportReportDialog
from tests.ui_helpers import (AUTHOR, close_window, dialogs, import_sample, open_window, press,  # noqa: F401
                              sample_db, select, window)


@pytest.fixture
def read_only_folder(monkeypatch):
    """Make one folder read-only as the OS reports it (tests run as root, whom chmod does not stop)."""
    real_access = os.access
    folders: list[Path] = []

    def access(path, mode, *args, **kwargs):
        target = Path(path)
        if mode & os.W_OK and any(target == f or f in target.parents for f in folders):
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    return folders


def _corrupt_copy(source: Path, target: Path) -> bytes:
    """A copy of a real database with pages in the middle overwritten by noise."""
    with sqlite3.connect(source) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(source.read_bytes())
    page = 4096
    for offset in range(2 * page, min(len(data), 6 * page)):
        data[offset] = (offset * 37) % 251
    target.write_bytes(bytes(data))
    return bytes(data)


def test_read_only_location_opens_read_only_with_a_banner_and_no_editing(qtbot, sample_db, dialogs,
                                                                        read_only_folder):
    with sqlite3.connect(sample_db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    read_only_folder.append(sample_db.parent)
    before = sample_db.read_bytes()
    window = open_window(qtbot, sample_db)
    assert window.store.read_only
    assert window.banner.isVisible() and "Read-only" in window.banner.text()
    assert "read-only" in window.windowTitle()
    node = select(window, "1.1.1")
    window.tree.setFocus()
    press(qtbot, window.tree, Qt.Key.Key_4)
    press(qtbot, window.tree, Qt.Key.Key_T)
    assert not window.inspector.tags.entry.isVisible()
    assert not window.actions.highlight.isEnabled() and not window.actions.rate[4].isEnabled()
    assert window.inspector.note.editor.isReadOnly()
    assert not window.inspector.ratings.stars(window.store.dimensions()[0].id).isEnabled()
    window.reading_pane.select_body_text(node.id, 0, 4)
    window.highlight_selection()
    assert window.store.ratings(node.id) == [] and window.store.highlights(node.id) == []
    close_window(window)
    assert sample_db.read_bytes() == before


def test_corrupted_database_is_refused_with_a_dialog_and_left_untouched(qtbot, sample_db, tmp_path, dialogs):
    broken = tmp_path / "broken.sqlite"
    before = _corrupt_copy(sample_db, broken)
    assert run_gui(broken, AUTHOR, smoke_test=True) == 2
    assert dialogs.kinds() == ["critical"]
    assert "damaged" in dialogs.texts() and str(broken) in dialogs.texts()
    assert broken.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("broken")) == ["broken.sqlite"]


def test_opening_a_bad_file_from_the_window_keeps_the_current_database(qtbot, window, tmp_path, dialogs,
                                                                       monkeypatch):
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    text_file = tmp_path / "notes.sqlite"
    text_file.write_text("not a database at all", encoding="utf-8")
    current = window.store.path
    for path in (foreign, text_file):
        before = path.read_bytes()
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, _path=path, **k: (str(_path), "")))
        window.open_database_dialog()
        assert path.read_bytes() == before
        assert window.store.path == current
    assert dialogs.kinds() == ["critical", "critical"]
    assert "not a Trendmark database" in dialogs.calls[0][2]
    assert "not a Trendmark database" in dialogs.calls[1][2]
    select(window, "1.1")  # still working on the original


def test_database_locked_by_another_program_is_refused(qtbot, window, tmp_path, sample_path, dialogs):
    other = tmp_path / "other.sqlite"
    import_sample(other, sample_path)
    holder = sqlite3.connect(other, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert not window.open_database(other)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "in use by another program" in dialogs.texts()


def test_open_and_new_database_switch_the_window(qtbot, window, tmp_path, sample_path, dialogs, monkeypatch):
    other = tmp_path / "second.sqlite"
    import_sample(other, sample_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(other), "")))
    window.open_database_dialog()
    assert window.store.path == other
    assert window.model.rowCount() == 10
    fresh = tmp_path / "fresh"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(fresh), "")))
    window.new_database_dialog()
    assert window.store.path == tmp_path / "fresh.sqlite"
    assert window.model.rowCount() == 0
    assert "No report" in window.reading_pane.toPlainText()
    assert window.windowTitle() == "Trendmark"
    assert window.settings.recent_databases()[:2] == [str(tmp_path / "fresh.sqlite"), str(other)]


def test_import_report_runs_in_the_background_and_shows_warnings(qtbot, tmp_path, sample_path, dialogs,
                                                                 monkeypatch):
    empty = tmp_path / "empty.sqlite"
    Store.open(empty).close()
    window = open_window(qtbot, empty)
    shown: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(ImportReportDialog, "show_result", classmethod(
        lambda cls, parent, title, summary, warnings: shown.append((title, warnings)) or (None, True)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(sample_path), "")))
    with qtbot.waitSignal(window.importer.imported, timeout=10000):
        window.import_report_dialog()
    assert window.model.rowCount() == 10
    assert "下沉市場" in window.windowTitle()
    [(title, warnings)] = shown
    assert title.startswith("2025年") and warnings  # the sample's quirks are reported
    assert len(window.store.reports()) == 1
    # The same file dropped again changes nothing.
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sample_path))])
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    # Qt only routes drag events that come from a real drag manager, so call the handlers it would call.
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    with qtbot.waitSignal(window.importer.imported, timeout=10000):
        window.dropEvent(drop)
    assert len(window.store.reports()) == 1 and len(shown) == 2
    close_window(window)


def test_import_of_an_unreadable_file_reports_the_importers_line(qtbot, window, tmp_path, dialogs):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01 nothing that looks like an outline \xff\xfe")
    with qtbot.waitSignal(window.importer.failed, timeout=10000):
        assert window.import_report_file(junk)
    assert dialogs.kinds() == ["warning"]
    assert "junk.txt" in dialogs.calls[0][2]
    assert len(window.store.reports()) == 1
