"""Word's content controls and tables of contents, and a Word file whose parts would unpack too large.

Word puts a report's table of contents in a content control (older files: paragraphs in the
``toc 1``… styles) and templates put text in controls too (an abstract, a cover page). pandoc
writes the control with an empty contents field, as a file not yet opened in Word: the entries
Word fills in on saving (a link to each heading, its page number in a PAGEREF field) are added
here element for element, and some of the sample's text is wrapped in a control as templates do.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from editor.core.errors import ReportError
from editor.importing import read_report
from editor.importing.formats import docx
from tests.report_files import need

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
COUNTS = {1: 10, 2: 46, 3: 128}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _element(tag: str, *children: etree._Element, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.Element(_w(tag), {_w(key): value for key, value in attrs.items()})
    element.extend(children)
    element.text = text
    return element


def _entry(style: str, title: str, page: int) -> etree._Element:
    """One entry as Word writes it: a link to the heading's bookmark, a tab, the page in a PAGEREF field."""
    anchor = f"_Toc{abs(hash(title)) % 10**9}"
    runs = [_element("r", _element("t", text=title)), _element("r", _element("tab")),
            _element("r", _element("fldChar", fldCharType="begin")),
            _element("r", _element("instrText", text=f" PAGEREF {anchor} \\h ")),
            _element("r", _element("fldChar", fldCharType="separate")),
            _element("r", _element("t", text=str(page))), _element("r", _element("fldChar", fldCharType="end"))]
    return _element("p", _element("pPr", _element("pStyle", val=style)), _element("hyperlink", *runs, anchor=anchor))


def _headings(body: etree._Element) -> list[tuple[int, str]]:
    found = []
    for paragraph in body.iter(_w("p")):
        style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
        if style is not None and style.get(_w("val"), "").startswith("Heading"):
            found.append((int(style.get(_w("val"))[-1]), "".join(paragraph.itertext())))
    return found


def _word_like(source: Path, out: Path, *, control: bool) -> Path:
    """The pandoc file with its contents filled in as Word does (in their control, or as ``toc N``
    paragraphs on their own), and the first chapter's text in a content control of a template."""
    with zipfile.ZipFile(source) as zin:
        document = etree.fromstring(zin.read("word/document.xml"))
        styles = etree.fromstring(zin.read("word/styles.xml"))
        body = document.find(_w("body"))
        entries = [_entry(f"TOC{level}", title, 1 + index // 20) for index, (level, title) in enumerate(_headings(body))]
        sdt = body.find(_w("sdt"))
        content = sdt.find(_w("sdtContent"))
        if control:
            content.extend(entries)
        else:  # Word 2003: the contents field's paragraphs straight in the body
            at = list(body).index(sdt)
            body.remove(sdt)
            for offset, element in enumerate([*content, *entries]):
                body.insert(at + offset, element)
        for level in range(1, 4):
            styles.append(_element("style", _element("name", val=f"toc {level}"), _element("basedOn", val="Normal"),
                                   type="paragraph", styleId=f"TOC{level}"))
        first_heading = next(p for p in body.iterchildren(_w("p")) if "".join(p.itertext()).startswith("一、"))
        paragraph = first_heading.getnext()
        at = list(body).index(paragraph)
        wrapper = _element("sdt", _element("sdtPr", _element("alias", val="摘要")), _element("sdtContent"))
        body.remove(paragraph)
        wrapper[1].append(paragraph)
        body.insert(at, wrapper)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = {"word/document.xml": document, "word/styles.xml": styles}.get(item.filename)
                zout.writestr(item, zin.read(item) if data is None else etree.tostring(data, xml_declaration=True,
                                                                                        encoding="UTF-8", standalone=True))
    return out


@pytest.fixture(scope="module")
def word_files(made, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("controls")
    with_toc = folder / "pandoc-toc.docx"
    subprocess.run([need("pandoc"), "--toc", "-o", str(with_toc), str(made["markdown"])], check=True,
                   capture_output=True)
    return {"control": _word_like(with_toc, folder / "control.docx", control=True),
            "styles": _word_like(with_toc, folder / "styles.docx", control=False)}


@pytest.mark.parametrize("kind", ["control", "styles"])
def test_the_table_of_contents_is_left_out_and_text_in_controls_is_kept(word_files, reference, kind):
    with zipfile.ZipFile(word_files[kind]) as package:
        document = package.read("word/document.xml").decode("utf-8")
    assert "PAGEREF" in document and "摘要" in document and ("docPartGallery" in document) == (kind == "control")
    report = read_report(word_files[kind])
    assert report.counts() == COUNTS
    ours = {node.path: node for node in report.walk()}
    for node in reference.walk():
        assert (ours[node.path].number, ours[node.path].title) == (node.number, node.title)
        assert ours[node.path].body == node.body, node.path  # chapter 1's text, in a control, is there
    # The 184 entries and the contents' title; no warning of text before the first heading.
    assert "removed the table of contents (185 lines)" in report.warnings
    assert not any("before the first heading" in w for w in report.warnings)


def test_a_part_that_would_unpack_too_large_is_refused_before_it_is_read(made, monkeypatch):
    monkeypatch.setattr(docx, "MAX_PART_BYTES", 50_000)  # the sample's document.xml is larger
    with pytest.raises(ReportError, match=r"sample\.docx: the Word file is not read: its part word/document\.xml "
                                          r"unpacks to [\d,]+ bytes, over the 50,000 a Word file's part may take"):
        read_report(made["docx"])


def test_a_word_file_without_heading_styles_is_read_by_the_text_rules(sample_path, reference, tmp_path):
    # The scraped report pasted into Word as it is: every line a Normal paragraph, its numbering typed.
    lines = [line.strip() for line in sample_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    markdown = tmp_path / "pasted.md"
    markdown.write_text("\n\n".join(line.replace("\\", "\\\\").lstrip("#>*-+ ") or "." for line in lines),
                        encoding="utf-8")
    pasted = tmp_path / "pasted.docx"
    subprocess.run([need("pandoc"), "-f", "commonmark", "-o", str(pasted), str(markdown)], check=True,
                   capture_output=True)
    report = read_report(pasted)
    assert report.warnings[0] == "the Word file uses no heading styles: chapters found by their numbering"
    assert report.counts() == COUNTS
    ours = {node.path: node for node in report.walk()}
    for node in reference.walk():
        assert (ours[node.path].number, ours[node.path].title) == (node.number, node.title), node.path
        assert ours[node.path].body == node.body, node.path
