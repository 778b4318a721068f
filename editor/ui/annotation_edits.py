"""Turning the panels' requests into undoable commands: one method per kind of edit.

The rules of each edit (skip a no-op, reuse a tag's spelling, leave a colleague's
highlight alone) are the operations' (editor/operations), shared with the command line;
this class only picks the node or highlight the request is about and what to select after.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from editor.core.colors import DEFAULT_HIGHLIGHT_COLOR
from editor.operations.annotations import tag_in_other_script
from editor.operations.changes import Changes
from editor.ui import commands as cmd
from editor.ui.i18n import translate
from editor.ui.session import AnnotationSession, StoreCommandBase

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow


class AnnotationEdits:
    """What the inspector, reading pane, tree and keyboard ask for, as commands on the window's session."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.last_color = DEFAULT_HIGHLIGHT_COLOR

    @property
    def _session(self) -> AnnotationSession:
        return self.window.session

    def _push(self, command: StoreCommandBase) -> Changes | None:
        return self._session.push(command)

    # -- ratings ----------------------------------------------------------------------------------
    def rate_first_dimension(self, node_id: str, value: int) -> None:
        """Keys 1–5 and the tree's stars: the first dimension (0 clears)."""
        self.rate_dimension(node_id, 0, value)

    def rate_dimension(self, node_id: str, index: int, value: int) -> None:
        """Rate a node on the dimension at ``index`` in the list (0 first; 0 clears); nothing if there is none."""
        dimensions = self.window.store.dimensions()
        if node_id and index < len(dimensions):
            self.set_rating(node_id, dimensions[index].id, value)

    def set_rating(self, node_id: str, dimension_id: str, value: int) -> None:
        """Rate a node on one dimension (0 clears)."""
        if node_id:
            self._push(cmd.SetRatingCommand(self._session, node_id, dimension_id, value or None))

    # -- tags and notes ---------------------------------------------------------------------------
    def add_tag(self, node_id: str, name: str) -> None:
        """Tag a node."""
        if node_id and name.strip():
            self._push(cmd.AddNodeTagCommand(self._session, node_id, self._tag_spelling(name.strip())))

    def _tag_spelling(self, name: str) -> str:
        """``name``, or the existing tag written in the other script if the analyst says to reuse it."""
        other = tag_in_other_script(self.window.store, name)
        if other is None:
            return name
        answer = QMessageBox.question(
            self.window.as_parent(), translate("AnnotationEdits", "Tag in the other script"),
            translate("AnnotationEdits", "The tag “{existing}” already exists; it differs from “{typed}” only "
                      "in Simplified or Traditional characters.\n\nUse “{existing}”?").format(
                existing=other, typed=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        return other if answer == QMessageBox.StandardButton.Yes else name

    def remove_tag(self, node_id: str, name: str) -> None:
        """Remove the analyst's tag from a node."""
        if node_id:
            self._push(cmd.RemoveNodeTagCommand(self._session, node_id, name))

    def save_note(self, node_id: str, html: str, typing_run: int) -> None:
        """Store the note typed on a node (consecutive saves of one typing run undo as one)."""
        if self._push(cmd.EditNoteCommand(self._session, node_id, html, typing_run=typing_run)) is None:
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
        if self._push(command) is not None and command.highlight_id:
            panel = self.window.inspector.highlights
            panel.select(command.highlight_id)
            self.window.reading_pane.select_highlight(command.highlight_id)
            # Straight on to the comment, in view; Escape goes back to the text.
            self.window.inspector.ensureWidgetVisible(panel.comment)
            panel.focus_comment()

    def recolor_highlight(self, highlight_id: str, color: str) -> None:
        """Give one of the analyst's highlights another colour (remembered for the next one)."""
        if self._push(cmd.UpdateHighlightCommand(self._session, highlight_id, color=color)) is not None:
            self.last_color = color

    def comment_highlight(self, highlight_id: str, html: str) -> None:
        """Replace the comment of one of the analyst's highlights."""
        self._push(cmd.UpdateHighlightCommand(self._session, highlight_id, comment_html=html))

    def tag_highlight(self, highlight_id: str, name: str) -> None:
        """Tag one of the analyst's highlights."""
        if name.strip():
            self._push(cmd.AddHighlightTagCommand(self._session, highlight_id, self._tag_spelling(name.strip())))

    def untag_highlight(self, highlight_id: str, name: str) -> None:
        """Remove a tag from one of the analyst's highlights."""
        self._push(cmd.RemoveHighlightTagCommand(self._session, highlight_id, name))

    def delete_highlight(self, highlight_id: str) -> None:
        """Delete one of the analyst's highlights (Undo brings it back)."""
        self._push(cmd.DeleteHighlightCommand(self._session, highlight_id))

    # -- rating scales ----------------------------------------------------------------------------
    def rename_dimension(self, dimension_id: str, name: str) -> None:
        """Rename a rating dimension."""
        self._push(cmd.RenameDimensionCommand(self._session, dimension_id, name))

    def add_dimension(self, name: str) -> None:
        """Add a rating dimension after the others."""
        self._push(cmd.AddDimensionCommand(self._session, name))
