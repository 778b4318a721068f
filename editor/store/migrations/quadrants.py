"""Each report's trend-matrix quadrant labels and grid, so colleagues see the same picture."""

from __future__ import annotations

from sqlite_utils import Database

# One row per report; no row means the default labels. The stamps follow every
# annotation table's (created/updated/deleted) so the row can travel by last-writer-wins.
REPORT_QUADRANTS = """
CREATE TABLE report_quadrants (
    report_id    TEXT PRIMARY KEY REFERENCES reports(id),
    top_left     TEXT NOT NULL,
    top_right    TEXT NOT NULL,
    bottom_left  TEXT NOT NULL,
    bottom_right TEXT NOT NULL,
    x_split      REAL,  -- NULL: the middle of the x scale
    y_split      REAL,
    grid         INTEGER NOT NULL DEFAULT 1,
    author_id    TEXT REFERENCES authors(id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
)
"""


def add_report_quadrants(db: Database) -> None:
    """Migration step: the report_quadrants table."""
    db.conn.execute(REPORT_QUADRANTS)
