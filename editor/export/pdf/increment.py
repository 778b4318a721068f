"""An incremental update appended to a PDF: new and replaced objects, a new xref section and trailer.

Qt writes the page content; what it cannot write (outline, annotations, the catalog's
page mode, corrected ToUnicode maps) is appended as an incremental update, the
mechanism PDF itself defines for editing a file (ISO 32000-1 §7.5.6): the original
bytes stay untouched, new objects follow with an xref section whose trailer points
back (``/Prev``) to the original one. pypdf reads the original (page references,
fonts, existing dictionaries); the objects added here are serialised directly. For
9,000 bookmarks and 2,500 annotations that takes about 0.2 s, where pypdf's own
``PdfWriter(incremental=True)`` takes 2.6 s for the same additions, 14 times as long
(tests/benchmarks/bench_pdf_finish.py, on the 500-chapter export).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from typing import Any, cast

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject, BooleanObject, ByteStringObject, DictionaryObject, FloatObject, IndirectObject, NameObject,
    NullObject, NumberObject, TextStringObject,
)


class Name(str):
    """A PDF name (written ``/Value``)."""


@dataclass(frozen=True)
class Ref:
    """An indirect reference ``n g R``."""

    number: int
    generation: int = 0


@dataclass(frozen=True)
class Raw:
    """Bytes written as they are (already PDF syntax)."""

    data: bytes


@dataclass
class Stream:
    """A stream object: its dictionary (without /Length) and its data, Flate-compressed when worth it."""

    dictionary: dict
    data: bytes
    compress: bool | None = None  # None: only when the data is long enough to gain from it


_NAME_UNSAFE = re.compile(rb"[^!-~]|[#()<>\[\]{}/%]")
_LITERAL_SAFE = re.compile(r"^[ -~]*$")


def serialize(value: Any) -> bytes:
    """``value`` in PDF syntax (dicts, lists, names, strings, numbers, references, raw bytes)."""
    writer = _WRITERS.get(type(value))
    if writer is not None:
        return writer(value)
    if value is None:
        return b"null"
    if isinstance(value, bool):
        return b"true" if value else b"false"
    for kind, write in _WRITERS.items():
        if isinstance(value, kind):
            return write(value)
    raise TypeError(f"cannot write {type(value).__name__} into a PDF")


@lru_cache(maxsize=1024)
def _name(value: str) -> bytes:
    return b"/" + _NAME_UNSAFE.sub(lambda m: b"#%02X" % m.group(0)[0], value.encode("utf-8"))


def _dictionary(value: dict) -> bytes:
    return b"<<" + b" ".join(_name(key) + b" " + serialize(item) for key, item in value.items()) + b">>"


def number(value: float) -> bytes:
    """A real number without exponent and without needless zeros."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return (text if text not in ("-0", "") else "0").encode()


def text_string(value: str) -> bytes:
    """A PDF text string: a literal for printable ASCII, else UTF-16BE hex with a byte-order mark."""
    if _LITERAL_SAFE.match(value):
        escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("ascii") + b")"
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode() + b">"


_WRITERS: dict[type, Any] = {
    Name: _name,
    str: text_string,
    int: lambda value: b"%d" % value,
    float: number,
    Ref: lambda value: b"%d %d R" % (value.number, value.generation),
    Raw: lambda value: value.data,
    list: lambda value: b"[" + b" ".join(serialize(item) for item in value) + b"]",
    tuple: lambda value: b"[" + b" ".join(serialize(item) for item in value) + b"]",
    dict: _dictionary,
    bool: lambda value: b"true" if value else b"false",
}


def from_pypdf(obj: Any) -> Any:
    """An object read by pypdf as the plain values :func:`serialize` writes (references kept)."""
    if isinstance(obj, IndirectObject):
        return Ref(obj.idnum, obj.generation)
    if isinstance(obj, NameObject):
        return Name(obj[1:])
    if isinstance(obj, DictionaryObject):
        return {str(key)[1:]: from_pypdf(item) for key, item in obj.items()}
    if isinstance(obj, ArrayObject):
        return [from_pypdf(item) for item in obj]
    if isinstance(obj, BooleanObject):
        return bool(obj)
    if isinstance(obj, NullObject):
        return None
    if isinstance(obj, NumberObject):
        return int(obj)
    if isinstance(obj, FloatObject):
        return float(obj)
    if isinstance(obj, (TextStringObject, ByteStringObject)):
        buffer = BytesIO()
        obj.write_to_stream(buffer)
        return Raw(buffer.getvalue())
    buffer = BytesIO()
    obj.write_to_stream(buffer)
    return Raw(buffer.getvalue())


