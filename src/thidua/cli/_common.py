"""What every ``thidua`` command shares: exit codes, the progress bar, argument types, output.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import re
from collections.abc import Iterable, Sequence
from typing import TextIO

import attrs

from thidua._dates import parse_date
from thidua.errors import DateParseError
from thidua.hierarchy import Numbers
from thidua.problems import Report
from thidua.values import format_number_vi

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "EXIT_UNREADABLE",
    "Context",
    "Progress",
    "add_number_option",
    "date_arg",
    "format_value",
    "int_arg",
    "neutralise",
    "non_negative_int",
    "report_csv",
    "table",
    "warn_errors",
]

EXIT_OK = 0
"""No error was found (warnings allowed)."""
EXIT_PROBLEMS = 1
"""Errors were found in the data."""
EXIT_UNREADABLE = 2
"""The input cannot be read, or the command line is wrong."""
EXIT_INTERNAL = 70
"""An unexpected internal error (a bug in thidua): ``EX_SOFTWARE`` of ``sysexits.h``."""

_INT64 = 2**63 - 1


class Progress:
    r"""A one-line progress display on stderr for long loads (only when *enabled*).

    It is a :class:`thidua.typing.ProgressCallback`; :meth:`close` ends the line.

    Examples:
        >>> import io
        >>> from thidua.typing import ProgressCallback
        >>> stream = io.StringIO()
        >>> bar: ProgressCallback = Progress(stream, enabled=True)
        >>> bar("units.csv", 5, 10)
        >>> stream.getvalue()
        '\runits.csv              [###############---------------]         5/10'
    """

    def __init__(self, stream: TextIO, *, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.shown = False

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        if total:
            width = 30
            filled = min(width, int(width * done / total))
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\r{stage:<22} [{bar}] {done:>9,}/{total:,}")
        else:
            self.stream.write(f"\r{stage:<22} {done:>9,} rows")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """End the progress line, if one was shown."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False


@attrs.define
class Context:
    """The streams and options of one run of a command.

    Attributes:
        out: where results go (standard output).
        err: where problems, warnings and progress go (standard error).
        progress: the progress bar (close it before writing to *err*).
        numbers: ``"vi"`` or ``"plain"`` numbers in text output.
    """

    out: TextIO
    err: TextIO
    progress: Progress
    numbers: Numbers = "vi"


# -- argument types --------------------------------------------------------------


def date_arg(text: str) -> str:
    """An argparse type: a date in ISO or ``dd/mm/yyyy`` form (kept as text).

    Examples:
        >>> date_arg("1/7/2025")
        '1/7/2025'
    """
    try:
        parse_date(text)
    except DateParseError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def int_arg(text: str) -> int:
    """An argparse type: an integer that fits in 64 bits.

    Examples:
        >>> int_arg("3")
        3
        >>> int_arg("99999999999999999999")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: 99999999999999999999 is out of range
    """
    try:
        value = int(text)
    except ValueError:
        msg = f"{text!r} is not a whole number"
        raise argparse.ArgumentTypeError(msg) from None
    if abs(value) > _INT64:
        msg = f"{text} is out of range"
        raise argparse.ArgumentTypeError(msg)
    return value


def non_negative_int(text: str) -> int:
    """An argparse type: a whole number, 0 or more.

    Examples:
        >>> non_negative_int("-1")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: must be 0 or more, got -1
    """
    value = int_arg(text)
    if value < 0:
        msg = f"must be 0 or more, got {value}"
        raise argparse.ArgumentTypeError(msg)
    return value


def add_number_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--plain-numbers`` (default: Vietnamese ``12.925``, decimal comma)."""
    parser.add_argument(
        "--plain-numbers",
        dest="numbers",
        action="store_const",
        const="plain",
        default="vi",
        help="write numbers as 12925.5 instead of the Vietnamese 12.925,5",
    )


def add_encoding_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--encoding`` (the CSV files' text encoding; default: detected)."""
    parser.add_argument(
        "--encoding",
        default=None,
        help="text encoding of the CSV files, e.g. cp1258 (default: UTF-8 with or without "
        "BOM, else cp1258 with a warning)",
    )


