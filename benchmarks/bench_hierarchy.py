"""Hierarchy benchmarks at national size (150,000 grassroots unions).

Measures, in order: generating the synthetic national history, the JSON
round trip through :mod:`thidua.io`, building the :class:`thidua.Hierarchy`
index, :func:`thidua.validate`, snapshots on 10 dates spread over 2024-2026
(``as_of``, then ``parent_array()`` and ``depth_array()`` on a fresh
snapshot, as the roll-up uses them), and ``descendants("TLD")``.

Targets (issue): the whole history validated in < 2 s, the validation
itself (``validate(hierarchy)``, index prebuilt, CPU time) in < 1 s; a
snapshot built (``as_of`` + ``parent_array``) in < 0.5 s, on a 2-core machine.
"""

from __future__ import annotations

import functools
import gc
import importlib
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pendulum

import thidua
from benchmarks._harness import Bench, format_seconds, peak_rss_mb, timings
from thidua import Dataset, Hierarchy, Snapshot
from thidua._graph import IntArray
from thidua.datasets.national import national_history

NAME = "hierarchy"
FULL: dict[str, Any] = {}
QUICK: dict[str, Any] = {"grassroots": 2_000, "direct_superiors": 40}
VALIDATE_TARGET_S = 2.0
VALIDATION_ITSELF_TARGET_S = 1.0
SNAPSHOT_TARGET_S = 0.5


def snapshot_dates(count: int = 10) -> list[pendulum.Date]:
    """*count* dates spread evenly from 2024-01-01 to 2026-12-31."""
    first = pendulum.Date(2024, 1, 1).toordinal()
    last = pendulum.Date(2026, 12, 31).toordinal()
    step = (last - first) / (count - 1)
    days = [pendulum.Date.fromordinal(round(first + k * step)) for k in range(count)]
    return [pendulum.Date(d.year, d.month, d.day) for d in days]


def _optional(module: str) -> ModuleType | None:
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def _target(seconds: float, target: float) -> str:
    return f"target < {format_seconds(target)}: {'PASS' if seconds < target else 'FAIL'}"


def _describe(ds: Dataset) -> str:
    return f"{len(ds.units):,} units, {len(ds.links):,} links, {len(ds.events):,} events"


def _io(bench: Bench, ds: Dataset) -> None:
    io = _optional("thidua.io")
    write = getattr(io, "write_json", None)
    read = getattr(io, "read_json", None)
    if write is None or read is None:
        reason = "thidua.io.write_json / read_json not importable yet"
        bench.skip("io.write_json(dataset)", reason)
        bench.skip("io.read_json(path)", reason)
        return
    with tempfile.TemporaryDirectory(prefix="thidua-bench-") as tmp:
        path = Path(tmp) / "national.json"
        bench.measure(
            "io.write_json(dataset)",
            lambda: write(ds, path),
            note=lambda _: f"{path.stat().st_size / 2**20:.1f} MiB",
        )
        loaded = bench.measure("io.read_json(path)", lambda: read(path))
        # read_json returns a LoadResult (dataset + structure report)
        back = getattr(loaded, "dataset", loaded)
        report = getattr(loaded, "report", None)
        problems = "" if report is None else f"; {len(report)} structure problems"
        same = isinstance(back, Dataset) and back == ds
        bench.info("  io round trip", f"read back equal to the original: {same}{problems}")


def _validate(bench: Bench, ds: Dataset, h: Hierarchy) -> None:
    validate = getattr(thidua, "validate", None)
    if validate is None:
        reason = "thidua.validate not available yet"
        bench.skip("validate(dataset)", reason)
        bench.skip("validate(hierarchy)", reason)
        return
    report = bench.measure(
        "validate(dataset)",
        lambda: validate(ds),
        note=lambda r: f"{len(r.errors)} errors, {len(r.warnings)} warnings",
    )
    best = bench.results[-1].best_s or 0.0
    bench.info("  validate target", _target(best, VALIDATE_TARGET_S))
    bench.measure(
        "validate(hierarchy) (index prebuilt)",
        lambda: validate(h),
        note=f"ok={report.ok}",
    )
    cpu = _cpu_times(lambda: validate(h), bench.repeat, collect=bench.collect)
    bench.record(
        "  validate(hierarchy), CPU time",
        best=min(cpu),
        median=statistics.median(cpu),
        runs=len(cpu),
        note="process time, steadier than wall time on a shared machine",
    )
    bench.info("  validation itself target", _target(min(cpu), VALIDATION_ITSELF_TARGET_S))


