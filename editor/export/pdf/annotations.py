"""The PDF's navigation and comments: the bookmark tree, sticky notes and highlight annotations.

Bookmarks mirror the printed outline (chapters › sections › points), one per printed
node, each jumping to its heading (page and height, ``/XYZ``). Each note becomes a
``/Text`` annotation (a sticky note in the margin at its node's heading) and each
highlight a ``/Highlight`` annotation whose QuadPoints cover the highlighted words
line by line. Every annotation carries its own appearance stream (``/AP /N``), so
readers that do not synthesise one (and printing) show the same thing: a note icon,
and the highlight colour multiplied over the text like a marker pen.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime, UTC

from PySide6.QtGui import QColor

from editor.export.pdf.increment import IncrementalUpdate, Name, Raw, Ref, Stream, number, text_string
from editor.export.pdf.marks import PlacedHeading, PlacedHighlight
from editor.export.pdf.style import NOTE_ICON, PageGeometry, parse_colour

_PRINT, _NO_ZOOM, _NO_ROTATE = 4, 8, 16
NOTE_ICON_SIZE = 15.0
_OPEN_CHAPTERS_UP_TO = 300  # bookmarks; a longer outline opens collapsed to its chapters


@dataclass(frozen=True)
class StickyNote:
    """A note to place at a heading: who wrote it, its plain text, its id and time."""

    heading: PlacedHeading
    note_id: str
    author: str
    text: str
    created_at: str
    updated_at: str


@lru_cache(maxsize=4096)
def pdf_date(iso: str) -> str:
    """A stored UTC timestamp ("2026-11-29T05:41:06.123Z") as a PDF date ("D:20261129054106Z")."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        moment = datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ")


def rgb(colour: QColor) -> list[float]:
    """A colour as a PDF DeviceRGB array."""
    return [round(colour.redF(), 4), round(colour.greenF(), 4), round(colour.blueF(), 4)]


def add_outline(update: IncrementalUpdate, headings: list[PlacedHeading], page_refs: list[Ref],
                geometry: PageGeometry) -> Ref | None:
    """Write the bookmark tree for ``headings`` (in outline order); returns the /Outlines object.

    Each heading's parent is the nearest earlier heading of its node's parent: the
    export keeps every ancestor of a printed node, so the tree is the report's tree.
    """
    if not headings:
        return None
    root = update.allocate()
    refs = [update.allocate() for _ in headings]
    parents: list[int] = []
    children: dict[int, list[int]] = {-1: []}
    index_of_node: dict[str, int] = {}
    for index, heading in enumerate(headings):
        node = heading.mark.entry.node
        parent = index_of_node.get(node.parent_id, -1) if node.parent_id else -1
        index_of_node[node.id] = index
        parents.append(parent)
        children[parent].append(index)
        children[index] = []
    open_chapters = len(headings) <= _OPEN_CHAPTERS_UP_TO

    def is_open(index: int) -> bool:
        return open_chapters and parents[index] == -1

    # Visible descendants of each item when it is open, children before parents (reverse order).
    shown = [0] * len(headings)
    for index in range(len(headings) - 1, -1, -1):
        shown[index] = sum(1 + (shown[child] if is_open(child) else 0) for child in children[index])

    sibling_links: dict[int, bytes] = {}
    for kids in children.values():
        for position, child in enumerate(kids):
            link = b""
            if position:
                link += b" /Prev %d 0 R" % refs[kids[position - 1]].number
            if position + 1 < len(kids):
                link += b" /Next %d 0 R" % refs[kids[position + 1]].number
            sibling_links[child] = link
    for index, heading in enumerate(headings):
        parent_ref = root if parents[index] == -1 else refs[parents[index]]
        page = page_refs[heading.page]
        body = b"<</Title %s /Parent %d 0 R /Dest [%d %d R /XYZ %s %s null]%s" % (
            text_string(heading.mark.label), parent_ref.number, page.number, page.generation,
            number(max(0.0, heading.x - 24)), number(min(geometry.height, heading.top + 8)),
            sibling_links[index])
        kids = children[index]
        if kids:
            count = shown[index] if is_open(index) else -shown[index]
            body += b" /First %d 0 R /Last %d 0 R /Count %d" % (refs[kids[0]].number, refs[kids[-1]].number, count)
        update.put_raw(refs[index], body + b">>")
    top_level = children[-1]
    update.put(root, {
        "Type": Name("Outlines"),
        "First": refs[top_level[0]],
        "Last": refs[top_level[-1]],
        "Count": sum(1 + (shown[i] if is_open(i) else 0) for i in top_level),
    })
    return root


