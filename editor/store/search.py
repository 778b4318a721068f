"""Full-text search over titles, bodies, notes and highlight comments (Chinese included).

Simplified and Traditional are one language here: the indexes hold text folded to
Simplified characters (migrations/script_folding.py) and every query is folded the same
way, so 移动支付 finds 移動支付. Hits show the text as written.

Three or more characters go through the FTS5 trigram indexes. The trigram tokenizer
cannot see shorter strings, yet two-character words are the norm in Chinese (風險,
移動), so those fall back to a substring scan, which is still only milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.annotations import SearchHit
from editor.core.conversion import find, fold, query_variants

from .base import StoreBase

MIN_FTS_CHARS = 3  # the trigram tokenizer indexes runs of three characters
SNIPPET_CHARS = 60
_FIELD_ORDER = {"title": 0, "body": 1, "note": 2, "comment": 3}


@dataclass(frozen=True)
class _Source:
    """One searchable text column, in a table aliased ``c`` (annotations) or ``n`` (nodes)."""

    field: str
    fts: str  # the FTS5 table indexing the column
    table: str  # the table with its alias
    column: str  # the column, qualified with the alias
    live: str  # condition for rows that count

    @property
    def with_node(self) -> str:
        """FROM clause reaching the node and its report. CROSS JOIN fixes the join order:
        matching rows first, then their node — left to itself the planner may walk every
        node of the report and probe the annotations per node, ~500x slower (measured)."""
        joins = "" if self.table == "nodes n" else " CROSS JOIN nodes n ON n.id = c.node_id"
        return f"{self.table}{joins} CROSS JOIN reports r ON r.id = n.report_id"


# The unary + keeps the planner off the partial "…_live" indexes here: walking one and
# fetching every row it names is 2-3x slower than reading the table straight through.
_SOURCES = (
    _Source("title", "nodes_fts", "nodes n", "n.title", "1"),
    _Source("body", "nodes_fts", "nodes n", "n.body", "1"),
    _Source("note", "notes_fts", "notes c", "c.text", "+c.deleted_at IS NULL"),
    _Source("comment", "highlights_fts", "highlights c", "c.comment_text", "+c.deleted_at IS NULL"),
)


def fts_phrase(query: str) -> str:
    """``query`` as one quoted FTS5 phrase (any quotes inside doubled), matched as a substring."""
    return '"' + query.replace('"', '""') + '"'


def _normalise(query: str) -> str:
    return " ".join(query.split())


def snippet(text: str, query: str, width: int = SNIPPET_CHARS) -> str:
    """About ``width`` characters of ``text`` around the first match of ``query``, on one line."""
    return snippet_with_match(text, query, width)[0]


def snippet_with_match(text: str, query: str, width: int = SNIPPET_CHARS) -> tuple[str, tuple[int, int] | None]:
    """The snippet (see ``snippet``) and where in it the match is, in the text as written."""
    flat = " ".join(text.split())
    span = find(flat, query)
    start = 0
    if span is not None:
        start = max(0, span[0] - max(0, width - (span[1] - span[0])) // 2)
    end = min(len(flat), start + width)
    start = max(0, min(start, end - width))
    lead = "…" if start > 0 else ""
    shown = lead + flat[start:end] + ("…" if end < len(flat) else "")
    if span is None or span[0] < start:
        return shown, None
    offset = len(lead) - start
    return shown, (span[0] + offset, min(span[1], end) + offset)


class SearchMixin(StoreBase):
    """Search for the find bar and the outline filter."""

    def _text_condition(self, source: _Source, query: str) -> tuple[str, tuple[str, ...]]:
        """SQL condition (content row alias c or n) and its parameter for "column contains query"."""
        alias = source.column.split(".")[0]
        if len(query) >= MIN_FTS_CHARS:
            # Column filter, so a body hit is not reported as a title hit.
            bare = source.column.split(".")[1]
            return (f"{alias}.rowid IN (SELECT rowid FROM {source.fts} WHERE {source.fts} MATCH ?)",
                    (f"{bare} : {fts_phrase(fold(query))}",))
        # Too short for the index: scan the text as written for the query in each script,
        # which costs a few substring tests per row instead of folding every row.
        column = f"lower({source.column})" if query.lower() != query.upper() else source.column
        variants = query_variants(query.lower())
        return " OR ".join(f"instr({column}, ?) > 0" for _ in variants).join("()"), variants

    def search(self, query: str, report_id: str | None = None, limit: int = 200) -> list[SearchHit]:
        """Hits for ``query`` in titles, bodies, notes and comments, in outline order."""
        query = _normalise(query)
        if not query or limit <= 0:
            return []
        found: list[tuple[tuple, SearchHit]] = []
        seen: set[tuple[str, str, str]] = set()
        for source in _SOURCES:
            condition, param = self._text_condition(source, query)
            sql = (f"SELECT n.id, n.path, n.title, {source.column}, r.imported_at, r.id, n.seq"
                   f" FROM {source.with_node} WHERE {condition} AND {source.live}")
            params: list = [*param]
            if report_id is not None:
                sql += " AND n.report_id = ?"
                params.append(report_id)
            # Each source gives its first `limit` rows in the final order; merged below.
            sql += " ORDER BY r.imported_at, r.id, n.seq LIMIT ?"
            params.append(limit)
            for node_id, path, title, text, imported_at, rid, seq in self._all(sql, params):
                shown, match = snippet_with_match(text, query)
                hit = SearchHit(node_id, path, title, source.field, shown, match)
                key = (node_id, source.field, hit.snippet)
                if key not in seen:  # two analysts' identical notes are one hit
                    seen.add(key)
                    found.append(((imported_at, rid, seq, _FIELD_ORDER[source.field]), hit))
        found.sort(key=lambda item: item[0])
        return [hit for _key, hit in found[:limit]]

    def matching_node_ids(self, query: str, report_id: str, author_id: str | None = None) -> set[str]:
        """Ids of the report's nodes whose title, body, notes or comments contain ``query``.

        With ``author_id`` only that analyst's notes and comments count (colleagues' work
        hidden). Titles and bodies are scanned in the cached outline (see outline.py);
        notes and comments change all the time and are searched in the database.
        """
        query = _normalise(query)
        if not query:
            return set()
        outline = self._outline(report_id)
        ids = outline.matching(query)
        for source in _SOURCES:
            if source.table == "nodes n":
                continue
            condition, param = self._text_condition(source, query)
            sql = f"SELECT c.node_id FROM {source.table} WHERE {condition} AND {source.live}"
            params: tuple = tuple(param)
            if author_id is not None:
                sql += " AND c.author_id = ?"
                params += (author_id,)
            rows = self._all(sql, params)
            # Annotation rows of other reports are dropped here rather than by a join.
            ids.update(node_id for (node_id,) in rows if node_id in outline.id_set)
        return ids
