"""``thidua honours propose``: the list a unit proposes for an honour, ranked and cut at the quotas.

Sub-command of ``thidua honours``::

    thidua honours propose PATH --honour CODE --period P --proposer UNIT
                                [--quota N | --quota 15% | --quota none]
                                [--quota-file FILE] [--theme T]
                                [--rules ID] [--on DATE] [--order NAME ...]
                                [--format table|csv|json]

It reads and checks the workspace at PATH, then runs
:func:`thidua.honours.propose`: the eligible candidates under the proposer,
ranked (cluster score, women, collectives with at least 70 % women, id;
``--order`` names other criteria), cut at the quotas — the rule set's own
(default), ``--quota N`` (at most N for this proposer), ``--quota 15%``
(a share of each unit's LĐTT), ``--quota none``; ``--quota-file`` reads
quotas from a YAML or JSON list (:func:`thidua.honours.quotas_from_data`).  The table lists every
candidate with its rank, whether it is proposed and why not; ``--format
csv`` is the same for a spreadsheet, ``--format json`` a list with, per
candidate, ``subject``, ``name``, ``unit``, ``eligible``, ``rank``,
``proposed``, ``reason`` and the ordering's fields.

Exit codes: 0 when it ran, 1 when the data has errors (listed on stderr;
no list is made from faulty data), 2 on unreadable input, bad usage, or an
unknown honour, unit or rule set.

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from thidua.cli._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    Context,
    add_encoding_option,
    add_number_option,
    date_arg,
    report_csv,
    table,
)
from thidua.errors import InvalidArgumentError, MissingExtraError, UnknownNameError
from thidua.hierarchy import Numbers
from thidua.honours import (
    DEFAULT_ORDER,
    ORDERINGS,
    RULE_SETS,
    ProposalList,
    ProposerQuota,
    Quota,
    ShareQuota,
    catalogue,
    get_rule_set,
    propose,
    quotas_from_data,
)
from thidua.periods import parse_period
from thidua.workspace import check

__all__ = [
    "PROPOSAL_COLUMNS",
    "add_parser",
    "quotas_of",
    "read_quota_file",
    "read_quotas",
    "render_proposals",
    "run_propose",
]

PROPOSAL_COLUMNS = (
    "rank",
    "subject",
    "name",
    "unit",
    "eligible",
    "proposed",
    "score",
    "female",
    "women_share",
    "reason",
)
"""The columns of ``thidua honours propose --format csv``."""

FORMATS = ("table", "csv", "json")


def add_parser(inner: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare ``propose`` under ``thidua honours``."""
    p = inner.add_parser(
        "propose", help="rank the eligible under a proposer and cut at the quotas (đề nghị)"
    )
    p.add_argument("path", help="a workspace: a dataset directory, a .json/.yaml file or .xlsx")
    p.add_argument("--honour", required=True, metavar="CODE", help="a catalogue code (CSTDCS …)")
    p.add_argument("--period", required=True, help="e.g. 2024, 'năm học 2023-2024'")
    p.add_argument("--proposer", required=True, metavar="UNIT", help="the proposing unit's id")
    p.add_argument(
        "--quota",
        help="N (at most N for this proposer), 15%% (a share of each unit's LĐTT) or none; "
        "default: the quotas of the rule set in force",
    )
    p.add_argument(
        "--quota-file",
        metavar="FILE",
        help="quotas as a YAML or JSON list ({kind: share, honour: CSTDCS, share: 15%%} …); "
        "those on --honour apply with --quota's, instead of the rule set's",
    )
    p.add_argument("--theme", help="the theme of a thematic honour (for the per-theme quota)")
    p.add_argument(
        "--rules",
        metavar="ID",
        help="a rule set (" + ", ".join(RULE_SETS) + "); default: the one in force on --on",
    )
    p.add_argument(
        "--on", type=date_arg, help="the proposal date (default: the day after the period ends)"
    )
    p.add_argument(
        "--order",
        action="append",
        choices=list(ORDERINGS),
        metavar="NAME",
        help="rank by these criteria, in turn ("
        + ", ".join(ORDERINGS)
        + "); default: "
        + ", ".join(DEFAULT_ORDER),
    )
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument(
        "--no-escape-formulas",
        dest="escape_formulas",
        action="store_false",
        help="csv: keep text cells beginning with = + - @ as they are",
    )
    add_number_option(p)
    add_encoding_option(p)
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
    p.set_defaults(run=run_propose)


def quotas_of(text: str | None, honour: str) -> tuple[Quota, ...] | None:
    """The quotas ``--quota`` gives: ``None`` (the rule set's), ``()`` for ``none``, or one.

    Examples:
        >>> quotas_of("15%", "CSTDCS")
        (ShareQuota(honour='CSTDCS', share=0.15, of='LDTT', basis='', kind='share'),)
        >>> quotas_of("4", "BK_CD"), quotas_of("none", "LDTT"), quotas_of(None, "LDTT")
        ((ProposerQuota(honour='BK_CD', limit=4, basis='', kind='proposer'),), (), None)
    """
    if text is None:
        return None
    text = text.strip()
    if text.lower() in {"none", "no", "không"}:
        return ()
    if text.endswith("%"):
        return (ShareQuota(honour=honour, share=text),)
    return (ProposerQuota(honour=honour, limit=text),)


