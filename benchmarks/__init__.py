"""thidua's benchmark suites: ``python -m benchmarks`` runs them and prints a table.

Each suite is a module with ``NAME`` and ``run(bench, *, quick)``; :func:`run`
runs the chosen suites, prints a table and writes the figures as JSON to
``benchmarks/results/`` (git-ignored).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from benchmarks import (
    bench_campaigns,
    bench_cli,
    bench_engines,
    bench_hierarchy,
    bench_honours,
    bench_honours_national,
    bench_rollup,
)
from benchmarks._harness import Bench, Result, environment, header, write_json

__all__ = ["SUITES", "Result", "run"]

SUITES: dict[str, Callable[..., None]] = {
    bench_hierarchy.NAME: bench_hierarchy.run,
    bench_rollup.NAME: bench_rollup.run,
    bench_cli.NAME: bench_cli.run,
    bench_engines.NAME: bench_engines.run,
    bench_honours.NAME: bench_honours.run,
    bench_campaigns.NAME: bench_campaigns.run,
    # last: it resets the kernel's peak-RSS mark (per-stage peaks)
    bench_honours_national.NAME: bench_honours_national.run,
}
"""Suite name → ``run(bench, *, quick)``."""


def run(
    names: Sequence[str] | None = None,
    *,
    quick: bool = False,
    repeat: int | None = None,
    out_dir: Path | None = None,
    write: bool = True,
    stream: TextIO | None = None,
) -> list[Result]:
    """Run the suites *names* (all by default) and return every row.

    Args:
        names: suite names (keys of :data:`SUITES`); ``None`` runs them all.
        quick: tiny sizes, one or two runs per measure (a smoke test).
        repeat: runs per measure (default 5, or 2 with *quick*).
        out_dir: where to write the JSON file (default ``benchmarks/results``).
        write: whether to write the JSON file at all.
        stream: where to print the table (default standard output).

    Raises:
        KeyError: an unknown suite name.
    """
    chosen = list(SUITES) if not names else list(names)
    unknown = [n for n in chosen if n not in SUITES]
    if unknown:
        raise KeyError(f"unknown suite(s) {unknown}; known: {sorted(SUITES)}")
    out = sys.stdout if stream is None else stream
    runs = repeat if repeat is not None else (2 if quick else 5)
    env = environment()
    print(
        f"thidua benchmarks{' (quick)' if quick else ''}: Python {env['python']}, "
        f"{env['cpu_count']} CPUs, {env['memory_gib']} GiB, {env['platform']}",
        file=out,
    )
    results: list[Result] = []
    for name in chosen:
        print(f"\n== {name} ==", file=out)
        print(header(), file=out)
        bench = Bench(name, repeat=runs, stream=out, collect=not quick)
        SUITES[name](bench, quick=quick)
        results.extend(bench.results)
    if write:
        path = write_json(results, quick=quick, out_dir=out_dir)
        print(f"\nresults written to {path}", file=out)
    return results
