"""How quickly the window opens, filters and moves on a 500-chapter report with 20,000 annotations.

Run: pytest tests/benchmarks/bench_ui_window.py -s -o python_files='bench_*.py'

Targets: window ready (outline loaded, shown, first paint) within 1.5 s of opening the
database; a filter keystroke updates the tree within 100 ms, broad one-character queries
included (median per query and 95th percentile over all); moving to another node (reading
pane and inspector filled) within 50 ms.
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from editor.importing import parse_report
from editor.store import Store
from editor.ui.main_window import MainWindow
from editor.ui.settings import WindowSettings
from tests.reportgen import make_report

TAGS = ["Risk", "Growth", "Policy", "Demand", "Rural", "Payments", "風險", "監管", "Key trend", "Evidence",
        "Follow up", "Data gap", "Credit", "Fintech", "Inclusion", "Region", "Case", "Cost", "Trust", "Scale"]
ANNOTATIONS = 20_000
QUERIES = ("監", "監管", "反欺詐", "村鎮銀行", "農村金融", "風", "風險", "風險控", "Risk")
REPEATS = 7


class _PaintWatch(QObject):
    """Notes when a widget has painted."""

    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def build_big_db(path: Path) -> int:
    """Write the generated report and 20,000 annotations by two analysts to ``path``; returns the node count."""
    report = parse_report(make_report(500).encode("utf-8"), source="generated.txt")
    rng = random.Random(7)
    with Store.open(path) as store:
        info, _ = store.add_report(report)
        nodes = store.nodes(info.id)
        with_body = [n for n in nodes if n.body]
        me = store.ensure_author("Ana Analyst")
        other = store.ensure_author("Bo Colleague")
        dimensions = store.dimensions()
        with store.transaction():
            for count in range(ANNOTATIONS):
                kind = rng.random()
                author = me if rng.random() < 0.7 else other
                if kind < 0.35:
                    store.add_node_tag(rng.choice(nodes).id, rng.choice(TAGS), author.id)
                elif kind < 0.65:
                    store.set_rating(rng.choice(nodes).id, rng.choice(dimensions).id, author.id, rng.randint(1, 5))
                elif kind < 0.8:
                    store.save_note(rng.choice(nodes).id, author.id,
                                    f"<p>Note {count}: <b>check</b> the 風險 figures</p><ul><li>one</li></ul>")
                else:
                    node = rng.choice(with_body)
                    start = rng.randrange(0, max(1, len(node.body) - 12))
                    store.add_highlight(node.id, author.id, start, min(len(node.body), start + rng.randint(4, 12)),
                                        comment_html=f"<p>comment {count}</p>")
        return len(nodes)


@pytest.fixture(scope="module")
def big_db(tmp_path_factory) -> tuple[Path, int]:
    """A database with the generated report and 20,000 annotations."""
    path = tmp_path_factory.mktemp("bench") / "big.sqlite"
    return path, build_big_db(path)


def open_ready(path: Path, settings: WindowSettings) -> tuple[MainWindow, float]:
    """Open the database as the analyst who made 70% of the annotations; (window, seconds to first paint)."""
    app = QApplication.instance()
    watch = _PaintWatch()
    started = time.perf_counter()
    store = Store.open(path)
    window = MainWindow(store, store.ensure_author("Ana Analyst"), settings=settings)
    window.tree.viewport().installEventFilter(watch)
    window.resize(1280, 800)
    window.show()
    while not watch.painted:
        app.processEvents()
    return window, time.perf_counter() - started


@pytest.fixture
def ready_window(qtbot, big_db):
    path, _ = big_db
    window, ready = open_ready(path, WindowSettings())
    qtbot.addWidget(window)
    yield window, ready
    window.close()
    window.store.close()


def test_window_ready_filter_and_navigation(qtbot, big_db, ready_window):
    _path, node_count = big_db
    window, ready = ready_window
    app = QApplication.instance()
    print(f"\nreport: {node_count} nodes, {ANNOTATIONS} annotations")
    print(f"window ready (open db, load outline, show, first paint): {ready * 1000:.0f} ms  (target 1500)")

    # Filter keystrokes, each measured until the tree has repainted with the new rows; matches
    # beyond the first screen are opened in batches afterwards ("all open" is reported too).
    # Each query is typed REPEATS times (from an empty filter) for a median and a 95th percentile.
    bar = window.filter_bar
    bar.text_edit.setFocus()
    keystroke_ms: dict[str, list[float]] = {}
    complete_ms: dict[str, list[float]] = {}
    rows_shown: dict[str, int] = {}
    for text in QUERIES:
        for _ in range(REPEATS):
            bar.text_edit.clear()
            bar.flush()
            while window.is_revealing():
                app.processEvents()
            app.processEvents()
            started = time.perf_counter()
            if text.isascii():
                qtbot.keyClick(bar.text_edit, text[0])
            else:
                bar.text_edit.setText(text)  # what an input method commits
            bar.flush()  # the typing pause (debounce) is not part of the update measured
            app.processEvents()
            window.tree.viewport().repaint()
            keystroke_ms.setdefault(text, []).append((time.perf_counter() - started) * 1000)
            while window.is_revealing():
                app.processEvents()
            complete_ms.setdefault(text, []).append((time.perf_counter() - started) * 1000)
        rows_shown[text] = len(window.visible_node_ids())
        times = sorted(keystroke_ms[text])
        print(f"filter keystroke -> {bar.text_edit.text()!r}: tree updated in median "
              f"{statistics.median(times):.0f} ms, max {times[-1]:.0f} ms; all matches open after "
              f"{statistics.median(complete_ms[text]):.0f} ms ({rows_shown[text]} rows)  (target 100)")
    every = sorted(ms for times in keystroke_ms.values() for ms in times)
    p95 = every[int(len(every) * 0.95)]
    print(f"filter keystrokes ({len(every)}): median {statistics.median(every):.0f} ms, "
          f"95th percentile {p95:.0f} ms, max {every[-1]:.0f} ms  (target 100)")
    started = time.perf_counter()
    bar.clear()
    app.processEvents()
    window.tree.viewport().repaint()
    clear_ms = (time.perf_counter() - started) * 1000
    print(f"clearing the filter: {clear_ms:.0f} ms")

    # Moving between nodes: chapters, sections and points picked at random.
    rng = random.Random(3)
    ids = window.model.node_ids()
    move_ms = []
    window.tree.setFocus()
    for node_id in rng.sample(ids, 60):
        started = time.perf_counter()
        window.select_node(node_id)
        window.reading_pane.viewport().repaint()
        window.inspector.viewport().repaint()
        move_ms.append((time.perf_counter() - started) * 1000)
        assert window.current_node_id() == node_id
    for _ in range(40):  # and with the keyboard, one row down at a time
        started = time.perf_counter()
        qtbot.keyClick(window.tree, Qt.Key.Key_Down)
        window.reading_pane.viewport().repaint()
        move_ms.append((time.perf_counter() - started) * 1000)
    move_ms.sort()
    print(f"moving between nodes: median {statistics.median(move_ms):.1f} ms, "
          f"95th percentile {move_ms[int(len(move_ms) * 0.95)]:.1f} ms, max {move_ms[-1]:.1f} ms  (target 50)")

    assert ready < 1.5
    assert move_ms[int(len(move_ms) * 0.95)] < 50
    # Broad queries too (one common character keeps ~5,000 of the ~9,000 rows): the tree shows
    # its first screenful at once and opens the other matches between keystrokes.
    for text, times in keystroke_ms.items():
        assert statistics.median(times) < 100, (text, times, rows_shown[text])
    assert p95 < 100, every


def test_colleagues_hidden_window_ready_and_toggle(qtbot, big_db):
    path, _node_count = big_db
    settings = WindowSettings()
    settings.set_show_colleagues(False)
    window, ready = open_ready(path, settings)
    qtbot.addWidget(window)
    app = QApplication.instance()
    print(f"\nwindow ready with colleagues' annotations hidden: {ready * 1000:.0f} ms  (target 1500)")
    window.select_node(window.model.node_ids()[3])
    toggle_ms: dict[bool, list[float]] = {True: [], False: []}
    for shown in (True, False) * 4:
        started = time.perf_counter()
        window.actions.show_colleagues.trigger()
        app.processEvents()
        window.tree.viewport().repaint()
        toggle_ms[shown].append((time.perf_counter() - started) * 1000)
        assert window.session.show_colleagues is shown
    for shown, label in ((True, "showing"), (False, "hiding")):
        print(f"View › Colleagues' annotations, {label}: median {statistics.median(toggle_ms[shown]):.0f} ms, "
              f"max {max(toggle_ms[shown]):.0f} ms")
    window.close()
    window.store.close()
    assert ready < 1.5


def test_switching_the_reading_pane_script(qtbot, big_db, ready_window):
    """View › Show text on points and on chapters (which read on through their sections): ms per node shown."""
    window, _ready = ready_window
    app = QApplication.instance()
    per_node: list[float] = []
    nodes = [n for n in window.store.nodes(window.report_id) if n.level in (1, 3)][:40]
    for node in nodes:
        window.select_node(node.id)
        app.processEvents()
        for script in ("simplified", "traditional", "original"):
            start = time.perf_counter()
            window.set_text_script(script)
            app.processEvents()
            per_node.append((time.perf_counter() - start) * 1000 / len(window.reading_pane.shown_node_ids()))
    per_node.sort()
    print(f"\nscript switch, per node shown: median {statistics.median(per_node):.2f} ms, "
          f"worst {per_node[-1]:.2f} ms (target 50 ms)")
    assert per_node[-1] < 50
