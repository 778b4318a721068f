"""What the local file remembers about each team hub it syncs with (never the password or the address).

One row per hub, keyed by the id the hub was given at ``hub init``: the client id this copy
pushes under (so a pull skips rows it sent itself), the last change number of the hub's feed
applied here, and the newest ``updated_at`` of our own rows the hub has confirmed.
"""

from __future__ import annotations

from sqlite_utils import Database

HUB_SYNC = """
CREATE TABLE hub_sync (
    hub_id        TEXT PRIMARY KEY,
    client_id     TEXT NOT NULL,
    pulled_seq    INTEGER NOT NULL DEFAULT 0,  -- the hub's change sequence, applied up to here
    pushed_through TEXT,                       -- our rows changed after this stamp are pending
    synced_at     TEXT
)
"""


def add_hub_sync(db: Database) -> None:
    """Migration step: the hub_sync table."""
    db.conn.execute(HUB_SYNC)
