"""``thidua honours``: who is eligible for an honour, and the catalogue of honours.

Sub-commands::

    thidua honours eligible PATH --honour CODE [--honour CODE ...] --period P
                                 [--rules ID] [--on DATE] [--subject ID ...]
                                 [--format table|csv|json]
    thidua honours catalogue [PATH] [--format table|csv|json]

``eligible`` reads and checks the workspace at PATH (the people tables
included), then evaluates each honour for the period over every candidate
(:func:`thidua.honours.eligibility`).  The table lists one verdict a line
with the conditions not met; ``--format csv`` is the same report for a
spreadsheet (text cells neutralised against formula injection);
``--subject`` narrows each honour to the subjects of its recipient kind
(people for an individual honour, units for a collective one).
``--format json`` is a list with, per verdict, ``subject``, ``honour``,
``period``, ``rule_set``, ``eligible`` and ``conditions`` (each with
``condition``, ``met`` and ``detail``).

Exit codes: 0 when it ran (whatever the verdicts), 1 when the data has
errors (they are listed on stderr; no verdict is given on faulty data), 2 on
unreadable input, bad usage, or an unknown honour, rule set or subject (with
a "did you mean" hint).

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from thidua.cli import proposals
from thidua.cli._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    Context,
    add_encoding_option,
    add_number_option,
    date_arg,
    format_value,
    report_csv,
    table,
)
from thidua.errors import UnknownNameError
from thidua.hierarchy import Numbers
from thidua.honours import (
    RULE_SETS,
    Catalogue,
    Eligibility,
    Honour,
    Recipient,
    Verdict,
    catalogue,
    eligibility,
    get_rule_set,
    load_catalogue,
)
from thidua.people import history
from thidua.periods import parse_period
from thidua.problems import Report
from thidua.typing import ProgressCallback
from thidua.workspace import Workspace, check

__all__ = [
    "CATALOGUE_COLUMNS",
    "DEMO_PERIODS",
    "VERDICT_COLUMNS",
    "add_parser",
    "demo",
    "load",
    "render_catalogue",
    "render_verdicts",
    "run_catalogue",
    "run_eligible",
    "summary_lines",
    "unmet",
]

VERDICT_COLUMNS = ("subject", "name", "honour", "period", "rule_set", "eligible", "unmet")
"""The columns of ``thidua honours eligible --format csv``."""

CATALOGUE_COLUMNS = (
    "code",
    "name_vi",
    "name_en",
    "kind",
    "recipient",
    "level",
    "type",
    "issuing_level",
    "multiplier",
    "basis",
    "check",
    "rule_sets",
)
"""The columns of ``thidua honours catalogue --format csv`` (and the fields of its json)."""

FORMATS = ("table", "csv", "json")

DEMO_PERIODS = {"CSTD_BO": "giai đoạn 2022-2024", "CSTD_TQ": "giai đoạn 2022-2024"}
"""The period ``thidua demo`` proposes each honour for (2024 unless said here)."""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the sub-command and its two sub-commands."""
    p = sub.add_parser(
        "honours", help="who is eligible for an honour (thi đua, khen thưởng); the catalogue"
    )
    inner = p.add_subparsers(dest="honours_command", required=True, metavar="SUBCOMMAND")
    e = inner.add_parser(
        "eligible", help="evaluate honours for a period over every candidate, with the reasons"
    )
    e.add_argument("path", help="a workspace: a dataset directory, a .json/.yaml file or .xlsx")
    e.add_argument(
        "--honour",
        action="append",
        required=True,
        metavar="CODE",
        help="a catalogue code (LDTT, CSTDCS, BK_TTG …); repeat for several",
    )
    e.add_argument(
        "--period", required=True, help="e.g. 2024, 'năm học 2023-2024', 'giai đoạn 2022-2024'"
    )
    e.add_argument(
        "--rules",
        metavar="ID",
        help="a rule set (" + ", ".join(RULE_SETS) + "); default: the one in force on --on",
    )
    e.add_argument(
        "--on", type=date_arg, help="the proposal date (default: the day after the period ends)"
    )
    e.add_argument(
        "--subject",
        action="append",
        metavar="ID",
        help="only this person or unit (repeat for several; default: every candidate)",
    )
    e.add_argument("--format", choices=FORMATS, default="table")
    e.add_argument(
        "--no-escape-formulas",
        dest="escape_formulas",
        action="store_false",
        help="csv: keep text cells beginning with = + - @ as they are",
    )
    add_number_option(e)
    add_encoding_option(e)
    e.set_defaults(run=run_eligible)
    c = inner.add_parser("catalogue", help="list the honours: the shipped ones and PATH's own")
    c.add_argument(
        "path", nargs="?", help="a workspace whose honours table extends the shipped catalogue"
    )
    c.add_argument("--format", choices=FORMATS, default="table")
    add_number_option(c)
    add_encoding_option(c)
    c.set_defaults(run=run_catalogue)
    proposals.add_parser(inner)  # thidua honours propose (thidua.cli.proposals)
    for choice in (e, c):
        # like every command: --debug is also accepted after the sub-command
        choice.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)


