"""Outline building and body alignment on small reports written for each case."""

from __future__ import annotations

from editor.core.report import ParsedReport
from editor.importing import parse_report

FOOTER = ["溫馨提示", "  • 1. 本站所有資源如無特殊說明,都需要本地電腦安裝OFFICE2007和PDF閱讀器。", "評論", "0/150", "提交評論"]


def build(outline: list[str], body: str, title: str = "縣域金融研究報告") -> bytes:
    """A report in the sample's layout: furniture, glued first line, body glued to the last entry."""
    entries = [f"{title}參考模板{outline[0]}", *outline[1:]]
    entries[-1] += body
    lines = [f"{title}_第1頁", "下載本文檔", *entries, *FOOTER]
    return "\n\n".join(lines).encode("utf-8")


def bodies(report: ParsedReport) -> dict[str, str]:
    return {node.path: node.body for node in report.walk()}


def test_title_glued_without_template_word():
    data = "\n\n".join(["報告名稱一、總論", "1.1.背景", "1.1.1.市場需求持續增長。一、總論概述。1.1.背景市場需求持續增長,速度很快。"])
    report = parse_report(data.encode("utf-8"))
    assert report.title == "報告名稱"
    assert bodies(report) == {"1": "概述。", "1.1": "", "1.1.1": "市場需求持續增長,速度很快。"}


def test_title_on_its_own_line_and_no_body():
    data = "\n".join(["下載本文檔", "縣域金融研究報告", "一、總論", "1.1.背景", "二、展望", "2.1.趨勢"])
    report = parse_report(data.encode("utf-8"))
    assert report.title == "縣域金融研究報告"
    assert [n.path for n in report.walk()] == ["1", "1.1", "2", "2.1"]
    assert any("outline only" in w for w in report.warnings)


def test_numbering_gap_is_a_warning_and_nothing_is_dropped():
    report = parse_report(build(["一、總論", "1.1.背景", "1.1.1.需求增長。", "1.1.3.風險上升。"],
                                "一、總論1.1.背景需求增長。風險上升。"))
    assert [n.path for n in report.walk()] == ["1", "1.1", "1.1.1", "1.1.3"]
    assert any("skips" in w and "1.1.1 → 1.1.3" in w for w in report.warnings)


def test_point_without_its_section_goes_under_the_chapter():
    report = parse_report(build(["一、總論", "1.1.背景", "1.1.1.需求增長。", "1.2.1.風險上升。"],
                                "一、總論1.1.背景需求增長。風險上升,需要防範。"))
    chapter = report.nodes[0]
    assert [c.path for c in chapter.children] == ["1.1", "1.2.1"]
    orphan = chapter.children[1]
    assert orphan.level == 3 and orphan.body == "風險上升,需要防範。"
    assert any("without their parent" in w and "1.2.1" in w for w in report.warnings)


def test_repeated_entries_keep_paths_unique():
    report = parse_report(build(["一、總論", "1.1.背景", "1.1.背景", "1.2.現狀", "1.2.挑戰"],
                                "一、總論1.1.背景甲。1.2.現狀乙。"))
    paths = [n.path for n in report.walk()]
    assert paths == ["1", "1.1", "1.2", "1.3"]
    assert report.nodes[0].children[2].number == "1.2"  # printed label kept, path made unique
    repeats = [w for w in report.warnings if "printed twice" in w]
    assert len(repeats) == 1 and "left out as a repeat" in repeats[0] and "kept as 1.3" in repeats[0]


def test_chapter_numerals_beyond_ten():
    outline, body = [], ""
    for value, numeral in enumerate(["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"], 1):
        outline += [f"{numeral}、第{value}章", f"{value}.1.小節{value}"]
        body += f"{numeral}、第{value}章引言{value}。{value}.1.小節{value}正文{value}。"
    report = parse_report(build(outline, body))
    assert [(n.number, n.path) for n in report.nodes][-3:] == [("十", "10"), ("十一", "11"), ("十二", "12")]
    assert bodies(report)["11"] == "引言11。"
    assert bodies(report)["12.1"] == "正文12。"


def test_fourth_level_points():
    report = parse_report(build(
        ["一、總論", "1.1.背景", "1.1.1.需求增長。", "1.1.1.1.城鎮需求。", "1.1.1.2.農村需求。", "1.1.2.風險上升。"],
        "一、總論1.1.背景需求增長。城鎮需求。城鎮居民收入提高。農村需求。農村網點增加。風險上升。"))
    by_path = {n.path: n for n in report.walk()}
    assert by_path["1.1.1.2"].level == 4
    assert by_path["1.1.1"].body == "需求增長。"
    assert by_path["1.1.1.1"].body == "城鎮需求。城鎮居民收入提高。"
    assert by_path["1.1.1.2"].body == "農村需求。農村網點增加。"
    assert by_path["1.1.2"].body == "風險上升。"


def test_title_starting_with_a_number_keeps_it():
    report = parse_report(build(["一、總論", "1.1.背景", "1.1.1.2025年需求增長。"],
                                "一、總論1.1.背景2025年需求增長,速度加快。"))
    point = report.nodes[0].children[0].children[0]
    assert (point.path, point.title) == ("1.1.1", "2025年需求增長。")
    assert point.body == "2025年需求增長,速度加快。"


