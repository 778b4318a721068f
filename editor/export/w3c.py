"""The W3C Web Annotation export: a JSON-LD ``AnnotationCollection`` (documented in ``docs/export-w3c.md``).

One collection with a single embedded ``AnnotationPage`` (``first``) whose ``items`` are:

- one ``Annotation`` per highlight (motivation ``highlighting``); its target is the
  node (``urn:uuid:<node id>``) narrowed by a ``TextQuoteSelector`` (exact, prefix,
  suffix) and a ``TextPositionSelector`` (start, end: code points into the node's text,
  its body or, for a node without body, its title, as the database holds them); its comment is a ``TextualBody`` (purpose
  ``commenting``) and its tags are ``TextualBody``-s with purpose ``tagging``;
- one per note (motivation ``commenting``, the note as ``text/html``), targeting the node;
- one per node tag (motivation ``tagging``, a ``TextualBody`` with purpose ``tagging``);
- one per rating (motivation ``assessing``, a ``TextualBody`` such as ``"Impact: 4/5"``
  with purpose ``assessing``).

Every annotation carries ``@context``, ``id`` (``urn:uuid:``; notes and highlights use
their database id, tag and rating annotations a UUIDv5 of node, dimension or tag, and
author, so repeated exports agree), ``created``, ``modified`` and its ``creator`` (a
``Person`` with ``name``). Bodies in Chinese are marked ``"language": "zh-Hant"`` or ``"zh-Hans"``. A
highlight's colour is carried by an embedded ``CssStylesheet`` and the target's
``styleClass``.
"""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

from editor import __version__
from editor.core.clock import now_iso
from editor.core.script import chinese_language_tag
from editor.core.report import TRENDMARK_NAMESPACE

from .collect import ExportDocument, HighlightEntry, NodeEntry
from .options import ProgressFn, check_progress

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_PROGRESS_EVERY = 200


def urn(identifier: str) -> str:
    """``urn:uuid:<id>`` for a database id (ids that are not UUIDs are mapped to a UUIDv5)."""
    try:
        return f"urn:uuid:{uuid.UUID(identifier)}"
    except ValueError:
        return f"urn:uuid:{uuid.uuid5(TRENDMARK_NAMESPACE, identifier)}"


def _derived_id(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(TRENDMARK_NAMESPACE, chr(0x1F).join(parts))}"


def _textual_body(value: str, purpose: str, fmt: str = "text/plain", text_for_language: str | None = None,
                  context: str = "") -> dict:
    body: dict[str, Any] = {"type": "TextualBody", "purpose": purpose, "value": value, "format": fmt}
    language = chinese_language_tag(text_for_language if text_for_language is not None else value, context)
    if language:
        body["language"] = language
    return body


