"""Honours at national scale: a federation's year of LĐTT and CSTĐCS proposals and bonuses.

The national hierarchy of :func:`thidua.datasets.national.national_history`
(132,000 grassroots unions generated, the first 127,000 alive through 2024
kept) with 11.8 million members (:func:`make_people`: numpy straight into
:meth:`thidua.people.History.from_columns` columns, no Python object per
person beyond the id strings the history keeps): union sizes from a
log-normal draw, 1 % of members moved to another union on 01/07/2024 (their
unit is the latest membership), ratings of 2024 (KHT 3 %, HT 12 %, HTT 60 %,
HTXS 25 %), an initiative recognised in 2024 for 3 %, 55 % women.

Stages, each with its wall time and its own peak RSS (the kernel's high
water mark is reset before each, ``/proc/self/clear_refs``):

1. the columns, then the :class:`~thidua.people.History`;
2. :func:`thidua.honours.propose_all` for LĐTT (no quota) and for CSTĐCS
   under ``ShareQuota(CSTDCS, 15 %)`` of the unit's LĐTT, every grassroots
   union at once;
3. the awards of the proposals (decided 15/01/2025) as a history, their
   :func:`~thidua.honours.bonuses` (a member with both titles is paid the
   CSTĐCS only) and :func:`~thidua.honours.bonus_totals` up to TLĐ;
4. the same quota cut in pandas (:func:`pandas_cut`: the eligibility of the
   two rules, each member's latest unit, rank by the documented ordering —
   women first, then the id — with ``groupby().cumcount()``, cut at
   ``⌊15 % × LĐTT⌋`` per unit), and whether both propose the same people.

The resets also reset ``ru_maxrss``: the suite runs last in :data:`benchmarks.SUITES`
and reports the process's peak itself.

Goal (issue 9 §5): the thidua stages in < 30 s and < 8 GiB on the 2-core machine.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
import pendulum

from benchmarks._harness import Bench, format_seconds, peak_rss_mb
from thidua._dates import MAX_ORD
from thidua.datasets.national import national_history
from thidua.hierarchy import Dataset, Hierarchy
from thidua.honours import (
    BONUS_PAID,
    BulkProposals,
    ShareQuota,
    bonus_totals,
    bonuses,
    load_catalogue,
    propose_all,
)
from thidua.people import History
from thidua.periods import Period
from thidua.workspace import Workspace

T = TypeVar("T")

NAME = "honours-national"
FULL: dict[str, int] = {"generated": 132_000, "unions": 127_000, "people": 11_800_000}
QUICK: dict[str, int] = {"generated": 900, "unions": 800, "people": 60_000}
YEAR = 2024
PERIOD = Period.year(YEAR)
SHARE = 0.15
TARGET_S = 30.0
TARGET_GIB = 8.0
DECIDED = dt.date(YEAR + 1, 1, 15).toordinal()
_CLEAR_REFS = Path("/proc/self/clear_refs")
JOINED = dt.date(2015, 1, 1).toordinal()
_PEAKS: list[float] = []


def grassroots_units(generated: int, unions: int) -> tuple[Dataset, list[str]]:
    """The national dataset and the ids of its first *unions* grassroots unions alive in 2024."""
    dataset = national_history(grassroots=generated)
    h = Hierarchy(dataset)
    kinds = np.asarray(h.unit_columns().kind, dtype=object)
    alive = h.as_of(pendulum.Date(YEAR, 1, 1)).mask() & h.as_of(pendulum.Date(YEAR, 12, 31)).mask()
    found = np.flatnonzero(alive & (kinds == "grassroots"))[:unions]
    if found.size < unions:
        msg = f"only {found.size} grassroots unions alive through {YEAR}, {unions} asked"
        raise ValueError(msg)
    return dataset, [h.ids[int(i)] for i in found]


def make_people(people: int, units: list[str], *, seed: int = 0) -> dict[str, Any]:
    """The columns of the national history (see the module docstring); ``history`` built last."""
    rng = np.random.default_rng(seed)
    n_units = len(units)
    weights = rng.lognormal(0.0, 0.8, n_units)
    sizes = 1 + rng.multinomial(people - n_units, weights / weights.sum())
    unit = np.repeat(np.arange(people, people + n_units, dtype=np.int32), sizes)
    person = np.arange(people, dtype=np.int32)
    movers = np.flatnonzero(rng.random(people) < 0.01).astype(np.int32)
    before = (rng.integers(0, n_units, movers.size) + people).astype(np.int32)
    july = dt.date(YEAR, 7, 1).toordinal()
    joined = np.full(people, JOINED, np.int32)
    joined[movers] = july
    grade = rng.choice(4, size=people, p=[0.03, 0.12, 0.60, 0.25]).astype(np.int8)
    authors = np.flatnonzero(rng.random(people) < 0.03).astype(np.int32)
    female = np.zeros(people + n_units, dtype=bool)
    female[:people] = rng.random(people) < 0.55
    return {
        "people": people,
        "units": units,
        "unit": unit,
        "movers": movers,
        "before": before,
        "grade": grade,
        "authors": authors,
        "female": female,
        "memberships": {
            "person": np.concatenate([person, movers]),
            "unit": np.concatenate([unit, before]),
            "valid_from": np.concatenate([joined, np.full(movers.size, JOINED, np.int32)]),
            "valid_to": np.concatenate(
                [np.full(people, MAX_ORD, np.int32), np.full(movers.size, july, np.int32)]
            ),
        },
    }


def build_history(raw: dict[str, Any]) -> History:
    """The :class:`History` of the columns: ids, memberships, ratings, initiatives."""
    people = int(raw["people"])
    units: list[str] = raw["units"]
    subjects = [f"DV{i:08d}" for i in range(people)]
    subjects.extend(units)
    is_person = np.zeros(people + len(units), dtype=bool)
    is_person[:people] = True
    authors = raw["authors"]
    return History.from_columns(
        subjects=subjects,
        is_person=is_person,
        periods=[PERIOD],
        ratings={
            "subject": np.arange(people, dtype=np.int32),
            "period": np.zeros(people, np.int32),
            "rating": raw["grade"],
        },
        memberships=raw["memberships"],
        initiatives={
            "level": np.ones(authors.size, np.int8),
            "recognised_on": np.full(authors.size, dt.date(YEAR, 5, 1).toordinal(), np.int32),
            "author_offsets": np.arange(authors.size + 1, dtype=np.int64),
            "author_index": authors,
        },
    )


def awards_history(history: History, ldtt: BulkProposals, cstdcs: BulkProposals) -> History:
    """The awards of the two proposal lists (decided 15/01/2025) on the same subjects."""
    recipient = np.concatenate([ldtt.proposed_codes, cstdcs.proposed_codes]).astype(np.int32)
    honour = np.concatenate(
        [
            np.zeros(ldtt.proposed_codes.size, np.int32),
            np.ones(cstdcs.proposed_codes.size, np.int32),
        ]
    )
    m = history.memberships
    return History.from_columns(
        subjects=history.subjects,
        is_person=history.is_person,
        periods=[PERIOD],
        honours=["LDTT", "CSTDCS"],
        awards={
            "recipient": recipient,
            "honour": honour,
            "period": np.zeros(recipient.size, np.int32),
            "decided_on": np.full(recipient.size, DECIDED, np.int32),
        },
        memberships={"person": m.person, "unit": m.unit, "valid_from": m.start, "valid_to": m.end},
    )


def pandas_cut(raw: dict[str, Any], share: float = SHARE) -> dict[str, npt.NDArray[np.int64]]:
    """The same quota cut in pandas: the proposed person codes for LĐTT and CSTĐCS, sorted.

    The ids are ``DV`` and eight digits, so their text order is the code order.
    """
    import pandas as pd

    people = int(raw["people"])
    mem = pd.DataFrame(
        {
            "person": raw["memberships"]["person"],
            "unit": raw["memberships"]["unit"],
            "start": raw["memberships"]["valid_from"],
            "end": raw["memberships"]["valid_to"],
        }
    )
    start, end = PERIOD.start_ordinal, PERIOD.end_ordinal
    mem = mem[(mem.start < end) & (mem.end > start)]
    latest = mem.sort_values(["person", "start"], kind="stable").drop_duplicates(
        "person", keep="last"
    )
    df = pd.DataFrame(
        {
            "person": np.arange(people),
            "grade": raw["grade"],
            "female": raw["female"][:people],
        }
    )
    df["unit"] = latest.set_index("person")["unit"].reindex(df.person).to_numpy()
    df["initiative"] = df.person.isin(raw["authors"])
    df["ldtt"] = df.grade >= 2
    df["cstdcs"] = df.ldtt & ((df.grade == 3) | df.initiative)
    base = df[df.ldtt].groupby("unit").size()
    cand = df[df.cstdcs].sort_values(["unit", "female", "person"], ascending=[True, False, True])
    rank = cand.groupby("unit").cumcount() + 1
    limit = np.floor(share * cand.unit.map(base).fillna(0).to_numpy() + 1e-9)
    chosen = cand.person[rank.to_numpy() <= limit].to_numpy()
    return {
        "LDTT": np.sort(df.person[df.ldtt].to_numpy()).astype(np.int64),
        "CSTDCS": np.sort(chosen).astype(np.int64),
    }


def _reset_peak() -> bool:
    """Reset the kernel's peak RSS of this process (Linux), so a stage has its own peak."""
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


