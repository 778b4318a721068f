"""PDFs from other producers: pdfTeX (Latin text, hyphenated, running heads), with and without bookmarks;
Chromium's print to PDF, whose Skia backend also writes Google Docs' PDF downloads."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from editor.importing import read_report
from tests.report_files import (
    CJK_FONT, TRUETYPE_CJK_FONT, TRUETYPE_CJK_POSTSCRIPT, chromium_pdf, need, pandoc, run, soffice, to_markdown,
    without_bookmarks,
)

# Long words in a narrow column: TeX hyphenates many line ends.
_TEXT = ("commercial banks throughout the administrative regions experienced unprecedented liquidity "
         "fluctuations notwithstanding extraordinarily accommodative monetary conditions and comprehensive "
         "macroprudential interventions while internationalisation of settlement infrastructures accelerated "
         "disintermediation and institutionalised counterparty surveillance demonstrably strengthened "
         "resilience")
WORDS = _TEXT.split(" ")
OUTLINE = [(1, "Introduction"), (2, "Methodology"), (2, "Sources"), (1, "Findings"), (2, "Deposits"),
           (2, "Lending"), (3, "Consumer credit"), (1, "Outlook")]


def _paragraph(seed: int, words: int = 60) -> str:
    text = " ".join(WORDS[(seed * 7 + i) % len(WORDS)] for i in range(words))
    return text[0].upper() + text[1:] + "."


def _latin_report(folder: Path) -> tuple[Path, dict[str, str]]:
    """The Latin report as Markdown, and each heading's text."""
    bodies: dict[str, str] = {}
    lines = ["---", 'title: "Regional Liquidity Outlook"', "---", ""]
    for index, (level, title) in enumerate(OUTLINE):
        paragraphs = [_paragraph(index * 3 + k) for k in range(2)]
        bodies[title] = "\n".join(paragraphs)
        lines += ["#" * level + " " + title, "", *(p + "\n" for p in paragraphs)]
    source = folder / "report.md"
    source.write_text("\n".join(lines), encoding="utf-8")
    return source, bodies


@pytest.fixture(scope="module")
def pdftex(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A four-page report typeset by pdfLaTeX (pandoc writes the LaTeX), and each heading's text."""
    folder = tmp_path_factory.mktemp("pdftex")
    source, bodies = _latin_report(folder)
    header = folder / "header.tex"
    header.write_text("\\usepackage{fancyhdr}\n\\pagestyle{fancy}\n\\fancyhf{}\n"
                      "\\fancyhead[C]{Confidential draft}\n\\fancyfoot[C]{\\thepage}\n", encoding="utf-8")
    run([need("pandoc"), str(source), "-o", "report.tex", "--standalone", "-H", str(header),
         "-V", "geometry:textwidth=7cm", "-V", "documentclass=article"], cwd=folder)
    run([need("pdflatex"), "-interaction=nonstopmode", "-halt-on-error", "report.tex"], cwd=folder)
    return folder / "report.pdf", bodies


def _latin_read_back(pdf, bodies: dict[str, str], bookmarks: bool, tmp_path):
    """The Latin report imported (with its bookmarks, or with them taken out): its title, outline and every body."""
    if not bookmarks:
        pdf = without_bookmarks(pdf, tmp_path / "plain.pdf")
    report = read_report(pdf)
    assert report.title == "Regional Liquidity Outlook"
    assert [(node.level, node.title) for node in report.walk()] == OUTLINE
    for node in report.walk():
        assert node.body == bodies[node.title], node.title
    return report


@pytest.mark.parametrize("bookmarks", [True, False], ids=["bookmarks", "no-bookmarks"])
def test_pdftex_report_keeps_outline_and_words(pdftex, bookmarks, tmp_path):
    pdf, bodies = pdftex
    # Hyphenated line ends closed up, Latin lines joined with one space, the running head gone.
    report = _latin_read_back(pdf, bodies, bookmarks, tmp_path)
    pages = [node.page for node in report.walk()]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] >= 3
    assert any("running header and footer lines" in w and "page numbers" in w for w in report.warnings)
    assert any(w == "no bookmarks: headings found by font size" for w in report.warnings) == (not bookmarks)


