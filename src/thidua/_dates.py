"""Dates at the boundary: reading ISO and ``dd/mm/yyyy`` text into pendulum dates.

Internally, dates are also handled as proleptic Gregorian ordinals (``int``)
so that intervals can be compared in numpy arrays; an open start is
:data:`MIN_ORD` and an open end :data:`MAX_ORD`.
"""

from __future__ import annotations

import datetime as dt
import re

import pendulum

from thidua.errors import DateParseError

__all__ = [
    "MAX_ORD",
    "MIN_ORD",
    "Date",
    "as_date",
    "format_date",
    "from_ordinal",
    "parse_date",
    "to_ordinal",
]

Date = pendulum.Date
"""The date type of the library (a :class:`datetime.date` subclass)."""

MIN_ORD = 0
"""Ordinal standing for an open interval start (before any real date)."""
MAX_ORD = 10**7
"""Ordinal standing for an open interval end (after any real date)."""

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VN = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")


def parse_date(text: str) -> pendulum.Date:
    """Read a date written as ISO ``yyyy-mm-dd`` or Vietnamese ``dd/mm/yyyy``.

    Unpadded day and month are accepted (``1/7/2025``), as are ``.`` and
    ``-`` separators in the day-first form.

    Args:
        text: the date text.

    Returns:
        The date.

    Raises:
        DateParseError: the text is not a date in either form, or names a
            day that does not exist.

    Examples:
        >>> parse_date("1/7/2025")
        Date(2025, 7, 1)
        >>> parse_date("2025-07-01") == parse_date("01/07/2025")
        True
        >>> parse_date("31/02/2025")
        Traceback (most recent call last):
        ...
        thidua.errors.DateParseError: cannot read date '31/02/2025': day is out of range for month
    """
    raw = text.strip()
    match = _ISO.match(raw)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _VN.match(raw)
        if not match:
            raise DateParseError(text)
        day, month, year = (int(g) for g in match.groups())
    try:
        return pendulum.Date(year, month, day)
    except ValueError as exc:
        raise DateParseError(text, str(exc)) from None


def as_date(value: str | dt.date) -> pendulum.Date:
    """Coerce a text or :class:`datetime.date` into a :class:`pendulum.Date`.

    Examples:
        >>> import datetime
        >>> as_date(datetime.date(2025, 7, 1))
        Date(2025, 7, 1)
        >>> as_date("01/07/2025")
        Date(2025, 7, 1)
    """
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, pendulum.Date):
        return value
    return pendulum.Date(value.year, value.month, value.day)


def format_date(value: dt.date | None) -> str:
    """Write a date as ISO text; ``None`` (open) as the empty string.

    Examples:
        >>> format_date(pendulum.Date(2025, 7, 1))
        '2025-07-01'
        >>> format_date(None)
        ''
    """
    return "" if value is None else value.isoformat()


def to_ordinal(value: dt.date | None, *, open_end: bool = False) -> int:
    """Return the ordinal of *value*, or the open sentinel for ``None``.

    Examples:
        >>> to_ordinal(None) == MIN_ORD, to_ordinal(None, open_end=True) == MAX_ORD
        (True, True)
    """
    if value is None:
        return MAX_ORD if open_end else MIN_ORD
    return value.toordinal()


def from_ordinal(ordinal: int) -> pendulum.Date:
    """Return the date of an ordinal made by :func:`to_ordinal`.

    Examples:
        >>> from_ordinal(pendulum.Date(2025, 7, 1).toordinal())
        Date(2025, 7, 1)
    """
    day = dt.date.fromordinal(ordinal)
    return pendulum.Date(day.year, day.month, day.day)
