"""Which printed lines are a table of contents: runs of entries ending in leader dots, not a form's blanks."""

from __future__ import annotations

from editor.importing.formats.pdf_contents import drop_contents
from editor.importing.formats.pdf_lines import Line


def _lines(*texts: str, page: int = 0) -> list[Line]:
    return [Line(page, 800 - 14 * i, 788 - 14 * i, 72, 520, 10.0, False, text) for i, text in enumerate(texts)]


def test_entries_their_wrapped_lines_and_the_title_above_are_taken_out():
    lines = _lines("報告標題", "目 录", "第一章 总论……………………1", "1.1 市场概况 . . . . . . . . 2",
                   "1.2 一个很长的条目，折到了", "第二行 ........ 3", "第二章 风险 ··········· 4", "第一章 总论", "正文。")
    kept, count = drop_contents(lines)
    assert [line.text for line in kept] == ["報告標題", "第一章 总论", "正文。"]
    assert count == 6


def test_a_form_with_a_few_blanks_is_not_a_table_of_contents():
    lines = _lines("申请人：..........", "联系电话：..........", "正文。", "说明……如下。")
    assert drop_contents(lines) == (lines, 0)


def test_leader_lines_far_apart_are_not_one_table():
    lines = _lines("甲 ......... 1", "正文一。", "正文二。", "正文三。", "乙 ......... 2", "正文四。", "正文五。",
                   "正文六。", "丙 ......... 3")
    assert drop_contents(lines) == (lines, 0)
