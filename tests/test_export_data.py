"""JSON, CSV and Markdown exports of the annotated sample, through export_report and the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from editor.cli import main
from editor.core.errors import NotFoundError, TrendmarkError
from editor.export import ExportOptions, collect_export, export_report
from tests.export_fixtures import (
    ALICE, BOB, CLEARED_RATING, DELETED_HIGHLIGHT, HIGHLIGHTS, NODE_TAGS, NOTES, NON_BMP_PATH, RATINGS,
    SAMPLE_NODE_COUNT, annotated_paths, annotated_sample,
)


@pytest.fixture(scope="module")
def sample():
    sample = annotated_sample()
    yield sample
    sample.store.close()


def export(sample, fmt: str, tmp_path: Path, **options) -> Path:
    out = tmp_path / f"export.{fmt}"
    export_report(sample.store, fmt, out, sample.report_id, ExportOptions(**options))
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def walk(nodes: list[dict]):
    for node in nodes:
        yield node
        yield from walk(node["children"])


# -- collection ----------------------------------------------------------------------------------

def test_collect_keeps_outline_order_and_only_live_annotations(sample):
    document = collect_export(sample.store, sample.report_id)
    assert [e.node.id for e in document.nodes] == [n.id for n in sample.store.nodes(sample.report_id)]
    assert document.total_nodes == SAMPLE_NODE_COUNT
    assert {e.node.path for e in document.nodes if e.annotated} == annotated_paths()
    assert document.highlight_count() == len(HIGHLIGHTS)
    assert document.note_count() == len(NOTES)
    all_highlight_ids = {h.highlight.id for e in document.nodes for h in e.highlights}
    assert sample.deleted_highlight_id not in all_highlight_ids
    cleared = next(e for e in document.nodes if e.node.path == CLEARED_RATING[0])
    assert cleared.ratings == ()
    assert {a.name for a in document.authors.values()} == {ALICE, BOB}


def test_collect_filter_keeps_ancestors_as_context(sample):
    document = collect_export(sample.store, sample.report_id, ExportOptions(tags=("監管",)))
    assert [(e.node.path, e.context_only) for e in document.nodes] == [("1", True), ("1.4", False)]
    context = document.nodes[0]
    assert context.tags == () and context.notes == () and context.ratings == ()


# -- JSON ----------------------------------------------------------------------------------------

def test_json_structure_and_values(sample, tmp_path):
    data = json.loads(export(sample, "json", tmp_path).read_text(encoding="utf-8"))
    assert data["format"] == "trendmark-export" and data["version"] == 1
    assert data["report"]["id"] == sample.report_id
    assert data["report"]["title"].startswith("2025年下沉市場消費金融")
    assert data["report"]["node_count"] == SAMPLE_NODE_COUNT
    assert [d["name"] for d in data["dimensions"]] == ["Impact", "Likelihood", "Confidence"]
    assert {a["name"] for a in data["authors"]} == {ALICE, BOB}
    assert {t["name"]: t["color"] for t in data["tags"]}["風險"] == "#E4572E"
    assert len(data["nodes"]) == 10  # chapters at the top
    nodes = list(walk(data["nodes"]))
    assert len(nodes) == SAMPLE_NODE_COUNT
    assert [n["path"] for n in data["nodes"][0]["children"]][:2] == ["1.1", "1.2"]
    assert not any(n["context_only"] for n in nodes)

    by_path = {n["path"]: n for n in nodes}
    names = {a["id"]: a["name"] for a in data["authors"]}
    point = by_path[NON_BMP_PATH]
    assert sorted((t["name"], names[t["author_id"]]) for t in point["tags"]) == sorted(
        (tag, author) for path, tag, author in NODE_TAGS if path == NON_BMP_PATH)
    assert sorted((r["dimension"], names[r["author_id"]], r["value"]) for r in point["ratings"]) == sorted(
        (dim, author, value) for path, dim, author, value in RATINGS if path == NON_BMP_PATH)
    alice_note = next(n for n in point["notes"] if names[n["author_id"]] == ALICE)
    assert "<b>消費需求</b>" in alice_note["html"] and "收入水平提高" in alice_note["text"]
    assert len(point["highlights"]) == sum(1 for h in HIGHLIGHTS if h.path == NON_BMP_PATH)
    for highlight in point["highlights"]:
        assert point["body"][highlight["start"]:highlight["end"]] == highlight["exact"]
    tagged = next(h for h in point["highlights"] if h["exact"] == "農村地區")
    assert [t["name"] for t in tagged["tags"]] == ["風險"]
    assert "<b>農村</b>" in tagged["comment_html"]
    assert by_path[CLEARED_RATING[0]]["ratings"] == []
    assert DELETED_HIGHLIGHT.comment_html not in json.dumps(data, ensure_ascii=False)


def test_json_offsets_are_code_points_past_a_non_bmp_character(sample, tmp_path):
    data = json.loads(export(sample, "json", tmp_path).read_text(encoding="utf-8"))
    point = next(n for n in walk(data["nodes"]) if n["path"] == NON_BMP_PATH)
    after = next(h for h in point["highlights"] if h["exact"] == "掃碼支付優惠")
    body = point["body"]
    assert after["start"] == body.index("掃碼支付優惠")
    # In UTF-16 units the same place is one further on (𠮷 is a surrogate pair).
    utf16_start = len(body[:after["start"]].encode("utf-16-le")) // 2
    assert utf16_start == after["start"] + 1


def test_json_keys_sorted_and_stable_between_exports(sample, tmp_path):
    first = export(sample, "json", tmp_path)
    first = first.rename(tmp_path / "first.json")
    second = export(sample, "json", tmp_path)

    def check_sorted(pairs):
        keys = [k for k, _ in pairs]
        assert keys == sorted(keys)
        return dict(pairs)

    a = json.loads(first.read_text(encoding="utf-8"), object_pairs_hook=check_sorted)
    b = json.loads(second.read_text(encoding="utf-8"))
    for volatile in ("exported_at", "generator"):
        a.pop(volatile), b.pop(volatile)
    assert a == b


# -- CSV -----------------------------------------------------------------------------------------

def test_csv_bytes_bom_and_excel_line_ends(sample, tmp_path):
    raw = export(sample, "csv", tmp_path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\r\n") >= SAMPLE_NODE_COUNT + 1
    assert "下沉市場".encode() in raw


def test_csv_round_trips_one_row_per_node_with_chinese_intact(sample, tmp_path):
    rows = read_csv(export(sample, "csv", tmp_path))
    nodes = sample.store.nodes(sample.report_id)
    assert len(rows) == SAMPLE_NODE_COUNT
    assert [r["title"] for r in rows] == [n.title for n in nodes]
    assert [r["node_id"] for r in rows] == [n.id for n in nodes]
    assert list(rows[0]) == ["path", "number", "level", "title", "tags", "Impact", "Likelihood", "Confidence",
                             "Impact by analyst", "Likelihood by analyst", "Confidence by analyst",
                             "note", "highlights", "node_id"]
    assert rows[0]["number"] == "一" and rows[0]["level"] == "1"


def test_csv_annotation_columns(sample, tmp_path):
    rows = {r["path"]: r for r in read_csv(export(sample, "csv", tmp_path))}
    point = rows[NON_BMP_PATH]
    assert point["tags"] == "Opportunity; 風險"
    assert point["Impact"] == "3"  # mean of 4 and 2
    assert point["Likelihood"] == "3.5"  # mean of 3 and 4
    assert point["Confidence"] == "5"  # Alice alone
    assert point["Impact by analyst"] == f"{ALICE}=4; {BOB}=2"
    parts = sorted(point["note"].split("\n\n"))  # one paragraph per analyst, prefixed with the name
    assert [p.split(": ", 1)[0] for p in parts] == [ALICE, BOB]
    assert "消費需求" in parts[0] and parts[1] == f"{BOB}: 同意，但需要更多數據。"
    assert point["highlights"] == "3"
    assert rows["3"]["note"] == "第三章值得細讀。"  # one author: no name prefix
    assert rows["2.3.1"]["highlights"] == "1"
    assert rows[CLEARED_RATING[0]]["Impact"] == ""
    assert rows["1.2.1"]["highlights"] == "0"  # its only highlight was deleted


@pytest.mark.parametrize("options, expected", [
    ({"annotated_only": True}, annotated_paths()),
    ({"tags": ("風險",)}, {"1.1.1", "2.3"}),
    ({"tags": ("opportunity", "監管")}, {"1.1.1", "2", "1.4"}),  # any of the tags, any letter case
    ({"min_rating": 4}, {"1.1.1", "2.3"}),
    ({"min_rating": 3, "tags": ("風險",)}, {"1.1.1", "2.3"}),
])
def test_csv_filters(sample, tmp_path, options, expected):
    rows = read_csv(export(sample, "csv", tmp_path, **options))
    assert {r["path"] for r in rows} == expected


def test_csv_only_my_annotations(sample, tmp_path):
    rows = {r["path"]: r for r in read_csv(
        export(sample, "csv", tmp_path, annotated_only=True, only_author_id=sample.bob.id))}
    bobs = ({p for p, _, a in NODE_TAGS if a == BOB} | {p for p, _, a, _ in RATINGS if a == BOB}
            | {p for p, a in NOTES if a == BOB} | {h.path for h in HIGHLIGHTS if h.author == BOB})
    assert set(rows) == bobs
    point = rows[NON_BMP_PATH]
    assert point["Impact"] == "2" and point["Impact by analyst"] == f"{BOB}=2"
    assert point["Confidence"] == ""  # only Alice rated confidence
    assert point["tags"] == "風險"
    assert point["note"] == "同意，但需要更多數據。"
    assert point["highlights"] == "1"


def test_csv_guards_cells_that_a_spreadsheet_would_evaluate(tmp_path):
    from editor.core.report import ParsedNode, ParsedReport
    from editor.store import Store

    with Store.memory() as store:
        info, _ = store.add_report(ParsedReport("公式", [ParsedNode("一", "1", 1, "-章節", "正文")]))
        author = store.ensure_author(ALICE)
        node = store.find_node(info.id, "1")
        store.save_note(node.id, author.id, '<p>=HYPERLINK("http://example.com")</p>')
        out = tmp_path / "guard.csv"
        export_report(store, "csv", out, info.id, ExportOptions())
    row = read_csv(out)[0]
    assert row["note"] == '\'=HYPERLINK("http://example.com")'
    assert row["title"] == "'-章節"


# -- Markdown ------------------------------------------------------------------------------------

def test_markdown_headings_body_and_annotations(sample, tmp_path):
    text = export(sample, "md", tmp_path).read_text(encoding="utf-8")
    nodes = sample.store.nodes(sample.report_id)
    lines = text.splitlines()
    assert lines[0].startswith("# 2025年下沉市場消費金融")
    chapter, section, point = (next(n for n in nodes if n.path == p) for p in ("1", "1.1", "1.1.1"))
    assert f"## 一、{chapter.title}" in lines
    assert f"### 1.1 {section.title}" in lines
    assert f"#### 1.1.1 {point.title}" in lines
    assert sum(1 for line in lines if line.startswith("#")) == SAMPLE_NODE_COUNT + 1
    # The note's rich text became Markdown.
    assert "農村**消費需求**持續增長，*值得關注*。" in text
    assert "- 收入水平提高\n- 基礎設施完善" in text
    assert "[原始報告](https://example.com/report?a=1&b=2)" in text
    assert f"**Note — {ALICE}**" in text
    # Tags, ratings and highlights.
    assert "**Tags:** `Opportunity` `風險`" in text
    assert f"- Impact: ★★★★☆ 4/5 — {ALICE}" in text
    assert f"- Impact: ★★☆☆☆ 2/5 — {BOB}" in text
    assert f"> 農村地區\n>\n> — {ALICE} `風險`\n>\n> 重點：**農村**基礎設施" in text
    assert "> 𠮷野家門店" in text
    assert "已刪除的評論" not in text


def test_markdown_context_nodes_show_only_their_heading(sample, tmp_path):
    text = export(sample, "md", tmp_path, tags=("監管",), only_author_id=sample.bob.id).read_text(encoding="utf-8")
    assert f"filtered: tagged 監管; annotations by {BOB} only" in text.splitlines()[2]
    nodes = {n.path: n for n in sample.store.nodes(sample.report_id)}
    assert f"## 一、{nodes['1'].title}" in text
    if nodes["1"].body:
        assert nodes["1"].body[:20] not in text
    assert f"### 1.4 {nodes['1.4'].title}" in text
    assert "`監管`" in text
    assert "1.1.1" not in text


# -- failures, atomic writes, progress -----------------------------------------------------------

def test_unknown_tag_is_one_clear_line_and_writes_nothing(sample, tmp_path):
    out = tmp_path / "never.csv"
    with pytest.raises(NotFoundError) as info:
        export_report(sample.store, "csv", out, sample.report_id, ExportOptions(tags=("不存在",)))
    message = str(info.value)
    assert "不存在" in message and "風險" in message and "\n" not in message
    assert list(tmp_path.iterdir()) == []


def test_min_rating_outside_scale_is_refused(sample, tmp_path):
    with pytest.raises(ValueError, match="outside Impact's scale 1–5"):
        export_report(sample.store, "json", tmp_path / "x.json", sample.report_id, ExportOptions(min_rating=9))
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_refused(sample, tmp_path):
    with pytest.raises(TrendmarkError, match="does not exist"):
        export_report(sample.store, "md", tmp_path / "no" / "such" / "x.md", sample.report_id)
    assert list(tmp_path.iterdir()) == []


def test_unwritable_folder_is_one_clear_line_and_writes_nothing(sample_db, tmp_path, capsys, monkeypatch):
    # Tests run as root, for whom chmod does not make a folder unwritable: the refusal
    # the operating system would give is simulated where the file is created.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("editor.export.options.tempfile.mkstemp", refuse)
    folder = tmp_path / "locked"
    folder.mkdir()
    out = folder / "x.json"
    code = main(["--db", str(sample_db.path), "export", "json", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"error: cannot write {out}: Permission denied")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "w3c", "qdpx"])
def test_failure_while_writing_leaves_nothing_and_keeps_the_old_file(sample, tmp_path, monkeypatch, fmt):
    out = tmp_path / f"keep.{fmt}"
    out.write_bytes(b"previous export")

    def refuse(src, dst):
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr("editor.export.options.os.replace", refuse)
    with pytest.raises(OSError):
        export_report(sample.store, fmt, out, sample.report_id)
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_cancel_from_progress_leaves_nothing(sample, tmp_path):
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return False

    out = tmp_path / "cancelled.json"
    with pytest.raises(TrendmarkError, match="cancelled"):
        export_report(sample.store, "json", out, sample.report_id, progress=progress)
    assert calls and list(tmp_path.iterdir()) == []


def test_progress_reaches_the_total(sample, tmp_path):
    seen = []
    export_report(sample.store, "csv", tmp_path / "p.csv", sample.report_id,
                  progress=lambda done, total: seen.append((done, total)) or True)
    assert seen[-1] == (SAMPLE_NODE_COUNT, SAMPLE_NODE_COUNT)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_unknown_format_is_refused(sample, tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        export_report(sample.store, "docx", tmp_path / "x.docx", sample.report_id)


# -- through the command line --------------------------------------------------------------------

@pytest.fixture
def sample_db(tmp_path):
    """A database file with the annotated sample; Alice is this installation's analyst."""
    from editor.identity import save_identity

    identity = save_identity(ALICE)
    sample = annotated_sample(tmp_path / "annotated.sqlite", author_ids={ALICE: identity.id})
    sample.store.close()
    return sample


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "w3c", "qdpx"])
def test_cli_exports_each_format(sample_db, tmp_path, capsys, fmt):
    out = tmp_path / f"cli.{fmt}"
    assert main(["--db", str(sample_db.path), "export", fmt, "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert out.stat().st_size > 1000


def test_cli_filters_and_mine(sample_db, tmp_path, capsys):
    out = tmp_path / "mine.csv"
    code = main(["--db", str(sample_db.path), "--author", ALICE, "export", "csv", "--out", str(out),
                 "--annotated-only", "--mine"])
    assert code == 0, capsys.readouterr().err
    alices = ({p for p, _, a in NODE_TAGS if a == ALICE} | {p for p, _, a, _ in RATINGS if a == ALICE}
              | {p for p, a in NOTES if a == ALICE} | {h.path for h in HIGHLIGHTS if h.author == ALICE})
    rows = read_csv(out)
    assert {r["path"] for r in rows} == alices
    assert all(BOB not in r["Impact by analyst"] for r in rows)

    out = tmp_path / "tagged.md"
    assert main(["--db", str(sample_db.path), "export", "md", "--out", str(out), "--tag", "風險",
                 "--min-rating", "5"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "### 2.3 " in text and "#### 1.1.1 " not in text


def test_cli_unknown_tag_fails_with_one_line(sample_db, tmp_path, capsys):
    out = tmp_path / "x.csv"
    code = main(["--db", str(sample_db.path), "export", "csv", "--out", str(out), "--tag", "nope"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: ") and "nope" in err
    assert not out.exists()


def test_csv_reader_sees_quoted_multiline_note_as_one_cell(sample, tmp_path):
    raw = export(sample, "csv", tmp_path).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    assert len(rows) == SAMPLE_NODE_COUNT + 1
    assert all(len(row) == len(rows[0]) for row in rows)
