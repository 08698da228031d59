"""The pandas baseline of ``thidua rollup DIR --period 2024`` for additive indicators.

``python benchmarks/baseline_pandas.py DIR [--period 2024] [--day 2024-12-31] [--out FILE]``
reads ``links.csv`` and ``figures.csv`` of a dataset directory, keeps the
admin links valid on *day* (half-open ``[valid_from, valid_to)``, empty =
open), sums the own figures of *period* per unit and indicator, and rolls
them up level by level (the sums per parent, repeated until no parent is
left).  It prints, or writes to *FILE*, ``unit,indicator,value`` for every
unit a figure reached: the totals ``thidua rollup`` gives for sum and stock
indicators when each unit reports one figure per indicator for the period.

It is what a user would write with pandas in twenty lines: no checks, no
coverage, no names.  ``bench_cli`` times it as a whole process beside
``thidua rollup`` and compares the totals.
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd


def roll_up(directory: str, period: str, day: str) -> pd.Series:
    """Totals per (unit, indicator): own figures of *period* summed up the admin links of *day*."""
    links = pd.read_csv(f"{directory}/links.csv", dtype=str, keep_default_na=False)
    valid = (
        links["relation"].isin(["admin", ""])
        & ((links["valid_from"] == "") | (links["valid_from"] <= day))
        & ((links["valid_to"] == "") | (links["valid_to"] > day))
    )
    parent = links[valid].set_index("child")["parent"]
    figures = pd.read_csv(
        f"{directory}/figures.csv",
        usecols=["unit", "indicator", "period", "value", "scope"],
        dtype={"unit": str, "indicator": str, "period": str, "value": float, "scope": str},
    )
    own = figures[(figures["period"] == period) & (figures["scope"].fillna("own") == "own")]
    level = own.groupby(["unit", "indicator"])["value"].sum()
    totals = [level]
    while not level.empty:
        up = parent.reindex(level.index.get_level_values("unit")).to_numpy()
        keep = pd.notna(up)
        codes = level.index.get_level_values("indicator")[keep]
        level = level[keep].groupby([up[keep], codes]).sum().rename_axis(["unit", "indicator"])
        totals.append(level)
    result: pd.Series = pd.concat(totals).groupby(level=["unit", "indicator"]).sum()
    return result


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, roll up, write ``unit,indicator,value``."""
    parser = argparse.ArgumentParser(prog="baseline_pandas.py", description=__doc__)
    parser.add_argument("directory")
    parser.add_argument("--period", default="2024")
    parser.add_argument("--day", default="2024-12-31", help="the structure's day (ISO)")
    parser.add_argument("--out", default=None, help="CSV file (default: standard output)")
    args = parser.parse_args(argv)
    totals = roll_up(args.directory, args.period, args.day)
    totals.to_csv(args.out if args.out is not None else sys.stdout, header=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
