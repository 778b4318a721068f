"""Parse-only speed of the importer at three sizes, against a baseline of the same run.

The baseline is the least any importer must do: decode the bytes and make one regular
expression pass over the text. Run: make bench  (or pytest tests/benchmarks/bench_import_parse.py
-s -o python_files='bench_*.py' -o addopts='')
"""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path

from editor.importing import parse_report
from tests.reportgen import make_report

SAMPLE = Path(__file__).parent.parent / "data" / "sample-report.txt"
_ONE_PASS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)|\d+\.\d+\.")


def _median(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def test_parse_speed():
    cases = [("sample", SAMPLE.read_bytes()), ("100 chapters", make_report(100).encode("utf-8")),
             ("500 chapters", make_report(500).encode("utf-8"))]
    for name, data in cases:
        runs = 15 if len(data) < 500_000 else 7
        nodes = sum(1 for _ in parse_report(data).walk())
        parse = _median(lambda data=data: parse_report(data), runs)
        baseline = _median(lambda data=data: len(_ONE_PASS.findall(data.decode("utf-8"))), runs)
        print(f"\n{name:>13}: {len(data) / 1e6:5.2f} MB, {nodes:>5} nodes: parse {parse * 1000:7.1f} ms; "
              f"decode + one regex pass {baseline * 1000:6.1f} ms; ratio {parse / baseline:5.1f}x")
