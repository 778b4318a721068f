"""The merge and conflict-review dialogs, on real databases of the sample, driven with qtbot."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from editor.store import Store
from editor.store.merge import open_conflicts
from editor.store.sharing import share_copy
from editor.ui.conflicts_dialog import ConflictsDialog, open_conflicts_dialog
from editor.ui.merge_dialog import MergeDialog, open_merge_dialog
from tests.test_merge_support import analyst_db, clock, merge_copy  # noqa: F401
from editor.ui.session import AnnotationSession
from tests.ui_helpers import close_window, dialogs, open_window, sample_db  # noqa: F401


def session_of(analyst) -> AnnotationSession:
    """The session a window would hold on an analyst's database."""
    return AnnotationSession(analyst.store, analyst.author)


@pytest.fixture
def colleague_copy(tmp_path, clock):
    """Bob's shared copy: a note, a rating and a tag on the sample."""
    bob = analyst_db(tmp_path / "bob.sqlite", "Bob")
    bob.store.save_note(bob.node("1.2"), bob.author.id, "<p>Bob 的筆記</p>")
    bob.store.set_rating(bob.node("1.2"), bob.store.dimension("impact").id, bob.author.id, 4)
    bob.store.add_node_tag(bob.node("1.2"), "機會", bob.author.id)
    path = share_copy(bob.store, tmp_path / "bob-share.sqlite")
    bob.store.close()
    return path


@pytest.fixture
def conflicted(tmp_path, clock):
    """Alice's database holding one note conflict (her own edit set aside), and the node's id."""
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    laptop = analyst_db(tmp_path / "laptop.sqlite", "Alice", alice.author.id)
    alice.store.save_note(alice.node("1.1"), alice.author.id, "<p>起點</p>")
    merge_copy(alice.store, laptop.store, tmp_path, "to-laptop.sqlite")
    alice.store.save_note(alice.node("1.1"), alice.author.id, "<p>桌機版</p>")
    laptop.store.save_note(laptop.node("1.1"), alice.author.id, "<p>筆電版</p>")
    merge_copy(laptop.store, alice.store, tmp_path, "from-laptop.sqlite")
    laptop.store.close()
    yield alice
    alice.store.close()


def test_the_merge_dialog_previews_then_merges(qtbot, tmp_path, colleague_copy, clock):
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    dialog = MergeDialog(session_of(alice), colleague_copy)
    qtbot.addWidget(dialog)
    preview = dialog.summary.toPlainText()
    assert preview.splitlines()[0] == "would merge bob-share.sqlite"
    assert "ratings: 1 added" in preview and "notes: 1 added" in preview
    assert alice.store.notes() == []  # a preview writes nothing
    assert dialog.merge_button.isEnabled()
    dialog.merge_button.click()
    assert dialog.merge_result is not None and dialog.merge_result.counts["notes"].added == 1
    assert [n.text for n in alice.store.notes()] == ["Bob 的筆記"]
    alice.store.close()


def test_a_file_that_cannot_be_merged_is_explained_and_merge_stays_off(qtbot, tmp_path, clock):
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    junk = tmp_path / "junk.sqlite"
    junk.write_text("hello", encoding="utf-8")
    dialog = MergeDialog(session_of(alice), junk)
    qtbot.addWidget(dialog)
    assert "not an SQLite file" in dialog.summary.toPlainText()
    assert not dialog.merge_button.isEnabled()
    alice.store.close()


def test_nothing_new_leaves_merge_off(qtbot, tmp_path, colleague_copy, clock):
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    dialog = MergeDialog(session_of(alice), colleague_copy)
    qtbot.addWidget(dialog)
    dialog.merge_button.click()
    again = MergeDialog(session_of(alice), colleague_copy)
    qtbot.addWidget(again)
    assert again.summary.toPlainText() == "would merge bob-share.sqlite: nothing new"
    assert not again.merge_button.isEnabled()
    alice.store.close()


def test_a_read_only_database_offers_no_merge(qtbot, tmp_path, colleague_copy, clock):
    analyst_db(tmp_path / "alice.sqlite", "Alice").store.close()
    with Store.open(tmp_path / "alice.sqlite", read_only=True) as reader:
        dialog = MergeDialog(AnnotationSession(reader, reader.authors()[0]), colleague_copy)
        qtbot.addWidget(dialog)
        assert not dialog.path_edit.isEnabled() and not dialog.merge_button.isEnabled()
        assert "read-only" in dialog.summary.toPlainText()


def test_merging_from_the_window_reloads_it_with_the_colleagues_work(qtbot, sample_db, dialogs, colleague_copy,
                                                                     monkeypatch):
    window = open_window(qtbot, sample_db)

    def run_for_real(parent, session, path=None):
        dialog = MergeDialog(session, colleague_copy, parent)
        dialog.run_merge()
        return dialog.merge_result, True

    monkeypatch.setattr(MergeDialog, "merge", classmethod(lambda cls, *args: run_for_real(*args)))
    result = open_merge_dialog(window)
    assert result is not None and result.counts["notes"].added == 1
    assert "機會" in [tag.name for tag in window.store.tags()]
    node = window.store.find_node(window.report_id, "1.2")
    summary = window.model.summary(node.id)  # the tree shows the merged work without reopening
    assert summary is not None and summary.has_note and "機會" in summary.tag_names
    assert dialogs.calls == []  # no conflicts: nothing to ask
    close_window(window)


