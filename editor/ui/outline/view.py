"""The outline tree view: keyboard-first navigation over the filtered outline."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from editor.ui.delegates import MarksDelegate, StarDelegate, TagChipsDelegate
from editor.ui.outline.model import Column


class OutlineView(QTreeView):
    """Tree of chapters › sections › points: j/k move like the arrows, stars and chips painted by delegates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OutlineTree")
        self.setUniformRowHeights(True)  # lets Qt lay out thousands of rows without measuring each
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setMouseTracking(True)
        self.setExpandsOnDoubleClick(False)
        self.setIndentation(14)
        self.setAnimated(False)
        self.star_delegate = StarDelegate(self)
        self.tag_delegate = TagChipsDelegate(self)
        self.marks_delegate = MarksDelegate(self)
        self.setItemDelegateForColumn(Column.Rating, self.star_delegate)
        self.setItemDelegateForColumn(Column.Tags, self.tag_delegate)
        self.setItemDelegateForColumn(Column.Marks, self.marks_delegate)

    def configure_header(self) -> None:
        """Column sizes: the title takes the room, stars and markers keep theirs (call after setModel)."""
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.Title, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.Rating, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(Column.Tags, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.Marks, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(Column.Rating, 78)
        header.resizeSection(Column.Tags, 96)
        header.resizeSection(Column.Marks, 40)
        header.setMinimumSectionSize(30)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # j/k move like Down/Up (the vi habit many readers have); everything else as usual.
        if event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            if event.key() == Qt.Key.Key_J:
                self.move_current(+1)
                return
            if event.key() == Qt.Key.Key_K:
                self.move_current(-1)
                return
        super().keyPressEvent(event)

    def move_current(self, step: int) -> None:
        """Move the current row one visible row down (+1) or up (-1)."""
        current = self.currentIndex()
        target = self.indexBelow(current) if step > 0 else self.indexAbove(current)
        if not current.isValid():
            target = self.model().index(0, 0) if self.model() else target
        if target.isValid():
            self.setCurrentIndex(target)
            self.scrollTo(target)

    def keyboardSearch(self, search: str) -> None:
        # Letters are shortcuts here (t, n, h, j, k); jumping to a title by its first letter would steal them.
        return
