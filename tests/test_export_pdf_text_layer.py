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
from tests.reportgen import TITLE, make_report
from tests.test_export_pdf_support import printed_title, run

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
    # A line moved to the next page used to be drawn, clipped away, at the foot of the previous page,
    # and the last line of a paragraph's part on one page again above the top of the next.
    path, nodes = generated
    geometry = PageGeometry.for_page_size("A4")
    top, bottom = geometry.top, geometry.height - geometry.bottom
    header = "".join(f"{node.number}、{node.title}" for node in nodes if node.level == 1) + TITLE
    hidden = {}
    for index, words in enumerate(words_by_page(path)):
        outside = [text for y_min, y_max, text in words if not top - 0.5 <= (y_min + y_max) / 2 <= bottom + 0.5]
        # The running header above the column and the "n / N" footer below it are the only text there.
        extra = [text for text in outside if text.rstrip("…") not in header and not re.fullmatch(r"\d+|/", text)]
        if extra:
            hidden[index + 1] = extra
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
            label = re.sub(r"\s+", "", f"{node.number}{printed_title(node)}")
            counts[label] = len(re.findall(r"(?<![\d.])" + re.escape(label), flat))
    repeated = {label: n for label, n in counts.items() if n != 1}
    assert repeated == {}
