"""The importer's warnings: one line per kind of problem, saying how many and where."""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.report import ParsedNode
from editor.importing.alignment import Alignment
from editor.importing.cleaning import CONTROL, DAMAGED, INVISIBLE, LOST, MARKUP, PRIVATE_USE

_MAX_PLACES = 8
_SENTENCE_CLOSE = "。！？!?」』”）)…"


@dataclass(frozen=True)
class Located:
    """A removal from the text, with the node (or other place) it was in and the text around it."""

    kind: str
    where: str  # "7.4.3", "10.1.4 title", "the report title"
    removed: str
    context: str


def short(text: str, limit: int = 20) -> str:
    """A title or excerpt cut to a length that fits in a one-line warning."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _places(items: list[Located]) -> str:
    counts: dict[str, int] = {}
    for item in items:
        counts[item.where] = counts.get(item.where, 0) + 1
    shown = [f"{where} ×{n}" if n > 1 else where for where, n in list(counts.items())[:_MAX_PLACES]]
    more = len(counts) - _MAX_PLACES
    return ", ".join(shown) + (f" and {more} more places" if more > 0 else "")


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


_KIND_TEXT = {
    MARKUP: ("piece of HTML markup", "pieces of HTML markup", "left in the text (such as {example})"),
    PRIVATE_USE: ("private-use character", "private-use characters",
                  "(U+E000–U+F8FF: no standard meaning, usually glyphs of a site's own font)"),
    CONTROL: ("control character", "control characters", ""),
    INVISIBLE: ("invisible formatting character", "invisible formatting characters",
                "(zero-width spaces, direction marks, stray byte-order marks)"),
    LOST: ("replacement character", "replacement characters",
           "(U+FFFD: characters lost before or while the file was read)"),
}


def removal_warnings(items: list[Located], readings: int = 0, reading_example: str = "") -> list[str]:
    """One line per kind of removal, in a fixed order; readings come as a count and an example."""
    by_kind: dict[str, list[Located]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    out: list[str] = []
    if readings:
        out.append(f"removed {_plural(readings, 'inline pinyin reading')} such as {reading_example} "
                   f"from titles and body text")
    damaged = by_kind.get(DAMAGED, [])
    if damaged:
        excerpts = "; ".join(f"{d.where} «{d.context}»" for d in damaged[:_MAX_PLACES])
        if len(damaged) > _MAX_PLACES:
            excerpts += f" and {len(damaged) - _MAX_PLACES} more"
        out.append(f"the source text is garbled by scraping damage in {_plural(len(damaged), 'place')} "
                   f"(bracketless pinyin removed, the rest kept as it is): {excerpts}")
    for kind in (MARKUP, PRIVATE_USE, CONTROL, INVISIBLE, LOST):
        found = by_kind.get(kind, [])
        if not found:
            continue
        one, many, note = _KIND_TEXT[kind]
        note = note.format(example=found[0].removed)
        noun = one if len(found) == 1 else many
        out.append(f"removed {len(found)} {noun} {note} in {_places(found)}".replace("  ", " "))
    return out


def alignment_warnings(ordered: list[ParsedNode], alignment: Alignment, body: str) -> list[str]:
    """Where the body text and the outline did not meet: missing headings, unplaced points, an early end."""
    anchors = alignment.anchors
    if not body.strip():
        return [f"the file holds the outline only, without body text: none of the "
                f"{len(ordered)} nodes has text of its own"]
    found = [index for index, anchor in enumerate(anchors) if anchor is not None]
    if not found:
        return [f"none of the outline's headings was found in the body text ({len(body)} characters): "
                f"no node has text of its own"]
    out: list[str] = []
    last = found[-1]
    missing = [ordered[i] for i in range(last) if anchors[i] is None]
    chapters = [n for n in missing if n.level == 1]
    sections = [n for n in missing if n.level == 2]
    points = [n for n in missing if n.level >= 3]

    def listed(nodes: list[ParsedNode]) -> str:
        shown = ", ".join(f"{n.path} 「{short(n.title)}」" for n in nodes[:_MAX_PLACES])
        return shown + (f" and {len(nodes) - _MAX_PLACES} more" if len(nodes) > _MAX_PLACES else "")

    if chapters:
        out.append(f"chapter headings not found in the body text (no text of their own): {listed(chapters)}")
    if sections:
        out.append(f"section headings missing from the body text: {listed(sections)}; these sections have "
                   f"no text of their own, their points were placed by their opening sentences")
    if points:
        out.append(f"points whose opening sentence was not found in the body text: {listed(points)}; they "
                   f"have no text of their own and their paragraphs, if present, stay with the node before")
    fuzzy = [ordered[i] for i in found if anchors[i] is not None and anchors[i].fuzzy]  # type: ignore[union-attr]
    if fuzzy:
        out.append(f"placed by an approximate match with the body text (worth a look): {listed(fuzzy)}")
    if alignment.preamble:
        out.append(f"{len(alignment.preamble)} characters of body text before the first heading belong to no "
                   f"node: «{short(alignment.preamble, 16)}»")
    trailing = ordered[last + 1:]
    if trailing:
        end = body.rstrip()
        tail = end[-12:]
        node = ordered[last]
        later = f"{_plural(len(trailing), 'later node')} ({trailing[0].path} – {trailing[-1].path})"
        if end.endswith(tuple(_SENTENCE_CLOSE)):
            # A full stop at the end: the text may be complete and the later nodes simply not found.
            out.append(f"the body text ends in {node.path} 「{short(node.title)}」 after «…{tail}»; "
                       f"the {later} were not found in it and have no text")
        else:
            out.append(f"the body text stops mid-sentence in {node.path} 「{short(node.title)}」 after "
                       f"«…{tail}»; the {later} have no text")
    return out
