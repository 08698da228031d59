"""The national dataset as a CSV directory, the way a user hands it to ``thidua``.

:func:`national_dir` writes, once per size and seed, a directory that the
command line reads as is::

    units.csv  links.csv  events.csv  groups.csv  group_members.csv  metadata.csv
    indicators.csv   (the 3 benchmark indicators beyond the built-in catalogue)
    figures.csv      (about 3,000,000 rows at full size)

The hierarchy is :func:`thidua.datasets.national.national_history` plus
emulation clusters of the provincial federations (before and after the
reorganisation of 01/07/2025, one leader per cluster in 2024).  The figures
are own figures of the grassroots unions alive for the whole of 2024: every
one of them reports the 20 additive (sum or stock) indicators of
:data:`INDICATORS` for the year ``2024``; one in :data:`OTHER_EVERY` also
reports them for ``2025-Q1`` and ``2025-Q2`` (periods a 2024 roll-up must
leave out).  Values are whole numbers in ``1..499``: every reader parses
them alike, and no ratio has a zero denominator.

Every file is written by the library (:func:`thidua.io.write_csv_dir`,
:func:`thidua.figures.write_figures_csv`,
:func:`thidua.figures.write_indicators_csv`).  The directory lives
under ``benchmarks/results/`` (git-ignored), named by size and seed, and is
reused by later runs: a ``manifest.json`` written last marks it complete and
records the row counts.

Run ``python -m benchmarks.national_csv [--grassroots N] [--seed S]`` to
build it and print its path.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import attrs
import numpy as np
import pendulum

from benchmarks._harness import RESULTS_DIR
from thidua.datasets.national import national_history
from thidua.figures import (
    BUILTIN_INDICATORS,
    Aggregation,
    Figures,
    Indicator,
    IndicatorCatalogue,
    write_figures_csv,
    write_indicators_csv,
)
from thidua.hierarchy import Dataset, Group, GroupKind, GroupMember, Role, Unit
from thidua.io import write_csv_dir
from thidua.periods import Period

__all__ = [
    "FULL_GRASSROOTS",
    "INDICATORS",
    "QUICK_GRASSROOTS",
    "NationalDir",
    "national_dir",
]

FULL_GRASSROOTS = 150_000
QUICK_GRASSROOTS = 1_500
FORMAT_VERSION = 2
"""Bump when the layout changes, so that cached directories are rebuilt."""
OTHER_EVERY = 50
REORG = pendulum.Date(2025, 7, 1)
YEAR = Period.year(2024)
OTHER_PERIODS = (Period.quarter(2025, 1), Period.quarter(2025, 2))
N_INDICATORS = 20
CLUSTERS_BEFORE = 7
CLUSTERS_AFTER = 4


def _indicators() -> tuple[tuple[str, ...], tuple[Indicator, ...]]:
    """The 20 additive codes: the built-in sums and stocks, then benchmark sums."""
    base = [
        i.code for i in BUILTIN_INDICATORS if i.aggregation in (Aggregation.SUM, Aggregation.STOCK)
    ]
    extra = tuple(
        Indicator(code=f"bench_sum_{k}", name=f"Chỉ tiêu thử {k}", aggregation=Aggregation.SUM)
        for k in range(max(0, N_INDICATORS - len(base)))
    )
    return (*base, *(i.code for i in extra))[:N_INDICATORS], extra


INDICATORS, EXTRA_INDICATORS = _indicators()
"""The codes every grassroots union reports, and those ``indicators.csv`` declares."""


@dataclass(frozen=True)
class NationalDir:
    """A written national directory and what it holds."""

    path: Path
    grassroots: int
    seed: int
    counts: dict[str, int]
    built_s: float | None
    """Seconds spent writing it in this run (``None``: reused from the cache)."""


def _alive_through(unit: Unit, start: pendulum.Date, end: pendulum.Date) -> bool:
    """Whether *unit* exists on every day of ``[start, end)``."""
    return (unit.founded is None or unit.founded <= start) and (
        unit.dissolved is None or unit.dissolved >= end
    )


def _clusters(ds: Dataset) -> tuple[list[Group], list[GroupMember]]:
    """Emulation clusters of the provincial federations, before and after 01/07/2025."""
    provincial = [u for u in ds.units if u.kind == "provincial"]
    groups: list[Group] = []
    members: list[GroupMember] = []
    phases = (
        ("CB", CLUSTERS_BEFORE, [u for u in provincial if u.founded is None], None, REORG),
        ("CA", CLUSTERS_AFTER, [u for u in provincial if u.dissolved is None], REORG, None),
    )
    for prefix, count, units, start, end in phases:
        for k in range(count):
            gid = f"{prefix}{k + 1}"
            label = "trước" if end is not None else "từ"
            groups.append(
                Group(
                    id=gid,
                    name=f"Cụm thi đua số {k + 1} ({label} 01/7/2025)",
                    kind=GroupKind.CLUSTER,
                    owner="TLD",
                )
            )
            mine = units[k::count]
            members.extend(
                GroupMember(group=gid, unit=u.id, valid_from=start, valid_to=end) for u in mine
            )
            if end is not None and mine:
                members.append(
                    GroupMember(
                        group=gid,
                        unit=mine[0].id,
                        valid_from=pendulum.Date(2024, 1, 1),
                        valid_to=pendulum.Date(2025, 1, 1),
                        role=Role.LEADER,
                    )
                )
    return groups, members


def _figures(ds: Dataset, seed: int) -> Figures:
    """Own figures: every grassroots union of the whole of 2024, × 20 indicators × periods."""
    jan, next_jan = pendulum.Date(2024, 1, 1), pendulum.Date(2025, 1, 1)
    year_units = [
        u.id for u in ds.units if u.kind == "grassroots" and _alive_through(u, jan, next_jan)
    ]
    other_units = [
        u.id
        for u in ds.units
        if u.kind == "grassroots" and _alive_through(u, pendulum.Date(2025, 1, 1), REORG)
    ][::OTHER_EVERY]
    units = tuple(dict.fromkeys([*year_units, *other_units]))
    position = {uid: i for i, uid in enumerate(units)}
    k = len(INDICATORS)
    blocks = [(np.arange(len(year_units), dtype=np.int32), 0)]
    other = np.asarray([position[u] for u in other_units], dtype=np.int32)
    blocks.extend((other, p + 1) for p in range(len(OTHER_PERIODS)))
    unit_codes = np.concatenate([np.repeat(b, k) for b, _ in blocks])
    indicator_codes = np.concatenate(
        [np.tile(np.arange(k, dtype=np.int32), b.size) for b, _ in blocks]
    )
    period_codes = np.concatenate([np.full(b.size * k, p, dtype=np.int32) for b, p in blocks])
    rng = np.random.default_rng(seed)
    values = rng.integers(1, 500, unit_codes.size).astype(np.float64)
    return Figures(
        unit_codes=unit_codes,
        units=units,
        indicator_codes=indicator_codes,
        indicators=INDICATORS,
        period_codes=period_codes,
        periods=(YEAR, *OTHER_PERIODS),
        values=values,
    )


def _count_rows(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle) - 1


def write_national_dir(path: Path, *, grassroots: int, seed: int = 0) -> dict[str, int]:
    """Write the national directory into *path* (replaced); return rows per file."""
    if path.exists():
        shutil.rmtree(path)
    size: dict[str, int] = {"grassroots": grassroots, "seed": seed}
    if grassroots < 10_000:  # keep the small sizes' proportions sensible
        size["direct_superiors"] = max(10, grassroots // 50)
    ds = national_history(**size)
    groups, members = _clusters(ds)
    ds = attrs.evolve(ds, groups=groups, members=members)
    write_csv_dir(ds, path)
    write_indicators_csv(IndicatorCatalogue(EXTRA_INDICATORS), path / "indicators.csv")
    write_figures_csv(_figures(ds, seed), path / "figures.csv")
    counts = {p.name: _count_rows(p) for p in sorted(path.glob("*.csv"))}
    manifest = {"format": FORMAT_VERSION, "grassroots": grassroots, "seed": seed, "rows": counts}
    (path / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return counts


def national_dir(
    grassroots: int = FULL_GRASSROOTS, *, seed: int = 0, root: Path | None = None
) -> NationalDir:
    """The national CSV directory of this size and seed, written unless already cached.

    Args:
        grassroots: grassroots unions (150,000 for the national size).
        seed: the generator's seed.
        root: where the cached directories live (default ``benchmarks/results``).
    """
    base = RESULTS_DIR if root is None else root
    path = base / f"national-csv-v{FORMAT_VERSION}-g{grassroots}-s{seed}"
    manifest = path / "manifest.json"
    if manifest.is_file():
        stored = json.loads(manifest.read_text(encoding="utf-8"))
        if stored.get("format") == FORMAT_VERSION:
            return NationalDir(path, grassroots, seed, dict(stored["rows"]), None)
    start = time.perf_counter()
    counts = write_national_dir(path, grassroots=grassroots, seed=seed)
    return NationalDir(path, grassroots, seed, counts, time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.national_csv``: build (or find) the directory, print its path."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.national_csv", description=__doc__)
    parser.add_argument("--grassroots", type=int, default=FULL_GRASSROOTS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--root", type=Path, default=None, help="cache directory")
    args = parser.parse_args(argv)
    made = national_dir(args.grassroots, seed=args.seed, root=args.root)
    built = "reused" if made.built_s is None else f"written in {made.built_s:.1f} s"
    rows = ", ".join(f"{name} {n:,}" for name, n in made.counts.items())
    print(f"{made.path} ({built}; rows: {rows})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
