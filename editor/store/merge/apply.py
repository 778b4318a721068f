"""Merging a colleague's database into ours, without losing anything either side wrote.

The rules
---------
Matching. Reports and nodes match by their deterministic ids (UUIDv5 of the content),
so a report only they have is rebuilt from their rows, its ids derived again and
checked, and imported like any report. Highlights match by id; notes by (node,
author) — their id is derived from that pair —; ratings by (node, dimension, author);
tags on nodes and highlights by (node or highlight, tag, author). Tags match by name
in any letter case ("Risk" and "risk" are one tag; tag ids are derived from the
casefolded name); dimensions by id, else by name. Authors are unioned by id.

Last writer wins, per row. A row only they have is added. A row both have keeps the
version with the later ``updated_at``; an exact tie goes to the greater content, so
both sides pick the same one. Tombstones (``deleted_at``) are part of a row's state,
so a deletion travels and wins when it is the newer change, and an edit newer than a
deletion brings the row back. ``created_at`` becomes the earlier of the two. A tag
keeps the spelling of whoever created it first. A dimension's scale only ever widens
(the union of both), so no rating falls outside it.

Nothing is lost: conflicts. Notes and highlight comments are texts people write, and
the same analyst may edit one in two copies of the database (laptop and desktop; a
copy handed on and back). Every text version has a *revision* id, and each row keeps
the revisions its text was edited from (``text_revisions``, maintained by triggers for
every writer; see store/migrations/v2.py). When last-writer-wins would drop the losing
version's text, that text is kept as a *conflict* unless

- it is empty, deleted, or identical to the winner's text, or
- its revision is among the winner's ancestors: the winner was edited from it, so
  it holds nothing the winner does not supersede ("changed since they diverged" is
  exactly "not an ancestor").

The conflict record (table ``conflicts``) holds both texts, timestamps and revisions;
the row itself holds the newer one, whichever side it came from — a canonical choice,
so merging A into B and B into A give the same annotations and the same conflicts
(same deterministic ids); ``other_side`` records whether the set-aside text was ours
or theirs, for the review dialog (keep mine / take theirs / keep both). After a merge
the row's ancestors include both sides' revisions, so merging the same file again finds
nothing new. An ancestor list keeps the newest 200 revisions; a version older than that
shows up as a conflict rather than being dropped — the safe direction.

Authorship. A row naming an author whose key is pinned here must carry that author's signature, and
nothing may be dated more than 5 minutes ahead of our clock; other rows are refused and listed
(see trust.py).

Safety. Their file is untrusted input (see source.py); every value is validated
(values.py) and rich text is sanitised before it enters our database. Rows that
fail are skipped and reported — a note or comment over 1 MB of HTML is refused this
way rather than truncated (cut HTML would keep a text nobody wrote) —; a file that is not a readable Trendmark database of a
known schema is refused with one line, and our database is left untouched. A merge is
one transaction, preceded by a backup copy ``<db>.bak-merge-<timestamp>`` made with the
SQLite backup API (only when there is something to write). A dry run plans the same
merge and writes nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.errors import DimensionsChanged
from editor.store.connection import read_only_error
from editor.store.merge.conflicts import Conflict, open_conflicts, resolve_conflict
from editor.store.merge.plan import plan_merge
from editor.store.merge.tables import KINDS, KindCounts, MergePlan, Refusals
from editor.store.merge.source import read_their_database
from editor.store.merge.write import write_plan

if TYPE_CHECKING:
    from editor.store import Store

__all__ = ["Conflict", "MergeResult", "backup_before_merge", "merge_database", "open_conflicts", "resolve_conflict"]


@dataclass
class MergeResult:
    """What a merge added, updated and set aside, per kind of row."""

    source: Path
    dry_run: bool
    counts: dict[str, KindCounts]
    conflict_ids: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sanitised: int = 0
    backup: Path | None = None
    refusals: Refusals = field(default_factory=Refusals)
    unverified: int = 0  # rows taken from authors without a key (files made before signatures)
    dimension_changes: list[str] = field(default_factory=list)  # dimensions added or scales widened

    @property
    def changed(self) -> bool:
        """Whether the merge changed (or, in a dry run, would change) any annotation."""
        return any(c.added or c.updated or c.removed or c.conflicts for c in self.counts.values())

    def total(self, what: str) -> int:
        """Sum of one count ("added", "updated", "removed", "conflicts", "skipped") over every kind."""
        return sum(getattr(counts, what) for counts in self.counts.values())

    def summary_lines(self) -> list[str]:
        """One line per kind that changed, e.g. "notes: 3 added, 1 updated, 1 in conflict", then notes."""
        lines = []
        prefix = "would merge" if self.dry_run else "merged"
        lines.append(f"{prefix} {self.source.name}" + ("" if self.changed else ": nothing new"))
        for kind in KINDS:
            counts = self.counts[kind]
            parts = [f"{n} {label}" for n, label in ((counts.added, "added"), (counts.updated, "updated"),
                                                      (counts.removed, "deleted"), (counts.conflicts, "in conflict"),
                                                      (counts.skipped, "skipped"), (counts.refused, "refused"))
                     if n]
            if parts:
                lines.append(f"{kind}: {', '.join(parts)}")
        lines.extend(f"their file {change}" for change in self.dimension_changes)
        lines.extend(self.refusals.lines())
        if self.unverified:
            lines.append(f"{self.unverified} change(s) unverified: their author has no signing key"
                         " (written before signatures)")
        if self.sanitised:
            lines.append(f"unsafe markup removed from {self.sanitised} rich text(s)")
        lines.extend(f"skipped {warning}" for warning in self.warnings)
        if self.conflict_ids:
            lines.append(f"{len(self.conflict_ids)} conflict(s) to review: both versions are kept")
        if self.backup is not None:
            lines.append(f"backup of the database before merging: {self.backup}")
        if self.dry_run:
            lines.append("dry run: nothing was written")
        return lines

    def to_json(self) -> dict:
        """The result as plain JSON values (``trendmark merge --json``)."""
        return {
            "source": str(self.source), "dry_run": self.dry_run, "changed": self.changed,
            "kinds": {kind: self.counts[kind].as_dict() for kind in KINDS},
            "conflicts": list(self.conflict_ids), "sanitised": self.sanitised, "warnings": list(self.warnings),
            "refused": {"total": self.refusals.total, "reasons": dict(self.refusals.counts),
                        "listed": list(self.refusals.listed)},
            "unverified": self.unverified, "dimension_changes": list(self.dimension_changes),
            "backup": str(self.backup) if self.backup is not None else None,
        }


def backup_path(path: Path) -> Path:
    """Where the copy taken before a merge goes: ``<name>.bak-merge-<timestamp>`` beside the database."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return path.with_name(f"{path.name}.bak-merge-{stamp}")


