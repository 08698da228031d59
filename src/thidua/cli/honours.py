"""``thidua honours``: who is eligible for an honour, and the catalogue of honours.

Sub-commands::

    thidua honours eligible PATH --honour CODE [--honour CODE ...] --period P
                                 [--rules ID] [--on DATE] [--subject ID ...]
                                 [--format table|csv|json]
    thidua honours catalogue [PATH] [--format table|csv|json]
    thidua honours revoke-impact PATH --award ID [--on DATE] [--rules ID]
                                 [--format table|json]
    thidua honours bonus PATH --period P [--on DATE] [--multipliers CSV]
                              [--base-salary CSV] [--totals] [--format table|csv|json]

``revoke-impact`` lists every award that rested on the award revoked, each
re-checked without it (:func:`thidua.honours.revoke_impact`).  ``bonus``
lists the bonus of every award of an achievement period
(:func:`thidua.honours.bonuses`); ``--totals`` gives instead the paid totals
of every unit, rolled up the hierarchy (:func:`thidua.honours.bonus_totals`).

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
import csv
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
from thidua.errors import ThiduaValidationError, UnknownNameError, UnreadableInputError
from thidua.hierarchy import Numbers
from thidua.honours import (
    BONUS_AWARDS,
    BONUS_PAID,
    ROUNDING_STEP,
    RULE_SETS,
    Bonuses,
    Catalogue,
    Eligibility,
    Honour,
    Recipient,
    RevocationImpact,
    Verdict,
    bonus_totals,
    bonuses,
    catalogue,
    eligibility,
    extend_base_salaries,
    extend_multipliers,
    get_rule_set,
    load_base_salaries,
    load_catalogue,
    load_multipliers,
    revoke_impact,
)
from thidua.people import history
from thidua.periods import parse_period
from thidua.problems import Report
from thidua.rollup import RollUp
from thidua.typing import ProgressCallback
from thidua.workspace import Workspace, check

__all__ = [
    "BONUS_COLUMNS",
    "CATALOGUE_COLUMNS",
    "DEMO_PERIODS",
    "TOTAL_COLUMNS",
    "VERDICT_COLUMNS",
    "add_bonus_parser",
    "add_parser",
    "add_revoke_impact_parser",
    "demo",
    "load",
    "render_bonuses",
    "render_catalogue",
    "render_impact",
    "render_totals",
    "render_verdicts",
    "run_bonus",
    "run_catalogue",
    "run_eligible",
    "run_revoke_impact",
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
    add_revoke_impact_parser(inner)
    add_bonus_parser(inner)


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


# -- revoke-impact --------------------------------------------------------------------------

IMPACT_FORMATS = ("table", "json")


def add_revoke_impact_parser(inner: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare ``thidua honours revoke-impact``."""
    r = inner.add_parser(
        "revoke-impact",
        help="the awards that rested on a revoked award, re-checked without it",
    )
    r.add_argument("path", help="a workspace: a dataset directory, a .json/.yaml file or .xlsx")
    r.add_argument("--award", required=True, metavar="ID", help="the id of the revoked award")
    r.add_argument(
        "--on",
        type=date_arg,
        help="the day it stops counting (default: its revoked_on; none: a what-if)",
    )
    r.add_argument(
        "--rules",
        metavar="ID",
        help="re-check with this rule set (default: the one in force on each decision date)",
    )
    r.add_argument("--format", choices=IMPACT_FORMATS, default="table")
    add_encoding_option(r)
    r.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
    r.set_defaults(run=run_revoke_impact)


