"""The real application in a real X server: keys typed with xdotool rate the first chapter at once.

Starts its own Xvfb on a free display, runs ``python -m editor --db DB --author NAME`` as a
separate process, finds the window by its title, focuses it, types Home then 4, and reads
the database read-only. Xvfb and xdotool are required (the Makefile installs them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editor.store import Store
from tests.ui_helpers import import_sample

ROOT = Path(__file__).resolve().parents[1]
AUTHOR = "Xia Keyboard"


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed; it is needed for this test (apt-get install xvfb xdotool)")
    return path


def _free_display() -> int:
    for number in range(90, 200):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return number
    pytest.fail("no free X display number between :90 and :199")


def _wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def _stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def _first_chapter_ratings(db: Path) -> list[int]:
    with Store.open(db, read_only=True) as store:
        report = store.report()
        chapter = store.find_node(report.id, "1")
        return [r.value for r in store.ratings(chapter.id)]


def test_home_then_4_in_a_real_window_rates_the_first_chapter(tmp_path, sample_path):
    xvfb = _require("Xvfb")
    xdotool = _require("xdotool")
    db = tmp_path / "xvfb.sqlite"
    import_sample(db, sample_path)
    display = _free_display()
    env = dict(os.environ)
    env.update(DISPLAY=f":{display}", QT_QPA_PLATFORM="xcb")
    env.pop("WAYLAND_DISPLAY", None)
    server = app = None
    try:
        server = subprocess.Popen([xvfb, f":{display}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _wait_for(lambda: Path(f"/tmp/.X11-unix/X{display}").exists() or server.poll() is not None,
                  10, "Xvfb to start")
        assert server.poll() is None, f"Xvfb failed: {server.stderr.read().decode(errors='replace')}"
        app = subprocess.Popen([sys.executable, "-m", "editor", "--db", str(db), "--author", AUTHOR],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

        def find_window() -> str:
            if app.poll() is not None:
                pytest.fail(f"the application exited: {app.stderr.read().decode(errors='replace')}")
            found = subprocess.run([xdotool, "search", "--onlyvisible", "--name", "Trendmark"], env=env,
                                   capture_output=True, text=True)
            return found.stdout.split()[0] if found.stdout.split() else ""

        window = _wait_for(find_window, 20, "a window titled Trendmark")
        title = subprocess.run([xdotool, "getwindowname", window], env=env, capture_output=True,
                               text=True).stdout.strip()
        assert "Trendmark" in title and "下沉市場" in title
        # No window manager runs on the bare server: focus the window directly, then type.
        subprocess.run([xdotool, "windowfocus", "--sync", window], env=env, check=True, timeout=10)
        time.sleep(0.3)
        subprocess.run([xdotool, "key", "--delay", "80", "Home", "4"], env=env, check=True, timeout=10)
        assert _wait_for(lambda: _first_chapter_ratings(db) == [4], 5, "the rating in the database") is True
    finally:
        _stop(app)
        _stop(server)
