"""The roll-up engine: :func:`roll_up` from figures to totals at every level.

See ``docs/rollup.md`` for the semantics, with a worked example of each
aggregation kind.  In short: own figures whose period lies within the
roll-up period are placed in the structure (as it was at the end of each
figure's period, or restated onto one day through lineage), reduced over
the structure with each indicator's rule, and compared with the totals the
units reported.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, overload

import numpy as np
import numpy.typing as npt
import pendulum

from thidua._dates import as_date, from_ordinal
from thidua._graph import BoolArray, IntArray
from thidua.errors import InvalidArgumentError, UnknownNameError
from thidua.figures import (
    BUILTIN_INDICATORS,
    SUMMARISED_CODES,
    Aggregation,
    FigureCheck,
    Figures,
    IndicatorCatalogue,
    check_figures,
)
from thidua.hierarchy import Hierarchy, Relation, Snapshot, check_rank
from thidua.periods import Period, parse_period
from thidua.problems import Problem, Report, problem
from thidua.rollup._closure import Structure, relation_names, sorted_unique, structure
from thidua.rollup._layout import Flag, FlagArray, FloatArray, Layout, derive, resolve_codes
from thidua.rollup._records import Basis, Discrepancy, State
from thidua.rollup._result import RollUp
from thidua.rollup._rows import (
    Rows,
    attach_weights,
    mark_latest_stocks,
    period_arrays,
    place_as_was,
    place_restated,
    select,
)
from thidua.rollup._totals import accumulate, reported_matrix
from thidua.typing import DateLike

if TYPE_CHECKING:
    from thidua.workspace import Workspace

__all__ = ["roll_up"]

REPORTING_KINDS = ("grassroots", "trade_grassroots")
"""The kinds counted by coverage unless told otherwise: grassroots unions."""
ROUNDING = 1e-9
"""Relative difference always tolerated: floating-point rounding of sums, not a disagreement."""


class Structures:
    """Snapshots and accumulation structures of a few days, one per distinct structure.

    Two days share one snapshot when no founding, dissolution or link
    boundary lies between them, so a year of quarterly figures on an
    unchanged structure costs one snapshot, not four.  Finding that is
    O(units + links) with one vectorised ``searchsorted``.
    """

    def __init__(self, hierarchy: Hierarchy, relation: Relation, days: Iterable[int]) -> None:
        self.hierarchy, self.relation = hierarchy, relation
        ordered = np.unique(np.fromiter(days, dtype=np.int64))
        founded, dissolved, _ = hierarchy.lifetime_arrays()
        _, _, _, start, end, _ = hierarchy.link_arrays()
        bounds = np.concatenate([founded, dissolved, start, end])
        where = np.searchsorted(ordered, bounds, side="left")
        bins = np.bincount(where, minlength=ordered.size + 1)
        change = np.concatenate(([0], np.cumsum(bins[1 : ordered.size] > 0)))
        self._era: dict[int, int] = dict(zip(ordered.tolist(), change.tolist(), strict=True))
        self._snapshots: dict[int, Snapshot] = {}
        self._structures: dict[int, Structure] = {}

    def era(self, day: int) -> int:
        """The number of the structure of *day* (equal days share one)."""
        return self._era[day]

    def snapshot(self, day: int) -> Snapshot:
        """The snapshot of *day*'s structure (built once per distinct structure)."""
        era = self._era[day]
        if era not in self._snapshots:
            self._snapshots[era] = self.hierarchy.as_of(from_ordinal(day))
        return self._snapshots[era]

    def structure(self, day: int) -> Structure:
        """The accumulation structure of *day* in the roll-up's relation."""
        era = self._era[day]
        if era not in self._structures:
            self._structures[era] = structure(self.snapshot(day), self.relation)
        return self._structures[era]


def _as_period(period: Period | str | int) -> Period:
    if isinstance(period, Period):
        return period
    if isinstance(period, bool) or not isinstance(period, int | str):
        msg = f"period must be a Period, text such as '2024' or a year, not {period!r}"
        raise InvalidArgumentError(msg)
    if isinstance(period, int):
        return parse_period(str(period))
    return parse_period(period)


