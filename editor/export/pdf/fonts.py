"""Which installed font the PDF is set in: one that really has the report's Chinese glyphs.

Families are tried in order of typographic preference (Traditional or Simplified
forms first, depending on the text), then any other installed family that declares
Chinese support; a family counts only if the font Qt actually resolves for it is that
family (Qt silently substitutes unknown names) and it has glyphs for the text's
characters. With none, the export refuses in one line that says what to install,
rather than printing boxes.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from collections.abc import Iterable, Iterator

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

from editor.core.script import is_cjk, prefers_traditional
from editor.export.options import ExportError

INSTALL_HINT = ("no font with Chinese glyphs is installed: install fonts-noto-cjk (Debian/Ubuntu), "
                "google-noto-sans-cjk-fonts (Fedora) or Noto Sans CJK from fonts.google.com")

_TRADITIONAL_FIRST = (
    "Noto Sans CJK TC", "Noto Sans CJK HK", "Source Han Sans TC", "Source Han Sans TW", "Source Han Sans HC",
    "Noto Sans TC", "Microsoft JhengHei", "PingFang TC", "PingFang HK",
)
_SIMPLIFIED_FIRST = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC", "Microsoft YaHei",
    "PingFang SC",
)
_ANY_CJK = (
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK JP", "Source Han Sans", "Sarasa Gothic TC",
    "Sarasa Gothic SC", "Droid Sans Fallback", "AR PL UMing TW", "AR PL UMing CN", "AR PL UKai TW",
    "AR PL UKai CN", "SimSun", "MingLiU", "Hiragino Sans GB",
)
# Fonts with outline glyphs for what a CJK font lacks, emoji first: monochrome emoji fonts embed in
# a PDF as text; colour bitmap emoji fonts (Noto Color Emoji) are painted as pictures.
_FALLBACK_FIRST = ("Noto Emoji", "Symbola", "Noto Sans Symbols 2", "Noto Sans Symbols", "DejaVu Sans", "Noto Sans")
EMOJI_FONT_HINT = "fonts-symbola (Debian/Ubuntu) or the Noto Emoji font"
_PROBE_LIMIT = 400  # distinct characters checked per candidate family; plenty to tell


@dataclass(frozen=True)
class PdfFonts:
    """The family the PDF is set in; every QFont of the export comes from here."""

    family: str
    fallbacks: tuple[str, ...] = ()  # families with outline glyphs for what ``family`` lacks (emoji)
    missing: tuple[str, ...] = ()  # printed characters no usable installed font has
    fallback_of: tuple[tuple[str, str], ...] = ()  # (character, fallback family drawing it)

    @property
    def fallback_characters(self) -> str:
        """The printed characters a fallback family draws."""
        return "".join(char for char, _family in self.fallback_of)

    @cached_property
    def _fallback_run(self) -> re.Pattern[str] | None:
        chars = "".join(dict.fromkeys(self.fallback_characters))
        return re.compile("[" + re.escape(chars) + "]+") if chars else None

    def fallback_runs(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, family) of each run of ``text`` a fallback family must draw, in UTF-16 units.

        Qt sends emoji to the system's emoji font ahead of the font's own families, and that is
        usually a colour bitmap font, painted into the PDF as pictures that cannot be copied;
        such runs are set in the outline fallback explicitly. Offsets count UTF-16 code units,
        as QTextDocument positions do.
        """
        pattern = self._fallback_run
        if pattern is None:
            return
        families = dict(self.fallback_of)
        utf16 = 0
        last = 0
        for match in pattern.finditer(text):
            utf16 += _utf16_length(text[last:match.start()])
            last = match.start()
            for char in match.group(0):
                width = _utf16_length(char)
                yield utf16, utf16 + width, families[char]
                utf16 += width
            last = match.end()

    def font(self, point_size: float, *, bold: bool = False, italic: bool = False) -> QFont:
        """A font of the export's family at ``point_size`` points."""
        font = QFont(self.family)
        if self.fallbacks:
            # Tried glyph by glyph before the system's own fallback (which may pick a bitmap font).
            font.setFamilies([self.family, *self.fallbacks])
        font.setPointSizeF(point_size)
        if bold:
            font.setWeight(QFont.Weight.Bold)
        font.setItalic(italic)
        return font


def installed_families() -> list[str]:
    """Font families Qt can use on this machine."""
    return list(QFontDatabase.families())


def choose_fonts(text: str) -> PdfFonts:
    """The fonts for a document containing ``text``; ExportError if none has its Chinese glyphs.

    Characters the main family lacks (emoji, rare symbols) get fallback families with
    outline glyphs, so that they print as real, copyable text; what no such font has is
    listed in ``missing``, for one warning.
    """
    chars = _probe_characters(text)
    family = _main_family(text, chars)
    fallbacks, missing, drawn = _fallbacks(family, chars)
    return PdfFonts(family, fallbacks, missing, drawn)


