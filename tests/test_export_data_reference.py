"""Exports of a small fixed report compared with reference files, volatile lines ignored.

The references live in tests/data/reference. After an intended change of a format,
regenerate them with ``TRENDMARK_UPDATE_REFERENCE=1 pytest tests/test_export_data_reference.py``
and review the diff.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest

from editor.core.report import ParsedNode, ParsedReport
from editor.export import ExportOptions, export_report

REFERENCE = Path(__file__).parent / "data" / "reference"
# Timestamps and the app version change on every run; everything else must not.
_VOLATILE_JSON = re.compile(
    r'"(exported_at|imported_at|generator|generated|created_at|updated_at|created|modified)": "[^"]*"')
_VOLATILE_XML = re.compile(r'(creationDateTime|modifiedDateTime|origin)="[^"]*"')
_APP_NAME = re.compile(r'"name": "Trendmark [^"]*"')

ALICE_ID = "00000000-0000-4000-8000-00000000a11c"
BOB_ID = "00000000-0000-4000-8000-0000000000b0"


def small_report() -> ParsedReport:
    return ParsedReport(
        title="小型測試報告",
        source="small.txt",
        nodes=[
            ParsedNode("一", "1", 1, "市場概況", "下沉市場*持續*增長。", [
                ParsedNode("1.1", "1.1", 2, "移動支付", "掃碼支付在𠮷野家等門店普及，# 不是標題。", [
                    ParsedNode("1.1.1", "1.1.1", 3, "風險", "監管趨嚴，=SUM(A1) 不是公式。"),
                ]),
            ]),
            ParsedNode("二", "2", 1, "展望", ""),
        ],
    )


@pytest.fixture
def store():
    from editor.store import Store

    with Store.memory() as store:
        info, _ = store.add_report(small_report())
        alice = store.ensure_author("Alice", author_id=ALICE_ID)
        bob = store.ensure_author("陳大文", author_id=BOB_ID)
        point = store.find_node(info.id, "1.1.1")
        section = store.find_node(info.id, "1.1")
        store.ensure_tag("風險", "#E4572E")
        store.add_node_tag(point.id, "風險", alice.id)
        store.add_node_tag(point.id, "Policy", bob.id)
        store.set_tag_color(store.ensure_tag("Policy").id, "#3F7CAC")
        impact = store.dimension("Impact").id
        store.set_rating(point.id, impact, alice.id, 4)
        store.set_rating(point.id, impact, bob.id, 3)
        store.set_rating(point.id, store.dimension("Confidence").id, alice.id, 2)
        store.save_note(point.id, alice.id, '<p><b>重要</b>：見<a href="https://example.com/a">來源</a></p>'
                                            "<ol><li>第一</li><li>第二</li></ol>")
        start, end = store.find_quote(section.id, "門店普及")
        store.add_highlight(section.id, bob.id, start, end, color="#9AD0F5", comment_html="<p>在𠮷之後</p>",
                            highlight_id="00000000-0000-4000-8000-000000000001")
        yield store, info.id


def stable_lines(data: bytes) -> list[str]:
    """The lines of an export with its volatile values masked."""
    text = data.decode("utf-8-sig")
    text = _VOLATILE_JSON.sub(r'"\1": "*"', text)
    text = _VOLATILE_XML.sub(r'\1="*"', text)
    return _APP_NAME.sub('"name": "Trendmark *"', text).splitlines()


@pytest.mark.parametrize("fmt, name", [
    ("json", "small.json"), ("csv", "small.csv"), ("md", "small.md"), ("w3c", "small.jsonld"),
    ("qdpx", "small.qde"),
])
def test_export_matches_reference(store, tmp_path, fmt, name):
    store_, report_id = store
    out = tmp_path / f"out.{fmt}"
    export_report(store_, fmt, out, report_id, ExportOptions())
    data = zipfile.ZipFile(out).read("project.qde") if fmt == "qdpx" else out.read_bytes()
    reference = REFERENCE / name
    if os.environ.get("TRENDMARK_UPDATE_REFERENCE"):
        reference.write_bytes(data)
    assert stable_lines(data) == stable_lines(reference.read_bytes())
