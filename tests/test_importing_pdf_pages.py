"""Pages read partly in a forked copy of the process are the pages read here, whatever becomes of the copy.

The split applies to long files only; the sample PDF is read with the threshold lowered to two pages.
"""

from __future__ import annotations

import time

import pypdfium2 as pdfium
import pytest

from editor.importing import parse_report
from editor.importing.formats import pdf_pages
from editor.importing.formats.pdf_lines import page_lines


@pytest.fixture
def sample_pdf(made) -> bytes:
    return made["libreoffice_pdf"].read_bytes()


@pytest.fixture
def forks(monkeypatch) -> list[int]:
    """Split every file of two pages or more; the list gets the first page of each part given to a copy."""
    started: list[int] = []
    start = pdf_pages._start

    def counted(data, first, stop):
        child = start(data, first, stop)
        if child is not None:
            started.append(first)
        return child

    monkeypatch.setattr(pdf_pages, "_MIN_PAGES", 2)
    monkeypatch.setattr(pdf_pages, "_processors", lambda: 2)
    monkeypatch.setattr(pdf_pages, "_start", counted)
    return started


def _read_here(data: bytes) -> list:
    pdf = pdfium.PdfDocument(data)
    try:
        return [page_lines(pdf, index) for index in range(len(pdf))]
    finally:
        pdf.close()


def _read_split(data: bytes) -> list:
    pdf = pdfium.PdfDocument(data)
    try:
        return pdf_pages.read_pages(data, pdf, len(pdf))()
    finally:
        pdf.close()


def test_a_copy_reads_the_second_part_and_the_lines_are_the_same(sample_pdf, forks):
    expected = _read_here(sample_pdf)
    assert len(expected) >= 4 and sum(len(lines) for lines, _ in expected) > 100
    assert _read_split(sample_pdf) == expected
    assert forks and 0 < forks[0] < len(expected)


def test_the_report_is_the_same_read_in_two_processes_or_one(sample_pdf, forks, monkeypatch):
    split = parse_report(sample_pdf, "sample.pdf")
    assert forks
    monkeypatch.setattr(pdf_pages, "_MIN_PAGES", 10**6)
    alone = parse_report(sample_pdf, "sample.pdf")
    assert len(forks) == 1
    assert split == alone
    assert [(n.path, n.page, n.body) for n in split.walk()] == [(n.path, n.page, n.body) for n in alone.walk()]


def test_a_copy_that_fails_leaves_its_pages_to_this_process(sample_pdf, forks, monkeypatch):
    def broken(pages):
        raise RuntimeError("the copy cannot send")

    monkeypatch.setattr(pdf_pages, "_pack", broken)  # runs in the copy only
    assert _read_split(sample_pdf) == _read_here(sample_pdf)
    assert forks


def test_a_copy_that_hangs_is_stopped_and_its_pages_read_here(sample_pdf, forks, monkeypatch):
    def hanging(pages):
        time.sleep(60)
        return b""

    monkeypatch.setattr(pdf_pages, "_pack", hanging)
    monkeypatch.setattr(pdf_pages, "_TIMEOUT", 0.5)
    assert _read_split(sample_pdf) == _read_here(sample_pdf)  # not held up for the copy's minute
    assert forks


def test_short_files_and_single_processors_are_read_here_only(sample_pdf, forks, monkeypatch):
    monkeypatch.setattr(pdf_pages, "_processors", lambda: 1)
    assert _read_split(sample_pdf) == _read_here(sample_pdf)
    monkeypatch.setattr(pdf_pages, "_processors", lambda: 2)
    monkeypatch.setattr(pdf_pages, "_MIN_PAGES", 10**6)
    assert _read_split(sample_pdf) == _read_here(sample_pdf)
    assert not forks
