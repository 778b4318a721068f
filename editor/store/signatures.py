"""Which columns of which rows an author signs, and signing the local analyst's changed rows.

The signed content of a row (``SIGNED``) is its identity, what a merge compares, its
``updated_at`` and, for notes, highlight comments and ratings, its text revision
(``text_revisions``). Derived columns (a note's plain text, a highlight's quote context)
and ``created_at`` are not signed: the receiving side recomputes or merges them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from nacl.signing import SigningKey

from editor.core import signing

from editor.store.migrations.rating_revisions import rating_key


@dataclass(frozen=True)
class Signed:
    """One signed table: its key columns, the signed content columns, and where its revision is kept."""

    table: str
    key: tuple[str, ...]
    content: tuple[str, ...]
    author: str  # the column naming the row's author
    revision_id: Callable[[Mapping[str, Any]], str] | None = None  # text_revisions.row_id of the row


SIGNED: dict[str, Signed] = {
    "authors": Signed("authors", ("id",), ("name", "public_key", "updated_at"), "id"),
    "notes": Signed("notes", ("node_id", "author_id"), ("html", "updated_at", "deleted_at"), "author_id",
                    lambda row: str(row["id"])),
    "highlights": Signed("highlights", ("id",), ("node_id", "author_id", "start", "end", "color", "comment_html",
                                                  "updated_at", "deleted_at"), "author_id",
                         lambda row: str(row["id"])),
    "ratings": Signed("ratings", ("node_id", "dimension_id", "author_id"), ("value", "updated_at", "deleted_at"),
                      "author_id",
                      lambda row: rating_key(str(row["node_id"]), str(row["dimension_id"]), str(row["author_id"]))),
    "node_tags": Signed("node_tags", ("node_id", "tag_id", "author_id"), ("updated_at", "deleted_at"), "author_id"),
    "highlight_tags": Signed("highlight_tags", ("highlight_id", "tag_id", "author_id"), ("updated_at", "deleted_at"),
                             "author_id"),
}


def row_key(table: str, row: Mapping[str, Any]) -> str:
    """The row's key in ``signatures`` (the SQL form is migrations.signatures.ROW_KEYS)."""
    return ":".join((table, *(str(row[column]) for column in SIGNED[table].key)))


def message(table: str, row: Mapping[str, Any], revision: str | None) -> bytes:
    """The bytes an author signs for this revision of ``row``; TypeError for values no Trendmark row holds."""
    spec = SIGNED[table]
    values = [row[column] for column in (*spec.key, *spec.content)]
    for value in values:
        if not (value is None or isinstance(value, str | int)) or isinstance(value, bool):
            raise TypeError(f"unexpected {type(value).__name__} in a signed column")
    return signing.canonical(table, str(row[spec.author]), values, revision)


def _select(table: str) -> tuple[str, tuple[str, ...]]:
    spec = SIGNED[table]
    columns = dict.fromkeys((*spec.key, *spec.content, spec.author, "id" if spec.revision_id else spec.author))
    where = " AND ".join(f'"{column}" = ?' for column in spec.key)
    return f"SELECT {', '.join(f'{chr(34)}{c}{chr(34)}' for c in columns)} FROM {table} WHERE {where}", tuple(columns)


_QUERIES = {table: _select(table) for table in SIGNED}


def sign_pending(conn: sqlite3.Connection, author_id: str, key: SigningKey) -> int:
    """Sign every queued row of ``author_id``; a queued row of anyone else loses its signature.

    Called inside the transaction that changed the rows, just before it commits. Returns
    how many rows were signed.
    """
    queued = [key_ for (key_,) in conn.execute("SELECT row_key FROM unsigned_rows")]
    if not queued:
        return 0
    signed: list[tuple[str, str | None]] = []
    count = 0
    for key_ in queued:
        table, _, rest = key_.partition(":")
        if table not in SIGNED:
            continue
        sql, columns = _QUERIES[table]
        found = conn.execute(sql, rest.split(":")).fetchone()
        if found is None:
            signed.append((key_, None))
            continue
        row = dict(zip(columns, found, strict=True))
        if row[SIGNED[table].author] != author_id:
            # Changed here by someone who does not hold that author's key: no longer theirs as signed.
            signed.append((key_, None))
            continue
        signed.append((key_, signing.sign(key, message(table, row, revision_of(conn, table, row)))))
        count += 1
    conn.executemany("INSERT INTO signatures (row_key, signature) VALUES (?, ?)"
                     " ON CONFLICT (row_key) DO UPDATE SET signature = excluded.signature", signed)
    conn.execute("DELETE FROM unsigned_rows")
    return count


def revision_of(conn: sqlite3.Connection, table: str, row: Mapping[str, Any]) -> str | None:
    """The row's current text revision (None for tables without revisions)."""
    revision_id = SIGNED[table].revision_id
    if revision_id is None:
        return None
    found = conn.execute("SELECT revision FROM text_revisions WHERE row_id = ?", (revision_id(row),)).fetchone()
    return None if found is None else str(found[0])
