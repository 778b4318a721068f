"""Gather one report and its annotations into plain values that every export format writes.

:func:`collect_export` reads the store report-wide (a handful of calls, never one query
per node), applies the :class:`ExportOptions` filters and returns an
:class:`ExportDocument`: the nodes in outline order, each with its tags, ratings,
notes and highlights. The exporters (JSON, CSV, Markdown, W3C, REFI-QDA, PDF) only
format what is here, so they all agree on what "annotated", "tagged" and "mine" mean.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from editor.core.annotations import (
    Author, Dimension, Highlight, Node, NodeTag, Note, Rating, ReportInfo, Tag,
)
from editor.core.conversion import Script, convert, fold
from editor.core.errors import NotFoundError
from editor.core.matrix import MatrixData

from .options import ExportOptions

if TYPE_CHECKING:
    from editor.store import Store


@dataclass(frozen=True)
class HighlightEntry:
    """A highlight with the tags analysts put on it."""

    highlight: Highlight
    tags: tuple[Tag, ...]


@dataclass(frozen=True)
class NodeEntry:
    """One node of the export with its (filtered) annotations.

    ``context_only`` marks an ancestor kept only so that the tree stays whole: it did
    not pass the filters itself and carries no annotations in the export.
    """

    node: Node
    context_only: bool
    tags: tuple[NodeTag, ...]
    ratings: tuple[Rating, ...]
    notes: tuple[Note, ...]
    highlights: tuple[HighlightEntry, ...]

    @property
    def annotated(self) -> bool:
        """Whether any annotation is attached to this node."""
        return bool(self.tags or self.ratings or self.notes or self.highlights)

    def tag_names(self) -> tuple[str, ...]:
        """Distinct tag names on the node (any author), by name."""
        seen: dict[str, None] = {}
        for node_tag in self.tags:  # already sorted by name
            seen.setdefault(node_tag.tag.name, None)
        return tuple(seen)

    def ratings_for(self, dimension_id: str) -> dict[str, int]:
        """The values of one dimension by author id."""
        return {r.author_id: r.value for r in self.ratings if r.dimension_id == dimension_id}


@dataclass(frozen=True)
class ExportDocument:
    """A report ready to export: info, filtered nodes in outline order, and lookups."""

    report: ReportInfo
    nodes: tuple[NodeEntry, ...]
    dimensions: tuple[Dimension, ...]
    authors: Mapping[str, Author]  # every author whose annotation is in the document, by id
    tags: tuple[Tag, ...]  # every tag used in the document, by name
    options: ExportOptions
    total_nodes: int  # nodes in the report before filtering
    matrix: MatrixData | None = None  # the trend matrix of the printed nodes (None: not wanted)
    pages: Mapping[str, int] = field(default_factory=dict)  # node id -> page of the original (PDF imports)
    # In another script (options.script): the nodes as written, by id, and the report as written.
    originals: Mapping[str, NodeEntry] = field(default_factory=dict)
    original_report: ReportInfo | None = None

    def as_written(self, entry: NodeEntry) -> NodeEntry:
        """``entry`` with the report's text and highlight offsets as written (itself when not converted)."""
        return self.originals.get(entry.node.id, entry)

    def original_page(self, node_id: str) -> int | None:
        """The page of the original document a node starts on, if the report came from a paged file."""
        return self.pages.get(node_id)

    def author_name(self, author_id: str) -> str:
        """Display name of an author (the id itself if the author row is missing)."""
        author = self.authors.get(author_id)
        return author.name if author else author_id

    def dimension(self, dimension_id: str) -> Dimension | None:
        """The dimension with this id, if it is one of the document's."""
        return next((d for d in self.dimensions if d.id == dimension_id), None)

    def kept(self) -> tuple[NodeEntry, ...]:
        """The nodes that passed the filters (without context-only ancestors)."""
        return tuple(entry for entry in self.nodes if not entry.context_only)

    def children_of(self) -> dict[str | None, list[NodeEntry]]:
        """Nodes grouped by parent id (None for chapters), each list in outline order."""
        grouped: dict[str | None, list[NodeEntry]] = defaultdict(list)
        for entry in self.nodes:
            grouped[entry.node.parent_id].append(entry)
        return dict(grouped)

    def highlight_count(self) -> int:
        """Highlights in the document."""
        return sum(len(entry.highlights) for entry in self.nodes)

    def note_count(self) -> int:
        """Notes in the document."""
        return sum(len(entry.notes) for entry in self.nodes)

    def filter_summary(self) -> str:
        """The filters in words, for a heading line ("" when the whole report is exported)."""
        options = self.options
        parts = []
        if options.annotated_only:
            parts.append("annotated nodes only")
        if options.tags:
            parts.append("tagged " + " or ".join(options.tags))
        if options.min_rating is not None and self.dimensions:
            parts.append(f"{self.dimensions[0].name} ≥ {options.min_rating}")
        if options.only_author_id is not None:
            parts.append(f"annotations by {self.author_name(options.only_author_id)} only")
        return "; ".join(parts)


