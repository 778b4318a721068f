"""Analysis › Agreement: the tables, and a click on a disagreement selecting its node in the window."""

from __future__ import annotations

import pytest

from editor.export.agreement import agreement_data
from editor.store import Store
from editor.ui.agreement_dialog import AgreementDialog, open_agreement_dialog
from tests.ui_helpers import close_window, dialogs, open_window, sample_db  # noqa: F401


def rate(store: Store, report_id: str, ratings: dict[str, dict[str, int]]) -> None:
    """ratings: analyst name -> {path: impact}."""
    impact = store.dimension("impact").id
    for name, values in ratings.items():
        author = store.ensure_author(name)
        for path, value in values.items():
            store.set_rating(store.find_node(report_id, path).id, impact, author.id, value)


@pytest.fixture
def rated_db(sample_db):
    with Store.open(sample_db) as store:
        report = store.report().id
        rate(store, report, {"Alice": {"1.1": 5, "1.2": 2, "1.3": 3, "2.1": 4},
                             "Bob": {"1.1": 1, "1.2": 2, "1.3": 4, "2.1": 4}})
    return sample_db


def test_the_dialog_shows_alpha_kappa_and_the_disagreements(qtbot, rated_db):
    with Store.open(rated_db) as store:
        data = agreement_data(store, store.report().id)
    dialog = AgreementDialog(data)
    qtbot.addWidget(dialog)
    rows = [[dialog.dimensions.item(r, c).text() for c in range(3)] for r in range(dialog.dimensions.rowCount())]
    assert [row[0] for row in rows] == ["Impact", "Likelihood", "Confidence"]
    assert rows[0] == ["Impact", f"{data.dimensions[0].alpha:.3f}", "4"]
    assert rows[1] == ["Likelihood", "—", "0"]
    pair = [dialog.pairs.item(0, c).text() for c in range(5)]
    assert pair == ["Impact", "Alice", "Bob", f"{data.dimensions[0].pairs[0].kappa:.3f}", "4"]
    first = [dialog.disagreements.item(0, c).text() for c in range(5)]
    assert first[0] == "1.1" and first[2:] == ["Impact", "4", "Alice 5, Bob 1"]
    assert dialog.disagreements.rowCount() == 2  # 1.1 (spread 4), 1.3 (spread 1); agreement is no disagreement


def test_clicking_a_disagreement_requests_its_node(qtbot, rated_db):
    with Store.open(rated_db) as store:
        data = agreement_data(store, store.report().id)
        wanted = store.find_node(store.report().id, "1.3").id
    dialog = AgreementDialog(data)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.node_requested) as signal:
        dialog.disagreements.cellClicked.emit(1, 2)
    assert signal.args == [wanted]


def test_from_the_window_the_dialog_stays_open_and_selects_the_node(qtbot, rated_db, dialogs):
    window = open_window(qtbot, rated_db)
    dialog = open_agreement_dialog(window)
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and not dialog.isModal()
    dialog.disagreements.cellClicked.emit(0, 0)
    assert window.current_node_id() == window.store.find_node(window.report_id, "1.1").id
    dialog.close()
    close_window(window)
