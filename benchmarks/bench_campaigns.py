"""Campaign evaluation at national size: 150,000 pledging units and 500,000 works.

A national campaign of TLĐ (01/05–30/09/2024, scope: the whole tree) on the
synthetic national history: every grassroots union alive on the start date
pledges new members (plan 1–20), and 500,000 works are spread over the
grassroots and direct-superior unions (statuses and completion dates at
random, 1 % flagship).  Each grassroots union reports its new members for
June 2024 (90 % of them), and 1 % others for the second quarter, which only
overlaps the campaign and is left out with a warning.

Measures, in the same process:

1. :func:`thidua.campaigns.evaluate_campaign` — the roll-up of the pledged
   indicator over the window and every count per unit of the structure
   (checks already run and kept with the workspace);
2. the same with the workspace checks included (the first evaluation), and
   the checks alone; ``check_campaigns`` on its own (the checks of the
   columns) and the reference checks of one record per row, which must give
   the same problems;
3. a pandas implementation of the same counts (unit → ancestor table by
   pointer walking inside its timing, figures summed per ancestor, pledge
   states, works and pledgers per ancestor with ``merge`` + ``groupby``),
   and a comparison of its numbers with the report's.

Run it alone with ``python -m benchmarks.bench_campaigns [--quick]``.
"""

from __future__ import annotations

import argparse
from typing import Any

import attrs
import numpy as np
import pandas as pd
import pendulum

from benchmarks._harness import Bench, format_seconds
from thidua.campaigns import check_campaigns, evaluate_campaign
from thidua.campaigns._checks import _check_campaigns_by_record
from thidua.campaigns._evaluate import checked_problems
from thidua.campaigns._examples import tables
from thidua.datasets.national import national_history
from thidua.figures import Figures
from thidua.hierarchy import Hierarchy
from thidua.workspace import Workspace

NAME = "campaigns"
FULL: dict[str, Any] = {"grassroots": 150_000, "works": 500_000}
QUICK: dict[str, Any] = {"grassroots": 2_000, "direct_superiors": 40, "works": 6_000}
START, END = pendulum.Date(2024, 5, 1), pendulum.Date(2024, 9, 30)


def build(size: dict[str, Any], seed: int = 0) -> tuple[Workspace, int]:
    """The national workspace with the campaign, its pledges and works; and the pledger count."""
    dims = {k: v for k, v in size.items() if k != "works"}
    dataset = national_history(**dims)
    h = Hierarchy(dataset)
    snap = h.as_of(START)
    kinds = np.asarray(h.unit_columns().kind, dtype=object)
    alive_end = h.as_of(END).mask()
    alive = snap.mask() & alive_end
    grassroots = np.flatnonzero(alive & (kinds == "grassroots"))
    superiors = np.flatnonzero(alive & np.isin(kinds, ["district", "local_sector", "corporation"]))
    rng = np.random.default_rng(seed)
    ids = np.asarray(h.ids, dtype=object)
    plans = rng.integers(1, 21, grassroots.size)
    pledges = [
        {
            "id": f"P{k}",
            "campaign": "NC",
            "pledger": ids[u],
            "indicator": "new_members",
            "plan": str(int(p)),
            "registered_on": "2024-05-10",
        }
        for k, (u, p) in enumerate(zip(grassroots.tolist(), plans.tolist(), strict=True))
    ]
    n_works = int(size["works"])
    pool = np.concatenate([grassroots, superiors])
    owners = pool[rng.integers(0, pool.size, n_works)]
    status = rng.choice(
        ["registered", "in_progress", "completed", "cancelled"], n_works, p=[0.1, 0.2, 0.6, 0.1]
    )
    done_day = rng.integers(0, 150, n_works)
    flagship = (rng.random(n_works) < 0.01) & (status == "completed")
    works = [
        {
            "id": f"W{k}",
            "campaign": "NC",
            "pledger": ids[u],
            "registered_on": "2024-05-15",
            "status": s,
            "completed_on": START.add(days=int(d)).isoformat() if s == "completed" else "",
            "flagship": "yes" if f else "",
        }
        for k, (u, s, d, f) in enumerate(
            zip(owners.tolist(), status.tolist(), done_day.tolist(), flagship.tolist(), strict=True)
        )
    ]
    draw = rng.random(grassroots.size)
    reporting = grassroots[draw < 0.9]
    # Others (no unit reports overlapping periods), alive for the whole quarter.
    april = h.as_of(pendulum.Date(2024, 4, 1)).mask()
    overlap = grassroots[(draw > 0.99) & april[grassroots]]
    values = rng.integers(0, 30, reporting.size).astype(np.float64)
    unit_list = [*ids[reporting].tolist(), *ids[overlap].tolist()]
    figures = Figures.from_columns(
        unit=unit_list,
        indicator=["new_members"] * len(unit_list),
        period=["2024-06"] * reporting.size + ["2024-Q2"] * overlap.size,
        value=[*values.tolist(), *([1.0] * overlap.size)],
    )
    campaigns = [
        {
            "id": "NC",
            "name": "Thi đua cao điểm toàn quốc 2024",
            "kind": "thematic",
            "launched_by": "TLD",
            "document": "100/KH-TLĐ",
            "issued_on": "2024-04-20",
            "start": START.isoformat(),
            "end": END.isoformat(),
            "scope": "TLD",
        },
    ]
    ws = Workspace(
        dataset=dataset,
        figures=figures,
        tables=tables({"campaigns": campaigns, "pledges": pledges, "works": works}),
    )
    return ws, int(grassroots.size)


