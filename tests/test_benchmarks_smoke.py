"""The benchmark suite runs end to end at tiny sizes (no timing assertions)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `benchmarks` lives beside `src`, not inside the package
    sys.path.insert(0, str(ROOT))

import benchmarks  # noqa: E402
from benchmarks.__main__ import main  # noqa: E402

EXPECTED = {
    "national_history() generate",
    "Hierarchy(dataset) index build",
    "as_of(day), mean of 10 days",
    "  as_of + parent_array",
    "descendants('TLD') on 2025-07-01 (ids)",
    "peak RSS (process)",
}


def test_quick_run_via_api(tmp_path: Path) -> None:
    out = io.StringIO()
    results = benchmarks.run(["hierarchy"], quick=True, repeat=1, out_dir=tmp_path, stream=out)
    names = {r.name for r in results}
    assert names >= EXPECTED
    for r in results:
        assert r.suite == "hierarchy"
        if r.skipped is not None:
            assert r.skipped  # a reason is given
        elif r.runs:
            assert r.best_s is not None
            assert r.median_s is not None
            assert 0 <= r.best_s <= r.median_s
    descendants = next(r for r in results if r.name.startswith("descendants('TLD')"))
    assert descendants.note.endswith("descendants")
    (written,) = tmp_path.glob("hierarchy-quick-*.json")
    payload = json.loads(written.read_text(encoding="utf-8"))
    assert payload["quick"] is True
    assert len(payload["results"]) == len(results)
    table = out.getvalue()
    assert "national_history() generate" in table
    assert "results written to" in table


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--quick", "--only", "hierarchy", "--repeat", "1", "--no-write"]) == 0
    assert "as_of(day), mean of 10 days" in capsys.readouterr().out
    assert not list(tmp_path.iterdir())


def test_unknown_suite() -> None:
    with pytest.raises(KeyError, match="unknown suite"):
        benchmarks.run(["nope"], quick=True, write=False, stream=io.StringIO())
    with pytest.raises(SystemExit):
        main(["--only", "nope"])
