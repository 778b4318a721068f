"""The outline model and filter proxy over a small hand-built report in an in-memory store."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from editor.core.report import ParsedNode, ParsedReport
from editor.store import Store
from editor.ui.outline.filter import FilterCriteria, OutlineFilterProxy
from editor.ui.outline.model import Column, OutlineModel, Roles, display_label
from editor.ui.session import AnnotationSession


def _report() -> ParsedReport:
    return ParsedReport(title="測試報告", nodes=[
        ParsedNode("一", "1", 1, "市場概況", "", [
            ParsedNode("1.1", "1.1", 2, "需求增長", "", [
                ParsedNode("1.1.1", "1.1.1", 3, "農村消費", "農村居民收入提高,消費需求持續增長。"),
                ParsedNode("1.1.2", "1.1.2", 3, "信用風險", "部分借款人還款能力不足,存在風險。"),
            ]),
            ParsedNode("1.2", "1.2", 2, "支付普及", "移動支付快速普及 😀 𠀀。"),
        ]),
        ParsedNode("二", "2", 1, "監管環境", "政策逐步完善。", [
            ParsedNode("2.1", "2.1", 2, "合規要求", "機構需要加強合規管理。"),
        ]),
    ])


@pytest.fixture
def loaded(qapp):
    store = Store.memory()
    info, _ = store.add_report(_report())
    author = store.ensure_author("Ana")
    model = OutlineModel()
    model.load(store.nodes(info.id), store.node_summaries(info.id, author.id))
    yield store, info.id, author, model
    store.close()


def _node(store, report_id, path):
    return store.find_node(report_id, path)


def test_model_passes_qt_model_tester(loaded):
    store, report_id, author, model = loaded
    store.add_node_tag(_node(store, report_id, "1.1.2").id, "Risk", author.id)
    model.load(store.nodes(report_id), store.node_summaries(report_id, author.id))
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    proxy = OutlineFilterProxy()
    proxy.setSourceModel(model)
    proxy_tester = QAbstractItemModelTester(proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    proxy.set_criteria(FilterCriteria(tag="risk"), None)
    model.update_summary(_node(store, report_id, "1.1.2").id, None)
    assert tester is not None and proxy_tester is not None
    assert model.rowCount() == 2
    chapter = model.index(0, 0)
    assert model.rowCount(chapter) == 2
    assert model.rowCount(model.index(0, 1)) == 0  # only column 0 has children
    assert model.parent(model.index(1, 0, chapter)) == chapter


def test_index_for_node_id_round_trips(loaded):
    store, report_id, _author, model = loaded
    for node in store.nodes(report_id):
        index = model.index_for_node_id(node.id)
        assert index.isValid()
        assert model.node_id_for_index(index) == node.id
        assert index.data(Roles.NodeId) == node.id
    assert not model.index_for_node_id("no-such-node").isValid()


def test_labels_follow_the_printed_numbering(loaded):
    store, report_id, _author, model = loaded
    assert model.index(0, 0).data() == "一、市場概況"
    assert model.index(0, 0, model.index(0, 0)).data() == "1.1  需求增長"
    assert display_label(_node(store, report_id, "1.1.1")) == "1.1.1  農村消費"


def test_summary_update_changes_one_row_by_data_changed(loaded, qtbot):
    store, report_id, author, model = loaded
    node = _node(store, report_id, "1.1.1")
    session = AnnotationSession(store, author)
    store.add_node_tag(node.id, "Demand", author.id)
    store.set_rating(node.id, store.dimensions()[0].id, author.id, 4)
    store.save_note(node.id, author.id, "<p>check</p>")
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.update_summary(node.id, session.summary(node.id))
    top_left, bottom_right = blocker.args[0], blocker.args[1]
    assert top_left.row() == bottom_right.row() == model.index_for_node_id(node.id).row()
    assert (top_left.column(), bottom_right.column()) == (0, len(Column) - 1)
    assert resets == []
    assert model.index_for_node_id(node.id, Column.Rating).data(Roles.Rating) == 4
    assert model.index_for_node_id(node.id, Column.Tags).data(Roles.Tags) == [("Demand", store.tags()[0].color)]
    assert model.index_for_node_id(node.id, Column.Marks).data(Roles.Marks) == (True, 0)


def test_session_summary_agrees_with_the_stores_outline_summaries(loaded):
    store, report_id, author, _model = loaded
    colleague = store.ensure_author("Bo")
    a = _node(store, report_id, "1.1.1").id
    b = _node(store, report_id, "1.2").id
    c = _node(store, report_id, "2").id
    store.add_node_tag(a, "zeta", author.id)
    store.add_node_tag(a, "Alpha", colleague.id)
    store.add_node_tag(a, "alpha", author.id)
    store.set_rating(b, store.dimensions()[1].id, author.id, 2)  # not the first dimension
    store.set_rating(b, store.dimensions()[0].id, colleague.id, 5)  # not this author
    store.add_highlight(c, colleague.id, 0, 2)
    store.save_note(c, colleague.id, "<p>x</p>")
    session = AnnotationSession(store, author)
    expected = store.node_summaries(report_id, author.id)
    assert set(expected) == {a, b, c}
    for node in store.nodes(report_id):
        assert session.summary(node.id) == expected.get(node.id)


def test_rating_edit_is_forwarded_not_written(loaded, qtbot):
    store, report_id, _author, model = loaded
    node = _node(store, report_id, "2.1")
    index = model.index_for_node_id(node.id, Column.Rating)
    assert index.flags() & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(model.ratingEdited) as blocker:
        assert model.setData(index, 3)
    assert blocker.args == [node.id, 3]
    assert store.ratings(node.id) == []  # the window turns the request into an undoable command
    assert not model.setData(index, 9)  # beyond the scale
    assert not model.setData(model.index_for_node_id(node.id, Column.Title), 3)
    model.set_editable(False)
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable


def _visible(proxy: OutlineFilterProxy, model: OutlineModel, parent=QModelIndex()) -> list[str]:
    out = []
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        out.append(model.node_id_for_index(proxy.mapToSource(index)))
        out.extend(_visible(proxy, model, index))
    return out


def test_filter_keeps_matches_with_their_ancestors(loaded):
    store, report_id, _author, model = loaded
    proxy = OutlineFilterProxy()
    proxy.setSourceModel(model)
    path = {n.id: n.path for n in store.nodes(report_id)}
    ids = store.matching_node_ids("風險", report_id)
    proxy.set_criteria(FilterCriteria(text="風險"), ids)
    assert [path[i] for i in _visible(proxy, model)] == ["1", "1.1", "1.1.2"]
    proxy.set_criteria(FilterCriteria(), None)
    assert len(_visible(proxy, model)) == len(path)


def test_filter_by_tag_rating_and_annotated(loaded):
    store, report_id, author, model = loaded
    session = AnnotationSession(store, author)
    nodes = {n.path: n for n in store.nodes(report_id)}
    store.add_node_tag(nodes["2.1"].id, "Policy", author.id)
    store.set_rating(nodes["1.2"].id, store.dimensions()[0].id, author.id, 4)
    store.set_rating(nodes["1.1.1"].id, store.dimensions()[0].id, author.id, 2)
    for node in nodes.values():
        model.update_summary(node.id, session.summary(node.id))
    proxy = OutlineFilterProxy()
    proxy.setSourceModel(model)
    path = {n.id: n.path for n in nodes.values()}
    proxy.set_criteria(FilterCriteria(tag="policy"), None)
    assert [path[i] for i in _visible(proxy, model)] == ["2", "2.1"]
    proxy.set_criteria(FilterCriteria(min_rating=3), None)
    assert [path[i] for i in _visible(proxy, model)] == ["1", "1.2"]
    proxy.set_criteria(FilterCriteria(annotated_only=True), None)
    assert [path[i] for i in _visible(proxy, model)] == ["1", "1.1", "1.1.1", "1.2", "2", "2.1"]
    proxy.set_criteria(FilterCriteria(min_rating=1, tag="Policy"), None)
    assert _visible(proxy, model) == []


def test_none_survives_many_event_loop_turns_and_empty_data(qapp):
    from PySide6.QtCore import QAbstractListModel

    class Empty(QAbstractListModel):
        def rowCount(self, parent=QModelIndex()):
            return 1

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return None

    model = Empty()
    index = model.index(0, 0)
    # PySide6 6.12.0 lost one reference to None per call like these, and a long session
    # aborted with "deallocating None"; pyproject excludes that release. This guards the pin.
    before = sys.getrefcount(None)
    for _ in range(5_000):
        assert index.data() is None
    for _ in range(5_000):
        qapp.processEvents()
    assert before - sys.getrefcount(None) < 100
