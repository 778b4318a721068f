"""Tag and analyst names from any file are shown as the characters they are, never as markup."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel

from editor.core.report import ParsedNode, ParsedReport
from editor.store import Store
from editor.ui.outline.model import Column
from editor.ui.plain_text import plain_tooltip
from tests.ui_helpers import close_window, dialogs, open_window  # noqa: F401

IMAGE_TAG = '<img src="file:///etc/hosts">'
HUGE_TAG = "<span style=font-size:120px>大</span>"
HOSTILE_AUTHOR = "<b style=color:red>Mallory</b>"


@pytest.fixture
def hostile_db(tmp_path):
    path = tmp_path / "names.sqlite"
    with Store.open(path) as store:
        info, _ = store.add_report(ParsedReport(title="<h1>報告</h1>", nodes=[
            ParsedNode("一", "1", 1, "<i>監管</i>", "監管趨嚴。")]))
        node = store.find_node(info.id, "1")
        mallory = store.ensure_author(HOSTILE_AUTHOR)
        for name in (IMAGE_TAG, HUGE_TAG):
            store.add_node_tag(node.id, name, mallory.id)
        store.add_highlight(node.id, mallory.id, 0, 2, comment_html="<p>看這裡</p>")
    return path


def _rendered(tooltip: str) -> str:
    """What Qt shows for a tooltip: its rich text rendered to plain characters."""
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def test_tag_chips_and_labels_show_the_names_literally(qtbot, hostile_db, dialogs):
    window = open_window(qtbot, hostile_db, "Ana")
    try:
        node = window.store.find_node(window.report_id, "1")
        window.select_node(node.id)
        chips = window.inspector.tags.tags()
        assert sorted(chip.name for chip in chips) == sorted([IMAGE_TAG, HUGE_TAG])
        labels = [label for label in window.inspector.tags.findChildren(QLabel) if label.text() in (IMAGE_TAG, HUGE_TAG)]
        assert len(labels) == 2
        assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
        # No label anywhere in the inspector would take a name for markup.
        for label in window.inspector.findChildren(QLabel):
            if "<" in label.text():
                assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
        # Tooltips are escaped: rendered, they read as the names themselves.
        index = window.model.index_for_node_id(node.id, Column.Tags)
        assert IMAGE_TAG in _rendered(index.data(Qt.ItemDataRole.ToolTipRole))
        title = window.model.index_for_node_id(node.id, Column.Title)
        assert "<i>監管</i>" in _rendered(title.data(Qt.ItemDataRole.ToolTipRole))
        highlight = window.store.highlights(node.id)[0]
        assert HOSTILE_AUTHOR in _rendered(plain_tooltip(window.reading_pane.tooltip_for(highlight)))
        window.inspector.grab().save(str(hostile_db.with_name("names.png")))
    finally:
        close_window(window)


def test_plain_tooltip_escapes_and_keeps_lines():
    assert _rendered(plain_tooltip("a <b>b</b>\nc & d")) == "a <b>b</b>\nc & d"
    assert plain_tooltip("") == ""
