"""Word files from LibreOffice: headings numbered by Word's automatic numbering come with the numbers a reader sees."""

from __future__ import annotations

import pytest

from editor.importing import read_report
from tests.report_files import soffice

_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
_OUTLINE = [(1, "Overview", "Intro text."), (2, "Background", "Back text."), (2, "Scope", "Scope text."),
            (1, "Outlook", "Out text."), (2, "Rates", "Rates text."), (3, "Short end", "Short text.")]


def _numbered_document(chapter_format: str, suffix: str) -> str:
    """A flat OpenDocument text whose headings are numbered by the outline style, not typed numbers."""
    levels = (f'<text:outline-level-style text:level="1" style:num-format="{chapter_format}" '
              f'style:num-suffix="{suffix}"/>'
              '<text:outline-level-style text:level="2" style:num-format="1" text:display-levels="2"/>'
              '<text:outline-level-style text:level="3" style:num-format="1" text:display-levels="3"/>')
    styles = "".join(f'<style:style style:name="Heading_20_{n}" style:display-name="Heading {n}" '
                     f'style:family="paragraph" style:default-outline-level="{n}"/>' for n in (1, 2, 3))
    body = "".join(f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">{title}</text:h>'
                   f"<text:p>{text}</text:p>" for level, title, text in _OUTLINE)
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document {_NS} office:version="1.3" '
            f'office:mimetype="application/vnd.oasis.opendocument.text"><office:styles>{styles}'
            f'<text:outline-style style:name="Outline">{levels}</text:outline-style></office:styles>'
            f"<office:body><office:text>{body}</office:text></office:body></office:document>")


@pytest.mark.parametrize(("chapter_format", "suffix", "numbers"), [
    ("1", ".", ["1", "1.1", "1.2", "2", "2.1", "2.1.1"]),
    # Word shows a Chinese chapter number inside the section's "%1.%2" too, unless legal numbering is on.
    ("一, 二, 三, ...", "、", ["一", "一.1", "一.2", "二", "二.1", "二.1.1"]),
], ids=["decimal", "chinese"])
def test_word_numbering_gives_the_numbers_a_reader_sees(tmp_path, chapter_format, suffix, numbers):
    source = tmp_path / "numbered.fodt"
    source.write_text(_numbered_document(chapter_format, suffix), encoding="utf-8")
    docx = soffice(source, "docx:MS Word 2007 XML", tmp_path)
    report = read_report(docx)
    assert [(n.level, n.number, n.title, n.body) for n in report.walk()] == [
        (level, number, title, text) for (level, title, text), number in zip(_OUTLINE, numbers, strict=True)]
    assert [n.path for n in report.walk()] == ["1", "1.1", "1.2", "2", "2.1", "2.1.1"]
