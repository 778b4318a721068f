"""Test isolation: offscreen Qt, user directories in a temporary folder, the sample at hand."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Set before any Qt import, so no test needs a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "sample-report.txt"

@pytest.fixture(autouse=True)
def no_unanswered_message_box(monkeypatch):
    """A message box no test expected would block the suite offscreen; fail the test instead, saying what it said.

    Tests that expect one ask for the ``dialogs`` fixture (tests/ui_helpers.py), which replaces this.
    """
    from PySide6.QtWidgets import QMessageBox

    def refuse(kind: str):
        def show(parent, title, text, *args, **kwargs):
            raise AssertionError(f"unexpected {kind} message box: {title}: {text}")
        return staticmethod(show)

    for kind in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, refuse(kind))


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep every test away from the real user's data, config and settings."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
        path = home / sub
        path.mkdir()
        monkeypatch.setenv(var, str(path))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("TRENDMARK_AUTHOR", raising=False)
    return home


@pytest.fixture(scope="session")
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def reference(sample_path):
    """The sample report as the text importer reads it: what every other format must give back."""
    from editor.importing import read_report

    return read_report(sample_path)


@pytest.fixture(scope="session")
def made(tmp_path_factory, reference) -> dict[str, Path]:
    """The sample in every format, each made once per run by pandoc, LibreOffice and XeLaTeX."""
    from tests.report_files import make_sample_files

    return make_sample_files(tmp_path_factory.mktemp("formats"), reference)
