"""Planning a merge: their validated rows against ours, giving the rows to insert and update per table.

The planner reads our side through the connection and decides everything in Python;
writing the plan (merge_write.py) is a handful of ``executemany`` calls, and a dry run
is simply a plan that is not written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from editor.core.anchoring import anchor_text, quote_context
from editor.store.merge import values as check
from editor.store.ids import name_key, note_id, tag_id
from editor.store.merge.reports import rebuild_report
from editor.store.merge.rules import (
    Revision, Row, conflict_id, differs, first_created, last_writer, merge_row, merged_revision, text_is_lost,
)
from editor.store.merge.source import COLUMNS, TheirRows
from editor.store.migrations.rating_revisions import rating_key
from editor.store.migrations.v2 import derived_revision
from editor.store.merge.tables import (
    FROM_THE_FUTURE, KINDS, NOT_SIGNED, SPECS, KindCounts, MergePlan, TablePlan, TableSpec,
)
from editor.store.merge.trust import Trust, Vouched
from editor.store.signatures import SIGNED, row_key
from editor.store.stamps import now

__all__ = ["KINDS", "SPECS", "KindCounts", "MergePlan", "Planner", "TablePlan", "TableSpec", "plan_merge"]

MAX_SAMPLE_WARNINGS = 12


def _record(row: tuple, table: str) -> Row:
    return dict(zip(COLUMNS[table], row, strict=True))


def _row_id(row: Row) -> str:
    """Where a note's or highlight's text revision is kept: under its id."""
    return str(row["id"])


def _rating_revision_id(row: Row) -> str:
    """Where their rating's revision is kept: under their own dimension id."""
    return ":".join(str(row[column]) for column in ("node_id", "dimension_id", "author_id"))


def _rating_content(row: Row) -> tuple[str, str]:
    """A rating's version as a conflict shows it: the value as text, "" once cleared."""
    value = "" if row["deleted_at"] is not None else str(row["value"])
    return value, value


