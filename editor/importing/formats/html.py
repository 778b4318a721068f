"""Saved web pages: ``h1``–``h6`` headings and text blocks, with the page's own furniture left out."""

from __future__ import annotations

import re

from editor.core.errors import ReportError
from editor.core.report import ParsedReport
from editor.core.styles import BOLD, CODE, ITALIC, LINK, StyledText, remapped
from editor.importing.structure import Block, build_report

# Elements that are never the report: scripts, navigation, page header and footer, forms.
_DROP_TAGS = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
              "button", "iframe", "svg", "select", "input", "textarea", "menu", "dialog", "object"}
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
# Class or id words of page furniture: menus, share and download prompts, comments, adverts.
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|site-?header|site-?footer|footer|sidebar|comments?|"
    r"share|sharing|social|download|advert|ads|adsbygoogle|banner|cookies?|related|recommend|login|"
    r"toolbar|pagination|pager|copyright)(?:$|[\s_-])", re.I)
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "blockquote", "pre", "ul", "ol", "dl", "dt", "dd",
               "table", "tbody", "thead", "tfoot", "figure", "figcaption", "address", "center", "body", "hr"}
_INLINE_STYLES = {"b": BOLD, "strong": BOLD, "i": ITALIC, "em": ITALIC, "code": CODE, "a": LINK}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


def _furniture(element) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "header" and any(a.tag in ("article", "main") for a in element.iterancestors()):
        return False  # an article's own header holds its title
    if tag in _DROP_TAGS or (element.get("role") or "").lower() in _DROP_ROLES:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    marks = f"{element.get('class') or ''} {element.get('id') or ''}"
    return bool(marks.strip()) and bool(_FURNITURE.search(marks))


class _Walker:
    """Collects blocks in document order: inline text gathers until a block element ends it."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer = StyledText()
        self.kinds: list[str] = []  # styles open at this point of the walk
        self.href = ""
        self.lists: list[list[int | None]] = []
        self.removed = 0

    def add(self, text: str) -> None:
        self.buffer.add(text, self.kinds, self.href)

    def flush(self, level: int = 0) -> None:
        raw, styles = self.buffer.result()
        text = re.sub(r"[ \t\r\n\u00a0]+", " ", raw).strip() if "\n" not in raw.strip("\n") or level \
            else "\n".join(re.sub(r"[ \t\r\u00a0]+", " ", line).strip() for line in raw.split("\n")).strip()
        self.buffer = StyledText()
        if text:
            self.blocks.append(Block(text, level, styles=remapped(styles, raw, text) if not level else ()))

    def walk(self, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag:  # a comment or processing instruction: only its tail is text
            self.add(element.tail or "")
            return
        tag = tag.lower()
        if _furniture(element):
            self.removed += 1
            self.add(element.tail or "")
            return
        if tag in _HEADINGS:
            self.flush()
            self.add(element.text_content())
            self.flush(_HEADINGS[tag])
        elif tag == "br":
            self.add("\n")
        elif tag == "tr":
            self.flush()
            cells = [" ".join(cell.text_content().split()) for cell in element if isinstance(cell.tag, str)
                     and cell.tag.lower() in ("td", "th")]
            self.add("\t".join(cells))
            self.flush()
        elif tag == "li":
            self.flush()
            counter = self.lists[-1] if self.lists else [None]
            self.add("  " * max(0, len(self.lists) - 1))
            self.add("• " if counter[0] is None else f"{counter[0]}. ")
            if counter[0] is not None:
                counter[0] += 1
            self._children(element)
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            start = element.get("start")
            self.lists.append([None] if tag == "ul" else [int(start) if (start or "").isdigit() else 1])
            self._children(element)
            self.lists.pop()
        elif tag in _BLOCK_TAGS:
            self.flush()
            self._children(element)
            self.flush()
        elif tag in _INLINE_STYLES and _INLINE_STYLES[tag] not in self.kinds \
                and (tag != "a" or element.get("href")):
            self.kinds.append(_INLINE_STYLES[tag])
            outer, self.href = self.href, element.get("href", "") if tag == "a" else self.href
            self._children(element)
            self.kinds.pop()
            self.href = outer
        else:
            self._children(element)
        self.add(element.tail or "")

    def _children(self, element) -> None:
        self.add(element.text or "")
        for child in element:
            self.walk(child)


def _main_part(root):
    """The page's ``main`` or single ``article`` when it has one: the report without the site around it."""
    mains = root.xpath("//main") or root.xpath("//*[@role='main']")
    if len(mains) == 1:
        return mains[0]
    articles = root.xpath("//article")
    if len(articles) == 1:
        return articles[0]
    return root.find("body") if root.find("body") is not None else root


def html_blocks(text: str, source: str = "") -> tuple[list[Block], str, int]:
    """(blocks of the page's content, the page's ``<title>``, how many furniture elements were dropped)."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(text)
    except Exception as error:  # lxml raises several kinds for a page it cannot make sense of
        raise ReportError(f"{source + ': ' if source else ''}the HTML page cannot be read ({error})") from None
    page_title = " ".join((root.findtext(".//title") or "").split())
    walker = _Walker()
    walker.walk(_main_part(root))
    walker.flush()
    return walker.blocks, page_title, walker.removed


def parse_html(text: str, source: str = "", warnings: list[str] | None = None) -> ParsedReport | None:
    """The report in a web page with headings, or None without (then its text is read by the text rules)."""
    blocks, page_title, removed = html_blocks(text, source)
    headings = [b for b in blocks if b.level]
    if len(headings) < 2:
        return None  # at most a title: the outline, if any, is in numbered lines the text rules find
    out = list(warnings or [])
    if removed:
        out.append(f"left out {removed} parts of the web page that are not the report (navigation, page "
                   f"header and footer, share and download prompts, comments, scripts)")
    title = ""
    top = min(b.level for b in headings)
    if sum(1 for b in headings if b.level == top) > 1 and page_title:
        title = page_title  # several top headings are chapters: the page's <title> names the report
    return build_report(blocks, title=title, source=source, warnings=out)
