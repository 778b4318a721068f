"""What a merge plan is made of: how each table is matched, and the rows and counts a plan holds."""

from __future__ import annotations

from dataclasses import dataclass, field

from editor.core.report import ParsedReport

from editor.store.merge.rules import Row

STAMPS = ("created_at", "updated_at", "deleted_at")


@dataclass(frozen=True)
class TableSpec:
    """How one annotation table is matched and compared."""

    kind: str  # the name used in summaries
    table: str
    key: tuple[str, ...]  # what identifies a row on both sides
    state: tuple[str, ...]  # what last-writer-wins compares (content + deleted_at)
    columns: tuple[str, ...]  # every column written


SPECS = {
    "authors": TableSpec("authors", "authors", ("id",), ("name",),
                         ("id", "name", "public_key", "created_at", "updated_at")),
    "dimensions": TableSpec("dimensions", "dimensions", ("id",), ("name", "position", "deleted_at"),
                            ("id", "name", "min", "max", "position", *STAMPS)),
    "tags": TableSpec("tags", "tags", ("id",), ("color", "deleted_at"),
                      ("id", "name", "color", "author_id", *STAMPS)),
    "highlights": TableSpec("highlights", "highlights", ("id",),
                            ("start", "end", "color", "comment_html", "deleted_at"),
                            ("id", "node_id", "author_id", "start", "end", "exact", "prefix", "suffix", "color",
                             "comment_html", "comment_text", *STAMPS)),
    "notes": TableSpec("notes", "notes", ("node_id", "author_id"), ("html", "deleted_at"),
                       ("id", "node_id", "author_id", "html", "text", *STAMPS)),
    "node tags": TableSpec("node tags", "node_tags", ("node_id", "tag_id", "author_id"), ("deleted_at",),
                           ("node_id", "tag_id", "author_id", *STAMPS)),
    "ratings": TableSpec("ratings", "ratings", ("node_id", "dimension_id", "author_id"), ("value", "deleted_at"),
                         ("node_id", "dimension_id", "author_id", "value", *STAMPS)),
    "highlight tags": TableSpec("highlight tags", "highlight_tags", ("highlight_id", "tag_id", "author_id"),
                                ("deleted_at",), ("highlight_id", "tag_id", "author_id", *STAMPS)),
}
KINDS = ("authors", "reports", "dimensions", "tags", "highlights", "notes", "node tags", "ratings",
         "highlight tags")


MAX_LISTED = 20

NOT_SIGNED = "not signed by their author"
FROM_THE_FUTURE = "dated more than 5 minutes ahead of this computer's clock"


@dataclass
class Refusals:
    """Rows of theirs not applied because they are not what their author wrote, by reason."""

    counts: dict[str, int] = field(default_factory=dict)  # reason -> how many
    listed: list[str] = field(default_factory=list)  # the first few, described

    def add(self, reason: str, description: str) -> None:
        self.counts[reason] = self.counts.get(reason, 0) + 1
        if len(self.listed) < MAX_LISTED:
            self.listed.append(f"{description} ({reason})")

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def lines(self) -> list[str]:
        lines = [f"{n} change{'s' if n != 1 else ''} refused: {reason}" for reason, n in self.counts.items()]
        lines.extend(f"  refused {entry}" for entry in self.listed)
        if self.total > len(self.listed):
            lines.append(f"  … and {self.total - len(self.listed)} more refused")
        return lines


@dataclass
class KindCounts:
    """What a merge did (or would do) to one kind of row."""

    added: int = 0
    updated: int = 0
    removed: int = 0  # live rows that became tombstones: a deletion travelled
    conflicts: int = 0
    skipped: int = 0  # invalid rows of their file, left out
    refused: int = 0  # rows not what their author signed, or dated ahead of our clock

    def as_dict(self) -> dict[str, int]:
        return {"added": self.added, "updated": self.updated, "removed": self.removed,
                "conflicts": self.conflicts, "skipped": self.skipped, "refused": self.refused}


@dataclass
class TablePlan:
    """Rows to insert and rows to update in one table."""

    spec: TableSpec
    inserts: list[Row] = field(default_factory=list)
    updates: list[Row] = field(default_factory=list)


@dataclass
class MergePlan:
    """Everything a merge will write, and what it found."""

    source: str
    reports: list[ParsedReport] = field(default_factory=list)
    tables: dict[str, TablePlan] = field(default_factory=dict)
    revisions: list[tuple[str, str, str]] = field(default_factory=list)  # (row_id, revision, ancestors)
    conflicts: list[Row] = field(default_factory=list)
    counts: dict[str, KindCounts] = field(default_factory=lambda: {kind: KindCounts() for kind in KINDS})
    warnings: list[str] = field(default_factory=list)
    sanitised: int = 0  # rich texts that lost unsafe markup on the way in
    refusals: Refusals = field(default_factory=Refusals)
    signatures: list[tuple[str, str | None]] = field(default_factory=list)  # (row key, their signature)
    written_keys: list[str] = field(default_factory=list)  # row keys of written rows whose signature the plan sets
    to_sign: list[str] = field(default_factory=list)  # row keys of written rows left to sign or hold unverified
    unverified: int = 0  # rows written from an author with no key (files made before signatures)
    dimension_changes: list[str] = field(default_factory=list)  # dimensions added, scales widened: need consent

    @property
    def changes(self) -> bool:
        return bool(self.reports or self.revisions or self.conflicts
                    or any(plan.inserts or plan.updates for plan in self.tables.values()))
