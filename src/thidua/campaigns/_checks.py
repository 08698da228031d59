"""The checks of the campaign tables (``C`` and ``P`` codes), in one pass.

:func:`check_campaigns` checks ``campaigns``, ``campaign_targets``,
``pledges`` and ``works``; :func:`check_contests` checks ``contests``,
``contest_entries`` and ``cluster_scores``.  The schema modules name them
(``CHECK``), so :func:`thidua.workspace.validate` and ``thidua validate`` run
them with every other check.  Each problem names the row's subject (a
campaign, pledge or work id; the unit of a target or a score) and points at
the cell (file, row and column as written, or the JSON path).

What is checked:

* every reference: campaigns (``C002``), units (``C003``), groups
  (``C004``), indicators (``C005``, ``P004``), pledgers (``P003``),
  contests (``C015``); ids given twice (``C001``, ``C013``, ``C014``,
  ``C017``, ``P001``, ``P002``);
* the cells: document symbols (``C006``), scopes (``C007``), scoring
  periods (``C018``), and the type of every column (``S003``, ``S006``);
* a campaign's period (``C008``) and, for a campaign taking up another,
  its period and scope inside the parent's (``C009``, ``C010``) and no
  cycle of parents (``C011``);
* pledges and works against their campaign: the pledger alive during it
  (``P006``) and in its scope on the first day (``P005``), registered by
  its last day (``P007``), completed within it and with a date (``P008``,
  ``P009``), flagship works completed (``P010``), pledges with an
  indicator and a plan (``P011``);
* targets: what a unit assigns to the units directly below it adds up, per
  indicator, to at least its own target (``C012``, a warning);
* scores: never above their maximum (``C016``).

The two large tables, ``pledges`` and ``works``, are checked on their typed
columns (``table_columns`` of ``_tables``): each distinct text is read
and looked up once, every condition is a numpy mask over the rows, and a
problem (with its pointer) is made only for a row that has one.  No record is
built; the problems are those, in the same order, that the checks of one
record per row give (kept as ``_check_campaigns_by_record`` for the tests).

Complexity: O(rows + units in the scopes), each scope built once; the Python
work is per distinct value and per problem, not per row.

.. versionadded:: 0.3.0
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from thidua.campaigns._enums import PledgeStatus, WorkStatus
from thidua.campaigns._records import Campaign, CampaignTarget, Pledge, Work
from thidua.campaigns._tables import (
    TableColumns,
    campaign_targets,
    campaigns,
    cascade,
    cluster_scores,
    contest_entries,
    contests,
    effective_scope,
    pledges,
    scope_units,
    table_columns,
    table_problems,
    works,
)
from thidua.errors import UnknownNameError
from thidua.io import ParsedColumn
from thidua.problems import CampaignCode, PledgeCode, Pointer, Problem, ProblemCode, Report, problem
from thidua.values import format_number_vi

if TYPE_CHECKING:
    import pendulum

    from thidua.workspace import Workspace

__all__ = ["check_campaigns", "check_contests"]

IntArray = npt.NDArray[np.int64]

_SHOWN = 5
"""How many ids a message lists before saying how many more."""


class _Context:
    """What the checks look things up in: units, groups, campaigns, the catalogue."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.hierarchy = workspace.hierarchy
        self.units = self.hierarchy.unit_index
        self.groups = {g.id for g in workspace.groups}
        self.campaigns: dict[str, Campaign] = {}
        for c in campaigns(workspace):
            self.campaigns.setdefault(c.id, c)
        self.people = _people(workspace)
        self.problems: list[Problem] = []
        self.verdicts: dict[tuple[str, str], tuple[ProblemCode, str] | None] = {}

    def add(
        self,
        code: ProblemCode,
        message: str,
        *,
        subject: str | None,
        at: Pointer | None,
        field: str | None = None,
    ) -> None:
        pointer = at if at is None or field is None else at.at(field)
        self.problems.append(problem(code, message, subject=subject, pointer=pointer))

    def unit_name(self, unit: str) -> str:
        if unit in self.units:
            return f"{unit!r} ({self.hierarchy.unit(unit).name})"
        return repr(unit)

    def campaign_name(self, c: Campaign) -> str:
        return f"campaign {c.id!r}" + (f" ({c.name})" if c.name else "")

    def unknown_unit(self, unit: str | None, what: str, row: _Row, field: str) -> bool:
        """Report ``C003`` when *unit* is given and unknown; return whether it was."""
        if unit is None or unit in self.units:
            return False
        self.add(
            CampaignCode.UNKNOWN_UNIT,
            f"{what}: {field} {unit!r} is not a unit of units.csv",
            subject=row.subject,
            at=row.at,
            field=field,
        )
        return True

    def known_campaign(self, campaign_id: str | None, what: str, row: _Row) -> Campaign | None:
        """The campaign *campaign_id* names, or ``None`` (``C002`` when it is unknown)."""
        if campaign_id is None:
            return None
        found = self.campaigns.get(campaign_id)
        if found is None:
            self.add(
                CampaignCode.UNKNOWN_CAMPAIGN,
                f"{what}: campaign {campaign_id!r} is not in campaigns.csv",
                subject=row.subject,
                at=row.at,
                field="campaign",
            )
        return found


