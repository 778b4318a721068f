"""Which installed font the PDF is set in: one that really has the report's Chinese glyphs.

Families are tried in order of typographic preference (Traditional or Simplified
forms first, depending on the text), then any other installed family that declares
Chinese support; a family counts only if the font Qt actually resolves for it is that
family (Qt silently substitutes unknown names) and it has glyphs for the text's
characters. With none, the export refuses in one line that says what to install,
rather than printing boxes.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from collections.abc import Iterable

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
_PROBE_LIMIT = 400  # distinct characters checked per candidate family; plenty to tell


@dataclass(frozen=True)
class PdfFonts:
    """The family the PDF is set in; every QFont of the export comes from here."""

    family: str

    def font(self, point_size: float, *, bold: bool = False, italic: bool = False) -> QFont:
        """A font of the export's family at ``point_size`` points."""
        font = QFont(self.family)
        font.setPointSizeF(point_size)
        if bold:
            font.setWeight(QFont.Weight.Bold)
        font.setItalic(italic)
        return font


def installed_families() -> list[str]:
    """Font families Qt can use on this machine."""
    return list(QFontDatabase.families())


def choose_fonts(text: str) -> PdfFonts:
    """The font family for a document containing ``text``; ExportError if none has its glyphs."""
    chars = _probe_characters(text)
    cjk = [ch for ch in chars if is_cjk(ch)]
    installed = installed_families()
    if not cjk:
        # Nothing Chinese to show: the platform's ordinary sans-serif face does.
        return PdfFonts(QFont("Sans Serif").defaultFamily() if not installed else _latin_family(installed))
    preferred = (_TRADITIONAL_FIRST + _SIMPLIFIED_FIRST if prefers_traditional(text)
                 else _SIMPLIFIED_FIRST + _TRADITIONAL_FIRST) + _ANY_CJK
    known = set(installed)
    candidates = [family for family in preferred if family in known]
    candidates += [family for family in installed if family not in candidates and _declares_chinese(family)]
    best: tuple[float, str] | None = None
    for family in candidates:
        coverage = _coverage(family, cjk)
        if coverage >= 0.999:
            return PdfFonts(family)
        if coverage > 0.9 and (best is None or coverage > best[0]):
            best = (coverage, family)
    if best is not None:
        return PdfFonts(best[1])  # a rare character falls back to another font, the rest is right
    raise ExportError(INSTALL_HINT)


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
