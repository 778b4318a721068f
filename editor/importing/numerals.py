"""Chinese numerals as printed in chapter labels (一 … 十, 十一, 九十九, 一百零一 …)."""

from __future__ import annotations

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1,
    "二": 2, "貳": 2, "贰": 2,
    "三": 3, "叁": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陸": 6, "陆": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "萬": 10_000, "万": 10_000}

# The characters a chapter label may be made of; used to build the outline patterns.
NUMERAL_CHARS = "".join(sorted(set(DIGITS) | set(UNITS)))

_SMALL_DIGITS = "零一二三四五六七八九"


def parse_chinese_numeral(text: str) -> int:
    """The value of a Chinese numeral such as ``十一`` (11) or ``一百零一`` (101).

    Accepts positional forms too (``一〇一`` = 101). Raises ``ValueError`` for anything
    that is not a well-formed numeral, so callers can tell a label from prose.
    """
    if not text or any(ch not in DIGITS and ch not in UNITS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if not any(ch in UNITS for ch in text):
        if len(text) == 1:
            return DIGITS[text]
        # Digit-by-digit form (一〇一, 二〇二五). Without a zero in it a run such as 一二
        # is more likely two words than a number; a zero-led run (〇一) is not a label.
        if DIGITS[text[0]] == 0 or not any(DIGITS[ch] == 0 for ch in text):
            raise ValueError(f"not a Chinese numeral: {text!r}")
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = 0  # completed 萬 groups
    section = 0  # value below 萬 being built
    digit: int | None = None  # digit waiting for its unit
    last_unit = 10**9
    for ch in text:
        if ch in DIGITS:
            # 零 may stand before a digit (一百零一); any other pair of digits is malformed.
            if digit is not None and (digit != 0 or DIGITS[ch] == 0):
                raise ValueError(f"two digits in a row in {text!r}")
            digit = DIGITS[ch]
            continue
        unit = UNITS[ch]
        if unit == 10_000:
            section += digit or 0
            if section == 0:
                raise ValueError(f"萬 without a value in {text!r}")
            total += section * unit
            section, digit, last_unit = 0, None, 10**9
            continue
        if unit >= last_unit:
            raise ValueError(f"units out of order in {text!r}")
        # A bare 十 means 一十 (十一 = 11, 一百十 = 110); other units need their digit.
        if digit is None:
            if unit != 10:
                raise ValueError(f"unit without a digit in {text!r}")
            digit = 1
        if digit == 0:
            raise ValueError(f"zero before a unit in {text!r}")
        section += digit * unit
        digit, last_unit = None, unit
    if digit == 0:
        raise ValueError(f"trailing zero in {text!r}")
    section += digit or 0
    value = total + section
    if value == 0 and text not in ("零", "〇", "○"):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    return value


def format_chinese_numeral(value: int) -> str:
    """The usual printed form of a positive integer below 100 000 (11 -> 十一, 101 -> 一百零一)."""
    if not 0 < value < 100_000:
        raise ValueError(f"cannot write {value} as a chapter numeral")
    parts: list[str] = []
    units = ((10_000, "萬"), (1000, "千"), (100, "百"), (10, "十"), (1, ""))
    pending_zero = False
    for unit, name in units:
        digit, value = divmod(value, unit)
        if digit:
            if pending_zero and parts:
                parts.append("零")
            parts.append(_SMALL_DIGITS[digit] + name)
            pending_zero = False
        elif parts:
            pending_zero = True
    text = "".join(parts)
    # 10–19 are written 十, 十一 … rather than 一十, 一十一.
    return text[1:] if text.startswith("一十") else text
