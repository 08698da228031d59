"""``thidua validate PATH [--quota-file FILE]``: read and check a dataset, list every problem.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from thidua.cli._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    Context,
    add_encoding_option,
    add_number_option,
    date_arg,
)
from thidua.problems import Report
from thidua.typing import ProgressCallback
from thidua.values import format_number_vi
from thidua.workspace import Workspace, WorkspaceResult, check

if TYPE_CHECKING:
    from thidua.honours import Quota

__all__ = ["add_parser", "load", "run", "summary"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the sub-command."""
    p = sub.add_parser("validate", help="check a dataset and list every problem")
    p.add_argument(
        "path", help="a dataset directory (CSV), a .json/.yaml file or an .xlsx workbook"
    )
    p.add_argument("--as-of", type=date_arg, help="check the structure of this day only")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--quota-file",
        metavar="FILE",
        help="the user's own quotas (a YAML or JSON list, as for `honours propose`): "
        "proposals beyond them are problems too (R009), besides the rule set's",
    )
    add_number_option(p)
    add_encoding_option(p)
    p.set_defaults(run=run)


def load(
    path: str,
    as_of: str | None,
    progress: ProgressCallback,
    encoding: str | None = None,
    quotas: tuple[Quota, ...] = (),
) -> WorkspaceResult:
    """Read and check the input (the one place this command reads it)."""
    return check(path, on=as_of, progress=progress, encoding=encoding, quotas=quotas)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``thidua validate``; exit 0 (no errors) or 1 (errors found).

    With ``--quota-file``, the user's quotas are checked with the rule sets'
    in the one validation pass (:func:`thidua.workspace.validate`'s ``quotas``).
    """
    quotas: tuple[Quota, ...] = ()
    if args.quota_file:
        from thidua.cli.proposals import read_quotas  # noqa: PLC0415  (honours: only when asked)

        quotas = read_quotas(args.quota_file)
    result = load(args.path, args.as_of, ctx.progress, args.encoding, quotas)
    ctx.progress.close()
    return summary(result.workspace, result.report, args.format, ctx)


def summary(workspace: Workspace, report: Report, fmt: str, ctx: Context) -> int:
    """Write the problems and a last line of counts; return the exit code.

    On a terminal (``ctx.style``) the problems are grouped by file and
    coloured by severity; otherwise one problem a line, as :class:`Problem` prints.
    """
    out = ctx.out

    def n(count: int) -> str:
        return format_number_vi(count) if ctx.numbers == "vi" else str(count)

    if fmt == "json":
        out.write(report.to_json() + "\n")
    else:
        counts = (
            f"{n(len(workspace.units))} units, {n(len(workspace.links))} links, "
            f"{n(len(workspace.events))} events, {n(len(workspace.figures))} figures"
        )
        if not report:
            last = f"OK: {counts}, no problems."
        else:
            status = "OK" if report.ok else "FAILED"
            last = (
                f"{status}: {counts}; {n(len(report.errors))} error(s), "
                f"{n(len(report.warnings))} warning(s)."
            )
        if ctx.style:
            from thidua.cli._rich import print_problems  # noqa: PLC0415  (rich: only styled)

            print_problems(ctx.console, report, last, numbers=ctx.numbers)
        else:
            out.writelines(f"{problem}\n" for problem in report)
            out.write(last + "\n")
    return EXIT_OK if report.ok else EXIT_PROBLEMS