def _cpu_times(fn: Callable[[], object], repeat: int, *, collect: bool) -> list[float]:
    """CPU (process) times of *repeat* runs of *fn*, ``gc.collect()`` untimed before each."""
    times: list[float] = []
    for _ in range(max(1, repeat)):
        if collect:
            gc.collect()
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return times


def _nothing() -> None:
    return None


def _with_parents(h: Hierarchy, day: pendulum.Date) -> Snapshot:
    snap = h.as_of(day)
    snap.parent_array()
    return snap


def _everything(snap: Snapshot) -> Snapshot:
    snap.parent_array()
    snap.depth_array()
    return snap


def _one_day(
    h: Hierarchy, day: pendulum.Date, repeat: int, *, collect: bool
) -> tuple[int, dict[str, list[float]]]:
    """Wall times of the snapshot steps on one day, each on a fresh snapshot."""

    def fresh() -> Snapshot:
        return h.as_of(day)

    def build(_: None) -> Snapshot:
        return h.as_of(day)

    def build_parents(_: None) -> Snapshot:
        snap = h.as_of(day)
        snap.parent_array()
        return snap

    def build_all(_: None) -> Snapshot:
        return _everything(h.as_of(day))

    t_as_of, snap = timings(build, _nothing, repeat, collect=collect)
    t_parent, _ = timings(Snapshot.parent_array, fresh, repeat, collect=collect)
    t_depth, _ = timings(
        Snapshot.depth_array,
        functools.partial(_with_parents, h, day),
        repeat,
        collect=collect,
    )
    t_snapshot, _ = timings(build_parents, _nothing, repeat, collect=collect)
    t_total, _ = timings(build_all, _nothing, repeat, collect=collect)
    times = {
        "as_of": t_as_of,
        "parent_array": t_parent,
        "depth_array": t_depth,
        "snapshot": t_snapshot,
        "total": t_total,
    }
    return len(snap), times


def _snapshots(bench: Bench, h: Hierarchy, repeat: int) -> None:
    rows: dict[str, list[tuple[float, float]]] = {}
    sizes: list[int] = []
    for day in snapshot_dates():
        size, times = _one_day(h, day, repeat, collect=bench.collect)
        sizes.append(size)
        for key, values in times.items():
            rows.setdefault(key, []).append((min(values), statistics.median(values)))

    def add(name: str, key: str, note: str = "") -> float:
        best = statistics.fmean(b for b, _ in rows[key])
        median = statistics.fmean(m for _, m in rows[key])
        worst = max(m for _, m in rows[key])
        bench.record(name, best=best, median=median, runs=repeat, note=note, worst_median_s=worst)
        return median

    units = f"{min(sizes):,}-{max(sizes):,} units"
    add("as_of(day), mean of 10 days", "as_of", units)
    add("  snapshot.parent_array() (fresh snapshot)", "parent_array")
    add("  snapshot.depth_array() (parents cached)", "depth_array")
    snapshot = add("  as_of + parent_array", "snapshot")
    bench.info(
        "  snapshot target", _target(snapshot, SNAPSHOT_TARGET_S) + " (as_of + parent_array)"
    )
    total = add("  as_of + parent_array + depth_array", "total")
    bench.info("  roll-up arrays target", _target(total, SNAPSHOT_TARGET_S) + " (with depth_array)")


def _descendant_ids(snap: Snapshot) -> tuple[str, ...]:
    return snap.descendants("TLD")


def _descendant_indices(snap: Snapshot) -> IntArray:
    return snap.descendant_indices("TLD")


def _descendants(bench: Bench, h: Hierarchy) -> None:
    for text in ("2025-06-30", "2025-07-01"):
        fresh = functools.partial(h.as_of, text)
        bench.measure_with(
            f"descendants('TLD') on {text} (ids)",
            _descendant_ids,
            fresh,
            note=lambda ids: f"{len(ids):,} descendants",
        )
        bench.measure_with(f"descendant_indices('TLD') on {text}", _descendant_indices, fresh)


def run(bench: Bench, *, quick: bool = False) -> None:
    """Run the hierarchy benchmarks into *bench* (``quick``: 2,000 grassroots)."""
    size = QUICK if quick else FULL
    heavy = 1 if quick else min(bench.repeat, 3)
    ds = bench.measure(
        "national_history() generate",
        lambda: national_history(**size),
        repeat=heavy,
        note=_describe,
    )
    _io(bench, ds)
    h = bench.measure("Hierarchy(dataset) index build", lambda: Hierarchy(ds), repeat=bench.repeat)
    _validate(bench, ds, h)
    _snapshots(bench, h, bench.repeat)
    _descendants(bench, h)
    bench.info("peak RSS (process)", f"{peak_rss_mb():,.0f} MiB")
