"""Which kind of file a report is, told from its bytes (never its name), and the reader for it."""

from __future__ import annotations

import gc
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

from editor.core.errors import ReportError
from editor.core.report import ParsedReport
from editor.importing.decoding import decode_bytes
from editor.importing.layout import looks_like_html
from editor.importing.parser import parse_text

PDF, DOCX, TEXT = "pdf", "docx", "text"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97–2003 files, and password-protected Office files


def _where(source: str) -> str:
    return f"{source}: " if source else ""


def detect_format(data: bytes, source: str = "") -> str:
    """``pdf``, ``docx`` or ``text`` (plain text, Markdown or HTML); other files are a one-line ReportError."""
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    where = _where(source)
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            raise ReportError(f"{where}the Word file (or ZIP archive) is damaged and cannot be read") from None
        if "word/document.xml" in names:
            return DOCX
        if "content.xml" in names:
            raise ReportError(f"{where}this is an OpenDocument file; save it as Word (.docx) or PDF and import that")
        raise ReportError(f"{where}this is a ZIP archive, not a report (PDF, Word, Markdown, HTML or text)")
    if head.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data[:65536] or b"E\x00n\x00c\x00r\x00y\x00p\x00t" in data:
            raise ReportError(f"{where}the Word file is password-protected; save a copy without the password "
                              f"and import that")
        raise ReportError(f"{where}this is an old Office 97–2003 file (.doc); save it as .docx or PDF "
                          f"and import that")
    if head.startswith(b"{\\rtf"):
        raise ReportError(f"{where}this is an RTF file; save it as Word (.docx) or PDF and import that")
    return TEXT


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector held off while a report is read, and let run as before after.

    Reading a report makes tens of thousands of small objects that live on (lines, nodes) and
    few cycles, so the collector's passes find nothing, and its full pass over the whole
    process (the window's objects included) cost 20-40 ms of a 300-page PDF's 0.3 s (measured).
    Unreachable cycles made meanwhile, in any thread, are collected at the next pass. Whoever
    found the collector running turns it back on, so overlapping imports never leave it off.
    """
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def parse_report(data: bytes, source: str = "") -> ParsedReport:
    """Turn a report file's bytes into a ParsedReport, whatever its format; ReportError (one line) if none."""
    with _collector_paused():
        return _parse(data, source)


def _parse(data: bytes, source: str) -> ParsedReport:
    kind = detect_format(data, source)
    if kind == PDF:
        from editor.importing.formats.pdf import parse_pdf
        return parse_pdf(data, source)
    if kind == DOCX:
        from editor.importing.formats.docx import parse_docx
        return parse_docx(data, source)
    decoded = decode_bytes(data, source)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        from editor.importing.formats.html import parse_html
        report = parse_html(text, source, decoded.warnings)
        if report is not None:
            return report
    else:
        from editor.importing.formats.markdown import looks_like_markdown, parse_markdown
        if looks_like_markdown(text):
            report = parse_markdown(text, source, decoded.warnings)
            if report is not None:
                return report
    return parse_text(text, source, decoded.warnings)
