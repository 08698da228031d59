"""The evaluation context: vectorised lookups over a :class:`~thidua.people.History`.

Every array here has one entry per subject of the history (people and
units alike); conditions combine them with numpy operations, so that a run
over a million people is a few dozen array passes.  Results are cached per
run (per condition and period) so that the explanation of one subject can
reuse them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import numpy.typing as npt
import pendulum

from thidua._dates import MAX_ORD, MIN_ORD
from thidua.people import NO_PERIOD, History
from thidua.periods import Period, PeriodKind

if TYPE_CHECKING:
    from thidua.honours._catalogue import Catalogue
    from thidua.honours._rulesets import RuleSet

__all__ = ["Context", "last_step", "previous_period"]

B = npt.NDArray[np.bool_]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
_T = TypeVar("_T")

_MONTH_GRID = {PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR}


def previous_period(period: Period) -> Period:
    """The period of the same kind and length that ends where *period* starts.

    Years, school years and emulation years step back one year; halves,
    quarters and months by their months; stages and terms by their length in
    years; any other period by its length in days.

    Examples:
        >>> str(previous_period(Period.year(2024)))
        '2023'
        >>> previous_period(Period.school_year(2023)).label_vi
        'năm học 2022-2023'
        >>> str(previous_period(Period.stage(2022, 2024)))
        '2019-01-01/2022-01-01'
    """
    start, end = period.start, period.end
    if period.kind in _MONTH_GRID or period.kind in (
        PeriodKind.SCHOOL_YEAR,
        PeriodKind.EMULATION_YEAR,
        PeriodKind.STAGE,
        PeriodKind.TERM,
    ):
        months = (end.year - start.year) * 12 + end.month - start.month
        new_start = start.subtract(months=months)
    else:
        new_start = start.subtract(days=period.days)
    try:
        return Period(start=new_start, end=start, kind=period.kind)
    except ValueError:
        return Period(start=new_start, end=start)


def last_step(period: Period) -> Period:
    """The last step of a chain ending with *period*: itself, or its last year when longer.

    Examples:
        >>> str(last_step(Period.stage(2022, 2024))), str(last_step(Period.year(2024)))
        ('2024', '2024')
    """
    if period.days <= 366:
        return period
    start = period.end.subtract(years=1)
    kind = PeriodKind.YEAR if (start.month, start.day) == (1, 1) else PeriodKind.CUSTOM
    return Period(start=start, end=period.end, kind=kind)


class Context:
    """One eligibility run: the history, the catalogue, the rule set and the proposal date."""

    def __init__(
        self, history: History, catalogue: Catalogue, rules: RuleSet, on: pendulum.Date
    ) -> None:
        self.history = history
        self.catalogue = catalogue
        self.rules = rules
        self.on = on
        self.on_ord = on.toordinal()
        self.n = len(history)
        self._cache: dict[Hashable, object] = {}
        self.stack: list[str] = []  # honours being evaluated (innermost last)

    def memo(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """Return the cached value of *key*, computing it once."""
        if key in self._cache:
            value: _T = self._cache[key]  # type: ignore[assignment]
            return value
        result = compute()
        self._cache[key] = result
        return result

    # -- the honour being evaluated -----------------------------------------------

    @property
    def honour(self) -> str:
        """The honour whose rule is being evaluated (the innermost one)."""
        return self.stack[-1] if self.stack else ""

    def eligible(self, honour: str, period: Period) -> B:
        """Eligibility for *honour* in *period* of every subject (cached).

        A rule that (directly or not) needs itself for the same period is
        refused (``False`` everywhere) instead of recursing for ever.
        """
        key = ("eligible", honour, period)
        if key in self._cache:
            cached: B = self._cache[key]  # type: ignore[assignment]
            return cached
        rule = self.rules.rules.get(honour)
        if rule is None or honour in self.stack:
            result = np.zeros(self.n, dtype=bool)
        else:
            self.stack.append(honour)
            try:
                result = rule.condition.evaluate(self, period)
            finally:
                self.stack.pop()
        self._cache[key] = result
        return result

    # -- periods ----------------------------------------------------------------

    def chain(self, period: Period, count: int) -> list[Period]:
        """The *count* steps of a chain ending with *period*, latest first.

        The steps are *period* and the periods of its kind before it; for a
        proposal over several years (a stage, a term) they are the calendar
        years ending with it.
        """
        out = [last_step(period)]
        while len(out) < count:
            out.append(previous_period(out[-1]))
        return out

    def earliest_ordinal(self) -> int:
        """The first day any rating period of the history starts (chains stop there)."""

        def compute() -> int:
            starts = self.history.period_start
            return int(starts.min()) if starts.size else MAX_ORD

        return self.memo("earliest", compute)

    # -- ratings ------------------------------------------------------------------

    def grades(self, period: Period) -> npt.NDArray[np.int8]:
        """The rating of each subject for exactly *period* (``-1``: no rating)."""
        return self.history.grades(period)

    # -- awards -------------------------------------------------------------------

    def _honour_codes(self, honours: frozenset[str], *, chains_only: bool) -> I32:
        codes = []
        for code in honours:
            known = code in self.catalogue
            if chains_only and known and not self.catalogue[code].type.counts_toward_chains:
                continue
            found = self.history.honour_code(code)
            if found >= 0:
                codes.append(found)
        return np.asarray(codes, dtype=np.int32)

    def held_rows(self, honours: frozenset[str], *, chains_only: bool = False) -> I64:
        """Rows of the awards of *honours* held on the proposal date.

        Held: decided on or before the proposal date and not revoked by then.
        With *chains_only*, thematic and unexpected-feat honours are left out.
        """

        def compute() -> I64:
            a = self.history.awards
            codes = self._honour_codes(honours, chains_only=chains_only)
            mask = np.isin(a.honour, codes) & (a.decided <= self.on_ord)
            mask &= a.revoked > self.on_ord
            return np.flatnonzero(mask)

        return self.memo(("held_rows", honours, chains_only), compute)

    def holds(self, honour: str, period: Period | None, *, chains_only: bool = False) -> B:
        """Who holds an award of *honour* (or of an honour implying it) for exactly *period*.

        ``period=None``: an award of *honour* itself for any period (or none).
        """

        def compute() -> B:
            a = self.history.awards
            if period is None:
                rows = self.held_rows(frozenset({honour}), chains_only=chains_only)
            else:
                rows = self.held_rows(self.catalogue_implied(honour), chains_only=chains_only)
                code = self.history.period_code(period)
                rows = rows[a.period[rows] == code] if code >= 0 else rows[:0]
            out = np.zeros(self.n, dtype=bool)
            out[a.recipient[rows]] = True
            return out

        return self.memo(("holds", honour, period, chains_only), compute)

    def catalogue_implied(self, honour: str) -> frozenset[str]:
        """*honour* and the honours implying it for the same period (CSTĐCS → LĐTT)."""
        return (
            self.catalogue.implied_by(honour) if honour in self.catalogue else frozenset({honour})
        )

    def has_title(self, honour: str, period: Period, current: Period) -> B:
        """Holding *honour* for *period*: an award, or eligibility in this run.

        Eligibility counts for the period being proposed (*current*) and for
        the last step of a chain ending with it; earlier periods need awards.
        """
        same = period == current or period == last_step(current)
        held = self.holds(honour, period, chains_only=not same)
        if same:
            return held | self.eligible(honour, period)
        return held

    def window_start(self, honours: tuple[str, ...], period: Period) -> I32:
        """The first day from which a chain ending at *period* may count, per subject.

        Counts from the latest earlier award of *honours* (the end of its
        achievement period, or the day after its decision when it states
        none; Decree 152 Art. 33.7) and from the end of any discipline
        decided before the proposal date (an open discipline never ends).
        """

        def compute() -> I32:
            start = np.full(self.n, MIN_ORD, dtype=np.int32)
            a, h = self.history.awards, self.history
            if honours:
                rows = self.held_rows(frozenset(honours), chains_only=True)
                pcode = a.period[rows]
                with_period = pcode != NO_PERIOD
                safe = np.where(with_period, pcode, 0)
                p_start = h.period_start[safe] if h.period_start.size else safe
                p_end = h.period_end[safe] if h.period_end.size else safe
                earlier = np.where(
                    with_period,
                    p_start < period.start_ordinal,
                    a.decided[rows] < period.end_ordinal,
                )
                value = np.where(with_period, p_end, a.decided[rows] + 1)[earlier]
                np.maximum.at(start, a.recipient[rows][earlier], value.astype(np.int32))
            d = self.history.discipline
            decided = d.start <= self.on_ord
            np.maximum.at(start, d.person[decided], d.end[decided])
            return start

        return self.memo(("window", honours, period), compute)

    # -- members -------------------------------------------------------------------

    def member_rows(self, period: Period) -> I64:
        """Membership rows covering the last day of *period* (the members then)."""

        def compute() -> I64:
            m = self.history.memberships
            last = period.end_ordinal - 1
            return np.flatnonzero((m.start <= last) & (m.end > last))

        return self.memo(("members", period), compute)

    def per_unit(self, period: Period, person_flags: B | None = None) -> npt.NDArray[np.int64]:
        """Per subject (as a unit), how many members have the flag (all when ``None``)."""
        m = self.history.memberships
        rows = self.member_rows(period)
        units = m.unit[rows]
        if person_flags is not None:
            units = units[person_flags[m.person[rows]]]
        return np.bincount(units, minlength=self.n).astype(np.int64)

    # -- initiatives --------------------------------------------------------------

    def initiative_authors(self) -> tuple[I64, I32]:
        """(initiative row, author subject) pairs, one per author."""

        def compute() -> tuple[I64, I32]:
            i = self.history.initiatives
            counts = np.diff(i.author_offsets)
            return np.repeat(np.arange(len(counts), dtype=np.int64), counts), i.author_index

        return self.memo("authors", compute)

    def used_initiatives(self) -> B:
        """Initiatives already the basis of an award held on the proposal date."""

        def compute() -> B:
            a = self.history.awards
            used = np.zeros(len(self.history.initiatives.level), dtype=bool)
            held = (a.decided <= self.on_ord) & (a.revoked > self.on_ord)
            counts = np.diff(a.init_offsets)
            award_of = np.repeat(np.arange(len(counts)), counts)
            used[a.init_index[held[award_of]]] = True
            return used

        return self.memo("used", compute)
