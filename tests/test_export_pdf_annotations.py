"""Bookmarks and PDF annotations of the exported sample: one per node / note / highlight, in the right place."""

from __future__ import annotations

import re

import pytest

from editor.core.report import ParsedNode, ParsedReport
from editor.core.richtext import html_to_text
from editor.export import ExportOptions, export_report
from editor.export.pdf.layout import heading_label
from editor.store import Store
from tests.export_fixtures import HIGHLIGHTS, NOTES
from tests.test_export_pdf_support import ExportedPdf, export_sample, printed_title

PDF_DATE = re.compile(r"^D:\d{14}Z$")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory, qapp) -> ExportedPdf:
    return export_sample(tmp_path_factory.mktemp("pdf"))


def test_reader_opens_with_the_bookmarks_pane(pdf):
    assert pdf.reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_one_bookmark_per_printed_node_nested_like_the_report(pdf):
    document = pdf.document()
    bookmarks = pdf.outline()
    assert [title for _, title, _, _ in bookmarks] == [heading_label(entry) for entry in document.nodes]
    # Depth follows the tree: a chapter at 0, its sections at 1, their points at 2.
    depth_of = {}
    for (depth, _, _, _), entry in zip(bookmarks, document.nodes, strict=True):
        node = entry.node
        expected = 0 if node.parent_id is None else depth_of[node.parent_id] + 1
        assert depth == expected, node.path
        depth_of[node.id] = depth
    assert {depth for depth, _, _, _ in bookmarks} == {0, 1, 2}


def test_bookmarks_jump_to_the_page_and_height_of_their_heading(pdf):
    document = pdf.document()
    height = float(pdf.reader.pages[0].mediabox.height)
    for (_, title, page, top), entry in zip(pdf.outline(), document.nodes, strict=True):
        assert printed_title(entry.node)[:14] in pdf.flat(page), title
        assert 0 < top <= height
        # The heading sits just below the bookmark's top edge.
        found = pdf.text_in_box(page, 0, top - 30, 600, top)
        assert re.sub(r"\s", "", printed_title(entry.node))[:6] in re.sub(r"\s", "", found), (title, found)


def test_one_sticky_note_per_note_at_its_heading(pdf):
    notes = pdf.annotations_of("/Text")
    assert len(notes) == len(NOTES)
    by_id = {}
    for (path, author), html in NOTES.items():
        node = pdf.sample.node(path)
        note = pdf.sample.store.note(node.id, pdf.sample.authors[author].id)
        by_id[note.id] = (node, author, html)
    for page, annotation in notes:
        node, author, html = by_id[annotation["/NM"]]
        assert annotation["/T"] == author
        assert annotation["/Contents"] == html_to_text(html)
        assert PDF_DATE.match(annotation["/M"])
        assert annotation["/AP"]["/N"].get_object()["/Subtype"] == "/Form"
        assert page in pdf.pages_with(node.title[:12]), node.path
        # In the left margin, level with the heading.
        _left, _, right, _ = [float(v) for v in annotation["/Rect"]]
        assert right <= 62


def test_one_highlight_annotation_per_highlight_on_the_page_of_its_text(pdf):
    highlights = pdf.annotations_of("/Highlight")
    assert len(highlights) == len(HIGHLIGHTS)
    ids = dict(zip(pdf.sample.highlight_ids, HIGHLIGHTS, strict=True))
    for page, annotation in highlights:
        spec = ids[annotation["/NM"]]
        assert annotation["/T"] == spec.author
        comment = html_to_text(spec.comment_html)
        assert annotation["/Contents"].endswith(comment if comment else f"“{spec.quote}”")
        assert PDF_DATE.match(annotation["/M"])
        assert page in pdf.pages_with(spec.quote)
        colour = [round(float(v) * 255) for v in annotation["/C"]]
        assert colour == [int(spec.color[i:i + 2], 16) for i in (1, 3, 5)]


def test_highlight_quads_cover_exactly_the_highlighted_words(pdf):
    ids = dict(zip(pdf.sample.highlight_ids, HIGHLIGHTS, strict=True))
    for page, annotation in pdf.annotations_of("/Highlight"):
        quads = [float(v) for v in annotation["/QuadPoints"]]
        assert len(quads) % 8 == 0
        text = ""
        for first in range(0, len(quads), 8):
            xs, ys = quads[first:first + 8:2], quads[first + 1:first + 8:2]
            # UL, UR, LL, LR: the upper pair above the lower pair, left before right.
            assert ys[0] == ys[1] > ys[2] == ys[3] and xs[0] == xs[2] < xs[1] == xs[3]
            inset = 2.0  # stay inside the box so neighbours are not caught
            text += pdf.text_in_box(page, min(xs) + inset, min(ys) + inset, max(xs) - inset, max(ys) - inset)
        assert text == ids[annotation["/NM"]].quote


def test_highlight_appearance_multiplies_its_colour_over_the_text(pdf):
    for _, annotation in pdf.annotations_of("/Highlight"):
        appearance = annotation["/AP"]["/N"].get_object()
        states = appearance["/Resources"]["/ExtGState"]
        assert any(state["/BM"] == "/Multiply" for state in states.values())
        assert [float(v) for v in appearance["/BBox"]] == [float(v) for v in annotation["/Rect"]]
        drawing = appearance.get_data().decode("ascii")
        assert drawing.count(" f") == len(annotation["/QuadPoints"]) // 8


def test_a_long_highlight_is_split_by_line_and_by_page(tmp_path, qapp):
    # A body longer than a page, with one highlight running over many lines and a page break.
    sentence = "下沉市場消費金融與移動支付融合發展，農村居民收入水平不斷提高𠮷。"
    body = sentence * 120
    report = ParsedReport("長段落測試報告", [ParsedNode("一", "1", 1, "長段落", body)], source="long.txt")
    with Store.memory() as store:
        info, _ = store.add_report(report)
        node = store.find_node(info.id, "1")
        author = store.ensure_author("Alice")
        start, end = len(sentence) * 30 + 3, len(sentence) * 75 + 10
        highlight = store.add_highlight(node.id, author.id, start, end, comment_html="<p>跨頁</p>")
        out = tmp_path / "long.pdf"
        export_report(store, "pdf", out, info.id, ExportOptions())
    pdf = ExportedPdf(out, None, ExportOptions())
    parts = pdf.annotations_of("/Highlight")
    assert len(parts) == 2, "one annotation per page the highlight is on"
    assert [a["/NM"] for _, a in parts] == [highlight.id, f"{highlight.id}#2"]
    assert parts[1][0] == parts[0][0] + 1
    text = ""
    for page, annotation in parts:
        quads = [float(v) for v in annotation["/QuadPoints"]]
        assert len(quads) // 8 > 3  # several lines on each page
        for first in range(0, len(quads), 8):
            xs, ys = quads[first:first + 8:2], quads[first + 1:first + 8:2]
            text += pdf.text_in_box(page, min(xs) + 2, min(ys) + 2, max(xs) - 2, max(ys) - 2)
    assert re.sub(r"\s", "", text) == body[start:end]
