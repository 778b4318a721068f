"""PDF, Word, Markdown and HTML reports, made by real tools from the sample, import like the text file."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest
from pypdf import PdfWriter

from editor.core.errors import ReportError
from editor.importing import detect_format, parse_report, read_report
from tests.report_files import locked_pdf, soffice

COUNTS = {1: 10, 2: 46, 3: 128}


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("kind", ["markdown", "docx", "libreoffice_docx", "html"])
def test_sample_in_each_format_has_the_same_outline_titles_and_bodies(made, reference, kind):
    report = read_report(made[kind])
    assert report.counts() == COUNTS
    assert report.title == reference.title
    ours = {node.path: node for node in report.walk()}
    for node in reference.walk():
        assert (ours[node.path].number, ours[node.path].title) == (node.number, node.title)
        assert ours[node.path].body == node.body, node.path


@pytest.mark.parametrize("kind", ["libreoffice_pdf", "latex_pdf", "libreoffice_pdf_no_bookmarks",
                                  "latex_pdf_no_bookmarks", "latex_pdf_contents", "latex_pdf_contents_no_bookmarks"])
def test_sample_as_pdf_has_the_same_outline_and_text(made, reference, kind):
    report = read_report(made[kind])
    assert any(w.startswith("no bookmarks: headings found by") for w in report.warnings) == kind.endswith("marks")
    assert report.counts() == COUNTS
    assert report.title == reference.title
    ours = {node.path: node for node in report.walk()}
    for node in reference.walk():
        assert (ours[node.path].number, ours[node.path].title) == (node.number, node.title)
        # Line wrapping and typesetting gaps may change spaces; the characters are the same.
        assert squeezed(ours[node.path].body) == squeezed(node.body), node.path
        # Lines are joined without a space between Chinese characters, and the glue a typesetter
        # puts beside Chinese (after a half-width comma, around digits) is not taken for a space.
        assert not re.search(r"[\u4e00-\u9fff,] +[\u4e00-\u9fff]|[\u4e00-\u9fff] +[\u4e00-\u9fff0-9]",
                             ours[node.path].body), node.path
        assert ours[node.path].page and ours[node.path].page >= 1
    assert ours["10"].page > ours["1"].page
    assert [node.page for node in report.walk()] == sorted(node.page for node in report.walk())


@pytest.mark.parametrize("kind", ["latex_pdf_contents", "latex_pdf_contents_no_bookmarks"])
def test_a_printed_table_of_contents_is_left_out(made, reference, kind):
    # Its lines name every heading again, with leader dots and page numbers: without bookmarks they
    # would make a second outline; with them, text before the first chapter.
    report = read_report(made[kind])
    assert report.counts() == COUNTS
    removed = [w for w in report.warnings if w.startswith("removed the table of contents")]
    assert len(removed) == 1 and int(re.search(r"\((\d+) lines\)", removed[0]).group(1)) >= 184
    assert not any("before the first heading" in w for w in report.warnings)
    assert ". . . ." not in " ".join(node.body for node in report.walk())


def test_running_heads_and_page_numbers_are_removed(made):
    report = read_report(made["latex_pdf"])
    bodies = " ".join(node.body for node in report.walk())
    assert "內部資料" not in bodies and not re.search(r"第 ?\d+ ?頁", bodies)
    assert any("running header and footer lines" in w and "page numbers" in w for w in report.warnings)


def test_web_page_furniture_is_left_out(made):
    report = read_report(made["html"])
    text = " ".join(node.title + node.body for node in report.walk())
    assert "下載本文檔" not in text and "版權所有" not in text and "提交評論" not in text and "首頁" not in text
    assert any("not the report" in w for w in report.warnings)


def test_type_is_told_by_content_not_name(made, tmp_path):
    disguised = tmp_path / "report.txt"
    disguised.write_bytes(made["libreoffice_pdf"].read_bytes())
    assert detect_format(disguised.read_bytes()) == "pdf"
    assert read_report(disguised).counts() == COUNTS
    renamed = tmp_path / "report.pdf"
    renamed.write_bytes(made["docx"].read_bytes())
    assert read_report(renamed).counts() == COUNTS


def test_libreoffice_docx_lists_and_tables_come_as_text(tmp_path):
    page = tmp_path / "lists.html"
    page.write_text("<html><body><h1>Liquidity outlook</h1><h2>Drivers</h2><ol><li>Rates fall</li>"
                    "<li>Deposits grow</li></ol><table><tr><td>Region</td><td>Share</td></tr>"
                    "<tr><td>Rural</td><td>41%</td></tr></table><h2>Risks</h2><p>Some <b>bold</b> words.</p>"
                    "</body></html>", encoding="utf-8")
    docx = soffice(page, "docx:MS Word 2007 XML", tmp_path)
    report = read_report(docx)
    assert [node.title for node in report.walk()] == ["Drivers", "Risks"]
    body = report.nodes[0].body
    assert body == "1. Rates fall\n2. Deposits grow\nRegion\tShare\nRural\t41%"
    assert report.nodes[1].body == "Some bold words."


def test_markdown_lists_emphasis_links_and_setext(tmp_path):
    text = ("Report\n======\n\nChapter one\n-----------\n\nSome *emphasis* and a [link](http://x).\n\n"
            "1. first\n2. second\n\n- a\n- b\n\n## 1.1 Detail\n\nWrapped\nline and 中文\n換行.\n")
    report = parse_report(text.encode(), "r.md")
    assert report.title == "Report"
    chapter = report.nodes[0]
    assert chapter.title == "Chapter one"
    assert chapter.body == "Some emphasis and a link.\n1. first\n2. second\n• a\n• b"
    assert (chapter.children[0].number, chapter.children[0].title) == ("1.1", "Detail")
    assert chapter.children[0].body == "Wrapped line and 中文換行."


def _pdf_bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_password_protected_pdf_is_one_clear_line(made, tmp_path):
    locked = locked_pdf(made["libreoffice_pdf"], tmp_path / "locked.pdf")
    with pytest.raises(ReportError, match=r"^locked.pdf: the PDF is password-protected"):
        parse_report(locked.read_bytes(), "locked.pdf")


def test_pdf_without_text_asks_for_ocr():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    with pytest.raises(ReportError, match=r"has no text \(a scanned document\? run OCR first\)"):
        parse_report(_pdf_bytes(writer), "scan.pdf")


@pytest.mark.parametrize("kind", ["libreoffice_pdf", "docx"])
def test_corrupt_files_are_one_clear_line(made, kind):
    data = made[kind].read_bytes()
    with pytest.raises(ReportError) as caught:
        parse_report(data[: len(data) // 3], "broken")
    assert "damaged" in str(caught.value) and "\n" not in str(caught.value)


def test_cli_refuses_a_locked_pdf_without_creating_a_database(made, tmp_path):
    locked = locked_pdf(made["libreoffice_pdf"], tmp_path / "locked.pdf")
    db = tmp_path / "t.sqlite"
    result = subprocess.run([sys.executable, "-m", "editor", "--db", str(db), "import", str(locked)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["error: locked.pdf: the PDF is password-protected; open it in a "
                                                  "PDF reader, save a copy without the password and import that"]
    assert not db.exists()


def test_cli_imports_a_pdf(made, tmp_path):
    result = subprocess.run([sys.executable, "-m", "editor", "--db", str(tmp_path / "t.sqlite"), "import",
                             str(made["latex_pdf"])], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "(184 nodes)" in result.stdout


def test_reading_a_report_leaves_the_cycle_collector_as_it_found_it(made):
    # The collector is held off while a report is read (dispatch._collector_paused), never longer.
    import gc

    assert gc.isenabled()
    read_report(made["libreoffice_pdf"])
    assert gc.isenabled()
    with pytest.raises(ReportError):
        parse_report(b"%PDF-1.7 truncated", "broken.pdf")
    assert gc.isenabled()
    gc.disable()
    try:
        read_report(made["markdown"])
        assert not gc.isenabled()  # someone else turned it off: theirs to turn back on
    finally:
        gc.enable()
