"""Shared pieces of the packaging checks: running commands, timing them, reporting failures."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_REPORT = ROOT / "resources" / "sample-report.txt"
COMMAND_TIMEOUT = 300  # seconds; a pip install of PySide6 is the slowest step


class CheckFailed(Exception):
    """One packaging check did not pass; the message says what to look at."""


@dataclass
class Report:
    """Outcome of a run of checks: passed steps, failures and the figures worth printing."""

    passed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    figures: list[tuple[str, str]] = field(default_factory=list)

    def run(self, name: str, step, *args, **kwargs) -> bool:
        """Run one step, recording its outcome; later steps still run after a failure."""
        print(f"\n== {name}", flush=True)
        try:
            step(self, *args, **kwargs)
        except CheckFailed as exc:
            print(f"FAILED: {exc}", flush=True)
            self.failed.append((name, str(exc)))
            return False
        print(f"ok: {name}", flush=True)
        self.passed.append(name)
        return True

    def figure(self, label: str, value: str) -> None:
        """Remember a measured figure (size, time) for the summary, and print it now."""
        print(f"   {label}: {value}", flush=True)
        self.figures.append((label, value))

    def summary(self) -> int:
        """Print the summary; returns the exit status (0 when every step passed)."""
        print("\n== summary")
        for label, value in self.figures:
            print(f"   {label}: {value}")
        for name in self.passed:
            print(f"   passed: {name}")
        for name, reason in self.failed:
            print(f"   FAILED: {name}: {reason}")
        return 1 if self.failed else 0


def minimal_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment as bare as ``env -i``: no PATH, no PYTHONPATH, only a home and a headless Qt."""
    env = {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    env.update(extra)
    return env


def run(args: Sequence[str | Path], *, env: Mapping[str, str] | None = None, cwd: Path | None = None,
        timeout: float = COMMAND_TIMEOUT, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a command, capturing its output; a non-zero exit raises :class:`CheckFailed` with the output."""
    printable = " ".join(str(a) for a in args)
    print(f"   $ {printable}", flush=True)
    try:
        result = subprocess.run([str(a) for a in args], env=None if env is None else dict(env), cwd=cwd,
                                capture_output=True, text=True, encoding="utf-8", errors="replace",
                                timeout=timeout)
    except FileNotFoundError as exc:
        raise CheckFailed(f"cannot run {args[0]}: {exc.strerror}") from exc
    except subprocess.TimeoutExpired as exc:
        raise CheckFailed(f"timed out after {timeout:.0f} s: {printable}") from exc
    if check and result.returncode != 0:
        tail = (result.stdout + result.stderr).strip().splitlines()[-15:]
        raise CheckFailed(f"exit {result.returncode}: {printable}\n      " + "\n      ".join(tail))
    return result


def best_time(args: Sequence[str | Path], env: Mapping[str, str], repeats: int = 5) -> tuple[float, float]:
    """(first, best) wall-clock seconds of running a command ``repeats`` times: cold-ish and warm start."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run(args, env=env)
        times.append(time.perf_counter() - start)
    return times[0], min(times)


def folder_size(path: Path) -> str:
    """Size of a folder as ``du -sh`` prints it (falling back to a sum of file sizes)."""
    if shutil.which("du"):
        result = subprocess.run(["du", "-sh", str(path)], capture_output=True, text=True)
        if result.returncode == 0:
            return result.stdout.split()[0]
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return f"{total / 1e6:.0f}M"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def venv_bin(venv: Path, name: str) -> Path:
    """Path of an executable inside a virtual environment, on any platform."""
    folder = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return venv / folder / f"{name}{suffix}"
