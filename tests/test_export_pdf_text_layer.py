"""The PDF's text layer read back: every printed line exists once, on the page where it is seen."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from editor.export import ExportOptions, export_report
from editor.export.pdf.style import PageGeometry
from editor.importing import parse_report
from editor.store import Store
from tests.reportgen import make_report
from tests.test_export_pdf_support import run

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@pytest.fixture(scope="module")
def generated(tmp_path_factory, qapp) -> tuple[Path, list]:
    """A 30-chapter generated report (about 120 pages) exported without annotations."""
    folder = tmp_path_factory.mktemp("generated")
    report = parse_report(make_report(30).encode("utf-8"), source="generated-30.txt")
    with Store.open(folder / "g.sqlite") as store:
        info, _ = store.add_report(report)
        nodes = store.nodes(info.id)
        export_report(store, "pdf", folder / "g.pdf", info.id, ExportOptions())
    return folder / "g.pdf", nodes


def words_by_page(path: Path) -> list[list[tuple[float, float, str]]]:
    """(yMin, yMax, text) of every word pdftotext finds, page by page (PDF points, y down)."""
    xml = run("pdftotext", "-enc", "UTF-8", "-bbox", str(path), "-")
    pages = xml.split("<page ")[1:]
    return [[(float(m.group(2)), float(m.group(4)), m.group(5)) for m in _WORD.finditer(page)] for page in pages]


def test_no_text_is_drawn_outside_the_text_column(generated):
    # A line moved to the next page used to be drawn, clipped away, at the foot of the previous one too.
    path, _ = generated
    geometry = PageGeometry.for_page_size("A4")
    column_bottom = geometry.height - geometry.bottom
    footer_top = column_bottom + 20  # the "n / N" footer sits 30 pt below the column
    header_rule = geometry.top - 16  # the running header sits above its rule
    hidden = {index + 1: [text for top, bottom, text in words
                          if column_bottom - 0.5 <= top < footer_top or (header_rule < top and bottom <= geometry.top + 0.5)]
              for index, words in enumerate(words_by_page(path))}
    hidden = {page: texts for page, texts in hidden.items() if texts}
    assert hidden == {}


def test_every_heading_and_body_is_in_the_text_layer_once(generated):
    path, nodes = generated
    pages = run("pdftotext", "-enc", "UTF-8", str(path), "-").split("\f")
    # Leave out the running header (report and chapter title) and the footer of every page.
    text = "".join("".join(page.splitlines()[2:-1]) for page in pages)
    flat = re.sub(r"\s+", "", text)
    counts = Counter()
    for node in nodes:
        if node.level > 1:  # a chapter's title is also its running header
            label = re.sub(r"\s+", "", f"{node.number}{node.title}")
            counts[label] = len(re.findall(r"(?<![\d.])" + re.escape(label), flat))
    repeated = {label: n for label, n in counts.items() if n != 1}
    assert repeated == {}
