"""What a new analyst hit on the first day, on the command line and in the data (issue points 16, 17, 20, 21)."""

from __future__ import annotations

import os
import subprocess
import sys

from editor.cli import main
from editor.core.richtext import html_to_text
from editor.store import Store
from editor.store.ids import TAG_PALETTE
from tests.reportgen import make_report


def test_distinct_tags_get_distinct_colours_by_default():  # point 16
    store = Store.memory()
    names = [f"tag {i}" for i in range(40)]  # more than the palette holds
    colors = [store.ensure_tag(name).color for name in names]
    assert len(set(colors)) == len(colors)
    assert set(colors[: len(TAG_PALETTE)]) == set(TAG_PALETTE)  # the palette is used up first
    assert store.ensure_tag("tag 3").color == colors[3]  # an existing tag keeps its colour


def test_a_notes_plain_text_keeps_list_numbers_and_one_item_per_line():  # point 17
    html = "<p>見下</p><ol><li>住房</li><li>旅游<ul><li>nested 子項</li></ul></li></ol><ol start=\"4\"><li>四</li></ol>"
    assert html_to_text(html).splitlines() == ["見下", "1. 住房", "2. 旅游", "  • nested 子項", "4. 四"]


def _two_reports(tmp_path, sample_path, capsys):
    db = tmp_path / "two.sqlite"
    second = tmp_path / "second.txt"
    second.write_text(make_report(3, seed=7), encoding="utf-8")
    assert main(["--db", str(db), "import", str(sample_path)]) == 0
    assert main(["--db", str(db), "import", str(second)]) == 0
    ids = [line for line in capsys.readouterr().out.splitlines() if len(line) == 36]
    return db, ids


def test_node_commands_use_the_report_last_imported_and_say_so(tmp_path, sample_path, capsys):  # point 20
    db, (first_id, second_id) = _two_reports(tmp_path, sample_path, capsys)
    assert main(["--db", str(db), "--author", "Ana", "tag", "1.1", "Risk"]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and captured.err.startswith("note: report «")
    assert "(use --report to choose)" in captured.err
    with Store.open(db, read_only=True) as store:
        tagged = [n.report_id for n in (store.node(nt) for nt in _tagged_nodes(store))]
        assert tagged == [second_id]
    # --report chooses, and then there is nothing to say.
    assert main(["--db", str(db), "--author", "Ana", "tag", "1.1", "Risk", "--report", first_id[:8]]) == 0
    assert capsys.readouterr().err == ""


def _tagged_nodes(store: Store) -> list[str]:
    return [n.id for report in store.reports() for n in store.nodes(report.id) if store.node_tags(n.id)]


def test_the_report_opened_in_the_window_becomes_the_default(tmp_path, sample_path, capsys):  # point 20
    db, (first_id, _second_id) = _two_reports(tmp_path, sample_path, capsys)
    from editor.operations.reports import open_report

    with Store.open(db) as store:
        open_report(store, first_id)
    assert main(["--db", str(db), "outline"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0].startswith("2025年下沉市場")  # the sample's title
    assert "note: report «2025年下沉市場" in captured.err


def test_a_closed_pipe_ends_the_output_quietly(tmp_path, sample_path):  # point 21
    db = tmp_path / "sample.sqlite"
    assert main(["--db", str(db), "import", str(sample_path)]) == 0
    # As `| head -1` does once it has its line: the reading end is gone while output is still to come.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run([sys.executable, "-m", "editor", "--db", str(db), "outline"],
                                stdout=write_end, stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(write_end)
    assert result.stderr == b""
    assert result.returncode == 0


def test_a_profile_without_a_name_records_the_login_name_and_says_so(tmp_path, sample_path, capsys):  # point 7
    from editor.identity import load_identity, suggested_name

    db = str(tmp_path / "first.sqlite")
    assert main(["--db", db, "import", str(sample_path)]) == 0
    capsys.readouterr()
    assert load_identity() is None
    assert main(["--db", db, "tag", "1.1", "Risk"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("note: ") and suggested_name() in err
    assert load_identity().name == suggested_name()
    assert main(["--db", db, "tag", "1.2", "Risk"]) == 0
    assert capsys.readouterr().err == ""  # said once
