"""A report's editions: the history linking them, and carrying annotations from one into the next.

An edition is a report of its own. Carrying copies each live annotation of the older
edition onto the node its node became (ids derived from the old row and the new
edition, timestamps kept, so two analysts who carry the same edition get the same
rows and merging them adds nothing). Highlights go through ``editor.core.editions``;
those it cannot place are recorded as orphans. The older edition is never written:
its text and annotations stay exactly as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.core.anchoring import quote_context
from editor.core.annotations import Highlight, Node, ReportInfo
from editor.core.editions import (ORPHAN, EditionError, EditionSummary, NodeMatch, Orphan, Placement, Quote,
                                  place_quotes)
from editor.core.errors import NotFoundError
from editor.core.report import uuid5_str

from .base import StoreBase, build
from .highlights import _HIGHLIGHT_COLUMNS
from .ids import note_id
from .stamps import now


@dataclass(frozen=True)
class EditionInfo:
    """One edition in a report's history: its number, the report row, and what it revised."""

    edition: int
    report: ReportInfo
    previous_id: str | None
    current: bool


def carried_highlight_id(old_highlight_id: str, report_id: str) -> str:
    """The id of a highlight's copy in a later edition: the same on every analyst's machine."""
    return uuid5_str(f"carried\x1f{old_highlight_id}\x1f{report_id}")


