"""Render the window's trend-matrix dock offscreen over the sample rated by four analysts: the README picture.

    python tests/matrix_screenshot.py docs/matrix.png [--dark]

Everything but the PNG is written in a temporary folder. The image is reduced to an indexed
palette so that the committed picture stays small.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = Path(__file__).resolve().parent / "data" / "sample-report.txt"
SIZE = (760, 560)


def render(out: Path, *, dark: bool = False) -> Path:
    """Write the matrix dock's picture to ``out``; returns it."""
    work = Path(tempfile.mkdtemp(prefix="trendmark-matrix-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        (work / var).mkdir()
        os.environ[var] = str(work / var)
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEventLoop
    from PySide6.QtGui import QColor, QImage, QPalette

    from editor.identity import resolve_author
    from editor.importing import read_report
    from editor.store import Store
    from editor.ui.app import application
    from editor.ui.main_window import MainWindow
    from editor.ui.settings import WindowSettings
    from tests.matrix_fixtures import rate_team

    db_path = work / "matrix.sqlite"
    with Store.open(db_path) as store:
        info, _ = store.add_report(read_report(SAMPLE))
        rate_team(store, info.id, 24)
    app = application()
    store = Store.open(db_path)
    window = MainWindow(store, resolve_author(store, "Ana"), settings=WindowSettings(work / "window.ini"))
    window.resize(1400, 900)
    window.show()
    window.matrix.show()
    if dark:
        palette = window.matrix.palette()
        for role, colour in ((QPalette.ColorRole.Window, "#202328"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                             (QPalette.ColorRole.Base, "#181a1f"), (QPalette.ColorRole.Text, "#e6e6e6"),
                             (QPalette.ColorRole.Button, "#2b2f36"), (QPalette.ColorRole.ButtonText, "#e6e6e6")):
            palette.setColor(role, QColor(colour))
        window.matrix.setPalette(palette)
        window.matrix.view.setPalette(palette)
    window.matrix.setFloating(True)
    window.matrix.resize(*SIZE)
    for _ in range(10):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    window.matrix.view.selected = window.matrix.view.shown_points()[0].node_id
    window.matrix.view.update()
    app.processEvents()
    image = window.matrix.grab().toImage().convertToFormat(QImage.Format.Format_Indexed8)
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(out), "PNG", 0)  # quality 0: the strongest compression
    window.close()
    store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--dark", action="store_true", help="a dark palette, to check it reads")
    args = parser.parse_args(argv)
    print(render(args.out, dark=args.dark))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
