"""Cutting the report's running body text into each outline node's own text.

The body is one long run in which headings meet the prose without a separator.
Chapters and sections appear with their labels (``一、標題``, ``1.1.標題``); points
appear without numbers, as the sentence that opens their paragraph. Nodes are looked
for level by level, in order, each inside the stretch its already-found neighbours
leave for it and within a bounded window, so the work grows with the size of the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from editor.core.report import ParsedNode
from editor.importing.numerals import NUMERAL_CHARS

# Characters after which a new sentence (and so a point's paragraph) may begin.
SENTENCE_END = frozenset("。！？!?；;：:\n\t \u3000")
_CLOSERS = frozenset("」』”’）)】")
# What may follow a very short lead such as 背景 (in 背景。), so that it is not a word inside prose.
_SHORT_LEAD_FOLLOWERS = frozenset("。！？!?；;：:,，、 \n")
_TRAILING = "。．.！？!?；;：:,，、 \u3000"
_SENTENCE_BREAK = re.compile(r"[。！？!?；;：:\n]+[」』”’）)】]*[ \t\u3000]*")

HEADING_WINDOW = 400_000  # chapters can be long; a missing one makes the next search span two
POINT_WINDOW = 60_000
FUZZY_WINDOW = 4_000  # fuzzy matching is the slow path: only near the expected place
SHORT_LEAD = 6  # leads shorter than this must be followed by punctuation, and are never fuzzy
FUZZY_MIN_LEAD = 8
FUZZY_CUTOFF = 78.0
_MAX_LABEL_HITS = 64


@dataclass(frozen=True)
class Anchor:
    """Where a node was found: its heading or lead starts at ``start``, its own text at ``content``."""

    start: int
    content: int
    fuzzy: bool = False


@dataclass
class Alignment:
    """Anchors by node (``None`` where a node was not found) and the text before the first anchor."""

    anchors: list[Anchor | None]
    spans: list[tuple[int, int, int]]  # (start, end, node index) in body order
    preamble: str

    def node_at(self, position: int) -> int | None:
        """Index of the node whose stretch of the body holds ``position`` (None: before any)."""
        index = bisect.bisect_right(self.spans, position, key=lambda span: span[0]) - 1
        return self.spans[index][2] if index >= 0 else None


def lead_of(title: str) -> str:
    """The text a point's paragraph is expected to open with: its title without end punctuation."""
    return title.strip().rstrip(_TRAILING)


def _label_bounded(body: str, start: int, end: int, chapter: bool) -> bool:
    """True if a label found at body[start:end] is not part of a longer number (十一、 or 11.1.)."""
    before = body[start - 1] if start else ""
    if not before:
        return True
    if chapter:
        return before not in NUMERAL_CHARS
    return not (before.isdigit() or before in ".．")


def _heading_needles(node: ParsedNode) -> list[tuple[str, int]]:
    """Exact forms of a labelled heading, each with the length of its label part."""
    if node.level == 1 and not node.number[:1].isdigit():
        label = f"{node.number}、"
        return [(label + node.title, len(label))]
    forms = (f"{node.number}.", f"{node.number}．", f"{node.number} ", f"{node.number}、", node.number)
    return [(form + node.title, len(form)) for form in forms]


