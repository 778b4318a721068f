"""Shared material for the PDF export tests: exporting the annotated sample and reading it back.

Holds no tests itself; the ``test_export_pdf_`` prefix keeps it with the files it serves.
The PDFs are read with real readers: poppler's ``pdftotext``/``pdffonts`` and pypdf.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pypdf import PdfReader

from editor.export import ExportOptions, collect_export, export_report
from tests.export_fixtures import AnnotatedSample, annotated_sample


def run(*command: str) -> str:
    """stdout of a command-line tool (poppler-utils); fails the test with its stderr otherwise."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{command[0]} failed: {done.stderr}"
    return done.stdout


@dataclass
class ExportedPdf:
    """A PDF written by the export, with its pages' text and its objects at hand."""

    path: Path
    sample: AnnotatedSample
    options: ExportOptions

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(self.path, strict=True)

    @cached_property
    def pages_text(self) -> list[str]:
        """``pdftotext`` output per page (pages are separated by form feeds)."""
        return run("pdftotext", "-enc", "UTF-8", str(self.path), "-").split("\f")[: len(self.reader.pages)]

    @cached_property
    def text(self) -> str:
        return "\n".join(self.pages_text)

    def flat(self, page: int | None = None) -> str:
        """Text with line breaks removed (headings and titles wrap)."""
        source = self.text if page is None else self.pages_text[page]
        return re.sub(r"\s*\n\s*", "", source)

    def pages_with(self, snippet: str) -> list[int]:
        """0-based pages whose text (line breaks removed) contains ``snippet``."""
        return [index for index in range(len(self.pages_text)) if snippet in self.flat(index)]

    def annotations_of(self, subtype: str) -> list[tuple[int, dict]]:
        """(page index, annotation dictionary) for every annotation of ``subtype`` ("/Text", "/Highlight")."""
        found = []
        for index, page in enumerate(self.reader.pages):
            for ref in page.get("/Annots", None) or []:
                annotation = ref.get_object()
                if annotation.get("/Subtype") == subtype:
                    found.append((index, annotation))
        return found

    def text_in_box(self, page: int, left: float, bottom: float, right: float, top: float) -> str:
        """What ``pdftotext`` finds inside a box given in PDF points (origin bottom-left)."""
        height = float(self.reader.pages[page].mediabox.height)
        scale = 10  # -r 720: tenths of a point
        return run("pdftotext", "-enc", "UTF-8", "-r", "720", "-f", str(page + 1), "-l", str(page + 1),
                   "-x", str(round(left * scale)), "-y", str(round((height - top) * scale)),
                   "-W", str(round((right - left) * scale)), "-H", str(round((top - bottom) * scale)),
                   str(self.path), "-").strip()

    def outline(self) -> list[tuple[int, str, int, float]]:
        """The bookmarks in order as (depth, title, page index, top)."""
        items: list[tuple[int, str, int, float]] = []

        def walk(entries, depth: int) -> None:
            for entry in entries:
                if isinstance(entry, list):
                    walk(entry, depth + 1)
                else:
                    items.append((depth, entry.title, self.reader.get_destination_page_number(entry),
                                  float(entry.top)))

        walk(self.reader.outline, 0)
        return items

    def document(self):
        """What the export printed (the same collection the PDF was made from)."""
        return collect_export(self.sample.store, self.sample.report_id, self.options)


def opening_title(node) -> str:
    """The title a point's body opens with ("…增長。" / "…措施" before "，鼓勵"), or "" when it opens otherwise.

    The reports under test title their points by the first sentence; this is what a reader
    sees repeated, worked out here independently of the export's own rule.
    """
    stem = node.title.strip().rstrip("。.")
    if node.level < 2 or not stem or not node.body.startswith(stem):
        return ""
    return node.title.strip() if node.body.startswith(node.title.strip()) else stem


def printed_title(node) -> str:
    """A node's title as the PDF prints it: a title repeating the body's first sentence opens the body."""
    return opening_title(node) or node.title


def export_sample(folder: Path, options: ExportOptions | None = None, name: str = "sample.pdf") -> ExportedPdf:
    """Export the annotated sample through the public entry point and return it ready to read."""
    options = options or ExportOptions()
    sample = annotated_sample()
    path = folder / name
    export_report(sample.store, "pdf", path, sample.report_id, options)
    return ExportedPdf(path, sample, options)