def _check_relation(hierarchy: Hierarchy, relation: Relation) -> None:
    names = relation_names(relation, hierarchy.relations)
    unknown = [r for r in names if r not in hierarchy.relations]
    if len(unknown) == 1:
        raise UnknownNameError("relation", unknown[0], hierarchy.relations)
    if unknown or not names:
        known = ", ".join(hierarchy.relations)
        msg = f"unknown relation(s) {unknown or list(names)!r}; the hierarchy has: {known}"
        raise InvalidArgumentError(msg)


def _basis_and_day(
    basis: Basis | str | None,
    period: Period,
    as_of: DateLike | None,
    restate_to: DateLike | None,
) -> tuple[Basis, pendulum.Date]:
    if basis is None:
        basis = Basis.AS_WAS if restate_to is None else Basis.RESTATED
    try:
        chosen = basis if isinstance(basis, Basis) else Basis(basis)
    except ValueError:
        msg = f"basis must be 'as_was' or 'restated', not {basis!r}"
        raise InvalidArgumentError(msg) from None
    if chosen is Basis.RESTATED:
        if restate_to is None:
            msg = "a restated roll-up needs restate_to, the day of the structure to restate onto"
            raise InvalidArgumentError(msg)
        if as_of is not None:
            msg = "as_of applies to as-was roll-ups; a restated roll-up uses restate_to"
            raise InvalidArgumentError(msg)
        return chosen, as_date(restate_to)
    if restate_to is not None:
        msg = "restate_to gives a restated roll-up; it cannot be combined with basis='as_was'"
        raise InvalidArgumentError(msg)
    return chosen, as_date(as_of) if as_of is not None else period.end.subtract(days=1)


def _unit_kinds(hierarchy: Hierarchy) -> list[str]:
    return list(hierarchy.unit_columns().kind)


def _output_mask(
    hierarchy: Hierarchy,
    base: BoolArray,
    ranks: Iterable[int] | None,
    kinds: Iterable[str] | None,
    units: Iterable[str] | None,
    unit_kinds: list[str],
) -> BoolArray:
    out = base.copy()
    scheme = hierarchy.dataset.scheme
    if ranks is not None:
        wanted_ranks = [check_rank("(roll-up filter)", r) for r in ranks]
        known_ranks = sorted({lv.rank for lv in scheme})
        for r in wanted_ranks:
            if r not in known_ranks:
                raise UnknownNameError("rank", r, known_ranks)
        out &= np.isin(hierarchy.lifetime_arrays().rank, np.asarray(wanted_ranks, dtype=np.int64))
    if kinds is not None:
        wanted = set(kinds)
        known_kinds = list(dict.fromkeys([*scheme.kinds, *unit_kinds]))
        for k in sorted(wanted):
            if k not in known_kinds:
                raise UnknownNameError("kind", k, known_kinds)
        out &= np.fromiter((k in wanted for k in unit_kinds), dtype=np.bool_, count=out.size)
    if units is not None:
        chosen = np.zeros(out.size, dtype=np.bool_)
        chosen[[hierarchy.index_of(u) for u in units]] = True
        out &= chosen
    return out


def _fmt(x: float) -> str:
    if np.isnan(x):
        return "nothing"
    return str(int(x)) if float(x).is_integer() else f"{x:.12g}"


def _unplaced_problems(
    hierarchy: Hierarchy,
    figures: Figures,
    lost: IntArray,
    basis: Basis,
    day: pendulum.Date,
    period: Period,
) -> list[Problem]:
    out: list[Problem] = []
    if lost.size == 0:
        return out
    units = figures.unit_codes[lost]
    for code in sorted_unique(units.astype(np.int64)).tolist():
        mine = lost[units == code]
        uid = figures.units[code]
        inds = sorted({figures.indicators[i] for i in figures.indicator_codes[mine].tolist()})
        name = hierarchy.name_on(uid, period.end.subtract(days=1))
        why = (
            f"it has no successor alive on {day.isoformat()}"
            if basis is Basis.RESTATED
            else "the unit is not in the structure on the last day of their period"
        )
        out.append(
            problem(
                "F014",
                f"{mine.size} figure(s) of unit {uid!r} ({name}) for {', '.join(inds)} "
                f"could not be placed: {why}",
                subject=uid,
            )
        )
    return out


