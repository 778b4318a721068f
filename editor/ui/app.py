"""Starting the window: the application object, language, database, analyst name, event loop."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from editor.core.errors import StoreError, TrendmarkError
from editor.identity import load_identity, save_identity, suggested_name
from editor.ui.database import author_for, open_store
from editor.ui.dialogs import AuthorNameDialog
from editor.ui.i18n import install_translators, resolve_language, translate
from editor.ui.main_window import MainWindow
from editor.ui.resources import app_icon_path
from editor.ui.settings import WindowSettings
from editor.ui.style import apply_style

APP_NAME = "Trendmark"
ORGANISATION = "Trendmark"
# The desktop entry's name (packaging/linux): Wayland compositors match windows to it for their icon.
DESKTOP_FILE_NAME = "io.trendmark.Trendmark"
SMOKE_TEST_MS = 500


# Qt messages that say nothing to an analyst: the offscreen platform (packaging smoke tests,
# screenshots) reports that it cannot resize a window to its hint.
_SILENCED = ("does not support propagateSizeHints",)


def _qt_message(mode: QtMsgType, context, message: str) -> None:
    if any(part in message for part in _SILENCED):
        return
    sys.stderr.write(message + "\n")


def application() -> QApplication:
    """The QApplication (created once; tests and the CLI share it)."""
    existing = QApplication.instance()
    if existing is None:
        qInstallMessageHandler(_qt_message)
        app = QApplication(sys.argv[:1])
    else:
        app = cast(QApplication, existing)  # whoever made it first (a test, the PDF export) made a QApplication
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setOrganizationDomain("trendmark.invalid")
    QApplication.setApplicationDisplayName(APP_NAME)
    QGuiApplication.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(QIcon(str(app_icon_path())))  # every window's title bar and task switcher entry
    return app


def setup_language_and_style(app: QApplication, settings: WindowSettings) -> str:
    """Install the translation chosen in Preferences (or the system's) and the look; returns the code."""
    language = resolve_language(settings.language())
    install_translators(app, language)
    apply_style(app, language)
    return language


def ask_author_name(author_name: str | None) -> tuple[str, bool]:
    """The analyst's name: given, stored, or asked once; and whether the login name was taken by default.

    Cancelling the prompt does not quit: the login name is kept (and stored, so the prompt
    does not come back), and the window says how to use another.
    """
    if author_name and author_name.strip():
        return author_name.strip(), False
    identity = load_identity()
    if identity is not None:
        return identity.name, False
    name, accepted = AuthorNameDialog.get_name(None, suggested_name())
    defaulted = not accepted or not name.strip()
    if defaulted:
        name = suggested_name()
    save_identity(name)
    return name, defaulted


def open_main_window(db_path: Path, author_name: str, settings: WindowSettings) -> MainWindow | None:
    """Open the database and build the window; a refusal is shown in a dialog (None returned)."""
    try:
        store = open_store(db_path)
    except StoreError as exc:
        QMessageBox.critical(None, translate("App", "Cannot open database"),
                             translate("App", "{path}\n\n{error}").format(path=db_path, error=exc))
        return None
    try:
        author = author_for(store, author_name)
        window = MainWindow(store, author, settings=settings)
    except TrendmarkError as exc:
        store.close()
        QMessageBox.critical(None, translate("App", "Cannot open database"),
                             translate("App", "{path}\n\n{error}").format(path=db_path, error=exc))
        return None
    settings.add_recent_database(store.path or db_path)
    return window


def _rebuild_in_language(app: QApplication, window: MainWindow, language_setting: str) -> MainWindow:
    """Replace the window by one built in the newly chosen language, on the same database."""
    window.inspector.flush()
    window.save_state()
    store, author, settings, report_id = window.store, window.author, window.settings, window.report_id
    current = window.current_node_id()
    language = resolve_language(language_setting)
    install_translators(app, language)
    apply_style(app, language)
    replacement = MainWindow(store, author, settings=settings, session=window.detach_session())
    if report_id:
        replacement.show_report(report_id)
        replacement.select_node(current)
    replacement.show()
    window.languageChangeRequested.disconnect()
    del window.store  # the store now belongs to the replacement; the old window must not touch it
    window.hide()
    window.deleteLater()
    return replacement


def run_gui(db_path: Path, author_name: str | None, *, smoke_test: bool = False) -> int:
    """Open the main window on ``db_path`` and run until it closes; returns the exit status."""
    app = application()
    settings = WindowSettings()
    setup_language_and_style(app, settings)
    name, defaulted = ask_author_name(author_name)
    window = open_main_window(Path(db_path), name, settings)
    if window is None:
        return 2
    if defaulted:
        window.statusBar().showMessage(translate(
            "App", "Your annotations are signed “{name}” (your login name). To use another name, start "
            "Trendmark with --author NAME.").format(name=name))
    holder = {"window": window}

    def relaunch(language_setting: str) -> None:
        holder["window"] = _rebuild_in_language(app, holder["window"], language_setting)
        holder["window"].languageChangeRequested.connect(relaunch)

    window.languageChangeRequested.connect(relaunch)
    window.show()
    if smoke_test:
        timer = QElapsedTimer()
        timer.start()
        while timer.elapsed() < SMOKE_TEST_MS:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        holder["window"].close()
        status = 0
    else:
        status = app.exec()
    final = holder["window"]
    if final.store is not None:
        final.store.close()
    return status
