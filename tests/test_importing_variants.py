"""The same report in other encodings, line endings, script and shape imports to the same outline."""

from __future__ import annotations

import codecs
import re

import pytest
from opencc import OpenCC

from editor.core.report import ParsedReport, report_id
from editor.importing import parse_report

# Written here on purpose rather than taken from the importer: the variants must not
# depend on the code under test. Only readings after a character, all tone-marked in the sample.
SAMPLE_READING = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
BODY_START = "一、2025年下沉市場消費金融與移動支付融合發(fā)展趨勢研究報告隨著"
TO_SIMPLIFIED = OpenCC("t2s")


@pytest.fixture(scope="module")
def text(sample_bytes: bytes) -> str:
    return sample_bytes.decode("utf-8")


@pytest.fixture(scope="module")
def reference(sample_bytes: bytes) -> ParsedReport:
    return parse_report(sample_bytes)


def shape(report: ParsedReport) -> list[tuple[str, int, str]]:
    return [(node.path, node.level, node.number) for node in report.walk()]


def titles(report: ParsedReport) -> list[str]:
    return [node.title for node in report.walk()]


@pytest.mark.parametrize("encode", [
    pytest.param(lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), id="utf-8 with BOM"),
    pytest.param(lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), id="utf-16 LE with BOM"),
    pytest.param(lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), id="utf-16 BE with BOM"),
    pytest.param(lambda t: t.encode("utf-16-le"), id="utf-16 LE without BOM"),
    pytest.param(lambda t: t.encode("gb18030"), id="gb18030"),
    pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="CRLF"),
    pytest.param(lambda t: t.replace("\n", "\r").encode("utf-8"), id="CR"),
    pytest.param(lambda t: codecs.BOM_UTF16_LE + t.replace("\n", "\r\n").encode("utf-16-le"), id="utf-16 CRLF"),
])
def test_encodings_and_line_endings_give_the_identical_report(text, reference, encode):
    report = parse_report(encode(text))
    assert report == reference
    assert report_id(report) == report_id(reference)


def test_big5_holds_all_but_pinyin_and_damaged_characters(text, reference):
    # Big5 has no letters with tone marks and lacks a few characters of the sample, so a
    # Big5 copy of this report cannot carry the pinyin readings. Say exactly what is lost:
    unencodable = set()
    for ch in set(text):
        try:
            ch.encode("big5")
        except UnicodeEncodeError:
            unencodable.add(ch)
    tone_letters = {ch for ch in unencodable if ch in "àáèéìíòóùāēěīōūǎǐǒǔǖǘǚǜ"}
    assert unencodable - tone_letters == {"嶋", "献", "\ue178", "\ue191", "\ue47f"}
    # ...then drop the readings as a Big5 copy would not have them, and let the encoder
    # write "?" for the rest: all of it sits in the sample's scraping-damaged spots.
    data = SAMPLE_READING.sub("", text).encode("big5", errors="replace")

    report = parse_report(data)
    assert shape(report) == shape(reference)
    damaged = {"10.1.4"}  # its title holds "?jié)摿Α": the é becomes "?" in Big5
    for ours, theirs in zip(report.walk(), reference.walk(), strict=True):
        if ours.path in damaged:
            assert ours.title.startswith("盡管面臨諸多挑戰,但下沉市場消費金融與移動支付仍具有巨大的發展")
        else:
            assert ours.title == theirs.title
    assert report.title == reference.title
    assert report.nodes[0].body == reference.nodes[0].body


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_simplified_chinese_gives_the_same_outline(text, reference, encoding):
    simplified = TO_SIMPLIFIED.convert(text)
    assert "温馨提示" in simplified and "参考模板" in simplified  # furniture converted too
    report = parse_report(simplified.encode(encoding))
    assert shape(report) == shape(reference)
    assert titles(report) == [TO_SIMPLIFIED.convert(title) for title in titles(reference)]
    assert report.title == TO_SIMPLIFIED.convert(reference.title)
    by_path = {node.path: node for node in report.walk()}
    assert by_path["1.1.1"].body.startswith(TO_SIMPLIFIED.convert("近年來,隨著我國農村地區"))
    assert by_path["4.4.1"].body.startswith("建立信用评级体系。")
    assert any("stops mid-sentence in 9 " in w for w in report.warnings)


def test_simplified_detection_does_not_convert_the_text(text):
    report = parse_report(TO_SIMPLIFIED.convert(text).encode("gb18030"))
    assert report.title == "2025年下沉市场消费金融与移动支付融合发展趋势研究报告"


def test_outline_only_file_gives_the_outline_and_says_there_is_no_body(text, reference):
    start = text.index(BODY_START)
    outline_only = text[:start] + text[text.index("\n", start):]
    report = parse_report(outline_only.encode("utf-8"))
    assert shape(report) == shape(reference)
    assert titles(report) == titles(reference)
    assert report.title == reference.title
    assert all(node.body == "" for node in report.walk())
    assert any("outline only" in w for w in report.warnings)


def test_body_on_its_own_line_is_found_like_a_glued_one(text, reference):
    start = text.index(BODY_START)
    separate = text[:start] + "\n\n" + text[start:]
    report = parse_report(separate.encode("utf-8"))
    assert report == reference


def test_outline_without_blank_lines_between_entries(text, reference):
    report = parse_report(text.replace("\n\n", "\n").encode("utf-8"))
    assert shape(report) == shape(reference)
    assert [node.body for node in report.walk()] == [node.body for node in reference.walk()]


def test_a_broken_byte_in_utf8_is_reported_not_guessed_away(sample_bytes, reference):
    cut = sample_bytes.index("盡管".encode()) + 1
    damaged = sample_bytes[:cut] + sample_bytes[cut + 1:]  # one byte of 盡 lost
    report = parse_report(damaged)
    assert shape(report) == shape(reference)
    assert report.warnings[0].startswith("1 byte sequence in the file is not valid UTF-8")
    assert any("replacement character" in w and "10.1.4 title" in w for w in report.warnings)
    by_path = {node.path: node for node in report.walk()}
    assert by_path["10.1.4"].title.startswith("管面臨諸多挑戰")
    assert by_path["1.1.1"].body == next(n for n in reference.walk() if n.path == "1.1.1").body


def test_gb18030_file_larger_than_the_detection_sample(text, reference):
    # Five megabytes of page captions ahead of the report. The encoding is detected on
    # the first 4 MiB; place a character across that mark, so detection must cut elsewhere.
    captions = "".join(f"2025年下沉市場消費金融與移動支付融合發展趨勢研究報告_第{n}頁\n" for n in range(1, 80_000))
    for pad in range(4):
        data = (" " * pad + captions + text).encode("gb18030")
        try:
            data[: 4 * 1024 * 1024].decode("gb18030")
        except UnicodeDecodeError:
            break
    else:
        pytest.fail("no padding put a character across the 4 MiB mark")
    report = parse_report(data)
    assert shape(report) == shape(reference)
    assert titles(report) == titles(reference)
