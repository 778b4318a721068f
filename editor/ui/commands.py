"""One undoable command per kind of edit. Commands call the store, never widgets.

Each command records what it needs to put the database's live state back
exactly as it was: the previous rating, the previous note html, the tombstone
to clear on redo of a highlight. Widgets learn about the result through
``AnnotationSession.nodeChanged``.
"""

from __future__ import annotations


from editor.ui.session import AnnotationSession, StoreCommandBase
from editor.ui.i18n import translate

_NOTE_MERGE_ID = 1001



def _shorten(text: str, limit: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _untag(command, remove) -> None:
    """Undo of a tag-add: ``remove()`` the tag, and take a tag the add created out of the tag list."""
    with command.store.transaction():
        remove()
        if command.creates_tag:
            command.store.retire_tag_if_unused(command.tag_name)


class AddNodeTagCommand(StoreCommandBase):
    """Tag a node (undo removes the tag from the node again, and from the tag list if it was new)."""

    def __init__(self, session: AnnotationSession, node_id: str, tag_name: str) -> None:
        super().__init__(session, translate("Commands", "Add tag “{tag}”").format(tag=tag_name))
        self.node_id = node_id
        self.tag_name = tag_name
        self.creates_tag = not session.store.has_tag(tag_name)
        self.vocabulary_changed = True

    def node_ids(self) -> list[str]:
        return [self.node_id]

    def do(self) -> None:
        self.store.add_node_tag(self.node_id, self.tag_name, self.author_id)

    def undo_(self) -> None:
        _untag(self, lambda: self.store.remove_node_tag(self.node_id, self.tag_name, self.author_id))


class RemoveNodeTagCommand(StoreCommandBase):
    """Remove the analyst's tag from a node (undo puts it back)."""

    def __init__(self, session: AnnotationSession, node_id: str, tag_name: str) -> None:
        super().__init__(session, translate("Commands", "Remove tag “{tag}”").format(tag=tag_name))
        self.node_id = node_id
        self.tag_name = tag_name

    def node_ids(self) -> list[str]:
        return [self.node_id]

    def do(self) -> None:
        self.store.remove_node_tag(self.node_id, self.tag_name, self.author_id)

    def undo_(self) -> None:
        self.store.add_node_tag(self.node_id, self.tag_name, self.author_id)


class SetRatingCommand(StoreCommandBase):
    """Set (or clear, with None) the analyst's rating of a node on one dimension."""

    def __init__(self, session: AnnotationSession, node_id: str, dimension_id: str,
                 value: int | None) -> None:
        dimension = session.store.dimension(dimension_id)
        if value:
            text = translate("Commands", "Rate {dimension} {value}").format(dimension=dimension.name, value=value)
        else:
            text = translate("Commands", "Clear {dimension} rating").format(dimension=dimension.name)
        super().__init__(session, text)
        self.node_id = node_id
        self.dimension_id = dimension_id
        self.value = value or None
        self.previous = next(
            (r.value for r in session.store.ratings(node_id, author_id=session.author.id)
             if r.dimension_id == dimension_id), None)

    def node_ids(self) -> list[str]:
        return [self.node_id]

    def do(self) -> None:
        self.store.set_rating(self.node_id, self.dimension_id, self.author_id, self.value)

    def undo_(self) -> None:
        self.store.set_rating(self.node_id, self.dimension_id, self.author_id, self.previous)


class EditNoteCommand(StoreCommandBase):
    """Replace the analyst's note on a node; consecutive saves of one typing run merge."""

    def __init__(self, session: AnnotationSession, node_id: str, html: str, *,
                 typing_run: int = 0) -> None:
        super().__init__(session, translate("Commands", "Edit note"))
        self.node_id = node_id
        self.html = html
        note = session.store.note(node_id, session.author.id)
        self.previous = note.html if note else ""
        self.typing_run = typing_run

    def id(self) -> int:  # noqa: A003 - QUndoCommand API
        return _NOTE_MERGE_ID

    def mergeWith(self, other) -> bool:  # noqa: N802 - Qt API
        # One undo step per stretch of typing on one node, not one per pause.
        if not isinstance(other, EditNoteCommand) or other.node_id != self.node_id:
            return False
        if not self.typing_run or other.typing_run != self.typing_run:
            return False
        self.html = other.html
        if self.html == self.previous:
            self.setObsolete(True)
        return True

    def node_ids(self) -> list[str]:
        return [self.node_id]

    def do(self) -> None:
        self.store.save_note(self.node_id, self.author_id, self.html)

    def undo_(self) -> None:
        self.store.save_note(self.node_id, self.author_id, self.previous)


class AddHighlightCommand(StoreCommandBase):
    """Highlight a span of a node's body (undo tombstones it, redo revives the same row)."""

    def __init__(self, session: AnnotationSession, node_id: str, start: int, end: int,
                 color: str, comment_html: str = "") -> None:
        super().__init__(session, translate("Commands", "Highlight"))
        self.node_id = node_id
        self.start = start
        self.end = end
        self.color = color
        self.comment_html = comment_html
        self.highlight_id: str | None = None

    def node_ids(self) -> list[str]:
        return [self.node_id]

    def do(self) -> None:
        if self.highlight_id is None:
            highlight = self.store.add_highlight(self.node_id, self.author_id, self.start, self.end,
                                                 color=self.color, comment_html=self.comment_html)
            self.highlight_id = highlight.id
            self.setText(translate("Commands", "Highlight “{quote}”").format(quote=_shorten(highlight.exact)))
        else:
            self.store.restore_highlight(self.highlight_id)

    def undo_(self) -> None:
        if self.highlight_id is not None:
            self.store.delete_highlight(self.highlight_id)


class UpdateHighlightCommand(StoreCommandBase):
    """Recolour a highlight or change its comment."""

    def __init__(self, session: AnnotationSession, highlight_id: str, *,
                 color: str | None = None, comment_html: str | None = None) -> None:
        if comment_html is None:
            text = translate("Commands", "Recolour highlight")
        else:
            text = translate("Commands", "Edit highlight comment")
        super().__init__(session, text)
        before = session.store.highlight(highlight_id)
        self.node_id = before.node_id
        self.highlight_id = highlight_id
        self.color = color
        self.comment_html = comment_html
        self.previous_color = before.color
        self.previous_comment = before.comment_html

    def node_ids(self) -> list[str]:
        return [self.node_id]

    def do(self) -> None:
        self.store.update_highlight(self.highlight_id, color=self.color, comment_html=self.comment_html)

    def undo_(self) -> None:
        self.store.update_highlight(
            self.highlight_id,
            color=self.previous_color if self.color is not None else None,
            comment_html=self.previous_comment if self.comment_html is not None else None,
        )


class DeleteHighlightCommand(StoreCommandBase):
    """Delete a highlight (a tombstone; undo clears it)."""

    def __init__(self, session: AnnotationSession, highlight_id: str) -> None:
        highlight = session.store.highlight(highlight_id)
        super().__init__(session, translate("Commands", "Delete highlight “{quote}”").format(
            quote=_shorten(highlight.exact)))
        self.node_id = highlight.node_id
        self.highlight_id = highlight_id

    def node_ids(self) -> list[str]:
        return [self.node_id]

    def do(self) -> None:
        self.store.delete_highlight(self.highlight_id)

    def undo_(self) -> None:
        self.store.restore_highlight(self.highlight_id)


class AddHighlightTagCommand(StoreCommandBase):
    """Tag a highlight."""

    def __init__(self, session: AnnotationSession, highlight_id: str, tag_name: str) -> None:
        super().__init__(session, translate("Commands", "Add tag “{tag}” to highlight").format(tag=tag_name))
        self.node_id = session.store.highlight(highlight_id).node_id
        self.highlight_id = highlight_id
        self.tag_name = tag_name
        self.creates_tag = not session.store.has_tag(tag_name)
        self.vocabulary_changed = True

    def node_ids(self) -> list[str]:
        return [self.node_id]

    def do(self) -> None:
        self.store.add_highlight_tag(self.highlight_id, self.tag_name, self.author_id)

    def undo_(self) -> None:
        _untag(self, lambda: self.store.remove_highlight_tag(self.highlight_id, self.tag_name, self.author_id))


class RemoveHighlightTagCommand(StoreCommandBase):
    """Remove a tag from a highlight."""

    def __init__(self, session: AnnotationSession, highlight_id: str, tag_name: str) -> None:
        super().__init__(session, translate("Commands", "Remove tag “{tag}” from highlight").format(tag=tag_name))
        self.node_id = session.store.highlight(highlight_id).node_id
        self.highlight_id = highlight_id
        self.tag_name = tag_name

    def node_ids(self) -> list[str]:
        return [self.node_id]

    def do(self) -> None:
        self.store.remove_highlight_tag(self.highlight_id, self.tag_name, self.author_id)

    def undo_(self) -> None:
        self.store.add_highlight_tag(self.highlight_id, self.tag_name, self.author_id)


class RenameDimensionCommand(StoreCommandBase):
    """Rename a rating dimension (e.g. Impact -> Severity)."""

    def __init__(self, session: AnnotationSession, dimension_id: str, name: str) -> None:
        super().__init__(session, translate("Commands", "Rename dimension to “{name}”").format(name=name))
        self.dimension_id = dimension_id
        self.name = name
        self.previous = session.store.dimension(dimension_id).name
        self.vocabulary_changed = True

    def do(self) -> None:
        self.store.rename_dimension(self.dimension_id, self.name)

    def undo_(self) -> None:
        self.store.rename_dimension(self.dimension_id, self.previous)


class AddDimensionCommand(StoreCommandBase):
    """Add a rating dimension (undo retires it again; it has no ratings yet)."""

    def __init__(self, session: AnnotationSession, name: str) -> None:
        super().__init__(session, translate("Commands", "Add dimension “{name}”").format(name=name))
        self.name = name
        self.dimension_id = ""
        self.vocabulary_changed = True

    def do(self) -> None:
        self.dimension_id = self.store.add_dimension(self.name).id

    def undo_(self) -> None:
        self.store.retire_dimension(self.dimension_id)
