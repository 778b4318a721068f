"""``trendmark identity`` and signed merges from the command line: one analyst, two machines, forged files.

Each "machine" is its own config folder (XDG_CONFIG_HOME), which is where the identity and
the signing key live; databases are shared between them as files, as analysts do.
"""

from __future__ import annotations

import io
import json
import sqlite3
import stat

import pytest

from editor import identity
from editor.store import Store
from tests.test_merge_cli import content, ok, one_line_error

PASSPHRASE = "correct horse battery"


@pytest.fixture
def machines(tmp_path, monkeypatch):
    """Switch between two installations by name: ``use("laptop")``."""

    def use(name: str) -> None:
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / name / "config"))
        if identity.load_identity() is None:  # the analyst's name, as the first run asks for it
            identity.save_identity({"bob": "Bob"}.get(name, "Alice"))

    return use


def typed(monkeypatch, text: str) -> None:
    """What the user pipes into the command (standard input is not a terminal here)."""
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def shown(capsys) -> dict:
    return json.loads(ok(capsys, "identity", "show", "--json"))


def test_the_key_lives_in_the_config_folder_for_the_owner_only_never_in_the_database(
        machines, tmp_path, sample_path, capsys):
    machines("laptop")
    db = tmp_path / "alice.sqlite"
    ok(capsys, "--db", str(db), "--author", "Alice", "import", str(sample_path))
    ok(capsys, "--db", str(db), "note", "1.1", "--text", "签名的笔记")
    key_file = identity.config_dir() / "signing-key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    seed = key_file.read_text(encoding="ascii").strip()
    with Store.open(db, read_only=True) as store:
        me = shown(capsys)
        assert store.public_key(me["id"]) == me["key"]
        assert store.unsigned_count() == 0
    everything = b"".join(p.read_bytes() for p in tmp_path.glob("alice.sqlite*"))
    assert seed.encode() not in everything and bytes.fromhex(seed) not in everything


def test_one_analyst_on_two_machines_stays_one_author_after_identity_import(
        machines, monkeypatch, tmp_path, sample_path, capsys):
    machines("desk")
    desk_db, laptop_db = tmp_path / "desk.sqlite", tmp_path / "laptop.sqlite"
    ok(capsys, "--db", str(desk_db), "--author", "Alice", "import", str(sample_path))
    ok(capsys, "--db", str(desk_db), "note", "1.1", "--text", "在台式机上写的")
    desk = shown(capsys)
    key_file = tmp_path / "alice.key"
    typed(monkeypatch, PASSPHRASE + "\n")
    ok(capsys, "identity", "export", str(key_file))
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert identity.config_dir().joinpath("signing-key").read_text().strip() not in key_file.read_text()

    machines("laptop")
    typed(monkeypatch, "not the passphrase\n")
    assert "does not open it" in one_line_error(capsys, "identity", "import", str(key_file))
    typed(monkeypatch, PASSPHRASE + "\n")
    assert desk["id"] in ok(capsys, "identity", "import", str(key_file))
    assert shown(capsys) == desk
    ok(capsys, "--db", str(laptop_db), "import", str(sample_path))
    ok(capsys, "--db", str(laptop_db), "note", "1.2", "--text", "在笔记本上写的")
    ok(capsys, "--db", str(laptop_db), "share", "--out", str(tmp_path / "laptop-share.sqlite"))

    machines("desk")
    merged = json.loads(ok(capsys, "--db", str(desk_db), "merge", "--json", str(tmp_path / "laptop-share.sqlite")))
    assert merged["kinds"]["authors"]["added"] == 0 and merged["kinds"]["notes"]["added"] == 1
    assert merged["refused"]["total"] == 0 and merged["unverified"] == 0
    with Store.open(desk_db, read_only=True) as store:
        assert [a.name for a in store.authors()] == ["Alice"]