def _utf16_length(text: str) -> int:
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _main_family(text: str, chars: list[str]) -> str:
    cjk = [ch for ch in chars if is_cjk(ch)]
    installed = installed_families()
    if not cjk:
        # Nothing Chinese to show: the platform's ordinary sans-serif face does.
        return QFont("Sans Serif").defaultFamily() if not installed else _latin_family(installed)
    preferred = (_TRADITIONAL_FIRST + _SIMPLIFIED_FIRST if prefers_traditional(text)
                 else _SIMPLIFIED_FIRST + _TRADITIONAL_FIRST) + _ANY_CJK
    known = set(installed)
    candidates = [family for family in preferred if family in known]
    candidates += [family for family in installed if family not in candidates and _declares_chinese(family)]
    best: tuple[float, str] | None = None
    for family in candidates:
        coverage = _coverage(family, cjk)
        if coverage >= 0.999:
            return family
        if coverage > 0.9 and (best is None or coverage > best[0]):
            best = (coverage, family)
    if best is not None:
        return best[1]  # a rare character falls back to another font, the rest is right
    raise ExportError(INSTALL_HINT)


def _fallbacks(family: str, chars: list[str]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Outline fonts for the characters ``family`` lacks, the characters none has, and those they draw."""
    main = QRawFont.fromFont(QFont(family))
    if not main.isValid():
        return (), (), ()
    uncovered = [ch for ch in chars if _drawn(ch) and not main.supportsCharacter(ord(ch))]
    if not uncovered:
        return (), (), ()
    drawn_by: list[tuple[str, str]] = []
    installed = installed_families()
    known = set(installed)
    candidates = [name for name in _FALLBACK_FIRST if name in known] + [
        name for name in installed if name not in _FALLBACK_FIRST and name != family]
    chosen: list[str] = []
    for name in candidates:
        raw = QRawFont.fromFont(QFont(name))
        if not raw.isValid() or raw.familyName().casefold() != name.casefold() or _bitmap_only(raw):
            continue
        covered = [ch for ch in uncovered if raw.supportsCharacter(ord(ch))]
        if covered:
            chosen.append(name)
            drawn_by += [(ch, name) for ch in covered]
            uncovered = [ch for ch in uncovered if ch not in covered]
            if not uncovered:
                break
    return tuple(chosen), tuple(uncovered), tuple(drawn_by)


def _drawn(char: str) -> bool:
    """Whether a character is drawn as a glyph (not a space, control, joiner or variation selector)."""
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or code == 0xFFFC:
        return False
    return unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp")


def _bitmap_only(raw: QRawFont) -> bool:
    """A colour bitmap font (CBDT, sbix): Qt would paint its glyphs as pictures, which cannot be copied."""
    return any(raw.fontTable(table).size() for table in ("CBDT", "sbix")) and not raw.fontTable("glyf").size()


def missing_glyphs_warning(missing: Iterable[str]) -> str:
    """One line naming the characters no installed font can print as text."""
    listed = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing)
    return (f"no installed font can print these characters as copyable text: {listed}; they may print as "
            f"boxes or pictures (install {EMOJI_FONT_HINT})")


def _probe_characters(text: str) -> list[str]:
    """Distinct characters of ``text`` in order of appearance, spaces left out."""
    return [ch for ch in dict.fromkeys(text) if not ch.isspace()]


def _latin_family(installed: list[str]) -> str:
    for family in ("Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"):
        if family in installed:
            return family
    return installed[0]


def _declares_chinese(family: str) -> bool:
    systems = QFontDatabase.writingSystems(family)
    return (QFontDatabase.WritingSystem.TraditionalChinese in systems
            or QFontDatabase.WritingSystem.SimplifiedChinese in systems)


def _coverage(family: str, chars: list[str]) -> float:
    """Share of ``chars`` the font resolved for ``family`` has glyphs for (0 if Qt substitutes it)."""
    raw = QRawFont.fromFont(QFont(family))
    if not raw.isValid() or raw.familyName().casefold() != family.casefold():
        return 0.0
    sample = chars[:_PROBE_LIMIT]
    # Extension B and later characters are rare; a font lacking one still serves the report.
    common = [ch for ch in sample if ord(ch) < 0x20000] or sample
    found = sum(1 for ch in common if raw.supportsCharacter(ord(ch)))
    return found / len(common)


def postscript_name(raw: QRawFont) -> str:
    """The PostScript name (name table id 6) of a font: what a PDF calls it in /BaseFont."""
    table = bytes(raw.fontTable("name").data())
    if len(table) < 6:
        return ""
    _format, count, strings = struct.unpack(">HHH", table[:6])
    for index in range(count):
        record = table[6 + 12 * index: 18 + 12 * index]
        if len(record) < 12:
            break
        platform, _encoding, _language, name_id, length, offset = struct.unpack(">HHHHHH", record)
        if name_id != 6:
            continue
        data = table[strings + offset: strings + offset + length]
        if platform in (0, 3):
            return data.decode("utf-16-be", "replace")
        if platform == 1:
            return data.decode("mac_roman", "replace")
    return ""


def fonts_by_postscript_name(fonts: Iterable[QFont]) -> dict[str, QFont]:
    """The fonts a document uses, by PostScript name (to find the original of an embedded subset)."""
    found: dict[str, QFont] = {}
    for font in fonts:
        raw = QRawFont.fromFont(font)
        if raw.isValid():
            name = postscript_name(raw)
            if name:
                found.setdefault(name, font)
    return found
