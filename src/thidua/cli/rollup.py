"""``thidua rollup PATH --period TEXT``: roll figures up the hierarchy.

The table output fits its columns to the longest id, writes values the
Vietnamese way (``12.925``, ``86,67``) unless ``--plain-numbers`` is given,
and ends with a legend.  ``--format csv`` is a report meant for people: its
text cells are neutralised against formula injection (``--no-escape-formulas``
turns this off); ``--format json`` is for programs.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import argparse
import codecs
import json
import math
import os
from collections.abc import Iterator
from typing import Any, BinaryIO, TextIO

from thidua.cli._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    Context,
    add_encoding_option,
    add_number_option,
    date_arg,
    format_value,
    int_arg,
    neutralise,
    table,
)
from thidua.errors import UnknownNameError, UnreadableInputError
from thidua.hierarchy import Hierarchy, Numbers
from thidua.periods import parse_period
from thidua.problems import Report
from thidua.rollup import RollUp, roll_up
from thidua.typing import ProgressCallback
from thidua.workspace import Workspace, check

__all__ = ["add_parser", "check_filters", "demo", "load", "render", "run"]

COLUMNS = ("unit", "name", "kind", "rank", "indicator", "value", "expected", "reported", "flags")
"""The columns of ``--format csv`` and the fields of each ``--format json`` row."""

FLAG_MEANINGS = {
    "zero_denominator": "a ratio whose denominator adds up to 0 (no value)",
    "zero_weight": "a weighted mean whose weights add up to 0 (no value)",
    "missing_weight": "some figures of a mean had no weight and were left out",
}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the sub-command."""
    p = sub.add_parser(
        "rollup",
        help="roll figures up the hierarchy (PATH holds figures.csv, optionally indicators.csv)",
    )
    p.add_argument("path", help="a dataset directory holding figures.csv")
    p.add_argument("--period", required=True, help="e.g. 2024, 2024-H1, 'quý III/2024'")
    basis = p.add_mutually_exclusive_group()
    basis.add_argument("--as-of", type=date_arg, help="as-was: output the structure of this day")
    basis.add_argument(
        "--restate-to", type=date_arg, help="restated: roll everything along this day's structure"
    )
    p.add_argument(
        "--relation", action="append", help="relation to follow (repeat for a union; default admin)"
    )
    p.add_argument("--indicator", nargs="+", help="indicator codes (default: all present)")
    rows = p.add_mutually_exclusive_group()
    rows.add_argument("--rank", type=int_arg, help="only output units of this rank")
    rows.add_argument("--kind", help="only output units of this kind")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument(
        "--no-escape-formulas",
        dest="escape_formulas",
        action="store_false",
        help="csv: keep text cells beginning with = + - @ as they are (by default they get a "
        "leading ' so that a spreadsheet does not run them as formulas)",
    )
    add_number_option(p)
    add_encoding_option(p)
    p.set_defaults(run=run)


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    """A record fit for JSON: NaN (no figure reached the unit) becomes ``None``."""
    out = dict(row)
    value = out.get("value")
    if isinstance(value, float) and math.isnan(value):
        out["value"] = None
    out["flags"] = list(out.get("flags", ()))
    return out


def csv_report(result: RollUp, *, escape_formulas: bool = True) -> Iterator[str]:
    """The roll-up as CSV for people, a chunk at a time, text cells neutralised.

    Formatted column by column and streamed (:meth:`thidua.RollUp.csv_chunks`):
    a national roll-up is written without building its text in memory.
    """
    return result.csv_chunks(escape=_neutralise_text if escape_formulas else None)


def _neutralise_text(cell: str) -> str:
    out = neutralise(cell)
    assert isinstance(out, str)
    return out


def _utf8_buffer(out: TextIO) -> BinaryIO | None:
    """The binary stream under *out* when writing UTF-8 bytes to it equals writing text."""
    buffer: BinaryIO | None = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None)
    if buffer is None or not isinstance(encoding, str) or os.linesep != "\n":
        return None
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    return buffer if name == "utf-8" else None


