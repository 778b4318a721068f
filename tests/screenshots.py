"""Render the main window offscreen, in English and Chinese, at two screen sizes.

    python tests/screenshots.py OUTDIR

Builds a temporary database with the sample report and a node annotated with tags,
ratings, a formatted note and highlights (and a colleague's work beside it), selects
that node and saves one PNG per language and size into OUTDIR, plus, per language, the
window with colleagues' annotations hidden and the database opened read-only. Nothing outside a
temporary folder is read or written besides OUTDIR.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = Path(__file__).resolve().parent / "data" / "sample-report.txt"
SIZES = ((1280, 800), (1920, 1080))
LANGUAGES = ("en", "zh_CN")


def _isolate(home: Path) -> None:
    """Settings and identity go to a throwaway folder, never the user's."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        os.environ[var] = str(home / sub)


def _annotate(db_path: Path) -> str:
    """Import the sample and annotate it; returns the id of the node to show."""
    from editor.identity import resolve_author
    from editor.importing import read_report
    from editor.store import Store

    with Store.open(db_path) as store:
        info, _ = store.add_report(read_report(SAMPLE))
        me = resolve_author(store, "Ana Analyst")
        colleague = store.ensure_author("Bo Colleague")
        impact, likelihood, confidence = (d.id for d in store.dimensions()[:3])
        node = store.find_node(info.id, "1.1.1")
        for tag in ("Demand", "農村", "Key trend"):
            store.add_node_tag(node.id, tag, me.id)
        store.add_node_tag(node.id, "Evidence", colleague.id)
        store.set_rating(node.id, impact, me.id, 4)
        store.set_rating(node.id, likelihood, me.id, 3)
        store.set_rating(node.id, confidence, me.id, 5)
        store.set_rating(node.id, impact, colleague.id, 3)
        store.save_note(node.id, me.id, "<p>Demand growth is <b>structural</b>, not cyclical:</p>"
                                        "<ul><li>infrastructure keeps improving</li>"
                                        "<li>rural incomes rise year on year</li></ul>"
                                        "<p>Check against the <i>2.2</i> product-design findings.</p>")
        store.save_note(node.id, colleague.id, "<p>Agree; the education and medical examples are "
                                               "the strongest evidence.</p>")
        body = node.body
        start = body.index("基礎設施")
        store.add_highlight(node.id, me.id, start, start + len("基礎設施的不斷完善"),
                            comment_html="<p>Infrastructure as the driver</p>")
        start = body.index("教育")
        store.add_highlight(node.id, me.id, start, start + len("教育、醫療、住房、旅游"), color="#B2F2BB",
                            comment_html="<p>Four consumption areas named</p>")
        start = body.index("消費金融需求日益旺盛")
        store.add_highlight(node.id, colleague.id, start, start + 10, color="#A5D8FF")
        for path, tags, value in (("1.2", ["Payments"], 3), ("1.4.2", ["風險", "Regulation"], 5),
                                  ("2.3", ["風險"], 4), ("1.3.1", [], 2), ("1.1.2", ["Demand"], 0)):
            other = store.find_node(info.id, path)
            for tag in tags:
                store.add_node_tag(other.id, tag, me.id)
            if value:
                store.set_rating(other.id, impact, me.id, value)
        store.save_note(store.find_node(info.id, "1.2.1").id, me.id, "<p>Compare with 3.1</p>")
        return node.id


def render(outdir: Path) -> list[Path]:
    """Write the screenshots; returns their paths."""
    outdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="trendmark-shots-"))
    _isolate(work / "home")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from editor.identity import resolve_author
    from editor.store import Store
    from editor.ui.app import application
    from editor.ui.i18n import install_translators
    from editor.ui.main_window import MainWindow
    from editor.ui.settings import WindowSettings
    from editor.ui.style import apply_style

    db_path = work / "screenshots.sqlite"
    node_id = _annotate(db_path)
    app = application()
    written: list[Path] = []
    for language in LANGUAGES:
        install_translators(app, language)
        apply_style(app, language)
        for width, height in SIZES:
            settings_file = work / f"window-{language}-{width}.ini"
            store = Store.open(db_path)
            window = MainWindow(store, resolve_author(store, "Ana Analyst"),
                                settings=WindowSettings(settings_file))
            window.resize(width, height)
            window.show()
            window.select_node(node_id)
            window.inspector.highlights.select(window.inspector.highlights.entries()[0].highlight.id)
            window.tree.setFocus()
            for _ in range(5):
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            path = outdir / f"trendmark-{language}-{width}x{height}.png"
            window.grab().save(str(path))
            written.append(path)
            window.close()
            store.close()
            window.deleteLater()
            QApplication.processEvents()
        # Colleagues' annotations hidden (View › Colleagues' annotations): only the analyst's own work.
        settings = WindowSettings(work / f"window-{language}-own.ini")
        settings.set_show_colleagues(False)
        store = Store.open(db_path)
        window = MainWindow(store, resolve_author(store, "Ana Analyst"), settings=settings)
        window.resize(*SIZES[0])
        window.show()
        window.select_node(node_id)
        for _ in range(5):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        path = outdir / f"trendmark-{language}-own-only-{SIZES[0][0]}x{SIZES[0][1]}.png"
        window.grab().save(str(path))
        written.append(path)
        window.close()
        store.close()
        window.deleteLater()
        QApplication.processEvents()
        # The same database opened read-only: the banner, and every editing control switched off.
        store = Store.open(db_path, read_only=True)
        author = next(a for a in store.authors() if a.name == "Ana Analyst")
        window = MainWindow(store, author, settings=WindowSettings(work / f"window-{language}-ro.ini"))
        window.resize(*SIZES[0])
        window.show()
        window.select_node(node_id)
        for _ in range(5):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        path = outdir / f"trendmark-{language}-read-only-{SIZES[0][0]}x{SIZES[0][1]}.png"
        window.grab().save(str(path))
        written.append(path)
        window.close()
        store.close()
        window.deleteLater()
        QApplication.processEvents()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    args = parser.parse_args(argv)
    for path in render(args.outdir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
