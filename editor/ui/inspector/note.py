"""The analyst's rich-text note on a node: a small formatting bar, a text editor that saves
itself after a short pause, and colleagues' notes shown read-only beneath."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (QAction, QColor, QFont, QIcon, QKeyEvent, QKeySequence, QPainter, QPixmap, QTextCharFormat,
                           QTextCursor, QTextDocumentFragment, QTextListFormat)
from PySide6.QtWidgets import (QColorDialog, QInputDialog, QLabel, QSizePolicy, QTextEdit, QToolBar, QVBoxLayout,
                               QWidget)

from editor.ui.note_html import NOTE_STYLESHEET, document_to_html
from editor.ui.i18n import translate

SAVE_PAUSE_MS = 300  # short: typing is on disk before a crash could take much of it



def _link_icon() -> QIcon:
    """Two chain links, drawn: no emoji font is needed for the link button."""
    pixmap = QPixmap(40, 40)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = painter.pen()
    pen.setColor(QColor("#2b3440"))
    pen.setWidthF(3.2)
    painter.setPen(pen)
    painter.translate(20, 20)
    painter.rotate(-45)
    painter.drawRoundedRect(-15, -6, 18, 12, 6, 6)
    painter.drawRoundedRect(-3, -6, 18, 12, 6, 6)
    painter.end()
    return QIcon(pixmap)


def _glyph_icon(text: str, *, bold: bool = False, italic: bool = False, underline: bool = False,
                color: str = "#2b3440") -> QIcon:
    """A crisp toolbar icon drawn from a glyph, so no icon files are needed for the formatting bar."""
    pixmap = QPixmap(40, 40)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    font = QFont()
    font.setPixelSize(24)
    font.setBold(bold)
    font.setItalic(italic)
    font.setUnderline(underline)
    painter.setFont(font)
    painter.setPen(QColor(color))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


class _NoteTextEdit(QTextEdit):
    """Rich-text editor whose Ctrl+Z belongs to the window's undo stack, not the widget's own."""

    focusLost = Signal()

    def sizeHint(self) -> QSize:
        # Room for a short note; the inspector scrolls rather than giving the editor all its height.
        return QSize(super().sizeHint().width(), 150)

    def event(self, event: QEvent) -> bool:
        # Letting the window handle Undo/Redo keeps one history: a note edit undoes like any other edit.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return False
        return super().event(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.focusLost.emit()


class NoteEditor(QWidget):
    """Edits one node's note; asks for it to be saved after a pause, on focus-out and on flush()."""

    saveRequested = Signal(str, str, int)  # (node id, clean html, typing run — merges undo steps)
    pendingChanged = Signal(bool)  # typing not yet saved

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("NoteToolbar")
        self.toolbar.setIconSize(self.toolbar.iconSize().scaled(18, 18, Qt.AspectRatioMode.KeepAspectRatio))
        self.editor = _NoteTextEdit(self)
        self.editor.setObjectName("NoteEdit")
        self.editor.setUndoRedoEnabled(False)
        self.editor.setAcceptRichText(True)
        self.editor.document().setDefaultStyleSheet(NOTE_STYLESHEET)
        self.editor.setPlaceholderText(translate("NoteEditor", "Your note on this part of the report…"))
        self.editor.setMinimumHeight(110)
        self.editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.editor.setTabChangesFocus(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_PAUSE_MS)
        self._timer.timeout.connect(self.flush)
        self._node_id = ""
        self._saved_html: str | None = ""
        self._loading = False
        self._typing_run = 0
        self._run_counter = 0
        self._build_actions()
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.focusLost.connect(self.flush)
        self.editor.currentCharFormatChanged.connect(self._sync_format_buttons)
        self.editor.cursorPositionChanged.connect(self._sync_list_buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.editor)

    # -- formatting bar -------------------------------------------------------------------
    def _build_actions(self) -> None:
        def action(icon: QIcon, text: str, shortcut: str | None, slot, checkable: bool = True) -> QAction:
            act = QAction(icon, text, self)
            act.setCheckable(checkable)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                act.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
            act.triggered.connect(slot)
            self.toolbar.addAction(act)
            self.addAction(act)
            return act

        self.bold_action = action(_glyph_icon("B", bold=True), translate("NoteEditor", "Bold"), "Ctrl+B",
                                  self.toggle_bold)
        self.italic_action = action(_glyph_icon("I", italic=True), translate("NoteEditor", "Italic"), "Ctrl+I",
                                    self.toggle_italic)
        self.underline_action = action(_glyph_icon("U", underline=True), translate("NoteEditor", "Underline"), "Ctrl+U",
                                       self.toggle_underline)
        self.toolbar.addSeparator()
        self.bullet_action = action(_glyph_icon("•≡"), translate("NoteEditor", "Bullet list"), "Ctrl+Shift+8",
                                    lambda: self.toggle_list(QTextListFormat.Style.ListDisc))
        self.number_action = action(_glyph_icon("1≡"), translate("NoteEditor", "Numbered list"), "Ctrl+Shift+7",
                                    lambda: self.toggle_list(QTextListFormat.Style.ListDecimal))
        self.toolbar.addSeparator()
        self.color_action = action(_glyph_icon("A", bold=True, color="#d9480f"),
                                   translate("NoteEditor", "Text colour…"), None,
                                   self.choose_color, checkable=False)
        self.link_action = action(_link_icon(), translate("NoteEditor", "Link…"), "Ctrl+K", self.insert_link,
                                  checkable=False)

    def _merge_format(self, fmt: QTextCharFormat) -> None:
        # With a selection, format it; without, format what is typed next (never the word
        # under the cursor: pressing Ctrl+B after typing a word must not un-bold that word).
        self.editor.mergeCurrentCharFormat(fmt)

    def toggle_bold(self) -> None:
        """Bold on or off for the selection or what is typed next."""
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if self.bold_action.isChecked() else QFont.Weight.Normal)
        self._merge_format(fmt)

    def toggle_italic(self) -> None:
        """Italic on or off for the selection or what is typed next."""
        fmt = QTextCharFormat()
        fmt.setFontItalic(self.italic_action.isChecked())
        self._merge_format(fmt)

    def toggle_underline(self) -> None:
        """Underline on or off for the selection or what is typed next."""
        fmt = QTextCharFormat()
        fmt.setFontUnderline(self.underline_action.isChecked())
        self._merge_format(fmt)

    def toggle_list(self, style: QTextListFormat.Style) -> None:
        """Make the current paragraph(s) a list of ``style``, or plain paragraphs if already one."""
        cursor = self.editor.textCursor()
        current = cursor.currentList()
        cursor.beginEditBlock()
        if current is not None and current.format().style() == style:
            for i in reversed(range(current.count())):
                block = current.item(i)
                if cursor.selectionStart() <= block.position() + block.length() and \
                        block.position() <= max(cursor.selectionEnd(), cursor.position()):
                    current.remove(block)
                    fmt = block.blockFormat()
                    fmt.setIndent(0)
                    QTextCursor(block).setBlockFormat(fmt)
        else:
            list_format = QTextListFormat()
            list_format.setStyle(style)
            list_format.setIndent(1)
            cursor.createList(list_format)
        cursor.endEditBlock()
        self._sync_list_buttons()

    def choose_color(self) -> None:
        """Pick a text colour for the selection or what is typed next."""
        color = QColorDialog.getColor(QColor("#c92a2a"), self, translate("NoteEditor", "Text colour"))
        if color.isValid():
            fmt = QTextCharFormat()
            fmt.setForeground(color)
            self._merge_format(fmt)

    def insert_link(self) -> None:
        """Turn the selection into a link (or insert the address as one)."""
        url, ok = QInputDialog.getText(self, translate("NoteEditor", "Link"),
                                       translate("NoteEditor", "Address (https://…):"))
        url = url.strip()
        if not ok or not url:
            return
        if "://" not in url and not url.startswith("mailto:"):
            url = "https://" + url
        cursor = self.editor.textCursor()
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(url)
        fmt.setForeground(QColor("#1c5fb8"))
        fmt.setFontUnderline(True)
        if cursor.hasSelection():
            cursor.mergeCharFormat(fmt)
        else:
            cursor.insertText(url, fmt)
        self.editor.setCurrentCharFormat(QTextCharFormat())

    def _sync_format_buttons(self, fmt: QTextCharFormat) -> None:
        self.bold_action.setChecked(fmt.fontWeight() >= QFont.Weight.DemiBold.value)
        self.italic_action.setChecked(fmt.fontItalic())
        self.underline_action.setChecked(fmt.fontUnderline())

    def _sync_list_buttons(self) -> None:
        current = self.editor.textCursor().currentList()
        style = current.format().style() if current is not None else None
        self.bullet_action.setChecked(style == QTextListFormat.Style.ListDisc)
        self.number_action.setChecked(style == QTextListFormat.Style.ListDecimal)

    # -- loading and saving ---------------------------------------------------------------
    def node_id(self) -> str:
        """The node whose note is being edited."""
        return self._node_id

    def load(self, node_id: str, html: str, *, editable: bool) -> None:
        """Show the analyst's note on ``node_id`` (saving any pending typing on the previous node first)."""
        if node_id != self._node_id:
            self.flush()
        self._loading = True
        try:
            self._node_id = node_id
            self._saved_html = html
            cursor_position = self.editor.textCursor().position()
            self.editor.setHtml(html)
            if self.editor.hasFocus():
                cursor = self.editor.textCursor()
                cursor.setPosition(min(cursor_position, self.editor.document().characterCount() - 1))
                self.editor.setTextCursor(cursor)
            self.editor.setReadOnly(not editable)
            self.toolbar.setEnabled(editable)
        finally:
            self._loading = False
        self._typing_run = 0

    def reload_if_idle(self, html: str) -> None:
        """The stored note changed (undo, redo): show it unless the analyst is mid-typing."""
        if self._timer.isActive():
            return
        if html != self._saved_html or document_to_html(self.editor.document()) != html:
            self.load(self._node_id, html, editable=not self.editor.isReadOnly())

    def mark_unsaved(self, node_id: str) -> None:
        """The last save of ``node_id`` failed: treat the text as not yet saved."""
        if node_id == self._node_id:
            self._saved_html = None  # differs from any html, so the next flush saves again

    def current_html(self) -> str:
        """The editor's content as the clean HTML that would be stored."""
        return document_to_html(self.editor.document())

    def is_pending(self) -> bool:
        """Whether typing is waiting for its pause to be saved."""
        return self._timer.isActive()

    def _on_text_changed(self) -> None:
        if self._loading or not self._node_id or self.editor.isReadOnly():
            return
        if not self._typing_run:
            self._run_counter += 1
            self._typing_run = self._run_counter
        self._timer.start()
        self.pendingChanged.emit(True)

    def flush(self) -> None:
        """Save typed changes now (called after the pause, on focus-out, node change and close)."""
        was_pending = self._timer.isActive()
        self._timer.stop()
        if self._node_id and not self.editor.isReadOnly():
            html = document_to_html(self.editor.document())
            if html != self._saved_html:
                self._saved_html = html
                self.saveRequested.emit(self._node_id, html, self._typing_run)
        if not self.editor.hasFocus():
            self._typing_run = 0  # leaving the editor ends the typing run: the next edit is its own undo step
        if was_pending:
            self.pendingChanged.emit(False)


class ColleagueNotes(QWidget):
    """Other analysts' notes on the node, read-only, each under its author's name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 4, 0, 0)
        self._layout.setSpacing(6)
        self._labels: list[QLabel] = []

    def set_notes(self, notes: list[tuple[str, str]]) -> None:
        """(author name, sanitised html) pairs."""
        for label in self._labels:
            self._layout.removeWidget(label)
            label.hide()
            label.deleteLater()
        self._labels = []
        for author, html in notes:
            label = QLabel(self)
            label.setObjectName("ColleagueNote")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setOpenExternalLinks(False)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            header = translate("NoteEditor", "Note by {author}").format(author=author)
            label.setText(f"<div style='color:#5b6b80; font-size:small'><b>{_escape(header)}</b></div>{html}")
            self._layout.addWidget(label)
            self._labels.append(label)
        self.setVisible(bool(notes))

    def texts(self) -> list[str]:
        """Each colleague's note as shown, in plain text (its author's name first)."""
        return [QTextDocumentFragment.fromHtml(label.text()).toPlainText() for label in self._labels]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