def test_bookmarks_naming_only_their_page_start_at_their_heading(pdftex, tmp_path):
    # Some producers write /XYZ destinations with null coordinates (or /Fit): the page, no position.
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import Fit

    pdf, bodies = pdftex
    headings = {}  # title -> 0-based page where it is printed
    for index, page in enumerate(PdfReader(pdf).pages):
        lines = [" ".join(line.split()) for line in page.extract_text().splitlines()]
        for _, title in OUTLINE:
            # The heading's own line (its number before it), not a word of the running text or the title.
            if title not in headings and any(line.endswith(title) and len(line) <= len(title) + 8 for line in lines):
                headings[title] = index
    writer = PdfWriter(clone_from=without_bookmarks(pdf, tmp_path / "plain.pdf"))
    parents: dict[int, object] = {}
    for level, title in OUTLINE:
        fit = Fit.fit() if level == 3 else Fit.xyz(None, None, None)
        parents[level] = writer.add_outline_item(title=title, page_number=headings[title], parent=parents.get(level - 1), fit=fit)
    out = tmp_path / "page-only.pdf"
    with open(out, "wb") as stream:
        writer.write(stream)
    assert len(set(headings.values())) < len(OUTLINE)  # several headings share a page

    report = read_report(out)
    assert [(node.level, node.title) for node in report.walk()] == OUTLINE
    for node in report.walk():
        assert node.body == bodies[node.title], node.title



def test_a_bookmark_without_a_title_takes_its_heading_from_the_page(pdftex, tmp_path):
    # Word writes bookmarks with a blank title for some headings: the line at the destination names the node.
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    pdf, bodies = pdftex
    writer = PdfWriter(clone_from=pdf)
    item = writer._root_object["/Outlines"]["/First"].get_object()["/First"].get_object()  # Methodology
    assert item["/Title"] == "Methodology"
    item[NameObject("/Title")] = TextStringObject("  ")
    out = tmp_path / "untitled.pdf"
    with open(out, "wb") as stream:
        writer.write(stream)
    report = read_report(out)
    assert [(node.level, node.title) for node in report.walk()] == OUTLINE
    for node in report.walk():
        assert node.body == bodies[node.title], node.title

@pytest.fixture(scope="module")
def skia(tmp_path_factory, reference) -> dict[str, Path]:
    """The sample as a web page (pandoc) printed by Chromium: with its outline, set in an OpenType CJK font
    (Skia writes every glyph as a Type 3 font) or a TrueType one (embedded as a CID font); and in the first
    as a reader prints it by default (no outline; the date and title above each page, the address and page
    number below); and the page naming no font, printed without an outline, in whatever CJK font the system
    lends it."""
    folder = tmp_path_factory.mktemp("skia")
    markdown = folder / "sample.md"
    markdown.write_text(to_markdown(reference), encoding="utf-8")
    pages = {}
    for name, font in (("opentype", CJK_FONT), ("truetype", TRUETYPE_CJK_FONT)):
        style = folder / f"{name}.css.html"
        style.write_text(f"<style>body {{ font-family: '{font}', serif; }}</style>\n", encoding="utf-8")
        pages[name] = pandoc(markdown, folder / f"{name}.html", "--standalone", "-H", str(style))
    return {"opentype": chromium_pdf(pages["opentype"], folder / "opentype.pdf"),
            "truetype": chromium_pdf(pages["truetype"], folder / "truetype.pdf"),
            "printed": chromium_pdf(pages["opentype"], folder / "printed.pdf", bookmarks=False, header_footer=True),
            "unstyled": chromium_pdf(pandoc(markdown, folder / "unstyled.html", "--standalone"),
                                     folder / "unstyled.pdf", bookmarks=False)}


def _font_names(pdf: PdfReader) -> set[str]:
    return {str(font.get_object().get("/BaseFont", "")) for page in pdf.pages
            for font in page["/Resources"]["/Font"].values()}


def _bookmarks(outline, level: int = 1) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for item in outline:
        out += _bookmarks(item, level + 1) if isinstance(item, list) else [(level, item.title)]
    return out


@pytest.mark.parametrize("font", ["opentype", "truetype"])
def test_chromium_pdf_has_every_bookmark_as_a_node_with_its_text(skia, reference, font):
    pdf = PdfReader(skia[font])
    assert pdf.metadata.producer.startswith("Skia/PDF")
    # The font asked for is the one embedded (not a fallback), as the kind of font the case is about.
    truetype = [name for name in _font_names(pdf) if name.endswith(f"+{TRUETYPE_CJK_POSTSCRIPT}")]
    assert bool(truetype) == (font == "truetype")
    marks = _bookmarks(pdf.outline)
    # The page's title heading is the first top-level bookmark; the report's headings follow, nested.
    assert marks[0] == (1, reference.title)
    report = read_report(skia[font])
    assert report.title == reference.title
    assert report.counts() == {1: 10, 2: 46, 3: 128}
    headings = [(node.level, f"{node.number}{'、' if node.level == 1 else '. '}{node.title}") for node in report.walk()]
    assert [(level, " ".join(title.split())) for level, title in marks[1:]] == headings
    ours = {node.path: node for node in report.walk()}
    for node in reference.walk():
        assert (ours[node.path].number, ours[node.path].title) == (node.number, node.title)
        assert ours[node.path].body == node.body, node.path
    pages = [node.page for node in report.walk()]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] > 10
    assert not report.warnings