def collect_export(store: Store, report_id: str, options: ExportOptions | None = None) -> ExportDocument:
    """Read the report and its live annotations from ``store`` and apply ``options``.

    Raises :class:`NotFoundError` for an unknown report, a tag filter naming no
    existing tag, or an unknown ``only_author_id``; ``ValueError`` for a
    ``min_rating`` outside the first dimension's scale.
    """
    options = options or ExportOptions()
    report = store.report(report_id)
    nodes: list[Node] = store.nodes(report.id)
    dimensions = tuple(store.dimensions())
    all_authors = {author.id: author for author in store.authors()}
    wanted_tags = _resolve_tag_filter(store.tags(), options.tags)
    _check_min_rating(dimensions, options.min_rating)
    author_filter = options.only_author_id
    if author_filter is not None and author_filter not in all_authors:
        raise NotFoundError(f"no analyst with id {author_filter} in this database")

    def mine(row) -> bool:
        return author_filter is None or row.author_id == author_filter

    # Report-wide reads, grouped by node id in Python.
    ratings = _group(r for r in store.ratings(report_id=report.id) if mine(r))
    notes = _group(n for n in store.notes(report_id=report.id) if mine(n))
    highlights = [h for h in store.highlights(report_id=report.id) if mine(h)]
    tags_of_highlight = store.report_highlight_tags(report.id)
    highlight_entries = _group(HighlightEntry(h, _by_name(tags_of_highlight.get(h.id, ()))) for h in highlights)
    node_tags = _node_tags(store, report.id, author_filter, all_authors)

    def note_order(note: Note) -> tuple:
        # Notes saved in the same millisecond (an import, a script) read by analyst name.
        return (note.created_at, _name(all_authors, note.author_id), note.id)

    rating_order = _rating_order(dimensions, all_authors)

    first_dimension = dimensions[0].id if dimensions else None
    entries: dict[str, NodeEntry] = {}
    passed: set[str] = set()
    for node in nodes:
        entry = NodeEntry(
            node=node,
            context_only=False,
            tags=tuple(node_tags.get(node.id, ())),
            ratings=tuple(sorted(ratings.get(node.id, ()), key=rating_order)),
            notes=tuple(sorted(notes.get(node.id, ()), key=note_order)),
            highlights=tuple(sorted(highlight_entries.get(node.id, ()),
                                    key=lambda e: (e.highlight.start, e.highlight.end, e.highlight.id))),
        )
        entries[node.id] = entry
        if _passes(entry, options, wanted_tags, first_dimension):
            passed.add(node.id)

    # Keep the ancestors of every kept node, so the outline stays a tree.
    parent_of = {node.id: node.parent_id for node in nodes}
    context: set[str] = set()
    for node_id in passed:
        parent = parent_of.get(node_id)
        while parent is not None and parent not in passed and parent not in context:
            context.add(parent)
            parent = parent_of.get(parent)

    kept: list[NodeEntry] = []
    for node in nodes:
        if node.id in passed:
            kept.append(entries[node.id])
        elif node.id in context:
            kept.append(NodeEntry(node=node, context_only=True, tags=(), ratings=(), notes=(), highlights=()))

    used_authors, used_tags = _used(kept)
    if author_filter is not None:
        used_authors.add(author_filter)  # named in the filter line even with nothing exported
    originals: dict[str, NodeEntry] = {}
    original_report = None
    script = Script(options.script)
    if script is not Script.ORIGINAL:
        originals = {entry.node.id: entry for entry in kept}
        kept = [in_script(entry, script) for entry in kept]
        original_report = report
        report = dataclasses.replace(report, title=convert(report.title, script).text)
    return ExportDocument(
        report=report,
        nodes=tuple(kept),
        dimensions=dimensions,
        authors=MappingProxyType({a: all_authors[a] for a in sorted(used_authors) if a in all_authors}),
        tags=tuple(sorted(used_tags.values(), key=lambda t: (t.name.casefold(), t.id))),
        options=options,
        total_nodes=len(nodes),
        matrix=_matrix(store, report.id, options, kept),
        pages=MappingProxyType(store.node_pages(report.id)),
        originals=MappingProxyType(originals),
        original_report=original_report,
    )


