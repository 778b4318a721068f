"""Inline styles of node bodies (bold, italic, code, links) kept from DOCX, Markdown and HTML imports.

A nullable column of ``nodes`` holding a JSON list of ``[start, end, kind]`` or
``[start, end, "link", href]`` over the body's code points (editor.core.styles). Text
reports leave it NULL, so adding it rewrites nothing and an import of plain text
writes no more than before.
"""

from __future__ import annotations

from sqlite_utils import Database


def add_node_styles(db: Database) -> None:
    """Migration step: nodes.styles."""
    db.conn.execute("ALTER TABLE nodes ADD COLUMN styles TEXT")