def test_a_merge_with_conflicts_offers_the_review(qtbot, sample_db, dialogs, conflicted, monkeypatch):
    window = open_window(qtbot, sample_db)
    fake = open_conflicts(conflicted.store)
    from editor.store.merge import MergeResult
    outcome = MergeResult(conflicted.store.path, False, {}, [fake[0].id])
    monkeypatch.setattr(MergeDialog, "merge", classmethod(lambda cls, *args: (outcome, True)))
    opened: list = []
    monkeypatch.setattr(ConflictsDialog, "review", classmethod(lambda cls, *args: opened.append(args) or ([], False)))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda *args, **kwargs: dialogs.calls.append(("question", args[1], args[2]))
        or QMessageBox.StandardButton.Yes))
    open_merge_dialog(window)
    assert "1 text(s) were changed on both sides" in dialogs.texts()
    assert len(opened) == 1
    close_window(window)


def test_the_conflicts_dialog_shows_both_versions_and_resolves(qtbot, conflicted):
    dialog = ConflictsDialog(session_of(conflicted))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "1.1" and dialog.table.item(0, 2).text() == "Alice"
    assert dialog.mine_view.toPlainText() == "桌機版"
    assert dialog.theirs_view.toPlainText() == "筆電版"
    assert "current version" in dialog.theirs_label.text() and "set aside" in dialog.mine_label.text()
    with qtbot.waitSignal(dialog.node_requested) as signal:
        dialog.go_to_node.click()
    assert signal.args == [conflicted.node("1.1")]
    dialog.keep_both.click()
    assert dialog.resolved == [(open_conflicts(conflicted.store, include_resolved=True)[0].id, "both")]
    assert dialog.table.rowCount() == 0 and not dialog.keep_mine.isEnabled()
    assert "No conflicts to review" in dialog.status.text()
    assert conflicted.store.note(conflicted.node("1.1"), conflicted.author.id).html == "<p>桌機版</p><p>筆電版</p>"


def test_reviewing_from_the_window_selects_nodes_and_reloads(qtbot, tmp_path, dialogs, conflicted, monkeypatch):
    conflicted.store.close()
    window = open_window(qtbot, tmp_path / "alice.sqlite", "Alice")

    def review(cls, host):
        dialog = cls(host.session, host.as_parent())
        dialog.node_requested.connect(host.select_node)
        dialog.go_to_node.click()
        dialog.keep_mine.click()
        return dialog.resolved, True

    monkeypatch.setattr(ConflictsDialog, "review", classmethod(review))
    resolved = open_conflicts_dialog(window)
    assert [choice for _id, choice in resolved] == ["mine"]
    node = window.store.find_node(window.report_id, "1.1")
    assert window.current_node_id() == node.id
    assert window.store.note(node.id, conflicted.author.id).text == "桌機版"
    close_window(window)


def test_the_merge_dialog_lists_refused_changes_and_asks_before_new_dimensions(qtbot, tmp_path, clock):
    from editor.core import signing

    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    alice.store.use_signing_key(alice.author.id, signing.new_key())
    alice.store.save_note(alice.node("1.1"), alice.author.id, "<p>我的看法</p>")
    bob = analyst_db(tmp_path / "bob.sqlite", "Bob")
    merge_copy(alice.store, bob.store, tmp_path, "alice-share.sqlite")
    urgency = bob.store.add_dimension("Urgency", 1, 7)
    bob.store.set_rating(bob.node("1.2"), urgency.id, bob.author.id, 6)
    forged = share_copy(bob.store, tmp_path / "bob-share.sqlite")
    bob.store.close()
    conn = sqlite3.connect(forged)
    conn.execute("UPDATE notes SET html = '<p>改寫</p>', text = '改寫' WHERE author_id = ?", (alice.author.id,))
    conn.commit()
    conn.close()

    dialog = MergeDialog(session_of(alice), forged)
    qtbot.addWidget(dialog)
    dialog.show()
    lines = dialog.summary.toPlainText().splitlines()
    assert "1 change refused: not signed by their author" in lines
    assert "  refused notes: note by «Alice» on 1.1 (not signed by their author)" in lines
    assert "their file adds the dimension «Urgency» (1–7)" in lines
    assert dialog.accept_dimensions.isVisible() and not dialog.merge_button.isEnabled()
    dialog.grab().save(str(tmp_path / "merge-dialog.png"))
    qtbot.keyClick(dialog.accept_dimensions, Qt.Key.Key_Space)  # the analyst agrees
    assert dialog.merge_button.isEnabled()
    dialog.merge_button.click()
    assert dialog.merge_result is not None and dialog.merge_result.counts["ratings"].added == 1
    assert [n.text for n in alice.store.notes(alice.node("1.1"))] == ["我的看法"]
    alice.store.close()
