"""The PDF's second pass two ways: our incremental update (export/pdf/increment.py) against pypdf's.

Opt-in: ``python -m pytest tests/benchmarks/bench_pdf_finish.py -s -o python_files='bench_*.py'
-o addopts=''``. One real export of 500 chapters / 5,000 annotations is run and the inputs of
its second pass are kept; then the same bookmarks, sticky notes, highlights (with their
appearance streams) and catalog entries are appended to Qt's bytes, alternately by
``finish_pdf`` and by ``PdfWriter(incremental=True)``. Font repair is left out of both (it
only exists on our side). The question is whether pypdf is within 10 % of ours: then the
hand-written writer would go.
"""

from __future__ import annotations

import statistics
import time
from io import BytesIO
from pathlib import Path

import pytest

from tests.benchmarks.bench_export_pdf import _build_database

RUNS = 3


def _capture_second_pass(db: Path, report_id: str, out: Path, monkeypatch) -> dict:
    """Run the export once and return the arguments its ``finish_pdf`` call received."""
    from editor.export import ExportOptions
    from editor.export.pdf import document, export_pdf
    from editor.export.pdf.qt import ensure_gui_application
    from editor.store import Store

    ensure_gui_application()
    captured: dict = {}
    real = document.finish_pdf

    def keep(data, export, geometry, **kwargs):
        captured.update(data=data, export=export, geometry=geometry, **kwargs)
        return real(data, export, geometry, **kwargs)

    monkeypatch.setattr(document, "finish_pdf", keep)
    with Store.open(db, read_only=True) as store:
        export_pdf(store, out, report_id, ExportOptions())
    return captured


def _ours(inputs: dict, monkeypatch) -> bytes:
    from editor.export.pdf import finish

    monkeypatch.setattr(finish, "repair_fonts", lambda *args: None)
    monkeypatch.setattr(finish, "tag_subset_fonts", lambda *args: None)
    return finish.finish_pdf(**inputs, step=lambda: None)


def _with_pypdf(inputs: dict) -> bytes:
    """The same additions through pypdf's own writer, in incremental mode."""
    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject, DecodedStreamObject, DictionaryObject, Fit, FloatObject, NameObject, NumberObject,
        TextStringObject,
    )

    from editor.export.pdf.annotations import NOTE_ICON_SIZE, pdf_date, rgb
    from editor.export.pdf.finish import highlight_contents, sticky_notes
    from editor.export.pdf.style import parse_colour

    export, geometry, headings = inputs["export"], inputs["geometry"], inputs["headings"]
    writer = PdfWriter(BytesIO(inputs["data"]), incremental=True)
    items: dict[str, object] = {}
    for heading in headings:
        node = heading.mark.entry.node
        parent = items.get(node.parent_id) if node.parent_id else None
        items[node.id] = writer.add_outline_item(
            title=heading.mark.label, page_number=heading.page, parent=parent,
            fit=Fit.xyz(max(0.0, heading.x - 24), min(geometry.height, heading.top + 8)))
    writer.page_mode = "/UseOutlines"

    def number_array(values) -> ArrayObject:
        return ArrayObject(FloatObject(round(v, 2)) for v in values)

    icon = DecodedStreamObject()
    icon.set_data(b"q 1 0.8 0.2 rg 1 4 m 1 15 l 15 15 l 15 4 l h f Q")
    icon.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                 NameObject("/BBox"): number_array([0, 0, NOTE_ICON_SIZE, NOTE_ICON_SIZE])})
    icon_ref = writer._add_object(icon)
    for note in sticky_notes(export, headings):
        top = note.heading.top
        right = geometry.left - 7
        annotation = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Text"),
            NameObject("/Rect"): number_array([right - NOTE_ICON_SIZE, top - NOTE_ICON_SIZE, right, top]),
            NameObject("/Contents"): TextStringObject(note.text), NameObject("/T"): TextStringObject(note.author),
            NameObject("/NM"): TextStringObject(note.note_id), NameObject("/M"): TextStringObject(
                pdf_date(note.updated_at)), NameObject("/Name"): NameObject("/Comment"),
            NameObject("/F"): NumberObject(4), NameObject("/AP"): DictionaryObject({NameObject("/N"): icon_ref}),
        })
        writer.add_annotation(note.heading.page, annotation)
    for placed in inputs["highlights"]:
        h = placed.mark.highlight
        colour = rgb(parse_colour(h.color))
        appearance = DecodedStreamObject()
        appearance.set_data(b"%.4f %.4f %.4f rg\n" % tuple(colour) + b"\n".join(
            b"%.2f %.2f m %.2f %.2f l %.2f %.2f l %.2f %.2f l h f" % (q[0], q[1], q[2], q[3], q[6], q[7], q[4], q[5])
            for q in placed.quads))
        appearance.update({NameObject("/Type"): NameObject("/XObject"),
                           NameObject("/Subtype"): NameObject("/Form"),
                           NameObject("/BBox"): number_array(placed.rect())})
        annotation = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Highlight"),
            NameObject("/Rect"): number_array(placed.rect()),
            NameObject("/QuadPoints"): number_array(v for q in placed.quads for v in q),
            NameObject("/C"): number_array(colour), NameObject("/Contents"): TextStringObject(
                highlight_contents(placed)), NameObject("/T"): TextStringObject(export.author_name(h.author_id)),
            NameObject("/NM"): TextStringObject(h.id), NameObject("/M"): TextStringObject(pdf_date(h.updated_at)),
            NameObject("/F"): NumberObject(4),
            NameObject("/AP"): DictionaryObject({NameObject("/N"): writer._add_object(appearance)}),
        })
        writer.add_annotation(placed.page, annotation)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pypdf_incremental_against_our_update(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    db = tmp_path / "bench.sqlite"
    facts = _build_database(db)
    inputs = _capture_second_pass(db, facts["report_id"], tmp_path / "export.pdf", monkeypatch)
    inputs.pop("step")
    ours, theirs = [], []
    for _ in range(RUNS):  # interleaved, so a slow spell of the machine hits both
        start = time.perf_counter()
        ours_pdf = _ours(inputs, monkeypatch)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        pypdf_pdf = _with_pypdf(inputs)
        theirs.append(time.perf_counter() - start)
    # Both files are whole: every bookmark and every annotation can be read back.
    for data in (ours_pdf, pypdf_pdf):
        reader = PdfReader(BytesIO(data))
        annotations = sum(len(page["/Annots"].get_object()) for page in reader.pages if "/Annots" in page)
        assert annotations >= len(inputs["highlights"])
    best_ours, best_theirs = min(ours), min(theirs)
    print(f"\nsecond pass over {len(inputs['data']) / 1e6:.1f} MB from Qt: {len(inputs['headings']):,} bookmarks, "
          f"{len(inputs['highlights']):,} highlight parts")
    print(f"export/pdf/increment.py:      best {best_ours:6.2f} s  median {statistics.median(ours):6.2f} s  "
          f"{len(ours_pdf) / 1e6:5.1f} MB")
    print(f"pypdf PdfWriter(incremental): best {best_theirs:6.2f} s  median {statistics.median(theirs):6.2f} s  "
          f"{len(pypdf_pdf) / 1e6:5.1f} MB")
    print(f"pypdf / ours: {best_theirs / best_ours:.2f}x (pypdf is kept only within 1.10x)")
