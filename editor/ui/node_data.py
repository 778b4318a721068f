"""Reading one node's annotations from the store into what the inspector shows."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from editor.core.annotations import Node
from editor.ui.inspector import NodeAnnotations
from editor.ui.inspector.highlights import HighlightEntry
from editor.ui.inspector.tags import TagChip

if TYPE_CHECKING:
    from editor.store import Store


def load_node_annotations(store: Store, node: Node, author_id: str, author_names: dict[str, str],
                          breadcrumb: str = "", *, include_colleagues: bool = True) -> NodeAnnotations:
    """Tags, ratings, notes and highlights of ``node``: the analyst's own apart from colleagues'.

    With ``include_colleagues`` False only the analyst's own annotations are read.
    """
    def name_of(other_id: str) -> str:
        return author_names.get(other_id) or other_id[:8]

    def shown(row_author_id: str) -> bool:
        return include_colleagues or row_author_id == author_id

    # Tags: one chip per tag, removable when the analyst added it; who added it in the tooltip.
    by_tag: dict[str, list] = {}
    for node_tag in store.node_tags(node.id, None if include_colleagues else author_id):
        by_tag.setdefault(node_tag.tag.id, []).append(node_tag)
    chips = []
    for rows in sorted(by_tag.values(), key=lambda rows: rows[0].tag.name.casefold()):
        tag = rows[0].tag
        authors = [row.author_id for row in rows]
        chips.append(TagChip(name=tag.name, color=tag.color, removable=author_id in authors,
                             added_by=", ".join(name_of(a) for a in authors)))

    dimensions = store.dimensions()
    mine: dict[str, int] = {}
    others: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for rating in store.ratings(node.id):
        if rating.author_id == author_id:
            mine[rating.dimension_id] = rating.value
        elif include_colleagues:
            others[rating.dimension_id].append((name_of(rating.author_id), rating.value))

    my_note = ""
    other_notes: list[tuple[str, str]] = []
    for note in store.notes(node.id):
        if note.author_id == author_id:
            my_note = note.html
        elif include_colleagues:
            other_notes.append((name_of(note.author_id), note.html))

    entries = []
    for highlight in store.highlights(node.id):
        if not shown(highlight.author_id):
            continue
        mine_highlight = highlight.author_id == author_id
        tags = tuple(TagChip(name=t.name, color=t.color, removable=mine_highlight)
                     for t in store.highlight_tags(highlight.id))
        entries.append(HighlightEntry(highlight=highlight, author_name=name_of(highlight.author_id),
                                      tags=tags, mine=mine_highlight))

    return NodeAnnotations(node=node, breadcrumb=breadcrumb, tags=chips, dimensions=dimensions,
                           my_ratings=mine, other_ratings=dict(others), my_note_html=my_note,
                           other_notes=other_notes, highlights=entries)
