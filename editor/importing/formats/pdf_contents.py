"""A printed table of contents in a PDF: found by its leader dots and page numbers, and left out.

Word, LibreOffice and LaTeX print a report's contents as lines that end in leader dots and a page
number ("1.1 市场概况 ........ 3"). Those lines name every heading again, so without bookmarks they
would be read as a second outline, and with bookmarks they only fill the text before the first one.
A run of such lines, with the wrapped lines of long entries between them and the "Contents" title
just above, is taken out before the outline is read.
"""

from __future__ import annotations

import re

from editor.importing.formats.pdf_lines import Line

# Leader dots (spaced or not, Latin or full-width, or ellipses) and an optional page number at the end.
_DOTS = frozenset(".．·・‧∙⋅•")
_ELLIPSES = frozenset("…‥⋯")
_PAGE_NUMBER = "0123456789ivxlcdmIVXLCDM"
_LAST = frozenset(_PAGE_NUMBER) | _DOTS | _ELLIPSES  # how an entry's line ends (lines come stripped)
_TITLE = re.compile(r"^(?:目[录錄次]|contents|tableofcontents|inhalt|sommaire|índice|indice)$", re.I)
_MIN_ENTRIES = 3  # fewer lines with leaders are a form or a table, not a table of contents
_MAX_BETWEEN = 2  # wrapped lines of one long entry between two that end in leaders
_TITLE_ABOVE = 3  # how far above the first entry its title may stand


def _is_entry(text: str) -> bool:
    """Whether the line ends in leader dots, then perhaps a page number (looked at from its end only:
    a long report has tens of thousands of lines)."""
    leaders = "".join(text.rstrip().rstrip(_PAGE_NUMBER)[-16:].split())
    return (len(leaders) >= 4 and all(char in _DOTS for char in leaders[-4:])) or (
        len(leaders) >= 2 and all(char in _ELLIPSES for char in leaders[-2:]))


def drop_contents(lines: list[Line]) -> tuple[list[Line], int]:
    """The lines without any table of contents, and how many lines were taken out."""
    entries = [index for index, line in enumerate(lines) if line.text[-1:] in _LAST and _is_entry(line.text)]
    dropped: set[int] = set()
    run: list[int] = []
    for index in [*entries, None]:
        if index is not None and (not run or index - run[-1] <= _MAX_BETWEEN + 1):
            run.append(index)
            continue
        if len(run) >= _MIN_ENTRIES:
            first = run[0]
            for above in range(max(0, run[0] - _TITLE_ABOVE), run[0]):
                if lines[above].page == lines[run[0]].page and _TITLE.match("".join(lines[above].text.split())):
                    first = above
                    break
            dropped.update(range(first, run[-1] + 1))
        run = [index] if index is not None else []
    if not dropped:
        return lines, 0
    return [line for index, line in enumerate(lines) if index not in dropped], len(dropped)
