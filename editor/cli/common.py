"""What every sub-command shares: opening the database named by --db, the analyst, output helpers."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.core.errors import StoreError

if TYPE_CHECKING:
    from editor.core.annotations import Author, Node, ReportInfo
    from editor.store import Store

Out = Callable[[str], None]
Handler = Callable[[argparse.Namespace, Out], int]
# command(name, help) -> the sub-command's parser, with the global options already on it.
Register = Callable[[str, str], argparse.ArgumentParser]

LEVEL_NAMES = {1: ("chapter", "chapters"), 2: ("section", "sections"), 3: ("point", "points")}


def database_path(db: str | None) -> Path:
    """The database file named by --db, else the default one in the user data directory."""
    if db:
        return Path(db).expanduser()
    # platformdirs is only loaded when needed: `trendmark --version` stays fast.
    from editor.identity import default_database

    return default_database()


def open_store(args: argparse.Namespace, *, create: bool = False, read_only: bool = False) -> Store:
    """Open the database named by --db; only writing commands may create it."""
    from editor.store import Store

    path = database_path(getattr(args, "db", None))
    if not path.exists() and not create:
        raise StoreError(f"no database at {path}: import a report first (trendmark --db {path} import FILE)")
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    return Store.open(path, read_only=read_only)


def author(store: Store, args: argparse.Namespace) -> Author:
    """The analyst the command writes as (--author, else the stored name)."""
    from editor.identity import load_identity, resolve_author

    first_time = load_identity() is None and not (args.author or "").strip()
    analyst = resolve_author(store, args.author)
    if first_time:
        # Said once the command has succeeded (main prints it): an error stays one line.
        args.closing_note = (f"no analyst name was stored; writing as «{analyst.name}» (the login name)"
                             " from now on — give --author NAME to write as someone else")
    return analyst


def chosen_report(store: Store, args: argparse.Namespace) -> ReportInfo:
    """The report named by --report; without it, the only one, else the one last imported or opened.

    With several reports and no --report, one ``note:`` line says which was taken.
    """
    from editor.operations.reports import current_report

    if args.report:
        return store.report(args.report)
    info, several = current_report(store)
    if several:
        note(f"report «{info.title}» (use --report to choose)")
    return info


def target_node(store: Store, args: argparse.Namespace) -> Node:
    """The node named by the NODE argument (a path like 1.1, or an id) in the chosen report."""
    return store.find_node(chosen_report(store, args).id, args.node)


def bundled_sample() -> bytes:
    """The sample report shipped inside the package."""
    from importlib.resources import files

    return (files("editor.resources") / "sample-report.txt").read_bytes()


def prepare_gui_database(db: str | None) -> Path:
    """The database the window opens; a first run on the default one imports the sample."""
    path = database_path(db)
    if db is None and not path.exists():
        from editor.importing import parse_report
        from editor.operations.reports import import_report
        from editor.store import Store

        report = parse_report(bundled_sample(), source="sample-report.txt")
        path.parent.mkdir(parents=True, exist_ok=True)
        with Store.open(path) as store:
            import_report(store, report)
    return path


def describe_counts(counts: dict[int, int]) -> str:
    """"2 chapters, 5 sections, 12 points (19 nodes)"."""
    parts = []
    for level in sorted(counts):
        singular, plural = LEVEL_NAMES.get(level, (f"level-{level} node", f"level-{level} nodes"))
        parts.append(f"{counts[level]} {singular if counts[level] == 1 else plural}")
    return ", ".join(parts) + f" ({sum(counts.values())} nodes)"


def dumps(obj: Any) -> str:
    """JSON as the commands print it: readable, and Chinese left as it is."""
    return json.dumps(obj, ensure_ascii=False, indent=2)


def note(message: str) -> None:
    """A remark on stderr that is not an error (the command still succeeds)."""
    import sys

    sys.stderr.write(f"note: {message}\n")