class IncrementalUpdate:
    """Collects objects to add or replace in a PDF and writes the updated file."""

    def __init__(self, original: bytes, reader: PdfReader) -> None:
        self._original = original
        self._reader = reader
        trailer = reader.trailer
        self._size = int(cast(NumberObject, trailer["/Size"]))
        self._objects: dict[int, tuple[int, bytes]] = {}
        self.root = Ref(trailer.raw_get("/Root").idnum, trailer.raw_get("/Root").generation)
        info = trailer.raw_get("/Info") if "/Info" in trailer else None
        self.info = Ref(info.idnum, info.generation) if isinstance(info, IndirectObject) else None
        self._id = from_pypdf(trailer.raw_get("/ID")) if "/ID" in trailer else None
        self._previous_xref = _startxref(original)

    def allocate(self) -> Ref:
        """A fresh object number."""
        ref = Ref(self._size)
        self._size += 1
        return ref

    def put(self, ref: Ref, value: Any) -> Ref:
        """Set object ``ref`` (new or replacing an original object) to ``value`` (or a Stream)."""
        if isinstance(value, Stream):
            compress = value.compress if value.compress is not None else len(value.data) > 400
            data = zlib.compress(value.data, 6) if compress else value.data
            dictionary = dict(value.dictionary)
            if compress:
                dictionary["Filter"] = Name("FlateDecode")
            dictionary["Length"] = len(data)
            body = serialize(dictionary) + b"\nstream\n" + data + b"\nendstream"
        else:
            body = serialize(value)
        self._objects[ref.number] = (ref.generation,
                                     b"%d %d obj\n" % (ref.number, ref.generation) + body + b"\nendobj\n")
        return ref

    def put_raw(self, ref: Ref, body: bytes) -> Ref:
        """Set object ``ref`` to ``body``, already in PDF syntax (for objects written by the thousand)."""
        self._objects[ref.number] = (ref.generation,
                                     b"%d %d obj\n" % (ref.number, ref.generation) + body + b"\nendobj\n")
        return ref

    def add(self, value: Any) -> Ref:
        """Add a new object; returns its reference."""
        return self.put(self.allocate(), value)

    def write(self) -> bytes:
        """The original file followed by the update section."""
        out = bytearray(self._original)
        if not out.endswith(b"\n"):
            out += b"\n"
        offsets: dict[int, int] = {}
        for number_, (_generation, body) in sorted(self._objects.items()):
            offsets[number_] = len(out)
            out += body
        xref_at = len(out)
        # The free-list head (object 0) is repeated, as Acrobat does: some readers take an
        # xref section that does not start at 0 for a damaged one.
        out += b"xref\n0 1\n0000000000 65535 f \n"
        for first, run in _runs(sorted(offsets)):
            out += b"%d %d\n" % (first, len(run))
            for number_ in run:
                out += b"%010d %05d n \n" % (offsets[number_], self._objects[number_][0])
        trailer: dict[str, Any] = {"Size": self._size, "Root": self.root, "Prev": self._previous_xref}
        if self.info is not None:
            trailer["Info"] = self.info
        if self._id is not None:
            trailer["ID"] = self._id
        out += b"trailer\n" + serialize(trailer) + b"\nstartxref\n%d\n%%%%EOF\n" % xref_at
        return bytes(out)


def _startxref(data: bytes) -> int:
    at = data.rfind(b"startxref")
    match = re.match(rb"startxref\s+(\d+)", data[at:]) if at >= 0 else None
    if match is None:
        raise ValueError("the PDF written by Qt has no startxref")
    return int(match.group(1))


def _runs(numbers: list[int]) -> list[tuple[int, list[int]]]:
    """Consecutive object numbers grouped into xref subsections."""
    runs: list[tuple[int, list[int]]] = []
    for number_ in numbers:
        if runs and runs[-1][1][-1] == number_ - 1:
            runs[-1][1].append(number_)
        else:
            runs.append((number_, [number_]))
    return runs
