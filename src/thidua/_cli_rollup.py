"""The ``thidua rollup`` sub-command and the roll-up part of ``thidua demo``."""

from __future__ import annotations

import argparse
import io
import json
import math
from typing import TYPE_CHECKING, Any, TextIO

from thidua.errors import UnreadableInputError
from thidua.periods import parse_period
from thidua.problems import Report
from thidua.rollup import RollUp, roll_up
from thidua.workspace import Workspace, check

if TYPE_CHECKING:
    from thidua.cli import _Progress


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    """A record fit for JSON: NaN (no figure reached the unit) becomes ``None``."""
    out = dict(row)
    value = out.get("value")
    if isinstance(value, float) and math.isnan(value):
        out["value"] = None
    out["flags"] = list(out.get("flags", ()))
    return out


def render(result: RollUp, fmt: str) -> str:
    """The roll-up as a text table, CSV or a JSON list of rows.

    Every row has ``unit``, ``name``, ``kind``, ``rank``, ``indicator``, ``value``,
    ``expected``, ``reported`` and ``flags``; a unit no figure reached has no value.
    """
    if fmt == "csv":
        buffer = io.StringIO()
        result.to_csv(buffer)
        return buffer.getvalue()
    rows = [_clean(r) for r in result.to_records()]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    lines = [f"{'unit':<18} {'indicator':<26} {'value':>16}  {'coverage':>9}  name"]
    for row in rows:
        value = row["value"]
        shown = "—" if value is None else f"{value:,.2f}".rstrip("0").rstrip(".")
        cover = f"{row['reported']}/{row['expected']}"
        lines.append(
            f"{row['unit']:<18} {row['indicator']:<26} {shown:>16}  {cover:>9}  {row['name']}"
        )
    return "\n".join(lines) + "\n"


def _load(path: str, progress: _Progress) -> tuple[Workspace, Report]:
    result = check(path, progress=progress)
    if not len(result.workspace.figures):
        raise UnreadableInputError(
            path, "no figures to roll up: put them in figures.csv (or a 'figures' sheet)"
        )
    return result.workspace, result.report


def run(args: argparse.Namespace, out: TextIO, err: TextIO, progress: _Progress) -> int:
    """Run ``thidua rollup``; exit 0, 1 (errors in the data) or 2 (unreadable)."""
    period = parse_period(args.period)
    workspace, report = _load(args.path, progress)
    progress.close()
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
        err.write(f"{problem}\n")
    out.write(render(result, args.format))
    return 0 if everything.ok else 1


def demo(workspace: Workspace, report: Report, out: TextIO) -> int:
    """The roll-up part of ``thidua demo``: 2024 as-was, restated, coverage, reconciliation."""
    period = parse_period("2024")
    wanted = ["new_members", "members", "workers_conference_rate", "people_honoured"]
    keep = ("HN", "LDLD-HOANKIEM", "LDLD-BADINH", "LDLD-DONGDA")
    as_was = roll_up(workspace, period, indicators=wanted, units=keep)
    out.write("\n== roll-up of 2024, as it was (the city and three districts of cluster 1) ==\n")
    out.write(render(as_was, "table"))
    restated = roll_up(workspace, period, indicators=wanted, restate_to="2026-01-01", units=("HN",))
    out.write("\n== the same figures restated onto the structure of 01/01/2026 ==\n")
    out.write(render(restated, "table"))
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
    return 0 if (report + as_was.problems).ok else 1
