"""Shared fixtures and helpers for the window tests: a sample database, the real window, patched dialogs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from editor.importing import read_report
from editor.store import Store
from editor.ui.database import author_for
from editor.ui.main_window import MainWindow
from editor.ui.outline.model import Column
from editor.ui.settings import WindowSettings

AUTHOR = "Ana Analyst"

# Widgets need a QApplication, not just a QGuiApplication. Made while tests are collected, so it
# exists before any test (a PDF export, say) can create a GUI-only application that would leave
# every window test after it unable to start.
_APPLICATION = QApplication.instance() or QApplication(["trendmark-tests"])


@dataclass
class DialogLog:
    """Message boxes the code under test tried to show (none is shown for real)."""

    calls: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, title, text)

    def kinds(self) -> list[str]:
        return [kind for kind, _title, _text in self.calls]

    def texts(self) -> str:
        return "\n".join(f"{title}: {text}" for _kind, title, text in self.calls)


@pytest.fixture
def dialogs(monkeypatch) -> DialogLog:
    """Patch QMessageBox's static functions so no test ever blocks on a modal box."""
    log = DialogLog()

    def fake(kind: str, answer=QMessageBox.StandardButton.Ok):
        def show(parent, title, text, *args, **kwargs):
            log.calls.append((kind, title, text))
            return answer
        return staticmethod(show)

    for kind in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, fake(kind))
    return log


def import_sample(db_path: Path, sample_path: Path) -> str:
    """Import the sample report into a database file; returns the report id."""
    with Store.open(db_path) as store:
        info, _created = store.add_report(read_report(sample_path))
        return info.id


@pytest.fixture
def sample_db(tmp_path, sample_path) -> Path:
    """A database file with the sample report imported."""
    path = tmp_path / "annotations.sqlite"
    import_sample(path, sample_path)
    return path


def open_window(qtbot, db_path: Path, author: str = AUTHOR) -> MainWindow:
    """The real main window on ``db_path``, shown offscreen, with the tree focused."""
    store = Store.open(db_path)
    window = MainWindow(store, author_for(store, author), settings=WindowSettings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def close_window(window: MainWindow) -> None:
    """Close like the analyst does (flushes, saves state) and release the database."""
    window.close()
    if window.store is not None:
        window.store.close()


@pytest.fixture
def window(qtbot, sample_db, dialogs):
    """The main window on a fresh sample database."""
    win = open_window(qtbot, sample_db)
    yield win
    close_window(win)


def reopen(qtbot, window: MainWindow) -> MainWindow:
    """Close the window and open a new one on the same database file."""
    path = window.store.path
    close_window(window)
    return open_window(qtbot, path)


def node_by_path(window: MainWindow, path: str):
    """The node with outline path ``path`` in the window's report."""
    return window.store.find_node(window.report_id, path)


def select(window: MainWindow, path: str):
    """Make the node at ``path`` current, as a click in the tree would; returns it."""
    node = node_by_path(window, path)
    assert window.select_node(node.id), f"{path} is not visible in the tree"
    assert window.current_node_id() == node.id
    return node


def cell_rect(window: MainWindow, node_id: str, column: Column):
    """Viewport rectangle of a node's cell in the tree."""
    source = window.model.index_for_node_id(node_id, column)
    index = window.proxy.mapFromSource(source)
    return window.tree.visualRect(index)


def star_point(window: MainWindow, node_id: str, star: int) -> QPoint:
    """Where to click in the tree to give a node ``star`` stars."""
    rect = window.tree.star_delegate.star_rect(cell_rect(window, node_id, Column.Rating), star)
    return rect.center()


def live_state(store: Store, report_id: str) -> dict:
    """The database's live annotations for a report, without timestamps: what undo must restore."""
    return {
        "node_tags": sorted((n.id, nt.tag.name, nt.author_id) for n in store.nodes(report_id)
                            for nt in store.node_tags(n.id)),
        "ratings": sorted((r.node_id, r.dimension_id, r.author_id, r.value)
                          for r in store.ratings(report_id=report_id)),
        "notes": sorted((n.node_id, n.author_id, n.html, n.text) for n in store.notes(report_id=report_id)),
        "highlights": sorted((h.id, h.node_id, h.start, h.end, h.exact, h.color, h.comment_html, h.comment_text)
                             for h in store.highlights(report_id=report_id)),
        "highlight_tags": sorted((h.id, t.name) for h in store.highlights(report_id=report_id)
                                 for t in store.highlight_tags(h.id)),
        "dimensions": [(d.id, d.name) for d in store.dimensions()],
    }


def press(qtbot, widget, key: Qt.Key | str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press as the analyst makes it (through the shortcut system, like a real keyboard)."""
    if isinstance(key, str):
        qtbot.keyClicks(widget, key, modifier)
    else:
        qtbot.keyClick(widget, key, modifier)


def type_text(qtbot, widget, text: str) -> None:
    """Type ``text`` into a line or text edit: key clicks for ASCII, input-method style insert otherwise.

    QTest can only synthesise ASCII keys; Chinese arrives through an input method, which
    inserts committed text, so that is what is simulated for it.
    """
    if text.isascii():
        qtbot.keyClicks(widget, text)
    elif hasattr(widget, "insertPlainText"):
        widget.insertPlainText(text)
    else:
        widget.insert(text)
