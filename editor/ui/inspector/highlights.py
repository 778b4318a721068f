"""The node's highlights as a list; the selected one can be recoloured, commented, tagged or deleted."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
                               QToolButton, QVBoxLayout, QWidget)

from editor.core.annotations import Highlight
from editor.core.richtext import text_to_html
from editor.ui.inspector.tags import TagChip, TagEditor
from editor.ui.palette import HIGHLIGHT_COLORS, swatch_icon
from editor.ui.i18n import translate
from editor.ui.plain_text import plain_tooltip, text_label

COMMENT_PAUSE_MS = 300  # short: typing is on disk before a crash could take much of it



@dataclass(frozen=True)
class HighlightEntry:
    """A highlight as listed: the row itself, its author's name, its tags, and whether it is the analyst's."""

    highlight: Highlight
    author_name: str
    tags: tuple[TagChip, ...]
    mine: bool


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _normalize(text: str) -> str:
    # The store keeps comment text as non-empty stripped lines; compare in that form.
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


class _CommentEdit(QPlainTextEdit):
    focusLost = Signal()
    escapePressed = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()  # back to the text the highlight is on
            return
        super().keyPressEvent(event)

    def event(self, event) -> bool:
        # Ctrl+Z goes to the window's undo stack, like every other edit.
        if event.type() == event.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return False
        return super().event(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.focusLost.emit()


class HighlightsPanel(QWidget):
    """List of highlights plus an editor for the selected one."""

    highlightSelected = Signal(str)
    colorRequested = Signal(str, str)  # (highlight id, colour)
    commentSaveRequested = Signal(str, str)  # (highlight id, comment html)
    tagAddRequested = Signal(str, str)  # (highlight id, tag)
    tagRemoveRequested = Signal(str, str)
    deleteRequested = Signal(str)
    commentEscaped = Signal()  # Escape in the comment: back to the reading pane

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setObjectName("HighlightList")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setIconSize(QSize(12, 12))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._empty = QLabel(translate(
            "HighlightsPanel", "Select text in the reading pane and press H to highlight it."), self)
        self._empty.setObjectName("Placeholder")
        self._empty.setWordWrap(True)

        self.detail = QWidget(self)
        self.detail.setObjectName("HighlightDetail")
        colors = QHBoxLayout()
        colors.setSpacing(4)
        self._color_buttons: dict[str, QToolButton] = {}
        for color, name in HIGHLIGHT_COLORS:
            button = QToolButton(self.detail)
            button.setIcon(swatch_icon(color, 16))
            button.setToolTip(QCoreApplication.translate("Palette", name))
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.clicked.connect(lambda _=False, c=color: self._request_color(c))
            colors.addWidget(button)
            self._color_buttons[color.casefold()] = button
        colors.addStretch(1)
        self.delete_button = QPushButton(translate("HighlightsPanel", "Delete"), self.detail)
        self.delete_button.setObjectName("DeleteHighlight")
        self.delete_button.setToolTip(translate("HighlightsPanel", "Delete this highlight (Undo brings it back)"))
        self.delete_button.clicked.connect(self._request_delete)
        colors.addWidget(self.delete_button)
        self.author_label = text_label("", self.detail)
        self.author_label.setObjectName("Placeholder")
        self.comment = _CommentEdit(self.detail)
        self.comment.setObjectName("HighlightComment")
        self.comment.setPlaceholderText(translate("HighlightsPanel", "Comment on this highlight…"))
        self.comment.setFixedHeight(72)
        self.comment.setTabChangesFocus(True)
        self.tags = TagEditor(self.detail)
        self.tags.entry.setPlaceholderText(translate("HighlightsPanel", "Tag this highlight…"))
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(0, 4, 0, 0)
        detail_layout.setSpacing(6)
        detail_layout.addLayout(colors)
        detail_layout.addWidget(self.author_label)
        detail_layout.addWidget(self.comment)
        detail_layout.addWidget(self.tags)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self._empty)
        layout.addWidget(self.list)
        layout.addWidget(self.detail)

        self._entries: list[HighlightEntry] = []
        self._current_id = ""
        self._saved_comment = ""
        self._editable = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COMMENT_PAUSE_MS)
        self._timer.timeout.connect(self.flush)
        self.comment.textChanged.connect(self._on_comment_changed)
        self.comment.focusLost.connect(self.flush)
        self.comment.escapePressed.connect(self.commentEscaped)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.tags.tagAddRequested.connect(self._forward_tag_add)
        self.tags.tagRemoveRequested.connect(self._forward_tag_remove)
        self._loading = False
        self._update_visibility()

    def _forward_tag_add(self, name: str) -> None:
        if self._current_id:
            self.tagAddRequested.emit(self._current_id, name)

    def _forward_tag_remove(self, name: str) -> None:
        if self._current_id:
            self.tagRemoveRequested.emit(self._current_id, name)

    # -- content --------------------------------------------------------------------------

    def set_editable(self, editable: bool) -> None:
        """False for a read-only database."""
        self._editable = editable
        self._apply_detail_state()

    def set_vocabulary(self, names: list[str]) -> None:
        """Tag names offered for completion on highlights."""
        self.tags.set_vocabulary(names)

    def set_highlights(self, entries: list[HighlightEntry], select_id: str | None = None) -> None:
        """Show these highlights; keep (or move to) the selected one.

        Called after every saved edit, also while the analyst is typing a comment: the
        list is updated in place and the comment editor keeps its focus and its text, so
        typing is never interrupted (nor the keys after it sent elsewhere).
        """
        keep = select_id if select_id is not None else self._current_id
        typing = self.comment.hasFocus()
        same_rows = [e.highlight.id for e in entries] == [e.highlight.id for e in self._entries]
        self._entries = list(entries)
        self._loading = True
        self.list.blockSignals(True)  # a rebuilt list must not look like the analyst choosing
        try:
            if not same_rows:
                self.list.clear()
                for _entry in entries:
                    self.list.addItem(QListWidgetItem())
            for row, entry in enumerate(entries):
                self._fill_item(self.list.item(row), entry)
            row = next((i for i, e in enumerate(entries) if e.highlight.id == keep), -1)
            self.list.setCurrentRow(row)
        finally:
            self.list.blockSignals(False)
            self._loading = False
        if row < 0:
            self.flush()
        self._show_detail(entries[row] if row >= 0 else None)
        if typing and row >= 0 and not self.comment.hasFocus():
            self.comment.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill_item(self, item: QListWidgetItem, entry: HighlightEntry) -> None:
        h = entry.highlight
        lines = [f"“{_quote(h.exact)}”"]
        if h.comment_text:
            lines.append(_quote(h.comment_text, 80))
        if not entry.mine:
            lines.append(translate("HighlightsPanel", "by {author}").format(author=entry.author_name))
        item.setIcon(swatch_icon(h.color, 12))
        item.setText("\n".join(lines))
        item.setData(Qt.ItemDataRole.UserRole, h.id)
        item.setToolTip(plain_tooltip(translate("HighlightsPanel", "{quote}\nHighlighted by {author}").format(
            quote=h.exact, author=entry.author_name)))

    def focus_comment(self) -> None:
        """Put the cursor at the end of the selected highlight's comment (after H)."""
        if self._current_id and not self.comment.isReadOnly():
            self.comment.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.comment.moveCursor(QTextCursor.MoveOperation.End)

    def entries(self) -> list[HighlightEntry]:
        """The highlights listed, in order."""
        return list(self._entries)

    def current_id(self) -> str:
        """Id of the selected highlight ('' when none)."""
        return self._current_id

    def select(self, highlight_id: str) -> None:
        """Make a highlight the selected one (e.g. after it was clicked in the reading pane)."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == highlight_id:
                self.list.setCurrentRow(row)
                return

    def _on_current_changed(self, current: QListWidgetItem | None, _previous) -> None:
        self.flush()
        highlight_id = current.data(Qt.ItemDataRole.UserRole) if current else ""
        entry = next((e for e in self._entries if e.highlight.id == highlight_id), None)
        self._show_detail(entry)
        if entry is not None and not self._loading:
            self.highlightSelected.emit(entry.highlight.id)

    def _show_detail(self, entry: HighlightEntry | None) -> None:
        same = entry is not None and entry.highlight.id == self._current_id
        if not same:
            self.flush()  # a comment typed on the previous highlight belongs to it
        self._current_id = entry.highlight.id if entry else ""
        self._loading = True
        try:
            if entry is None:
                self.comment.setPlainText("")
                self._saved_comment = ""
                self.tags.set_tags([])
            else:
                h = entry.highlight
                # Text typed since the last save stays in the editor (it is saved at the next pause).
                typed = same and _normalize(self.comment.toPlainText()) != _normalize(self._saved_comment)
                if not typed:
                    if self.comment.toPlainText() != h.comment_text:
                        self.comment.setPlainText(h.comment_text)
                    self._saved_comment = h.comment_text
                for color, button in self._color_buttons.items():
                    button.setChecked(color == h.color.casefold())
                self.tags.set_tags(list(entry.tags))
                self.author_label.setText(translate("HighlightsPanel", "Highlighted by {author}").format(
                    author=entry.author_name))
                self.author_label.setVisible(not entry.mine)
        finally:
            self._loading = False
        self._apply_detail_state()
        self._update_visibility()

    def _apply_detail_state(self) -> None:
        entry = next((e for e in self._entries if e.highlight.id == self._current_id), None)
        mine = bool(entry and entry.mine and self._editable)
        self.comment.setReadOnly(not mine)
        for button in self._color_buttons.values():
            button.setEnabled(mine)
        self.delete_button.setEnabled(mine)
        self.tags.set_editable(mine)

    def _update_visibility(self) -> None:
        has = bool(self._entries)
        self._empty.setVisible(not has)
        self.list.setVisible(has)
        self.detail.setVisible(bool(self._current_id))
        if has:
            # Fit the list to its rows (up to a limit) so the panel does not scroll inside a scroll area.
            height = sum(self.list.sizeHintForRow(i) for i in range(self.list.count())) + 6
            self.list.setFixedHeight(max(40, min(height, 220)))

    # -- edits --------------------------------------------------------------------------
    def _request_color(self, color: str) -> None:
        if self._current_id:
            self.colorRequested.emit(self._current_id, color)

    def _request_delete(self) -> None:
        if self._current_id:
            self.flush()
            self.deleteRequested.emit(self._current_id)

    def _on_comment_changed(self) -> None:
        if self._loading or not self._current_id or self.comment.isReadOnly():
            return
        self._timer.start()

    def flush(self) -> None:
        """Save a typed comment now (after the pause, on focus-out, selection change and close)."""
        self._timer.stop()
        if not self._current_id or self.comment.isReadOnly():
            return
        text = self.comment.toPlainText()
        if _normalize(text) != _normalize(self._saved_comment):
            self._saved_comment = text
            self.commentSaveRequested.emit(self._current_id, text_to_html(text))

    def is_pending(self) -> bool:
        """Whether a typed comment is waiting for its pause."""
        return self._timer.isActive()
