"""The REFI-QDA export: a ``.qdpx`` project for QDA software (documented in ``docs/export-qdpx.md``).

A ``.qdpx`` is a ZIP holding ``project.qde`` (XML valid against the REFI-QDA
``Project-mrt2019.xsd``) and ``sources/<guid>.txt``. The report becomes one plain-text
source: every exported node as its heading line (``number title``), its body on the
next line, and a blank line between nodes. Selection positions are 0-based Unicode
code points into that UTF-8 text, as the standard requires.

- Users = the analysts; Codes = the tags (with their colours).
- Each highlight is a ``PlainTextSelection`` over its words (its comment is the
  selection's ``Description``, its tags are ``Coding``-s).
- Each node that carries tags, notes or ratings gets a ``PlainTextSelection`` over its
  heading and body: its tags are ``Coding``-s (one per analyst and tag), its notes are
  ``Note``-s in ``<Notes>`` referenced by ``NoteRef``, and its ratings are summarised
  in the selection's ``Description`` (QDA software has no rating scales).
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

from editor import __version__
from editor.core.clock import now_iso
from editor.core.report import TRENDMARK_NAMESPACE

from .collect import ExportDocument, NodeEntry
from .options import ProgressFn, check_progress

NAMESPACE = "urn:QDA-XML:project:1.0"
_PROGRESS_EVERY = 200


def guid(identifier: str) -> str:
    """A REFI-QDA GUID for a database id (ids that are not UUIDs are mapped to a UUIDv5)."""
    try:
        return str(uuid.UUID(identifier))
    except ValueError:
        return str(uuid.uuid5(TRENDMARK_NAMESPACE, identifier))


def _derived(*parts: str) -> str:
    return str(uuid.uuid5(TRENDMARK_NAMESPACE, "\x1f".join(parts)))


@dataclass(frozen=True)
class NodeSpan:
    """Where one node sits in the source text: its whole block and its body, in code points."""

    start: int  # first character of the heading line
    body_start: int
    end: int  # end of the body (exclusive)
    anchor_start: int  # where highlight offsets count from: the body, or the title of a node without one


def source_text(document: ExportDocument) -> tuple[str, dict[str, NodeSpan]]:
    """The plain text of the source and each node's span in it (code-point offsets)."""
    pieces: list[str] = []
    spans: dict[str, NodeSpan] = {}
    offset = 0
    for entry in document.nodes:
        node = entry.node
        heading = f"{node.number} {node.title}".strip()
        # A node without text is its heading line alone: no blank line of its own, and a
        # selection of it ends at its last character, not on a line break.
        block = f"{heading}\n{node.body}" if node.body else heading
        body_start = offset + len(heading) + (1 if node.body else 0)
        # The heading line ends with the title, which a node without body has its highlights in.
        anchor_start = body_start if node.body else max(offset, offset + len(heading) - len(node.title))
        spans[node.id] = NodeSpan(offset, body_start, offset + len(block.rstrip("\n")), anchor_start)
        pieces.append(block + "\n\n")
        offset += len(block) + 2
    return "".join(pieces), spans


# XML 1.0 cannot carry most control characters (a PDF's form feed, say), escaped or not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with characters XML 1.0 forbids replaced by U+FFFD (lengths unchanged)."""
    return _NOT_XML.sub("\ufffd", text)


def _element(tag: str, attrib: dict[str, str | None]) -> ET.Element:
    return ET.Element(tag, {k: xml_safe(v) for k, v in attrib.items() if v is not None})


def _sub(parent: ET.Element, tag: str, attrib: dict[str, str | None] | None = None,
         text: str | None = None) -> ET.Element:
    element = _element(tag, attrib or {})
    parent.append(element)
    if text is not None:
        element.text = xml_safe(text)
    return element


