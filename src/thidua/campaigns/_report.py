"""The result of :func:`thidua.campaigns.evaluate_campaign`: a campaign's report as of a day.

The report holds, for every unit of the structure on the report day with
something in scope below it, counts over the unit's subtree (the unit
included), as numpy columns; the per-unit records (:class:`UnitResult`) are
built on demand.  It exports to pandas, polars, records, CSV and the JSON of
``thidua campaign --format json`` (issue 7 §3).

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import csv
import enum
import functools
import html
import io
import json
import math
import os
from collections.abc import Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt
import pendulum

from thidua.errors import UnknownUnitError
from thidua.problems import Report
from thidua.values import format_number_vi

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

    from thidua.campaigns._records import Campaign
    from thidua.typing import PathLike

__all__ = [
    "CampaignReport",
    "ClusterPeriod",
    "ClusterStanding",
    "ContestResult",
    "PledgeColumns",
    "PledgeResult",
    "PledgeState",
    "UnitResult",
    "WorkCounts",
    "attainment_text",
]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


class PledgeState(enum.Enum):
    """Where a pledge stands on the report day (issue 7 §2).

    Examples:
        >>> [s.value for s in PledgeState]
        ['in_progress', 'reached', 'not_reached', 'no_data', 'cancelled']

    .. versionadded:: 0.3.0
    """

    IN_PROGRESS = "in_progress"
    """The campaign still runs on the report day (whatever the figures say so far)."""
    REACHED = "reached"
    """The campaign has ended and the actual meets the plan (``lower``: at most the plan)."""
    NOT_REACHED = "not_reached"
    """The campaign has ended and the actual falls short of the plan."""
    NO_DATA = "no_data"
    """The campaign has ended and no figure reached the pledger: the actual is unknown."""
    CANCELLED = "cancelled"
    """The pledge was withdrawn (``status`` cancelled)."""


STATES: tuple[PledgeState, ...] = tuple(PledgeState)
"""The states in column order of :attr:`CampaignReport.state_counts`."""


def _number(value: float) -> str:
    """A value the Vietnamese way: whole numbers without decimals, else up to two."""
    if float(value).is_integer():
        return format_number_vi(value)
    text = format_number_vi(value, 2)
    return text.rstrip("0").rstrip(",")


def attainment_text(actual: float | None, plan: float | None) -> str:
    """Actual/plan (percent) as offices write it, with Vietnamese numbers.

    The percent has one decimal; an unknown actual is ``—``; a plan of 0 has
    no percent.

    Examples:
        >>> attainment_text(6257, 6000)
        '6.257/6.000 (104,3%)'
        >>> attainment_text(31, 20), attainment_text(None, 20), attainment_text(3, 0)
        ('31/20 (155,0%)', '—/20', '3/0')
        >>> attainment_text(86.36, 90)
        '86,36/90 (96,0%)'

    .. versionadded:: 0.3.0
    """
    if plan is None or not math.isfinite(plan):
        return "—" if actual is None or not math.isfinite(actual) else _number(actual)
    if actual is None or not math.isfinite(actual):
        return f"—/{_number(plan)}"
    text = f"{_number(actual)}/{_number(plan)}"
    if plan == 0:
        return text
    return f"{text} ({format_number_vi(100 * actual / plan, 1)}%)"


@attrs.frozen(kw_only=True)
class PledgeResult:
    """One pledge evaluated: its plan, the rolled-up actual and its state.

    Attributes:
        id: the pledge's id.
        campaign: the campaign it was registered in (the report's or one of its cascade).
        pledger: the pledging unit.
        indicator: the indicator pledged.
        plan: the plan value.
        actual: the rolled-up figure of the pledger over the window (``None``: no data).
        percent: ``100 × actual / plan`` (``None`` without actual or with a zero plan).
        state: the :class:`PledgeState`.
        direction: ``higher`` or ``lower`` (fewer is better).

    Examples:
        >>> p = PledgeResult(id="P1", campaign="C", pledger="HK", indicator="new_members",
        ...                  plan=6000.0, actual=6257.0, percent=104.28,
        ...                  state=PledgeState.REACHED)
        >>> p.attainment
        '6.257/6.000 (104,3%)'

    .. versionadded:: 0.3.0
    """

    id: str
    campaign: str
    pledger: str
    indicator: str
    plan: float | None
    actual: float | None
    percent: float | None
    state: PledgeState
    direction: str = "higher"

    @property
    def attainment(self) -> str:
        """``actual/plan (percent)`` with Vietnamese numbers (:func:`attainment_text`)."""
        return attainment_text(self.actual, self.plan)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a pledge (full precision, ``None`` for unknown)."""
        return {
            "id": self.id,
            "campaign": self.campaign,
            "indicator": self.indicator,
            "plan": self.plan,
            "actual": self.actual,
            "percent": self.percent,
            "state": self.state.value,
            "direction": self.direction,
            "attainment": self.attainment,
        }


@attrs.frozen(kw_only=True)
class WorkCounts:
    """The dedicated works of a subtree as of the report day.

    Attributes:
        registered: works registered by the day (any status).
        completed: status completed and completed on or before the day.
        cancelled: status cancelled.
        flagship: flagship works among the completed ones.
        completed_by_rank: rank of the pledging unit → completed works (ranks with none left out).

    .. versionadded:: 0.3.0
    """

    registered: int = 0
    completed: int = 0
    cancelled: int = 0
    flagship: int = 0
    completed_by_rank: Mapping[int, int] = attrs.field(factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape (ranks as text keys)."""
        return {
            "registered": self.registered,
            "completed": self.completed,
            "cancelled": self.cancelled,
            "flagship": self.flagship,
            "completed_by_rank": {str(k): v for k, v in sorted(self.completed_by_rank.items())},
        }


@attrs.frozen(kw_only=True)
class ContestResult:
    """A contest's counts, over the whole contest or over a unit's subtree.

    Attributes:
        contest: the contest id.
        name: its name.
        entries: entries (contestants).
        enterprises: distinct entry units.
        superiors: distinct admin parents of the entry units on the contest's day.
        trades: distinct trades.
        winners: entries with a result.
        prize_total: the prizes added up (VND).

    .. versionadded:: 0.3.0
    """

    contest: str
    name: str | None
    entries: int
    enterprises: int
    superiors: int
    trades: int
    winners: int
    prize_total: float

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of §3."""
        return {
            "contest": self.contest,
            "name": self.name,
            "entries": self.entries,
            "enterprises": self.enterprises,
            "superiors": self.superiors,
            "trades": self.trades,
            "winners": self.winners,
            "prize_total": self.prize_total,
        }


@attrs.frozen(kw_only=True)
class ClusterStanding:
    """A member's total on its cluster's scoring table for one period.

    Attributes:
        group: the cluster or block.
        period: the scoring period.
        unit: the member.
        name: its name at the end of the period.
        score: the points it scored, added over the criteria.
        max: the maximum points of those criteria.
        rank: 1 for the best; equal totals share a rank ("1224" ranking).

    .. versionadded:: 0.3.0
    """

    group: str
    period: str
    unit: str
    name: str
    score: float
    max: float
    rank: int


@attrs.frozen(kw_only=True)
class ClusterPeriod:
    """A cluster's ranking for one period, its leading unit and the leader recorded.

    Attributes:
        group: the cluster or block.
        period: the scoring period.
        standings: the members, best first.
        leading: the unit(s) ranked first (suy tôn; several on a tie).
        recorded_leader: the leader (cụm trưởng) of ``group_members`` on the
            period's last day, if any.
        agrees: whether the recorded leader is the (single) leading unit;
            ``None`` when no leader is recorded.

    .. versionadded:: 0.3.0
    """

    group: str
    period: str
    standings: tuple[ClusterStanding, ...]
    leading: tuple[str, ...]
    recorded_leader: str | None
    agrees: bool | None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape."""
        return {
            "group": self.group,
            "period": self.period,
            "leading": list(self.leading),
            "recorded_leader": self.recorded_leader,
            "agrees": self.agrees,
            "standings": [attrs.asdict(s) for s in self.standings],
        }


@attrs.frozen(kw_only=True)
class UnitResult:
    """One row of the report: a unit and the counts over its subtree, itself included.

    Attributes:
        unit: the unit id.
        name: its name on the report day.
        kind: its kind.
        rank: its rank (-1 for an unknown kind).
        in_scope: units in scope at or below it.
        pledgers: those with at least one active pledge or work (not cancelled).
        missing: the ids of those with none.
        pledges: the unit's own pledges, evaluated.
        pledge_states: state → pledges at or below it.
        works: the works at or below it.
        contests: per contest, the entries at or below it (contests without any left out).

    .. versionadded:: 0.3.0
    """

    unit: str
    name: str
    kind: str
    rank: int
    in_scope: int
    pledgers: int
    missing: tuple[str, ...]
    pledges: tuple[PledgeResult, ...]
    pledge_states: Mapping[str, int]
    works: WorkCounts
    contests: tuple[ContestResult, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of one unit in §3."""
        return {
            "unit": self.unit,
            "name": self.name,
            "kind": self.kind,
            "rank": self.rank,
            "in_scope": self.in_scope,
            "pledgers": self.pledgers,
            "missing": list(self.missing),
            "pledges": [p.to_dict() for p in self.pledges],
            "pledge_states": dict(self.pledge_states),
            "works": self.works.to_dict(),
            "contests": [c.to_dict() for c in self.contests],
        }


@attrs.frozen(kw_only=True, eq=False)
class Columns:
    """The report's columns, one entry per output row (built by the engine).

    Attributes:
        units: unit ids.
        names: names on the report day.
        kinds: kinds.
        ranks: ranks.
        counts: (rows × k) counts: in_scope, pledgers, missing, then the pledge
            states of :data:`STATES`, then works registered, completed,
            cancelled, flagship.
        by_rank: (rows × len(rank_labels)) completed works by the pledger's rank.
        rank_labels: the ranks of the columns of *by_rank*.
    """

    units: tuple[str, ...]
    names: tuple[str, ...]
    kinds: tuple[str, ...]
    ranks: IntArray
    counts: IntArray
    by_rank: IntArray
    rank_labels: tuple[int, ...]


COUNT_COLUMNS: tuple[str, ...] = (
    "in_scope",
    "pledgers",
    "missing",
    *(f"pledges_{s.value}" for s in STATES),
    "works_registered",
    "works_completed",
    "works_cancelled",
    "works_flagship",
)
"""The count columns of the flat exports, in :attr:`Columns.counts` order."""

_W = COUNT_COLUMNS.index("works_registered")
_S = COUNT_COLUMNS.index(f"pledges_{STATES[0].value}")


@attrs.frozen(kw_only=True, eq=False)
class PledgeColumns:
    """The evaluated pledges as columns (one entry per pledge); records are built on demand.

    Attributes:
        ids: pledge ids.
        campaigns: the campaign of each.
        pledgers: the pledging unit of each.
        indicators: the indicator of each.
        plan: plans (NaN: none).
        actual: rolled-up actuals (NaN: no data).
        percent: ``100 × actual / plan`` (NaN: unknown).
        state: index into :data:`STATES`.
        lower: whether the indicator's direction is ``lower``.
        rows: the report row each pledge is counted at (-1: none).
    """

    ids: npt.NDArray[np.object_]
    campaigns: npt.NDArray[np.object_]
    pledgers: npt.NDArray[np.object_]
    indicators: npt.NDArray[np.object_]
    plan: FloatArray
    actual: FloatArray
    percent: FloatArray
    state: IntArray
    lower: npt.NDArray[np.bool_]
    rows: IntArray

    def __len__(self) -> int:
        return int(self.ids.size)

    def record(self, i: int) -> PledgeResult:
        """The pledge at position *i* as a record."""

        def opt(x: float) -> float | None:
            return None if math.isnan(x) else float(x)

        return PledgeResult(
            id=str(self.ids[i]),
            campaign=str(self.campaigns[i]),
            pledger=str(self.pledgers[i]),
            indicator=str(self.indicators[i]),
            plan=opt(self.plan[i]),
            actual=opt(self.actual[i]),
            percent=opt(self.percent[i]),
            state=STATES[int(self.state[i])],
            direction="lower" if self.lower[i] else "higher",
        )


class CampaignReport:
    """A campaign evaluated as of a day: pledges, works, contests and cluster standings.

    Built by :func:`thidua.campaigns.evaluate_campaign`.  Rows are the units of
    the structure on :attr:`day` with something in scope below them, in the
    order of the hierarchy; every count is over the unit's subtree, itself
    included.

    Attributes (read-only properties): ``campaign`` (the record),
    ``campaigns`` (its cascade, the campaign first), ``as_of``, ``day``
    (``min(as_of, last day)``, the structure's day), ``ended``,
    ``problems``, ``pledges`` (every pledge evaluated), ``contests`` (whole
    contests), ``clusters``.

    .. versionadded:: 0.3.0
    """

    def __init__(
        self,
        *,
        campaign: Campaign,
        campaigns: tuple[str, ...],
        as_of: pendulum.Date,
        day: pendulum.Date,
        columns: Columns,
        pledges: PledgeColumns,
        missing: Mapping[int, tuple[str, ...]] | None,
        missing_of: Any,  # noqa: ANN401 - a callable row -> ids, kept lazy
        contests: tuple[ContestResult, ...],
        unit_contests: Mapping[int, tuple[ContestResult, ...]],
        clusters: tuple[ClusterPeriod, ...],
        problems: Report,
    ) -> None:
        self._campaign = campaign
        self._campaigns = campaigns
        self._as_of = as_of
        self._day = day
        self._c = columns
        self._p = pledges
        self._missing = dict(missing or {})
        self._missing_of = missing_of
        self._contests = contests
        self._unit_contests = unit_contests
        self._clusters = clusters
        self._problems = problems

    # -- labels ------------------------------------------------------------------

    @property
    def campaign(self) -> Campaign:
        """The campaign evaluated."""
        return self._campaign

    @property
    def campaigns(self) -> tuple[str, ...]:
        """The ids evaluated: the campaign, then the campaigns taking it up (its cascade)."""
        return self._campaigns

    @property
    def as_of(self) -> pendulum.Date:
        """The report day D (inclusive)."""
        return self._as_of

    @property
    def day(self) -> pendulum.Date:
        """The day of the structure the rows follow: ``min(as_of, last day)``."""
        return self._day

    @property
    def start(self) -> pendulum.Date:
        """The campaign's first day."""
        assert self._campaign.start is not None
        return self._campaign.start

    @property
    def end(self) -> pendulum.Date:
        """The campaign's last day (inclusive)."""
        assert self._campaign.end is not None
        return self._campaign.end

    @property
    def days(self) -> int:
        """The days the campaign runs, both ends counted."""
        return (self.end - self.start).days + 1

    @property
    def ended(self) -> bool:
        """Whether the report day is on or after the campaign's last day."""
        return self._as_of >= self.end

    @property
    def problems(self) -> Report:
        """The checks' problems (warnings only: errors refuse the evaluation), then its own."""
        return self._problems

    @functools.cached_property
    def pledges(self) -> tuple[PledgeResult, ...]:
        """Every pledge of the campaign and its cascade, evaluated, in table order.

        Built on first use (one record per pledge); :meth:`pledge_frame` gives
        them as columns without building records.
        """
        return tuple(self._p.record(i) for i in range(len(self._p)))

    def pledge_frame(self) -> pd.DataFrame:
        """Every pledge as a pandas DataFrame, from the columns.

        Raises:
            ImportError: pandas is not installed.

        Examples:
            >>> from thidua.campaigns._examples import example_report
            >>> example_report().pledge_frame()["state"].tolist()
            ['reached', 'not_reached', 'no_data', 'cancelled']
        """
        import pandas as pd  # noqa: PLC0415 - optional extra

        p = self._p
        return pd.DataFrame(
            {
                "id": p.ids,
                "campaign": p.campaigns,
                "pledger": p.pledgers,
                "indicator": p.indicators,
                "plan": p.plan,
                "actual": p.actual,
                "percent": p.percent,
                "state": np.asarray([s.value for s in STATES], dtype=object)[p.state],
                "direction": np.where(p.lower, "lower", "higher"),
            }
        )

    @property
    def contests(self) -> tuple[ContestResult, ...]:
        """Every contest held within the campaign (and its cascade) by the report day."""
        return self._contests

    @property
    def clusters(self) -> tuple[ClusterPeriod, ...]:
        """The scoring of the clusters the campaign's scope names, per period."""
        return self._clusters

    @property
    def units(self) -> tuple[str, ...]:
        """The unit ids of the rows."""
        return self._c.units

    @functools.cached_property
    def _position(self) -> dict[str, int]:
        return {u: i for i, u in enumerate(self._c.units)}

    def __len__(self) -> int:
        return len(self._c.units)

    def __contains__(self, unit: object) -> bool:
        return isinstance(unit, str) and unit in self._position

    def __iter__(self) -> Iterator[UnitResult]:
        return (self._unit_at(i) for i in range(len(self)))

    # -- lookups -------------------------------------------------------------------

    @functools.cached_property
    def _own_pledges(self) -> dict[int, list[int]]:
        found: dict[int, list[int]] = {}
        for i, row in enumerate(self._p.rows.tolist()):
            if row >= 0:
                found.setdefault(row, []).append(i)
        return found

    def state_counts(self, unit: str) -> dict[str, int]:
        """State → pledges at or below *unit* (every state, zeros included).

        Raises:
            UnknownUnitError: *unit* is not a row.
        """
        i = self._row(unit)
        counts = self._c.counts[i, _S : _S + len(STATES)].tolist()
        return {s.value: int(n) for s, n in zip(STATES, counts, strict=True)}

    def _row(self, unit: str) -> int:
        try:
            return self._position[unit]
        except KeyError:
            raise UnknownUnitError(unit, "in the campaign report") from None

    def missing(self, unit: str) -> tuple[str, ...]:
        """The ids of the units in scope at or below *unit* without any active pledge or work."""
        return self._missing_ids(self._row(unit))

    def _missing_ids(self, i: int) -> tuple[str, ...]:
        if i not in self._missing:
            self._missing[i] = self._missing_of(i)
        return self._missing[i]

    def unit(self, unit: str) -> UnitResult:
        """The row of *unit*.

        Raises:
            UnknownUnitError: *unit* is not a row (nothing in scope below it, or not alive on
                :attr:`day`).
        """
        return self._unit_at(self._row(unit))

    def _unit_at(self, i: int) -> UnitResult:
        c = self._c
        counts = c.counts[i].tolist()
        by_rank = {
            r: int(n) for r, n in zip(c.rank_labels, c.by_rank[i].tolist(), strict=True) if n
        }
        return UnitResult(
            unit=c.units[i],
            name=c.names[i],
            kind=c.kinds[i],
            rank=int(c.ranks[i]),
            in_scope=counts[0],
            pledgers=counts[1],
            missing=self._missing_ids(i),
            pledges=tuple(self._p.record(k) for k in self._own_pledges.get(i, ())),
            pledge_states={
                s.value: n for s, n in zip(STATES, counts[_S : _S + len(STATES)], strict=True) if n
            },
            works=WorkCounts(
                registered=counts[_W],
                completed=counts[_W + 1],
                cancelled=counts[_W + 2],
                flagship=counts[_W + 3],
                completed_by_rank=by_rank,
            ),
            contests=self._unit_contests.get(i, ()),
        )

    # -- exports -------------------------------------------------------------------

    def _flat(self) -> dict[str, Any]:
        c = self._c
        out: dict[str, Any] = {
            "unit": list(c.units),
            "name": list(c.names),
            "kind": list(c.kinds),
            "rank": c.ranks,
        }
        for j, name in enumerate(COUNT_COLUMNS):
            out[name] = c.counts[:, j]
        for j, r in enumerate(c.rank_labels):
            out[f"completed_rank_{r}"] = c.by_rank[:, j]
        return out

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per row: labels, counts, completed works per rank (``completed_rank_R``).

        Examples:
            >>> from thidua.campaigns._examples import example_report
            >>> example_report().to_records()[0]["works_completed"]
            2
        """
        flat = self._flat()
        names = list(flat)
        cols = [v if isinstance(v, list) else v.tolist() for v in flat.values()]
        return [dict(zip(names, row, strict=True)) for row in zip(*cols, strict=True)]

    def to_pandas(self) -> pd.DataFrame:
        """The flat rows as a pandas DataFrame (built from the columns, no per-row objects).

        Raises:
            ImportError: pandas is not installed (``pip install 'thidua[pandas]'``).

        Examples:
            >>> from thidua.campaigns._examples import example_report
            >>> df = example_report().to_pandas()
            >>> df.shape, df.loc[1, "unit"], int(df.loc[1, "in_scope"]), int(df.loc[1, "pledgers"])
            ((7, 18), 'HN', 6, 4)
        """
        import pandas as pd  # noqa: PLC0415 - optional extra

        return pd.DataFrame(self._flat())

    def to_polars(self) -> pl.DataFrame:
        """The flat rows as a polars DataFrame.

        Raises:
            ImportError: polars is not installed (``pip install 'thidua[polars]'``).

        Examples:
            >>> from thidua.campaigns._examples import example_report
            >>> example_report().to_polars().shape[0]
            7
        """
        import polars as pl  # noqa: PLC0415 - optional extra

        flat = self._flat()
        return pl.DataFrame(flat)

    def to_csv(self, path_or_buffer: PathLike | IO[str]) -> None:
        """Write the flat rows as UTF-8 CSV to a path or an open text buffer.

        Examples:
            >>> import io
            >>> from thidua.campaigns._examples import example_report
            >>> buffer = io.StringIO()
            >>> example_report().to_csv(buffer)
            >>> buffer.getvalue().splitlines()[0][:40]
            'unit,name,kind,rank,in_scope,pledgers,mi'
        """
        text = self.csv_text()
        if isinstance(path_or_buffer, str | os.PathLike):
            with open(path_or_buffer, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            return
        path_or_buffer.write(text)

    def csv_text(self) -> str:
        """The flat rows as CSV text (header first)."""
        flat = self._flat()
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(list(flat))
        cols = [v if isinstance(v, list) else v.tolist() for v in flat.values()]
        writer.writerows(zip(*cols, strict=True))
        return buffer.getvalue()

    def to_dict(self) -> dict[str, Any]:
        """The report in the JSON shape of ``thidua campaign --format json`` (issue 7 §3)."""
        c = self._campaign
        return {
            "campaign": c.id,
            "name": c.name,
            "document": None if c.document is None else c.document.text,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "days": self.days,
            "as_of": self._as_of.isoformat(),
            "day": self._day.isoformat(),
            "ended": self.ended,
            "campaigns": list(self._campaigns),
            "units": [u.to_dict() for u in self],
            "contests": [x.to_dict() for x in self._contests],
            "clusters": [x.to_dict() for x in self._clusters],
            "problems": [p.to_dict() for p in self._problems],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """:meth:`to_dict` as JSON text (full precision; unknown values ``null``).

        Examples:
            >>> import json
            >>> from thidua.campaigns._examples import example_report
            >>> data = json.loads(example_report().to_json())
            >>> data["campaign"], data["days"], data["units"][1]["unit"]
            ('KH-80', 153, 'HN')
        """
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)

    def __repr__(self) -> str:
        n, k = len(self), len(self._p)
        probs = len(self._problems)
        state = "ended" if self.ended else "running"
        return (
            f"<CampaignReport {self._campaign.id} as of {self._as_of.isoformat()} ({state}): "
            f"{n:,} unit{'s' if n != 1 else ''}, {k:,} pledge{'s' if k != 1 else ''}, "
            f"{probs} problem{'s' if probs != 1 else ''}>"
        )

    def _repr_html_(self, max_rows: int = 20) -> str:
        """An HTML table of the first *max_rows* rows (for Jupyter)."""
        shown = ["unit", "name", "in_scope", "pledgers", "missing", "works_completed"]
        flat = self._flat()
        head = "".join(f"<th>{html.escape(h)}</th>" for h in shown)
        body = []
        for i in range(min(max_rows, len(self))):
            cells = "".join(f"<td>{html.escape(str(flat[h][i]))}</td>" for h in shown)
            body.append(f"<tr>{cells}</tr>")
        more = f"<p>… {len(self) - max_rows:,} more rows</p>" if len(self) > max_rows else ""
        return (
            f"<p>{html.escape(repr(self))}</p><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>{more}"
        )