class _Row:
    """The subject and pointer of one row, for the problems about it."""

    __slots__ = ("at", "subject")

    def __init__(self, subject: str | None, at: Pointer | None) -> None:
        self.subject = subject
        self.at = at


def _people(workspace: Workspace) -> frozenset[str]:
    """The person ids of the workspace (pledgers may be people), if it has a people table."""
    try:
        table = workspace.table("people")
    except UnknownNameError:
        return frozenset()
    if not table.has("id"):
        return frozenset()
    return frozenset(t.strip() for t in table.text("id") if t.strip())


def _duplicates(
    ctx: _Context, keys: Iterable[tuple[object, Pointer | None, str]], code: ProblemCode, what: str
) -> None:
    """One problem per row whose key an earlier row already had."""
    first: dict[object, Pointer | None] = {}
    for key, at, subject in keys:
        if key in first:
            where = first[key]
            earlier = f" (first at {where})" if where is not None else ""
            ctx.add(code, f"{what} {subject!r} is given twice{earlier}", subject=subject, at=at)
        else:
            first[key] = at


def _ids(values: Iterable[str]) -> str:
    items = sorted(values)
    shown = ", ".join(repr(i) for i in items[:_SHOWN])
    more = len(items) - _SHOWN
    return shown + (f" and {more} more" if more > 0 else "")


# -- campaigns --------------------------------------------------------------------------------


def _check_campaign_rows(ctx: _Context) -> None:
    rows = campaigns(ctx.workspace)
    _duplicates(
        ctx, ((c.id, c.source, c.id) for c in rows), CampaignCode.DUPLICATE_CAMPAIGN_ID, "campaign"
    )
    for c in rows:
        row = _Row(c.id, c.source)
        what = ctx.campaign_name(c)
        ctx.unknown_unit(c.launched_by, what, row, "launched_by")
        if c.parent is not None and c.parent not in ctx.campaigns:
            ctx.add(
                CampaignCode.UNKNOWN_CAMPAIGN,
                f"{what}: the parent campaign {c.parent!r} is not in campaigns.csv",
                subject=c.id,
                at=c.source,
                field="parent",
            )
        if c.start is not None and c.end is not None and c.end < c.start:
            ctx.add(
                CampaignCode.NO_PERIOD,
                f"{what}: its last day {c.end.isoformat()} is before its first day "
                f"{c.start.isoformat()}",
                subject=c.id,
                at=c.source,
                field="end",
            )
        missing = [
            field
            for field, value in (("start", c.start), ("end", c.end))
            if value is None and not _cell_written(ctx, "campaigns", c.source, field)
        ]
        for field in missing:
            ctx.add(
                CampaignCode.NO_PERIOD,
                f"{what} has no {'first' if field == 'start' else 'last'} day ({field})",
                subject=c.id,
                at=c.source,
                field=field,
            )
        if c.scope is not None:
            for unit in c.scope.units:
                ctx.unknown_unit(unit, what, row, "scope")
            for group in c.scope.groups:
                if group not in ctx.groups:
                    ctx.add(
                        CampaignCode.UNKNOWN_GROUP,
                        f"{what}: scope group {group!r} is not in groups.csv",
                        subject=c.id,
                        at=c.source,
                        field="scope",
                    )
    _check_cascades(ctx, rows)


def _check_cascades(ctx: _Context, rows: tuple[Campaign, ...]) -> None:
    in_cycle: set[str] = set()
    for c in rows:
        seen = [c.id]
        at = c.parent
        while at is not None and at in ctx.campaigns and at not in seen:
            seen.append(at)
            at = ctx.campaigns[at].parent
        if at == c.id and c.id not in in_cycle:
            in_cycle.add(c.id)
            chain = " → ".join([*seen, c.id])
            ctx.add(
                CampaignCode.PARENT_CYCLE,
                f"{ctx.campaign_name(c)} takes itself up through its parents: {chain}",
                subject=c.id,
                at=c.source,
                field="parent",
            )
    for c in rows:
        parent = ctx.campaigns.get(c.parent) if c.parent is not None else None
        if parent is None or c.id in in_cycle or parent is c:
            continue
        child_period, parent_period = c.period, parent.period
        if (
            child_period is not None
            and parent_period is not None
            and not parent_period.contains(child_period)
        ):
            ctx.add(
                CampaignCode.PERIOD_OUTSIDE_PARENT,
                f"{ctx.campaign_name(c)} runs {_days(c)}, outside the "
                f"{ctx.campaign_name(parent)} it takes up ({_days(parent)})",
                subject=c.id,
                at=c.source,
                field="start" if c.start is not None and c.start < parent_period.start else "end",
            )
        if (
            c.start is None
            or parent.start is None
            or effective_scope(c) is None
            or effective_scope(parent) is None
        ):
            continue
        outside = scope_units(ctx.workspace, c) - scope_units(ctx.workspace, parent)
        if outside:
            ctx.add(
                CampaignCode.SCOPE_OUTSIDE_PARENT,
                f"{ctx.campaign_name(c)} reaches {len(outside):,} unit(s) outside the scope of "
                f"the {ctx.campaign_name(parent)} it takes up: {_ids(outside)}",
                subject=c.id,
                at=c.source,
                field="scope",
            )


