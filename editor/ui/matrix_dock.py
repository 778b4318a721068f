"""Analysis › Trend matrix: a dock beside the reading pane with the matrix view and its choices.

The dock wires itself to the window's public parts (session signals, the outline's
filter and current node, ``select_node``), so the window only has to create it.
Hidden, it does no work: it reads the store again when it is shown.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDockWidget, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from editor.core.errors import TrendmarkError
from editor.core.matrix import MatrixData, Quadrants
from editor.export.matrix.data import matrix_data, node_points
from editor.operations.changes import Changes
from editor.operations.matrix import set_quadrants
from editor.ui.i18n import translate
from editor.ui.matrix_view import MatrixView, filtered
from editor.ui.session import StoreCommandBase

SIZE_BY_ANALYSTS = "analysts"


class MatrixDock(QDockWidget):
    """The matrix of the window's report: axes, sizing and analyst chosen here; the outline filter applies."""

    def __init__(self, window) -> None:
        super().__init__(translate("MatrixDock", "Trend matrix"), window)
        self.setObjectName("MatrixDock")
        self.window_ = window
        self.full: MatrixData | None = None  # before the outline filter
        self._dirty = True
        self._session = None
        self._criteria = window.proxy.criteria()
        body = QWidget(self)
        self.x_combo, self.y_combo, self.size_combo, self.analyst_combo = (QComboBox(body) for _ in range(4))
        for combo, name, tip in (
                (self.x_combo, "MatrixX", translate("MatrixDock", "The dimension along the horizontal axis")),
                (self.y_combo, "MatrixY", translate("MatrixDock", "The dimension along the vertical axis")),
                (self.size_combo, "MatrixSize", translate("MatrixDock", "What the size of a point shows")),
                (self.analyst_combo, "MatrixAnalyst", translate("MatrixDock", "Whose ratings are averaged"))):
            combo.setObjectName(name)
            combo.setToolTip(tip)
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.quadrants_button = QPushButton(translate("MatrixDock", "Quadrants…"), body)
        self.quadrants_button.clicked.connect(self.edit_quadrants)
        self.save_button = QPushButton(translate("MatrixDock", "Save image…"), body)
        self.save_button.clicked.connect(self.save_image_dialog)
        self.view = MatrixView(body)
        self.view.pointActivated.connect(self._on_point_activated)
        self.status = QLabel(body)
        self.status.setObjectName("MatrixStatus")

        axes = QHBoxLayout()
        axes.setContentsMargins(0, 0, 0, 0)
        for label, combo in ((translate("MatrixDock", "x"), self.x_combo), (translate("MatrixDock", "y"), self.y_combo),
                             (translate("MatrixDock", "size"), self.size_combo)):
            caption = QLabel(label, body)
            caption.setBuddy(combo)
            axes.addWidget(caption)
            axes.addWidget(combo, 1)
        who = QHBoxLayout()
        who.setContentsMargins(0, 0, 0, 0)
        who.addWidget(self.analyst_combo, 1)
        who.addWidget(self.quadrants_button)
        who.addWidget(self.save_button)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(axes)
        layout.addLayout(who)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.setWidget(body)

        window.reportShown.connect(lambda _id: self.reload(choices=True))
        window.outline.currentNodeChanged.connect(self.view.set_selected)
        window.filter_bar.criteriaChanged.connect(self._on_filter_changed)
        window.actions.show_colleagues.toggled.connect(lambda _on: self.reload())
        self.visibilityChanged.connect(self._on_visibility)

    # -- reading ------------------------------------------------------------------------
    @property
    def store(self):
        """The window's open store."""
        return self.window_.store

    def _follow_session(self) -> None:
        """Listen to the window's current session (opening another database replaces it)."""
        session = self.window_.session
        if session is self._session:
            return
        self._session = session
        session.changed.connect(self.on_changed)

    def on_changed(self, changes: Changes) -> None:
        """Refresh from what an action touched: a whole reload for broad changes, else only the nodes' points."""
        if changes.everything or changes.outline or changes.reports or changes.vocabulary or changes.matrix:
            self.reload(choices=True)
            return
        for node_id in changes.nodes:
            self.node_changed(node_id)

    def author_ids(self) -> list[str] | None:
        """Whose ratings are shown: the analyst chosen, only mine when colleagues are hidden, else everyone."""
        chosen = self.analyst_combo.currentData()
        if chosen:
            return [chosen]
        if not self.window_.session.show_colleagues:
            return [self.window_.author.id]
        return None

    def fill_choices(self) -> None:
        """Offer the store's dimensions and analysts, keeping the current choices where they still exist."""
        dims = self.store.dimensions()
        names = {d.name.casefold(): d.id for d in dims}
        defaults = (names.get("likelihood", dims[1].id if len(dims) > 1 else ""),
                    names.get("impact", dims[0].id if dims else ""), names.get("confidence", SIZE_BY_ANALYSTS))
        entries = [(d.name, d.id) for d in dims]
        analysts = [(translate("MatrixDock", "Whole team"), ""), *(
            (a.name, a.id) for a in sorted(self.store.authors(), key=lambda a: a.name.casefold()))]
        sizes = [*entries, (translate("MatrixDock", "Number of analysts"), SIZE_BY_ANALYSTS)]
        for combo, items, default in ((self.x_combo, entries, defaults[0]), (self.y_combo, entries, defaults[1]),
                                      (self.size_combo, sizes, defaults[2]), (self.analyst_combo, analysts, "")):
            current = combo.currentData() if combo.count() else default
            combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            found = combo.findData(current)
            combo.setCurrentIndex(found if found >= 0 else max(0, combo.findData(default)))
            combo.blockSignals(False)

    def _on_visibility(self, shown: bool) -> None:
        if shown and self._dirty:
            self.reload(choices=True)

    def reload(self, *, choices: bool = False) -> None:
        """Read the matrix of the window's report again (only when shown; otherwise when next shown)."""
        if not self.isVisible() or not self.window_.report_id:
            self._dirty = True
            if not self.window_.report_id:
                self.full = None
                self.view.set_data(None)
            return
        self._dirty = False
        self._follow_session()
        if choices or not self.x_combo.count():
            self.fill_choices()
        x, y = self.x_combo.currentData(), self.y_combo.currentData()
        try:
            self.full = matrix_data(self.store, self.window_.report_id, x=x, y=y, size=self.size_combo.currentData(),
                                    author_ids=self.author_ids())
        except (TrendmarkError, ValueError) as exc:
            self.full = None
            self.status.setText(str(exc))
            self.view.set_data(None)
            return
        self.view.set_selected(self.window_.current_node_id())
        self.apply_filter()

    def node_changed(self, node_id: str) -> None:
        """A node's ratings may have changed: move, add or drop its point only."""
        if self.full is None or self._dirty or not self.isVisible():
            self._dirty = True
            return
        fresh = node_points(self.store, self.window_.report_id, self.full, node_id, self.author_ids())
        points = list(self.full.points)
        at = next((i for i, p in enumerate(points) if p.node_id == node_id), None)
        if at is not None:
            points[at:at + 1] = fresh
        else:
            points += fresh
        self.full = replace(self.full, points=tuple(points))
        self.apply_filter()

    def _on_filter_changed(self, *_args) -> None:
        criteria = self.window_.proxy.criteria()
        if criteria != self._criteria:
            self._criteria = criteria
            self.apply_filter()

    def apply_filter(self) -> None:
        """Show only the points of nodes the outline's filter accepts."""
        if self.full is None:
            return
        proxy = self.window_.proxy
        data = self.full if proxy.criteria().is_empty() else filtered(self.full, proxy.accepts)
        self.view.set_data(data)
        self.status.setText(translate("MatrixDock", "{shown} of {total} rated trends").format(
            shown=len(data.points), total=len(self.full.points)))

    # -- actions ------------------------------------------------------------------------
    def _on_point_activated(self, node_id: str) -> None:
        self.window_.select_node(node_id)

    def edit_quadrants(self) -> bool:
        """Quadrants…: ask for the labels and grid, then store them as one undoable step."""
        if self.full is None:
            return False
        quadrants, accepted = QuadrantsDialog.get_quadrants(self, self.full.quadrants)
        return accepted and self.set_quadrants(quadrants)

    def set_quadrants(self, quadrants: Quadrants) -> bool:
        """Store the report's quadrants (undoable); False if refused or unchanged."""
        if self.full is None:
            return False
        command = QuadrantsCommand(self, self.full.quadrants, quadrants)
        return self.window_.session.push(command)

    def save_image_dialog(self) -> Path | None:
        """Save image…: the matrix as shown (filters applied) as SVG or PNG."""
        if self.view.data is None:
            return None
        chosen, _ = QFileDialog.getSaveFileName(
            self, translate("MatrixDock", "Save the trend matrix"), "trend-matrix.svg",
            translate("MatrixDock", "SVG image (*.svg);;PNG image (*.png)"))
        if not chosen:
            return None
        return self.save_image(Path(chosen))

    def save_image(self, path: Path) -> Path | None:
        """Write the matrix as shown to ``path`` (.svg or .png); None if it failed (and the analyst told)."""
        from editor.export.matrix.files import write_matrix

        if self.view.data is None:
            return None
        try:
            write_matrix(replace(self.view.data, title=self.window_.store.report(self.window_.report_id).title), path)
        except (TrendmarkError, ValueError, OSError) as exc:
            QMessageBox.warning(self, translate("MatrixDock", "Save image"), str(exc))
            return None
        return path


