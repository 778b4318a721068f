"""The window: File › Import new edition…, the summary it shows, and the Orphans panel with undoable re-attach."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog

from editor.importing import read_report
from tests.editions_support import revise, to_text
from tests.ui_helpers import dialogs, sample_db, select, window  # noqa: F401 - pytest fixtures

DATA = Path(__file__).parent / "data"


def _revised_file(tmp_path: Path) -> Path:
    path = tmp_path / "revised.txt"
    path.write_text(to_text(revise(read_report(DATA / "sample-report.txt")).report), encoding="utf-8")
    return path


def test_import_a_new_edition_from_the_file_menu_and_reattach_an_orphan(qtbot, window, dialogs, tmp_path,
                                                                        monkeypatch):
    old_id = window.report_id
    node = select(window, "1.1.1")
    start = node.body.index("消費金融需求日益旺盛")
    window.reading_pane.select_body_text(node.id, start, start + 10)
    window.highlight_selection()
    revised = _revised_file(tmp_path)
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (a[3][0], True)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(revised), "")))
    action = window.editions.import_action
    assert action.text() == "Import new &edition…"
    action.trigger()
    assert window.report_id != old_id
    assert window.store.current_edition(old_id).id == window.report_id
    kind, title, text = dialogs.calls[-1]
    assert kind == "information" and "Edition 2" in title
    assert "matched" in text and "1 orphaned" in text
    panel = window.editions.panel
    assert panel.isVisible() and panel.list.count() == 1
    assert "消費金融需求日益旺盛" in panel.context.text()
    # Re-attach it to a passage chosen in the new edition, undo, redo.
    target = select(window, "1.1.2")
    window.reading_pane.select_body_text(target.id, 0, 6)
    panel.reattach_button.click()
    [placed] = window.store.highlights(target.id)
    assert placed.exact == target.body[:6] and panel.list.count() == 0
    window.undo()
    assert window.store.highlights(target.id) == [] and panel.list.count() == 1
    window.redo()
    assert [h.id for h in window.store.highlights(target.id)] == [placed.id] and panel.list.count() == 0
    window.undo()
    panel.discard_button.click()
    assert panel.list.count() == 0
    window.undo()
    assert panel.list.count() == 1
    # The earlier edition stays reachable (read-only) from View › Report.
    menu = window.actions.report_menu
    menu.aboutToShow.emit()
    history = [a for a in menu.actions() if a.text().startswith("Edition ")]
    assert [a.text().endswith("(read-only)") for a in history] == [True, False]
    history[0].trigger()
    assert window.report_id == old_id
    window.resize(1200, 800)
    window.grab().save(str(tmp_path / "orphans.png"))
