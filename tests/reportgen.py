"""Synthetic reports in the sample's format, of any size, for tests and benchmarks.

``make_report(500)`` gives about 9,000 nodes and 1.3 MB of UTF-8: site furniture at the
top, the outline one entry per line with blank lines between (title, 參考模板 and the
first chapter glued on the first line), the whole body as one long line glued to the
last outline entry, and the site's footer notice. Like the sample, characters carry
inline pinyin readings (``發(fā)展``) and now and then a section heading is missing from
the body while its points are there.
"""

from __future__ import annotations

import random

from editor.importing.numerals import format_chinese_numeral

TITLE = "2030年縣域數字金融與普惠服務發展趨勢研究報告"

_SUBJECTS = (
    "金融機構", "商業銀行", "農村信用社", "支付平臺", "消費金融公司", "監管部門", "地方政府", "電商平臺",
    "保險公司", "征信機構", "科技企業", "行業協會", "小微企業", "縣域網點", "村鎮銀行", "第三方機構",
)
_VERBS = (
    "應加快", "需要完善", "正在推進", "將持續優化", "逐步建立", "積極探索", "著力提升", "不斷加強",
    "有序擴大", "重點支持", "全面落實", "穩步推動",
)
_OBJECTS = (
    "數字信貸產品", "線上服務渠道", "風險定價模型", "客戶信用檔案", "普惠金融網絡", "支付結算體系",
    "數據共享機制", "消費者保護制度", "反欺詐能力", "產業鏈金融服務", "移動支付場景", "金融知識教育",
    "農戶貸款流程", "合規管理水平", "應急處置預案", "跨區域合作",
)
_TOPICS = (
    "縣域消費", "數字支付", "普惠信貸", "風險防控", "監管協同", "科技賦能", "農村市場", "服務創新",
    "數據治理", "生態構建", "用戶體驗", "區域差異",
)
_ASPECTS = ("發展現狀", "主要特點", "面臨挑戰", "實施路徑", "政策建議", "未來趨勢", "典型模式", "關鍵因素")
_CONNECTORS = ("同時", "此外", "例如", "因此", "與此同時", "在此基礎上", "總體來看", "具體而言")
_CLAUSES = (
    "有助于降低服務成本", "可以提高資金使用效率", "能夠擴大金融服務覆蓋面", "有利于防范系統性風險",
    "進一步改善用戶體驗", "推動行業規范健康發展", "促進城鄉金融資源均衡配置", "增強市場主體的信心",
)
# Characters the document site annotates with their reading, as in 發(fā)展 and 業(yè).
_READINGS = {
    "發": "fā", "業": "yè", "務": "wù", "構": "gòu", "應": "yīng", "風": "fēng", "產": "chǎn", "監": "jiān",
    "區": "qū", "網": "wǎng", "創": "chuàng", "規": "guī", "經": "jīng", "農": "nóng", "優": "yōu",
}
_HEADER = (
    "已閱讀5頁,還剩{pages}頁未讀, 繼續免費閱讀",
    "下載本文檔",
    "版權說明:本文檔由用戶提供并上傳,收益歸屬內容提供方,若內容存在侵權,請進行舉報或認領",
    "文檔簡介",
)
_NOTICE = (
    "本站所有資源如無特殊說明,都需要本地電腦安裝OFFICE2007和PDF閱讀器。",
    "本站的文檔不包含任何第三方提供的附件圖紙等,如果需要附件,請聯系上傳者。",
    "本站RAR壓縮包中若帶圖紙,網頁內容里面會有圖紙預覽,若沒有圖紙預覽就沒有圖紙。",
    "未經權益所有人同意不得將文件中的內容挪作商業或盈利用途。",
)