class _AnnotationBuilder:
    """Turns one document's annotations into W3C ``Annotation`` objects."""

    def __init__(self, document: ExportDocument) -> None:
        self.document = document
        self.dimensions = {d.id: d for d in document.dimensions}
        # Short texts (a tag, a rating) take the script of the report they belong to.
        self.context = document.report.title + "".join(entry.node.body[:200] for entry in document.nodes[:20])

    def _body(self, value: str, purpose: str, fmt: str = "text/plain", text_for_language: str | None = None) -> dict:
        return _textual_body(value, purpose, fmt, text_for_language, self.context)

    def _base(self, annotation_id: str, motivation: str, author_id: str, created: str, modified: str) -> dict:
        return {
            "@context": CONTEXT,
            "id": annotation_id,
            "type": "Annotation",
            "motivation": motivation,
            "created": created,
            "modified": modified,
            "creator": {"id": urn(author_id), "type": "Person", "name": self.document.author_name(author_id)},
        }

    def node_annotations(self, entry: NodeEntry) -> list[dict]:
        """All annotations of one node, in a fixed order: highlights, notes, tags, ratings."""
        items = [self.highlight(entry, item) for item in entry.highlights]
        items += [self.note(entry, note) for note in entry.notes]
        items += [self.tag(entry, node_tag) for node_tag in entry.tags]
        items += [self.rating(entry, rating) for rating in entry.ratings]
        return items

    def highlight(self, entry: NodeEntry, item: HighlightEntry) -> dict:
        h = item.highlight
        out = self._base(urn(h.id), "highlighting", h.author_id, h.created_at, h.updated_at)
        bodies = []
        if h.comment_html.strip():
            bodies.append(self._body(h.comment_html, "commenting", "text/html", h.comment_text))
        elif h.comment_text.strip():
            bodies.append(self._body(h.comment_text, "commenting"))
        bodies += [self._body(tag.name, "tagging") for tag in item.tags]
        if bodies:
            out["body"] = bodies
        out["target"] = {
            "type": "SpecificResource",
            "source": urn(entry.node.id),
            "selector": [
                {"type": "TextQuoteSelector", "exact": h.exact, "prefix": h.prefix, "suffix": h.suffix},
                {"type": "TextPositionSelector", "start": h.start, "end": h.end},
            ],
            "styleClass": _style_class(h.color),
        }
        # The colour the analyst chose travels as a stylesheet rule for the target's class.
        out["stylesheet"] = {"type": "CssStylesheet",
                             "value": f".{_style_class(h.color)} {{ background-color: {h.color}; }}"}
        return out

    def note(self, entry: NodeEntry, note) -> dict:
        out = self._base(urn(note.id), "commenting", note.author_id, note.created_at, note.updated_at)
        out["body"] = [self._body(note.html, "commenting", "text/html", note.text)]
        out["target"] = {"type": "SpecificResource", "source": urn(entry.node.id)}
        return out

    def tag(self, entry: NodeEntry, node_tag) -> dict:
        annotation_id = _derived_id("tag", entry.node.id, node_tag.tag.id, node_tag.author_id)
        out = self._base(annotation_id, "tagging", node_tag.author_id, node_tag.created_at, node_tag.updated_at)
        out["body"] = [self._body(node_tag.tag.name, "tagging")]
        out["target"] = {"type": "SpecificResource", "source": urn(entry.node.id)}
        return out

    def rating(self, entry: NodeEntry, rating) -> dict:
        dimension = self.dimensions.get(rating.dimension_id)
        name, high = (dimension.name, dimension.max) if dimension else (rating.dimension_id, None)
        value = f"{name}: {rating.value}/{high}" if high is not None else f"{name}: {rating.value}"
        annotation_id = _derived_id("rating", entry.node.id, rating.dimension_id, rating.author_id)
        out = self._base(annotation_id, "assessing", rating.author_id, rating.created_at, rating.updated_at)
        out["body"] = [self._body(value, "assessing")]
        out["target"] = {"type": "SpecificResource", "source": urn(entry.node.id)}
        return out


def _style_class(color: str) -> str:
    """A CSS class name carrying the highlight colour, e.g. ``trendmark-ffe066``."""
    return "trendmark-" + re.sub(r"[^0-9a-z]", "", color.lower())


def render_w3c(document: ExportDocument, progress: ProgressFn | None = None) -> dict[str, Any]:
    """The export as a JSON-LD ``AnnotationCollection`` dict."""
    builder = _AnnotationBuilder(document)
    items: list[dict] = []
    entries = document.kept()
    for done, entry in enumerate(entries, start=1):
        items.extend(builder.node_annotations(entry))
        if done % _PROGRESS_EVERY == 0:
            check_progress(progress, done, len(entries))
    check_progress(progress, len(entries), len(entries))
    options = document.options
    # The same report and filters give the same collection id in every export.
    filters = json.dumps([options.annotated_only, sorted(options.tags), options.min_rating,
                          options.only_author_id], ensure_ascii=False)
    collection_id = _derived_id("collection", document.report.id, filters)
    page_id = _derived_id("page", document.report.id, filters)
    return {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": f"Annotations on {document.report.title}",
        "total": len(items),
        "generated": now_iso(),
        "generator": {"type": "Software", "name": f"Trendmark {__version__}"},
        "first": {
            "@context": CONTEXT,  # an embedded page read on its own still says what its terms mean
            "id": page_id,
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
        "last": page_id,
    }


def write_w3c(document: ExportDocument, path: Path, progress: ProgressFn | None = None) -> None:
    """Write the collection to ``path`` as UTF-8 JSON-LD."""
    text = json.dumps(render_w3c(document, progress), ensure_ascii=False, indent=2)
    Path(path).write_text(text + "\n", encoding="utf-8")
