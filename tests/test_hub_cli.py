"""The hub from the command line: init, grant, sync, and one line (never a password) for every failure."""

from __future__ import annotations

import psycopg

from editor.cli.main import main
from editor.identity import save_identity
from tests.test_hub_support import hub, pg_server  # noqa: F401
from tests.test_merge_support import analyst_db


def _run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_init_grant_and_sync_from_the_command_line(pg_server, tmp_path, capsys):
    dbname = pg_server.new_database()
    admin = pg_server.url(dbname=dbname)
    code, out, _err = _run(capsys, "hub", "init", admin)
    assert code == 0 and "schema 1 (created)" in out and "admin-secret" not in out
    assert _run(capsys, "hub", "upgrade", admin)[0] == 0
    role = pg_server.new_role("s3cret")
    code, out, _err = _run(capsys, "hub", "grant", admin, role)
    assert code == 0 and "first sync decides" in out
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice", save_identity("Alice").id)
    node = alice.node(next(iter(alice.nodes)))
    alice.store.save_note(node, alice.author.id, "<p>from the command line</p>")
    alice.store.close()
    url = pg_server.url(role, "s3cret", dbname, tcp=True)
    code, out, err = _run(capsys, "--db", str(tmp_path / "alice.sqlite"), "--author", "Alice", "sync", url)
    assert code == 0, err
    assert "s3cret" not in out and "synced with" in out
    with psycopg.connect(admin) as conn:
        assert conn.execute("SELECT author_id FROM trendmark.members WHERE role = %s", (role,)).fetchone()[0] \
            == alice.author.id
        assert conn.execute("SELECT count(*) FROM trendmark.rows WHERE kind = 'notes'").fetchone()[0] == 1
    # The local file keeps no address and no password.
    raw = (tmp_path / "alice.sqlite").read_bytes()
    assert b"s3cret" not in raw and str(pg_server.port).encode() + b"/" + dbname.encode() not in raw


def test_each_failure_is_one_line_without_the_password(hub, tmp_path, capsys):
    analyst_db(tmp_path / "a.sqlite", "Alice").store.close()
    role = hub.role()
    server = hub.server
    db = ["--db", str(tmp_path / "a.sqlite"), "--author", "Alice"]
    cases = {
        "refused the password": server.url(role, "wrong-pw", hub.dbname),
        "no database nosuchdb": server.url(role, "pw", "nosuchdb"),
        "cannot reach the hub server": f"postgresql://{role}:pw@127.0.0.1:1/{hub.dbname}",
        "bad hub address": "postgresql://x:pw@/db?colour=blue",
        "cannot reach the hub server at no-such-host.invalid": "postgresql://x:pw@no-such-host.invalid/db",
        "not set up": server.url(dbname=server.new_database()),
        "is not granted": server.url(server.new_role("pw"), "pw", hub.dbname),
    }
    for expected, url in cases.items():
        code, _out, err = _run(capsys, *db, "sync", url)
        assert code == 2, (expected, err)
        assert err.startswith("error: ") and err.count("\n") == 1, err
        assert expected in err, err
        assert "wrong-pw" not in err and ":pw@" not in err and "admin-secret" not in err
