"""The second pass over the PDF Qt wrote: bookmarks, annotations, page mode and ToUnicode repair.

Reads Qt's file with pypdf (page references, the catalog, existing link annotations,
embedded fonts) and appends everything as one incremental update (see
:mod:`.increment`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from io import BytesIO
from typing import cast

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject, StreamObject
from PySide6.QtGui import QFont

from editor.export.collect import ExportDocument
from editor.export.pdf.annotations import (
    StickyNote, add_outline, highlight_annotation, multiply_state, note_annotation, note_icon,
)
from editor.export.pdf.increment import IncrementalUpdate, Name, Ref, Stream, from_pypdf
from editor.export.pdf.info import DocumentInfo, with_xmp_facts
from editor.export.pdf.marks import PlacedHeading, PlacedHighlight
from editor.export.pdf.matrix_pages import PageLink, matrix_links
from editor.export.pdf.style import PageGeometry
from editor.export.pdf.unicode import repair_fonts, tag_subset_fonts

Step = Callable[[], None]  # called between stages: reports progress, raises if cancelled


def sticky_notes(export: ExportDocument, headings: Iterable[PlacedHeading]) -> list[StickyNote]:
    """One sticky note per note, at its node's heading, in outline order."""
    notes = []
    for heading in headings:
        for note in heading.mark.entry.notes:
            notes.append(StickyNote(heading, note.id, export.author_name(note.author_id), note.text,
                                    note.created_at, note.updated_at))
    return notes


def highlight_contents(placed: PlacedHighlight) -> str:
    """What a reader's comments panel shows for a highlight: its marker and comment (or the quote)."""
    h = placed.mark.highlight
    comment = h.comment_text.strip()
    return f"{placed.mark.marker} {comment}" if comment else f"{placed.mark.marker} “{h.exact}”"


def finish_pdf(data: bytes, export: ExportDocument, geometry: PageGeometry, *, info: DocumentInfo,
               headings: list[PlacedHeading], highlights: list[PlacedHighlight], links: Sequence[PageLink] = (),
               originals: dict[str, QFont], characters: Iterable[str], step: Step) -> bytes:
    """``data`` (Qt's PDF) with outline, annotations, page mode and repaired fonts appended."""
    reader = PdfReader(BytesIO(data))
    update = IncrementalUpdate(data, reader)
    page_refs = _page_refs(reader)

    outline = add_outline(update, headings, page_refs, geometry)
    step()

    annotations: dict[int, list[Ref]] = matrix_links(update, list(links), headings, page_refs, geometry)
    notes = sticky_notes(export, headings)
    if notes:
        icon = note_icon(update)
        slots: dict[int, int] = {}
        for note in notes:
            key = id(note.heading)
            slot = slots.get(key, 0)
            slots[key] = slot + 1
            page = note.heading.page
            annotations.setdefault(page, []).append(
                note_annotation(update, note, slot, page_refs[page], geometry, icon))
    multiply: Ref | None = None  # the blend state, written once and only when a highlight needs it
    for placed in highlights:
        if multiply is None:
            multiply = multiply_state(update)
        author = export.author_name(placed.mark.highlight.author_id)
        annotations.setdefault(placed.page, []).append(highlight_annotation(
            update, placed, page_refs[placed.page], author, highlight_contents(placed), multiply))
    offsets = reader.xref.get(0, {}) if isinstance(getattr(reader, "xref", None), dict) else {}
    for page_index, refs in annotations.items():
        page_ref = page_refs[page_index]
        if _attach_to_array(update, data, offsets, page_ref, refs):
            continue
        page_object = reader.get_object(IndirectObject(page_ref.number, page_ref.generation, reader))
        _attach(update, page_object, page_ref, refs)
    step()

    catalog = from_pypdf(reader.trailer["/Root"])
    if outline is not None:
        catalog["Outlines"] = outline
        catalog["PageMode"] = Name("UseOutlines")
    viewer = catalog.get("ViewerPreferences")
    catalog["ViewerPreferences"] = {**(viewer if isinstance(viewer, dict) else {}), "DisplayDocTitle": True}
    if info.language:
        catalog["Lang"] = info.language
    _describe(reader, update, catalog, info)
    update.put(update.root, catalog)
    repair_fonts(reader, update, originals, characters, data)
    tag_subset_fonts(reader, update, data)
    step()
    return update.write()


