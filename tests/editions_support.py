"""Revised editions of a parsed report, with the truth about where every sentence went.

``revise(report)`` renumbers (a new chapter and a new first section shift the numbers
after them), retitles a section and a point, shifts sentences within a node and moves
some to another node, rewords some lightly (still the same sentence) and some wholly,
deletes sentences and whole points. ``Sentence`` records say where each old sentence is
in the new edition, so tests can tell a right placement from a wrong one.
"""

from __future__ import annotations

import copy
import random
import re
from dataclasses import dataclass, field

from editor.core.report import ParsedNode, ParsedReport
from editor.importing.numerals import format_chinese_numeral

_SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]?")


@dataclass
class Sentence:
    """One sentence of the old edition and its fate."""

    old_node: ParsedNode
    old_start: int
    text: str
    fate: str = "kept"  # kept, moved, reworded (lightly), rewritten (wholly), deleted
    new_node: ParsedNode | None = None
    new_text: str = ""
    new_start: int = -1


@dataclass
class Revision:
    """The new edition and the truth about it."""

    report: ParsedReport
    sentences: list[Sentence]
    node_map: dict[int, ParsedNode | None] = field(default_factory=dict)  # id(old node) -> new node
    added: list[ParsedNode] = field(default_factory=list)

    def placeable(self) -> list[Sentence]:
        """Sentences still in the new edition word for word, with their context (some of it, if moved)."""
        return [s for s in self.sentences if s.fate in ("kept", "moved")]


def split_sentences(body: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _SENTENCE.finditer(body) if m.group().strip()]


def _reword(text: str, rng: random.Random) -> str:
    """The same sentence with one short phrase changed (a light edit)."""
    core = text.rstrip("。！？!?；;")
    mid = len(core) // 2
    return core[:mid] + rng.choice(("顯著", "逐步", "持續")) + core[mid + 2:] + text[len(core):]


def _renumber(nodes: list[ParsedNode], prefix: str = "", level: int = 1) -> None:
    for i, node in enumerate(nodes, start=1):
        node.path = f"{prefix}{i}"
        node.level = level
        node.number = format_chinese_numeral(i) if level == 1 else node.path
        _renumber(node.children, node.path + ".", level + 1)


