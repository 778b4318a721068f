"""Sub-commands about reports themselves: import, outline, search, export."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from editor.cli.common import chosen_report, Out, Register, describe_counts, dumps, note, open_store
from editor.cli.editions import add_edition_choice, add_edition_option, cmd_import_edition

EXPORT_FORMATS = ["pdf", "json", "csv", "md", "w3c", "qdpx"]


def register(command: Register) -> None:
    """Add import, outline, search and export to the parser."""
    p = command("import", "import a report file; prints its id and node counts")
    p.add_argument("file")
    add_edition_option(p)
    p.set_defaults(handler=cmd_import)

    p = command("outline", "print the outline of a report")
    p.add_argument("--report", metavar="ID")
    p.add_argument("--json", action="store_true", help="one JSON object with the whole tree")
    p.set_defaults(handler=cmd_outline)

    p = command("search", "full-text search over titles, bodies, notes and comments")
    p.add_argument("query")
    p.add_argument("--report", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_search)

    p = command("export", "export a report with its annotations")
    p.add_argument("format", choices=EXPORT_FORMATS)
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--report", metavar="ID")
    p.add_argument("--annotated-only", action="store_true", help="only nodes with annotations")
    p.add_argument("--tag", action="append", default=[], metavar="TAG", help="only nodes with this tag")
    p.add_argument("--min-rating", type=int, metavar="N", help="only nodes rated at least N (first dimension)")
    p.add_argument("--mine", action="store_true", help="only my annotations, not colleagues'")
    p.add_argument("--page-size", choices=["A4", "Letter"], default="A4")
    p.add_argument("--no-matrix", action="store_true", help="PDF: leave out the trend matrix and top-trends pages")
    p.add_argument("--script", choices=["original", "simplified", "traditional"], default="original",
                   help="the report's Chinese text as written (default), in Simplified or in Traditional "
                        "characters (pdf, md, csv; json keeps the text as written and adds the converted text)")
    add_edition_choice(p)
    p.set_defaults(handler=cmd_export)


def cmd_import(args: argparse.Namespace, out: Out) -> int:
    from editor.importing import read_report
    from editor.operations.reports import import_report

    if args.edition_of:
        return cmd_import_edition(args, out)
    report = read_report(args.file)  # parse before opening: a bad file never creates a database
    with open_store(args, create=True) as store:
        info, created = import_report(store, report).result
    out(info.id)
    out(f"{report.title}: {describe_counts(report.counts())}")
    for warning in report.warnings:
        sys.stderr.write(f"warning: {warning}\n")
    if not created:
        note("this report was already imported; nothing changed")
    return 0


def _node_tree(nodes) -> list[dict]:
    by_parent: dict[str | None, list] = {}
    for node in nodes:
        by_parent.setdefault(node.parent_id, []).append(node)

    def build(parent_id: str | None) -> list[dict]:
        return [
            {"id": n.id, "number": n.number, "path": n.path, "level": n.level,
             "title": n.title, "body": n.body, "children": build(n.id)}
            for n in sorted(by_parent.get(parent_id, []), key=lambda n: n.position)
        ]

    return build(None)


def cmd_outline(args: argparse.Namespace, out: Out) -> int:
    with open_store(args) as store:
        info = chosen_report(store, args)
        nodes = store.nodes(info.id)
    if args.json:
        out(dumps({"id": info.id, "title": info.title, "source": info.source,
                   "warnings": list(info.warnings), "nodes": _node_tree(nodes)}))
        return 0
    out(info.title)
    for node in nodes:
        marker = "" if node.body else "  (no text)"
        out(f"{'  ' * (node.level - 1)}{node.number} {node.title}{marker}")
    return 0


def _marked(text: str, span: tuple[int, int] | None, bold: bool) -> str:
    """``text`` with the matched span in bold on a terminal (the text as written, either script)."""
    if span is None or not bold:
        return text
    start, end = span
    return f"{text[:start]}\033[1m{text[start:end]}\033[0m{text[end:]}"


def cmd_search(args: argparse.Namespace, out: Out) -> int:
    if not args.query.strip():
        raise ValueError("the search query is empty")
    with open_store(args) as store:
        report_id = store.report(args.report).id if args.report else None
        hits = store.search(args.query, report_id=report_id)
    if args.json:
        out(dumps([{"node_id": h.node_id, "path": h.path, "title": h.title,
                    "field": h.field, "snippet": h.snippet, "match": list(h.match) if h.match else None}
                   for h in hits]))
    else:
        bold = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        for h in hits:
            out(f"{h.path}\t{h.title}\t[{h.field}] {_marked(h.snippet, h.match, bold)}")
        if not hits:
            sys.stderr.write("no matches\n")
    return 0


def cmd_export(args: argparse.Namespace, out: Out) -> int:
    from editor.cli.common import author
    from editor.export import ExportOptions
    from editor.operations.exports import export

    with open_store(args) as store:
        report = store.edition(chosen_report(store, args).id, args.edition)
        mine = author(store, args) if args.mine else None
        options = ExportOptions(
            annotated_only=args.annotated_only, tags=tuple(args.tag), min_rating=args.min_rating,
            only_author_id=mine.id if mine else None, page_size=args.page_size,
            include_matrix=not args.no_matrix, script=args.script,
        )
        path = export(store, args.format, Path(args.out).expanduser(), report.id, options)
    out(str(path))
    return 0
