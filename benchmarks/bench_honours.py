"""Honours benchmarks: eligibility over a million people with ten years of history.

A synthetic :class:`thidua.people.History` (:func:`make_history`: 1,000,000
people in 10,000 grassroots unions, ratings for 2015-2024, CSTĐCS awards for
most HTXS years, Bằng khen bộ/tỉnh, CSTĐ bộ/tỉnh and Bằng khen Thủ tướng
awards, some revoked, some without an achievement period, initiatives of
which some are already the basis of an award, and discipline) is built from
columns; then :func:`thidua.honours.eligibility` runs for LĐTT, CSTĐCS,
CSTĐ_BO, BK_BO and BK_TTG for 2024 under ``vn-2024``, each in a fresh run
(cold caches).

The comparison, in the same process on the same data, is the same five rules
written straightforwardly in pandas (:func:`pandas_honours`: a pivot of the
ratings, boolean Series per year, group-bys for the counting windows and the
initiatives).  It applies the same semantics: held = decided on or before the
proposal date and not revoked by then; the counting window from the latest
earlier award's achievement period (or the day after its decision when it
states none) and from the end of any discipline; the last link of a chain is
this run's eligibility; initiatives already used by a held award do not
count.  Both sides must give the same people for every honour.

Target (issue 8): the five honours in < 5 s on the 2-core machine.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from benchmarks._harness import Bench, format_seconds, peak_rss_mb
from thidua._dates import MAX_ORD
from thidua.honours import eligibility, load_catalogue
from thidua.people import History
from thidua.periods import Period

NAME = "honours"
HONOURS = ("LDTT", "CSTDCS", "CSTD_BO", "BK_BO", "BK_TTG")
TARGET_S = 5.0
YEARS = tuple(range(2015, 2025))
YEAR = 2024
ON = dt.date(YEAR + 1, 1, 1).toordinal()  # the default proposal date

# honour codes of the synthetic history
CSTDCS, BK_BO, BK_TTG, CSTD_BO, GK = range(5)
CODES = ("CSTDCS", "BK_BO", "BK_TTG", "CSTD_BO", "GK")
NO_PERIOD = -1


_JAN1 = np.asarray([dt.date(y, 1, 1).toordinal() for y in range(2000, 2100)], dtype=np.int32)


@overload
def _jan1(year: int) -> int: ...
@overload
def _jan1(year: npt.NDArray[Any]) -> npt.NDArray[np.int32]: ...
def _jan1(year: int | npt.NDArray[Any]) -> int | npt.NDArray[np.int32]:
    """Ordinal of 1 January of *year* (an int or an array of years, 2000-2099)."""
    if isinstance(year, int):
        return int(_JAN1[year - 2000])
    out: npt.NDArray[np.int32] = _JAN1[np.asarray(year) - 2000]
    return out


def make_history(people: int = 1_000_000, *, seed: int = 0) -> tuple[History, dict[str, Any]]:
    """A synthetic history and the raw columns the pandas side reads.

    Ratings: KHT 3 %, HT 12 %, HTT 60 %, HTXS 25 % each year.  Awards:
    CSTĐCS for 80 % of the HTXS years before 2024 (decided 15 December), 2 %
    of them revoked in June 2024 and 1 % in June 2025 (after the proposal
    date, so still held); BK_BO for 10 % of people (2015-2019, decided the
    next March, one in five stating no period); CSTĐ_BO (2019-2021) for
    0.5 % and BK_TTG (2018-2020) for 1 %; a Giấy khen of 2024 resting on
    one initiative in ten.  Initiatives recognised in 2023 or 2024 for 6 %
    of people, one in five at province level.  Discipline (a reprimand of
    one year) for 1 % of people, and still open for 0.1 %.
    """
    rng = np.random.default_rng(seed)
    units = max(1, people // 100)
    n_years = len(YEARS)
    subjects = [f"P{i:07d}" for i in range(people)] + [f"U{i:05d}" for i in range(units)]
    is_person = np.zeros(people + units, dtype=bool)
    is_person[:people] = True
    periods = [Period.year(y) for y in YEARS]
    years = np.asarray(YEARS, dtype=np.int32)

    person = np.repeat(np.arange(people, dtype=np.int32), n_years)
    year_code = np.tile(np.arange(n_years, dtype=np.int32), people)
    grade = rng.choice(4, size=person.size, p=[0.03, 0.12, 0.60, 0.25]).astype(np.int8)
    unit_subject = np.repeat(np.arange(people, people + units, dtype=np.int32), n_years)
    unit_year = np.tile(np.arange(n_years, dtype=np.int32), units)
    unit_grade = rng.choice(4, size=unit_subject.size, p=[0.02, 0.08, 0.6, 0.3]).astype(np.int8)

    # CSTĐCS for most HTXS years before 2024
    cst = (grade == 3) & (year_code < n_years - 1) & (rng.random(person.size) < 0.8)
    cst_p, cst_y = person[cst], year_code[cst]
    cst_d = _jan1(years[cst_y] + 1) - 17
    draw = rng.random(cst_p.size)
    cst_r = np.where(
        draw < 0.02, _jan1(YEAR) + 152, np.where(draw < 0.03, _jan1(YEAR + 1) + 151, MAX_ORD)
    )

    def some(share: float, first: int, last: int) -> tuple[Any, Any]:
        who = np.flatnonzero(rng.random(people) < share).astype(np.int32)
        return who, rng.integers(first - YEARS[0], last - YEARS[0] + 1, size=who.size)

    bk_p, bk_y = some(0.10, 2015, 2019)
    bk_d = _jan1(years[bk_y] + 1) + 60
    bk_y = np.where(rng.random(bk_p.size) < 0.2, NO_PERIOD, bk_y)
    bo_p, bo_y = some(0.005, 2019, 2021)
    bo_d = _jan1(years[bo_y] + 1) + 75
    tg_p, tg_y = some(0.01, 2018, 2020)
    tg_d = _jan1(years[tg_y] + 1) + 120

    # initiatives; one in ten is the basis of a Giấy khen of 2024
    authors = np.flatnonzero(rng.random(people) < 0.06).astype(np.int32)
    recognised = np.where(rng.random(authors.size) < 0.5, _jan1(YEAR - 1), _jan1(YEAR)) + 120
    level = np.where(rng.random(authors.size) < 0.2, 2, 1).astype(np.int8)
    used = np.flatnonzero(rng.random(authors.size) < 0.1).astype(np.int32)
    gk_p = authors[used]
    gk_y = np.full(used.size, YEAR - YEARS[0])
    gk_d = np.full(used.size, _jan1(YEAR) + 300)

    recipient = np.concatenate([cst_p, bk_p, bo_p, tg_p, gk_p]).astype(np.int32)
    honour = np.concatenate(
        [np.full(a.size, code, np.int32) for code, a in enumerate((cst_p, bk_p, bo_p, tg_p, gk_p))]
    )
    award_year = np.concatenate([cst_y, bk_y, bo_y, tg_y, gk_y]).astype(np.int32)
    decided = np.concatenate([cst_d, bk_d, bo_d, tg_d, gk_d]).astype(np.int32)
    revoked = np.concatenate([cst_r, np.full(recipient.size - cst_r.size, MAX_ORD)]).astype(
        np.int32
    )
    counts = np.zeros(recipient.size, dtype=np.int64)
    counts[recipient.size - used.size :] = 1
    init_offsets = np.concatenate([[0], np.cumsum(counts)])

    disc_p = np.flatnonzero(rng.random(people) < 0.011).astype(np.int32)
    disc_y = rng.integers(YEARS[0], YEAR, size=disc_p.size)
    disc_d = _jan1(disc_y) + 59
    disc_end = np.where(rng.random(disc_p.size) < 0.1, MAX_ORD, _jan1(disc_y + 1) + 59)

    start = _jan1(2010)
    history = History.from_columns(
        subjects=subjects,
        is_person=is_person,
        periods=periods,
        honours=list(CODES),
        ratings={
            "subject": np.concatenate([person, unit_subject]),
            "period": np.concatenate([year_code, unit_year]),
            "rating": np.concatenate([grade, unit_grade]),
        },
        awards={
            "recipient": recipient,
            "honour": honour,
            "period": award_year,
            "decided_on": decided,
            "revoked_on": revoked,
            "init_offsets": init_offsets,
            "init_index": used,
        },
        memberships={
            "person": np.arange(people, dtype=np.int32),
            "unit": (np.arange(people, dtype=np.int32) % units) + people,
            "valid_from": np.full(people, start, np.int32),
        },
        initiatives={
            "level": level,
            "recognised_on": recognised.astype(np.int32),
            "author_offsets": np.arange(authors.size + 1, dtype=np.int64),
            "author_index": authors,
        },
        discipline={
            "person": disc_p,
            "form": np.ones(disc_p.size, np.int8),
            "decided_on": disc_d.astype(np.int32),
            "valid_to": disc_end.astype(np.int32),
        },
    )
    award_years = np.where(award_year == NO_PERIOD, NO_PERIOD, years[np.maximum(award_year, 0)])
    raw = {
        "people": people,
        "person": person,
        "year": years[year_code],
        "grade": grade,
        "award_person": recipient,
        "award_honour": honour,
        "award_year": award_years,
        "award_decided": decided,
        "award_revoked": revoked,
        "basis_award": np.flatnonzero(counts),  # award row → the initiative it rested on
        "basis_initiative": used,
        "authors": authors,
        "level": level,
        "recognised": recognised,
        "discipline_person": disc_p,
        "discipline_decided": disc_d,
        "discipline_end": disc_end,
    }
    return history, raw


def pandas_honours(raw: dict[str, Any], year: int = YEAR) -> dict[str, npt.NDArray[np.int64]]:
    """The five rules of ``vn-2024`` in plain pandas: the eligible person codes per honour."""
    import pandas as pd

    people = pd.RangeIndex(raw["people"], name="person")
    start = {y: _jan1(y) for y in range(YEARS[0], year + 2)}
    ratings = pd.DataFrame({"person": raw["person"], "year": raw["year"], "grade": raw["grade"]})
    grade = ratings.pivot(index="person", columns="year", values="grade").reindex(people)
    awards = pd.DataFrame(
        {
            "person": raw["award_person"],
            "honour": raw["award_honour"],
            "year": raw["award_year"],
            "decided": raw["award_decided"],
            "revoked": raw["award_revoked"],
        }
    )
    held = awards[(awards.decided <= ON) & (awards.revoked > ON)]
    inits = pd.DataFrame(
        {"author": raw["authors"], "level": raw["level"], "recognised": raw["recognised"]}
    )
    # initiatives that are the basis of a held award do not count again
    basis = pd.DataFrame({"award": raw["basis_award"], "initiative": raw["basis_initiative"]})
    free = inits[~inits.index.isin(basis.loc[basis.award.isin(held.index), "initiative"])]

    def flag(persons: pd.Series) -> pd.Series:
        return pd.Series(people.isin(persons), index=people)

    def holds(codes: tuple[int, ...], y: int) -> pd.Series:
        return flag(held.loc[held.honour.isin(codes) & (held.year == y), "person"])

    def initiatives(level: int, first: int) -> pd.Series:
        found = free[
            (free.level >= level)
            & (free.recognised >= start[first])
            & (free.recognised < start[year + 1])
        ]
        counts: pd.Series = found.groupby("author").size().reindex(people, fill_value=0)
        return counts

    discipline = pd.DataFrame({"person": raw["discipline_person"], "from": raw["discipline_end"]})[
        raw["discipline_decided"] <= ON
    ]

    def window(codes: tuple[int, ...]) -> pd.Series:
        """The first day a chain may count from: the latest earlier award, the end of discipline."""
        w = held[held.honour.isin(codes)]
        stated = w[(w.year != NO_PERIOD) & (w.year < year)]
        unstated = w[(w.year == NO_PERIOD) & (w.decided < start[year + 1])]
        starts = pd.concat(
            [
                pd.DataFrame({"person": stated.person, "from": _jan1(stated.year.to_numpy() + 1)}),
                pd.DataFrame({"person": unstated.person, "from": unstated.decided + 1}),
                discipline,
            ]
        )
        latest: pd.Series = starts.groupby("person")["from"].max().reindex(people, fill_value=0)
        return latest

    g = {y: grade[y] for y in YEARS}
    ldtt = g[year] >= 2
    meets_ldtt = ldtt | holds((CSTDCS, CSTD_BO), year)
    cstdcs = meets_ldtt & ((g[year] == 3) | (initiatives(1, year) >= 1))

    def cst(y: int) -> pd.Series:
        """Holding CSTĐCS for *y*: this run's eligibility for the proposed year, else an award."""
        return (cstdcs | holds((CSTDCS,), y)) if y == year else holds((CSTDCS,), y)

    w = window((CSTD_BO,))
    cstd_bo = initiatives(2, year - 2) >= 1
    for y in (year, year - 1, year - 2):
        cstd_bo &= cst(y) & (w <= start[y])

    w = window((BK_BO,))
    route1 = cst(year) & cst(year - 1) & (w <= start[year - 1])
    route2 = (g[year] == 3) & (g[year - 1] == 3) & (w <= start[year - 1])
    bk_bo = route1 | (route2 & (initiatives(1, year - 1) >= 2))

    w = window((BK_BO, BK_TTG))
    alive = pd.Series(data=True, index=people)
    length = pd.Series(0, index=people)
    titles = pd.Series(0, index=people)
    for y in range(year, YEARS[0] - 1, -1):
        alive &= (g[y] >= 2) & (w <= start[y])
        length += alive
        titles += alive & cst(y)
    bk_ttg = flag(held.loc[held.honour == BK_BO, "person"]) & (length >= 5) & (titles >= 3)

    found = {"LDTT": ldtt, "CSTDCS": cstdcs, "CSTD_BO": cstd_bo, "BK_BO": bk_bo, "BK_TTG": bk_ttg}
    return {code: np.flatnonzero(s.to_numpy()).astype(np.int64) for code, s in found.items()}