def _days(c: Campaign) -> str:
    assert c.start is not None
    assert c.end is not None
    return f"{c.start.isoformat()} to {c.end.isoformat()}"


# -- targets ----------------------------------------------------------------------------------


def _check_targets(ctx: _Context) -> None:
    rows = campaign_targets(ctx.workspace)
    first: dict[tuple[str, str, str], Pointer | None] = {}
    by_campaign: dict[str, dict[tuple[str, str], CampaignTarget]] = {}
    for t in rows:
        row = _Row(t.unit, t.source)
        what = f"target of campaign {t.campaign!r} for unit {t.unit!r}, indicator {t.indicator!r}"
        key = (t.campaign, t.unit, t.indicator)
        if key in first:
            where = first[key]
            ctx.add(
                CampaignCode.DUPLICATE_TARGET,
                f"the {what} is given twice" + (f" (first at {where})" if where else ""),
                subject=t.unit,
                at=t.source,
            )
            continue
        first[key] = t.source
        ctx.known_campaign(t.campaign, what, row)
        ctx.unknown_unit(t.unit, what, row, "unit")
        if t.indicator not in ctx.workspace.catalogue:
            ctx.add(
                CampaignCode.UNKNOWN_INDICATOR,
                f"{what}: the indicator is not in the catalogue",
                subject=t.unit,
                at=t.source,
                field="indicator",
            )
        by_campaign.setdefault(t.campaign, {})[t.unit, t.indicator] = t
    for cid, targets in by_campaign.items():
        c = ctx.campaigns.get(cid)
        if c is None or c.start is None:
            continue
        _check_assigned(ctx, c, targets, by_campaign)


def _check_assigned(
    ctx: _Context,
    c: Campaign,
    targets: Mapping[tuple[str, str], CampaignTarget],
    by_campaign: Mapping[str, Mapping[tuple[str, str], CampaignTarget]],
) -> None:
    """``C012``: the targets a unit assigns below it fall short of its own.

    The targets of the units directly below are looked for in the same
    campaign first; when none of them has one there, in the campaigns of the
    cascade launched by the unit itself (a district takes up the city's
    campaign and assigns its targets in its own).
    """
    assert c.start is not None
    snapshot = ctx.hierarchy.as_of(c.start)
    below = [d for d in cascade(ctx.workspace, c)[1:] if d.id in by_campaign]
    for (unit, indicator), own in targets.items():
        if own.plan is None or unit not in snapshot:
            continue
        children = snapshot.children(unit)
        assigned = _assigned(targets, children, indicator)
        if not assigned:
            for d in below:
                if d.launched_by == unit:
                    for child, plan in _assigned(by_campaign[d.id], children, indicator).items():
                        assigned.setdefault(child, plan)
        if not assigned:
            continue
        total = sum(assigned.values())
        if total < own.plan:
            ctx.add(
                CampaignCode.TARGETS_BELOW_OWN,
                f"{ctx.campaign_name(c)}: the targets for {indicator!r} that unit "
                f"{ctx.unit_name(unit)} assigns to the {len(assigned)} unit(s) directly below it "
                f"sum to {_number(total)}, less than its own target {_number(own.plan)}",
                subject=unit,
                at=own.source,
                field="plan",
            )


def _assigned(
    targets: Mapping[tuple[str, str], CampaignTarget], children: Iterable[str], indicator: str
) -> dict[str, float]:
    out: dict[str, float] = {}
    for child in children:
        t = targets.get((child, indicator))
        if t is not None and t.plan is not None:
            out[child] = t.plan
    return out


def _number(value: float) -> str:
    return format_number_vi(value, 0 if float(value).is_integer() else 2)


# -- pledges and works ------------------------------------------------------------------------


def _check_pledger(ctx: _Context, c: Campaign, pledger: str, what: str, row: _Row) -> None:
    """``P003``, ``P006``, ``P005``: the pledger is a unit alive during *c* and in its scope."""
    key = (c.id, pledger)
    verdict = ctx.verdicts.get(key, _UNSEEN)
    if verdict is _UNSEEN:
        verdict = ctx.verdicts[key] = _pledger_verdict(ctx, c, pledger)
    if verdict is not None:
        code, reason = verdict
        ctx.add(code, f"{what}: {reason}", subject=row.subject, at=row.at, field="pledger")


_UNSEEN: tuple[ProblemCode, str] = (PledgeCode.UNKNOWN_PLEDGER, "")


def _pledger_verdict(ctx: _Context, c: Campaign, pledger: str) -> tuple[ProblemCode, str] | None:
    """What is wrong with *pledger* in campaign *c*, once per pair (rows repeat them)."""
    if pledger in ctx.people:
        return None  # a person is counted at the unit of their membership
    if pledger not in ctx.units:
        return PledgeCode.UNKNOWN_PLEDGER, f"the pledger {pledger!r} is not a unit of units.csv"
    period = c.period
    if period is None:
        return None
    unit = ctx.hierarchy.unit(pledger)
    if unit.founded is not None and unit.founded >= period.end:
        lifetime = f"founded {unit.founded.isoformat()}"
    elif unit.dissolved is not None and unit.dissolved <= period.start:
        lifetime = f"dissolved {unit.dissolved.isoformat()}"
    else:
        lifetime = None
    if lifetime is not None:
        return (
            PledgeCode.PLEDGER_NOT_ALIVE,
            (
                f"the pledger {ctx.unit_name(pledger)} does not exist during the "
                f"{ctx.campaign_name(c)} ({_days(c)}): it was {lifetime}"
            ),
        )
    if effective_scope(c) is None or pledger in scope_units(ctx.workspace, c):
        return None
    return (
        PledgeCode.PLEDGER_OUTSIDE_SCOPE,
        (
            f"the pledger {ctx.unit_name(pledger)} is not in the scope of the "
            f"{ctx.campaign_name(c)} on its first day {period.start.isoformat()}"
        ),
    )


