"""Highlights: spans of a node's text (code-point offsets) with colour, comment and tags.

The text is the body, or the title of a node without body (``anchor_text``).
"""

from __future__ import annotations

import re
import unicodedata
import uuid

from editor.core.annotations import Highlight
from editor.core.errors import NotFoundError
from editor.core.richtext import html_to_text, sanitize_html
from editor.core.anchoring import anchor_text, quote_context
from editor.core.colors import DEFAULT_HIGHLIGHT_COLOR

from .base import StoreBase, build
from .ids import clean_color
from .stamps import next_stamp, now

_HIGHLIGHT_COLUMNS = ('h.id, h.node_id, h.author_id, h.start, h."end", h.exact, h.prefix, h.suffix,'
                      " h.color, h.comment_html, h.comment_text, h.created_at, h.updated_at")


def _check_span(start: int, end: int, body: str, path: str) -> None:
    for value in (start, end):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"highlight offsets are whole numbers, not {value!r}")
    if not 0 <= start < end <= len(body):
        raise ValueError(f"highlight {start}..{end} does not fit the text of {path} "
                         f"({len(body)} characters); it needs 0 <= start < end <= {len(body)}")


class HighlightsMixin(StoreBase):
    """Highlights on node bodies."""

    def add_highlight(self, node_id: str, author_id: str, start: int, end: int, *,
                      color: str = DEFAULT_HIGHLIGHT_COLOR, comment_html: str = "",
                      highlight_id: str | None = None) -> Highlight:
        """Highlight ``text[start:end]`` of a node's body, or title if it has none (code points, like str indices).

        Passing the id of an existing highlight on the same node (redo, re-import) revives
        it with these values instead of creating a second one.
        """
        color = clean_color(color)
        comment_html = sanitize_html(comment_html)
        comment_text = html_to_text(comment_html)
        with self.transaction():
            path, title, body = self._require_editable_node(node_id)
            body = anchor_text(title, body)
            self._require_author(author_id)
            _check_span(start, end, body, path)
            exact, prefix, suffix = quote_context(body, start, end)
            hid = highlight_id or str(uuid.uuid4())
            row = self._one("SELECT node_id, created_at, updated_at FROM highlights WHERE id = ?", (hid,))
            values = (author_id, start, end, exact, prefix, suffix, color, comment_html, comment_text)
            if row is None:
                stamp = now()
                created_at = stamp
                self._exec('INSERT INTO highlights (id, node_id, author_id, start, "end", exact, prefix,'
                           " suffix, color, comment_html, comment_text, created_at, updated_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (hid, node_id, *values, stamp, stamp))
            else:
                if row[0] != node_id:
                    raise ValueError(f"highlight {hid} belongs to another node")
                created_at, stamp = row[1], next_stamp(row[2])
                self._exec('UPDATE highlights SET author_id = ?, start = ?, "end" = ?, exact = ?, prefix = ?,'
                           " suffix = ?, color = ?, comment_html = ?, comment_text = ?, deleted_at = NULL,"
                           " updated_at = ? WHERE id = ?", (*values, stamp, hid))
        return Highlight(hid, node_id, *values, created_at, stamp)

    def find_quote(self, node_id: str, quote: str) -> tuple[int, int]:
        """Where ``quote`` is in the node's body (its title if it has none), as (start, end) code points.

        The exact text first; then ignoring letter case and differences in white space
        (a quote copied from a PDF gains line breaks the body does not have).
        """
        path, title, body = self._require_node(node_id)
        body = anchor_text(title, body)
        wanted = unicodedata.normalize("NFC", quote)
        if not wanted.strip():
            raise ValueError("the quote to highlight is empty")
        start = body.find(wanted)
        if start >= 0:
            return start, start + len(wanted)
        # Any white space may appear (or vanish) between any two characters of the quote.
        pattern = r"\s*".join(re.escape(ch) for ch in "".join(wanted.split()))
        match = re.search(pattern, body, re.IGNORECASE)
        if match:
            return match.start(), match.end()
        shown = wanted if len(wanted) <= 40 else wanted[:39] + "…"
        raise NotFoundError(f"the quote {shown!r} is not in the text of {path} {title}")

    def update_highlight(self, highlight_id: str, *, color: str | None = None,
                         comment_html: str | None = None) -> Highlight:
        """Change a live highlight's colour and/or comment."""
        new_color = clean_color(color) if color is not None else None
        new_html = sanitize_html(comment_html) if comment_html is not None else None
        with self.transaction():
            current = self.highlight(highlight_id)
            color_value = new_color if new_color is not None else current.color
            html_value = new_html if new_html is not None else current.comment_html
            if (color_value, html_value) == (current.color, current.comment_html):
                return current
            stamp = next_stamp(current.updated_at)
            text_value = html_to_text(html_value)
            self._exec("UPDATE highlights SET color = ?, comment_html = ?, comment_text = ?, updated_at = ?"
                       " WHERE id = ?", (color_value, html_value, text_value, stamp, highlight_id))
        return self.highlight(highlight_id)

    def delete_highlight(self, highlight_id: str) -> None:
        """Remove a highlight (a tombstone, so undo and merge can bring it back)."""
        with self.transaction():
            row = self._one("SELECT updated_at, deleted_at FROM highlights WHERE id = ?", (highlight_id,))
            if row is None:
                raise NotFoundError(f"no highlight with id {highlight_id}")
            if row[1] is None:
                stamp = next_stamp(row[0])
                self._exec("UPDATE highlights SET deleted_at = ?, updated_at = ? WHERE id = ?",
                           (stamp, stamp, highlight_id))

    def restore_highlight(self, highlight_id: str) -> Highlight:
        """Bring back a deleted highlight (undo of delete)."""
        with self.transaction():
            row = self._one("SELECT updated_at, deleted_at FROM highlights WHERE id = ?", (highlight_id,))
            if row is None:
                raise NotFoundError(f"no highlight with id {highlight_id}")
            if row[1] is not None:
                self._exec("UPDATE highlights SET deleted_at = NULL, updated_at = ? WHERE id = ?",
                           (next_stamp(row[0]), highlight_id))
        return self.highlight(highlight_id)

    def highlight(self, highlight_id: str) -> Highlight:
        """One live highlight; NotFoundError if unknown or deleted."""
        row = self._named_one(f"SELECT {_HIGHLIGHT_COLUMNS}, h.deleted_at FROM highlights h WHERE h.id = ?",
                              (highlight_id,))
        if row is None:
            raise NotFoundError(f"no highlight with id {highlight_id}")
        if row["deleted_at"] is not None:
            raise NotFoundError(f"highlight {highlight_id} was deleted")
        return build(Highlight, row)

    def highlights(self, node_id: str | None = None, *, report_id: str | None = None) -> list[Highlight]:
        """Live highlights on one node and/or one report, in reading order."""
        sql = (f"SELECT {_HIGHLIGHT_COLUMNS} FROM highlights h JOIN nodes n ON n.id = h.node_id"
               " WHERE h.deleted_at IS NULL")
        params: list = []
        if node_id is not None:
            sql += " AND h.node_id = ?"
            params.append(node_id)
        if report_id is not None:
            sql += " AND n.report_id = ?"
            params.append(report_id)
        rows = self._named_all(sql + ' ORDER BY n.report_id, n.seq, h.start, h."end", h.created_at', params)
        return [build(Highlight, row) for row in rows]
