"""The PDF export against its baselines in instructions executed, counted by Callgrind.

Opt-in, like every file here (``make bench``); needs valgrind. On a shared two-core
machine the wall-clock figures of ``bench_export_pdf`` swing by a fifth from one run
to the next, which hides any change smaller than that; instruction counts repeat
exactly, so they show whether a change made the export cheaper and where its work
goes. Each measuring process runs one of ``bench_export_pdf``'s measured functions
inside ``sys.call_tracing`` and Callgrind counts only inside that call
(``--toggle-collect``): interpreter start-up, imports, the QGuiApplication and the
database set-up are left out, as the timed runs leave them out.

Instructions are not seconds: Python's interpreter and the bindings run fewer
instructions per cycle than Qt's own loops, so the export's wall-clock ratio is
higher than its instruction ratio. The issue's targets are judged on the wall-clock
figures; these are for finding the work.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("plain", "styled", "export")
# Shared objects grouped by what they do in this workload.
_GROUPS = (
    ("libpython", "Python interpreter"),
    ("shiboken", "PySide bindings"),
    ("abi3", "PySide bindings"),
    ("libQt6", "Qt (layout, shaping, painting, PDF)"),
    ("libz.", "zlib (PDF stream compression)"),
    ("libfreetype", "FreeType (glyph loading)"),
    ("libc.", "libc (memory, copies)"),
)
_ANNOTATE_LINE = re.compile(r"\s*([\d,]+) \([^)]*\)\s+.*\[(.*)\]\s*$")


def _group(shared_object: str) -> str:
    name = Path(shared_object).name
    return next((label for prefix, label in _GROUPS if prefix in name), "other")


def _count(kind: str, db: Path, report_id: str, out: Path, profile: Path) -> tuple[int, Counter]:
    """Instructions of one measured run, in total and by group of shared objects."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--toggle-collect=sys_call_tracing*", f"--callgrind-out-file={profile}",
         sys.executable, __file__, kind, str(db), report_id, str(out)],
        env=env, capture_output=True, text=True, timeout=1800, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    total = int(re.search(r"^(?:summary|totals): (\d+)", profile.read_text(), re.MULTILINE).group(1))
    annotated = subprocess.run(["callgrind_annotate", "--threshold=100", str(profile)],
                               capture_output=True, text=True, check=True).stdout
    groups: Counter = Counter()
    for line in annotated.splitlines():
        match = _ANNOTATE_LINE.match(line)
        if match:
            groups[_group(match.group(2))] += int(match.group(1).replace(",", ""))
    return total, groups


@pytest.mark.skipif(shutil.which("valgrind") is None or shutil.which("callgrind_annotate") is None,
                    reason="valgrind is not installed (Debian: apt-get install valgrind)")
def test_export_instructions_against_printing(tmp_path: Path) -> None:
    from tests.benchmarks.bench_export_pdf import CHAPTERS, _build_database

    db = tmp_path / "bench.sqlite"
    facts = _build_database(db)
    with ThreadPoolExecutor(max_workers=len(KINDS)) as pool:  # counts do not depend on the machine's load
        futures = {kind: pool.submit(_count, kind, db, facts["report_id"], tmp_path / f"{kind}.pdf",
                                     tmp_path / f"{kind}.callgrind") for kind in KINDS}
        counts = {kind: future.result() for kind, future in futures.items()}
    print(f"\n{CHAPTERS} chapters, {facts['nodes']:,} nodes; instructions inside the measured call:")
    for kind in KINDS:
        print(f"  {kind:7s} {counts[kind][0] / 1e9:6.2f} G")
    export = counts["export"][0]
    print(f"ratio: export / plain print {export / counts['plain'][0]:.2f}x, "
          f"export / styled print {export / counts['styled'][0]:.2f}x")
    for kind in ("plain", "export"):
        total, groups = counts[kind]
        shares = ", ".join(f"{label} {share / total:.0%}" for label, share in groups.most_common())
        print(f"{kind} by library: {shares}")
    assert export > counts["plain"][0]  # the export did print the report, and more


def _child(kind: str, db: str, report_id: str, out: str) -> None:
    """A measuring process: set up outside the counted call, then run ``kind`` inside it."""
    # Imported here so the counted call does not import them.
    import editor.export.pdf
    import editor.export.pdf.fonts
    import editor.export.pdf.style
    import editor.store  # noqa: F401
    from editor.export.pdf.qt import ensure_gui_application
    from tests.benchmarks import bench_export_pdf as timed

    ensure_gui_application()
    run = {"export": timed._run_export, "plain": timed._run_plain_print, "styled": timed._run_styled_print}[kind]
    sys.call_tracing(run, (Path(db), report_id, Path(out)))


if __name__ == "__main__":
    _child(*sys.argv[1:5])
