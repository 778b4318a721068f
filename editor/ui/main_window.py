"""The main window: outline tree | reading pane | inspector, wired together in one place."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from editor.core.annotations import Author
from editor.core.conversion import Script
from editor.core.errors import StoreError
from editor.operations.changes import Changes
from editor.operations.reports import open_report
from editor.operations.sharing import open_conflict_count
from editor.ui.hub_sync import HubSync
from editor.ui.annotation_edits import AnnotationEdits
from editor.ui.database import DatabaseActions
from editor.ui.dialogs import ShortcutsDialog
from editor.ui.editions import EditionActions
from editor.ui.exports import ExportActions
from editor.ui.i18n import translate
from editor.ui.inspector import Inspector, NodeAnnotations
from editor.ui.inspector.ratings import dimension_label
from editor.ui.matrix_dock import attach_matrix_dock
from editor.ui.node_data import load_node_annotations
from editor.ui.outline.filter import FilterCriteria
from editor.ui.outline.model import display_label
from editor.ui.outline.panel import OutlinePanel
from editor.ui.reading_pane import ReadingPane
from editor.ui.report_import import ReportImporter
from editor.ui.session import AnnotationSession
from editor.ui.settings import WindowSettings
from editor.ui.style import reading_font
from editor.ui.window_actions import WindowActions, build_actions, shortcut_rows
from editor.ui.window_dialogs import edit_preferences, show_about
from editor.ui.window_status import StatusPanel

if TYPE_CHECKING:
    from editor.store import Store


# Most descendants the reading pane shows beneath a selected chapter or section.
MAX_READ_ON = 300


class MainWindow(QMainWindow):
    """One database, one report at a time; owns its store (and closes it when it opens another)."""

    reportShown = Signal(str)  # report id
    languageChangeRequested = Signal(str)

    def __init__(self, store: Store, author: Author, *, settings: WindowSettings | None = None,
                 session: AnnotationSession | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.settings = settings or WindowSettings()
        self.store = store
        self.author = author
        # A session handed over (the window rebuilt in another language) keeps its undo history.
        self.session = session or AnnotationSession(store, author, self)
        self.session.setParent(self)
        self.report_id = ""
        self.edits = AnnotationEdits(self)
        self._tag_colors: dict[str, str] = {}
        self._dimension_key: list[tuple[str, str, int]] = []
        self._author_names: dict[str, str] = {}
        self._shown_once = False
        self._pending_sizes: list[int] = []

        self.outline = OutlinePanel(self._match_text, self)
        # The outline's parts by name: scripts, extensions and tests reach them from the window.
        self.model, self.proxy = self.outline.model, self.outline.proxy
        self.tree, self.filter_bar = self.outline.tree, self.outline.filter_bar
        self.reading_pane = ReadingPane(self)
        # The filter's text is marked where it stands in the text shown (either script).
        self.filter_bar.criteriaChanged.connect(lambda criteria: self.reading_pane.mark_matches(criteria.text))
        self.inspector = Inspector(self)
        self.banner = QLabel(self)
        self.banner.setObjectName("ReadOnlyBanner")
        self.banner.setWordWrap(True)
        self.banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.banner.hide()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("MainSplitter")
        self.splitter.setChildrenCollapsible(False)
        for widget, stretch, minimum in ((self.outline, 3, 220), (self.reading_pane, 5, 260),
                                         (self.inspector, 3, 260)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
            widget.setMinimumWidth(minimum)
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.banner)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.exports = ExportActions(self)
        # Shadows QWidget.actions(), which nothing here calls; the name is used by every UI test.
        self.actions: WindowActions = build_actions(self)  # type: ignore[assignment]
        self.actions.show_colleagues.setChecked(self.settings.show_colleagues())
        self.actions.text_scripts[self.settings.text_script()].setChecked(True)
        self.reading_pane.set_script(Script(self.settings.text_script()))
        self.status = StatusPanel(self.statusBar(), self)
        self.status.conflicts.linkActivated.connect(lambda _link: self.actions.review_conflicts.trigger())
        self.database = DatabaseActions(self)
        self.importer = ReportImporter(self, lambda: self.session)
        self.importer.imported.connect(self.show_report)
        self.setAcceptDrops(True)
        self.reading_pane.setAcceptDrops(False)  # drops go to the window: import, not paste

        self.editions = EditionActions(self)  # File › Import new edition…, View › Orphans
        file_menu = next(menu for a in self.menuBar().actions()
                         if isinstance(menu := a.menu(), QMenu) and self.actions.merge in menu.actions())
        after_merge = file_menu.actions()[file_menu.actions().index(self.actions.merge) + 1]
        self.hub = HubSync(self, file_menu, after_merge)  # File › Sync with team hub…, the status field
        self._wire()
        self._attach_session()
        self.matrix = attach_matrix_dock(self)
        self._restore_layout()
        self.load_initial_report()
        self.tree.setFocus()

    # -- wiring: panels emit requests, the edits object turns them into commands -----------------
    def _wire(self) -> None:
        edits = self.edits
        self.outline.currentNodeChanged.connect(self._on_current_node_changed)
        self.model.ratingEdited.connect(edits.rate_first_dimension)
        self.inspector.tagAddRequested.connect(lambda name: edits.add_tag(self.current_node_id(), name))
        self.inspector.tagRemoveRequested.connect(lambda name: edits.remove_tag(self.current_node_id(), name))
        self.inspector.ratingRequested.connect(
            lambda dimension_id, value: edits.set_rating(self.current_node_id(), dimension_id, value))
        self.inspector.note.saveRequested.connect(edits.save_note)
        self.inspector.note.pendingChanged.connect(self._on_note_pending)
        highlights = self.inspector.highlights
        highlights.highlightSelected.connect(self.reading_pane.select_highlight)
        highlights.colorRequested.connect(edits.recolor_highlight)
        highlights.commentSaveRequested.connect(edits.comment_highlight)
        highlights.tagAddRequested.connect(edits.tag_highlight)
        highlights.tagRemoveRequested.connect(edits.untag_highlight)
        highlights.deleteRequested.connect(edits.delete_highlight)
        highlights.commentEscaped.connect(lambda: self.reading_pane.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.reading_pane.highlightActivated.connect(self._on_highlight_activated)
        self.reading_pane.highlightRequested.connect(edits.add_highlight)
        self.reading_pane.highlightRecolorRequested.connect(edits.recolor_highlight)
        self.reading_pane.highlightDeleteRequested.connect(edits.delete_highlight)

    def _attach_session(self) -> None:
        session = self.session
        session.show_colleagues = self.actions.show_colleagues.isChecked()
        session.flushRequested.connect(self.inspector.flush)
        session.changed.connect(self._on_changed)
        session.saveStateChanged.connect(self.status.set_save_state)
        self.actions.follow_undo_stack(session.undo_stack)
        editable = not session.read_only
        for action in (*self.actions.editing(), self.actions.import_report):
            action.setEnabled(editable)
        self.model.set_editable(editable)
        self.inspector.set_editable(editable)
        self.reading_pane.set_editable(editable)
        self._author_names = {a.id: a.name for a in self.store.authors()}
        self._author_names[self.author.id] = self.author.name
        self.reading_pane.set_authors(self._author_names, self.author.id)
        self.status.set_database(self.store.path, session.read_only)
        self.status.set_storage(getattr(self.store, "storage_mode", ""))
        self.status.set_colleagues_shown(session.show_colleagues)
        self.status.set_author(self.author.name)
        self.status.set_save_state(translate("MainWindow", "All changes saved"), False)
        self._refresh_conflicts()
        self.banner.setText(translate(
            "MainWindow", "Read-only: {path} cannot be written here. You can read, search and filter; "
            "editing is switched off. Copy the file to a writable folder to annotate it.").format(
                path=self.store.path))
        self.banner.setVisible(session.read_only)
        self._refresh_vocabulary()

    def set_database(self, store: Store, author: Author) -> None:
        """Switch to another database (its own author row and undo history)."""
        self.inspector.flush()
        self._save_tree_state()
        old_store, old_session = self.store, self.session
        # The old history empties itself when deleted; its signals must not reach Undo/Redo,
        # which by then follow the new history.
        old_session.blockSignals(True)
        old_session.undo_stack.blockSignals(True)
        self.store, self.author = store, author
        self.session = AnnotationSession(store, author, self)
        self._attach_session()
        old_session.deleteLater()
        if old_store is not store:
            old_store.close()
        self.report_id = ""
        self.load_initial_report()

    def detach_session(self) -> AnnotationSession:
        """Give up the session (store, undo history) to a window that replaces this one."""
        session = self.session
        session.changed.disconnect(self._on_changed)
        session.flushRequested.disconnect(self.inspector.flush)
        session.saveStateChanged.disconnect(self.status.set_save_state)
        session.setParent(None)
        return session

    def as_parent(self) -> QWidget:
        """The widget the window's dialogs are parented to (itself)."""
        return self

    def _match_text(self, text: str) -> set[str]:
        if not self.report_id:
            return set()
        only = None if self.session.show_colleagues else self.author.id
        return self.store.matching_node_ids(text, self.report_id, only)

    # -- reports -----------------------------------------------------------------------------
    def load_initial_report(self) -> None:
        """Show the report last open in this database, else its first one, else the empty state."""
        reports = self.store.reports()
        if not reports:
            self.report_id = ""
            self.outline.load([], {}, [], "")
            self.inspector.clear()
            self.reading_pane.clear_content(translate(
                "MainWindow", "No report in this database yet. Use File › Import report… "
                "or drop a report file on this window."))
            self._update_title()
            return
        wanted = self.settings.last_report(self.store.path)
        chosen = next((r for r in reports if r.id == wanted), reports[0])
        self.show_report(chosen.id)

    def show_report(self, report_id: str) -> None:
        """Load a report's outline into the tree and restore where the analyst was."""
        if self.report_id and self.report_id != report_id:
            self.inspector.flush()
            self._save_tree_state()
        self.report_id = report_id
        self.inspector.clear()  # the outline is rebuilt: whatever was shown is re-read
        nodes = self.store.nodes(report_id)
        self.reading_pane.setFont(reading_font("".join(node.body for node in nodes[:40]), self.font()))
        expanded, current = self.settings.tree_state(report_id)
        self.outline.load(nodes, self.session.summaries(report_id), expanded, current)
        self.settings.set_last_report(self.store.path, report_id)
        with suppress(StoreError):  # only a default for commands naming no report; a busy file may skip it
            open_report(self.store, report_id)
        self._update_title()
        self.reportShown.emit(report_id)

    def _update_title(self) -> None:
        # Exports and the agreement need a report: offered only while one is shown.
        for action in self.actions.needing_report():
            action.setEnabled(bool(self.report_id))
        title = next((r.title for r in self.store.reports() if r.id == self.report_id), "") if self.report_id else ""
        parts = [title] if title else []
        if self.session.read_only:
            parts.append(translate("MainWindow", "[read-only]"))
        prefix = " ".join(parts)
        self.setWindowTitle(f"{prefix} — Trendmark" if prefix else "Trendmark")

    def fill_report_menu(self) -> None:
        """View › Report: every report in the database, the shown one checked."""
        menu = self.actions.report_menu
        if menu is None:
            return
        menu.clear()
        for report in self.store.reports():
            action = menu.addAction(report.title)
            action.setCheckable(True)
            action.setChecked(report.id == self.report_id)
            action.triggered.connect(lambda _=False, rid=report.id: self.show_report(rid))
        if menu.isEmpty():
            menu.addAction(translate("MainWindow", "No reports")).setEnabled(False)

    def _save_tree_state(self) -> None:
        if self.report_id:
            self.settings.set_tree_state(self.report_id, self.outline.expanded_ids(), self.current_node_id())

    # -- the current node ----------------------------------------------------------------------
    def current_node_id(self) -> str:
        """Id of the node shown in the reading pane and inspector ('' when none)."""
        return self.inspector.node_id()

    def select_node(self, node_id: str) -> bool:
        """Make ``node_id`` current (expanding its ancestors); False if it is not in the report's outline.

        A node the filter hides is shown by clearing the filter: the agreement and conflict
        dialogs jump to nodes whatever the tree shows at the moment.
        """
        if self.outline.select_node(node_id):
            return True
        if self.model.node(node_id) is None or self.proxy.criteria().is_empty():
            return False
        self.filter_bar.clear()
        return self.outline.select_node(node_id)

    def visible_node_ids(self) -> list[str]:
        """Node ids of every row the filtered tree shows, in order."""
        return self.outline.visible_node_ids()

    def is_revealing(self) -> bool:
        """Whether filter matches are still being opened in the background."""
        return self.outline.is_revealing()

    def apply_filter(self, criteria: FilterCriteria) -> None:
        """Show only nodes meeting ``criteria`` (as the filter bar does)."""
        self.outline.apply_filter(criteria)

    def _on_current_node_changed(self, node_id: str) -> None:
        if node_id != self.inspector.node_id():
            self.show_node(node_id)
            if self.report_id and node_id:
                self.settings.set_current_node(self.report_id, node_id)

    def breadcrumb(self, node_id: str) -> str:
        """Ancestors of a node, outermost first, as the reader sees them."""
        labels = []
        node = self.model.node(node_id)
        while node is not None and node.parent_id:
            node = self.model.node(node.parent_id)
            if node is not None:
                labels.append(display_label(node))
        return "  ›  ".join(reversed(labels))

    def show_node(self, node_id: str, *, select_highlight: str | None = None) -> None:
        """Fill the reading pane and inspector for ``node_id``."""
        self.inspector.flush()  # typing on the previous node is saved to the previous node
        node = self.model.node(node_id)
        if node is None:
            return
        descendants = self.model.descendants(node_id)
        # A chapter reads on through its sections; an outline with one giant chapter is cut
        # short so moving to it stays instant.
        nodes = [node, *descendants[:MAX_READ_ON]]
        highlights = {n.id: self.session.highlights(n.id) for n in nodes if n.anchor_text}
        crumb = self.breadcrumb(node_id)
        pages = self.store.node_pages(node.report_id)  # empty unless the report came from a PDF
        self.reading_pane.show_nodes(nodes, highlights, crumb, more=max(0, len(descendants) - MAX_READ_ON),
                                     pages=pages)
        self.reading_pane.mark_matches(self.filter_bar.criteria().text)
        self.inspector.show_annotations(self._annotations(node, crumb), select_highlight=select_highlight)

    def _annotations(self, node, crumb: str) -> NodeAnnotations:
        return load_node_annotations(self.store, node, self.author.id, self._author_names, crumb,
                                     include_colleagues=self.session.show_colleagues)

    # -- refresh after edits: one path, from the Changes every operation returns ----------------
    def _on_note_pending(self, pending: bool) -> None:
        if pending:
            self.session.report_pending()

    def _on_changed(self, changes: Changes) -> None:
        self._refresh_conflicts()  # one count; a merge, a resolution or their undo moves it
        if changes.everything:
            self.reload()
            return
        if changes.vocabulary:
            self._refresh_vocabulary()
        if changes.reports or changes.outline:
            self._update_title()
        for node_id in changes.nodes:
            self._on_node_changed(node_id)

    def reload(self) -> None:
        """Read everything again (after a merge or its undo), keeping the undo history and the place."""
        self._author_names = {a.id: a.name for a in self.store.authors()}
        self._author_names[self.author.id] = self.author.name
        self.reading_pane.set_authors(self._author_names, self.author.id)
        self._refresh_vocabulary()
        self._save_tree_state()
        reports = {r.id for r in self.store.reports()}
        if self.report_id in reports:
            self.show_report(self.report_id)
        else:
            self.load_initial_report()

    def _refresh_conflicts(self) -> None:
        self.status.set_conflicts(open_conflict_count(self.store))
        self.hub.refresh()

    def _on_node_changed(self, node_id: str) -> None:
        self.model.update_summary(node_id, self.session.summary(node_id))
        if node_id in self.reading_pane.shown_node_ids():
            self.reading_pane.update_highlights(node_id, self.session.highlights(node_id))
        if node_id == self.current_node_id():
            node = self.model.node(node_id) or self.store.node(node_id)
            self.inspector.show_annotations(self._annotations(node, self.breadcrumb(node_id)))

    def set_text_script(self, script: str) -> None:
        """View › Show text: the reading pane shows Chinese as written, in Simplified or in Traditional.

        Display only: the stored text never changes, and highlights made on converted text
        are kept against the characters as written.
        """
        self.settings.set_text_script(script)
        self.actions.text_scripts[script].setChecked(True)
        self.reading_pane.set_script(Script(script))
        current = self.current_node_id()
        if current:
            scroll = self.reading_pane.verticalScrollBar().value()
            self.show_node(current)
            self.reading_pane.verticalScrollBar().setValue(scroll)

    def set_show_colleagues(self, shown: bool) -> None:
        """View › Colleagues' annotations: show them beside the analyst's own, or only the analyst's."""
        self.inspector.flush()
        self.settings.set_show_colleagues(shown)
        self.actions.show_colleagues.setChecked(shown)
        self.session.show_colleagues = shown
        self.status.set_colleagues_shown(shown)
        if self.report_id:
            self.model.set_summaries(self.session.summaries(self.report_id))
            self.outline.refilter()  # a colleague's note may have been all that matched
        for node_id in self.reading_pane.shown_node_ids():
            self.reading_pane.update_highlights(node_id, self.session.highlights(node_id))
        current = self.current_node_id()
        node = self.model.node(current) if current else None
        if node is not None:
            self.inspector.show_annotations(self._annotations(node, self.breadcrumb(current)))

    def _refresh_vocabulary(self) -> None:
        tags = self.store.tags()
        names = [tag.name for tag in tags]
        self.filter_bar.set_tags(names)
        self.inspector.set_vocabulary(names)
        colors = {tag.id: tag.color for tag in tags}
        if self.report_id and any(self._tag_colors.get(k, v) != v for k, v in colors.items()):
            # A tag was recoloured: its chips all over the tree need repainting.
            self.model.set_summaries(self.session.summaries(self.report_id))
        self._tag_colors = colors
        dimensions = self.store.dimensions()
        if dimensions:
            first = dimension_label(dimensions[0].name)
            self.model.set_rating_scale(first, dimensions[0].max)
            self.filter_bar.set_rating_dimensions([(d.id, dimension_label(d.name), d.max) for d in dimensions])
        for index, row in enumerate([self.actions.rate, *self.actions.rate_more]):
            name = dimension_label(dimensions[index].name) if index < len(dimensions) else ""
            for value, action in enumerate(row):
                action.setVisible(bool(name))  # no third dimension, no Alt+1–5
                if value == 0:
                    action.setText(translate("MainWindow", "Clear {dimension} rating").format(dimension=name))
                else:
                    action.setText(translate("MainWindow", "Rate {dimension} {value}").format(dimension=name,
                                                                                           value=value))
        key = [(d.id, d.name, d.max) for d in dimensions]
        if key != self._dimension_key:
            self._dimension_key = key
            if self.current_node_id():
                self.inspector.refresh_dimensions(dimensions)
                self._on_node_changed(self.current_node_id())

    def _on_highlight_activated(self, highlight_id: str) -> None:
        self.inspector.highlights.select(highlight_id)
        self.reading_pane.select_highlight(highlight_id)
        self.inspector.ensureWidgetVisible(self.inspector.highlights)

    # -- menu and keyboard actions ----------------------------------------------------------------
    def rate_current(self, value: int, dimension_index: int = 0) -> None:
        """Keys 1–5 (0 clears): rate the current node on the first dimension; Shift: second, Alt: third."""
        self.edits.rate_dimension(self.current_node_id(), dimension_index, value)

    def highlight_selection(self, color: str | None = None) -> None:
        """Highlight the text selected in the reading pane (H / Ctrl+H)."""
        self.edits.highlight_selection(color)

    def undo(self) -> None:
        """Edit › Undo: typing still waiting for its pause is saved first, so it is what gets undone."""
        self.inspector.flush()
        self.session.undo_stack.undo()

    def redo(self) -> None:
        self.inspector.flush()
        self.session.undo_stack.redo()

    def expand_all(self) -> None:
        """View › Expand all."""
        self.outline.expand_all()

    def collapse_all(self) -> None:
        """View › Collapse all."""
        self.outline.collapse_all()

    def focus_tag_entry(self) -> None:
        """T / Ctrl+T: type a tag for the current node."""
        if self.current_node_id() and not self.session.read_only:
            self.inspector.ensureWidgetVisible(self.inspector.tags.entry)
            self.inspector.tags.entry.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_note(self) -> None:
        """N / Ctrl+E: write in the note of the current node."""
        if self.current_node_id() and not self.session.read_only:
            self.inspector.ensureWidgetVisible(self.inspector.note.editor)
            self.inspector.note.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.inspector.note.editor.moveCursor(QTextCursor.MoveOperation.End)  # go on writing

    def focus_filter(self) -> None:
        """Ctrl+F: type in the filter."""
        self.filter_bar.text_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.text_edit.selectAll()

    # -- dialogs ----------------------------------------------------------------------------------
    def preferences_dialog(self) -> None:
        """Edit › Preferences…: language and rating dimensions."""
        edit_preferences(self)

    def shortcuts_dialog(self) -> None:
        """Help › Keyboard shortcuts."""
        ShortcutsDialog.show_shortcuts(self, shortcut_rows(self.actions))

    def about_dialog(self) -> None:
        """Help › About Trendmark."""
        show_about(self)

    # -- files ------------------------------------------------------------------------------------
    def new_database_dialog(self) -> None:
        """File › New database…."""
        self.database.new_database_dialog()

    def open_database_dialog(self) -> None:
        """File › Open database…."""
        self.database.open_database_dialog()

    def import_report_dialog(self) -> None:
        """File › Import report…."""
        self.database.import_report_dialog()

    def fill_recent_menu(self) -> None:
        """File › Open recent."""
        if self.actions.recent_menu is not None:
            self.database.fill_recent_menu(self.actions.recent_menu)

    def open_database(self, path: Path) -> bool:
        """Open another database in this window (dialogs explain a refusal); True if it opened."""
        return self.database.open_database(path)

    def import_report_file(self, path: Path) -> bool:
        """Import a report file (parsed in the background); False if refused up front."""
        return self.database.import_report_file(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_report_file(paths[0])

    # -- extension points ---------------------------------------------------------------------------
    def add_export_action(self, text: str, callback: Callable[[MainWindow], object]) -> QAction:
        """Add an entry to File › Export; ``callback(window)`` runs when it is chosen."""
        return self._add_to_menu(self.actions.export_menu, text, callback)

    def add_analysis_action(self, text: str, callback: Callable[[MainWindow], object]) -> QAction:
        """Add an entry to the Analysis menu; ``callback(window)`` runs when it is chosen."""
        return self._add_to_menu(self.actions.analysis_menu, text, callback)

    def _add_to_menu(self, menu, text: str, callback) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(lambda _=False: callback(self))
        return action

    # -- layout persistence and closing ------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        self._pending_sizes = self.settings.splitter_sizes("main")
        header = self.settings.header_state()
        if header is not None:
            self.tree.header().restoreState(header)

    def save_state(self) -> None:
        """Persist layout and the tree's expansion/current node (also called on close)."""
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_splitter_sizes("main", self.splitter.sizes())
        self.settings.set_header_state(self.tree.header().saveState())
        self._save_tree_state()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.inspector.flush()  # nothing typed is lost on close
        if self.importer.is_running():
            self.importer.wait()
        self.save_state()
        super().closeEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            # Sizes only mean something once the window has its real width.
            sizes = self._pending_sizes
            if len(sizes) == 3 and all(sizes):
                self.splitter.setSizes(sizes)
            else:
                width = self.splitter.width()
                self.splitter.setSizes([int(width * 0.33), int(width * 0.39), int(width * 0.28)])
            QTimer.singleShot(0, self.tree.setFocus)  # keyboard first: arrows and 1–5 work at once
