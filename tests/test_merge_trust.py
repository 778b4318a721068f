"""Signed authorship: a colleague's copy cannot rename me, rewrite, erase or re-date my work.

Every database here signs its analyst's rows with that analyst's own key, as the window and
the CLI do. The forgeries are made the way anyone holding a shared file could make them:
plain SQL on the file, or Trendmark itself run with another key under my author id.
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from nacl.signing import SigningKey

from editor.core import signing
from editor.store import Store
from editor.store.merge import merge_database, trust
from editor.store.merge.tables import FROM_THE_FUTURE, NOT_SIGNED
from editor.store.sharing import share_copy
from editor.store.signatures import message, revision_of, row_key
from tests.test_merge_support import (  # noqa: F401 - clock is a fixture
    Analyst, analyst_db, annotations, clock, merge_copy,
)

DATA = Path(__file__).parent / "data"
IMPACT = "Impact"


def signed_db(path: Path, name: str, key: SigningKey | None = None) -> tuple[Analyst, SigningKey]:
    """An analyst's database whose rows are signed with their own key."""
    analyst = analyst_db(path, name)
    key = key or signing.new_key()
    analyst.store.use_signing_key(analyst.author.id, key)
    return analyst, key


def annotate(analyst: Analyst, word: str) -> None:
    """A note, a highlight, a rating and a tag by ``analyst`` on the first points of the sample."""
    store, me = analyst.store, analyst.author.id
    store.save_note(analyst.node("1.1"), me, f"<p>{word}：移动支付的渗透率仍在上升</p>")
    store.add_highlight(analyst.node("1.1.1"), me, 0, 4)
    store.set_rating(analyst.node("1.1"), store.dimension(IMPACT).id, me, 4)
    store.add_node_tag(analyst.node("1.2"), f"{word}-tag", me)


def rows_of(store: Store, author_id: str) -> dict[str, list[tuple]]:
    """Everything ``author_id`` wrote, plus their name: what no colleague's file may change."""
    dump = annotations(store)
    out = {table: [row for row in rows if author_id in row] for table, rows in dump.items() if table != "conflicts"}
    out["authors"] = [row for row in dump["authors"] if row[0] == author_id]
    return out


def ahead(minutes: float) -> str:
    """A timestamp ``minutes`` ahead of the real clock, in the store's format."""
    moment = datetime.now(UTC) + timedelta(minutes=minutes)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def tamper(path: Path, *statements: str, params: tuple = ()) -> None:
    """Edit a shared file with plain SQL, as anyone holding it can (no trigger of ours runs: a bare connection)."""
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement, params if "?" in statement else ())
    conn.commit()
    conn.close()


def stored_signature_verifies(store: Store, table: str, key_columns: dict[str, str], public_key: str) -> bool:
    """Whether the signature ``store`` keeps for one row verifies against ``public_key``."""
    conn = store.db.conn
    where = " AND ".join(f'"{c}" = ?' for c in key_columns)
    cursor = conn.execute(f"SELECT * FROM {table} WHERE {where}", tuple(key_columns.values()))
    row = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
    found = conn.execute("SELECT signature FROM signatures WHERE row_key = ?", (row_key(table, row),)).fetchone()
    return found is not None and signing.Verifier(public_key).verify(
        message(table, row, revision_of(conn, table, row)), found[0])


