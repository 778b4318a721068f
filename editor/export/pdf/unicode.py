"""Correct ToUnicode maps, so that the Chinese text of the PDF extracts and searches as written.

Qt embeds each font as a CID-keyed TrueType subset with a ToUnicode CMap built by
asking, for every Basic Multilingual Plane code point in order, which glyph it maps
to, and keeping the first hit. CJK fonts map compatibility characters to the same
glyph as the ideograph they stand for, and those come first in code point order: the
Kangxi radical ⾦ (U+2FA6) before 金 (U+91D1), ⾵ before 風, ⼀ before 一. A reader
then extracts "⾦融" and a search for 金融 finds nothing. Characters outside the BMP
(𠮷, Extension B) get no mapping at all.

Shaping adds glyphs no code point maps to at all: Noto CJK draws digits next to Latin
letters with proportional figures ("184 outline nodes"), which Qt leaves unmapped too.

The repair knows which characters the document printed. For each embedded font it
finds the original font (by PostScript name), and for every glyph of the subset
chooses the printed character that maps to that glyph. Glyphs still without a mapping
(beyond the BMP, or chosen by shaping) are recognised by comparing each with the
printed characters' glyphs, plain and shaped: extremes and advance, then a sampled
picture of the filled outline (Qt rebuilds outlines when subsetting, so the glyph
programs themselves differ). Ligatures (ﬁ) are written out as their letters.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject
from PySide6.QtCore import QByteArray, QPointF
from PySide6.QtGui import QFont, QRawFont, QTextLayout

from editor.export.pdf.increment import IncrementalUpdate, Name, Ref, Stream, from_pypdf

_TOKEN = re.compile(rb"<([0-9A-Fa-f]*)>|\[|\]|begin(?:bfrange|bfchar)|end(?:bfrange|bfchar)")
_SIZE = 1000.0  # pixel size glyphs are compared at: one unit per 1/1000 em
_BOX_TOLERANCE = 0.02  # of the em: Qt converts CFF outlines to TrueType, which moves extremes a little
_GRID = 32  # samples per side of the em square when comparing filled outlines
_CMAP_HEAD = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
"""
_CMAP_TAIL = b"""endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


def parse_to_unicode(data: bytes) -> dict[int, str]:
    """The CID -> text mapping of a ToUnicode CMap (bfchar and bfrange, both forms)."""
    mapping: dict[int, str] = {}
    mode = None
    pending: list = []
    in_array = False
    array: list[str] = []
    for match in _TOKEN.finditer(data):
        token = match.group(0)
        if token in (b"beginbfrange", b"beginbfchar"):
            mode, pending = token[5:], []
            continue
        if token.startswith(b"end"):
            mode = None
            continue
        if mode is None:
            continue
        if token == b"[":
            in_array, array = True, []
            continue
        if token == b"]":
            in_array = False
            low, high = pending
            for offset, text in enumerate(array[: high - low + 1]):
                mapping[low + offset] = text
            pending = []
            continue
        hex_digits = match.group(1)
        if in_array:
            array.append(_utf16(hex_digits))
            continue
        pending.append(int(hex_digits or b"0", 16) if len(pending) < (2 if mode == b"bfrange" else 1)
                       else _utf16(hex_digits))
        if mode == b"bfchar" and len(pending) == 2:
            mapping[pending[0]] = pending[1]
            pending = []
        elif mode == b"bfrange" and len(pending) == 3:
            low, high, first = pending
            if first:
                start = ord(first[-1])
                for offset in range(high - low + 1):
                    mapping[low + offset] = first[:-1] + chr(start + offset)
            pending = []
    return mapping


def write_to_unicode(mapping: dict[int, str]) -> bytes:
    """A ToUnicode CMap for ``mapping`` (bfchar entries, 100 per block as the format requires)."""
    entries = sorted((cid, text) for cid, text in mapping.items() if cid > 0 and text)
    out = bytearray(_CMAP_HEAD)
    for first in range(0, len(entries), 100):
        block = entries[first:first + 100]
        out += b"%d beginbfchar\n" % len(block)
        for cid, text in block:
            out += b"<%04X> <%s>\n" % (cid, text.encode("utf-16-be").hex().upper().encode())
        out += b"endbfchar\n"
    out += _CMAP_TAIL
    return bytes(out)


def repair_fonts(reader: PdfReader, update: IncrementalUpdate, originals: dict[str, QFont],
                 characters: Iterable[str], data: bytes | None = None) -> int:
    """Replace every embedded font's ToUnicode map that misnames a printed character; returns how many.

    ``originals``: the fonts the document was set in, by PostScript name; ``data``: the
    PDF's bytes, to find its fonts quickly.
    """
    printed = sorted({ch for ch in characters if ch.isprintable() and not ch.isspace()} | {" "})
    repaired = 0
    for font in _type0_fonts(reader, data):
        to_unicode = font.raw_get("/ToUnicode") if "/ToUnicode" in font else None
        if not isinstance(to_unicode, IndirectObject):
            continue
        stream = to_unicode.get_object()
        if not isinstance(stream, StreamObject):
            continue
        old = parse_to_unicode(stream.get_data())
        base = str(font.get("/BaseFont", ""))[1:].split("+")[-1]
        original = originals.get(base)
        new = (_repair_with_font(old, original, printed, font) if original is not None
               else _repair_without_font(old))
        if new != old:
            update.put(Ref(to_unicode.idnum, to_unicode.generation), Stream({}, write_to_unicode(new)))
            repaired += 1
    return repaired



def tag_subset_fonts(reader: PdfReader, update: IncrementalUpdate, data: bytes | None = None) -> int:
    """Give every embedded composite font the subset tag its name lacks; returns how many.

    Qt embeds only the glyphs it printed but names the font plainly. PDF 32000-1 §9.6.4
    asks for a six-letter tag (``ABCDEF+NotoSansCJKtc-Regular``) so that readers (and
    ``pdffonts``) know the font is partial and never use it for text it does not hold.
    """
    tagged = 0
    for font in _type0_fonts(reader, data):
        base = str(font.get("/BaseFont", ""))[1:]
        reference = font.indirect_reference
        if not base or re.match(r"^[A-Z]{6}\+", base) or reference is None:
            continue
        digest = hashlib.sha1(f"{reference.idnum}:{base}".encode()).digest()
        name = Name("".join(chr(ord("A") + b % 26) for b in digest[:6]) + "+" + base)
        dictionary = from_pypdf(font)
        dictionary["BaseFont"] = name
        update.put(Ref(reference.idnum, reference.generation), dictionary)
        descendants = font["/DescendantFonts"]
        for descendant_ref in descendants if isinstance(descendants, ArrayObject) else ():
            if not isinstance(descendant_ref, IndirectObject):
                continue
            descendant = descendant_ref.get_object()
            if not isinstance(descendant, DictionaryObject):
                continue
            rewritten = from_pypdf(descendant)
            rewritten["BaseFont"] = name
            update.put(Ref(descendant_ref.idnum, descendant_ref.generation), rewritten)
            descriptor_ref = descendant.raw_get("/FontDescriptor") if "/FontDescriptor" in descendant else None
            if isinstance(descriptor_ref, IndirectObject):
                descriptor = from_pypdf(descriptor_ref.get_object())
                descriptor["FontName"] = name
                update.put(Ref(descriptor_ref.idnum, descriptor_ref.generation), descriptor)
        tagged += 1
    return tagged

_OBJECT_START = re.compile(rb"(\d+) (\d+) obj\s*<<")


def _type0_fonts(reader: PdfReader, data: bytes | None = None) -> Iterator[DictionaryObject]:
    """The composite (CID) fonts of the PDF.

    Qt writes no object streams, so the font dictionaries can be found in the file's
    bytes directly instead of visiting the resources of a thousand pages; the page walk
    is the fallback.
    """
    found = False
    at = data.find(b"/Type0") if data is not None else -1
    while data is not None and at >= 0:
        head = data.rfind(b" obj", max(0, at - 200), at)
        match = _OBJECT_START.search(data, max(0, head - 24), at) if head >= 0 else None
        if match is not None:
            font = reader.get_object(IndirectObject(int(match.group(1)), int(match.group(2)), reader))
            if isinstance(font, DictionaryObject) and font.get("/Subtype") == "/Type0":
                found = True
                yield font
        at = data.find(b"/Type0", at + 6)
    if found:
        return
    seen: set[int] = set()
    for page in reader.pages:
        resources = page.get("/Resources")
        fonts = resources.get("/Font") if resources is not None else None
        if not fonts:
            continue
        for ref in fonts.values():
            if isinstance(ref, IndirectObject):
                if ref.idnum in seen:
                    continue
                seen.add(ref.idnum)
            font = ref.get_object()
            if isinstance(font, DictionaryObject) and font.get("/Subtype") == "/Type0":
                yield font


def _cmap_glyphs(raw: QRawFont, chars: list[str]) -> list[int]:
    glyphs = list(raw.glyphIndexesForString("".join(chars)))
    if len(glyphs) == len(chars):
        return glyphs
    return [(list(raw.glyphIndexesForString(ch)) or [0])[0] for ch in chars]  # one by one if any merged


def _shaped_glyphs(font: QFont, raw: QRawFont, printed: list[str]) -> dict[int, str]:
    """Glyphs text shaping picks for printed characters beyond the plain character map.

    Shaping substitutes glyphs by context: Noto CJK draws digits next to Latin letters
    with proportional figures that no code point maps to. Each character is shaped
    once among its own kind and once between Latin letters.
    """
    latin = [ch for ch in printed if ord(ch) < 0x2E80 and ch != " "]
    found: dict[int, str] = {}
    for text in ("".join(printed), "a" + "a".join(latin) + "a" if latin else ""):
        if not text:
            continue
        units: list[str] = []  # the character at each UTF-16 index of ``text``
        for ch in text:
            units.extend([ch] * (2 if ord(ch) > 0xFFFF else 1))
        layout = QTextLayout(text, font)
        layout.beginLayout()
        while layout.createLine().isValid():
            pass
        layout.endLayout()
        flags = (QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphIndexes
                 | QTextLayout.GlyphRunRetrievalFlag.RetrieveStringIndexes)
        for run in layout.glyphRuns(0, len(units), flags):
            if run.rawFont().familyName() != raw.familyName() or run.rawFont().weight() != raw.weight():
                continue  # a fallback font drew these
            for glyph, index in zip(run.glyphIndexes(), run.stringIndexes(), strict=True):
                if glyph and 0 <= index < len(units):
                    found.setdefault(glyph, units[index])
    return found


def _repair_with_font(old: dict[int, str], font: QFont, printed: list[str], pdf_font) -> dict[int, str]:
    """Map each subset glyph to the printed character that uses it in the original font."""
    original = QRawFont.fromFont(font)
    by_glyph: dict[int, str] = {}
    for ch, glyph in zip(printed, _cmap_glyphs(original, printed), strict=True):
        if glyph and (glyph not in by_glyph or _preferred(ch, by_glyph[glyph])):
            by_glyph[glyph] = ch
    new = dict(old)
    single = [(cid, text) for cid, text in old.items() if len(text) == 1]
    mapped_glyphs = set()
    for (cid, text), glyph in zip(single, _cmap_glyphs(original, [t for _, t in single]), strict=True):
        mapped_glyphs.add(glyph)
        better = by_glyph.get(glyph)
        if better is not None and better != text:
            new[cid] = better
        elif better is None and text != _canonical(text):
            new[cid] = _canonical(text)
    missing = [cid for cid in _subset_cids(pdf_font) if cid > 0 and cid not in new]
    if missing:
        candidates = {glyph: ch for glyph, ch in by_glyph.items() if glyph not in mapped_glyphs}
        for glyph, ch in _shaped_glyphs(font, original, printed).items():
            if glyph not in mapped_glyphs:
                candidates.setdefault(glyph, ch)
        if candidates:
            new.update(_match_outlines(pdf_font, original, missing, candidates))
    return new


def _repair_without_font(old: dict[int, str]) -> dict[int, str]:
    """Without the original font, still undo the compatibility code points Qt prefers."""
    return {cid: _canonical(text) for cid, text in old.items()}


def _preferred(candidate: str, current: str) -> bool:
    """Between two printed characters sharing a glyph, the canonical (unified) one wins."""
    return _canonical(current) != current and _canonical(candidate) == candidate


def _canonical(text: str) -> str:
    """Kangxi radicals and compatibility ideographs as the unified ideograph, ligatures as their
    letters ("ﬁ" -> "fi", so "Confidence" is found), a tab as a space."""
    if text == "\t":
        return " "
    if len(text) != 1:
        return text
    code = ord(text)
    if 0x2E80 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF:
        folded = unicodedata.normalize("NFKC", text)
        return folded if len(folded) == 1 else text
    if 0xFB00 <= code <= 0xFB06:
        return unicodedata.normalize("NFKC", text)
    return text


def _subset_cids(font) -> list[int]:
    """CIDs present in the embedded subset (from /CIDSet, else the subset's glyph count)."""
    descendant = font["/DescendantFonts"][0].get_object()
    descriptor = descendant.get("/FontDescriptor")
    cid_set = descriptor.get_object().get("/CIDSet") if descriptor is not None else None
    if cid_set is not None:
        bits = cid_set.get_object().get_data()
        return [index * 8 + bit for index, byte in enumerate(bits) for bit in range(8) if byte & (0x80 >> bit)]
    file = _font_file(font)
    if file is not None:
        maxp = bytes(QRawFont(QByteArray(file), _SIZE).fontTable("maxp").data())
        if len(maxp) >= 6:
            return list(range(int.from_bytes(maxp[4:6], "big")))
    return []


def _font_file(font) -> bytes | None:
    descendant = font["/DescendantFonts"][0].get_object()
    descriptor = descendant.get("/FontDescriptor")
    if descriptor is None:
        return None
    descriptor = descriptor.get_object()
    for key in ("/FontFile2", "/FontFile3", "/FontFile"):
        if key in descriptor:
            return descriptor[key].get_object().get_data()
    return None


def _match_outlines(pdf_font, original: QRawFont, missing: list[int], candidates: dict[int, str]) -> dict[int, str]:
    """Name unmapped subset glyphs by finding the candidate glyph of the original font that looks the same.

    Qt rebuilds outlines when it subsets (CFF curves become TrueType ones), so glyph
    programs cannot be compared byte for byte; their extremes, advance and a sampled
    picture of the filled outline can.
    """
    data = _font_file(pdf_font)
    if data is None:
        return {}
    subset = QRawFont(QByteArray(data), _SIZE)
    reference = QRawFont(original)
    reference.setPixelSize(_SIZE)
    if not subset.isValid():
        return {}
    pool = {glyph: _Shape.of(reference, glyph) for glyph in candidates}
    found: dict[int, str] = {}
    for cid in missing:
        shape = _Shape.of(subset, cid)
        if shape is None:
            continue
        best: tuple[int, int] | None = None
        for glyph, other in pool.items():
            if other is None or not shape.close_to(other):
                continue
            difference = shape.difference(other)
            if best is None or difference < best[0]:
                best = (difference, glyph)
        if best is not None and best[0] <= max(3, shape.ink() // 5):
            found[cid] = candidates[best[1]]
            del pool[best[1]]  # each original glyph is one subset glyph
    return found


class _Shape:
    """A glyph's extremes and advance, and (on demand) a coarse bitmap of its filled outline."""

    def __init__(self, raw: QRawFont, glyph: int, box: tuple[float, ...]) -> None:
        self._raw = raw
        self._glyph = glyph
        self.box = box
        self._bits: tuple[bool, ...] | None = None

    @classmethod
    def of(cls, raw: QRawFont, glyph: int) -> _Shape | None:
        """The shape of ``glyph`` (fonts at 1000 pixels per em); None for an empty glyph."""
        rect = raw.boundingRect(glyph)
        if rect.isEmpty():
            return None
        advance = raw.advancesForGlyphIndexes([glyph])[0].x()
        return cls(raw, glyph, (rect.left(), rect.top(), rect.right(), rect.bottom(), advance))

    @property
    def bits(self) -> tuple[bool, ...]:
        """Which samples of a 32 × 32 grid over the em square the outline fills."""
        if self._bits is None:
            path = self._raw.pathForGlyph(self._glyph)
            step = _SIZE / _GRID
            # The same fixed em square for both fonts (baseline at 88 %), not each font's own ascent.
            self._bits = tuple(path.contains(QPointF((col + 0.5) * step, -0.88 * _SIZE + (row + 0.5) * step))
                               for row in range(_GRID) for col in range(_GRID))
        return self._bits

    def close_to(self, other: _Shape) -> bool:
        """Whether extremes and advance agree within the conversion's tolerance."""
        return max(abs(a - b) for a, b in zip(self.box, other.box, strict=True)) <= _SIZE * _BOX_TOLERANCE

    def difference(self, other: _Shape) -> int:
        """Samples where one outline is filled and the other is not."""
        return sum(1 for a, b in zip(self.bits, other.bits, strict=True) if a != b)

    def ink(self) -> int:
        """Filled samples: the scale a difference is judged against."""
        return sum(self.bits)


def _utf16(hex_digits: bytes) -> str:
    if not hex_digits:
        return ""
    return bytes.fromhex(hex_digits.decode("ascii")).decode("utf-16-be", "replace")