# -- output -------------------------------------------------------------------------


def warn_errors(report: Report, err: TextIO) -> None:
    """Say on *err* that the data has errors, without listing them."""
    if not report.ok:
        err.write(
            f"thidua: warning: the dataset has {len(report.errors)} error(s); "
            "run 'thidua validate' to list them\n"
        )


def format_value(value: float | None, numbers: Numbers, *, decimals: int = 2) -> str:
    """A value for a text table: at most *decimals* places, no trailing zeros, ``—`` if none.

    Examples:
        >>> format_value(12925.0, "vi"), format_value(86.6667, "vi"), format_value(None, "vi")
        ('12.925', '86,67', '—')
        >>> format_value(12925.0, "plain"), format_value(86.6667, "plain")
        ('12925', '86.67')
    """
    if value is None or not math.isfinite(value):
        return "—" if value is None or math.isnan(value) else str(value)
    if numbers == "vi":
        text = format_number_vi(value, decimals)
        return text.rstrip("0").rstrip(",") if "," in text else text
    text = f"{value:.{decimals}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text == "-0" else text


def table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], *, right: Iterable[int] = ()
) -> str:
    """A text table whose columns fit their longest cell; columns in *right* are right-aligned.

    The last column is not padded.

    Examples:
        >>> print(table(["unit", "value"], [["LDLD-HOANKIEM", "610"], ["HN", "12.925"]],
        ...             right=[1]), end="")
        unit           value
        LDLD-HOANKIEM    610
        HN            12.925
    """
    body = [list(r) for r in rows]
    widths = [len(h) for h in headers]
    for row in body:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    align = set(right)
    last = len(headers) - 1

    def line(cells: Sequence[str]) -> str:
        parts = []
        for i, cell in enumerate(cells):
            if i in align:
                parts.append(cell.rjust(widths[i]))
            else:
                parts.append(cell if i == last else cell.ljust(widths[i]))
        return "  ".join(parts).rstrip()

    return "\n".join([line(headers), *(line(r) for r in body)]) + "\n"


_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def neutralise(cell: object) -> object:
    r"""A CSV cell made safe to open in a spreadsheet (the OWASP rule against formula injection).

    Text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    gets a leading single quote, so a spreadsheet shows it as text instead of
    running it as a formula.  Numbers, and text that is only a number
    (``-5``), are left alone.

    Examples:
        >>> neutralise('=HYPERLINK("http://x")'), neutralise("@SUM(A1)"), neutralise("HN")
        ('\'=HYPERLINK("http://x")', "'@SUM(A1)", 'HN')
        >>> neutralise(-5), neutralise("-5"), neutralise("-5+A1")
        (-5, '-5', "'-5+A1")
    """
    if isinstance(cell, str) and cell.startswith(_DANGEROUS) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def report_csv(
    headers: Sequence[str], rows: Iterable[Sequence[object]], *, escape_formulas: bool = True
) -> str:
    """A report meant for people as CSV text, its text cells neutralised (see :func:`neutralise`).

    Args:
        headers: the column names.
        rows: the cells: text, numbers, ``None`` or NaN (written as an empty cell).
        escape_formulas: neutralise text cells that a spreadsheet would run as formulas.

    Examples:
        >>> print(report_csv(["unit", "value"], [["=1+1", -5.0], ["HN", None]]), end="")
        unit,value
        '=1+1,-5.0
        HN,
        >>> print(report_csv(["unit"], [["=1+1"]], escape_formulas=False), end="")
        unit
        =1+1
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([neutralise(h) if escape_formulas else h for h in headers])
    for row in rows:
        cells: list[object] = []
        for cell in row:
            if cell is None or (isinstance(cell, float) and math.isnan(cell)):
                cells.append("")
            else:
                cells.append(neutralise(cell) if escape_formulas else cell)
        writer.writerow(cells)
    return buffer.getvalue()