def render_impact(result: RevocationImpact, fmt: str) -> str:
    """The impact of a revocation as a text report or a JSON object.

    Examples:
        >>> from thidua.people import Award, History, Membership, Rating
        >>> h = History.from_records(
        ...     memberships=[Membership(person=p, unit="CD1", valid_from="2020-01-01")
        ...                  for p in ("P1", "P2")],
        ...     ratings=[Rating(subject=s, period="2024", rating="HTT")
        ...              for s in ("P1", "P2", "CD1")],
        ...     awards=[Award(id="L1", recipient="P1", honour="LDTT", period="2024",
        ...                   decided_on="2025-01-10", revoked_on="2025-03-01"),
        ...             Award(id="T1", recipient="CD1", honour="TTLDTT", period="2024",
        ...                   decided_on="2025-01-15")])
        >>> print(render_impact(revoke_impact(h, "L1"), "table"), end="")
        revoked: L1 (LDTT năm 2024 to P1, decided 10/01/2025), stops counting from 01/03/2025
        award  honour  period    recipient  level  rests on  before  after
        T1     TTLDTT  năm 2024  CD1            1  L1        yes     no
        <BLANKLINE>
        T1 (TTLDTT năm 2024 to CD1) rested on L1 (a member of the collective): no longer eligible —
        not met: at least 70 % of members LDTT in 2024: 1 of 2 members LDTT (50.0 %)
        <BLANKLINE>
        1 award(s) rested on it; 1 no longer eligible. Nothing was changed.
    """
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    r = result.revoked
    period = "—" if r.period is None else r.period.label_vi
    if result.on is not None and not result.hypothetical:
        when = f"stops counting from {result.on:%d/%m/%Y}"
    elif result.on is not None:
        when = f"not revoked in the data: as if revoked from {result.on:%d/%m/%Y}"
    else:
        when = "not revoked in the data: as if it had never been given"
    head = f"revoked: {r.id} ({r.honour} {period} to {r.recipient}, decided "
    lines = [f"{head}{r.decided_on:%d/%m/%Y}), {when}"]
    if not result.impacts:
        lines.append("no award rested on it. Nothing was changed.")
        return "\n".join(lines) + "\n"
    headers = ["award", "honour", "period", "recipient", "level", "rests on", "before", "after"]
    body = [
        [
            i.award.id,
            i.award.honour,
            "—" if i.award.period is None else i.award.period.label_vi,
            i.award.recipient,
            str(i.level),
            " → ".join(i.rests_on),
            "yes" if i.eligible_before else "no",
            "yes" if i.eligible_after else "no",
        ]
        for i in result
    ]
    text = "\n".join(lines) + "\n" + table(headers, body, right=[4]) + "\n"
    text += "\n".join(i.chain() for i in result) + "\n\n"
    text += (
        f"{len(result)} award(s) rested on it; {len(result.fallen())} no longer eligible. "
        "Nothing was changed.\n"
    )
    return text