def _check_registered(
    ctx: _Context, c: Campaign, registered: pendulum.Date | None, what: str, row: _Row
) -> None:
    if registered is not None and c.end is not None and registered > c.end:
        ctx.add(
            PledgeCode.REGISTERED_AFTER_END,
            f"{what}: registered on {registered.isoformat()}, after the {ctx.campaign_name(c)} "
            f"ended on {c.end.isoformat()}",
            subject=row.subject,
            at=row.at,
            field="registered_on",
        )


def _check_pledges_by_record(ctx: _Context) -> None:
    rows = pledges(ctx.workspace)
    _duplicates(
        ctx, ((p.id, p.source, p.id) for p in rows), PledgeCode.DUPLICATE_PLEDGE_ID, "pledge"
    )
    for p in rows:
        _check_pledge(ctx, p)


def _check_pledge(ctx: _Context, p: Pledge) -> None:
    row = _Row(p.id, p.source)
    what = f"pledge {p.id!r}"
    if p.indicator is not None and p.indicator not in ctx.workspace.catalogue:
        ctx.add(
            PledgeCode.UNKNOWN_INDICATOR,
            f"{what}: the indicator {p.indicator!r} is not in the catalogue",
            subject=p.id,
            at=p.source,
            field="indicator",
        )
    if p.status is PledgeStatus.ACTIVE:
        for field, value in (("indicator", p.indicator), ("plan", p.plan)):
            if value is None and not _cell_written(ctx, "pledges", p.source, field):
                ctx.add(
                    PledgeCode.PLEDGE_WITHOUT_PLAN,
                    f"{what} of {p.pledger!r} has no {field}",
                    subject=p.id,
                    at=p.source,
                    field=field,
                )
    c = ctx.known_campaign(p.campaign, what, row)
    if c is None:
        return
    _check_pledger(ctx, c, p.pledger, what, row)
    _check_registered(ctx, c, p.registered_on, what, row)


def _cell_written(ctx: _Context, table: str, at: Pointer | None, field: str) -> bool:
    """Whether the row at *at* has text in *field*.

    An unreadable cell is already an ``S003``/``S006`` problem: the checks of
    an empty cell (``C008``, ``P009``, ``P011``) leave it alone.
    """
    if at is None:
        return False
    data = ctx.workspace.table(table)
    texts = ctx.workspace.cached(
        f"thidua.campaigns:rows:{table}:{field}",
        lambda: {str(data.pointer(i)): t.strip() != "" for i, t in enumerate(data.text(field))},
    )
    return bool(texts.get(str(at), False))


def _check_works_by_record(ctx: _Context) -> None:
    rows = works(ctx.workspace)
    _duplicates(ctx, ((w.id, w.source, w.id) for w in rows), PledgeCode.DUPLICATE_WORK_ID, "work")
    for w in rows:
        _check_work(ctx, w)


def _check_work(ctx: _Context, w: Work) -> None:
    row = _Row(w.id, w.source)
    what = f"work {w.id!r}" + (f" ({w.name})" if w.name else "")
    completed = w.status is WorkStatus.COMPLETED
    if (
        completed
        and w.completed_on is None
        and not _cell_written(ctx, "works", w.source, "completed_on")
    ):
        ctx.add(
            PledgeCode.COMPLETED_WITHOUT_DATE,
            f"{what} is completed but has no completed_on",
            subject=w.id,
            at=w.source,
            field="completed_on",
        )
    if w.flagship and not completed:
        ctx.add(
            PledgeCode.FLAGSHIP_NOT_COMPLETED,
            f"{what} is a flagship work (gắn biển) but its status is {w.status.value}",
            subject=w.id,
            at=w.source,
            field="flagship",
        )
    c = ctx.known_campaign(w.campaign, what, row)
    if c is None:
        return
    _check_pledger(ctx, c, w.pledger, what, row)
    _check_registered(ctx, c, w.registered_on, what, row)
    period = c.period
    if w.completed_on is not None and period is not None and w.completed_on not in period:
        ctx.add(
            PledgeCode.COMPLETED_OUTSIDE_PERIOD,
            f"{what}: completed on {w.completed_on.isoformat()}, outside the "
            f"{ctx.campaign_name(c)} ({_days(c)})",
            subject=w.id,
            at=w.source,
            field="completed_on",
        )


# -- pledges and works, column by column ------------------------------------------------------
#
# The two large tables are checked on their typed columns: every condition is a numpy mask
# over the rows (a value of each distinct text looked up once), and the problems, with their
# pointers, are made only for the rows that have one.  They come out exactly as the checks of
# the records give them (``_check_pledges_by_record``, ``_check_works_by_record``): the
# duplicate ids first, then row by row, each row's problems in the same order.

