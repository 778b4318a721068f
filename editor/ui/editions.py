"""File › Import new edition… and the Orphans panel: highlights a revised edition could not place.

The panel lists the open edition's orphans with the old text around each quote; the
analyst selects the passage in the reading pane and re-attaches the orphan there
(undoable), or discards it. Both are commands over ``editor.operations.editions``.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QHBoxLayout, QInputDialog, QLabel, QListWidget,
                               QListWidgetItem, QMessageBox, QPushButton, QVBoxLayout, QWidget)

from editor.core.editions import Orphan
from editor.core.errors import TrendmarkError
from editor.operations import editions as ops
from editor.operations.changes import Changes
from editor.ui.database import report_filter
from editor.ui.i18n import translate
from editor.ui.session import AnnotationSession, StoreCommandBase


class ReattachOrphanCommand(StoreCommandBase):
    """Put an orphan on a span of the new edition; undo takes it off and lists it again."""

    def __init__(self, session: AnnotationSession, report_id: str, orphan_id: str, node_id: str,
                 start: int, end: int) -> None:
        super().__init__(session, translate("Orphans", "Re-attach highlight"))
        self.report_id, self.orphan_id = report_id, orphan_id
        self.node_id, self.start, self.end = node_id, start, end

    def do(self) -> Changes:
        return ops.reattach_orphan(self.store, self.author_id, self.report_id, self.orphan_id, self.node_id,
                                   self.start, self.end)

    def undo_(self) -> Changes:
        return ops.undo_reattach(self.store, self.author_id, self.report_id, self.orphan_id)


class DiscardOrphanCommand(StoreCommandBase):
    """Set an orphan aside; undo lists it again."""

    def __init__(self, session: AnnotationSession, report_id: str, orphan_id: str) -> None:
        super().__init__(session, translate("Orphans", "Discard orphan"))
        self.report_id, self.orphan_id = report_id, orphan_id

    def do(self) -> Changes:
        return ops.discard_orphan(self.store, self.author_id, self.report_id, self.orphan_id)

    def undo_(self) -> Changes:
        return ops.undo_discard(self.store, self.author_id, self.report_id, self.orphan_id)


class OrphansPanel(QDockWidget):
    """The open edition's orphans: old place, quote in its old context, note, author."""

    reattachRequested = Signal(str)  # old highlight id
    discardRequested = Signal(str)
    historyStepped = Signal(int)  # relays the undo stack's indexChanged (gone with the panel)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Orphans", "Orphans"), parent)
        self.setObjectName("OrphansPanel")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.heading = QLabel(body)
        self.heading.setWordWrap(True)
        self.list = QListWidget(body)
        self.list.setObjectName("OrphansList")
        self.context = QLabel(body)
        self.context.setObjectName("OrphanContext")
        self.context.setWordWrap(True)
        self.context.setTextFormat(Qt.TextFormat.RichText)
        self.context.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        self.reattach_button = QPushButton(translate("Orphans", "Re-attach to selection"), body)
        self.reattach_button.setToolTip(translate(
            "Orphans", "Select the passage in the reading pane, then place this highlight on it"))
        self.discard_button = QPushButton(translate("Orphans", "Discard"), body)
        buttons.addWidget(self.reattach_button)
        buttons.addWidget(self.discard_button)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.context)
        layout.addLayout(buttons)
        self.setWidget(body)
        self._orphans: list[Orphan] = []
        self.list.currentRowChanged.connect(self._show_current)
        self.reattach_button.clicked.connect(lambda: self._request(self.reattachRequested))
        self.discard_button.clicked.connect(lambda: self._request(self.discardRequested))
        self.set_orphans([], "")

    def set_orphans(self, orphans: list[Orphan], my_author_id: str) -> None:
        """Show these orphans (the analyst may act on their own ones)."""
        self._orphans = orphans
        self._mine = my_author_id
        self.list.clear()
        for item in orphans:
            label = f"{item.old_number} {item.old_title[:24]} — «{item.exact[:40]}» ({item.author})"
            entry = QListWidgetItem(label, self.list)
            entry.setData(Qt.ItemDataRole.UserRole, item.old_highlight_id)
        self.heading.setText(translate("Orphans", "{count} highlight(s) of the previous edition found no place "
                                       "in this one.").format(count=len(orphans)) if orphans else
                             translate("Orphans", "No orphans: every highlight found its place."))
        if orphans:
            self.list.setCurrentRow(0)
        self._show_current(self.list.currentRow())

    def current_orphan(self) -> Orphan | None:
        row = self.list.currentRow()
        return self._orphans[row] if 0 <= row < len(self._orphans) else None

    def _show_current(self, _row: int) -> None:
        item = self.current_orphan()
        own = item is not None and item.author_id == self._mine
        self.reattach_button.setEnabled(own)
        self.discard_button.setEnabled(own)
        if item is None:
            self.context.setText("")
            return
        before, quote, after = item.context()
        note = f"<br><i>{html.escape(item.comment_text)}</i>" if item.comment_text else ""
        self.context.setText(
            f"<b>{html.escape(item.old_path)} {html.escape(item.old_title)}</b><br>"
            f"…{html.escape(before)}<span style='background:{item.color}'><b>{html.escape(quote)}</b></span>"
            f"{html.escape(after)}…{note}<br><small>{html.escape(item.author)}</small>")

    def _request(self, signal) -> None:
        item = self.current_orphan()
        if item is not None:
            signal.emit(item.old_highlight_id)


