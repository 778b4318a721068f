"""Filtering the outline: a proxy that keeps matching rows and their ancestors, and the bar that drives it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from editor.ui.outline.model import OutlineModel
from editor.ui.i18n import translate



# How long typing in the filter must pause before the tree is filtered.
TYPING_PAUSE_MS = 150


@dataclass(frozen=True)
class FilterCriteria:
    """What the analyst asked to see; the empty criteria show everything."""

    text: str = ""
    tag: str = ""
    min_rating: int = 0
    rating_dimension: str = ""  # the dimension min_rating is about ('' : the first)
    annotated_only: bool = False

    def is_empty(self) -> bool:
        """True when nothing is filtered."""
        return not (self.text.strip() or self.tag or self.min_rating or self.annotated_only)


class OutlineFilterProxy(QSortFilterProxyModel):
    """Shows the rows of a set decided in Python once per filter: the matching nodes and their ancestors.

    Qt's recursive filtering would find the ancestors itself, but it does so by asking
    about every descendant of every row through Python (tens of thousands of calls on a
    large outline, even when nothing matches). Here one pass over the candidate nodes
    marks each match and walks up to the first ancestor already marked, so
    :meth:`filterAcceptsRow` is a list lookup and recursive filtering stays off.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(False)
        self._criteria = FilterCriteria()
        self._text_ids: set[str] | None = None  # node ids matching the text, from the store's search
        self._model: OutlineModel | None = None
        self._shown: list[bool] | None = None  # by item serial; None while nothing is filtered
        self._open_rows: list[int] = []  # by item serial: how many of its children are shown

    def setSourceModel(self, model) -> None:
        super().setSourceModel(model)
        self._model = model if isinstance(model, OutlineModel) else None
        if self._model is not None:
            # A reloaded outline has new serials, new summaries change answers: decide again
            # before Qt asks. The first two come inside a reset / layout change, after which Qt
            # re-filters every row it needs anyway; one node's change comes before its dataChanged.
            self._model.outlineReplaced.connect(self._decide)
            self._model.summariesReplaced.connect(self._decide)
            self._model.summaryReplaced.connect(self.node_changed)

    def criteria(self) -> FilterCriteria:
        """The criteria in force."""
        return self._criteria

    def set_criteria(self, criteria: FilterCriteria, text_ids: set[str] | None) -> None:
        """Apply new criteria; ``text_ids`` is the store's answer for ``criteria.text`` (None: no text)."""
        self._criteria = criteria
        self._text_ids = text_ids if criteria.text.strip() else None
        self._decide()
        # invalidate() drops every row mapping, so the proxy re-filters only what the view asks
        # for next (the visible rows) instead of every mapping it has ever built.
        self.invalidate()

    def _decide(self) -> None:
        self._shown, self._open_rows = self._compute()

    def _compute(self) -> tuple[list[bool] | None, list[int]]:
        """(shown by item serial, shown children by item serial) for the criteria in force."""
        model = self._model
        if self._criteria.is_empty() or model is None:
            return None, []
        items = model.items
        shown = [False] * len(items)
        open_rows = [0] * len(items)
        # Every criterion but the text one needs an annotation, so the candidates are the
        # text matches or the annotated nodes: never the whole outline.
        criteria = self._criteria
        candidates = self._text_ids if self._text_ids is not None else model.summaries.keys()
        needs_summary = bool(criteria.tag or criteria.min_rating or criteria.annotated_only)
        for node_id in candidates:
            item = model.item_for_node_id(node_id)
            if item is None or (needs_summary and not self.accepts(node_id)):
                continue
            # Mark the match and walk up to the first row already shown: its ancestors are shown too.
            while item.serial and not shown[item.serial] and item.parent is not None:
                shown[item.serial] = True
                item = item.parent
                open_rows[item.serial] += 1
        return shown, open_rows

    def _redecide(self) -> None:
        """A summary changed (an edit): re-filter the rows Qt already mapped if any answer changed."""
        shown, open_rows = self._compute()
        if shown == self._shown:
            self._open_rows = open_rows
            return
        # Without recursive filtering Qt re-checks only the row whose data changed; a parent
        # whose last match went away (or whose first arrived) must be re-checked too.
        self.beginFilterChange()
        self._shown, self._open_rows = shown, open_rows
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def node_changed(self, _node_id: str) -> None:
        """A node's summary changed (tag, rating…): decide again before Qt re-filters its row."""
        if self._shown is not None:
            self._redecide()

    def parents_to_open(self) -> list[tuple[int, int]]:
        """(serial, shown children) of every row that must be expanded to show the matches, in outline order."""
        return [(serial, rows) for serial, rows in enumerate(self._open_rows) if rows and serial]

    def accepts(self, node_id: str) -> bool:
        """Whether a node itself meets the criteria (its ancestors are shown because of it)."""
        criteria = self._criteria
        if self._text_ids is not None and node_id not in self._text_ids:
            return False
        summary = self._model.summaries.get(node_id) if self._model is not None else None
        if criteria.annotated_only and summary is None:
            return False
        if criteria.tag:
            wanted = criteria.tag.casefold()
            if summary is None or all(name.casefold() != wanted for name in summary.tag_names):
                return False
        if criteria.min_rating:
            if summary is None:
                return False
            value = (dict(summary.my_ratings).get(criteria.rating_dimension, 0) if criteria.rating_dimension
                     else summary.primary_rating or 0)
            if value < criteria.min_rating:
                return False
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        shown, model = self._shown, self._model
        if shown is None or model is None:
            return True
        return shown[model.items[source_parent.internalId()].children[source_row].serial]


