"""Word files (DOCX, through python-docx): heading styles and outline levels, Word's own numbering, tables."""

from __future__ import annotations

import io
import re
import zipfile

from editor.core.errors import ReportError
from editor.core.report import ParsedReport
from editor.core.styles import BOLD, CODE, ITALIC, LINK, Style, StyledText, safe_href, shifted
from editor.importing.numerals import format_chinese_numeral
from editor.importing.structure import Block, build_report

_HEADING_STYLE = re.compile(r"^heading\s*([1-9])$", re.I)
_TITLE_STYLES = {"title"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


_VAL = f"{_W}val"


def _val(element, name: str) -> str | None:
    child = element.find(_W + name) if element is not None else None
    return child.get(_VAL) if child is not None else None


def _roman(value: int) -> str:
    out = ""
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out += letters
            value -= number
    return out


def _letters(value: int) -> str:
    # Word repeats the letter past Z: a … z, aa … zz.
    return chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)


_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"


def format_number(value: int, fmt: str) -> str:
    """A counter in one of Word's number formats (numFmt)."""
    if fmt in ("upperRoman", "lowerRoman"):
        text = _roman(value)
        return text if fmt == "upperRoman" else text.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        text = _letters(value)
        return text if fmt == "upperLetter" else text.lower()
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "ideographDigital", "japaneseCounting"):
        return format_chinese_numeral(value)
    if fmt == "ideographTraditional":
        return _HEAVENLY_STEMS[(value - 1) % 10]
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)


class Numbering:
    """Word's automatic numbering (numbering.xml) worked out paragraph by paragraph, as Word shows it."""

    def __init__(self, root) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str, bool]]] = {}  # abstract id -> lvl -> spec
        self.abstract_of: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for abstract in root.iterfind(f"{_W}abstractNum"):
            levels = {}
            for lvl in abstract.iterfind(f"{_W}lvl"):
                index = int(lvl.get(f"{_W}ilvl", "0"))
                start = int(_val(lvl, "start") or 1)
                levels[index] = (start, _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "",
                                 lvl.find(f"{_W}isLgl") is not None)
            self.levels[abstract.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iterfind(f"{_W}num"):
            num_id = num.get(f"{_W}numId", "")
            self.abstract_of[num_id] = _val(num, "abstractNumId") or ""
            for override in num.iterfind(f"{_W}lvlOverride"):
                restart = _val(override, "startOverride")
                if restart is not None:
                    self.overrides.setdefault(num_id, {})[int(override.get(f"{_W}ilvl", "0"))] = int(restart)

    def label(self, num_id: str, ilvl: int) -> str:
        """The number Word prints for the next paragraph of list ``num_id`` at level ``ilvl``."""
        abstract = self.abstract_of.get(num_id) or ""
        levels = self.levels.get(abstract)
        if not levels or num_id == "0" or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract, [levels[i][0] - 1 if i in levels else 0 for i in range(9)])
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in self.overrides.get(num_id, {}).items():
                counters[level] = start - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = levels[deeper][0] - 1 if deeper in levels else 0
        start, fmt, text, legal = levels[ilvl]
        if fmt == "bullet":
            return "•"

        def number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            spec = levels.get(level, (1, "decimal", "", False))
            return format_number(max(counters[level], 1), "decimal" if legal else spec[1])

        return re.sub(r"%([1-9])", number, text)


def _styles_chain(style):
    while style is not None:
        yield style
        style = style.base_style


class _StyleFacts:
    """What a paragraph style says (heading level, title, numbering), worked out once per style.

    python-docx finds a style by id with a search of the styles part; a long report asked it
    for every paragraph and its base styles, most of the import's time.
    """

    def __init__(self) -> None:
        self._known: dict[str | None, tuple[int, bool, tuple[str, int] | None]] = {}

    def of(self, key: str | None, style) -> tuple[int, bool, tuple[str, int] | None]:
        """(outline level or 0, whether it is the Title style, the style's (numId, ilvl) or None).

        ``key`` is the paragraph's style id; ``style`` gives its python-docx style when first needed.
        """
        facts = self._known.get(key)
        if facts is None:
            found = style()
            facts = self._known[key] = (*_style_heading(found), _style_numbering(found))
        return facts


def _style_heading(style) -> tuple[int, bool]:
    for link in _styles_chain(style):
        name = (link.name or "").strip()
        if name.lower() in _TITLE_STYLES:
            return 0, True
        match = _HEADING_STYLE.match(name)
        if match:
            return int(match.group(1)), False
        level = _val(link.element.pPr, "outlineLvl") if link.element.pPr is not None else None
        if level is not None and level.isdigit() and int(level) < 9:
            return int(level) + 1, False
    return 0, False


