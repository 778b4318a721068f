"""Rows of the annotation store as plain values, shared by the window, exports and merge."""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.anchoring import anchor_text
from editor.core.styles import Style


@dataclass(frozen=True)
class Author:
    id: str
    name: str


@dataclass(frozen=True)
class ReportInfo:
    id: str
    title: str
    source: str
    imported_at: str
    warnings: tuple[str, ...]
    node_count: int


@dataclass(frozen=True)
class Node:
    id: str
    report_id: str
    parent_id: str | None
    position: int  # 0-based among its siblings
    level: int  # 1 chapter, 2 section, 3 point, ...
    number: str  # as printed: "一", "1.1", "1.1.1"
    path: str  # "1", "1.1", "1.1.1"
    title: str
    body: str
    styles: tuple[Style, ...] = ()  # bold, italic, code, links over ``body``

    @property
    def anchor_text(self) -> str:
        """What this node's highlights quote: the body, or the title of a node without one."""
        return anchor_text(self.title, self.body)


@dataclass(frozen=True)
class Tag:
    id: str
    name: str
    color: str  # "#RRGGBB"


@dataclass(frozen=True)
class NodeTag:
    node_id: str
    tag: Tag
    author_id: str
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Dimension:
    id: str
    name: str
    min: int
    max: int
    position: int


@dataclass(frozen=True)
class Rating:
    node_id: str
    dimension_id: str
    author_id: str
    value: int
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Note:
    id: str
    node_id: str
    author_id: str
    html: str
    text: str
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Highlight:
    id: str
    node_id: str
    author_id: str
    start: int  # 0-based code points into the node's body
    end: int
    exact: str
    prefix: str
    suffix: str
    color: str
    comment_html: str
    comment_text: str
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class SearchHit:
    node_id: str
    path: str
    title: str
    field: str  # "title", "body", "note", "comment"
    snippet: str
    match: tuple[int, int] | None = None  # where the query matched in the snippet


@dataclass(frozen=True)
class NodeSummary:
    """What the outline tree shows per node without loading every annotation."""

    node_id: str
    tag_names: tuple[str, ...]
    tag_colors: tuple[str, ...]
    primary_rating: int | None  # the first dimension's rating by the current author
    has_note: bool
    highlight_count: int
    my_ratings: tuple[tuple[str, int], ...] = ()  # (dimension id, value) of the current author, every dimension
