"""A sync cut off by the server going away mid-push leaves both sides consistent, and the next one resumes."""

from __future__ import annotations

import pytest

from editor.core.errors import StoreError
from editor.operations.hub import sync
from editor.sync import hub as hub_module
from tests.test_hub_support import hub, member, pg_server  # noqa: F401
from tests.test_hub_sync import _annotate, _dump
from tests.test_merge_support import clock  # noqa: F401


def test_server_killed_between_batches_then_resumed_converges(hub, tmp_path, clock, monkeypatch):
    alice, alice_url = member(hub, tmp_path, "Alice")
    bob, bob_url = member(hub, tmp_path, "Bob")
    _annotate(alice, 12, "alice")
    monkeypatch.setattr(hub_module, "BATCH_ROWS", 5)
    real_push = hub_module.Hub.push_batch
    pushed = []

    def crash_after_first(self, *args):
        if pushed:
            hub.server.stop("immediate")  # a crash, as far as the client can tell
        pushed.append(real_push(self, *args))
        return pushed[-1]

    monkeypatch.setattr(hub_module.Hub, "push_batch", crash_after_first)
    with pytest.raises(StoreError, match="connection to the hub was lost while pushing changes"):
        sync(alice.store, alice_url, alice.author.id)
    hub.server.start()
    state = alice.store.db.conn.execute("SELECT pushed_through, pulled_seq FROM hub_sync").fetchall()
    assert state == []  # nothing recorded locally: the whole push is due again
    monkeypatch.setattr(hub_module.Hub, "push_batch", real_push)
    # Bob pulls the part that reached the hub: consistent rows, nothing half-written.
    sync(bob.store, bob_url, bob.author.id)
    assert alice.author.id in {a.id for a in bob.store.authors()}
    assert len(bob.store.notes()) < 12
    sync(alice.store, alice_url, alice.author.id)
    sync(bob.store, bob_url, bob.author.id)
    assert len(bob.store.notes()) == 12
    assert _dump(alice) == _dump(bob)


def test_server_down_before_the_pull_applies_nothing(hub, tmp_path, clock, monkeypatch):
    alice, alice_url = member(hub, tmp_path, "Alice")
    bob, bob_url = member(hub, tmp_path, "Bob")
    _annotate(alice, 3, "alice")
    sync(alice.store, alice_url, alice.author.id)
    real_pull = hub_module.Hub.pull

    def crash_first(self, *args):
        hub.server.stop("immediate")
        return real_pull(self, *args)

    monkeypatch.setattr(hub_module.Hub, "pull", crash_first)
    with pytest.raises(StoreError, match="lost while pulling"):
        sync(bob.store, bob_url, bob.author.id)
    hub.server.start()
    assert bob.store.notes() == []
    monkeypatch.setattr(hub_module.Hub, "pull", real_pull)
    sync(bob.store, bob_url, bob.author.id)
    sync(alice.store, alice_url, alice.author.id)
    assert _dump(alice) == _dump(bob)
