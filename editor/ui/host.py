"""What the dialogs opened from the window need of it, and nothing more."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from editor.ui.session import AnnotationSession


class WindowHost(Protocol):
    """The window as a dialog sees it: its session (store, undo, changes), its report, its outline."""

    session: AnnotationSession
    report_id: str

    def select_node(self, node_id: str) -> bool:
        """Make ``node_id`` current in the outline; False if it is not in the shown report."""
        ...

    def as_parent(self) -> QWidget:
        """The widget dialogs are parented to."""
        ...