def revise(old: ParsedReport, seed: int = 7, *, reword: float = 0.06, rewrite: float = 0.03,
           delete: float = 0.04, move: float = 0.03, drop_points: float = 0.03) -> Revision:
    """A revised edition of ``old`` (left untouched)."""
    rng = random.Random(seed)
    new = copy.deepcopy(old)
    old_nodes, new_nodes = list(old.walk()), list(new.walk())
    node_map: dict[int, ParsedNode | None] = {id(o): n for o, n in zip(old_nodes, new_nodes, strict=True)}
    pieces: dict[int, list[tuple[str, Sentence | None]]] = {}
    sentences: list[Sentence] = []
    for o, n in zip(old_nodes, new_nodes, strict=True):
        parts = []
        for start, text in split_sentences(o.body):
            s = Sentence(o, start, text)
            sentences.append(s)
            roll = rng.random()
            if len(text) >= 12 and roll < reword:
                s.fate, s.new_text = "reworded", _reword(text, rng)
            elif roll < reword + rewrite:
                s.fate, s.new_text = "rewritten", f"本段內容已在修訂版中全部改寫為第{len(sentences)}條新的論述。"
            elif roll < reword + rewrite + delete:
                s.fate = "deleted"
                continue
            else:
                s.new_text = text
            parts.append((s.new_text, s))
        if len(parts) > 2 and rng.random() < 0.2:
            parts[0], parts[1] = parts[1], parts[0]  # shifted within the node
        pieces[id(n)] = parts

    # Whole points removed (their sentences are gone too).
    with_body = [n for n in new_nodes if n.level == 3 and pieces[id(n)]]
    dropped = set(id(n) for n in rng.sample(with_body, max(1, int(len(with_body) * drop_points))))
    previous: ParsedNode | None = None
    for o, n in zip(old_nodes, new_nodes, strict=True):
        if id(n) in dropped:
            node_map[id(o)] = None
            merge_into = previous if previous is not None and len(pieces[id(n)]) >= 2 and rng.random() < 0.5 else None
            for _text, s in pieces[id(n)]:
                if s is not None and merge_into is not None and s.fate == "kept":
                    s.fate = "moved-edge"  # the point was folded into the one before it
                elif s is not None:
                    s.fate = "deleted"
            if merge_into is not None:
                pieces[id(merge_into)].extend(p for p in pieces[id(n)] if p[1] is not None and p[1].fate == "moved-edge")
        elif n.level == 3 and pieces[id(n)]:
            previous = n

    # Some passages (three sentences) move to another kept node, appended at its end: the
    # middle one keeps its context on both sides ("moved"), the outer ones on one ("moved-edge").
    keep = [n for n in new_nodes if n.body and id(n) not in dropped]
    for n in list(keep):
        parts = pieces[id(n)]
        if len(parts) >= 4 and rng.random() < move * 10:
            at = rng.randrange(len(parts) - 2)
            block = parts[at:at + 3]
            if all(s is not None and s.fate == "kept" for _t, s in block):
                del parts[at:at + 3]
                for i, (_t, s) in enumerate(block):
                    s.fate = "moved" if i == 1 else "moved-edge"
                target = rng.choice([k for k in keep if k is not n])
                pieces[id(target)].extend(block)

    for n in new_nodes:
        if id(n) in dropped:
            continue
        parts = pieces.get(id(n), [])
        at, body = 0, []
        for text, s in parts:
            if s is not None and s.fate in ("kept", "moved", "moved-edge", "reworded"):
                s.new_node, s.new_start = n, at
            body.append(text)
            at += len(text)
        if n.body:
            n.body = "".join(body)
        if n.level == 3 and n.body and n.title and not n.body.startswith(n.title):
            n.title = n.body[:len(n.title)]  # a point's title is the start of its text

    def remove(nodes: list[ParsedNode]) -> list[ParsedNode]:
        out = []
        for node in nodes:
            if id(node) not in dropped:
                node.children = remove(node.children)
                out.append(node)
        return out

    new.nodes = remove(new.nodes)
    added = []
    # A new chapter before the third (every later chapter is renumbered) ...
    chapter = ParsedNode("", "", 1, "修訂版新增:數字人民幣的縣域試點", "本章為修訂版新增內容,討論數字人民幣試點的進展與問題。",
                         [ParsedNode("", "", 2, "試點地區的經驗", "",
                                     [ParsedNode("", "", 3, "試點地區普遍反映數字人民幣", "試點地區普遍反映數字人民幣的推廣仍需更多應用場景。")])])
    new.nodes.insert(2, chapter)
    added += [chapter, chapter.children[0], chapter.children[0].children[0]]
    # ... and a new first section in chapter two (its sections shift by one).
    section = ParsedNode("", "", 2, "修訂版新增:縣域消費的最新數據", "",
                         [ParsedNode("", "", 3, "最新調查數據顯示縣域消費增速", "最新調查數據顯示縣域消費增速高于全國平均水平。")])
    new.nodes[1].children.insert(0, section)
    added += [section, section.children[0]]
    # A retitled section (no text of its own: matched through its points) and point.
    sections = [n for n in new.walk() if n.level == 2 and n.children and n not in added]
    sections[3].title = sections[3].title + "(修訂)" if len(sections[3].title) > 12 else "修訂後的標題:" + sections[3].title[::-1]
    _renumber(new.nodes)
    new.title = old.title + "(修訂版)"
    new.source = "revised.txt"
    return Revision(new, sentences, node_map, added)


def to_text(report: ParsedReport) -> str:
    """The report as a text file in the sample's layout: the outline, then the body as one line."""
    outline, body = [], []
    for node in report.walk():
        label = f"{node.number}、" if node.level == 1 else f"{node.path}."
        outline.append(f"{label}{node.title}")
        if node.level < 3:
            body.append(f"{label}{node.title}{node.body}")
        else:
            body.append(node.body if node.body.startswith(node.title) else node.title + node.body)
    outline[0] = f"{report.title}參考模板{outline[0]}"
    outline[-1] += "".join(body)
    return "\n\n".join(outline) + "\n"
