"""Running the trendmark command in a child process, optionally without root's power over file modes.

The suite runs as root, which file modes cannot keep out; ``setpriv`` drops the two
capabilities that override them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so that a
``chmod 555`` folder or a ``chmod 000`` file means what it means for an analyst. The user
stays root, the owner of the checkout and its virtualenv, so the code can still be read
wherever the repository was cloned (a private folder included).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SETPRIV = ("setpriv", "--bounding-set=-dac_override,-dac_read_search",
           "--inh-caps=-dac_override,-dac_read_search")


def run_cli(*args: str, cwd: Path | None = None, unprivileged: bool = False,
            timeout: float = 20) -> subprocess.CompletedProcess[str]:
    """``python -m editor ARGS``; a hang fails the test through ``timeout`` (TimeoutExpired)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "editor", *args]
    if unprivileged:
        command = [*SETPRIV, *command]
        home = Path(env["HOME"])
        env.update({"HOME": str(cwd or home)})
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            env.pop(var, None)
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def assert_one_line_error(done: subprocess.CompletedProcess[str], *expected: str) -> str:
    """Exit 2 and a single ``error: …`` line naming ``expected``, no traceback."""
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    for part in expected:
        assert part in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder the unprivileged user can reach (pytest's tmp_path is root's alone)."""
    if shutil.which("setpriv") is None:
        pytest.fail("setpriv (util-linux) is needed to test as a user without privileges")
    folder = Path(tempfile.mkdtemp(prefix="trendmark-test-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)
