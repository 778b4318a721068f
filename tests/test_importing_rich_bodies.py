"""Bold, italic, code and links kept from Word, Markdown and web pages as spans over the plain body."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from editor.core.report import report_id
from editor.core.styles import Style, StylesError, remapped, styles_from_json, styles_to_json
from editor.export import ExportOptions
from editor.export.pdf import export_pdf
from editor.importing import read_report
from editor.store import Store
from editor.store.merge import merge_database
from tests.report_files import soffice

MARKDOWN = """# 一、Rich chapter

## 1.1 Section with styles

Growth is **strong** and *uneven*, see [the source](https://example.org/a) or `code` and
[a trap](ftp://example.org/x); a [mail](mailto:desk@example.org).

- item **one**
- item two

# 二、Plain chapter

Nothing styled.
"""
BODY = ("Growth is strong and uneven, see the source or code and a trap; a mail.\n"
        "• item one\n• item two")


def spans(node) -> set[tuple[str, str, str]]:
    return {(style.kind, node.body[style.start:style.end], style.href) for style in node.styles}


EXPECTED = {("bold", "strong", ""), ("italic", "uneven", ""), ("link", "the source", "https://example.org/a"),
            ("code", "code", ""), ("link", "mail", "mailto:desk@example.org"), ("bold", "one", "")}


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("rich")
    source = folder / "report.md"
    source.write_text(MARKDOWN, encoding="utf-8")
    out = {"markdown": source}
    for kind, name in (("docx", "report.docx"), ("html", "report.html")):
        out[kind] = folder / name
        subprocess.run(["pandoc", "-s", "--metadata", "title=Rich", "-o", str(out[kind]), str(source)],
                       check=True, capture_output=True)
    lo = folder / "lo"
    lo.mkdir()
    out["libreoffice_docx"] = soffice(out["html"], "docx:MS Word 2007 XML", lo)
    return out


@pytest.mark.parametrize("kind", ["markdown", "docx", "html", "libreoffice_docx"])
def test_styles_land_on_the_right_characters_of_the_plain_body(files, kind):
    report = read_report(files[kind])
    node = next(n for n in report.walk() if n.path == "1.1")
    assert " ".join(node.body.split()) == " ".join(BODY.split())
    found = spans(node)
    assert found >= EXPECTED
    assert not any(text == "a trap" for _k, text, _h in found)  # a link no reader should follow is text only


def test_the_same_report_as_text_and_as_word_has_the_same_id(tmp_path):
    md = tmp_path / "plain.md"
    md.write_text("# 一、Chapter\n\n## 1.1 Section\n\nPlain text here.\n\n## 1.2 Other\n\nMore text.\n",
                  encoding="utf-8")
    styled = tmp_path / "styled.md"
    styled.write_text(md.read_text(encoding="utf-8").replace("Plain text", "**Plain** *text*"), encoding="utf-8")
    docx = tmp_path / "styled.docx"
    subprocess.run(["pandoc", "-o", str(docx), str(styled)], check=True, capture_output=True)
    plain, word = read_report(md), read_report(docx)
    assert word.walk().__next__().title == plain.walk().__next__().title
    assert [n.body for n in word.walk()] == [n.body for n in plain.walk()]
    assert report_id(word) == report_id(plain)
    assert any(n.styles for n in word.walk()) and not any(n.styles for n in plain.walk())


def test_styles_are_stored_and_read_back_with_the_node(files, tmp_path):
    store = Store.open(tmp_path / "t.db")
    info, _ = store.add_report(read_report(files["docx"]))
    node = next(n for n in store.nodes(info.id) if n.path == "1.1")
    assert spans(node) >= EXPECTED
    assert store.node(node.id).styles == node.styles
    store.close()


def test_cleaning_and_composition_move_styles_with_their_text():
    before = "發(fā)展很強"  # the reading goes, the bold stays on 很強
    after = "發展很強"
    assert remapped((Style(6, 8, "bold"),), before, after) == (Style(2, 4, "bold"),)
    decomposed = "cafe\u0301 bold"
    assert remapped((Style(6, 10, "bold"),), decomposed, "café bold") == (Style(5, 9, "bold"),)


@pytest.mark.parametrize("raw", [
    "not json", '{"a": 1}', '[[0, 99, "bold"]]', '[[3, 2, "bold"]]', '[[0, 2, "blink"]]',
    '[[0, 2, "link", "javascript:alert(1)"]]', '[[0, 2, "bold", "https://x.org"]]', '[[0.5, 2, "bold"]]',
    "[" + ",".join(['[0,1,"bold"]'] * 5001) + "]",
])
def test_malformed_styles_are_refused(raw):
    with pytest.raises(StylesError):
        styles_from_json(raw, 10)


def test_styles_round_trip_through_json():
    styles = (Style(0, 2, "bold"), Style(3, 5, "link", "https://example.org/x?a=1"))
    assert styles_from_json(styles_to_json(styles), 5) == styles
    assert styles_to_json(()) is None


def test_a_merge_brings_a_colleagues_styles_and_leaves_out_malformed_ones(files, tmp_path):
    theirs_path = tmp_path / "theirs.sqlite"
    with Store.open(theirs_path) as theirs:
        info, _ = theirs.add_report(read_report(files["docx"]))
        section = next(n for n in theirs.nodes(info.id) if n.path == "1.1")
    with Store.open(tmp_path / "mine.sqlite") as mine:
        result = merge_database(mine, theirs_path)
        assert result.counts["reports"].added == 1 and not result.warnings
        assert mine.node(section.id).styles == section.styles

    conn = sqlite3.connect(theirs_path)
    chapter = conn.execute("SELECT id FROM nodes WHERE path = '2'").fetchone()[0]
    conn.execute("UPDATE nodes SET styles = ? WHERE id = ?",
                 ('[[0, 9999, "bold"]]', chapter))
    conn.execute("UPDATE nodes SET styles = ? WHERE id = ?",
                 ('[[0, 4, "link", "javascript:alert(1)"]]', section.id))
    conn.commit()
    conn.close()
    with Store.open(tmp_path / "other.sqlite") as other:
        result = merge_database(other, theirs_path)
        assert result.counts["reports"].added == 1  # the text, proven by its id, still comes
        assert other.node(section.id).styles == () and other.node(chapter).styles == ()
        assert len([w for w in result.warnings if "styles of node" in w]) == 2


def test_the_pdf_export_prints_bold_and_italic_faces_and_the_link(files, tmp_path):
    out = tmp_path / "rich.pdf"
    plain_out = tmp_path / "plain.pdf"
    with Store.open(tmp_path / "t.db") as store:
        info, _ = store.add_report(read_report(files["docx"]))
        export_pdf(store, out, info.id, ExportOptions())
    with Store.open(tmp_path / "p.db") as store:
        info, _ = store.add_report(read_report(files["docx"]))
        store.db.conn.execute("UPDATE nodes SET styles = NULL")
        store.db.conn.commit()
        export_pdf(store, plain_out, info.id, ExportOptions())

    def faces(path: Path) -> set[str]:
        listing = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
        return {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:] if line.strip()}

    assert "DejaVuSans-Oblique" in faces(out) - faces(plain_out)  # italics only where the body has them
    runs: dict[str, str] = {}
    for page in PdfReader(out).pages:
        page.extract_text(visitor_text=lambda text, _cm, _tm, font, _size: runs.setdefault(
            text.strip(), str((font or {}).get("/BaseFont", ""))))
    assert runs["strong"].endswith("-Bold") and runs["one"].endswith("-Bold")
    assert runs["uneven"].endswith("-Oblique")
    assert not runs["Growth is"].endswith("-Bold")
    links = [annot["/A"]["/URI"] for page in PdfReader(out).pages for annot in (page.get("/Annots") or [])
             if annot.get_object().get("/A", {}).get("/URI")]
    assert "https://example.org/a" in links
