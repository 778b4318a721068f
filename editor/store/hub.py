"""The local side of a team-hub sync: our rows the hub lacks, and colleagues' rows merged in.

Rows travel as plain dicts in the columns a file merge reads (merge/source.py COLUMNS), so a
pull goes through exactly the planner and writer of a file merge: the same matching, the same
last-writer-wins, the same conflicts and tombstones. The hub's change number and our push
mark live in ``hub_sync`` (migrations/hub_sync.py) and move only inside the transaction that
applied what they stand for.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from editor.store.merge.apply import MergeResult
from editor.store.merge.plan import plan_merge
from editor.store.merge.source import COLUMNS, SIGNED_VERSION, TheirRows
from editor.store.merge.tables import KINDS
from editor.store.merge.write import write_plan
from editor.store.migrations.rating_revisions import rating_key
from editor.store.signatures import SIGNED, row_key
from editor.store.stamps import now

if TYPE_CHECKING:
    from pathlib import Path

    from editor.store import Store

# What each kind of row is keyed by on the hub (the merge's matching key, see merge/tables.py).
HUB_KEYS: dict[str, tuple[str, ...]] = {
    "authors": ("id",), "dimensions": ("id",), "tags": ("id",), "highlights": ("id",),
    "notes": ("node_id", "author_id"), "node_tags": ("node_id", "tag_id", "author_id"),
    "ratings": ("node_id", "dimension_id", "author_id"), "highlight_tags": ("highlight_id", "tag_id", "author_id"),
}
# Foreign-key order: a colleague who receives part of a push always has what each row refers to.
PUSH_ORDER = ("authors", "dimensions", "tags", "highlights", "notes", "node_tags", "ratings", "highlight_tags")
_OWNED = ("highlights", "notes", "node_tags", "ratings", "highlight_tags")


@dataclass(frozen=True)
class HubState:
    """How far this database is synced with one hub."""

    hub_id: str
    client_id: str
    pulled_seq: int
    pushed_through: str | None
    synced_at: str | None


@dataclass
class Pending:
    """Our rows to push: (kind, key, row) in foreign-key order, the reports they need, the new push mark."""

    rows: list[tuple[str, str, dict[str, Any]]]
    report_ids: list[str]
    mark: str | None


def hub_key(kind: str, row: dict[str, Any]) -> str:
    return ":".join(str(row[column]) for column in HUB_KEYS[kind])


def hub_state(store: Store, hub_id: str) -> HubState:
    """The sync state for ``hub_id``; a hub never synced gets a new client id (written on first commit)."""
    row = store._one("SELECT client_id, pulled_seq, pushed_through, synced_at FROM hub_sync WHERE hub_id = ?",
                     (hub_id,))
    if row is None:
        return HubState(hub_id, str(uuid.uuid4()), 0, None, None)
    return HubState(hub_id, row[0], int(row[1]), row[2], row[3])


def last_sync(store: Store) -> HubState | None:
    """The most recently synced hub's state (the status bar's), or None before any sync."""
    row = store._one("SELECT hub_id FROM hub_sync ORDER BY synced_at DESC LIMIT 1")
    return None if row is None else hub_state(store, row[0])


def _save_state(store: Store, state: HubState) -> None:
    store._exec(
        "INSERT INTO hub_sync (hub_id, client_id, pulled_seq, pushed_through, synced_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (hub_id) DO UPDATE SET client_id = excluded.client_id, pulled_seq = excluded.pulled_seq,"
        " pushed_through = excluded.pushed_through, synced_at = excluded.synced_at",
        (state.hub_id, state.client_id, state.pulled_seq, state.pushed_through, state.synced_at))


def _select(table: str, where: str) -> str:
    columns = ", ".join(f't."{column}"' for column in COLUMNS[table])
    return f"SELECT {columns} FROM {table} t WHERE {where}"


def _changed(since: str | None) -> tuple[str, list]:
    # >=: a row stamped in the very millisecond the last push read is sent again (the hub ignores
    # an unchanged row) rather than missed.
    return ("1", []) if since is None else ("t.updated_at >= ?", [since])


def pending(store: Store, author_id: str, since: str | None) -> Pending:
    """Our own rows changed since the push mark ``since`` (all of them when None), with their revisions."""
    conn = store.db.conn
    changed, params = _changed(since)
    revisions = {row_id: (revision, ancestors) for row_id, revision, ancestors in
                 conn.execute("SELECT row_id, revision, ancestors FROM text_revisions")} if since is None else None
    queries = {
        "authors": (_select("authors", f"t.id = ? AND {changed}"), [author_id, *params]),
        "dimensions": (_select("dimensions", changed), params),
        # Tags of our own, ones nobody claims, and the ones our changed links use.
        "tags": (_select("tags", f"({changed}) AND (t.author_id = ? OR t.author_id IS NULL) OR t.id IN ("
                                 f"SELECT tag_id FROM node_tags t WHERE t.author_id = ? AND {changed} UNION "
                                 f"SELECT tag_id FROM highlight_tags t WHERE t.author_id = ? AND {changed})"),
                 [*params, author_id, author_id, *params, author_id, *params]),
    }
    for table in _OWNED:
        queries[table] = (_select(table, f"t.author_id = ? AND {changed}"), [author_id, *params])
    out: list[tuple[str, str, dict[str, Any]]] = []
    mark = since
    for table in PUSH_ORDER:
        sql, args = queries[table]
        for values in conn.execute(sql, args):
            row = dict(zip(COLUMNS[table], values, strict=True))
            out.append((table, hub_key(table, row), row))
            if row["updated_at"] is not None and (mark is None or row["updated_at"] > mark):
                mark = row["updated_at"]
    _attach_revisions(store, out, revisions)
    _attach_signatures(store, out)
    report_ids = sorted({rid for (rid,) in conn.execute(
        "SELECT DISTINCT n.report_id FROM nodes n WHERE n.id IN (SELECT node_id FROM notes t WHERE t.author_id = ?"
        f" AND {changed} UNION SELECT node_id FROM highlights t WHERE t.author_id = ? AND {changed}"
        f" UNION SELECT node_id FROM ratings t WHERE t.author_id = ? AND {changed}"
        f" UNION SELECT node_id FROM node_tags t WHERE t.author_id = ? AND {changed})",
        [author_id, *params] * 4)})
    return Pending(out, report_ids, mark)


def _revision_id(table: str, row: dict[str, Any]) -> str | None:
    if table == "ratings":
        return rating_key(row["node_id"], row["dimension_id"], row["author_id"])
    return row["id"] if table in ("notes", "highlights") else None


def _attach_revisions(store: Store, rows: list[tuple[str, str, dict[str, Any]]],
                      known: dict[str, tuple[str, str]] | None) -> None:
    """Each note, highlight and rating carries its revision history, so a pull can tell edits apart."""
    wanted = {rid: row for table, _key, row in rows if (rid := _revision_id(table, row)) is not None}
    if known is None:
        known = {}
        ids = list(wanted)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            known.update({row_id: (rev, anc) for row_id, rev, anc in store._all(
                f"SELECT row_id, revision, ancestors FROM text_revisions WHERE row_id IN ({marks})", chunk)})
    for rid, row in wanted.items():
        found = known.get(rid)
        if found is not None:
            row["_revision"], row["_ancestors"] = found


def _attach_signatures(store: Store, rows: list[tuple[str, str, dict[str, Any]]]) -> None:
    """Each row carries its author's signature, and an author row its public key: the hub passes them on
    as a colleague's file would, so rows pulled from it can be shared on and still verify."""
    wanted = {row_key(table, row): row for table, _key, row in rows if table in SIGNED}
    keys = list(wanted)
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for key, signature in store._all(f"SELECT row_key, signature FROM signatures WHERE row_key IN ({marks})"
                                         " AND signature IS NOT NULL", chunk):
            wanted[key]["_signature"] = signature
    for table, _key, row in rows:
        if table == "authors":
            row["public_key"] = store.public_key(row["id"])