def load(
    path: str, progress: ProgressCallback, encoding: str | None = None
) -> tuple[Workspace, Report]:
    """Read and check the workspace (the one place this command reads it)."""
    result = check(path, progress=progress, encoding=encoding)
    return result.workspace, result.report


# -- eligible -----------------------------------------------------------------------------


def unmet(verdict: Verdict, lang: str = "en") -> list[str]:
    """The top-level conditions a verdict does not meet, with their evidence.

    Examples:
        >>> from thidua.people import History, Membership, Rating
        >>> h = History.from_records(
        ...     memberships=[Membership(person="P1", unit="CD1", valid_from="2020-01-01")],
        ...     ratings=[Rating(subject="P1", period="2024", rating="HT")])
        >>> unmet(eligibility(h, load_catalogue(), "LDTT", "2024").verdict("P1"))
        ['rated HTT or better in 2024: rated HT']
    """
    if verdict.eligible:
        return []
    tree = verdict.explanation
    nodes = tree.children or (tree,)
    out = []
    for node in nodes:
        if node.met:
            continue
        text = node.condition(lang)
        evidence = node.evidence(lang)
        out.append(f"{text}: {evidence}" if evidence else text)
    return out


def _names(workspace: Workspace) -> dict[str, str]:
    names = {u.id: u.name for u in workspace.units}
    people = workspace.table("people")
    if len(people) and "name" in people.present:
        names.update(zip(people.text("id"), people.text("name"), strict=True))
    return names


def summary_lines(results: Iterable[Eligibility], numbers: Numbers = "vi") -> list[str]:
    """One line per run: honour, period, rule set, proposal date, eligible of candidates.

    Examples:
        >>> from thidua.people import History, Membership, Rating
        >>> h = History.from_records(
        ...     memberships=[Membership(person="P1", unit="CD1", valid_from="2020-01-01")],
        ...     ratings=[Rating(subject="P1", period="2024", rating="HTT")])
        >>> summary_lines([eligibility(h, load_catalogue(), "LDTT", "2024")])
        ['LDTT năm 2024 (rule set vn-2024, proposal date 01/01/2025): 1 of 1 eligible']
    """
    out = []
    for r in results:
        n = format_value(float(int(r.eligible.sum())), numbers)
        total = format_value(float(len(r)), numbers)
        out.append(
            f"{r.honour} {r.period.label_vi} (rule set {r.rule_set.id}, proposal date "
            f"{r.on:%d/%m/%Y}): {n} of {total} eligible"
        )
    return out


