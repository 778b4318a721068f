"""Talking to a hub: set it up, let a role in, push our rows in batches, pull everyone else's after a change number."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from editor.core.errors import StoreError
from editor.sync.connection import connect, lost, without_password
from editor.sync.schema import GRANTS, MIGRATIONS

# Pushes take this lock for their transaction, so change numbers are committed in the order
# they are handed out: a reader that has seen number N has seen every number below it.
_PUSH_LOCK = 0x54524D4B
BATCH_ROWS = 5_000


@dataclass(frozen=True)
class Member:
    """Who we are on this hub: the role, the analyst it writes as, the hub's id."""

    role: str
    author_id: str | None
    hub_id: str


@dataclass
class Pulled:
    """What a pull read, from one snapshot of the hub: rows, reports, and the change number it reached."""

    rows: list[tuple[str, dict[str, Any]]]
    reports: list[tuple[dict[str, Any], list[dict[str, Any]]]]
    seq: int


class Hub:
    """An open connection to a hub; use as a context manager."""

    def __init__(self, address: str) -> None:
        self.label = without_password(address)
        self.conn = connect(address)

    def __enter__(self) -> Hub:
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.close()

    # -- setting up -------------------------------------------------------------------------

    def version(self) -> int | None:
        """The hub schema's version, or None when this database was never set up as a hub."""
        with self.conn.transaction():
            exists = self.conn.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname = 'trendmark' AND c.relname = 'schema_version')").fetchone()
            if not exists or not exists[0]:
                return None
            usable = self.conn.execute("SELECT has_schema_privilege('trendmark', 'USAGE')").fetchone()
            if not usable or not usable[0]:
                return -1  # set up, but not for us
            row = self.conn.execute("SELECT max(version) FROM trendmark.schema_version").fetchone()
        return int(row[0] or 0) if row else 0

    def upgrade(self, *, create: bool) -> tuple[int, int]:
        """Apply the migrations this hub lacks (creating the schema when ``create``); (old, new) versions."""
        try:
            current = self.version()
            with self.conn.transaction():
                if current is None:
                    if not create:
                        raise StoreError(f"the hub at {self.label} is not set up: run trendmark hub init first")
                    self.conn.execute("CREATE SCHEMA trendmark")
                    self.conn.execute("CREATE TABLE trendmark.schema_version (version int NOT NULL)")
                    current = 0
                elif current < 0:
                    raise StoreError("only the hub's owner can upgrade it")
                if current > len(MIGRATIONS):
                    raise StoreError(f"the hub is at schema {current}, newer than this Trendmark knows: update it")
                for number in range(current, len(MIGRATIONS)):
                    self.conn.execute(MIGRATIONS[number])
                    self.conn.execute("INSERT INTO trendmark.schema_version VALUES (%s)", (number + 1,))
                # A migration's new tables reach the roles already granted.
                for (role,) in self.conn.execute("SELECT role FROM trendmark.members").fetchall():
                    self._grant_rights(role)
        except psycopg.Error as exc:
            raise lost(exc, "setting up the hub") from None
        return current, len(MIGRATIONS)

    def _grant_rights(self, role: str) -> None:
        for statement in GRANTS:
            self.conn.execute(sql.SQL(statement).format(role=sql.Identifier(role)))

    def grant(self, role: str, author_id: str | None) -> str | None:
        """Let an existing PostgreSQL role take part as one analyst; returns the analyst's id (None: claimed on first sync)."""
        if author_id is not None:
            try:
                author_id = str(uuid.UUID(author_id))
            except ValueError:
                raise StoreError(f"--author takes an analyst id (a UUID), not {author_id!r}") from None
        version = self.version()
        if version is None:
            raise StoreError(f"the hub at {self.label} is not set up: run trendmark hub init first")
        try:
            with self.conn.transaction():
                if self.conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
                    raise StoreError(f"no PostgreSQL role named {role}: create it first (CREATE ROLE {role} LOGIN)")
                taken = self.conn.execute("SELECT role FROM trendmark.members WHERE author_id = %s AND role <> %s",
                                          (author_id, role)).fetchone() if author_id else None
                if taken:
                    raise StoreError(f"analyst {author_id} is already granted to role {taken[0]}")
                row = self.conn.execute(
                    "INSERT INTO trendmark.members (role, author_id) VALUES (%s, %s) ON CONFLICT (role)"
                    " DO UPDATE SET author_id = coalesce(excluded.author_id, members.author_id) RETURNING author_id",
                    (role, author_id)).fetchone()
                self._grant_rights(role)
        except psycopg.Error as exc:
            raise lost(exc, f"granting {role}") from None
        return None if row is None else row[0]

    # -- syncing ----------------------------------------------------------------------------

    def member(self, author_id: str) -> Member:
        """Check the hub is set up, our role is granted and writes as ``author_id``; claim it on first use."""
        version = self.version()
        if version is None:
            raise StoreError(f"the hub at {self.label} is not set up: ask its owner to run trendmark hub init")
        try:
            with self.conn.transaction():
                role = str(self.conn.execute("SELECT current_user").fetchone()[0])  # type: ignore[index]
                if version < 0 or not self.conn.execute("SELECT trendmark.is_member()").fetchone()[0]:  # type: ignore[index]
                    raise StoreError(f"role {role} is not granted on this hub:"
                                     f" ask its owner to run trendmark hub grant URL {role}")
                if version > len(MIGRATIONS):
                    raise StoreError(f"the hub is at schema {version}, newer than this Trendmark: update Trendmark")
                if version < len(MIGRATIONS):
                    raise StoreError(f"the hub is at schema {version}: its owner must run trendmark hub upgrade")
                mine = self.conn.execute("SELECT trendmark.claim_author(%s)", (author_id,)).fetchone()[0]  # type: ignore[index]
                hub_id = str(self.conn.execute("SELECT id FROM trendmark.hub").fetchone()[0])  # type: ignore[index]
        except psycopg.Error as exc:
            raise lost(exc, "checking membership") from None
        if mine is None:
            raise StoreError(f"analyst {author_id} is already granted to another role on this hub")
        if mine != author_id:
            raise StoreError(f"role {role} takes part as analyst {mine}, but this database writes as {author_id}:"
                             " sync from that analyst's database (or have the owner grant --author again)")
        return Member(role, mine, hub_id)

    def missing_reports(self, report_ids: Sequence[str]) -> list[str]:
        """Which of these reports the hub does not hold yet."""
        if not report_ids:
            return []
        try:
            with self.conn.transaction():
                have = {rid for (rid,) in self.conn.execute(
                    "SELECT id FROM trendmark.reports WHERE id = ANY(%s)", (list(report_ids),))}
        except psycopg.Error as exc:
            raise lost(exc, "reading the hub's reports") from None
        return [rid for rid in report_ids if rid not in have]

    def push_reports(self, member: Member, origin: str,
                     reports: Iterable[tuple[dict[str, Any], list[dict[str, Any]]]]) -> None:
        """Put reports on the hub (one transaction each); a report someone already put there stays as it is."""
        for report, nodes in reports:
            try:
                with self.conn.transaction():
                    self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_PUSH_LOCK,))
                    self.conn.execute(
                        "INSERT INTO trendmark.reports (id, author_id, origin, report, nodes)"
                        " VALUES (%s, %s, %s, %s::jsonb, %s::jsonb) ON CONFLICT (id) DO NOTHING",
                        (report["id"], member.author_id, origin, json.dumps(report), json.dumps(nodes)))
            except psycopg.Error as exc:
                raise lost(exc, "pushing a report") from None

    def push_batch(self, member: Member, origin: str, rows: Sequence[tuple[str, str, dict[str, Any]]]) -> int:
        """Upsert one batch of our rows in one transaction (COPY into a scratch table, one INSERT); rows changed."""
        try:
            with self.conn.transaction():
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_PUSH_LOCK,))
                self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS incoming"
                                  " (kind text, key text, updated_at text, data jsonb) ON COMMIT DELETE ROWS")
                with self.conn.cursor().copy("COPY incoming (kind, key, updated_at, data) FROM STDIN") as copy:
                    for kind, key, row in rows:
                        copy.write_row((kind, key, row.get("updated_at"), json.dumps(row)))
                # Last writer wins on the server too (two devices of one analyst); an unchanged row
                # keeps its change number, so pushing it again costs colleagues nothing.
                cursor = self.conn.execute(
                    "INSERT INTO trendmark.rows AS r (kind, author_id, key, origin, updated_at, data)"
                    " SELECT kind, %s, key, %s, updated_at, data FROM incoming"
                    " ON CONFLICT (kind, author_id, key) DO UPDATE SET data = excluded.data,"
                    " updated_at = excluded.updated_at, origin = excluded.origin,"
                    " seq = nextval('trendmark.change_seq')"
                    ' WHERE r.data IS DISTINCT FROM excluded.data'
                    ' AND coalesce(excluded.updated_at, \'\') COLLATE "C" >= coalesce(r.updated_at, \'\') COLLATE "C"',
                    (member.author_id, origin))
                return cursor.rowcount
        except psycopg.Error as exc:
            raise lost(exc, "pushing changes") from None

    def pull(self, after: int, origin: str) -> Pulled:
        """Every row and report changed after ``after`` that another client wrote, from one snapshot."""
        try:
            with self.conn.transaction():
                self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                rows = [(str(kind), data) for kind, data in self.conn.execute(
                    "SELECT kind, data FROM trendmark.rows WHERE seq > %s AND origin <> %s ORDER BY seq",
                    (after, origin))]
                reports = [(report, nodes) for report, nodes in self.conn.execute(
                    "SELECT report, nodes FROM trendmark.reports WHERE seq > %s AND origin <> %s ORDER BY seq",
                    (after, origin))]
                top = self.conn.execute(
                    "SELECT greatest(%s, (SELECT max(seq) FROM trendmark.rows),"
                    " (SELECT max(seq) FROM trendmark.reports))", (after,)).fetchone()
        except psycopg.Error as exc:
            raise lost(exc, "pulling changes") from None
        return Pulled(rows, reports, int(top[0]) if top and top[0] is not None else after)


def batches(rows: Sequence[Any], size: int | None = None) -> Iterable[Sequence[Any]]:
    """``rows`` in pushes of ``BATCH_ROWS`` (one server transaction each)."""
    size = size or BATCH_ROWS
    for start in range(0, len(rows), size):
        yield rows[start:start + size]
