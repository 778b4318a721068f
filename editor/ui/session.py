"""The open database as the window edits it: store, author, undo stack and change signals.

Panels never write to the store themselves. They ask the session, which wraps
each edit in an undoable command, runs it against the store at once (so the
change is on disk before the next event-loop turn) and then announces which
node changed; every panel refreshes itself from that signal.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from editor.core.annotations import Author, Highlight, NodeSummary
from editor.core.errors import TrendmarkError
from editor.ui.i18n import translate
from editor.ui.summaries import node_summary, visible, visible_highlights


class AnnotationSession(QObject):
    """Edits of one analyst on one database, with undo and change notification."""

    nodeChanged = Signal(str)  # a node's tags, ratings, note or highlights changed
    vocabularyChanged = Signal()  # tags or rating dimensions were created or renamed
    saveStateChanged = Signal(str, bool)  # (message, is_error) for the status bar
    flushRequested = Signal()  # panels holding typed text store it now (connected directly)

    def __init__(self, store, author: Author, parent: QObject | None = None) -> None:
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

    # -- running commands -------------------------------------------------------
    def push(self, command: StoreCommandBase) -> bool:
        """Apply ``command`` to the store now and, if it worked, put it on the undo stack."""
        if self.read_only:
            self.report_error(translate("AnnotationSession", "This database is read-only; the change was not made."))
            return False
        if not command.apply_first():
            return False
        self.undo_stack.push(command)
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
        return visible(author_id, self.author.id, not self.show_colleagues)

    def summaries(self, report_id: str) -> dict[str, NodeSummary]:
        """What the outline shows for every annotated node of a report."""
        return self.store.node_summaries(report_id, self.author.id, only_author=not self.show_colleagues)

    def summary(self, node_id: str) -> NodeSummary | None:
        """What the outline shows for one node, read fresh after an edit (None: nothing on it)."""
        return node_summary(self.store, node_id, self.author.id, only_author=not self.show_colleagues)

    def highlights(self, node_id: str) -> list[Highlight]:
        """A node's highlights as the reading pane draws them."""
        return visible_highlights(self.store.highlights(node_id), self.author.id,
                                  only_author=not self.show_colleagues)


class StoreCommandBase(QUndoCommand):
    """One undoable edit: ``do`` and ``undo_`` call the store, then the session announces changes.

    The first application happens in :meth:`AnnotationSession.push` (so a refused
    edit never reaches the undo stack); QUndoStack's own first ``redo`` is skipped.
    """

    def __init__(self, session: AnnotationSession, text: str) -> None:
        super().__init__(text)
        self.session = session
        self._skip_next_redo = False
        self.vocabulary_changed = False  # True for commands that may create a tag or rename a scale

    @property
    def store(self):
        """The open store."""
        return self.session.store

    @property
    def author_id(self) -> str:
        """Id of the analyst making the edits."""
        return self.session.author.id

    def do(self) -> None:  # pragma: no cover - every command overrides
        """Make the change in the store."""
        raise NotImplementedError

    def undo_(self) -> None:  # pragma: no cover - every command overrides
        """Put the store back as it was before ``do``."""
        raise NotImplementedError

    def node_ids(self) -> list[str]:
        """The nodes whose annotations this command changes."""
        return []

    def apply_first(self) -> bool:
        """Run the edit for the first time; False (and the error reported) if the store refused."""
        if not self._run(self.do):
            return False
        self._skip_next_redo = True
        return True

    def redo(self) -> None:
        if self._skip_next_redo:
            self._skip_next_redo = False
            return
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.undo_)

    def _run(self, step) -> bool:
        try:
            step()
        except (TrendmarkError, ValueError) as exc:
            self.session.report_error(translate("AnnotationSession", "Could not save: {error}").format(error=exc))
            return False
        self.session.report_saved()
        if self.vocabulary_changed:
            self.session.vocabularyChanged.emit()
        for node_id in self.node_ids():
            self.session.nodeChanged.emit(node_id)
        return True
