"""The sample report imports to the right outline, clean titles and bodies, and honest warnings."""

from __future__ import annotations

import re

import pytest

from editor.core.report import ParsedNode, ParsedReport, report_id
from editor.importing import parse_report, read_report

TITLE = "2025年下沉市場消費金融與移動支付融合發展趨勢研究報告"
# A character followed by a bracketed run of pinyin letters: 發(fā), 的(de).
PINYIN = re.compile(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


@pytest.fixture(scope="module")
def report(sample_bytes: bytes) -> ParsedReport:
    return parse_report(sample_bytes, source="sample-report.txt")


@pytest.fixture(scope="module")
def nodes(report: ParsedReport) -> dict[str, ParsedNode]:
    return {node.path: node for node in report.walk()}


def test_outline_has_ten_chapters_46_sections_128_points(report):
    assert report.counts() == {1: 10, 2: 46, 3: 128}
    assert [node.number for node in report.nodes] == list("一二三四五六七八九十")
    assert [node.path for node in report.nodes] == [str(n) for n in range(1, 11)]


def test_title_is_split_from_template_word_and_first_chapter(report, nodes):
    assert report.title == TITLE
    assert report.source == "sample-report.txt"
    assert nodes["1"].title == TITLE
    assert "參考模板" not in report.title + nodes["1"].title


def test_numbers_paths_and_levels(nodes):
    assert (nodes["1.1"].number, nodes["1.1"].level) == ("1.1", 2)
    assert (nodes["10.3.5"].number, nodes["10.3.5"].level) == ("10.3.5", 3)
    assert nodes["10"].number == "十"
    assert [child.path for child in nodes["4"].children] == ["4.1", "4.2", "4.3", "4.4"]
    assert [child.path for child in nodes["4.4"].children] == [f"4.4.{n}" for n in range(1, 6)]


def test_last_point_is_split_from_the_body_glued_to_it(nodes):
    assert nodes["10.3.5"].title == "推動技術創新,提升金融服務效率,降低運營成本。"


@pytest.mark.parametrize("field", ["title", "body"])
def test_no_scraping_residue_left_in_titles_or_bodies(report, field):
    texts = [getattr(node, field) for node in report.walk()] + [report.title]
    for text in texts:
        assert not PINYIN.search(text), text
        assert "_第" not in text
        assert "溫馨提示" not in text and "下載本文檔" not in text and "提交評論" not in text
        assert "</p>" not in text and "?/p>" not in text and "<br" not in text
        assert not PRIVATE_USE.search(text), text


def test_footer_notice_list_is_not_an_outline(report):
    titles = " ".join(node.title for node in report.walk())
    assert "本站" not in titles and "OFFICE2007" not in titles


def test_real_latin_in_brackets_is_kept(nodes):
    assert nodes["5.3.3"].title == "監管科技(RegTech)的應用將提高監管效率。"
    assert nodes["5.3.3"].body.startswith("監管科技(RegTech)的應用將提高監管效率,降低監管成本")


def test_pinyin_is_removed_inside_words(nodes):
    assert nodes["1.1.1"].title.startswith("近年來,隨著我國農村地區基礎設施")
    assert nodes["2"].title == "下沉市場消費金融產品創新與優化"


def test_point_gets_its_whole_paragraph(nodes):
    body = nodes["1.1.1"].body
    assert body.startswith("近年來,隨著我國農村地區")
    assert "尤其是在教育、醫療" in body
    assert "農村居民對于消費金融產品" not in body  # that sentence opens 1.1.2
    assert nodes["1.1.2"].body.startswith("農村居民對于消費金融產品的認知度逐漸提高")


def test_chapter_gets_its_introduction_and_section_only_its_own_text(nodes):
    assert nodes["1"].body.startswith("隨著我國經濟的穩步增長")
    assert nodes["1"].body.endswith("呈現出以下特點:")
    assert nodes["1.1"].body == ""
    assert "1.1." not in nodes["1"].body


def test_short_lead_points_start_their_paragraphs(nodes):
    assert nodes["3.2.3"].body.startswith("安全風險。移動支付存在一定的安全風險")
    assert nodes["3.2.2"].body == "網絡覆蓋不足。部分農村地區網絡信號不穩定,影響移動支付的使用體驗。"


def test_points_are_found_where_their_section_heading_is_missing(nodes):
    assert nodes["4.3.5"].body.startswith("推動行業創新。")
    assert nodes["4.3.5"].body.endswith("滿足下沉市場用戶需求。")
    assert "建立信用評級體系" not in nodes["4.3.5"].body
    assert nodes["4.4"].body == ""
    assert nodes["4.4.1"].body.startswith("建立信用評級體系。金融機構應與征信機構合作")
    assert nodes["4.4.5"].body.endswith("健康發展。")


def test_condensed_outline_sentence_still_finds_its_paragraph(nodes):
    assert nodes["8.7.2"].title == "通過國際合作,引進國外先進經驗和技術。"
    assert nodes["8.7.2"].body.startswith("通過國際合作,引進國外先進經驗和技術,推動")


def test_text_stops_in_chapter_nine(report, nodes):
    assert nodes["9"].body == "為了更深入地理解下沉市場消費金融與移動支"
    after_cut = [node for node in report.walk() if node.path.startswith(("9.", "10"))]
    assert len(after_cut) == 34
    assert all(node.body == "" for node in after_cut)
    stop = [w for w in report.warnings if "stops mid-sentence" in w]
    assert len(stop) == 1
    assert "in 9 " in stop[0] and "與移動支" in stop[0] and "34 later nodes" in stop[0]


def test_every_node_before_the_cut_has_text_except_bare_sections(report):
    for node in report.walk():
        if node.path.startswith(("9.", "10")):
            continue
        if node.level == 2:
            continue
        assert node.body, node.path


def test_warnings_name_the_damage_and_where_it_is(report):
    warnings = "\n".join(report.warnings)
    assert len(report.warnings) == len(set(report.warnings))
    private = [w for w in report.warnings if "private-use" in w]
    assert len(private) == 1 and "4 private-use" in private[0] and "7.4.3" in private[0]
    markup = [w for w in report.warnings if "markup" in w]
    assert len(markup) == 1 and "10.1.4 title" in markup[0]
    assert "4.4 「具體措施」" in warnings
    readings = [w for w in report.warnings if "pinyin reading" in w]
    assert len(readings) == 1
    assert int(re.search(r"removed (\d+)", readings[0]).group(1)) > 1000


def test_damaged_text_is_kept_but_reported(nodes, report):
    assert "當卣⑵髽I、社區等合作" in nodes["7.4.3"].body  # garbled in the source; not ours to invent
    garbled = [w for w in report.warnings if "garbled" in w]
    assert len(garbled) == 1 and "7.4.3" in garbled[0] and "10.1.4 title" in garbled[0]


def test_parsing_twice_gives_the_same_report(sample_bytes, report):
    again = parse_report(sample_bytes, source="sample-report.txt")
    assert again == report
    assert report_id(again) == report_id(report)


def test_read_report_reads_the_file_and_names_its_source(sample_path, report):
    from_file = read_report(sample_path)
    assert from_file.source == "sample-report.txt"
    assert from_file == report
