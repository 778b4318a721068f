"""Check the built artefacts the way a user meets them: wheel and sdist, a pipx install, the frozen folder.

``make check-packaging`` builds everything first and then runs this script::

    python packaging/check_packaging.py --dist dist --bundle dist/trendmark

Steps (``--only`` picks some): ``dist`` inspects the wheel and sdist, ``pipx`` installs
the wheel with pipx into a clean temporary home and drives the command line from there,
``bundle`` runs the PyInstaller folder with an environment as empty as ``env -i`` and
checks it was trimmed, ``datasette`` serves a real database with the Datasette metadata
(see check_datasette.py). It prints the bundle size and start-up times, and exits 1 if
any step failed. It downloads packages (pipx, Datasette): allow several minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "pyinstaller"))

from bundle_contents import RESOURCE_PATTERNS, forbidden_files  # noqa: E402
from check_datasette import check_datasette  # noqa: E402
from checks_common import (  # noqa: E402
    ROOT, SAMPLE_REPORT, CheckFailed, Report, best_time, folder_size, minimal_env, run,
)
from xvfb_display import XvfbDisplay, xvfb_available  # noqa: E402

STEPS = ("dist", "pipx", "bundle", "datasette")
# Qt plugins the frozen folder must keep: headless, X11 and Wayland windows, the SVG icon.
REQUIRED_PLUGINS = ("platforms/libqoffscreen.so", "platforms/libqxcb.so", "platforms/libqwayland.so",
                    "imageformats/libqsvg.so", "iconengines/libqsvgicon.so")


def version() -> str:
    """The version the artefacts should carry, read from the package without importing it."""
    text = (ROOT / "editor" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if not match:
        raise CheckFailed("editor/__init__.py has no __version__")
    return match.group(1)


def shipped_resources() -> list[str]:
    """Files of resources/ that must ship as editor/resources/... (the package-data patterns)."""
    base = ROOT / "resources"
    names = {p.relative_to(base).as_posix() for pattern in RESOURCE_PATTERNS for p in base.glob(pattern)
             if p.is_file()}
    return sorted(names)


def find_artefacts(dist: Path) -> tuple[Path, Path]:
    """The wheel and the sdist of this version in ``dist``."""
    ver = version()
    wheels = sorted(dist.glob(f"trendmark-{ver}-*.whl"))
    sdists = sorted(dist.glob(f"trendmark-{ver}.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        raise CheckFailed(f"expected one wheel and one sdist of {ver} in {dist} (run make dist); "
                          f"found {[p.name for p in wheels + sdists]}")
    return wheels[0], sdists[0]


def check_dist(report: Report, dist: Path) -> None:
    """The wheel holds the app and its resources, no tests, and both commands; the sdist holds the sources."""
    wheel, sdist = find_artefacts(dist)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next((archive.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt")),
                            "")
    missing = [f"editor/resources/{name}" for name in shipped_resources()
               if f"editor/resources/{name}" not in names]
    for needed in ("editor/resources/sample-report.txt", "editor/resources/icons/trendmark.svg",
                   "editor/cli/main.py", "editor/__main__.py"):
        if needed not in names and needed not in missing:
            missing.append(needed)
    if not any(n.startswith("editor/resources/translations/") and n.endswith(".qm") for n in names):
        missing.append("editor/resources/translations/*.qm")
    if missing:
        raise CheckFailed(f"{wheel.name} lacks {', '.join(missing)} (package-data in pyproject.toml)")
    stray = sorted(n for n in names if n.startswith(("tests/", "packaging/")) or "/tests/" in n
                   or Path(n).name == "conftest.py")
    if stray:
        raise CheckFailed(f"{wheel.name} ships test or build files: {', '.join(stray[:5])}")
    for command in ("trendmark = editor.cli:main", "trendmark-gui = editor.cli:gui_main"):
        if command not in entry_points:
            raise CheckFailed(f"{wheel.name} does not declare the command '{command}'")
    with tarfile.open(sdist) as archive:
        members = {m.name.split("/", 1)[-1] for m in archive.getmembers()}
    for needed in ("pyproject.toml", "editor/cli/main.py", "resources/sample-report.txt", "resources/__init__.py"):
        if needed not in members:
            raise CheckFailed(f"{sdist.name} lacks {needed}")
    report.figure("wheel", f"{wheel.name} ({wheel.stat().st_size // 1024} KiB, {len(names)} files)")
    report.figure("sdist", f"{sdist.name} ({sdist.stat().st_size // 1024} KiB)")


def pipx_command() -> list[str]:
    """How to run pipx: the one in this environment (the packaging extra), else the system's."""
    import importlib.util

    if importlib.util.find_spec("pipx") is not None:
        return [sys.executable, "-m", "pipx"]
    found = shutil.which("pipx")
    if found:
        return [found]
    raise CheckFailed("pipx is not installed: pip install -e '.[packaging]' (or install pipx)")


