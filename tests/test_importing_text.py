"""Chinese numerals, pinyin recognition and character clean-up on their own."""

from __future__ import annotations

import pytest

from editor.importing.cleaning import (
    CONTROL, DAMAGED, MARKUP, PRIVATE_USE, clean_text, has_pinyin_readings, is_site_furniture,
)
from editor.importing.numerals import format_chinese_numeral, parse_chinese_numeral
from editor.importing.pinyin import is_toned_reading, is_toneless_reading


@pytest.mark.parametrize("numeral, value", [
    ("一", 1), ("二", 2), ("三", 3), ("四", 4), ("五", 5), ("六", 6), ("七", 7), ("八", 8), ("九", 9),
    ("十", 10), ("十一", 11), ("十九", 19), ("二十", 20), ("二十一", 21), ("九十九", 99),
    ("一百", 100), ("一百零一", 101), ("一百一十", 110), ("一百十", 110), ("一百二十", 120),
    ("一百九十九", 199), ("二百零五", 205), ("一千", 1000), ("一千零一十", 1010), ("一〇一", 101),
])
def test_parse_chinese_numeral(numeral, value):
    assert parse_chinese_numeral(numeral) == value


@pytest.mark.parametrize("text", ["", "百", "十十", "一百百", "二十百", "一百零", "一百零零一", "零一", "一二", "甲", "1"])
def test_malformed_numerals_are_refused(text):
    with pytest.raises(ValueError):
        parse_chinese_numeral(text)


@pytest.mark.parametrize("value, numeral", [
    (1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九"), (100, "一百"), (101, "一百零一"),
    (110, "一百一十"), (120, "一百二十"), (1005, "一千零五"),
])
def test_format_chinese_numeral(value, numeral):
    assert format_chinese_numeral(value) == numeral


def test_numerals_round_trip():
    assert all(parse_chinese_numeral(format_chinese_numeral(n)) == n for n in range(1, 3000))


@pytest.mark.parametrize("text", ["fā", "gòu", "yīng", "qián", "lüè", "nǚ", "zhuàng", "fāzhǎn", "e\u0301r"])
def test_toned_readings(text):
    assert is_toned_reading(text)


@pytest.mark.parametrize("text", ["RegTech", "ESG", "Fintech", "xyz", "de", "open", "qqq", "fā1", "fa\u0304n\u0301"])
def test_not_toned_readings(text):
    assert not is_toned_reading(text)


def test_toneless_reading_is_one_real_syllable():
    assert is_toneless_reading("de") and is_toneless_reading("zhong")
    assert not is_toneless_reading("china")  # chi + na: two syllables, an English word
    assert not is_toneless_reading("a")  # (a) is a list label far more often
    assert not is_toneless_reading("pdf") and not is_toneless_reading("Ma")


def test_readings_are_removed_and_counted_latin_in_brackets_kept():
    cleaned = clean_text("金融科技創(chuàng)新,監管科技(RegTech)發(fā)展,見附件 (fā)。")
    assert cleaned.text == "金融科技創新,監管科技(RegTech)發展,見附件 (fā)。"
    assert cleaned.readings == 2 and cleaned.reading_example == "創(chuàng)"
    assert cleaned.removals == []


def test_full_width_brackets_and_combining_tone_marks():
    cleaned = clean_text("發（fa\u0304）展農(no\u0301ng)村")
    assert cleaned.text == "發展農村"


def test_toneless_readings_only_where_the_text_has_toned_ones():
    annotated = "發(fā)展的(de)業(yè)務(wù)"
    assert has_pinyin_readings(annotated)
    assert clean_text(annotated, toneless_readings=True).text == "發展的業務"
    plain = "採用模型(de)和方案(open)。"
    assert not has_pinyin_readings(plain)
    assert clean_text(plain).text == plain
    # Even in an annotated text an English word in brackets is not a reading.
    assert clean_text("方案(open)", toneless_readings=True).text == "方案(open)"


def test_damaged_readings_markup_and_unprintables_are_located():
    raw = "發展?jié)摿Α?/p>當\ue47f地\x07好\u200b。"
    cleaned = clean_text(raw)
    assert cleaned.text == "發展摿Α當地好。"
    kinds = [(r.kind, r.at, r.text) for r in cleaned.removals]
    assert kinds[:4] == [(DAMAGED, 2, "?jié)"), (MARKUP, 4, "?/p>"), (PRIVATE_USE, 5, "\ue47f"), (CONTROL, 6, "\x07")]
    assert kinds[4][0] == "invisible"


@pytest.mark.parametrize("line", [
    "某某報告_第12頁", "已閱讀5頁,還剩13頁未讀, 繼續免費閱讀", "下載本文檔", "下载本文档",
    "版權(quán)說明:本文檔由用戶提供并上傳", "版权说明:本文档由用户提供", "文檔簡介", "評論", "0/150", "提交評論",
    "溫馨提示", "温馨提示",
])
def test_site_furniture_lines(line):
    assert is_site_furniture(line)


@pytest.mark.parametrize("line", [
    "一、總論", "1.1.背景", "評論家認為市場會增長。", "下載本文檔後請閱讀說明以外的內容", "2025年下沉市場報告",
])
def test_report_lines_are_not_furniture(line):
    assert not is_site_furniture(line)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("keep", ["chinese lines", "chinese only"])
def test_bomless_utf16_of_mostly_chinese_text_even_of_odd_length_is_decoded(sample_bytes, encoding, keep):
    from editor.importing.decoding import decode_bytes
    text = "".join(ch for ch in sample_bytes.decode("utf-8") if ord(ch) > 0x2000 or (keep == "chinese lines" and ch == "\n"))
    data = text.encode(encoding)
    assert decode_bytes(data, "r.txt").text == text
    odd = decode_bytes(data[:-1], "r.txt")
    assert odd.text == text[:-1] and "half a UTF-16 character" in odd.warnings[0]
