"""A PDF page's lines read on whole-page arrays are the lines the character-by-character rules give.

On real files: the sample as LibreOffice and XeLaTeX set it (Chinese, running heads, page numbers),
pdfTeX's hyphenated Latin report, and a longer generated report through LibreOffice.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from editor.importing import parse_report
from editor.importing.formats.pdf_lines import Line, page_lines
from tests.pdf_lines_reference import page_lines as reference_lines
from tests.report_files import pandoc, soffice, to_markdown
from tests.reportgen import make_report
from tests.test_importing_pdf_producers import pdftex  # noqa: F401  (the fixture)


def _uncoloured(page: tuple[list[Line], float]) -> tuple[list[Line], float]:
    # The rules below are about lines and their text; a line's colour is two characters asked of pdfium and
    # its cells its widest gaps (test_importing_pdf_producers checks the headings they tell apart).
    lines, height = page
    return [replace(line, color=-1, cells=1) for line in lines], height


def _same_lines(path: Path) -> int:
    pdf = pdfium.PdfDocument(path.read_bytes())
    compared = 0
    try:
        for index in range(len(pdf)):
            assert _uncoloured(page_lines(pdf, index)) == reference_lines(pdf, index), f"{path.name}, page {index + 1}"
            compared += len(page_lines(pdf, index)[0])
    finally:
        pdf.close()
    return compared


@pytest.mark.parametrize("kind", ["libreoffice_pdf", "latex_pdf"])
def test_sample_pdfs_give_the_same_lines(made, kind):
    assert _same_lines(made[kind]) > 100


def test_pdftex_hyphenated_report_gives_the_same_lines(pdftex):
    path, _ = pdftex
    assert _same_lines(path) > 50


def test_generated_report_through_libreoffice_gives_the_same_lines(tmp_path):
    markdown = tmp_path / "report.md"
    markdown.write_text(to_markdown(parse_report(make_report(12).encode("utf-8"))), encoding="utf-8")
    assert _same_lines(soffice(pandoc(markdown, tmp_path / "report.docx"), "pdf", tmp_path)) > 300
