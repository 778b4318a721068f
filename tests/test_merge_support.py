"""Shared material for the merge and sharing tests: analysts' databases of the sample report, a clock.

Holds no tests itself; the ``test_merge_`` prefix keeps it with the files it serves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

import pytest

from editor.core.annotations import Author, Node, ReportInfo
from editor.core.report import ParsedReport
from editor.importing import read_report
from editor.store import Store, stamps
from editor.store.merge import MergeResult, merge_database
from editor.store.sharing import share_copy

SAMPLE = Path(__file__).parent / "data" / "sample-report.txt"

# What identifies an annotation's content, per table (timestamps of the change included).
ANNOTATION_COLUMNS = {
    "tags": ("id", "name", "color", "deleted_at"),
    "node_tags": ("node_id", "tag_id", "author_id", "updated_at", "deleted_at"),
    "ratings": ("node_id", "dimension_id", "author_id", "value", "updated_at", "deleted_at"),
    "notes": ("id", "node_id", "author_id", "html", "text", "updated_at", "deleted_at"),
    "highlights": ("id", "node_id", "author_id", "start", '"end"', "exact", "prefix", "suffix", "color",
                   "comment_html", "comment_text", "updated_at", "deleted_at"),
    "highlight_tags": ("highlight_id", "tag_id", "author_id", "updated_at", "deleted_at"),
    "authors": ("id", "name"),
    "conflicts": ("id", "kind", "row_id", "node_id", "author_id", "kept_html", "kept_updated_at",
                  "kept_deleted", "other_html", "other_updated_at", "resolved_at"),
}


class FakeClock:
    """The store's clock, stepping a few milliseconds per reading so that every write is ordered."""

    def __init__(self) -> None:
        # An hour ago: merges refuse stamps from the future, so the fake time stays in the past.
        self.moment = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)

    def __call__(self) -> str:
        self.moment += timedelta(milliseconds=5)
        return self.moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(stamps, "now_iso", fake)
    return fake


@lru_cache(maxsize=1)
def sample_report() -> ParsedReport:
    return read_report(SAMPLE)


@dataclass
class Analyst:
    """An analyst's own database of the sample report."""

    store: Store
    author: Author
    report: ReportInfo
    nodes: dict[str, Node]  # by path

    def node(self, path: str) -> str:
        return self.nodes[path].id


def analyst_db(path: Path, name: str, author_id: str | None = None) -> Analyst:
    """A database at ``path`` with the sample imported and ``name`` (with ``author_id``) as its analyst."""
    store = Store.open(path)
    info, _created = store.add_report(sample_report())
    author = store.ensure_author(name, author_id)
    return Analyst(store, author, info, {node.path: node for node in store.nodes(info.id)})


def merge_copy(source: Store, target: Store, folder: Path, name: str) -> MergeResult:
    """Hand ``source`` over as a shared copy and merge it into ``target``."""
    copy = share_copy(source, folder / name)
    return merge_database(target, copy)


def annotations(store: Store) -> dict[str, list[tuple]]:
    """Every annotation row (tombstones included) in a canonical order, for comparing databases."""
    dump = {}
    for table, columns in ANNOTATION_COLUMNS.items():
        rows = store.db.conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
        dump[table] = sorted(rows, key=repr)
    return dump


def whole_database(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table: to show that a second merge changes nothing at all."""
    names = [row[0] for row in store.db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE '%_fts%' ORDER BY name")]
    return {name: sorted(store.db.conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in names}


def no_changes(result: MergeResult) -> bool:
    return not result.changed and all(result.total(what) == 0 for what in ("added", "updated", "removed", "conflicts"))