def _style_numbering(style) -> tuple[str, int] | None:
    for link in _styles_chain(style):
        s_pr = link.element.pPr
        num_pr = s_pr.find(f"{_W}numPr") if s_pr is not None else None
        if num_pr is not None and _val(num_pr, "numId") is not None:
            return _val(num_pr, "numId") or "0", int(_val(num_pr, "ilvl") or 0)
    return None


_P_PR, _P_STYLE, _OUTLINE_LVL, _NUM_PR = f"{_W}pPr", f"{_W}pStyle", f"{_W}outlineLvl", f"{_W}numPr"


def _paragraph_facts(element, styles: _StyleFacts, style) -> tuple[int, bool, tuple[str, int] | None]:
    """(outline level 1–9 or 0 for body text, whether it is the document's title, the (numId, ilvl)
    it is numbered by, directly or through its style, or None). Read from the XML, not python-docx's
    proxies: a long report has tens of thousands of paragraphs."""
    p_pr = element.find(_P_PR)
    key = direct = None
    num_pr = None
    if p_pr is not None:
        key = _val(p_pr, "pStyle")
        direct = _val(p_pr, "outlineLvl")
        num_pr = p_pr.find(_NUM_PR)
    level, is_title, from_style = styles.of(key, style)
    if direct is not None and direct.isdigit() and int(direct) < 9:
        level, is_title = int(direct) + 1, False
    ilvl: int | None = None
    if num_pr is not None:
        num_id = _val(num_pr, "numId")
        lvl = _val(num_pr, "ilvl")
        ilvl = int(lvl) if lvl is not None else None
        if num_id is not None:
            return level, is_title, (num_id, ilvl or 0)
    if from_style is None:
        return level, is_title, None
    return level, is_title, (from_style[0], ilvl if ilvl is not None else from_style[1])


_RUN = f"{_W}r"
_TEXT_PARTS = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_HYPERLINK, _R_PR, _R_STYLE = f"{_W}hyperlink", f"{_W}rPr", f"{_W}rStyle"
_OFF = {"0", "false", "off", "none"}
_ANY_R_PR, _ANY_HYPERLINK = f".//{_R_PR}", f".//{_HYPERLINK}"


def _toggle(r_pr, name: str) -> bool | None:
    """A run property such as w:b: True when on, False when turned off, None when not said."""
    found = r_pr.find(_W + name) if r_pr is not None else None
    if found is None:
        return None
    return (found.get(_VAL) or "true").lower() not in _OFF


class _RunStyles:
    """Bold, italic, code and links of a paragraph's runs: direct formatting, character styles, hyperlinks."""

    def __init__(self, document) -> None:
        self.document = document
        self._chars: dict[str, frozenset[str]] | None = None
        self._links: dict[str, str] = {}

    def _character_styles(self) -> dict[str, frozenset[str]]:
        """Character style id -> the styles it gives (Strong is bold, Emphasis italic, a code style code)."""
        if self._chars is None:
            facts: dict[str, tuple[str, bool | None, bool | None, str | None]] = {}
            for style in self.document.styles.element.iterfind(f"{_W}style"):
                if style.get(f"{_W}type") != "character":
                    continue
                r_pr = style.find(_R_PR)
                facts[style.get(f"{_W}styleId", "")] = ((_val(style, "name") or "").lower(), _toggle(r_pr, "b"),
                                                        _toggle(r_pr, "i"), _val(style, "basedOn"))
            self._chars = {key: self._resolve(key, facts) for key in facts}
        return self._chars

    @staticmethod
    def _resolve(key: str, facts) -> frozenset[str]:
        kinds: set[str] = set()
        bold = italic = None
        seen: set[str] = set()
        while key in facts and key not in seen:  # the nearest style that says wins
            seen.add(key)
            name, b, i, based_on = facts[key]
            bold = b if bold is None else bold
            italic = i if italic is None else italic
            if name in ("strong", "strong emphasis") and bold is None:
                bold = True
            if name in ("emphasis", "intense emphasis") and italic is None:
                italic = True
            if "verbatim" in name or "code" in name or name in ("source text", "html typewriter"):
                kinds.add(CODE)
            key = based_on or ""
        return frozenset(kinds | ({BOLD} if bold else set()) | ({ITALIC} if italic else set()))

    def of_run(self, run) -> tuple[tuple[str, ...], str]:
        """(the styles on a run's text, its link or "")."""
        r_pr = run.find(_R_PR)
        kinds: set[str] = set()
        if r_pr is not None:
            style = _val(r_pr, "rStyle")
            if style:
                kinds |= self._character_styles().get(style, frozenset())
            for name, kind in (("b", BOLD), ("i", ITALIC)):
                said = _toggle(r_pr, name)
                if said is not None:
                    (kinds.add if said else kinds.discard)(kind)
        href = ""
        parent = run.getparent()
        if parent is not None and parent.tag == _HYPERLINK:
            href = self._link(parent.get(_R_ID) or "")
            if href:
                kinds.add(LINK)
        return tuple(sorted(kinds)), href

    def _link(self, rel_id: str) -> str:
        if rel_id not in self._links:
            rel = self.document.part.rels.get(rel_id) if rel_id else None
            target = rel.target_ref if rel is not None and rel.is_external else ""
            self._links[rel_id] = safe_href(target)
        return self._links[rel_id]


