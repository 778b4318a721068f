"""Reports and their outline: imported once, read many times, never edited."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from typing import Any

from editor.core.annotations import Node, ReportInfo
from editor.core.errors import NotFoundError
from editor.core.report import ParsedNode, ParsedReport, node_ids, report_identity
from editor.core.styles import StylesError, remapped, styles_from_json, styles_to_json, tidy

from .base import StoreBase, build
from editor.store import migrations
from editor.store.migrations.node_styles import add_node_styles
from editor.store.bulk import bulk_insert_into
from .stamps import now

NODE_COLUMNS = "id, report_id, parent_id, position, level, number, path, title, body"
TITLE, BODY = 7, 8  # their places in a row of NODE_COLUMNS
_REPORT_COLUMNS = ("id, title, source, imported_at, warnings,"
                   " (SELECT count(*) FROM nodes WHERE nodes.report_id = reports.id) AS node_count")
_TRAILING = ".、．。 "  # punctuation printed after a number, not part of it
MIN_ID_PREFIX = 8  # shorter prefixes of a UUID are too likely to be typos that match by chance


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _read_columns() -> str:
    """The node columns read back: with styles from the schema version that added them."""
    return NODE_COLUMNS + ", styles" if migrations.has_step(add_node_styles) else NODE_COLUMNS


def _node(row: dict[str, Any]) -> Node:
    """A node read back; styles that do not fit its body (a damaged file) are left off, the text kept."""
    try:
        styles = styles_from_json(row.get("styles"), len(row["body"]))
    except StylesError:
        styles = ()
    return build(Node, row, styles=styles)


def _report_info(row: dict[str, Any]) -> ReportInfo:
    return build(ReportInfo, row, warnings=tuple(json.loads(row["warnings"] or "[]")))


def _indexed(rows: Iterator[tuple], texts: list[tuple[str, ...]]) -> Iterator[tuple]:
    """``rows`` of nodes passed on, their title and body kept in ``texts`` for the search index."""
    for row in rows:
        texts.append((row[TITLE], row[BODY]))
        yield row


def _node_rows(rid: str, report: ParsedReport, styled: list[tuple[str | None, str]] | None = None,
               normalise: bool = True) -> Iterator[tuple]:
    """Rows for ``nodes`` in outline pre-order, each with its parent, sibling position and seq.

    ``styled`` gathers (styles as JSON, node id) of the nodes with styles. Text in NFC, like the report id: the same report in another Unicode composition must
    give the same node ids and the same offsets into the bodies. Without ``normalise``
    the caller vouches that titles, paths and bodies are NFC already.

    A generator, so a failure while building a row (a repeated path, say) happens
    mid-insert and exercises the same rollback as any other failure.
    """
    stack: list[tuple[ParsedNode, str | None, int]] = [
        (node, None, pos) for pos, node in reversed(list(enumerate(report.nodes)))]
    seen: set[str] = set()
    id_of = node_ids(rid)
    seq = 0
    while stack:
        node, parent, position = stack.pop()
        path, title, body = node.path, node.title, node.body
        styles = node.styles
        if normalise:
            path, title, body = _nfc(path), _nfc(title), _nfc(body)
            if styles and body != node.body:
                styles = list(remapped(styles, node.body, body))
        if path in seen:
            raise ValueError(f"the outline has two entries at {path}; paths must be unique")
        seen.add(path)
        nid = id_of(path, title)
        if styles and styled is not None:
            styled.append((styles_to_json(tidy(styles, len(body))), nid))
        yield (nid, rid, parent, position, node.level, _nfc(node.number), path, title, body, seq)
        seq += 1
        children = node.children
        if children:
            stack.extend([(children[pos], nid, pos) for pos in range(len(children) - 1, -1, -1)])


class ReportsMixin(StoreBase):
    """Imported reports and their outline nodes."""

    def add_report(self, report: ParsedReport) -> tuple[ReportInfo, bool]:
        """Store a parsed report and its outline in one transaction; (info, created).

        The ids are derived from the content, so importing the same report again changes
        nothing and returns ``created=False``.
        """
        # Text that is NFC as a whole is NFC in every field: then the ~27,000 titles,
        # paths and bodies of a large report need no normalising one by one.
        rid, already_nfc = report_identity(report)
        with self.transaction():
            if self._one("SELECT 1 FROM reports WHERE id = ?", (rid,)) is not None:
                created = False
            else:
                self._exec(
                    "INSERT INTO reports (id, title, source, imported_at, warnings) VALUES (?, ?, ?, ?, ?)",
                    (rid, _nfc(report.title), report.source, now(),
                     json.dumps(list(report.warnings), ensure_ascii=False)))
                styled: list[tuple[str | None, str]] = []
                with bulk_insert_into(self.db.conn, "nodes", "report_id = ?", (rid,)) as batch:
                    self.db.conn.executemany(
                        f"INSERT INTO nodes ({NODE_COLUMNS}, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        _indexed(_node_rows(rid, report, styled, normalise=not already_nfc), batch.texts))
                if styled:  # a text report has none: its import writes what it always did
                    self.db.conn.executemany("UPDATE nodes SET styles = ? WHERE id = ?", styled)
                self._add_node_pages(rid, report)
                created = True
        return self.report(rid), created

    def _add_node_pages(self, rid: str, report: ParsedReport) -> None:
        """Where each node starts in a paged original; a report without pages writes nothing."""
        paged = [(node.path, node.title, node.page) for node in report.walk() if node.page]
        if not paged:
            return
        id_of = node_ids(rid)
        self.db.conn.executemany("INSERT INTO node_pages (node_id, page) VALUES (?, ?)",
                                 [(id_of(_nfc(path), _nfc(title)), page) for path, title, page in paged])

    def node_pages(self, report_id: str) -> dict[str, int]:
        """Node id -> the 1-based page of the original it starts on; empty for a report without pages."""
        rows = self._all("SELECT p.node_id, p.page FROM node_pages p JOIN nodes n ON n.id = p.node_id"
                         " WHERE n.report_id = ?", (report_id,))
        return {node_id: page for node_id, page in rows}

    def node_page(self, node_id: str) -> int | None:
        """The page of the original a node starts on, or None (a report without pages)."""
        row = self._one("SELECT page FROM node_pages WHERE node_id = ?", (node_id,))
        return int(row[0]) if row is not None else None

    def reports(self) -> list[ReportInfo]:
        """Every imported report, oldest first; of a report with editions, only the current one."""
        rows = self._named_all(f"SELECT {_REPORT_COLUMNS} FROM reports WHERE id NOT IN"
                         " (SELECT previous_id FROM report_editions) ORDER BY imported_at, title, id")
        return [_report_info(row) for row in rows]

    def report(self, report_id: str | None = None) -> ReportInfo:
        """A report by id (or unique id prefix); with None, the only report there is."""
        if report_id is None:
            infos = self.reports()
            if not infos:
                raise NotFoundError("no report imported yet")
            if len(infos) > 1:
                choices = "; ".join(f"{info.id} {info.title}" for info in infos)
                raise NotFoundError(
                    f"{len(infos)} reports in the database; choose one with --report: {choices}")
            return infos[0]
        ref = report_id.strip().lower()
        row = self._named_one(f"SELECT {_REPORT_COLUMNS} FROM reports WHERE id = ?", (ref,))
        if row is None and len(ref) >= MIN_ID_PREFIX:
            rows = self._named_all(f"SELECT {_REPORT_COLUMNS} FROM reports WHERE substr(id, 1, ?) = ?",
                                   (len(ref), ref))
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            raise NotFoundError(f"no report with id {report_id}")
        return _report_info(row)

    def nodes(self, report_id: str) -> list[Node]:
        """The report's outline in pre-order (chapter, its sections, their points, next chapter)."""
        self._require_report(report_id)
        rows = self._named_all(f"SELECT {_read_columns()} FROM nodes WHERE report_id = ? ORDER BY seq",
                               (report_id,))
        return [_node(row) for row in rows]

    def node(self, node_id: str) -> Node:
        """One node by id; NotFoundError if unknown."""
        row = self._named_one(f"SELECT {_read_columns()} FROM nodes WHERE id = ?", (node_id,))
        if row is None:
            raise NotFoundError(f"no node with id {node_id}")
        return _node(row)

    def find_node(self, report_id: str, ref: str) -> Node:
        """The node a person named: a path ("1.1"), a printed number ("一"), an id or id prefix."""
        self._require_report(report_id)
        text = _nfc(ref.strip())
        if not text:
            raise NotFoundError("no node given; name one by path (like 1.1) or id")
        select = f"SELECT {_read_columns()} FROM nodes WHERE report_id = ? AND "
        # People type "1.1." or "一、" as printed; the trailing punctuation is not part of the path.
        bare = text.rstrip(_TRAILING)
        candidates = (("path = ?", text), ("path = ?", bare), ("number = ?", text),
                      (f"rtrim(number, '{_TRAILING}') = ?", bare))
        for condition, value in candidates:
            rows = self._named_all(select + condition + " ORDER BY seq", (report_id, value))
            if len(rows) == 1:
                return _node(rows[0])
            if len(rows) > 1:
                paths = ", ".join(row["path"] for row in rows)
                raise NotFoundError(f"{ref!r} names several nodes ({paths}); use a path or an id")
        rows = self._named_all(select + "id = ?", (report_id, text.lower()))
        if not rows and len(text) >= MIN_ID_PREFIX:
            rows = self._named_all(select + "substr(id, 1, ?) = ?", (report_id, len(text), text.lower()))
        if len(rows) == 1:
            return _node(rows[0])
        if len(rows) > 1:
            raise NotFoundError(f"{ref!r} is the start of {len(rows)} node ids; give more of the id")
        raise NotFoundError(f"no node {ref!r} in this report; use a path like 1.1, a number or a node id")
