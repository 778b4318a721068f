"""Revised editions: which node of the new edition is which node of the old, and where a quote went.

Pure functions over plain values (no SQL, no Qt). Node matching goes from the surest
evidence to the weakest — number and title, then title alone, then body similarity —
and prefers, at every step, a candidate under the match of the node's parent. Quotes
are found again the way the W3C TextQuoteSelector / Hypothesis do: the exact text,
disambiguated by its prefix and suffix, the old position only as a tie-break; a
reworded quote by fuzzy alignment (rapidfuzz) above a strict threshold. The rule is
*no wrong placement*: whatever cannot be placed with confidence is an orphan.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from rapidfuzz import fuzz

from editor.core.anchoring import anchor_text
from editor.core.errors import TrendmarkError

# Body similarity (0-100) a node needs to match one whose title was reworded.
BODY_MATCH = 70.0
BODY_MATCH_UNDER_PARENT = 45.0  # under the match of its parent the tree already vouches for it
# A title similarity that, with a similar body, confirms a match under the same parent.
TITLE_MATCH = 80.0
# A reworded quote is placed only this similar to the new text (fuzz.ratio, 0-100) ...
QUOTE_MATCH = 85.0
# ... and only with this much of its context still beside it (or a quote this long).
CONTEXT_MATCH = 60.0
LONG_QUOTE = 24
MAX_WINDOW = 200  # candidates looked at for one node between its matched neighbours
MIN_FUZZY_QUOTE = 6  # shorter quotes are too likely to resemble unrelated text
CONTEXT_WINDOW = 12  # characters of prefix/suffix that must agree for a quote found in another node

EXACT, MOVED, FUZZY, ORPHAN = "exact", "moved", "fuzzy", "orphan"


class EditionError(TrendmarkError):
    """A revised edition cannot be linked or carried as asked."""


class OutlineNode(Protocol):
    """What matching reads of a node (``editor.core.annotations.Node`` has it); read-only, so frozen nodes fit."""

    @property
    def id(self) -> str: ...
    @property
    def parent_id(self) -> str | None: ...
    @property
    def position(self) -> int: ...
    @property
    def level(self) -> int: ...
    @property
    def number(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def body(self) -> str: ...


@dataclass(frozen=True)
class NodeMatch:
    """One old node and the new node it became (None: it was removed)."""

    old_id: str
    new_id: str | None
    method: str  # "number+title", "title", "children", "body" or "removed"
    score: float = 100.0


@dataclass(frozen=True)
class Quote:
    """A highlight as matching sees it: the old node, the quote, its context and old offsets."""

    id: str
    node_id: str
    exact: str
    prefix: str
    suffix: str
    start: int
    in_title: bool = False  # the old node had no body: the quote is of its title (anchor_text)


@dataclass(frozen=True)
class Placement:
    """Where a quote went: a span of a new node's body, or nowhere (an orphan)."""

    quote_id: str
    node_id: str | None
    start: int
    end: int
    method: str  # EXACT (its own node), MOVED (another node, context agrees), FUZZY, ORPHAN
    score: float = 100.0

    @property
    def placed(self) -> bool:
        return self.method != ORPHAN


