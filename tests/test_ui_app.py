"""Starting the application: run_gui, the first-run name prompt, and what persists between runs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from editor.identity import load_identity, save_identity
from editor.store import Store
from editor.ui import app as app_module
from editor.ui.app import run_gui
from editor.ui.dialogs import AuthorNameDialog, Preferences, PreferencesDialog
from editor.ui.resources import app_icon_path
from editor.ui.settings import WindowSettings
from tests.ui_helpers import AUTHOR, close_window, dialogs, open_window, sample_db  # noqa: F401


def test_smoke_test_shows_the_window_and_returns_zero_quietly(qtbot, sample_db, dialogs, capfd):
    assert run_gui(sample_db, AUTHOR, smoke_test=True) == 0
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    assert dialogs.calls == []
    assert QCoreApplication.applicationName() == "Trendmark"
    assert QCoreApplication.organizationName() == "Trendmark"
    assert WindowSettings().recent_databases() == [str(sample_db)]
    with Store.open(sample_db, read_only=True) as store:
        assert [a.name for a in store.authors()] == [AUTHOR]


def test_first_run_asks_for_the_name_prefilled_and_remembers_it(qtbot, sample_db, dialogs,
                                                                monkeypatch):
    asked: list[str] = []

    def ask(cls, parent, suggested):
        asked.append(suggested)
        return "Chen Analyst", True

    monkeypatch.setattr(AuthorNameDialog, "get_name", classmethod(ask))
    assert load_identity() is None
    assert run_gui(sample_db, None, smoke_test=True) == 0
    assert asked and asked[0]  # prefilled with the OS user name
    assert load_identity().name == "Chen Analyst"
    with Store.open(sample_db, read_only=True) as store:
        assert [a.name for a in store.authors()] == ["Chen Analyst"]
    # The second run does not ask again.
    assert run_gui(sample_db, None, smoke_test=True) == 0
    assert len(asked) == 1


def test_cancelled_name_prompt_keeps_the_login_name_and_says_so(qtbot, sample_db, dialogs, monkeypatch):
    from editor.identity import suggested_name

    monkeypatch.setattr(AuthorNameDialog, "get_name", classmethod(lambda cls, parent, suggested: ("", False)))
    shown: list[str] = []
    from PySide6.QtWidgets import QStatusBar

    monkeypatch.setattr(QStatusBar, "showMessage", lambda bar, text, timeout=0: shown.append(text))
    assert run_gui(sample_db, None, smoke_test=True) == 0
    assert load_identity().name == suggested_name()
    with Store.open(sample_db, read_only=True) as store:
        assert [a.name for a in store.authors()] == [suggested_name()]
    assert any("--author NAME" in text and suggested_name() in text for text in shown)


def test_stored_identity_is_used_without_asking(qtbot, sample_db, dialogs, monkeypatch):
    save_identity("Dana")
    monkeypatch.setattr(AuthorNameDialog, "get_name", classmethod(
        lambda cls, parent, suggested: (_ for _ in ()).throw(AssertionError("asked"))))
    assert run_gui(sample_db, None, smoke_test=True) == 0
    with Store.open(sample_db, read_only=True) as store:
        assert [a.name for a in store.authors()] == ["Dana"]
        assert store.authors()[0].id == load_identity().id


def test_splitter_sizes_and_window_size_persist(qtbot, sample_db, dialogs):
    window = open_window(qtbot, sample_db)
    # The offscreen test screen is 800×800: a saved geometry is only restored where it fits.
    window.resize(790, 640)
    window.splitter.setSizes([250, 270, 268])
    sizes = window.splitter.sizes()
    close_window(window)
    again = open_window(qtbot, sample_db)
    assert again.splitter.sizes() == sizes
    assert (again.width(), again.height()) == (790, 640)
    close_window(again)


def test_language_choice_rebuilds_the_window_in_chinese(qtbot, sample_db, dialogs, monkeypatch):
    app = app_module.application()
    settings = WindowSettings()
    window = app_module.open_main_window(Path(sample_db), AUTHOR, settings)
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(PreferencesDialog, "edit", classmethod(
        lambda cls, parent, prefs, editable=True: (Preferences(language="zh_CN", dimensions=prefs.dimensions), True)))
    current = window.current_node_id()
    window.edits.rate_first_dimension(current, 4)  # an edit to undo in the new language
    replaced: list = []
    window.languageChangeRequested.connect(
        lambda language: replaced.append(app_module._rebuild_in_language(app, window, language)))
    window.preferences_dialog()
    try:
        [new_window] = replaced
        qtbot.addWidget(new_window)
        assert settings.language() == "zh_CN"
        assert new_window.menuBar().actions()[0].text() == "文件(&F)"
        assert new_window.current_node_id() == current
        assert new_window.store is not None and not hasattr(window, "store")
        # The undo history came along (issue point 6): Undo takes the rating back.
        assert new_window.session.undo_stack.count() == 1 and new_window.actions.undo.isEnabled()
        new_window.undo()
        assert new_window.store.ratings(current) == []
        assert new_window.actions.redo.isEnabled()
    finally:
        app_module.install_translators(app, "en")
        close_window(new_window)


def test_application_has_the_icon_and_the_desktop_entrys_name(qtbot, sample_db, dialogs):
    assert run_gui(sample_db, AUTHOR, smoke_test=True) == 0
    icon = QApplication.windowIcon()
    assert not icon.isNull() and not icon.pixmap(64, 64).isNull()
    assert QGuiApplication.desktopFileName() == app_module.DESKTOP_FILE_NAME
    # The name is the packaged desktop entry's, so desktops put the window under its icon.
    root = Path(__file__).resolve().parents[1]
    assert (root / "packaging" / "linux" / f"{app_module.DESKTOP_FILE_NAME}.desktop").is_file()
    assert app_icon_path().read_bytes() == (root / "resources" / "icons" / "trendmark.svg").read_bytes()