def test_short_leads_only_match_at_a_sentence_start():
    report = parse_report(build(
        ["一、案例", "1.1.案例一", "1.1.1.背景。", "1.1.2.策略。"],
        "一、案例1.1.案例一在此背景下,市場快速變化,這是行業背景。背景。平臺成立於2020年。策略調整很快。"
        "策略。平臺下沉到縣域。"))
    assert bodies(report)["1.1"] == "在此背景下,市場快速變化,這是行業背景。"
    assert bodies(report)["1.1.1"] == "背景。平臺成立於2020年。策略調整很快。"
    assert bodies(report)["1.1.2"] == "策略。平臺下沉到縣域。"


def test_condensed_outline_sentence_is_matched_approximately_and_reported():
    report = parse_report(build(
        ["一、路徑", "1.1.國際合作", "1.1.1.拓展海外市場。", "1.1.2.通過國際合作,引進先進經驗和技術。"],
        "一、路徑1.1.國際合作拓展海外市場,參與競爭。通過深化國際合作,積極引進國外先進經驗和技術,推動發展。"))
    assert bodies(report)["1.1.1"] == "拓展海外市場,參與競爭。"
    assert bodies(report)["1.1.2"] == "通過深化國際合作,積極引進國外先進經驗和技術,推動發展。"
    assert any("approximate match" in w and "1.1.2" in w for w in report.warnings)


def test_point_that_cannot_be_placed_is_reported():
    report = parse_report(build(
        ["一、總論", "1.1.背景", "1.1.1.需求增長。", "1.1.2.完全不同的一句話。", "1.1.3.風險上升。"],
        "一、總論1.1.背景需求增長。用戶更多。風險上升。"))
    assert bodies(report)["1.1.2"] == ""
    assert bodies(report)["1.1.1"] == "需求增長。用戶更多。"
    assert bodies(report)["1.1.3"] == "風險上升。"
    unplaced = [w for w in report.warnings if "not found in the body" in w]
    assert len(unplaced) == 1 and "1.1.2" in unplaced[0] and "stay with the node before" in unplaced[0]


def test_body_that_ends_after_a_full_sentence_says_the_rest_was_not_found():
    report = parse_report(build(["一、總論", "1.1.背景", "二、展望", "2.1.趨勢"], "一、總論概述完畢。"))
    assert bodies(report)["1"] == "概述完畢。"
    ending = [w for w in report.warnings if "body text ends" in w]
    assert len(ending) == 1 and "3 later nodes (1.1 – 2.1)" in ending[0]


def test_markup_and_invisible_characters_are_removed_and_located():
    report = parse_report(build(
        ["一、總論", "1.1.背景", "1.1.1.需求增長。"],
        "一、總論概述<br>內容。1.1.背景需求增長。\u200b用戶&nbsp;更多。</p>"))
    assert bodies(report)["1"] == "概述\n內容。"
    assert bodies(report)["1.1.1"] == "需求增長。用戶 更多。"
    markup = [w for w in report.warnings if "markup" in w]
    assert len(markup) == 1 and "3 pieces" in markup[0] and "1 " in markup[0] and "1.1.1 ×2" in markup[0]
    invisible = [w for w in report.warnings if "invisible" in w]
    assert len(invisible) == 1 and "1.1.1" in invisible[0]


def test_text_before_the_first_heading_is_reported():
    report = parse_report(build(["一、總論", "1.1.背景"], "\n前言:本報告由研究團隊完成。\n一、總論概述。1.1.背景內容。"))
    assert bodies(report) == {"1": "概述。", "1.1": "內容。"}
    assert any("before the first heading" in w and "前言" in w for w in report.warnings)


def test_enumerated_prose_before_the_outline_is_not_taken_for_it():
    data = "\n\n".join([
        "縣域金融研究報告", "摘要", "一、市場擴大", "二、風險上升",
        "一、總論", "1.1.背景", "1.1.1.市場需求持續增長。一、總論概述。1.1.背景市場需求持續增長,速度很快。",
    ])
    report = parse_report(data.encode("utf-8"))
    assert [(n.path, n.title) for n in report.walk()] == [("1", "總論"), ("1.1", "背景"), ("1.1.1", "市場需求持續增長。")]
    assert report.nodes[0].body == "概述。"


def test_body_glued_to_an_outline_with_readings_it_does_not_carry_itself():
    report = parse_report(build(["一、總論發(fā)展", "1.1.背景", "1.1.1.市場需求持續增長。"],
                                "一、總論發展概述。1.1.背景市場需求持續增長,速度很快。"))
    assert [n.title for n in report.walk()] == ["總論發展", "背景", "市場需求持續增長。"]
    assert bodies(report) == {"1": "概述。", "1.1": "", "1.1.1": "市場需求持續增長,速度很快。"}


def test_section_heading_worded_a_little_differently_in_the_body():
    report = parse_report(build(["一、總論", "1.1.下沉市場消費金融需求日益增長", "1.1.1.市場需求持續增長。"],
                                "一、總論概述。1.1.下沉市場的消費金融需求日益增長市場需求持續增長,速度很快。"))
    assert bodies(report)["1"] == "概述。"
    assert bodies(report)["1.1"] == ""
    assert bodies(report)["1.1.1"] == "市場需求持續增長,速度很快。"
    assert any("approximate match" in w and "1.1 " in w for w in report.warnings)


def test_body_glued_where_no_first_chapter_heading_follows_is_flagged():
    long_body = "沒有章節標題的正文。" * 40
    report = parse_report(build(["一、總論", "1.1.背景"], long_body))
    assert any("1.1 has a" in w and "glued" in w for w in report.warnings)
