"""How the annotated PDF sets its text, read back from the file: run-in headings, markers in the margin."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from editor.export.pdf.style import PageGeometry, deepen, parse_colour
from tests.export_fixtures import HIGHLIGHTS
from tests.test_export_pdf_support import ExportedPdf, export_sample, opening_title, run

_LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S)
_WORD_TEXT = re.compile(r">([^<]*)</word>")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory, qapp) -> ExportedPdf:
    return export_sample(tmp_path_factory.mktemp("typesetting"))


def _lines(pdf: ExportedPdf, page: int) -> list[tuple[float, float, str]]:
    """(yMin, yMax, text) of each line pdftotext finds on a page, top to bottom."""
    xml = run("pdftotext", "-enc", "UTF-8", "-bbox-layout", "-f", str(page + 1), "-l", str(page + 1),
              str(pdf.path), "-")
    return [(float(m.group(2)), float(m.group(4)), "".join(_WORD_TEXT.findall(m.group(5))))
            for m in _LINE.finditer(xml)]


# -- a point titled by its first sentence (issue 14, point 14) ---------------------------------------


def test_a_title_repeating_the_first_sentence_is_printed_once(pdf):
    every = pdf.sample.store.nodes(pdf.sample.report_id)
    sentences = {n.path: opening_title(n) for n in every if opening_title(n)}
    assert len(sentences) > 90  # the sample titles nearly every point by its first sentence
    flat = pdf.flat()

    def in_report(sentence: str) -> int:
        """How often the report's text holds ``sentence`` once each title is printed once."""
        return sum(n.body.count(sentence) + (0 if opening_title(n) else n.title.count(sentence)) for n in every)

    twice = {path: (flat.count(sentence), in_report(sentence)) for path, sentence in sentences.items()
             if flat.count(sentence) != in_report(sentence)}
    assert twice == {}
    # The number and the sentence open the paragraph: "1.1.2 農村居民對于…需求。同時,金融機構…"
    node = pdf.sample.node("1.1.2")
    assert f"1.1.2 {node.body[:40]}" in flat


def test_a_title_that_is_not_the_first_sentence_stays_a_heading(pdf):
    node = pdf.sample.node("1.1")
    assert not node.body and opening_title(node) == ""
    assert f"1.1 {node.title}" in pdf.flat()


# -- highlight markers (issue 14, point 13) ----------------------------------------------------------


def test_a_highlighted_sentence_copies_as_one_run_of_text(pdf):
    flat = pdf.flat()
    # ① followed 農村地區, ② 𠮷野家門店 and ③ 掃碼支付優惠 in the text; now only the sentence is there.
    assert "隨著我國農村地區基礎設施的不斷完善" in flat
    assert "例如𠮷野家門店推出掃碼支付優惠。" in flat
    page = pdf.pages_with("例如𠮷野家門店")[0]
    body = [text for _, _, text in _lines(pdf, page) if "基礎設施的不斷完善" in text or "推出掃碼支付" in text]
    assert body and not any(marker in text for text in body for marker in "①②③")


def test_markers_do_not_enlarge_the_line_pitch(pdf):
    page = pdf.pages_with("例如𠮷野家門店")[0]
    lines = _lines(pdf, page)
    first = next(i for i, (_, _, text) in enumerate(lines) if "農村地區" in text)
    highlighted = lines[first + 1][0] - lines[first][0]  # both lines carry a marker's passage
    plain_start = next(i for i, (_, _, text) in enumerate(lines) if "同時,金融機構也在積極" in text)
    plain = lines[plain_start + 1][0] - lines[plain_start][0]  # 1.1.2, no highlight
    assert highlighted == pytest.approx(plain, abs=0.2)


def _ppm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    magic, width, height, _maximum, pixels = data.split(maxsplit=4)
    assert magic == b"P6"
    return int(width), int(height), pixels


def test_markers_are_drawn_in_the_margin_in_their_highlight_colour(pdf, tmp_path):
    geometry = PageGeometry.for_page_size("A4")
    spec = next(h for h in HIGHLIGHTS if h.quote == "農村地區")
    page, annotation = next((p, a) for p, a in pdf.annotations_of("/Highlight") if "重點" in a["/Contents"])
    _left, bottom, _right, top = (float(v) for v in annotation["/Rect"])
    # Render the right margin beside the highlighted line at 4 pixels per point.
    scale = 4
    x0, y0 = round((geometry.width - geometry.right) * scale), round((geometry.height - top - 2) * scale)
    width, height = round((geometry.right - 4) * scale), round((top - bottom + 4) * scale)
    subprocess.run(["pdftoppm", "-r", str(72 * scale), "-f", str(page + 1), "-l", str(page + 1), "-x", str(x0),
                    "-y", str(y0), "-W", str(width), "-H", str(height), "-singlefile", str(pdf.path),
                    str(tmp_path / "margin")], check=True)
    _width, _height, pixels = _ppm(tmp_path / "margin.ppm")
    ink = deepen(parse_colour(spec.color))
    close = sum(1 for i in range(0, len(pixels), 3)
                if abs(pixels[i] - ink.red()) + abs(pixels[i + 1] - ink.green()) + abs(pixels[i + 2] - ink.blue()) < 60)
    assert close > 20, "no marker in the highlight's colour beside its line"
    # And the margin holds no text: the marker is a shape.
    assert pdf.text_in_box(page, geometry.width - geometry.right, bottom - 2, geometry.width, top + 2) == ""
