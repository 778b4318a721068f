"""Shared material for the store tests: a small hand-built report (no importer involved).

Holds no tests itself; the ``test_store_`` prefix keeps it with the files it serves.
"""

from __future__ import annotations

from pathlib import Path

from editor.core.annotations import Author, ReportInfo
from editor.core.report import ParsedNode, ParsedReport
from editor.store import Store

TITLE = "2025年下沉市場消費金融與移動支付融合發展趨勢研究報告"
# 𠀀 (U+20000, CJK Extension B) and 😀 lie outside the BMP: one code point each in Python,
# two UTF-16 units in Qt. Offsets must count them as one.
BODY_1_1 = "金融機構推出了眾多消費金融產品𠀀，滿足多樣化需求😀。風險控制是關鍵，監管科技(RegTech)加強風險管理。"


def small_report(title: str = TITLE, extra: str = "") -> ParsedReport:
    """Two chapters, sections and points, Chinese text, non-BMP characters; ``extra`` varies the content."""
    return ParsedReport(
        title=title,
        source="sample-report.txt",
        warnings=["第9章正文在句中中斷"],
        nodes=[
            ParsedNode("一", "1", 1, "下沉市場消費金融需求日益增長",
                       "近年來，隨著我國農村地區基礎設施的不斷完善，下沉市場消費需求持續增長。" + extra, [
                           ParsedNode("1.1", "1.1", 2, "消費金融產品多樣化", BODY_1_1, [
                               ParsedNode("1.1.1", "1.1.1", 3, "移動支付的普及",
                                          "隨著智能手機的普及，移動支付在下沉市場的應用越來越廣泛。"),
                               ParsedNode("1.1.2", "1.1.2", 3, "產品設計貼近需求",
                                          "金融機構簡化了申請流程，降低了申請門檻。"),
                           ]),
                           ParsedNode("1.2", "1.2", 2, "政策支持與監管加強",
                                      "政府高度重視下沉市場消費金融與移動支付發展。"),
                       ]),
            ParsedNode("二", "2", 1, "風險控制與風險管理", "", [
                ParsedNode("2.1", "2.1", 2, "信用風險", "農村居民信用記錄不完善，風險較高。"),
            ]),
        ],
    )


def populated(store: Store) -> tuple[ReportInfo, Author]:
    """``store`` with the small report imported and one analyst, Alice."""
    info, _created = store.add_report(small_report())
    return info, store.ensure_author("Alice")


def make_file(path: Path) -> Path:
    """A closed database file at ``path`` holding the small report, a tag and a note."""
    with Store.open(path) as store:
        info, alice = populated(store)
        node = store.find_node(info.id, "1.1")
        store.add_node_tag(node.id, "Risk", alice.id)
        store.save_note(node.id, alice.id, "<p>需要關注風險</p>")
    return path
