"""A node without body text is highlighted in its title, and every reader of highlights knows it (issue 14 point 15)."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from editor.core.report import ParsedNode, ParsedReport
from editor.export import ExportOptions
from editor.export.pdf import export_pdf
from editor.operations.editions import import_edition
from editor.operations.exports import export
from editor.store import Store
from editor.store.merge import merge_database
from editor.store.sharing import share_copy
from tests.test_merge_support import analyst_db, clock  # noqa: F401 - clock is a fixture
from tests.ui_helpers import dialogs, press, sample_db, select, window  # noqa: F401

SECTION = "監管科技與合規"
BODY = "移動支付快速增長，監管要求持續提高。"


def _report(title: str = SECTION, *, section_body: str = "") -> ParsedReport:
    return ParsedReport("支付監管", [
        ParsedNode("1", "一", 1, "市場", "", [
            ParsedNode("1.1", "1.1", 2, title, section_body, [ParsedNode("1.1.1", "1.1.1", 3, "增長", BODY)]),
        ]),
    ], source="rules.txt")


@pytest.fixture
def titled(tmp_path):
    """A store whose bodyless section 1.1 has a highlight on 科技 in its title."""
    store = Store.open(tmp_path / "a.sqlite")
    info, _ = store.add_report(_report())
    section = store.find_node(info.id, "1.1")
    alice = store.ensure_author("Alice")
    start, end = store.find_quote(section.id, "科技")
    highlight = store.add_highlight(section.id, alice.id, start, end, color="#FFE066", comment_html="<p>標題</p>")
    yield store, info, section, highlight
    store.close()


def test_the_title_of_a_section_without_text_is_highlighted_from_the_window(qtbot, window):
    node = select(window, "1.4")  # 政策支持與監管加強: a section with no text of its own
    assert node.body == ""
    start = node.title.index("監管")
    window.reading_pane.select_body_text(node.id, start, start + 2)
    window.reading_pane.setFocus()
    press(qtbot, window.reading_pane, Qt.Key.Key_H)
    [highlight] = window.store.highlights(node.id)
    assert (highlight.exact, highlight.start) == ("監管", start)
    begin, end = window.reading_pane.highlight_range(highlight.id)
    assert window.reading_pane.document().toPlainText()[begin:end] == "監管"
    assert window.inspector.highlights.current_id() == highlight.id


def test_json_w3c_and_qdpx_point_into_the_title(titled, tmp_path):
    store, info, section, _highlight = titled
    export(store, "json", tmp_path / "a.json", info.id)
    doc = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    node = doc["nodes"][0]["children"][0]
    assert node["id"] == section.id
    [item] = node["highlights"]
    assert node["title"][item["start"]:item["end"]] == item["exact"] == "科技"

    export(store, "w3c", tmp_path / "a.jsonld", info.id)
    page = json.loads((tmp_path / "a.jsonld").read_text(encoding="utf-8"))["first"]["items"]
    [annotation] = [a for a in page if a["motivation"] == "highlighting"]
    selectors = {s["type"]: s for s in annotation["target"]["selector"]}
    assert selectors["TextQuoteSelector"]["exact"] == "科技"
    assert SECTION[selectors["TextPositionSelector"]["start"]:selectors["TextPositionSelector"]["end"]] == "科技"

    export(store, "qdpx", tmp_path / "a.qdpx", info.id)
    with zipfile.ZipFile(tmp_path / "a.qdpx") as archive:
        source = next(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".txt"))
        project = archive.read("project.qde").decode("utf-8")
    match = re.search(r'<PlainTextSelection[^>]*guid="[^"]*"[^>]*name="科技"[^>]*startPosition="(\d+)"'
                      r'[^>]*endPosition="(\d+)"', project)
    assert match, project[:2000]
    assert source[int(match[1]):int(match[2])] == "科技"


def test_the_pdf_marks_the_title_words_and_prints_the_title_once(titled, tmp_path):
    store, info, _section, _highlight = titled
    out = tmp_path / "a.pdf"
    export_pdf(store, out, info.id, ExportOptions())
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert text.count(SECTION) == 1, text  # the title line, marked, not printed again for its highlight
    reader = PdfReader(out)
    marks = [(n, p, a.get_object()) for n, p in enumerate(reader.pages, 1) for a in p.get("/Annots", [])
             if a.get_object()["/Subtype"] == "/Highlight"]
    assert len(marks) == 1
    number, page, mark = marks[0]
    left, bottom, right, top = (float(v) for v in mark["/Rect"])
    height = float(page.mediabox.height)
    under = subprocess.run(["pdftotext", "-enc", "UTF-8", "-r", "72", "-f", str(number), "-l", str(number),
                            "-x", str(int(left)), "-y", str(int(height - top)), "-W", str(int(right - left + 1)),
                            "-H", str(int(top - bottom)), str(out), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert "科技" in under and "合規" not in under and "監管" not in under, under


def test_a_colleagues_title_highlight_merges_in(tmp_path, clock):
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    bob = analyst_db(tmp_path / "bob.sqlite", "Bob")
    chapter = bob.nodes["1.4"]
    start, end = bob.store.find_quote(chapter.id, "監管")
    bob.store.add_highlight(chapter.id, bob.author.id, start, end)
    result = merge_database(alice.store, share_copy(bob.store, tmp_path / "bob-copy.sqlite"))
    assert result.counts["highlights"].added == 1 and result.counts["highlights"].skipped == 0
    [highlight] = alice.store.highlights(alice.node("1.4"))
    assert highlight.exact == "監管"
    alice.store.close()
    bob.store.close()


def test_a_title_highlight_follows_into_a_new_edition_but_never_onto_body_text(titled):
    store, info, _section, _highlight = titled
    # Edition 2: the section renumbered; its title kept.
    summary = import_edition(store, ParsedReport("支付監管", [
        ParsedNode("1", "一", 1, "市場", "", [
            ParsedNode("1.2", "1.2", 2, SECTION, "", [ParsedNode("1.2.1", "1.2.1", 3, "增長", BODY)]),
        ]),
    ], source="rules-2.txt"), info.id).result
    [carried] = store.highlights(report_id=summary.new_report_id)
    node = store.node(carried.node_id)
    assert node.path == "1.2" and node.title[carried.start:carried.end] == "科技"

    # Edition 3: the section gains a body that also says 科技: the title quote does not move onto it.
    summary = import_edition(store, ParsedReport("支付監管", [
        ParsedNode("1", "一", 1, "市場", "", [
            ParsedNode("1.2", "1.2", 2, SECTION, "金融科技改變了監管。", [ParsedNode("1.2.1", "1.2.1", 3, "增長", BODY)]),
        ]),
    ], source="rules-3.txt"), summary.new_report_id).result
    assert store.highlights(report_id=summary.new_report_id) == []
    assert summary.highlights_orphaned == 1


def test_a_body_quote_never_lands_on_a_title_when_the_text_is_removed(tmp_path):
    store = Store.memory()
    info, _ = store.add_report(_report("金融機構應加大研發投入", section_body="金融機構應加大研發投入，提升效率。"))
    section = store.find_node(info.id, "1.1")
    alice = store.ensure_author("Alice")
    start, end = store.find_quote(section.id, "金融機構應加大研發投入")
    store.add_highlight(section.id, alice.id, start, end)
    summary = import_edition(store, _report("金融機構應加大研發投入"), info.id).result
    assert store.highlights(report_id=summary.new_report_id) == []
    assert summary.highlights_orphaned == 1
