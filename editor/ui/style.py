"""The look: a font that covers Chinese, the style sheet, and the reading font for a report's script."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from editor.ui.resources import resource_path

# Families that cover Chinese well, best first, on Linux, Windows and macOS.
_SIMPLIFIED = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei UI", "PingFang SC",
               "WenQuanYi Micro Hei", "Droid Sans Fallback")
_TRADITIONAL = ("Noto Sans CJK TC", "Source Han Sans TC", "Microsoft JhengHei UI", "PingFang TC",
                "Noto Sans CJK HK", "WenQuanYi Micro Hei", "Droid Sans Fallback")

# Characters that differ between the scripts, frequent in reports: enough to tell them apart.
_TRADITIONAL_ONLY = set("們這個國發與會說經對於產業務關過進當還從開問"
                        "動應體現實點數據資險場區機構質")
_SIMPLIFIED_ONLY = set("们这个国发与会说经对于产业务关过进当还从开问"
                       "动应体现实点数据资险场区机构质")

UI_POINT_SIZE = 10


def _covers_chinese(family: str) -> bool:
    systems = QFontDatabase.writingSystems(family)
    return (QFontDatabase.WritingSystem.SimplifiedChinese in systems
            or QFontDatabase.WritingSystem.TraditionalChinese in systems)


def _first_available(candidates: tuple[str, ...]) -> str | None:
    available = set(QFontDatabase.families())
    return next((family for family in candidates if family in available), None)


def is_traditional(text: str) -> bool:
    """Whether a (Chinese) text is written in Traditional characters."""
    sample = text[:20000]
    traditional = sum(1 for ch in sample if ch in _TRADITIONAL_ONLY)
    simplified = sum(1 for ch in sample if ch in _SIMPLIFIED_ONLY)
    return traditional > simplified


def ui_font(language: str) -> QFont:
    """The application font: the system's if it covers Chinese, else a CJK family that does."""
    font = QApplication.font()
    font.setPointSize(max(UI_POINT_SIZE, font.pointSize()))
    if not _covers_chinese(font.family()):
        # Simplified forms for a Chinese interface; for English the same family keeps Latin and
        # CJK glyphs (report titles in the tree) in one consistent design.
        family = _first_available(_SIMPLIFIED)
        if family:
            font.setFamilies([family])
    return font


def reading_font(sample_text: str, base: QFont) -> QFont:
    """Font for report text: Traditional or Simplified glyph forms to match the report's script."""
    font = QFont(base)
    family = _first_available(_TRADITIONAL if is_traditional(sample_text) else _SIMPLIFIED)
    if family:
        font.setFamilies([family])
    return font


def style_sheet() -> str:
    """The application style sheet (empty if the file is missing: the window still works)."""
    try:
        return resource_path("style", "trendmark.qss").read_text(encoding="utf-8")
    except OSError:
        return ""


def apply_style(app: QApplication, language: str) -> None:
    """Font, Fusion style and style sheet for the whole application."""
    app.setStyle("Fusion")
    app.setFont(ui_font(language))
    app.setStyleSheet(style_sheet())
