"""An annotated copy of the sample report, for export tests.

Two analysts (one with a Chinese name), tags with Chinese names, ratings in several
dimensions, rich notes (bold, italics, a list, a link), highlights with comments and
tags, plus a deleted highlight and a cleared rating that no export may show. One
sentence with a CJK Extension B character (𠮷, outside the BMP) is appended to the
body of point 1.1.1 so that highlights after it prove offsets are code points.

The annotations are listed as data below, so tests derive their expectations from
the same tables that built the database.
"""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.annotations import Author
from editor.core.report import ParsedReport

SAMPLE = Path(__file__).parent / "data" / "sample-report.txt"
SAMPLE_NODE_COUNT = 184

ALICE = "Alice"
BOB = "陳大文"

# Appended to point 1.1.1's body: a character outside the BMP, with highlights on and after it.
NON_BMP_PATH = "1.1.1"
NON_BMP_SENTENCE = "例如𠮷野家門店推出掃碼支付優惠。"

TAG_COLORS = {"風險": "#E4572E", "Opportunity": "#4CAF50", "監管": "#3F7CAC"}

# (node path, tag name, author)
NODE_TAGS = [
    ("1.1.1", "風險", ALICE),
    ("1.1.1", "Opportunity", ALICE),
    ("1.1.1", "風險", BOB),
    ("2", "Opportunity", ALICE),
    ("2.3", "風險", BOB),
    ("1.4", "監管", BOB),
]

# (node path, dimension name, author, value)
RATINGS = [
    ("1.1.1", "Impact", ALICE, 4),
    ("1.1.1", "Likelihood", ALICE, 3),
    ("1.1.1", "Confidence", ALICE, 5),
    ("1.1.1", "Impact", BOB, 2),
    ("1.1.1", "Likelihood", BOB, 4),
    ("2.3", "Impact", ALICE, 5),
    ("1.4.2", "Impact", BOB, 3),
    ("1.2", "Impact", ALICE, 1),
]
CLEARED_RATING = ("3.1", "Impact", ALICE, 2)  # set, then cleared: must not appear anywhere

RICH_NOTE_HTML = (
    "<p>農村<b>消費需求</b>持續增長，<i>值得關注</i>。</p>"
    "<ul><li>收入水平提高</li><li>基礎設施完善</li></ul>"
    '<p>參見<a href="https://example.com/report?a=1&amp;b=2">原始報告</a>。</p>'
)
# (node path, author) -> html
NOTES = {
    ("1.1.1", ALICE): RICH_NOTE_HTML,
    ("1.1.1", BOB): "<p>同意，但需要更多數據。</p>",
    ("3", BOB): "<p>第三章值得<i>細讀</i>。</p>",
}


@dataclass(frozen=True)
class HighlightSpec:
    """One highlight to create: where, by whom, what text, and its comment and tags."""

    path: str
    author: str
    quote: str
    color: str
    comment_html: str = ""
    tags: tuple[str, ...] = ()


HIGHLIGHTS = [
    HighlightSpec("1.1.1", ALICE, "農村地區", "#FFE066", "<p>重點：<b>農村</b>基礎設施</p>", ("風險",)),
    HighlightSpec("1.1.1", ALICE, "𠮷野家門店", "#A0E7A0"),
    HighlightSpec("1.1.1", BOB, "掃碼支付優惠", "#9AD0F5", "<p>在擴展B字元之後</p>", ("Opportunity",)),
    HighlightSpec("2.3.1", BOB, "風險", "#F4A6A6", "<p>需要量化</p>"),
]
DELETED_HIGHLIGHT = HighlightSpec("1.2.1", ALICE, "移動支付", "#FFE066", "<p>已刪除的評論</p>")


def annotated_paths() -> set[str]:
    """Paths of the nodes that carry at least one live annotation."""
    paths = {p for p, _, _ in NODE_TAGS} | {p for p, _, _, _ in RATINGS}
    paths |= {p for p, _ in NOTES} | {h.path for h in HIGHLIGHTS}
    return paths


