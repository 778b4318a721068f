"""One undoable command per kind of edit; each calls an operation and undoes by calling one again.

Each command records what it needs to put the database's live state back exactly as it
was: the previous rating, the previous note html, whether the tag was new, the merged
state to redo a merge. Widgets learn about the result through ``AnnotationSession.changed``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QUndoCommand

from editor.operations import annotations as notes_and_tags
from editor.operations import dimensions, highlights, sharing
from editor.operations.changes import Changes
from editor.store.merge import MergeResult
from editor.store.snapshots import Snapshot
from editor.ui.i18n import translate
from editor.ui.session import AnnotationSession, StoreCommandBase

_NOTE_MERGE_ID = 1001


def _shorten(text: str, limit: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class AddNodeTagCommand(StoreCommandBase):
    """Tag a node (undo removes the tag from the node again, and from the tag list if it was new)."""

    def __init__(self, session: AnnotationSession, node_id: str, tag_name: str) -> None:
        super().__init__(session, translate("Commands", "Add tag “{tag}”").format(tag=tag_name))
        self.node_id = node_id
        self.tag_name = tag_name
        self.created_tag = False

    def do(self) -> Changes:
        changes = notes_and_tags.add_node_tag(self.store, self.author_id, self.node_id, self.tag_name)
        self.tag_name = changes.result  # the stored spelling, which undo names
        self.created_tag = self.created_tag or changes.vocabulary
        return changes

    def undo_(self) -> Changes:
        return notes_and_tags.remove_node_tag(self.store, self.author_id, self.node_id, self.tag_name,
                                              retire_unused=self.created_tag)


class RemoveNodeTagCommand(StoreCommandBase):
    """Remove the analyst's tag from a node (undo puts it back)."""

    def __init__(self, session: AnnotationSession, node_id: str, tag_name: str) -> None:
        super().__init__(session, translate("Commands", "Remove tag “{tag}”").format(tag=tag_name))
        self.node_id = node_id
        self.tag_name = tag_name

    def do(self) -> Changes:
        return notes_and_tags.remove_node_tag(self.store, self.author_id, self.node_id, self.tag_name)

    def undo_(self) -> Changes:
        return notes_and_tags.add_node_tag(self.store, self.author_id, self.node_id, self.tag_name)


class SetRatingCommand(StoreCommandBase):
    """Set (or clear, with None or 0) the analyst's rating of a node on one dimension."""

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
        self.value = value or 0
        self.previous = notes_and_tags.current_rating(session.store, session.author.id, node_id, dimension_id)

    def do(self) -> Changes:
        return notes_and_tags.set_rating(self.store, self.author_id, self.node_id, self.dimension_id, self.value)

    def undo_(self) -> Changes:
        return notes_and_tags.set_rating(self.store, self.author_id, self.node_id, self.dimension_id, self.previous)


class EditNoteCommand(StoreCommandBase):
    """Replace the analyst's note on a node; consecutive saves of one typing run merge."""

    def __init__(self, session: AnnotationSession, node_id: str, html: str, *,
                 typing_run: int = 0) -> None:
        super().__init__(session, translate("Commands", "Edit note"))
        self.node_id = node_id
        self.html = html
        self.previous = notes_and_tags.note_html(session.store, session.author.id, node_id)
        self.typing_run = typing_run

    def id(self) -> int:
        return _NOTE_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        # One undo step per stretch of typing on one node, not one per pause.
        if not isinstance(other, EditNoteCommand) or other.node_id != self.node_id:
            return False
        if not self.typing_run or other.typing_run != self.typing_run:
            return False
        self.html = other.html
        if self.html == self.previous:
            self.setObsolete(True)
        return True

    def do(self) -> Changes:
        return notes_and_tags.set_note(self.store, self.author_id, self.node_id, self.html)

    def undo_(self) -> Changes:
        return notes_and_tags.set_note(self.store, self.author_id, self.node_id, self.previous)


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

    def do(self) -> Changes:
        if self.highlight_id is not None:
            return highlights.restore_highlight(self.store, self.author_id, self.highlight_id)
        changes = highlights.add_highlight(self.store, self.author_id, self.node_id, self.start, self.end,
                                           color=self.color, comment_html=self.comment_html)
        self.highlight_id = changes.result.id
        self.setText(translate("Commands", "Highlight “{quote}”").format(quote=_shorten(changes.result.exact)))
        return changes

    def undo_(self) -> Changes:
        assert self.highlight_id is not None  # undo only follows a do that made it
        return highlights.delete_highlight(self.store, self.author_id, self.highlight_id)


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
        self.highlight_id = highlight_id
        self.color = color
        self.comment_html = comment_html
        self.previous_color = before.color if color is not None else None
        self.previous_comment = before.comment_html if comment_html is not None else None

    def do(self) -> Changes:
        return highlights.update_highlight(self.store, self.author_id, self.highlight_id,
                                           color=self.color, comment_html=self.comment_html)

    def undo_(self) -> Changes:
        return highlights.update_highlight(self.store, self.author_id, self.highlight_id,
                                           color=self.previous_color, comment_html=self.previous_comment)


