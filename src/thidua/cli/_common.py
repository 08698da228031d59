"""What every ``thidua`` command shares: exit codes, the progress bar, argument types, output.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import csv
import importlib.util
import io
import math
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

import attrs

from thidua._dates import parse_date
from thidua.errors import DateParseError
from thidua.hierarchy import Numbers
from thidua.problems import Report
from thidua.values import format_number_vi

if TYPE_CHECKING:
    from rich.console import Console

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
    "wants_style",
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


def wants_style(
    stream: TextIO, *, no_color: bool = False, environ: Mapping[str, str] | None = None
) -> bool:
    """Whether output on *stream* is styled with rich (colours, table borders, tree guides).

    Only on a terminal, and not with ``--no-color`` (*no_color*), with
    ``NO_COLOR`` set to anything but the empty text (https://no-color.org),
    with ``TERM=dumb``, or when rich (the ``cli`` extra) is not installed.
    Rich is not imported here.

    Examples:
        >>> import io
        >>> wants_style(io.StringIO())  # not a terminal: plain text, as in a pipe
        False
        >>> class Terminal(io.StringIO):
        ...     def isatty(self) -> bool:
        ...         return True
        >>> wants_style(Terminal(), no_color=True)
        False
        >>> wants_style(Terminal(), environ={"NO_COLOR": "1"})
        False
        >>> wants_style(Terminal(), environ={"TERM": "dumb"})
        False

    .. versionadded:: 0.3.0
    """
    env = os.environ if environ is None else environ
    if no_color or env.get("NO_COLOR") or env.get("TERM") == "dumb":
        return False
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False
    return terminal and importlib.util.find_spec("rich") is not None


_ACTIVE: contextvars.ContextVar[Context | None] = contextvars.ContextVar(
    "thidua_cli_context", default=None
)


@attrs.define
class Context:
    """The streams and options of one run of a command.

    Attributes:
        out: where results go (standard output).
        err: where problems, warnings and progress go (standard error).
        progress: the progress bar (close it before writing to *err*).
        numbers: ``"vi"`` or ``"plain"`` numbers in text output.
        style: style the output on *out* with rich (see :func:`wants_style`);
            when false, every command writes exactly its plain text.

    Examples:
        >>> import io
        >>> ctx = Context(out=io.StringIO(), err=io.StringIO(),
        ...               progress=Progress(io.StringIO(), enabled=False))
        >>> ctx.style
        False
        >>> with ctx.active():
        ...     print(table(["unit", "value"], [["HN", "12.925"]], right=[1]), end="")
        unit   value
        HN    12.925

    .. versionchanged:: 0.3.0
       *style*, :attr:`console` and :meth:`active`.
    """

    out: TextIO
    err: TextIO
    progress: Progress
    numbers: Numbers = "vi"
    style: bool = False
    _console: Console | None = attrs.field(default=None, init=False, repr=False)

    @property
    def console(self) -> Console:
        """The rich console writing to *out* (made, and rich imported, on first use).

        Only meant for a styled run (:attr:`style` true): it always writes
        colours, since the decision was taken by :func:`wants_style`.
        """
        if self._console is None:
            from rich.console import Console  # noqa: PLC0415  (the cli extra: only when styling)

            self._console = Console(file=self.out, force_terminal=True, highlight=False)
        return self._console

    @contextlib.contextmanager
    def active(self) -> Iterator[Context]:
        """Make this the context of the command being run, for :func:`table`, while in the block."""
        token = _ACTIVE.set(self)
        try:
            yield self
        finally:
            _ACTIVE.reset(token)


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

    The last column is not padded.  While a styled :class:`Context` is
    active (a command run on a terminal, see :meth:`Context.active`), the
    table is a rich table fitting the terminal's width instead.

    Examples:
        >>> print(table(["unit", "value"], [["LDLD-HOANKIEM", "610"], ["HN", "12.925"]],
        ...             right=[1]), end="")
        unit           value
        LDLD-HOANKIEM    610
        HN            12.925
    """
    body = [list(r) for r in rows]
    ctx = _ACTIVE.get()
    if ctx is not None and ctx.style:
        from thidua.cli._rich import rich_table  # noqa: PLC0415  (rich: only when styling)

        return rich_table(ctx.console, headers, body, right=right)
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