def _paragraph_styled(element, runs: _RunStyles) -> tuple[str, tuple[Style, ...]]:
    """A paragraph's text as ``_paragraph_text`` reads it, with the styles of its runs."""
    if element.find(_ANY_R_PR) is None and element.find(_ANY_HYPERLINK) is None:
        return _paragraph_text(element), ()  # most paragraphs: nothing to style
    styled = StyledText()
    looks: dict[object, tuple[tuple[str, ...], str]] = {}  # by run element (kept alive, unlike id())
    for node in element.iter(*_TEXT_PARTS):
        run = node.getparent()
        if run.tag != _RUN:
            continue
        fixed = _TEXT_PARTS[node.tag]
        look = looks.get(run)
        if look is None:
            look = looks[run] = runs.of_run(run)
        styled.add(node.text or "" if fixed is None else fixed, *look)
    return styled.result()


def _paragraph_text(element) -> str:
    """A paragraph's text as python-docx reads it (runs, tabs, breaks), straight from the XML: faster."""
    parts: list[str] = []
    for node in element.iter(*_TEXT_PARTS):
        if node.getparent().tag != _RUN:
            continue  # a tab stop of the paragraph's properties, not a tab in its text
        fixed = _TEXT_PARTS[node.tag]
        parts.append(node.text or "" if fixed is None else fixed)
    return "".join(parts)


def docx_blocks(data: bytes, source: str = "") -> tuple[list[Block], str]:
    """(headings and text blocks of a Word file in order, the title from its Title style or properties)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    where = f"{source}: " if source else ""
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ReportError(f"{where}the Word file is damaged and cannot be read ({error})") from None
    except Exception as error:  # python-docx raises its own and lxml's errors for broken parts
        raise ReportError(f"{where}the Word file is damaged and cannot be read "
                          f"({type(error).__name__}: {error})") from None
    try:
        numbering_root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        numbering_root = None
    numbering = Numbering(numbering_root)
    styles = _StyleFacts()
    runs = _RunStyles(document)
    blocks: list[Block] = []
    title = ""
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            level, is_title, numbered = _paragraph_facts(child, styles,
                                                         lambda child=child: Paragraph(child, document).style)
            marks: tuple[Style, ...] = ()
            if level or (is_title and not title):
                text = _paragraph_text(child)
            else:  # body text: its words and their bold, italic and links in one pass
                text, marks = _paragraph_styled(child, runs)
            if not text.strip():
                continue
            if is_title and not title:
                title = text.strip()
                continue
            label = numbering.label(*numbered) if numbered else ""
            if level and label and label != "•":
                # Word's own number for the heading, as Word shows it, kept apart from the title.
                blocks.append(Block(text.strip(), level, number=label.strip().rstrip("、.．")))
                continue
            prefix = f"{label} " if label and label != "•" else "• " if label else ""
            if prefix:
                text = prefix + text
                marks = tuple(shifted(marks, len(prefix)))
            blocks.append(Block(text, level, styles=marks))
        elif child.tag == f"{_W}tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if not cells or cells[-1] != value:  # a merged cell is returned once per grid column
                        cells.append(value)
                blocks.append(Block("\t".join(cells)))
    if not title:
        title = (document.core_properties.title or "").strip()
    return blocks, title


def parse_docx(data: bytes, source: str = "", warnings: list[str] | None = None) -> ParsedReport | None:
    """The report in a Word file, or None when it has no heading (then its text is read as plain text)."""
    blocks, title = docx_blocks(data, source)
    return build_report(blocks, title=title, source=source, warnings=warnings)


def docx_text(data: bytes, source: str = "") -> str:
    """The Word file's paragraphs as plain lines, for reading one without headings by the text rules."""
    blocks, title = docx_blocks(data, source)
    return "\n".join(([title] if title else []) + [f"{b.number} {b.text}" if b.number else b.text for b in blocks])