def run_revoke_impact(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``thidua honours revoke-impact``; exit 0 (it ran), 1 (errors in the data) or 2."""
    rules = None if args.rules is None else get_rule_set(args.rules)  # unknown: exit 2, hinted
    workspace, report = load(args.path, ctx.progress, args.encoding)
    ctx.progress.close()
    if not report.ok:
        return _refuse(report, ctx, "no impact is computed on faulty data")
    result = revoke_impact(workspace, args.award, on=args.on, rules=rules)
    _warn(ctx, [*report, *result.problems])
    ctx.out.write(render_impact(result, args.format))
    return EXIT_OK


def _refuse(report: Report, ctx: Context, what: str) -> int:
    for problem in report:
        ctx.err.write(f"{problem}\n")
    ctx.err.write(
        f"thidua: the data has {len(report.errors)} error(s): {what} (fix them, then run again)\n"
    )
    return EXIT_PROBLEMS


def _warn(ctx: Context, problems: Iterable[object]) -> None:
    seen: set[str] = set()
    for problem in problems:
        line = str(problem)
        if line not in seen:
            seen.add(line)
            ctx.err.write(f"{line}\n")


# -- bonus --------------------------------------------------------------------------------

BONUS_COLUMNS = (
    "award",
    "recipient",
    "name",
    "honour",
    "period",
    "decided_on",
    "base_salary",
    "multiplier",
    "factor",
    "amount",
    "paid",
    "reason",
    "explanation",
)
"""The columns of ``thidua honours bonus --format csv``."""

TOTAL_COLUMNS = ("unit", "name", "rank", BONUS_PAID, BONUS_AWARDS)
"""The columns of ``thidua honours bonus --totals --format csv``."""


def add_bonus_parser(inner: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare ``thidua honours bonus``."""
    b = inner.add_parser(
        "bonus", help="the bonus money of every award of a period (Decree 152/2025 Art. 49–55)"
    )
    b.add_argument("path", help="a workspace: a dataset directory, a .json/.yaml file or .xlsx")
    b.add_argument("--period", required=True, help="the achievement period, e.g. 2024")
    b.add_argument(
        "--on",
        type=date_arg,
        help="count revocations up to this day (default: every revocation recorded)",
    )
    b.add_argument(
        "--multipliers",
        metavar="CSV",
        help="your multipliers (honour, multiplier[, rule_set, valid_from, valid_to, check, basis])"
        ", laid over the shipped ones",
    )
    b.add_argument(
        "--base-salary",
        dest="base_salary",
        metavar="CSV",
        help="more base salaries (valid_from, amount[, basis]) added to the shipped ones",
    )
    b.add_argument(
        "--totals",
        action="store_true",
        help="the paid totals of every unit, rolled up the hierarchy, instead of one row per award",
    )
    b.add_argument("--format", choices=FORMATS, default="table")
    b.add_argument(
        "--no-escape-formulas",
        dest="escape_formulas",
        action="store_false",
        help="csv: keep text cells beginning with = + - @ as they are",
    )
    add_number_option(b)
    add_encoding_option(b)
    b.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
    b.set_defaults(run=run_bonus)


def _read_rows(path: str) -> list[dict[str, str]]:
    """The rows of a small CSV table given on the command line (UTF-8, a BOM allowed)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return [dict(row) for row in csv.DictReader(handle)]
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableInputError(path, str(exc)) from None


def render_bonuses(
    result: Bonuses,
    fmt: str,
    *,
    names: Mapping[str, str] | None = None,
    numbers: Numbers = "vi",
    escape_formulas: bool = True,
) -> str:
    """The bonuses as a text table (with a summary), CSV or a JSON list.

    Examples:
        >>> from thidua.people import Award, History, Membership
        >>> h = History.from_records(
        ...     memberships=[Membership(person="P1", unit="CD1", valid_from="2020-01-01")],
        ...     awards=[Award(id="A1", recipient="P1", honour="LDTT", period="2024",
        ...                   decided_on="2025-01-10"),
        ...             Award(id="A2", recipient="CD1", honour="BK_BO", period="2024",
        ...                   decided_on="2025-01-10")])
        >>> print(render_bonuses(bonuses(h, "2024"), "table"), end="")
        award  recipient  honour         period    decided     multiplier  factor  base salary     amount  paid  name; why not paid
        A2     CD1        BK_BO (check)  năm 2024  10/01/2025           1       2    2.340.000  4.680.000  yes
        A1     P1         LDTT           năm 2024  10/01/2025         0,3       1    2.340.000    710.000  yes
        <BLANKLINE>
        năm 2024: 2 of 2 awards paid, 5.390.000 VND (amounts: multiplier × base salary on the decision date × factor, rounded up to 10.000 VND)
        >>> import json
        >>> json.loads(render_bonuses(bonuses(h, "2024"), "json"))[1]["amount"]
        710000
    """  # noqa: E501
    names = names or {}
    if fmt == "json":
        return json.dumps(result.to_records(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return report_csv(
            BONUS_COLUMNS,
            (
                [
                    b.award,
                    b.recipient,
                    names.get(b.recipient, ""),
                    b.honour,
                    "" if b.period is None else str(b.period),
                    b.decided_on.isoformat(),
                    b.base_salary,
                    b.multiplier,
                    float(b.factor),
                    b.amount,
                    "true" if b.paid else "false",
                    b.reason,
                    b.explanation,
                ]
                for b in result
            ),
            escape_formulas=escape_formulas,
        )
    headers = [
        "award",
        "recipient",
        "honour",
        "period",
        "decided",
        "multiplier",
        "factor",
        "base salary",
        "amount",
        "paid",
        "name; why not paid",
    ]
    body = [
        [
            b.award,
            b.recipient,
            b.honour + (" (check)" if b.check else ""),
            "—" if b.period is None else b.period.label_vi,
            f"{b.decided_on:%d/%m/%Y}",
            format_value(b.multiplier, numbers),
            format_value(float(b.factor), numbers),
            format_value(None if b.base_salary is None else float(b.base_salary), numbers),
            format_value(float(b.amount), numbers),
            "yes" if b.paid else "no",
            "; ".join(t for t in (names.get(b.recipient, ""), b.reason) if t),
        ]
        for b in result
    ]
    paid = format_value(float(int(result.paid.sum())), numbers)
    count = format_value(float(len(result)), numbers)
    total = format_value(float(result.total()), numbers)
    step = format_value(float(ROUNDING_STEP), numbers)
    summary = (
        f"{result.period.label_vi}: {paid} of {count} awards paid, {total} VND "
        f"(amounts: multiplier × base salary on the decision date × factor, rounded up to "
        f"{step} VND)"
    )
    return table(headers, body, right=[5, 6, 7, 8]) + "\n" + summary + "\n"


def render_totals(
    totals: RollUp,
    fmt: str,
    *,
    numbers: Numbers = "vi",
    escape_formulas: bool = True,
) -> str:
    """The rolled-up bonus totals of every unit with some, as a table, CSV or JSON."""
    paid = totals.indicators.index(BONUS_PAID)
    count = totals.indicators.index(BONUS_AWARDS)
    values = totals.values
    rows: list[dict[str, Any]] = [
        {
            "unit": unit,
            "name": name,
            "rank": rank,
            BONUS_PAID: int(values[i, paid]),
            BONUS_AWARDS: int(values[i, count]),
        }
        for i, (unit, name, rank) in enumerate(
            zip(totals.units, totals.names, totals.ranks, strict=True)
        )
        if values[i, count] > 0  # NaN (nothing below) is not > 0
    ]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return report_csv(
            TOTAL_COLUMNS,
            ([r[c] for c in TOTAL_COLUMNS] for r in rows),
            escape_formulas=escape_formulas,
        )
    body = [
        [
            str(r["unit"]),
            str(r["rank"]),
            format_value(float(r[BONUS_PAID]), numbers),
            format_value(float(r[BONUS_AWARDS]), numbers),
            str(r["name"]),
        ]
        for r in rows
    ]
    headers = ["unit", "rank", "paid (VND)", "awards", "name"]
    return table(headers, body, right=[1, 2, 3])


def run_bonus(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``thidua honours bonus``; exit 0 (it ran), 1 (errors in the data) or 2."""
    period = parse_period(args.period)
    try:
        multipliers = (
            None
            if args.multipliers is None
            else extend_multipliers(
                load_multipliers(), _read_rows(args.multipliers), source=args.multipliers
            )
        )
        salaries = (
            None
            if args.base_salary is None
            else extend_base_salaries(
                load_base_salaries(), _read_rows(args.base_salary), source=args.base_salary
            )
        )
    except ThiduaValidationError as exc:
        return _refuse(Report(exc.problems), ctx, "no bonus is computed from a faulty table")
    workspace, report = load(args.path, ctx.progress, args.encoding)
    ctx.progress.close()
    if not report.ok:
        return _refuse(report, ctx, "no bonus is computed on faulty data")
    result = bonuses(workspace, period, on=args.on, multipliers=multipliers, base_salaries=salaries)
    _warn(ctx, [*report, *result.problems])
    if args.totals:
        totals = bonus_totals(workspace, period, result=result)
        ctx.out.write(
            render_totals(
                totals, args.format, numbers=ctx.numbers, escape_formulas=args.escape_formulas
            )
        )
        return EXIT_OK
    ctx.out.write(
        render_bonuses(
            result,
            args.format,
            names=_names(workspace),
            numbers=ctx.numbers,
            escape_formulas=args.escape_formulas,
        )
    )
    return EXIT_OK
