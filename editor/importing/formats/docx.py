"""Word files (DOCX, read with lxml): heading styles and outline levels, Word's own numbering, tables, fields."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

from editor.core.errors import ReportError
from editor.core.report import ParsedReport
from editor.core.styles import BOLD, CODE, ITALIC, LINK, Style, safe_href, shifted, tidy
from editor.importing.numerals import format_chinese_numeral
from editor.importing.parser import parse_text
from editor.importing.structure import Block, build_report

_HEADING_STYLE = re.compile(r"^heading\s*([1-9])$", re.I)
_TITLE_STYLES = {"title"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


_VAL = f"{_W}val"


def _child(element, tag: str):
    """The first child with ``tag``, or None: a plain loop over an element's few children is several
    times faster than lxml's ``find``, whose path handling is Python, and it runs for every styled run."""
    if element is not None:
        for child in element:
            if child.tag == tag:
                return child
    return None


def _val(element, name: str) -> str | None:
    child = _child(element, _W + name)
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


_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
# As python-docx parses a part: no entity is expanded and nothing is fetched from the network.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
MAX_PART_BYTES = 256 * 2**20  # a 1,000-page report's document.xml is some 30 MB


class _Package:
    """The parts of a Word file (an Open Packaging ZIP) found by their relationships and parsed with lxml.

    python-docx wraps every element it reads in a proxy object and parses every part up front;
    reading the parts the importer uses straight from the ZIP takes a fraction of the time.
    """

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.names = set(self.zip.namelist())

    def xml(self, name: str):
        # The size the ZIP declares bounds what reading it can unpack: a small file cannot swell into gigabytes.
        size = self.zip.getinfo(name).file_size
        if size > MAX_PART_BYTES:
            raise ReportError(f"its part {name} unpacks to {size:,} bytes, over the {MAX_PART_BYTES:,}"
                              f" a Word file's part may take")
        return etree.fromstring(self.zip.read(name), _PARSER)

    def rels(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """The part's relationships: id -> (type, target part name or external URL as written, is external)."""
        folder, _, base = part.rpartition("/")
        name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        found: dict[str, tuple[str, str, bool]] = {}
        if name not in self.names:
            return found
        for rel in self.xml(name).iter(_REL):
            target, external = rel.get("Target") or "", rel.get("TargetMode") == "External"
            if not external:
                target = posixpath.normpath(target[1:] if target.startswith("/") else posixpath.join(folder, target))
            found.setdefault(rel.get("Id") or "", (rel.get("Type") or "", target, external))
        return found

    def related(self, rels: dict[str, tuple[str, str, bool]], kind: str):
        """The root of the first part related as ``kind``, or None when there is none."""
        for rel_type, target, external in rels.values():
            if rel_type == kind and not external and target in self.names:
                return self.xml(target)
        return None


def _default_styles():
    """python-docx's own styles, which it gives a Word file that has none (so ``Heading1`` is still a heading)."""
    from importlib.resources import files

    return etree.fromstring((files("docx") / "templates" / "default-styles.xml").read_bytes(), _PARSER)


_P_PR, _P_STYLE, _OUTLINE_LVL, _NUM_PR = f"{_W}pPr", f"{_W}pStyle", f"{_W}outlineLvl", f"{_W}numPr"
_STYLE, _STYLE_ID, _TYPE, _DEFAULT = f"{_W}style", f"{_W}styleId", f"{_W}type", f"{_W}default"


class _StyleFacts:
    """What a paragraph style says (heading level, title, numbering), worked out once per style id.

    Styles are looked up as python-docx does: an unknown id, or one of another type, is the
    default paragraph style; a style's base is the first style with its ``basedOn`` id.
    """

    def __init__(self, root) -> None:
        self.by_id: dict[str, etree._Element] = {}
        self.default = None
        for style in root.iterfind(_STYLE):
            self.by_id.setdefault(style.get(_STYLE_ID) or "", style)
            if style.get(_TYPE) == "paragraph" and style.get(_DEFAULT) in ("1", "true", "on"):
                self.default = style  # the last default, as the standard says
        self._known: dict[str | None, tuple[int, bool, tuple[str, int] | None]] = {}

    def of(self, key: str | None) -> tuple[int, bool, tuple[str, int] | None]:
        """(outline level or 0, whether it is the Title style, the style's (numId, ilvl) or None)."""
        facts = self._known.get(key)
        if facts is None:
            style = self.by_id.get(key) if key else None
            if style is None or style.get(_TYPE) != "paragraph":
                style = self.default
            chain = self._chain(style)
            facts = self._known[key] = (*_style_heading(chain), _style_numbering(chain))
        return facts

    def is_contents(self, key: str | None) -> bool:
        """Whether the paragraph style is one of a table of contents' (``toc 1``…, ``TOC Heading``)."""
        style = self.by_id.get(key) if key else None
        return style is not None and bool(_CONTENTS_STYLE.match((_val(style, "name") or "").strip()))

    def _chain(self, style) -> list:
        chain: list = []
        while style is not None and not any(style is seen for seen in chain):  # a loop of basedOn ends
            chain.append(style)
            based_on = _val(style, "basedOn")
            style = self.by_id.get(based_on) if based_on else None
        return chain


def _style_heading(chain) -> tuple[int, bool]:
    for style in chain:
        name = (_val(style, "name") or "").strip()
        if name.lower() in _TITLE_STYLES:
            return 0, True
        match = _HEADING_STYLE.match(name)
        if match:
            return int(match.group(1)), False
        level = _val(_child(style, _P_PR), "outlineLvl")
        if level is not None and level.isdigit() and int(level) < 9:
            return int(level) + 1, False
    return 0, False


def _style_numbering(chain) -> tuple[str, int] | None:
    for style in chain:
        s_pr = _child(style, _P_PR)
        num_pr = _child(s_pr, _NUM_PR)
        if num_pr is not None and _val(num_pr, "numId") is not None:
            return _val(num_pr, "numId") or "0", int(_val(num_pr, "ilvl") or 0)
    return None


def _paragraph_facts(key: str | None, direct: str | None, num_pr,
                     styles: _StyleFacts) -> tuple[int, bool, tuple[str, int] | None]:
    """(outline level 1–9 or 0 for body text, whether it is the document's title, the (numId, ilvl)
    it is numbered by, directly or through its style, or None), from the paragraph's own style id,
    outline level and numbering properties."""
    level, is_title, from_style = styles.of(key)
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


_P, _RUN, _T, _TBL = f"{_W}p", f"{_W}r", f"{_W}t", f"{_W}tbl"
_TR, _TR_PR, _TC, _TC_PR, _V_MERGE = f"{_W}tr", f"{_W}trPr", f"{_W}tc", f"{_W}tcPr", f"{_W}vMerge"
_FIXED = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
_FLD_CHAR, _FLD_CHAR_TYPE, _INSTR_TEXT = f"{_W}fldChar", f"{_W}fldCharType", f"{_W}instrText"
_FLD_SIMPLE, _INSTR = f"{_W}fldSimple", f"{_W}instr"
_WALKED = {_FLD_CHAR, _INSTR_TEXT, _P_PR, _P_STYLE, _OUTLINE_LVL, _NUM_PR}  # besides the text

_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_HYPERLINK, _R_PR = f"{_W}hyperlink", f"{_W}rPr"
_OFF = {"0", "false", "off", "none"}

# A field instruction's words: quoted arguments (Word doubles a backslash inside them) or bare words.
_FIELD_WORD = re.compile(r'"((?:[^"\\]|\\.)*)"|(\S+)')
_SWITCHES_WITH_ARGUMENT = {"l", "o", "t", "*", "@", "#"}


def hyperlink_field(instruction: str) -> str | None:
    """None when a field instruction is not HYPERLINK; else its link when a reader may follow it, or "".

    ``HYPERLINK "https://…" \\o "tip"`` links to the address; ``\\l "place"`` alone is a place in
    the document itself (nothing to follow outside it), and after an address it is the address's fragment.
    """
    words = [(quoted.replace("\\\\", "\\") if quoted is not None else bare, quoted is not None)
             for quoted, bare in ((m.group(1), m.group(2)) for m in _FIELD_WORD.finditer(instruction))]
    if not words or words[0][1] or words[0][0].upper() != "HYPERLINK":
        return None
    address = place = ""
    index = 1
    while index < len(words):
        word, quoted = words[index]
        index += 1
        if not quoted and word.startswith("\\"):
            if word[1:].lower() in _SWITCHES_WITH_ARGUMENT and index < len(words):
                if word[1:].lower() == "l":
                    place = words[index][0]
                index += 1
        elif not address:
            address = word
    if not address:
        return ""
    return safe_href(f"{address}#{place}" if place else address)


def _toggle(r_pr, name: str) -> bool | None:
    """A run property such as w:b: True when on, False when turned off, None when not said."""
    found = _child(r_pr, _W + name)
    if found is None:
        return None
    return (found.get(_VAL) or "true").lower() not in _OFF


class _Field:
    """A complex field (``w:fldChar`` begin … separate … end) open at the point being read."""

    __slots__ = ("href", "instruction", "showing")

    def __init__(self) -> None:
        self.instruction: list[str] = []
        self.showing = False  # past its separator: the runs are the field's result, which a reader sees
        self.href: str | None = None  # for a HYPERLINK field, its link ("" when not one to follow)


class _RunStyles:
    """Bold, italic, code and links of a paragraph's runs: direct formatting, character styles, hyperlinks."""

    def __init__(self, styles_root, rels: dict[str, tuple[str, str, bool]]) -> None:
        self.styles_root = styles_root
        self.rels = rels
        self._chars: dict[str, frozenset[str]] | None = None
        self._links: dict[str, str] = {}
        self._fields: dict[str, str | None] = {}

    def _character_styles(self) -> dict[str, frozenset[str]]:
        """Character style id -> the styles it gives (Strong is bold, Emphasis italic, a code style code)."""
        if self._chars is None:
            facts: dict[str, tuple[str, bool | None, bool | None, str | None]] = {}
            for style in self.styles_root.iterfind(_STYLE):
                if style.get(_TYPE) != "character":
                    continue
                r_pr = _child(style, _R_PR)
                facts[style.get(_STYLE_ID, "")] = ((_val(style, "name") or "").lower(), _toggle(r_pr, "b"),
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

    def of_run(self, run, field_href: str | None) -> tuple[tuple[str, ...], str]:
        """(the styles on a run's text, its link or ""); ``field_href`` is the HYPERLINK field it is in, if any."""
        r_pr = _child(run, _R_PR)
        kinds: set[str] = set()
        if r_pr is not None:
            style = _val(r_pr, "rStyle")
            if style:
                kinds |= self._character_styles().get(style, frozenset())
            for name, kind in (("b", BOLD), ("i", ITALIC)):
                said = _toggle(r_pr, name)
                if said is not None:
                    (kinds.add if said else kinds.discard)(kind)
        href = self._element_link(run)
        if href is None:
            href = field_href or ""
        if href:
            kinds.add(LINK)
        return tuple(sorted(kinds)), href

    def _element_link(self, run) -> str | None:
        """The link of the nearest hyperlink element or simple HYPERLINK field around the run, or None."""
        parent = run.getparent()
        while parent is not None and parent.tag != _P:
            if parent.tag == _HYPERLINK:
                return self._link(parent.get(_R_ID) or "")
            if parent.tag == _FLD_SIMPLE:
                href = self.field(parent.get(_INSTR) or "")
                if href is not None:
                    return href
            parent = parent.getparent()
        return None

    def field(self, instruction: str) -> str | None:
        if instruction not in self._fields:
            self._fields[instruction] = hyperlink_field(instruction)
        return self._fields[instruction]

    def _link(self, rel_id: str) -> str:
        if rel_id not in self._links:
            _kind, target, external = self.rels.get(rel_id, ("", "", False))
            self._links[rel_id] = safe_href(target if external else "")
        return self._links[rel_id]


class _Reader:
    """The text of a document's paragraphs in order, with the fields they are in.

    A complex field runs from ``fldChar begin`` to ``fldChar end``, possibly over several
    paragraphs (a table of contents): its instruction (up to ``separate``) is never text, and the
    runs of a HYPERLINK field's result are its link, as a hyperlink element's runs are.
    """

    def __init__(self, runs: _RunStyles) -> None:
        self.runs = runs
        self.fields: list[_Field] = []
        self.hiding = 0  # fields open in their instruction: runs there (a nested field's result) are not text
        self.field_href: str | None = None

    def _field_char(self, kind: str | None) -> None:
        fields = self.fields
        if kind == "begin":
            fields.append(_Field())
            self.hiding += 1
        elif kind == "separate" and fields and not fields[-1].showing:
            field = fields[-1]
            field.showing = True
            self.hiding -= 1
            field.href = self.runs.field("".join(field.instruction))
        elif kind == "end" and fields:
            if not fields.pop().showing:
                self.hiding -= 1
        else:
            return
        self.field_href = next((f.href for f in reversed(fields) if f.showing and f.href is not None), None)

    def paragraph(self, element) -> tuple[str, tuple[Style, ...], tuple[str | None, str | None, object]]:
        """A paragraph's text (runs, tabs, breaks, the results of fields), its runs' styles, and its
        own (style id, outline level, numbering properties) for ``_paragraph_facts``.

        One walk of the paragraph for all of it: a long report has tens of thousands of paragraphs.
        The walk visits every element: lxml sets up a tag filter for each ``iter`` call, which costs
        several times what looking at the few elements of a paragraph does.
        """
        parts: list[str] = []
        marks: list[Style] = []
        at = 0
        run = None
        kinds: tuple[str, ...] = ()
        href = ""
        key = direct = num_pr = None
        own = None  # the paragraph's own properties: not a tracked change's old ones, nor a text box's
        for node in element.iter():
            tag = node.tag
            if tag == _T:
                text = node.text
            elif tag in _FIXED:
                text = _FIXED[tag]
            elif tag not in _WALKED:
                continue
            elif tag == _FLD_CHAR:
                self._field_char(node.get(_FLD_CHAR_TYPE))
                run = None  # the run's link may have changed with the field
                continue
            elif tag == _INSTR_TEXT:
                if self.fields and not self.fields[-1].showing:
                    self.fields[-1].instruction.append(node.text or "")
                continue
            elif tag == _P_PR:
                if own is None and node.getparent() is element:
                    own = node
                continue
            else:
                if own is not None and node.getparent() is own:
                    if tag == _P_STYLE:
                        key = node.get(_VAL)
                    elif tag == _OUTLINE_LVL:
                        direct = node.get(_VAL)
                    else:
                        num_pr = node
                continue
            parent = node.getparent()
            if not text or parent.tag != _RUN or self.hiding:
                continue  # a tab stop of the paragraph's properties is not a tab in its text
            if parent is not run:
                run = parent
                # Most runs have no properties and sit right in the paragraph, outside any field:
                # nothing to look up for them.
                if run[0].tag == _R_PR or run.getparent() is not element or self.field_href is not None:
                    kinds, href = self.runs.of_run(run, self.field_href)
                else:
                    kinds, href = (), ""
            for kind in kinds:
                marks.append(Style(at, at + len(text), kind, href if kind == LINK else ""))
            parts.append(text)
            at += len(text)
        if self.hiding:
            # An instruction ends with its paragraph in any file Word writes; a field left open in one
            # (a damaged file) must not hide the rest of the document.
            self.fields[:] = [field for field in self.fields if field.showing]
            self.hiding = 0
        return "".join(parts), tidy(marks, at) if marks else (), (key, direct, num_pr)

    def table(self, table) -> list[str]:
        """A table's rows as lines, cells tab-separated: a merged cell once, as python-docx's rows give it."""
        lines: list[str] = []
        above: dict[int, str] = {}  # the previous row's cell text by grid column, for vertical merges
        for tr in table.iterfind(_TR):
            offset = _number(_val(tr.find(_TR_PR), "gridBefore"), 0)
            cells: list[str] = []
            here: dict[int, str] = {}
            for tc in tr.iterfind(_TC):
                tc_pr = tc.find(_TC_PR)
                span = max(1, _number(_val(tc_pr, "gridSpan"), 1))
                v_merge = tc_pr.find(_V_MERGE) if tc_pr is not None else None
                if v_merge is not None and (v_merge.get(_VAL) or "continue") == "continue":
                    value = above.get(offset, "")
                else:
                    value = " ".join("\n".join(self.paragraph(p)[0] for p in tc.iterfind(_P)).split())
                for column in range(offset, offset + span):
                    here[column] = value
                for _ in range(span):
                    if not cells or cells[-1] != value:  # a merged cell is given once per grid column
                        cells.append(value)
                offset += span
            above = here
            lines.append("\t".join(cells))
        return lines



def _number(value: str | None, default: int) -> int:
    return int(value) if value is not None and value.isdigit() else default


def _open(data: bytes, where: str):
    """(the document's body, its styles root, its relationships, the package's title or "")."""
    try:
        package = _Package(data)
        package_rels = package.rels("")
        main = next((target for kind, target, external in package_rels.values()
                     if kind == _RT + "officeDocument" and not external), "word/document.xml")
        document = package.xml(main)
        body = document.find(f"{_W}body")
        if document.tag != f"{_W}document" or body is None:
            raise ValueError("no document body")
        rels = package.rels(main)
        styles = package.related(rels, _RT + "styles")
        numbering = package.related(rels, _RT + "numbering")
        core = package.related(package_rels, _CORE_PROPERTIES)
    except ReportError as error:
        raise ReportError(f"{where}the Word file is not read: {error}") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ReportError(f"{where}the Word file is damaged and cannot be read ({error})") from None
    except Exception as error:  # lxml's errors for broken parts, zlib's for broken compression
        raise ReportError(f"{where}the Word file is damaged and cannot be read "
                          f"({type(error).__name__}: {error})") from None
    title = core.findtext(_DC_TITLE) if core is not None else None
    return body, styles if styles is not None else _default_styles(), numbering, rels, title or ""


_SDT, _SDT_PR, _SDT_CONTENT, _CUSTOM_XML = f"{_W}sdt", f"{_W}sdtPr", f"{_W}sdtContent", f"{_W}customXml"
_DOC_PART_OBJ, _DOC_PART_GALLERY = f"{_W}docPartObj", f"{_W}docPartGallery"
# Word's styles for the entries of a table of contents, and for its title.
_CONTENTS_STYLE = re.compile(r"^(?:toc\s*[1-9]|toc heading)$", re.I)


def _elements(container, contents: bool = False):
    """(paragraph or table, whether it belongs to a table of contents) of the body in order.

    Content controls and custom XML hold ordinary text too (a template's abstract, a cover page):
    their paragraphs are read. The control Word puts a table of contents in is marked.
    """
    for child in container.iterchildren(_P, _TBL, _SDT, _CUSTOM_XML):
        if child.tag == _SDT:
            gallery = _val(_child(_child(child, _SDT_PR), _DOC_PART_OBJ), "docPartGallery")
            inner = _child(child, _SDT_CONTENT)
            if inner is not None:
                yield from _elements(inner, contents or gallery == "Table of Contents")
        elif child.tag == _CUSTOM_XML:
            yield from _elements(child, contents)
        else:
            yield child, contents


def docx_blocks(data: bytes, source: str = "") -> tuple[list[Block], str, int]:
    """(headings and text blocks of a Word file in order, the title from its Title style or properties,
    how many lines of a table of contents were left out)."""
    body, styles_root, numbering_root, rels, package_title = _open(data, f"{source}: " if source else "")
    numbering = Numbering(numbering_root)
    styles = _StyleFacts(styles_root)
    reader = _Reader(_RunStyles(styles_root, rels))
    blocks: list[Block] = []
    title = ""
    contents_lines = 0
    for child, in_contents in _elements(body):
        if child.tag == _P:
            text, marks, own = reader.paragraph(child)
            if in_contents or styles.is_contents(own[0]):
                # It names every heading again: read as text, it would stand before the first one.
                contents_lines += bool(text.strip())
                continue
            level, is_title, numbered = _paragraph_facts(*own, styles)
            if level or (is_title and not title):
                marks = ()  # headings and the title keep their words only
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
        elif not in_contents:
            blocks.extend(Block(line) for line in reader.table(child))
    return blocks, title or package_title.strip(), contents_lines



def parse_docx(data: bytes, source: str = "", warnings: list[str] | None = None) -> ParsedReport:
    """The report in a Word file; one without heading styles is read as its text by the text rules."""
    blocks, title, contents_lines = docx_blocks(data, source)
    warnings = list(warnings or [])
    if contents_lines:
        warnings.append(f"removed the table of contents ({contents_lines} lines)")
    report = build_report(blocks, title=title, source=source, warnings=warnings)
    if report is not None:
        return report
    # Read once: the same blocks as plain lines, numbers as Word shows them.
    text = "\n".join(([title] if title else []) + [f"{b.number} {b.text}" if b.number else b.text for b in blocks])
    report = parse_text(text, source)
    report.warnings[:0] = ["the Word file uses no heading styles: chapters found by their numbering", *warnings]
    return report
