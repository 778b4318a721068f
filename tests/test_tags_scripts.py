"""A tag that differs from an existing one only by script (监管 / 監管): asked in the window, warned in the CLI."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from editor.cli import main
from editor.core.report import ParsedNode, ParsedReport
from editor.operations.annotations import tag_in_other_script
from editor.store import Store
from tests.ui_helpers import close_window, dialogs, open_window, type_text  # noqa: F401


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "tags.sqlite"
    with Store.open(path) as store:
        info, _ = store.add_report(ParsedReport(title="報告", nodes=[
            ParsedNode("一", "1", 1, "監管", "監管趨嚴。"), ParsedNode("二", "2", 1, "支付", "移動支付。")]))
        author = store.ensure_author("Alice")
        store.add_node_tag(store.find_node(info.id, "1").id, "監管", author.id)
    return path


def test_the_other_script_is_found_but_the_same_name_is_not_asked_about(db):
    with Store.open(db) as store:
        assert tag_in_other_script(store, "监管") == "監管"
        assert tag_in_other_script(store, "監管") is None  # the same tag: simply reused
        assert tag_in_other_script(store, "风险") is None  # no such tag in either script


def test_the_command_line_warns_and_keeps_what_was_typed(db, capsys):
    assert main(["--db", str(db), "--author", "Alice", "tag", "2", "监管"]) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "監管" in err and "监管" in err
    with Store.open(db) as store:
        assert sorted(tag.name for tag in store.tags()) == ["监管", "監管"]


@pytest.mark.parametrize(("answer", "expected"), [(QMessageBox.StandardButton.Yes, "監管"),
                                                  (QMessageBox.StandardButton.No, "监管")])
def test_the_window_asks_whether_to_reuse_the_tag(qtbot, db, dialogs, monkeypatch, answer, expected):
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return answer
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    window = open_window(qtbot, db, "Alice")
    try:
        node = window.store.find_node(window.report_id, "2")
        window.select_node(node.id)
        entry = window.inspector.tags.entry
        entry.setFocus()
        type_text(qtbot, entry, "监管")
        qtbot.keyClick(entry, Qt.Key.Key_Return)
        assert len(asked) == 1 and "監管" in asked[0]
        assert [t.tag.name for t in window.store.node_tags(node.id)] == [expected]
    finally:
        close_window(window)


def test_an_export_filtered_by_tag_finds_it_in_either_script(db, tmp_path):
    out = tmp_path / "r.md"
    assert main(["--db", str(db), "export", "md", "--out", str(out), "--tag", "监管"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "監管趨嚴" in text and "移動支付" not in text
