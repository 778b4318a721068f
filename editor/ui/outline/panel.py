"""The left panel: filter bar over the outline tree, with the model, the filtering proxy and the
expansion the analyst chose (remembered apart from the temporary expansion a filter needs)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from editor.core.annotations import Node, NodeSummary
from editor.ui.i18n import translate
from editor.ui.outline.filter import FilterBar, FilterCriteria, OutlineFilterProxy
from editor.ui.outline.model import OutlineModel
from editor.ui.outline.view import OutlineView

# Once a filter's first screenful is shown, the other parents of matches are expanded in
# slices of about REVEAL_SLICE_MS per event-loop turn (REVEAL_STEP parents between clock
# checks), starting REVEAL_DELAY_MS later so that the first screen is painted before.
REVEAL_SLICE_MS = 15
REVEAL_STEP = 8
REVEAL_DELAY_MS = 100


class OutlinePanel(QWidget):
    """Tree of the report's outline with its filter bar; emits the node the analyst moved to."""

    currentNodeChanged = Signal(str)

    def __init__(self, text_matcher: Callable[[str], set[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OutlinePanel")
        self._text_matcher = text_matcher  # text -> ids of matching nodes (the store's search)
        self.model = OutlineModel(self)
        self.proxy = OutlineFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_bar = FilterBar(self)
        self.tree = OutlineView(self)
        self.tree.setModel(self.proxy)
        self.tree.configure_header()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        self.no_match = QLabel(translate("OutlinePanel", "Nothing matches the filter."), self)
        self.no_match.setObjectName("Placeholder")
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setWordWrap(True)
        self.no_match.hide()
        layout.addWidget(self.no_match)
        layout.addWidget(self.tree)
        self._expanded: set[str] = set()  # the analyst's expanded nodes (unfiltered tree)
        self._reveal_generation = 0
        self._revealing = False
        self.filter_bar.criteriaChanged.connect(self.apply_filter)
        # Rows also vanish without a new filter (a rating below the minimum): keep the hint true.
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset,
                       self.proxy.layoutChanged):
            signal.connect(self._update_no_match)
        self.tree.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.tree.expanded.connect(lambda index: self._on_expansion_changed(index, True))
        self.tree.collapsed.connect(lambda index: self._on_expansion_changed(index, False))

    # -- content -----------------------------------------------------------------------------
    def load(self, nodes: list[Node], summaries: dict[str, NodeSummary], expanded: list[str],
             current: str) -> None:
        """Show an outline, reopening the nodes the analyst had open and selecting ``current``."""
        self.model.load(nodes, summaries)
        if not self.proxy.criteria().is_empty():
            self.apply_filter(self.proxy.criteria())
        self._expanded = set()
        self._set_expanded(expanded)
        if not self.select_node(current):
            first = self.proxy.index(0, 0)
            if first.isValid():
                self.tree.setCurrentIndex(first)

    def expanded_ids(self) -> list[str]:
        """Nodes the analyst has open (in the unfiltered tree), for saving."""
        return sorted(self._expanded)

    def current_node_id(self) -> str:
        """The node of the tree's current row ('' when none)."""
        index = self.tree.currentIndex()
        return (self.model.node_id_for_index(self.proxy.mapToSource(index)) or "") if index.isValid() else ""

    def select_node(self, node_id: str) -> bool:
        """Make ``node_id`` current (expanding its ancestors); False if it is not in the visible outline."""
        if not node_id:
            return False
        index = self.proxy.mapFromSource(self.model.index_for_node_id(node_id))
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.tree.setExpanded(parent, True)
            parent = parent.parent()
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.tree.scrollTo(index)
        return True

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node_id = self.model.node_id_for_index(self.proxy.mapToSource(current)) if current.isValid() else None
        if node_id:
            self.currentNodeChanged.emit(node_id)

    def visible_node_ids(self) -> list[str]:
        """Node ids of every row the filtered tree shows, in order (for tests and scripts)."""
        out: list[str] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                node_id = self.model.node_id_for_index(self.proxy.mapToSource(index))
                if node_id:
                    out.append(node_id)
                walk(index)

        walk(QModelIndex())
        return out

    # -- expansion ---------------------------------------------------------------------------
    def _on_expansion_changed(self, index: QModelIndex, expanded: bool) -> None:
        # Only the analyst's own unfiltered layout is remembered; a filter's expansions are temporary.
        if not self.proxy.criteria().is_empty():
            return
        node_id = self.model.node_id_for_index(self.proxy.mapToSource(index))
        if node_id:
            (self._expanded.add if expanded else self._expanded.discard)(node_id)

    def expand_all(self) -> None:
        """View › Expand all."""
        self.tree.expandAll()
        if self.proxy.criteria().is_empty():
            self._expanded = {n for n in self.model.node_ids() if self.model.children_of(n)}

    def collapse_all(self) -> None:
        """View › Collapse all."""
        self.tree.collapseAll()
        if self.proxy.criteria().is_empty():
            self._expanded = set()

    def _set_expanded(self, node_ids) -> None:
        was_enabled = self.tree.updatesEnabled()
        self.tree.setUpdatesEnabled(False)
        try:
            for node_id in list(node_ids):
                index = self.proxy.mapFromSource(self.model.index_for_node_id(node_id))
                if index.isValid():
                    self.tree.setExpanded(index, True)
        finally:
            self.tree.setUpdatesEnabled(was_enabled)

    # -- filtering -----------------------------------------------------------------------------
    def refilter(self) -> None:
        """Run the current filter again: what it matches changed, not what the analyst asked for."""
        criteria = self.proxy.criteria()
        if not criteria.is_empty():
            self.apply_filter(criteria)

    def apply_filter(self, criteria: FilterCriteria) -> None:
        """Show only matching nodes (with their ancestors); the store answers the text part."""
        text = criteria.text.strip()
        ids = self._text_matcher(text) if text else None
        was_empty = self.proxy.criteria().is_empty()
        current = self.current_node_id()
        self._reveal_generation += 1  # expansions still queued for an older filter are dropped
        self._revealing = False
        self.tree.setUpdatesEnabled(False)
        try:
            # Everything collapsed first: thousands of rows appearing or vanishing under expanded
            # parents cost the view seconds of relayout; under collapsed ones they cost nothing.
            # reset() forgets the expansion without laying out the old rows again (collapseAll
            # would, and would emit "collapsed" per row, wiping the analyst's own expansion that
            # comes back when the filter is cleared); the current row is set again below.
            self.tree.reset()
            self.proxy.set_criteria(criteria, ids)
            if not criteria.is_empty():
                self._reveal_first_screen(self.proxy.parents_to_open())
            elif not was_empty:
                self._set_expanded(self._expanded)
        finally:
            self.tree.setUpdatesEnabled(True)
        self._update_no_match()
        if current:
            index = self.proxy.mapFromSource(self.model.index_for_node_id(current))
            if index.isValid():
                self.tree.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.tree.scrollTo(index)

    def _screen_rows(self) -> int:
        """How many rows fit in the tree's viewport, at least.

        The line spacing is a lower bound on a row's height (asking the view for the real
        one would force the layout that expanding is meant to postpone), so this errs on
        the side of opening a few rows too many.
        """
        return self.tree.viewport().height() // max(1, self.tree.fontMetrics().lineSpacing()) + 1

    def _reveal_first_screen(self, parents: list[tuple[int, int]]) -> None:
        """Expand, in outline order, just enough parents to fill the screen; queue the rest.

        A one-character filter can keep thousands of rows under hundreds of parents; opening
        them all at once would hold the keyboard for a noticeable moment. Parents come in
        outline order, so once the rows they open fill the viewport, the top of the tree
        (what the analyst sees) is complete and the others can open between keystrokes.
        """
        wanted = self._screen_rows() + 2
        rows = 0
        first = 0
        for first, (_serial, children) in enumerate(parents, start=1):  # noqa: B007 - read after the loop
            rows += children
            if rows >= wanted:
                break
        self._expand_serials([serial for serial, _rows in parents[:first]])
        self._queue_reveal([serial for serial, _rows in parents[first:]], self._reveal_generation, first=True)

    def _queue_reveal(self, serials: list[int], generation: int, *, first: bool = False) -> None:
        self._revealing = bool(serials)
        if serials:
            # The first batch waits a moment so the screenful already opened is painted first.
            QTimer.singleShot(REVEAL_DELAY_MS if first else 0, lambda: self._reveal(serials, generation))

    def _reveal(self, serials: list[int], generation: int) -> None:
        """Expand parents of matches for a short slice of time; the rest wait for the next event-loop turn.

        Slicing by time rather than by count keeps each turn short on any machine, so keys
        typed meanwhile are handled at once.
        """
        if generation != self._reveal_generation:
            return  # a newer filter has taken over (and reset the flag)
        deadline = time.perf_counter() + REVEAL_SLICE_MS / 1000
        done = 0
        while done < len(serials) and time.perf_counter() < deadline:
            self._expand_serials(serials[done:done + REVEAL_STEP])
            done += REVEAL_STEP
        self._queue_reveal(serials[done:], generation)

    def _expand_serials(self, serials: list[int]) -> None:
        items = self.model.items
        self._set_expanded(items[serial].node.id for serial in serials)

    def _update_no_match(self, *_args) -> None:
        self.no_match.setVisible(not self.proxy.criteria().is_empty() and self.proxy.rowCount() == 0)

    def is_revealing(self) -> bool:
        """Whether filtered rows are still being expanded in the background."""
        return self._revealing
