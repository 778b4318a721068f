"""Sub-commands for the analyst's signing identity: identity show / export / import."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from editor.cli.common import Out, Register, dumps
from editor.core.errors import TrendmarkError


def register(command: Register) -> None:
    """Add the identity sub-commands to the parser."""
    p = command("identity", "the analyst this installation signs as: show it, or move it to another machine")
    sub = p.add_subparsers(dest="identity_command", metavar="ACTION", required=True, parser_class=type(p))
    show = sub.add_parser("show", help="name, id and the fingerprint of the signing key")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)
    export = sub.add_parser("export", help="write id, name and signing key to FILE, encrypted with a passphrase")
    export.add_argument("file", metavar="FILE")
    export.set_defaults(handler=cmd_export)
    imported = sub.add_parser("import", help="sign as the analyst exported to FILE on another machine")
    imported.add_argument("file", metavar="FILE")
    imported.set_defaults(handler=cmd_import)
    for parser in (export, imported):
        parser.epilog = "The passphrase is asked for on a terminal, or read as the first line of standard input."


def _passphrase(confirm: bool) -> str:
    """The passphrase: typed twice on a terminal (once to import), else the first line of standard input."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("passphrase: ")
    if confirm and getpass.getpass("passphrase again: ") != first:
        raise TrendmarkError("the two passphrases differ")
    return first


def cmd_show(args: argparse.Namespace, out: Out) -> int:
    from editor.operations.identity import whoami

    analyst, fingerprint = whoami()
    if args.json:
        out(dumps({"id": analyst.id, "name": analyst.name, "key": fingerprint.replace(" ", "")}))
    else:
        out(f"{analyst.name} ({analyst.id})")
        out(f"signing key {fingerprint}")
    return 0


def cmd_export(args: argparse.Namespace, out: Out) -> int:
    from editor.operations.identity import export_identity

    analyst = export_identity(Path(args.file).expanduser(), _passphrase(confirm=True))
    out(f"exported {analyst.name} ({analyst.id}) to {args.file}: import it on the other machine"
        " with `trendmark identity import`")
    return 0


def cmd_import(args: argparse.Namespace, out: Out) -> int:
    from editor.operations.identity import import_identity

    analyst = import_identity(Path(args.file).expanduser(), _passphrase(confirm=False))
    out(f"this installation now signs as {analyst.name} ({analyst.id})")
    return 0
