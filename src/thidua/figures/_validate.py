"""Checking figures against a hierarchy and an indicator catalogue, in one vectorised pass.

:func:`validate_figures` reports every problem at once, each naming the unit
by id and name, the indicator by code and Vietnamese name and the period by
its code, with the unit as subject and a pointer to the row's cell:

====== ==================================================== ==========
code   problem                                              column
====== ==================================================== ==========
F001   unit not in the hierarchy                            unit
F002   indicator not in the catalogue                       indicator
F003   unit not alive during the whole period               period
F004   the same unit, indicator, period and scope twice     value
F005   negative value of a non-negative indicator           value
F006   ratio numerator reported > 0, denominator 0          value
F007   keys for a number, a number for keys, an own ratio   value
F008   a sum or distinct indicator over overlapping periods period
====== ==================================================== ==========

The checks work on the code columns of :class:`Figures` (numpy), so the cost
is a few passes over the rows plus one hash grouping; Python runs only for
the problem rows.  Three million clean figures validate in about half a
second.

Examples:
    >>> from thidua.figures import Figure, Figures
    >>> from thidua.hierarchy import Hierarchy
    >>> from thidua.periods import Period
    >>> from thidua.testing import tiny_dataset
    >>> y = Period.year(2024)
    >>> figs = Figures.from_records([
    ...     Figure(unit="G1", indicator="new_members", period=y, value=-2),
    ...     Figure(unit="G9", indicator="dialogues", period=y, value=1),
    ... ])
    >>> for p in validate_figures(figs, Hierarchy(tiny_dataset())):
    ...     print(p.code, p.message)  # doctest: +NORMALIZE_WHITESPACE
    F005 indicator 'new_members' (Phát triển đoàn viên mới) of unit 'G1' (Công đoàn cơ sở
         Trường Tiểu học Kim Liên) for 2024 is -2; it cannot be negative
    F001 figure of indicator 'dialogues' (Đối thoại tại nơi làm việc) for 2024 names unit
         'G9', which is not in the hierarchy

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from thidua.figures._indicators import BUILTIN_INDICATORS, Aggregation, IndicatorCatalogue
from thidua.figures._store import Figures
from thidua.hierarchy import Hierarchy
from thidua.periods import Period
from thidua.problems import DEFAULT_MAX_PER_CODE, Problem, Report, problem, summary_problem
from thidua.values import measure_kind

__all__ = [
    "REJECTING_CODES",
    "SUMMARISED_CODES",
    "FigureCheck",
    "check_figures",
    "validate_figures",
]

IntArray = npt.NDArray[np.int64]
Codes = npt.NDArray[np.signedinteger[Any]]
"""Dictionary codes: ``int32`` from the readers, ``int64`` from hand-built stores."""
BoolArray = npt.NDArray[np.bool_]

# The column each code points at.
_COLUMN = {
    "F001": "unit",
    "F002": "indicator",
    "F003": "period",
    "F004": "value",
    "F005": "value",
    "F006": "value",
    "F007": "value",
    "F008": "period",
    "F018": "value",
}


def _first_codes(labels: Sequence[object]) -> IntArray:
    """Map each dictionary entry to the first equal entry (hand-built stores may repeat)."""
    if len(set(labels)) == len(labels):  # a reader's dictionary: no repeats
        return np.arange(len(labels), dtype=np.int64)
    first: dict[object, int] = {}
    return np.array([first.setdefault(v, i) for i, v in enumerate(labels)], dtype=np.int64)


def _canonical(codes: Codes, labels: Sequence[object]) -> Codes:
    """*codes* with repeated dictionary entries mapped to the first (no copy for a reader's)."""
    if len(set(labels)) == len(labels):
        return codes
    canonical: Codes = _first_codes(labels)[codes]
    return canonical


_BITMAP_LIMIT = 1 << 26
"""The largest key space :func:`_repeats` marks in a bitmap (64 MB) before sorting."""


def _repeats(keys: IntArray, space: int | None = None) -> tuple[IntArray, IntArray]:
    """The rows whose key an earlier row has, and that earlier (first) row, by row.

    When the keys fit in *space* (``0 <= key < space``) and *space* is small
    enough, one bitmap answers "no repeats" without sorting (the usual case);
    otherwise, or when there are repeats, one stable sort, then equal
    neighbours: no hash table, no pandas.

    Examples:
        >>> rows, firsts = _repeats(np.array([5, 3, 5, 9, 3, 5]), space=10)
        >>> rows.tolist(), firsts.tolist()
        ([2, 4, 5], [0, 1, 0])
        >>> [a.size for a in _repeats(np.array([1, 2, 3]), space=4)]
        [0, 0]
    """
    empty = np.empty(0, dtype=np.int64)
    if space is not None and space <= _BITMAP_LIMIT:
        seen = np.zeros(space, dtype=np.bool_)
        seen[keys] = True
        if np.count_nonzero(seen) == keys.size:
            return empty, empty
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    same = ordered[1:] == ordered[:-1]
    if not same.any():
        return empty, empty
    starts = np.flatnonzero(np.r_[True, ~same])  # the first row of each run of one key
    run = np.cumsum(np.r_[True, ~same]) - 1
    later = np.flatnonzero(np.r_[False, same])
    rows, firsts = order[later], order[starts[run[later]]]
    by_row = np.argsort(rows, kind="stable")
    return rows[by_row].astype(np.int64), firsts[by_row].astype(np.int64)


def _hierarchy_positions(units: Sequence[str], hierarchy: Hierarchy) -> IntArray:
    """Each unit id's position in the hierarchy index, -1 for an unknown one."""
    index = hierarchy.unit_index
    return np.fromiter(
        map(index.get, units, itertools.repeat(-1)), dtype=np.int64, count=len(units)
    )


class _Context:
    """Labels and pointers for the messages, computed for problem rows only."""

    def __init__(
        self,
        figures: Figures,
        hierarchy: Hierarchy,
        catalogue: IndicatorCatalogue,
        max_per_code: int | None = None,
    ) -> None:
        self.figures = figures
        self.hierarchy = hierarchy
        self.catalogue = catalogue
        self.items: list[tuple[int, str, Problem]] = []
        self.partners: list[int] = []
        self.overlaps: list[tuple[int, int]] = []
        self.overlap_problems: list[Problem | None] = []
        self.max_per_code = max_per_code
        self.counts: dict[str, int] = {}

    def unit(self, i: int) -> str:
        uid = self.figures.units[int(self.figures.unit_codes[i])]
        if uid in self.hierarchy:
            return f"{uid!r} ({self.hierarchy.unit(uid).name})"
        return repr(uid)

    def uid(self, i: int) -> str:
        return self.figures.units[int(self.figures.unit_codes[i])]

    def indicator(self, i: int) -> str:
        return self.label(self.figures.indicators[int(self.figures.indicator_codes[i])])

    def label(self, code: str) -> str:
        ind = self.catalogue.get(code)
        return repr(code) if ind is None else f"{code!r} ({ind.name})"

    def period(self, i: int) -> str:
        return str(self.figures.periods[int(self.figures.period_codes[i])])

    def where(self, i: int) -> str:
        origin = self.figures.origins.get(i)
        if origin is not None and origin.row is not None:
            return f"row {origin.row}"
        return f"figure {i + 1} of the list"  # figures made in code: counted from 1

    def add(self, i: int, code: str, message: str) -> Problem | None:
        if code in REJECTING_CODES:
            self.partners.append(i)
        seen = self.counts.get(code, 0) + 1
        self.counts[code] = seen
        if self.max_per_code is not None and seen > self.max_per_code:
            return None  # counted; summed up in report()
        origin = self.figures.origins.get(i)
        pointer = None if origin is None else origin.at(_COLUMN[code])
        found = problem(code, message, subject=self.uid(i), pointer=pointer)
        self.items.append((i, code, found))
        return found

    def each(self, mask: BoolArray, make: Callable[[int], str], code: str) -> None:
        rows = np.flatnonzero(mask)
        limit = self.max_per_code
        extra = 0
        if code in REJECTING_CODES:
            self.partners.extend(rows.tolist())
        if limit is not None:  # past the cap, rows are only counted (no message built)
            room = max(0, limit - self.counts.get(code, 0))
            extra = max(0, rows.size - room)
            rows = rows[:room]
        for i in rows.tolist():
            self.add(i, code, make(i))
        if extra:
            self.counts[code] = self.counts.get(code, 0) + extra

    def report(self) -> Report:
        listed = tuple(p for _, _, p in sorted(self.items, key=lambda t: (t[0], t[1])))
        limit = self.max_per_code
        extra = (
            ()
            if limit is None
            else tuple(
                summary_problem(code, limit, total)
                for code, total in sorted(self.counts.items())
                if total > limit
            )
        )
        return Report(listed + extra)

    def check(self) -> FigureCheck:
        rejected = np.zeros(len(self.figures), dtype=np.bool_)
        if self.partners:
            rejected[np.asarray(self.partners, dtype=np.intp)] = True
        return FigureCheck(
            report=self.report(),
            rejected=rejected,
            overlaps=np.asarray(self.overlaps, dtype=np.intp).reshape(-1, 2),
            overlap_problems=tuple(self.overlap_problems),
        )


REJECTING_CODES = frozenset({"F004", "F005"})
"""The figure faults whose rows never enter a total: a duplicate (both rows: which one is
right is for the user to say) and a negative count.  Overlapping periods (``F008``) reject
both rows from a roll-up whose period holds them both (see :class:`FigureCheck`)."""

SUMMARISED_CODES = frozenset({"F001", "F002", "F007"})
"""Faults a roll-up reports itself, once per unit or indicator, instead of once per row."""


@attrs.frozen(kw_only=True, eq=False)
class FigureCheck:
    """The figure checks' outcome: every problem, and the rows no total may use.

    Attributes:
        report: every problem, as :func:`validate_figures` returns it.
        rejected: one flag per figure row: ``True`` for the rows of a
            :data:`REJECTING_CODES` fault (a duplicate and the row it repeats,
            a negative count).  :func:`thidua.roll_up` leaves them out of every
            total: which of two conflicting figures is right is for the user to
            say, never a silent sum.
        overlaps: the row pairs of ``F008`` (an additive indicator of one unit
            reported for two overlapping periods), one ``[later, earlier]``
            pair per row; a roll-up whose period holds both leaves both out.
        overlap_problems: the ``F008`` problem of each pair, in the same order.

    Examples:
        >>> from thidua.figures import Figure
        >>> from thidua.periods import Period, parse_period
        >>> from thidua.testing import tiny_dataset
        >>> y = Period.year(2024)
        >>> figs = Figures.from_records([
        ...     Figure(unit="G1", indicator="new_members", period=y, value=1585),
        ...     Figure(unit="G1", indicator="new_members", period=parse_period("quý 1/2024"),
        ...            value=3),
        ...     Figure(unit="G2", indicator="new_members", period=y, value=7),
        ...     Figure(unit="G2", indicator="new_members", period=y, value=7),
        ... ])
        >>> found = check_figures(figs, Hierarchy(tiny_dataset()))
        >>> [p.code for p in found.report], found.rejected.tolist()
        (['F008', 'F004'], [False, False, True, True])
        >>> found.overlaps.tolist()
        [[1, 0]]
        >>> rejected, report = found.for_period(y, figs)
        >>> rejected.tolist(), [p.code for p in report]
        ([True, True, True, True], ['F008', 'F004'])
    """

    report: Report
    rejected: BoolArray
    overlaps: npt.NDArray[np.intp]
    overlap_problems: tuple[Problem | None, ...] = ()

    def for_period(self, period: Period, figures: Figures) -> tuple[BoolArray, Report]:
        """The rows a roll-up of *period* must leave out, and the problems that concern it.

        An ``F008`` pair matters to a roll-up only when both periods lie
        within *period* (a quarter inside the year and the emulation year
        that overlaps it cannot both be summed into 2025, but a calendar-year
        roll-up only takes the quarter).  ``F008`` problems of pairs that do
        not matter are left out of the returned report; the others are kept.

        Args:
            period: the roll-up period.
            figures: the store that was checked.
        """
        if self.overlaps.size == 0:
            return self.rejected, self.report
        inside = np.fromiter(
            (period.contains(p) for p in figures.periods),
            dtype=np.bool_,
            count=len(figures.periods),
        )[figures.period_codes]
        later, earlier = self.overlaps[:, 0], self.overlaps[:, 1]
        both = inside[later] & inside[earlier]
        rejected = self.rejected.copy()
        rejected[later[both]] = True
        rejected[earlier[both]] = True
        if both.all():
            return rejected, self.report
        skip = {
            id(self.overlap_problems[k])
            for k in np.flatnonzero(~both).tolist()
            if self.overlap_problems[k] is not None
        }
        return rejected, Report(tuple(p for p in self.report if id(p) not in skip))


def check_figures(
    figures: Figures,
    hierarchy: Hierarchy,
    catalogue: IndicatorCatalogue = BUILTIN_INDICATORS,
    *,
    max_per_code: int | None = DEFAULT_MAX_PER_CODE,
) -> FigureCheck:
    """Run every figure check (see :func:`validate_figures`) and say which rows are unusable.

    The rows to reject are found whatever the cap on listed problems: a
    duplicate past the 1,000th is still left out of every total.

    Returns:
        The :class:`FigureCheck`.
    """
    return _run(figures, hierarchy, catalogue, max_per_code).check()


def validate_figures(
    figures: Figures,
    hierarchy: Hierarchy,
    catalogue: IndicatorCatalogue = BUILTIN_INDICATORS,
    *,
    max_per_code: int | None = DEFAULT_MAX_PER_CODE,
) -> Report:
    """Check figures against the units of *hierarchy* and the indicators of *catalogue*.

    Every problem is reported, sorted by row (see the module table for the
    codes F001-F008).  Definitions:

    * F003: the unit must exist on every day of the period
      (``founded <= start`` and ``end <= dissolved``, both half-open);
    * F004: two figures with the same unit, indicator, period and scope are
      duplicates even when their sources differ (the message says so); each
      repeat is reported, pointing back at the first;
    * F006: for each ratio of the catalogue, a unit, period and scope whose
      numerator figure is > 0 while its denominator figure is 0;
    * F007: a ``distinct`` indicator's figure without keys, a numeric
      indicator's figure with keys (or with no value), and an ``own`` figure
      of a ratio: ratios are computed, only ``total`` figures of a ratio may
      be reported, for reconciliation;
    * F018 (a warning): a ``sum`` or ``stock`` figure of an indicator that
      counts people or units (its unit is ``người``, ``CĐCS``, ``bản`` …,
      see :func:`thidua.values.measure_kind`) that is not a whole number;
    * F008: a unit's ``own`` figures of one ``sum`` or ``distinct``
      indicator for two different periods that overlap (``2025`` and
      ``2025-Q1``): rolled up over time they would be counted twice.
      ``stock`` indicators may be reported for any periods.

    Args:
        figures: the figures.
        hierarchy: the units (their ids and lifetimes).
        catalogue: the indicators.
        max_per_code: list at most this many problems of one code; the rest
            are counted in one ``S030`` summary (``None``: list all).
            *Added in 0.2.0.*

    Returns:
        The report (empty when the figures are clean).

    Examples:
        >>> from thidua.figures import Figure
        >>> from thidua.periods import Period
        >>> from thidua.testing import tiny_dataset
        >>> figs = Figures.from_records([
        ...     Figure(unit="G1", indicator="dialogues", period=Period.year(2024), value=2),
        ...     Figure(unit="G1", indicator="dialogues", period=Period.year(2024), value=3,
        ...            source="BC-2"),
        ... ])
        >>> print(validate_figures(figs, Hierarchy(tiny_dataset()))[0].message)
        ... # doctest: +NORMALIZE_WHITESPACE
        indicator 'dialogues' (Đối thoại tại nơi làm việc) of unit 'G1' (Công đoàn cơ sở
        Trường Tiểu học Kim Liên) for 2024 scope own is given twice (first at figure 1 of
        the list); the sources differ (none and 'BC-2') but it is still a duplicate
    """
    return _run(figures, hierarchy, catalogue, max_per_code).report()


def _run(
    figures: Figures,
    hierarchy: Hierarchy,
    catalogue: IndicatorCatalogue,
    max_per_code: int | None = DEFAULT_MAX_PER_CODE,
) -> _Context:
    ctx = _Context(
        figures, hierarchy, catalogue, None if max_per_code is None else max(0, max_per_code)
    )
    n = len(figures)
    if n == 0:
        return ctx
    # The work is per dictionary entry (units, periods: small) wherever it can be, and
    # few arrays of one element per figure are made: at national size (3 million
    # figures) each such array costs its page faults more than its arithmetic.
    unit_canon = _canonical(figures.unit_codes, figures.units)
    ind_canon = _canonical(figures.indicator_codes, figures.indicators)
    per_canon = _canonical(figures.period_codes, figures.periods)
    scope = figures.scope_codes
    values = figures.values
    n_units, n_inds, n_pers = len(figures.units), len(figures.indicators), len(figures.periods)

    # F001 unknown unit, F003 not alive for the whole period.
    index = _hierarchy_positions(figures.units, hierarchy)  # per unit label
    known_label = index >= 0
    known_unit = known_label[figures.unit_codes]
    ctx.each(
        ~known_unit,
        lambda i: (
            f"figure of indicator {ctx.indicator(i)} for {ctx.period(i)} names unit "
            f"{ctx.uid(i)!r}, which is not in the hierarchy"
        ),
        "F001",
    )
    founded, dissolved, _ = hierarchy.lifetime_arrays()
    starts = np.array([p.start_ordinal for p in figures.periods], dtype=np.int64)
    ends = np.array([p.end_ordinal for p in figures.periods], dtype=np.int64)
    dead = np.zeros(n, dtype=np.bool_)
    if founded.size and n_units:
        safe = np.maximum(index, 0)
        born, gone = founded[safe], dissolved[safe]  # per unit label
        for p in range(n_pers):  # periods are few: one pass over the figures per period
            dead_units = known_label & ((born > starts[p]) | (gone < ends[p]))
            if dead_units.any():
                dead |= (figures.period_codes == p) & dead_units[figures.unit_codes]

    def lifetime(i: int) -> str:
        unit = hierarchy.unit(ctx.uid(i))
        start, end = starts[figures.period_codes[i]], ends[figures.period_codes[i]]
        parts = []
        if unit.founded is not None and unit.founded.toordinal() > start:
            parts.append(f"it exists from {unit.founded.isoformat()}")
        if unit.dissolved is not None and unit.dissolved.toordinal() < end:
            parts.append(f"it was dissolved on {unit.dissolved.isoformat()}")
        return (
            f"unit {ctx.unit(i)} is not alive during the whole period {ctx.period(i)} of "
            f"indicator {ctx.indicator(i)}: {' and '.join(parts)}"
        )

    ctx.each(dead, lifetime, "F003")

    # Per-indicator facts, looked up by code.
    inds = [catalogue.get(code) for code in figures.indicators]
    known_ind = np.array([ind is not None for ind in inds], dtype=np.bool_)[ind_canon]
    ctx.each(
        ~known_ind,
        lambda i: (
            f"figure of unit {ctx.unit(i)} for {ctx.period(i)} names indicator "
            f"{ctx.indicator(i)!s}, which is not in the catalogue"
        ),
        "F002",
    )
    nonneg = np.array([ind is not None and ind.nonnegative for ind in inds], dtype=np.bool_)
    distinct = np.array([ind is not None and not ind.is_numeric for ind in inds], dtype=np.bool_)
    numeric = np.array([ind is not None and ind.is_numeric for ind in inds], dtype=np.bool_)
    ratio = np.array([ind is not None and ind.is_derived for ind in inds], dtype=np.bool_)
    additive = np.array(
        [
            ind is not None and ind.aggregation in (Aggregation.SUM, Aggregation.DISTINCT)
            for ind in inds
        ],
        dtype=np.bool_,
    )

    def what(i: int) -> str:
        return f"indicator {ctx.indicator(i)} of unit {ctx.unit(i)} for {ctx.period(i)}"

    # F005 negative counts.
    ctx.each(
        nonneg[ind_canon] & (values < 0),
        lambda i: f"{what(i)} is {values[i]:g}; it cannot be negative",
        "F005",
    )

    # F018 a count (of people or units) that is not a whole number.
    counting = np.array(
        [
            ind is not None
            and ind.aggregation in (Aggregation.SUM, Aggregation.STOCK)
            and measure_kind(ind.unit) in ("people", "count")
            for ind in inds
        ],
        dtype=np.bool_,
    )
    with np.errstate(invalid="ignore"):
        fractional = counting[ind_canon] & np.isfinite(values) & (values != np.round(values))

    def count_of(i: int) -> str:
        ind = inds[figures.indicator_codes[i]]
        unit = "" if ind is None else ind.unit
        return f"{what(i)} is {values[i]:.12g}, but it counts {unit!r}: a count is a whole number"

    ctx.each(fractional, count_of, "F018")

    # F007 wrong type.
    has_keys = np.zeros(n, dtype=np.bool_)
    if figures.key_sets:
        has_keys[np.fromiter(figures.key_sets, dtype=np.int64, count=len(figures.key_sets))] = True
    own = scope == 0
    ctx.each(
        distinct[ind_canon] & ~has_keys,
        lambda i: (
            f"{what(i)} counts keys (written separated by ';'), but the figure is "
            f"a number ({values[i]:g})"
        ),
        "F007",
    )
    own_ratios = ratio[ind_canon] & own
    ctx.each(
        numeric[ind_canon] & ~own_ratios & (has_keys | np.isnan(values)),
        lambda i: (
            f"{what(i)} takes a number, but the figure "
            + ("holds keys" if has_keys[i] else "has no value")
        ),
        "F007",
    )

    def own_ratio(i: int) -> str:
        ind = inds[figures.indicator_codes[i]]
        assert ind is not None
        return (
            f"{what(i)} is a ratio, computed from {ctx.label(ind.numerator or '')} and "
            f"{ctx.label(ind.denominator or '')}: report those; a ratio may only be given "
            "with scope total, for reconciliation"
        )

    ctx.each(own_ratios, own_ratio, "F007")

    # F004 duplicates: one hash grouping of (unit, indicator, period, scope).
    key = _mixed(unit_canon, (n_inds, ind_canon), (n_pers, per_canon), (2, scope))
    repeated, firsts = _repeats(key, space=max(n_units, 1) * n_inds * n_pers * 2)
    del key
    if repeated.size:
        _duplicates(ctx, repeated, firsts, what)

    # F006 zero denominators, per ratio of the catalogue.
    code_of = {code: i for i, code in reversed(list(enumerate(figures.indicators)))}
    ratios = [
        ind
        for ind in catalogue
        if ind.is_derived and ind.numerator in code_of and ind.denominator in code_of
    ]
    zero = values == 0 if ratios else np.zeros(0, dtype=np.bool_)
    for ind in ratios:
        den_rows = (ind_canon == code_of[ind.denominator or ""]) & zero
        if not den_rows.any():
            continue
        num_rows = (ind_canon == code_of[ind.numerator or ""]) & (values > 0)
        if not num_rows.any():
            continue
        num, den = np.flatnonzero(num_rows), np.flatnonzero(den_rows)
        place_num = _mixed(unit_canon[num], (n_pers, per_canon[num]), (2, scope[num]))
        place_den = _mixed(unit_canon[den], (n_pers, per_canon[den]), (2, scope[den]))
        for i in den[np.isin(place_den, place_num)].tolist():
            ctx.add(
                i,
                "F006",
                f"ratio {ctx.label(ind.code)} of unit {ctx.unit(i)} for {ctx.period(i)} has a "
                f"zero denominator: {ctx.indicator(i)} is 0 while {ctx.label(ind.numerator or '')}"
                " is reported above 0",
            )

    # F008 overlapping periods of an additive indicator (own figures only).
    _overlaps(ctx, additive[ind_canon] & own, (unit_canon, n_inds, ind_canon), per_canon, what)
    return ctx


def _mixed(
    first: Codes,
    *rest: tuple[int, Codes],
) -> IntArray:
    """One int64 key from codes, in mixed radix: ``(first * n1 + c1) * n2 + c2 …``.

    Built in place in one array (each step of the plain expression would make
    another array as long as the figures).

    Examples:
        >>> _mixed(np.array([0, 1, 1]), (3, np.array([2, 0, 1])), (2, np.array([1, 0, 0]))).tolist()
        [5, 6, 8]
    """
    key = first.astype(np.int64)
    for size, codes in rest:
        key *= size
        key += codes
    return key


def _duplicates(
    ctx: _Context, repeated: IntArray, firsts: IntArray, what: Callable[[int], str]
) -> None:
    """F004 for each repeated row (in row order), pointing back at the first row of its key."""
    figures = ctx.figures
    for i, j in zip(repeated.tolist(), firsts.tolist(), strict=True):
        message = f"{what(i)} scope {_scope(figures, i)} is given twice (first at {ctx.where(j)})"
        src_i = figures.sources[figures.source_codes[i]]
        src_j = figures.sources[figures.source_codes[j]]
        if src_i != src_j:
            shown = ["none" if s is None else repr(s) for s in (src_j, src_i)]
            message += (
                f"; the sources differ ({shown[0]} and {shown[1]}) but it is still a duplicate"
            )
        ctx.add(i, "F004", message)
        ctx.partners.append(j)


def _scope(figures: Figures, i: int) -> str:
    return "total" if figures.scope_codes[i] else "own"


def _overlaps(
    ctx: _Context,
    rows: BoolArray,
    series_codes: tuple[Codes, int, Codes],
    periods: Codes,
    what: Callable[[int], str],
) -> None:
    """F008: a series (unit, indicator) reported for two different overlapping periods.

    *series_codes* is (unit codes, number of indicators, indicator codes): the
    series key is made only for the rows of overlapping periods.
    """
    figures = ctx.figures
    plist = figures.periods
    starts = np.array([p.start_ordinal for p in plist], dtype=np.int64)
    ends = np.array([p.end_ordinal for p in plist], dtype=np.int64)
    canon = _first_codes(plist)
    distinct_p = np.flatnonzero(canon == np.arange(len(plist)))
    s, e = starts[distinct_p], ends[distinct_p]
    overlap = (s[:, None] < e[None, :]) & (s[None, :] < e[:, None])
    pairs = [
        (int(distinct_p[a]), int(distinct_p[b]))
        for a, b in zip(*np.nonzero(np.triu(overlap, k=1)), strict=True)
    ]
    if not pairs or not rows.any():
        return
    involved = np.zeros(len(plist), dtype=np.bool_)
    for a, b in pairs:
        involved[a] = involved[b] = True
    sub = np.flatnonzero(rows & involved[periods])
    if sub.size == 0:
        return
    units, n_inds, inds = series_codes
    series = _mixed(units[sub], (n_inds, inds[sub]))
    width = int(series.max()) + 1
    combined = periods[sub].astype(np.int64) * width + series
    order = np.argsort(combined, kind="stable")
    ordered = combined[order]
    starts_of = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    unique_keys = ordered[starts_of]
    first_row = sub[order[starts_of]]
    for a, b in pairs:
        lo_a, hi_a = np.searchsorted(unique_keys, [a * width, (a + 1) * width])
        lo_b, hi_b = np.searchsorted(unique_keys, [b * width, (b + 1) * width])
        series_a = unique_keys[lo_a:hi_a] - a * width
        series_b = unique_keys[lo_b:hi_b] - b * width
        if series_a.size == 0 or series_b.size == 0:
            continue
        at = np.minimum(np.searchsorted(series_a, series_b), series_a.size - 1)
        common = np.flatnonzero(series_a[at] == series_b)
        for k in common.tolist():
            row_b = int(first_row[lo_b + k])
            row_a = int(first_row[lo_a + at[k]])
            later, earlier = max(row_a, row_b), min(row_a, row_b)
            other = str(plist[periods[earlier]])
            ctx.overlaps.append((later, earlier))
            found = ctx.add(
                later,
                "F008",
                f"{what(later)} overlaps the figure for {other} ({ctx.where(earlier)}): "
                f"{_kind(ctx, later)} indicator reported for overlapping periods would be "
                "counted twice; report it for periods that do not overlap",
            )
            ctx.overlap_problems.append(found)


def _kind(ctx: _Context, i: int) -> str:
    ind = ctx.catalogue.get(ctx.figures.indicators[ctx.figures.indicator_codes[i]])
    return "a sum" if ind is None or ind.aggregation is Aggregation.SUM else "a distinct"