def render_verdicts(
    results: Sequence[Eligibility],
    fmt: str,
    *,
    names: Mapping[str, str] | None = None,
    numbers: Numbers = "vi",
    escape_formulas: bool = True,
) -> str:
    """The verdicts of the runs as a text table (with a summary), CSV or a JSON list.

    Examples:
        >>> from thidua.people import History, Membership, Rating
        >>> h = History.from_records(
        ...     memberships=[Membership(person=p, unit="CD1", valid_from="2020-01-01")
        ...                  for p in ("P1", "P2")],
        ...     ratings=[Rating(subject="P1", period="2024", rating="HTT"),
        ...              Rating(subject="P2", period="2024", rating="HT")])
        >>> runs = [eligibility(h, load_catalogue(), "LDTT", "2024")]
        >>> print(render_verdicts(runs, "table", names={"P1": "Nguyễn Thị Hoa"}), end="")
        subject  honour  period    eligible  name            conditions not met
        P1       LDTT    năm 2024  yes       Nguyễn Thị Hoa
        P2       LDTT    năm 2024  no                        rated HTT or better in 2024: rated HT
        <BLANKLINE>
        LDTT năm 2024 (rule set vn-2024, proposal date 01/01/2025): 1 of 2 eligible
        >>> print(render_verdicts(runs, "csv").splitlines()[2])
        P2,,LDTT,2024,vn-2024,false,rated HTT or better in 2024: rated HT
        >>> import json
        >>> first = json.loads(render_verdicts(runs, "json"))[0]
        >>> first["eligible"], [c["met"] for c in first["conditions"]]
        (True, [True, True])
    """
    names = names or {}
    if fmt == "json":
        rows: list[dict[str, Any]] = [v.to_dict() for r in results for v in r]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return report_csv(
            VERDICT_COLUMNS,
            (
                [
                    v.subject,
                    names.get(v.subject, ""),
                    v.honour,
                    str(v.period),
                    v.rule_set,
                    "true" if v.eligible else "false",
                    "; ".join(unmet(v)),
                ]
                for r in results
                for v in r
            ),
            escape_formulas=escape_formulas,
        )
    body = [
        [
            v.subject,
            v.honour,
            v.period.label_vi,
            "yes" if v.eligible else "no",
            names.get(v.subject, ""),
            "; ".join(unmet(v)),
        ]
        for r in results
        for v in r
    ]
    headers = ["subject", "honour", "period", "eligible", "name", "conditions not met"]
    return table(headers, body) + "\n" + "\n".join(summary_lines(results, numbers)) + "\n"


def _of_kind(
    workspace: Workspace, honour: Honour, subjects: Sequence[str] | None
) -> list[str] | None:
    """The *subjects* that can receive *honour*: people for an individual one, units otherwise.

    Raises:
        UnknownNameError: a subject is neither a person nor a unit of the workspace.
    """
    if subjects is None:
        return None
    h = history(workspace)
    person = honour.recipient is Recipient.INDIVIDUAL
    return [s for s in dict.fromkeys(subjects) if bool(h.is_person[h.index(s)]) is person]