@pytest.mark.parametrize("chunk", [1, 2, trust.CHUNK])
def test_a_forged_copy_changes_none_of_my_work_and_the_colleagues_honest_work_merges(tmp_path, clock, monkeypatch,
                                                                                      chunk):
    # Signatures are checked ahead, a chunk of rows at a time: verdicts must follow each row across chunks.
    monkeypatch.setattr(trust, "CHUNK", chunk)
    alice, alice_key = signed_db(tmp_path / "alice.sqlite", "Alice")
    bob, _ = signed_db(tmp_path / "bob.sqlite", "Bob")
    annotate(alice, "Alice")
    assert merge_copy(alice.store, bob.store, tmp_path, "alice-share.sqlite").refusals.total == 0
    clock.advance(60)
    bob.store.save_note(bob.node("1.2"), bob.author.id, "<p>Bob 的诚实笔记</p>")
    bob.store.set_rating(bob.node("1.2"), bob.store.dimension(IMPACT).id, bob.author.id, 2)
    mine_before = rows_of(alice.store, alice.author.id)

    forged = share_copy(bob.store, tmp_path / "bob-share.sqlite")
    me, soon = alice.author.id, ahead(1)  # within clock skew, and newer than anything I wrote
    tamper(forged,
           "UPDATE authors SET name = 'Mallory', updated_at = ? WHERE id = ?",
           # My note rewritten; its revision id (in text_revisions) is left as mine, copied.
           "UPDATE notes SET html = '<p>forged</p>', text = 'forged', updated_at = ? WHERE author_id = ?",
           "UPDATE highlights SET deleted_at = ?1, updated_at = ?1 WHERE author_id = ?2",
           "UPDATE ratings SET value = 1, updated_at = ?1, deleted_at = ?1 WHERE author_id = ?2",
           "UPDATE node_tags SET deleted_at = ?1, updated_at = ?1 WHERE author_id = ?2",
           params=(soon, me))
    # A note put in my name on a point where I wrote none.
    note_id = str(uuid.uuid4())
    tamper(forged, "INSERT INTO notes (id, node_id, author_id, html, text, created_at, updated_at)"
                   " VALUES (?, ?, ?, '<p>I never wrote this</p>', 'I never wrote this', ?, ?)",
           params=(note_id, alice.node("1.3"), me, soon, soon))

    result = merge_database(alice.store, forged)

    assert rows_of(alice.store, me) == mine_before
    assert alice.store.note(alice.node("1.3"), me) is None
    assert alice.store.note(alice.node("1.2"), bob.author.id).html.count("Bob 的诚实笔记") == 1
    assert result.counts["notes"].added == 1 and result.counts["ratings"].added == 1
    refused = {kind: counts.refused for kind, counts in result.counts.items() if counts.refused}
    assert refused == {"authors": 1, "notes": 2, "highlights": 1, "ratings": 1, "node tags": 1}
    assert result.refusals.counts == {NOT_SIGNED: 6}
    lines = result.summary_lines()
    assert "6 changes refused: not signed by their author" in lines
    assert any("the name 'Mallory' of «Alice»" in line for line in lines)
    assert any(line.startswith("  refused notes: note by «Alice» on 1.3") for line in lines)
    assert any(line.startswith("  refused highlights: highlight by «Alice» on 1.1.1") for line in lines)
    # My rows still carry my signatures, and merging the forged file again changes nothing.
    assert stored_signature_verifies(alice.store, "notes", {"node_id": alice.node("1.1"), "author_id": me},
                                     signing.public_text(alice_key))
    again = merge_database(alice.store, forged)
    assert not again.changed and again.refusals.total == 6


def test_forged_rows_among_many_honest_ones_are_refused_one_by_one(tmp_path, clock, monkeypatch):
    """Rows checked ahead in chunks: exactly the forged ones are refused, wherever they fall."""
    monkeypatch.setattr(trust, "CHUNK", 4)
    alice, _ = signed_db(tmp_path / "alice.sqlite", "Alice")
    bob, bob_key = signed_db(tmp_path / "bob.sqlite", "Bob")
    merge_copy(bob.store, alice.store, tmp_path, "bob-first.sqlite")  # Bob's key is pinned here
    points = [path for path in bob.nodes if path.count(".") == 2][:23]
    for path in points:
        bob.store.save_note(bob.node(path), bob.author.id, f"<p>Bob on {path}</p>")
    forged_paths = {points[0], points[9], points[22]}  # first chunk, a middle one, the last (partial) one
    forged = share_copy(bob.store, tmp_path / "bob-share.sqlite")
    for path in forged_paths:
        tamper(forged, "UPDATE notes SET html = '<p>forged</p>', text = 'forged' WHERE node_id = ?",
               params=(bob.node(path),))

    result = merge_database(alice.store, forged)

    assert result.counts["notes"].refused == 3 and result.counts["notes"].added == 20
    merged = {path for path in points if alice.store.note(alice.node(path), bob.author.id) is not None}
    assert merged == set(points) - forged_paths
    assert stored_signature_verifies(alice.store, "notes", {"node_id": alice.node(points[1]),
                                     "author_id": bob.author.id}, signing.public_text(bob_key))


