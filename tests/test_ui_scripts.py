"""View › Show text in Simplified / Traditional / as written: display only, highlights on the text as written."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from editor.core.report import ParsedNode, ParsedReport
from editor.store import Store
from editor.ui.reading_pane import plain_text_at
from tests.ui_helpers import close_window, dialogs, open_window, press  # noqa: F401

# 軟體 and 記憶體 are Taiwan words: shown in Simplified they become 软件 and 内存 (2 → 2 and
# 3 → 2 characters), so offsets after them move.
BODY = "行動支付的軟體需要更多記憶體，監管機構關注風險。"


@pytest.fixture
def tw_window(qtbot, tmp_path, dialogs):
    path = tmp_path / "tw.sqlite"
    report = ParsedReport(title="臺灣報告", nodes=[ParsedNode("一", "1", 1, "趨勢", "", [
        ParsedNode("1.1", "1.1", 2, "行動支付", BODY)])])
    with Store.open(path) as store:
        store.add_report(report)
    window = open_window(qtbot, path)
    yield window
    close_window(window)


def _shown(window) -> str:
    return window.reading_pane.toPlainText()


def test_the_shortcut_shows_the_text_in_simplified_and_back(qtbot, tw_window):
    window = tw_window
    node = window.store.find_node(window.report_id, "1.1")
    window.select_node(node.id)
    assert BODY in _shown(window)
    press(qtbot, window.reading_pane, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    shown = _shown(window)
    assert "软件需要更多内存，监管机构关注风险" in shown and "軟體" not in shown
    assert window.actions.text_scripts["simplified"].isChecked()
    assert window.store.node(node.id).body == BODY  # the stored text never changes
    press(qtbot, window.reading_pane, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert BODY in _shown(window)


def test_a_highlight_made_in_simplified_lands_on_the_traditional_characters(tw_window):
    window = tw_window
    node = window.store.find_node(window.report_id, "1.1")
    window.set_text_script("simplified")
    window.select_node(node.id)
    pane = window.reading_pane
    for word in ("软件", "监管机构", "内存"):
        cursor = pane.document().find(word)  # what dragging over the word in Simplified selects
        assert cursor.hasSelection()
        pane.setTextCursor(cursor)
        window.highlight_selection()
    stored = sorted((h.start, h.end, h.exact) for h in window.store.highlights(node.id))
    assert stored == sorted([
        (BODY.index("軟體"), BODY.index("軟體") + 2, "軟體"),
        (BODY.index("監管機構"), BODY.index("監管機構") + 4, "監管機構"),
        (BODY.index("記憶體"), BODY.index("記憶體") + 3, "記憶體"),  # two characters shown, three stored
    ])
    # Drawn back over the converted words, and over the original ones when shown as written.
    for highlight in window.store.highlights(node.id):
        start, end = pane.highlight_range(highlight.id)
        assert plain_text_at(pane.document(), start, end) in ("软件", "监管机构", "内存")
    window.set_text_script("original")
    for highlight in window.store.highlights(node.id):
        start, end = window.reading_pane.highlight_range(highlight.id)
        assert plain_text_at(window.reading_pane.document(), start, end) == highlight.exact


def test_the_choice_is_remembered(qtbot, tw_window):
    window = tw_window
    window.set_text_script("traditional")
    assert window.settings.text_script() == "traditional"