@dataclass
class EditionSummary:
    """What carrying annotations into a new edition did: nodes and highlights, by outcome."""

    old_report_id: str
    new_report_id: str
    edition: int
    nodes_matched: int = 0
    nodes_new: int = 0
    nodes_removed: int = 0
    highlights_exact: int = 0
    highlights_moved: int = 0
    highlights_fuzzy: int = 0
    highlights_orphaned: int = 0
    notes: int = 0
    ratings: int = 0
    tags: int = 0
    by_method: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """The summary a person reads (CLI output, import dialog)."""
        return [
            f"nodes: {self.nodes_matched} matched, {self.nodes_new} new, {self.nodes_removed} removed",
            f"highlights: {self.highlights_exact + self.highlights_moved} placed exactly"
            f" ({self.highlights_moved} moved to another section), {self.highlights_fuzzy} placed fuzzily"
            f" (reworded), {self.highlights_orphaned} orphaned",
            f"carried: {self.notes} notes, {self.ratings} ratings, {self.tags} tags",
        ]

    def to_json(self) -> dict:
        """Plain JSON values."""
        return {
            "old_report": self.old_report_id, "report": self.new_report_id, "edition": self.edition,
            "nodes": {"matched": self.nodes_matched, "new": self.nodes_new, "removed": self.nodes_removed},
            "highlights": {"exact": self.highlights_exact, "moved": self.highlights_moved,
                           "fuzzy": self.highlights_fuzzy, "orphaned": self.highlights_orphaned},
            "carried": {"notes": self.notes, "ratings": self.ratings, "tags": self.tags},
        }

    def count(self, placements: Iterable[Placement]) -> None:
        """Add placements to the highlight counts."""
        for p in placements:
            name = {EXACT: "highlights_exact", MOVED: "highlights_moved", FUZZY: "highlights_fuzzy",
                    ORPHAN: "highlights_orphaned"}[p.method]
            setattr(self, name, getattr(self, name) + 1)


@dataclass(frozen=True)
class Orphan:
    """A highlight of the previous edition that has no place in the new one (yet)."""

    report_id: str  # the edition it could not be placed in
    old_highlight_id: str
    author_id: str
    author: str
    old_node_id: str
    old_path: str
    old_number: str
    old_title: str
    old_body: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    color: str
    comment_html: str
    comment_text: str
    resolution: str | None = None  # None (open), "reattached" or "discarded"
    highlight_id: str | None = None  # its copy, once re-attached

    def context(self, width: int = 60) -> tuple[str, str, str]:
        """(before, quote, after) from the old edition's text, for a reviewer to read."""
        return (self.old_body[max(0, self.start - width):self.start], self.exact,
                self.old_body[self.end:self.end + width])

    def to_json(self) -> dict:
        """Plain JSON values (``trendmark orphans --json``)."""
        return {"highlight": self.old_highlight_id, "old_path": self.old_path, "old_number": self.old_number,
                "old_title": self.old_title, "quote": self.exact, "prefix": self.prefix, "suffix": self.suffix,
                "note": self.comment_text, "author": self.author, "color": self.color,
                "resolution": self.resolution}


# -- nodes ------------------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[^。！？!?；;.]+[。！？!?；;.]?")
_PUNCT = ".、．。:：,，;；!！?？()（）[]【】「」\"'“”‘’-—_ "


