"""Telling Traditional from Simplified Chinese text: fonts, language tags."""

from __future__ import annotations

# Everyday characters whose Traditional and Simplified forms differ, pair by pair.
_TRADITIONAL_MARKS = frozenset("們這個來時說會為國發學對過經與實現開關東車長問題區機產業務體點從後進")
_SIMPLIFIED_MARKS = frozenset("们这个来时说会为国发学对过经与实现开关东车长问题区机产业务体点从后进")


def is_cjk(char: str) -> bool:
    """Whether ``char`` is a Han ideograph, CJK symbol or full-width form (needs a CJK font)."""
    code = ord(char)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFE30 <= code <= 0xFE4F
            or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3FFFF)


def prefers_traditional(text: str) -> bool:
    """Whether ``text`` reads as Traditional Chinese (so TC glyph forms suit it best)."""
    # str.count scans in C: a few dozen scans of a long report beat one Python loop over it.
    traditional = sum(text.count(ch) for ch in _TRADITIONAL_MARKS)
    simplified = sum(text.count(ch) for ch in _SIMPLIFIED_MARKS)
    return traditional >= simplified


def chinese_language_tag(text: str, context: str = "") -> str | None:
    """BCP 47 tag of Chinese ``text`` ("zh-Hant" or "zh-Hans"); None when it holds no Han characters.

    Text too short to tell (no character that differs between the scripts) takes the
    script of ``context``, e.g. the report it belongs to.
    """
    if not any(is_cjk(ch) for ch in text):
        return None
    marks = sum(text.count(ch) for ch in _TRADITIONAL_MARKS | _SIMPLIFIED_MARKS)
    return "zh-Hant" if prefers_traditional(text if marks else (context or text)) else "zh-Hans"