def multiply_state(update: IncrementalUpdate) -> Ref:
    """The graphics state every highlight appearance uses: colour multiplied over the page."""
    return update.add({"Type": Name("ExtGState"), "BM": Name("Multiply"), "ca": 1, "CA": 1})


def highlight_annotation(update: IncrementalUpdate, placed: PlacedHighlight, page_ref: Ref, author: str,
                         contents: str, multiply: Ref) -> Ref:
    """Add a /Highlight annotation (with its Multiply appearance) for one page's part of a highlight.

    Written from a template: a large export has thousands of these.
    """
    h = placed.mark.highlight
    red, green, blue = rgb(parse_colour(h.color))
    rect = b"[%.2f %.2f %.2f %.2f]" % placed.rect()
    # QuadPoints order is UL, UR, LL, LR; the path goes round the box: UL, UR, LR, LL.
    path = b"\n".join(b"%.2f %.2f m %.2f %.2f l %.2f %.2f l %.2f %.2f l h f" % (
        q[0], q[1], q[2], q[3], q[6], q[7], q[4], q[5]) for q in placed.quads)
    appearance = update.add(Stream({
        "Type": Name("XObject"), "Subtype": Name("Form"), "BBox": Raw(rect),
        "Resources": Raw(b"<</ExtGState <</GS0 %d %d R>>>>" % (multiply.number, multiply.generation)),
    }, b"/GS0 gs %.4f %.4f %.4f rg\n" % (red, green, blue) + path))
    name = h.id if placed.part == 0 else f"{h.id}#{placed.part + 1}"
    body = (
        b"<</Type /Annot /Subtype /Highlight /Rect %s /QuadPoints [%s] /C [%.4f %.4f %.4f] /CA 1"
        b" /Contents %s /T %s /Subj (Highlight) /NM %s /M (%s) /CreationDate (%s) /F %d /P %d %d R"
        b" /AP <</N %d %d R>>>>" % (
            rect, b" ".join(b"%.2f" % v for q in placed.quads for v in q), red, green, blue,
            text_string(contents), text_string(author), text_string(name),
            pdf_date(h.updated_at).encode(), pdf_date(h.created_at).encode(), _PRINT,
            page_ref.number, page_ref.generation, appearance.number, appearance.generation))
    return update.put_raw(update.allocate(), body)


def note_annotation(update: IncrementalUpdate, note: StickyNote, slot: int, page_ref: Ref,
                    geometry: PageGeometry, icon: Ref) -> Ref:
    """Add a /Text annotation (sticky note) in the left margin beside the note's heading."""
    size = NOTE_ICON_SIZE
    heading = note.heading
    # Beside the heading, in the margin; further notes on one heading step outwards.
    right = geometry.left - 7 - slot * (size + 3)
    if right - size < 2:
        right = geometry.left - 7
    top = heading.top - max(0.0, (heading.height - size) / 2)
    red, green, blue = rgb(NOTE_ICON)
    body = (
        b"<</Type /Annot /Subtype /Text /Rect [%.2f %.2f %.2f %.2f] /Contents %s /T %s /Subj (Note) /NM %s"
        b" /M (%s) /CreationDate (%s) /Name /Comment /Open false /C [%.4f %.4f %.4f] /F %d /P %d %d R"
        b" /AP <</N %d %d R>>>>" % (
            right - size, top - size, right, top, text_string(note.text), text_string(note.author),
            text_string(note.note_id), pdf_date(note.updated_at).encode(), pdf_date(note.created_at).encode(),
            red, green, blue, _PRINT | _NO_ZOOM | _NO_ROTATE, page_ref.number, page_ref.generation,
            icon.number, icon.generation))
    return update.put_raw(update.allocate(), body)


def note_icon(update: IncrementalUpdate) -> Ref:
    """The sticky-note icon (a speech bubble with lines), shared by every /Text annotation."""
    s = NOTE_ICON_SIZE
    fill = " ".join(number(v).decode() for v in rgb(NOTE_ICON))
    drawing = (
        f"q {fill} rg 0.62 0.46 0.05 RG 0.7 w\n"
        f"1 4 m 1 {s - 1} l {s - 1} {s - 1} l {s - 1} 4 l 7 4 l 3.5 0.8 l 4.2 4 l h B\n"
        "0.36 0.26 0.03 RG 0.9 w 3.6 11 m 11.4 11 l S 3.6 8.6 m 11.4 8.6 l S 3.6 6.2 m 9 6.2 l S\nQ"
    )
    return update.add(Stream({"Type": Name("XObject"), "Subtype": Name("Form"), "BBox": [0, 0, s, s]},
                             drawing.encode("ascii")))
