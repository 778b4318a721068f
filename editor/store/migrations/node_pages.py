"""The page each node starts on in the original document, for reports imported from paged formats (PDF).

A table of its own rather than a column of ``nodes``: only paged reports have rows in it, so
importing a text report writes nothing more, and ``nodes`` keeps the columns older files have.
"""

from __future__ import annotations

from sqlite_utils import Database

NODE_PAGES = """
CREATE TABLE node_pages (
    node_id TEXT PRIMARY KEY REFERENCES nodes(id),
    page    INTEGER NOT NULL CHECK (page >= 1)  -- 1-based, as the PDF reader numbers its pages
)
"""


def add_node_pages(db: Database) -> None:
    """Migration step: the node_pages table."""
    db.conn.execute(NODE_PAGES)
