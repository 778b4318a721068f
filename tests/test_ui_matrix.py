"""The window's trend matrix, driven like an analyst: clicks, keys, rating edits and the outline filter."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette

from editor.core.matrix import Quadrants
from editor.store import Store
from tests.matrix_fixtures import rate_team
from tests.ui_helpers import dialogs, open_window, sample_db  # noqa: F401 - fixtures


@pytest.fixture
def rated_db(sample_db) -> Path:
    """The sample with its first 30 nodes rated by four analysts."""
    with Store.open(sample_db) as store:
        rate_team(store, store.report().id, 30)
    return sample_db


@pytest.fixture
def matrix_window(qtbot, rated_db):
    window = open_window(qtbot, rated_db)
    window.resize(1400, 900)
    window.matrix.show()
    qtbot.waitUntil(lambda: window.matrix.view.data is not None)
    window.matrix.view.resize(700, 520)
    return window


def _distance(view, a, b) -> float:
    pa, pb = view.point_position(a.node_id), view.point_position(b.node_id)
    return ((pa.x() - pb.x()) ** 2 + (pa.y() - pb.y()) ** 2) ** 0.5


def _click(qtbot, view, node_id: str) -> None:
    pos = view.point_position(node_id)
    assert pos is not None, "the point is not drawn"
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(round(pos.x()), round(pos.y())))


def test_the_menu_entry_shows_the_dock_with_every_rated_trend(qtbot, rated_db):
    window = open_window(qtbot, rated_db)
    assert not window.matrix.isVisible()
    assert window.matrix.view.data is None  # hidden: nothing read yet
    action = window.matrix.toggleViewAction()
    assert action in window.actions.analysis_menu.actions()
    action.trigger()
    qtbot.waitUntil(lambda: window.matrix.view.data is not None)
    data = window.matrix.view.data
    assert (data.x.name, data.y.name, data.size.name) == ("Likelihood", "Impact", "Confidence")
    assert len(data.points) == 30
    assert window.matrix.status.text() == "30 of 30 rated trends"


def test_clicking_a_point_selects_its_node_in_the_tree(qtbot, matrix_window):
    view = matrix_window.matrix.view
    # A point drawn apart from the others: where points overlap, a click rightly takes the top one.
    alone = [p for p in view.shown_points()
             if not any(q is not p and _distance(view, p, q) < 30 for q in view.shown_points())]
    assert alone, "every point overlaps another"
    target = alone[len(alone) // 2]
    _click(qtbot, view, target.node_id)
    assert matrix_window.current_node_id() == target.node_id
    assert view.selected == target.node_id
    # And the other way: a node picked in the tree is ringed in the matrix.
    other = view.shown_points()[3].node_id
    matrix_window.select_node(other)
    assert view.selected == other


def test_changing_a_rating_moves_the_point(qtbot, matrix_window):
    view = matrix_window.matrix.view
    point = view.shown_points()[0]
    before = view.point_position(point.node_id)
    matrix_window.select_node(point.node_id)
    impact = matrix_window.store.dimension("Impact").id
    # The analyst's own rating, through the window's undoable edit: the mean moves up or down.
    new_value = 1 if point.y > 3 else 5
    stars = matrix_window.inspector.ratings.stars(impact)
    stars.setFocus()
    qtbot.keyClick(stars, Qt.Key.Key_1 if new_value == 1 else Qt.Key.Key_5)
    moved = next(p for p in view.shown_points() if p.node_id == point.node_id)
    assert moved.y != point.y
    after = view.point_position(point.node_id)
    assert after.x() == pytest.approx(before.x())
    assert (after.y() < before.y()) == (moved.y > point.y)
    matrix_window.undo()
    back = next(p for p in view.shown_points() if p.node_id == point.node_id)
    assert back.y == point.y
    assert view.point_position(point.node_id).y() == pytest.approx(before.y())


def test_a_node_rated_for_the_first_time_appears(qtbot, matrix_window):
    view = matrix_window.matrix.view
    node = matrix_window.store.find_node(matrix_window.report_id, "5.1")
    assert node.id not in {p.node_id for p in view.shown_points()}
    store = matrix_window.store
    matrix_window.edits.set_rating(node.id, store.dimension("Impact").id, 4)
    assert node.id not in {p.node_id for p in view.shown_points()}  # one axis is not a point yet
    matrix_window.edits.set_rating(node.id, store.dimension("Likelihood").id, 2)
    (point,) = [p for p in view.shown_points() if p.node_id == node.id]
    assert (point.x, point.y, point.analysts) == (2, 4, 1)


def test_the_outline_filter_hides_points(qtbot, matrix_window):
    view = matrix_window.matrix.view
    everything = {p.node_id for p in view.shown_points()}
    chapter_two = {p.node_id for p in view.shown_points() if p.path.startswith("2.")}
    tagged = sorted(chapter_two)[:2]
    for node_id in tagged:
        matrix_window.edits.add_tag(node_id, "Watchlist")
    bar = matrix_window.filter_bar
    bar.tag_combo.setCurrentIndex(bar.tag_combo.findData("Watchlist"))
    assert {p.node_id for p in view.shown_points()} == set(tagged)
    hidden = next(iter(everything - set(tagged)))
    assert view.point_position(hidden) is None
    assert matrix_window.matrix.status.text() == "2 of 30 rated trends"
    bar.clear()
    assert {p.node_id for p in view.shown_points()} == everything


def _type_text(widget, text):
    """Type ``text`` as key events carrying each character (QTest's keyClicks only knows ASCII)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def test_typing_in_the_filter_narrows_the_matrix(qtbot, matrix_window):
    view = matrix_window.matrix.view
    node = matrix_window.store.find_node(matrix_window.report_id, "1.1")
    word = node.title[:4]
    before = {p.node_id for p in view.shown_points()}
    bar = matrix_window.filter_bar
    bar.text_edit.setFocus()
    _type_text(bar.text_edit, word)
    bar.flush()
    shown = {p.node_id for p in view.shown_points()}
    assert node.id in shown and len(shown) < 30
    gone = before - shown
    assert gone and all(view.point_position(node_id) is None for node_id in gone)  # not drawn any more
    assert all(word in p.title or word in matrix_window.store.node(p.node_id).body for p in view.shown_points())


def test_the_analyst_choice_averages_only_their_ratings(qtbot, matrix_window):
    dock = matrix_window.matrix
    bo = next(a for a in matrix_window.store.authors() if a.name == "Bo")
    dock.analyst_combo.setCurrentIndex(dock.analyst_combo.findData(bo.id))
    points = dock.view.shown_points()
    assert points and all(p.analysts == 1 and p.x_low == p.x_high for p in points)
    assert dock.view.data.analysts == ("Bo",)


def test_keys_move_between_points_and_zoom(qtbot, matrix_window):
    view = matrix_window.matrix.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    first = view.selected
    assert first and matrix_window.current_node_id() == first
    start = next(p for p in view.shown_points() if p.node_id == first)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    moved = next(p for p in view.shown_points() if p.node_id == view.selected)
    assert moved.x > start.x and matrix_window.current_node_id() == moved.node_id
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom_factor() == pytest.approx(1.5625)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.zoom_factor() == pytest.approx(1.25)
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.zoom_factor() == 1.0


def test_quadrant_labels_are_stored_undoable_and_drawn(qtbot, matrix_window):
    dock = matrix_window.matrix
    labels = Quadrants("準備", "立即行動", "觀察", "監測", grid=False)
    assert dock.set_quadrants(labels)
    assert matrix_window.store.quadrants(matrix_window.report_id) == labels
    assert dock.view.data.quadrants == labels
    matrix_window.undo()
    assert matrix_window.store.quadrants(matrix_window.report_id) == Quadrants()
    assert dock.view.data.quadrants.top_right == "Act now"


def test_the_matrix_reads_in_dark_mode_and_at_200_percent(qtbot, matrix_window, tmp_path):
    view = matrix_window.matrix.view
    light = view.grab()
    light.save(str(tmp_path / "matrix-view-light.png"))
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202328"))
    view.setPalette(palette)
    dark = view.grab()
    dark.save(str(tmp_path / "matrix-view-dark.png"))
    image = dark.toImage()
    assert QColor(image.pixel(2, 2)).lightnessF() < 0.3  # a dark background, not a white hole
    # Text and points drawn: the light theme's ink and the points' blue are both present.
    light_image = light.toImage()
    colours = {light_image.pixel(x, y) for x in range(0, light_image.width(), 3)
               for y in range(0, light_image.height(), 3)}
    assert len(colours) > 50
    # 200 %: a device pixel ratio of 2 draws twice as many pixels with the same layout.
    from PySide6.QtGui import QImage, QPainter
    hi = QImage(view.width() * 2, view.height() * 2, QImage.Format.Format_ARGB32_Premultiplied)
    hi.setDevicePixelRatio(2.0)
    painter = QPainter(hi)
    view._paint(painter)
    painter.end()
    hi.save(str(tmp_path / "matrix-view-200.png"))
    node_id = view.shown_points()[0].node_id
    assert view.drawing.position(node_id) == view.point_position(node_id)


def test_hover_text_names_the_trend(qtbot, matrix_window):
    view = matrix_window.matrix.view
    point = view.shown_points()[0]
    text = view.describe(point)
    assert point.title in text and "Impact" in text and "4 analyst(s)" in text


def test_the_readme_shows_a_small_picture_of_the_matrix():
    root = Path(__file__).resolve().parents[1]
    picture = root / "docs" / "matrix.png"
    assert "(docs/matrix.png)" in (root / "README.md").read_text(encoding="utf-8")
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert picture.stat().st_size < 150_000
