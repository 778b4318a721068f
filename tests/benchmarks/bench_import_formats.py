"""Import speed of PDF, Word, Markdown and web pages, against baselines measured in the same run.

- A PDF of 300+ pages with bookmarks (LibreOffice, from a generated report): under 10 s and under
  500 MB, and its import against pypdfium2's own text extraction of the same file (target: 3x).
- Word, Markdown and HTML of the 500-chapter benchmark report (pandoc): against the text importer
  reading the same report as text (target: 2x).

Run: make bench  (or pytest tests/benchmarks/bench_import_formats.py -s -o python_files='bench_*.py' -o addopts='')
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editor.importing import parse_report
from tests.report_files import pandoc, soffice, to_markdown
from tests.reportgen import make_report

PDF_PAGES = 300
PDF_CHAPTERS = 230  # about 310 pages as LibreOffice sets them


def _median(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _raw_extraction(data: bytes) -> int:
    """pypdfium2's plain text of every page: the least a PDF importer built on it must do."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    chars = 0
    for index in range(len(pdf)):
        page = pdf[index]
        textpage = page.get_textpage()
        chars += len(textpage.get_text_range())
        textpage.close()
        page.close()
    pdf.close()
    return chars


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("long-pdf")
    report = parse_report(make_report(PDF_CHAPTERS).encode("utf-8"))
    markdown = folder / "report.md"
    markdown.write_text(to_markdown(report), encoding="utf-8")
    return soffice(pandoc(markdown, folder / "report.docx"), "pdf", folder)


# VmHWM, the process's own peak (getrusage's ru_maxrss carries the parent's peak across fork and exec).
_MEMORY = """
import json, re, sys
if sys.argv[2] == "import":
    from editor.importing import read_report
    report = read_report(sys.argv[1])
else:
    import pypdfium2
status = open("/proc/self/status").read()
print(json.dumps(int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1))))
"""


def _peak_mb(path: Path, what: str) -> float:
    # From the repository's root, so that the child imports this checkout's code.
    done = subprocess.run([sys.executable, "-c", _MEMORY, str(path), what], capture_output=True, text=True,
                          check=True, timeout=120, cwd=Path(__file__).resolve().parents[2])
    return json.loads(done.stdout) / 1024


def test_pdf_with_bookmarks_of_300_pages(long_pdf):
    import pypdfium2 as pdfium

    data = long_pdf.read_bytes()
    pages = len(pdfium.PdfDocument(data))
    assert pages >= PDF_PAGES
    report = parse_report(data, long_pdf.name)
    assert report.counts()[1] == PDF_CHAPTERS and not any("no bookmarks" in w for w in report.warnings)
    ours = _median(lambda: parse_report(data, long_pdf.name), 3)
    raw = _median(lambda: _raw_extraction(data), 3)
    peak, bare = _peak_mb(long_pdf, "import"), _peak_mb(long_pdf, "bare")
    print(f"\nPDF {pages} pages, {len(data) / 1e6:.1f} MB, {sum(1 for _ in report.walk())} nodes: import "
          f"{ours:.2f} s; pypdfium2 text extraction {raw:.2f} s; ratio {ours / raw:.1f}x (target 3x); "
          f"peak memory {peak:.0f} MB (Python with pypdfium2 loaded: {bare:.0f} MB)")
    assert ours < 10
    assert peak < 500
    assert ours < 3 * raw


@pytest.fixture(scope="module")
def benchmark_report(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("formats-500")
    text = make_report(500).encode("utf-8")
    markdown = folder / "report.md"
    markdown.write_text(to_markdown(parse_report(text)), encoding="utf-8")
    return {"text": text, "markdown": markdown.read_bytes(),
            "docx": pandoc(markdown, folder / "report.docx").read_bytes(),
            "html": pandoc(markdown, folder / "report.html", "--standalone").read_bytes()}


@pytest.mark.parametrize("kind", ["docx", "markdown", "html"])
def test_structured_formats_against_the_text_importer(benchmark_report, kind):
    data, text = benchmark_report[kind], benchmark_report["text"]
    assert parse_report(data).counts() == parse_report(text).counts()
    ours = _median(lambda: parse_report(data), 5)
    baseline = _median(lambda: parse_report(text), 5)
    print(f"\n{kind:>8} of the 500-chapter report, {len(data) / 1e6:.1f} MB: {ours * 1000:.0f} ms; "
          f"text importer {baseline * 1000:.0f} ms; ratio {ours / baseline:.2f}x (target 2x)")
    assert ours < 2 * baseline