def run_eligible(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``thidua honours eligible``; exit 0 (it ran), 1 (errors in the data) or 2."""
    period = parse_period(args.period)
    rules = None if args.rules is None else get_rule_set(args.rules)  # unknown: exit 2, hinted
    workspace, report = load(args.path, ctx.progress, args.encoding)
    ctx.progress.close()
    honours = catalogue(workspace)
    for code in args.honour:
        if code not in honours:
            raise UnknownNameError("honour", code, honours.codes())
    if not report.ok:
        for problem in report:
            ctx.err.write(f"{problem}\n")
        ctx.err.write(
            f"thidua: the data has {len(report.errors)} error(s): no verdict is given "
            "on faulty data (fix them, then run again)\n"
        )
        return EXIT_PROBLEMS
    results = [
        eligibility(
            workspace,
            honours,
            code,
            period,
            rules=rules,
            on=args.on,
            subjects=_of_kind(workspace, honours[code], args.subject),
        )
        for code in dict.fromkeys(args.honour)
    ]
    seen: set[str] = set()
    for problem in [*report, *(p for r in results for p in r.problems)]:
        line = str(problem)
        if line not in seen:
            seen.add(line)
            ctx.err.write(f"{line}\n")
    ctx.out.write(
        render_verdicts(
            results,
            args.format,
            names=_names(workspace),
            numbers=ctx.numbers,
            escape_formulas=args.escape_formulas,
        )
    )
    return EXIT_OK


# -- catalogue ----------------------------------------------------------------------------


def _rule_sets_of(code: str) -> list[str]:
    return [rs.id for rs in RULE_SETS.values() if code in rs.rules]


def render_catalogue(cat: Catalogue, fmt: str, *, numbers: Numbers = "vi") -> str:
    """The catalogue as a text table, CSV or a JSON list of honours.

    Examples:
        >>> print(render_catalogue(load_catalogue(), "table").splitlines()[1])
        LDTT       title  individual  grassroots  merit       0,3  vn-2024 vn-2025 vn-draft-2025 cd-999-2024  Lao động tiên tiến
        >>> render_catalogue(load_catalogue(), "csv").splitlines()[0].split(",")[:3]
        ['code', 'name_vi', 'name_en']
    """  # noqa: E501
    records: list[dict[str, Any]] = [
        {
            "code": h.code,
            "name_vi": h.name_vi,
            "name_en": h.name_en,
            "kind": h.kind.value,
            "recipient": h.recipient.value,
            "level": h.level,
            "type": h.type.value,
            "issuing_level": h.issuing_level,
            "multiplier": h.multiplier,
            "basis": h.basis,
            "check": h.check,
            "rule_sets": _rule_sets_of(h.code),
        }
        for h in cat
    ]
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return report_csv(
            CATALOGUE_COLUMNS,
            (
                [
                    *(
                        str(r[c]).lower() if isinstance(r[c], bool) else r[c]
                        for c in CATALOGUE_COLUMNS[:-1]
                    ),
                    ";".join(r["rule_sets"]),
                ]
                for r in records
            ),
        )
    headers = ["code", "kind", "recipient", "level", "type", "multiplier", "rule sets", "name"]
    body = [
        [
            h.code,
            h.kind.value,
            h.recipient.value,
            h.level,
            h.type.value,
            format_value(h.multiplier, numbers),
            " ".join(_rule_sets_of(h.code)) or "—",
            h.name_vi + (" (check)" if h.check else ""),
        ]
        for h in cat
    ]
    legend = [
        "",
        (
            "multiplier: the bonus as a multiple of the statutory base salary "
            "(Decree 152/2025/NĐ-CP Art. 49–55); —: not known."
        ),
        (
            "rule sets: the shipped rule sets with an eligibility rule for it; "
            "(check): the row rests on a source still to be verified."
        ),
    ]
    return table(headers, body, right=[5]) + "\n".join(legend) + "\n"


def run_catalogue(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``thidua honours catalogue``; exit 0, or 1 when PATH's data has errors."""
    code = EXIT_OK
    if args.path is None:
        cat = load_catalogue()
    else:
        workspace, report = load(args.path, ctx.progress, args.encoding)
        ctx.progress.close()
        for problem in report:
            ctx.err.write(f"{problem}\n")
        cat = catalogue(workspace)
        code = EXIT_OK if report.ok else EXIT_PROBLEMS
    ctx.out.write(render_catalogue(cat, args.format, numbers=ctx.numbers))
    return code


# -- demo ---------------------------------------------------------------------------------


def demo(workspace: Workspace, report: Report, ctx: Context) -> int:
    """The honours part of ``thidua demo``: who is eligible for 2024, and one verdict explained.

    Every honour a shipped rule set has a rule for is evaluated on the
    sample's synthetic people (CSTĐ bộ/tỉnh and toàn quốc for the stage
    2022-2024); *report* holds the problems of the workspace.
    """
    out = ctx.out
    if not report.ok:
        out.write("\n== honours ==\nskipped: the data has errors\n")
        return EXIT_PROBLEMS
    honours = catalogue(workspace)
    ruled = [h.code for h in honours if any(h.code in rs.rules for rs in RULE_SETS.values())]
    results = [eligibility(workspace, code, DEMO_PERIODS.get(code, "2024")) for code in ruled]
    out.write("\n== honours: who is eligible for 2024 (synthetic people) ==\n")
    body = [
        [
            r.honour,
            r.period.label_vi,
            r.rule_set.id,
            format_value(float(int(r.eligible.sum())), ctx.numbers),
            format_value(float(len(r)), ctx.numbers),
            honours[r.honour].name_vi,
        ]
        for r in results
    ]
    headers = ["honour", "period", "rule set", "eligible", "candidates", "name"]
    out.write(table(headers, body, right=[3, 4]))
    chosen = next(r for r in results if r.honour == "BK_TTG")
    subject = chosen.eligible_subjects()[0]
    out.write(f"\n== one verdict explained: {subject}, Bằng khen Thủ tướng ==\n")
    out.write(chosen.verdict(subject).explain() + "\n")
    return EXIT_OK
