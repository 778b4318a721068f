"""Bytes to text: byte-order marks and strict UTF-8 first, then detection; binary files refused."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from editor.core.errors import ReportError

# File signatures of the binary formats people most often mistake for a report.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document (save it as text first)"),
    (b"PK\x03\x04", "a ZIP archive (DOCX, XLSX and EPUB files are ZIP archives too)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"RIFF", "a media file (RIFF)"),
    (b"OggS", "a media file (Ogg)"),
    (b"ID3", "an MP3 audio file"),
    (b"\x00\x00\x01\x00", "an icon image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian mark begins with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)
# Detection answers that have a strict superset which decodes more real-world files.
_WIDER = {
    "gb2312": ("gb18030",), "gbk": ("gb18030",), "cp936": ("gb18030",), "hz": ("gb18030",),
    "gb18030": ("gb18030",),
    "big5": ("big5", "cp950", "big5hkscs"), "cp950": ("cp950", "big5hkscs"),
    "big5hkscs": ("big5hkscs",),
}
_DETECT_SAMPLE = 4 * 1024 * 1024  # detection reads this much; decoding still takes it all
_CHECK_SAMPLE = 200_000  # characters inspected for binary content
_MAX_UNPRINTABLE = 0.02
_FEW_BROKEN = 8  # broken UTF-8 sequences tolerated in any file, more in proportion to its size


@dataclass
class Decoded:
    """Text decoded from a file, the encoding used and anything lost on the way."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _where(source: str) -> str:
    return f"{source}: " if source else ""


def _refuse_binary(data: bytes, source: str) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise ReportError(f"{_where(source)}this is {kind}, not a text report")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' if NUL bytes sit on one side of each pair, as ASCII in UTF-16 does."""
    sample = data[:65_536]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= 16 and even * 20 <= odd:
        return "utf-16-le"
    if even >= 16 and odd * 20 <= even:
        return "utf-16-be"
    return None


# What UTF-16 text of a report is made of: CJK ideographs, their punctuation and full-width
# forms, ASCII and general punctuation. Bytes of another encoding read as UTF-16 land mostly
# in Hangul, private use or lone surrogates instead.
_UTF16_TEXT = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u3400-\u4dbf"
                         r"\u4e00-\u9fff\uff00-\uffef]")
_UTF16_SHARE = 0.9


def _utf16_by_content(data: bytes) -> str | None:
    """The UTF-16 byte order whose reading of ``data`` is almost all such characters, if one is."""
    sample = data[:65_536]
    sample = sample[: len(sample) - len(sample) % 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        text = sample.decode(encoding, errors="replace")
        if text and len(_UTF16_TEXT.findall(text)) >= _UTF16_SHARE * len(text):
            return encoding
    return None


def _decode_utf16(data: bytes, encoding: str) -> Decoded | None:
    """``data`` as UTF-16 without a mark; a final odd byte (half a character) is dropped and said so."""
    warnings = []
    if len(data) % 2:
        data = data[:-1]
        warnings.append("the file ends in half a UTF-16 character; its last byte was dropped")
    try:
        return Decoded(data.decode(encoding), encoding, warnings)
    except UnicodeDecodeError:
        return None


# Characters no text file holds: C0/C1 controls (but tab, newlines, form feed), lone
# surrogates and U+FFFD, which decoders leave where bytes made no sense.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffd]")


def _unprintable_share(text: str) -> float:
    """Share of characters in the first part of ``text`` that no text file would hold."""
    sample = text[:_CHECK_SAMPLE]
    if not sample:
        return 0.0
    return len(_UNPRINTABLE.findall(sample)) / len(sample)


def _strict(data: bytes, encoding: str, label: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ReportError(
            f"{_where(source)}the file starts with a {label} byte-order mark but is not valid {label} "
            f"(bad bytes at offset {error.start}); re-save it as UTF-8"
        ) from None


def decode_bytes(data: bytes, source: str = "") -> Decoded:
    """Decode a report file's bytes; raise ReportError for empty or binary content."""
    if not data:
        raise ReportError(f"{_where(source)}the file is empty")
    _refuse_binary(data, source)
    for bom, encoding, label in _BOMS:
        if data.startswith(bom):
            return _checked(Decoded(_strict(data[len(bom):], encoding, label, source), encoding), source)
    if b"\x00" in data:
        guess = _utf16_by_content(data) or _utf16_without_bom(data)
        decoded = _decode_utf16(data, guess) if guess else None
        if decoded is None or _unprintable_share(decoded.text) > _MAX_UNPRINTABLE:
            raise ReportError(f"{_where(source)}this is a binary file (it holds NUL bytes), not a text report")
        return decoded
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"), source)
    except UnicodeDecodeError:
        pass
    # A UTF-8 file with a few broken bytes (a cut-off download, one bad sector) is still
    # UTF-8: guessing another encoding for it would garble every character instead.
    text = data.decode("utf-8", errors="replace")
    lost = text.count("\ufffd")
    if lost <= max(_FEW_BROKEN, len(text) // 2000):
        return _checked(Decoded(text, "utf-8", [
            f"{_plural(lost, 'byte sequence')} in the file {'is' if lost == 1 else 'are'} not valid UTF-8 "
            f"and became U+FFFD (removed from the text)"
        ]), source)
    # UTF-16 of Chinese text may hold no NUL byte at all.
    guess = _utf16_by_content(data)
    decoded = _decode_utf16(data, guess) if guess else None
    if decoded is not None:
        return _checked(decoded, source)
    return _checked(_detect(data, source), source)


def _detection_sample(data: bytes) -> bytes:
    """The first few megabytes, cut where no multi-byte character can be split in two.

    A character cut in half makes every multi-byte candidate fail. Bytes below 0x30 (line
    ends, spaces, most ASCII punctuation) are never part of a GBK, GB18030 or Big5 character.
    """
    if len(data) <= _DETECT_SAMPLE:
        return data
    cut = data.rfind(b"\n", 0, _DETECT_SAMPLE)
    if cut <= 0:
        window = data[_DETECT_SAMPLE - 65_536: _DETECT_SAMPLE]
        safe = next((i for i in range(len(window) - 1, -1, -1) if window[i] < 0x30), None)
        cut = _DETECT_SAMPLE - 65_536 + safe if safe is not None else _DETECT_SAMPLE - 1
    return data[: cut + 1]


def _detect(data: bytes, source: str) -> Decoded:
    from charset_normalizer import from_bytes  # imported late: only non-UTF-8 files need it

    best = from_bytes(_detection_sample(data)).best()
    if best is None:
        raise ReportError(
            f"{_where(source)}this does not read as text in any known encoding; is it a binary file?"
        )
    detected = best.encoding.lower().replace("_", "")
    family = _WIDER.get(detected, (best.encoding,))
    for encoding in family:
        try:
            return Decoded(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    encoding = family[-1]
    text = data.decode(encoding, errors="replace")
    lost = text.count("\ufffd")
    return Decoded(text, encoding, [
        f"the file reads as {encoding} but {_plural(lost, 'byte sequence')} could not be decoded and "
        f"became U+FFFD (removed from the text)"
    ])


def _checked(decoded: Decoded, source: str) -> Decoded:
    share = _unprintable_share(decoded.text)
    if share > _MAX_UNPRINTABLE:
        raise ReportError(
            f"{_where(source)}this looks like a binary file ({share:.0%} of its characters are "
            f"control or unassigned codes), not a text report"
        )
    return decoded
