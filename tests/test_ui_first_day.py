"""What a new analyst hit on the first day in the window (issue points 1, 2, 4, 5), with real key events."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from editor.ui.inspector.highlights import COMMENT_PAUSE_MS
from editor.ui.inspector.note import SAVE_PAUSE_MS
from editor.ui.settings import WindowSettings
from tests.ui_helpers import close_window, dialogs, open_window, press, sample_db, select, window  # noqa: F401


def _highlight_with_h(qtbot, window, path: str = "1.1.1"):
    node = select(window, path)
    start = node.body.index("農村居民收入")
    window.reading_pane.select_body_text(node.id, start, start + 6)
    window.reading_pane.setFocus()
    press(qtbot, window.reading_pane, Qt.Key.Key_H)
    [highlight] = window.store.highlights(node.id)
    return node, highlight


def test_h_puts_the_cursor_in_the_new_highlights_comment_and_escape_returns(qtbot, window):  # point 2
    _node, highlight = _highlight_with_h(qtbot, window)
    comment = window.inspector.highlights.comment
    assert QApplication.focusWidget() is comment
    press(qtbot, comment, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.reading_pane
    assert window.inspector.highlights.current_id() == highlight.id


def test_typing_a_comment_across_a_pause_keeps_focus_and_every_key(qtbot, window):  # point 1
    node, highlight = _highlight_with_h(qtbot, window)
    comment = window.inspector.highlights.comment
    qtbot.keyClicks(comment, "abc")
    qtbot.wait(COMMENT_PAUSE_MS + 300)  # the pause saves "abc"; the list is refreshed meanwhile
    assert window.store.highlight(highlight.id).comment_text == "abc"
    assert QApplication.focusWidget() is comment
    qtbot.keyClicks(comment, "def5")
    qtbot.wait(COMMENT_PAUSE_MS + 300)
    assert window.store.highlight(highlight.id).comment_text == "abcdef5"
    assert window.store.ratings(node.id) == []  # the 5 was text, not a rating
    assert comment.toPlainText() == "abcdef5" and QApplication.focusWidget() is comment


def test_n_on_an_existing_note_puts_the_cursor_at_the_end(qtbot, window):  # point 4
    node = select(window, "1.2")
    window.store.save_note(node.id, window.author.id, "<p>first line</p>")
    window.reload()
    select(window, "1.2")
    window.tree.setFocus()
    press(qtbot, window.tree, Qt.Key.Key_N)
    editor = window.inspector.note.editor
    assert QApplication.focusWidget() is editor
    qtbot.keyClicks(editor, " more")
    editor.clearFocus()  # focus change saves at once
    assert window.store.note(node.id, window.author.id).text == "first line more"


def test_typing_is_saved_on_a_short_pause_and_the_open_node_survives_a_crash(qtbot, sample_db):
    assert SAVE_PAUSE_MS <= 300 and COMMENT_PAUSE_MS <= 300
    window = open_window(qtbot, sample_db)
    node = select(window, "3.1")
    window.focus_note()
    qtbot.keyClicks(window.inspector.note.editor, "kept")
    qtbot.wait(SAVE_PAUSE_MS + 100)
    assert window.store.note(node.id, window.author.id).text == "kept"
    # A kill -9 runs no close handler: what is on disk already must say where the analyst was.
    assert WindowSettings().tree_state(window.report_id)[1] == node.id
    window.store.close()
    window.deleteLater()


def test_every_dimension_can_be_rated_from_the_keyboard(qtbot, window):  # point 3
    from editor.ui.window_actions import shortcut_rows

    node = select(window, "2.1")
    window.tree.setFocus()
    impact, likelihood, confidence = window.store.dimensions()[:3]
    press(qtbot, window.tree, Qt.Key.Key_4)
    press(qtbot, window.tree, Qt.Key.Key_3, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, window.tree, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    ratings = {r.dimension_id: r.value for r in window.store.ratings(node.id)}
    assert ratings == {impact.id: 4, likelihood.id: 3, confidence.id: 2}
    press(qtbot, window.tree, Qt.Key.Key_0, Qt.KeyboardModifier.ShiftModifier)
    assert {r.dimension_id for r in window.store.ratings(node.id)} == {impact.id, confidence.id}
    rows = dict(shortcut_rows(window.actions))
    assert rows["Rate the second dimension 1–5"] == "Shift+1 … Shift+5"
    assert rows["Rate the third dimension 1–5"] == "Alt+1 … Alt+5"


def test_unresolved_conflicts_show_in_the_status_bar_with_a_link(qtbot, tmp_path, dialogs, monkeypatch):
    from editor.ui.conflicts_dialog import ConflictsDialog
    from tests.test_merge_support import analyst_db, merge_copy

    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    laptop = analyst_db(tmp_path / "laptop.sqlite", "Alice", alice.author.id)
    alice.store.save_note(alice.node("1.1"), alice.author.id, "<p>起點</p>")
    merge_copy(alice.store, laptop.store, tmp_path, "to-laptop.sqlite")
    alice.store.save_note(alice.node("1.1"), alice.author.id, "<p>桌機版</p>")
    laptop.store.save_note(laptop.node("1.1"), alice.author.id, "<p>筆電版</p>")
    merge_copy(laptop.store, alice.store, tmp_path, "from-laptop.sqlite")
    laptop.store.close()
    alice.store.close()

    window = open_window(qtbot, tmp_path / "alice.sqlite", "Alice")
    label = window.status.conflicts
    assert label.isVisibleTo(window) and "1 conflict(s) to review" in label.text()
    opened: list = []
    monkeypatch.setattr(ConflictsDialog, "review", classmethod(lambda cls, host: opened.append(host) or ([], False)))
    label.linkActivated.emit("#conflicts")
    assert opened == [window]
    dialog = ConflictsDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.keep_mine.click()
    assert not label.isVisibleTo(window)  # resolved: the link goes
    window.undo()
    assert label.isVisibleTo(window)  # and comes back with the conflict
    close_window(window)


def test_the_rating_filter_offers_every_dimension(qtbot, window):  # point 3
    node = select(window, "3.1")
    likelihood = window.store.dimensions()[1]
    window.tree.setFocus()
    press(qtbot, window.tree, Qt.Key.Key_4, Qt.KeyboardModifier.ShiftModifier)
    bar = window.filter_bar
    labels = [bar.rating_combo.itemText(i) for i in range(bar.rating_combo.count())]
    assert "Likelihood ≥ 4" in labels and "Confidence ≥ 1" in labels
    bar.rating_combo.setCurrentIndex(bar.rating_index(4, likelihood.id))
    assert node.id in window.visible_node_ids()
    assert len(window.visible_node_ids()) == 2  # the section and its chapter
    bar.rating_combo.setCurrentIndex(bar.rating_index(5, likelihood.id))
    assert window.visible_node_ids() == []