def write_csv(out: TextIO, result: RollUp, *, escape_formulas: bool = True) -> None:
    """Write the ``--format csv`` report of *result* to *out*.

    When *out* is a UTF-8 text stream over a binary one (standard output on
    most systems), the bytes of :meth:`thidua.RollUp.csv_bytes` go straight to
    its buffer: the national report is never decoded into Python text.  Any
    other stream (another encoding, ``utf-8-sig``, a :class:`io.StringIO`) gets
    the same text through :func:`csv_report`.

    Args:
        out: the output stream.
        result: the roll-up.
        escape_formulas: neutralise text cells beginning with ``= + - @``.

    Examples:
        >>> import io
        >>> from thidua import Hierarchy
        >>> from thidua.figures import Figure, Figures
        >>> from thidua.periods import Period
        >>> from thidua.testing import tiny_dataset
        >>> figs = Figures.from_records([Figure(unit="G1", indicator="members",
        ...                                     period=Period.year(2024), value=1)])
        >>> out = io.StringIO()
        >>> write_csv(out, roll_up(Hierarchy(tiny_dataset()), figs, "2024", units=["G1"]))
        >>> out.getvalue().splitlines()[0]
        'unit,name,kind,rank,indicator,value,expected,reported,flags'

    .. versionadded:: 0.2.0
    """
    buffer = _utf8_buffer(out)
    if buffer is None:
        out.writelines(csv_report(result, escape_formulas=escape_formulas))
        return
    out.flush()
    buffer.writelines(result.csv_bytes(escape=_neutralise_text if escape_formulas else None))
    buffer.flush()


def render(
    result: RollUp, fmt: str, *, numbers: Numbers = "vi", escape_formulas: bool = True
) -> str:
    """The roll-up as a text table (with a legend), CSV or a JSON list of rows.

    Every row has the fields of :data:`COLUMNS`; a unit no figure reached has no value.

    Examples:
        >>> from thidua import Hierarchy
        >>> from thidua.figures import Figure, Figures
        >>> from thidua.periods import Period
        >>> from thidua.testing import tiny_dataset
        >>> figs = Figures.from_records([Figure(unit="G1", indicator="members",
        ...                                     period=Period.year(2024), value=12925)])
        >>> r = roll_up(Hierarchy(tiny_dataset()), figs, "2024", units=["HN", "G1"])
        >>> print(render(r, "table"), end="")
        unit  indicator   value  coverage  name
        HN    members    12.925       1/3  Liên đoàn Lao động thành phố Hà Nội
        G1    members    12.925       1/1  Công đoàn cơ sở Trường Tiểu học Kim Liên
        <BLANKLINE>
        coverage x/y: x of the y reporting units (grassroots) at or below the unit sent a figure.
        >>> print(render(r, "csv").splitlines()[1])
        HN,Liên đoàn Lao động thành phố Hà Nội,provincial,1,members,12925.0,3,1,
    """
    if fmt == "csv":
        return "".join(csv_report(result, escape_formulas=escape_formulas))
    records = result.to_records()
    if fmt == "json":
        return json.dumps([_jsonable(r) for r in records], ensure_ascii=False, indent=2) + "\n"
    flagged = sorted({f for r in records for f in r["flags"]})
    headers = ["unit", "indicator", "value", "coverage", *(["flags"] if flagged else []), "name"]
    body = []
    for r in records:
        value = r["value"]
        cells = [
            r["unit"],
            r["indicator"],
            format_value(None if math.isnan(value) else value, numbers),
            f"{format_value(r['reported'], numbers)}/{format_value(r['expected'], numbers)}",
        ]
        if flagged:
            cells.append(",".join(r["flags"]))
        body.append([*cells, r["name"]])
    legend = [
        "",
        "coverage x/y: x of the y reporting units (grassroots) at or below the unit sent a figure.",
    ]
    if any(math.isnan(r["value"]) for r in records):
        legend.append("—: no figure reached the unit.")
    legend.extend(f"{f}: {FLAG_MEANINGS.get(f, 'see docs/rollup.md')}." for f in flagged)
    return table(headers, body, right=[2, 3]) + "\n".join(legend) + "\n"


def load(
    path: str, progress: ProgressCallback, encoding: str | None = None
) -> tuple[Workspace, Report]:
    """Read and check the input through the workspace (the one place this command reads it)."""
    result = check(path, progress=progress, encoding=encoding)
    if not len(result.workspace.figures):
        raise UnreadableInputError(
            path, "no figures to roll up: put them in figures.csv (or a 'figures' sheet)"
        )
    return result.workspace, result.report