class _ProjectBuilder:
    """Builds the ``project.qde`` tree of one document."""

    def __init__(self, document: ExportDocument, source_guid: str, spans: dict[str, NodeSpan]) -> None:
        self.document = document
        self.source_guid = source_guid
        self.spans = spans
        self.notes: list[ET.Element] = []

    def build(self, text_path: str, progress: ProgressFn | None) -> ET.Element:
        doc = self.document
        now = now_iso()
        # Elements are written unqualified under a default namespace declared on the root.
        project = _element("Project", {"xmlns": NAMESPACE, "name": doc.report.title or "Report",
                                         "origin": f"Trendmark {__version__}", "creationDateTime": now,
                                         "modifiedDateTime": now})
        if doc.authors:
            users = _sub(project, "Users")
            for author in sorted(doc.authors.values(), key=lambda a: (a.name, a.id)):
                _sub(users, "User", {"guid": guid(author.id), "name": author.name})
        if doc.tags:
            codes = _sub(_sub(project, "CodeBook"), "Codes")
            for tag in doc.tags:
                _sub(codes, "Code", {"guid": guid(tag.id), "name": tag.name, "isCodable": "true",
                                     "color": tag.color if _is_rgb(tag.color) else None})
        sources = _sub(project, "Sources")
        source = _sub(sources, "TextSource", {"guid": self.source_guid, "name": doc.report.title or "Report",
                                              "plainTextPath": text_path, "creationDateTime": doc.report.imported_at})
        if doc.report.source:
            _sub(source, "Description", text=f"Imported from {doc.report.source}")
        selections = []
        entries = doc.kept()
        for done, entry in enumerate(entries, start=1):
            selections.extend(self._selections(entry))
            if done % _PROGRESS_EVERY == 0:
                check_progress(progress, done, len(entries))
        for _, element in sorted(selections, key=lambda pair: pair[0]):
            source.append(element)
        if self.notes:
            notes = _sub(project, "Notes")
            notes.extend(self.notes)
        # No <Sets>: the schema wants at least one Set, and there is nothing to group.
        return project

    def _selections(self, entry: NodeEntry) -> list[tuple[tuple[int, int, str], ET.Element]]:
        out = []
        span = self.spans[entry.node.id]
        if entry.tags or entry.notes or entry.ratings:
            out.append(((span.start, span.end, entry.node.id), self._node_selection(entry, span)))
        for item in entry.highlights:
            h = item.highlight
            start, end = span.anchor_start + h.start, span.anchor_start + h.end
            selection = _element("PlainTextSelection", {
                "guid": guid(h.id), "name": h.exact[:60], "startPosition": str(start), "endPosition": str(end),
                "creatingUser": guid(h.author_id), "creationDateTime": h.created_at,
                "modifyingUser": guid(h.author_id), "modifiedDateTime": h.updated_at})
            if h.comment_text.strip():
                _sub(selection, "Description", text=h.comment_text)
            for tag in item.tags:
                coding = _sub(selection, "Coding", {"guid": _derived("coding", h.id, tag.id),
                                                    "creatingUser": guid(h.author_id),
                                                    "creationDateTime": h.updated_at})
                _sub(coding, "CodeRef", {"targetGUID": guid(tag.id)})
            out.append(((start, end, h.id), selection))
        return out

    def _node_selection(self, entry: NodeEntry, span: NodeSpan) -> ET.Element:
        node = entry.node
        selection = _element("PlainTextSelection", {
            "guid": guid(node.id), "name": f"{node.number} {node.title}".strip()[:60],
            "startPosition": str(span.start), "endPosition": str(span.end)})
        summary = self._ratings_summary(entry)
        if summary:
            _sub(selection, "Description", text=summary)
        for node_tag in entry.tags:
            coding = _sub(selection, "Coding", {
                "guid": _derived("coding", node.id, node_tag.tag.id, node_tag.author_id),
                "creatingUser": guid(node_tag.author_id), "creationDateTime": node_tag.created_at})
            _sub(coding, "CodeRef", {"targetGUID": guid(node_tag.tag.id)})
        for note in entry.notes:
            author = self.document.author_name(note.author_id)
            element = _element("Note", {
                "guid": guid(note.id), "name": f"{node.path} {node.title} — {author}"[:120],
                "creatingUser": guid(note.author_id), "creationDateTime": note.created_at,
                "modifyingUser": guid(note.author_id), "modifiedDateTime": note.updated_at})
            _sub(element, "PlainTextContent", text=note.text)
            self.notes.append(element)
            _sub(selection, "NoteRef", {"targetGUID": guid(note.id)})
        return selection

    def _ratings_summary(self, entry: NodeEntry) -> str:
        lines = []
        for dimension in self.document.dimensions:
            values = entry.ratings_for(dimension.id)
            if values:
                shown = ", ".join(f"{self.document.author_name(a)} {v}/{dimension.max}"
                                  for a, v in sorted(values.items(), key=lambda kv: self.document.author_name(kv[0])))
                lines.append(f"{dimension.name}: {shown}")
        return "\n".join(lines)


def _is_rgb(color: str) -> bool:
    return len(color) in (4, 7) and color.startswith("#") and all(c in "0123456789abcdefABCDEF" for c in color[1:])


def render_project(document: ExportDocument, progress: ProgressFn | None = None) -> tuple[bytes, str, str]:
    """(project.qde bytes, source text, source file name inside the archive)."""
    text, spans = source_text(document)
    source_guid = guid(document.report.id)
    file_name = f"{source_guid}.txt"
    project = _ProjectBuilder(document, source_guid, spans).build(f"internal://{file_name}", progress)
    ET.indent(project)
    xml = ET.tostring(project, encoding="utf-8", xml_declaration=True)
    return xml, text, file_name


def write_qdpx(document: ExportDocument, path: Path, progress: ProgressFn | None = None) -> None:
    """Write the ``.qdpx`` archive to ``path``."""
    xml, text, file_name = render_project(document, progress)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml)
        archive.writestr(f"sources/{file_name}", text.encode("utf-8"))
    check_progress(progress, len(document.nodes), len(document.nodes))