class FilterBar(QWidget):
    """Free text, tag, minimum rating and “annotated only” above the tree."""

    criteriaChanged = Signal(object)  # FilterCriteria

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FilterBar")
        self.text_edit = QLineEdit(self)
        self.text_edit.setObjectName("FilterText")
        self.text_edit.setPlaceholderText(translate("OutlineFilter", "Filter titles, text, notes, comments…"))
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.setToolTip(translate("OutlineFilter", "Show only nodes whose title, text, note or "
                                            "highlight comment contains this (Ctrl+F)"))
        self.tag_combo = QComboBox(self)
        self.tag_combo.setObjectName("FilterTag")
        self.tag_combo.setToolTip(translate("OutlineFilter", "Show only nodes with this tag"))
        self.tag_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.rating_combo = QComboBox(self)
        self.rating_combo.setObjectName("FilterRating")
        self.annotated_check = QCheckBox(translate("OutlineFilter", "Annotated"), self)
        self.annotated_check.setObjectName("FilterAnnotated")
        self.annotated_check.setToolTip(translate("OutlineFilter",
                                                  "Show only nodes with tags, ratings, a note or highlights"))

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.text_edit)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.setSpacing(6)
        bottom.addWidget(self.tag_combo, 1)
        bottom.addWidget(self.rating_combo, 1)
        bottom.addWidget(self.annotated_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(bottom)

        self.set_tags([])
        self.set_rating_dimension(translate("OutlineFilter", "Rating"), 5)

        # A short pause batches fast typing: each pause costs one search in the store and one
        # rebuild of the tree, so "風險" typed quickly filters once, not for "風" first.
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TYPING_PAUSE_MS)
        self._text_timer.timeout.connect(self._emit)
        self.text_edit.textChanged.connect(lambda _text: self._text_timer.start())
        self.tag_combo.currentIndexChanged.connect(lambda _i: self._emit())
        self.rating_combo.currentIndexChanged.connect(lambda _i: self._emit())
        self.annotated_check.toggled.connect(lambda _on: self._emit())

    def set_tags(self, names: list[str]) -> None:
        """Offer these tags in the combo, keeping the current choice when it still exists."""
        current = self.tag_combo.currentData() or ""
        self.tag_combo.blockSignals(True)
        self.tag_combo.clear()
        self.tag_combo.addItem(translate("OutlineFilter", "Any tag"), "")
        for name in names:
            self.tag_combo.addItem(name, name)
        found = self.tag_combo.findData(current) if current else 0
        self.tag_combo.setCurrentIndex(max(0, found))
        self.tag_combo.blockSignals(False)
        if current and found < 0:
            self._emit()

    def set_rating_dimension(self, name: str, maximum: int) -> None:
        """Offer minimum ratings of one dimension only (before any database is open)."""
        self.set_rating_dimensions([("", name, maximum)])

    def set_rating_dimensions(self, dimensions: list[tuple[str, str, int]]) -> None:
        """Offer a minimum rating on every dimension: (id, shown name, maximum), the first one first."""
        current = self._rating_choice()
        self.rating_combo.blockSignals(True)
        self.rating_combo.clear()
        self.rating_combo.addItem(translate("OutlineFilter", "Any rating"), ("", 0))
        for index, (dimension_id, name, maximum) in enumerate(dimensions):
            key = "" if index == 0 else dimension_id  # the first is read from the summary's primary rating
            for value in range(1, maximum + 1):
                label = translate("OutlineFilter", "{dimension} ≥ {value}").format(dimension=name, value=value)
                self.rating_combo.addItem(label, (key, value))
        choices = [self.rating_combo.itemData(i) for i in range(self.rating_combo.count())]
        self.rating_combo.setCurrentIndex(choices.index(current) if current in choices else 0)
        self.rating_combo.setToolTip(translate("OutlineFilter", "Show only nodes you rated at least this"))
        self.rating_combo.blockSignals(False)

    def rating_index(self, value: int, dimension_id: str = "") -> int:
        """Row of the choice "at least ``value`` on ``dimension_id``" ('' the first dimension); -1 if none."""
        for row in range(self.rating_combo.count()):
            if tuple(self.rating_combo.itemData(row)) == (dimension_id, value):
                return row
        return -1

    def _rating_choice(self) -> tuple[str, int]:
        data = self.rating_combo.currentData()
        return (str(data[0]), int(data[1])) if isinstance(data, (tuple, list)) and len(data) == 2 else ("", 0)

    def criteria(self) -> FilterCriteria:
        """The criteria in force."""
        return FilterCriteria(
            text=self.text_edit.text(),
            tag=self.tag_combo.currentData() or "",
            min_rating=self._rating_choice()[1],
            rating_dimension=self._rating_choice()[0],
            annotated_only=self.annotated_check.isChecked(),
        )

    def clear(self) -> None:
        """Show everything again."""
        for widget in (self.text_edit, self.tag_combo, self.rating_combo, self.annotated_check):
            widget.blockSignals(True)
        self.text_edit.clear()
        self.tag_combo.setCurrentIndex(0)
        self.rating_combo.setCurrentIndex(0)
        self.annotated_check.setChecked(False)
        for widget in (self.text_edit, self.tag_combo, self.rating_combo, self.annotated_check):
            widget.blockSignals(False)
        self._emit()

    def flush(self) -> None:
        """Apply typed text now instead of after the pause."""
        if self._text_timer.isActive():
            self._text_timer.stop()
            self._emit()

    def _emit(self) -> None:
        self.criteriaChanged.emit(self.criteria())
