"""The rich renderers of the command line, used only when the output is styled.

A command run on a terminal (see :func:`thidua.cli._common.wants_style`)
prints problems coloured by severity and grouped by file, tables that fit the
terminal and the tree with guides.  This module imports rich (the ``cli``
extra) at import time, so it is imported only when styling is on; the plain
renderers never touch it.

Examples:
    >>> import io
    >>> from rich.console import Console
    >>> console = Console(file=io.StringIO(), width=40, color_system=None)
    >>> print(rich_table(console, ["unit", "value"], [["HN", "12.925"]], right=[1]), end="")
    unit   value
    ────────────
    HN    12.925

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from thidua.problems import Problem, Report
from thidua.values import format_number_vi

__all__ = [
    "column_widths",
    "guide_lines",
    "print_problems",
    "print_tree",
    "rich_table",
    "severity_style",
]

_SEVERITY_STYLES = {"error": "bold red", "warning": "yellow"}
_NO_FILE = "(no file)"
# Past this level the plain tree stops indenting (hierarchy._tree._MAX_INDENT).
_MAX_LEVEL = 40
_LEVEL = re.compile(r"\(level [\d.]+\) ")
_UNIT = re.compile(r"^(?P<name>.*) \[(?P<id>[^\]]+)\] (?P<rest>.*)$")


def severity_style(severity: str) -> str:
    """The rich style of a problem's severity: errors red, warnings yellow, anything else dim.

    Examples:
        >>> severity_style("error"), severity_style("warning"), severity_style("info")
        ('bold red', 'yellow', 'dim')
    """
    return _SEVERITY_STYLES.get(severity, "dim")


def _longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)


def column_widths(
    headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int], room: int
) -> list[int] | None:
    """The widths of the columns of a table that must fit in *room* cells (gaps excluded).

    ``None`` when every column fits at its natural width.  Otherwise the
    numeric columns keep the width of their values (their headers wrap at
    spaces), each text column keeps at least its longest word (at most its
    natural width), and the text columns share what is left in
    proportion to what they lack.  When even that does not fit, every column
    shrinks in proportion (a cell then folds onto more lines: nothing is cut).

    Examples:
        >>> column_widths(["unit", "value"], [["HN", "12.925"]], {1}, 80) is None
        True
        >>> column_widths(["unit", "members", "name"],
        ...               [["HN", "12.925", "Liên đoàn Lao động thành phố Hà Nội"]], {1}, 30)
        [4, 7, 19]
    """
    count = len(headers)
    natural = [
        max([cell_len(headers[i]), *(cell_len(row[i]) for row in rows)]) for i in range(count)
    ]
    if sum(natural) <= room:
        return None
    floor = [
        max([_longest_word(headers[i]), *(cell_len(row[i]) for row in rows)])
        if i in numeric
        else min(
            natural[i],
            max(
                6,
                _longest_word(headers[i]),
                min(20, max((_longest_word(row[i]) for row in rows), default=0)),
            ),
        )
        for i in range(count)
    ]
    if sum(floor) >= room:
        total = sum(floor)
        widths = [max(1, f * room // total) for f in floor]
        while sum(widths) > room and max(widths) > 1:
            widths[widths.index(max(widths))] -= 1
        return widths
    spare = room - sum(floor)
    need = [0 if i in numeric else natural[i] - floor[i] for i in range(count)]
    wanted = sum(need)
    widths = [f + n * spare // wanted for f, n in zip(floor, need, strict=True)]
    left = room - sum(widths)
    for i in sorted(range(count), key=lambda i: need[i] - (widths[i] - floor[i]), reverse=True):
        if left <= 0:
            break
        if widths[i] < natural[i]:
            widths[i] += 1
            left -= 1
    return widths


def rich_table(
    console: Console, headers: Sequence[str], rows: Iterable[Sequence[str]], *, right: Iterable[int]
) -> str:
    """A rich table of *rows* as the text *console* writes, fitting its width.

    Columns in *right* are right-aligned; a cell too wide for the terminal is
    wrapped at spaces, or folded, onto more lines, never cut (see
    :func:`column_widths`).  Cells are text, not rich markup.
    """
    numeric = set(right)
    body = [list(row) for row in rows]
    # Between two columns: one space of padding and the (blank) column separator.
    room = max(1, console.width - 2 * (len(headers) - 1))
    widths = column_widths(headers, body, numeric, room)
    grid = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        header_style="bold",
        expand=False,
    )
    for i, header in enumerate(headers):
        grid.add_column(
            Text(header),
            justify="right" if i in numeric else "left",
            overflow="fold",
            width=None if widths is None else widths[i],
        )
    for row in body:
        grid.add_row(*(Text(cell) for cell in row))
    with console.capture() as captured:
        console.print(grid)
    return captured.get()


def _file_of(problem: Problem) -> str:
    at = problem.pointer
    if at is None:
        return _NO_FILE
    where = at.file or "<input>"
    return f"{where} sheet {at.sheet}" if at.sheet else where


def _place(problem: Problem, where: str) -> str:
    """The pointer without its file: ``row 3, column name`` or a JSON path."""
    if problem.pointer is None:
        return ""
    return str(problem.pointer).removeprefix(where).strip()


def _plural(count: int, word: str, numbers: str) -> str:
    text = format_number_vi(count) if numbers == "vi" else str(count)
    return f"{text} {word}" + ("" if count == 1 else "s")


def print_problems(console: Console, report: Report, last_line: str, *, numbers: str) -> None:
    """Print *report* grouped by file, coloured by severity, then *last_line* (the summary).

    Each file (and sheet) where a problem was found is a heading with its
    counts, in the order the files first appear; the problems under it keep
    the report's order, one a row: code and severity, the place in the file
    (row and column, or JSON path), the message (wrapped to the terminal).
    Problems without a pointer come under ``(no file)``.
    """
    groups: dict[str, list[Problem]] = {}
    for p in report:
        groups.setdefault(_file_of(p), []).append(p)
    for where, problems in groups.items():
        errors = sum(p.is_error for p in problems)
        others = len(problems) - errors
        counts = [
            *([_plural(errors, "error", numbers)] if errors else []),
            *([_plural(others, "warning", numbers)] if others else []),
        ]
        heading = Text()
        heading.append(where, style="bold underline")
        heading.append(f"  {', '.join(counts)}", style="dim")
        console.print(heading)
        rows = Table.grid(padding=(0, 2))
        rows.add_column(no_wrap=True)
        rows.add_column(style="cyan", overflow="fold")
        rows.add_column(overflow="fold", ratio=1)
        for p in problems:
            label = Text(f"{p.code} {p.severity.value}", style=severity_style(p.severity.value))
            rows.add_row(label, Text(_place(p, where)), Text(p.message))
        console.print(Padding(rows, (0, 0, 1, 2)))
    summary = Text()
    status, _, rest = last_line.partition(":")
    summary.append(status, style="bold green" if report.ok else "bold red")
    summary.append(f":{rest}")
    console.print(summary)


def guide_lines(text: str) -> list[tuple[str, str]]:
    r"""The lines of a plain tree (:func:`thidua.hierarchy.render_tree`) as (guides, line) pairs.

    The plain tree indents each level by two spaces; the guides draw the
    same levels with box-drawing characters (``├─``, ``└─``, ``│``), so that a
    unit's siblings and parent are seen at a glance.  The first and last
    lines (the title and the counts by kind) and the roots have no guides.

    Examples:
        >>> plain = "Title\nA [A] x\n  B [B] y\n    C [C] z\n  D [D] y\nUnits by kind: x 1"
        >>> for guides, line in guide_lines(plain):
        ...     print(guides + line)
        Title
        A [A] x
        ├─ B [B] y
        │  └─ C [C] z
        └─ D [D] y
        Units by kind: x 1
    """
    raw = text.splitlines()
    if len(raw) < 2:
        return [("", line) for line in raw]
    body = raw[1:-1]
    levels: list[int] = []
    lines: list[str] = []
    for line in body:
        stripped = line.lstrip(" ")
        level = min((len(line) - len(stripped)) // 2, _MAX_LEVEL)
        # A name starting with spaces must not jump more than one level.
        level = min(level, levels[-1] + 1) if levels else 0
        levels.append(level)
        lines.append(stripped)
    # From the bottom: open[k] tells whether a unit at level k follows before the
    # next shallower line, that is whether the level-k ancestor has a next sibling.
    open_ = [False] * (_MAX_LEVEL + 2)
    guides = [""] * len(lines)
    deepest = 0
    for i in range(len(lines) - 1, -1, -1):
        level = levels[i]
        if level:
            parts = ["│  " if open_[k] else "   " for k in range(1, level)]
            parts.append("├─ " if open_[level] else "└─ ")
            guides[i] = "".join(parts)
        open_[level] = True
        for k in range(level + 1, deepest + 1):
            open_[k] = False
        deepest = level
    return [("", raw[0]), *zip(guides, lines, strict=True), ("", raw[-1])]


def _unit_text(line: str, *, root: bool) -> Text:
    level = _LEVEL.match(line)
    prefix = level.group(0) if level else ""
    match = _UNIT.match(line[len(prefix) :])
    text = Text()
    text.append(prefix, style="dim")
    if match is None:
        style = "yellow" if line.startswith(("Cycle:", "↻")) or "cycle" in line else ""
        text.append(line[len(prefix) :], style=style)
        return text
    name, rest = match["name"], match["rest"]
    text.append(name, style="bold" if root else "yellow" if name.startswith("↻") else "")
    text.append(" [")
    text.append(match["id"], style="cyan")
    text.append("] ")
    kind, dot, counts = rest.partition(" · ")
    text.append(kind, style="magenta")
    if dot:
        text.append(dot + counts, style="dim")
    return text


def print_tree(console: Console, text: str) -> None:
    """Print a plain tree (:func:`thidua.hierarchy.render_tree`) with guides and colours.

    Long lines are left to the terminal to wrap, as in the plain output.
    """
    pairs = guide_lines(text)
    out = Text()
    last = len(pairs) - 1
    for i, (guides, line) in enumerate(pairs):
        if i in (0, last):
            out.append(line, style="bold")
        else:
            out.append(guides, style="dim")
            out.append_text(_unit_text(line, root=not guides))
        out.append("\n")
    console.print(out, soft_wrap=True, end="")
