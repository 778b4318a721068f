"""English, Simplified and Traditional Chinese: complete translations, the window and every dialog in each."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QDialog

from editor.export.agreement import agreement_data
from editor.importing import read_report
from editor.store import Store
from editor.ui.agreement_dialog import AgreementDialog
from editor.ui.conflicts_dialog import ConflictsDialog
from editor.ui.dialogs import AuthorNameDialog, ImportReportDialog, Preferences, PreferencesDialog, ShortcutsDialog
from editor.ui.export_pdf_dialog import ExportPdfDialog
from editor.ui.merge_dialog import MergeDialog
from editor.ui.session import AnnotationSession
from editor.ui.i18n import install_translators, resolve_language, translation_file
from editor.ui.window_actions import shortcut_rows
from tests.ui_helpers import close_window, dialogs, open_window, sample_db, select  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
TS = TRANSLATIONS / "trendmark_zh_CN.ts"
CHINESE = ("zh_CN", "zh_TW")
PLACEHOLDER = re.compile(r"\{\w+\}")


@pytest.fixture
def chinese(qapp):
    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [(context.findtext("name"), message.findtext("source"), message.find("translation"))
            for context in root.iter("context") for message in context.iter("message")]


@pytest.mark.parametrize("language", CHINESE)
def test_every_string_has_a_finished_translation_with_the_same_placeholders(language):
    messages = _messages(TRANSLATIONS / f"trendmark_{language}.ts")
    assert len(messages) > 150
    for context, source, translation in messages:
        assert translation is not None and translation.get("type") is None, (context, source)
        assert translation.text and translation.text.strip(), (context, source)
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation.text)), source
        words = PLACEHOLDER.sub("", source)
        if re.search(r"[A-Za-z]{4,}", words) and source not in {"Home / End"}:
            assert re.search(r"[\u4e00-\u9fff]", translation.text), f"{source!r} is not translated"


@pytest.mark.parametrize("language", CHINESE)
def test_translation_file_covers_every_string_in_the_code(tmp_path, language):
    tool = Path(sys.executable).parent / "pyside6-lupdate"
    lupdate = str(tool) if tool.exists() else shutil.which("pyside6-lupdate")
    assert lupdate, "pyside6-lupdate is needed to check the translations"
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "editor" / "ui").rglob("*.py"))
    subprocess.run([lupdate, "-locations", "none", *sources, "-ts", str(fresh)], check=True,
                   capture_output=True)
    in_code = {(c, s) for c, s, _t in _messages(fresh)}
    in_file = {(c, s) for c, s, _t in _messages(TRANSLATIONS / f"trendmark_{language}.ts")}
    assert in_code - in_file == set(), "run resources/translations/update.py"


def test_compiled_translation_loads_and_translates(qapp):
    translator = QTranslator()
    assert translator.load(str(translation_file("zh_CN")))
    assert translator.translate("MainWindow", "&File") == "文件(&F)"
    assert translator.translate("Dimensions", "Impact") == "影响"


def test_language_follows_the_setting_or_the_system():
    assert resolve_language("en", QLocale("zh_CN")) == "en"
    assert resolve_language("zh_CN", QLocale("en_US")) == "zh_CN"
    assert resolve_language("system", QLocale("zh_CN")) == "zh_CN"
    assert resolve_language("system", QLocale("zh_SG")) == "zh_CN"
    assert resolve_language("system", QLocale("zh_TW")) == "zh_TW"
    assert resolve_language("system", QLocale("zh_HK")) == "zh_TW"
    assert resolve_language("zh_TW", QLocale("en_US")) == "zh_TW"
    assert resolve_language("system", QLocale("de_DE")) == "en"


def test_traditional_translation_uses_taiwan_words(qapp):
    translator = QTranslator()
    assert translator.load(str(translation_file("zh_TW")))
    assert translator.translate("MainWindow", "&File") == "檔案(&F)"
    assert translator.translate("MainWindow", "&View") == "檢視(&V)"
    assert translator.translate("Dimensions", "Impact") == "影響"
    assert "資料庫" in translator.translate("MainWindow", "&Open database…")


def test_language_picker_names_each_language_in_its_own_script():
    from editor.ui.i18n import LANGUAGES

    assert dict(LANGUAGES) == {"en": "English", "zh_CN": "简体中文", "zh_TW": "繁體中文"}


def test_window_in_traditional_chinese(qtbot, sample_db, dialogs, qapp):
    install_translators(qapp, "zh_TW")
    try:
        window = open_window(qtbot, sample_db)
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus == ["檔案(&F)", "編輯(&E)", "檢視(&V)", "分析(&A)", "說明(&H)"]
        assert window.actions.undo.iconText() == "復原"
        close_window(window)
    finally:
        install_translators(qapp, "en")


def test_window_in_chinese(qtbot, sample_db, dialogs, chinese):
    window = open_window(qtbot, sample_db)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "视图(&V)", "分析(&A)", "帮助(&H)"]
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "大纲"
    assert window.filter_bar.text_edit.placeholderText().startswith("筛选")
    select(window, "1.1.1")
    labels = [row[0].text() for row in window.inspector.ratings._rows.values()]
    assert labels == ["影响", "可能性", "置信度"]
    assert window.status.save_text() == "所有更改已保存"
    assert window.actions.undo.iconText() == "撤销"
    close_window(window)


def _dialogs_to_open(parent):
    """Every dialog of the window, built (not run), with the strings it would show."""
    return [
        AuthorNameDialog("analyst", parent),
        PreferencesDialog(Preferences(language="system", dimensions=[]), parent=parent),
        ShortcutsDialog([("Bold", "Ctrl+B")], parent),
        ImportReportDialog("報告", "10 chapters", ["a warning"], parent),
    ]


@pytest.mark.parametrize("language", ["en", "zh_CN", "zh_TW"])
def test_every_dialog_opens_in_every_language(qtbot, qapp, language):
    install_translators(qapp, language)
    try:
        titles = []
        for dialog in _dialogs_to_open(None):
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            titles.append(dialog.windowTitle())
            assert dialog.isVisible()
            dialog.reject()
            assert dialog.result() == QDialog.DialogCode.Rejected
        if language == "zh_CN":
            assert titles == ["欢迎使用 Trendmark", "偏好设置", "键盘快捷键", "报告已导入"]
        elif language == "zh_TW":
            assert titles == ["歡迎使用 Trendmark", "偏好設定", "鍵盤快速鍵", "報告已匯入"]
        else:
            assert titles == ["Welcome to Trendmark", "Preferences", "Keyboard shortcuts", "Report imported"]
    finally:
        install_translators(qapp, "en")


def test_shortcuts_dialog_lists_the_keys(qtbot, sample_db, dialogs):
    window = open_window(qtbot, sample_db)
    rows = dict(shortcut_rows(window.actions))
    assert rows["Add tag"] == "T,  Ctrl+T"
    assert rows["Highlight selection"] == "H,  Ctrl+H"
    assert rows["Edit note"] == "N,  Ctrl+E"
    assert rows["Find"] == "Ctrl+F"
    assert rows["Undo"] == "Ctrl+Z" and rows["Redo"].startswith("Ctrl+Shift+Z")
    assert rows["Rate the first dimension 1–5"] == "1 … 5"
    dialog = ShortcutsDialog(shortcut_rows(window.actions), window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(rows)
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    close_window(window)
    assert QApplication.instance() is not None


def _update_script():
    script = ROOT / "resources" / "translations" / "update.py"
    spec = importlib.util.spec_from_file_location("translations_update", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_strings_under_a_constant_context_are_translated_too():
    # lupdate skips translate(_CONTEXT, "…"); the update script adds those strings from the syntax trees.
    found = _update_script().constant_context_messages((ROOT / "editor" / "ui").rglob("*.py"))
    assert ("PdfExport", "Export annotated PDF") in found
    in_file = {(c, s): t for c, s, t in _messages(TS)}
    for key in found:
        assert key in in_file and in_file[key].get("type") is None and in_file[key].text, key


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_collaboration_dialogs_open_in_every_language(qtbot, qapp, sample_path, language):
    store = Store.memory()
    info, _ = store.add_report(read_report(sample_path))
    author = store.ensure_author("Ana Analyst")
    session = AnnotationSession(store, author)
    install_translators(qapp, language)
    try:
        built = [ExportPdfDialog(store, info.id, author.id), MergeDialog(session), ConflictsDialog(session),
                 AgreementDialog(agreement_data(store, info.id))]
        titles = []
        for dialog in built:
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            titles.append(dialog.windowTitle())
            dialog.reject()
        if language == "zh_CN":
            assert titles == ["导出带批注的 PDF", "合并同事的数据库", "审阅合并冲突", "分析员之间的一致性"]
        else:
            assert titles == ["Export annotated PDF", "Merge a colleague's database", "Review merge conflicts",
                              "Agreement between analysts"]
    finally:
        install_translators(qapp, "en")
        store.close()
