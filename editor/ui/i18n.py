"""Interface languages: which one to use and loading its compiled translations."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from editor.ui.resources import resource_path

# (code, name in its own language): names are not translated, so everyone finds theirs.
LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("zh_CN", "简体中文"), ("zh_TW", "繁體中文"))

_installed: list[QTranslator] = []


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for lupdate (which looks for this name) and return it as is; Qt's own is typed object."""
    return source


def resolve_language(setting: str, locale: QLocale | None = None) -> str:
    """The language code to load for a setting of ``system``, ``en``, ``zh_CN`` or ``zh_TW``."""
    if setting in {code for code, _ in LANGUAGES}:
        return setting
    locale = locale or QLocale.system()
    if locale.language() != QLocale.Language.Chinese:
        return "en"
    # Taiwan, Hong Kong and Macau write Traditional characters; any other Chinese locale Simplified.
    traditional = (locale.script() == QLocale.Script.TraditionalChineseScript
                   or locale.territory() in (QLocale.Country.Taiwan, QLocale.Country.HongKong, QLocale.Country.Macau))
    return "zh_TW" if traditional else "zh_CN"


def translation_file(language: str):
    """Path of the compiled Trendmark translation for ``language``."""
    return resource_path("translations", f"trendmark_{language}.qm")


def install_translators(app: QCoreApplication, language: str) -> bool:
    """Replace the installed translators with ``language``'s; False if its file is missing."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        return True
    ours = QTranslator(app)
    loaded = ours.load(str(translation_file(language)))
    if loaded:
        app.installTranslator(ours)
        _installed.append(ours)
    # Qt's own strings (standard buttons, file dialogs) in the same language.
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    return loaded


def translate(context: str, text: str) -> str:
    """``QCoreApplication.translate`` under the name pyside6-lupdate recognises in any module."""
    return QCoreApplication.translate(context, text)


def plain_label(text: str) -> str:
    """A menu text without its mnemonic ("&File", "文件(&F)") or trailing ellipsis."""
    text = re.sub(r"\(&\w\)", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip("…").rstrip(".").strip()
