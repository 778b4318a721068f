"""Files that cannot be imported say why in one line, exit 2 and leave the database as it was;
revised editions come in any format."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from editor.cli import main
from editor.importing import read_report
from tests.editions_support import revise
from tests.report_files import locked_pdf, need, pandoc, run, soffice, to_markdown


def _scanned(source: Path, folder: Path) -> Path:
    """A PDF of page images only, as a scanner makes: pdftoppm renders, LibreOffice prints the images."""
    run([need("pdftoppm"), "-r", "50", "-f", "1", "-l", "2", "-png", str(source), str(folder / "scan")], cwd=folder)
    images = "".join(f'<img src="{png.name}" width="600">' for png in sorted(folder.glob("scan-*.png")))
    page = folder / "scanned.html"
    page.write_text(f"<html><body>{images}</body></html>", encoding="utf-8")
    return soffice(page, "pdf:writer_web_pdf_Export", folder)


def _broken_docx(source: Path, out: Path) -> Path:
    """A Word file whose ZIP is whole but whose document part is cut off mid-way."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    return out


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory, made) -> dict[str, tuple[Path, str]]:
    """Each kind of bad file and the words its one-line error must hold."""
    folder = tmp_path_factory.mktemp("bad")
    pdf, docx = made["libreoffice_pdf"].read_bytes(), made["docx"].read_bytes()
    (folder / "cut.pdf").write_bytes(pdf[: len(pdf) // 3])
    (folder / "cut.docx").write_bytes(docx[: len(docx) // 3])
    return {
        "locked": (locked_pdf(made["libreoffice_pdf"], folder / "locked.pdf"), "the PDF is password-protected"),
        "scanned": (_scanned(made["latex_pdf"], folder), "has no text (a scanned document? run OCR first)"),
        "cut_pdf": (folder / "cut.pdf", "the PDF is damaged and cannot be read"),
        "cut_docx": (folder / "cut.docx", "damaged and cannot be read"),
        "broken_docx": (_broken_docx(made["docx"], folder / "broken.docx"), "the Word file is damaged"),
    }


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("kind", ["locked", "scanned", "cut_pdf", "cut_docx", "broken_docx"])
def test_a_bad_file_is_one_line_exit_2_and_the_database_untouched(bad_files, kind, tmp_path, sample_path):
    path, words = bad_files[kind]
    db = tmp_path / "t.sqlite"
    assert main(["--db", str(db), "import", str(sample_path)]) == 0
    before = _digest(db)
    # A timeout, not a timing assert: a file that hangs the importer fails here instead of hanging the suite.
    result = subprocess.run([sys.executable, "-m", "editor", "--db", str(db), "import", str(path)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {path.name}: ") and words in line
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert _digest(db) == before
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0


def test_a_bad_file_creates_no_database(bad_files, tmp_path):
    db = tmp_path / "never.sqlite"
    assert main(["--db", str(db), "import", str(bad_files["scanned"][0])]) == 2
    assert not db.exists()


@pytest.fixture(scope="module")
def revision(reference):
    return revise(reference).report


@pytest.fixture(scope="module")
def revised_files(tmp_path_factory, revision) -> dict[str, Path]:
    """A revised edition of the sample as Markdown, Word (pandoc) and PDF (LibreOffice)."""
    folder = tmp_path_factory.mktemp("revised")
    markdown = folder / "revised.md"
    markdown.write_text(to_markdown(revision), encoding="utf-8")
    docx = pandoc(markdown, folder / "revised.docx")
    return {"markdown": markdown, "docx": docx, "pdf": soffice(docx, "pdf", folder)}


@pytest.mark.parametrize("kind", ["pdf", "docx", "markdown"])
def test_a_revised_edition_imports_from_any_format(revised_files, revision, kind, tmp_path, sample_path, capsys):
    db = str(tmp_path / "db.sqlite")
    assert main(["--db", db, "import", str(sample_path)]) == 0
    old_id = capsys.readouterr().out.split()[0]
    assert main(["--db", db, "--author", "Alice", "note", "1.2.1", "--text", "移動支付的筆記"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "import", str(revised_files[kind]), "--edition-of", old_id]) == 0
    out = capsys.readouterr().out
    new_id = out.split()[0]
    assert new_id != old_id and "edition 2" in out and "matched" in out
    assert read_report(revised_files[kind]).counts() == revision.counts()
    assert main(["--db", db, "editions", "--json"]) == 0
    history = json.loads(capsys.readouterr().out)
    assert [(e["edition"], e["id"], e["current"]) for e in history] == [(1, old_id, False), (2, new_id, True)]
    assert main(["--db", db, "outline", "--json"]) == 0
    outline = json.loads(capsys.readouterr().out)
    assert outline["id"] == new_id and len(outline["nodes"]) == len(revision.nodes)
