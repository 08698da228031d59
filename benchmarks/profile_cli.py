"""Where the time of a ``thidua`` command goes, by stage, under :mod:`cProfile`.

``python -m benchmarks.profile_cli rollup DIR --period 2024 --format csv``
runs ``thidua.cli.main`` in this process under the profiler (standard output
to ``/dev/null``), then prints:

* the **stages** of the command (reading the CSV tables, building records
  through cattrs, the hierarchy index, validation, reading the figures, the
  figure checks, the roll-up, the output) as the cumulative time of the
  function that does each, and what is left;
* the top functions by own time and by cumulative time.

Stages can nest (the index is built inside validation, and again by the
command): each line says how often its function ran.  The profiler's clock
is the process's CPU time (:func:`time.process_time`), so that other work
on a shared machine does not inflate the figures.  ``--save FILE``
also writes the raw profile (for ``snakeviz`` or ``pstats``).  Without
arguments after the options it profiles ``rollup`` on the full national
directory of :mod:`benchmarks.national_csv`.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# (stage, file suffix, function name): the function whose cumulative time is the stage.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("workspace: read_workspace (whole)", "thidua/workspace.py", "read_workspace"),
    ("  read: CSV tables of the dataset", "io/_dataset_tables.py", "read_csv_dir"),
    ("    read: CSV text to columns", "io/_columnar.py", "read_csv_columns"),
    ("    records: columns -> dataset", "io/_dataset_tables.py", "dataset_from_tables"),
    ("  figures: read_figures_csv", "figures/_read.py", "read_figures_csv"),
    ("  catalogue: load_catalogue", "figures/_catalogue_io.py", "load_catalogue"),
    ("index: Hierarchy(dataset)", "hierarchy/_index.py", "__init__"),
    ("validate: workspace.validate (whole)", "thidua/workspace.py", "validate"),
    ("  validate: hierarchy checks", "hierarchy/_checks/__init__.py", "validate_hierarchy"),
    ("  validate: figure checks", "figures/_validate.py", "validate_figures"),
    ("roll-up: roll_up", "rollup/_engine.py", "roll_up"),
    ("output: rollup CSV", "cli/rollup.py", "write_csv"),
    ("output: validate summary", "cli/validate.py", "summary"),
)


def stage_times(stats: pstats.Stats) -> list[tuple[str, float, int]]:
    """(stage, cumulative seconds, calls) for each stage of :data:`STAGES` that ran."""
    table = stats.stats  # type: ignore[attr-defined]
    rows: list[tuple[str, float, int]] = []
    for stage, suffix, name in STAGES:
        total, calls = 0.0, 0
        for (filename, _, function), (_, ncalls, _, cumulative, _) in table.items():
            if function == name and filename.replace(os.sep, "/").endswith(suffix):
                total += cumulative
                calls += ncalls
        if calls:
            rows.append((stage, total, calls))
    return rows


def profile(argv: Sequence[str]) -> tuple[pstats.Stats, float, int]:
    """Run ``thidua.cli.main(argv)`` under cProfile; return the stats, CPU seconds, exit code."""
    from thidua.cli import main

    profiler = cProfile.Profile(time.process_time)
    with open(os.devnull, "w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
        start = time.process_time()
        profiler.enable()
        code = main(list(argv))
        profiler.disable()
        wall = time.process_time() - start
    return pstats.Stats(profiler), wall, code


def report(stats: pstats.Stats, wall: float, *, top: int = 25) -> str:
    """The stage table and the top functions, as text."""
    lines = [f"CPU time under the profiler: {wall:.2f} s", "", "stages (cumulative):"]
    lines.extend(
        f"  {stage:<46} {seconds:7.2f} s  {calls:>3} call(s)"
        for stage, seconds, calls in stage_times(stats)
    )
    for order in ("tottime", "cumulative"):
        buffer = io.StringIO()
        stats.stream = buffer  # type: ignore[attr-defined]
        stats.sort_stats(order).print_stats(top)
        text = buffer.getvalue()
        body = text[text.index("ncalls") :] if "ncalls" in text else text
        lines.extend(["", f"top {top} by {order}:", body.rstrip()])
    return "\n".join(lines)


def stage_clock(directory: str, period: str = "2024") -> list[tuple[str, float, float]]:
    """(stage, wall s, CPU s) of the steps of ``thidua rollup``, timed without the profiler.

    The steps are those of the command (:mod:`thidua.cli.rollup`), called
    through the public API one after the other, so that the profiler's
    per-call overhead (large for the per-cell output loop) does not skew the
    shares.
    """
    from thidua.rollup import roll_up
    from thidua.workspace import read_workspace, validate

    base = Path(directory)
    clock: list[tuple[str, float, float]] = []

    def step(name: str, action: Callable[[], T]) -> T:
        wall, cpu = time.perf_counter(), time.process_time()
        value = action()
        clock.append((name, time.perf_counter() - wall, time.process_time() - cpu))
        return value

    start = time.perf_counter(), time.process_time()
    workspace = step(
        "read: read_workspace (tables, catalogue, figures)", lambda: read_workspace(base)
    ).workspace
    step("index: workspace.hierarchy", lambda: workspace.hierarchy)
    step("validate: workspace validate (hierarchy + figures)", lambda: validate(workspace))
    result = step("roll-up: roll_up", lambda: roll_up(workspace, period))
    step("output: RollUp.to_csv", lambda: result.to_csv(io.StringIO()))
    clock.append(("total", time.perf_counter() - start[0], time.process_time() - start[1]))
    return clock


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options, profile the command, print the report."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_cli", description=__doc__)
    parser.add_argument("--top", type=int, default=25, help="functions listed per order")
    parser.add_argument("--save", default=None, help="write the raw profile here")
    parser.add_argument(
        "--stages", metavar="DIR", default=None, help="time the roll-up's steps on DIR, no profiler"
    )
    parser.add_argument("command", nargs=argparse.REMAINDER, help="thidua's arguments")
    args = parser.parse_args(argv)
    if args.stages:
        for name, wall, cpu in stage_clock(args.stages):
            print(f"{name:<46} wall {wall:7.2f} s   CPU {cpu:7.2f} s")
        return 0
    command = list(args.command)
    if not command:
        from benchmarks.national_csv import national_dir

        command = ["rollup", str(national_dir().path), "--period", "2024", "--format", "csv"]
    stats, wall, code = profile(command)
    if args.save:
        stats.dump_stats(args.save)
    print(f"thidua {' '.join(command)}  (exit {code})")
    print(report(stats, wall, top=args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