def test_chromium_pdf_printed_with_page_furniture_and_no_bookmarks(skia, reference):
    assert not PdfReader(skia["printed"]).outline
    report = read_report(skia["printed"])
    assert report.counts() == {1: 10, 2: 46, 3: 128}
    ours = {node.path: node for node in report.walk()}
    for node in reference.walk():
        assert (ours[node.path].number, ours[node.path].title) == (node.number, node.title)
        # The address, date and "n/23" printed on every page are gone.
        assert ours[node.path].body == node.body, node.path
    assert "no bookmarks: headings found by numbering" in report.warnings
    assert any("running header and footer lines" in w for w in report.warnings)


def test_chromium_pdf_in_the_systems_cjk_font_finds_wrapped_headings_whole(skia, reference):
    # Headings wrap onto a second line and even onto the next page. Skia draws the Chinese bold by stroking
    # Type 3 glyphs (read as regular, while the body reads as bold), and the point numbers are in a bold Latin
    # font: each heading's lines begin in different weights and must still make one heading.
    assert not PdfReader(skia["unstyled"]).outline
    report = read_report(skia["unstyled"])
    assert report.title == reference.title
    assert report.counts() == {1: 10, 2: 46, 3: 128}
    ours = {node.path: node for node in report.walk()}
    for node in reference.walk():
        assert (ours[node.path].number, ours[node.path].title) == (node.number, node.title), node.path
        assert ours[node.path].body == node.body, node.path
    assert "no bookmarks: headings found by numbering" in report.warnings


