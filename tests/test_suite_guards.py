"""The suite's own guards: a hang ends the run with the stacks, an unexpected message box fails its test."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

PYPROJECT = Path(__file__).parent.parent / "pyproject.toml"


def test_an_unexpected_message_box_fails_with_its_text(qapp):
    with pytest.raises(AssertionError, match="unexpected warning message box: Export: disk full"):
        QMessageBox.warning(None, "Export", "disk full")


def test_a_hanging_test_ends_the_run_with_every_stack(tmp_path):
    (tmp_path / "test_hangs.py").write_text("import time\n\ndef test_hangs():\n    time.sleep(60)\n",
                                            encoding="utf-8")
    # The project's own pytest settings, with only the limit shortened.
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(PYPROJECT),
                          "--rootdir", str(tmp_path), "-o", "faulthandler_timeout=1", str(tmp_path)],
                         cwd=tmp_path, capture_output=True, text=True, timeout=50)
    assert time.monotonic() - started < 40
    assert run.returncode != 0
    output = run.stdout + run.stderr
    assert "Timeout" in output and "test_hangs.py" in output, output
