"""The outline as a Qt item model over the store: chapters › sections › points.

Items cache their parent and row so ``parent()`` is O(1); node ids (stable across
the store, exports and settings) are the handles that cross layers, never
QModelIndex values or display text.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from editor.core.annotations import Node, NodeSummary
from editor.ui.i18n import translate
from editor.ui.plain_text import plain_tooltip

_ROLE_BASE = int(Qt.ItemDataRole.UserRole)


class Roles(IntEnum):
    """Custom data roles of :class:`OutlineModel`."""

    NodeId = _ROLE_BASE + 1
    Node = _ROLE_BASE + 2
    Summary = _ROLE_BASE + 3
    Rating = _ROLE_BASE + 4  # int, 0 when unrated
    Tags = _ROLE_BASE + 5  # list of (name, colour)
    Marks = _ROLE_BASE + 6  # (has_note, highlight_count)


class Column(IntEnum):
    """Columns of the outline tree."""

    Title = 0
    Rating = 1
    Tags = 2
    Marks = 3



def display_label(node: Node) -> str:
    """How a heading reads in the tree: ``一、Title`` for chapters, ``1.1 Title`` below."""
    number = node.number.strip()
    if not number:
        return node.title
    if number[-1].isdigit() and number.isascii():
        return f"{number}  {node.title}"
    return f"{number}、{node.title}"


_COLUMNS = len(Column)
# Roles as plain ints, looked up once: data() compares them for every cell painted.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_NODE_ID, _NODE, _SUMMARY, _RATING, _TAGS, _MARKS = (int(role) for role in Roles)
_ANSWERED_ROLES = frozenset({_DISPLAY, _EDIT, _TOOLTIP, _NODE_ID, _NODE, _SUMMARY, _RATING, _TAGS, _MARKS})
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE_FLAGS = _FLAGS | Qt.ItemFlag.ItemIsEditable
_LEAF_FLAGS = _FLAGS | Qt.ItemFlag.ItemNeverHasChildren
_EDITABLE_LEAF_FLAGS = _EDITABLE_FLAGS | Qt.ItemFlag.ItemNeverHasChildren
_RATING_COLUMN = int(Column.Rating)


class OutlineItem:
    """One row of the outline: its node, parent, row among its siblings and children (cached for O(1) parent())."""

    __slots__ = ("children", "node", "parent", "row", "serial")

    def __init__(self, node: Node | None, parent: OutlineItem | None, row: int, serial: int) -> None:
        self.node = node
        self.parent = parent
        self.row = row
        self.serial = serial  # what QModelIndex carries: an integer id, never a Python pointer
        self.children: list[OutlineItem] = []


class OutlineModel(QAbstractItemModel):
    """Read-mostly tree model; rating edits are forwarded as a request, never written here."""

    ratingEdited = Signal(str, int)  # (node id, value; 0 clears) — the window turns it into a command
    # Emitted before the matching reset / dataChanged, so a proxy can update its own state first.
    outlineReplaced = Signal()
    summaryReplaced = Signal(str)  # node id
    summariesReplaced = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = OutlineItem(None, None, 0, 0)
        # Position = serial; the root sits at 0, which is also what an invalid index carries,
        # so lookups need no isValid() round trip into Qt.
        self._items: list[OutlineItem] = [self._root]
        self._by_id: dict[str, OutlineItem] = {}
        self._summaries: dict[str, NodeSummary] = {}
        self._rating_title = translate("OutlineModel", "Rating")
        self._rating_max = 5
        self._editable = True

    # -- loading -----------------------------------------------------------------
    def load(self, nodes: list[Node], summaries: dict[str, NodeSummary]) -> None:
        """Replace the whole outline (nodes in pre-order, as the store returns them)."""
        self.beginResetModel()
        root = OutlineItem(None, None, 0, 0)
        by_id: dict[str, OutlineItem] = {}
        items: list[OutlineItem] = [root]
        for node in nodes:
            parent = by_id.get(node.parent_id) if node.parent_id else root
            if parent is None:  # an orphan would be a store bug; show it at the top rather than lose it
                parent = root
            item = OutlineItem(node, parent, len(parent.children), len(items))
            parent.children.append(item)
            items.append(item)
            by_id[node.id] = item
        self._root = root
        self._items = items
        self._by_id = by_id
        self._summaries = dict(summaries)
        self.outlineReplaced.emit()
        self.endResetModel()

    def set_rating_scale(self, title: str, maximum: int) -> None:
        """Name and top of the first rating dimension, shown in the rating column."""
        self._rating_title = title
        self._rating_max = maximum
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, Column.Rating, Column.Rating)

    @property
    def rating_max(self) -> int:
        """Top of the first dimension's scale (stars drawn)."""
        return self._rating_max

    def set_editable(self, editable: bool) -> None:
        """False for a read-only database: the rating column stops accepting edits."""
        self._editable = editable

    def set_summaries(self, summaries: dict[str, NodeSummary]) -> None:
        """Replace every row's summary (after a tag colour change, showing or hiding colleagues).

        Thousands of rows under thousands of parents change at once: one dataChanged per
        parent would cost Qt and Python a second; a layout change (no row moves, expansion
        and selection are kept) makes the views re-read just the rows they show.
        """
        self.layoutAboutToBeChanged.emit()
        self._summaries = dict(summaries)
        self.summariesReplaced.emit()
        self.layoutChanged.emit()

    def update_summary(self, node_id: str, summary: NodeSummary | None) -> None:
        """One node's annotations changed: refresh just that row."""
        item = self._by_id.get(node_id)
        if item is None:
            return
        if summary is None:
            self._summaries.pop(node_id, None)
        else:
            self._summaries[node_id] = summary
        self.summaryReplaced.emit(node_id)
        left = self.createIndex(item.row, 0, item.serial)
        right = self.createIndex(item.row, len(Column) - 1, item.serial)
        self.dataChanged.emit(left, right)

    # -- lookups -------------------------------------------------------------------
    def node(self, node_id: str) -> Node | None:
        """The node with this id in the outline (None if absent)."""
        item = self._by_id.get(node_id)
        return item.node if item else None

    def summary(self, node_id: str) -> NodeSummary | None:
        """What the row shows for a node (None: nothing recorded on it)."""
        return self._summaries.get(node_id)

    @property
    def summaries(self) -> dict[str, NodeSummary]:
        """Per-node summaries (read-only use: the filter reads them for every row)."""
        return self._summaries

    def children_of(self, node_id: str) -> list[Node]:
        """A node's children in outline order."""
        item = self._by_id.get(node_id)
        return [child.node for child in item.children if child.node is not None] if item else []

    def descendants(self, node_id: str) -> list[Node]:
        """Every node below ``node_id`` in reading order."""
        item = self._by_id.get(node_id)
        out: list[Node] = []
        stack = list(reversed(item.children)) if item else []
        while stack:
            child = stack.pop()
            if child.node is not None:  # only the invisible root has none
                out.append(child.node)
            stack.extend(reversed(child.children))
        return out

    def node_ids(self) -> list[str]:
        """Every node id, in outline (pre-)order."""
        return list(self._by_id)

    def index_for_node_id(self, node_id: str, column: int = 0) -> QModelIndex:
        """The index of a node by its stable id (invalid if the node is not in this outline)."""
        item = self._by_id.get(node_id)
        if item is None:
            return QModelIndex()
        return self.createIndex(item.row, column, item.serial)

    def node_id_for_index(self, index: QModelIndex | QPersistentModelIndex) -> str | None:
        """The node id an index points at (None for the root or an invalid index)."""
        item = self._item(index)
        return item.node.id if item is not self._root and item.node else None

    def _index_for_item(self, item: OutlineItem) -> QModelIndex:
        return self.createIndex(item.row, 0, item.serial)

    def _item(self, index: QModelIndex | QPersistentModelIndex) -> OutlineItem:
        # Integer ids instead of internalPointer(): a stale index can never reach freed memory.
        serial = index.internalId()
        return self._items[serial] if 0 <= serial < len(self._items) else self._root

    def item_for_node_id(self, node_id: str) -> OutlineItem | None:
        """The outline item of a node (None if absent): the filter proxy walks items, not indexes."""
        return self._by_id.get(node_id)

    @property
    def items(self) -> list:
        """Outline items by serial (0 is the root); the filter proxy's fast path reads them."""
        return self._items

    # -- QAbstractItemModel --------------------------------------------------------
    # These run tens of thousands of times when a filter is applied: kept to the bare minimum.
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if parent.column() > 0:  # -1 for the root, 0 for a title cell: only those have children
            return QModelIndex()
        children = self._items[parent.internalId()].children
        if 0 <= row < len(children) and 0 <= column < _COLUMNS:
            return self.createIndex(row, column, children[row].serial)
        return QModelIndex()

    def parent(self, index: QModelIndex = QModelIndex()):  # type: ignore[override]
        parent = self._items[index.internalId()].parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent.serial)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.column() > 0 else len(self._items[parent.internalId()].children)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return _COLUMNS

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return parent.column() <= 0 and bool(self._items[parent.internalId()].children)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return _NO_FLAGS
        # Points never get children (the outline is fixed once loaded): saying so spares the
        # view and the filter proxy from asking, row by row. The combinations are constants:
        # or-ing enum flags here would cost more than the rest of the call.
        leaf = not self._items[index.internalId()].children
        if index.column() == _RATING_COLUMN and self._editable:
            return _EDITABLE_LEAF_FLAGS if leaf else _EDITABLE_FLAGS
        return _LEAF_FLAGS if leaf else _FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        # Asked a dozen times each time the view lays out rows (expanding a parent): unknown
        # roles leave before anything else is looked at.
        if role != _DISPLAY and role != _TOOLTIP:
            return None
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section == Column.Title:
            return translate("OutlineModel", "Outline")
        if section == Column.Rating:
            return self._rating_title
        if section == Column.Tags:
            return translate("OutlineModel", "Tags")
        if section == Column.Marks:
            return "" if role == _DISPLAY else translate("OutlineModel", "Notes and highlights")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # Asked for a dozen roles per cell on every paint: unknown roles leave at once.
        if role not in _ANSWERED_ROLES:
            return None
        node = self._items[index.internalId()].node
        if node is None:
            return None
        if role == _NODE_ID:
            return node.id
        if role == _NODE:
            return node
        summary = self._summaries.get(node.id)
        if role == _SUMMARY:
            return summary
        column = index.column()
        if column == Column.Title:
            if role == _TOOLTIP:
                return plain_tooltip(display_label(node))  # report text: shown, never interpreted
            return display_label(node) if role == _DISPLAY else None
        if column == Column.Rating:
            value = summary.primary_rating if summary and summary.primary_rating else 0
            if role in (_RATING, _EDIT):
                return value
            if role == _DISPLAY:
                return value or None
            if role == _TOOLTIP:
                if value:
                    return plain_tooltip(translate("OutlineModel", "{dimension}: {value} of {maximum} (your rating)")
                                         .format(dimension=self._rating_title, value=value, maximum=self._rating_max))
                return plain_tooltip(translate("OutlineModel", "{dimension}: not rated — click a star or press 1–5")
                                     .format(dimension=self._rating_title))
            return None
        if column == Column.Tags:
            tags = list(zip(summary.tag_names, summary.tag_colors, strict=True)) if summary else []
            if role == _TAGS:
                return tags
            names = ", ".join(name for name, _ in tags)
            if role == _TOOLTIP:
                return plain_tooltip(names) or None
            if role == _DISPLAY:
                return names or None
            return None
        if column == Column.Marks:
            marks = (summary.has_note, summary.highlight_count) if summary else (False, 0)
            if role == _MARKS:
                return marks
            if role == _TOOLTIP:
                parts = []
                if marks[0]:
                    parts.append(translate("OutlineModel", "Has a note"))
                if marks[1]:
                    parts.append(translate("OutlineModel", "{count} highlight(s)").format(count=marks[1]))
                return " · ".join(parts) or None
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        # The model does not write: it forwards the request so the edit becomes an undoable command.
        if (not index.isValid() or index.column() != Column.Rating or role != Qt.ItemDataRole.EditRole
                or not self._editable):
            return False
        node_id = self.node_id_for_index(index)
        if node_id is None:
            return False
        try:
            rating = int(value or 0)
        except (TypeError, ValueError):
            return False
        if rating < 0 or rating > self._rating_max:
            return False
        self.ratingEdited.emit(node_id, rating)
        return True
