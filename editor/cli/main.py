"""The trendmark command: no sub-command opens the window; sub-commands run headless.

Only the standard library is imported at module level, so ``trendmark --version``
and the headless commands start fast and never load Qt (PDF export excepted).
Every failure a user can cause ends as one line ``error: …`` on stderr, exit 2.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence

from editor import __version__
from editor.cli import annotate, editions, hub, identity, matrix, reports, team

# Each module adds its sub-commands with register(command), each parser naming its handler.
COMMAND_MODULES = (reports, annotate, team, hub, identity, editions, matrix)

EXIT_USAGE = 2


class UsageError(Exception):
    """A command-line mistake, reported as one line."""


class _Parser(argparse.ArgumentParser):
    """argparse, but its errors are one line and exit 2 like every other error."""

    def error(self, message: str):
        raise UsageError(message)


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    # Accepted before or after the sub-command: the copy on each sub-parser uses
    # SUPPRESS so that an option given before the sub-command is not reset.
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", metavar="DB", default=default,
                        help="database file (default: trendmark.sqlite in the user data directory)")
    parser.add_argument("--author", metavar="NAME", default=default,
                        help="analyst name for annotations (default: the stored name)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="trendmark", description="Outline and annotation editor for research reports.")
    parser.add_argument("--version", action="version", version=f"trendmark {__version__}")
    _global_options(parser, suppress=False)
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        _global_options(p, suppress=True)
        return p

    for module in COMMAND_MODULES:
        module.register(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    from editor.core.errors import TrendmarkError

    parser = build_parser()
    warnings.showwarning = _show_warning
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            return _open_gui(args)
        code = args.handler(args, _out)
        if code == 0 and getattr(args, "closing_note", None):
            sys.stderr.write(f"note: {args.closing_note}\n")
        return code
    except BrokenPipeError:
        # `trendmark outline | head -1`: the reader has all it wanted. Point stdout at
        # nothing so the interpreter's final flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except UsageError as exc:
        return _fail(str(exc))
    except TrendmarkError as exc:
        return _fail(str(exc))
    except (OSError, ValueError) as exc:
        return _fail(_describe(exc))
    except KeyboardInterrupt:
        return _fail("interrupted")
    except Exception as exc:
        return _fail(f"unexpected {type(exc).__name__}: {exc} (details in {_log_traceback()})")


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning from Trendmark's own code is one ``note:`` line; others keep Python's format."""
    if category.__module__.startswith("editor."):
        sys.stderr.write(f"note: {message}\n")
    else:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


def gui_main() -> int:
    """Entry point of the GUI launcher (no console window on Windows)."""
    return main(sys.argv[1:])


def _open_gui(args: argparse.Namespace) -> int:
    from editor.cli.common import prepare_gui_database
    from editor.ui.app import run_gui

    db_path = prepare_gui_database(args.db)
    return run_gui(db_path, args.author, smoke_test=args.smoke_test)


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _fail(message: str) -> int:
    first_line = message.strip().splitlines()[0] if message.strip() else "unknown error"
    sys.stderr.write(f"error: {first_line}\n")
    return EXIT_USAGE


def _log_traceback() -> str:
    """Write the current exception's traceback to the user's log folder; return where."""
    import traceback

    from editor.identity import log_dir

    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "last-error.txt"
        path.write_text(traceback.format_exc(), encoding="utf-8")
        return str(path)
    except OSError:
        return "no log: the log folder is not writable"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.strerror or exc}: {exc.filename}"
    return str(exc)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
