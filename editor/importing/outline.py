"""Turning outline lines into a tree of nodes, with warnings for gaps, repeats and orphans."""

from __future__ import annotations

from dataclasses import dataclass, field

from editor.core.report import ParsedNode
from editor.importing.layout import OutlineLine


@dataclass
class Outline:
    """The outline tree, its nodes in reading order, and what was odd about it."""

    roots: list[ParsedNode]
    ordered: list[ParsedNode]  # pre-order, as printed
    warnings: list[str] = field(default_factory=list)


def _path(parts: tuple[int, ...]) -> str:
    return ".".join(str(n) for n in parts)


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Builder:
    """Places entries one by one; keeps the state needed to judge each against the last."""

    def __init__(self) -> None:
        self.roots: list[ParsedNode] = []
        self.ordered: list[ParsedNode] = []
        self.by_parts: dict[tuple[int, ...], ParsedNode] = {}
        self.last_child: dict[tuple[int, ...], int] = {}  # parent parts -> last child number
        self.alias: dict[tuple[int, ...], tuple[int, ...]] = {}  # renumbered repeats
        self.gaps: list[str] = []
        self.orphans: list[str] = []
        self.repeats: list[str] = []
        self.disorder: list[str] = []

    def _resolve(self, parts: tuple[int, ...]) -> tuple[int, ...]:
        """Apply renumbering of a repeated entry to the entries printed under it."""
        for size in range(len(parts) - 1, 0, -1):
            target = self.alias.get(parts[:size])
            if target is not None:
                return target + parts[size:]
        return parts

    def _expected(self, parts: tuple[int, ...]) -> bool:
        parent = parts[:-1]
        return (not parent or parent in self.by_parts) and parts[-1] == self.last_child.get(parent, 0) + 1

    def choose(self, entry: OutlineLine) -> tuple[str, tuple[int, ...], str]:
        """The reading of the label that fits the outline so far (see ``OutlineLine.alternatives``)."""
        primary = (entry.label, self._resolve(entry.parts), entry.title)
        if self._expected(primary[1]) and primary[1] not in self.by_parts:
            return primary  # the usual case: the numbering carries on as expected
        options = [primary]
        options += [(label, self._resolve(parts), title) for label, parts, title in entry.alternatives]
        for option in options:
            if self._expected(option[1]) and option[1] not in self.by_parts:
                return option
        for option in options:
            if option[1][:-1] in self.by_parts and option[1] not in self.by_parts:
                return option
        return primary

    def add(self, entry: OutlineLine) -> None:
        label, parts, title = self.choose(entry)
        if parts in self.by_parts:
            existing = self.by_parts[parts]
            if " ".join(existing.title.split()) == " ".join(title.split()):
                self.repeats.append(f"{label} 「{_short(title)}」 (line {entry.line_no}, left out as a repeat)")
                return
            free = (*parts[:-1], max(self.last_child.get(parts[:-1], 0), parts[-1]) + 1)
            while free in self.by_parts:
                free = (*free[:-1], free[-1] + 1)
            self.repeats.append(f"{label} 「{_short(title)}」 (line {entry.line_no}, kept as {_path(free)})")
            self.alias[entry.parts] = free
            parts = free
        parent_parts = parts[:-1]
        parent = self._parent_for(parts, label, entry.line_no)
        previous = self.last_child.get(parent_parts, 0)
        if parent_parts in self.by_parts or not parent_parts:
            if parts[-1] > previous + 1:
                before = _path((*parent_parts, previous)) if previous else (_path(parent_parts) or "the start")
                self.gaps.append(f"{before} → {label}")
            elif parts[-1] <= previous:
                self.disorder.append(f"{label} (line {entry.line_no})")
        self.last_child[parent_parts] = max(previous, parts[-1])
        node = ParsedNode(number=label, path=_path(parts), level=len(parts), title=title)
        (parent.children if parent is not None else self.roots).append(node)
        self.by_parts[parts] = node
        self.ordered.append(node)

    def _parent_for(self, parts: tuple[int, ...], label: str, line_no: int) -> ParsedNode | None:
        """The node an entry goes under: its parent by number, else the nearest ancestor found."""
        if len(parts) == 1:
            return None
        if parts[:-1] in self.by_parts:
            return self.by_parts[parts[:-1]]
        for size in range(len(parts) - 2, 0, -1):
            ancestor = self.by_parts.get(parts[:size])
            if ancestor is not None:
                self.orphans.append(f"{label} (no {_path(parts[:-1])} above it; placed under {ancestor.number})")
                return ancestor
        # No ancestor by number: fall back on the entry printed just before at a higher level.
        for node in reversed(self.ordered):
            if node.level < len(parts):
                self.orphans.append(f"{label} (no {_path(parts[:-1])} above it; placed under {node.number})")
                return node
        self.orphans.append(f"{label} (line {line_no}: no chapter above it; placed at the top)")
        return None

    def warnings(self) -> list[str]:
        out: list[str] = []
        if self.gaps:
            out.append(f"outline numbering skips: {'; '.join(self.gaps)}")
        if self.orphans:
            out.append(f"outline entries without their parent entry: {'; '.join(self.orphans)}")
        if self.repeats:
            out.append(f"outline entries printed twice: {'; '.join(self.repeats)}")
        if self.disorder:
            out.append(f"outline entries out of order: {', '.join(self.disorder)}")
        return out


def build_outline(entries: list[OutlineLine]) -> Outline:
    """The tree the outline lines describe; odd numbering becomes warnings, never an error."""
    builder = _Builder()
    for entry in entries:
        builder.add(entry)
    return Outline(builder.roots, builder.ordered, builder.warnings())
