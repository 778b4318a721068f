"""Traditional Chinese (Taiwan) for every interface string, keyed by the English source text.

Made from the Simplified translations (zh_CN.py) by OpenCC's ``s2twp``, which converts
whole phrases to Taiwan usage (数据库 → 資料庫, 文件 → 檔案, 软件 → 軟體); ``OVERRIDES``
holds the strings where Taiwan interfaces say something else again. A string translated
in zh_CN.py is therefore translated here too, and ``update.py`` checks both.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import opencc

_spec = importlib.util.spec_from_file_location("translations_zh_CN", Path(__file__).with_name("zh_CN.py"))
_simplified = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_simplified)  # type: ignore[union-attr]

# Where the phrase conversion is not what a Taiwan interface says.
OVERRIDES: dict[str, str] = {
    "&Edit": "編輯(&E)",
    "&View": "檢視(&V)",
    "&Help": "說明(&H)",
    "&Undo": "復原(&U)",
    "&Redo": "重做(&R)",
    "Undo": "復原",
    "Redo": "重做",
    "&Preferences…": "偏好設定(&P)…",
    "Preferences": "偏好設定",
}

# Interface words Taiwan software uses that the phrase tables leave in mainland form.
TAIWAN_WORDS = {"只讀": "唯讀", "高亮": "標示", "下劃線": "底線", "退出": "結束", "選中": "選取", "默認": "預設", "快捷鍵": "快速鍵"}

_convert = opencc.OpenCC("s2twp").convert


def _taiwan(text: str) -> str:
    text = _convert(text)
    for mainland, taiwan in TAIWAN_WORDS.items():
        text = text.replace(mainland, taiwan)
    return text


TRANSLATIONS: dict[str, str] = {source: OVERRIDES.get(source) or _taiwan(text)
                                for source, text in _simplified.TRANSLATIONS.items()}
