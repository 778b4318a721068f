"""Edit › Preferences and Help › About, run for the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from editor.ui.dialogs import Preferences, PreferencesDialog
from editor.ui.i18n import translate


def edit_preferences(window) -> None:
    """Language and rating dimensions: renames are undoable commands, a new language rebuilds the window."""
    prefs = Preferences(language=window.settings.language(), dimensions=window.store.dimensions())
    chosen, accepted = PreferencesDialog.edit(window, prefs, editable=not window.session.read_only)
    if not accepted:
        return
    for dimension_id, name in chosen.renamed.items():
        window.edits.rename_dimension(dimension_id, name)
    for name in chosen.added:
        window.edits.add_dimension(name)
    if chosen.language != window.settings.language():
        window.settings.set_language(chosen.language)
        window.languageChangeRequested.emit(chosen.language)


def show_about(window) -> None:
    """The version and what Trendmark is for."""
    from editor import __version__

    QMessageBox.about(window, translate("MainWindow", "About Trendmark"), translate(
        "MainWindow", "<b>Trendmark</b> {version}<br>An outline and annotation editor for analysts "
        "reading long research reports.").format(version=__version__))