class _Finder:
    """Searches one body text; remembers which positions are heading ends (sentence starts)."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.boundaries: set[int] = set()

    def sentence_start(self, position: int) -> bool:
        """True if a paragraph may begin at ``position``: after a full stop, a line end or a heading."""
        body = self.body
        if position == 0 or position in self.boundaries:
            return True
        before = body[position - 1]
        if before in SENTENCE_END:
            return True
        return before in _CLOSERS and position >= 2 and body[position - 2] in SENTENCE_END

    def heading(self, node: ParsedNode, lo: int, hi: int) -> Anchor | None:
        """A labelled heading (``一、標題``, ``1.1.標題``): exact first, then label + fuzzy title."""
        body = self.body
        end = min(hi, lo + HEADING_WINDOW)
        chapter = node.level == 1 and not node.number[:1].isdigit()
        best: Anchor | None = None
        for needle, label_len in _heading_needles(node):
            if not node.title and label_len == len(needle):
                continue
            position = body.find(needle, lo, end)
            while position >= 0 and not _label_bounded(body, position, position + label_len, chapter):
                position = body.find(needle, position + 1, end)
            if position >= 0 and (best is None or position < best.start):
                best = Anchor(position, position + len(needle))
                end = position  # an earlier form can only win if it starts before this one
        if best is not None or not node.title:
            return best
        return self._fuzzy_heading(node, lo, min(hi, lo + HEADING_WINDOW), chapter)

    def _fuzzy_heading(self, node: ParsedNode, lo: int, end: int, chapter: bool) -> Anchor | None:
        body = self.body
        label = f"{node.number}、" if chapter else f"{node.number}."
        title = node.title
        cutoff = 85.0 if len(title) < 10 else 80.0
        position = body.find(label, lo, end)
        hits = 0
        while position >= 0 and hits < _MAX_LABEL_HITS:
            hits += 1
            after = position + len(label)
            if _label_bounded(body, position, after, chapter) and not body[after:after + 1].isdigit():
                segment = body[after: after + len(title) + max(4, len(title) // 3)]
                match = fuzz.partial_ratio_alignment(title, segment, score_cutoff=cutoff)
                if match is not None and match.dest_start <= 2:
                    # The alignment is as long as the title; a word added in the body
                    # moves the heading's end, so take the length that fits best.
                    size = len(title)
                    best_end = max(range(max(1, size - 3), size + 6),
                                   key=lambda n: fuzz.ratio(title, segment[:n]))
                    return Anchor(position, after + best_end, fuzzy=True)
            position = body.find(label, position + 1, end)
        return None

    def lead(self, node: ParsedNode, lo: int, hi: int) -> Anchor | None:
        """A point: its label if the body prints it, else its opening sentence at a sentence start."""
        labelled = self._numbered_point(node, lo, hi)
        if labelled is not None:
            return labelled
        lead = lead_of(node.title)
        if not lead:
            return None
        body = self.body
        end = min(hi, lo + POINT_WINDOW)
        short = len(lead) < SHORT_LEAD
        position = body.find(lead, lo, end)
        while position >= 0:
            follower = body[position + len(lead): position + len(lead) + 1]
            if self.sentence_start(position) and (not short or not follower or follower in _SHORT_LEAD_FOLLOWERS):
                return Anchor(position, position)
            position = body.find(lead, position + 1, end)
        if len(lead) < FUZZY_MIN_LEAD:
            return None
        return self._fuzzy_lead(lead, lo, min(hi, lo + FUZZY_WINDOW))

    def _numbered_point(self, node: ParsedNode, lo: int, hi: int) -> Anchor | None:
        """A point printed with its number (``1.1.1.…``): the text after the label is its own."""
        body = self.body
        end = min(hi, lo + POINT_WINDOW)
        for label in (f"{node.number}.", f"{node.number}．", f"{node.number}、"):
            position = body.find(label, lo, end)
            while position >= 0:
                after = position + len(label)
                if _label_bounded(body, position, after, False) and not body[after:after + 1].isdigit():
                    return Anchor(position, after)
                position = body.find(label, position + 1, end)
        return None

    def _fuzzy_lead(self, lead: str, lo: int, end: int) -> Anchor | None:
        """The sentence start in [lo, end) whose opening best matches the lead (condensed outlines)."""
        body = self.body
        starts = [lo] if self.sentence_start(lo) else []
        starts += [m.end() for m in _SENTENCE_BREAK.finditer(body, lo, end) if m.end() < end]
        best_score = FUZZY_CUTOFF
        best: int | None = None
        size = len(lead)
        for start in starts:
            score = max(
                fuzz.ratio(lead, body[start: start + length], score_cutoff=best_score)
                for length in (size, size + size // 4, size + size // 2)
            )
            if score > best_score:
                best_score, best = score, start
        return Anchor(best, best, fuzzy=True) if best is not None else None


def align_bodies(ordered: list[ParsedNode], body: str) -> Alignment:
    """Find every node of ``ordered`` (pre-order) in ``body`` and give each found node its own text."""
    finder = _Finder(body)
    anchors: list[Anchor | None] = [None] * len(ordered)
    for level in sorted({node.level for node in ordered}):
        # For each node of this level: the content start of the nearest found node above
        # it in reading order, and the start of the next found higher-level node after it.
        floor = [0] * len(ordered)
        ceiling = [len(body)] * len(ordered)
        last = 0
        for index, node in enumerate(ordered):
            anchor = anchors[index]
            if node.level < level and anchor is not None:
                last = anchor.content
            floor[index] = last
        nxt = len(body)
        for index in range(len(ordered) - 1, -1, -1):
            ceiling[index] = nxt
            anchor = anchors[index]
            if ordered[index].level < level and anchor is not None:
                nxt = anchor.start
        cursor = 0
        for index, node in enumerate(ordered):
            if node.level != level:
                continue
            lo, hi = max(cursor, floor[index]), ceiling[index]
            if lo >= hi:
                continue
            found = finder.heading(node, lo, hi) if level <= 2 else finder.lead(node, lo, hi)
            if found is None:
                continue
            anchors[index] = found
            cursor = max(found.content, found.start + 1)
            if found.content > found.start:
                finder.boundaries.add(found.content)
    return _cut(ordered, body, anchors)


def _cut(ordered: list[ParsedNode], body: str, anchors: list[Anchor | None]) -> Alignment:
    """Give each found node the text from its own start to the next found node."""
    found = sorted((a.start, a.content, i) for i, a in enumerate(anchors) if a is not None)
    spans: list[tuple[int, int, int]] = []
    for rank, (start, content, index) in enumerate(found):
        stop = found[rank + 1][0] if rank + 1 < len(found) else len(body)
        ordered[index].body = body[content:stop].strip() if stop > content else ""
        spans.append((start, stop, index))
    preamble = body[: found[0][0]].strip() if found else body.strip()
    return Alignment(anchors, spans, preamble)
