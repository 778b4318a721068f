"""Highlights: passages of a node's text with a colour, a comment and tags.

An analyst changes only their own highlights. The panels offer no editing of a
colleague's, and the rule is kept here too, so no other route (a shortcut, the command
line, a script) can change or delete another analyst's work.
"""

from __future__ import annotations

from editor.core.errors import NotYoursError
from editor.operations.annotations import existing_tag_name
from editor.operations.changes import NOTHING, Changes, on_nodes
from editor.store import Store
from editor.core.colors import DEFAULT_HIGHLIGHT_COLOR


def _own(store: Store, author_id: str, highlight_id: str) -> str:
    """The node of one of the analyst's highlights; NotYoursError for a colleague's."""
    highlight = store.highlight(highlight_id)
    if highlight.author_id != author_id:
        raise NotYoursError("this highlight belongs to a colleague; only its author can change it")
    return highlight.node_id


def add_highlight(store: Store, author_id: str, node_id: str, start: int, end: int, *,
                  color: str = DEFAULT_HIGHLIGHT_COLOR, comment_html: str = "") -> Changes:
    """Highlight code points ``start:end`` of a node's body; ``result`` is the new highlight."""
    highlight = store.add_highlight(node_id, author_id, start, end, color=color, comment_html=comment_html)
    return on_nodes(node_id, result=highlight)


def highlight_quote(store: Store, author_id: str, node_id: str, quote: str, *,
                    color: str = DEFAULT_HIGHLIGHT_COLOR, comment_html: str = "") -> Changes:
    """Highlight the first place ``quote`` appears in a node's text (the command line's way)."""
    start, end = store.find_quote(node_id, quote)
    return add_highlight(store, author_id, node_id, start, end, color=color, comment_html=comment_html)


def update_highlight(store: Store, author_id: str, highlight_id: str, *, color: str | None = None,
                     comment_html: str | None = None) -> Changes:
    """Recolour one of the analyst's highlights and/or replace its comment; nothing if unchanged."""
    node_id = _own(store, author_id, highlight_id)
    before = store.highlight(highlight_id)
    after = store.update_highlight(highlight_id, color=color, comment_html=comment_html)
    if after.updated_at == before.updated_at:
        return NOTHING.with_result(after)
    return on_nodes(node_id, result=after)


def delete_highlight(store: Store, author_id: str, highlight_id: str) -> Changes:
    """Delete one of the analyst's highlights (a tombstone: undo and merge can bring it back)."""
    node_id = _own(store, author_id, highlight_id)
    store.delete_highlight(highlight_id)
    return on_nodes(node_id)


def restore_highlight(store: Store, author_id: str, highlight_id: str) -> Changes:
    """Bring back one of the analyst's deleted highlights (undo of delete, redo of add)."""
    highlight = store.restore_highlight(highlight_id)
    if highlight.author_id != author_id:
        store.delete_highlight(highlight_id)
        raise NotYoursError("this highlight belongs to a colleague; only its author can change it")
    return on_nodes(highlight.node_id, result=highlight)


def tag_highlight(store: Store, author_id: str, highlight_id: str, name: str) -> Changes:
    """Tag one of the analyst's highlights (reusing a tag's spelling); nothing if it has the tag."""
    node_id = _own(store, author_id, highlight_id)
    spelling = existing_tag_name(store, name)
    if spelling.casefold() in {tag.name.casefold() for tag in store.highlight_tags(highlight_id)}:
        return NOTHING.with_result(spelling)
    with store.transaction():
        creates = not store.has_tag(spelling)
        stored = store.add_highlight_tag(highlight_id, spelling, author_id).name
    return on_nodes(node_id, vocabulary=creates, result=stored)


def untag_highlight(store: Store, author_id: str, highlight_id: str, name: str, *,
                    retire_unused: bool = False) -> Changes:
    """Remove a tag from one of the analyst's highlights (``retire_unused``: as remove_node_tag)."""
    node_id = _own(store, author_id, highlight_id)
    with store.transaction():
        removed = store.remove_highlight_tag(highlight_id, name, author_id)
        retired = retire_unused and store.retire_tag_if_unused(name)
    return on_nodes(node_id, vocabulary=retired, result=True) if removed else NOTHING.with_result(False)
