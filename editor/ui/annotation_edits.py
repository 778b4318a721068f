"""Turning the panels' requests into undoable commands: one method per kind of edit."""

from __future__ import annotations

from editor.ui import commands as cmd
from editor.ui.i18n import translate
from editor.ui.palette import DEFAULT_HIGHLIGHT_COLOR


class AnnotationEdits:
    """What the inspector, reading pane, tree and keyboard ask for, as commands on the window's session.

    Requests that would change nothing (a tag already there, the same rating) push no
    command, so the undo history holds only real changes.
    """

    def __init__(self, window) -> None:
        self.window = window
        self.last_color = DEFAULT_HIGHLIGHT_COLOR

    @property
    def _session(self):
        return self.window.session

    @property
    def _store(self):
        return self.window.store

    @property
    def _author_id(self) -> str:
        return self.window.author.id

    def _push(self, command) -> bool:
        return self._session.push(command)

    def _existing_tag_name(self, name: str) -> str:
        # Reuse the spelling of an existing tag ("risk" typed, "Risk" stored).
        return next((tag.name for tag in self._store.tags() if tag.name.casefold() == name.casefold()), name)

    # -- ratings ----------------------------------------------------------------------------------
    def rate_first_dimension(self, node_id: str, value: int) -> None:
        """Keys 1–5 and the tree's stars: the first dimension (0 clears)."""
        dimensions = self._store.dimensions()
        if node_id and dimensions:
            self.set_rating(node_id, dimensions[0].id, value)

    def set_rating(self, node_id: str, dimension_id: str, value: int) -> None:
        """Rate a node on one dimension (0 clears); no command if the value is unchanged."""
        if not node_id:
            return
        current = next((r.value for r in self._store.ratings(node_id, author_id=self._author_id)
                        if r.dimension_id == dimension_id), 0)
        if current != value:
            self._push(cmd.SetRatingCommand(self._session, node_id, dimension_id, value or None))

    # -- tags and notes ---------------------------------------------------------------------------
    def add_tag(self, node_id: str, name: str) -> None:
        """Tag a node, reusing an existing tag's spelling; nothing if the analyst already tagged it so."""
        if not node_id or not name.strip():
            return
        mine = {nt.tag.name.casefold() for nt in self._store.node_tags(node_id, self._author_id)}
        if name.casefold() not in mine:
            self._push(cmd.AddNodeTagCommand(self._session, node_id, self._existing_tag_name(name)))

    def remove_tag(self, node_id: str, name: str) -> None:
        """Remove the analyst's tag from a node."""
        if node_id:
            self._push(cmd.RemoveNodeTagCommand(self._session, node_id, name))

    def save_note(self, node_id: str, html: str, typing_run: int) -> None:
        """Store the note typed on a node (consecutive saves of one typing run undo as one)."""
        if not self._push(cmd.EditNoteCommand(self._session, node_id, html, typing_run=typing_run)):
            # Not stored (locked, read-only, disk full): keep it pending so the next pause,
            # focus change or closing the window tries again instead of forgetting it.
            self.window.inspector.note.mark_unsaved(node_id)

    # -- highlights -------------------------------------------------------------------------------
    def highlight_selection(self, color: str | None = None) -> None:
        """Highlight the text selected in the reading pane (H / Ctrl+H)."""
        span = self.window.reading_pane.selection_span()
        if span is None:
            self.window.statusBar().showMessage(translate(
                "MainWindow", "Select some text of a paragraph in the reading pane first."), 4000)
            return
        node_id, start, end = span
        self.add_highlight(node_id, start, end, color or self.last_color)

    def add_highlight(self, node_id: str, start: int, end: int, color: str) -> None:
        """Highlight code points ``start:end`` of a node's body and select the new highlight."""
        self.last_color = color
        command = cmd.AddHighlightCommand(self._session, node_id, start, end, color)
        if self._push(command) and command.highlight_id:
            self.window.inspector.highlights.select(command.highlight_id)
            self.window.reading_pane.select_highlight(command.highlight_id)

    def _own_highlight(self, highlight_id: str) -> bool:
        # The panels offer no editing of colleagues' highlights; this keeps any other route
        # (a shortcut, a script) from changing or deleting another analyst's work.
        if self._store.highlight(highlight_id).author_id == self._author_id:
            return True
        self._session.report_error(translate(
            "MainWindow", "This highlight belongs to a colleague; only its author can change it."))
        return False

    def recolor_highlight(self, highlight_id: str, color: str) -> None:
        """Give one of the analyst's highlights another colour (remembered for the next one)."""
        if not self._own_highlight(highlight_id):
            return
        self.last_color = color
        if self._store.highlight(highlight_id).color.casefold() != color.casefold():
            self._push(cmd.UpdateHighlightCommand(self._session, highlight_id, color=color))

    def comment_highlight(self, highlight_id: str, html: str) -> None:
        """Replace the comment of one of the analyst's highlights."""
        if self._own_highlight(highlight_id):
            self._push(cmd.UpdateHighlightCommand(self._session, highlight_id, comment_html=html))

    def tag_highlight(self, highlight_id: str, name: str) -> None:
        """Tag one of the analyst's highlights (nothing if it already has the tag)."""
        if not self._own_highlight(highlight_id):
            return
        if name.casefold() not in {tag.name.casefold() for tag in self._store.highlight_tags(highlight_id)}:
            self._push(cmd.AddHighlightTagCommand(self._session, highlight_id, self._existing_tag_name(name)))

    def untag_highlight(self, highlight_id: str, name: str) -> None:
        """Remove a tag from one of the analyst's highlights."""
        if self._own_highlight(highlight_id):
            self._push(cmd.RemoveHighlightTagCommand(self._session, highlight_id, name))

    def delete_highlight(self, highlight_id: str) -> None:
        """Delete one of the analyst's highlights (Undo brings it back)."""
        if self._own_highlight(highlight_id):
            self._push(cmd.DeleteHighlightCommand(self._session, highlight_id))

    # -- rating scales ----------------------------------------------------------------------------
    def rename_dimension(self, dimension_id: str, name: str) -> None:
        """Rename a rating dimension."""
        self._push(cmd.RenameDimensionCommand(self._session, dimension_id, name))

    def add_dimension(self, name: str) -> None:
        """Add a rating dimension after the others."""
        self._push(cmd.AddDimensionCommand(self._session, name))
