"""The roll-up benchmark suite runs end to end at tiny sizes (no timing assertions)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `benchmarks` lives beside `src`, not inside the package
    sys.path.insert(0, str(ROOT))

from benchmarks import bench_rollup  # noqa: E402
from benchmarks._harness import Bench  # noqa: E402


def test_quick_suite_measures_every_comparison() -> None:
    out = io.StringIO()
    bench = Bench(bench_rollup.NAME, repeat=1, stream=out)
    bench_rollup.run(bench, quick=True)
    notes = {r.name: r.note for r in bench.results}
    assert "0 differ" in notes["  end-to-end totals equal"]
    assert notes["  core results equal"] == "True"
    for name in (
        "  core ratio engine / baseline",
        "  end-to-end ratio engine / pandas",
        "  restated / as-was",
    ):
        assert "x (" in notes[name]
    assert "MiB" in notes["e2e peak RSS (child process)"]
    assert all(r.skipped is None for r in bench.results)


def test_command_line_memory_child(capsys: object) -> None:
    stages = bench_rollup.memory_child(quick=True)
    assert stages["peak"] >= stages["imports"] > 0