def _hwm_mib() -> float:
    """The peak RSS since the last reset (VmHWM), in MiB; the process's peak elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


def stage(bench: Bench, name: str, fn: Callable[[], T], *, repeat: int, note: str = "") -> T:
    """Measure one stage with the peak RSS it reached (the high-water mark reset before)."""
    _reset_peak()

    def text(_: T) -> str:
        _PEAKS.append(_hwm_mib())
        peak = f"stage peak {_PEAKS[-1]:,.0f} MiB"
        return f"{peak}; {note}" if note else peak

    return bench.measure(name, fn, repeat=repeat, note=text)


def run(bench: Bench, *, quick: bool) -> None:
    """Generate the national year, propose, pay and total; compare the cut with pandas."""
    size = QUICK if quick else FULL
    _PEAKS.clear()
    _PEAKS.append(peak_rss_mb())  # the process before this suite (the resets forget it)
    once = 1
    dataset, units = stage(
        bench,
        f"national_history({size['generated']:,}) + units",
        lambda: grassroots_units(size["generated"], size["unions"]),
        repeat=once,
    )
    raw = stage(
        bench,
        f"make_people({size['people']:,}) columns",
        lambda: make_people(size["people"], units),
        repeat=once,
    )
    times: dict[str, float] = {}

    def took(name: str) -> None:
        times[name] = bench.results[-1].best_s or 0.0

    history = stage(bench, "History.from_columns", lambda: build_history(raw), repeat=once)
    took("history")
    catalogue = load_catalogue()
    quota = ShareQuota(honour="CSTDCS", share=SHARE)

    def proposals(honour: str, q: object) -> BulkProposals:
        return propose_all(history, honour, PERIOD, quota=q, female=raw["female"])  # type: ignore[arg-type]

    ldtt = stage(bench, "propose_all(LDTT), every union", lambda: proposals("LDTT", ()), repeat=1)
    took("ldtt")
    bench.info("  ", repr(ldtt))
    cst = stage(
        bench, "propose_all(CSTDCS, ≤ 15 % of LDTT)", lambda: proposals("CSTDCS", quota), repeat=1
    )
    took("cstdcs")
    bench.info("  ", repr(cst))
    awarded = stage(
        bench,
        "awards of the proposals (History)",
        lambda: awards_history(history, ldtt, cst),
        repeat=once,
    )
    took("awards")
    paid = stage(
        bench, "bonuses(2024)", lambda: bonuses(awarded, PERIOD, catalogue=catalogue), repeat=once
    )
    took("bonuses")
    ws = Workspace(dataset=dataset)
    totals = stage(
        bench,
        "bonus_totals up to TLD (roll-up)",
        lambda: bonus_totals(ws, PERIOD, result=paid, units=["TLD"]),
        repeat=once,
    )
    took("totals")
    tld = totals.value("TLD", BONUS_PAID)
    expected = paid.total()
    bench.info(
        "  TLD bonus_paid",
        f"{tld:,.0f} VND for {int(paid.paid.sum()):,} paid awards of {len(paid):,}; "
        f"equals bonuses().total(): {tld == expected}",
        same_total=tld == expected,
    )
    thidua_s = sum(times.values())
    peak = max(_PEAKS[1:]) / 1024
    verdict = "PASS" if thidua_s < TARGET_S and peak < TARGET_GIB else "FAIL"
    bench.info(
        "  thidua: history → totals",
        f"{format_seconds(thidua_s)}, process peak {peak:.2f} GiB; target "
        f"< {TARGET_S:.0f} s and < {TARGET_GIB:.0f} GiB: {verdict}",
        seconds=thidua_s,
        peak_gib=peak,
        verdict=verdict,
    )
    try:
        theirs = stage(bench, "pandas: the same quota cut", lambda: pandas_cut(raw), repeat=1)
    except ImportError:
        bench.skip("pandas: the same quota cut", "pandas is not installed")
        return
    pandas_s = bench.results[-1].best_s or 0.0
    ours_s = times["ldtt"] + times["cstdcs"]
    agree = {
        "LDTT": np.array_equal(ldtt.proposed_codes, theirs["LDTT"]),
        "CSTDCS": np.array_equal(cst.proposed_codes, theirs["CSTDCS"]),
    }
    same = all(agree.values())
    ratio = ours_s / pandas_s if pandas_s else math.nan
    bench.info(
        "  propose_all / pandas",
        f"{ratio:.2f}× ({format_seconds(ours_s)} vs {format_seconds(pandas_s)}); same people: "
        f"{same} (LDTT {theirs['LDTT'].size:,} {'=' if agree['LDTT'] else '≠'}, "
        f"CSTDCS {theirs['CSTDCS'].size:,} {'=' if agree['CSTDCS'] else '≠'})",
        ratio=ratio,
        same=same,
    )
    start = time.perf_counter()
    some = units[len(units) // 2]
    cst.of_unit(some)
    bench.info("  one unit's list", f"{some}: {format_seconds(time.perf_counter() - start)}")
    bench.info(
        "  peak RSS (process)",
        f"{max(_PEAKS):,.0f} MiB (the highest stage peak, or the process's before the suite)",
    )