def test_rows_signed_with_another_key_under_my_id_are_refused(tmp_path, clock):
    alice, _ = signed_db(tmp_path / "alice.sqlite", "Alice")
    bob, _ = signed_db(tmp_path / "bob.sqlite", "Bob")
    annotate(alice, "Alice")
    merge_copy(alice.store, bob.store, tmp_path, "alice-share.sqlite")
    mine_before = rows_of(alice.store, alice.author.id)
    forged = share_copy(bob.store, tmp_path / "bob-share.sqlite")
    # Trendmark itself, run with a key of the forger's own under my author id: every row is validly signed.
    with Store.open(forged) as store:
        store.use_signing_key(alice.author.id, signing.new_key())
        clock.advance(30)
        store.save_note(bob.node("1.1"), alice.author.id, "<p>signed, but not by Alice</p>")
        store.set_rating(bob.node("1.1"), store.dimension(IMPACT).id, alice.author.id, 1)

    result = merge_database(alice.store, forged)

    assert rows_of(alice.store, alice.author.id) == mine_before
    assert result.counts["notes"].refused == 1 and result.counts["ratings"].refused == 1
    assert result.counts["authors"].refused == 1
    assert any("«Alice» signed with a key other than the one known here" in line for line in result.summary_lines())


def test_sharing_is_transitive_a_to_b_to_c(tmp_path, clock):
    alice, alice_key = signed_db(tmp_path / "alice.sqlite", "Alice")
    bob, _ = signed_db(tmp_path / "bob.sqlite", "Bob")
    carol, _ = signed_db(tmp_path / "carol.sqlite", "Carol")
    annotate(alice, "Alice")
    merge_copy(alice.store, bob.store, tmp_path, "alice-share.sqlite")
    clock.advance(5)
    bob.store.save_note(bob.node("1.2"), bob.author.id, "<p>Bob</p>")

    # Carol has never seen Alice: Alice's key comes with Bob's file, and her rows verify against it.
    result = merge_copy(bob.store, carol.store, tmp_path, "bob-share.sqlite")
    assert result.refusals.total == 0 and result.unverified == 0
    assert rows_of(carol.store, alice.author.id) == rows_of(alice.store, alice.author.id)
    assert carol.store.public_key(alice.author.id) == signing.public_text(alice_key)
    assert stored_signature_verifies(carol.store, "ratings", {"node_id": carol.node("1.1"),
                                     "author_id": alice.author.id}, signing.public_text(alice_key))

    # Carol passes everything on again: Alice's rows still verify two hands later.
    dave, _ = signed_db(tmp_path / "dave.sqlite", "Dave")
    onward = merge_copy(carol.store, dave.store, tmp_path, "carol-share.sqlite")
    assert onward.refusals.total == 0 and onward.unverified == 0
    assert rows_of(dave.store, alice.author.id) == rows_of(alice.store, alice.author.id)
    assert dave.store.note(dave.node("1.2"), bob.author.id) is not None

    # And Alice's own database takes her rows back from Dave without a single refusal or change.
    back = merge_copy(dave.store, alice.store, tmp_path, "dave-share.sqlite")
    assert back.refusals.total == 0
    assert back.counts["notes"].added == 1  # Bob's; her own come back unchanged


def test_a_file_from_before_signatures_is_accepted_unverified_once(tmp_path, clock):
    alice, _ = signed_db(tmp_path / "alice.sqlite", "Alice")
    old = tmp_path / "old.sqlite"
    shutil.copyfile(DATA / "schema-v9.sqlite", old)
    result = merge_database(alice.store, old)
    assert result.refusals.total == 0 and result.unverified > 0
    assert any("unverified: their author has no signing key" in line for line in result.summary_lines())
    held = alice.store.db.conn.execute("SELECT count(*) FROM signatures WHERE signature IS NULL").fetchone()[0]
    assert held == result.unverified


def test_upgrading_signs_the_local_analysts_existing_rows(tmp_path, clock):
    path = tmp_path / "mine.sqlite"
    shutil.copyfile(DATA / "schema-v9.sqlite", path)
    key = signing.new_key()
    with Store.open(path) as store:
        conn = store.db.conn
        me = conn.execute("SELECT author_id, count(*) FROM notes GROUP BY author_id ORDER BY 2 DESC").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM unsigned_rows").fetchone()[0] > 0  # queued by the migration
        store.use_signing_key(me, key)
        assert conn.execute("SELECT count(*) FROM unsigned_rows").fetchone()[0] == 0
        note = conn.execute("SELECT node_id FROM notes WHERE author_id = ?", (me,)).fetchone()[0]
        assert stored_signature_verifies(store, "notes", {"node_id": note, "author_id": me},
                                         signing.public_text(key))
        assert stored_signature_verifies(store, "authors", {"id": me}, signing.public_text(key))
        # Rows of anyone else stay unverified: this installation does not hold their keys.
        others = conn.execute("SELECT count(*) FROM notes WHERE author_id != ?", (me,)).fetchone()[0]
        unsigned = conn.execute("SELECT count(*) FROM signatures WHERE signature IS NULL AND row_key LIKE 'notes:%'")
        assert unsigned.fetchone()[0] == others
    # A colleague who takes the upgraded file pins my key and verifies every row of mine.
    colleague, _ = signed_db(tmp_path / "colleague.sqlite", "Colleague")
    with Store.open(path) as store:
        result = merge_copy(store, colleague.store, tmp_path, "mine-share.sqlite")
    assert result.refusals.total == 0
    assert colleague.store.public_key(me) == signing.public_text(key)