def _reconcile(
    hierarchy: Hierarchy,
    figures: Figures,
    period: Period,
    layout: Layout,
    values: FloatArray,
    flags: FlagArray,
    out_mask: BoolArray,
    day: pendulum.Date,
    tolerance: float,
    rel_tolerance: float,
) -> tuple[list[Discrepancy], list[Problem]]:
    index = hierarchy.unit_index
    same = np.fromiter((p == period for p in figures.periods), dtype=np.bool_)
    total_rows = np.flatnonzero((figures.scope_codes == 1) & same[figures.period_codes])
    found: list[Discrepancy] = []
    problems: list[Problem] = []
    zero_if_none = (Aggregation.SUM, Aggregation.STOCK, Aggregation.DISTINCT)
    for i in total_rows.tolist():
        uid = figures.units[figures.unit_codes[i]]
        code = figures.indicators[figures.indicator_codes[i]]
        u, j = index.get(uid), layout.col_of.get(code)
        if u is None or j is None or not out_mask[u]:
            continue
        if flags[u, j] & np.uint8(Flag.OVERFLOW):
            continue  # no total to compare with: F016 already says so
        keys = figures.key_sets.get(i)
        reported = float(len(keys)) if keys is not None else float(figures.values[i])
        computed = float(values[u, j])
        if np.isnan(computed) and layout.kinds[j] in zero_if_none:
            computed = 0.0
        diff = reported - computed
        allowed = max(tolerance, (rel_tolerance + ROUNDING) * abs(computed))
        if not np.isnan(diff) and abs(diff) <= allowed:
            continue
        source = figures.sources[figures.source_codes[i]]
        found.append(
            Discrepancy(
                unit=uid,
                indicator=code,
                period=period,
                reported=reported,
                computed=computed,
                difference=diff,
                source=source,
            )
        )
        name = hierarchy.name_on(uid, day)
        problems.append(
            problem(
                "F011",
                f"unit {uid!r} ({name}) reported a total of {_fmt(reported)} for {code!r} in "
                f"{period}, but its units add up to {_fmt(computed)} "
                f"(difference {_fmt(diff)})" + (f"; source {source}" if source else ""),
                subject=uid,
            )
        )
    return found, problems


def _place(
    hierarchy: Hierarchy,
    figures: Figures,
    rows: Rows,
    layout: Layout,
    basis: Basis,
    day: pendulum.Date,
    relation: Relation,
) -> tuple[Structures, list[int], Rows, IntArray]:
    """Place the rows: the structures, the day of each, the placed rows and the lost ones.

    As-was, figures are grouped by the structure of their period's last day
    (periods ending in one unchanged structure share it); restated, every
    figure goes to the structure of *day* through lineage.
    """
    day_ord = day.toordinal()
    if basis is Basis.RESTATED:
        structures = Structures(hierarchy, relation, [day_ord])
        mask = structures.snapshot(day_ord).mask()
        placed, lost = place_restated(rows, hierarchy, mask, day, layout)
        return structures, [day_ord], placed, lost
    _, end, _ = period_arrays(figures)
    used = np.flatnonzero(np.bincount(rows.pc, minlength=len(figures.periods)))
    ends = (end[used] - 1).tolist()
    structures = Structures(hierarchy, relation, [*ends, day_ord])
    group_days: list[int] = []
    group_of_era: dict[int, int] = {}
    group_of_pc = np.full(len(figures.periods), -1, dtype=np.int64)
    for pc, d in zip(used.tolist(), ends, strict=True):
        era = structures.era(d)
        if era not in group_of_era:
            group_of_era[era] = len(group_days)
            group_days.append(d)
        group_of_pc[pc] = group_of_era[era]
    masks = [structures.snapshot(d).mask() for d in group_days]
    placed, lost = place_as_was(rows, group_of_pc, masks)
    return structures, group_days, placed, lost


