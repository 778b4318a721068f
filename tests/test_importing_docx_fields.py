"""Word fields: links made with HYPERLINK field codes are links, and no field's instruction is ever body text.

Word writes many links not as hyperlink elements but as fields (``fldChar`` begin, the
``instrText`` ``HYPERLINK "…"``, separate, the visible runs, end) or as simple fields
(``fldSimple``). pandoc and LibreOffice write hyperlink elements, so the test file is a real
pandoc Word file whose hyperlinks are rewritten into the forms Word writes, element for element.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from editor.importing import read_report
from editor.importing.formats.docx import hyperlink_field
from tests.report_files import need, soffice

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"

MARKDOWN = """# 一、Fields

## 1.1 Complex

See [the source](https://example.org/a), [a trap](ftp://example.org/x) and [the desk](mailto:desk@example.org).

## 1.2 Simple

Read [the note](https://example.org/s) first, not [this one](javascript:alert(1)).

## 1.3 Other fields

Printed on page [7](https://field.invalid/page), [first](https://field.invalid/if) of all.

# 二、Plain

Nothing here.
"""
BODIES = {
    "1.1": "See the source, a trap and the desk.",
    "1.2": "Read the note first, not this one.",
    "1.3": "Printed on page 7, first of all.",
}
LINKS = {
    "1.1": {("the source", "https://example.org/a#part"), ("the desk", "mailto:desk@example.org")},
    "1.2": {("the note", "https://example.org/s")},
    "1.3": set(),
}
# Words only a field's instruction holds: none may reach a body.
INSTRUCTION_WORDS = ("HYPERLINK", "PAGE", "MERGEFORMAT", "IF", "example.org", "tip", "later", "=")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _run(child_tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    run = etree.Element(_w("r"))
    child = etree.SubElement(run, _w(child_tag), {_w(k): v for k, v in attrs.items()})
    if text is not None:
        child.text = text
        child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def _complex_field(instruction: list[str], result: list[etree._Element],
                   inside_instruction: list[etree._Element] = ()) -> list[etree._Element]:
    """begin, the instruction (in pieces, as Word splits it), separate, the visible runs, end."""
    runs = [_run("fldChar", fldCharType="begin")]
    runs += [_run("instrText", piece) for piece in instruction[:1]]
    runs += list(inside_instruction)
    runs += [_run("instrText", piece) for piece in instruction[1:]]
    return [*runs, _run("fldChar", fldCharType="separate"), *result, _run("fldChar", fldCharType="end")]


def _replace(link: etree._Element, elements: list[etree._Element]) -> None:
    parent = link.getparent()
    at = parent.index(link)
    parent.remove(link)
    for offset, element in enumerate(elements):
        parent.insert(at + offset, element)


def _rewrite(document: bytes, targets: dict[str, str]) -> bytes:
    """Each pandoc hyperlink in a field form Word writes, by the link's address."""
    root = etree.fromstring(document)
    for link in list(root.iter(_w("hyperlink"))):
        target = targets.get(link.get(R_ID, ""), "")
        runs = list(link.iterchildren(_w("r")))
        if target == "https://example.org/a":  # the instruction split over two runs, with switches
            _replace(link, _complex_field(['HYPERLINK "https://exam', 'ple.org/a" \\l "part" \\o "a tip"'], runs))
        elif target.startswith(("ftp:", "mailto:")):
            _replace(link, _complex_field([f' HYPERLINK "{target}" '], runs))
        elif target.endswith("/page"):
            _replace(link, _complex_field([" PAGE  \\* MERGEFORMAT "], runs))
        elif target.endswith("/if"):  # a field inside another's instruction: its result is not text either
            nested = _complex_field([" PAGE "], [_run("t", "1")])
            _replace(link, _complex_field([" IF ", ' = 1 "first" "later" '], runs, nested))
        else:
            simple = etree.Element(_w("fldSimple"), {_w("instr"): f' HYPERLINK "{target}" '})
            simple.extend(runs)
            _replace(link, [simple])
    assert not list(root.iter(_w("hyperlink")))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _with_fields(source: Path, out: Path) -> Path:
    with zipfile.ZipFile(source) as zin:
        rels = etree.fromstring(zin.read("word/_rels/document.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target") for rel in rels.iter(RELS)}
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = zin.read(item)
                zout.writestr(item, _rewrite(data, targets) if item.filename == "word/document.xml" else data)
    return out


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("fields")
    markdown = folder / "fields.md"
    markdown.write_text(MARKDOWN, encoding="utf-8")
    pandoc_docx = folder / "pandoc.docx"
    subprocess.run([need("pandoc"), "-o", str(pandoc_docx), str(markdown)], check=True, capture_output=True)
    fields = _with_fields(pandoc_docx, folder / "fields.docx")
    (folder / "lo").mkdir()
    # LibreOffice's own save of the same file: its PAGE field as LibreOffice writes fields.
    return {"fields": fields, "libreoffice": soffice(fields, "docx:MS Word 2007 XML", folder / "lo")}


def test_the_file_holds_the_field_forms_word_writes(files):
    document = zipfile.ZipFile(io.BytesIO(files["fields"].read_bytes())).read("word/document.xml").decode()
    assert "<w:hyperlink" not in document and "w:fldSimple" in document
    assert document.count('w:fldCharType="begin"') == 6 and "HYPERLINK" in document


@pytest.mark.parametrize("kind", ["fields", "libreoffice"])
def test_hyperlink_fields_are_links_and_instructions_never_text(files, kind):
    report = read_report(files[kind])
    nodes = {node.path: node for node in report.walk()}
    assert [(node.path, node.title) for node in report.walk()] == [
        ("1", "Fields"), ("1.1", "Complex"), ("1.2", "Simple"), ("1.3", "Other fields"), ("2", "Plain")]
    # LibreOffice works the page numbers out again and moves the IF field's inner field out of its
    # instruction, and so shows that field's result too.
    bodies = BODIES if kind == "fields" else {**BODIES, "1.3": "Printed on page 1, 1 of all."}
    for path, body in bodies.items():
        node = nodes[path]
        assert node.body == body
        assert {(node.body[s.start:s.end], s.href) for s in node.styles if s.kind == "link"} == LINKS[path]
    text = "\n".join(f"{node.title}\n{node.body}" for node in report.walk())
    assert not [word for word in INSTRUCTION_WORDS if word in text]


def test_the_reading_pane_draws_a_field_link_as_a_link(files, qapp):
    from PySide6.QtGui import QTextDocument

    from editor.ui.rich_body import apply_styles

    node = next(n for n in read_report(files["fields"]).walk() if n.path == "1.1")
    document = QTextDocument()
    document.setPlainText(node.body)
    apply_styles(document, node.styles, lambda offset, end=False: offset)
    html = document.toHtml()
    assert '<a href="https://example.org/a#part">' in html and '<a href="mailto:desk@example.org">' in html
    assert "ftp:" not in html and document.toPlainText() == BODIES["1.1"]


@pytest.mark.parametrize(("instruction", "link"), [
    (' HYPERLINK "https://example.org/r" ', "https://example.org/r"),
    ('HYPERLINK "https://example.org/r" \\l "s2" \\o "Open the rates"', "https://example.org/r#s2"),
    ('hyperlink \\o "tip" "mailto:desk@example.org"', "mailto:desk@example.org"),
    ('HYPERLINK \\l "_Toc12345"', ""),  # a place in the document itself: nothing to follow outside it
    ('HYPERLINK "file:///C:\\\\reports\\\\a.docx"', ""),
    ('HYPERLINK "javascript:alert(1)"', ""),
    (" PAGE \\* MERGEFORMAT ", None),
    ('TOC \\o "1-3" \\h \\z \\u', None),
    ('REF _Ref1 \\h', None),
])
def test_hyperlink_instructions(instruction, link):
    assert hyperlink_field(instruction) == link


def _spanning_and_unfinished(source: Path, out: Path) -> Path:
    """The pandoc file with a field whose result runs over three paragraphs (as a table of contents'
    does) and, at the end of the last paragraph, a field begun and never finished (a damaged file)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                root = etree.fromstring(data)
                paragraphs = [p for p in root.iter(_w("p")) if "".join(p.itertext()).startswith(
                    ("See ", "Read ", "Printed ", "Nothing "))]
                first, last = paragraphs[0], paragraphs[2]
                first[1:1] = [_run("fldChar", fldCharType="begin"), _run("instrText", ' TOC \\o "1-3" \\h '),
                              _run("fldChar", fldCharType="separate")]
                last.append(_run("fldChar", fldCharType="end"))
                paragraphs[3].extend([_run("fldChar", fldCharType="begin"), _run("instrText", " PAGE ")])
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(item, data)
    return out


def test_a_field_over_paragraphs_shows_them_and_an_unfinished_one_hides_nothing_after_it(tmp_path):
    markdown = tmp_path / "fields.md"
    markdown.write_text(MARKDOWN + "\n# 三、After\n\nStill read.\n", encoding="utf-8")
    pandoc_docx = tmp_path / "pandoc.docx"
    subprocess.run([need("pandoc"), "-o", str(pandoc_docx), str(markdown)], check=True, capture_output=True)
    report = read_report(_spanning_and_unfinished(pandoc_docx, tmp_path / "fields.docx"))
    nodes = {node.path: node for node in report.walk()}
    assert nodes["1.1"].body == "See the source, a trap and the desk."
    assert nodes["1.2"].body == "Read the note first, not this one."
    assert [(nodes[path].title, nodes[path].body) for path in ("2", "3")] == [
        ("Plain", "Nothing here."), ("After", "Still read.")]
    text = "\n".join(f"{node.title}\n{node.body}" for node in report.walk())
    assert "TOC" not in text and "PAGE" not in text
