"""Sub-commands about revised editions: ``import FILE --edition-of REPORT`` and ``orphans``."""

from __future__ import annotations

import argparse
import sys

from editor.cli.common import Out, Register, chosen_report, dumps, open_store


def register(command: Register) -> None:
    """Add ``orphans`` and ``editions`` to the parser (``import --edition-of`` is an option of ``import``)."""
    p = command("orphans", "highlights a new edition could not place, for review")
    p.add_argument("--report", metavar="ID", help="the report (any edition of it; default: the only one)")
    p.add_argument("--edition", type=int, metavar="N", help="the edition (default: the current one)")
    p.add_argument("--all", action="store_true", help="also those already re-attached or discarded")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_orphans)

    p = command("editions", "a report's editions, first to current")
    p.add_argument("--report", metavar="ID", help="the report (any edition of it; default: the only one)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_editions)


def add_edition_option(parser: argparse.ArgumentParser) -> None:
    """The option of ``import`` that makes the file a new edition of a report already there."""
    parser.add_argument("--edition-of", metavar="REPORT", dest="edition_of",
                        help="import FILE as a revised edition of REPORT, carrying its annotations across")


def add_edition_choice(parser: argparse.ArgumentParser) -> None:
    """The option of ``export`` that picks an edition of the report."""
    parser.add_argument("--edition", type=int, metavar="N",
                        help="export edition N of the report (1 = the first; default: the current one)")


def cmd_import_edition(args: argparse.Namespace, out: Out) -> int:
    """Import ``args.file`` as a new edition of ``args.edition_of``; print its id and the summary."""
    from editor.importing import read_report
    from editor.operations.editions import import_edition

    report = read_report(args.file)  # parse first: a bad file leaves the database alone
    with open_store(args) as store:
        summary = import_edition(store, report, args.edition_of).result
    out(summary.new_report_id)
    out(f"{report.title}: edition {summary.edition} of report {summary.old_report_id}")
    for line in summary.lines():
        out(line)
    if summary.highlights_orphaned:
        out(f"review the orphans: trendmark orphans --report {summary.new_report_id}")
    for warning in report.warnings:
        sys.stderr.write(f"warning: {warning}\n")
    return 0


def cmd_orphans(args: argparse.Namespace, out: Out) -> int:
    """List the orphans of an edition: old path, quote, note and author."""
    from editor.operations.editions import orphans

    with open_store(args, read_only=True) as store:
        report = store.edition(chosen_report(store, args).id, args.edition)
        items = orphans(store, report.id, include_resolved=args.all)
    if args.json:
        out(dumps({"report": report.id, "title": report.title, "orphans": [o.to_json() for o in items]}))
        return 0
    if not items:
        out(f"{report.title}: no orphans")
        return 0
    out(f"{report.title}: {len(items)} orphan(s)")
    for item in items:
        state = f" [{item.resolution}]" if item.resolution else ""
        out(f"{item.old_path} {item.old_title}{state}")
        out(f"  quote: {item.exact}")
        if item.comment_text:
            out(f"  note: {item.comment_text}")
        out(f"  by {item.author}; id {item.old_highlight_id}")
    return 0


def cmd_editions(args: argparse.Namespace, out: Out) -> int:
    """List the editions of a report: number, id, title, which is current."""
    with open_store(args, read_only=True) as store:
        history = store.editions(chosen_report(store, args).id)
        open_orphans = {e.report.id: len(store.orphans(e.report.id)) for e in history}
    if args.json:
        out(dumps([{"edition": e.edition, "id": e.report.id, "title": e.report.title, "current": e.current,
                    "previous": e.previous_id, "imported_at": e.report.imported_at,
                    "orphans": open_orphans[e.report.id]} for e in history]))
        return 0
    for e in history:
        state = "current" if e.current else "read-only"
        orphans_note = f", {open_orphans[e.report.id]} orphan(s)" if open_orphans[e.report.id] else ""
        out(f"{e.edition} {e.report.id} {e.report.title} ({state}{orphans_note})")
    return 0