class QuadrantsCommand(StoreCommandBase):
    """Relabel a report's quadrants (undo puts the previous labels back)."""

    def __init__(self, dock: MatrixDock, before: Quadrants, after: Quadrants) -> None:
        super().__init__(dock.window_.session, translate("Commands", "Label the matrix quadrants"))
        self.dock, self.report_id = dock, dock.window_.report_id
        self.before, self.after = before, after
        assert dock.full is not None  # the quadrants are edited on a drawn matrix
        self.x, self.y = dock.full.x.id, dock.full.y.id

    def _set(self, quadrants: Quadrants) -> Changes:
        # The session announces these Changes; the dock redraws from them like every other view.
        return set_quadrants(self.store, self.report_id, self.author_id, quadrants, self.x, self.y)

    def do(self) -> Changes:
        return self._set(self.after)

    def undo_(self) -> Changes:
        return self._set(self.before)


class QuadrantsDialog(QDialog):
    """Four labels and the grid switch."""

    def __init__(self, parent: QWidget | None, quadrants: Quadrants) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("MatrixDock", "Matrix quadrants"))
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        for name, label in (("top_left", translate("MatrixDock", "Top left")),
                            ("top_right", translate("MatrixDock", "Top right")),
                            ("bottom_left", translate("MatrixDock", "Bottom left")),
                            ("bottom_right", translate("MatrixDock", "Bottom right"))):
            edit = QLineEdit(getattr(quadrants, name), self)
            edit.setObjectName(f"Quadrant_{name}")
            self.edits[name] = edit
            form.addRow(label, edit)
        self.grid = QCheckBox(translate("MatrixDock", "Grid line at every step"), self)
        self.grid.setChecked(quadrants.grid)
        form.addRow(self.grid)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._start = quadrants

    def quadrants(self) -> Quadrants:
        """The labels and grid as entered."""
        labels = {name: edit.text() for name, edit in self.edits.items()}
        return replace(self._start, grid=self.grid.isChecked(), **labels)  # type: ignore[arg-type]  # labels are str

    @classmethod
    def get_quadrants(cls, parent: QWidget | None, quadrants: Quadrants) -> tuple[Quadrants, bool]:
        """Run the dialog; (quadrants entered, accepted)."""
        dialog = cls(parent, quadrants)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.quadrants(), accepted


def attach_matrix_dock(window) -> MatrixDock:
    """Give ``window`` the matrix dock (hidden at first) and Analysis › Trend matrix (Ctrl+Shift+M)."""
    dock = MatrixDock(window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    action: QAction = dock.toggleViewAction()
    action.setText(translate("MatrixDock", "&Trend matrix"))
    action.setShortcut(QKeySequence("Ctrl+Shift+M"))
    window.addAction(action)  # the shortcut works with the menu bar hidden
    menu = window.actions.analysis_menu
    if menu is not None:
        menu.addSeparator()
        menu.addAction(action)
    return dock
