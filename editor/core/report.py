"""The parsed form of a report, handed from the importer to the store, and its deterministic ids."""

from __future__ import annotations

import hashlib
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from collections.abc import Iterator

from editor.core.styles import Style

# Fixed namespace so that every installation derives the same ids from the same report.
TRENDMARK_NAMESPACE = uuid.UUID("876bfe81-85ec-4335-9872-803db9e38da6")


@dataclass
class ParsedNode:
    """One outline entry: a chapter (level 1), section (2), point (3) or deeper."""

    number: str  # the label as printed: "一", "1.1", "1.1.1"
    path: str  # the canonical position: "1", "1.1", "1.1.1"
    level: int
    title: str
    body: str = ""
    children: list[ParsedNode] = field(default_factory=list)
    page: int | None = None  # 1-based page of the original where the node starts, for paged formats
    styles: list[Style] = field(default_factory=list)  # bold, italic, links over ``body`` (not its id)


@dataclass
class ParsedReport:
    """What the importer makes of a file: title, outline tree with bodies, and warnings."""

    title: str
    nodes: list[ParsedNode]
    source: str = ""  # file name the report came from
    warnings: list[str] = field(default_factory=list)

    def walk(self) -> Iterator[ParsedNode]:
        """Every node in outline (pre-)order."""
        stack = list(reversed(self.nodes))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def counts(self) -> dict[int, int]:
        """Number of nodes per level."""
        out: dict[int, int] = {}
        for node in self.walk():
            out[node.level] = out.get(node.level, 0) + 1
        return out

    def normalised_text(self) -> str:
        """The report's content in a canonical form: what its id is derived from.

        Encoding, line endings and Unicode composition do not change it, so two
        analysts importing the same report (in whatever file form) get the same id.
        """
        return unicodedata.normalize("NFC", content_text(self.title, self.walk()))


def content_text(title: str, nodes: Iterable[ParsedNode]) -> str:
    """The title, then a line per node in outline order: the report's text before normalisation.

    Tabs and newlines separate the fields. They take part in no Unicode composition, so
    NFC acts on the text between them on its own: when this whole text is NFC, so is
    every title, path and body in it.
    """
    return "\n".join([title, *(f"{node.path}\t{node.title}\t{node.body}" for node in nodes)])


_NAMESPACE_BYTES = TRENDMARK_NAMESPACE.bytes
# The UUID variant digit (RFC 4122: binary 10xx) for each hex digit a digest may have there.
_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


def _uuid5_text(sha1_hex: str) -> str:
    """A SHA-1 hex digest as a version-5 UUID string: first 16 bytes, version 5, RFC variant."""
    h = sha1_hex
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"


def uuid5_str(name: str) -> str:
    """``str(uuid.uuid5(TRENDMARK_NAMESPACE, name))``, computed directly.

    An import derives ~9,000 node ids; building a ``uuid.UUID`` object for each cost a
    quarter of the store's import time. The bytes are the same (RFC 4122 §4.3: SHA-1 of
    namespace + name, version 5, RFC variant); a test compares the two.
    """
    return _uuid5_text(hashlib.sha1(_NAMESPACE_BYTES + name.encode("utf-8"), usedforsecurity=False).hexdigest())


def report_id(report: ParsedReport) -> str:
    """Deterministic report id: UUIDv5 of the normalised text."""
    return report_identity(report)[0]


def report_identity(report: ParsedReport) -> tuple[str, bool]:
    """(the report id, whether the report's text was NFC already).

    An importer that learns the text was NFC as a whole may skip normalising its
    titles, paths and bodies one by one (see ``content_text``).
    """
    text = content_text(report.title, report.walk())
    normalised = unicodedata.normalize("NFC", text)
    return uuid5_str(normalised), normalised == text


def node_id(report_id_: str, path: str, title: str) -> str:
    """Deterministic node id: UUIDv5 of report id + path + title."""
    return uuid5_str(f"{report_id_}\x1f{path}\x1f{title}")


def node_ids(report_id_: str) -> Callable[[str, str], str]:
    """``node_id`` for the nodes of one report, as a function of (path, title).

    Each id continues a copy of the SHA-1 state after namespace + report id instead of
    hashing the whole name again: the same ids, ~40% faster for the ~9,000 of an import.
    """
    start = hashlib.sha1(_NAMESPACE_BYTES + f"{report_id_}\x1f".encode(), usedforsecurity=False)

    def node_id_in_report(path: str, title: str) -> str:
        digest = start.copy()
        digest.update(f"{path}\x1f{title}".encode())
        return _uuid5_text(digest.hexdigest())

    return node_id_in_report


_SENTENCE_END = "。．.！!？?；;"
_CLAUSE_END = _SENTENCE_END + "，,、：:"


def repeated_title_length(title: str, body: str) -> int:
    """How many leading characters of ``body`` repeat ``title`` (0 when the body does not open with it).

    Many reports title a point by its first sentence and then print that sentence again
    as the start of the text ("1.1.1 近年來…增長。" over "近年來…增長。尤其是…"). The title
    counts as repeated when the body opens with it as a whole sentence or clause (the
    title ends a sentence, or the body goes on with punctuation or a line break), and a
    title that is a sentence counts without its full stop when the body's sentence goes
    on ("…措施。" over "…措施，鼓勵", "…技術的應用。" over "…技術的應用將進一步").
    """
    title = title.strip()
    if not title or not body:
        return 0
    if body.startswith(title):
        rest = body[len(title):]
        if title[-1] in _SENTENCE_END or not rest or rest[0] in _CLAUSE_END or rest[0].isspace():
            return len(title)
        return 0
    stem = title.rstrip(_SENTENCE_END)
    if len(stem) < len(title) and stem and body.startswith(stem):
        return len(stem)
    return 0