class Planner:
    """Compares their rows with ours, table by table in foreign-key order."""

    def __init__(self, conn: sqlite3.Connection, theirs: TheirRows) -> None:
        self.conn = conn
        self.theirs = theirs
        self.plan = MergePlan(theirs.label)
        self.latest: datetime = check.latest_acceptable()
        self.authors: set[str] = set()
        self.author_names: dict[str, str] = {}
        self.node_text: dict[str, tuple[str, str]] = {}  # node id -> (path, text highlights quote)
        self.dimension_map: dict[str, str] = {}
        self.scales: dict[str, tuple[int, int]] = {}
        self.tag_map: dict[str, str] = {}
        self.highlight_ids: set[str] = set()
        self.our_revisions: dict[str, Revision] = {
            row_id: Revision(revision, tuple(ancestors.split()))
            for row_id, revision, ancestors in conn.execute("SELECT row_id, revision, ancestors FROM text_revisions")}
        self._conflict_ids = {row[0] for row in conn.execute("SELECT id FROM conflicts")}
        self.trust = Trust(conn, theirs)
        self.plan.refusals = self.trust.refusals

    # -- bookkeeping ------------------------------------------------------------------------

    def skip(self, kind: str, problem: str | Exception) -> None:
        """Leave one of their rows out, counting it and keeping the first few reasons."""
        message = str(problem)
        if isinstance(problem, check.Future):
            self.refuse(kind, message, FROM_THE_FUTURE)
            return
        self.plan.counts[kind].skipped += 1
        if len(self.plan.warnings) < MAX_SAMPLE_WARNINGS:
            self.plan.warnings.append(f"{kind}: {message}")

    def refuse(self, kind: str, description: str, reason: str = NOT_SIGNED) -> None:
        """Leave out one of their rows that is not what its author wrote, listing it."""
        self.plan.counts[kind].refused += 1
        self.plan.refusals.add(reason, f"{kind}: {description}")

    def _authentic(self, kind: str, table: str, row: Row, revision_id: object = None, what: str = "") -> Vouched | None:
        """What vouches for their row (its author's signature, or their author has no key); None refuses it."""

        def revision() -> str | None:
            if revision_id is None:
                return None
            return self.theirs.revision_of(str(revision_id), str(row["updated_at"]))[0]

        vouched = self.trust.check(table, row, revision)
        if vouched is not None:
            return vouched
        node_id = row.get("node_id")
        where = self.node_text[node_id][0] if isinstance(node_id, str) and node_id in self.node_text else None
        what = what or f"{kind.rstrip('s')} by {self._author_label(row.get(SIGNED[table].author))}"
        self.refuse(kind, what + (f" on {where}" if where else ""))
        return None

    def _their_records(self, table: str, fresh: Callable[[Row], bool],
                       revision_id: Callable[[Row], str] | None) -> Iterator[Row]:
        """Their rows of a signed ``table`` as records, signatures of the ``fresh`` ones checked ahead (trust.vet)."""
        records = (_record(raw, table) for raw in self.theirs.tables[table])
        return self.trust.vet(table, records, fresh, revision_id)

    def _author_label(self, author_id: object) -> str:
        name = self.author_names.get(author_id) if isinstance(author_id, str) else None
        return f"«{name}»" if name else f"analyst {check.show(author_id)}"

    def _ours(self, spec: TableSpec) -> dict[tuple, Row]:
        columns = ", ".join(f'"{column}"' for column in spec.columns)
        rows = self.conn.execute(f"SELECT {columns} FROM {spec.table}").fetchall()
        at = [spec.columns.index(column) for column in spec.key]
        return {tuple(row[i] for i in at): dict(zip(spec.columns, row, strict=True)) for row in rows}

    @staticmethod
    def _already_ours(current: Row | None, row: Row, columns: tuple[str, ...]) -> bool:
        """Whether their row holds exactly what ours does (then there is nothing to check or write).

        Ours was validated when it was written; a row identical to it needs no second
        look — this keeps merging a file again (or a mostly shared one) fast.
        """
        return current is not None and all(current[column] == row[column] for column in columns)

    def _finish(self, spec: TableSpec, original: dict[tuple, Row], working: dict[tuple, Row]) -> TablePlan:
        """Turn the merged working copy into inserts and updates, counting what changes."""
        plan = TablePlan(spec)
        counts = self.plan.counts[spec.kind]
        for key, row in working.items():
            before = original.get(key)
            if row is before:
                continue  # their file did not touch this row: the same object as read
            if before is None:
                plan.inserts.append(row)
                counts.added += 1
            elif differs(before, row, spec.columns):
                plan.updates.append(row)
                if "deleted_at" in row and before["deleted_at"] is None and row["deleted_at"] is not None:
                    counts.removed += 1
                else:
                    counts.updated += 1
        self.plan.tables[spec.kind] = plan
        if spec.table in SIGNED:
            self._carry_signatures(spec.table, plan, original)
        return plan

    def _carry_signatures(self, table: str, plan: TablePlan, original: dict[tuple, Row]) -> None:
        """What each written row's signature becomes: their author's when the row is their version,
        ours when its signed content stays ours; any other row is left for the store to sign (if it
        is the local analyst's) or to hold unverified."""
        signed = SIGNED[table]
        for row in (*plan.inserts, *plan.updates):
            signed_key = row_key(table, row)
            theirs, signature = self.trust.signature_for(table, row)
            if theirs:
                self.plan.written_keys.append(signed_key)
                self.plan.signatures.append((signed_key, signature))
                self.plan.unverified += signature is None
                continue
            before = original.get(tuple(row[column] for column in plan.spec.key))
            if before is not None and all(before.get(c) == row.get(c) for c in (*signed.key, *signed.content)):
                self.plan.written_keys.append(signed_key)
            else:
                self.plan.to_sign.append(signed_key)

    # -- the tables -------------------------------------------------------------------------

    def run(self) -> MergePlan:
        """Plan every table; returns the plan."""
        try:
            self.plan_authors()
            self.plan_reports()
            self.plan_dimensions()
            self.plan_tags()
            self.plan_highlights()
            self.plan_notes()
            self.plan_links("node tags", "node_id")
            self.plan_ratings()
            self.plan_links("highlight tags", "highlight_id")
        finally:
            self.trust.close()
        return self.plan

    def plan_authors(self) -> None:
        """Authors: unioned by id; a rename is last-writer-wins; a key other than the pinned one is refused."""
        spec = SPECS["authors"]
        original = self._ours(spec)
        working = dict(original)
        self.author_names = {key[0]: row["name"] for key, row in original.items()}
        for raw in self.theirs.tables["authors"]:
            row = _record(raw, "authors")
            try:
                mine: Row = {"id": check.uuid_id(row["id"], "author id"), "name": check.name(row["name"], "author name"),
                        "created_at": check.stamp(row["created_at"], "created_at", self.latest),
                        "updated_at": check.stamp(row["updated_at"], "updated_at", self.latest)}
            except check.Invalid as exc:
                self.skip("authors", exc)
                continue
            key = (mine["id"],)
            current = working.get(key)
            claimed = self.trust.claimed.get(mine["id"])
            if self._already_ours(current, mine, ("name", "updated_at")) and claimed in (
                    None, current and current["public_key"]):
                continue  # an older copy of the row, without the key: nothing to learn from it
            public_key, consistent = self.trust.author_key(mine["id"])
            label = self._author_label(mine["id"]) if current else f"«{mine['name']}»"
            if not consistent:
                self.refuse("authors", f"{label} signed with a key other than the one known here")
                continue
            self.trust.pin(mine["id"], public_key)
            signed_row = {**row, "public_key": claimed}
            vouched = self._authentic("authors", "authors", signed_row, what=f"the name {mine['name']!r} of {label}")
            if vouched is None:
                continue
            self.trust.remember("authors", signed_row, vouched)
            mine["public_key"] = public_key
            if current is None:
                working[key] = mine
            else:
                merged = merge_row(current, mine, spec.state)
                merged["public_key"] = current["public_key"] or public_key
                working[key] = merged
            self.author_names.setdefault(mine["id"], mine["name"])
        self.authors = {key[0] for key in working}
        self._finish(spec, original, working)

    def plan_reports(self) -> None:
        """Reports only they have: rebuilt, proven against their ids, imported; known node texts collected."""
        ours = {rid for (rid,) in self.conn.execute("SELECT id FROM reports")}
        for node_id, path, title, body in self.conn.execute("SELECT id, path, title, body FROM nodes"):
            self.node_text[node_id] = (path, anchor_text(title, body))
        nodes_by_report: dict[str, list[Row]] = {}
        for raw in self.theirs.tables["nodes"]:
            row = _record(raw, "nodes")
            if isinstance(row["report_id"], str) and row["report_id"] not in ours:
                nodes_by_report.setdefault(row["report_id"], []).append(row)
        for raw in self.theirs.tables["reports"]:
            row = _record(raw, "reports")
            if row["id"] in ours:
                continue  # the same id means the same text: nothing to bring
            try:
                report = rebuild_report(row, nodes_by_report.get(row["id"], []), self.theirs.node_styles)
            except check.Invalid as exc:
                self.skip("reports", exc)
                continue
            self.plan.reports.append(report.parsed)
            self.plan.counts["reports"].added += 1
            for problem in report.problems[:MAX_SAMPLE_WARNINGS]:
                if len(self.plan.warnings) < MAX_SAMPLE_WARNINGS:
                    self.plan.warnings.append(f"nodes: {problem}")
            self.node_text.update(report.node_text)

    def plan_dimensions(self) -> None:
        """Dimensions by id, else by name; names last-writer-wins, scales widened to the union."""
        spec = SPECS["dimensions"]
        original = self._ours(spec)
        working = dict(original)
        by_name = {name_key(row["name"]): key[0] for key, row in working.items()}
        next_position = max((row["position"] for row in working.values()), default=-1) + 1
        theirs: list[dict[str, Any]] = []
        for raw in self.theirs.tables["dimensions"]:
            row = _record(raw, "dimensions")
            try:
                low = check.integer(row["min"], "dimension minimum", 1, check.MAX_SCALE - 1)
                theirs.append({
                    "id": check.uuid_id(row["id"], "dimension id"), "name": check.name(row["name"], "dimension name"),
                    "min": low, "max": check.integer(row["max"], "dimension maximum", low + 1, check.MAX_SCALE),
                    "position": check.integer(row["position"], "dimension position", 0, 10_000),
                    "created_at": check.stamp(row["created_at"], "created_at", self.latest),
                    "updated_at": check.stamp(row["updated_at"], "updated_at", self.latest),
                    "deleted_at": check.optional_stamp(row["deleted_at"], "deleted_at", self.latest)})
            except check.Invalid as exc:
                self.skip("dimensions", exc)
        for mine in sorted(theirs, key=lambda r: (r["position"], r["name"])):
            key = (mine["id"],)
            if key not in working and name_key(mine["name"]) in by_name:
                key = (by_name[name_key(mine["name"])],)  # the same scale under another id
                mine = {**working[key], "min": mine["min"], "max": mine["max"]}
            if key not in working:
                working[key] = {**mine, "position": next_position}
                next_position += 1
            else:
                current = working[key]
                merged = merge_row(current, {**mine, "position": current["position"]}, spec.state)
                # A scale only widens, so no rating on either side falls outside it.
                merged["min"] = min(current["min"], mine["min"])
                merged["max"] = max(current["max"], mine["max"])
                clash = by_name.get(name_key(merged["name"]))
                if clash is not None and clash != key[0]:
                    merged["name"] = current["name"]  # their new name is taken here by another dimension
                working[key] = merged
            by_name[name_key(working[key]["name"])] = key[0]
            self.dimension_map[mine["id"]] = key[0]
        for key, row in working.items():
            self.dimension_map.setdefault(key[0], key[0])
            self.scales[key[0]] = (row["min"], row["max"])
            self._note_scale_change(original.get(key), row)
        self._finish(spec, original, working)

    def _note_scale_change(self, before: Row | None, after: Row) -> None:
        """Describe a dimension their file adds, or a scale it widens: what the user must agree to."""
        if before is None:
            if after["deleted_at"] is None:
                self.plan.dimension_changes.append(f"adds the dimension «{after['name']}» ({after['min']}–{after['max']})")
        elif (after["min"], after["max"]) != (before["min"], before["max"]):
            self.plan.dimension_changes.append(f"widens «{before['name']}» from {before['min']}–{before['max']}"
                                               f" to {after['min']}–{after['max']}")

    def plan_tags(self) -> None:
        """Tags by case-insensitive name; colour and deletion last-writer-wins, first spelling kept."""
        spec = SPECS["tags"]
        original = self._ours(spec)
        working = dict(original)
        by_name = {name_key(row["name"]): key[0] for key, row in working.items()}
        for raw in self.theirs.tables["tags"]:
            row = _record(raw, "tags")
            try:
                mine: dict[str, Any] = {"id": check.uuid_id(row["id"], "tag id"), "name": check.name(row["name"], "tag name"),
                        "color": check.color(row["color"], "tag colour"),
                        "author_id": check.optional_uuid(row["author_id"], "tag author"),
                        "created_at": check.stamp(row["created_at"], "created_at", self.latest),
                        "updated_at": check.stamp(row["updated_at"], "updated_at", self.latest),
                        "deleted_at": check.optional_stamp(row["deleted_at"], "deleted_at", self.latest)}
            except check.Invalid as exc:
                self.skip("tags", exc)
                continue
            if mine["author_id"] not in self.authors:
                mine["author_id"] = None  # who made a tag is a courtesy, not a reference to keep
            folded = name_key(mine["name"])
            # "Risk" and "risk" are one tag: ids are derived from the casefolded name, and a
            # tag from an older or hand-edited copy is still found by its name.
            target = by_name.get(folded) or tag_id(mine["name"])
            key = (target,)
            if key in working:
                current = working[key]
                merged = merge_row(current, {**mine, "id": target}, spec.state)
                earliest = first_created(current, mine)
                merged.update(name=earliest["name"], author_id=earliest["author_id"])
                working[key] = merged
            else:
                working[key] = {**mine, "id": target}
            by_name[folded] = target
            self.tag_map[mine["id"]] = target
        for key in working:
            self.tag_map.setdefault(key[0], key[0])
        self._finish(spec, original, working)

    def plan_highlights(self) -> None:
        """Highlights by id, offsets checked against our text; comments may conflict."""
        spec = SPECS["highlights"]
        original = self._ours(spec)
        working = dict(original)
        revised: dict[str, Revision] = {}
        same = ("node_id", "author_id", "start", "end", "color", "comment_html", "updated_at", "deleted_at")

        def fresh(row: Row) -> bool:
            return not self._already_ours(working.get((row["id"],)), row, same)

        for row in self._their_records("highlights", fresh, _row_id):
            if not fresh(row):
                continue
            vouched = self._authentic("highlights", "highlights", row, _row_id(row))
            if vouched is None:
                continue
            try:
                mine, their_rev = self._their_highlight(row)
            except check.Invalid as exc:
                self.skip("highlights", exc)
                continue
            self.trust.remember("highlights", row, vouched)
            key = (mine["id"],)
            current = working.get(key)
            if current is None:
                working[key] = mine
                revised[mine["id"]] = their_rev
            elif (current["node_id"], current["author_id"]) != (mine["node_id"], mine["author_id"]):
                self.skip("highlights", f"id {mine['id']} belongs to another node or analyst here")
            else:
                working[key], revised[mine["id"]] = self._merge_text(
                    "highlights", "comment_html", "comment_text", current, mine, their_rev)
        self.highlight_ids = {key[0] for key in working}
        self._finish(spec, original, working)
        self._plan_revisions(revised)

    def _their_highlight(self, row: Row) -> tuple[Row, Revision]:
        hid = check.uuid_id(row["id"], "highlight id")
        node_id = self._known_node(row["node_id"])
        author = self._known_author(row["author_id"])
        path, body = self.node_text[node_id]
        start = check.integer(row["start"], "highlight start", 0, len(body))
        end = check.integer(row["end"], "highlight end", start + 1, len(body))
        if row["exact"] != body[start:end]:
            raise check.Invalid(f"highlight {hid} on {path} does not match the text at {start}..{end}")
        html, plain, changed = check.rich_text(row["comment_html"], f"comment of highlight on {path}")
        updated_at = check.stamp(row["updated_at"], "updated_at", self.latest)
        exact, prefix, suffix = quote_context(body, start, end)
        mine = {"id": hid, "node_id": node_id, "author_id": author, "start": start, "end": end,
                "exact": exact, "prefix": prefix, "suffix": suffix,
                "color": check.color(row["color"], "highlight colour"),
                "comment_html": html, "comment_text": plain,
                "created_at": check.stamp(row["created_at"], "created_at", self.latest), "updated_at": updated_at,
                "deleted_at": check.optional_stamp(row["deleted_at"], "deleted_at", self.latest)}
        revision = self._their_revision(hid, updated_at)
        self.plan.sanitised += changed  # only once the row is known to be merged
        return mine, revision

    def plan_notes(self) -> None:
        """Notes by (node, author); texts changed on both sides become conflicts."""
        spec = SPECS["notes"]
        original = self._ours(spec)
        working = dict(original)
        revised: dict[str, Revision] = {}

        def fresh(row: Row) -> bool:
            return not self._already_ours(working.get((row["node_id"], row["author_id"])), row,
                                          ("html", "updated_at", "deleted_at"))

        for row in self._their_records("notes", fresh, _row_id):
            if not fresh(row):
                continue
            vouched = self._authentic("notes", "notes", row, _row_id(row))
            if vouched is None:
                continue
            try:
                their_id = check.uuid_id(row["id"], "note id")
                node_id = self._known_node(row["node_id"])
                author = self._known_author(row["author_id"])
                path = self.node_text[node_id][0]
                html, plain, changed = check.rich_text(row["html"], f"note on {path}")
                deleted_at = check.optional_stamp(row["deleted_at"], "deleted_at", self.latest)
                if deleted_at is None and not plain.strip():
                    raise check.Invalid(f"the note on {path} has no text once unsafe content is removed")
                updated_at = check.stamp(row["updated_at"], "updated_at", self.latest)
                created_at = check.stamp(row["created_at"], "created_at", self.latest)
                their_rev = self._their_revision(their_id, updated_at)
            except check.Invalid as exc:
                self.skip("notes", exc)
                continue
            self.trust.remember("notes", row, vouched)
            self.plan.sanitised += changed
            key = (node_id, author)
            current = working.get(key)
            mine: dict[str, Any] = {"id": current["id"] if current else note_id(node_id, author), "node_id": node_id,
                    "author_id": author, "html": html, "text": plain, "created_at": created_at,
                    "updated_at": updated_at, "deleted_at": deleted_at}
            if current is None:
                working[key] = mine
                revised[mine["id"]] = their_rev
            else:
                working[key], revised[mine["id"]] = self._merge_text("notes", "html", "text", current, mine, their_rev)
        self._finish(spec, original, working)
        self._plan_revisions(revised)

    def plan_ratings(self) -> None:
        """Ratings by (node, dimension, author), checked against the merged scale; a value changed on both copies conflicts."""
        spec = SPECS["ratings"]
        original = self._ours(spec)
        working = dict(original)
        revised: dict[str, Revision] = {}

        def fresh(row: Row) -> bool:
            quick_key = (row["node_id"], self.dimension_map.get(row["dimension_id"]), row["author_id"])
            return not self._already_ours(working.get(quick_key), row, ("value", "updated_at", "deleted_at"))

        for row in self._their_records("ratings", fresh, _rating_revision_id):
            if not fresh(row):
                continue
            vouched = self._authentic("ratings", "ratings", row, _rating_revision_id(row))
            if vouched is None:
                continue
            try:
                dimension = self.dimension_map.get(row["dimension_id"])
                if dimension is None:
                    raise check.Invalid(f"rating on an unknown dimension ({row['dimension_id']!r})")
                low, high = self.scales[dimension]
                mine: dict[str, Any] = {
                    "node_id": self._known_node(row["node_id"]), "dimension_id": dimension,
                    "author_id": self._known_author(row["author_id"]),
                    "value": check.integer(row["value"], "rating", low, high),
                    "created_at": check.stamp(row["created_at"], "created_at", self.latest),
                    "updated_at": check.stamp(row["updated_at"], "updated_at", self.latest),
                    "deleted_at": check.optional_stamp(row["deleted_at"], "deleted_at", self.latest)}
                # Their revision is kept under their dimension id, which may be another name for ours.
                their_rev = self._their_revision(rating_key(mine["node_id"], row["dimension_id"], mine["author_id"]),
                                                 mine["updated_at"])
            except check.Invalid as exc:
                self.skip("ratings", exc)
                continue
            self.trust.remember("ratings", row, vouched)
            key = (mine["node_id"], dimension, mine["author_id"])
            row_id = rating_key(*key)
            current = working.get(key)
            if current is None:
                working[key], revised[row_id] = mine, their_rev
            else:
                working[key], revised[row_id] = self._merge_versions(
                    "ratings", row_id, current, mine, their_rev, _rating_content)
        self._finish(spec, original, working)
        self._plan_revisions(revised)

    def plan_links(self, kind: str, owner: str) -> None:
        """Tags on nodes or highlights by (owner, tag, author)."""
        spec = SPECS[kind]

        def convert(row: Row) -> Row:
            tag = self.tag_map.get(row["tag_id"])
            if tag is None:
                raise check.Invalid(f"link to an unknown tag ({row['tag_id']!r})")
            return {"tag_id": tag}

        self._plan_keyed(spec, owner, convert, ("tag_id", self.tag_map))

    def _plan_keyed(self, spec: TableSpec, owner: str, convert, mapped: tuple[str, dict[str, str]]) -> None:
        """Tag links keyed by (owner, tag, author) with last-writer-wins rows."""
        original = self._ours(spec)
        working = dict(original)
        column, mapping = mapped
        compared = (*(c for c in spec.state if c != "deleted_at"), "updated_at", "deleted_at")

        def fresh(row: Row) -> bool:
            quick_key = tuple(mapping.get(row[c]) if c == column else row[c] for c in spec.key)
            return not self._already_ours(working.get(quick_key), row, compared)

        for row in self._their_records(spec.table, fresh, None):
            if not fresh(row):
                continue
            vouched = self._authentic(spec.kind, spec.table, row)
            if vouched is None:
                continue
            try:
                if owner == "node_id":
                    owner_id = self._known_node(row["node_id"])
                else:
                    owner_id = check.uuid_id(row[owner], "highlight id")
                    if owner_id not in self.highlight_ids:
                        raise check.Invalid(f"tag on an unknown highlight ({owner_id})")
                mine = {owner: owner_id, "author_id": self._known_author(row["author_id"]), **convert(row),
                        "created_at": check.stamp(row["created_at"], "created_at", self.latest),
                        "updated_at": check.stamp(row["updated_at"], "updated_at", self.latest),
                        "deleted_at": check.optional_stamp(row["deleted_at"], "deleted_at", self.latest)}
            except check.Invalid as exc:
                self.skip(spec.kind, exc)
                continue
            self.trust.remember(spec.table, row, vouched)
            key = tuple(mine[column] for column in spec.key)
            working[key] = mine if key not in working else merge_row(working[key], mine, spec.state)
        self._finish(spec, original, working)

    # -- text rows: last writer wins, and words the winner does not have become a conflict ----

    def _merge_text(self, kind: str, html_column: str, text_column: str, ours: Row, theirs: Row,
                    their_rev: Revision) -> tuple[Row, Revision]:
        return self._merge_versions(kind, ours["id"], ours, theirs, their_rev,
                                    lambda row: (row[html_column], row[text_column]))

    def _merge_versions(self, kind: str, row_id: str, ours: Row, theirs: Row, their_rev: Revision,
                        content: Callable[[Row], tuple[str, str]]) -> tuple[Row, Revision]:
        """Last writer wins; the loser becomes a conflict unless the winner was made from it.

        ``content`` gives a row's version as (html, plain text): a note's text, a
        highlight's comment, a rating's value written out.
        """
        spec = SPECS[kind]
        our_rev = self.our_revisions.get(row_id) or Revision(derived_revision(ours["updated_at"], row_id))
        winner, loser = last_writer(ours, theirs, spec.state)
        win_rev, lose_rev = (our_rev, their_rev) if winner is ours else (their_rev, our_rev)
        if winner is not ours and all(ours[column] == theirs[column] for column in spec.state):
            # The row stays ours (merge_row), so its revision must stay the one its author signed.
            winner, loser, win_rev, lose_rev = ours, theirs, our_rev, their_rev
        merged = merge_row(ours, theirs, spec.state)
        (win_html, win_text), (lose_html, lose_text) = content(winner), content(loser)
        if text_is_lost(win_html, winner["deleted_at"] is not None, win_rev,
                        lose_html, loser["deleted_at"] is not None, lose_rev):
            cid = conflict_id(kind.rstrip("s"), row_id, lose_rev.revision, lose_html)
            if cid not in self._conflict_ids:
                self._conflict_ids.add(cid)
                self.plan.counts[kind].conflicts += 1
                self.plan.conflicts.append({
                    "id": cid, "kind": kind.rstrip("s"), "row_id": row_id, "node_id": ours["node_id"],
                    "author_id": ours["author_id"], "kept_html": win_html,
                    "kept_text": win_text, "kept_updated_at": winner["updated_at"],
                    "kept_revision": win_rev.revision, "kept_deleted": int(winner["deleted_at"] is not None),
                    "other_html": lose_html, "other_text": lose_text,
                    "other_updated_at": loser["updated_at"], "other_revision": lose_rev.revision,
                    "other_side": "mine" if loser is ours else "theirs", "source": self.plan.source,
                    "created_at": now()})
        return merged, merged_revision(win_rev, lose_rev)

    def _plan_revisions(self, revised: dict[str, Revision]) -> None:
        for row_id, rev in revised.items():
            current = self.our_revisions.get(row_id)
            if current is None or current != rev:
                self.plan.revisions.append((row_id, rev.revision, " ".join(rev.ancestors)))

    def _their_revision(self, row_id: str, updated_at: str) -> Revision:
        revision, ancestors = self.theirs.revision_of(row_id, updated_at)
        return Revision(check.revision(revision, f"row {row_id}"), check.ancestors(ancestors, f"row {row_id}"))

    # -- references -------------------------------------------------------------------------

    def _known_node(self, value: object) -> str:
        node_id = check.uuid_id(value, "node id")
        if node_id not in self.node_text:
            raise check.Invalid(f"annotation on a node this database does not have ({node_id})")
        return node_id

    def _known_author(self, value: object) -> str:
        author = check.uuid_id(value, "author id")
        if author not in self.authors:
            raise check.Invalid(f"annotation by an unknown analyst ({author})")
        return author


def plan_merge(conn: sqlite3.Connection, theirs: TheirRows) -> MergePlan:
    """Compare their rows with ours and decide every insert, update and conflict."""
    plan = Planner(conn, theirs).run()
    skipped = sum(counts.skipped for counts in plan.counts.values())
    if skipped > MAX_SAMPLE_WARNINGS:
        plan.warnings.append(f"… and {skipped - MAX_SAMPLE_WARNINGS} more rows skipped")
    return plan