def in_script(entry: NodeEntry, script: Script) -> NodeEntry:
    """``entry`` with the report's text (titles, body, highlighted passages) shown in ``script``.

    Highlight offsets are moved onto the converted body, which a phrase conversion can make
    shorter or longer (記憶體 → 内存). What analysts wrote (notes, comments, tag names) stays
    as they wrote it.
    """
    node = entry.node
    title = convert(node.title, script)
    body = convert(node.body, script)
    anchor = body if node.body else title  # what highlights point into (Node.anchor_text)
    highlights = []
    for item in entry.highlights:
        h = item.highlight
        start, end = anchor.to_converted(h.start), anchor.to_converted(h.end, end=True)
        highlights.append(dataclasses.replace(item, highlight=dataclasses.replace(
            h, start=start, end=end, exact=anchor.text[start:end],
            prefix=convert(h.prefix, script).text, suffix=convert(h.suffix, script).text)))
    return dataclasses.replace(entry, node=dataclasses.replace(node, title=title.text, body=body.text),
                               highlights=tuple(highlights))


def _matrix(store, report_id: str, options: ExportOptions, kept: list[NodeEntry]) -> MatrixData | None:
    """The matrix of the nodes the export prints, by the analysts it includes."""
    if not options.include_matrix or len(store.dimensions()) < 2:
        return None
    from editor.export.matrix.data import matrix_data

    printed = {entry.node.id for entry in kept if not entry.context_only}
    authors = [options.only_author_id] if options.only_author_id else None
    return matrix_data(store, report_id, author_ids=authors, keep=printed.__contains__)


def _group(rows: Iterable) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for row in rows:
        node_id = row.highlight.node_id if isinstance(row, HighlightEntry) else row.node_id
        grouped[node_id].append(row)
    return grouped


def _rating_order(dimensions: tuple[Dimension, ...], authors: Mapping[str, Author]):
    """By dimension, then analyst name: the same data reads the same in every export."""
    position = {d.id: i for i, d in enumerate(dimensions)}
    return lambda r: (position.get(r.dimension_id, len(position)), _name(authors, r.author_id), r.author_id)


def _name(authors: Mapping[str, Author], author_id: str) -> str:
    author = authors.get(author_id)
    return author.name if author else author_id


def _resolve_tag_filter(tags: list[Tag], names: tuple[str, ...]) -> set[str]:
    """Tag ids named by the filter, in either script (监管 finds 監管 and 监管); a name matching
    no tag is a user mistake, said in one line."""
    by_name: dict[str, list[Tag]] = defaultdict(list)
    for tag in tags:
        by_name[fold(tag.name.casefold())].append(tag)
    unknown = [name for name in names if fold(name.casefold()) not in by_name]
    if unknown:
        known = ", ".join(sorted((t.name for t in tags), key=str.casefold)) or "none yet"
        raise NotFoundError(f"no tag named {', '.join(repr(n) for n in unknown)}; tags in use: {known}")
    return {tag.id for name in names for tag in by_name[fold(name.casefold())]}


def _check_min_rating(dimensions: tuple[Dimension, ...], min_rating: int | None) -> None:
    if min_rating is None:
        return
    if not dimensions:
        raise ValueError("--min-rating needs a rating dimension, and this database has none")
    first = dimensions[0]
    if not first.min <= min_rating <= first.max:
        raise ValueError(f"minimum rating {min_rating} is outside {first.name}'s scale "
                         f"{first.min}–{first.max}")


def _by_name(tags) -> tuple[Tag, ...]:
    return tuple(sorted(tags, key=lambda t: t.name.casefold()))


def _node_tags(store: Store, report_id: str, author_id: str | None,
               authors: Mapping[str, Author]) -> dict[str, list[NodeTag]]:
    """Tags per node, by tag name, then analyst name."""
    return {node_id: sorted(rows, key=lambda t: (t.tag.name.casefold(), _name(authors, t.author_id), t.author_id))
            for node_id, rows in store.report_node_tags(report_id, author_id).items()}


def _passes(entry: NodeEntry, options: ExportOptions, wanted_tags: set[str], first_dimension: str | None) -> bool:
    if options.annotated_only and not entry.annotated:
        return False
    if wanted_tags:
        on_node = {t.tag.id for t in entry.tags}
        on_highlights = {tag.id for h in entry.highlights for tag in h.tags}
        if not wanted_tags & (on_node | on_highlights):
            return False
    if options.min_rating is not None:
        values = [r.value for r in entry.ratings if r.dimension_id == first_dimension]
        if not values or max(values) < options.min_rating:
            return False
    return True


def _used(entries: list[NodeEntry]) -> tuple[set[str], dict[str, Tag]]:
    authors: set[str] = set()
    tags: dict[str, Tag] = {}
    for entry in entries:
        for node_tag in entry.tags:
            authors.add(node_tag.author_id)
            tags[node_tag.tag.id] = node_tag.tag
        authors.update(r.author_id for r in entry.ratings)
        authors.update(n.author_id for n in entry.notes)
        for h in entry.highlights:
            authors.add(h.highlight.author_id)
            for tag in h.tags:
                tags[tag.id] = tag
    return authors, tags
