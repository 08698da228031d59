"""``thidua campaign PATH --id ID`` (a campaign's report) and ``thidua campaigns PATH`` (the list).

``thidua campaign`` evaluates a campaign as of a day
(:func:`thidua.campaigns.evaluate_campaign`) and prints, per unit, the
units in scope, who pledged, the pledge states, the works and the contests;
``--format json`` prints the object of issue 7 §3, ``--format csv`` the flat
rows.  ``thidua campaigns`` lists the campaigns and their cascade as a tree.
Exit codes: 0 when it ran (warnings allowed), 1 when the data has errors
(nothing is evaluated on unchecked data), 2 on unreadable input or usage.

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from typing import TYPE_CHECKING, Any

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
from thidua.cli.rollup import check_filters
from thidua.errors import ThiduaValidationError
from thidua.problems import Report
from thidua.workspace import Workspace, check

if TYPE_CHECKING:
    from thidua.campaigns import Campaign, CampaignReport
    from thidua.hierarchy import Numbers

__all__ = ["add_parser", "demo", "render_campaign", "render_campaigns", "run", "run_list"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the two sub-commands ``campaign`` and ``campaigns``."""
    p = sub.add_parser(
        "campaign",
        help="evaluate a campaign as of a day: pledges, works, contests (PATH holds campaigns.csv)",
    )
    p.add_argument("path", help="a dataset directory or workbook holding the campaign tables")
    p.add_argument(
        "--id",
        required=True,
        dest="campaign",
        help="the campaign's id or its document symbol (80/KH-LĐLĐ, also 80/KH-LDLD)",
    )
    p.add_argument("--as-of", type=date_arg, help="the report day (default: the last day)")
    rows = p.add_mutually_exclusive_group()
    rows.add_argument("--rank", type=int_arg, help="only output units of this rank")
    rows.add_argument("--kind", help="only output units of this kind")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    add_number_option(p)
    add_encoding_option(p)
    p.set_defaults(run=run)
    q = sub.add_parser("campaigns", help="list the campaigns and their cascade as a tree")
    q.add_argument("path", help="a dataset directory or workbook holding campaigns.csv")
    q.add_argument("--format", choices=("table", "json"), default="table")
    add_encoding_option(q)
    q.set_defaults(run=run_list)


def _keep(row: dict[str, Any], rank: int | None, kind: str | None) -> bool:
    return (rank is None or row["rank"] == rank) and (kind is None or row["kind"] == kind)


def _date(text: str) -> str:
    y, m, d = text.split("-")
    return f"{d}/{m}/{y}"


