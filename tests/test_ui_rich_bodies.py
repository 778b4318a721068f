"""The reading pane shows a Word report's bold, italic and links over the plain text highlights point into."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor

from editor.core.conversion import Script
from editor.importing import read_report
from editor.store import Store
from tests.test_importing_rich_bodies import MARKDOWN
from tests.ui_helpers import close_window, dialogs, open_window, press, select  # noqa: F401


@pytest.fixture
def rich_window(qtbot, tmp_path, dialogs):
    source = tmp_path / "rich.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    docx = tmp_path / "rich.docx"
    subprocess.run(["pandoc", "-o", str(docx), str(source)], check=True, capture_output=True)
    db = tmp_path / "rich.sqlite"
    with Store.open(db) as store:
        store.add_report(read_report(docx))
    window = open_window(qtbot, db)
    yield window
    close_window(window)


def format_at(pane, position: int):
    cursor = QTextCursor(pane.document())
    cursor.setPosition(position + 1)  # the format of the character before the cursor
    return cursor.charFormat()


def test_bold_italic_and_links_are_drawn_and_a_highlight_after_them_lands_right(qtbot, rich_window):
    window = rich_window
    pane = window.reading_pane
    node = select(window, "1.1")
    text = pane.document().toPlainText()
    body_at = text.index(node.body)
    bold = body_at + node.body.index("strong")
    assert format_at(pane, bold).fontWeight() == QFont.Weight.Bold
    assert format_at(pane, bold - 2).fontWeight() != QFont.Weight.Bold
    assert format_at(pane, body_at + node.body.index("uneven")).fontItalic()
    link = format_at(pane, body_at + node.body.index("the source"))
    assert link.isAnchor() and link.anchorHref() == "https://example.org/a"
    assert not format_at(pane, body_at + node.body.index("a trap")).isAnchor()

    start = node.body.index("uneven")
    pane.select_body_text(node.id, start, start + len("uneven"))
    pane.setFocus()
    press(qtbot, pane, Qt.Key.Key_H)
    [highlight] = window.store.highlights(node.id)
    assert (highlight.exact, highlight.start, highlight.end) == ("uneven", start, start + 6)
    begin, end = pane.highlight_range(highlight.id)
    assert pane.document().toPlainText()[begin:end] == "uneven"
    # Redrawing the node's highlights keeps its styles.
    assert format_at(pane, bold).fontWeight() == QFont.Weight.Bold
    assert format_at(pane, begin).fontItalic() and format_at(pane, begin).background().color().isValid()
    window.resize(900, 600)
    pane.grab().save(str(window.store.path.with_name("rich.png")))


def test_styles_follow_the_text_shown_in_another_script(qtbot, rich_window):
    window = rich_window
    pane = window.reading_pane
    pane.set_script(Script.SIMPLIFIED)
    node = select(window, "1.1")
    body_at = pane.document().toPlainText().index(node.body)
    assert format_at(pane, body_at + node.body.index("strong")).fontWeight() == QFont.Weight.Bold
