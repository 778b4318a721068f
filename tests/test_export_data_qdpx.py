"""The REFI-QDA (.qdpx) export: schema-valid project, and positions that select the right text.

The schema is the REFI-QDA ``Project-mrt2019.xsd``, copied unchanged into
tests/data/refi-qda with its licence.
"""

from __future__ import annotations

import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from lxml import etree

from editor.cli import main
from editor.core.report import ParsedNode, ParsedReport
from editor.export import ExportOptions, export_report
from editor.export.qdpx import xml_safe
from tests.export_fixtures import (
    ALICE, BOB, HIGHLIGHTS, NODE_TAGS, NOTES, SAMPLE_NODE_COUNT, TAG_COLORS, annotated_sample,
)

XSD = Path(__file__).parent / "data" / "refi-qda" / "Project-mrt2019.xsd"
NS = {"q": "urn:QDA-XML:project:1.0"}


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def open_project(path: Path) -> tuple[etree._Element, str, zipfile.ZipFile]:
    """(validated project root, source text, archive) of a .qdpx file."""
    archive = zipfile.ZipFile(path)
    document = etree.fromstring(archive.read("project.qde"))
    assert schema().validate(document), schema().error_log
    source = document.find("q:Sources/q:TextSource", NS)
    text_path = source.get("plainTextPath")
    assert text_path.startswith("internal://")
    text = archive.read("sources/" + text_path.removeprefix("internal://")).decode("utf-8")
    return document, text, archive


@pytest.fixture(scope="module")
def sample():
    sample = annotated_sample()
    yield sample
    sample.store.close()


@pytest.fixture(scope="module")
def project(sample, tmp_path_factory):
    out = tmp_path_factory.mktemp("qdpx") / "report.qdpx"
    export_report(sample.store, "qdpx", out, sample.report_id, ExportOptions())
    return open_project(out)


def selections(document) -> dict[str, etree._Element]:
    return {s.get("guid"): s for s in document.iterfind(".//q:PlainTextSelection", NS)}


def test_archive_layout_and_schema(project):
    document, text, archive = project
    names = archive.namelist()
    assert names[0] == "project.qde" and len(names) == 2 and names[1].startswith("sources/")
    assert document.tag == "{urn:QDA-XML:project:1.0}Project"
    assert document.get("name").startswith("2025年下沉市場")
    assert document.find("q:Sets", NS) is None  # an empty <Sets/> would not be valid
    assert text.count("\n\n") == SAMPLE_NODE_COUNT


def test_users_and_codes(project, sample):
    document = project[0]
    users = {u.get("name"): u.get("guid") for u in document.iterfind("q:Users/q:User", NS)}
    assert users == {ALICE: sample.alice.id, BOB: sample.bob.id}
    codes = {c.get("name"): c.get("color") for c in document.iterfind("q:CodeBook/q:Codes/q:Code", NS)}
    assert codes == TAG_COLORS


def test_highlight_positions_select_their_text(project, sample):
    document, text, _ = project
    found = selections(document)
    for spec, highlight_id in zip(HIGHLIGHTS, sample.highlight_ids, strict=True):
        selection = found[highlight_id]
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        assert text[start:end] == spec.quote
        assert selection.get("creatingUser") == sample.authors[spec.author].id
        description = selection.findtext("q:Description", namespaces=NS)
        if spec.comment_html:
            assert description and description in sample.store.highlight(highlight_id).comment_text
        else:
            assert description is None
        code_refs = {ref.get("targetGUID") for ref in selection.iterfind("q:Coding/q:CodeRef", NS)}
        assert len(code_refs) == len(spec.tags)
    assert sample.deleted_highlight_id not in found
    # Positions are code points: past 𠮷 a UTF-8 or UTF-16 count would be off.
    after = found[sample.highlight_ids[2]]
    start = int(after.get("startPosition"))
    assert text.index("掃碼支付優惠") == start
    assert len(text[:start].encode("utf-16-le")) // 2 == start + 1


def test_tagged_nodes_are_coded_selections_with_notes(project, sample):
    document, text, _ = project
    found = selections(document)
    code_ids = {c.get("guid") for c in document.iterfind("q:CodeBook/q:Codes/q:Code", NS)}
    tag_ids = {t.name: t.id for t in sample.store.tags()}
    for path in {p for p, _, _ in NODE_TAGS}:
        node = sample.node(path)
        selection = found[node.id]
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        assert text[start:end] == (f"{node.number} {node.title}\n{node.body}" if node.body
                                        else f"{node.number} {node.title}")  # never a trailing line break
        coded = sorted(ref.get("targetGUID") for ref in selection.iterfind("q:Coding/q:CodeRef", NS))
        assert coded == sorted(tag_ids[tag] for p, tag, _ in NODE_TAGS if p == path)
        assert set(coded) <= code_ids
    notes = {n.get("guid"): n for n in document.iterfind("q:Notes/q:Note", NS)}
    assert len(notes) == len(NOTES)
    note_refs = [r.get("targetGUID") for r in document.iterfind(".//q:PlainTextSelection/q:NoteRef", NS)]
    assert sorted(note_refs) == sorted(notes)
    texts = [n.findtext("q:PlainTextContent", namespaces=NS) for n in notes.values()]
    assert any("消費需求" in t for t in texts)
    rated = found[sample.node("1.1.1").id].findtext("q:Description", namespaces=NS)
    assert f"Impact: {ALICE} 4/5, {BOB} 2/5" in rated


def test_report_without_annotations_is_valid(tmp_path):
    from editor.store import Store

    with Store.memory() as store:
        info, _ = store.add_report(ParsedReport("空報告", [ParsedNode("一", "1", 1, "章", "正文\x0c換頁")]))
        out = tmp_path / "plain.qdpx"
        export_report(store, "qdpx", out, info.id, ExportOptions())
    document, text, _ = open_project(out)
    assert document.find("q:Users", NS) is None and document.find("q:CodeBook", NS) is None
    assert text == "一 章\n正文\x0c換頁\n\n"


def test_xml_safe_keeps_lengths():
    assert xml_safe("a\x0cb\x00c") == "a\ufffdb\ufffdc"
    assert xml_safe("正文𠮷") == "正文𠮷"


def test_cli_qdpx_filtered_by_tag(tmp_path):
    sample = annotated_sample(tmp_path / "db.sqlite")
    sample.store.close()
    out = tmp_path / "risk.qdpx"
    assert main(["--db", str(sample.path), "export", "qdpx", "--out", str(out), "--tag", "風險"]) == 0
    document, text, _ = open_project(out)
    coded_names = {c.get("name") for c in document.iterfind("q:CodeBook/q:Codes/q:Code", NS)}
    assert "風險" in coded_names and "監管" not in coded_names
    for selection in document.iterfind(".//q:PlainTextSelection", NS):
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        assert 0 <= start < end <= len(text)


def test_a_node_without_text_adds_no_blank_line():
    from editor.core.annotations import Node
    from editor.export.qdpx import source_text

    class Entry:
        def __init__(self, node):
            self.node = node

    def node(number, title, body):
        return Node(id=number, report_id="r", parent_id=None, level=1, position=0, number=number, path=number,
                    title=title, body=body)

    class Document:
        nodes = (Entry(node("一", "章", "")), Entry(node("1.1", "節", "正文")))

    text, spans = source_text(Document())
    assert text == "一 章\n\n1.1 節\n正文\n\n"
    assert text[spans["一"].start:spans["一"].end] == "一 章"
