"""Roll-up benchmarks at national size (150,000 grassroots unions, 20 indicators).

Each engine measure is compared, in the same process, with a baseline
written here:

1. **core**: the engine's accumulation over a prepared snapshot (structure
   built inside the timing) against a ``scipy.sparse`` ancestor matrix built
   from ``parent_array()`` *inside its timing* and multiplied by the
   units × indicators matrix — target ≤ 1.5× the baseline;
2. **end to end**: a 3,000,000-row long pandas DataFrame (unit, indicator,
   period, value; the 4 quarters of 2024; 20 sum and stock indicators) to a
   :class:`~thidua.rollup.RollUp`, against a pandas pipeline (latest quarter
   per unit for stocks, merge with a unit → ancestor table, groupby-sum) —
   target: faster than pandas;
3. **restated** across the 2025 reorganisation (onto 01/01/2026) — target
   ≤ 2× the as-was roll-up;
4. **memory**: the peak resident set size of the end-to-end run, measured in
   a child process so that nothing else counts — target < 2 GiB.

Run it alone with ``python -m benchmarks.bench_rollup [--quick]``, or as the
``rollup`` suite of ``python -m benchmarks`` once registered in ``SUITES``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from typing import Any

import numpy as np
import pandas as pd
import pendulum

from benchmarks._harness import Bench, format_seconds, peak_rss_mb
from thidua import Hierarchy, Snapshot
from thidua.datasets.national import national_history
from thidua.figures import BUILTIN_INDICATORS, Aggregation, Figures, Indicator, IndicatorCatalogue
from thidua.periods import Period, parse_period
from thidua.rollup import RollUp, roll_up
from thidua.rollup._closure import Closure, Forest

NAME = "rollup"
FULL: dict[str, Any] = {"grassroots": 150_000, "rows": 3_000_000}
QUICK: dict[str, Any] = {"grassroots": 2_000, "direct_superiors": 40, "rows": 40_000}
N_INDICATORS = 20
CORE_TARGET = 1.5
RESTATED_TARGET = 2.0
MEMORY_TARGET_MIB = 2048.0
YEAR = Period.year(2024)
DAY = pendulum.Date(2024, 12, 31)


def catalogue() -> tuple[IndicatorCatalogue, tuple[str, ...]]:
    """The built-in catalogue plus sums to reach 20 sum/stock indicators, and their codes."""
    base = [
        i.code for i in BUILTIN_INDICATORS if i.aggregation in (Aggregation.SUM, Aggregation.STOCK)
    ]
    extra = [
        Indicator(code=f"bench_sum_{k}", name=f"Chỉ tiêu thử {k}", aggregation=Aggregation.SUM)
        for k in range(max(0, N_INDICATORS - len(base)))
    ]
    cat = BUILTIN_INDICATORS.extend(extra)
    return cat, tuple([*base, *(i.code for i in extra)][:N_INDICATORS])


def grassroots_of_2024(h: Hierarchy) -> np.ndarray:
    """Index of the grassroots unions alive for the whole of 2024."""
    start, end = pendulum.Date(2024, 1, 1), DAY
    return np.asarray(
        [
            i
            for i, u in enumerate(h)
            if u.kind == "grassroots" and u.alive_on(start) and u.alive_on(end)
        ],
        dtype=np.int64,
    )


def long_frame(h: Hierarchy, codes: tuple[str, ...], rows: int, seed: int = 0) -> pd.DataFrame:
    """*rows* distinct (unit, indicator, quarter) figures of grassroots unions, text columns."""
    rng = np.random.default_rng(seed)
    units = grassroots_of_2024(h)
    quarters = [str(q) for q in YEAR.quarters()]
    space = units.size * len(codes) * len(quarters)
    pick = rng.choice(space, size=min(rows, space), replace=False)
    per_unit = len(codes) * len(quarters)
    ids = np.asarray(h.ids, dtype=object)
    return pd.DataFrame(
        {
            "unit": ids[units[pick // per_unit]],
            "indicator": np.asarray(codes, dtype=object)[(pick // len(quarters)) % len(codes)],
            "period": np.asarray(quarters, dtype=object)[pick % len(quarters)],
            "value": rng.integers(0, 500, pick.size).astype(np.float64),
        }
    )


def figures_of(df: pd.DataFrame, cat: IndicatorCatalogue) -> Figures:
    """The frame as a figure store: ``figures_from_pandas`` when available, else factorize."""
    import thidua.figures as tf

    reader = getattr(tf, "figures_from_pandas", None)
    if reader is not None:
        result = reader(df, catalogue=cat)
        return result.figures  # type: ignore[no-any-return]
    unit_codes, units = pd.factorize(df["unit"])
    ind_codes, inds = pd.factorize(df["indicator"])
    per_codes, pers = pd.factorize(df["period"])
    return Figures(
        unit_codes=unit_codes.astype(np.int32),
        units=tuple(units),
        indicator_codes=ind_codes.astype(np.int32),
        indicators=tuple(inds),
        period_codes=per_codes.astype(np.int32),
        periods=tuple(parse_period(p) for p in pers),
        values=df["value"].to_numpy(dtype=np.float64),
    )


def ancestor_pairs(snapshot: Snapshot) -> tuple[np.ndarray, np.ndarray]:
    """(unit, ancestor-or-self) index pairs by pointer walking the admin parent array."""
    parent, mask = snapshot.parent_array(), snapshot.mask()
    nodes = np.flatnonzero(mask)
    desc, anc = [nodes], [nodes]
    d, a = nodes, nodes
    while True:
        up = parent[a]
        keep = up >= 0
        d, a = d[keep], up[keep]
        if d.size == 0:
            break
        desc.append(d)
        anc.append(a)
    return np.concatenate(desc), np.concatenate(anc)


def sparse_baseline(snapshot: Snapshot, values: np.ndarray) -> np.ndarray:
    """Ancestor matrix (scipy.sparse, built here) times the units × indicators matrix."""
    import scipy.sparse as sp

    n = values.shape[0]
    desc, anc = ancestor_pairs(snapshot)
    matrix = sp.csr_matrix((np.ones(desc.size), (anc, desc)), shape=(n, n))
    return np.asarray(matrix @ values)


def pandas_pipeline(df: pd.DataFrame, h: Hierarchy, stocks: frozenset[str]) -> pd.Series:
    """The pandas way: latest quarter for stocks, merge with unit → ancestor, groupby-sum."""
    snapshot = h.as_of(DAY)
    desc, anc = ancestor_pairs(snapshot)
    ids = np.asarray(h.ids, dtype=object)
    table = pd.DataFrame({"unit": ids[desc], "ancestor": ids[anc]})
    is_stock = df["indicator"].isin(stocks)
    latest = df[is_stock].sort_values("period").drop_duplicates(["unit", "indicator"], keep="last")
    rows = pd.concat([df[~is_stock], latest], ignore_index=True)
    own = rows.groupby(["unit", "indicator"], as_index=False, sort=False)["value"].sum()
    merged = own.merge(table, on="unit")
    totals: pd.Series = merged.groupby(["ancestor", "indicator"])["value"].sum()
    return totals


def _ratio(bench: Bench, name: str, ours: float, theirs: float, target: float, better: str) -> None:
    ratio = ours / theirs
    ok = ratio <= target
    bench.info(
        name,
        f"{format_seconds(ours)} / {format_seconds(theirs)} = {ratio:.2f}x ({better}; target "
        f"<= {target:g}x: {'PASS' if ok else 'FAIL'})",
        ratio=round(ratio, 3),
    )


def _best(bench: Bench) -> float:
    best = bench.results[-1].best_s
    assert best is not None
    return best


def _core(
    bench: Bench, h: Hierarchy, figs: Figures, cat: IndicatorCatalogue, codes: tuple[str, ...]
) -> None:
    import scipy.sparse  # noqa: F401  (imported before the timings)

    snapshot = h.as_of(DAY)
    snapshot.parent_array()
    snapshot.depth_array()
    n = len(h)
    rng = np.random.default_rng(1)
    values = np.zeros((n, len(codes)))
    units = grassroots_of_2024(h)
    values[units] = rng.integers(0, 500, (units.size, len(codes)))
    ours = bench.measure(
        "core: Forest(snapshot).reduce [engine]", lambda: Forest(snapshot).reduce(values, "add")
    )
    t_ours = _best(bench)
    theirs = bench.measure(
        "core: scipy ancestors @ values [baseline]", lambda: sparse_baseline(snapshot, values)
    )
    t_theirs = _best(bench)
    mask = snapshot.mask()
    same = bool(np.allclose(ours[mask], theirs[mask]))
    bench.info("  core results equal", str(same))
    _ratio(
        bench, "  core ratio engine / baseline", t_ours, t_theirs, CORE_TARGET, "lower is better"
    )
    both = ("admin", "guidance")
    closure = bench.measure(
        "core: Closure(admin+guidance).reduce (info)",
        lambda: Closure(snapshot, both).reduce(values, "add"),
        note=lambda _: "de-duplicated (descendant, ancestor) pairs, 5 % second parents",
    )
    del closure
    bench.measure(
        "roll_up, figures loaded, as-was, admin",
        lambda: roll_up(h, figs, YEAR, catalogue=cat),
        note=lambda r: f"{len(r.units):,} units x {len(r.indicators)} indicators",
    )
    bench.measure(
        "roll_up, figures loaded, admin+guidance",
        lambda: roll_up(h, figs, YEAR, catalogue=cat, relation=both),
    )


def _end_to_end(
    bench: Bench,
    h: Hierarchy,
    df: pd.DataFrame,
    cat: IndicatorCatalogue,
    codes: tuple[str, ...],
    heavy: int,
) -> Figures:
    def engine() -> tuple[Figures, RollUp]:
        figs = figures_of(df, cat)
        return figs, roll_up(h, figs, YEAR, catalogue=cat)

    figs, result = bench.measure(
        "e2e: DataFrame -> Figures -> roll_up [engine]", engine, repeat=heavy
    )
    t_ours = _best(bench)
    stocks = frozenset(c for c in codes if cat[c].aggregation is Aggregation.STOCK)
    series = bench.measure(
        "e2e: pandas merge + groupby [baseline]",
        lambda: pandas_pipeline(df, h, stocks),
        repeat=heavy,
    )
    t_theirs = _best(bench)
    mismatches = 0
    for key, value in series.items():
        unit, code = (str(k) for k in key)  # type: ignore[attr-defined]
        if unit in result and abs(result.value(unit, code) - value) > 1e-6:
            mismatches += 1
    bench.info("  end-to-end totals equal", f"{len(series):,} totals compared, {mismatches} differ")
    _ratio(bench, "  end-to-end ratio engine / pandas", t_ours, t_theirs, 1.0, "below 1 = faster")
    return figs


def _restated(bench: Bench, h: Hierarchy, figs: Figures, cat: IndicatorCatalogue) -> None:
    bench.measure("roll_up as-was (same figures)", lambda: roll_up(h, figs, YEAR, catalogue=cat))
    t_was = _best(bench)
    result = bench.measure(
        "roll_up restated onto 2026-01-01",
        lambda: roll_up(h, figs, YEAR, catalogue=cat, basis="restated", restate_to="2026-01-01"),
        note=lambda r: f"{len(r.problems):,} F014 warnings (units dissolved without successor)",
    )
    del result
    _ratio(bench, "  restated / as-was", _best(bench), t_was, RESTATED_TARGET, "lower is better")


def own_peak_mib() -> float:
    """The peak RSS of this process image, in MiB.

    On Linux ``VmHWM`` of ``/proc/self/status``: unlike ``ru_maxrss``, it is
    not inherited from the parent's memory when a child is spawned.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