def render_campaign(
    report: CampaignReport,
    fmt: str,
    *,
    rank: int | None = None,
    kind: str | None = None,
    numbers: Numbers = "vi",
) -> str:
    r"""The report as a text table, CSV (the flat rows) or the JSON object of issue 7 §3.

    Examples:
        >>> from thidua.campaigns._examples import example_report
        >>> text = render_campaign(example_report(), "table", rank=2)
        >>> print(text.splitlines()[0].replace(" · ", "\n"))
        KH-80 80/KH-LĐLĐ
        Đợt thi đua cao điểm 2023
        01/05/2023–30/09/2023 (153 days)
        as of 30/09/2023, ended
        >>> import json
        >>> data = json.loads(render_campaign(example_report(), "json", rank=2))
        >>> [u["unit"] for u in data["units"]]
        ['D1', 'S1']
    """
    data = report.to_dict()
    if fmt == "json":
        data["units"] = [u for u in data["units"] if _keep(u, rank, kind)]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    records = [r for r in report.to_records() if _keep(r, rank, kind)]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        header = (
            list(records[0]) if records else list(report.to_records()[0] if len(report) else [])
        )
        writer.writerow(header)
        writer.writerows([neutralise(r[h]) for h in header] for r in records)
        return buffer.getvalue()

    def n(value: float | None) -> str:
        return format_value(value, numbers)

    c = report.campaign
    title = " · ".join(
        part
        for part in (
            f"{c.id}" + (f" {c.document.text}" if c.document is not None else ""),
            c.name or "",
            f"{_date(data['start'])}–{_date(data['end'])} ({report.days} days)",
            f"as of {_date(data['as_of'])}, {'ended' if report.ended else 'running'}",
        )
        if part
    )
    out = [title, ""]
    headers = [
        "unit",
        "in scope",
        "pledgers",
        "missing",
        "reached",
        "not reached",
        "no data",
        "in progress",
        "works",
        "completed",
        "flagship",
        "name",
    ]
    body = [
        [
            r["unit"],
            n(r["in_scope"]),
            n(r["pledgers"]),
            n(r["missing"]),
            n(r["pledges_reached"]),
            n(r["pledges_not_reached"]),
            n(r["pledges_no_data"]),
            n(r["pledges_in_progress"]),
            n(r["works_registered"]),
            n(r["works_completed"]),
            n(r["works_flagship"]),
            r["name"],
        ]
        for r in records
    ]
    out.append(table(headers, body, right=range(1, 11)).rstrip("\n"))
    shown = {r["unit"] for r in records}
    pledges = [p for p in report.pledges if p.pledger in shown]
    if pledges:
        out += ["", "pledges:"]
        out.append(
            table(
                ["pledger", "indicator", "actual/plan", "state", "campaign"],
                [
                    [p.pledger, p.indicator, p.attainment, p.state.value, p.campaign]
                    for p in pledges
                ],
            ).rstrip("\n")
        )
    ranks = sorted({int(k) for u in data["units"] for k in u["works"]["completed_by_rank"]})
    top = next((u for u in data["units"] if _keep(u, rank, kind)), None)
    if top is not None and ranks:
        by = top["works"]["completed_by_rank"]
        parts = [
            f"{n(by.get(str(r), 0))} at rank {r}{_RANK_NAMES.get(r, '')}"
            for r in ranks
            if by.get(str(r))
        ]
        out += ["", f"completed works under {top['unit']}: " + ", ".join(parts)]
    if report.contests:
        out += ["", "contests:"]
        out.append(
            table(
                [
                    "contest",
                    "entries",
                    "enterprises",
                    "superiors",
                    "trades",
                    "winners",
                    "prizes",
                    "name",
                ],
                [
                    [
                        x.contest,
                        n(x.entries),
                        n(x.enterprises),
                        n(x.superiors),
                        n(x.trades),
                        n(x.winners),
                        n(x.prize_total),
                        x.name or "",
                    ]
                    for x in report.contests
                ],
                right=range(1, 7),
            ).rstrip("\n")
        )
    for cp in report.clusters:
        verdict = (
            "no leader recorded"
            if cp.agrees is None
            else "agrees with"
            if cp.agrees
            else "differs from"
        )
        out += [
            "",
            (
                f"cluster {cp.group} {cp.period}: leading {', '.join(cp.leading)} ({verdict} the "
                f"recorded leader{'' if cp.recorded_leader is None else ' ' + cp.recorded_leader})"
            ),
        ]
    return "\n".join(out) + "\n"


