"""PDF export options and refusals: page size, filters, progress and cancellation, missing fonts."""

from __future__ import annotations

import pytest

from editor.core.errors import TrendmarkError
from editor.core.report import ParsedNode, ParsedReport
from editor.export import ExportCancelled, ExportOptions, export_report
from editor.export.pdf import fonts as pdf_fonts
from editor.export.pdf import export_pdf
from editor.export.pdf.layout import heading_label
from editor.store import Store
from tests.export_fixtures import annotated_paths, annotated_sample
from tests.test_export_pdf_support import ExportedPdf, export_sample, run


@pytest.fixture(scope="module")
def sample(qapp):
    sample = annotated_sample()
    yield sample
    sample.store.close()


@pytest.mark.parametrize(("page_size", "media_box"), [("A4", [0, 0, 595, 842]), ("Letter", [0, 0, 612, 792])])
def test_page_size_sets_every_media_box(tmp_path, page_size, media_box):
    pdf = export_sample(tmp_path, ExportOptions(page_size=page_size))
    boxes = {tuple(round(float(v)) for v in page.mediabox) for page in pdf.reader.pages}
    assert boxes == {tuple(media_box)}
    # The text column follows the paper: the longest body line is as wide as the page allows.
    assert f"Page size:       {media_box[2]} x {media_box[3]} pts" in run("pdfinfo", str(pdf.path))


def test_letter_and_a4_lay_out_differently(tmp_path):
    a4 = export_sample(tmp_path, ExportOptions(page_size="A4"), "a4.pdf")
    letter = export_sample(tmp_path, ExportOptions(page_size="Letter"), "letter.pdf")
    # Letter is wider and shorter: same text, other line breaks.
    assert a4.flat() != letter.flat()
    assert len(a4.outline()) == len(letter.outline())


def test_annotated_only_prints_annotated_nodes_and_their_ancestors(tmp_path):
    pdf = export_sample(tmp_path, ExportOptions(annotated_only=True))
    store, report_id = pdf.sample.store, pdf.sample.report_id
    annotated = annotated_paths()
    kept = set()
    for path in annotated:
        parts = path.split(".")
        kept.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    nodes = {node.path: node for node in store.nodes(report_id)}
    expected = list(pdf.document().nodes)
    assert {entry.node.path for entry in expected} == kept
    assert [title for _, title, _, _ in pdf.outline()] == [heading_label(entry) for entry in expected]
    flat = pdf.flat()
    for path, node in nodes.items():
        if path not in kept and len(node.title) > 8:
            assert node.title not in flat, path
    # The title page counts what was exported.
    assert f"{len(kept)} of {len(nodes)} outline nodes printed" in pdf.text


def test_tag_filter_keeps_only_tagged_nodes(tmp_path):
    pdf = export_sample(tmp_path, ExportOptions(tags=("監管",)))
    kept = {entry.node.path for entry in pdf.document().kept()}
    assert kept == {"1.4"}
    assert len(pdf.annotations_of("/Highlight")) == 0


def test_progress_is_reported_and_reaches_the_total(tmp_path, sample):
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return True

    export_pdf(sample.store, tmp_path / "p.pdf", sample.report_id, ExportOptions(), progress)
    assert len(calls) > 10
    totals = {total for _, total in calls}
    assert len(totals) == 1
    done = [d for d, _ in calls]
    assert done == sorted(done) and done[-1] == calls[-1][1]


@pytest.fixture(scope="module")
def progress_calls(sample, tmp_path_factory) -> int:
    """How many times a full export of the sample reports progress."""
    calls = []
    export_pdf(sample.store, tmp_path_factory.mktemp("count") / "c.pdf", sample.report_id, ExportOptions(),
               lambda done, total: calls.append(done) is None)
    return len(calls)


@pytest.mark.parametrize("stage", [0.0, 0.5, 0.95])  # while laying out, while painting, while finishing
def test_cancelling_stops_the_export_and_writes_nothing(tmp_path, sample, progress_calls, stage):
    stop_after = max(1, int(progress_calls * stage))
    out = tmp_path / "cancelled.pdf"
    out.write_bytes(b"an earlier export")
    seen = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return len(seen) < stop_after

    with pytest.raises(ExportCancelled, match="cancelled"):
        export_report(sample.store, "pdf", out, sample.report_id, ExportOptions(), progress)
    assert len(seen) == stop_after
    assert out.read_bytes() == b"an earlier export"
    assert [p.name for p in tmp_path.iterdir()] == ["cancelled.pdf"]


def test_refuses_clearly_when_no_font_has_chinese_glyphs(tmp_path, sample, monkeypatch):
    # Only a Latin font "installed": Qt would silently substitute; the export must refuse instead.
    monkeypatch.setattr(pdf_fonts, "installed_families", lambda: ["DejaVu Sans"])
    out = tmp_path / "refused.pdf"
    with pytest.raises(TrendmarkError, match="no font with Chinese glyphs is installed: install fonts-noto-cjk"):
        export_report(sample.store, "pdf", out, sample.report_id, ExportOptions())
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_family_qt_substitutes_does_not_count_as_installed(monkeypatch):
    # A name that is not really installed resolves to some other font in Qt; that must not pass.
    monkeypatch.setattr(pdf_fonts, "installed_families", lambda: ["Noto Sans CJK Nowhere"])
    with pytest.raises(TrendmarkError, match="fonts-noto-cjk"):
        pdf_fonts.choose_fonts("下沉市場消費金融")


def test_traditional_text_prefers_traditional_glyph_forms():
    assert pdf_fonts.choose_fonts("下沉市場消費金融與移動支付").family.endswith(("TC", "HK"))
    assert pdf_fonts.choose_fonts("下沉市场消费金融与移动支付").family.endswith("SC")


def test_a_report_without_chinese_exports_with_a_latin_font(tmp_path):
    report = ParsedReport("Quarterly outlook", [
        ParsedNode("1", "1", 1, "Markets", "Rates stay high for longer.", [
            ParsedNode("1.1", "1.1", 2, "Credit", "Spreads widen modestly."),
        ]),
    ], source="outlook.md")
    with Store.memory() as store:
        info, _ = store.add_report(report)
        author = store.ensure_author("Ann")
        store.save_note(store.find_node(info.id, "1.1").id, author.id, "<p>Watch <b>high yield</b>.</p>")
        out = tmp_path / "latin.pdf"
        export_report(store, "pdf", out, info.id, ExportOptions())
    pdf = ExportedPdf(out, None, ExportOptions())
    assert "Spreads widen modestly." in pdf.text
    assert "Watch high yield." in pdf.text
    assert len(pdf.annotations_of("/Text")) == 1
