"""Analysts converge through a real PostgreSQL hub, with the file-merge rules and authorship enforced by the server."""

from __future__ import annotations

import psycopg
import pytest

from editor.core.errors import StoreError
from editor.operations.hub import sync
from tests.test_hub_support import hub, member, pg_server  # noqa: F401
from tests.test_merge_support import annotations, clock  # noqa: F401


def _annotate(analyst, n: int, words: str) -> None:
    paths = list(analyst.nodes)[:n]
    for path in paths:
        analyst.store.save_note(analyst.node(path), analyst.author.id, f"<p>{words} {path}</p>")
        analyst.store.add_node_tag(analyst.node(path), "Risk", analyst.author.id)


def _dump(analyst):
    rows = annotations(analyst.store)
    rows.pop("conflicts")
    return rows


def test_two_analysts_converge_with_deletions(hub, tmp_path, clock):
    alice, alice_url = member(hub, tmp_path, "Alice")
    bob, bob_url = member(hub, tmp_path, "Bob")
    _annotate(alice, 3, "alice on")
    _annotate(bob, 2, "bob on")
    sync(alice.store, alice_url, alice.author.id)
    result = sync(bob.store, bob_url, bob.author.id).result
    assert result.merge.counts["notes"].added == 3
    sync(alice.store, alice_url, alice.author.id)
    assert _dump(alice) == _dump(bob)
    # A deletion travels as a tombstone.
    first = next(iter(alice.nodes))
    alice.store.save_note(alice.node(first), alice.author.id, "")
    sync(alice.store, alice_url, alice.author.id)
    sync(bob.store, bob_url, bob.author.id)
    assert bob.store.note(bob.node(first), alice.author.id) is None
    assert _dump(alice) == _dump(bob)
    # Nothing new: a sync changes nothing and pushes nothing.
    again = sync(bob.store, bob_url, bob.author.id).result
    assert not again.changed and again.pushed_changed == 0


def test_five_analysts_converge(hub, tmp_path, clock):
    people = [member(hub, tmp_path, name) for name in ("Ann", "Ben", "Cai", "Dee", "Eli")]
    for i, (analyst, _url) in enumerate(people):
        _annotate(analyst, i + 1, analyst.author.name)
    for _round in range(2):
        for analyst, url in people:
            sync(analyst.store, url, analyst.author.id)
    dumps = [_dump(analyst) for analyst, _url in people]
    assert all(d == dumps[0] for d in dumps)
    assert len(dumps[0]["notes"]) == 1 + 2 + 3 + 4 + 5


def test_a_text_edited_on_two_devices_comes_back_as_a_conflict(hub, tmp_path, clock):
    laptop, url = member(hub, tmp_path, "Alice")
    node = laptop.node(next(iter(laptop.nodes)))
    laptop.store.save_note(node, laptop.author.id, "<p>first</p>")
    sync(laptop.store, url, laptop.author.id)
    from tests.test_merge_support import analyst_db
    desktop = analyst_db(tmp_path / "desktop.sqlite", "Alice", laptop.author.id)
    sync(desktop.store, url, desktop.author.id)
    assert desktop.store.note(node, laptop.author.id).html == "<p>first</p>"
    laptop.store.save_note(node, laptop.author.id, "<p>laptop words</p>")
    desktop.store.save_note(node, laptop.author.id, "<p>desktop words</p>")
    sync(desktop.store, url, desktop.author.id)
    result = sync(laptop.store, url, laptop.author.id).result
    assert result.conflicts == 1
    (row,) = laptop.store.db.conn.execute("SELECT kind, kept_text, other_text, source FROM conflicts").fetchall()
    assert row[0] == "note" and {row[1], row[2]} == {"laptop words", "desktop words"} and row[3] == "team hub"


def test_a_role_cannot_change_a_colleagues_rows_with_plain_sql(hub, tmp_path, clock):
    alice, alice_url = member(hub, tmp_path, "Alice")
    bob, bob_url = member(hub, tmp_path, "Bob")
    _annotate(alice, 2, "alice")
    _annotate(bob, 1, "bob")
    sync(alice.store, alice_url, alice.author.id)
    sync(bob.store, bob_url, bob.author.id)
    a = alice.author.id
    with psycopg.connect(bob_url, autocommit=True) as conn:
        # Reading is open to every member.
        assert conn.execute("SELECT count(*) FROM trendmark.rows WHERE author_id = %s", (a,)).fetchone()[0] > 0
        assert conn.execute("UPDATE trendmark.rows SET data = '{}' WHERE author_id = %s", (a,)).rowcount == 0
        assert conn.execute("DELETE FROM trendmark.rows WHERE author_id = %s", (a,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO trendmark.rows (kind, author_id, key, origin, data)"
                         " VALUES ('notes', %s, 'x', gen_random_uuid(), '{}')", (a,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE trendmark.rows SET author_id = %s WHERE author_id = %s", (a, bob.author.id))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE trendmark.members SET author_id = %s", (a,))
        assert conn.execute("DELETE FROM trendmark.reports").rowcount == 0
    with psycopg.connect(alice_url) as conn:
        assert conn.execute("SELECT count(*) FROM trendmark.rows WHERE author_id = %s AND data <> '{}'",
                            (a,)).fetchone()[0] > 0


def test_an_ungranted_role_and_an_uninitialised_database_are_one_line(hub, tmp_path, clock):
    alice, _url = member(hub, tmp_path, "Alice")
    stranger = hub.server.new_role("pw")
    with pytest.raises(StoreError, match=f"role {stranger} is not granted"):
        sync(alice.store, hub.url(stranger), alice.author.id)
    bare = hub.server.new_database()
    with pytest.raises(StoreError, match="not set up"):
        sync(alice.store, hub.server.url(dbname=bare), alice.author.id)


def test_rows_pulled_from_the_hub_keep_their_signatures_when_shared_on(hub, tmp_path, clock):
    from editor.core import signing
    from tests.test_merge_support import analyst_db, merge_copy

    alice, alice_url = member(hub, tmp_path, "Alice")
    bob, bob_url = member(hub, tmp_path, "Bob")
    alice_key = signing.new_key()
    alice.store.use_signing_key(alice.author.id, alice_key)
    _annotate(alice, 2, "alice on")
    sync(alice.store, alice_url, alice.author.id)
    sync(bob.store, bob_url, bob.author.id)
    assert bob.store.public_key(alice.author.id) == signing.public_text(alice_key)
    # Carol is not on the hub: she gets Bob's file, and Alice's rows in it verify.
    carol = analyst_db(tmp_path / "carol.sqlite", "Carol")
    carol.store.use_signing_key(carol.author.id, signing.new_key())
    result = merge_copy(bob.store, carol.store, tmp_path, "bob-share.sqlite")
    assert result.refusals.total == 0 and result.counts["notes"].added == 2
    held = carol.store.db.conn.execute(
        "SELECT count(*) FROM signatures s JOIN notes n ON s.row_key = 'notes:' || n.node_id || ':' || n.author_id"
        " WHERE n.author_id = ? AND s.signature IS NOT NULL", (alice.author.id,)).fetchone()[0]
    assert held == 2
