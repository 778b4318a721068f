"""Star ratings for every dimension of the current node, with colleagues' ratings beside them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from editor.core.annotations import Dimension
from editor.ui.i18n import QT_TRANSLATE_NOOP, translate
from editor.ui.stars import StarRatingWidget
from editor.ui.plain_text import text_label

# Default dimension names are shown translated; names the analyst chose are shown as written.
_DEFAULT_NAMES = {
    "impact": QT_TRANSLATE_NOOP("Dimensions", "Impact"),
    "likelihood": QT_TRANSLATE_NOOP("Dimensions", "Likelihood"),
    "confidence": QT_TRANSLATE_NOOP("Dimensions", "Confidence"),
}


def dimension_label(name: str) -> str:
    """How a dimension is named in the interface language."""
    source = _DEFAULT_NAMES.get(name.casefold())
    return QCoreApplication.translate("Dimensions", source) if source else name


class RatingsEditor(QWidget):
    """One row per dimension: name, clickable stars, other analysts' values."""

    ratingRequested = Signal(str, int)  # (dimension id, value; 0 clears)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(6)
        self._grid.setColumnStretch(2, 1)
        self._rows: dict[str, tuple[QLabel, StarRatingWidget, QLabel]] = {}
        self._editable = True

    def set_dimensions(self, dimensions: list[Dimension]) -> None:
        """Rebuild the rows (after a dimension was added or renamed)."""
        for label, stars, others in self._rows.values():
            for widget in (label, stars, others):
                self._grid.removeWidget(widget)
                widget.hide()  # gone now, not only when the deferred delete runs
                widget.deleteLater()
        self._rows = {}
        for row, dimension in enumerate(dimensions):
            label = text_label(dimension_label(dimension.name), self)
            label.setObjectName("DimensionLabel")
            stars = StarRatingWidget(dimension.max, parent=self)
            stars.setObjectName(f"Stars:{dimension.name}")
            stars.setToolTip(translate(
                "RatingsEditor", "Click a star to rate {dimension}; click it again to clear").format(
                    dimension=dimension_label(dimension.name)))
            stars.setAccessibleName(dimension_label(dimension.name))
            stars.ratingChosen.connect(lambda value, d=dimension.id: self.ratingRequested.emit(d, value))
            stars.setEnabled(self._editable)
            others = QLabel(self)
            others.setObjectName("OtherRatings")
            others.setTextFormat(Qt.TextFormat.PlainText)
            self._grid.addWidget(label, row, 0)
            self._grid.addWidget(stars, row, 1)
            self._grid.addWidget(others, row, 2)
            self._rows[dimension.id] = (label, stars, others)

    def set_values(self, mine: dict[str, int], others: dict[str, list[tuple[str, int]]]) -> None:
        """The analyst's values and, per dimension, (colleague, value) pairs."""
        for dimension_id, (_label, stars, other_label) in self._rows.items():
            stars.set_value(mine.get(dimension_id, 0))
            pairs = others.get(dimension_id, [])
            other_label.setText("  ".join(f"{name} {value}" for name, value in pairs))
            other_label.setToolTip(translate("RatingsEditor", "Colleagues' ratings")
                                   if pairs else "")

    def set_editable(self, editable: bool) -> None:
        """False for a read-only database: stars are shown but cannot be clicked."""
        self._editable = editable
        for _label, stars, _others in self._rows.values():
            stars.setEnabled(editable)

    def colleagues_text(self, dimension_id: str) -> str:
        """Colleagues' values shown beside one dimension's stars ('' when none are shown)."""
        row = self._rows.get(dimension_id)
        return row[2].text() if row else ""

    def stars(self, dimension_id: str) -> StarRatingWidget | None:
        """The stars widget of one dimension (None if not shown)."""
        row = self._rows.get(dimension_id)
        return row[1] if row else None