def _norm(text: str) -> str:
    """A title or number compared as people read it: NFKC, no case, no spacing or punctuation."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _SPACE.sub("", text).strip(_PUNCT)


def match_nodes(old: Sequence[OutlineNode], new: Sequence[OutlineNode]) -> list[NodeMatch]:
    """Each old node's counterpart in the new edition (one-to-one), in the old outline's order."""
    new_by_id = {n.id: n for n in new}
    found: dict[str, tuple[str, str, float]] = {}  # old id -> (new id, method, score)
    taken: set[str] = set()

    def take(o: OutlineNode, n: OutlineNode, method: str, score: float) -> None:
        found[o.id] = (n.id, method, score)
        taken.add(n.id)

    def parent_match(o: OutlineNode) -> str | None:
        hit = found.get(o.parent_id) if o.parent_id else None
        return hit[0] if hit else None

    def pick(o: OutlineNode, candidates: list[OutlineNode], rivals: int) -> OutlineNode | None:
        """The one candidate under the match of the node's parent; None when that is not sure.

        A child is only looked for under its parent's match here (later passes, in outline
        order, find the rest), because reports repeat titles such as "加強合作" and a
        renumbering makes one section's number another's. ``rivals``: old nodes with the same key.
        """
        if o.parent_id is None:
            free = [n for n in candidates if n.parent_id is None]
            if rivals > 1:
                return None
        else:
            if rivals > 1:
                return None  # siblings sharing the title: which is which is for later passes
            parent = parent_match(o)
            free = [n for n in candidates if parent is not None and n.parent_id == parent]
        if len(free) > 1:
            same_level = [n for n in free if n.level == o.level]
            free = same_level if same_level else free
        return free[0] if len(free) == 1 and free[0].id not in taken else None

    # 1. Number and title together: the surest evidence. 2. Title alone: renumbered sections.
    for key, method in ((lambda n: (_norm(n.number), _norm(n.title)), "number+title"),
                        (lambda n: _norm(n.title), "title")):
        index: dict[object, list[OutlineNode]] = {}
        for n in new:
            if _norm(n.title):
                index.setdefault(key(n), []).append(n)
        olds: dict[object, int] = {}  # (parent, key) -> old nodes sharing it
        for o in old:
            if _norm(o.title):
                olds[(o.parent_id, key(o))] = olds.get((o.parent_id, key(o)), 0) + 1
        for o in old:  # pre-order: a parent is matched before its children look for its match
            if o.id in found or not _norm(o.title):
                continue
            picked = pick(o, index.get(key(o), []), olds[(o.parent_id, key(o))])
            if picked is not None:
                take(o, picked, method, 100.0)

    def by_children() -> None:
        """A retitled heading with no text of its own: where (nearly) all its children went."""
        kids: dict[str, list[str]] = {}
        for o in old:
            if o.parent_id:
                kids.setdefault(o.parent_id, []).append(o.id)
        for o in reversed(old):  # deepest first, so a matched section can vouch for its chapter
            if o.id in found or o.id not in kids:
                continue
            parents = [new_by_id[found[k][0]].parent_id for k in kids[o.id] if k in found]
            if not parents or len(parents) * 2 < len(kids[o.id]) or len(set(parents)) != 1:
                continue
            target = new_by_id.get(parents[0]) if parents[0] else None
            if target is not None and target.id not in taken and target.level == o.level:
                take(o, target, "children", 100.0 * len(parents) / len(kids[o.id]))

    by_children()
    # 3. In outline order, between the nodes matched so far: a shared title there (too
    # common to match report-wide), else body similarity (a reworded title over the same text).
    # Reports repeat wording; searching only between the neighbours' matches keeps a
    # reworded paragraph from being taken for the same words in another chapter.
    new_index = {n.id: i for i, n in enumerate(new)}
    next_anchor = [len(new)] * (len(old) + 1)
    for i in range(len(old) - 1, -1, -1):
        hit = found.get(old[i].id)
        next_anchor[i] = new_index[hit[0]] if hit else next_anchor[i + 1]
    next_matched_old = [len(old)] * (len(old) + 1)
    for i in range(len(old) - 1, -1, -1):
        next_matched_old[i] = i if old[i].id in found else next_matched_old[i + 1]
    lo, lo_old = -1, -1
    for i, o in enumerate(old):
        hit = found.get(o.id)
        if hit is not None:
            lo, lo_old = new_index[hit[0]], i
            continue
        # Capped: a long run without anchors (everything retitled) must not cost n² comparisons.
        window = [n for n in new[lo + 1:next_anchor[i + 1]] if n.id not in taken and n.level == o.level]
        window = window[:MAX_WINDOW]
        if not window:
            continue
        # The old nodes competing for the same stretch of the new outline.
        rivals = [r for r in old[lo_old + 1:next_matched_old[i + 1]]
                  if r is not o and r.id not in found and r.level == o.level][:MAX_WINDOW]
        same_title = [n for n in window if _norm(n.title) and _norm(n.title) == _norm(o.title)]
        if len(same_title) == 1 and not any(_norm(r.title) == _norm(o.title) for r in rivals):
            take(o, same_title[0], "title", 100.0)
        else:
            best = _best_by_content(o, window, parent_match(o))
            if best is None:
                continue
            # Mutual: no competing old node is as close to that candidate (it may be its own).
            if any(_content_score(r, best[0], parent_match(r)) >= best[1] - 5.0 for r in rivals):
                continue
            take(o, best[0], "body", best[1])
        lo, lo_old = new_index[found[o.id][0]], i
    by_children()

    out = []
    for o in old:
        hit = found.get(o.id)
        out.append(NodeMatch(o.id, hit[0], hit[1], hit[2]) if hit else NodeMatch(o.id, None, "removed", 0.0))
    return out


def _best_by_content(o: OutlineNode, candidates: list[OutlineNode],
                     parent: str | None) -> tuple[OutlineNode, float] | None:
    """The candidate whose body (and title) is clearly the old node's; None when none is sure."""
    scored: list[tuple[float, OutlineNode]] = []
    old_sentences = _sentences(o.body)
    for n in candidates:
        score = _content_score(o, n, parent, old_sentences)
        if score:
            scored.append((score, n))
    if not scored:
        return None
    scored.sort(key=lambda item: -item[0])
    if len(scored) > 1 and scored[0][0] - scored[1][0] < 5.0:
        return None  # two near-equal candidates: guessing could put notes on the wrong section
    return scored[0][1], scored[0][0]


