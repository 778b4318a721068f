"""The JSON export: a report with all its annotations, as one stable, documented document.

Format ``trendmark-export``, version 1 (also in ``docs/export-json.md``)::

    {
      "format": "trendmark-export",
      "version": 1,
      "generator": "trendmark 0.1.0",            # the app that wrote the file
      "exported_at": "2025-03-01T08:00:00.000Z", # UTC ISO-8601 with milliseconds
      "filters": {"annotated_only": false, "tags": [], "min_rating": null, "only_author_id": null},
      "report": {"id", "title", "source", "imported_at", "warnings": [...], "node_count"},
      "dimensions": [{"id", "name", "min", "max", "position"}],      # by position
      "authors": [{"id", "name"}],                                  # by id
      "tags": [{"id", "name", "color"}],                            # by name
      "nodes": [                                                    # chapters, in outline order
        {"id", "path", "number", "level", "position", "title", "body",
         "context_only": false,        # true: kept only as an ancestor of a node that passed the filters
         "tags":       [{"tag_id", "name", "author_id", "created_at", "updated_at"}],
         "ratings":    [{"dimension_id", "dimension", "author_id", "value", "created_at", "updated_at"}],
         "notes":      [{"id", "author_id", "html", "text", "created_at", "updated_at"}],
         "highlights": [{"id", "author_id", "start", "end", "exact", "prefix", "suffix", "color",
                         "comment_html", "comment_text", "tags": [{"id", "name"}],
                         "created_at", "updated_at"}],
         "children": [ ...nodes of the next level... ]}
      ]
    }

Rules: keys are sorted in every object; ids are the database's (UUIDs, deterministic
for reports, nodes, tags and dimensions); lists have a fixed order (nodes by outline
position, tags by name then analyst name, ratings by dimension position then
analyst name, notes by creation time,
highlights by ``start``). ``start``/``end`` are 0-based Unicode code point offsets
into ``body`` (``body[start:end] == exact``), or into ``title`` for a node
without body (its title is what can be highlighted). Note and comment HTML is the sanitised
subset the editor stores; ``text``/``comment_text`` is its plain text. Deleted
annotations are never exported. Only ``generator`` and ``exported_at`` change
between two exports of the same data. A reader should ignore keys it does not know:
later versions may add keys, and bump ``version`` only for incompatible changes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from editor import __version__
from editor.core.clock import now_iso

from .collect import ExportDocument, NodeEntry
from .options import ProgressFn, check_progress

FORMAT_NAME = "trendmark-export"
FORMAT_VERSION = 1
_PROGRESS_EVERY = 200  # nodes between progress calls: frequent enough for a dialog, cheap


def render_json(document: ExportDocument, progress: ProgressFn | None = None) -> dict[str, Any]:
    """The export as a JSON-ready dict (see the module docstring for the format)."""
    options = document.options
    children = document.children_of()
    total = len(document.nodes)
    done = 0

    def build(parent_id: str | None) -> list[dict[str, Any]]:
        nonlocal done
        out = []
        for entry in children.get(parent_id, []):
            done += 1
            if done % _PROGRESS_EVERY == 0:
                check_progress(progress, done, total)
            item = _node(document, entry)
            item["children"] = build(entry.node.id)
            out.append(item)
        return out

    nodes = build(None)
    check_progress(progress, total, total)
    report = document.original_report or document.report
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "generator": f"trendmark {__version__}",
        "exported_at": now_iso(),
        "filters": {
            "annotated_only": options.annotated_only,
            "tags": list(options.tags),
            "min_rating": options.min_rating,
            "only_author_id": options.only_author_id,
        },
        **({"script": options.script} if document.original_report else {}),  # absent: as written
        "report": {
            "id": report.id, "title": report.title, "source": report.source,
            "imported_at": report.imported_at, "warnings": list(report.warnings),
            "node_count": document.total_nodes,
            **({f"title_{options.script}": document.report.title} if document.original_report else {}),
        },
        "dimensions": [
            {"id": d.id, "name": d.name, "min": d.min, "max": d.max, "position": d.position}
            for d in document.dimensions
        ],
        "authors": [{"id": a.id, "name": a.name} for a in sorted(document.authors.values(), key=lambda a: a.id)],
        "tags": [{"id": t.id, "name": t.name, "color": t.color} for t in document.tags],
        "nodes": nodes,
    }


def _node(document: ExportDocument, converted: NodeEntry) -> dict[str, Any]:
    # Offsets and texts as written, so the file lines up with the report; the converted
    # text (options.script) alongside, as "<field>_<script>".
    entry = document.as_written(converted)
    node = entry.node
    dimension_names = {d.id: d.name for d in document.dimensions}
    data: dict[str, Any] = {
        "id": node.id, "path": node.path, "number": node.number, "level": node.level,
        "position": node.position, "title": node.title, "body": node.body,
        "context_only": entry.context_only,
        "tags": [
            {"tag_id": t.tag.id, "name": t.tag.name, "author_id": t.author_id,
             "created_at": t.created_at, "updated_at": t.updated_at}
            for t in entry.tags
        ],
        "ratings": [
            {"dimension_id": r.dimension_id, "dimension": dimension_names.get(r.dimension_id, ""),
             "author_id": r.author_id, "value": r.value, "created_at": r.created_at, "updated_at": r.updated_at}
            for r in entry.ratings
        ],
        "notes": [
            {"id": n.id, "author_id": n.author_id, "html": n.html, "text": n.text,
             "created_at": n.created_at, "updated_at": n.updated_at}
            for n in entry.notes
        ],
        "highlights": [
            {"id": h.id, "author_id": h.author_id, "start": h.start, "end": h.end, "exact": h.exact,
             "prefix": h.prefix, "suffix": h.suffix, "color": h.color, "comment_html": h.comment_html,
             "comment_text": h.comment_text, "tags": [{"id": t.id, "name": t.name} for t in e.tags],
             "created_at": h.created_at, "updated_at": h.updated_at}
            for e in entry.highlights
            for h in (e.highlight,)
        ],
    }
    if converted is not entry:
        script = document.options.script
        data[f"title_{script}"] = converted.node.title
        data[f"body_{script}"] = converted.node.body
        for item, shown in zip(data["highlights"], converted.highlights, strict=True):
            item[f"exact_{script}"] = shown.highlight.exact
    return data


def write_json(document: ExportDocument, path: Path, progress: ProgressFn | None = None) -> None:
    """Write the export to ``path`` as UTF-8 JSON (keys sorted, two-space indent, final newline)."""
    data = render_json(document, progress)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    Path(path).write_text(text + "\n", encoding="utf-8")
