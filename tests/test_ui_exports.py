"""File › Export (JSON, CSV, Markdown, W3C, REFI-QDA) and File › Save a copy for sharing, through the window."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from editor.importing import read_report
from editor.store import Store
from tests.ui_helpers import close_window, dialogs, open_window, sample_db, select, type_text, window  # noqa: F401


@pytest.fixture
def save_dialog(monkeypatch):
    """Patch the save-file dialog: records (caption, proposed path, filter) and answers ``answer[0]``."""
    asked: list[tuple[str, str, str]] = []
    answer: list[str] = [""]

    def ask(parent, caption="", directory="", file_filter="", *args, **kwargs):
        asked.append((caption, directory, file_filter))
        return answer[0], file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    return asked, answer


def _find_note(nodes: list[dict], node_id: str) -> list[str]:
    for node in nodes:
        if node["id"] == node_id:
            return [note["text"] for note in node["notes"]]
        found = _find_note(node["children"], node_id)
        if found:
            return found
    return []


def test_export_menu_offers_every_data_format(window):
    texts = [a.text() for a in window.actions.export_menu.actions() if not a.isSeparator()]
    assert texts == ["Annotated &PDF…", "&JSON…", "&CSV…", "&Markdown…", "&W3C Web Annotation…",
                     "&REFI-QDA project…"]


def test_json_export_includes_the_note_still_being_typed(qtbot, window, tmp_path, save_dialog):
    asked, answer = save_dialog
    node = select(window, "1.1.1")
    window.focus_note()
    type_text(qtbot, window.inspector.note.editor, "Pending thought")
    assert window.inspector.note.is_pending()  # not saved yet: the export must save it first
    answer[0] = str(tmp_path / "mine")  # typed without the extension
    window.actions.export_data["json"].trigger()
    caption, proposed, file_filter = asked[0]
    assert caption == "Export JSON"
    assert Path(proposed).name == f"{window.store.report(window.report_id).title}.json"
    assert "*.json" in file_filter
    data = json.loads((tmp_path / "mine.json").read_text(encoding="utf-8"))
    assert data["format"] == "trendmark-export" and data["report"]["id"] == window.report_id
    assert _find_note(data["nodes"], node.id) == ["Pending thought"]
    assert str(tmp_path / "mine.json") in window.statusBar().currentMessage()
    # The next export proposes the folder used last.
    window.actions.export_data["csv"].trigger()
    assert Path(asked[1][1]).parent == tmp_path and asked[1][1].endswith(".csv")


@pytest.mark.parametrize("code,suffix", [("csv", ".csv"), ("md", ".md"), ("w3c", ".jsonld"), ("qdpx", ".qdpx")])
def test_each_data_format_is_written_from_its_menu_entry(qtbot, window, tmp_path, save_dialog, code, suffix):
    _asked, answer = save_dialog
    node = select(window, "2.1")
    window.store.add_node_tag(node.id, "Evidence", window.author.id)
    answer[0] = str(tmp_path / f"out{suffix}")
    window.actions.export_data[code].trigger()
    out = tmp_path / f"out{suffix}"
    assert out.is_file() and out.stat().st_size > 0
    if code == "csv":
        rows = list(csv.reader(out.open(encoding="utf-8-sig")))
        assert any("Evidence" in cell for row in rows for cell in row)
    elif code == "md":
        assert node.title in out.read_text(encoding="utf-8")
    elif code == "w3c":
        assert json.loads(out.read_text(encoding="utf-8"))["type"] == "AnnotationCollection"
    else:
        assert "project.qde" in zipfile.ZipFile(out).namelist()
    assert not [p for p in tmp_path.iterdir() if ".partial" in p.name]


def test_cancelled_dialog_writes_nothing(window, tmp_path, save_dialog):
    asked, answer = save_dialog
    window.settings.set_export_folder(tmp_path)
    before = sorted(tmp_path.iterdir())
    answer[0] = ""  # the analyst pressed Cancel
    assert window.exports.export_dialog("json") is None
    assert Path(asked[0][1]).parent == tmp_path
    assert sorted(tmp_path.iterdir()) == before


def test_cancelling_the_progress_leaves_no_file(window, tmp_path, monkeypatch):
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    out = tmp_path / "cancelled.json"
    assert window.exports.export("json", out) is None
    assert not out.exists() and not [p for p in tmp_path.iterdir() if ".partial" in p.name]
    assert "cancelled" in window.statusBar().currentMessage()


def test_an_unwritable_destination_is_explained(window, tmp_path, dialogs):
    out = tmp_path / "no such folder" / "report.json"
    assert window.exports.export("json", out) is None
    assert dialogs.kinds() == ["critical"]
    assert "does not exist" in dialogs.texts() and str(out) in dialogs.texts()


def test_export_without_a_report_says_so(qtbot, tmp_path, sample_path, dialogs, save_dialog):
    empty = tmp_path / "empty.sqlite"
    Store.open(empty).close()
    win = open_window(qtbot, empty)
    asked, _answer = save_dialog
    assert not any(action.isEnabled() for action in win.actions.export_data.values())
    assert not win.actions.export_pdf.isEnabled() and not win.actions.agreement.isEnabled()
    assert win.exports.export_dialog("md") is None
    assert asked == [] and dialogs.kinds() == ["information"]
    info, _created = win.store.add_report(read_report(sample_path))
    win.show_report(info.id)
    assert all(action.isEnabled() for action in win.actions.export_data.values())
    close_window(win)


def test_shared_copy_holds_pending_typing_and_opens_on_its_own(qtbot, window, tmp_path, save_dialog):
    asked, answer = save_dialog
    node = select(window, "3.1")
    window.focus_note()
    type_text(qtbot, window.inspector.note.editor, "For Bo")
    answer[0] = str(tmp_path / "for-bo")
    window.actions.share_copy.trigger()
    caption, proposed, _file_filter = asked[0]
    assert caption == "Save a copy for sharing"
    assert proposed.endswith(".sqlite") and "Ana Analyst" in Path(proposed).name
    copy = tmp_path / "for-bo.sqlite"
    assert not copy.with_name(copy.name + "-wal").exists()  # one self-contained file
    with Store.open(copy, read_only=True) as shared:
        assert shared.note(node.id, window.author.id).text == "For Bo"
    assert "for-bo.sqlite" in window.statusBar().currentMessage()


def test_shared_copy_refuses_to_overwrite_the_open_database(window, dialogs, save_dialog):
    _asked, answer = save_dialog
    before = window.store.path.read_bytes()
    answer[0] = str(window.store.path)
    assert window.exports.share_copy_dialog() is None
    assert dialogs.kinds() == ["critical"] and "database itself" in dialogs.texts()
    assert window.store.path.read_bytes() == before


def test_a_data_export_prints_the_text_in_the_script_the_pane_shows(qtbot, window, tmp_path, save_dialog):
    _asked, answer = save_dialog
    window.set_text_script("simplified")
    answer[0] = str(tmp_path / "simplified.md")
    window.exports.export_dialog("md")
    text = (tmp_path / "simplified.md").read_text(encoding="utf-8")
    assert "移动支付" in text and "移動支付" not in text
