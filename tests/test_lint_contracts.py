"""The import contracts of ``make lint`` hold on the tree and catch a layer broken on purpose."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")  # from the lint extra, which make installs


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    # The tree's own directory comes first on the path, so its editor/ package is the one analysed.
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=tree, capture_output=True, text=True,
                          env={"PATH": "", "PYTHONPATH": str(tree), "HOME": str(tree)}, timeout=60)


def _copy_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    tree.mkdir()
    shutil.copy(ROOT / "pyproject.toml", tree)
    for package in ("editor", "tools"):
        shutil.copytree(ROOT / package, tree / package, ignore=shutil.ignore_patterns("__pycache__"))
    return tree


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_contracts_hold_on_the_tree(tmp_path):
    result = _lint_imports(_copy_tree(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def test_a_store_module_importing_the_ui_and_qtwidgets_in_the_export_are_refused(tmp_path):
    tree = _copy_tree(tmp_path)
    _append(tree / "editor/store/tags.py", "from editor.ui.palette import HIGHLIGHT_COLORS")
    _append(tree / "editor/export/csv_export.py", "from PySide6.QtWidgets import QWidget")
    _append(tree / "editor/core/clock.py", "import sqlite3")
    _append(tree / "editor/importing/parser.py", "def _late():\n    import psycopg")
    result = _lint_imports(tree)
    out = " ".join(result.stdout.split())  # the report wraps long lines
    assert result.returncode != 0
    assert "Contracts: 0 kept, 4 broken" in out
    assert "Layers point down: ui/cli -> operations -> export/importing/sync -> store -> core BROKEN" in out
    assert "editor.store is not allowed to import editor.ui" in out
    assert "editor.store.tags -> editor.ui.palette" in out
    assert "QtWidgets only in editor.ui BROKEN" in out
    assert "editor.export.csv_export imports PySide6.QtWidgets" in out
    assert "editor.core.clock -> sqlite3" in out
    assert "editor.importing.parser -> psycopg" in out


def test_qtgui_stays_allowed_outside_the_ui_but_from_pyside6_import_qtwidgets_is_not(tmp_path):
    tree = _copy_tree(tmp_path)
    _append(tree / "editor/export/markdown.py", "from PySide6 import QtGui")
    result = _lint_imports(tree)
    assert result.returncode == 0, result.stdout
    _append(tree / "editor/operations/changes.py", "from PySide6 import QtCore, QtWidgets")
    result = _lint_imports(tree)
    out = " ".join(result.stdout.split())
    assert result.returncode != 0
    assert "editor.operations.changes imports PySide6.QtWidgets" in out


def test_a_new_package_must_be_placed_on_a_layer(tmp_path):
    tree = _copy_tree(tmp_path)
    (tree / "editor/plugins").mkdir()
    (tree / "editor/plugins/__init__.py").write_text('"""Extensions."""\n', encoding="utf-8")
    result = _lint_imports(tree)
    assert result.returncode != 0
    assert "editor.plugins" in result.stdout + result.stderr
