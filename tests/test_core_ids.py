"""Deterministic ids are standard UUIDv5 values, the same on every machine."""

from __future__ import annotations

import uuid

import pytest

from editor.core.report import TRENDMARK_NAMESPACE, ParsedNode, ParsedReport, node_id, report_id, uuid5_str


@pytest.mark.parametrize("name", ["", "a", "報告\x1f1.1\x1f下沉市場", "😀𠀀" * 50, "x" * 10_000])
def test_uuid5_str_equals_the_standard_library(name):
    assert uuid5_str(name) == str(uuid.uuid5(TRENDMARK_NAMESPACE, name))


def test_ids_depend_on_content_not_on_composition():
    composed = ParsedReport(title="報告", nodes=[ParsedNode("一", "1", 1, "é", "café")])
    decomposed = ParsedReport(title="報告", nodes=[ParsedNode("一", "1", 1, "e\u0301", "cafe\u0301")])
    assert report_id(composed) == report_id(decomposed)
    other = ParsedReport(title="報告", nodes=[ParsedNode("一", "1", 1, "é", "café!")])
    assert report_id(other) != report_id(composed)
    rid = report_id(composed)
    assert uuid.UUID(node_id(rid, "1", "é")).version == 5
    assert node_id(rid, "1", "é") != node_id(rid, "1.1", "é")