def _frame(ws: Workspace, name: str) -> pd.DataFrame:
    """A table as a DataFrame of text columns (column by column, as pandas would read it)."""
    table = ws.table(name)
    return pd.DataFrame({f: table.text(f) for f in table.present})


def frames(ws: Workspace) -> dict[str, pd.DataFrame]:
    """The pledges and works as DataFrames, typed as pandas would read them (built untimed)."""
    pledges = _frame(ws, "pledges")
    pledges["plan"] = pledges["plan"].astype(float)
    works = _frame(ws, "works")
    f = ws.figures
    figures = pd.DataFrame(
        {
            "unit": np.asarray(f.units, dtype=object)[f.unit_codes],
            "period": np.asarray([str(p) for p in f.periods], dtype=object)[f.period_codes],
            "value": f.values,
        }
    )
    return {"pledges": pledges, "works": works, "figures": figures}


def pandas_counts(ws: Workspace, data: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The same counts with pandas: per unit on the last day, in scope, pledgers, states, works.

    The unit → ancestor table is built inside the timing (as the engine builds its
    structure); the tables are DataFrames already (as the engine's parsed columns are
    kept with the workspace).
    """
    h = ws.hierarchy
    snap = h.as_of(END)
    parent, mask = snap.parent_array(), snap.mask()
    nodes = np.flatnonzero(mask)
    desc, anc = [nodes], [nodes]
    d, a = nodes, nodes
    while True:
        up = parent[a]
        keep = up >= 0
        d, a = d[keep], up[keep]
        if not d.size:
            break
        desc.append(d)
        anc.append(a)
    ids = np.asarray(h.ids, dtype=object)
    pairs = pd.DataFrame({"unit": ids[np.concatenate(desc)], "ancestor": ids[np.concatenate(anc)]})
    start_snap = h.as_of(START)
    scope = pd.DataFrame({"unit": ids[np.flatnonzero(start_snap.mask() & mask)]})
    fig = data["figures"]
    fig = fig[fig["period"] == "2024-06"]
    totals = fig.merge(pairs, on="unit").groupby("ancestor")["value"].sum().rename("actual")
    pledges = data["pledges"].merge(totals, left_on="pledger", right_index=True, how="left")
    pledges["state"] = np.where(
        pledges["actual"].isna(),
        "no_data",
        np.where(pledges["actual"] >= pledges["plan"], "reached", "not_reached"),
    )
    works = data["works"].copy()
    works["completed"] = (works["status"] == "completed") & (
        works["completed_on"] <= END.isoformat()
    )
    works["cancelled"] = works["status"] == "cancelled"
    works["flagship"] = works["flagship"] == "yes"
    busy = pd.concat(
        [pledges["pledger"], works.loc[~works["cancelled"], "pledger"]], ignore_index=True
    ).drop_duplicates()
    scope = scope.merge(pd.DataFrame({"unit": busy, "busy": True}), on="unit", how="left")
    scope["busy"] = scope["busy"].fillna(value=False).astype(bool)
    s = (
        scope.merge(pairs, on="unit")
        .groupby("ancestor")
        .agg(in_scope=("unit", "size"), pledgers=("busy", "sum"))
    )
    st = (
        pledges.merge(pairs, left_on="pledger", right_on="unit")
        .groupby(["ancestor", "state"])
        .size()
        .unstack(fill_value=0)
    )
    w = (
        works.merge(pairs, left_on="pledger", right_on="unit")
        .groupby("ancestor")
        .agg(
            works_registered=("id", "size"),
            works_completed=("completed", "sum"),
            works_cancelled=("cancelled", "sum"),
            works_flagship=("flagship", "sum"),
        )
    )
    out = s.join(st.add_prefix("pledges_"), how="left").join(w, how="left")
    return out.fillna(0).astype(np.int64)


def agree(report_frame: pd.DataFrame, baseline: pd.DataFrame) -> bool:
    """Whether the report's counts equal the pandas counts on every shared column."""
    mine = report_frame.set_index("unit")
    cols = [c for c in baseline.columns if c in mine.columns]
    joined = (
        baseline[cols]
        .merge(mine[cols], left_index=True, right_index=True, how="outer", suffixes=("", "_r"))
        .fillna(0)
    )
    return bool(all((joined[c] == joined[f"{c}_r"]).all() for c in cols))


def run(bench: Bench, *, quick: bool = False) -> None:
    """Run the campaign measures into *bench*."""
    size = QUICK if quick else FULL
    ws, pledgers = build(size)
    bench.info(
        "national campaign",
        f"{pledgers:,} pledging units, {len(ws.table('works')):,} works, "
        f"{len(ws.figures):,} figures",
    )

    def fresh() -> Workspace:
        return attrs.evolve(ws)

    bench.measure_with(
        "evaluate_campaign (checks included)",
        lambda w: evaluate_campaign(w, "NC"),
        fresh,
        repeat=1 if quick else 2,
    )
    bench.measure_with(
        "  the checks alone (figures, campaigns, contests)",
        checked_problems,
        fresh,
        repeat=1 if quick else 2,
    )

    def indexed() -> Workspace:
        w = fresh()
        w.hierarchy  # noqa: B018 - the index is built outside the timing
        return w

    checks = bench.measure_with(
        "  check_campaigns (on the columns)", check_campaigns, indexed, repeat=1 if quick else 3
    )
    records = bench.measure_with(
        "  check_campaigns (one record per row, as before)",
        _check_campaigns_by_record,
        indexed,
        repeat=1,
    )
    bench.info(
        "column checks = record checks",
        str(list(checks) == list(records)),
    )
    ws.hierarchy  # noqa: B018 - build the index once, outside the timings
    evaluate_campaign(ws, "NC")
    report = bench.measure("evaluate_campaign (checks kept)", lambda: evaluate_campaign(ws, "NC"))
    data = frames(ws)
    baseline = bench.measure("pandas: the same counts", lambda: pandas_counts(ws, data))
    engine = min(
        r.best_s
        for r in bench.results
        if r.name == "evaluate_campaign (checks kept)" and r.best_s is not None
    )
    base = min(
        r.best_s
        for r in bench.results
        if r.name == "pandas: the same counts" and r.best_s is not None
    )
    bench.info(
        "engine / pandas",
        f"{engine / base:.2f}× ({format_seconds(engine)} vs {format_seconds(base)}); "
        f"counts agree: {agree(report.to_pandas(), baseline)}",
        ratio=engine / base,
    )


def main() -> None:
    """``python -m benchmarks.bench_campaigns [--quick]``."""
    import sys

    from benchmarks._harness import header

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(header())
    run(Bench(NAME, repeat=2 if args.quick else 3, stream=sys.stdout), quick=args.quick)


if __name__ == "__main__":
    main()