def test_a_revision_dated_ahead_of_the_clock_is_refused_and_listed(tmp_path, clock):
    alice, _ = signed_db(tmp_path / "alice.sqlite", "Alice")
    bob = analyst_db(tmp_path / "bob.sqlite", "Bob")  # an analyst without a key: nothing to verify
    bob.store.save_note(bob.node("1.1"), bob.author.id, "<p>a few minutes fast</p>")
    bob.store.save_note(bob.node("1.2"), bob.author.id, "<p>hours ahead</p>")
    shared = share_copy(bob.store, tmp_path / "bob-share.sqlite")
    tamper(shared, "UPDATE notes SET updated_at = ? WHERE node_id = ?", params=(ahead(2), bob.node("1.1")))
    tamper(shared, "UPDATE notes SET updated_at = ? WHERE node_id = ?", params=(ahead(180), bob.node("1.2")))
    result = merge_database(alice.store, shared)
    assert alice.store.note(alice.node("1.1"), bob.author.id) is not None  # a clock 2 minutes fast is a clock
    assert alice.store.note(alice.node("1.2"), bob.author.id) is None
    assert result.counts["notes"].refused == 1 and result.refusals.counts == {FROM_THE_FUTURE: 1}
    assert "1 change refused: dated more than 5 minutes ahead of this computer's clock" in result.summary_lines()


def test_an_edit_of_a_colleagues_row_here_loses_its_signature(tmp_path, clock):
    alice, _ = signed_db(tmp_path / "alice.sqlite", "Alice")
    bob, _ = signed_db(tmp_path / "bob.sqlite", "Bob")
    annotate(bob, "Bob")
    merge_copy(bob.store, alice.store, tmp_path, "bob-share.sqlite")
    clock.advance(5)
    # Changed here without Bob's key (a script, a conflict resolution): no longer what Bob signed.
    alice.store.set_rating(alice.node("1.1"), alice.store.dimension(IMPACT).id, bob.author.id, 1)
    carol, _ = signed_db(tmp_path / "carol.sqlite", "Carol")
    merge_copy(bob.store, carol.store, tmp_path, "bob-again.sqlite")  # Carol knows Bob's key
    result = merge_copy(alice.store, carol.store, tmp_path, "alice-share.sqlite")
    assert result.counts["ratings"].refused == 1
    assert [r.value for r in carol.store.ratings(carol.node("1.1")) if r.author_id == bob.author.id] == [4]


def test_a_colleagues_row_changed_on_the_way_in_is_held_unverified(tmp_path, clock):
    # Bob has no key (a file from before signatures); his note carries a script, removed here,
    # so the note kept is not the row he wrote: it is held unverified with everything else of his.
    alice, _ = signed_db(tmp_path / "alice.sqlite", "Alice")
    bob = analyst_db(tmp_path / "bob.sqlite", "Bob")
    bob.store.save_note(bob.node("1.1"), bob.author.id, "<p>渗透率</p>")
    bob.store.save_note(bob.node("1.2"), bob.author.id, "<p>增长</p>")
    shared = share_copy(bob.store, tmp_path / "bob-share.sqlite")
    tamper(shared, "UPDATE notes SET html = '<p>渗透率<script>alert(1)</script></p>' WHERE node_id = ?",
           params=(bob.node("1.1"),))
    result = merge_database(alice.store, shared)
    assert result.refusals.total == 0 and result.sanitised == 1 and result.counts["notes"].added == 2
    assert alice.store.note(alice.node("1.1"), bob.author.id).html == "<p>渗透率</p>"
    # Bob's author row and both notes, the cleaned one included.
    assert alice.store.unsigned_count() == 3
