"""The open database as the window edits it: store, author, undo stack and one change signal.

Panels never write to the store themselves. They ask the session, which wraps each
edit in an undoable command calling an operation (editor/operations), runs it at once
(so the change is on disk before the next event-loop turn) and sends the operation's
``Changes`` through ``changed``; the window refreshes exactly what it names.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from editor.core.annotations import Author, Highlight, NodeSummary
from editor.core.errors import NotYoursError, TrendmarkError
from editor.operations.changes import Changes
from editor.store import Store
from editor.ui.i18n import translate


class AnnotationSession(QObject):
    """Edits of one analyst on one database, with undo and change notification."""

    changed = Signal(object)  # Changes: what an edit, an undo, a merge or an import touched
    saveStateChanged = Signal(str, bool)  # (message, is_error) for the status bar
    flushRequested = Signal()  # panels holding typed text store it now (connected directly)

    def __init__(self, store: Store, author: Author, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.author = author
        self.undo_stack = QUndoStack(self)
        self.last_error = ""
        self.show_colleagues = True  # View › Colleagues' annotations

    @property
    def read_only(self) -> bool:
        """True when the database cannot be written (every editing action is disabled)."""
        return bool(self.store.read_only)

    # -- running operations -----------------------------------------------------------------
    def push(self, command: StoreCommandBase) -> Changes | None:
        """Apply ``command`` now and, if it changed anything, put it on the undo stack.

        None when the store refused it (the error is on the status bar); empty Changes
        when it changed nothing (a no-op edit leaves no undo step).
        """
        if not self._writable():
            return None
        changes = command.apply_first()
        if changes is not None and not changes.empty:
            self.undo_stack.push(command)
        return changes

    def apply(self, operation: Callable[[], Changes]) -> Changes | None:
        """Run an operation that is not undone step by step (an import); None if it was refused."""
        if not self._writable():
            return None
        try:
            changes = operation()
        except (TrendmarkError, ValueError) as exc:
            self.report_error(describe_error(exc))
            return None
        self.announce(changes)
        return changes

    def announce(self, changes: Changes) -> None:
        """Tell every panel what changed (and the status bar that it is saved)."""
        self.report_saved()
        if not changes.empty:
            self.changed.emit(changes)

    def _writable(self) -> bool:
        if self.read_only:
            self.report_error(translate("AnnotationSession", "This database is read-only; the change was not made."))
            return False
        return True

    def report_error(self, message: str) -> None:
        """Tell the status bar (and whoever listens) that a change could not be stored."""
        self.last_error = message
        self.saveStateChanged.emit(message, True)

    def report_saved(self) -> None:
        """Every change so far is in the database."""
        self.last_error = ""
        self.saveStateChanged.emit(translate("AnnotationSession", "All changes saved"), False)

    def report_pending(self) -> None:
        """Typing is waiting for its short pause before it is stored."""
        self.saveStateChanged.emit(translate("AnnotationSession", "Saving…"), False)

    def flush(self) -> None:
        """Store typing still waiting for its pause (before exports, copies, merges read the database)."""
        self.flushRequested.emit()

    # -- whose annotations are shown ------------------------------------------------
    def shows(self, author_id: str) -> bool:
        """Whether an annotation by ``author_id`` is shown (colleagues' may be hidden)."""
        return self.show_colleagues or author_id == self.author.id

    def summaries(self, report_id: str) -> dict[str, NodeSummary]:
        """What the outline shows for every annotated node of a report."""
        return self.store.node_summaries(report_id, self.author.id, only_author=not self.show_colleagues)

    def summary(self, node_id: str) -> NodeSummary | None:
        """What the outline shows for one node, read fresh after an edit (None: nothing on it)."""
        return self.store.node_summary(node_id, self.author.id, only_author=not self.show_colleagues)

    def highlights(self, node_id: str) -> list[Highlight]:
        """A node's highlights as the reading pane draws them."""
        return [h for h in self.store.highlights(node_id) if self.shows(h.author_id)]


def describe_error(exc: BaseException) -> str:
    """The status bar's line for an edit the store or an operation refused."""
    if isinstance(exc, NotYoursError):
        return translate("MainWindow", "This highlight belongs to a colleague; only its author can change it.")
    return translate("AnnotationSession", "Could not save: {error}").format(error=exc)


class StoreCommandBase(QUndoCommand):
    """One undoable edit: ``do`` and ``undo_`` call operations and return their Changes.

    The first application happens in :meth:`AnnotationSession.push` (so a refused or
    empty edit never reaches the undo stack); QUndoStack's own first ``redo`` is skipped.
    Undo calls an operation again with the value recorded before the edit.
    """

    def __init__(self, session: AnnotationSession, text: str) -> None:
        super().__init__(text)
        self.session = session
        self._skip_next_redo = False

    @property
    def store(self) -> Store:
        """The open store."""
        return self.session.store

    @property
    def author_id(self) -> str:
        """Id of the analyst making the edits."""
        return self.session.author.id

    def do(self) -> Changes:  # pragma: no cover - every command overrides
        """Make the change; what it touched."""
        raise NotImplementedError

    def undo_(self) -> Changes:  # pragma: no cover - every command overrides
        """Put the database back as it was before ``do``; what that touched."""
        raise NotImplementedError

    def apply_first(self) -> Changes | None:
        """Run the edit for the first time; None if refused (the error reported)."""
        changes = self._run(self.do)
        if changes is not None and not changes.empty:
            self._skip_next_redo = True
        return changes

    def redo(self) -> None:
        if self._skip_next_redo:
            self._skip_next_redo = False
            return
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.undo_)

    def _run(self, step: Callable[[], Changes]) -> Changes | None:
        try:
            changes = step()
        except (TrendmarkError, ValueError) as exc:
            self.session.report_error(describe_error(exc))
            return None
        self.session.announce(changes)
        return changes