def run(bench: Bench, *, quick: bool) -> None:
    """Build the history, run the five honours, compare them with pandas."""
    people = 20_000 if quick else 1_000_000
    history, raw = bench.measure(
        f"make_history({people:,} people, 10 years)",
        lambda: make_history(people),
        repeat=1,
        note=lambda hr: repr(hr[0]),
    )
    catalogue = load_catalogue()
    period = Period.year(YEAR)

    def five() -> dict[str, Any]:
        return {code: eligibility(history, catalogue, code, period) for code in HONOURS}

    ours = bench.measure_with(
        "thidua: eligibility × 5 honours, 2024 (cold)",
        lambda _: five(),
        history.drop_caches,
        note=lambda c: ", ".join(f"{k} {int(v.eligible.sum()):,}" for k, v in c.items()),
    )
    ours_s = bench.results[-1].best_s or 0.0
    verdict = "PASS" if ours_s < TARGET_S else "FAIL"
    bench.info("  target", f"< {format_seconds(TARGET_S)}: {verdict} ({format_seconds(ours_s)})")
    bench.info("  peak RSS", f"{peak_rss_mb():,.0f} MiB (the process: history, then thidua)")
    for code in HONOURS:
        bench.measure_with(
            f"thidua: eligibility({code}) (cold)",
            lambda _, code=code: eligibility(history, catalogue, code, period),  # type: ignore[misc]
            history.drop_caches,
        )
    try:
        theirs = bench.measure("pandas: the same 5 rules", lambda: pandas_honours(raw))
    except ImportError:
        bench.skip("pandas: the same 5 rules", "pandas is not installed")
        return
    pandas_s = bench.results[-1].best_s or 0.0
    agree = []
    for code in HONOURS:
        result = ours[code]
        mine = np.sort(result.codes[result.eligible])
        agree.append(f"{code} {'=' if np.array_equal(mine, theirs[code]) else '≠'}")
    same = all(a.endswith("=") for a in agree)
    ratio = ours_s / pandas_s if pandas_s else float("nan")
    bench.info(
        "  thidua / pandas",
        f"{ratio:.2f}× ({format_seconds(ours_s)} vs {format_seconds(pandas_s)}); "
        f"same people for every honour: {same} ({', '.join(agree)})",
        ratio=ratio,
        same=same,
    )
    bench.info("  peak RSS", f"{peak_rss_mb():,.0f} MiB (the process, pandas included)")
    start = time.perf_counter()
    bk = ours["BK_TTG"]
    some = bk.codes[bk.eligible]
    bk.verdict(history.subjects[int(some[0])] if some.size else "P0000000").explain()
    bench.info("  one explanation", format_seconds(time.perf_counter() - start))
