"""Exports in a chosen script: the report's text converted for readers, offsets kept as written for tools."""

from __future__ import annotations

import csv
import json
import subprocess

import pytest

from editor.cli import main
from editor.core.report import ParsedNode, ParsedReport
from editor.store import Store

BODY = "行動支付的軟體需要更多記憶體，監管機構關注風險。"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "tw.sqlite"
    with Store.open(path) as store:
        report = ParsedReport(title="臺灣行動支付報告", nodes=[ParsedNode("一", "1", 1, "趨勢與監管", "", [
            ParsedNode("1.1", "1.1", 2, "軟體與記憶體", BODY)])])
        info, _ = store.add_report(report)
        author = store.ensure_author("Alice")
        node = store.find_node(info.id, "1.1")
        at = BODY.index("記憶體")
        store.add_highlight(node.id, author.id, at, at + 3)
        at = BODY.index("監管機構")
        store.add_highlight(node.id, author.id, at, at + 4)
    return path


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.get("children", []))


def _export(db, fmt, out, *extra) -> None:
    assert main(["--db", str(db), "export", fmt, "--out", str(out), *extra]) == 0


def test_markdown_in_simplified_converts_the_report_and_its_highlighted_passages(db, tmp_path):
    out = tmp_path / "r.md"
    _export(db, "md", out, "--script", "simplified")
    text = out.read_text(encoding="utf-8")
    assert "行动支付的软件需要更多内存，监管机构关注风险。" in text
    assert "台湾行动支付报告" in text and "软件与内存" in text
    assert "内存" in text and "記憶體" not in text and "軟體" not in text


def test_markdown_as_written_by_default(db, tmp_path):
    out = tmp_path / "r.md"
    _export(db, "md", out)
    assert BODY in out.read_text(encoding="utf-8")


def test_csv_in_simplified(db, tmp_path):
    out = tmp_path / "r.csv"
    _export(db, "csv", out, "--script", "simplified")
    cells = [cell for row in csv.reader(out.open(encoding="utf-8-sig")) for cell in row]
    assert any("软件与内存" in cell for cell in cells)
    assert not any("軟體" in cell for cell in cells)


def test_json_keeps_offsets_and_text_as_written_with_the_converted_text_alongside(db, tmp_path):
    out = tmp_path / "r.json"
    _export(db, "json", out, "--script", "simplified")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["script"] == "simplified"
    assert data["report"]["title"] == "臺灣行動支付報告" and data["report"]["title_simplified"] == "台湾行动支付报告"
    node = next(n for n in _walk(data["nodes"]) if n["path"] == "1.1")
    assert node["body"] == BODY and node["body_simplified"] == "行动支付的软件需要更多内存，监管机构关注风险。"
    by_exact = {h["exact"]: h for h in node["highlights"]}
    memory = by_exact["記憶體"]
    assert (memory["start"], memory["end"]) == (BODY.index("記憶體"), BODY.index("記憶體") + 3)
    assert node["body"][memory["start"]:memory["end"]] == "記憶體"
    assert memory["exact_simplified"] == "内存"
    assert by_exact["監管機構"]["exact_simplified"] == "监管机构"


def test_interchange_formats_stay_as_written(db, tmp_path):
    out = tmp_path / "r.jsonld"
    _export(db, "w3c", out, "--script", "simplified")
    text = out.read_text(encoding="utf-8")
    assert "記憶體" in text and "内存" not in text


def test_traditional_export_of_a_simplified_report(tmp_path):
    path = tmp_path / "sc.sqlite"
    with Store.open(path) as store:
        store.add_report(ParsedReport(title="移动支付报告", nodes=[
            ParsedNode("一", "1", 1, "软件", "移动支付的软件需要更多内存。")]))
    out = tmp_path / "r.md"
    _export(path, "md", out, "--script", "traditional")
    text = out.read_text(encoding="utf-8")
    assert "移動支付的軟體需要更多記憶體。" in text  # Taiwan vocabulary (s2twp): 软件 → 軟體, 内存 → 記憶體


def test_pdf_in_simplified(db, tmp_path):
    out = tmp_path / "r.pdf"
    _export(db, "pdf", out, "--script", "simplified")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert "行动支付的软件需要更多内存" in flat and "軟體" not in flat


def test_an_unknown_script_is_one_line(db, tmp_path, capsys):
    assert main(["--db", str(db), "export", "md", "--out", str(tmp_path / "x.md"), "--script", "klingon"]) == 2
    assert "invalid choice" in capsys.readouterr().err
