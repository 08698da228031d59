"""Whole processes as a user runs them, on the national CSV directory.

Side by side in one run, on the directory of :mod:`benchmarks.national_csv`
(152,000 units, 282,000 links, 3,040,000 figure rows at full size):

1. ``thidua rollup DIR --period 2024 --format csv > /dev/null`` against
   ``python benchmarks/baseline_pandas.py DIR > /dev/null`` (the same totals
   for the 20 additive indicators, computed with pandas in twenty lines):
   wall time (best and median), CPU time, peak RSS and the ratio
   thidua / pandas — target ≤ 0.5×, and < 1 GiB each;
2. ``thidua validate DIR`` — target < 2 s, < 1 GiB;
3. ``python -c "import thidua"`` — target < 150 ms — beside
   ``python -c pass`` (the interpreter alone), and the top offenders of
   ``python -X importtime -c "import thidua"``.

Before the timed runs, each of the two roll-ups runs once writing its output
to a file (a warm-up that also fills the page cache); the totals of both are
compared for every unit and additive indicator, and the suite reports how
many differ.  Each process's peak RSS is its own (``VmHWM``, see :func:`run_process`),
not the benchmark's.

Run it alone with ``python -m benchmarks.bench_cli [--quick] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from benchmarks._harness import Bench, format_seconds
from benchmarks.national_csv import (
    FULL_GRASSROOTS,
    INDICATORS,
    QUICK_GRASSROOTS,
    NationalDir,
    national_dir,
)

NAME = "cli"
RATIO_TARGET = 0.5
VALIDATE_TARGET_S = 2.0
IMPORT_TARGET_S = 0.150
MEMORY_TARGET_MIB = 1024.0
BASELINE = Path(__file__).resolve().parent / "baseline_pandas.py"
ROOT_UNIT = "TLD"


@dataclass(frozen=True)
class ProcessRun:
    """One finished child process: wall and CPU seconds, its own peak RSS, its exit status."""

    wall_s: float
    cpu_s: float
    peak_mib: float
    returncode: int


def _vm_hwm_mib(status: Path) -> float:
    """``VmHWM`` (the peak RSS of the process image) from ``/proc/<pid>/status``, 0 if gone."""
    try:
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def run_process(cmd: Sequence[str], *, stdout: Path | None = None) -> ProcessRun:
    """Run *cmd* to completion, its standard output to *stdout* (default ``/dev/null``).

    Wall time runs from the spawn to the reaping; CPU time (user + system) is
    the child's own, from ``os.wait4``.  The peak RSS is the child's
    ``VmHWM``, read every 5 ms by a thread while it runs (Linux): unlike
    ``ru_maxrss``, it does not start from the parent's memory at the spawn.
    Elsewhere it falls back to ``ru_maxrss``.
    """
    target = os.devnull if stdout is None else os.fspath(stdout)
    peak = [0.0]
    finished = threading.Event()

    def watch(pid: int) -> None:
        status = Path(f"/proc/{pid}/status")
        while not finished.is_set():
            peak[0] = max(peak[0], _vm_hwm_mib(status))
            finished.wait(0.005)

    with open(target, "wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
        watcher = threading.Thread(target=watch, args=(child.pid,), daemon=True)
        watcher.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        finished.set()
        watcher.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    if not sys.platform.startswith("linux"):
        scale = 2**20 if sys.platform == "darwin" else 2**10
        peak[0] = usage.ru_maxrss / scale
    return ProcessRun(wall, usage.ru_utime + usage.ru_stime, peak[0], child.returncode)


def thidua_command() -> list[str]:
    """The ``thidua`` console script beside this interpreter (or the CLI module run by it)."""
    script = Path(sys.executable).parent / "thidua"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from thidua.cli import main; sys.exit(main())"]


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def _measure(
    bench: Bench,
    name: str,
    cmd: Sequence[str],
    runs: int,
    *,
    target_s: float | None = None,
) -> list[ProcessRun]:
    """Time *runs* runs of *cmd*; record best/median wall, CPU and the peak RSS."""
    done = [run_process(cmd) for _ in range(max(1, runs))]
    _record(bench, name, done, target_s=target_s)
    return done


def _record(
    bench: Bench, name: str, done: Sequence[ProcessRun], *, target_s: float | None = None
) -> None:
    """Record finished runs: best/median wall, median CPU, the peak RSS, the exit status."""
    walls = [r.wall_s for r in done]
    peak = max(r.peak_mib for r in done)
    cpu = statistics.median(r.cpu_s for r in done)
    codes = sorted({r.returncode for r in done})
    code = codes[0] if len(codes) == 1 else codes
    note = f"CPU {format_seconds(cpu)}, peak {peak:,.0f} MiB, exit {code}"
    if target_s is not None:
        note += f" (target < {format_seconds(target_s)}: {_verdict(min(walls) < target_s)})"
    bench.add(name, walls, note=note, cpu_s=cpu, peak_mib=round(peak, 1), exit=codes)


def _memory_row(bench: Bench, name: str, runs: Sequence[ProcessRun]) -> None:
    peak = max(r.peak_mib for r in runs)
    verdict = _verdict(peak < MEMORY_TARGET_MIB)
    bench.info(
        name, f"{peak:,.0f} MiB (target < {MEMORY_TARGET_MIB:,.0f}: {verdict})", peak_mib=peak
    )


def compare_totals(thidua_csv: Path, pandas_csv: Path) -> dict[str, object]:
    """Compare the roll-up CSV of ``thidua rollup`` with the baseline's, additive indicators.

    Returns the number of totals compared, how many differ, how many are on
    one side only, and the root's ``new_members`` total on each side.
    """
    ours = pd.read_csv(
        thidua_csv, usecols=["unit", "indicator", "value"], dtype={"unit": str, "indicator": str}
    )
    ours = ours[ours["indicator"].isin(INDICATORS) & ours["value"].notna()]
    theirs = pd.read_csv(pandas_csv, dtype={"unit": str, "indicator": str})
    both = ours.merge(
        theirs, on=["unit", "indicator"], how="outer", suffixes=("_thidua", "_pandas")
    )
    left, right = both["value_thidua"], both["value_pandas"]
    paired = left.notna() & right.notna()
    differ = int(((left - right).abs() > 1e-6 * right.abs().clip(lower=1))[paired].sum())
    root = both[(both["unit"] == ROOT_UNIT) & (both["indicator"] == INDICATORS[0])]
    return {
        "compared": int(paired.sum()),
        "differ": differ,
        "thidua_only": int((left.notna() & right.isna()).sum()),
        "pandas_only": int((left.isna() & right.notna()).sum()),
        "root_thidua": float(root["value_thidua"].iloc[0]) if len(root) else float("nan"),
        "root_pandas": float(root["value_pandas"].iloc[0]) if len(root) else float("nan"),
    }


def _rollups(bench: Bench, data: NationalDir, runs: int, quick: bool) -> None:
    directory = str(data.path)
    ours = [*thidua_command(), "rollup", directory, "--period", "2024", "--format", "csv"]
    theirs = [sys.executable, str(BASELINE), directory]
    scratch = Path(tempfile.mkdtemp(prefix="thidua-bench-cli-"))
    try:
        warm_ours = run_process(ours, stdout=scratch / "thidua.csv")
        warm_theirs = run_process(theirs, stdout=scratch / "pandas.csv")
        check = compare_totals(scratch / "thidua.csv", scratch / "pandas.csv")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    ok = check["differ"] == 0 and check["thidua_only"] == 0 and check["pandas_only"] == 0
    bench.info(
        "  totals thidua = pandas (additive)",
        f"{_verdict(ok)}: {check['compared']:,} totals compared, {check['differ']} differ, "
        f"{check['thidua_only']} thidua only, {check['pandas_only']} pandas only; "
        f"{ROOT_UNIT} {INDICATORS[0]} {check['root_thidua']:,.0f} / {check['root_pandas']:,.0f}",
        **check,
    )
    if quick:  # the check runs are the measures: a smoke run stays short
        done_ours, done_theirs = [warm_ours], [warm_theirs]
        _record(bench, "thidua rollup --period 2024 --format csv", done_ours)
        _record(bench, "python baseline_pandas.py [baseline]", done_theirs)
    else:
        done_ours = _measure(bench, "thidua rollup --period 2024 --format csv", ours, runs)
        done_theirs = _measure(bench, "python baseline_pandas.py [baseline]", theirs, runs)
    t_ours = min(r.wall_s for r in done_ours)
    t_theirs = min(r.wall_s for r in done_theirs)
    ratio = t_ours / t_theirs
    bench.info(
        "  ratio thidua / pandas (wall, best)",
        f"{format_seconds(t_ours)} / {format_seconds(t_theirs)} = {ratio:.2f}x "
        f"(target <= {RATIO_TARGET:g}x: {_verdict(ratio <= RATIO_TARGET)})",
        ratio=round(ratio, 3),
    )
    cpu_ratio = min(r.cpu_s for r in done_ours) / min(r.cpu_s for r in done_theirs)
    bench.info(
        "  ratio thidua / pandas (CPU, best)", f"{cpu_ratio:.2f}x", ratio=round(cpu_ratio, 3)
    )
    _memory_row(bench, "  thidua rollup peak RSS", done_ours)
    _memory_row(bench, "  baseline_pandas.py peak RSS", done_theirs)


_IMPORTTIME = re.compile(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)")


def import_offenders(stderr: str, top: int = 8) -> list[tuple[str, float]]:
    """The top-level packages that ``-X importtime`` shows costing most, in seconds.

    Each package counts once, at the largest cumulative time of an entry
    named exactly like it (``pandas``, ``numpy``); ``thidua``'s own modules
    are summed by self time as ``thidua (own modules)``.
    """
    packages: dict[str, float] = {}
    own = 0.0
    for line in stderr.splitlines():
        match = _IMPORTTIME.match(line)
        if match is None:
            continue
        self_us, cumulative_us, _, name = match.groups()
        if name.split(".")[0] == "thidua":
            own += int(self_us) / 1e6
        elif "." not in name:
            packages[name] = max(packages.get(name, 0.0), int(cumulative_us) / 1e6)
    ranked = sorted(packages.items(), key=lambda kv: -kv[1])[:top]
    return sorted([*ranked, ("thidua (own modules)", own)], key=lambda kv: -kv[1])


def _imports(bench: Bench, runs: int) -> None:
    _measure(bench, 'python -c "pass" (interpreter alone)', [sys.executable, "-c", "pass"], runs)
    _measure(
        bench,
        'python -c "import thidua"',
        [sys.executable, "-c", "import thidua"],
        runs,
        target_s=IMPORT_TARGET_S,
    )
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import thidua"],
        capture_output=True,
        text=True,
        check=False,
    )
    offenders = import_offenders(done.stderr)
    text = ", ".join(f"{name} {format_seconds(s)}" for name, s in offenders)
    bench.info("  -X importtime top offenders", text, offenders=dict(offenders))


def byte_compile() -> int:
    """Byte-compile thidua's modules, as ``pip install`` does for a wheel; the files compiled.

    An editable install (``make setup``) leaves the sources uncompiled, and where
    ``PYTHONDONTWRITEBYTECODE`` is set (as on CI machines) Python never writes
    the cache: every ``thidua`` process would compile the whole package again
    (about 0.1 s) before doing anything a user's installed copy does.
    """
    import compileall
    import io
    from contextlib import redirect_stdout

    import thidua

    package = Path(thidua.__file__).resolve().parent
    listing = io.StringIO()
    with redirect_stdout(listing):
        compileall.compile_dir(package, quiet=0)
    return sum(1 for line in listing.getvalue().splitlines() if line.startswith("Compiling"))


def run(bench: Bench, *, quick: bool = False) -> None:
    """Run the whole-process benchmarks into *bench* (``quick``: 1,500 grassroots, one run)."""
    runs = 1 if quick else min(bench.repeat, 3)
    compiled = byte_compile()
    bench.info(
        "thidua byte-compiled first (as a wheel install is)",
        f"{compiled} modules compiled now",
        compiled=compiled,
    )
    data = national_dir(QUICK_GRASSROOTS if quick else FULL_GRASSROOTS)
    built = "cached" if data.built_s is None else f"written in {format_seconds(data.built_s)}"
    bench.info(
        "national CSV directory",
        f"{data.path.name} ({built}): " + ", ".join(f"{k} {v:,}" for k, v in data.counts.items()),
        **data.counts,
    )
    _rollups(bench, data, runs, quick)
    _measure(
        bench,
        "thidua validate DIR",
        [*thidua_command(), "validate", str(data.path)],
        runs,
        target_s=VALIDATE_TARGET_S,
    )
    _imports(bench, 3 if quick else max(bench.repeat, 5))


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.bench_cli [--quick] [--repeat N]``: run this suite alone."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_cli", description=__doc__)
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
