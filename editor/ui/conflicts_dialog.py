"""Review what a merge set aside: both versions side by side; keep mine, take theirs or (texts) keep both."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QGridLayout, QHeaderView, QLabel,
                               QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QTextBrowser, QVBoxLayout,
                               QWidget)

from editor.operations import sharing
from editor.store.merge import Conflict
from editor.ui.commands import ResolveConflictCommand
from editor.ui.host import WindowHost
from editor.ui.session import AnnotationSession
from editor.ui.plain_text import text_label

_ID_ROLE = Qt.ItemDataRole.UserRole


def _local_time(stamp: str) -> str:
    """A stored UTC stamp as the analyst's local date and time."""
    moment = QDateTime.fromString(stamp, Qt.DateFormat.ISODateWithMs)
    return moment.toLocalTime().toString("yyyy-MM-dd HH:mm") if moment.isValid() else stamp


def _version_browser(parent: QWidget) -> QTextBrowser:
    # The texts are sanitised already; links are shown, never followed from here.
    browser = QTextBrowser(parent)
    browser.setOpenLinks(False)
    browser.setOpenExternalLinks(False)
    return browser


class ConflictsDialog(QDialog):
    """The open conflicts of a database, resolved one by one; each resolution is saved at once."""

    node_requested = Signal(str)  # node id: "show me this node in the outline"

    def __init__(self, session: AnnotationSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review merge conflicts"))
        self.session = session
        self.store = session.store
        self.resolved: list[tuple[str, str]] = []  # (conflict id, choice) in the order made
        self.conflicts: list[Conflict] = []

        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Node"), self.tr("Title"), self.tr("Analyst"),
                                              self.tr("What")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_current)
        self.table.cellDoubleClicked.connect(lambda row, _column: self._request_node(row))

        self.mine_label = text_label("", self)
        self.theirs_label = text_label("", self)
        self.mine_view = _version_browser(self)
        self.theirs_view = _version_browser(self)
        versions = QWidget(self)
        grid = QGridLayout(versions)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.mine_label, 0, 0)
        grid.addWidget(self.theirs_label, 0, 1)
        grid.addWidget(self.mine_view, 1, 0)
        grid.addWidget(self.theirs_view, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(versions)

        self.keep_mine = QPushButton(self.tr("Keep mine"), self)
        self.take_theirs = QPushButton(self.tr("Take theirs"), self)
        self.keep_both = QPushButton(self.tr("Keep both"), self)
        self.go_to_node = QPushButton(self.tr("Show in outline"), self)
        self.keep_mine.clicked.connect(lambda: self.resolve_current("mine"))
        self.take_theirs.clicked.connect(lambda: self.resolve_current("theirs"))
        self.keep_both.clicked.connect(lambda: self.resolve_current("both"))
        self.go_to_node.clicked.connect(lambda: self._request_node(self.table.currentRow()))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        for button in (self.keep_mine, self.take_theirs, self.keep_both, self.go_to_node):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(820, 560)
        self.reload()

    def reload(self) -> None:
        """Read the open conflicts again and select the first."""
        self.conflicts = sharing.conflicts(self.store)
        self.table.setRowCount(len(self.conflicts))
        for row, item in enumerate(self.conflicts):
            kind = self._kind_label(item)
            for column, text in enumerate((item.node_path, item.node_title, item.author_name, kind)):
                cell = QTableWidgetItem(text)
                cell.setData(_ID_ROLE, item.id)
                self.table.setItem(row, column, cell)
        editable = not self.store.read_only
        for button in (self.keep_mine, self.take_theirs, self.keep_both):
            button.setEnabled(editable and bool(self.conflicts))
        self.go_to_node.setEnabled(bool(self.conflicts))
        if self.conflicts:
            self.table.selectRow(0)
        else:
            self.mine_view.clear()
            self.theirs_view.clear()
            self.mine_label.clear()
            self.theirs_label.clear()
            self.status.setText(self.tr("No conflicts to review: every merged text is settled."))
        self._show_current()

    def _kind_label(self, item: Conflict) -> str:
        if item.kind == "note":
            return self.tr("note")
        if item.kind == "rating":
            return self.tr("{dimension} rating").format(dimension=item.dimension_name)
        return self.tr("highlight comment")

    def current(self) -> Conflict | None:
        row = self.table.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show_current(self) -> None:
        item = self.current()
        if item is None:
            return
        for side, label, view in (("mine", self.mine_label, self.mine_view),
                                  ("theirs", self.theirs_label, self.theirs_view)):
            html, _text, deleted = item.version(side)
            kept = side != item.other_side
            title = self.tr("Mine") if side == "mine" else self.tr("Theirs ({source})").format(source=item.source)
            when = _local_time(item.kept_updated_at if kept else item.other_updated_at)
            state = self.tr("current version") if kept else self.tr("set aside")
            label.setText(f"<b>{title}</b> — {state}, {when}")
            if item.kind == "rating":
                view.setPlainText(self.tr("(no rating)") if deleted or not html else
                                  self.tr("{dimension}: {value}").format(dimension=item.dimension_name, value=html))
            elif deleted:
                view.setPlainText(self.tr("(deleted)"))
            else:
                view.setHtml(html)
        # A rating holds one value: there is no "both" to keep.
        self.keep_both.setEnabled(not self.store.read_only and item.kind != "rating")
        self.status.setText(self.tr("{count} conflict(s) to review.").format(count=len(self.conflicts)))

    def resolve_current(self, choice: str) -> None:
        """Resolve the selected conflict with "mine", "theirs" or "both" (saved at once)."""
        item = self.current()
        if item is None:
            return
        if self.session.push(ResolveConflictCommand(self.session, item.id, choice)) is None:
            self.status.setText(self.session.last_error)
            return
        self.resolved.append((item.id, choice))
        self.reload()

    def _request_node(self, row: int) -> None:
        if 0 <= row < len(self.conflicts):
            self.node_requested.emit(self.conflicts[row].node_id)

    @classmethod
    def review(cls, window: WindowHost) -> tuple[list[tuple[str, str]], bool]:
        """Run the dialog; (the resolutions made as (conflict id, choice), whether any was made)."""
        dialog = cls(window.session, window.as_parent())
        dialog.node_requested.connect(window.select_node)
        dialog.exec()
        return dialog.resolved, bool(dialog.resolved)


def open_conflicts_dialog(window: WindowHost) -> list[tuple[str, str]]:
    """Analysis › Review conflicts: each resolution is saved at once and undoable on its own."""
    window.session.flush()
    resolved, _accepted = ConflictsDialog.review(window)
    return resolved
