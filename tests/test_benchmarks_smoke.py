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


CLI_EXPECTED = {
    "national CSV directory",
    "  totals thidua = pandas (additive)",
    "thidua rollup --period 2024 --format csv",
    "python baseline_pandas.py [baseline]",
    "  ratio thidua / pandas (wall, best)",
    "thidua validate DIR",
    'python -c "import thidua"',
    "  -X importtime top offenders",
}


def test_cli_suite_quick(tmp_path: Path) -> None:
    out = io.StringIO()
    results = benchmarks.run(["cli"], quick=True, out_dir=tmp_path, stream=out)
    by_name = {r.name: r for r in results}
    assert set(by_name) >= CLI_EXPECTED
    totals = by_name["  totals thidua = pandas (additive)"]
    assert totals.note.startswith("PASS"), totals.note
    assert totals.extra["differ"] == 0
    assert isinstance(totals.extra["compared"], int)
    assert totals.extra["compared"] > 1000
    for name in ("thidua rollup --period 2024 --format csv", "thidua validate DIR"):
        row = by_name[name]
        assert row.best_s is not None
        assert row.best_s > 0
        assert row.extra["exit"] == [0], row.note
        assert isinstance(row.extra["peak_mib"], float)
        assert row.extra["peak_mib"] > 0
    offenders = by_name["  -X importtime top offenders"].extra["offenders"]
    assert isinstance(offenders, dict)
    assert "thidua (own modules)" in offenders
    assert list(tmp_path.glob("cli-quick-*.json"))


def test_national_dir_is_cached_and_readable(tmp_path: Path) -> None:
    from benchmarks.national_csv import INDICATORS, national_dir

    import thidua

    first = national_dir(300, seed=3, root=tmp_path)
    assert first.built_s is not None
    again = national_dir(300, seed=3, root=tmp_path)
    assert again.built_s is None
    assert again.counts == first.counts
    loaded = thidua.read(first.path)
    assert loaded.report.ok
    assert len(loaded.dataset.groups) > 0
    figs = thidua.read_figures_csv(first.path / "figures.csv")
    assert len(figs.figures) == first.counts["figures.csv"]
    assert set(figs.figures.indicators) == set(INDICATORS)


def test_pandas_baseline_matches_thidua_roll_up(tmp_path: Path) -> None:
    from benchmarks.baseline_pandas import roll_up as pandas_roll_up
    from benchmarks.national_csv import INDICATORS, national_dir

    import thidua
    from thidua.figures import load_catalogue

    data = national_dir(300, seed=5, root=tmp_path)
    totals = pandas_roll_up(str(data.path), "2024", "2024-12-31")
    catalogue, _ = load_catalogue(data.path / "indicators.csv")
    figs = thidua.read_figures_csv(data.path / "figures.csv", catalogue=catalogue).figures
    h = thidua.Hierarchy(thidua.read(data.path).dataset)
    result = thidua.roll_up(h, figs, "2024", catalogue=catalogue)
    compared = 0
    units = totals.index.get_level_values("unit")
    codes = totals.index.get_level_values("indicator")
    for unit, code, value in zip(units, codes, totals.to_numpy(), strict=True):
        assert result.value(str(unit), str(code)) == value
        compared += 1
    assert compared > 100
    assert set(codes) == set(INDICATORS)
    root = totals.loc[("TLD", INDICATORS[0])]
    assert root == result.value("TLD", INDICATORS[0])


def test_import_offenders_parses_importtime() -> None:
    from benchmarks.bench_cli import import_offenders

    stderr = "\n".join(
        [
            "import time: self [us] | cumulative | imported package",
            "import time:       100 |        100 |     numpy.core",
            "import time:      2000 |      50000 |   numpy",
            "import time:      3000 |       3000 |   thidua.errors",
            "import time:      1000 |      90000 | thidua",
        ]
    )
    assert import_offenders(stderr) == [("numpy", 0.05), ("thidua (own modules)", 0.004)]


def test_honours_suite_quick_agrees_with_pandas(tmp_path: Path) -> None:
    results = benchmarks.run(["honours"], quick=True, out_dir=tmp_path, stream=io.StringIO())
    by_name = {r.name: r for r in results}
    ratio = by_name["  thidua / pandas"]
    assert ratio.extra["same"] is True, ratio.note
    assert "LDTT =, CSTDCS =, CSTD_BO =, BK_BO =, BK_TTG =" in ratio.note
    assert by_name["  target"].note.startswith("< 5.00 s: PASS")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pandas_honours_equal_the_engine_on_other_seeds(seed: int) -> None:
    import numpy as np
    from benchmarks.bench_honours import HONOURS, make_history, pandas_honours

    from thidua.honours import eligibility, load_catalogue
    from thidua.periods import Period

    history, raw = make_history(8_000, seed=seed)
    theirs = pandas_honours(raw)
    for code in HONOURS:
        result = eligibility(history, load_catalogue(), code, Period.year(2024))
        ours = np.sort(result.codes[result.eligible])
        assert np.array_equal(ours, theirs[code]), code
        assert ours.size > 0, code  # every rule has eligible people in the sample


def test_honours_national_suite_quick_agrees_with_pandas(tmp_path: Path) -> None:
    results = benchmarks.run(
        ["honours-national"], quick=True, out_dir=tmp_path, stream=io.StringIO()
    )
    by_name = {r.name: r for r in results}
    ratio = by_name["  propose_all / pandas"]
    assert ratio.extra["same"] is True, ratio.note
    assert by_name["  TLD bonus_paid"].extra["same_total"] is True
    assert by_name["  thidua: history → totals"].extra["verdict"] == "PASS"
    cut = next(r for r in results if r.name.startswith("propose_all(CSTDCS"))
    assert cut.note.startswith("stage peak")
