"""Evaluating a campaign as of a day: :func:`evaluate_campaign` (issue 7 §2).

The pledges are met by **rolled-up figures** (:func:`thidua.rollup.roll_up`,
each indicator's rule, as it was), over the figures whose periods lie
within ``[start, D]``; works, pledgers and contests are counted over every
unit's subtree on the report day.  Bulk tables (pledges, works, entries) are
read as columns and counted with numpy: no object per row is built until a
report row is asked for.  See ``docs/campaigns.md``, section *Evaluation*.

.. versionadded:: 0.3.0
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt
import pendulum

from thidua._dates import as_date
from thidua.campaigns._report import (
    COUNT_COLUMNS,
    STATES,
    CampaignReport,
    ClusterPeriod,
    Columns,
    ContestResult,
    PledgeColumns,
    PledgeState,
)
from thidua.errors import InvalidArgumentError, ThiduaValidationError
from thidua.figures import Direction
from thidua.io import DataTable, ParsedColumn, parse_column
from thidua.periods import Period
from thidua.problems import CampaignCode, PledgeCode, Problem, Report, problem
from thidua.rollup import roll_up

if TYPE_CHECKING:
    from thidua.campaigns._records import Campaign
    from thidua.hierarchy import Hierarchy, Snapshot
    from thidua.typing import DateLike
    from thidua.workspace import Workspace

__all__ = ["evaluate_campaign"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

_STATE_CODE = {s: i for i, s in enumerate(STATES)}
_WORKS = COUNT_COLUMNS.index("works_registered")
_STATE0 = COUNT_COLUMNS.index(f"pledges_{STATES[0].value}")


# -- reading columns -----------------------------------------------------------------------------


def _parsed(table: DataTable, field: str, workspace: Workspace | None) -> ParsedColumn:
    """The typed column *field*, read once per workspace (kept with it).

    The reading problems are the workspace checks' (already reported): dropped here.
    """
    if workspace is None:
        return parse_column(table, field, [])
    key = f"campaigns.evaluation.column:{table.name}:{field}"
    return workspace.cached(key, lambda: parse_column(table, field, []))


def _column(
    workspace: Workspace | None,
    table: DataTable,
    field: str,
    convert: Callable[[Any], Any],
    dtype: Any,  # noqa: ANN401
    *,
    keep: str | None = None,
) -> Any:  # noqa: ANN401
    """The column *field* as a numpy array, each distinct value converted once.

    With *keep* (a name for the conversion, which must depend on nothing but
    the workspace), the array is kept with the workspace.
    """

    def build() -> Any:  # noqa: ANN401
        parsed = _parsed(table, field, workspace)
        uniques = np.asarray([convert(v) for v in parsed.uniques], dtype=dtype)
        if len(table) == 0:
            return np.empty(0, dtype=dtype)
        return uniques[parsed.codes]

    if keep is None or workspace is None:
        return build()
    return workspace.cached(f"campaigns.evaluation.array:{table.name}:{field}:{keep}", build)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _ordinal(value: object, missing: int) -> int:
    return missing if value is None else int(value.toordinal())  # type: ignore[attr-defined]


def _enum_value(value: object, default: str) -> str:
    if value is None:
        return default
    return str(getattr(value, "value", value))


# -- checks --------------------------------------------------------------------------------------


def checked_problems(workspace: Workspace) -> Report:
    """The problems of the checks an evaluation needs: figures, campaigns, contests.

    Run once per workspace (kept with it): the figure checks of
    :meth:`Workspace.figure_check`, :func:`check_campaigns` (campaigns,
    targets, pledges, works) and :func:`check_contests` (contests, entries,
    cluster scores).  The hierarchy checks are those of :func:`thidua.validate`.
    """
    from thidua.campaigns import check_campaigns, check_contests  # noqa: PLC0415

    def build() -> Report:
        return (
            workspace.figure_check().report + check_campaigns(workspace) + check_contests(workspace)
        )

    return workspace.cached("campaigns.evaluation_checks", build)


# -- structure helpers -----------------------------------------------------------------------------


class _Tree:
    """The admin forest of the report day: placing units on it and summing over subtrees."""

    def __init__(self, hierarchy: Hierarchy, day: pendulum.Date) -> None:
        self.hierarchy, self.day = hierarchy, day
        self.snapshot: Snapshot = hierarchy.as_of(day)
        self.alive = self.snapshot.mask()
        self.parent = self.snapshot.parent_array()
        depth = self.snapshot.depth_array()
        top = int(depth.max()) if depth.size else -1
        self.levels = [np.flatnonzero(depth == d) for d in range(top, 0, -1)]
        self.lost: dict[int, None] = {}

    def place(self, units: IntArray) -> IntArray:
        """Each unit on the report day: itself if alive, else its largest successor, else -1.

        A unit is followed through lineage (:meth:`Hierarchy.successors_on`)
        only when it is not alive on the day; each such unit is looked up once.
        """
        out = units.copy()
        known = units >= 0
        dead = np.zeros(units.size, dtype=bool)
        dead[known] = ~self.alive[units[known]]
        if not dead.any():
            return out
        ids = self.hierarchy.ids
        index = self.hierarchy.unit_index
        gone, inverse = np.unique(units[dead], return_inverse=True)
        target = np.full(gone.size, -1, dtype=np.int64)
        for k, u in enumerate(gone.tolist()):
            shares = self.hierarchy.successors_on(ids[u], self.day)
            alive = {s: w for s, w in shares.items() if self.alive[index[s]]}
            if alive:
                target[k] = index[max(alive, key=lambda s: (alive[s], s))]
            else:
                self.lost[u] = None
        out[dead] = target[inverse]
        return out

    def subtree_sums(self, matrix: IntArray) -> IntArray:
        """Add each row of *matrix* (one per unit) into every admin ancestor on the day."""
        out = matrix.copy()
        for level in self.levels:
            np.add.at(out, self.parent[level], out[level])
        return out

    def ancestor_pairs(self, placed: IntArray) -> tuple[IntArray, IntArray]:
        """(ancestor-or-self, item) pairs of items placed on units, walking up the forest."""
        rows, items = [], []
        current = placed.copy()
        item = np.arange(placed.size, dtype=np.int64)
        keep = current >= 0
        current, item = current[keep], item[keep]
        while current.size:
            rows.append(current)
            items.append(item)
            current = self.parent[current]
            keep = current >= 0
            current, item = current[keep], item[keep]
        if not rows:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty
        return np.concatenate(rows), np.concatenate(items)


def _count(placed: IntArray, n: int, weights: BoolArray | None = None) -> IntArray:
    ok = placed >= 0
    if weights is not None:
        ok &= weights
    return np.bincount(placed[ok], minlength=n).astype(np.int64)


def scope_indices(workspace: Workspace, campaign: Campaign) -> IntArray:
    """The index positions of the units in *campaign*'s scope on its start date.

    The units of :func:`thidua.campaigns.scope_units`, as a sorted index array.
    """
    from thidua.campaigns import scope_units  # noqa: PLC0415

    def build() -> IntArray:
        index = workspace.hierarchy.unit_index
        found = scope_units(workspace, campaign)
        return np.sort(np.fromiter((index[u] for u in found if u in index), np.int64))

    return workspace.cached(f"campaigns.evaluation.scope:{campaign.id}", build)


# -- people as pledgers ----------------------------------------------------------------------------


def _memberships(workspace: Workspace) -> dict[str, list[tuple[int, int, int]]]:
    """Person id → their memberships as (first day, day after, unit index), by first day."""

    def build() -> dict[str, list[tuple[int, int, int]]]:
        table = workspace.table("memberships")
        out: dict[str, list[tuple[int, int, int]]] = {}
        if not len(table):
            return out
        index = workspace.hierarchy.unit_index
        person = [p.strip() for p in table.text("person")]
        unit = [u.strip() for u in table.text("unit")]
        start = parse_column(table, "valid_from", []).values()
        end = parse_column(table, "valid_to", []).values()
        for who, u, a, b in zip(person, unit, start, end, strict=True):
            if who and u in index and a is not None:
                out.setdefault(who, []).append(
                    (a.toordinal(), 2**62 if b is None else b.toordinal(), index[u])
                )
        for spans in out.values():
            spans.sort()
        return out

    return workspace.cached("campaigns.evaluation.memberships", build)


def _people_at_units(
    workspace: Workspace,
    pledger: IntArray,
    text: npt.NDArray[np.object_],
    day: IntArray,
) -> BoolArray:
    """Place the pledgers that are people at the unit of their membership on *day* (in place).

    A person with no membership that day is placed at the last unit they joined
    before it (or their first).  Returns which rows are people.
    """
    spans = _memberships(workspace)
    person = np.zeros(pledger.size, dtype=bool)
    if not spans:
        return person
    for i in np.flatnonzero(pledger < 0).tolist():
        found = spans.get(str(text[i]))
        if not found:
            continue
        person[i] = True
        on = [u for a, b, u in found if a <= day[i] < b]
        before = [u for a, _, u in found if a <= day[i]]
        pledger[i] = on[0] if on else before[-1] if before else found[0][2]
    return person


# -- the pledges -----------------------------------------------------------------------------------


def _direction(workspace: Workspace, indicator: str) -> str:
    found = workspace.catalogue.get(indicator)
    return Direction.HIGHER.value if found is None else found.direction.value


def _overlapping(
    workspace: Workspace, window: Period, indicators: Iterable[str], campaign: str
) -> list[Problem]:
    """One warning per unit whose own figures of *indicators* only overlap *window*."""
    figs = workspace.figures
    if not len(figs):
        return []
    wanted = set(workspace.catalogue.closure(indicators))
    ind_ok = np.asarray([c in wanted for c in figs.indicators], dtype=bool)
    w0, w1 = window.start_ordinal, window.end_ordinal
    straddles = np.asarray(
        [
            p.start_ordinal < w1
            and w0 < p.end_ordinal
            and not (w0 <= p.start_ordinal and p.end_ordinal <= w1)
            for p in figs.periods
        ],
        dtype=bool,
    )
    rows = np.flatnonzero(
        ind_ok[figs.indicator_codes] & straddles[figs.period_codes] & (figs.scope_codes == 0)
    )
    out: list[Problem] = []
    if not rows.size:
        return out
    units = figs.unit_codes[rows]
    order = np.argsort(units, kind="stable")
    rows, units = rows[order], units[order]
    starts = np.flatnonzero(np.r_[True, units[1:] != units[:-1]])
    h = workspace.hierarchy
    for part in np.split(rows, starts[1:]):
        uid = figs.units[figs.unit_codes[part[0]]]
        named = ", ".join(
            f"{figs.indicators[figs.indicator_codes[i]]} {figs.periods[figs.period_codes[i]]}"
            for i in part.tolist()
        )
        name = h.name_on(uid, window.end.subtract(days=1)) if uid in h.unit_index else uid
        out.append(
            problem(
                CampaignCode.FIGURES_ONLY_OVERLAP,
                f"campaign {campaign!r}: {part.size} figure(s) of unit {uid!r} ({name}) only "
                f"overlap the window {window.start.isoformat()} to "
                f"{window.end.subtract(days=1).isoformat()} and are left out: {named}",
                subject=uid,
            )
        )
    return out


def _evaluate_pledges(
    workspace: Workspace,
    family: Sequence[Campaign],
    as_of: pendulum.Date,
    restate_to: DateLike | None,
    problems: list[Problem],
) -> tuple[PledgeColumns, IntArray, IntArray, BoolArray]:
    """The pledges of *family* registered by *as_of*, evaluated.

    Returns the results, the pledger index of each, its state code, and
    whether it is active (not cancelled).
    """
    table = workspace.table("pledges")
    h = workspace.hierarchy
    index = h.unit_index
    by_id = {c.id: k for k, c in enumerate(family)}
    camp = _column(workspace, table, "campaign", lambda v: by_id.get(_text(v), -1), np.int64)
    registered = _column(
        workspace, table, "registered_on", lambda v: _ordinal(v, -(2**62)), np.int64, keep="ord"
    )
    keep = np.flatnonzero((camp >= 0) & (registered <= as_of.toordinal()))
    empty = np.empty(0, dtype=np.int64)
    if not keep.size:
        none = np.empty(0, dtype=object)
        nothing = np.empty(0)
        columns = PledgeColumns(
            ids=none,
            campaigns=none,
            pledgers=none,
            indicators=none,
            plan=nothing,
            actual=nothing,
            percent=nothing,
            state=empty,
            lower=np.empty(0, dtype=bool),
            rows=empty,
        )
        return columns, empty, empty, np.empty(0, dtype=bool)
    ids = np.asarray(table.text("id"), dtype=object)[keep]
    camp = camp[keep]
    pledger_text = _column(workspace, table, "pledger", _text, object, keep="text")[keep]
    pledger = _column(
        workspace, table, "pledger", lambda v: index.get(_text(v), -1), np.int64, keep="index"
    )[keep].copy()
    starts = np.asarray([c.start.toordinal() for c in family if c.start is not None])
    person = _people_at_units(
        workspace,
        pledger,
        pledger_text,
        np.where(registered[keep] < 0, starts[camp], registered[keep]),
    )
    indicator = _column(workspace, table, "indicator", _text, object, keep="text")[keep]
    plan = _column(
        workspace,
        table,
        "plan",
        lambda v: np.nan if v is None else float(v),
        np.float64,
        keep="float",
    )[keep]
    cancelled = _column(
        workspace,
        table,
        "status",
        lambda v: _enum_value(v, "active") == "cancelled",
        bool,
        keep="cancelled",
    )[keep]
    actual = np.full(keep.size, np.nan)
    ended = np.zeros(keep.size, dtype=bool)
    # One roll-up per distinct window; campaigns of the cascade usually share one.
    windows: dict[tuple[pendulum.Date, pendulum.Date], list[int]] = {}
    for k, c in enumerate(family):
        assert c.start is not None
        assert c.end is not None
        ended[camp == k] = as_of >= c.end
        last = min(as_of, c.end)
        if last >= c.start:
            windows.setdefault((c.start, last), []).append(k)
    n = len(h)
    for (start, last), members in windows.items():
        sel = np.flatnonzero(np.isin(camp, members) & (pledger >= 0))
        names, inverse = np.unique(indicator[sel].astype(str), return_inverse=True)
        codes = [c for c in names.tolist() if c]
        if not codes:
            continue
        window = Period.between(start, last.add(days=1))
        kwargs: dict[str, Any] = (
            {"restate_to": restate_to} if restate_to is not None else {"as_of": last}
        )
        result = roll_up(workspace, window, indicators=codes, **kwargs)
        problems.extend(p for p in result.problems if p.code not in _CHECK_CODES)
        problems.extend(_overlapping(workspace, window, codes, family[members[0]].id))
        position = np.full(n, -1, dtype=np.int64)
        position[np.fromiter((index[u] for u in result.units), np.int64, len(result.units))] = (
            np.arange(len(result.units))
        )
        col_of = {c: j for j, c in enumerate(result.indicators)}
        rows = position[pledger[sel]]
        cols = np.asarray([col_of.get(c, -1) for c in names.tolist()], dtype=np.int64)[inverse]
        ok = (rows >= 0) & (cols >= 0) & ~person[sel]  # people report no figures
        actual[sel[ok]] = result.values[rows[ok], cols[ok]]
    lower = _column(
        workspace,
        table,
        "indicator",
        lambda v: bool(v) and _direction(workspace, _text(v)) == "lower",
        bool,
        keep="lower",
    )[keep]
    known = ~np.isnan(actual) & ~np.isnan(plan)
    with np.errstate(invalid="ignore"):
        meets = np.where(lower, actual <= plan, actual >= plan) & known
        percent = np.where(known & (plan != 0), 100 * actual / np.where(plan == 0, 1, plan), np.nan)
    state = np.full(keep.size, _STATE_CODE[PledgeState.IN_PROGRESS], dtype=np.int64)
    state[ended & known & meets] = _STATE_CODE[PledgeState.REACHED]
    state[ended & known & ~meets] = _STATE_CODE[PledgeState.NOT_REACHED]
    state[ended & ~known] = _STATE_CODE[PledgeState.NO_DATA]
    state[cancelled] = _STATE_CODE[PledgeState.CANCELLED]
    for i in np.flatnonzero(state == _STATE_CODE[PledgeState.NO_DATA]).tolist():
        c = family[int(camp[i])]
        who = pledger_text[i]
        name = h.name_on(who, c.end) if who in index and c.end is not None else who
        why = (
            "it has no plan"
            if np.isnan(plan[i])
            else "the pledger is a person, and figures are reported by units"
            if person[i]
            else "no figure reached the unit"
        )
        problems.append(
            problem(
                PledgeCode.PLEDGE_WITHOUT_RESULT,
                f"pledge {ids[i]!r} of {'person' if person[i] else 'unit'} {who!r} ({name}) for "
                f"{indicator[i]!r} in campaign "
                f"{c.id!r} has no result: {why} between {c.start} and {c.end}",
                subject=who,
            )
        )
    results = PledgeColumns(
        ids=ids,
        campaigns=np.asarray([c.id for c in family], dtype=object)[camp],
        pledgers=pledger_text,
        indicators=indicator,
        plan=plan,
        actual=actual,
        percent=percent,
        state=state,
        lower=lower,
        rows=np.full(keep.size, -1, dtype=np.int64),
    )
    return results, pledger, state, ~cancelled


_CHECK_CODES = frozenset({"F001", "F002", "F003", "F004", "F005", "F007", "F008", "F009", "F010"})
"""Roll-up problems that repeat the figure checks (already in the report)."""


# -- works ----------------------------------------------------------------------------------------


def _works(
    workspace: Workspace, family: Sequence[Campaign], as_of: pendulum.Date
) -> tuple[IntArray, BoolArray, BoolArray, BoolArray, BoolArray]:
    """Pledger index, and registered / completed / cancelled / flagship flags, as of *as_of*."""
    table = workspace.table("works")
    by_id = {c.id: k for k, c in enumerate(family)}
    d = as_of.toordinal()
    camp = _column(workspace, table, "campaign", lambda v: by_id.get(_text(v), -1), np.int64)
    registered_on = _column(
        workspace, table, "registered_on", lambda v: _ordinal(v, -(2**62)), np.int64, keep="ord"
    )
    keep = (camp >= 0) & (registered_on <= d)
    index = workspace.hierarchy.unit_index
    pledger = _column(
        workspace, table, "pledger", lambda v: index.get(_text(v), -1), np.int64, keep="index"
    ).copy()
    text = _column(workspace, table, "pledger", _text, object, keep="text")
    starts = np.asarray([c.start.toordinal() for c in family if c.start is not None])
    at = np.flatnonzero(keep & (pledger < 0))
    if at.size:
        placed = pledger[at]
        days = np.where(registered_on[at] < 0, starts[camp[at]], registered_on[at])
        _people_at_units(workspace, placed, text[at], days)
        pledger[at] = placed
    status = _column(
        workspace, table, "status", lambda v: _enum_value(v, "registered"), object, keep="value"
    )
    completed_on = _column(
        workspace, table, "completed_on", lambda v: _ordinal(v, 2**62), np.int64, keep="ord"
    )
    flagship = _column(workspace, table, "flagship", bool, bool, keep="bool")
    completed = keep & (status == "completed") & (completed_on <= d)
    cancelled = keep & (status == "cancelled")
    return pledger, keep, completed, cancelled, completed & flagship


# -- contests -------------------------------------------------------------------------------------


def _contests(
    workspace: Workspace,
    family: Sequence[Campaign],
    as_of: pendulum.Date,
    tree: _Tree,
    row_of: IntArray,
) -> tuple[tuple[ContestResult, ...], dict[int, tuple[ContestResult, ...]]]:
    """The contests held by *as_of*: their totals, and per report row the entries below it."""
    contests = workspace.table("contests")
    if not len(contests):
        return (), {}
    wanted = {c.id for c in family}
    ids = contests.text("id")
    camp = contests.text("campaign")
    names = contests.text("name")
    held = parse_column(contests, "held_on", []).values()
    chosen = {
        ids[i].strip(): (names[i] or None, held[i])
        for i in range(len(contests))
        if camp[i].strip() in wanted and (held[i] is None or held[i] <= as_of)
    }
    entries = workspace.table("contest_entries")
    e_contest = [c.strip() for c in entries.text("contest")]
    keep = [i for i, c in enumerate(e_contest) if c in chosen]
    if not chosen:
        return (), {}
    h = workspace.hierarchy
    index = h.unit_index
    e_unit_text = entries.text("unit")
    e_trade = entries.text("trade")
    e_result = entries.text("result")
    prizes = parse_column(entries, "prize", []).values()
    unit = np.asarray([index.get(e_unit_text[i].strip(), -1) for i in keep], dtype=np.int64)
    superior = np.full(len(keep), -1, dtype=np.int64)
    parents: dict[pendulum.Date, IntArray] = {}
    for k, i in enumerate(keep):
        day = chosen[e_contest[i]][1] or as_of
        if unit[k] < 0:
            continue
        if day not in parents:
            parents[day] = h.as_of(day).parent_array()
        superior[k] = parents[day][unit[k]]

    def counts(contest: str, items: Iterable[int]) -> ContestResult:
        items = list(items)
        return ContestResult(
            contest=contest,
            name=chosen[contest][0],
            entries=len(items),
            enterprises=len({int(unit[k]) for k in items if unit[k] >= 0}),
            superiors=len({int(superior[k]) for k in items if superior[k] >= 0}),
            trades=len({e_trade[keep[k]].strip() for k in items if e_trade[keep[k]].strip()}),
            winners=sum(1 for k in items if e_result[keep[k]].strip()),
            prize_total=float(sum(prizes[keep[k]] or 0.0 for k in items)),
        )

    by_contest: dict[str, list[int]] = {c: [] for c in chosen}
    for k, i in enumerate(keep):
        by_contest[e_contest[i]].append(k)
    totals = tuple(counts(c, items) for c, items in by_contest.items())
    rows, items = tree.ancestor_pairs(tree.place(unit))
    per: dict[tuple[int, str], list[int]] = {}
    for r, k in zip(row_of[rows].tolist(), items.tolist(), strict=True):
        if r >= 0:
            per.setdefault((r, e_contest[keep[k]]), []).append(k)
    per_row: dict[int, list[ContestResult]] = {}
    for (r, c), ks in sorted(per.items(), key=lambda kv: (kv[0][0], list(chosen).index(kv[0][1]))):
        per_row.setdefault(r, []).append(counts(c, ks))
    return totals, {r: tuple(v) for r, v in per_row.items()}


# -- the entry point ------------------------------------------------------------------------------


def evaluate_campaign(
    workspace: Workspace,
    campaign_id: str,
    *,
    as_of: DateLike | None = None,
    cascade: bool = True,
    restate_to: DateLike | None = None,
) -> CampaignReport:
    """Evaluate a campaign as of a day: its pledges, works, contests and clusters.

    The workspace checks run first (the figure checks and the checks of the
    domain tables: campaigns, pledges, works, contests …, kept with the
    workspace); their warnings are in :attr:`CampaignReport.problems`, and
    any **error** refuses the evaluation.

    * The **report day** D is *as_of* (inclusive; default the campaign's
      last day, the final report).  The campaign has ended when D is on or
      after its last day.
    * The **scope** is fixed on the start date: a unit's subtree (admin
      relation unless the scope names another), a group's members, or the
      listed units.  With *cascade*, the pledges, works and contests of the
      campaigns taking it up (directly or not) are counted too.
    * Each **pledge** is met by the roll-up of its indicator at the pledger
      over the figures whose periods lie within ``[start, min(D, last day)]``
      of the pledge's own campaign (as it was, or restated onto
      *restate_to*).  A ratio is the ratio of the sums; an indicator whose
      ``direction`` is ``lower`` is reached at or below the plan.  Figures
      that only overlap the window are left out and each unit having such
      figures is named by a ``C050`` warning; a pledge without result
      after the end is ``no_data`` with a ``P050`` warning.
    * **Works** as of D: registered by D (any status), completed on or
      before D, cancelled, and flagship among the completed.
    * **Rows**: every unit of the structure on ``min(D, last day)`` with a
      unit in scope at or below it; a unit not alive that day (a pledger
      dissolved during the campaign) is counted at its successor with the
      largest share, or left out with a ``C051`` warning.

    Args:
        workspace: the workspace (hierarchy, figures, campaign tables).
        campaign_id: the campaign's id or its document symbol (``80/KH-LĐLĐ``,
            also without diacritics).
        as_of: the report day D (default: the campaign's last day).
        cascade: count the campaigns taking this one up.
        restate_to: restate the pledges' roll-ups onto this day's structure
            (for comparison across a reorganisation); the rows still follow
            the structure of the report day.

    Returns:
        The :class:`CampaignReport`.

    Raises:
        ThiduaValidationError: the checks found errors (carries every problem).
        UnknownNameError: no campaign has that id or document.
        InvalidArgumentError: the campaign has no start or end, or D is before its start.

    Notes:
        Complexity: one roll-up per distinct window of the cascade, plus
        O(pledges + works + units × depth) vectorised for the counts.

    Examples:
        >>> from thidua.campaigns._examples import example_workspace
        >>> report = evaluate_campaign(example_workspace(), "80/KH-LDLD")
        >>> report
        <CampaignReport KH-80 as of 2023-09-30 (ended): 7 units, 4 pledges, 2 problems>
        >>> [(p.pledger, p.state.value, p.attainment) for p in report.pledges][:2]
        [('D1', 'reached', '6.257/6.000 (104,3%)'), ('G1', 'not_reached', '4/5 (80,0%)')]
        >>> report.unit("HN").works.completed_by_rank
        {2: 1, 3: 1}
    """
    from thidua.campaigns import campaign as find_campaign  # noqa: PLC0415
    from thidua.campaigns import cascade as cascade_of  # noqa: PLC0415

    checked = checked_problems(workspace)
    if not checked.ok:
        raise ThiduaValidationError(tuple(checked))
    found = find_campaign(workspace, campaign_id)
    if found.start is None or found.end is None or found.end < found.start:
        msg = f"campaign {found.id!r} has no period (start and end are needed to evaluate it)"
        raise InvalidArgumentError(msg)
    report_day = found.end if as_of is None else as_date(as_of)
    if report_day < found.start:
        msg = (
            f"campaign {found.id!r} starts on {found.start.isoformat()}; "
            f"a report as of {report_day.isoformat()} is before it"
        )
        raise InvalidArgumentError(msg)
    chain = cascade_of(workspace, found) if cascade else (found,)
    family = [c for c in chain if c.start is not None and c.end is not None]
    day = min(report_day, found.end)
    h = workspace.hierarchy
    n = len(h)
    tree = _Tree(h, day)
    problems: list[Problem] = list(checked)

    scope = np.unique(np.concatenate([scope_indices(workspace, c) for c in family]))
    pledges, pledger, state, active = _evaluate_pledges(
        workspace, family, report_day, restate_to, problems
    )
    w_pledger, registered, completed, cancelled, flagship = _works(workspace, family, report_day)

    # Whether each unit has an active pledge or a live work (not cancelled).
    busy = np.zeros(n, dtype=bool)
    busy[pledger[(pledger >= 0) & active]] = True
    busy[w_pledger[(w_pledger >= 0) & registered & ~cancelled]] = True

    scope_at = tree.place(scope)
    p_at = tree.place(pledger)
    w_at = tree.place(w_pledger)
    k = len(COUNT_COLUMNS)
    base = np.zeros((n, k), dtype=np.int64)
    base[:, 0] = _count(scope_at, n)
    base[:, 1] = _count(scope_at, n, busy[scope])
    base[:, 2] = _count(scope_at, n, ~busy[scope])
    for s in range(len(STATES)):
        base[:, _STATE0 + s] = _count(p_at, n, state == s)
    for j, flags in enumerate((registered, completed, cancelled, flagship)):
        base[:, _WORKS + j] = _count(w_at, n, flags)
    rank = h.lifetime_arrays().rank
    w_rank = np.where(w_pledger >= 0, rank[np.maximum(w_pledger, 0)], -1)
    rank_labels = tuple(sorted(set(w_rank[completed & (w_pledger >= 0)].tolist())))
    by_rank = np.zeros((n, len(rank_labels)), dtype=np.int64)
    for j, r in enumerate(rank_labels):
        by_rank[:, j] = _count(w_at, n, completed & (w_rank == r))
    totals = tree.subtree_sums(np.concatenate([base, by_rank], axis=1))
    rows = np.flatnonzero(tree.alive & (totals[:, 0] > 0))
    row_of = np.full(n, -1, dtype=np.int64)
    row_of[rows] = np.arange(rows.size)
    problems.extend(
        problem(
            CampaignCode.UNIT_NOT_IN_REPORT_STRUCTURE,
            f"campaign {found.id!r}: unit {h.ids[u]!r} ({h.name_on(h.ids[u], found.start)}) "
            f"is not in the structure of {day.isoformat()} and has no successor there: "
            "its pledges and works are in no row of the report",
            subject=h.ids[u],
        )
        for u in tree.lost
    )

    ids, names_all = h.ids, h.names_on(day)
    kinds_all = h.unit_columns().kind
    columns = Columns(
        units=tuple(ids[i] for i in rows.tolist()),
        names=tuple(names_all[i] for i in rows.tolist()),
        kinds=tuple(kinds_all[i] for i in rows.tolist()),
        ranks=rank[rows].astype(np.int64),
        counts=totals[rows, :k],
        by_rank=totals[rows, k:],
        rank_labels=rank_labels,
    )
    missing_units = scope[~busy[scope]]
    missing_cache: dict[int, tuple[str, ...]] = {}

    def missing_of(i: int) -> tuple[str, ...]:
        if not missing_cache:
            at, item = tree.ancestor_pairs(scope_at[~busy[scope]])
            r = row_of[at]
            ok = r >= 0
            r, item = r[ok], item[ok]
            order = np.lexsort((missing_units[item], r))
            r, item = r[order], item[order]
            cuts = np.flatnonzero(np.r_[True, r[1:] != r[:-1]]) if r.size else r
            for a, b in zip(cuts.tolist(), [*cuts[1:].tolist(), r.size], strict=True):
                missing_cache[int(r[a])] = tuple(ids[u] for u in missing_units[item[a:b]].tolist())
            missing_cache.setdefault(-1, ())
        return missing_cache.get(i, ())

    contests, unit_contests = _contests(workspace, family, report_day, tree, row_of)
    clusters: tuple[ClusterPeriod, ...] = ()
    if found.scope is not None and found.scope.groups:
        from thidua.campaigns._stats import cluster_standings  # noqa: PLC0415

        window = Period.between(found.start, day.add(days=1))
        clusters = tuple(
            c
            for g in found.scope.groups
            for c in cluster_standings(workspace, g)
            if _period_overlaps(c.period, window)
        )
    return CampaignReport(
        campaign=found,
        campaigns=tuple(c.id for c in family),
        as_of=report_day,
        day=day,
        columns=columns,
        pledges=attrs.evolve(pledges, rows=np.where(p_at >= 0, row_of[np.maximum(p_at, 0)], -1)),
        missing=None,
        missing_of=missing_of,
        contests=contests,
        unit_contests=unit_contests,
        clusters=clusters,
        problems=Report(tuple(_once(problems))),
    )


def _once(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once: the roll-up repeats warnings the figure checks already gave."""
    seen: set[tuple[str, str, str | None]] = set()
    out = []
    for p in problems:
        key = (p.code, p.message, p.subject)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _period_overlaps(text: str, window: Period) -> bool:
    from thidua.periods import parse_period  # noqa: PLC0415

    try:
        return parse_period(text).overlaps(window)
    except ValueError:
        return False
