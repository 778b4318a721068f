"""The trend matrix as files, through the command line: SVG text stays text, PNG width, the PDF's matrix page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from editor.cli.main import main
from editor.store import Store
from tests.matrix_fixtures import rate_team
from tests.test_export_pdf_support import run as tool

LABELS = ("Prepare", "Act now", "Watch", "監測")


def cli(capsys, *argv: str) -> str:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


@pytest.fixture
def rated(tmp_path, sample_path, capsys) -> Path:
    db = tmp_path / "m.sqlite"
    cli(capsys, "--db", str(db), "--author", "Ana", "import", str(sample_path))
    with Store.open(db) as store:
        rate_team(store, store.report().id, 20)
    cli(capsys, "--db", str(db), "--author", "Ana", "quadrants", "--bottom-left", "監測")
    return db


def test_svg_keeps_axis_titles_and_quadrant_labels_as_text(rated, tmp_path, capsys, qapp):
    out = tmp_path / "m.svg"
    cli(capsys, "--db", str(rated), "matrix", "--out", str(out))
    texts = " ".join("".join(el.itertext()) for el in ET.parse(out).iter() if el.tag.endswith("text"))
    for word in ("Likelihood", "Impact", *LABELS):
        assert word in texts, word


def test_png_is_at_least_1200_pixels_wide(rated, tmp_path, capsys, qapp):
    out = tmp_path / "m.png"
    cli(capsys, "--db", str(rated), "matrix", "--out", str(out))
    assert QImage(str(out)).width() >= 1200


def test_pdf_has_a_vector_matrix_page_after_the_cover(rated, tmp_path, capsys, qapp):
    out = tmp_path / "m.pdf"
    cli(capsys, "--db", str(rated), "export", "pdf", "--out", str(out))
    page = re.sub(r"\s+", " ", tool("pdftotext", "-enc", "UTF-8", "-f", "2", "-l", "2", str(out), "-"))
    for word in ("Likelihood", "Impact", *LABELS):
        assert word in page, word
    # Vector: the page holds no bitmap (pdfimages lists only its two header lines).
    assert len(tool("pdfimages", "-list", "-f", "2", "-l", "2", str(out)).splitlines()) == 2
    bare = tmp_path / "bare.pdf"
    cli(capsys, "--db", str(rated), "export", "pdf", "--no-matrix", "--out", str(bare))
    assert "Act now" not in tool("pdftotext", "-enc", "UTF-8", str(bare), "-")