def _content_score(o: OutlineNode, n: OutlineNode, parent: str | None,
                   old_sentences: list[str] | None = None) -> float:
    """How surely ``n`` is ``o`` by their text (0: not at all), the tree's agreement included."""
    if n.level != o.level:
        return 0.0
    under = parent is not None and n.parent_id == parent
    if o.body.strip() and n.body.strip():
        # Sentences kept word for word count even when they were reordered or others cut.
        sentences = _sentences(o.body) if old_sentences is None else old_sentences
        score = max(fuzz.ratio(o.body, n.body), _shared(sentences, o.body, n.body))
        if score < (BODY_MATCH_UNDER_PARENT if under else BODY_MATCH):
            return 0.0
    elif not o.body.strip() and not n.body.strip() and under:
        # No text on either side: only a close title under the same parent will do.
        score = fuzz.ratio(_norm(o.title), _norm(n.title), score_cutoff=TITLE_MATCH)
    else:
        return 0.0
    if score and under:
        score = min(100.0, score + 5.0)  # the tree agrees: a small preference, not a licence
        if n.position == o.position:
            score = min(100.0, score + 5.0)
    return score


def _sentences(body: str) -> list[str]:
    return [m for m in _SENTENCE_END.findall(body) if len(m.strip()) >= 4]


def _shared(old_sentences: list[str], old_body: str, new_body: str) -> float:
    """The share (0-100) of the old text, and of the new, made of sentences both have verbatim."""
    if not old_sentences:
        return 0.0
    kept = sum(len(t) for t in old_sentences if t in new_body)
    new_sentences = _sentences(new_body)
    found = sum(len(t) for t in new_sentences if t in old_body)
    return 100.0 * min(kept / max(1, len(old_body)), found / max(1, len(new_body)))


# -- quotes -----------------------------------------------------------------------------------

def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _occurrences(text: str, quote: str) -> list[int]:
    out, at = [], text.find(quote)
    while at >= 0:
        out.append(at)
        at = text.find(quote, at + 1)
    return out


def _context_score(q: Quote, body: str, start: int) -> int:
    """How many characters of the old prefix and suffix still stand beside an occurrence."""
    end = start + len(q.exact)
    before = body[max(0, start - len(q.prefix)):start]
    after = body[end:end + len(q.suffix)]
    return _common_suffix(q.prefix, before) + _common_prefix(q.suffix, after)


def _context_agrees(q: Quote, body: str, start: int) -> bool:
    """The context a quote found in another node must bring along: one side wholly, or both partly."""
    end = start + len(q.exact)
    pre = _common_suffix(q.prefix, body[max(0, start - len(q.prefix)):start])
    suf = _common_prefix(q.suffix, body[end:end + len(q.suffix)])
    need_pre, need_suf = min(CONTEXT_WINDOW, len(q.prefix)), min(CONTEXT_WINDOW, len(q.suffix))
    if need_pre == 0 and need_suf == 0:
        return False  # a quote with no context at all cannot prove it is the same passage
    return (pre >= need_pre and suf >= need_suf) or (pre + suf >= 2 * CONTEXT_WINDOW)