def test_without_the_identity_the_second_machine_is_a_second_author(machines, tmp_path, sample_path, capsys):
    machines("desk")
    desk_db, laptop_db = tmp_path / "desk.sqlite", tmp_path / "laptop.sqlite"
    ok(capsys, "--db", str(desk_db), "--author", "Alice", "import", str(sample_path))
    ok(capsys, "--db", str(desk_db), "note", "1.1", "--text", "desk Alice")
    machines("laptop")
    ok(capsys, "--db", str(laptop_db), "--author", "Alice", "import", str(sample_path))
    ok(capsys, "--db", str(laptop_db), "note", "1.2", "--text", "another Alice")
    ok(capsys, "--db", str(laptop_db), "share", "--out", str(tmp_path / "laptop-share.sqlite"))
    machines("desk")
    out = ok(capsys, "--db", str(desk_db), "merge", str(tmp_path / "laptop-share.sqlite"))
    assert "authors: 1 added" in out
    with Store.open(desk_db, read_only=True) as store:
        assert [a.name for a in store.authors()] == ["Alice", "Alice"]


def test_merge_lists_forged_rows_as_refused(machines, tmp_path, sample_path, capsys):
    machines("alice")
    alice_db = tmp_path / "alice.sqlite"
    ok(capsys, "--db", str(alice_db), "--author", "Alice", "import", str(sample_path))
    ok(capsys, "--db", str(alice_db), "note", "1.1", "--text", "Alice 的看法")
    ok(capsys, "--db", str(alice_db), "rate", "1.1", "impact=4")
    ok(capsys, "--db", str(alice_db), "share", "--out", str(tmp_path / "alice-share.sqlite"))
    machines("bob")
    bob_db = tmp_path / "bob.sqlite"
    ok(capsys, "--db", str(bob_db), "--author", "Bob", "import", str(sample_path))
    ok(capsys, "--db", str(bob_db), "merge", str(tmp_path / "alice-share.sqlite"))
    ok(capsys, "--db", str(bob_db), "share", "--out", str(tmp_path / "bob-share.sqlite"))
    conn = sqlite3.connect(tmp_path / "bob-share.sqlite")
    conn.execute("UPDATE notes SET html = '<p>forged</p>', text = 'forged' WHERE html LIKE '%Alice%'")
    conn.execute("UPDATE ratings SET value = 1 WHERE value = 4")
    conn.commit()
    conn.close()

    machines("alice")
    before = content(alice_db)
    out = ok(capsys, "--db", str(alice_db), "merge", str(tmp_path / "bob-share.sqlite"))
    assert "2 changes refused: not signed by their author" in out.splitlines()
    assert "  refused notes: note by «Alice» on 1.1 (not signed by their author)" in out.splitlines()
    assert dict(content(alice_db))["notes"] == dict(before)["notes"]


def test_a_file_that_adds_a_dimension_merges_only_with_consent(machines, tmp_path, sample_path, capsys):
    alice_db, bob_db = tmp_path / "alice.sqlite", tmp_path / "bob.sqlite"
    machines("alice")
    ok(capsys, "--db", str(alice_db), "--author", "Alice", "import", str(sample_path))
    machines("bob")
    ok(capsys, "--db", str(bob_db), "--author", "Bob", "import", str(sample_path))
    with Store.open(bob_db) as store:
        store.add_dimension("Urgency", 1, 7)
    ok(capsys, "--db", str(bob_db), "rate", "1.1", "urgency=6")
    ok(capsys, "--db", str(bob_db), "share", "--out", str(tmp_path / "bob-share.sqlite"))

    machines("alice")
    before = content(alice_db)
    error = one_line_error(capsys, "--db", str(alice_db), "merge", str(tmp_path / "bob-share.sqlite"))
    assert error == ("error: bob-share.sqlite adds the dimension «Urgency» (1–7):"
                     " merge with --accept-dimensions to accept")
    assert content(alice_db) == before
    preview = ok(capsys, "--db", str(alice_db), "merge", "--dry-run", str(tmp_path / "bob-share.sqlite"))
    assert "their file adds the dimension «Urgency» (1–7)" in preview.splitlines()
    out = ok(capsys, "--db", str(alice_db), "merge", "--accept-dimensions", str(tmp_path / "bob-share.sqlite"))
    assert "ratings: 1 added" in out
