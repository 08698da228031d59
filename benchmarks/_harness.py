"""Timing harness: best-of-N and median wall time, RSS, a printed table, a JSON file.

A :class:`Bench` collects :class:`Result` rows for one suite.  Each measure
runs a callable *repeat* times (``gc.collect()`` before each run, the timer
``time.perf_counter``), keeps the best and the median, and notes the current
resident set size after the measure.  Measures that cannot run (a module not
written yet) are recorded as skipped with the reason, so a table always shows
every row.
"""

from __future__ import annotations

import gc
import json
import os
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO, TypeVar

import psutil

T = TypeVar("T")
S = TypeVar("S")

RESULTS_DIR = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Result:
    """One row of the table: a measure, or a skipped or informational line."""

    suite: str
    name: str
    best_s: float | None = None
    median_s: float | None = None
    runs: int = 0
    note: str = ""
    rss_mb: float | None = None
    skipped: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


def rss_mb() -> float:
    """The current resident set size of this process, in MiB."""
    return float(psutil.Process().memory_info().rss) / 2**20


def peak_rss_mb() -> float:
    """The peak resident set size of this process so far, in MiB (``ru_maxrss``)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def timings(
    fn: Callable[[S], T], setup: Callable[[], S], repeat: int, *, collect: bool = True
) -> tuple[list[float], T]:
    """Run ``fn(setup())`` *repeat* times; return the wall times of ``fn`` and its last result.

    The setup runs untimed before each run (e.g. a fresh snapshot, so cached
    properties are recomputed).  With *collect*, ``gc.collect()`` runs
    (untimed) before each run; the collector stays enabled during the run,
    as it is for users.
    """
    times: list[float] = []
    while True:
        arg = setup()
        if collect:
            gc.collect()
        start = time.perf_counter()
        result = fn(arg)
        times.append(time.perf_counter() - start)
        if len(times) >= max(1, repeat):
            return times, result


def _none() -> None:
    return None


class Bench:
    """The rows of one suite, measured in order.

    Args:
        suite: the suite's name.
        repeat: default runs per measure.
        stream: where each row is printed as it is measured (``None``: silent).
        collect: run ``gc.collect()`` before each timed run (off in quick
            mode, where a large heap left by earlier work would dominate).
    """

    def __init__(
        self, suite: str, *, repeat: int, stream: TextIO | None = None, collect: bool = True
    ) -> None:
        self.suite = suite
        self.repeat = repeat
        self.collect = collect
        self.results: list[Result] = []
        self._stream = stream

    def _add(self, result: Result) -> Result:
        self.results.append(result)
        if self._stream is not None:
            print(format_row(result), file=self._stream, flush=True)
        return result

    def measure(
        self,
        name: str,
        fn: Callable[[], T],
        *,
        repeat: int | None = None,
        note: Callable[[T], str] | str = "",
    ) -> T:
        """Time ``fn()``; record best and median; return its last result."""
        times, result = timings(lambda _: fn(), _none, repeat or self.repeat, collect=self.collect)
        text = note(result) if callable(note) else note
        self.add(name, times, note=text)
        return result

    def measure_with(
        self,
        name: str,
        fn: Callable[[S], T],
        setup: Callable[[], S],
        *,
        repeat: int | None = None,
        note: Callable[[T], str] | str = "",
    ) -> T:
        """Time ``fn(setup())``, the setup untimed; record best and median."""
        times, result = timings(fn, setup, repeat or self.repeat, collect=self.collect)
        text = note(result) if callable(note) else note
        self.add(name, times, note=text)
        return result

    def add(self, name: str, times: Sequence[float], *, note: str = "", **extra: object) -> Result:
        """Record a measure from wall times already taken."""
        return self.record(
            name,
            best=min(times),
            median=statistics.median(times),
            runs=len(times),
            note=note,
            **extra,
        )

    def record(
        self, name: str, *, best: float, median: float, runs: int, note: str = "", **extra: object
    ) -> Result:
        """Record a measure summarised elsewhere (e.g. a mean over several dates)."""
        return self._add(
            Result(
                suite=self.suite,
                name=name,
                best_s=best,
                median_s=median,
                runs=runs,
                note=note,
                rss_mb=round(rss_mb(), 1),
                extra=dict(extra),
            )
        )

    def skip(self, name: str, reason: str) -> Result:
        """Record a measure that could not run, with the reason."""
        return self._add(Result(suite=self.suite, name=name, skipped=reason))

    def info(self, name: str, note: str, **extra: object) -> Result:
        """Record an informational row (a count, a memory figure)."""
        return self._add(Result(suite=self.suite, name=name, note=note, extra=dict(extra)))


def format_seconds(value: float | None) -> str:
    """Seconds as ``1.23 s``, ``45.6 ms`` or ``789 µs``."""
    if value is None:
        return "-"
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.1f} ms"
    return f"{value * 1e6:.0f} µs"


_COLUMNS = (("benchmark", 46), ("best", 10), ("median", 10), ("runs", 5), ("RSS MiB", 8))


def header() -> str:
    """The table header."""
    cells = [f"{title:<{width}}" for title, width in _COLUMNS]
    return " ".join(cells) + " note"


def format_row(r: Result) -> str:
    """One table row."""
    if r.skipped is not None:
        return f"{r.name:<46} SKIPPED: {r.skipped}"
    rss = "-" if r.rss_mb is None else f"{r.rss_mb:.0f}"
    runs = str(r.runs) if r.runs else "-"
    cells = [
        f"{r.name:<46}",
        f"{format_seconds(r.best_s):>10}",
        f"{format_seconds(r.median_s):>10}",
        f"{runs:>5}",
        f"{rss:>8}",
    ]
    return " ".join(cells) + (f" {r.note}" if r.note else "")


def environment() -> dict[str, Any]:
    """Where the figures were taken."""
    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
    }


def write_json(results: Sequence[Result], *, quick: bool, out_dir: Path | None = None) -> Path:
    """Write the results to ``<out_dir>/<suites>-<timestamp>.json`` and return the path."""
    directory = RESULTS_DIR if out_dir is None else out_dir
    directory.mkdir(parents=True, exist_ok=True)
    suites = sorted({r.suite for r in results}) or ["none"]
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = directory / f"{'+'.join(suites)}{'-quick' if quick else ''}-{stamp}.json"
    payload = {
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "quick": quick,
        "environment": environment(),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "results": [asdict(r) for r in results],
    }
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
