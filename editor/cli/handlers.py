"""What each headless sub-command does; the parser lives in :mod:`editor.cli`.

Each ``cmd_*`` takes the parsed arguments and an ``out`` callable for stdout, and
returns the exit code. They compose the importer, the store and the exports; none
of them speaks SQL or touches Qt widgets.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable

from editor.core.errors import NotFoundError, StoreError
from editor.core.richtext import text_to_html
from editor.identity import default_database, resolve_author

Out = Callable[[str], None]

LEVEL_NAMES = {1: ("chapter", "chapters"), 2: ("section", "sections"), 3: ("point", "points")}


def database_path(db: str | None) -> Path:
    return Path(db).expanduser() if db else default_database()


def open_store(args: argparse.Namespace, *, create: bool = False, read_only: bool = False):
    """Open the database named by --db; only writing commands may create it."""
    from editor.store import Store

    path = database_path(getattr(args, "db", None))
    if not path.exists() and not create:
        raise StoreError(f"no database at {path}: import a report first (trendmark --db {path} import FILE)")
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    return Store.open(path, read_only=read_only)


def bundled_sample() -> bytes:
    """The sample report shipped inside the package."""
    from importlib.resources import files

    return (files("editor.resources") / "sample-report.txt").read_bytes()


def prepare_gui_database(db: str | None) -> Path:
    """The database the window opens; a first run on the default one imports the sample."""
    path = database_path(db)
    if db is None and not path.exists():
        from editor.importing import parse_report

        report = parse_report(bundled_sample(), source="sample-report.txt")
        path.parent.mkdir(parents=True, exist_ok=True)
        from editor.store import Store

        with Store.open(path) as store:
            store.add_report(report)
    return path


def describe_counts(counts: dict[int, int]) -> str:
    parts = []
    for level in sorted(counts):
        singular, plural = LEVEL_NAMES.get(level, (f"level-{level} node", f"level-{level} nodes"))
        parts.append(f"{counts[level]} {singular if counts[level] == 1 else plural}")
    return ", ".join(parts) + f" ({sum(counts.values())} nodes)"


def cmd_import(args: argparse.Namespace, out: Out) -> int:
    from editor.importing import read_report

    report = read_report(args.file)  # parse before opening: a bad file never creates a database
    with open_store(args, create=True) as store:
        info, created = store.add_report(report)
    out(info.id)
    out(f"{report.title}: {describe_counts(report.counts())}")
    for warning in report.warnings:
        sys.stderr.write(f"warning: {warning}\n")
    if not created:
        sys.stderr.write("note: this report was already imported; nothing changed\n")
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
        info = store.report(args.report)
        nodes = store.nodes(info.id)
    if args.json:
        out(json.dumps({"id": info.id, "title": info.title, "source": info.source,
                        "warnings": list(info.warnings), "nodes": _node_tree(nodes)},
                       ensure_ascii=False, indent=2))
        return 0
    out(info.title)
    for node in nodes:
        marker = "" if node.body else "  (no text)"
        out(f"{'  ' * (node.level - 1)}{node.number} {node.title}{marker}")
    return 0


def cmd_search(args: argparse.Namespace, out: Out) -> int:
    if not args.query.strip():
        raise ValueError("the search query is empty")
    with open_store(args) as store:
        report_id = store.report(args.report).id if args.report else None
        hits = store.search(args.query, report_id=report_id)
    if args.json:
        out(json.dumps([{"node_id": h.node_id, "path": h.path, "title": h.title,
                         "field": h.field, "snippet": h.snippet} for h in hits],
                       ensure_ascii=False, indent=2))
    else:
        for h in hits:
            out(f"{h.path}\t{h.title}\t[{h.field}] {h.snippet}")
        if not hits:
            sys.stderr.write("no matches\n")
    return 0


def _target(store, args):
    report = store.report(args.report)
    return store.find_node(report.id, args.node)


def cmd_tag(args: argparse.Namespace, out: Out) -> int:
    with open_store(args) as store:
        node = _target(store, args)
        author = resolve_author(store, args.author)
        with store.transaction():
            names = [store.add_node_tag(node.id, name, author.id).tag.name for name in _clean(args.tags)]
    out(f"{node.path} {node.title}: tagged {', '.join(names)}")
    return 0


def cmd_untag(args: argparse.Namespace, out: Out) -> int:
    with open_store(args) as store:
        node = _target(store, args)
        author = resolve_author(store, args.author)
        with store.transaction():
            removed = [n for n in _clean(args.tags) if store.remove_node_tag(node.id, n, author.id)]
    missing = [t for t in _clean(args.tags) if t not in removed]
    if removed:
        out(f"{node.path} {node.title}: removed {', '.join(removed)}")
    if missing:
        sys.stderr.write(f"note: not tagged by {author.name}: {', '.join(missing)}\n")
    return 0


def _clean(tags: list[str]) -> list[str]:
    names = [t.strip() for t in tags if t.strip()]
    if not names:
        raise ValueError("give at least one non-empty tag name")
    return names


def cmd_rate(args: argparse.Namespace, out: Out) -> int:
    with open_store(args) as store:
        node = _target(store, args)
        wanted = []
        for item in args.ratings:  # validate everything before writing anything
            name, sep, raw = item.partition("=")
            if not sep or not name.strip() or not raw.strip():
                raise ValueError(f"'{item}' is not DIMENSION=VALUE (e.g. impact=4)")
            dimension = store.dimension(name.strip())
            try:
                value = int(raw)
            except ValueError:
                raise ValueError(f"'{raw}' is not a whole number ({dimension.name} takes "
                                 f"{dimension.min}–{dimension.max}, 0 clears)") from None
            if value != 0 and not dimension.min <= value <= dimension.max:
                raise ValueError(f"{dimension.name} takes {dimension.min}–{dimension.max} "
                                 f"(0 clears), not {value}")
            wanted.append((dimension, value))
        author = resolve_author(store, args.author)
        with store.transaction():
            for dimension, value in wanted:
                store.set_rating(node.id, dimension.id, author.id, value or None)
    shown = ", ".join(f"{d.name}={'cleared' if v == 0 else v}" for d, v in wanted)
    out(f"{node.path} {node.title}: {shown}")
    return 0


def cmd_note(args: argparse.Namespace, out: Out) -> int:
    html = args.html if args.html is not None else text_to_html(args.text)
    with open_store(args) as store:
        node = _target(store, args)
        author = resolve_author(store, args.author)
        note = store.save_note(node.id, author.id, html)
    out(f"{node.path} {node.title}: " + ("note saved" if note else "note removed"))
    return 0


def cmd_highlight(args: argparse.Namespace, out: Out) -> int:
    if not args.quote.strip():
        raise ValueError("the quote is empty")
    _check_color(args.color)
    with open_store(args) as store:
        node = _target(store, args)
        start, end = store.find_quote(node.id, args.quote)
        author = resolve_author(store, args.author)
        highlight = store.add_highlight(node.id, author.id, start, end, color=args.color,
                                        comment_html=text_to_html(args.comment) if args.comment else "")
    out(highlight.id)
    out(f"{node.path} {node.title}: highlighted characters {start}–{end}")
    return 0


def _check_color(color: str) -> None:
    import re

    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", color):
        raise ValueError(f"'{color}' is not a colour like #FFE066")


def cmd_export(args: argparse.Namespace, out: Out) -> int:
    from editor.export import ExportOptions, export_report

    out_path = Path(args.out).expanduser()
    if out_path.is_dir():
        raise ValueError(f"{out_path} is a directory; give a file name with --out")
    with open_store(args) as store:
        report = store.report(args.report)
        author = resolve_author(store, args.author) if args.mine else None
        options = ExportOptions(
            annotated_only=args.annotated_only, tags=tuple(args.tag), min_rating=args.min_rating,
            only_author_id=author.id if author else None, page_size=args.page_size,
        )
        export_report(store, args.format, out_path, report.id, options)
    out(str(out_path))
    return 0


def cmd_share(args: argparse.Namespace, out: Out) -> int:
    from editor.store.sharing import share_copy

    # Read-only: a snapshot must not wait for (or block) the window's writes.
    with open_store(args, read_only=True) as store:
        path = share_copy(store, Path(args.out).expanduser())
    out(str(path))
    return 0


def cmd_merge(args: argparse.Namespace, out: Out) -> int:
    from editor.store.merge import merge_database

    theirs = Path(args.theirs).expanduser()
    with open_store(args, create=not args.dry_run) as store:
        result = merge_database(store, theirs, dry_run=args.dry_run)
    if args.json:
        out(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        for line in result.summary_lines():
            out(line)
    return 0


def cmd_agreement(args: argparse.Namespace, out: Out) -> int:
    from editor.export.agreement import agreement_report, format_agreement

    with open_store(args) as store:
        report = store.report(args.report)
        result = agreement_report(store, report.id)
    if args.json:
        out(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        out(format_agreement(result))
    return 0


__all__ = ["NotFoundError", "database_path", "open_store", "prepare_gui_database"]
