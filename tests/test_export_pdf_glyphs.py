"""Emoji and other characters the Chinese font lacks print as copyable text, or are named once (issue 14 point 11)."""

from __future__ import annotations

import subprocess
import warnings
from pathlib import Path

import pytest
from pypdf import PdfReader

from editor.cli.main import main
from editor.core.report import ParsedNode, ParsedReport
from editor.export import ExportOptions, ExportWarning
from editor.export.pdf import export_pdf
from editor.store import Store

BODY = "移動支付🚀快速增長，用戶📈持續上升。"
NOTE = "<p>火箭 🚀 上升 📈 開心 😀 完</p>"
UNPRINTABLE = "\U00013000"  # an Egyptian hieroglyph: no font the app installs has it


def _report(body: str = BODY) -> ParsedReport:
    return ParsedReport("支付趨勢", [
        ParsedNode("1", "一", 1, "市場", "", [ParsedNode("1.1", "1.1", 2, "增長", body)]),
    ], source="trends.txt")


def _export(tmp_path: Path, note: str, body: str = BODY) -> Path:
    out = tmp_path / "trends.pdf"
    with Store.open(tmp_path / "a.sqlite") as store:
        info, _ = store.add_report(_report(body))
        node = next(n for n in store.nodes(info.id) if n.body)
        alice = store.ensure_author("Alice")
        store.save_note(node.id, alice.id, note)
        start = body.index("用戶")
        store.add_highlight(node.id, alice.id, start, start + 2, color="#FFE066")
        export_pdf(store, out, info.id, ExportOptions())
    return out


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def emoji_pdf(tmp_path_factory) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("error", ExportWarning)  # every emoji here has an outline font: no warning
        return _export(tmp_path_factory.mktemp("emoji"), NOTE)


def test_emoji_in_notes_and_body_copy_back_as_text(emoji_pdf):
    text = _text(emoji_pdf)
    assert "火箭 🚀 上升 📈 開心 😀 完" in text
    assert "🚀快速增長" in text.replace("\n", "")


def test_emoji_are_set_in_an_embedded_outline_font_not_painted_as_pictures(emoji_pdf):
    fonts = subprocess.run(["pdffonts", str(emoji_pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert any("Symbola" in row[0] for row in rows), fonts
    assert all(row[-5] == "yes" and row[-3] == "yes" for row in rows), fonts  # embedded, with ToUnicode
    for page in PdfReader(emoji_pdf).pages:
        xobjects = page["/Resources"].get("/XObject", {})
        images = [name for name, ref in xobjects.items() if ref.get_object().get("/Subtype") == "/Image"]
        assert images == [], "a glyph was painted as a picture"


def test_a_highlight_after_an_emoji_still_covers_its_own_words(emoji_pdf):
    reader = PdfReader(emoji_pdf)
    number, page = next((n, p) for n, p in enumerate(reader.pages, 1) if "/Annots" in p and any(
        a.get_object()["/Subtype"] == "/Highlight" for a in p["/Annots"]))
    highlight = next(a.get_object() for a in page["/Annots"] if a.get_object()["/Subtype"] == "/Highlight")
    left, bottom, right, top = (float(v) for v in highlight["/Rect"])
    height = float(page.mediabox.height)
    # pdftotext crops from the top of the page, in points (-r 72); whole points may catch the comma before.
    under = subprocess.run(["pdftotext", "-enc", "UTF-8", "-r", "72", "-f", str(number), "-l", str(number),
                            "-x", str(int(left)), "-y", str(int(height - top)), "-W", str(int(right - left + 1)),
                            "-H", str(int(top - bottom)), str(emoji_pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert "用戶" in under and not any(word in under for word in ("快速", "增長", "持續", "上升")), under


def test_a_character_no_font_has_is_named_in_one_warning(tmp_path):
    with pytest.warns(ExportWarning) as caught:
        _export(tmp_path, f"<p>古文 {UNPRINTABLE} 與 {UNPRINTABLE}</p>")
    messages = [str(w.message) for w in caught if issubclass(w.category, ExportWarning)]
    assert len(messages) == 1
    assert "U+13000" in messages[0] and "🚀" not in messages[0]


def test_the_command_line_prints_that_warning_as_one_note(tmp_path, capsys):
    db = tmp_path / "cli.sqlite"
    with Store.open(db) as store:
        info, _ = store.add_report(_report(f"古文{UNPRINTABLE}。"))
    assert main(["--db", str(db), "--author", "Ana", "export", "pdf", "--out", str(tmp_path / "o.pdf"),
                 "--report", info.id]) == 0
    err = capsys.readouterr().err
    notes = [line for line in err.splitlines() if "U+13000" in line]
    assert len(notes) == 1 and notes[0].startswith("note: ") and "Traceback" not in err


def test_the_window_shows_that_warning_in_the_status_bar(qtbot, tmp_path):
    from PySide6.QtWidgets import QMainWindow

    from editor.ui.export_pdf_dialog import PdfExportChoice, PdfExporter

    with Store.open(tmp_path / "w.sqlite") as store:
        info, _ = store.add_report(_report(f"古文{UNPRINTABLE}。"))
        window = QMainWindow()
        qtbot.addWidget(window)
        exporter = PdfExporter(window)
        out = tmp_path / "w.pdf"
        with qtbot.waitSignal(exporter.written, timeout=60000):
            assert exporter.start(store, info.id, PdfExportChoice(out, ExportOptions()))
        qtbot.waitUntil(lambda: not exporter.is_running())
    message = window.statusBar().currentMessage()
    assert message.startswith("Exported") and "U+13000" in message


def test_emoji_painted_outside_the_text_title_page_header_chips_copy_back_as_text(tmp_path):
    out = tmp_path / "titled.pdf"
    with Store.open(tmp_path / "t.sqlite") as store:
        info, _ = store.add_report(ParsedReport("支付🚀趨勢📈", [
            ParsedNode("1", "一", 1, "市場🚀", "", [ParsedNode("1.1", "1.1", 2, "增長", "移動支付快速增長。")]),
        ], source="trends.txt"))
        alice = store.ensure_author("Alice😀")
        store.add_node_tag(store.find_node(info.id, "1.1").id, "火箭🚀", alice.id)
        export_pdf(store, out, info.id, ExportOptions())
    pages = [subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(out), "-"],
                            capture_output=True, text=True, check=True).stdout for n in (1, 2)]
    # The title page (title, analyst, tag legend) and a chapter page (running header, chip) are painted directly.
    assert all(word in pages[0] for word in ("支付🚀趨勢📈", "Alice😀", "火箭🚀")), pages[0]
    assert pages[1].count("支付🚀趨勢📈") == 1 and "火箭🚀" in pages[1], pages[1]
    for page in PdfReader(out).pages:
        xobjects = page["/Resources"].get("/XObject", {})
        assert not [name for name, ref in xobjects.items() if ref.get_object().get("/Subtype") == "/Image"]