_NEVER = 2**62
"""An ordinal after every day (a missing last day) and, negated, before every day."""


class _Found:
    """The problems of one table's rows, kept with their order key, then sorted."""

    def __init__(self) -> None:
        self.items: list[tuple[tuple[int, int, int], Problem]] = []

    def add(self, key: tuple[int, int, int], found: Problem) -> None:
        self.items.append((key, found))

    def sorted(self) -> list[Problem]:
        return [p for _, p in sorted(self.items, key=lambda item: item[0])]


def _distinct(column: ParsedColumn) -> tuple[list[Any], IntArray]:
    """The distinct values of a column and, per row, the index of its value (``-1``: none)."""
    index: dict[Any, int] = {}
    remap = np.fromiter(
        (index.setdefault(v, len(index)) for v in column.uniques),
        dtype=np.int64,
        count=len(column.uniques),
    )
    values = list(index)
    if None in index:
        gone = index[None]
        del values[gone]
        remap = np.where(remap == gone, -1, remap - (remap > gone))
    return values, remap[column.codes]


def _per_row(column: ParsedColumn, value: Callable[[Any], Any], dtype: type) -> npt.NDArray[Any]:
    """``value`` of each row's typed value, computed once per distinct text."""
    uniques: npt.NDArray[Any] = np.fromiter(
        (value(v) for v in column.uniques), dtype=dtype, count=len(column.uniques)
    )
    return uniques[column.codes]


def _blank(read: TableColumns, field: str) -> npt.NDArray[np.bool_]:
    """Per row, whether the cell of *field* has no text (an unreadable cell has some)."""
    encoded = read.table.encoded(field)
    blank = np.fromiter(
        (t.strip() == "" for t in encoded.uniques), dtype=bool, count=len(encoded.uniques)
    )
    return blank[encoded.codes]


def _ordinals(column: ParsedColumn, missing: int) -> IntArray:
    """Each row's date as an ordinal, *missing* where there is none."""
    return _per_row(column, lambda d: missing if d is None else d.toordinal(), np.int64)


def _duplicate_ids(
    ctx: _Context,
    read: TableColumns,
    rows: IntArray,
    ids: list[Any],
    id_of: IntArray,
    code: ProblemCode,
    what: str,
    found: _Found,
) -> None:
    """``P001``/``P002``: one problem per row (of *rows*) whose id an earlier row had."""
    if not rows.size:
        return
    keys = id_of[rows]
    _, first = np.unique(keys, return_index=True)
    first_row = np.full(len(ids), -1, dtype=np.int64)
    first_row[keys[first]] = rows[first]
    table = read.table
    for r in rows[first_row[keys] != rows].tolist():
        subject = ids[id_of[r]]
        where = table.pointer(int(first_row[id_of[r]]))
        found.add(
            (0, r, 0),
            problem(
                code,
                f"{what} {subject!r} is given twice (first at {where})",
                subject=subject,
                pointer=table.pointer(r),
            ),
        )