def memory_child(quick: bool) -> dict[str, float]:
    """In this (child) process: the end-to-end run and the peak RSS after each stage, in MiB."""
    size = QUICK if quick else FULL
    stages: dict[str, float] = {"imports": own_peak_mib()}
    h = Hierarchy(national_history(**{k: v for k, v in size.items() if k != "rows"}))
    stages["hierarchy"] = own_peak_mib()
    cat, codes = catalogue()
    df = long_frame(h, codes, size["rows"])
    stages["dataframe"] = own_peak_mib()
    start = time.perf_counter()
    figs = figures_of(df, cat)
    stages["figures"] = own_peak_mib()
    roll_up(h, figs, YEAR, catalogue=cat)
    stages["seconds"] = time.perf_counter() - start
    stages["peak"] = own_peak_mib()
    return stages


def _memory(bench: Bench, quick: bool) -> None:
    cmd = [sys.executable, "-m", "benchmarks.bench_rollup", "--memory-child"] + (
        ["--quick"] if quick else []
    )
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        bench.skip("e2e peak RSS (child process)", done.stderr.strip().splitlines()[-1])
        return
    stages = json.loads(done.stdout.strip().splitlines()[-1])
    peak = stages["peak"]
    detail = ", ".join(f"{k} {v:,.0f}" for k, v in stages.items() if k not in ("peak", "seconds"))
    detail += f"; end-to-end {format_seconds(stages['seconds'])}"
    bench.info(
        "e2e peak RSS (child process)",
        f"{peak:,.0f} MiB (target < {MEMORY_TARGET_MIB:,.0f}: "
        f"{'PASS' if peak < MEMORY_TARGET_MIB else 'FAIL'}); after {detail}",
        peak_mib=peak,
    )