def read_quota_file(path: str, honour: str) -> tuple[Quota, ...]:
    """The quotas on *honour* in a YAML or JSON file holding a list of quotas.

    Raises:
        InvalidArgumentError: the file is not a list of quotas (the message names the entry).
        MissingExtraError: a YAML file without PyYAML installed.
    """
    return tuple(q for q in read_quotas(path) if q.honour == honour)


def read_quotas(path: str) -> tuple[Quota, ...]:
    """Every quota in a YAML or JSON file holding a list of quotas (``--quota-file``).

    Raises:
        InvalidArgumentError: the file is not a list of quotas (the message names the entry).
        MissingExtraError: a YAML file without PyYAML installed.

    Examples:
        >>> import tempfile, pathlib
        >>> f = pathlib.Path(tempfile.mkdtemp()) / "quotas.json"
        >>> _ = f.write_text('[{"kind": "proposer", "honour": "LDTT", "limit": 2}]')
        >>> [q.describe() for q in read_quotas(str(f))]
        ['LDTT ≤ 2 per proposer']

    .. versionadded:: 0.3.0
    """
    text = Path(path).read_text(encoding="utf-8")
    if path.lower().endswith(".json"):
        data = json.loads(text)
    else:
        try:
            import yaml  # noqa: PLC0415  (optional dependency)
        except ImportError:
            raise MissingExtraError("yaml", "PyYAML") from None
        data = yaml.safe_load(text)
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        msg = f"{path}: a quota file holds a list of quotas, each with its kind"
        raise InvalidArgumentError(msg)
    return quotas_from_data(data)


def render_proposals(
    result: ProposalList, fmt: str, *, numbers: Numbers = "vi", escape_formulas: bool = True
) -> str:
    """The list as a text table (with a summary line), CSV or a JSON list.

    Examples:
        >>> from thidua.honours import Candidate, ProposalList
        >>> from thidua.periods import Period
        >>> result = ProposalList(honour="LDTT", period=Period.year(2024), proposer="CD1",
        ...     rule_set="vn-2024", quotas=(), candidates=[
        ...         Candidate(subject="P1", name="Nguyễn Thị Hoa", eligible=True, rank=1,
        ...                   proposed=True, female=True),
        ...         Candidate(subject="P2", eligible=False, reason="rated HT")])
        >>> print(render_proposals(result, "table"), end="")
        rank  subject  name            unit  proposed  score  reason
        1     P1       Nguyễn Thị Hoa        yes
              P2                             no               not eligible: rated HT
        <BLANKLINE>
        <ProposalList LDTT 2024 by CD1: 1 proposed, 0 cut by quota, 1 not eligible>
        >>> print(render_proposals(result, "csv").splitlines()[1])
        1,P1,Nguyễn Thị Hoa,,true,true,,true,,
    """
    if fmt == "json":
        return json.dumps(result.to_records(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return report_csv(
            PROPOSAL_COLUMNS,
            (
                [
                    c.rank,
                    c.subject,
                    c.name,
                    c.unit,
                    "true" if c.eligible else "false",
                    "true" if c.proposed else "false",
                    c.score,
                    None if c.female is None else ("true" if c.female else "false"),
                    c.women_share,
                    c.reason,
                ]
                for c in result
            ),
            escape_formulas=escape_formulas,
        )
    body = [
        [
            "" if c.rank is None else str(c.rank),
            c.subject,
            c.name,
            c.unit or "",
            "yes" if c.proposed else "no",
            "" if c.score is None else f"{c.score:g}",
            c.reason if c.eligible else f"not eligible: {c.reason}",
        ]
        for c in result
    ]
    headers = ["rank", "subject", "name", "unit", "proposed", "score", "reason"]
    lines = [repr(result)]
    lines.extend(f"quota: {q.describe()}" for q in result.quotas)
    return table(headers, body) + "\n" + "\n".join(lines) + "\n"


def run_propose(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``thidua honours propose``; exit 0 (it ran), 1 (errors in the data) or 2."""
    period = parse_period(args.period)
    rules = None if args.rules is None else get_rule_set(args.rules)  # unknown: exit 2, hinted
    result_read = check(args.path, progress=ctx.progress, encoding=args.encoding)
    workspace, report = result_read.workspace, result_read.report
    ctx.progress.close()
    honours = catalogue(workspace)
    if args.honour not in honours:
        raise UnknownNameError("honour", args.honour, honours.codes())
    units = workspace.unit_ids()
    if args.proposer not in units:
        raise UnknownNameError("unit", args.proposer, units)
    if not report.ok:
        for problem in report:
            ctx.err.write(f"{problem}\n")
        ctx.err.write(
            f"thidua: the data has {len(report.errors)} error(s): no list is made from faulty "
            "data (fix them, then run again)\n"
        )
        return EXIT_PROBLEMS
    for problem in report:
        ctx.err.write(f"{problem}\n")
    quota = quotas_of(args.quota, args.honour)
    if args.quota_file is not None:
        # the file's quotas on the honour replace the rule set's, beside --quota's
        quota = (*(quota or ()), *read_quota_file(args.quota_file, args.honour))
    result = propose(
        workspace,
        args.honour,
        period,
        proposer=args.proposer,
        quota=quota,
        order=args.order,
        theme=args.theme,
        rules=rules,
        on=args.on,
    )
    ctx.out.write(
        render_proposals(
            result, args.format, numbers=ctx.numbers, escape_formulas=args.escape_formulas
        )
    )
    return EXIT_OK
