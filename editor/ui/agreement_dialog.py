"""Analysis › Agreement: how far analysts' ratings agree, per dimension and pair, and where they differ most."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from editor.export.agreement import AgreementData, agreement_data
from editor.ui.host import WindowHost

_NODE_ROLE = Qt.ItemDataRole.UserRole


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], numeric: set[int], node_ids: list[str] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            if c in numeric:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if node_ids is not None:
                item.setData(_NODE_ROLE, node_ids[r])
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


def _fit_height(table: QTableWidget, max_rows: int = 8) -> None:
    """Make a small table as tall as its rows (up to ``max_rows``), leaving the rest to the list below."""
    rows = min(max(table.rowCount(), 1), max_rows)
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    if table.rowCount():
        height += sum(table.rowHeight(r) for r in range(rows))
    else:
        height += table.verticalHeader().defaultSectionSize()
    table.setFixedHeight(height)


class AgreementDialog(QDialog):
    """Krippendorff's alpha per dimension, weighted kappa per pair, and the widest disagreements."""

    node_requested = Signal(str)  # node id of a disagreement row that was clicked

    def __init__(self, data: AgreementData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Agreement between analysts"))
        self.data = data
        explain = QLabel(self.tr("Krippendorff's alpha (ordinal) across all analysts and Cohen's kappa with "
                                 "linear weights for each pair; 1 is perfect agreement, 0 is chance. "
                                 "— means undefined: a single analyst, no shared nodes, or no variation."), self)
        explain.setWordWrap(True)

        self.dimensions = _table(self, [self.tr("Dimension"), self.tr("Alpha"), self.tr("Nodes")])
        _fill(self.dimensions, [[d.name, _figure(d.alpha), str(d.nodes)] for d in data.dimensions], {1, 2})
        self.pairs = _table(self, [self.tr("Dimension"), self.tr("Analyst"), self.tr("Analyst"),
                                   self.tr("Kappa"), self.tr("Nodes")])
        _fill(self.pairs, [[d.name, p.a, p.b, _figure(p.kappa), str(p.nodes)]
                           for d in data.dimensions for p in d.pairs], {3, 4})
        names = {d.key: d.name for d in data.dimensions}
        self.disagreements = _table(self, [self.tr("Node"), self.tr("Title"), self.tr("Dimension"),
                                           self.tr("Spread"), self.tr("Ratings")])
        _fill(self.disagreements,
              [[d.path, d.title, names.get(d.dimension, d.dimension), str(d.spread),
                ", ".join(f"{name} {value}" for name, value in d.ratings.items())] for d in data.disagreements],
              {3}, [d.node_id for d in data.disagreements])
        header = self.disagreements.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        _fit_height(self.dimensions)
        _fit_height(self.pairs)
        self.disagreements.setToolTip(self.tr("Click a row to show the node in the outline."))
        self.disagreements.cellClicked.connect(self._row_clicked)
        self.disagreements.cellActivated.connect(self._row_clicked)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        tables = QHBoxLayout()
        tables.addWidget(self.dimensions, 2)
        tables.addWidget(self.pairs, 3)
        layout.addLayout(tables)
        layout.addWidget(QLabel(self.tr("Widest disagreements"), self))
        layout.addWidget(self.disagreements, 1)
        if not data.disagreements:
            layout.addWidget(QLabel(self.tr("No node has ratings that differ between analysts."), self))
        layout.addWidget(buttons)
        self.resize(820, 560)

    def _row_clicked(self, row: int, _column: int) -> None:
        item = self.disagreements.item(row, 0)
        if item is not None:
            self.node_requested.emit(item.data(_NODE_ROLE))


def open_agreement_dialog(window: WindowHost) -> AgreementDialog | None:
    """Analysis › Agreement for the window's report, beside the window (not modal).

    Clicking a disagreement selects its node in the window's outline, so the analyst
    can read the passage with the dialog still open. Returns the dialog shown.
    """
    if not window.report_id:
        return None
    dialog = AgreementDialog(agreement_data(window.session.store, window.report_id), window.as_parent())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.node_requested.connect(window.select_node)
    dialog.show()
    return dialog
