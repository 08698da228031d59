"""Dates at the boundary: reading ISO and ``dd/mm/yyyy`` text into pendulum dates.

:func:`parse_date` reads the text forms (a time of day after the date, as
spreadsheets write date-times, is accepted and dropped);
:func:`parse_date_cell` also reads the Excel serial numbers a date column of
a table may hold (``45474`` = 2024-07-01).

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
    "EXCEL_SERIAL_MAX",
    "EXCEL_SERIAL_MIN",
    "MAX_ORD",
    "MIN_ORD",
    "Date",
    "as_date",
    "excel_serial_date",
    "format_date",
    "from_ordinal",
    "parse_date",
    "parse_date_cell",
    "to_ordinal",
]

Date = pendulum.Date
"""The date type of the library (a :class:`datetime.date` subclass)."""

MIN_ORD = 0
"""Ordinal standing for an open interval start (before any real date)."""
MAX_ORD = 10**7
"""Ordinal standing for an open interval end (after any real date)."""

# A time of day after the date ("2021-03-15 00:00:00", "2021-03-15T08:30",
# "15/3/2021 8:30:00"), as spreadsheets and databases write date-times.
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)?"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + "$", re.ASCII)
_VN = re.compile(
    r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})" + _TIME.replace("[ T]", r"\s+") + "$",
    re.ASCII,
)
_SERIAL = re.compile(r"^\d{5,7}(?:\.\d+)?$", re.ASCII)

EXCEL_SERIAL_MIN = 10_000
"""The smallest Excel serial read as a date in a date column (1927-05-18).

Smaller numbers are refused so that a bare year (``2024``) or a day of the
month is never taken for a date.
"""
EXCEL_SERIAL_MAX = 2_958_465
"""The largest Excel serial (9999-12-31, the last day Excel knows)."""

# Excel counts days from 1899-12-30 for every serial after its fictitious
# 1900-02-29 (serial 60); all accepted serials are far past it.
_EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()


def parse_date(text: str) -> pendulum.Date:
    """Read a date written as ISO ``yyyy-mm-dd`` or Vietnamese ``dd/mm/yyyy``.

    Unpadded day and month are accepted (``1/7/2025``), as are ``.`` and
    ``-`` separators in the day-first form.  A time of day after the date
    (``2021-03-15 00:00:00``, ``2021-03-15T08:30``, ``15/3/2021 8:30``), as
    spreadsheets write date-times, is accepted and dropped: the domain is
    dated by day.

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
        >>> parse_date("2021-03-15 00:00:00")
        Date(2021, 3, 15)
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


def excel_serial_date(text: str) -> pendulum.Date | None:
    """Return the date of an Excel serial number written as text, or ``None``.

    Only whole serials from :data:`EXCEL_SERIAL_MIN` (1927-05-18) to
    :data:`EXCEL_SERIAL_MAX` (9999-12-31) are dates, optionally with a
    fraction (a time of day, dropped); anything else, including a bare year
    such as ``2024``, is ``None``.

    .. versionadded:: 0.2.0

    Examples:
        >>> excel_serial_date("45474"), excel_serial_date("45474.75")
        (Date(2024, 7, 1), Date(2024, 7, 1))
        >>> excel_serial_date("2024") is None, excel_serial_date("2958466") is None
        (True, True)
    """
    raw = text.strip()
    if not _SERIAL.match(raw):
        return None
    serial = int(raw.partition(".")[0])
    if not EXCEL_SERIAL_MIN <= serial <= EXCEL_SERIAL_MAX:
        return None
    return from_ordinal(_EXCEL_EPOCH + serial)


def parse_date_cell(text: str) -> pendulum.Date:
    """Read the cell of a date column: :func:`parse_date`, or an Excel serial number.

    A spreadsheet shows a date column formatted as "General" as serial
    numbers (``45474`` is 2024-07-01), and saves them so in CSV; such a cell
    is read with :func:`excel_serial_date` (serials 10000 to 2958465 only, so
    ``2024`` stays an unreadable date, never a day of 1905).

    Raises:
        DateParseError: the text is neither a date nor an Excel serial.

    .. versionadded:: 0.2.0

    Examples:
        >>> parse_date_cell("45474"), parse_date_cell("1/7/2024")
        (Date(2024, 7, 1), Date(2024, 7, 1))
        >>> parse_date_cell("2024")
        Traceback (most recent call last):
        ...
        thidua.errors.DateParseError: cannot read date '2024': expected ISO yyyy-mm-dd or dd/mm/yyyy
    """
    day = excel_serial_date(text)
    return parse_date(text) if day is None else day


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