@pytest.fixture(scope="module")
def chromium_latin(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The Latin report as a web page printed by Chromium as a reader prints it (date, title, address and
    page number on every page), with its outline; and each heading's text."""
    folder = tmp_path_factory.mktemp("chromium-latin")
    source, bodies = _latin_report(folder)
    page = pandoc(source, folder / "report.html", "--standalone")
    return chromium_pdf(page, folder / "report.pdf", header_footer=True), bodies


@pytest.mark.parametrize("bookmarks", [True, False], ids=["bookmarks", "no-bookmarks"])
def test_chromium_latin_report_keeps_headings_out_of_the_text_before_them(chromium_latin, bookmarks, tmp_path):
    # Skia's destinations point below the top of a Latin heading's glyphs: the heading is still its node's.
    pdf, bodies = chromium_latin
    report = _latin_read_back(pdf, bodies, bookmarks, tmp_path)
    assert not any("before the first heading" in w for w in report.warnings)
    assert any("running header and footer lines" in w for w in report.warnings)


@pytest.mark.parametrize("how", ["name", "goto"])
def test_bookmarks_through_named_destinations(chromium_latin, how, tmp_path):
    # Other producers name each destination in the catalog's name tree and point bookmarks at the name,
    # directly or through a GoTo action; they import as if the destinations were in the bookmarks.
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    pdf, bodies = chromium_latin
    writer = PdfWriter(clone_from=pdf)
    item = writer._root_object["/Outlines"]["/First"].get_object()
    pending, count = [item], 0
    while pending:
        item = pending.pop().get_object()
        count += 1
        name = TextStringObject(f"h.{count:03d}")
        writer.add_named_destination_array(name, ArrayObject(item["/Dest"]))
        del item["/Dest"]
        if how == "name":
            item[NameObject("/Dest")] = name
        else:
            item[NameObject("/A")] = DictionaryObject({NameObject("/S"): NameObject("/GoTo"), NameObject("/D"): name})
        pending += [item[key] for key in ("/Next", "/First") if key in item]
    out = tmp_path / "named.pdf"
    with open(out, "wb") as stream:
        writer.write(stream)
    first = PdfReader(out).trailer["/Root"]["/Outlines"]["/First"].get_object()
    assert isinstance(first["/Dest"], str) if how == "name" else ("/Dest" not in first and "/A" in first)

    report = read_report(out)
    assert not any(w.startswith("no bookmarks") for w in report.warnings)
    assert [(node.level, node.title) for node in report.walk()] == OUTLINE
    for node in report.walk():
        assert node.body == bodies[node.title], node.title


_STROKED_SECTIONS = {  # paragraphs of two or three lines each
    "市場概況": ["下沉市場的消費金融需求持續增長，農村居民收入穩步提高。" * 3, "移動支付的滲透率仍在上升，商戶覆蓋面不斷擴大。" * 2],
    "風險與監管": ["多頭借貸與過度負債是主要風險，需要完善的征信體系。" * 3],
    "發展建議": ["金融機構應加強風險管理，提升金融服務質量。" * 3, "推動技術創新，降低運營成本，服務實體經濟。" * 4],
}


_FLAT_ODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3"
 office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls><style:font-face style:name="cjk" svg:font-family="'{font}'"/></office:font-face-decls>
 <office:automatic-styles>{styles}</office:automatic-styles>
 <office:body><office:text>{paragraphs}</office:text></office:body>
</office:document>
"""


def _paragraph_style(name: str, size: float, *, before: int = 0, after: int = 8, color: str = "#000000",
                     bold: bool = False) -> str:
    """A paragraph style of the flat OpenDocument file: the CJK font at ``size`` points, space after it."""
    weight = ' fo:font-weight="bold" style:font-weight-asian="bold"' if bold else ""
    return (f'<style:style style:name="{name}" style:family="paragraph">'
            f'<style:paragraph-properties fo:margin-top="{before}pt" fo:margin-bottom="{after}pt"/>'
            f'<style:text-properties style:font-name="cjk" style:font-name-asian="cjk" fo:font-size="{size}pt"'
            f' style:font-size-asian="{size}pt" fo:color="{color}"{weight}/></style:style>')


def _flat_odt_pdf(folder: Path, name: str, font: str, styles: list[str], paragraphs: list[tuple[str, str]]) -> Path:
    """A flat OpenDocument file (LibreOffice's own format, each paragraph's font named outright) of
    (style, text) paragraphs, as LibreOffice prints it to PDF; none is an outline heading: no bookmarks."""
    body = "".join(f'<text:p text:style-name="{style}">{text}</text:p>' for style, text in paragraphs)
    source = folder / f"{name}.fodt"
    source.write_text(_FLAT_ODT.format(font=font, styles="".join(styles), paragraphs=body), encoding="utf-8")
    return soffice(source, "pdf", folder)


def test_headings_made_bold_by_stroking_a_font_without_a_bold_face(tmp_path):
    # UMing has no bold face: LibreOffice (as Word) draws bold text filled and outlined (render mode 2).
    # The headings are no larger than the body and carry no number, so only that weight tells them apart.
    paragraphs = []
    for title, texts in _STROKED_SECTIONS.items():
        paragraphs += [("heading", title), *(("body", text) for text in texts)]
    pdf = _flat_odt_pdf(tmp_path, "stroked", TRUETYPE_CJK_FONT,
                        [_paragraph_style("body", 12), _paragraph_style("heading", 12, after=0, bold=True)], paragraphs)
    reader = PdfReader(pdf)
    assert any(name.endswith(f"+{TRUETYPE_CJK_POSTSCRIPT}") for name in _font_names(reader))
    assert b"2 Tr" in b"".join(page.get_contents().get_data() for page in reader.pages)
    report = read_report(pdf)
    assert not PdfReader(pdf).outline
    assert [(node.level, node.title) for node in report.walk()] == [(1, title) for title in _STROKED_SECTIONS]
    for node in report.walk():
        assert node.body == "\n".join(_STROKED_SECTIONS[node.title]), node.title


def _word_styles_pdf(folder: Path) -> tuple[Path, list[tuple[int, str]], dict[str, str]]:
    """Word's Heading 1-3 as its default styles set them: 16 and 13 pt in blue, 12 pt in dark blue, not bold,
    over an 11 pt black body; LibreOffice's PDF of it, its outline and each heading's text."""
    styles = [_paragraph_style("body", 11), _paragraph_style("h1", 16, before=12, after=0, color="#2F5496"),
              _paragraph_style("h2", 13, before=2, after=0, color="#2F5496"),
              _paragraph_style("h3", 12, before=2, after=0, color="#1F3763")]
    sentences = ["下沉市場的消費金融需求持續增長", "農村居民收入穩步提高", "移動支付的滲透率仍在上升", "商戶覆蓋面不斷擴大",
                 "金融機構加強風險管理"]
    outline: list[tuple[int, str]] = []
    bodies: dict[str, str] = {}
    paragraphs: list[tuple[str, str]] = []
    for chapter in ("市場概況", "風險與監管", "發展建議"):
        for level, title in ((1, chapter), (2, f"{chapter}之需求"), (3, f"{chapter}的細節"), (2, f"{chapter}之供給")):
            seed = len(outline)
            # Each body its own: a line repeated at the same place on every page would be a running head.
            body = "，".join(sentences[(seed + k) % len(sentences)] for k in range(12)) + f"，第{seed}段。"
            outline.append((level, title))
            bodies[title] = body
            paragraphs += [(f"h{level}", title), ("body", body)]
    return _flat_odt_pdf(folder, "word-styles", CJK_FONT.replace("Serif", "Sans"), styles, paragraphs), outline, bodies


def _distilled(pdf: Path, out: Path) -> Path:
    """The PDF with its text set as Acrobat Distiller (and so Word's PDFMaker) sets it: every font at 1 pt,
    scaled to its size by the text matrix. LibreOffice starts each text object with one move and one font:
    ``x y Td /F1 12 Tf`` draws exactly what ``12 0 0 12 x y Tm /F1 1 Tf`` does."""
    import re

    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=pdf)
    for page in writer.pages:
        contents = page.get_contents()
        data = contents.get_data()
        assert all(block.count(b" Td") == 1 and block.count(b" Tf") == 1 for block in re.findall(rb"BT\n.*?ET", data, re.S))
        contents.set_data(re.sub(rb"BT\n([-\d.]+) ([-\d.]+) Td /(\w+) ([\d.]+) Tf",
                                 rb"BT\n\4 0 0 \4 \1 \2 Tm /\3 1 Tf", data))
        page.replace_contents(contents)
    with open(out, "wb") as stream:
        writer.write(stream)
    return out


@pytest.mark.parametrize("form", ["as printed", "distilled"])
def test_headings_told_by_colour_as_in_words_default_styles(tmp_path, form):
    # Heading 3 is hardly larger than the body: its colour tells it. Distilled, every font reads as 1 pt
    # to pdfium; the sizes come from the matrix.
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf, outline, bodies = _word_styles_pdf(tmp_path)
    if form == "distilled":
        pdf = _distilled(pdf, tmp_path / "distilled.pdf")
    textpage = pdfium.PdfDocument(pdf)[0].get_textpage()
    assert raw.FPDFText_GetFontSize(textpage, 0) == (1.0 if form == "distilled" else 16.0)
    report = read_report(pdf)
    assert [(node.level, node.title) for node in report.walk()] == outline
    for node in report.walk():
        assert node.body == bodies[node.title], node.title

GOOGLE_DOCS_PDF = Path(__file__).parent / "data" / "google-docs" / "google-doc-document.pdf"
ZEN = ["Beautiful is better than ugly.", "Explicit is better than implicit.", "Simple is better than complex.",
       "Complex is better than complicated.", "Flat is better than nested.", "Sparse is better than dense.",
       "Readability counts.", "Special cases aren't special enough to break the rules.",
       "Although practicality beats purity.", "Errors should never pass silently.", "Unless explicitly silenced.",
       "In the face of ambiguity, refuse the temptation to guess.",
       "There should be one-- and preferably only one --obvious way to do it.",
       "Although that way may not be obvious at first unless you're Dutch.", "Now is better than never.",
       "Although never is often better than *right* now.", "If the implementation is hard to explain, it's a bad idea.",
       "If the implementation is easy to explain, it may be a good idea.",
       "Namespaces are one honking great idea -- let's do more of those!"]


def test_a_pdf_downloaded_from_google_docs(tmp_path):
    # A real download (see tests/data/google-docs/README.md): no bookmarks, a title in large type, and a
    # table whose bold header row and first column are rows of text, not headings. Its footnotes are
    # drawn bottom up and read top down.
    assert PdfReader(GOOGLE_DOCS_PDF).metadata.producer == "Skia/PDF m103 Google Docs Renderer"
    report = read_report(GOOGLE_DOCS_PDF)
    assert report.title == "PDF Example Document"
    assert [(node.level, node.title, node.page) for node in report.walk()] == [(1, "Example document", 1)]
    assert report.nodes[0].body == "\n".join([
        *ZEN, "Indonesia Germany Austria France Vatican", "Continent Asia Europe",
        "Capital Jakarta Berlin Vienna Paris Vatican City", "Currency Rupia EUR (€) -",
        "Population 273.879.7501 83,190,5562 8,935,1123 67,413,000 453",
        "1 2021 estimate 2 2020 estimate 3 2020 estimate"])
    assert report.warnings == ["no bookmarks: headings found by font size"]
