"""Sub-commands that annotate a node: tag, untag, rate, note, highlight, unhighlight.

Each one calls the same operation the window's undo commands call, so both follow the
same rules (no-op edits skipped, tag spelling reused, colleagues' highlights left alone).
"""

from __future__ import annotations

import argparse
import sys

from editor.cli.common import Out, Register, author, note, open_store, target_node
from editor.core.colors import DEFAULT_HIGHLIGHT_COLOR


def register(command: Register) -> None:
    """Add the annotating sub-commands to the parser."""
    for name, verb, handler in (("tag", "add tags to", cmd_tag), ("untag", "remove tags from", cmd_untag)):
        p = command(name, f"{verb} a node (NODE: a path like 1.1, or a node id)")
        p.add_argument("node")
        p.add_argument("tags", nargs="+", metavar="TAG")
        p.add_argument("--report", metavar="ID")
        p.set_defaults(handler=handler)

    p = command("rate", "rate a node, e.g. impact=4 likelihood=2 (0 clears)")
    p.add_argument("node")
    p.add_argument("ratings", nargs="+", metavar="DIMENSION=VALUE")
    p.add_argument("--report", metavar="ID")
    p.set_defaults(handler=cmd_rate)

    p = command("note", "set the note on a node (empty text removes it)")
    p.add_argument("node")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--text")
    group.add_argument("--html")
    p.add_argument("--report", metavar="ID")
    p.set_defaults(handler=cmd_note)

    p = command("highlight", "highlight a quoted passage of a node's text")
    p.add_argument("node")
    p.add_argument("--quote", required=True)
    p.add_argument("--comment", default="")
    p.add_argument("--color", default=DEFAULT_HIGHLIGHT_COLOR, metavar="#RRGGBB")
    p.add_argument("--report", metavar="ID")
    p.set_defaults(handler=cmd_highlight)

    p = command("unhighlight", "delete one of your highlights (HIGHLIGHT: the id `highlight` printed)")
    p.add_argument("highlight", metavar="HIGHLIGHT")
    p.set_defaults(handler=cmd_unhighlight)


def _names(tags: list[str]) -> list[str]:
    names = [t.strip() for t in tags if t.strip()]
    if not names:
        raise ValueError("give at least one non-empty tag name")
    return names


def cmd_tag(args: argparse.Namespace, out: Out) -> int:
    from editor.operations.annotations import add_node_tags, tag_in_other_script

    with open_store(args) as store, store.transaction():  # a refusal leaves no new author behind
        node = target_node(store, args)
        names = _names(args.tags)
        for name in names:
            other = tag_in_other_script(store, name)
            if other is not None:
                sys.stderr.write(f"warning: the tag “{other}” already exists and differs from “{name}” only "
                                 f"by script; “{name}” was added as typed (tag with “{other}” to use that one)\n")
        spellings = add_node_tags(store, author(store, args).id, node.id, names).result
    out(f"{node.path} {node.title}: tagged {', '.join(spellings)}")
    return 0


def cmd_untag(args: argparse.Namespace, out: Out) -> int:
    from editor.operations.annotations import remove_node_tag

    with open_store(args) as store, store.transaction():
        node = target_node(store, args)
        analyst = author(store, args)
        names = _names(args.tags)
        removed = [n for n in names if remove_node_tag(store, analyst.id, node.id, n).result]
    missing = [t for t in names if t not in removed]
    if removed:
        out(f"{node.path} {node.title}: removed {', '.join(removed)}")
    if missing:
        note(f"not tagged by {analyst.name}: {', '.join(missing)}")
    return 0


def cmd_rate(args: argparse.Namespace, out: Out) -> int:
    from editor.operations.annotations import parse_ratings, set_ratings

    with open_store(args) as store, store.transaction():
        node = target_node(store, args)
        wanted = parse_ratings(store, args.ratings)
        set_ratings(store, author(store, args).id, node.id, wanted)
    shown = ", ".join(f"{d.name}={'cleared' if v == 0 else v}" for d, v in wanted)
    out(f"{node.path} {node.title}: {shown}")
    return 0


def cmd_note(args: argparse.Namespace, out: Out) -> int:
    from editor.operations.annotations import set_note

    from editor.core.richtext import text_to_html

    html = args.html if args.html is not None else text_to_html(args.text)
    with open_store(args) as store, store.transaction():
        node = target_node(store, args)
        saved = set_note(store, author(store, args).id, node.id, html).result
    out(f"{node.path} {node.title}: " + ("note saved" if saved else "note removed"))
    return 0


def cmd_highlight(args: argparse.Namespace, out: Out) -> int:
    from editor.operations.highlights import highlight_quote

    if not args.quote.strip():
        raise ValueError("the quote is empty")
    from editor.core.richtext import text_to_html

    comment = text_to_html(args.comment) if args.comment else ""
    with open_store(args) as store, store.transaction():
        node = target_node(store, args)
        highlight = highlight_quote(store, author(store, args).id, node.id, args.quote,
                                    color=args.color, comment_html=comment).result
    out(highlight.id)
    out(f"{node.path} {node.title}: highlighted characters {highlight.start}–{highlight.end}")
    return 0


def cmd_unhighlight(args: argparse.Namespace, out: Out) -> int:
    from editor.operations.highlights import delete_highlight

    with open_store(args) as store, store.transaction():
        node = store.node(store.highlight(args.highlight).node_id)
        delete_highlight(store, author(store, args).id, args.highlight)
    out(f"{node.path} {node.title}: highlight deleted")
    return 0
