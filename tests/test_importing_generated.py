"""Generated large reports import completely: every point finds its paragraph."""

from __future__ import annotations

import pytest

from editor.core.report import ParsedReport
from editor.importing import parse_report
from editor.importing.alignment import lead_of
from tests.reportgen import TITLE, make_report


@pytest.fixture(scope="module")
def large() -> tuple[bytes, ParsedReport]:
    data = make_report(500).encode("utf-8")
    return data, parse_report(data, source="generated.txt")


def test_500_chapters_make_about_9000_nodes_in_about_1_3_mb(large):
    data, report = large
    nodes = sum(1 for _ in report.walk())
    assert 8_500 <= nodes <= 9_500
    assert 1.2e6 <= len(data) <= 1.45e6
    assert report.counts()[1] == 500
    assert report.title == TITLE


def test_every_point_of_a_generated_report_gets_its_paragraph(large):
    _, report = large
    for node in report.walk():
        if node.level == 3:
            assert node.body.startswith(lead_of(node.title)), node.path
            assert "(" not in node.body and "(" not in node.title
        elif node.level == 1:
            assert node.body.startswith("本章圍繞"), node.path


def test_generated_missing_headings_are_the_only_complaint(large):
    _, report = large
    assert len(report.warnings) == 2
    assert report.warnings[0].startswith("removed ") and "pinyin" in report.warnings[0]
    assert report.warnings[1].startswith("section headings missing from the body text: 10.4 ")


def test_chapter_numerals_past_one_hundred(large):
    _, report = large
    labels = {node.path: node.number for node in report.nodes}
    assert (labels["11"], labels["20"], labels["99"], labels["100"], labels["101"], labels["120"]) == (
        "十一", "二十", "九十九", "一百", "一百零一", "一百二十")
    assert labels["500"] == "五百"


def test_generator_is_deterministic_and_seeded():
    assert make_report(3, seed=1) == make_report(3, seed=1)
    assert make_report(3, seed=1) != make_report(3, seed=2)


def test_generator_shape_options():
    report = parse_report(make_report(2, sections_per_chapter=2, points_per_section=(1, 1),
                                      readings=False, missing_heading_every=0).encode("utf-8"))
    assert report.counts() == {1: 2, 2: 4, 3: 4}
    assert report.warnings == []
