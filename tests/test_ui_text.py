"""Text at the Qt boundary: code points vs UTF-16 offsets (emoji, CJK Extension B) and note HTML."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from editor.core.report import ParsedNode, ParsedReport
from editor.store import Store
from editor.ui.note_html import NOTE_STYLESHEET, document_to_html
from editor.ui.reading_pane import plain_text_at
from editor.ui.textoffsets import codepoint_offset, utf16_length, utf16_offset
from tests.ui_helpers import close_window, dialogs, open_window  # noqa: F401

BODY = "前文😀中間𠀀後文，風險 risk 收尾。"


def test_offset_pair_round_trips_around_astral_characters():
    text = "a😀b𠀀c"
    assert utf16_length(text) == 7
    assert [utf16_offset(text, i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert [codepoint_offset(text, utf16_offset(text, i)) for i in range(len(text) + 1)] == list(range(6))
    assert codepoint_offset(text, 2) == 1  # inside the emoji's surrogate pair: the emoji's start
    assert utf16_offset(text, 99) == 7 and codepoint_offset(text, 99) == 5
    document = QTextDocument(text)
    assert document.characterCount() - 1 == utf16_length(text)  # Qt counts what we count


@pytest.fixture
def astral_window(qtbot, tmp_path, dialogs):
    path = tmp_path / "astral.sqlite"
    report = ParsedReport(title="Astral", nodes=[ParsedNode("一", "1", 1, "章", "", [
        ParsedNode("1.1", "1.1", 2, "節", BODY)])])
    with Store.open(path) as store:
        store.add_report(report)
    window = open_window(qtbot, path)
    yield window
    close_window(window)


def test_selection_after_an_emoji_and_extension_b_character_highlights_the_right_text(astral_window):
    window = astral_window
    node = window.store.find_node(window.report_id, "1.1")
    window.select_node(node.id)
    pane = window.reading_pane
    for word in ("中間", "後文", "risk"):
        cursor = pane.document().find(word)  # what a mouse drag over the word selects, in Qt's units
        assert cursor.hasSelection()
        pane.setTextCursor(cursor)
        window.highlight_selection()
    highlights = window.store.highlights(node.id)
    assert [(h.exact, h.start, h.end) for h in highlights] == [
        ("中間", BODY.index("中間"), BODY.index("中間") + 2),
        ("後文", BODY.index("後文"), BODY.index("後文") + 2),
        ("risk", BODY.index("risk"), BODY.index("risk") + 4),
    ]
    # And stored offsets are drawn back over the same characters.
    for highlight in highlights:
        start, end = pane.highlight_range(highlight.id)
        assert plain_text_at(pane.document(), start, end) == highlight.exact


def test_highlight_stored_elsewhere_is_painted_over_its_code_points(astral_window):
    window = astral_window
    node = window.store.find_node(window.report_id, "1.1")
    start = BODY.index("𠀀")
    highlight = window.store.add_highlight(node.id, window.author.id, start, start + 3)
    window.select_node(node.id)
    begin, end = window.reading_pane.highlight_range(highlight.id)
    assert plain_text_at(window.reading_pane.document(), begin, end) == "𠀀後文"
    assert end - begin == 4  # three code points, four UTF-16 units
    cursor = QTextCursor(window.reading_pane.document())
    cursor.setPosition(end - 1)
    assert cursor.charFormat().background().color().name().upper() == highlight.color.upper()


def _editor(html: str = "") -> QTextEdit:
    editor = QTextEdit()
    editor.document().setDefaultStyleSheet(NOTE_STYLESHEET)
    editor.setHtml(html)
    return editor


def test_note_html_keeps_what_the_toolbar_makes_and_round_trips(qapp):
    source = ('<p>Plain <b>bold</b> <i>it</i> <u>under</u> <s>gone</s> <span style="color:#c92a2a">red</span> '
              '<a href="https://example.org/?a=1&amp;b=2">link</a> &lt;tag&gt; 𠀀😀</p>'
              '<ul><li>one</li><li>two<ul><li>inner</li></ul></li><li>three</li></ul>'
              '<ol><li>first</li></ol><p>end</p>')
    editor = _editor(source)  # kept in a name: the document lives as long as its editor
    html = document_to_html(editor.document())
    assert html == ('<p>Plain <b>bold</b> <i>it</i> <u>under</u> <s>gone</s> '
                    '<span style="color: #c92a2a">red</span> <a href="https://example.org/?a=1&amp;b=2">link</a> '
                    '&lt;tag&gt; 𠀀😀</p><ul><li>one</li><li>two<ul><li>inner</li></ul></li><li>three</li></ul>'
                    '<ol><li>first</li></ol><p>end</p>')
    reopened = _editor(html)
    assert document_to_html(reopened.document()) == html  # stable: reopening changes nothing


def test_empty_note_is_empty_html(qapp):
    empty, blank = _editor(), _editor("<p></p><p></p>")
    assert document_to_html(empty.document()) == ""
    assert document_to_html(blank.document()) == ""


def test_a_huge_chapter_reads_on_for_a_while_then_says_how_much_is_left(qtbot, tmp_path, dialogs):
    from editor.ui.main_window import MAX_READ_ON
    points = [ParsedNode(f"1.{i}", f"1.{i}", 2, f"要點{i}", f"第{i}段正文。")
              for i in range(1, MAX_READ_ON + 51)]
    path = tmp_path / "huge.sqlite"
    with Store.open(path) as store:
        store.add_report(ParsedReport(title="Huge", nodes=[ParsedNode("一", "1", 1, "大章", "", points)]))
    window = open_window(qtbot, path)
    try:
        window.select_node(window.store.find_node(window.report_id, "1").id)
        text = window.reading_pane.toPlainText()
        assert f"第{MAX_READ_ON}段正文。" in text and f"第{MAX_READ_ON + 1}段正文。" not in text
        assert "… and 50 more parts below this one" in text
    finally:
        close_window(window)
