"""The import pipeline: decode, find the parts, clean, build the outline, align the body, report."""

from __future__ import annotations

from editor.core.errors import ReportError
from editor.core.report import ParsedNode, ParsedReport
from editor.importing.alignment import Alignment, align_bodies
from editor.core.richtext import html_to_text
from editor.importing.cleaning import (
    CleanText, clean_text, has_pinyin_readings, only_site_furniture,
)
from editor.importing.decoding import decode_bytes
from editor.importing.diagnostics import Located, alignment_warnings, removal_warnings, short
from editor.importing.layout import OutlineNotFound, looks_like_html, split_layout
from editor.importing.outline import build_outline

_CONTEXT = 8  # characters either side of a garbled spot quoted in a warning
_LONG_TITLE = 300  # characters; the sample's longest outline entry has about 50
_FURNITURE_PROBE = 400  # non-blank lines examined to tell "only site furniture" from "no outline"


def _where(source: str) -> str:
    return f"{source}: " if source else ""


def _normalise_newlines(text: str) -> str:
    # Line and paragraph separators and form feeds (page breaks) end lines like LF does.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text or "\f" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\f", "\n")
    return text


def _no_outline(text: str, source: str, html_page: bool, detail: str) -> ReportError:
    """The one-line error for a file in which no outline was found, saying what it looks like instead."""
    where = _where(source)
    expected = "chapter lines such as 「一、…」 followed by numbered sections such as 「1.1.…」"
    if html_page:
        return ReportError(f"{where}this is an HTML page with no report outline in it (expected {expected})")
    probe: list[str] = []
    for line in text.split("\n", 20 * _FURNITURE_PROBE)[: 20 * _FURNITURE_PROBE]:
        if line.strip():
            probe.append(line)
            if len(probe) >= _FURNITURE_PROBE:
                break
    if only_site_furniture(probe):
        return ReportError(f"{where}the file holds only a document site's page furniture (page captions, "
                           f"download and copyright notes, comment box) and no report")
    detail = f"; {detail}" if detail else ""
    return ReportError(f"{where}no report outline found: expected {expected}{detail}")


class _Cleaner:
    """Cleans the report's pieces alike and collects what was removed, and where."""

    def __init__(self, toneless: bool) -> None:
        self.toneless = toneless
        self.located: list[Located] = []
        self.readings = 0
        self.reading_example = ""

    def _count(self, cleaned: CleanText) -> None:
        self.readings += cleaned.readings
        self.reading_example = self.reading_example or cleaned.reading_example

    def title(self, title: str, where: str) -> str:
        cleaned = clean_text(title, toneless_readings=self.toneless)
        self._count(cleaned)
        for removal in cleaned.removals:
            context = cleaned.text[max(0, removal.at - _CONTEXT): removal.at + _CONTEXT]
            self.located.append(Located(removal.kind, where, removal.text, context))
        return " ".join(cleaned.text.split()) if "\n" in cleaned.text else cleaned.text.strip()

    def body(self, body: str) -> CleanText:
        cleaned = clean_text(body, toneless_readings=self.toneless)
        self._count(cleaned)
        return cleaned

    def place_body_removals(self, body: CleanText, ordered: list[ParsedNode], alignment: Alignment) -> None:
        for removal in body.removals:
            index = alignment.node_at(removal.at)
            where = ordered[index].path if index is not None else "the text before the first heading"
            context = body.text[max(0, removal.at - _CONTEXT): removal.at + _CONTEXT].replace("\n", " ")
            self.located.append(Located(removal.kind, where, removal.text, context))

    def warnings(self) -> list[str]:
        return removal_warnings(self.located, self.readings, self.reading_example)


def parse_report(data: bytes, source: str = "") -> ParsedReport:
    """Turn a plain-text report file's bytes into a ParsedReport; raise ReportError (one line) if it holds none."""
    decoded = decode_bytes(data, source)
    return parse_text(_normalise_newlines(decoded.text), source, decoded.warnings)


def parse_text(text: str, source: str = "", decode_warnings: list[str] | None = None) -> ParsedReport:
    """The report in decoded text (newlines normalised): outline lines, then a body that follows them."""
    text = _normalise_newlines(text)
    if not text.strip():
        raise ReportError(f"{_where(source)}the file holds only blank lines")
    html_page = looks_like_html(text)
    if html_page:
        text = html_to_text(text, page=True)
    try:
        layout = split_layout(text)
    except OutlineNotFound as missing:
        raise _no_outline(text, source, html_page, str(missing)) from None

    cleaner = _Cleaner(toneless=has_pinyin_readings(text))
    outline = build_outline(layout.outline)
    title = cleaner.title(layout.title, "the report title")
    for node in outline.ordered:
        node.title = cleaner.title(node.title, f"{node.path} title")
    if not title:
        title = outline.ordered[0].title
    long_titles = [node for node in outline.ordered if len(node.title) > _LONG_TITLE]

    body = cleaner.body(layout.body)
    alignment = align_bodies(outline.ordered, body.text)
    cleaner.place_body_removals(body, outline.ordered, alignment)

    warnings = list(decode_warnings or [])
    warnings += outline.warnings
    warnings += cleaner.warnings()
    warnings += alignment_warnings(outline.ordered, alignment, body.text)
    for node in long_titles:
        warnings.append(f"outline entry {node.path} has a {len(node.title)}-character title; body text "
                        f"may be glued to it (the body's first chapter heading was not found after it)")
    if layout.ignored:
        warnings.append(f"left out {len(layout.ignored)} lines after the site's footer notice, "
                        f"starting «{short(layout.ignored[0])}»")
    return ParsedReport(title=title, nodes=outline.roots, source=source, warnings=warnings)
