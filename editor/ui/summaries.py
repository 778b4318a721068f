"""What the outline shows beside one node after an edit, for everyone's annotations or only the analyst's own.

The whole report's summaries come from ``store.node_summaries`` (with ``only_author``
when colleagues' work is hidden); this module re-reads one node, and says which
annotations the analyst sees.
"""

from __future__ import annotations

from editor.core.annotations import Highlight, NodeSummary


def _tag_columns(node_tags) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(names, colours) of distinct tags, by name as the store's summaries order them."""
    seen: dict[str, tuple[str, str]] = {}
    for node_tag in node_tags:
        seen.setdefault(node_tag.tag.id, (node_tag.tag.name, node_tag.tag.color))
    ordered = sorted(seen.values(), key=lambda pair: pair[0].casefold())
    return tuple(name for name, _ in ordered), tuple(color for _, color in ordered)


def node_summary(store, node_id: str, author_id: str, *, only_author: bool) -> NodeSummary | None:
    """One node's summary, read fresh after an edit (None: nothing on it that is shown)."""
    names, colors = _tag_columns(store.node_tags(node_id, author_id if only_author else None))
    dimensions = store.dimensions()
    ratings = store.ratings(node_id)
    primary: int | None = None
    if dimensions:
        primary = next((r.value for r in ratings if r.dimension_id == dimensions[0].id and r.author_id == author_id),
                       None)
    if only_author:
        ratings = [r for r in ratings if r.author_id == author_id]
    has_note = any(visible(note.author_id, author_id, only_author) for note in store.notes(node_id))
    count = sum(1 for h in store.highlights(node_id) if visible(h.author_id, author_id, only_author))
    if not (names or ratings or has_note or count):
        return None
    return NodeSummary(node_id=node_id, tag_names=names, tag_colors=colors, primary_rating=primary,
                       has_note=has_note, highlight_count=count)


def visible(row_author_id: str, author_id: str, only_author: bool) -> bool:
    """Whether an annotation by ``row_author_id`` is shown to ``author_id``."""
    return not only_author or row_author_id == author_id


def visible_highlights(highlights: list[Highlight], author_id: str, *, only_author: bool) -> list[Highlight]:
    """The highlights shown to the analyst (all, or only their own)."""
    return [h for h in highlights if visible(h.author_id, author_id, only_author)]