def _print_problems(ctx: Context, *reports: Report) -> Report:
    seen: set[tuple[str, str]] = set()
    kept = []
    for report in reports:
        for p in report:
            if (p.code, p.message) not in seen:
                seen.add((p.code, p.message))
                kept.append(p)
    for p in kept:
        ctx.err.write(f"{p}\n")
    return Report(tuple(kept))


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``thidua campaign``; exit 0, 1 (errors in the data) or 2 (unreadable, usage)."""
    from thidua.campaigns import evaluate_campaign  # noqa: PLC0415

    result = check(args.path, progress=ctx.progress, encoding=args.encoding)
    ctx.progress.close()
    workspace = result.workspace
    check_filters(workspace.hierarchy, rank=args.rank, kind=args.kind)
    if not result.report.ok:
        _print_problems(ctx, result.report)
        ctx.err.write("thidua: the data has errors: the campaign is not evaluated\n")
        return EXIT_PROBLEMS
    try:
        report = evaluate_campaign(workspace, args.campaign, as_of=args.as_of)
    except ThiduaValidationError as exc:
        _print_problems(ctx, Report(tuple(exc.problems)))
        ctx.err.write("thidua: the data has errors: the campaign is not evaluated\n")
        return EXIT_PROBLEMS
    everything = _print_problems(ctx, result.report, report.problems)
    ctx.out.write(
        render_campaign(report, args.format, rank=args.rank, kind=args.kind, numbers=ctx.numbers)
    )
    return EXIT_OK if everything.ok else EXIT_PROBLEMS


def render_campaigns(campaigns: tuple[Campaign, ...], fmt: str = "table") -> str:
    """The campaigns as a tree of their cascade (a child under the campaign it takes up).

    A campaign whose parent is unknown is shown at the top.

    Examples:
        >>> from thidua.campaigns import campaigns
        >>> from thidua.campaigns._examples import example_workspace
        >>> print(render_campaigns(campaigns(example_workspace())), end="")
        KH-80  80/KH-LĐLĐ  01/05/2023–30/09/2023  HN  Đợt thi đua cao điểm 2023
        └── KH-80-D1  12/KH-LĐLĐ  01/05/2023–30/09/2023  D1  Đợt thi đua cao điểm 2023 của quận
    """
    ids = {c.id for c in campaigns}
    children: dict[str | None, list[Campaign]] = {}
    for c in campaigns:
        children.setdefault(c.parent if c.parent in ids else None, []).append(c)
    if fmt == "json":

        def node(c: Campaign) -> dict[str, Any]:
            return {
                "campaign": c.id,
                "name": c.name,
                "document": None if c.document is None else c.document.text,
                "start": None if c.start is None else c.start.isoformat(),
                "end": None if c.end is None else c.end.isoformat(),
                "launched_by": c.launched_by,
                "children": [node(k) for k in children.get(c.id, ())],
            }

        return (
            json.dumps([node(c) for c in children.get(None, ())], ensure_ascii=False, indent=2)
            + "\n"
        )

    def line(c: Campaign) -> str:
        dates = (
            f"{_date(c.start.isoformat())}–{_date(c.end.isoformat())}"
            if c.start is not None and c.end is not None
            else "(no period)"
        )
        parts = [
            c.id,
            "" if c.document is None else c.document.text,
            dates,
            c.launched_by or "",
            c.name or "",
        ]
        return "  ".join(p for p in parts if p)

    out: list[str] = []
    seen: set[str] = set()

    def walk(c: Campaign, prefix: str, *, last: bool, top: bool) -> None:
        seen.add(c.id)
        out.append(line(c) if top else f"{prefix}{'└── ' if last else '├── '}{line(c)}")
        kids = [k for k in children.get(c.id, ()) if k.id not in seen]
        inner = "" if top else prefix + ("    " if last else "│   ")
        for i, k in enumerate(kids):
            walk(k, inner, last=i == len(kids) - 1, top=False)

    for c in children.get(None, ()):
        walk(c, "", last=True, top=True)
    return "\n".join(out) + ("\n" if out else "")


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``thidua campaigns``; exit 0, 1 (errors in the data) or 2 (unreadable)."""
    from thidua.campaigns import campaigns  # noqa: PLC0415

    result = check(args.path, progress=ctx.progress, encoding=args.encoding)
    ctx.progress.close()
    everything = _print_problems(ctx, result.report)
    found = campaigns(result.workspace)
    if not found and args.format == "table":
        ctx.out.write("no campaigns (put them in campaigns.csv or a 'Phong trào' sheet)\n")
    else:
        ctx.out.write(render_campaigns(found, args.format))
    return EXIT_OK if everything.ok else EXIT_PROBLEMS


_RANK_NAMES = {
    0: " (central)",
    1: " (provincial and sector)",
    2: " (direct-superior level)",
    3: " (grassroots level)",
    4: " (below grassroots)",
}
"""How the ranks of the union's level scheme (``UNION_SCHEME``) are called in reports."""


def demo(workspace: Workspace, report: Report, ctx: Context, campaign_id: str) -> int:
    """The campaign part of ``thidua demo``: the final report of *campaign_id*.

    It shows the rows of the launching unit's rank (the city federation of a city campaign).

    *report* holds the problems of the workspace (they decide the exit code, with the
    evaluation's).

    Examples:
        >>> import io
        >>> from thidua.campaigns._examples import example_workspace
        >>> from thidua.cli._common import Context, Progress
        >>> out = io.StringIO()
        >>> err = io.StringIO()
        >>> ctx = Context(out=out, err=err, progress=Progress(err, enabled=False))
        >>> demo(example_workspace(), Report(), ctx, "KH-80")
        0
        >>> text = out.getvalue().splitlines()
        >>> text[1], [line.split()[0] for line in text[5:6]]
        ('== campaign KH-80: the final report ==', ['HN'])
    """
    from thidua.campaigns import evaluate_campaign  # noqa: PLC0415

    result = evaluate_campaign(workspace, campaign_id)
    ctx.out.write(f"\n== campaign {result.campaign.id}: the final report ==\n")
    launcher = result.campaign.launched_by
    rank = result.unit(launcher).rank if launcher is not None and launcher in result else None
    ctx.out.write(render_campaign(result, "table", rank=rank, numbers=ctx.numbers))
    return EXIT_OK if (report + result.problems).ok else EXIT_PROBLEMS