def check_filters(
    hierarchy: Hierarchy,
    *,
    relations: list[str] | None = None,
    rank: int | None = None,
    kind: str | None = None,
) -> None:
    """Refuse a relation, rank or kind the data does not have, suggesting the closest.

    Raises:
        UnknownNameError: one of them is unknown.

    Examples:
        >>> from thidua.testing import tiny_dataset
        >>> check_filters(Hierarchy(tiny_dataset()), kind="distric")
        Traceback (most recent call last):
        ...
        thidua.errors.UnknownNameError: unknown kind 'distric'; did you mean 'district'? ...
    """
    for relation in relations or ():
        if relation not in hierarchy.relations:
            raise UnknownNameError("relation", relation, hierarchy.relations)
    scheme = hierarchy.dataset.scheme
    if rank is not None:
        ranks = sorted({lv.rank for lv in scheme})
        if rank not in ranks:
            raise UnknownNameError("rank", rank, ranks)
    if kind is not None:
        kinds = list(dict.fromkeys([*scheme.kinds, *(u.kind for u in hierarchy)]))
        if kind not in kinds:
            raise UnknownNameError("kind", kind, kinds)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``thidua rollup``; exit 0, 1 (errors in the data) or 2 (unreadable)."""
    period = parse_period(args.period)
    workspace, report = load(args.path, ctx.progress, args.encoding)
    ctx.progress.close()
    check_filters(workspace.hierarchy, relations=args.relation, rank=args.rank, kind=args.kind)
    relation: str | list[str] = args.relation or "admin"
    if isinstance(relation, list) and len(relation) == 1:
        relation = relation[0]
    result = roll_up(
        workspace,
        period,
        indicators=args.indicator,
        as_of=args.as_of,
        restate_to=args.restate_to,
        relation=relation,
        ranks=None if args.rank is None else (args.rank,),
        kinds=None if args.kind is None else (args.kind,),
    )
    # The roll-up repeats the figure checks the workspace validation already reported,
    # and summarises some of them per unit (F001, F002, F007): print each fault once.
    seen = {(p.code, p.subject) for p in report} | {(p.code, p.message) for p in report}
    everything = report + [
        p
        for p in result.problems
        if (p.code, p.subject) not in seen and (p.code, p.message) not in seen
    ]
    for problem in everything:
        ctx.err.write(f"{problem}\n")
    if args.format == "csv":
        write_csv(ctx.out, result, escape_formulas=args.escape_formulas)
    else:
        ctx.out.write(
            render(result, args.format, numbers=ctx.numbers, escape_formulas=args.escape_formulas)
        )
    return EXIT_OK if everything.ok else EXIT_PROBLEMS


def demo(workspace: Workspace, report: Report, ctx: Context) -> int:
    """The roll-up part of ``thidua demo``: 2024 as-was, restated, coverage, reconciliation.

    *report* holds the problems of the workspace (they decide the exit code).
    """
    out = ctx.out
    period = parse_period("2024")
    wanted = ["new_members", "members", "workers_conference_rate", "people_honoured"]
    keep = ("HN", "LDLD-HOANKIEM", "LDLD-BADINH", "LDLD-DONGDA")
    as_was = roll_up(workspace, period, indicators=wanted, units=keep)
    out.write("\n== roll-up of 2024, as it was (the city and three districts of cluster 1) ==\n")
    out.write(render(as_was, "table", numbers=ctx.numbers))
    restated = roll_up(workspace, period, indicators=wanted, restate_to="2026-01-01", units=("HN",))
    out.write("\n== the same figures restated onto the structure of 01/01/2026 ==\n")
    out.write(render(restated, "table", numbers=ctx.numbers))
    cover = as_was.coverage("HN", "new_members")
    out.write(
        f"\ncoverage of new_members at HN: {cover.reported}/{cover.expected} grassroots "
        f"reported; missing: {', '.join(cover.missing)}\n"
    )
    out.write("\n== reconciliation ==\n")
    for d in as_was.discrepancies:
        out.write(
            f"{d.unit} {d.indicator} {d.period}: reported {d.reported:g}, "
            f"computed {d.computed:g} (difference {d.difference:+g})\n"
        )
    return EXIT_OK if (report + as_was.problems).ok else EXIT_PROBLEMS
