"""Sub-commands for working with colleagues: share, merge, conflicts, resolve, agreement."""

from __future__ import annotations

import argparse
from pathlib import Path

from editor.cli.common import chosen_report, Out, Register, dumps, open_store

CHOICES = ("mine", "theirs", "both")


def register(command: Register) -> None:
    """Add the team sub-commands to the parser."""
    p = command("share", "write a consistent copy of the database to hand on")
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(handler=cmd_share)

    p = command("merge", "merge a colleague's database into this one")
    p.add_argument("theirs", metavar="THEIRS.sqlite")
    p.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    p.add_argument("--accept-dimensions", action="store_true",
                   help="accept rating dimensions their file adds and scales it widens")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_merge)

    p = command("conflicts", "list what a merge set aside for review: notes, highlights, ratings")
    p.add_argument("--all", action="store_true", help="resolved ones too")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_conflicts)

    p = command("resolve", "resolve a conflict: keep mine, take theirs, or keep both (texts only)")
    p.add_argument("conflict", metavar="ID")
    p.add_argument("--keep", required=True, choices=CHOICES)
    p.set_defaults(handler=cmd_resolve)

    p = command("agreement", "inter-rater agreement between analysts' ratings")
    p.add_argument("--report", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_agreement)


def cmd_share(args: argparse.Namespace, out: Out) -> int:
    from editor.operations.sharing import share

    # Read-only: a snapshot must not wait for (or block) the window's writes.
    with open_store(args, read_only=True) as store:
        path = share(store, Path(args.out).expanduser())
    out(str(path))
    return 0


def cmd_merge(args: argparse.Namespace, out: Out) -> int:
    from editor.operations.sharing import merge

    with open_store(args, create=not args.dry_run) as store:
        result = merge(store, Path(args.theirs).expanduser(), dry_run=args.dry_run,
                       accept_dimensions=args.accept_dimensions).result
    if args.json:
        out(dumps(result.to_json()))
    else:
        for line in result.summary_lines():
            out(line)
    return 0


def cmd_conflicts(args: argparse.Namespace, out: Out) -> int:
    from editor.operations.sharing import conflicts

    with open_store(args) as store:
        items = conflicts(store, include_resolved=args.all)
    if args.json:
        out(dumps([{"id": c.id, "kind": c.kind, "path": c.node_path, "title": c.node_title,
                    "author": c.author_name, "mine": c.mine_text, "theirs": c.theirs_text,
                    **({"dimension": c.dimension_name} if c.kind == "rating" else {}),
                    "source": c.source, "resolution": c.resolution} for c in items]))
        return 0
    for c in items:
        state = f"  [{c.resolution}]" if c.resolution else ""
        what = f"{c.dimension_name} rating" if c.kind == "rating" else c.kind
        gone = "(no rating)" if c.kind == "rating" else "(deleted)"
        out(f"{c.id}\t{c.node_path} {c.node_title}\t{what} by {c.author_name}{state}")
        out(f"    mine:   {_one_line(c.mine_text, gone)}")
        out(f"    theirs: {_one_line(c.theirs_text, gone)}")
    if not items:
        out("no conflicts to review")
    return 0


def _one_line(text: str, gone: str, limit: int = 100) -> str:
    flat = " ".join(text.split()) or gone
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def cmd_resolve(args: argparse.Namespace, out: Out) -> int:
    from editor.operations.sharing import resolve_conflict

    with open_store(args) as store, store.transaction():
        before, _previous = resolve_conflict(store, args.conflict, args.keep).result
    out(f"{before.node_path} {before.node_title}: {before.kind} conflict resolved, kept {args.keep}")
    return 0


def cmd_agreement(args: argparse.Namespace, out: Out) -> int:
    from editor.export.agreement import format_agreement
    from editor.operations.exports import agreement

    with open_store(args) as store:
        result = agreement(store, chosen_report(store, args).id)
    out(dumps(result) if args.json else format_agreement(result))
    return 0
