"""The inspector: everything the analyst records about the selected node, in one scrollable column."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from editor.core.annotations import Dimension, Node
from editor.ui.inspector.highlights import HighlightEntry, HighlightsPanel
from editor.ui.inspector.note import ColleagueNotes, NoteEditor
from editor.ui.inspector.ratings import RatingsEditor
from editor.ui.inspector.tags import TagChip, TagEditor
from editor.ui.outline.model import display_label
from editor.ui.i18n import translate
from editor.ui.plain_text import text_label



@dataclass
class NodeAnnotations:
    """Everything the inspector shows for one node, read from the store in one go."""

    node: Node
    breadcrumb: str
    tags: list[TagChip] = field(default_factory=list)
    dimensions: list[Dimension] = field(default_factory=list)
    my_ratings: dict[str, int] = field(default_factory=dict)
    other_ratings: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    my_note_html: str = ""
    other_notes: list[tuple[str, str]] = field(default_factory=list)
    highlights: list[HighlightEntry] = field(default_factory=list)


def _section_title(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("SectionTitle")
    return label


class Inspector(QScrollArea):
    """Tags, ratings, note and highlights of the current node; emits requests, never writes."""

    tagAddRequested = Signal(str)
    tagRemoveRequested = Signal(str)
    ratingRequested = Signal(str, int)  # (dimension id, value)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Inspector")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        body.setObjectName("InspectorBody")
        self.breadcrumb = text_label("", body)
        self.breadcrumb.setObjectName("Breadcrumb")
        self.breadcrumb.setWordWrap(True)
        self.heading = text_label("", body)
        self.heading.setObjectName("InspectorHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tags = TagEditor(body)
        self.ratings = RatingsEditor(body)
        self.note = NoteEditor(body)
        self.colleague_notes = ColleagueNotes(body)
        self.highlights = HighlightsPanel(body)
        self._titles = {
            "tags": _section_title(translate("Inspector", "Tags"), body),
            "ratings": _section_title(translate("Inspector", "Ratings"), body),
            "note": _section_title(translate("Inspector", "Note"), body),
            "highlights": _section_title(translate("Inspector", "Highlights"), body),
        }
        layout = QVBoxLayout(body)
        layout.setContentsMargins(14, 12, 14, 14)
        layout.setSpacing(6)
        layout.addWidget(self.breadcrumb)
        layout.addWidget(self.heading)
        for key, widget in (("tags", self.tags), ("ratings", self.ratings), ("note", self.note),
                            ("highlights", self.highlights)):
            layout.addSpacing(8)
            layout.addWidget(self._titles[key])
            layout.addWidget(widget)
            if key == "note":
                layout.addWidget(self.colleague_notes)
        layout.addStretch(1)
        self.setWidget(body)
        self.tags.tagAddRequested.connect(self.tagAddRequested)
        self.tags.tagRemoveRequested.connect(self.tagRemoveRequested)
        self.ratings.ratingRequested.connect(self.ratingRequested)
        self._node_id = ""
        self._editable = True
        self._dimension_ids: list[str] = []
        self.colleague_notes.set_notes([])
        self.setEnabled(False)

    def node_id(self) -> str:
        """The node the inspector shows ('' when none)."""
        return self._node_id

    def set_editable(self, editable: bool) -> None:
        """False for a read-only database: everything is shown, nothing can be changed."""
        self._editable = editable
        self.tags.set_editable(editable)
        self.ratings.set_editable(editable)
        self.highlights.set_editable(editable)

    def set_vocabulary(self, tag_names: list[str]) -> None:
        """Tag names offered for completion."""
        self.tags.set_vocabulary(tag_names)
        self.highlights.set_vocabulary(tag_names)

    def show_annotations(self, data: NodeAnnotations, *, select_highlight: str | None = None) -> None:
        """Fill every section for ``data.node`` (also used to refresh after an edit)."""
        same_node = data.node.id == self._node_id
        self._node_id = data.node.id
        self.setEnabled(True)
        self.breadcrumb.setText(data.breadcrumb)
        self.breadcrumb.setVisible(bool(data.breadcrumb))
        self.heading.setText(display_label(data.node))
        self.tags.set_tags(data.tags)
        dimension_ids = [d.id for d in data.dimensions]
        if dimension_ids != self._dimension_ids:
            self.ratings.set_dimensions(data.dimensions)
            self.ratings.set_editable(self._editable)
            self._dimension_ids = dimension_ids
        self.ratings.set_values(data.my_ratings, data.other_ratings)
        if same_node:
            self.note.reload_if_idle(data.my_note_html)
        else:
            self.note.load(data.node.id, data.my_note_html, editable=self._editable)
        self.colleague_notes.set_notes(data.other_notes)
        self.highlights.set_highlights(data.highlights,
                                       select_id=select_highlight if select_highlight is not None
                                       else (None if same_node else ""))

    def refresh_dimensions(self, dimensions: list[Dimension]) -> None:
        """Dimension names changed: rebuild the rating rows."""
        self._dimension_ids = []
        self.ratings.set_dimensions(dimensions)
        self.ratings.set_editable(self._editable)

    def clear(self) -> None:
        self.flush()
        self._node_id = ""
        self.heading.setText(translate("Inspector", "Select a node in the outline"))
        self.breadcrumb.clear()
        self.tags.set_tags([])
        self.note.load("", "", editable=False)
        self.colleague_notes.set_notes([])
        self.highlights.set_highlights([])
        self.setEnabled(False)

    def flush(self) -> None:
        """Save pending typing (note, highlight comment) now."""
        self.note.flush()
        self.highlights.flush()

    def is_pending(self) -> bool:
        """Whether typed text (note or comment) is waiting for its pause."""
        return self.note.is_pending() or self.highlights.is_pending()
