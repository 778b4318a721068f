"""Every edit made in the window undoes and redoes to exactly the database state before and after it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from editor.ui.dialogs import Preferences, PreferencesDialog
from tests.ui_helpers import (dialogs, live_state, press, sample_db, select, type_text,  # noqa: F401
                              window)


def _undo_redo_round_trip(qtbot, window, before, after):
    """Undo restores ``before``, redo restores ``after``, through the Edit menu's keys."""
    window.tree.setFocus()
    press(qtbot, window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert live_state(window.store, window.report_id) == before
    press(qtbot, window.tree, Qt.Key.Key_Z,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert live_state(window.store, window.report_id) == after
    window.undo()
    assert live_state(window.store, window.report_id) == before


def test_undo_redo_tag_add_and_remove(qtbot, window):
    node = select(window, "1.1.1")
    before = live_state(window.store, window.report_id)
    type_text(qtbot, window.inspector.tags.entry, "Demand")
    qtbot.keyClick(window.inspector.tags.entry, Qt.Key.Key_Return)
    after = live_state(window.store, window.report_id)
    assert after != before
    assert window.session.undo_stack.undoText() == "Add tag “Demand”"
    _undo_redo_round_trip(qtbot, window, before, after)
    assert [chip.name for chip in window.inspector.tags.tags()] == []  # the inspector follows the undo
    window.redo()
    qtbot.mouseClick(window.inspector.tags.remove_button("Demand"), Qt.MouseButton.LeftButton)
    removed = live_state(window.store, window.report_id)
    assert removed == before
    _undo_redo_round_trip(qtbot, window, after, removed)
    assert window.store.node_tags(node.id) != []


def test_undo_redo_ratings(qtbot, window):
    select(window, "2.1")
    window.tree.setFocus()
    press(qtbot, window.tree, Qt.Key.Key_2)
    before = live_state(window.store, window.report_id)
    press(qtbot, window.tree, Qt.Key.Key_5)
    after = live_state(window.store, window.report_id)
    assert [r[3] for r in after["ratings"]] == [5]
    _undo_redo_round_trip(qtbot, window, before, after)
    assert [r[3] for r in live_state(window.store, window.report_id)["ratings"]] == [2]
    # Clearing is undone back to the value.
    window.redo()
    press(qtbot, window.tree, Qt.Key.Key_0)
    cleared = live_state(window.store, window.report_id)
    assert cleared["ratings"] == []
    _undo_redo_round_trip(qtbot, window, after, cleared)


def test_undo_of_a_note_edit_restores_the_previous_html(qtbot, window):
    node = select(window, "1.2.1")
    window.focus_note()
    editor = window.inspector.note.editor
    qtbot.keyClicks(editor, "first version")
    window.inspector.note.flush()
    editor.clearFocus()
    window.tree.setFocus()  # leaving the editor ends the typing run
    first = live_state(window.store, window.report_id)
    window.focus_note()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " and more")
    window.inspector.note.flush()
    second = live_state(window.store, window.report_id)
    assert window.store.note(node.id, window.author.id).text == "first version and more"
    window.undo()
    assert live_state(window.store, window.report_id) == first
    assert window.inspector.note.current_html() == "<p>first version</p>"
    window.redo()
    assert live_state(window.store, window.report_id) == second
    window.undo()
    window.undo()
    assert window.store.note(node.id, window.author.id) is None
    assert window.inspector.note.current_html() == ""


def test_pending_typing_is_saved_before_undo_so_undo_removes_it(qtbot, window):
    node = select(window, "1.2.2")
    before = live_state(window.store, window.report_id)
    window.focus_note()
    qtbot.keyClicks(window.inspector.note.editor, "typed just now")
    assert window.inspector.note.is_pending()
    window.undo()  # saves, then undoes that save
    assert live_state(window.store, window.report_id) == before
    window.redo()
    assert window.store.note(node.id, window.author.id).text == "typed just now"


def test_typing_with_pauses_is_one_undo_step(qtbot, window):
    node = select(window, "1.2.2")
    window.focus_note()
    editor = window.inspector.note.editor
    qtbot.keyClicks(editor, "one")
    window.inspector.note.flush()  # the pause timer firing
    qtbot.keyClicks(editor, " two")
    window.inspector.note.flush()
    assert window.store.note(node.id, window.author.id).text == "one two"
    assert window.session.undo_stack.count() == 1
    window.undo()
    assert window.store.note(node.id, window.author.id) is None


def test_undo_redo_highlight_add_recolour_comment_tag_delete(qtbot, window):
    node = select(window, "1.1.1")
    before = live_state(window.store, window.report_id)
    window.reading_pane.select_body_text(node.id, 2, 8)
    window.highlight_selection()
    added = live_state(window.store, window.report_id)
    [highlight_id] = [h[0] for h in added["highlights"]]
    _undo_redo_round_trip(qtbot, window, before, added)
    assert window.reading_pane.highlight_range(highlight_id) is None  # no longer drawn
    window.redo()
    assert window.reading_pane.highlight_range(highlight_id) is not None
    # Same row revived, not a new one.
    assert [h[0] for h in live_state(window.store, window.report_id)["highlights"]] == [highlight_id]

    panel = window.inspector.highlights
    panel.select(highlight_id)
    panel.colorRequested.emit(highlight_id, "#A5D8FF")
    recoloured = live_state(window.store, window.report_id)
    _undo_redo_round_trip(qtbot, window, added, recoloured)
    window.redo()

    panel.comment.setFocus()
    qtbot.keyClicks(panel.comment, "source?")
    panel.flush()
    commented = live_state(window.store, window.report_id)
    assert commented["highlights"][0][7] == "source?"
    _undo_redo_round_trip(qtbot, window, recoloured, commented)
    window.redo()

    type_text(qtbot, panel.tags.entry, "證據")
    qtbot.keyClick(panel.tags.entry, Qt.Key.Key_Return)
    tagged = live_state(window.store, window.report_id)
    assert tagged["highlight_tags"] == [(highlight_id, "證據")]
    _undo_redo_round_trip(qtbot, window, commented, tagged)
    window.redo()

    qtbot.mouseClick(panel.tags.remove_button("證據"), Qt.MouseButton.LeftButton)
    untagged = live_state(window.store, window.report_id)
    assert untagged == commented
    _undo_redo_round_trip(qtbot, window, tagged, untagged)
    window.redo()

    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    deleted = live_state(window.store, window.report_id)
    assert deleted["highlights"] == []
    _undo_redo_round_trip(qtbot, window, untagged, deleted)


def test_undo_redo_dimension_rename_from_preferences(qtbot, window, monkeypatch):
    first = window.store.dimensions()[0]

    def choose(parent, prefs: Preferences, *, editable=True):
        return Preferences(language=prefs.language, dimensions=prefs.dimensions,
                           renamed={first.id: "Severity"}, added=[]), True

    monkeypatch.setattr(PreferencesDialog, "edit", classmethod(lambda cls, *a, **k: choose(*a, **k)))
    before = live_state(window.store, window.report_id)
    window.preferences_dialog()
    after = live_state(window.store, window.report_id)
    assert after["dimensions"][0] == (first.id, "Severity")
    assert window.model.headerData(1, Qt.Orientation.Horizontal) == "Severity"
    _undo_redo_round_trip(qtbot, window, before, after)
    assert window.model.headerData(1, Qt.Orientation.Horizontal) == "Impact"


def test_undo_follows_the_new_history_after_switching_database(qtbot, window):
    node = select(window, "1.2")
    window.tree.setFocus()
    press(qtbot, window.tree, Qt.Key.Key_3)
    assert window.actions.undo.isEnabled()
    old_stack = window.session.undo_stack
    window.set_database(window.store, window.author)  # as after File › Open: a fresh history
    assert not window.actions.undo.isEnabled() and window.actions.undo.text() == "&Undo"
    select(window, "1.2")
    window.tree.setFocus()
    press(qtbot, window.tree, Qt.Key.Key_4)
    old_stack.clear()  # what deleting the old history does: it must not touch the actions now
    qtbot.wait(10)  # the old history is deleted meanwhile
    assert window.actions.undo.isEnabled() and window.actions.undo.text().startswith("&Undo ")
    window.undo()
    assert [r.value for r in window.store.ratings(node.id)] == [3]


def test_undo_of_a_new_tag_also_takes_it_out_of_the_tag_list(qtbot, window):
    select(window, "1.1.1")
    type_text(qtbot, window.inspector.tags.entry, "Demand")
    qtbot.keyClick(window.inspector.tags.entry, Qt.Key.Key_Return)
    assert "Demand" in [tag.name for tag in window.store.tags()]
    window.undo()
    assert "Demand" not in [tag.name for tag in window.store.tags()]
    window.redo()
    assert "Demand" in [tag.name for tag in window.store.tags()]
    # Tagging a second node with the now existing tag: undoing that leaves the tag in the list.
    select(window, "1.2")
    type_text(qtbot, window.inspector.tags.entry, "demand")
    qtbot.keyClick(window.inspector.tags.entry, Qt.Key.Key_Return)
    window.undo()
    assert "Demand" in [tag.name for tag in window.store.tags()]


def test_undo_redo_dimension_add_from_preferences(qtbot, window, monkeypatch):
    def choose(parent, prefs: Preferences, *, editable=True):
        return Preferences(language=prefs.language, dimensions=prefs.dimensions, renamed={}, added=["Urgency"]), True

    monkeypatch.setattr(PreferencesDialog, "edit", classmethod(lambda cls, *a, **k: choose(*a, **k)))
    before = live_state(window.store, window.report_id)
    window.preferences_dialog()
    after = live_state(window.store, window.report_id)
    assert [name for _id, name in after["dimensions"]][-1] == "Urgency"
    assert window.session.undo_stack.undoText() == "Add dimension “Urgency”"
    _undo_redo_round_trip(qtbot, window, before, after)

    def shown() -> list[str]:
        qtbot.wait(5)  # let the replaced rows' deferred deletes run
        return [w.objectName() for w in window.inspector.ratings.findChildren(QWidget)
                if w.objectName().startswith("Stars:")]

    assert shown() == ["Stars:Impact", "Stars:Likelihood", "Stars:Confidence"]  # the inspector follows the undo
    window.redo()
    assert shown()[-1] == "Stars:Urgency"
