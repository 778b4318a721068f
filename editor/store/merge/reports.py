"""A report that only their file has: rebuilt from their rows and proven to be what its id says.

Report and node ids are derived from the content (UUIDv5 of the normalised text), so a
report from a colleague can be checked completely: rebuild the ``ParsedReport`` from
their nodes, derive the ids again, and accept it only if every one matches. It then
enters our database through ``Store.add_report``, exactly like an import.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field

from editor.core.anchoring import anchor_text
from editor.core.report import ParsedNode, ParsedReport, node_id, report_id
from editor.core.styles import StylesError, styles_from_json

from editor.store.merge import values as check
from editor.store.merge.rules import Row

MAX_WARNINGS = 1_000
MAX_LEVEL = 20


@dataclass
class RebuiltReport:
    """A verified report of theirs, and its nodes' (path, body) by id for checking annotations."""

    parsed: ParsedReport
    node_text: dict[str, tuple[str, str]]
    problems: list[str] = field(default_factory=list)  # styles of theirs left out, and why


def _warnings(value: object) -> list[str]:
    raw = check.text(value, "report warnings", check.MAX_BODY_CHARS)
    try:
        items = json.loads(raw or "[]")
    except ValueError:
        raise check.Invalid("report warnings are not a JSON list") from None
    if not isinstance(items, list) or len(items) > MAX_WARNINGS or not all(isinstance(i, str) for i in items):
        raise check.Invalid("report warnings are not a list of texts")
    return [check.text(item, "a report warning", check.MAX_TITLE_CHARS) for item in items]


def _node(row: Row) -> Row:
    return {
        "id": check.uuid_id(row["id"], "node id"),
        "parent_id": check.optional_uuid(row["parent_id"], "parent node id"),
        "position": check.integer(row["position"], "node position", 0, 1_000_000),
        "level": check.integer(row["level"], "node level", 1, MAX_LEVEL),
        "number": check.text(row["number"], "node number", check.MAX_TITLE_CHARS),
        "path": check.text(row["path"], "node path", check.MAX_TITLE_CHARS),
        "title": check.text(row["title"], "node title", check.MAX_TITLE_CHARS),
        "body": check.text(row["body"] if row["body"] is not None else "", "node text", check.MAX_BODY_CHARS),
    }


def rebuild_report(report: Row, node_rows: list[Row], styles: dict[object, object] | None = None) -> RebuiltReport:
    """The ``ParsedReport`` their rows describe; Invalid unless every id matches its content.

    ``styles``: node id -> their styles JSON. Styles that are not well-formed for their
    node's text (shape, bounds, count, links) are left off that node; the text, proven by
    its id, still comes.
    """
    rid = check.uuid_id(report["id"], "report id")
    title = check.text(report["title"], "report title", check.MAX_TITLE_CHARS)
    source = check.text(report["source"] if report["source"] is not None else "", "report source",
                        check.MAX_TITLE_CHARS)
    nodes = [_node(row) for row in node_rows]
    if not nodes:
        raise check.Invalid(f"report {title!r} has no outline")
    by_id = {node["id"]: node for node in nodes}
    if len(by_id) != len(nodes):
        raise check.Invalid(f"report {title!r} lists a node twice")
    children: dict[str | None, list[Row]] = {}
    for node in nodes:
        if node["parent_id"] is not None and node["parent_id"] not in by_id:
            raise check.Invalid(f"report {title!r} has a node whose parent is missing")
        children.setdefault(node["parent_id"], []).append(node)

    parsed_by_id: dict[str, ParsedNode] = {}
    for node in nodes:
        parsed_by_id[node["id"]] = ParsedNode(node["number"], node["path"], node["level"], node["title"], node["body"])
    for parent, kids in children.items():
        kids.sort(key=lambda node: (node["position"], node["path"]))
        if parent is not None:
            parsed_by_id[parent].children = [parsed_by_id[kid["id"]] for kid in kids]
    roots = [parsed_by_id[node["id"]] for node in children.get(None, [])]
    parsed = ParsedReport(title, roots, source=source, warnings=_warnings(report["warnings"]))

    reached = sum(1 for _node_ in parsed.walk())  # a cycle of parents is never reached from a root
    if reached != len(nodes):
        raise check.Invalid(f"report {title!r} has nodes outside its outline tree")
    if report_id(parsed) != rid:
        raise check.Invalid(f"report {title!r} does not match its id (its text was changed)")
    paths = set()
    for node in nodes:
        path = unicodedata.normalize("NFC", node["path"])
        if node_id(rid, path, unicodedata.normalize("NFC", node["title"])) != node["id"] or path in paths:
            raise check.Invalid(f"report {title!r} has a node ({node['path']}) that does not match its id")
        paths.add(path)
    problems: list[str] = []
    for nid, raw in (styles or {}).items():
        if nid not in parsed_by_id:
            continue
        target = parsed_by_id[nid]
        try:
            target.styles = list(styles_from_json(raw, len(target.body)))
        except StylesError as exc:
            problems.append(f"the styles of node {target.path} of {title!r} were left out: {exc}")
    node_text = {node["id"]: (node["path"], unicodedata.normalize("NFC", anchor_text(node["title"], node["body"])))
                 for node in nodes}
    return RebuiltReport(parsed, node_text, problems)