class _Rows:
    """What the pledge and work checks share: the rows with a record, their campaign and pledger."""

    def __init__(self, ctx: _Context, read: TableColumns) -> None:
        self.ctx = ctx
        self.read = read
        self.table = read.table
        cols = read.columns
        self.rows = np.flatnonzero(read.keyed())
        self.ids, self.id_of = _distinct(cols["id"])
        names, camp_of = _distinct(cols["campaign"])
        self.campaign_names = names
        self.known = [ctx.campaigns.get(n) for n in names]
        self.camp_of = camp_of
        known = np.fromiter((c is not None for c in self.known), dtype=bool, count=len(names))
        self.has_campaign = np.zeros(len(self.table), dtype=bool)
        self.has_campaign[self.rows] = known[camp_of[self.rows]]
        self.pledgers, self.pledger_of = _distinct(cols["pledger"])
        ends = [_NEVER if c is None or c.end is None else c.end.toordinal() for c in self.known]
        self.end = np.asarray(ends, dtype=np.int64)
        self.registered = _ordinals(cols["registered_on"], -_NEVER)

    def at(self, r: int, field: str) -> Pointer:
        return self.table.pointer(r, field)

    def unknown_campaigns(self, what: Callable[[int], str], seq: int, found: _Found) -> None:
        """``C002`` for the rows whose campaign is not in campaigns.csv."""
        for r in self.rows[~self.has_campaign[self.rows]].tolist():
            name = self.campaign_names[self.camp_of[r]]
            found.add(
                (1, r, seq),
                problem(
                    CampaignCode.UNKNOWN_CAMPAIGN,
                    f"{what(r)}: campaign {name!r} is not in campaigns.csv",
                    subject=self.ids[self.id_of[r]],
                    pointer=self.at(r, "campaign"),
                ),
            )

    def pledger_problems(self, what: Callable[[int], str], seq: int, found: _Found) -> None:
        """``P003``, ``P006``, ``P005`` for the rows with a known campaign."""
        ctx = self.ctx
        rows = self.rows[self.has_campaign[self.rows]]
        if not rows.size:
            return
        # A person, or a unit in scope (alive on the first day), is fine: only the
        # other (campaign, pledger) pairs are looked at one by one.
        people = np.fromiter(
            (p in ctx.people for p in self.pledgers), dtype=bool, count=len(self.pledgers)
        )
        pledger = self.pledger_of[rows]
        camp = self.camp_of[rows]
        fine = np.zeros(rows.size, dtype=bool)
        for ci in np.unique(camp).tolist():
            c = self.known[ci]
            assert c is not None
            scope = scope_units(ctx.workspace, c)
            ok = people | np.fromiter(
                (p in scope for p in self.pledgers), dtype=bool, count=len(self.pledgers)
            )
            at = camp == ci
            fine[at] = ok[pledger[at]]
        rows, camp, pledger = rows[~fine], camp[~fine], pledger[~fine]
        pairs = camp * len(self.pledgers) + pledger
        distinct, inverse = np.unique(pairs, return_inverse=True)
        bad = np.zeros(distinct.size, dtype=bool)
        reasons: dict[int, tuple[ProblemCode, str]] = {}
        for k, pair in enumerate(distinct.tolist()):
            ci, pi = divmod(pair, len(self.pledgers))
            c = self.known[ci]
            assert c is not None
            key = (c.id, self.pledgers[pi])
            verdict = ctx.verdicts.get(key, _UNSEEN)
            if verdict is _UNSEEN:
                verdict = ctx.verdicts[key] = _pledger_verdict(ctx, c, self.pledgers[pi])
            if verdict is not None:
                bad[k] = True
                reasons[k] = verdict
        for j in np.flatnonzero(bad[inverse]).tolist():
            r = int(rows[j])
            code, reason = reasons[int(inverse[j])]
            found.add(
                (1, r, seq),
                problem(
                    code,
                    f"{what(r)}: {reason}",
                    subject=self.ids[self.id_of[r]],
                    pointer=self.at(r, "pledger"),
                ),
            )

    def registered_late(self, what: Callable[[int], str], seq: int, found: _Found) -> None:
        """``P007``: registered after the campaign's last day."""
        rows = self.rows[self.has_campaign[self.rows]]
        late = rows[self.registered[rows] > self.end[self.camp_of[rows]]]
        registered = self.read.columns["registered_on"]
        for r in late.tolist():
            c = self.known[self.camp_of[r]]
            assert c is not None
            assert c.end is not None
            day = registered.uniques[registered.codes[r]]
            found.add(
                (1, r, seq),
                problem(
                    PledgeCode.REGISTERED_AFTER_END,
                    f"{what(r)}: registered on {day.isoformat()}, after the "
                    f"{self.ctx.campaign_name(c)} ended on {c.end.isoformat()}",
                    subject=self.ids[self.id_of[r]],
                    pointer=self.at(r, "registered_on"),
                ),
            )


def _check_pledge_columns(ctx: _Context) -> None:
    read = table_columns(ctx.workspace, "pledges")
    rows = _Rows(ctx, read)
    found = _Found()
    _duplicate_ids(
        ctx, read, rows.rows, rows.ids, rows.id_of, PledgeCode.DUPLICATE_PLEDGE_ID, "pledge", found
    )
    cols = read.columns

    def what(r: int) -> str:
        return f"pledge {rows.ids[rows.id_of[r]]!r}"

    catalogue = ctx.workspace.catalogue
    indicator = cols["indicator"]
    unknown = _per_row(indicator, lambda v: v is not None and v not in catalogue, bool)
    for r in rows.rows[unknown[rows.rows]].tolist():
        found.add(
            (1, r, 0),
            problem(
                PledgeCode.UNKNOWN_INDICATOR,
                f"{what(r)}: the indicator {indicator.uniques[indicator.codes[r]]!r} is not in "
                f"the catalogue",
                subject=rows.ids[rows.id_of[r]],
                pointer=rows.at(r, "indicator"),
            ),
        )
    active = _per_row(cols["status"], lambda v: v is not PledgeStatus.CANCELLED, bool)
    for seq, field in ((1, "indicator"), (2, "plan")):
        lacking = active & cols[field].missing() & _blank(read, field)
        for r in rows.rows[lacking[rows.rows]].tolist():
            found.add(
                (1, r, seq),
                problem(
                    PledgeCode.PLEDGE_WITHOUT_PLAN,
                    f"{what(r)} of {rows.pledgers[rows.pledger_of[r]]!r} has no {field}",
                    subject=rows.ids[rows.id_of[r]],
                    pointer=rows.at(r, field),
                ),
            )
    rows.unknown_campaigns(what, 3, found)
    rows.pledger_problems(what, 4, found)
    rows.registered_late(what, 5, found)
    ctx.problems.extend(found.sorted())


