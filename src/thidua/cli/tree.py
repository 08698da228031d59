"""``thidua tree PATH``: the structure of a day as an indented tree.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import argparse

from thidua.cli._common import (
    EXIT_OK,
    Context,
    add_encoding_option,
    add_number_option,
    date_arg,
    non_negative_int,
    warn_errors,
)
from thidua.hierarchy import Hierarchy, render_tree
from thidua.problems import Report
from thidua.typing import ProgressCallback
from thidua.workspace import check

__all__ = ["add_parser", "latest_day", "load", "run"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the sub-command."""
    p = sub.add_parser("tree", help="show the hierarchy of a day as an indented tree")
    p.add_argument("path")
    p.add_argument(
        "--as-of",
        type=date_arg,
        help="the day (default: today is never assumed; the last structural change is used)",
    )
    p.add_argument("--root", help="start from this unit id (default: every root)")
    p.add_argument(
        "--depth", type=non_negative_int, default=None, help="levels below the root to show"
    )
    p.add_argument(
        "--relation", action="append", help="relation to follow (repeat for a union; default admin)"
    )
    add_number_option(p)
    add_encoding_option(p)
    p.set_defaults(run=run)


def load(
    path: str, as_of: str | None, progress: ProgressCallback, encoding: str | None = None
) -> tuple[Hierarchy, Report]:
    """Read and check the input (the one place this command reads it)."""
    result = check(path, on=as_of, progress=progress, encoding=encoding)
    return result.workspace.hierarchy, result.report


def latest_day(hierarchy: Hierarchy) -> str:
    """The last day on which the structure changes (a fixed day when nothing is dated)."""
    bounds = hierarchy.boundaries()
    return bounds[-1].isoformat() if bounds else "2000-01-01"


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``thidua tree``."""
    hierarchy, report = load(args.path, args.as_of, ctx.progress, args.encoding)
    ctx.progress.close()
    warn_errors(report, ctx.err)
    day = args.as_of or latest_day(hierarchy)
    relations: list[str] = args.relation or ["admin"]
    text = render_tree(
        hierarchy.as_of(day),
        root=args.root,
        depth=args.depth,
        relation=relations[0] if len(relations) == 1 else relations,
        numbers=ctx.numbers,
    )
    if ctx.style:
        from thidua.cli._rich import print_tree  # noqa: PLC0415  (rich: only when styling)

        print_tree(ctx.console, text)
    else:
        ctx.out.write(text)
    return EXIT_OK
