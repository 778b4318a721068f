"""A PDF report keeps each node's page of the original: stored, shown in the reading pane, cited in the export."""

from __future__ import annotations

import re
import subprocess

from editor.export import ExportOptions
from editor.export.pdf import export_pdf
from editor.importing import read_report
from editor.store import Store
from tests.ui_helpers import close_window, dialogs, node_by_path, open_window, select  # noqa: F401


def _imported(tmp_path, path):
    db = tmp_path / "paged.sqlite"
    with Store.open(db) as store:
        info, _created = store.add_report(read_report(path))
        return db, info.id


def test_pages_are_stored_for_a_pdf_and_not_for_text(tmp_path, made, sample_path):
    parsed = {node.path: node.page for node in read_report(made["latex_pdf"]).walk()}
    db, report_id = _imported(tmp_path, made["latex_pdf"])
    with Store.open(db) as store:
        pages = store.node_pages(report_id)
        nodes = store.nodes(report_id)
        assert {node.path: pages[node.id] for node in nodes} == parsed
        assert store.node_page(nodes[-1].id) == parsed[nodes[-1].path] > 1
    with Store.open(tmp_path / "text.sqlite") as store:
        text_report, _created = store.add_report(read_report(sample_path))
        # The same words as the PDF: the same report (its id comes from the text, not the file).
        assert text_report.id == report_id
        assert store.node_pages(text_report.id) == {}
        assert store.node_page(store.nodes(text_report.id)[0].id) is None


def test_reading_pane_shows_the_page_of_the_original(qtbot, tmp_path, made, dialogs):
    db, _report_id = _imported(tmp_path, made["libreoffice_pdf"])
    window = open_window(qtbot, db)
    try:
        node = select(window, "10")
        page = window.store.node_page(node.id)
        assert page and page > 1
        lines = window.reading_pane.toPlainText().splitlines()
        heading = next(line for line in lines if line.startswith("十、"))
        assert heading.endswith(f"p. {page}")
        point = node_by_path(window, "10.1.1")
        assert any(line.endswith(f"p. {window.store.node_page(point.id)}") for line in lines)
        window.reading_pane.grab().save(str(tmp_path / "pane.png"))
    finally:
        close_window(window)


def test_exported_pdf_cites_the_page_of_the_original(tmp_path, made):
    db, report_id = _imported(tmp_path, made["latex_pdf"])
    out = tmp_path / "annotated.pdf"
    with Store.open(db) as store:
        export_pdf(store, out, report_id, ExportOptions())
        pages = store.node_pages(report_id)
        expected = {node.path: pages[node.id] for node in store.nodes(report_id)}
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    cited = [int(number) for number in re.findall(r"p\.\s+(\d+)\s+of\s+the\s+original", text)]
    assert len(cited) == len(expected)
    assert cited == sorted(expected.values())