def backup_before_merge(path: Path) -> Path:
    """Copy the database file with the SQLite backup API, through a separate read connection.

    The merging connection already holds the write lock (and the backup API cannot copy
    from a connection inside a transaction); readers are not blocked by it, and nothing
    has been written yet, so the copy is the database exactly as it was.
    """
    target = backup_path(path)
    source = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    return target


def merge_database(store: Store, theirs_path: Path, *, dry_run: bool = False,
                   accept_dimensions: bool = False) -> MergeResult:
    """Merge the Trendmark database at ``theirs_path`` into ``store`` (see the module docstring).

    A file that adds rating dimensions or widens a scale changes how everyone rates, so it
    is merged only with ``accept_dimensions`` (a dry run lists what it would change).
    Raises StoreError (one line, our database unchanged) when their file cannot be
    merged or ours cannot be written, DimensionsChanged when it needs that consent.
    """
    theirs_path = Path(theirs_path)
    if store.read_only and not dry_run:
        raise read_only_error(store.label)
    backup = None
    with read_their_database(theirs_path, store.path) as theirs:
        if dry_run:
            plan = plan_merge(store.db.conn, theirs)
        else:
            with store.transaction():
                plan = plan_merge(store.db.conn, theirs)
                if plan.dimension_changes and not accept_dimensions:
                    raise DimensionsChanged(f"{theirs_path.name} {'; '.join(plan.dimension_changes)}:"
                                            " merge with --accept-dimensions to accept")
                if plan.changes:
                    if store.path is not None:
                        backup = backup_before_merge(store.path)
                    write_plan(store, plan)
                    # Their annotations on an edition we have replaced follow it into the current one.
                    store.carry_pending()
    return _result(theirs_path, dry_run, plan, backup)


def _result(path: Path, dry_run: bool, plan: MergePlan, backup: Path | None) -> MergeResult:
    return MergeResult(path, dry_run, plan.counts, [row["id"] for row in plan.conflicts], plan.warnings,
                       plan.sanitised, backup, plan.refusals, plan.unverified, list(plan.dimension_changes))
