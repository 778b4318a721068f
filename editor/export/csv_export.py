"""The CSV export: one row per node, ready for a spreadsheet (documented in ``docs/export-csv.md``).

Columns, in order:

- ``path``, ``number``, ``level``, ``title`` — the node's place in the outline.
- ``tags`` — the distinct tag names on the node (any analyst), joined with ``"; "``.
- one column per rating dimension (``Impact``, ``Likelihood``, …) — the value when one
  analyst rated the node, the mean of all included analysts' values rounded to two
  decimals when several did (``3.5``), empty when nobody did;
- ``<dimension> by analyst`` per dimension — every value as ``name=value`` joined with
  ``"; "`` (so a mean can always be traced back to who said what);
- ``note`` — the plain text of the notes; when several analysts wrote one, each is
  prefixed with ``name: `` and they are separated by a blank line;
- ``highlights`` — how many highlights the node has;
- ``node_id`` — the node's stable id, to join with other exports.

The file is UTF-8 with a byte-order mark and ``\\r\\n`` line ends (what Excel expects to
show Chinese correctly); cells are quoted when needed. Nodes kept only as context for a
filtered export are not rows: the path already places every row in the outline. A text
cell that would start with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return) gets
a leading ``'`` so that a spreadsheet shows it instead of evaluating it as a formula.
"""

from __future__ import annotations

import csv
from pathlib import Path

from .collect import ExportDocument, NodeEntry
from .options import ProgressFn, check_progress

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PROGRESS_EVERY = 200


def csv_header(document: ExportDocument) -> list[str]:
    """The column names for this document (they depend on its rating dimensions)."""
    names = [d.name for d in document.dimensions]
    return (["path", "number", "level", "title", "tags", *names, *(f"{n} by analyst" for n in names),
             "note", "highlights", "node_id"])


def format_mean(values: list[int]) -> str:
    """A rating cell: the single value, or the mean rounded to two decimals without trailing zeros."""
    if not values:
        return ""
    mean = round(sum(values) / len(values), 2)
    return f"{mean:.2f}".rstrip("0").rstrip(".")


def csv_row(document: ExportDocument, entry: NodeEntry) -> list[str]:
    """The cells of one node's row, in :func:`csv_header` order."""
    node = entry.node
    means, by_analyst = [], []
    for dimension in document.dimensions:
        # Sorted by analyst name so the cell reads the same in every export.
        values = sorted(entry.ratings_for(dimension.id).items(), key=lambda kv: (document.author_name(kv[0]), kv[0]))
        means.append(format_mean([v for _, v in values]))
        by_analyst.append("; ".join(f"{document.author_name(a)}={v}" for a, v in values))
    note_authors = {n.author_id for n in entry.notes}
    if len(note_authors) > 1:
        note = "\n\n".join(f"{document.author_name(n.author_id)}: {n.text}" for n in entry.notes)
    else:
        note = "\n\n".join(n.text for n in entry.notes)
    cells = [node.path, node.number, str(node.level), _guard(node.title), _guard("; ".join(entry.tag_names())),
             *means, *(_guard(cell) for cell in by_analyst), _guard(note), str(len(entry.highlights)), node.id]
    return cells


def _guard(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(document: ExportDocument, path: Path, progress: ProgressFn | None = None) -> None:
    """Write one row per (kept) node to ``path`` as UTF-8-with-BOM CSV with ``\\r\\n`` line ends."""
    rows = document.kept()
    total = len(rows)
    # newline="" hands line endings to the csv module (\r\n), also inside quoted cells untouched.
    with Path(path).open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, dialect="excel", lineterminator="\r\n")
        writer.writerow(csv_header(document))
        for done, entry in enumerate(rows, start=1):
            writer.writerow(csv_row(document, entry))
            if done % _PROGRESS_EVERY == 0:
                check_progress(progress, done, total)
    check_progress(progress, total, total)
