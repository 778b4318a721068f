"""Tag chips with remove buttons and an entry with completion; used for nodes and for highlights."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (QCompleter, QFrame, QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout,
                               QWidget)

from editor.ui.delegates import chip_colors
from editor.ui.flow_layout import FlowLayout, expanding_width_policy
from editor.ui.i18n import translate
from editor.ui.plain_text import plain_tooltip, text_label



@dataclass(frozen=True)
class TagChip:
    """One tag as shown on a node: its colour, whether the analyst may remove it, who added it."""

    name: str
    color: str
    removable: bool
    added_by: str = ""


class _ChipWidget(QFrame):
    removeClicked = Signal(str)

    def __init__(self, chip: TagChip, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TagChip")
        self.chip = chip
        fill, border, text = chip_colors(chip.color)
        self.setStyleSheet(
            f"#TagChip {{ background: {fill.name()}; border: 1px solid {border.name()}; border-radius: 10px; }}"
            f"#TagChip QLabel {{ color: {text.name()}; background: transparent; border: none; }}"
            f"#TagChip QToolButton {{ color: {text.name()}; background: transparent; border: none;"
            f" padding: 0px; font-weight: bold; }}"
            f"#TagChip QToolButton:hover {{ color: #c92a2a; }}")
        # Same height with or without a remove button, so a row of chips lines up.
        self.setFixedHeight(self.fontMetrics().height() + 10)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 4 if chip.removable else 8, 1)
        layout.setSpacing(2)
        label = text_label(chip.name, self)
        layout.addWidget(label)
        if chip.added_by:
            self.setToolTip(plain_tooltip(translate("TagEditor", "Added by {names}").format(names=chip.added_by)))
        if chip.removable:
            button = QToolButton(self)
            button.setText("×")
            button.setObjectName("TagChipRemove")
            button.setToolTip(plain_tooltip(translate("TagEditor", "Remove tag “{tag}”").format(tag=chip.name)))
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setAutoRaise(True)
            button.clicked.connect(lambda: self.removeClicked.emit(self.chip.name))
            layout.addWidget(button)


class TagEditor(QWidget):
    """Chips for the current tags and a line edit that adds one on Enter (with completion)."""

    tagAddRequested = Signal(str)
    tagRemoveRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chips_box = QWidget(self)
        self._chips_box.setSizePolicy(expanding_width_policy())
        self._flow = FlowLayout(self._chips_box, spacing=5)
        self._empty = QLabel(translate("TagEditor", "No tags yet"), self)
        self._empty.setObjectName("Placeholder")
        self.entry = QLineEdit(self)
        self.entry.setObjectName("TagEntry")
        self.entry.setPlaceholderText(translate("TagEditor", "Add a tag and press Enter…"))
        self._vocabulary = QStringListModel(self)
        self.completer = QCompleter(self._vocabulary, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.entry.setCompleter(self.completer)
        self.entry.returnPressed.connect(self._submit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self._chips_box)
        layout.addWidget(self._empty)
        layout.addWidget(self.entry)
        self._chips: list[TagChip] = []
        self._editable = True

    def set_vocabulary(self, names: list[str]) -> None:
        """Every tag in the database, offered as completions."""
        self._vocabulary.setStringList(names)

    def set_tags(self, chips: list[TagChip]) -> None:
        """Show these chips (in the order given)."""
        self._chips = list(chips)
        self._flow.clear()
        for chip in chips:
            if not self._editable and chip.removable:
                chip = TagChip(chip.name, chip.color, False, chip.added_by)
            widget = _ChipWidget(chip, self._chips_box)
            widget.removeClicked.connect(self.tagRemoveRequested)
            self._flow.addWidget(widget)
        self._chips_box.setVisible(bool(chips))
        self._empty.setVisible(not chips)
        self._chips_box.updateGeometry()

    def tags(self) -> list[TagChip]:
        """The chips shown, as given to set_tags."""
        return list(self._chips)

    def set_editable(self, editable: bool) -> None:
        """False: chips lose their remove buttons and the entry is hidden."""
        changed = editable != self._editable
        self._editable = editable
        self.entry.setVisible(editable)
        if changed:
            self.set_tags(self._chips)

    def remove_button(self, name: str) -> QToolButton | None:
        """The × button of a chip (for keyboard users and tests)."""
        for i in range(self._flow.count()):
            item = self._flow.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, _ChipWidget) and widget.chip.name.casefold() == name.casefold():
                return widget.findChild(QToolButton, "TagChipRemove")
        return None

    def _submit(self) -> None:
        name = " ".join(self.entry.text().split())
        if not name:
            return
        self.entry.clear()
        self.tagAddRequested.emit(name)