def _place_exact(q: Quote, body: str) -> int | None:
    """Where the exact quote is in its matched node: once, or the occurrence its context picks."""
    hits = _occurrences(body, q.exact)
    if not hits:
        return None
    scores = [_context_score(q, body, at) for at in hits]
    best = max(scores)
    # A short quote whose surroundings all changed may be the same words in another
    # sentence (the highlighted one deleted): without context it is not placed here.
    if len(q.exact) < MIN_FUZZY_QUOTE and best < min(2, len(q.prefix) + len(q.suffix)):
        return None
    if len(hits) > 1 and best == 0:
        return None
    tied = [at for at, s in zip(hits, scores, strict=True) if s == best]
    # Identical text in identical surroundings: the old position is the only evidence left.
    return min(tied, key=lambda at: abs(at - q.start))


def _place_fuzzy(q: Quote, body: str) -> tuple[int, int, float] | None:
    """A reworded quote's new span in ``body`` when it is clearly the same passage, else None."""
    if len(q.exact.strip()) < MIN_FUZZY_QUOTE or not body:
        return None
    hit = fuzz.partial_ratio_alignment(q.exact, body, score_cutoff=QUOTE_MATCH - 10)
    if hit is None:
        return None
    start, end = hit.dest_start, hit.dest_end
    # The aligned window has the quote's length; a rewording may be longer or shorter:
    # move each end where the whole quote matches best.
    slack = max(3, len(q.exact) // 4)
    best = (fuzz.ratio(q.exact, body[start:end]), start, end)
    for e in range(max(start + 1, end - slack), min(len(body), end + slack) + 1):
        score = fuzz.ratio(q.exact, body[start:e])
        if score > best[0]:
            best = (score, start, e)
    _, start, end = best
    for s in range(max(0, start - slack), min(end - 1, start + slack) + 1):
        score = fuzz.ratio(q.exact, body[s:end])
        if score > best[0]:
            best = (score, s, end)
    score, start, end = best
    if score < QUOTE_MATCH:
        return None
    before = body[max(0, start - len(q.prefix)):start]
    after = body[end:end + len(q.suffix)]
    context = max(fuzz.ratio(q.prefix[-CONTEXT_WINDOW:], before[-CONTEXT_WINDOW:]) if q.prefix else 0.0,
                  fuzz.ratio(q.suffix[:CONTEXT_WINDOW], after[:CONTEXT_WINDOW]) if q.suffix else 0.0)
    if context < CONTEXT_MATCH and not (len(q.exact) >= LONG_QUOTE and score >= QUOTE_MATCH + 7):
        return None
    # A second, as good, place for the same words means we cannot tell which one it became.
    rest = body[:start] + "\x00" * (end - start) + body[end:]
    other = fuzz.partial_ratio_alignment(q.exact, rest, score_cutoff=score - 3)
    if other is not None and other.score >= score - 3:
        return None
    return start, end, float(score)


# Full-width forms and the ideographic space compared as their ASCII counterparts: an edition
# typeset by another tool often swaps "," and "，". One character for one, so offsets hold.
_WIDTH = str.maketrans({**{chr(0xFF01 + i): chr(0x21 + i) for i in range(94)}, "\u3000": " "})


def _fold(text: str) -> str:
    return text.translate(_WIDTH)


class QuoteFinder:
    """Finds quotes again in a new edition: one instance per edition, many quotes."""

    def __init__(self, new_nodes: Sequence[OutlineNode], old_bodies: dict[str, str] | None = None,
                 old_text: str = "") -> None:
        # A node's own quotes are looked for in its body, or its title when it has none.
        self._bodies = {n.id: _fold(anchor_text(n.title, n.body)) for n in new_nodes}
        self._titled = {n.id for n in new_nodes if not n.body}
        self._old_text = _fold(old_text)  # every old body, "\x00"-separated
        # new node id -> the text of the old node it was
        self._old_bodies = {k: _fold(v) for k, v in (old_bodies or {}).items()}
        # All bodies in one string, so a quote that left its node is looked for in one search
        # (titles are left out: a few words of a heading recur too often to follow elsewhere).
        self._order = [n.id for n in new_nodes if n.body]
        self._starts: list[int] = []
        parts, at = [], 0
        for nid in self._order:
            self._starts.append(at)
            parts.append(self._bodies[nid])
            at += len(self._bodies[nid]) + 1
        self._all = "\x00".join(parts)

    def _locate(self, offset: int) -> tuple[str, int]:
        from bisect import bisect_right

        i = bisect_right(self._starts, offset) - 1
        return self._order[i], offset - self._starts[i]

    def place(self, q: Quote, new_node_id: str | None) -> Placement:
        """Where ``q`` goes when its old node became ``new_node_id`` (None: the node was removed)."""
        q = Quote(q.id, q.node_id, _fold(q.exact), _fold(q.prefix), _fold(q.suffix), q.start, q.in_title)
        body = self._bodies.get(new_node_id, "") if new_node_id else ""
        if new_node_id and q.in_title != (new_node_id in self._titled):
            body = ""  # a title quote goes to a title, a body quote to a body: never across
        if new_node_id and q.exact:
            at = _place_exact(q, body)
            if at is not None:
                return Placement(q.id, new_node_id, at, at + len(q.exact), EXACT)
        moved = self._place_elsewhere(q, new_node_id)
        if moved is not None:
            return moved
        if new_node_id:
            fuzzy = _place_fuzzy(q, body)
            if fuzzy is not None:
                return Placement(q.id, new_node_id, fuzzy[0], fuzzy[1], FUZZY, fuzzy[2])
        return Placement(q.id, None, 0, 0, ORPHAN, 0.0)

    def _place_elsewhere(self, q: Quote, skip: str | None) -> Placement | None:
        """The quote in another node, only where its context came along, and only one such place."""
        if not q.exact or q.in_title:
            return None
        agreeing = []
        for offset in _occurrences(self._all, q.exact):
            nid, start = self._locate(offset)
            if nid == skip or not _context_agrees(q, self._bodies[nid], start):
                continue
            # Only text that arrived in a node can be the moved quote: an occurrence that node
            # already had (repeated wording, common in reports) is its own, not this one.
            old_body = self._old_bodies.get(nid, "")
            if old_body and self._bodies[nid].count(q.exact) <= old_body.count(q.exact):
                continue
            agreeing.append((nid, start))
            if len(agreeing) > 1:
                return None  # the same passage twice: which one is a guess
        if len(agreeing) != 1:
            return None
        # Wording the old edition had in two places, context and all: the arrival may be the other one.
        if self._old_text and sum(1 for at in _occurrences(self._old_text, q.exact)
                                  if _context_agrees(q, self._old_text, at)) > 1:
            return None
        nid, start = agreeing[0]
        return Placement(q.id, nid, start, start + len(q.exact), MOVED)


def place_quotes(quotes: Iterable[Quote], matches: dict[str, str | None], new_nodes: Sequence[OutlineNode],
                 old_bodies: dict[str, str] | None = None, old_text: str = "") -> list[Placement]:
    """Each quote's placement in the new edition, given old node id -> new node id.

    ``old_bodies`` (new node id -> the old text of that node) lets a quote found in
    another node be told apart from the same words that node always had; ``old_text``
    (every old body, "\x00"-separated) keeps a passage the old edition repeated from moving.
    """
    finder = QuoteFinder(new_nodes, old_bodies, old_text)
    return [finder.place(q, matches.get(q.node_id)) for q in quotes]
