"""Records of people and their history: frozen, keyword-only attrs classes.

These are the row views of the history tables (``people.csv``,
``memberships.csv``, ``ratings.csv`` …).  Text is NFC-normalised, dates are
:class:`pendulum.Date` (text in ISO or ``dd/mm/yyyy`` accepted), periods are
:class:`thidua.periods.Period` (text such as ``2024`` or ``năm học 2023-2024``
accepted), coded words go through the parsers of :mod:`thidua.people._kinds`.
Intervals are half-open ``[valid_from, valid_to)``; ``None`` is open.

Ids are plain ``str`` here (person, unit, honour and award ids); the typed
``NewType`` ids of :mod:`thidua.typing` can be passed where a ``str`` is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs
import pendulum

from thidua._dates import as_date
from thidua._text import nfc
from thidua.people._kinds import (
    AbsenceReason,
    DisciplineForm,
    Gender,
    Grade,
    InitiativeLevel,
    Qualification,
    parse_absence_reason,
    parse_discipline_form,
    parse_gender,
    parse_grade,
    parse_initiative_level,
    parse_qualification,
)
from thidua.periods import Period, parse_period

__all__ = [
    "Absence",
    "Award",
    "Discipline",
    "Initiative",
    "Membership",
    "Person",
    "Rating",
    "Registration",
    "Review",
]


def _period(value: Period | str) -> Period:
    return value if isinstance(value, Period) else parse_period(value)


def _opt_period(value: Period | str | None) -> Period | None:
    return None if value is None or value == "" else _period(value)


def _opt_date(value: dt.date | str | None) -> pendulum.Date | None:
    return None if value is None or value == "" else as_date(value)


def _ids(value: str | Iterable[str]) -> tuple[str, ...]:
    items = value.split(";") if isinstance(value, str) else value
    return tuple(nfc(i).strip() for i in items if i and nfc(i).strip())


def _opt_gender(value: Gender | str | None) -> Gender | None:
    return None if value is None or value == "" else parse_gender(value)


def _opt_qualification(value: Qualification | str | None) -> Qualification | None:
    return None if value is None or value == "" else parse_qualification(value)


def _opt_vnd(value: int | float | None) -> float | None:
    return None if value is None else float(value)


def _check_interval(start: dt.date, end: dt.date | None) -> None:
    if end is not None and end <= start:
        msg = f"interval [{start}, {end}) is empty: valid_to must be after valid_from"
        raise ValueError(msg)


@attrs.frozen(kw_only=True)
class Person:
    """A person (đoàn viên, cán bộ): id, name, gender and birth date.

    Examples:
        >>> Person(id="P1", name="Nguyễn Thị Hoa", gender="nữ").gender
        <Gender.FEMALE: 'female'>

    .. versionadded:: 0.3.0
    """

    id: str = attrs.field(converter=nfc)
    name: str = attrs.field(default="", converter=nfc)
    gender: Gender | None = attrs.field(default=None, converter=_opt_gender)
    born: pendulum.Date | None = attrs.field(default=None, converter=_opt_date)
    attributes: tuple[tuple[str, str], ...] = ()


@attrs.frozen(kw_only=True)
class Membership:
    """A person in a unit over ``[valid_from, valid_to)``.

    Attributes:
        manager: holds a management post (for the Bằng Lao động sáng tạo thresholds).
        qualification: ``college_or_below`` or ``university``.

    Examples:
        >>> m = Membership(person="P1", unit="CD1", valid_from="1/1/2020", manager=False)
        >>> m.valid_from, m.valid_to
        (Date(2020, 1, 1), None)

    .. versionadded:: 0.3.0
    """

    person: str = attrs.field(converter=nfc)
    unit: str = attrs.field(converter=nfc)
    valid_from: pendulum.Date = attrs.field(converter=as_date)
    valid_to: pendulum.Date | None = attrs.field(default=None, converter=_opt_date)
    position: str = attrs.field(default="", converter=nfc)
    manager: bool = False
    qualification: Qualification | None = attrs.field(default=None, converter=_opt_qualification)

    def __attrs_post_init__(self) -> None:
        _check_interval(self.valid_from, self.valid_to)


@attrs.frozen(kw_only=True)
class Rating:
    """The rating of a person or a unit for a period.

    Examples:
        >>> r = Rating(subject="P1", period="năm học 2023-2024", rating="Hoàn thành tốt nhiệm vụ")
        >>> r.rating, str(r.period)
        (<Grade.HTT: 2>, '2023-09-01/2024-09-01')

    .. versionadded:: 0.3.0
    """

    subject: str = attrs.field(converter=nfc)
    period: Period = attrs.field(converter=_period)
    rating: Grade = attrs.field(converter=parse_grade)


@attrs.frozen(kw_only=True)
class Award:
    """A decided award: an honour to a recipient for an achievement period.

    Attributes:
        honour: a catalogue code (``LDTT``, ``BK_BO`` …).
        period: the achievement period stated in the decision, or ``None``
            (then the decision date is what counts).
        decision: the decision's document symbol (``1234/QĐ-TLĐ``).
        initiatives: the ids of the initiatives the award rested on.
        revoked_on: when the award was revoked, if it was.

    Examples:
        >>> a = Award(id="A1", recipient="P1", honour="CSTDCS", period="2024",
        ...           decided_on="15/12/2024", initiatives="SK1;SK2")
        >>> a.initiatives, a.revoked_on
        (('SK1', 'SK2'), None)

    .. versionadded:: 0.3.0
    """

    id: str = attrs.field(converter=nfc)
    recipient: str = attrs.field(converter=nfc)
    honour: str = attrs.field(converter=nfc)
    period: Period | None = attrs.field(default=None, converter=_opt_period)
    decision: str = attrs.field(default="", converter=nfc)
    decided_on: pendulum.Date = attrs.field(converter=as_date)
    initiatives: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    revoked_on: pendulum.Date | None = attrs.field(default=None, converter=_opt_date)


@attrs.frozen(kw_only=True)
class Initiative:
    """An initiative (sáng kiến) recognised at a level, with its benefit value in VND.

    Examples:
        >>> i = Initiative(id="SK1", authors="P1;P2", level="cơ sở", recognised_on="2024-05-01",
        ...                benefit=85_000_000)
        >>> i.authors, i.level
        (('P1', 'P2'), <InitiativeLevel.GRASSROOTS: 1>)

    .. versionadded:: 0.3.0
    """

    id: str = attrs.field(converter=nfc)
    authors: tuple[str, ...] = attrs.field(converter=_ids)
    title: str = attrs.field(default="", converter=nfc)
    level: InitiativeLevel = attrs.field(converter=parse_initiative_level)
    recognised_on: pendulum.Date = attrs.field(converter=as_date)
    document: str = attrs.field(default="", converter=nfc)
    benefit: float | None = attrs.field(default=None, converter=_opt_vnd)


@attrs.frozen(kw_only=True)
class Discipline:
    """A disciplinary measure in force over ``[decided_on, valid_to)``.

    Examples:
        >>> Discipline(person="P1", form="khiển trách", decided_on="2023-03-01",
        ...            valid_to="2024-03-01").form
        <DisciplineForm.REPRIMAND: 1>

    .. versionadded:: 0.3.0
    """

    person: str = attrs.field(converter=nfc)
    form: DisciplineForm = attrs.field(converter=parse_discipline_form)
    decided_on: pendulum.Date = attrs.field(converter=as_date)
    valid_to: pendulum.Date | None = attrs.field(default=None, converter=_opt_date)

    def __attrs_post_init__(self) -> None:
        _check_interval(self.decided_on, self.valid_to)


@attrs.frozen(kw_only=True)
class Absence:
    """Working days a person was absent in a period, and why.

    Examples:
        >>> Absence(person="P1", period="2024", days=45, reason="thai sản").reason
        <AbsenceReason.MATERNITY: 'maternity'>

    .. versionadded:: 0.3.0
    """

    person: str = attrs.field(converter=nfc)
    period: Period = attrs.field(converter=_period)
    days: int
    reason: AbsenceReason = attrs.field(default=AbsenceReason.OTHER, converter=parse_absence_reason)

    def __attrs_post_init__(self) -> None:
        if self.days < 0:
            msg = f"absence of {self.person}: days must be 0 or more, got {self.days}"
            raise ValueError(msg)


@attrs.frozen(kw_only=True)
class Registration:
    """A title a person or unit registered for (đăng ký danh hiệu) for a period.

    Examples:
        >>> Registration(subject="P1", period="2024", honour="CSTDCS").honour
        'CSTDCS'

    .. versionadded:: 0.3.0
    """

    subject: str = attrs.field(converter=nfc)
    period: Period = attrs.field(converter=_period)
    honour: str = attrs.field(converter=nfc)
    registered_on: pendulum.Date | None = attrs.field(default=None, converter=_opt_date)


@attrs.frozen(kw_only=True)
class Review:
    """A disciplinary review, investigation or complaint open over ``[valid_from, valid_to)``.

    Examples:
        >>> Review(subject="P1", valid_from="2024-11-01", reason="complaint").valid_to is None
        True

    .. versionadded:: 0.3.0
    """

    subject: str = attrs.field(converter=nfc)
    valid_from: pendulum.Date = attrs.field(converter=as_date)
    valid_to: pendulum.Date | None = attrs.field(default=None, converter=_opt_date)
    reason: str = attrs.field(default="", converter=nfc)

    def __attrs_post_init__(self) -> None:
        _check_interval(self.valid_from, self.valid_to)