class EditionActions:
    """Adds File › Import new edition… and View › Orphans to a main window and runs them."""

    def __init__(self, window) -> None:
        self.window = window
        self.panel = OrphansPanel(window)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.panel)
        self.panel.hide()
        menu = self._menu_holding(window.actions.import_report)
        actions = menu.actions()
        after = actions[actions.index(window.actions.import_report) + 1]
        self.import_action = menu.addAction(translate("MainWindow", "Import new &edition…"))
        self.import_action.setStatusTip(translate(
            "MainWindow", "Import a revised edition of a report and carry its annotations across"))
        menu.insertAction(after, self.import_action)
        self.import_action.triggered.connect(self.import_edition_dialog)
        view = self.panel.toggleViewAction()
        view.setText(translate("MainWindow", "&Orphans"))
        self._menu_holding(window.actions.report_menu.menuAction()).addAction(view)
        # After the window lists its reports: this report's earlier editions, to read them.
        window.actions.report_menu.aboutToShow.connect(self.add_history)
        self.panel.reattachRequested.connect(self.reattach)
        self.panel.discardRequested.connect(self.discard)
        window.reportShown.connect(lambda _rid: self.refresh())
        self.panel.historyStepped.connect(lambda _index: self._after_step())
        self._stack = None
        self.refresh()

    def add_history(self) -> None:
        """View › Report: the shown report's earlier editions (read-only), below the reports."""
        window = self.window
        if not window.report_id:
            return
        history = window.store.editions(window.report_id)
        if len(history) < 2:
            return
        menu = window.actions.report_menu
        menu.addSeparator()
        for item in history:
            text = translate("MainWindow", "Edition {n}: {title}").format(n=item.edition, title=item.report.title)
            if not item.current:
                text += " " + translate("MainWindow", "(read-only)")
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(item.report.id == window.report_id)
            action.triggered.connect(lambda _=False, rid=item.report.id: window.show_report(rid))

    def _menu_holding(self, action):
        return next(a.menu() for a in self.window.menuBar().actions()
                    if a.menu() is not None and action in a.menu().actions())

    def refresh(self) -> None:
        """Read the shown edition's orphans again."""
        window = self.window
        stack = window.session.undo_stack
        if stack is not self._stack:  # another database opened: follow its history
            self._stack = stack
            stack.indexChanged.connect(self.panel.historyStepped)
        items = ops.orphans(window.store, window.report_id) if window.report_id else []
        self.panel.set_orphans(items, window.session.author.id)

    def _after_step(self) -> None:
        # Only while shown: a closing window has let go of its database.
        if self.panel.isVisible():
            self.refresh()

    def import_edition_dialog(self) -> None:
        """Ask which report the file revises and which file it is; import it; show the summary."""
        window = self.window
        reports = window.store.reports()
        if not reports:
            QMessageBox.information(window, translate("MainWindow", "Import new edition"),
                                    translate("MainWindow", "Import a report first; a new edition revises one."))
            return
        titles = [r.title for r in reports]
        current = next((i for i, r in enumerate(reports) if r.id == window.report_id), 0)
        title, ok = QInputDialog.getItem(window, translate("MainWindow", "Import new edition"),
                                         translate("MainWindow", "The new edition revises:"), titles, current, False)
        if not ok:
            return
        path, _ = QFileDialog.getOpenFileName(window, translate("MainWindow", "Revised edition"), "",
                                              report_filter())
        if path:
            self.import_edition(Path(path), reports[titles.index(title)].id)

    def import_edition(self, path: Path, report_id: str) -> str | None:
        """Import ``path`` as a new edition of ``report_id``; returns the summary text shown (None: failed)."""
        window = self.window
        window.inspector.flush()
        try:
            changes = ops.import_edition_file(window.store, path, report_id)
        except (TrendmarkError, ValueError, OSError) as exc:
            QMessageBox.warning(window, translate("MainWindow", "Import new edition"), str(exc))
            return None
        summary = changes.result
        # Undo steps recorded on the old edition would now write to a read-only edition.
        window.session.undo_stack.clear()
        window.session.announce(changes)
        window.show_report(summary.new_report_id)
        text = "\n".join(summary.lines())
        if summary.highlights_orphaned:
            self.panel.show()
        QMessageBox.information(window, translate("MainWindow", "Edition {n} imported").format(n=summary.edition),
                                text)
        return text

    def reattach(self, orphan_id: str) -> None:
        window = self.window
        span = window.reading_pane.selection_span()
        if span is None:
            window.session.report_error(translate(
                "Orphans", "Select the passage in the reading pane first, then re-attach the highlight."))
            return
        node_id, start, end = span
        window.session.push(ReattachOrphanCommand(window.session, window.report_id, orphan_id, node_id, start, end))
        self.refresh()

    def discard(self, orphan_id: str) -> None:
        window = self.window
        window.session.push(DiscardOrphanCommand(window.session, window.report_id, orphan_id))
        self.refresh()