def _coverage(
    structure: Structure, expected: BoolArray, reported: BoolArray
) -> npt.NDArray[np.int32]:
    """Per unit: expected units below it (column 0) and reporting ones per indicator."""
    cover = np.empty((expected.size, 1 + reported.shape[1]), dtype=np.int32)
    cover[:, 0] = expected
    cover[:, 1:] = reported
    return structure.reduce(cover, "add")


@overload
def roll_up(
    source: Workspace,
    period: Period | str | int,
    /,
    *,
    indicators: str | Sequence[str] | None = None,
    catalogue: IndicatorCatalogue | None = None,
    basis: Basis | str | None = None,
    as_of: DateLike | None = None,
    restate_to: DateLike | None = None,
    relation: Relation = "admin",
    ranks: Iterable[int] | None = None,
    kinds: Iterable[str] | None = None,
    units: Iterable[str] | None = None,
    reporting_kinds: Iterable[str] = REPORTING_KINDS,
    tolerance: float = 0.0,
    rel_tolerance: float = 0.0,
) -> RollUp: ...


@overload
def roll_up(
    source: Hierarchy,
    figures: Figures,
    period: Period | str | int,
    /,
    *,
    indicators: str | Sequence[str] | None = None,
    catalogue: IndicatorCatalogue | None = None,
    basis: Basis | str | None = None,
    as_of: DateLike | None = None,
    restate_to: DateLike | None = None,
    relation: Relation = "admin",
    ranks: Iterable[int] | None = None,
    kinds: Iterable[str] | None = None,
    units: Iterable[str] | None = None,
    reporting_kinds: Iterable[str] = REPORTING_KINDS,
    tolerance: float = 0.0,
    rel_tolerance: float = 0.0,
) -> RollUp: ...


