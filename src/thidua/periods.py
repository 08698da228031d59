"""Reporting periods: half-open date intervals with a kind and a Vietnamese label.

A :class:`Period` is ``[start, end)`` on :class:`pendulum.Date`, the end
**exclusive**.  Its :class:`PeriodKind` says how it was made (a quarter, an
emulation-statistics year, a congress term...) and drives :func:`str`,
:attr:`Period.label_vi` and :meth:`Period.parts`; equality, hashing and
ordering use only ``(start, end)``, so the year 2025 *is* the interval
2025-01-01/2026-01-01 whatever it was called.

Periods are built with classmethods (:meth:`Period.quarter`,
:meth:`Period.emulation_year`, ...) or read from text with
:func:`parse_period`, which accepts short codes and the Vietnamese phrases of
reports ("quý III/2025", "6 tháng đầu năm 2025", "nhiệm kỳ 2023-2028").

Examples:
    >>> q3 = parse_period("quý III/2025")
    >>> str(q3), q3.label_vi, q3.days
    ('2025-Q3', 'quý III/2025', 92)
    >>> Period.year(2025) == parse_period("2025-01-01/2026-01-01")
    True
    >>> pendulum.Date(2025, 8, 15) in q3, q3 in Period.year(2025)
    (True, True)
    >>> [str(p) for p in Period.emulation_year(2025).quarters()]
    ['2024-12-01/2025-01-01', '2025-Q1', '2025-Q2', '2025-Q3', '2025-10-01/2025-12-01']

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable

import attrs
import pendulum

from thidua._dates import as_date, parse_date
from thidua._text import name_key
from thidua.errors import PeriodParseError, TextParseError

__all__ = ["Period", "PeriodKind", "parse_period"]


class PeriodKind(enum.Enum):
    """How a period was defined; informative only (not part of equality).

    Examples:
        >>> PeriodKind("emulation_year") is PeriodKind.EMULATION_YEAR
        True
    """

    CUSTOM = "custom"
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    EMULATION_YEAR = "emulation_year"
    SCHOOL_YEAR = "school_year"
    STAGE = "stage"
    TERM = "term"


# Length in months of the calendar-grid kinds used by split() and parts().
_GRID = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF: 6, PeriodKind.YEAR: 12}
# The kind that parts() splits each kind into (kinds not listed have no parts).
_BELOW = {
    PeriodKind.YEAR: PeriodKind.HALF,
    PeriodKind.HALF: PeriodKind.QUARTER,
    PeriodKind.QUARTER: PeriodKind.MONTH,
    PeriodKind.EMULATION_YEAR: PeriodKind.MONTH,
    PeriodKind.SCHOOL_YEAR: PeriodKind.MONTH,
    PeriodKind.STAGE: PeriodKind.YEAR,
    PeriodKind.TERM: PeriodKind.YEAR,
}
_ROMAN = ("I", "II", "III", "IV")


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _first_of(index: int) -> pendulum.Date:
    """Return the first day of the month numbered *index* by :func:`_month_index`."""
    return pendulum.Date(index // 12, index % 12 + 1, 1)


_LAST_END = (
    "out of range: dates run to 31/12/9999, so a period (whose end is the day after "
    "its last day) must end by 30/12/9999"
)


def _date(year: int, month: int, day: int, what: str, *, end: bool = False) -> pendulum.Date:
    """Return the date, or raise :class:`PeriodParseError` naming *what* when it cannot exist.

    An exclusive *end* past 31/12/9999 gets the message that periods must end
    by 30/12/9999; any other impossible date names its year, month or day.
    """
    if end and year > dt.MAXYEAR:
        raise PeriodParseError(what, _LAST_END)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise PeriodParseError(what, f"year {year} is out of range (years run from 1 to 9999)")
    try:
        return pendulum.Date(year, month, day)
    except ValueError as exc:
        raise PeriodParseError(what, str(exc)) from None


def _next_day(day: pendulum.Date, what: str) -> pendulum.Date:
    """The day after *day*, or :class:`PeriodParseError` after 31/12/9999."""
    if day >= dt.date.max:
        raise PeriodParseError(what, _LAST_END)
    return day.add(days=1)


def _check(name: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        msg = f"{name} must be between {low} and {high}, got {value}"
        raise ValueError(msg)


def _fits(kind: PeriodKind, start: dt.date, end: dt.date) -> bool:
    """Tell whether ``[start, end)`` has the shape that *kind* promises."""
    if kind is PeriodKind.CUSTOM:
        return True
    if kind is PeriodKind.DAY:
        return end.toordinal() - start.toordinal() == 1
    if kind is PeriodKind.SCHOOL_YEAR:
        return (end.year, end.month, end.day) == (start.year + 1, start.month, start.day)
    if start.day != 1 or end.day != 1:
        return False
    if kind in (PeriodKind.STAGE, PeriodKind.TERM):
        return start.month == 1 and end.month == 1
    span = _month_index(end) - _month_index(start)
    if kind is PeriodKind.EMULATION_YEAR:
        return start.month == 12 and span == 12
    return span == _GRID[kind] and (start.month - 1) % _GRID[kind] == 0


@attrs.frozen(kw_only=True, order=True)
class Period:
    """A reporting period ``[start, end)``; the end date is **excluded**.

    Build one with the classmethods :meth:`month`, :meth:`quarter`,
    :meth:`half`, :meth:`year`, :meth:`emulation_year`, :meth:`school_year`,
    :meth:`stage`, :meth:`term`, :meth:`day` and :meth:`between`, or with
    :func:`parse_period`.  Equality, hashing and ordering compare
    ``(start, end)`` only; ``kind`` is carried along for display.

    Attributes:
        start: the first day of the period (a date, or ISO / dd/mm/yyyy text).
        end: the first day **after** the period.
        kind: how the period was defined; the dates must fit it (a ``MONTH``
            runs from the 1st to the 1st of the next month).

    Raises:
        ValueError: ``start`` is not before ``end``, or the dates do not fit ``kind``.
        PeriodParseError: a classmethod was asked for a period outside the
            dates Python can hold (years 1 to 9999; a period must end by
            30/12/9999, as its exclusive end is the next day).

    Examples:
        >>> p = Period(start=pendulum.Date(2025, 1, 1), end=pendulum.Date(2025, 4, 1))
        >>> p
        Period(start=Date(2025, 1, 1), end=Date(2025, 4, 1), kind=PeriodKind.CUSTOM)
        >>> p == Period.quarter(2025, 1), p.days, p < Period.quarter(2025, 2)
        (True, 90, True)
    """

    start: pendulum.Date = attrs.field(converter=as_date)
    end: pendulum.Date = attrs.field(converter=as_date)
    kind: PeriodKind = attrs.field(
        default=PeriodKind.CUSTOM, eq=False, order=False, repr=lambda k: f"PeriodKind.{k.name}"
    )

    def __attrs_post_init__(self) -> None:
        if not self.start < self.end:
            msg = f"period start {self.start} must be before its end {self.end} (end is exclusive)"
            raise ValueError(msg)
        if not _fits(self.kind, self.start, self.end):
            msg = f"[{self.start}, {self.end}) is not a {self.kind.value} period"
            raise ValueError(msg)

    @classmethod
    def between(cls, start: str | dt.date, end: str | dt.date) -> Period:
        """Return the ``CUSTOM`` period ``[start, end)``; text dates are ISO or dd/mm/yyyy.

        Examples:
            >>> str(Period.between("15/03/2025", "2025-06-15"))
            '2025-03-15/2025-06-15'
        """
        return cls(start=as_date(start), end=as_date(end), kind=PeriodKind.CUSTOM)

    @classmethod
    def day(cls, date: str | dt.date) -> Period:
        """Return the one-day period of *date*.

        Examples:
            >>> Period.day("1/7/2025").label_vi
            'ngày 01/07/2025'
        """
        start = as_date(date)
        return cls(start=start, end=_next_day(start, str(date)), kind=PeriodKind.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """Return calendar month *month* (1-12) of *year*.

        Examples:
            >>> str(Period.month(2025, 7)), Period.month(2025, 12).end
            ('2025-07', Date(2026, 1, 1))
        """
        _check("month", month, 1, 12)
        return cls._grid(year, month, PeriodKind.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Return quarter *quarter* (1-4) of *year*.

        Examples:
            >>> Period.quarter(2025, 3).label_vi
            'quý III/2025'
        """
        _check("quarter", quarter, 1, 4)
        return cls._grid(year, quarter, PeriodKind.QUARTER)

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        """Return half-year *half* (1 = January-June, 2 = July-December) of *year*.

        Examples:
            >>> Period.half(2025, 1).label_vi
            '6 tháng đầu năm 2025'
        """
        _check("half", half, 1, 2)
        return cls._grid(year, half, PeriodKind.HALF)

    @classmethod
    def year(cls, year: int) -> Period:
        """Return calendar year *year*.

        Examples:
            >>> Period.year(2025)
            Period(start=Date(2025, 1, 1), end=Date(2026, 1, 1), kind=PeriodKind.YEAR)
        """
        return cls._grid(year, 1, PeriodKind.YEAR)

    @classmethod
    def _grid(cls, year: int, number: int, kind: PeriodKind) -> Period:
        what = f"{kind.value} {number} of {year}" if kind is not PeriodKind.YEAR else f"{year}"
        index = year * 12 + (number - 1) * _GRID[kind]
        start = _date(year, index % 12 + 1, 1, what)
        stop = index + _GRID[kind]
        end = _date(stop // 12, stop % 12 + 1, 1, what, end=True)
        return cls(start=start, end=end, kind=kind)

    @classmethod
    def emulation_year(cls, year: int) -> Period:
        """Return emulation-statistics year *year*: 01/12 of ``year - 1`` to 30/11 of *year*.

        Examples:
            >>> p = Period.emulation_year(2025)
            >>> p.start, p.end, str(p)
            (Date(2024, 12, 1), Date(2025, 12, 1), '2025-EY')
        """
        # Circular 02/2023/TT-BNV: the emulation and commendation statistics
        # year runs from 1 December of the previous year to 30 November.
        what = f"emulation year {year}"
        start, end = _date(year - 1, 12, 1, what), _date(year, 12, 1, what, end=True)
        return cls(start=start, end=end, kind=PeriodKind.EMULATION_YEAR)

    @classmethod
    def school_year(cls, first_year: int, *, start_month: int = 9, start_day: int = 1) -> Period:
        """Return school year (năm học) ``first_year``-``first_year + 1``.

        By convention a school year starts on **1 September**; pass
        *start_month* / *start_day* for a sector that starts on another day.
        The period is exactly one year long.

        Examples:
            >>> Period.school_year(2024).label_vi
            'năm học 2024-2025'
            >>> Period.school_year(2024, start_month=8, start_day=15).end
            Date(2025, 8, 15)
        """
        what = f"school year {first_year}-{first_year + 1}"
        start = _date(first_year, start_month, start_day, what)
        end = _date(first_year + 1, start_month, start_day, what, end=True)
        return cls(start=start, end=end, kind=PeriodKind.SCHOOL_YEAR)

    @classmethod
    def stage(cls, first: int, last: int) -> Period:
        """Return the stage (giai đoạn) of calendar years *first* to *last*, **inclusive**.

        "giai đoạn 2021-2025" is five calendar years, ``[2021-01-01, 2026-01-01)``.

        Examples:
            >>> p = Period.stage(2021, 2025)
            >>> p.end, len(p.parts())
            (Date(2026, 1, 1), 5)
        """
        if last < first:
            msg = f"stage {first}-{last}: the last year must not be before the first"
            raise ValueError(msg)
        what = f"stage {first}-{last}"
        start, end = _date(first, 1, 1, what), _date(last + 1, 1, 1, what, end=True)
        return cls(start=start, end=end, kind=PeriodKind.STAGE)

    @classmethod
    def term(cls, first: int, last: int) -> Period:
        """Return the congress term (nhiệm kỳ) *first*-*last*, half-open on years.

        Consecutive terms share their boundary year (XII 2018-2023, XIII
        2023-2028), so a term is ``[01/01/first, 01/01/last)`` and consecutive
        terms tile time without overlap.  Use :meth:`between` when the exact
        congress dates matter.

        Examples:
            >>> xii, xiii = Period.term(2018, 2023), Period.term(2023, 2028)
            >>> xii.end == xiii.start, xii.overlaps(xiii)
            (True, False)
        """
        if last <= first:
            msg = f"term {first}-{last}: the last year must be after the first"
            raise ValueError(msg)
        what = f"term {first}-{last}"
        start, end = _date(first, 1, 1, what), _date(last, 1, 1, what, end=True)
        return cls(start=start, end=end, kind=PeriodKind.TERM)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period from text; the same as :func:`parse_period`.

        Examples:
            >>> Period.parse("2025-H2") == Period.half(2025, 2)
            True
        """
        return parse_period(text)

    @property
    def days(self) -> int:
        """The number of days in the period.

        Examples:
            >>> Period.year(2024).days
            366
        """
        return self.end_ordinal - self.start_ordinal

    @property
    def start_ordinal(self) -> int:
        """``start.toordinal()``, for vectorised comparisons in numpy.

        Examples:
            >>> Period.year(2025).start_ordinal == pendulum.Date(2025, 1, 1).toordinal()
            True
        """
        return self.start.toordinal()

    @property
    def end_ordinal(self) -> int:
        """``end.toordinal()`` (exclusive), for vectorised comparisons in numpy.

        Examples:
            >>> Period.month(2025, 2).end_ordinal - Period.month(2025, 2).start_ordinal
            28
        """
        return self.end.toordinal()

    def contains(self, item: dt.date | Period) -> bool:
        """Tell whether a date lies in the period, or a period lies wholly inside it.

        ``item in period`` is the same test, and raises :class:`TypeError`
        for anything but a date or a period.

        Examples:
            >>> y = Period.year(2025)
            >>> y.contains(pendulum.Date(2025, 12, 31)), pendulum.Date(2026, 1, 1) in y
            (True, False)
            >>> y.contains(Period.emulation_year(2025)), Period.half(2025, 2) in y
            (False, True)
        """
        if isinstance(item, Period):
            return self.start <= item.start and item.end <= self.end
        day = item.date() if isinstance(item, dt.datetime) else item
        return self.start <= day < self.end

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, dt.date | Period):
            msg = f"a period contains dates and periods, not {type(item).__name__}"
            raise TypeError(msg)
        return self.contains(item)

    def overlaps(self, other: Period) -> bool:
        """Tell whether the two periods share at least one day.

        Examples:
            >>> Period.year(2025).overlaps(Period.emulation_year(2025))
            True
            >>> Period.month(2025, 1).overlaps(Period.month(2025, 2))
            False
        """
        return self.start < other.end and other.start < self.end

    def intersection(self, other: Period) -> Period | None:
        """Return the days common to both periods, or ``None`` when they are disjoint.

        The result is whichever period it equals (keeping its kind), else ``CUSTOM``.

        Examples:
            >>> str(Period.year(2025).intersection(Period.emulation_year(2025)))
            '2025-01-01/2025-12-01'
            >>> Period.year(2025).intersection(Period.quarter(2025, 2)).kind
            <PeriodKind.QUARTER: 'quarter'>
            >>> Period.year(2024).intersection(Period.year(2025)) is None
            True
        """
        if not self.overlaps(other):
            return None
        start, end = max(self.start, other.start), min(self.end, other.end)
        for candidate in (other, self):
            if (candidate.start, candidate.end) == (start, end):
                return candidate
        return Period(start=start, end=end)

    def split(self, kind: PeriodKind) -> tuple[Period, ...]:
        """Cut the period along the calendar grid of *kind* into consecutive pieces.

        *kind* is ``DAY``, ``MONTH``, ``QUARTER``, ``HALF`` or ``YEAR``.  The
        pieces tile the period exactly, in order.  A piece that is a whole
        grid cell has that kind; where the period is not aligned to the grid,
        the first and last pieces are clipped and have kind ``CUSTOM``.

        Raises:
            ValueError: *kind* is not a calendar-grid kind.

        Examples:
            >>> [p.label_vi for p in Period.half(2025, 2).split(PeriodKind.QUARTER)]
            ['quý III/2025', 'quý IV/2025']
            >>> [(str(p), p.kind.name) for p in Period.emulation_year(2025).split(PeriodKind.YEAR)]
            [('2024-12-01/2025-01-01', 'CUSTOM'), ('2025-01-01/2025-12-01', 'CUSTOM')]
        """
        if kind is PeriodKind.DAY:
            return tuple(Period.day(self.start.add(days=n)) for n in range(self.days))
        if kind not in _GRID:
            msg = f"can split only by day, month, quarter, half or year, not {kind.value}"
            raise ValueError(msg)
        step = _GRID[kind]
        index = _month_index(self.start) // step * step
        pieces: list[Period] = []
        cursor = self.start
        while cursor < self.end:
            index += step
            piece_end = min(_first_of(index), self.end) if index < 120_000 else self.end
            whole = _fits(kind, cursor, piece_end)
            pieces.append(
                Period(start=cursor, end=piece_end, kind=kind if whole else PeriodKind.CUSTOM)
            )
            cursor = piece_end
        return tuple(pieces)

    def months(self) -> tuple[Period, ...]:
        """Return ``split(PeriodKind.MONTH)``.

        Examples:
            >>> [str(m) for m in Period.emulation_year(2025).months()][:2]
            ['2024-12', '2025-01']
        """
        return self.split(PeriodKind.MONTH)

    def quarters(self) -> tuple[Period, ...]:
        """Return ``split(PeriodKind.QUARTER)``.

        Examples:
            >>> len(Period.year(2025).quarters())
            4
        """
        return self.split(PeriodKind.QUARTER)

    def parts(self) -> tuple[Period, ...]:
        """Return the natural sub-periods one level down.

        A year gives its 2 halves, a half its 2 quarters, a quarter its 3
        months; an emulation or school year its months (12 when it starts on
        the 1st); a stage or term its calendar years.  A month, a day and a
        ``CUSTOM`` period give ``()``.

        Examples:
            >>> [str(p) for p in Period.year(2025).parts()]
            ['2025-H1', '2025-H2']
            >>> Period.term(2023, 2028).parts()[-1].label_vi
            'năm 2027'
            >>> Period.month(2025, 7).parts()
            ()
        """
        below = _BELOW.get(self.kind)
        return () if below is None else self.split(below)

    def __str__(self) -> str:
        """Return the canonical code: ``2025``, ``2025-H1``, ``2025-Q3``, ``2025-07``, ``2025-EY``.

        A day is its ISO date; other kinds are the ISO interval ``start/end``
        (end exclusive).
        """
        year, month, kind = self.start.year, self.start.month, self.kind
        codes = {
            PeriodKind.YEAR: f"{year:04d}",
            PeriodKind.HALF: f"{year:04d}-H{(month + 5) // 6}",
            PeriodKind.QUARTER: f"{year:04d}-Q{(month + 2) // 3}",
            PeriodKind.MONTH: f"{year:04d}-{month:02d}",
            PeriodKind.EMULATION_YEAR: f"{self.end.year:04d}-EY",
            PeriodKind.DAY: self.start.isoformat(),
        }
        return codes.get(kind, f"{self.start.isoformat()}/{self.end.isoformat()}")

    @property
    def label_vi(self) -> str:
        """The Vietnamese phrase for the period, as reports write it.

        :func:`parse_period` reads every label back (a school year that does
        not start on 1 September reads back as the 1 September one).

        Examples:
            >>> Period.emulation_year(2025).label_vi
            'năm thi đua 2025'
            >>> Period.stage(2021, 2025).label_vi
            'giai đoạn 2021-2025'
            >>> Period.between("2025-03-15", "2025-06-15").label_vi
            'từ ngày 15/03/2025 đến ngày 14/06/2025'
        """
        year, month, last = self.start.year, self.start.month, self.end.subtract(days=1)
        labels = {
            PeriodKind.YEAR: f"năm {year}",
            PeriodKind.HALF: f"6 tháng {'đầu' if month == 1 else 'cuối'} năm {year}",
            PeriodKind.QUARTER: f"quý {_ROMAN[(month - 1) // 3]}/{year}",
            PeriodKind.MONTH: f"tháng {month}/{year}",
            PeriodKind.EMULATION_YEAR: f"năm thi đua {self.end.year}",
            PeriodKind.SCHOOL_YEAR: f"năm học {year}-{year + 1}",
            PeriodKind.STAGE: f"giai đoạn {year}-{self.end.year - 1}",
            PeriodKind.TERM: f"nhiệm kỳ {year}-{self.end.year}",
            PeriodKind.DAY: f"ngày {self.start:%d/%m/%Y}",
        }
        return labels.get(self.kind, f"từ ngày {self.start:%d/%m/%Y} đến ngày {last:%d/%m/%Y}")


# -- parsing --------------------------------------------------------------------

_Builder = Callable[[list[str], str], Period]


def _quarter_vi(g: list[str], raw: str) -> Period:
    number = g[0].upper()
    if number in _ROMAN:
        number = str(_ROMAN.index(number) + 1)
    if number not in ("1", "2", "3", "4"):
        raise PeriodParseError(raw, "the quarter must be I, II, III or IV (or 1-4)")
    return Period.quarter(int(g[1]), int(number))


def _school_year(g: list[str], raw: str) -> Period:
    if int(g[1]) != int(g[0]) + 1:
        raise PeriodParseError(raw, "a school year spans two consecutive years (2024-2025)")
    return Period.school_year(int(g[0]))


def _between(g: list[str], raw: str) -> Period:
    start, end = parse_date(g[0]), parse_date(g[1])
    if "/" in g[0]:  # the Vietnamese phrase "từ ... đến ..." names the last day
        end = _next_day(end, raw)
    if start >= end:
        raise PeriodParseError(raw, "the period ends before it starts")
    return Period.between(start, end)


def _bare_range(g: list[str], raw: str) -> Period:
    reason = "a bare year range is ambiguous: write 'năm học', 'giai đoạn' or 'nhiệm kỳ' before it"
    raise PeriodParseError(raw, reason)


_DMY, _ISO = r"(\d{1,2}/\d{1,2}/\d{4})", r"(\d{4}-\d{1,2}-\d{1,2})"
_FORMS: tuple[tuple[re.Pattern[str], _Builder], ...] = tuple(
    (re.compile(pattern, re.ASCII), build)
    for pattern, build in (
        (r"(?:năm )?(\d{4})", lambda g, _: Period.year(int(g[0]))),
        (r"(\d{4})-h(\d+)", lambda g, _: Period.half(int(g[0]), int(g[1]))),
        (r"(\d{4})-q(\d+)", lambda g, _: Period.quarter(int(g[0]), int(g[1]))),
        (r"(\d{4})-(\d{1,2})", lambda g, _: Period.month(int(g[0]), int(g[1]))),
        (
            r"(\d{4})-ey|năm (?:thống kê )?thi đua (\d{4})",
            lambda g, _: Period.emulation_year(int(g[0])),
        ),
        (_ISO + "|ngày " + _DMY, lambda g, _: Period.day(parse_date(g[0]))),
        (_ISO + "/" + _ISO + "|từ (?:ngày )?" + _DMY + " đến (?:ngày )?" + _DMY, _between),
        (
            r"(?:6|sáu) tháng (đầu|cuối) năm (\d{4})",
            lambda g, _: Period.half(int(g[1]), 1 if g[0] == "đầu" else 2),
        ),
        (r"qu[ýí] ([ivxlcdm]+|\d+)(?:/| năm )(\d{4})", _quarter_vi),
        (r"tháng (\d{1,2})(?:/| năm )(\d{4})", lambda g, _: Period.month(int(g[1]), int(g[0]))),
        (r"năm học (\d{4})[-/](\d{4})", _school_year),
        (r"giai đoạn (\d{4})-(\d{4})", lambda g, _: Period.stage(int(g[0]), int(g[1]))),
        (r"nhiệm k[ỳì] (\d{4})-(\d{4})", lambda g, _: Period.term(int(g[0]), int(g[1]))),
        (r"(\d{4})-(\d{4})", _bare_range),
    )
)
_EXPECTED = (
    "expected 2025, 2025-H1, 2025-Q3, 2025-07, 2025-EY, an ISO interval "
    "2024-12-01/2025-12-01, or a phrase such as 'quý III/2025', 'tháng 7/2025', "
    "'6 tháng đầu năm 2025', 'năm thi đua 2025', 'năm học 2024-2025', "
    "'giai đoạn 2021-2025', 'nhiệm kỳ 2023-2028'"
)


def parse_period(text: str) -> Period:
    """Read a reporting period written as a code, an ISO interval or a Vietnamese phrase.

    The text is NFC-normalised, case-folded and whitespace-folded; ranges may
    use ``-``, ``–`` (en dash) or ``—`` (em dash).  Accepted forms:

    * codes ``2025``, ``2025-H1``, ``2025-Q3``, ``2025-07``, ``2025-EY``
      (emulation-statistics year) and ``2025-07-01`` (one day);
    * ISO intervals ``2024-12-01/2025-12-01`` (end **exclusive**);
    * phrases ``năm 2025``, ``6 tháng đầu/cuối năm 2025``, ``quý III/2025``
      (also ``quý 3/2025``, ``quý III năm 2025``), ``tháng 7/2025`` (also
      ``tháng 07/2025``, ``tháng 7 năm 2025``), ``năm thi đua 2025``,
      ``năm học 2024-2025``, ``giai đoạn 2021-2025`` (years inclusive),
      ``nhiệm kỳ 2023-2028`` (half-open on years, see :meth:`Period.term`),
      ``ngày 01/07/2025`` and ``từ ngày 01/12/2024 đến ngày 30/11/2025``
      (last day **inclusive**, as Vietnamese writes it).

    Args:
        text: the period text.

    Returns:
        The period; its ``kind`` records the form read (an ISO interval is ``CUSTOM``).

    Raises:
        PeriodParseError: the text matches no form, or names an impossible
            period (quarter V, month 13, school year 2024-2026, ...).

    Examples:
        >>> parse_period("6 tháng cuối năm 2025") == parse_period("2025-H2")
        True
        >>> parse_period("Năm học 2024 – 2025").start
        Date(2024, 9, 1)
        >>> parse_period("giai đoạn 2021—2025").days
        1826
        >>> parse_period("quý V/2025")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        thidua.errors.PeriodParseError: cannot read period 'quý V/2025': the quarter must be I, ...
    """
    key = name_key(text)
    key = re.sub("[\u2010-\u2015\u2212]", "-", key)  # hyphens, en and em dashes, minus
    key = re.sub(r"\s*([-/])\s*", r"\1", key)
    if not key:
        raise PeriodParseError(text, "the text is empty")
    for pattern, build in _FORMS:
        match = pattern.fullmatch(key)
        if match is not None:
            try:
                return build([g for g in match.groups() if g is not None], text)
            except TextParseError as exc:  # a date, or a period built from the numbers read
                if isinstance(exc, PeriodParseError) and exc.text == text:
                    raise
                raise PeriodParseError(text, exc.reason) from None
            except ValueError as exc:
                raise PeriodParseError(text, str(exc)) from None
    raise PeriodParseError(text, _EXPECTED)
