"""Dialogs. Each has a classmethod that runs it and returns ``(data, accepted)`` so tests can patch it."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHeaderView,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from editor.core.annotations import Dimension
from editor.ui.i18n import LANGUAGES
from editor.ui.inspector.ratings import dimension_label


class AuthorNameDialog(QDialog):
    """First run: who is annotating? The name goes on every tag, rating, note and highlight."""

    def __init__(self, suggested: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Trendmark"))
        intro = QLabel(self.tr("Your name is recorded with every tag, rating, note and highlight, so that "
                               "colleagues can tell whose work is whose when databases are merged."), self)
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(suggested, self)
        self.name_edit.selectAll()
        form = QFormLayout()
        form.addRow(self.tr("Your name:"), self.name_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(
            lambda text: self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    @classmethod
    def get_name(cls, parent: QWidget | None, suggested: str) -> tuple[str, bool]:
        """Ask for the analyst's name; (name, accepted)."""
        dialog = cls(suggested, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        name = dialog.name_edit.text().strip()
        return name, accepted and bool(name)


@dataclass
class Preferences:
    """What the Preferences dialog edits."""

    language: str  # "system", "en", "zh_CN", "zh_TW"
    dimensions: list[Dimension] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # dimension id -> new name
    added: list[str] = field(default_factory=list)  # names of new dimensions


class PreferencesDialog(QDialog):
    """Interface language and rating dimensions (rename, add)."""

    def __init__(self, prefs: Preferences, *, editable: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._prefs = prefs
        self.language_combo = QComboBox(self)
        self.language_combo.addItem(self.tr("System language"), "system")
        for code, name in LANGUAGES:
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(prefs.language)))
        language_note = QLabel(self.tr("The window is rebuilt in the new language when you press OK."), self)
        language_note.setObjectName("Placeholder")
        language_note.setWordWrap(True)

        self.dimension_list = QListWidget(self)
        self.dimension_list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                            | QAbstractItemView.EditTrigger.EditKeyPressed
                                            | QAbstractItemView.EditTrigger.SelectedClicked)
        for dimension in prefs.dimensions:
            item = QListWidgetItem(dimension.name)
            item.setData(Qt.ItemDataRole.UserRole, dimension.id)
            item.setToolTip(dimension_label(dimension.name))
            if editable:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.dimension_list.addItem(item)
        self.add_button = QPushButton(self.tr("Add dimension"), self)
        self.add_button.clicked.connect(self._add_dimension)
        self.add_button.setEnabled(editable)
        dimension_note = QLabel(self.tr("Double-click a name to rename it. The first dimension is the one "
                                        "shown in the outline and set with the keys 1–5."), self)
        dimension_note.setObjectName("Placeholder")
        dimension_note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Interface language:"), self.language_combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(language_note)
        layout.addSpacing(8)
        layout.addWidget(QLabel(self.tr("Rating dimensions:"), self))
        layout.addWidget(self.dimension_list)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(dimension_note)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def _add_dimension(self) -> None:
        item = QListWidgetItem(self.tr("New dimension"))
        item.setData(Qt.ItemDataRole.UserRole, "")
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.dimension_list.addItem(item)
        self.dimension_list.setCurrentItem(item)
        self.dimension_list.editItem(item)

    def result_preferences(self) -> Preferences:
        """What the analyst chose, as renames and additions against the original dimensions."""
        names = {d.id: d.name for d in self._prefs.dimensions}
        renamed: dict[str, str] = {}
        added: list[str] = []
        for row in range(self.dimension_list.count()):
            item = self.dimension_list.item(row)
            name = " ".join(item.text().split())
            dimension_id = item.data(Qt.ItemDataRole.UserRole)
            if not name:
                continue
            if dimension_id:
                if names.get(dimension_id) != name:
                    renamed[dimension_id] = name
            elif name.casefold() not in {n.casefold() for n in names.values()} | {a.casefold() for a in added}:
                added.append(name)
        return Preferences(language=self.language_combo.currentData(), dimensions=self._prefs.dimensions,
                           renamed=renamed, added=added)

    @classmethod
    def edit(cls, parent: QWidget | None, prefs: Preferences, *, editable: bool = True) -> tuple[Preferences, bool]:
        """Run the dialog; (chosen preferences, accepted)."""
        dialog = cls(prefs, editable=editable, parent=parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.result_preferences(), accepted


class ShortcutsDialog(QDialog):
    """Help › Keyboard shortcuts: every action with its keys, in a table."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        for row, (action, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(action))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 520)

    @classmethod
    def show_shortcuts(cls, parent: QWidget | None, rows: list[tuple[str, str]]) -> tuple[None, bool]:
        """Show the shortcuts table until closed."""
        dialog = cls(rows, parent)
        dialog.exec()
        return None, True


class ImportReportDialog(QDialog):
    """After an import: what was read, and the importer's warnings, one per line."""

    def __init__(self, title: str, summary: str, warnings: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Report imported"))
        heading = QLabel(f"<b>{_escape(title)}</b>", self)
        heading.setWordWrap(True)
        summary_label = QLabel(summary, self)
        summary_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(summary_label)
        if warnings:
            layout.addWidget(QLabel(self.tr("The importer noted:"), self))
            self.warning_list = QListWidget(self)
            self.warning_list.setWordWrap(True)
            self.warning_list.addItems(warnings)
            layout.addWidget(self.warning_list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(560, 380 if warnings else 160)

    @classmethod
    def show_result(cls, parent: QWidget | None, title: str, summary: str,
                    warnings: list[str]) -> tuple[None, bool]:
        """Show what was imported and the importer's warnings; (None, accepted)."""
        dialog = cls(title, summary, warnings, parent)
        return None, dialog.exec() == QDialog.DialogCode.Accepted


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

