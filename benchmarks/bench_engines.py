"""Vectorised CSV engines for the national tables: pyarrow, polars, pandas (pyarrow engine).

Issue 6 asks for one vectorised engine as a core dependency, chosen by
measurement.  Each row reads one file of the national CSV directory
(:mod:`benchmarks.national_csv`) into columns in a **fresh child process**
and reports the best and median read time, the CPU time, the import time of
the library, and the child's peak RSS (``VmHWM``) with the part the read
added over the imports:

* ``pyarrow.csv.read_csv`` (every column ``string``, or types inferred);
* ``polars.read_csv`` (``infer_schema=False``: every column ``String``, or
  types inferred);
* ``pandas.read_csv(engine="pyarrow")`` (``dtype=str``, or inferred);
* ``thidua.read_figures_csv`` (figures only): the whole reader, pyarrow
  columns plus thidua's cell rules and checks of every cell;
* two references: ``pandas.read_csv`` with the C engine (what
  ``read_figures_csv`` used before the columnar reader) and the :mod:`csv`
  module to lists of rows (what the dataset tables used).

"text" reads every column as text, as thidua's table engine needs (it
applies its own rules to the cells: NFC, Vietnamese numbers, dates, header
aliases); "typed" lets the engine infer types (figures only).  The last rows
give each library's import time in a bare interpreter, its installed size
and, when the wheels were downloaded into ``benchmarks/results/wheels``, the
size of its wheel.

pyarrow is a core dependency of thidua (chosen by this suite, see
``benchmarks/README.md``), so every engine runs in thidua's own environment.
Run it alone with ``python -m benchmarks.bench_engines [--quick]``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks._harness import RESULTS_DIR, Bench, format_seconds
from benchmarks.national_csv import FULL_GRASSROOTS, QUICK_GRASSROOTS, national_dir

NAME = "engines"
WHEELS = RESULTS_DIR / "wheels"

# The child's program: import (timed), read (timed), report as JSON on stdout.
_CHILD = """
import json, os, resource, sys, time
def hwm():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0
path, mode = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    header = f.readline().rstrip("\\n").split(",")
t0, p0 = time.perf_counter(), time.process_time()
{imports}
t1, p1 = time.perf_counter(), time.process_time()
before = hwm()
c0 = time.process_time()
r0 = time.perf_counter()
{read}
r1 = time.perf_counter()
print(json.dumps({{"import_s": t1 - t0, "import_cpu_s": p1 - p0, "read_s": r1 - r0,
                  "cpu_s": time.process_time() - c0, "rows": int(rows), "peak_mib": hwm(),
                  "import_peak_mib": before}}))
"""

ENGINES: dict[str, tuple[str, str, str]] = {
    # name: (imports, read as text, read with inferred types)
    "pyarrow.csv.read_csv": (
        "import pyarrow as pa, pyarrow.csv as pc",
        (
            "t = pc.read_csv(path, convert_options=pc.ConvertOptions("
            "column_types={c: pa.string() for c in header}, strings_can_be_null=False)); "
            "rows = t.num_rows"
        ),
        "t = pc.read_csv(path); rows = t.num_rows",
    ),
    "polars.read_csv": (
        "import polars as pl",
        "t = pl.read_csv(path, infer_schema=False); rows = t.height",
        "t = pl.read_csv(path); rows = t.height",
    ),
    'pandas.read_csv(engine="pyarrow")': (
        "import pandas as pd",
        't = pd.read_csv(path, engine="pyarrow", dtype=str, keep_default_na=False); rows = len(t)',
        't = pd.read_csv(path, engine="pyarrow"); rows = len(t)',
    ),
    "pandas.read_csv (C engine) [before: figures]": (
        "import pandas as pd",
        "t = pd.read_csv(path, dtype=str, keep_default_na=False); rows = len(t)",
        "t = pd.read_csv(path); rows = len(t)",
    ),
    "thidua.read_figures_csv [figures]": (
        "from thidua.figures import read_figures_csv; import pyarrow.csv",
        "t = read_figures_csv(path).figures; rows = len(t)",
        "",
    ),
    "csv.reader to lists [before: tables]": (
        "import csv",
        "f = open(path, encoding='utf-8', newline=''); t = list(csv.reader(f)); rows = len(t) - 1",
        "",
    ),
}
FIGURES_ONLY = frozenset({"thidua.read_figures_csv [figures]"})
LIBRARIES: dict[str, tuple[str, tuple[str, ...]]] = {
    # name: (import statement, distributions installed for it)
    "pyarrow": ("import pyarrow.csv", ("pyarrow",)),
    "polars": ("import polars", ("polars", "polars-runtime-32")),
    "pandas": ("import pandas", ("pandas",)),
    "numpy (already a dependency)": ("import numpy", ("numpy",)),
}


@dataclass(frozen=True)
class Read:
    """One child's figures."""

    import_s: float
    import_cpu_s: float
    read_s: float
    cpu_s: float
    rows: int
    peak_mib: float
    import_peak_mib: float