class EditionsMixin(StoreBase):
    """Editions of a report and the annotations carried between them."""

    # -- history ------------------------------------------------------------------------------

    if TYPE_CHECKING:  # provided by ReportsMixin in the combined Store
        def report(self, report_id: str | None = None) -> ReportInfo: ...
        def nodes(self, report_id: str) -> list[Node]: ...

    def _previous(self, report_id: str) -> tuple[str, int] | None:
        row = self._one("SELECT previous_id, edition FROM report_editions WHERE report_id = ?", (report_id,))
        return (row[0], row[1]) if row else None

    def _next(self, report_id: str) -> str | None:
        row = self._one("SELECT report_id FROM report_editions WHERE previous_id = ?", (report_id,))
        return row[0] if row else None

    def is_superseded(self, report_id: str) -> bool:
        """Whether a newer edition revises this report (then it is read-only)."""
        return self._next(report_id) is not None

    def editions(self, report_id: str) -> list[EditionInfo]:
        """Every edition of the report ``report_id`` belongs to, first edition first."""
        self._require_report(report_id)
        first = report_id
        while (prev := self._previous(first)) is not None:
            first = prev[0]
        out: list[EditionInfo] = []
        rid: str | None = first
        number, previous = 1, None
        while rid is not None:
            following = self._next(rid)
            out.append(EditionInfo(number, self.report(rid), previous, following is None))
            previous, rid, number = rid, following, number + 1
        return out

    def current_edition(self, report_id: str) -> ReportInfo:
        """The newest edition of the report ``report_id`` belongs to."""
        return self.editions(report_id)[-1].report

    def edition(self, report_id: str, number: int | None = None) -> ReportInfo:
        """Edition ``number`` (1 = the first) of a report; None: the current one."""
        history = self.editions(report_id)
        if number is None:
            return history[-1].report
        if not 1 <= number <= len(history):
            raise NotFoundError(f"report {history[-1].report.title} has editions 1 to {len(history)}, not {number}")
        return history[number - 1].report

    # -- carrying -----------------------------------------------------------------------------

    def carry_into_edition(self, old_id: str, new_id: str, matches: list[NodeMatch]) -> EditionSummary:
        """Link ``new_id`` as the edition after ``old_id`` and carry every annotation across (one transaction)."""
        with self.transaction():
            self._require_report(old_id)
            self._require_report(new_id)
            if old_id == new_id:
                raise EditionError("this file is the edition already in the database; nothing to carry")
            if self.is_superseded(old_id):
                raise EditionError(f"report {old_id} already has a newer edition; revise the current one")
            if self._previous(new_id) is not None or self._next(new_id) is not None:
                raise EditionError(f"report {new_id} is already part of another report's history")
            edition = len(self.editions(old_id)) + 1
            self._exec("INSERT INTO report_editions (report_id, previous_id, edition, created_at)"
                       " VALUES (?, ?, ?, ?)", (new_id, old_id, edition, now()))
            self.db.conn.executemany(
                "INSERT INTO node_matches (old_node_id, report_id, new_node_id, method, score) VALUES (?, ?, ?, ?, ?)",
                [(m.old_id, new_id, m.new_id, m.method, m.score) for m in matches])
            summary = EditionSummary(old_id, new_id, edition)
            matched = {m.new_id for m in matches if m.new_id}
            summary.nodes_matched = len(matched)
            summary.nodes_removed = sum(1 for m in matches if m.new_id is None)
            new_count = self._scalar("SELECT count(*) FROM nodes WHERE report_id = ?", (new_id,))
            summary.nodes_new = new_count - len(matched)
            self._carry(old_id, new_id, summary)
        return summary

    def carry_pending(self) -> list[EditionSummary]:
        """Carry annotations that reached older editions since (a merge) into every later edition."""
        links = self._all("SELECT previous_id, report_id, edition FROM report_editions ORDER BY edition")
        out = []
        with self.transaction():
            for old_id, new_id, edition in links:
                summary = EditionSummary(old_id, new_id, edition)
                self._carry(old_id, new_id, summary)
                out.append(summary)
        return out

    def _carry(self, old_id: str, new_id: str, summary: EditionSummary) -> None:
        """Copy what the older edition has and the newer lacks (or holds in an older version)."""
        conn = self.db.conn
        # The node pairs, as a table for the set-based copies below.
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS carry_nodes (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL)")
        conn.execute("DELETE FROM temp.carry_nodes")
        conn.execute("INSERT INTO temp.carry_nodes SELECT old_node_id, new_node_id FROM node_matches"
                     " WHERE report_id = ? AND new_node_id IS NOT NULL", (new_id,))
        # Last writer wins, as in a merge: a copy is replaced only by a newer version of its original.
        cursor = conn.execute(
            "INSERT INTO ratings (node_id, dimension_id, author_id, value, created_at, updated_at)"
            " SELECT m.new_id, r.dimension_id, r.author_id, r.value, r.created_at, r.updated_at"
            " FROM ratings r JOIN temp.carry_nodes m ON m.old_id = r.node_id WHERE r.deleted_at IS NULL"
            " ON CONFLICT (node_id, dimension_id, author_id) DO UPDATE SET value = excluded.value,"
            " deleted_at = NULL, updated_at = excluded.updated_at WHERE excluded.updated_at > ratings.updated_at")
        summary.ratings += max(0, cursor.rowcount)
        cursor = conn.execute(
            "INSERT INTO node_tags (node_id, tag_id, author_id, created_at, updated_at)"
            " SELECT m.new_id, t.tag_id, t.author_id, t.created_at, t.updated_at"
            " FROM node_tags t JOIN temp.carry_nodes m ON m.old_id = t.node_id WHERE t.deleted_at IS NULL"
            " ON CONFLICT (node_id, tag_id, author_id) DO UPDATE SET deleted_at = NULL,"
            " updated_at = excluded.updated_at WHERE excluded.updated_at > node_tags.updated_at")
        summary.tags += max(0, cursor.rowcount)
        notes = self._all("SELECT m.new_id, n.author_id, n.html, n.text, n.created_at, n.updated_at"
                          " FROM notes n JOIN temp.carry_nodes m ON m.old_id = n.node_id WHERE n.deleted_at IS NULL")
        cursor = conn.executemany(
            "INSERT INTO notes (id, node_id, author_id, html, text, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (node_id, author_id) DO UPDATE SET html = excluded.html,"
            " text = excluded.text, deleted_at = NULL, updated_at = excluded.updated_at"
            " WHERE excluded.updated_at > notes.updated_at",
            [(note_id(node, author), node, author, html, text, created, updated)
             for node, author, html, text, created, updated in notes])
        summary.notes += max(0, cursor.rowcount)
        self._carry_highlights(old_id, new_id, summary)

    def _carry_highlights(self, old_id: str, new_id: str, summary: EditionSummary) -> None:
        rows = self._named_all(
            f"SELECT {_HIGHLIGHT_COLUMNS} FROM highlights h JOIN nodes n ON n.id = h.node_id"
            " WHERE n.report_id = ? AND h.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM highlight_carries c"
            " WHERE c.old_highlight_id = h.id AND c.report_id = ?) ORDER BY n.seq, h.start", (old_id, new_id))
        if not rows:
            return
        old = [build(Highlight, row) for row in rows]
        matches = dict(self._all("SELECT old_node_id, new_node_id FROM node_matches WHERE report_id = ?", (new_id,)))
        new_nodes = self.nodes(new_id)
        bodies = {n.id: n.anchor_text for n in new_nodes}
        titled = {nid for (nid,) in self._all("SELECT id FROM nodes WHERE report_id = ? AND body = ''", (old_id,))}
        quotes = [Quote(h.id, h.node_id, h.exact, h.prefix, h.suffix, h.start, h.node_id in titled) for h in old]
        old_bodies = {m: b for m, b in self._all(
            "SELECT m.new_node_id, CASE WHEN n.body <> '' THEN n.body ELSE n.title END"
            " FROM node_matches m JOIN nodes n ON n.id = m.old_node_id"
            " WHERE m.report_id = ? AND m.new_node_id IS NOT NULL", (new_id,))}
        old_text = "\x00".join(b for (b,) in self._all(
            "SELECT body FROM nodes WHERE report_id = ? AND body <> '' ORDER BY seq", (old_id,)))
        placements = place_quotes(quotes, matches, new_nodes, old_bodies, old_text)
        summary.count(placements)
        stamp = now()
        highlight_rows: list[tuple] = []
        carry_rows: list[tuple[str, str, str | None, str, float, str]] = []
        placed_pairs: list[tuple[str, str]] = []
        for h, p in zip(old, placements, strict=True):
            if p.method == ORPHAN or p.node_id is None:
                carry_rows.append((h.id, new_id, None, ORPHAN, p.score, stamp))
                continue
            hid = carried_highlight_id(h.id, new_id)
            body = bodies[p.node_id]
            highlight_rows.append((hid, p.node_id, h.author_id, p.start, p.end, *quote_context(body, p.start, p.end),
                                   h.color, h.comment_html, h.comment_text, h.created_at, h.updated_at))
            carry_rows.append((h.id, new_id, hid, p.method, p.score, stamp))
            placed_pairs.append((h.id, hid))
        conn = self.db.conn
        conn.executemany(
            'INSERT INTO highlights (id, node_id, author_id, start, "end", exact, prefix, suffix, color,'
            " comment_html, comment_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO NOTHING", highlight_rows)
        conn.executemany("INSERT INTO highlight_carries (old_highlight_id, report_id, highlight_id, placement, score,"
                         " created_at) VALUES (?, ?, ?, ?, ?, ?)", carry_rows)
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS carry_highlights (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL)")
        conn.execute("DELETE FROM temp.carry_highlights")
        conn.executemany("INSERT INTO temp.carry_highlights VALUES (?, ?)", placed_pairs)
        cursor = conn.execute(
            "INSERT INTO highlight_tags (highlight_id, tag_id, author_id, created_at, updated_at)"
            " SELECT m.new_id, t.tag_id, t.author_id, t.created_at, t.updated_at FROM highlight_tags t"
            " JOIN temp.carry_highlights m ON m.old_id = t.highlight_id WHERE t.deleted_at IS NULL"
            " ON CONFLICT DO NOTHING")
        summary.tags += max(0, cursor.rowcount)

    def placements(self, report_id: str) -> list[Placement]:
        """How each highlight of the previous edition was carried into ``report_id``."""
        rows = self._named_all(
            "SELECT c.old_highlight_id AS quote_id, h.node_id, coalesce(h.start, 0) AS start,"
            " coalesce(h.\"end\", 0) AS \"end\", c.placement AS method, c.score"
            " FROM highlight_carries c LEFT JOIN highlights h ON h.id = c.highlight_id"
            " WHERE c.report_id = ? ORDER BY c.old_highlight_id", (report_id,))
        return [build(Placement, row) for row in rows]

    def node_matches(self, report_id: str) -> list[NodeMatch]:
        """Each node of the previous edition and the node of ``report_id`` it became."""
        rows = self._named_all("SELECT old_node_id AS old_id, new_node_id AS new_id, method, score"
                               " FROM node_matches WHERE report_id = ?", (report_id,))
        return [build(NodeMatch, row) for row in rows]

    # -- orphans ------------------------------------------------------------------------------

    def orphans(self, report_id: str, *, include_resolved: bool = False) -> list[Orphan]:
        """Highlights of the previous edition that could not be placed in ``report_id``, in old reading order."""
        self._require_report(report_id)
        rows = self._all(
            "SELECT h.id, h.author_id, a.name, n.id, n.path, n.number, n.title,"
            " CASE WHEN n.body <> '' THEN n.body ELSE n.title END, h.start, h.\"end\", h.exact,"
            " h.prefix, h.suffix, h.color, h.comment_html, h.comment_text, c.resolution, c.highlight_id"
            " FROM highlight_carries c JOIN highlights h ON h.id = c.old_highlight_id"
            " JOIN nodes n ON n.id = h.node_id JOIN authors a ON a.id = h.author_id"
            " WHERE c.report_id = ? AND c.placement = 'orphan'"
            + ("" if include_resolved else " AND c.resolution IS NULL") + " ORDER BY n.seq, h.start",
            (report_id,))
        return [Orphan(report_id, *row) for row in rows]

    def orphan(self, report_id: str, old_highlight_id: str) -> Orphan:
        """One orphan (resolved or not); NotFoundError if the highlight was not orphaned there."""
        for item in self.orphans(report_id, include_resolved=True):
            if item.old_highlight_id == old_highlight_id:
                return item
        raise NotFoundError(f"highlight {old_highlight_id} is not an orphan of report {report_id}")

    def set_orphan_resolution(self, report_id: str, old_highlight_id: str, resolution: str | None,
                              highlight_id: str | None = None) -> None:
        """Mark an orphan re-attached (to ``highlight_id``) or discarded; None opens it again."""
        if resolution not in (None, "reattached", "discarded"):
            raise ValueError(f"unknown orphan resolution {resolution!r}")
        with self.transaction():
            cursor = self._exec(
                "UPDATE highlight_carries SET resolution = ?, resolved_at = ?, highlight_id = ?"
                " WHERE old_highlight_id = ? AND report_id = ? AND placement = 'orphan'",
                (resolution, now() if resolution else None, highlight_id, old_highlight_id, report_id))
            if cursor.rowcount != 1:
                raise NotFoundError(f"highlight {old_highlight_id} is not an orphan of report {report_id}")