def roll_up(
    source: Workspace | Hierarchy,
    figures: Figures | Period | str | int,
    period: Period | str | int | None = None,
    /,
    *,
    indicators: str | Sequence[str] | None = None,
    catalogue: IndicatorCatalogue | None = None,
    basis: Basis | str | None = None,
    as_of: DateLike | None = None,
    restate_to: DateLike | None = None,
    relation: Relation = "admin",
    ranks: Iterable[int] | None = None,
    kinds: Iterable[str] | None = None,
    units: Iterable[str] | None = None,
    reporting_kinds: Iterable[str] = REPORTING_KINDS,
    tolerance: float = 0.0,
    rel_tolerance: float = 0.0,
) -> RollUp:
    """Roll the own figures of *period* up the hierarchy: a total for every unit and indicator.

    Called as ``roll_up(workspace, period, ...)`` (the figures, catalogue and
    hierarchy of a :class:`~thidua.workspace.Workspace`) or as
    ``roll_up(hierarchy, figures, period, ...)``.  Either way the figure
    checks of :func:`thidua.validate_figures` run first (a workspace keeps
    them from its validation): their problems are in :attr:`RollUp.problems`,
    and the rows of a conflict (a duplicate figure and the one it repeats, an
    additive indicator reported for overlapping periods, a negative count, an
    unknown unit or indicator, a value of the wrong type) never enter a total.
    A roll-up never sums figures that were not checked.

    Args:
        source: the workspace, or the indexed history (then give *figures*).
        figures: the figure store (with a hierarchy); only ``scope=own``
            figures roll up, and ``scope=total`` figures of exactly *period*
            are reconciled.
        period: the roll-up period (a :class:`Period`, text such as ``"2024"``,
            or a year as an integer).
            Figures whose period lies within it are used; figures that only
            overlap it are left out and counted in :attr:`RollUp.excluded`.
        indicators: codes to compute (their inputs are added); default every
            catalogued indicator present plus the ratios whose inputs are present.
        catalogue: the indicator definitions (default: the workspace's, else
            the built-in catalogue).
        basis: redundant since 0.2 (kept for 0.1 code): the roll-up is
            restated when *restate_to* is given, as-was otherwise.  As-was rolls each figure
            along the structure of the last day of its own period; restated
            rolls all of them along the structure of *restate_to*, through
            lineage with shares.
        as_of: as-was only: the day whose units are the output rows and
            coverage base (default: the last day of *period*).
        restate_to: restate onto the structure of this day.
        relation: ``"admin"`` (the fast forest path), another relation name, a
            sequence of names (their union) or ``None`` for all relations.  A
            unit reachable along several paths counts once in every ancestor.
        ranks: keep only output rows of these ranks.
        kinds: keep only output rows of these kinds.
        units: keep only these output rows (ids).  The three filters select
            rows; totals still include everything below.
        reporting_kinds: the kinds whose units are expected to report (coverage).
        tolerance: absolute tolerance of the reconciliation.
        rel_tolerance: relative tolerance of the reconciliation (of the computed
            total).  A relative difference below ``1e-9`` (float rounding) is
            always tolerated.

    Returns:
        The :class:`RollUp`: values, coverage, discrepancies, problems.

    Raises:
        UnknownIndicatorError: a requested indicator is not in the catalogue.
        UnknownUnitError: an id in *units* is not in the hierarchy.
        InvalidArgumentError: a bad *basis*, relation, period or day argument,
            or an indicator definition the engine cannot compute.

    Notes:
        Complexity: O(rows) vectorised for the figures, plus, per distinct
        structure among the figures' period ends, O(n · c) for the admin
        forest (n units, c channels) or O(P · c) for P de-duplicated
        (descendant, ancestor) pairs of other relations.  Restating walks the
        lineage once per figure unit not alive on *restate_to*.

    Examples:
        >>> from thidua import Hierarchy
        >>> from thidua.figures import Figure, Figures
        >>> from thidua.periods import Period
        >>> from thidua.testing import tiny_dataset
        >>> h = Hierarchy(tiny_dataset())
        >>> figs = Figures.from_records([
        ...     Figure(unit="G1", indicator="new_members", period=Period.year(2024), value=12),
        ...     Figure(unit="G2", indicator="new_members", period=Period.year(2024), value=30),
        ... ])
        >>> r = roll_up(h, figs, "2024")
        >>> r.value("D1", "new_members"), r.value("HN", "new_members")
        (42.0, 42.0)
        >>> r2 = roll_up(h, figs, 2024, restate_to="2026-01-01")
        >>> r2.value("W1", "new_members"), "D1" in r2
        (42.0, False)
    """
    from thidua.workspace import Workspace  # noqa: PLC0415 - the workspace imports this module

    check: FigureCheck | None = None
    if isinstance(source, Workspace):
        if period is not None:
            msg = "roll_up(workspace, period): the workspace holds the figures; give no figures"
            raise InvalidArgumentError(msg)
        if not isinstance(figures, Period | str | int):
            msg = f"roll_up(workspace, period): period must be a period, not {figures!r}"
            raise InvalidArgumentError(msg)
        hierarchy, store, the_period = source.hierarchy, source.figures, figures
        if catalogue is None or catalogue is source.catalogue:
            catalogue, check = source.catalogue, source.figure_check()
    elif isinstance(source, Hierarchy):
        if not isinstance(figures, Figures) or period is None:
            msg = "roll_up(hierarchy, figures, period): give the figures and the period"
            raise InvalidArgumentError(msg)
        hierarchy, store, the_period = source, figures, period
    else:  # reachable from untyped code
        msg = f"roll_up needs a Workspace or a Hierarchy, not {type(source).__name__}"  # type: ignore[unreachable]
        raise InvalidArgumentError(msg)
    if catalogue is None:
        catalogue = BUILTIN_INDICATORS
    if check is None:
        check = check_figures(store, hierarchy, catalogue)
    return _roll_up(
        hierarchy,
        store,
        _as_period(the_period),
        check,
        indicators=indicators,
        catalogue=catalogue,
        basis=basis,
        as_of=as_of,
        restate_to=restate_to,
        relation=relation,
        ranks=ranks,
        kinds=kinds,
        units=units,
        reporting_kinds=reporting_kinds,
        tolerance=tolerance,
        rel_tolerance=rel_tolerance,
    )