def _describe(reader: PdfReader, update: IncrementalUpdate, catalog: dict, info: DocumentInfo) -> None:
    """Add the subject and keywords to the information dictionary, subject and language to the XMP packet."""
    if update.info is not None:
        described = from_pypdf(reader.trailer["/Info"])
        if info.subject:
            described["Subject"] = info.subject
        if info.keywords:
            described["Keywords"] = info.keywords
        update.put(update.info, described)
    metadata = catalog.get("Metadata")
    if isinstance(metadata, Ref):
        stream = reader.get_object(IndirectObject(metadata.number, metadata.generation, reader))
        if not isinstance(stream, StreamObject):
            return
        xmp = stream.get_data()
        rewritten = with_xmp_facts(xmp, info)
        if rewritten != xmp:
            # Uncompressed, as Qt writes it: XMP is meant to be findable by tools that scan files.
            update.put(metadata, Stream({"Type": Name("Metadata"), "Subtype": Name("XML")}, rewritten,
                                        compress=False))


def _page_refs(reader: PdfReader) -> list[Ref]:
    """References of the pages in order; read from the flat page tree Qt writes without parsing every page."""
    pages = cast(DictionaryObject, cast(DictionaryObject, reader.trailer["/Root"])["/Pages"])
    kids = pages.get("/Kids")
    refs = [kid for kid in kids] if kids is not None else []
    if (refs and all(isinstance(kid, IndirectObject) for kid in refs) and int(pages.get("/Count", -1)) == len(refs)
            and refs[0].get_object().get("/Type") == "/Page"):
        return [Ref(kid.idnum, kid.generation) for kid in refs]
    # Any other tree shape: let pypdf walk it.
    page_refs = [page.indirect_reference for page in reader.pages]
    return [Ref(ref.idnum, ref.generation) for ref in page_refs if ref is not None]


_PAGE_ANNOTS = re.compile(rb"(\d+) 0 obj\s*<<[^<>]*/Annots (\d+) 0 R[^<>]*>>\s*endobj")
_REF_ARRAY = re.compile(rb"(\d+) 0 obj\s*\[((?:\s*\d+ \d+ R)*)\s*\]\s*endobj")


def _attach_to_array(update: IncrementalUpdate, data: bytes, offsets: dict[int, int], page_ref: Ref,
                     refs: list[Ref]) -> bool:
    """Append ``refs`` to the page's own /Annots array, read straight from Qt's bytes.

    Qt gives every page an indirect /Annots array (empty, or holding its links) and a flat
    page dictionary; reading those two objects with a regular expression instead of pypdf's
    parser saves a tenth of a second on a thousand pages. Anything else returns False and
    goes through :func:`_attach`.
    """
    if page_ref.generation != 0:
        return False
    at = offsets.get(page_ref.number)
    page = _PAGE_ANNOTS.match(data, at) if at is not None else None
    if page is None or int(page.group(1)) != page_ref.number:
        return False
    array_number = int(page.group(2))
    at = offsets.get(array_number)
    array = _REF_ARRAY.match(data, at) if at is not None else None
    if array is None or int(array.group(1)) != array_number:
        return False
    added = b" ".join(b"%d %d R" % (ref.number, ref.generation) for ref in refs)
    update.put_raw(Ref(array_number), b"[" + array.group(2).strip() + (b" " if array.group(2).strip() else b"")
                   + added + b"]")
    return True


def _attach(update: IncrementalUpdate, page, page_ref: Ref, refs: list[Ref]) -> None:
    """Add annotation references to a page, keeping any (links) Qt already put there."""
    existing = page.raw_get("/Annots") if "/Annots" in page else None
    if isinstance(existing, IndirectObject):
        update.put(Ref(existing.idnum, existing.generation), from_pypdf(existing.get_object()) + refs)
        return
    dictionary = from_pypdf(page)
    dictionary["Annots"] = (from_pypdf(existing) if existing is not None else []) + refs
    update.put(page_ref, dictionary)
