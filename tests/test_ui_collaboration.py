"""The menus that reach other analysts' work: PDF export, merge, conflicts, agreement; and the status bar's storage."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from editor.store import Store
from editor.ui.agreement_dialog import AgreementDialog
from editor.ui.conflicts_dialog import ConflictsDialog
from editor.ui.export_pdf_dialog import ExportPdfDialog
from editor.ui.merge_dialog import MergeDialog
from editor.ui.outline.model import Column, Roles
from editor.ui.window_actions import shortcut_rows
from tests.ui_helpers import (close_window, dialogs, import_sample, node_by_path, open_window, sample_db,  # noqa: F401
                              select, type_text, window)


@pytest.fixture
def theirs(tmp_path, sample_path):
    """A colleague's database: the same report, with Bo's tag and note on 2.1 and a rating on 1.2."""
    path = tmp_path / "bo.sqlite"
    report_id = import_sample(path, sample_path)
    with Store.open(path) as store:
        bo = store.ensure_author("Bo Colleague")
        section = store.find_node(report_id, "2.1")
        store.add_node_tag(section.id, "Policy", bo.id)
        store.save_note(section.id, bo.id, "<p>Bo was here</p>")
        store.set_rating(store.find_node(report_id, "1.2").id, store.dimensions()[0].id, bo.id, 1)
    return path


def test_pdf_export_entry_opens_its_dialog_with_the_typed_note_saved(qtbot, window, monkeypatch):
    asked: list = []
    monkeypatch.setattr(ExportPdfDialog, "get_choice", classmethod(
        lambda cls, parent, store, report_id, author_id: asked.append((parent, report_id, author_id)) or (None, False)))
    node = select(window, "1.3")
    window.focus_note()
    type_text(qtbot, window.inspector.note.editor, "in the PDF")
    window.actions.export_pdf.trigger()
    assert asked == [(window, window.report_id, window.author.id)]
    assert window.store.note(node.id, window.author.id).text == "in the PDF"
    assert dict(shortcut_rows(window.actions))["Annotated PDF"] == "Ctrl+P"


def test_merging_a_colleagues_database_updates_the_tree_and_inspector(qtbot, window, theirs, monkeypatch):
    merged: list = []

    def merge(cls, parent, session, path=None):
        dialog = cls(session, theirs, parent)
        dialog.run_merge()  # what the dialog's Merge button does
        merged.append(dialog.merge_result)
        return dialog.merge_result, True

    monkeypatch.setattr(MergeDialog, "merge", classmethod(merge))
    section = select(window, "2.1")
    assert window.model.summary(section.id) is None
    window.actions.merge.trigger()
    assert merged and merged[0].changed
    tags = window.model.index_for_node_id(section.id, Column.Tags).data(Roles.Tags)
    assert [name for name, _color in tags] == ["Policy"]
    assert window.current_node_id() == section.id  # the analyst stays where they were
    assert window.inspector.colleague_notes.texts() == ["Note by Bo Colleague\nBo was here"]
    # The merge is one undo step: Undo takes the colleague's work out again, in the tree too.
    assert window.session.undo_stack.count() == 1
    window.undo()
    assert window.model.summary(section.id) is None
    assert window.store.notes(section.id) == []
    window.redo()
    assert [name for name, _color in window.model.index_for_node_id(section.id, Column.Tags).data(Roles.Tags)] == [
        "Policy"]


def test_merge_is_offered_only_for_a_writable_database(qtbot, sample_db, dialogs, monkeypatch):
    window = open_window(qtbot, sample_db)
    assert window.actions.merge.isEnabled()
    store = window.store
    window.set_database(Store.open(sample_db, read_only=True), window.author)
    assert store is not window.store
    assert not window.actions.merge.isEnabled()
    close_window(window)


def test_review_conflicts_entry_opens_its_dialog(window, monkeypatch):
    opened: list = []
    monkeypatch.setattr(ConflictsDialog, "review", classmethod(
        lambda cls, host: opened.append(host) or ([], False)))
    window.actions.review_conflicts.trigger()
    assert opened == [window]


def test_agreement_dialog_opens_beside_the_window_and_jumps_to_a_node(qtbot, window):
    store = window.store
    bo = store.ensure_author("Bo Colleague")
    impact = store.dimensions()[0].id
    node = node_by_path(window, "5.2")
    store.set_rating(node.id, impact, window.author.id, 5)
    store.set_rating(node.id, impact, bo.id, 1)
    select(window, "1.1")
    window.actions.agreement.trigger()
    [dialog] = [w for w in QApplication.topLevelWidgets() if isinstance(w, AgreementDialog) and w.isVisible()]
    assert dialog.parent() is window and not dialog.isModal()
    table = dialog.disagreements
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "5.2")
    table.cellClicked.emit(row, 0)
    assert window.current_node_id() == node.id
    # A node the filter hides is shown by clearing the filter.
    window.filter_bar.annotated_check.setChecked(True)
    other = next(n for n in window.store.nodes(window.report_id) if n.id not in window.visible_node_ids())
    dialog.node_requested.emit(other.id)
    assert window.current_node_id() == other.id and window.filter_bar.criteria().is_empty()
    dialog.close()


def test_status_bar_says_how_the_database_is_stored(window):
    assert window.store.storage_mode == "local (WAL)"
    assert window.status.storage.text() == "Local database (WAL)"
    assert "write-ahead log" in window.status.storage.toolTip()
    window.status.set_storage("network drive (rollback journal)")
    assert window.status.storage.text() == "Network drive: rollback journal"
    assert "network drive" in window.status.storage.toolTip()