def read_once(engine: str, path: Path, mode: str) -> Read:
    """Read *path* with *engine* in a fresh process; its figures."""
    imports, text, typed = ENGINES[engine]
    program = _CHILD.format(imports=imports, read=text if mode == "text" else typed)
    done = subprocess.run(
        [sys.executable, "-c", program, str(path), mode],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or ["no output"]
        raise RuntimeError(lines[-1])
    return Read(**json.loads(done.stdout.strip().splitlines()[-1]))


def _engine_row(bench: Bench, engine: str, path: Path, mode: str, runs: int) -> None:
    name = f"{path.name} {mode}: {engine}"
    try:
        reads = [read_once(engine, path, mode) for _ in range(runs)]
    except RuntimeError as error:
        bench.skip(name, str(error))
        return
    peak = max(r.peak_mib for r in reads)
    added = max(r.peak_mib - r.import_peak_mib for r in reads)
    cpu = statistics.median(r.cpu_s for r in reads)
    imported = min(r.import_s for r in reads)
    imported_cpu = min(r.import_cpu_s for r in reads)
    bench.add(
        name,
        [r.read_s for r in reads],
        note=(
            f"{reads[0].rows:,} rows; CPU {format_seconds(cpu)}; import "
            f"{format_seconds(imported)} (CPU {format_seconds(imported_cpu)}); "
            f"peak {peak:,.0f} MiB (read +{added:,.0f})"
        ),
        rows=reads[0].rows,
        cpu_s=cpu,
        import_s=imported,
        import_cpu_s=imported_cpu,
        peak_mib=round(peak, 1),
        read_mib=round(added, 1),
    )


def installed_mib(distributions: Sequence[str]) -> float | None:
    """The installed size of *distributions* (their RECORD files), in MiB; ``None`` if absent."""
    search = list(sys.path)
    total = 0
    for name in distributions:
        found = list(importlib.metadata.distributions(name=name, path=search))
        if not found:
            return None
        total += sum(f.size or 0 for f in found[0].files or [])
    return total / 2**20


def wheel_mib(distributions: Sequence[str]) -> float | None:
    """The size of the downloaded wheels of *distributions* in ``benchmarks/results/wheels``."""
    total = 0
    for name in distributions:
        stem = name.replace("-", "_")
        wheels = sorted(WHEELS.glob(f"{stem}-*.whl")) if WHEELS.is_dir() else []
        if not wheels:
            return None
        total += wheels[-1].stat().st_size
    return total / 2**20


def _library_rows(bench: Bench, runs: int) -> None:
    for library, (statement, distributions) in LIBRARIES.items():
        times: list[float] = []
        cpus: list[float] = []
        for _ in range(runs):
            program = "import time; t, c = time.perf_counter(), time.process_time(); "
            program += f"{statement}; print(time.perf_counter() - t, time.process_time() - c)"
            done = subprocess.run(
                [sys.executable, "-c", program],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                break
            wall, cpu = done.stdout.split()
            times.append(float(wall))
            cpus.append(float(cpu))
        if not times:
            bench.skip(f"import {library}", "not installed")
            continue
        size = installed_mib(distributions)
        wheel = wheel_mib(distributions)
        bench.add(
            f"import {library}",
            times,
            note=(
                f"CPU {format_seconds(min(cpus))}; "
                f"installed {'?' if size is None else f'{size:,.0f}'} MiB, wheel "
                f"{'not downloaded' if wheel is None else f'{wheel:,.1f} MiB'} "
                f"({' + '.join(distributions)})"
            ),
            cpu_s=min(cpus),
            installed_mib=size,
            wheel_mib=wheel,
        )


def run(bench: Bench, *, quick: bool = False) -> None:
    """Run the engine comparison into *bench* (``quick``: the small directory, figures only)."""
    runs = 1 if quick else min(bench.repeat, 3)
    data = national_dir(QUICK_GRASSROOTS if quick else FULL_GRASSROOTS)
    bench.info("engines", data.path.name)
    files = ("figures.csv",) if quick else ("units.csv", "links.csv", "figures.csv")
    for file in files:
        modes = ("text",) if quick or file != "figures.csv" else ("text", "typed")
        for mode in modes:
            for engine in ENGINES:
                if mode == "typed" and not ENGINES[engine][2]:
                    continue
                if engine in FIGURES_ONLY and file != "figures.csv":
                    continue
                _engine_row(bench, engine, data.path / file, mode, runs)
    _library_rows(bench, 1 if quick else max(3, bench.repeat))


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.bench_engines [--quick] [--repeat N]``: run this suite alone."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_engines", description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=None)
    args = parser.parse_args(argv)
    from benchmarks._harness import header

    print(header())
    bench = Bench(NAME, repeat=args.repeat or (2 if args.quick else 5), stream=sys.stdout)
    run(bench, quick=args.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