def run(bench: Bench, *, quick: bool = False) -> None:
    """Run the roll-up benchmarks into *bench* (``quick``: 2,000 grassroots, 40,000 rows)."""
    size = QUICK if quick else FULL
    heavy = 1 if quick else min(bench.repeat, 3)
    h = Hierarchy(national_history(**{k: v for k, v in size.items() if k != "rows"}))
    cat, codes = catalogue()
    df = bench.measure(
        "build the long DataFrame (untimed setup)",
        lambda: long_frame(h, codes, size["rows"]),
        repeat=1,
        note=lambda d: f"{len(d):,} rows, {d['unit'].nunique():,} units, {len(codes)} indicators",
    )
    figs = _end_to_end(bench, h, df, cat, codes, heavy)
    _core(bench, h, figs, cat, codes)
    _restated(bench, h, figs, cat)
    _memory(bench, quick)
    bench.info("peak RSS (process)", f"{peak_rss_mb():,.0f} MiB")


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.bench_rollup [--quick] [--repeat N]``: run this suite alone."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_rollup", description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=None)
    parser.add_argument("--memory-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        print(json.dumps(memory_child(args.quick)))
        return 0
    from benchmarks._harness import header

    print(header())
    bench = Bench(NAME, repeat=args.repeat or (2 if args.quick else 5), stream=sys.stdout)
    run(bench, quick=args.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