def _check_work_columns(ctx: _Context) -> None:
    read = table_columns(ctx.workspace, "works")
    rows = _Rows(ctx, read)
    found = _Found()
    _duplicate_ids(
        ctx, read, rows.rows, rows.ids, rows.id_of, PledgeCode.DUPLICATE_WORK_ID, "work", found
    )
    cols = read.columns
    names = cols["name"]

    def what(r: int) -> str:
        name = names.uniques[names.codes[r]]
        return f"work {rows.ids[rows.id_of[r]]!r}" + (f" ({name})" if name else "")

    status = cols["status"]
    completed = _per_row(status, lambda v: v is WorkStatus.COMPLETED, bool)
    on = cols["completed_on"]
    undated = completed & on.missing() & _blank(read, "completed_on")
    for r in rows.rows[undated[rows.rows]].tolist():
        found.add(
            (1, r, 0),
            problem(
                PledgeCode.COMPLETED_WITHOUT_DATE,
                f"{what(r)} is completed but has no completed_on",
                subject=rows.ids[rows.id_of[r]],
                pointer=rows.at(r, "completed_on"),
            ),
        )
    flagship = _per_row(cols["flagship"], bool, bool)
    for r in rows.rows[(flagship & ~completed)[rows.rows]].tolist():
        value = status.uniques[status.codes[r]]
        shown = value if isinstance(value, WorkStatus) else WorkStatus.REGISTERED
        found.add(
            (1, r, 1),
            problem(
                PledgeCode.FLAGSHIP_NOT_COMPLETED,
                f"{what(r)} is a flagship work (gắn biển) but its status is {shown.value}",
                subject=rows.ids[rows.id_of[r]],
                pointer=rows.at(r, "flagship"),
            ),
        )
    rows.unknown_campaigns(what, 2, found)
    rows.pledger_problems(what, 3, found)
    rows.registered_late(what, 4, found)
    periods = [c.period if c is not None else None for c in rows.known]
    first = np.asarray(
        [_NEVER if p is None else p.start.toordinal() for p in periods], dtype=np.int64
    )
    after = np.asarray(
        [-_NEVER if p is None else p.end.toordinal() for p in periods], dtype=np.int64
    )
    day = _ordinals(on, _NEVER)
    known = rows.rows[rows.has_campaign[rows.rows]]
    k = rows.camp_of[known]
    dated = day[known] != _NEVER
    has_period = first[k] != _NEVER
    outside = dated & has_period & ((day[known] < first[k]) | (day[known] >= after[k]))
    for r in known[outside].tolist():
        c = rows.known[rows.camp_of[r]]
        assert c is not None
        done = on.uniques[on.codes[r]]
        found.add(
            (1, r, 5),
            problem(
                PledgeCode.COMPLETED_OUTSIDE_PERIOD,
                f"{what(r)}: completed on {done.isoformat()}, outside the "
                f"{ctx.campaign_name(c)} ({_days(c)})",
                subject=rows.ids[rows.id_of[r]],
                pointer=rows.at(r, "completed_on"),
            ),
        )
    ctx.problems.extend(found.sorted())


def check_campaigns(workspace: Workspace) -> Report:
    """Check the campaigns, their targets, the pledges and the works of a workspace.

    Args:
        workspace: the workspace (its hierarchy, groups and catalogue are
            what the rows are checked against).

    Returns:
        Every problem: the cells' (``S003``, ``S006``, ``C006``, ``C007``),
        then the campaigns', targets', pledges' and works'.

    Examples:
        >>> from thidua.io import DataTable
        >>> from thidua.io._domain import domain_tables
        >>> from thidua.testing import tiny_dataset
        >>> from thidua.workspace import Workspace
        >>> ws = Workspace(dataset=tiny_dataset(), tables={
        ...     "campaigns": DataTable.from_rows(domain_tables()["campaigns"], [
        ...         {"id": "C", "launched_by": "D1", "start": "1/1/2024", "end": "31/12/2024"}]),
        ...     "works": DataTable.from_rows(domain_tables()["works"], [
        ...         {"id": "W1", "campaign": "C", "pledger": "G1", "status": "hoàn thành",
        ...          "completed_on": "15/1/2025"}])})
        >>> for p in check_campaigns(ws):
        ...     print(p)  # doctest: +NORMALIZE_WHITESPACE
        P008 error: work 'W1': completed on 2025-01-15, outside the campaign 'C'
                    (2024-01-01 to 2024-12-31) [works.csv row 2, column completed_on]
    """
    ctx = _Context(workspace)
    for name in ("campaigns", "campaign_targets", "pledges", "works"):
        ctx.problems.extend(table_problems(workspace, name))
    _check_campaign_rows(ctx)
    _check_targets(ctx)
    _check_pledge_columns(ctx)
    _check_work_columns(ctx)
    return Report(tuple(ctx.problems))


def _check_campaigns_by_record(workspace: Workspace) -> Report:
    """:func:`check_campaigns` on one record per pledge and work: the reference of the tests.

    The checks of the records, as they were before the column checks; the
    equivalence test compares the two on generated tables with faults of
    every code (``tests/test_campaign_checks_columns.py``).
    """
    ctx = _Context(workspace)
    for name in ("campaigns", "campaign_targets", "pledges", "works"):
        ctx.problems.extend(table_problems(workspace, name))
    _check_campaign_rows(ctx)
    _check_targets(ctx)
    _check_pledges_by_record(ctx)
    _check_works_by_record(ctx)
    return Report(tuple(ctx.problems))