def pending_count(store: Store, author_id: str, since: str | None) -> int:
    """How many of our annotations changed since the last push (the status bar's figure)."""
    if since is None:
        where, params = "t.author_id = ?", [author_id]
    else:
        where, params = "t.author_id = ? AND t.updated_at > ?", [author_id, since]
    return sum(int(store._scalar(f"SELECT count(*) FROM {table} t WHERE {where}", params)) for table in _OWNED)


def report_rows(store: Store, report_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A report's row and its nodes, as a colleague needs them to rebuild (and verify) it."""
    conn = store.db.conn
    report = dict(zip(COLUMNS["reports"], conn.execute(_select("reports", "t.id = ?"), [report_id]).fetchone(),
                      strict=True))
    nodes = [dict(zip(COLUMNS["nodes"], values, strict=True))
             for values in conn.execute(_select("nodes", "t.report_id = ?") + " ORDER BY t.seq", [report_id])]
    styles = dict(conn.execute("SELECT id, styles FROM nodes WHERE report_id = ? AND styles IS NOT NULL",
                               [report_id]).fetchall())
    for node in nodes:
        if node["id"] in styles:
            node["styles"] = styles[node["id"]]  # checked by the colleague's merge like a file's
    return report, nodes


def record_push(store: Store, state: HubState, mark: str | None) -> HubState:
    """Remember that the hub holds our rows up to ``mark``; called after the hub committed them."""
    done = HubState(state.hub_id, state.client_id, state.pulled_seq, mark, now())
    with store.transaction():
        _save_state(store, done)
    return done


def their_rows(label: str, rows: list[tuple[str, dict[str, Any]]],
               reports: list[tuple[dict[str, Any], list[dict[str, Any]]]]) -> TheirRows:
    """Pulled rows as a file merge reads a colleague's file."""
    tables: dict[str, list[tuple]] = {table: [] for table in COLUMNS}
    theirs = TheirRows(label, SIGNED_VERSION, tables)
    for report, nodes in reports:
        tables["reports"].append(tuple(report.get(c) for c in COLUMNS["reports"]))
        tables["nodes"].extend(tuple({**node, "report_id": report.get("id")}.get(c) for c in COLUMNS["nodes"])
                               for node in nodes)
        theirs.node_styles.update((node.get("id"), node["styles"]) for node in nodes
                                  if isinstance(node, dict) and isinstance(node.get("id"), str)
                                  and node.get("styles") is not None)
    for table, row in rows:
        if table not in HUB_KEYS:
            continue  # a kind a newer Trendmark pushes: not ours to guess at
        tables[table].append(tuple(row.get(c) for c in COLUMNS[table]))
        rid = _revision_id(table, row)
        revision, ancestors = row.get("_revision"), row.get("_ancestors")
        if rid is not None and isinstance(revision, str) and isinstance(ancestors, str):
            theirs.revisions[rid] = (revision, ancestors)
        signature = row.get("_signature")
        if isinstance(signature, str):
            try:
                theirs.signatures[row_key(table, row)] = signature
            except KeyError:
                continue  # a row without its key columns: the planner skips it
        if table == "authors" and isinstance(row.get("id"), str):
            theirs.keys[row["id"]] = row.get("public_key") if isinstance(row.get("public_key"), str) else None
    return theirs


def apply_pulled(store: Store, theirs: TheirRows, state: HubState, seq: int, source: Path) -> tuple[MergeResult, HubState]:
    """Merge pulled rows and move the pull mark to ``seq`` in one transaction: all of it, or none."""
    done = HubState(state.hub_id, state.client_id, max(seq, state.pulled_seq), state.pushed_through, now())
    with store.transaction():
        plan = plan_merge(store.db.conn, theirs)
        if plan.changes:
            write_plan(store, plan)
            store.carry_pending()
        _save_state(store, done)
    result = MergeResult(source, False, plan.counts, [row["id"] for row in plan.conflicts], plan.warnings,
                         plan.sanitised, None, plan.refusals, plan.unverified, list(plan.dimension_changes))
    return result, done


__all__ = ["KINDS", "HubState", "Pending", "apply_pulled", "hub_state", "last_sync", "pending", "pending_count",
           "record_push", "report_rows", "their_rows"]
