"""Check that packaging/datasette/metadata.yml works in a real Datasette on a real Trendmark database.

Datasette goes into a virtual environment of its own under the work folder (it is
no dependency of the app). The database is made with the ``trendmark`` command line:
the sample report, a note and a highlight with a comment, so that the three searchable
tables have something to find. Run through ``packaging/check_packaging.py --only datasette``.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from checks_common import ROOT, SAMPLE_REPORT, CheckFailed, Report, free_port, run, venv_bin

METADATA = ROOT / "packaging" / "datasette" / "metadata.yml"
# The 1.0 series moves table options (fts_table, searchmode...) from metadata to a separate
# configuration file; this metadata is written for the stable series.
DATASETTE_REQUIREMENT = "datasette>=0.64,<1"
DATABASE_NAME = "trendmark"  # Datasette names a database after its file; the metadata uses this name
# The search indexes hold text folded to Simplified characters (docs/chinese-scripts.md), so
# Datasette's search box is asked in Simplified and finds the Traditional text as written.
NODE_WRITTEN = "移動支付"  # in many titles and bodies of the sample report
NODE_QUERY = "移动支付"
NOTE_TEXT = "監管科技的落地節奏值得持續跟蹤"
NOTE_QUERY = "落地节奏"
COMMENT_TEXT = "下沉市場的信用風險需要單獨評估"
COMMENT_QUERY = "信用风险"
START_TIMEOUT = 60


def datasette_venv(work: Path) -> Path:
    """A virtual environment holding Datasette (made once, reused by later runs)."""
    venv = work / "datasette-venv"
    datasette = venv_bin(venv, "datasette")
    if not datasette.exists():
        run([sys.executable, "-m", "venv", "--clear", venv])
        run([venv_bin(venv, "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             DATASETTE_REQUIREMENT])
    return venv


def trendmark(db: Path, *args: str) -> str:
    """Run the project's command line on ``db``; returns its standard output."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return run([sys.executable, "-m", "editor", "--db", db, "--author", "Datasette Check", *args],
               env=env, cwd=ROOT).stdout


def make_database(folder: Path) -> Path:
    """A database with the sample report, one note and one commented highlight."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"{DATABASE_NAME}.sqlite"
    for leftover in folder.glob(f"{DATABASE_NAME}.sqlite*"):
        leftover.unlink()
    trendmark(db, "import", str(SAMPLE_REPORT))
    outline = json.loads(trendmark(db, "outline", "--json"))
    node = _find_node(outline["nodes"], lambda n: len(n.get("body", "")) >= 20)
    if node is None:
        raise CheckFailed("the imported sample has no node with body text to highlight")
    trendmark(db, "note", node["path"], "--text", NOTE_TEXT)
    trendmark(db, "highlight", node["path"], "--quote", node["body"][:12], "--comment", COMMENT_TEXT)
    return db


def _find_node(nodes: list[dict], wanted) -> dict | None:
    for node in nodes:
        if wanted(node):
            return node
        found = _find_node(node.get("children", []), wanted)
        if found is not None:
            return found
    return None


class DatasetteServer:
    """``datasette serve`` on a free local port, for the duration of a ``with`` block."""

    def __init__(self, venv: Path, db: Path, log: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.args = [str(venv_bin(venv, "datasette")), "serve", str(db), "--metadata", str(METADATA),
                     "--host", "127.0.0.1", "--port", str(self.port)]
        self.log = log
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> DatasetteServer:
        print(f"   $ {' '.join(self.args)}", flush=True)
        self._log_file = self.log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(self.args, stdout=self._log_file, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CheckFailed(f"datasette exited with {self.process.returncode}: {self._log_tail()}")
            try:
                self.get("/-/versions.json")
                return self
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.3)
        raise CheckFailed(f"datasette did not answer within {START_TIMEOUT} s: {self._log_tail()}")

    def __exit__(self, *exc_info) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log_file.close()

    def _log_tail(self) -> str:
        self._log_file.flush()
        return " | ".join(self.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:])

    def get(self, path: str) -> str:
        """Body of a page; any HTTP error status raises."""
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            return response.read().decode("utf-8")

    def rows(self, table: str, query: str) -> list[dict]:
        """Rows of a full-text search on a table through Datasette's JSON API."""
        params = urllib.parse.urlencode({"_search": query, "_shape": "array", "_size": "max"})
        try:
            return json.loads(self.get(f"/{DATABASE_NAME}/{table}.json?{params}"))
        except urllib.error.HTTPError as exc:
            raise CheckFailed(f"searching {table} for {query!r} failed: HTTP {exc.code}: {self._log_tail()}") from exc


def _expected_count(db: Path, sql: str, *params: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchone()[0]


def _metadata_title() -> str:
    match = re.search(r"^title:\s*(.+)$", METADATA.read_text(encoding="utf-8"), re.MULTILINE)
    if not match:
        raise CheckFailed(f"{METADATA.name} has no top-level title")
    return match.group(1).strip()


def check_datasette(report: Report, work: Path) -> None:
    """Serve a real database with the metadata and fetch its table and search pages."""
    venv = datasette_venv(work)
    version = run([venv_bin(venv, "datasette"), "--version"]).stdout.strip()
    report.figure("datasette", version)
    db = make_database(work / "datasette-db")
    with DatasetteServer(venv, db, work / "datasette.log") as server:
        metadata = json.loads(server.get("/-/metadata.json"))
        if metadata.get("title") != _metadata_title():
            raise CheckFailed(f"datasette did not load {METADATA.name} (title {metadata.get('title')!r})")

        page = server.get(f"/{DATABASE_NAME}/nodes")
        if 'name="_search"' not in page or "The outline" not in page:
            raise CheckFailed("the nodes table page shows no search box or not the metadata's description")

        expected = _expected_count(db, "SELECT count(*) FROM nodes WHERE title LIKE ? OR body LIKE ?",
                                   f"%{NODE_WRITTEN}%", f"%{NODE_WRITTEN}%")
        found = server.rows("nodes", NODE_QUERY)
        if expected == 0 or len(found) != expected:
            raise CheckFailed(f"nodes search for {NODE_QUERY!r}: {len(found)} rows, {expected} contain it")
        search_page = server.get(f"/{DATABASE_NAME}/nodes?" + urllib.parse.urlencode({"_search": NODE_QUERY}))
        if f"{expected} row" not in search_page:
            raise CheckFailed(f"the nodes search page does not say it found {expected} rows")

        notes = server.rows("notes", NOTE_QUERY)
        if [row["text"] for row in notes] != [NOTE_TEXT]:
            raise CheckFailed(f"notes search for {NOTE_QUERY!r} returned {notes!r}")
        highlights = server.rows("highlights", COMMENT_QUERY)
        if [row["comment_text"] for row in highlights] != [COMMENT_TEXT]:
            raise CheckFailed(f"highlights search for {COMMENT_QUERY!r} returned {highlights!r}")

        tables = {t["name"]: t for t in json.loads(server.get(f"/{DATABASE_NAME}.json"))["tables"]}
        shown = sorted(name for name, table in tables.items() if not table.get("hidden"))
        report.figure("datasette tables shown", ", ".join(shown))
        if any(name.endswith("_fts") for name in shown):
            raise CheckFailed("full-text index tables are listed as if they were data")
    report.figure("datasette search", f"{len(found)} nodes for {NODE_QUERY}, 1 note, 1 highlight")
