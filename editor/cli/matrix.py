"""``trendmark matrix``: the Impact × Likelihood matrix as SVG or PNG; ``trendmark quadrants``: its labels."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from collections.abc import Callable

Out = Callable[[str], None]

_QUADRANT_OPTIONS = (("top_left", "high y, low x (default: Prepare)"), ("top_right", "high y, high x (Act now)"),
                     ("bottom_left", "low y, low x (Monitor)"), ("bottom_right", "low y, high x (Watch)"))


def register(command) -> None:
    """Add the matrix sub-commands to the parser (``command(name, help)`` makes a sub-parser)."""
    p = command("matrix", "draw the team's ratings as an Impact × Likelihood matrix (SVG or PNG)")
    p.add_argument("--out", required=True, metavar="FILE", help="FILE.svg (text stays text) or FILE.png")
    p.add_argument("--report", metavar="ID")
    p.add_argument("--x", metavar="DIMENSION", help="the dimension along x (default: Likelihood)")
    p.add_argument("--y", metavar="DIMENSION", help="the dimension along y (default: Impact)")
    p.add_argument("--size", metavar="DIMENSION",
                   help="what sizes the points: a dimension, or 'analysts' (default: Confidence)")
    p.add_argument("--analyst", action="append", metavar="NAME",
                   help="only this analyst's ratings (repeatable; default: the whole team)")
    p.add_argument("--width", type=int, metavar="PX", help="image width (PNG default 1600 px, SVG 960 units)")
    p.set_defaults(handler=cmd_matrix)

    p = command("quadrants", "show or set the matrix's quadrant labels and grid for a report (shared)")
    p.add_argument("--report", metavar="ID")
    for name, help_ in _QUADRANT_OPTIONS:
        p.add_argument("--" + name.replace("_", "-"), dest=name, metavar="LABEL", help=help_)
    p.add_argument("--x-split", type=float, metavar="N", help="where the vertical divider sits on the x scale")
    p.add_argument("--y-split", type=float, metavar="N", help="where the horizontal divider sits on the y scale")
    grid = p.add_mutually_exclusive_group()
    grid.add_argument("--grid", dest="grid", action="store_true", default=None, help="draw a line at every step")
    grid.add_argument("--no-grid", dest="grid", action="store_false")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_quadrants)


def analyst_ids(store, names: list[str] | None) -> list[str] | None:
    """Author ids for ``--analyst`` names (any letter case); NotFoundError naming the analysts there are."""
    from editor.core.errors import NotFoundError

    if not names:
        return None
    authors = store.authors()
    ids = []
    for name in names:
        found = [a.id for a in authors if a.name.casefold() == name.strip().casefold()]
        if not found:
            known = ", ".join(sorted((a.name for a in authors), key=str.casefold)) or "none"
            raise NotFoundError(f"no analyst called {name!r}; analysts: {known}")
        ids += found
    return ids


def cmd_matrix(args: argparse.Namespace, out: Out) -> int:
    """Write the matrix file."""
    from editor.cli.common import open_store
    from editor.export.matrix import matrix_data
    from editor.export.matrix.files import file_format, write_matrix

    out_path = Path(args.out).expanduser()
    file_format(out_path)  # a wrong name fails before the database is opened
    if out_path.is_dir():
        raise ValueError(f"{out_path} is a directory; give a file name with --out")
    with open_store(args, read_only=True) as store:
        report = store.report(args.report)
        data = matrix_data(store, report.id, x=args.x, y=args.y, size=args.size,
                           author_ids=analyst_ids(store, args.analyst))
    write_matrix(data, out_path, args.width)
    out(f"{out_path}: {len(data.points)} trends, {data.y.name} × {data.x.name}")
    return 0


def cmd_quadrants(args: argparse.Namespace, out: Out) -> int:
    """Print the quadrants, or change the ones given."""
    from dataclasses import asdict, replace

    from editor.cli.common import open_store
    from editor.identity import resolve_author
    from editor.operations.matrix import set_quadrants

    given = {name: getattr(args, name) for name, _ in _QUADRANT_OPTIONS if getattr(args, name) is not None}
    for name in ("x_split", "y_split", "grid"):
        if getattr(args, name) is not None:
            given[name] = getattr(args, name)
    with open_store(args, read_only=not given) as store:
        report = store.report(args.report)
        quadrants = store.quadrants(report.id)
        if given:
            author = resolve_author(store, args.author)
            quadrants = set_quadrants(store, report.id, author.id, replace(quadrants, **given)).result
    if args.json:
        out(json.dumps(asdict(quadrants), ensure_ascii=False, indent=2))
        return 0
    for name, _ in _QUADRANT_OPTIONS:
        out(f"{name.replace('_', ' ')}: {getattr(quadrants, name)}")
    splits = [f"{axis} divider at {value:g}" for axis, value in (("x", quadrants.x_split), ("y", quadrants.y_split))
              if value is not None]
    out("grid: " + ("on" if quadrants.grid else "off") + ("; " + ", ".join(splits) if splits else ""))
    return 0