def check_contests(workspace: Workspace) -> Report:
    """Check the contests, their entries and the cluster scoring tables of a workspace.

    The entries (a national contest has many) are checked on their typed
    columns, as the pledges and works are.

    Examples:
        >>> from thidua.io import DataTable
        >>> from thidua.io._domain import domain_tables
        >>> from thidua.testing import tiny_dataset
        >>> from thidua.workspace import Workspace
        >>> ws = Workspace(dataset=tiny_dataset(), tables={
        ...     "cluster_scores": DataTable.from_rows(domain_tables()["cluster_scores"], [
        ...         {"group": "C1", "period": "năm 2024", "unit": "D1", "criterion": "Tiêu chí 1",
        ...          "score": "11", "max": "10"}])})
        >>> [(p.code, p.subject, str(p.pointer)) for p in check_contests(ws)]
        [('C016', 'D1', 'cluster_scores.csv row 2, column score')]
    """
    return _check_contests(workspace, _check_entry_columns)


def _check_contests_by_record(workspace: Workspace) -> Report:
    """:func:`check_contests` on one record per entry: the reference of the tests."""
    return _check_contests(workspace, _check_entries_by_record)


def _check_contests(workspace: Workspace, entries: Callable[[_Context, set[str]], None]) -> Report:
    ctx = _Context(workspace)
    for name in ("contests", "contest_entries", "cluster_scores"):
        ctx.problems.extend(table_problems(workspace, name))
    held = contests(workspace)
    _duplicates(
        ctx, ((c.id, c.source, c.id) for c in held), CampaignCode.DUPLICATE_CONTEST_ID, "contest"
    )
    ids = {c.id for c in held}
    for c in held:
        row = _Row(c.id, c.source)
        what = f"contest {c.id!r}" + (f" ({c.name})" if c.name else "")
        ctx.known_campaign(c.campaign, what, row)
        ctx.unknown_unit(c.held_by, what, row, "held_by")
    entries(ctx, ids)
    first: dict[tuple[object, ...], Pointer | None] = {}
    for s in cluster_scores(workspace):
        row = _Row(s.unit, s.source)
        what = f"score of unit {s.unit!r} in group {s.group!r} for {s.criterion!r}"
        key = (s.group, s.period, s.unit, s.criterion)
        if s.period is not None and key in first:
            where = first[key]
            ctx.add(
                CampaignCode.DUPLICATE_SCORE,
                f"the {what} ({s.period}) is given twice"
                + (f" (first at {where})" if where else ""),
                subject=s.unit,
                at=s.source,
            )
            continue
        first[key] = s.source
        if s.group not in ctx.groups:
            ctx.add(
                CampaignCode.UNKNOWN_GROUP,
                f"{what}: group {s.group!r} is not in groups.csv",
                subject=s.unit,
                at=s.source,
                field="group",
            )
        ctx.unknown_unit(s.unit, what, row, "unit")
        if s.score is not None and s.max is not None and s.score > s.max:
            ctx.add(
                CampaignCode.SCORE_ABOVE_MAX,
                f"{what}: {_number(s.score)} points, above the maximum {_number(s.max)}",
                subject=s.unit,
                at=s.source,
                field="score",
            )
    return Report(tuple(ctx.problems))


def _check_entries_by_record(ctx: _Context, ids: set[str]) -> None:
    for e in contest_entries(ctx.workspace):
        row = _Row(e.contest, e.source)
        what = (
            f"entry {e.name!r} of contest {e.contest!r}" if e.name else f"an entry of {e.contest!r}"
        )
        if e.contest not in ids:
            ctx.add(
                CampaignCode.UNKNOWN_CONTEST,
                f"{what}: the contest is not in contests.csv",
                subject=e.contest,
                at=e.source,
                field="contest",
            )
        ctx.unknown_unit(e.unit, what, row, "unit")


def _check_entry_columns(ctx: _Context, ids: set[str]) -> None:
    """``C015``, ``C003`` for the entries, on the columns (rows without a contest left out)."""
    read = table_columns(ctx.workspace, "contest_entries")
    cols = read.columns
    contests, contest_of = _distinct(cols["contest"])
    rows = np.flatnonzero(contest_of >= 0)
    names = cols["name"]
    units = cols["unit"]

    def what(r: int) -> str:
        name, contest = names.uniques[names.codes[r]], contests[contest_of[r]]
        return f"entry {name!r} of contest {contest!r}" if name else f"an entry of {contest!r}"

    found = _Found()
    unknown = np.fromiter((c not in ids for c in contests), dtype=bool, count=len(contests))
    for r in rows[unknown[contest_of[rows]]].tolist():
        found.add(
            (1, r, 0),
            problem(
                CampaignCode.UNKNOWN_CONTEST,
                f"{what(r)}: the contest is not in contests.csv",
                subject=contests[contest_of[r]],
                pointer=read.table.pointer(r, "contest"),
            ),
        )
    stranger = _per_row(units, lambda u: u is not None and u not in ctx.units, bool)
    for r in rows[stranger[rows]].tolist():
        unit = units.uniques[units.codes[r]]
        found.add(
            (1, r, 1),
            problem(
                CampaignCode.UNKNOWN_UNIT,
                f"{what(r)}: unit {unit!r} is not a unit of units.csv",
                subject=contests[contest_of[r]],
                pointer=read.table.pointer(r, "unit"),
            ),
        )
    ctx.problems.extend(found.sorted())
