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
     unit    value
    ───────────────
     HN     12.925

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from thidua.problems import Problem, Report
from thidua.values import format_number_vi

__all__ = ["guide_lines", "print_problems", "print_tree", "rich_table", "severity_style"]

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


def rich_table(
    console: Console, headers: Sequence[str], rows: Iterable[Sequence[str]], *, right: Iterable[int]
) -> str:
    """A rich table of *rows* as the text *console* writes, fitting its width.

    Columns in *right* are right-aligned; a cell too wide for the terminal is
    folded onto more lines, never cut.  Cells are text, not rich markup.
    """
    align = set(right)
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold", expand=False)
    for i, header in enumerate(headers):
        grid.add_column(Text(header), justify="right" if i in align else "left", overflow="fold")
    for row in rows:
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
    the report's order.  Problems without a pointer come under ``(no file)``.
    """
    groups: dict[str, list[Problem]] = {}
    for p in report:
        groups.setdefault(_file_of(p), []).append(p)
    out = Text()
    for where, problems in groups.items():
        errors = sum(p.is_error for p in problems)
        others = len(problems) - errors
        counts = [
            *([_plural(errors, "error", numbers)] if errors else []),
            *([_plural(others, "warning", numbers)] if others else []),
        ]
        if out:
            out.append("\n")
        out.append(where, style="bold underline")
        out.append(f"  {', '.join(counts)}\n", style="dim")
        for p in problems:
            out.append("  ")
            out.append(f"{p.code} {p.severity.value}", style=severity_style(p.severity.value))
            place = _place(p, where)
            if place:
                out.append(f"  {place}", style="cyan")
            out.append(f"  {p.message}\n")
    if out:
        out.append("\n")
    status, _, rest = last_line.partition(":")
    out.append(status, style="bold green" if report.ok else "bold red")
    out.append(f":{rest}")
    console.print(out)


def guide_lines(text: str) -> list[tuple[str, str]]:
    """The lines of a plain tree (:func:`thidua.hierarchy.render_tree`) as (guides, line) pairs.

    The plain tree indents each level by two spaces; the guides draw the
    same levels with box-drawing characters (``├─``, ``└─``, ``│``), so that a
    unit's siblings and parent are seen at a glance.  The first and last
    lines (the title and the counts by kind) and the roots have no guides.

    Examples:
        >>> plain = "Title\\nA [A] x\\n  B [B] y\\n    C [C] z\\n  D [D] y\\nUnits by kind: x 1"
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
        if levels:  # a name starting with spaces must not jump more than one level
            level = min(level, levels[-1] + 1)
        else:
            level = 0
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
