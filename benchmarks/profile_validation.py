"""CPU time of :func:`thidua.validate` on the national dataset, in total and check by check.

``python -m benchmarks.profile_validation [DIR] [--repeat N]`` reads the
national CSV directory *DIR* with :func:`thidua.workspace.read_workspace`
(or generates the dataset with
:func:`thidua.datasets.national.national_history` when no *DIR* is given),
builds the :class:`thidua.Hierarchy` once, then prints the best and median
CPU (process) time of *N* runs (default 3) of

* ``validate(dataset)`` (the index built inside) and ``validate(hierarchy)``
  (the index prebuilt: the validation itself, the issue's < 1 s target);
* each family of checks run alone on a fresh validation context, in the
  order :func:`thidua.validate` runs them (units, links, cycles, events,
  groups; the links row includes the link intervals clipped to lifetimes,
  which the cycle check then reuses).

The per-check rows call the private check functions of
``thidua.hierarchy`` (this is a profiling tool, tied to that layout).
CPU time is used because the machine is shared: other processes inflate
wall time far more than process time.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from thidua import Dataset, Hierarchy, validate
from thidua.datasets.national import national_history
from thidua.hierarchy._checks import _cycles, _events, _groups, _links, _units
from thidua.hierarchy._checks._context import Context
from thidua.workspace import read_workspace

CHECKS: tuple[tuple[str, Callable[[Context], None]], ...] = (
    ("units", _units.check_units),
    ("links", _links.check_links),
    ("cycles", _cycles.check_cycles),
    ("events", _events.check_events),
    ("groups", _groups.check_groups),
)


def cpu_times(fn: Callable[[], object], repeat: int) -> list[float]:
    """Process times of *repeat* runs of *fn*, ``gc.collect()`` untimed before each."""
    times: list[float] = []
    for _ in range(max(1, repeat)):
        gc.collect()
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return times


def per_check(h: Hierarchy, repeat: int) -> dict[str, list[float]]:
    """Process times of each check family, each run on a fresh context."""
    out: dict[str, list[float]] = {name: [] for name, _ in CHECKS}
    for _ in range(max(1, repeat)):
        ctx = Context(h, None, 1_000)
        gc.collect()
        for name, check in CHECKS:
            start = time.process_time()
            check(ctx)
            out[name].append(time.process_time() - start)
    return out


def _row(name: str, times: Sequence[float]) -> str:
    return f"{name:34} best {min(times):7.3f} s   median {statistics.median(times):7.3f} s"


def load(directory: Path | None) -> Dataset:
    """The national dataset: read from *directory*, or generated."""
    if directory is None:
        return national_history()
    return read_workspace(directory).workspace.dataset


def main(argv: Sequence[str] | None = None) -> int:
    """Parse *argv*, print the times and return 0."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_validation")
    parser.add_argument("directory", nargs="?", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    ds = load(args.directory)
    print(f"{len(ds.units):,} units, {len(ds.links):,} links, {len(ds.events):,} events")
    h = Hierarchy(ds)
    report = validate(h)
    print(f"{len(report.errors)} errors, {len(report.warnings)} warnings")
    print(_row("validate(dataset)", cpu_times(lambda: validate(ds), args.repeat)))
    print(_row("validate(hierarchy)", cpu_times(lambda: validate(h), args.repeat)))
    for name, times in per_check(h, args.repeat).items():
        print(_row(f"  {name}", times))
    return 0


if __name__ == "__main__":
    sys.exit(main())