@dataclass
class AnnotatedSample:
    """The store holding the annotated sample, with the ids tests need."""

    store: object  # editor.store.Store
    report_id: str
    authors: dict[str, Author]  # by name
    highlight_ids: list[str] = field(default_factory=list)  # in HIGHLIGHTS order
    deleted_highlight_id: str = ""
    path: Path | None = None

    @property
    def alice(self) -> Author:
        return self.authors[ALICE]

    @property
    def bob(self) -> Author:
        return self.authors[BOB]

    def node(self, path: str):
        return self.store.find_node(self.report_id, path)


@functools.lru_cache(maxsize=1)
def _parsed_sample() -> ParsedReport:
    from editor.importing import read_report

    report = read_report(SAMPLE)
    for node in report.walk():
        if node.path == NON_BMP_PATH:
            node.body = node.body + NON_BMP_SENTENCE
            break
    else:  # pragma: no cover - the sample always has point 1.1.1
        raise AssertionError(f"the sample has no node {NON_BMP_PATH}")
    return report


def parsed_sample() -> ParsedReport:
    """The sample report as imported, with the non-BMP sentence appended (a fresh copy)."""
    return copy.deepcopy(_parsed_sample())


def annotate(store, author_ids: dict[str, str] | None = None) -> AnnotatedSample:
    """Import the sample into ``store`` and add every annotation listed in this module.

    ``author_ids`` pins an author's id by name (e.g. to the installation identity, so
    that ``--mine`` on the command line finds the same analyst).
    """
    author_ids = author_ids or {}
    info, _ = store.add_report(parsed_sample())
    authors = {name: store.ensure_author(name, author_id=author_ids.get(name)) for name in (ALICE, BOB)}
    sample = AnnotatedSample(store=store, report_id=info.id, authors=authors)
    with store.transaction():
        for name, color in TAG_COLORS.items():
            store.ensure_tag(name, color)
        for path, tag, author in NODE_TAGS:
            store.add_node_tag(sample.node(path).id, tag, authors[author].id)
        for path, dimension, author, value in RATINGS:
            store.set_rating(sample.node(path).id, store.dimension(dimension).id, authors[author].id, value)
        path, dimension, author, value = CLEARED_RATING
        node_id, dimension_id = sample.node(path).id, store.dimension(dimension).id
        store.set_rating(node_id, dimension_id, authors[author].id, value)
        store.set_rating(node_id, dimension_id, authors[author].id, None)
        for (path, author), html in NOTES.items():
            store.save_note(sample.node(path).id, authors[author].id, html)
        for spec in HIGHLIGHTS:
            sample.highlight_ids.append(_add_highlight(store, sample, spec).id)
        deleted = _add_highlight(store, sample, DELETED_HIGHLIGHT)
        store.delete_highlight(deleted.id)
        sample.deleted_highlight_id = deleted.id
    return sample


def _add_highlight(store, sample: AnnotatedSample, spec: HighlightSpec):
    node = sample.node(spec.path)
    start, end = store.find_quote(node.id, spec.quote)
    author_id = sample.authors[spec.author].id
    highlight = store.add_highlight(node.id, author_id, start, end, color=spec.color,
                                   comment_html=spec.comment_html)
    for tag in spec.tags:
        store.add_highlight_tag(highlight.id, tag, author_id)
    return highlight


def annotated_sample(path: Path | None = None, author_ids: dict[str, str] | None = None) -> AnnotatedSample:
    """A new store (in memory, or a file at ``path``) holding the annotated sample.

    The caller closes ``sample.store`` (it is also a context manager).
    """
    from editor.store import Store

    store = Store.open(path) if path is not None else Store.memory()
    sample = annotate(store, author_ids)
    sample.path = path
    return sample
