"""Revised editions: a report's history of editions, how their nodes match, where each highlight went.

Each edition is a report of its own (its id derived from its text, as always), so the
old edition stays exactly as it was, annotations and all. These tables only link them.
"""

from __future__ import annotations

from sqlite_utils import Database

EDITIONS_SCHEMA = """
-- One row per edition that revises another: ``report_id`` is the newer edition.
-- The current edition of a report is the one no row revises.
CREATE TABLE report_editions (
    report_id   TEXT PRIMARY KEY REFERENCES reports(id),
    previous_id TEXT NOT NULL UNIQUE REFERENCES reports(id),
    edition     INTEGER NOT NULL CHECK (edition >= 2),
    created_at  TEXT NOT NULL,
    CHECK (report_id <> previous_id)
);
-- Each node of the older edition and the node it became (NULL: removed), with how it was matched.
CREATE TABLE node_matches (
    old_node_id TEXT NOT NULL REFERENCES nodes(id),
    report_id   TEXT NOT NULL REFERENCES reports(id),
    new_node_id TEXT REFERENCES nodes(id),
    method      TEXT NOT NULL,
    score       REAL NOT NULL,
    PRIMARY KEY (old_node_id, report_id)
);
CREATE INDEX node_matches_by_new ON node_matches(new_node_id);
-- Each highlight of the older edition carried into ``report_id``: placed (``highlight_id``
-- names its copy there) or an orphan (``placement`` 'orphan') until re-attached or discarded.
CREATE TABLE highlight_carries (
    old_highlight_id TEXT NOT NULL REFERENCES highlights(id),
    report_id        TEXT NOT NULL REFERENCES reports(id),
    highlight_id     TEXT REFERENCES highlights(id),
    placement        TEXT NOT NULL CHECK (placement IN ('exact', 'moved', 'fuzzy', 'orphan')),
    score            REAL NOT NULL,
    resolution       TEXT CHECK (resolution IN ('reattached', 'discarded')),
    resolved_at      TEXT,
    created_at       TEXT NOT NULL,
    PRIMARY KEY (old_highlight_id, report_id)
);
CREATE INDEX highlight_carries_orphans ON highlight_carries(report_id) WHERE placement = 'orphan'
"""


def add_editions(db: Database) -> None:
    """Migration step: the three tables that link a report's editions."""
    for statement in EDITIONS_SCHEMA.split(";"):
        if statement.strip():
            db.conn.execute(statement)
