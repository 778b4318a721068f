"""The team hub: set one up, let a role in, and sync the local database with it.

A sync pushes our rows changed since the last push, in batches of one server transaction
each, then pulls every row other clients wrote after the last change number applied here and
merges them with the file-merge rules in one local transaction that also moves the number.
Interrupted anywhere, both sides stay consistent: a batch is on the hub or not, the pull is
applied or not, and the next sync sends again what the hub did not confirm (it ignores rows it
already holds) and pulls again what was not applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from editor.operations.changes import EVERYTHING, NOTHING, Changes
from editor.store import Store
from editor.store import hub as local
from editor.store.merge import MergeResult
from editor.sync.connection import without_password
from editor.sync.hub import Hub, batches


@dataclass
class SyncResult:
    """What a sync did: rows pushed, the merge of what was pulled, the change number reached."""

    hub: str  # the address, without any password
    pushed: int
    pushed_changed: int
    merge: MergeResult
    seq: int

    @property
    def changed(self) -> bool:
        return self.merge.changed

    @property
    def conflicts(self) -> int:
        return len(self.merge.conflict_ids)

    def summary_lines(self) -> list[str]:
        lines = [f"synced with {self.hub} (change {self.seq})",
                 f"pushed {self.pushed_changed} change(s)" + (f" of {self.pushed} row(s) sent" if self.pushed != self.pushed_changed else "")]
        lines.extend(self.merge.summary_lines()[1:] if self.merge.changed else ["pulled: nothing new"])
        return lines


def init_hub(address: str) -> tuple[int, int]:
    """Create the hub schema in the database at ``address`` (or bring it up to date); (old, new) versions."""
    with Hub(address) as hub:
        return hub.upgrade(create=True)


def upgrade_hub(address: str) -> tuple[int, int]:
    """Apply the hub migrations a set-up hub lacks; (old, new) versions."""
    with Hub(address) as hub:
        return hub.upgrade(create=False)


def grant_role(address: str, role: str, author_id: str | None = None) -> str | None:
    """Let a PostgreSQL role take part as one analyst (``author_id``, else whoever it first syncs as)."""
    with Hub(address) as hub:
        return hub.grant(role, author_id)


def sync(store: Store, address: str, author_id: str) -> Changes:
    """Push our changes and pull everyone else's; ``result`` is a SyncResult. StoreError (one line) on failure."""
    with Hub(address) as hub:
        member = hub.member(author_id)
        state = local.hub_state(store, member.hub_id)
        todo = local.pending(store, author_id, state.pushed_through)
        missing = hub.missing_reports(todo.report_ids)
        hub.push_reports(member, state.client_id, (local.report_rows(store, rid) for rid in missing))
        changed = sum(hub.push_batch(member, state.client_id, batch) for batch in batches(todo.rows))
        # The mark moves only once every batch is on the hub: an interrupted push is sent again.
        state = local.record_push(store, state, todo.mark)
        pulled = hub.pull(state.pulled_seq, state.client_id)
    theirs = local.their_rows("team hub", pulled.rows, pulled.reports)
    merge, state = local.apply_pulled(store, theirs, state, pulled.seq, Path("team hub"))
    result = SyncResult(hub.label, len(todo.rows), changed, merge, state.pulled_seq)
    return (EVERYTHING if merge.changed else NOTHING).with_result(result)


@dataclass(frozen=True)
class SyncStatus:
    """The status bar's view of the hub: when we last synced, and how many of our changes wait."""

    synced_at: str | None
    pending: int


def sync_status(store: Store, author_id: str) -> SyncStatus:
    state = local.last_sync(store)
    since = state.pushed_through if state else None
    return SyncStatus(state.synced_at if state else None, local.pending_count(store, author_id, since))


def shown_address(address: str) -> str:
    """The address as it may be shown or remembered: never with a password."""
    return without_password(address)