def exercise_cli(report: Report, trendmark: Path, env: dict[str, str], work: Path, label: str) -> None:
    """--version, import of the sample, export json (and pdf), and the window's smoke test."""
    out = run([trendmark, "--version"], env=env).stdout.strip()
    if out != f"trendmark {version()}":
        raise CheckFailed(f"{label}: --version printed {out!r}")
    first, best = best_time([trendmark, "--version"], env)
    report.figure(f"{label} --version start", f"{best * 1000:.0f} ms (first run {first * 1000:.0f} ms)")
    db = work / f"{label}.sqlite"
    imported = run([trendmark, "--db", db, "import", SAMPLE_REPORT], env=env).stdout
    match = re.search(r"\((\d+) nodes\)", imported)
    exported = work / f"{label}.json"
    run([trendmark, "--db", db, "export", "json", "--out", exported], env=env)
    document = json.loads(exported.read_text(encoding="utf-8"))
    count = document.get("report", {}).get("node_count")
    if not document.get("nodes") or (match and count != int(match.group(1))):
        raise CheckFailed(f"{label}: the JSON export has {count} nodes, the import reported {imported.strip()!r}")
    pdf = work / f"{label}.pdf"
    run([trendmark, "--db", db, "export", "pdf", "--out", pdf], env=env)
    if not pdf.read_bytes().startswith(b"%PDF-"):
        raise CheckFailed(f"{label}: export pdf wrote no PDF")
    start = time.perf_counter()
    run([trendmark, "--db", db, "--author", "Packaging Check", "--smoke-test"], env=env, timeout=120)
    report.figure(f"{label} window smoke test (includes 0.5 s of event processing)",
                  f"{(time.perf_counter() - start) * 1000:.0f} ms")
    report.figure(f"{label} sample import", imported.strip().splitlines()[-1] if imported.strip() else "?")


def check_pipx(report: Report, dist: Path, work: Path) -> None:
    """Install the wheel with pipx into a clean, temporary pipx home and use it from there."""
    wheel, _sdist = find_artefacts(dist)
    home = work / "pipx"
    shutil.rmtree(home, ignore_errors=True)
    pipx_env = dict(os.environ, PIPX_HOME=str(home / "home"), PIPX_BIN_DIR=str(home / "bin"),
                    PIPX_MAN_DIR=str(home / "man"))
    run([*pipx_command(), "install", "--force", wheel], env=pipx_env, timeout=900)
    trendmark = home / "bin" / ("trendmark.exe" if os.name == "nt" else "trendmark")
    if not (home / "bin" / "trendmark-gui").exists() and os.name != "nt":
        raise CheckFailed("pipx installed no trendmark-gui command")
    user_home = work / "pipx-user"
    user_home.mkdir(parents=True, exist_ok=True)
    exercise_cli(report, trendmark, minimal_env(user_home), work, "pipx")


def check_bundle(report: Report, bundle: Path, work: Path) -> None:
    """Run the frozen folder with no PATH or PYTHONPATH, and check what it ships and what it left out."""
    executable = bundle / ("trendmark.exe" if os.name == "nt" else "trendmark")
    if not executable.exists():
        raise CheckFailed(f"no {executable} (run make bundle)")
    internal = bundle / "_internal"
    missing = [f"editor/resources/{name}" for name in shipped_resources()
               if not (internal / "editor" / "resources" / name).is_file()]
    if sys.platform.startswith("linux"):
        missing += [p for p in REQUIRED_PLUGINS if not (internal / "PySide6" / "Qt" / "plugins" / p).is_file()]
    if missing:
        raise CheckFailed(f"the bundle lacks {', '.join(missing)}")
    unwanted = forbidden_files(internal)
    if unwanted:
        raise CheckFailed(f"the bundle ships {len(unwanted)} files it should not: {', '.join(unwanted[:8])}")
    report.figure("bundle size (du -sh)", f"{folder_size(bundle)} in {bundle}")
    user_home = work / "bundle-user"
    shutil.rmtree(user_home, ignore_errors=True)
    user_home.mkdir(parents=True)
    exercise_cli(report, executable, minimal_env(user_home), work, "bundle")
    if xvfb_available():
        with XvfbDisplay() as display:
            env = minimal_env(user_home, QT_QPA_PLATFORM="xcb", DISPLAY=display)
            run([executable, "--db", work / "bundle.sqlite", "--author", "Packaging Check", "--smoke-test"],
                env=env, timeout=120)
        report.figure("bundle on X11 (Xvfb, xcb plugin)", "window opened and closed")
    else:
        report.figure("bundle on X11", "not tried: Xvfb is not installed")


def main(argv: list[str] | None = None) -> int:
    """Command line of the packaging check; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where make dist put the wheel and sdist")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "trendmark", help="the PyInstaller folder")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a new temporary one)")
    parser.add_argument("--only", nargs="+", choices=STEPS, default=list(STEPS), metavar="STEP",
                        help=f"run only these steps: {', '.join(STEPS)}")
    args = parser.parse_args(argv)
    report = Report()
    work = args.work
    if set(args.only) - {"dist"}:
        work = work or Path(tempfile.mkdtemp(prefix="trendmark-packaging-"))
        work.mkdir(parents=True, exist_ok=True)
        print(f"scratch folder: {work}")
    if "dist" in args.only:
        report.run("wheel and sdist contents", check_dist, args.dist.resolve())
    if "pipx" in args.only:
        report.run("pipx install of the wheel", check_pipx, args.dist.resolve(), work.resolve())
    if "bundle" in args.only:
        report.run("frozen folder, empty environment", check_bundle, args.bundle.resolve(), work.resolve())
    if "datasette" in args.only:
        report.run("datasette metadata on a real database", check_datasette, work.resolve())
    return report.summary()


if __name__ == "__main__":
    raise SystemExit(main())
