"""The annotated PDF read back with real readers: its text, fonts, title page and page furniture."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

import pytest

from editor.core.richtext import html_to_text
from tests.export_fixtures import (
    ALICE, BOB, DELETED_HIGHLIGHT, HIGHLIGHTS, NOTES, TAG_COLORS, annotated_paths,
)
from tests.test_export_pdf_support import ExportedPdf, export_sample, run


@pytest.fixture(scope="module")
def pdf(tmp_path_factory, qapp) -> ExportedPdf:
    return export_sample(tmp_path_factory.mktemp("pdf"))


def test_the_file_is_a_pdf_that_readers_open(pdf):
    assert pdf.path.read_bytes().startswith(b"%PDF-")
    info = run("pdfinfo", str(pdf.path))
    assert "Pages:" in info
    assert pdf.reader.metadata.title == pdf.sample.store.report(pdf.sample.report_id).title


def test_chapter_titles_come_back_as_text_in_outline_order(pdf):
    chapters = [n for n in pdf.sample.store.nodes(pdf.sample.report_id) if n.level == 1]
    flat = pdf.flat()
    positions = [flat.find(chapter.title) for chapter in chapters]
    assert all(at >= 0 for at in positions), [c.title for c, at in zip(chapters, positions, strict=True) if at < 0]
    assert positions == sorted(positions)


def test_headings_are_numbered_as_in_the_report(pdf):
    flat = pdf.flat()
    node = pdf.sample.node("1.1.1")
    assert f"1.1.1 {node.title}" in flat
    assert f"一、{pdf.sample.node('1').title}" in flat


def test_notes_keep_their_text_including_list_items(pdf):
    flat = pdf.flat()
    for html in NOTES.values():
        for line in html_to_text(html).splitlines():
            words = line.lstrip(" •").split(". ", 1)[-1] if line.lstrip()[:1] in "•0123456789" else line
            assert words in flat, line  # the PDF draws list markers as Qt lays lists out


def test_highlighted_passages_and_their_comments_extract_in_chinese(pdf):
    flat = pdf.flat()
    for spec in HIGHLIGHTS:
        assert spec.quote in flat
        if spec.comment_html:
            assert html_to_text(spec.comment_html) in flat


def test_text_beyond_the_basic_plane_extracts(pdf):
    # 𠮷 (U+20BB7) gets no ToUnicode entry from Qt; the export restores it.
    assert "例如𠮷野家門店推出掃碼支付優惠" in pdf.flat()


def test_ideographs_are_not_extracted_as_radicals(pdf):
    text = pdf.text
    radicals = [ch for ch in text if 0x2E80 <= ord(ch) <= 0x2FDF or 0xF900 <= ord(ch) <= 0xFAFF]
    assert radicals == []
    # 金 and 風 share their glyph with the Kangxi radicals ⾦ and ⾵ in Noto CJK.
    assert "消費金融" in pdf.flat()
    assert "風險" in pdf.flat()
    assert "\t" not in text


def test_markers_key_highlights_to_their_comments(pdf):
    # Point 1.1.1 has three highlights: ① ② ③ start their comment lines in the panel (in the
    # text they are drawn in the margin, as shapes: see test_export_pdf_typesetting).
    page = pdf.pages_with(pdf.sample.node("1.1.1").title)[0]
    flat = pdf.flat(page)
    for marker, spec in zip("①②③", [h for h in HIGHLIGHTS if h.path == "1.1.1"], strict=True):
        assert f"{marker}“{spec.quote}”" in flat or f"{marker} “{spec.quote}”" in flat
        assert flat.count(marker) == 1


def test_tags_ratings_and_authors_are_printed(pdf):
    page = pdf.pages_with(pdf.sample.node("1.1.1").title)[0]
    layout = _layout_text(pdf, page)
    for tag in ("風險", "Opportunity"):
        assert tag in layout
    # Two analysts rated 1.1.1: stars per analyst, with names.
    impact = next(line for line in layout.splitlines() if line.strip().startswith("Impact"))
    assert "★★★★☆" in impact and ALICE in impact and "★★☆☆☆" in impact and BOB in impact
    assert any(line.strip().startswith("Confidence") for line in layout.splitlines())  # no "ﬁ" ligature
    # One analyst rated 1.2: the value instead of a name.
    page_12 = pdf.pages_with(pdf.sample.node("1.2").title)[0]
    assert "★☆☆☆☆ 1/5" in _layout_text(pdf, page_12)


def _layout_text(pdf: ExportedPdf, page: int) -> str:
    return run("pdftotext", "-enc", "UTF-8", "-layout", "-f", str(page + 1), "-l", str(page + 1), str(pdf.path), "-")


def test_deleted_and_cleared_annotations_do_not_appear(pdf):
    flat = pdf.flat()
    assert html_to_text(DELETED_HIGHLIGHT.comment_html) not in flat
    names = [a.get("/NM") for _, a in pdf.annotations_of("/Highlight")]
    assert pdf.sample.deleted_highlight_id not in names


def test_cjk_font_is_embedded_as_a_subset_with_unicode_map(pdf):
    lines = run("pdffonts", str(pdf.path)).splitlines()[2:]
    assert lines, "no fonts listed"
    for line in lines:
        columns = line.split()
        # name, type (may be two words), encoding, emb, sub, uni, object, generation
        emb, sub, uni = columns[-5], columns[-4], columns[-3]
        assert emb == sub == uni == "yes", line
    assert any("CJK" in line and "CID TrueType" in line for line in lines)
    # A subset: the embedded program is far smaller than the 16 MB font collection.
    fonts = [f for f in _descendant_fonts(pdf)]
    assert fonts and all(f["/FontDescriptor"]["/FontName"].startswith("/") for f in fonts)
    assert all(len(f["/FontDescriptor"]["/FontFile2"].get_data()) < 2_000_000 for f in fonts)
    assert all(re.match(r"/[A-Z]{6}\+", f["/FontDescriptor"]["/FontName"]) for f in fonts)


def _descendant_fonts(pdf: ExportedPdf):
    seen = set()
    for page in pdf.reader.pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            if font["/Subtype"] == "/Type0" and ref.idnum not in seen:
                seen.add(ref.idnum)
                yield font["/DescendantFonts"][0].get_object()


def test_title_page_states_title_analysts_date_and_counts(pdf):
    layout = run("pdftotext", "-enc", "UTF-8", "-layout", "-f", "1", "-l", "1", str(pdf.path), "-")
    flat = re.sub(r"\s+", "", layout)
    assert re.sub(r"\s+", "", pdf.sample.store.report(pdf.sample.report_id).title) in flat
    assert ALICE in layout and BOB in layout
    assert datetime.now().strftime("%Y-%m-%d") in layout
    figures = next(line for line in layout.splitlines() if re.fullmatch(r"[\d\s,]+", line.strip() or "x"))
    assert [int(n) for n in figures.split()] == [len(annotated_paths()), len(TAG_COLORS), len(HIGHLIGHTS),
                                                 len(NOTES)]
    labels = next(line for line in layout.splitlines() if "annotated nodes" in line)
    assert labels.split()[-3:] == ["tags", "highlights", "notes"]


def test_body_pages_have_running_header_and_page_numbers(pdf):
    total = len(pdf.reader.pages)
    title = pdf.sample.store.report(pdf.sample.report_id).title
    for index in range(1, total):
        # -layout keeps the physical order: table columns (the top-trends page) stay on their rows.
        text = run("pdftotext", "-enc", "UTF-8", "-layout", "-f", str(index + 1), "-l", str(index + 1),
                   str(pdf.path), "-")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines[0].startswith(title[:10]), lines[0]
        assert f"{index + 1} / {total}" in lines[-3:], lines[-3:]


def test_note_links_stay_clickable(pdf):
    uris = [annotation["/A"]["/URI"] for page in pdf.reader.pages for ref in page.get("/Annots", None) or []
            for annotation in [ref.get_object()]
            if annotation.get("/Subtype") == "/Link" and "/A" in annotation]  # top-trends rows use /Dest
    assert "https://example.com/report?a=1&b=2" in uris


def test_text_is_normalised_unicode(pdf):
    assert unicodedata.normalize("NFC", pdf.text) == pdf.text


def test_document_info_names_the_analysts_subject_and_language(pdf):
    meta = pdf.reader.metadata
    assert meta.author == f"{ALICE}, {BOB}"  # the analysts whose annotations are printed
    title = pdf.sample.store.report(pdf.sample.report_id).title
    assert title in meta.subject and ALICE in meta.subject
    assert set(meta["/Keywords"].split(", ")) == set(TAG_COLORS)
    assert pdf.reader.trailer["/Root"]["/Lang"] == "zh-Hant"
    info = run("pdfinfo", str(pdf.path))
    assert f"Author:          {ALICE}, {BOB}" in info and "Subject:" in info
    xmp = pdf.reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert f"<rdf:li>{ALICE}, {BOB}</rdf:li>" in xmp and "<rdf:li>zh-Hant</rdf:li>" in xmp
    assert "<dc:description>" in xmp