def _roll_up(
    hierarchy: Hierarchy,
    figures: Figures,
    period: Period,
    check: FigureCheck,
    *,
    indicators: str | Sequence[str] | None,
    catalogue: IndicatorCatalogue,
    basis: Basis | str | None,
    as_of: DateLike | None,
    restate_to: DateLike | None,
    relation: Relation,
    ranks: Iterable[int] | None,
    kinds: Iterable[str] | None,
    units: Iterable[str] | None,
    reporting_kinds: Iterable[str],
    tolerance: float,
    rel_tolerance: float,
) -> RollUp:
    rejected, concerning = check.for_period(period, figures)
    # Unknown units and indicators and values of the wrong type are reported by the
    # engine itself, once per unit or indicator; the rest of the checks come first.
    checked: list[Problem] = [p for p in concerning if p.code not in SUMMARISED_CODES]
    if rejected.any():
        figures = figures.take(np.flatnonzero(~rejected))
    chosen_basis, day = _basis_and_day(basis, period, as_of, restate_to)
    _check_relation(hierarchy, relation)
    # None or ["admin"] over a history with admin links only is still the forest.
    names = set(relation_names(relation, hierarchy.relations))
    along: Relation = "admin" if names == {"admin"} else relation
    wanted = indicators if indicators is None or isinstance(indicators, str) else tuple(indicators)
    codes, problems = resolve_codes(figures, catalogue, wanted)
    problems = checked + list(problems)
    layout = Layout(codes, catalogue)
    n = len(hierarchy)
    rows, excluded, found = select(hierarchy, figures, period, layout)
    problems += found
    attach_weights(rows, layout, figures, n)
    _, _, rank = period_arrays(figures)
    day_ord = day.toordinal()
    structures, group_days, placed, lost = _place(
        hierarchy, figures, rows, layout, chosen_basis, day, along
    )
    mark_latest_stocks(placed, layout, rank, n)
    totals = accumulate(layout, placed, [structures.structure(d) for d in group_days], figures, n)
    counts = totals.distinct_counts()
    values, flags = derive(layout, totals.sums, totals.mins, totals.maxs, totals.bits, counts)
    day_snapshot = structures.snapshot(day_ord)
    base = day_snapshot.mask().copy()
    if chosen_basis is Basis.AS_WAS:
        base |= totals.bits.any(axis=1) | (counts > 0).any(axis=1)
    unit_kinds = _unit_kinds(hierarchy)
    out_mask = _output_mask(hierarchy, base, ranks, kinds, units, unit_kinds)
    reporting = sorted(frozenset(reporting_kinds))
    expected_mask = day_snapshot.mask() & np.isin(np.asarray(unit_kinds, dtype=str), reporting)
    reported = reported_matrix(layout, placed, n) & expected_mask[:, None]
    cover = _coverage(structures.structure(day_ord), expected_mask, reported)
    discrepancies, found = _reconcile(
        hierarchy, figures, period, layout, values, flags, out_mask, day, tolerance, rel_tolerance
    )
    problems += _unplaced_problems(hierarchy, figures, lost, chosen_basis, day, period)
    problems += found
    state = State(
        hierarchy=hierarchy,
        figures=figures,
        layout=layout,
        period=period,
        basis=chosen_basis,
        day=day,
        relation=relation,
        rows=np.flatnonzero(out_mask),
        values=values,
        flags=flags,
        totals=totals,
        coverage=cover,
        reported_units=reported,
        expected_units=expected_mask,
        placed=placed,
        snapshots=tuple(structures.snapshot(d) for d in group_days),
        day_snapshot=day_snapshot,
        excluded=excluded,
        problems=Report(tuple(problems)),
        discrepancies=tuple(discrepancies),
        unplaced=lost,
    )
    return RollUp(state)
