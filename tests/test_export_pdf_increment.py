"""The PDF's second pass at the byte level: ToUnicode CMaps read and written, annotations attached to any page shape."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

from editor.export.pdf.finish import _attach, _attach_to_array
from editor.export.pdf.increment import IncrementalUpdate, Name, Ref
from editor.export.pdf.unicode import parse_to_unicode, write_to_unicode


def _cmap(body: bytes) -> bytes:
    return b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" + body + b"\nendcmap\nend\nend\n"


def test_bfchar_entries_map_one_code_each_including_ligatures_and_astral_characters():
    mapping = parse_to_unicode(_cmap(
        b"3 beginbfchar\n<0003> <4E2D>\n<0010> <00660069>\n<0011> <D83DDE80>\nendbfchar"))
    assert mapping == {3: "中", 16: "fi", 17: "🚀"}


def test_bfrange_with_a_start_string_counts_up_from_it():
    mapping = parse_to_unicode(_cmap(b"1 beginbfrange\n<0020> <0022> <0041>\nendbfrange"))
    assert mapping == {0x20: "A", 0x21: "B", 0x22: "C"}


def test_bfrange_with_an_array_takes_one_string_per_code_and_ignores_extras():
    mapping = parse_to_unicode(_cmap(b"1 beginbfrange\n<0005> <0006> [<570B> <969B> <0058>]\nendbfrange"))
    assert mapping == {5: "國", 6: "際"}


def test_several_blocks_and_an_empty_target():
    mapping = parse_to_unicode(_cmap(
        b"1 beginbfchar\n<0001> <>\nendbfchar\n"
        b"1 beginbfrange\n<0002> <0003> <0030>\nendbfrange\n"
        b"1 beginbfchar\n<0004> <3002>\nendbfchar"))
    assert mapping == {1: "", 2: "0", 3: "1", 4: "。"}


def test_text_outside_a_block_is_not_read_as_a_mapping():
    assert parse_to_unicode(_cmap(b"/CMapName /Adobe-Identity-UCS def <0001> <0041>")) == {}


def test_what_is_written_reads_back_the_same_in_blocks_of_a_hundred():
    mapping = {cid: chr(0x4E00 + cid) for cid in range(1, 251)} | {300: "😀", 301: "ﬁ"}
    data = write_to_unicode(mapping | {0: "x", 302: ""})  # code 0 and empty texts are never written
    assert data.count(b"beginbfchar") == 3 and b"100 beginbfchar" in data
    assert parse_to_unicode(data) == mapping


def _pdf_with(annots) -> tuple[bytes, PdfReader]:
    """A one-page PDF written by pypdf, whose page has the given /Annots (None: no entry)."""
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    link = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
                             NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4)})
    if annots == "inline":
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    elif annots == "indirect":
        page[NameObject("/Annots")] = writer._add_object(ArrayObject([writer._add_object(link)]))
    out = BytesIO()
    writer.write(out)
    data = out.getvalue()
    return data, PdfReader(BytesIO(data))


@pytest.mark.parametrize(("annots", "kept"), [(None, 0), ("inline", 1), ("indirect", 1)])
def test_annotations_attach_to_any_page_shape_keeping_what_was_there(annots, kept):
    data, reader = _pdf_with(annots)
    page = reader.pages[0]
    ref = page.indirect_reference
    update = IncrementalUpdate(data, reader)
    page_ref = Ref(ref.idnum, ref.generation)
    offsets = reader.xref.get(0, {})
    # pypdf's page dictionaries are not the flat shape Qt writes: the fast path declines.
    assert not _attach_to_array(update, data, offsets, page_ref, [])
    note = update.add({"Type": Name("Annot"), "Subtype": Name("Text"), "Rect": [10, 10, 25, 25],
                       "Contents": "注意"})
    _attach(update, page, page_ref, [note])
    result = PdfReader(BytesIO(update.write()))
    annotations = [a.get_object() for a in result.pages[0]["/Annots"].get_object()]
    assert [a["/Subtype"] for a in annotations] == ["/Link"] * kept + ["/Text"]
    assert annotations[-1]["/Contents"] == "注意"
    assert result.pages[0].mediabox.width == 200  # the rest of the page survived the rewrite


def test_the_fast_path_appends_to_the_array_qt_writes():
    data = (b"%PDF-1.4\n1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n"
            b"2 0 obj\n<</Type /Pages /Kids [3 0 R] /Count 1>>\nendobj\n"
            b"3 0 obj\n<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots 4 0 R>>\nendobj\n"
            b"4 0 obj\n[ 5 0 R ]\nendobj\n"
            b"5 0 obj\n<</Type /Annot /Subtype /Link /Rect [0 0 1 1]>>\nendobj\n")
    offsets = {n: data.index(b"%d 0 obj" % n) for n in range(1, 6)}
    xref = b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, 6))
    at = len(data)
    data += xref + b"trailer\n<</Size 6 /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % at
    reader = PdfReader(BytesIO(data))
    update = IncrementalUpdate(data, reader)
    note = update.add({"Type": Name("Annot"), "Subtype": Name("Text"), "Rect": [1, 1, 2, 2]})
    assert _attach_to_array(update, data, offsets, Ref(3), [note])
    result = PdfReader(BytesIO(update.write()))
    assert [a.get_object()["/Subtype"] for a in result.pages[0]["/Annots"]] == ["/Link", "/Text"]
    assert len(result.pages) == 1