def _count(rng: random.Random, spec: int | float | tuple[int, int]) -> int:
    """A count drawn from ``spec``: an int is exact, a float is a mean, a tuple an inclusive range."""
    if isinstance(spec, tuple):
        return rng.randint(spec[0], spec[1])
    if isinstance(spec, float):
        whole = int(spec)
        return whole + (1 if rng.random() < spec - whole else 0)
    return spec


def _annotate(text: str) -> str:
    return "".join(f"{ch}({_READINGS[ch]})" if ch in _READINGS else ch for ch in text)


def _lead(rng: random.Random) -> str:
    return f"{rng.choice(_SUBJECTS)}{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}"


def _follow_up(rng: random.Random) -> str:
    # Starts with a connector, so it can never be mistaken for a point's opening sentence.
    return f"{rng.choice(_CONNECTORS)},{rng.choice(_SUBJECTS)}{rng.choice(_CLAUSES)}。"


def make_report(
    chapters: int,
    sections_per_chapter: int | float | tuple[int, int] = 4,
    points_per_section: int | float | tuple[int, int] = 3.25,
    seed: int = 0,
    *,
    readings: bool = True,
    missing_heading_every: int = 40,
) -> str:
    """Report text in the sample's format with ``chapters`` chapters (see the module docstring).

    ``missing_heading_every``: leave every n-th section heading out of the body (0: never).
    """
    rng = random.Random(seed)
    outline: list[str] = []
    body: list[str] = []
    section_counter = 0
    for chapter in range(1, chapters + 1):
        numeral = format_chinese_numeral(chapter)
        chapter_title = f"{rng.choice(_TOPICS)}與{rng.choice(_TOPICS)}的{rng.choice(_ASPECTS)}"
        if chapter == 1:
            chapter_title = TITLE
        outline.append(f"{numeral}、{chapter_title}")
        used_titles: set[str] = set()  # section titles differ within a chapter, as in real reports
        body.append(f"{numeral}、{chapter_title}本章圍繞{rng.choice(_TOPICS)}展開分析,{rng.choice(_CLAUSES)}。")
        for section in range(1, _count(rng, sections_per_chapter) + 1):
            section_counter += 1
            label = f"{chapter}.{section}"
            section_title = f"{rng.choice(_TOPICS)}{rng.choice(_ASPECTS)}"
            while section_title in used_titles:
                section_title = f"{rng.choice(_TOPICS)}{rng.choice(_ASPECTS)}"
            used_titles.add(section_title)
            outline.append(f"{label}.{section_title}")
            if not (missing_heading_every and section_counter % missing_heading_every == 0):
                intro = f"{rng.choice(_CLAUSES)}。" if rng.random() < 0.3 else ""
                body.append(f"{label}.{section_title}{intro}")
            for point in range(1, _count(rng, points_per_section) + 1):
                lead = _lead(rng)
                outline.append(f"{label}.{point}.{lead}。")
                # The outline often condenses a longer opening sentence of the body.
                opening = f"{lead}。" if rng.random() < 0.5 else f"{lead},{rng.choice(_CLAUSES)}。"
                body.append(opening + (_follow_up(rng) if rng.random() < 0.5 else ""))
    pages = max(1, len(outline) // 20)
    lines = [f"{TITLE}_第{page}頁" for page in range(1, 6)]
    lines.append(_HEADER[0].format(pages=pages))
    text_lines = list(_HEADER[1:])
    outline[0] = f"{TITLE}參考模板{outline[0]}"
    outline[-1] = outline[-1] + "".join(body)
    text_lines += outline
    if readings:
        text_lines = [_annotate(line) for line in text_lines]
    footer = ["溫馨提示", *(f"  • {n}. {item}" for n, item in enumerate(_NOTICE, 1)), "評論", "0/150", "提交評論"]
    return "\n".join(lines) + "\n\n" + "\n\n".join(text_lines) + "\n\n" + "\n\n".join(
        [footer[0], "\n".join(footer[1:1 + len(_NOTICE)]), *footer[1 + len(_NOTICE):]]
    )
