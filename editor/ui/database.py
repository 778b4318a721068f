"""File menu work: new / open / recent databases and report import, with clear refusals."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from editor.core.annotations import Author
from editor.core.errors import StoreError, TrendmarkError
from editor.identity import load_identity, resolve_author
from editor.ui.i18n import translate

if TYPE_CHECKING:
    from editor.store import Store



def database_filter() -> str:
    """File-dialog filter for databases, translated."""
    return translate("DatabaseActions", "Trendmark databases (*.sqlite *.db);;All files (*)")


def report_filter() -> str:
    """File-dialog filter for report files, translated (the file's content, not its name, says how it is read)."""
    return translate("DatabaseActions", "Reports (*.pdf *.docx *.md *.markdown *.html *.htm *.txt);;All files (*)")



def open_store(path: Path):
    """Open a database file; StoreError (one line) if it cannot be used."""
    from editor.store import Store
    return Store.open(path)


def author_for(store: Store, name: str) -> Author:
    """The analyst's author row in ``store``; in a read-only file nothing may be written, so look only."""
    if not store.read_only:
        return resolve_author(store, name)
    identity = load_identity()
    for author in store.authors():
        if (identity and author.id == identity.id) or author.name == name:
            return author
    # Not in this file: an author that exists only for this window (nothing can be written anyway).
    return Author(id=identity.id if identity else "", name=name)


class DatabaseActions:
    """Runs the file dialogs and opens what the analyst picked in the window."""

    def __init__(self, window) -> None:
        self.window = window

    def show_refusal(self, title: str, path: Path, error: Exception) -> None:
        """A dialog naming the file and the store's one-line reason."""
        text = translate("DatabaseActions", "{path}\n\n{error}").format(path=path, error=error)
        QMessageBox.critical(self.window, title, text)

    def open_database(self, path: Path) -> bool:
        """Open ``path`` in the window; a refusal is explained in a dialog and nothing changes."""
        path = Path(path)
        try:
            store = open_store(path)
        except StoreError as exc:
            self.show_refusal(translate("DatabaseActions", "Cannot open database"), path, exc)
            self.window.settings.remove_recent_database(str(path))
            return False
        try:
            author = author_for(store, self.window.author.name)
        except TrendmarkError as exc:
            store.close()
            self.show_refusal(translate("DatabaseActions", "Cannot open database"), path, exc)
            return False
        self.window.set_database(store, author)
        self.window.settings.add_recent_database(store.path or path)
        return True

    def open_database_dialog(self) -> None:
        """File › Open database…."""
        start = str(self.window.store.path.parent) if self.window.store.path else ""
        path, _ = QFileDialog.getOpenFileName(self.window, translate("DatabaseActions", "Open database"), start,
                                              database_filter())
        if path:
            self.open_database(Path(path))

    def new_database_dialog(self) -> None:
        """File › New database… (an existing file is opened, never overwritten)."""
        start = str(self.window.store.path.parent) if self.window.store.path else ""
        path, _ = QFileDialog.getSaveFileName(self.window, translate("DatabaseActions", "New database"), start,
                                              database_filter(),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".sqlite")
        if target.exists():
            # Never overwrite an analyst's work: an existing file is opened instead.
            QMessageBox.information(self.window, translate("DatabaseActions", "New database"),
                                    translate("DatabaseActions", "{path} already exists; it is opened instead.")
                                    .format(path=target))
        self.open_database(target)

    def fill_recent_menu(self, menu: QMenu) -> None:
        """File › Open recent: the databases opened last."""
        menu.clear()
        for entry in self.window.settings.recent_databases():
            action = menu.addAction(entry)
            action.triggered.connect(lambda _=False, p=entry: self.open_database(Path(p)))
        if menu.isEmpty():
            menu.addAction(translate("DatabaseActions", "No recent databases")).setEnabled(False)

    def import_report_dialog(self) -> None:
        """File › Import report…."""
        path, _ = QFileDialog.getOpenFileName(self.window, translate("DatabaseActions", "Import report"),
                                              str(Path.home()), report_filter())
        if path:
            self.import_report_file(Path(path))

    def import_report_file(self, path: Path) -> bool:
        """Start importing ``path`` (refused for read-only databases and non-files)."""
        if self.window.session.read_only:
            QMessageBox.warning(self.window, translate("DatabaseActions", "Import report"),
                                translate("DatabaseActions",
                                          "This database is read-only; open a writable one to import reports."))
            return False
        if not path.is_file():
            QMessageBox.warning(self.window, translate("DatabaseActions", "Import report"),
                                translate("DatabaseActions", "{path} is not a file.").format(path=path))
            return False
        if not self.window.importer.start(path):
            QMessageBox.information(self.window, translate("DatabaseActions", "Import report"),
                                    translate("DatabaseActions", "Another report is still being imported; "
                                              "try again when it is done."))
            return False
        return True
