"""Sub-commands for the team hub: hub init / upgrade / grant, and sync."""

from __future__ import annotations

import argparse

from editor.cli.common import Out, Register, author, dumps, open_store


def register(command: Register) -> None:
    """Add the hub sub-commands to the parser."""
    p = command("hub", "set up a team hub on PostgreSQL and let analysts' roles in")
    sub = p.add_subparsers(dest="hub_command", metavar="ACTION", required=True, parser_class=type(p))
    init = sub.add_parser("init", help="create the hub schema in an existing PostgreSQL database")
    init.add_argument("url", metavar="URL", help="libpq URL or service=NAME (password from ~/.pgpass)")
    init.set_defaults(handler=cmd_init)
    upgrade = sub.add_parser("upgrade", help="bring a hub's schema up to this Trendmark's version")
    upgrade.add_argument("url", metavar="URL")
    upgrade.set_defaults(handler=cmd_upgrade)
    grant = sub.add_parser("grant", help="let a PostgreSQL role take part as one analyst")
    grant.add_argument("url", metavar="URL")
    grant.add_argument("role", metavar="ROLE")
    grant.add_argument("--author", dest="analyst", metavar="ID",
                       help="the analyst's id (a UUID); without it, the role's first sync decides")
    grant.set_defaults(handler=cmd_grant)

    p = command("sync", "push this database's changes to a team hub and pull everyone else's")
    p.add_argument("url", metavar="URL", help="libpq URL or service=NAME (password from ~/.pgpass)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_sync)


def cmd_init(args: argparse.Namespace, out: Out) -> int:
    from editor.operations.hub import init_hub, shown_address

    old, new = init_hub(args.url)
    out(f"hub at {shown_address(args.url)}: schema {new}" + (" (created)" if old == 0 else
                                                               "" if old == new else f" (upgraded from {old})"))
    return 0


def cmd_upgrade(args: argparse.Namespace, out: Out) -> int:
    from editor.operations.hub import shown_address, upgrade_hub

    old, new = upgrade_hub(args.url)
    out(f"hub at {shown_address(args.url)}: schema {new}" + ("" if old == new else f" (upgraded from {old})"))
    return 0


def cmd_grant(args: argparse.Namespace, out: Out) -> int:
    from editor.operations.hub import grant_role

    analyst = grant_role(args.url, args.role, args.analyst)
    out(f"role {args.role} takes part as analyst {analyst}" if analyst else
        f"role {args.role} may take part; its first sync decides the analyst it writes as")
    return 0


def cmd_sync(args: argparse.Namespace, out: Out) -> int:
    from editor.operations.hub import sync

    with open_store(args, create=True) as store:
        analyst = author(store, args)
        result = sync(store, args.url, analyst.id).result
    if args.json:
        out(dumps({"hub": result.hub, "seq": result.seq, "pushed": result.pushed_changed,
                   "pulled": result.merge.to_json()["kinds"], "conflicts": list(result.merge.conflict_ids)}))
    else:
        for line in result.summary_lines():
            out(line)
    return 0
