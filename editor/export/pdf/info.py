"""What the PDF says about itself: author, subject, keywords and language.

Qt writes the title, creator and author (into both the document information dictionary
and the XMP packet); the subject, keywords and the document's natural language
(``/Lang`` in the catalog, which screen readers use to pick a voice) are added by the
finishing pass, into the information dictionary and the XMP packet alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from editor.core.script import chinese_language_tag
from editor.export.collect import ExportDocument

_LANGUAGE_SAMPLE = 4000  # characters of the report read to tell its script


@dataclass(frozen=True)
class DocumentInfo:
    """The export's descriptive metadata."""

    author: str  # the analysts whose annotations are printed, "Alice, 陳大文"
    subject: str
    keywords: str  # the tags printed
    language: str | None  # BCP 47, e.g. "zh-Hant"; None when the report's language is unknown


def document_info(export: ExportDocument) -> DocumentInfo:
    """Author, subject, keywords and language of the PDF of ``export``."""
    analysts = sorted((author.name for author in export.authors.values()), key=str.casefold)
    kept = export.kept()
    annotated = sum(1 for entry in kept if entry.annotated)
    subject = f"{export.report.title}: annotated report"
    if analysts:
        subject += f" by {', '.join(analysts)}"
    subject += (f" ({annotated} annotated nodes, {export.highlight_count()} highlights, "
                f"{export.note_count()} notes)")
    if export.report.source:
        subject += f"; source {export.report.source}"
    return DocumentInfo(
        author=", ".join(analysts),
        subject=subject,
        keywords=", ".join(tag.name for tag in export.tags),
        language=report_language(export),
    )


def report_language(export: ExportDocument) -> str | None:
    """The report's language tag, read from its title and the start of its text."""
    parts, size = [export.report.title], len(export.report.title)
    for entry in export.nodes:
        if size >= _LANGUAGE_SAMPLE:
            break
        parts += [entry.node.title, entry.node.body[:500]]
        size += len(entry.node.title) + min(len(entry.node.body), 500)
    return chinese_language_tag("".join(parts))


_DC_TITLE_END = re.compile(rb"</dc:title>")


def with_xmp_facts(xmp: bytes, info: DocumentInfo) -> bytes:
    """Qt's XMP packet with the subject (dc:description) and language (dc:language) added."""
    added = b""
    if info.subject:
        added += (b"\n            <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt>"
                  b"</dc:description>" % escape(info.subject).encode("utf-8"))
    if info.language:
        added += (b"\n            <dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>"
                  % escape(info.language).encode("utf-8"))
    if not added:
        return xmp
    match = _DC_TITLE_END.search(xmp)
    if match is None:
        return xmp  # not Qt's layout: leave the packet as it is
    return xmp[:match.end()] + added + xmp[match.end():]
