"""How quickly the trend matrix redraws and exports on a 500-chapter report with 5,000 trends rated by four analysts.

Run: pytest tests/benchmarks/bench_matrix.py -s -o python_files='bench_*.py' -o addopts=''

Targets: after a rating change or a filter keystroke, the matrix is redrawn within 100 ms;
SVG and PNG export under 1 s. Baseline, measured in the same run: one plain QPainter pass
drawing as many circles and number labels on a widget of the same size.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication

from editor.export.matrix.data import matrix_data
from editor.export.matrix.files import write_png, write_svg
from editor.importing import parse_report
from editor.store import Store
from tests.matrix_fixtures import rate_team
from tests.reportgen import make_report
from tests.ui_helpers import close_window, open_window

RATED = 5_000
REPEATS = 9


class _PaintCount(QObject):
    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


@pytest.fixture(scope="module")
def big_db(tmp_path_factory) -> tuple[Path, int]:
    path = tmp_path_factory.mktemp("matrix") / "big.sqlite"
    report = parse_report(make_report(500).encode("utf-8"), source="generated-500.txt")
    with Store.open(path) as store:
        info, _ = store.add_report(report)
        rate_team(store, info.id, RATED)
        return path, info.node_count


def _median_ms(run, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _baseline_ms(view, count: int) -> float:
    """Painting ``count`` circles with number labels, nothing else, on a pixmap of the view's size."""
    pixmap = QPixmap(view.size())

    def paint() -> None:
        pixmap.fill(Qt.GlobalColor.white)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = view.width() - 40, view.height() - 40
        for index in range(count):
            centre = QPointF(20 + (index * 37) % width, 20 + (index * 53) % height)
            painter.drawEllipse(centre, 5, 5)
            painter.drawText(centre + QPointF(7, 4), str(index % 500))
        painter.end()

    return _median_ms(paint)


def test_matrix_redraw_and_export(qtbot, big_db, tmp_path):
    path, nodes = big_db
    window = open_window(qtbot, path)
    try:
        window.resize(1400, 900)
        dock = window.matrix
        dock.show()
        qtbot.waitUntil(lambda: dock.view.data is not None, timeout=30000)
        view = dock.view
        view.resize(700, 520)
        qtbot.waitUntil(view.isVisible)
        app_ = QApplication.instance()
        for _ in range(5):
            app_.processEvents()
        points = len(view.shown_points())
        app = QApplication.instance()
        store = window.store
        impact = store.dimension("Impact").id
        author = window.author.id
        rated = [point.node_id for point in view.shown_points()]

        paints = _PaintCount(view)
        baseline = _baseline_ms(view, points)
        repaint = _median_ms(view.repaint)
        assert paints.count >= REPEATS  # the view really painted

        values = iter(range(10_000))

        def rating_change() -> None:
            node_id = rated[next(values) % len(rated)]
            store.set_rating(node_id, impact, author, 1 + next(values) % 5)
            dock.node_changed(node_id)
            app.processEvents()  # the view repaints here, once

        before = paints.count
        rating = _median_ms(rating_change)
        assert paints.count - before == REPEATS  # one repaint per change, as in the window

        bar = window.filter_bar
        queries = iter(["一", "二", "三", "市場", "支付", "金融", "風險", "農村", "信用"] * 3)

        def filter_keystroke() -> None:
            bar.text_edit.setText(next(queries))
            bar.flush()  # the typing pause (debounce) is not part of the update measured
            app.processEvents()  # the tree and the matrix update and repaint here

        keystroke = _median_ms(filter_keystroke)
        bar.text_edit.clear()
        bar.flush()
        app.processEvents()

        data = matrix_data(store, window.report_id)
        svg = _median_ms(lambda: write_svg(data, tmp_path / "m.svg"), 5)
        png = _median_ms(lambda: write_png(data, tmp_path / "m.png"), 5)
        read = _median_ms(lambda: matrix_data(store, window.report_id), 5)
    finally:
        close_window(window)

    print(f"\nreport: {nodes:,} nodes, {points:,} rated trends on the matrix, 4 analysts")
    print(f"baseline (plain QPainter, {points:,} circles and labels): {baseline:6.1f} ms")
    print(f"matrix repaint:                          {repaint:6.1f} ms  ({repaint / baseline:.1f}x baseline)")
    print(f"rating change -> point moved, repainted: {rating:6.1f} ms  (target 100)")
    print(f"filter keystroke -> tree and matrix:     {keystroke:6.1f} ms  (target 100)")
    print(f"reading the matrix from the database:    {read:6.1f} ms")
    print(f"SVG export: {svg:6.1f} ms   PNG export: {png:6.1f} ms  (target 1000 each)")
    assert points >= RATED * 0.9  # the matrix really showed the team's ratings