class DeleteHighlightCommand(StoreCommandBase):
    """Delete a highlight (a tombstone; undo clears it)."""

    def __init__(self, session: AnnotationSession, highlight_id: str) -> None:
        highlight = session.store.highlight(highlight_id)
        super().__init__(session, translate("Commands", "Delete highlight “{quote}”").format(
            quote=_shorten(highlight.exact)))
        self.highlight_id = highlight_id

    def do(self) -> Changes:
        return highlights.delete_highlight(self.store, self.author_id, self.highlight_id)

    def undo_(self) -> Changes:
        return highlights.restore_highlight(self.store, self.author_id, self.highlight_id)


class AddHighlightTagCommand(StoreCommandBase):
    """Tag a highlight (undo takes the tag off, and out of the tag list if it was new)."""

    def __init__(self, session: AnnotationSession, highlight_id: str, tag_name: str) -> None:
        super().__init__(session, translate("Commands", "Add tag “{tag}” to highlight").format(tag=tag_name))
        self.highlight_id = highlight_id
        self.tag_name = tag_name
        self.created_tag = False

    def do(self) -> Changes:
        changes = highlights.tag_highlight(self.store, self.author_id, self.highlight_id, self.tag_name)
        self.tag_name = changes.result
        self.created_tag = self.created_tag or changes.vocabulary
        return changes

    def undo_(self) -> Changes:
        return highlights.untag_highlight(self.store, self.author_id, self.highlight_id, self.tag_name,
                                          retire_unused=self.created_tag)


class RemoveHighlightTagCommand(StoreCommandBase):
    """Remove a tag from a highlight."""

    def __init__(self, session: AnnotationSession, highlight_id: str, tag_name: str) -> None:
        super().__init__(session, translate("Commands", "Remove tag “{tag}” from highlight").format(tag=tag_name))
        self.highlight_id = highlight_id
        self.tag_name = tag_name

    def do(self) -> Changes:
        return highlights.untag_highlight(self.store, self.author_id, self.highlight_id, self.tag_name)

    def undo_(self) -> Changes:
        return highlights.tag_highlight(self.store, self.author_id, self.highlight_id, self.tag_name)


class RenameDimensionCommand(StoreCommandBase):
    """Rename a rating dimension (e.g. Impact -> Severity)."""

    def __init__(self, session: AnnotationSession, dimension_id: str, name: str) -> None:
        super().__init__(session, translate("Commands", "Rename dimension to “{name}”").format(name=name))
        self.dimension_id = dimension_id
        self.name = name
        self.previous = session.store.dimension(dimension_id).name

    def do(self) -> Changes:
        return dimensions.rename_dimension(self.store, self.dimension_id, self.name)

    def undo_(self) -> Changes:
        return dimensions.rename_dimension(self.store, self.dimension_id, self.previous)


class AddDimensionCommand(StoreCommandBase):
    """Add a rating dimension (undo retires it again; it has no ratings yet)."""

    def __init__(self, session: AnnotationSession, name: str) -> None:
        super().__init__(session, translate("Commands", "Add dimension “{name}”").format(name=name))
        self.name = name
        self.dimension_id = ""

    def do(self) -> Changes:
        changes = dimensions.add_dimension(self.store, self.name)
        self.dimension_id = changes.result.id
        return changes

    def undo_(self) -> Changes:
        return dimensions.retire_dimension(self.store, self.dimension_id)


class MergeCommand(StoreCommandBase):
    """Merge a colleague's database in, as one undo step (undo puts back the copy taken before it)."""

    def __init__(self, session: AnnotationSession, theirs: Path, *, accept_dimensions: bool = False) -> None:
        super().__init__(session, translate("Commands", "Merge {name}").format(name=theirs.name))
        self.theirs = theirs
        self.accept_dimensions = accept_dimensions
        self.result: MergeResult | None = None
        self._merged: Snapshot | None = None

    def do(self) -> Changes:
        if self._merged is not None:  # redo: the merged state kept by undo, not a second merge
            return sharing.redo_merge(self.store, self._merged)
        changes = sharing.merge(self.store, self.theirs, accept_dimensions=self.accept_dimensions)
        self.result = changes.result
        return changes

    def undo_(self) -> Changes:
        assert self.result is not None
        changes = sharing.undo_merge(self.store, self.result)
        self._merged = changes.result
        return changes


class ResolveConflictCommand(StoreCommandBase):
    """Resolve a merge conflict (keep mine / take theirs / both); undo opens it for review again."""

    def __init__(self, session: AnnotationSession, conflict_id: str, choice: str) -> None:
        super().__init__(session, translate("Commands", "Resolve conflict"))
        self.conflict_id = conflict_id
        self.choice = choice
        self._before: tuple | None = None

    def do(self) -> Changes:
        changes = sharing.resolve_conflict(self.store, self.conflict_id, self.choice)
        self._before = changes.result
        return changes

    def undo_(self) -> Changes:
        assert self._before is not None
        before, previous_html = self._before
        return sharing.reopen_conflict(self.store, before, previous_html)
