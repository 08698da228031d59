"""The records of campaigns, targets, pledges, works, contests and cluster scoring.

Each record is a frozen, slotted, keyword-only view of one row of its table,
made on demand by the accessors of :mod:`thidua.campaigns` (``campaigns(ws)``,
``pledges(ws)`` …); the workspace keeps the tables as columns of text.  A
cell that cannot be read is ``None`` in the record (the check reports it).

Examples:
    >>> import pendulum
    >>> c = Campaign(id="DCD-2023", start=pendulum.Date(2023, 5, 1), end=pendulum.Date(2023, 9, 30))
    >>> c.period, c.days, c.duration_class
    (Period(start=Date(2023, 5, 1), end=Date(2023, 10, 1), kind=PeriodKind.CUSTOM), 153,
     <DurationClass.UNDER_1_YEAR: 'under_1_year'>)

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import attrs
import pendulum

from thidua._source import Pointer
from thidua.campaigns._enums import CampaignKind, DurationClass, PledgeStatus, WorkStatus
from thidua.campaigns._scope import Scope
from thidua.documents import DocumentSymbol
from thidua.periods import Period

__all__ = [
    "Campaign",
    "CampaignTarget",
    "ClusterScore",
    "Contest",
    "ContestEntry",
    "Pledge",
    "Work",
    "duration_class",
]


def duration_class(period: Period) -> DurationClass:
    """The statistics form 0601 duration class of a half-open period.

    Lengths are counted in calendar months from the first day: exactly 12
    months is ``[1/5/2023, 1/5/2024)``; a day less is under a year, a day
    more is over (Circular 02/2023/TT-BNV, form 0601: dưới 1 năm, 1 năm, trên
    1 năm đến dưới 3 năm, từ 3 năm đến dưới 5 năm, từ 5 năm trở lên).

    Examples:
        >>> duration_class(Period.year(2024)).value
        '1_year'
        >>> duration_class(Period.between("2023-05-01", "2024-05-02")).value
        '1_to_3_years'
        >>> duration_class(Period.stage(2020, 2025)).value
        '5_years_and_more'
        >>> duration_class(Period.between("2023-01-01", "2026-01-01")).value
        '3_to_5_years'
    """
    start, end = period.start, period.end

    def months(n: int) -> pendulum.Date:
        return start.add(months=n)

    if end < months(12):
        return DurationClass.UNDER_1_YEAR
    if end == months(12):
        return DurationClass.ONE_YEAR
    if end < months(36):
        return DurationClass.ONE_TO_3_YEARS
    if end < months(60):
        return DurationClass.THREE_TO_5_YEARS
    return DurationClass.FIVE_YEARS_AND_MORE


@attrs.frozen(kw_only=True)
class Campaign:
    """An emulation movement or campaign (phong trào, đợt thi đua): one row of ``campaigns``.

    Attributes:
        id: the campaign's id.
        name: its name (tên phong trào).
        kind: regular (thường xuyên) or thematic (chuyên đề, đợt).
        launched_by: the id of the launching unit (đơn vị phát động).
        document: the plan or decision launching it, parsed (``80/KH-LĐLĐ``).
        issued_on: the document's date.
        start: the first day (inclusive, as offices write it).
        end: the last day (inclusive, as offices write it).
        parent: the id of the campaign this one takes up (cascade).
        scope: who takes part, parsed; ``None``: the launching unit's subtree.
        themes: the themes and slogans, in order.
        source: where the row was read (not compared).
        period: derived from *start* and *end*: ``[start, end + 1 day)``, or
            ``None`` without both dates or when the end is before the start.

    Examples:
        >>> c = Campaign(id="X", start=pendulum.Date(2024, 1, 1), end=pendulum.Date(2024, 12, 31))
        >>> c.days, c.duration_class.label_vi
        (366, '1 năm')
    """

    id: str
    name: str | None = None
    kind: CampaignKind | None = None
    launched_by: str | None = None
    document: DocumentSymbol | None = None
    issued_on: pendulum.Date | None = None
    start: pendulum.Date | None = None
    end: pendulum.Date | None = None
    parent: str | None = None
    scope: Scope | None = None
    themes: tuple[str, ...] = ()
    source: Pointer | None = attrs.field(default=None, eq=False, repr=False)

    period: Period | None = attrs.field(init=False, eq=False, repr=False)
    """``[start, end + 1 day)``, the library's half-open period (derived, not given).

    ``None`` without both dates, or when the end is before the start.
    """

    def __attrs_post_init__(self) -> None:
        period = None
        if self.start is not None and self.end is not None and self.start <= self.end:
            period = Period.between(self.start, self.end.add(days=1))
        object.__setattr__(self, "period", period)

    @property
    def days(self) -> int | None:
        """How many days the campaign runs, both ends counted (``None`` without a period)."""
        period = self.period
        return None if period is None else period.days

    @property
    def duration_class(self) -> DurationClass | None:
        """The duration class of statistics form 0601 (``None`` without a period)."""
        period = self.period
        return None if period is None else duration_class(period)

    @property
    def document_key(self) -> str | None:
        """The document's key: issuer + year + number.

        The year of issue (or of the start) fills in a symbol that does not write one.

        Examples:
            >>> from thidua.documents import parse_symbol
            >>> Campaign(id="X", document=parse_symbol("80/KH-LĐLĐ"),
            ...          issued_on=pendulum.Date(2023, 4, 28)).document_key
            'KH-LDLD/2023/80'
        """
        if self.document is None:
            return None
        symbol = self.document
        if symbol.year is None:
            day = self.issued_on or self.start
            if day is not None:
                symbol = attrs.evolve(symbol, year=day.year)
        return symbol.key


@attrs.frozen(kw_only=True)
class CampaignTarget:
    """A target a campaign sets for a unit (chỉ tiêu giao): one row of ``campaign_targets``.

    Attributes:
        campaign: the campaign's id.
        unit: the unit the target is set for.
        indicator: the indicator's code in the catalogue.
        plan: the planned value (``None`` when empty or unreadable).
        source: where the row was read.

    Examples:
        >>> CampaignTarget(campaign="C", unit="HK", indicator="new_members", plan=6000.0).plan
        6000.0
    """

    campaign: str
    unit: str
    indicator: str
    plan: float | None = None
    source: Pointer | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Pledge:
    """What a unit registers (đăng ký thi đua) for an indicator: one row of ``pledges``.

    Attributes:
        id: the pledge's id.
        campaign: the campaign's id.
        pledger: the pledging unit (or person) id.
        indicator: the indicator's code in the catalogue.
        plan: the value pledged over the campaign's period.
        registered_on: the day it was registered.
        status: active (the default) or cancelled.
        source: where the row was read.

    Examples:
        >>> Pledge(id="P1", campaign="C", pledger="HK").status
        <PledgeStatus.ACTIVE: 'active'>
    """

    id: str
    campaign: str
    pledger: str
    indicator: str | None = None
    plan: float | None = None
    registered_on: pendulum.Date | None = None
    status: PledgeStatus = PledgeStatus.ACTIVE
    source: Pointer | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Work:
    """A dedicated work (công trình, phần việc): one row of ``works``.

    Attributes:
        id: the work's id.
        campaign: the campaign's id.
        pledger: the registering unit (or person) id.
        name: what the work is.
        registered_on: the day it was registered.
        due: the day it is due.
        status: registered (the default), in_progress, completed or cancelled.
        completed_on: the day it was completed.
        value: its value in VND.
        flagship: chosen to carry a plaque (gắn biển).
        document: the document recognising it, parsed.
        source: where the row was read.

    Examples:
        >>> Work(id="W1", campaign="C", pledger="G1").status, Work(id="W1", campaign="C",
        ...      pledger="G1").flagship
        (<WorkStatus.REGISTERED: 'registered'>, False)
    """

    id: str
    campaign: str
    pledger: str
    name: str | None = None
    registered_on: pendulum.Date | None = None
    due: pendulum.Date | None = None
    status: WorkStatus = WorkStatus.REGISTERED
    completed_on: pendulum.Date | None = None
    value: float | None = None
    flagship: bool = False
    document: DocumentSymbol | None = None
    source: Pointer | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Contest:
    """A contest held within a campaign (hội thi): one row of ``contests``.

    Attributes:
        id: the contest's id.
        campaign: the campaign's id.
        name: its name (Hội thi thợ giỏi …).
        held_by: the holding unit's id.
        held_on: its day.
        source: where the row was read.

    Examples:
        >>> Contest(id="HT", name="Hội thi thợ giỏi").campaign is None
        True
    """

    id: str
    campaign: str | None = None
    name: str | None = None
    held_by: str | None = None
    held_on: pendulum.Date | None = None
    source: Pointer | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class ContestEntry:
    """One contestant of a contest: one row of ``contest_entries``.

    Attributes:
        contest: the contest's id.
        name: the contestant as written.
        person: an id of ``people.csv``, if given.
        unit: the contestant's grassroots unit (the enterprise).
        trade: the trade competed in.
        result: the prize won (``Giải Nhất``); ``None`` when no prize.
        prize: the prize money in VND.
        source: where the row was read.

    Examples:
        >>> ContestEntry(contest="HT", name="Nguyễn Văn A", result="Giải Nhì").result
        'Giải Nhì'
    """

    contest: str
    name: str | None = None
    person: str | None = None
    unit: str | None = None
    trade: str | None = None
    result: str | None = None
    prize: float | None = None
    source: Pointer | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class ClusterScore:
    """One cell of a cluster's scoring table (giao ước thi đua): one row of ``cluster_scores``.

    Attributes:
        group: the cluster or block's id.
        period: the period scored (``None`` when unreadable).
        unit: the member unit scored.
        criterion: the criterion (tiêu chí).
        score: the points given.
        max: the most points the criterion gives.
        source: where the row was read.

    Examples:
        >>> ClusterScore(group="CUM-01", period=Period.year(2024), unit="HK",
        ...              criterion="Phát triển đoàn viên", score=9.5, max=10.0).score
        9.5
    """

    group: str
    period: Period | None
    unit: str
    criterion: str
    score: float | None = None
    max: float | None = None
    source: Pointer | None = attrs.field(default=None, eq=False, repr=False)
