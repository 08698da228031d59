"""The check of the proposal tables (issue 9 §1), run by :func:`thidua.workspace.validate`.

:func:`check_proposals` is the ``CHECK`` of :mod:`thidua.io._schema_proposals`.
In one pass over ``proposals`` and ``proposal_steps`` it reports

* the cells that cannot be read (``S003``, ``S004``, ``S006``, ``A017``);
* ids given twice (``R001``) and steps of no proposal (``R011``);
* the workflow ``draft → submitted → (returned → submitted)* → approved |
  rejected``: a step it does not allow (``R002``), steps whose dates go
  back (``R003``), a status other than the last step's (``R004``);
* ids that name nothing: the proposer, deciding or acting unit (``R005``),
  the subject (``R006``), the honour (``R007``);
* proposing an ineligible subject, with the conditions not met (``R008``),
  proposals beyond a quota shipped with the rule set in force, naming the
  quota and both numbers (``R009``), a subject under review, investigation
  or complaint on the submission date (``R010``, Law 06/2022/QH15 Art. 6).

Drafts are not yet proposals: they count in no quota and are not checked
for eligibility, and neither are rejected proposals.  Eligibility is only
judged on people tables without errors (those errors are the people
check's to report).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pendulum

from thidua.errors import InvalidArgumentError, ThiduaValidationError, UnknownNameError
from thidua.honours._catalogue import Recipient
from thidua.honours._eligibility import eligibility
from thidua.honours._proposal_tables import Proposal, ProposalStep, proposal_steps, proposals_read
from thidua.honours._proposals import (
    CLUSTER_HONOURS,
    QuotaBook,
    Scope,
    _rule_set,
    unmet_conditions,
)
from thidua.honours._quotas import Quota, rule_set_quotas
from thidua.honours._workflow import ProposalStatus, allowed_after
from thidua.io import parse_column
from thidua.problems import Pointer, Problem, ProblemCode, ProposalCode, Report, problem

if TYPE_CHECKING:
    from thidua.workspace import Workspace

__all__ = ["check_proposals"]

_NOT_COUNTED = (None, ProposalStatus.DRAFT, ProposalStatus.REJECTED)


class _Out:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(
        self,
        code: ProblemCode,
        message: str,
        *,
        subject: str | None,
        at: Pointer | None,
        field: str | None = None,
    ) -> None:
        pointer = at if at is None or field is None else at.at(field)
        self.problems.append(problem(code, message, subject=subject, pointer=pointer))


def _words(status: ProposalStatus | None) -> str:
    return "nothing" if status is None else f"{status.value} ({status.label_vi})"


def _workflow(out: _Out, rows: dict[str, Proposal], steps: list[ProposalStep]) -> None:
    by_proposal: dict[str, list[ProposalStep]] = defaultdict(list)
    for s in steps:
        if s.proposal not in rows:
            out.add(
                ProposalCode.UNKNOWN_PROPOSAL,
                f"a {_words(s.step)} step: proposal {s.proposal!r} is not in proposals.csv",
                subject=s.proposal,
                at=s.source,
                field="proposal",
            )
            continue
        by_proposal[s.proposal].append(s)
    for pid, p in rows.items():
        last: ProposalStatus | None = None
        last_on: pendulum.Date | None = None
        for s in by_proposal.get(pid, []):
            if s.step is None:
                continue
            if s.on is not None and last_on is not None and s.on < last_on:
                out.add(
                    ProposalCode.STEPS_OUT_OF_ORDER,
                    f"proposal {pid!r}: the {_words(s.step)} step of {s.on:%d/%m/%Y} comes "
                    f"after a step of {last_on:%d/%m/%Y}",
                    subject=pid,
                    at=s.source,
                    field="on",
                )
            allowed = allowed_after(last)
            if s.step not in allowed:
                after = "as the first step" if last is None else f"after {_words(last)}"
                expected = ", ".join(_words(a) for a in allowed) or "no step (it is final)"
                out.add(
                    ProposalCode.STEP_NOT_ALLOWED,
                    f"proposal {pid!r}: the step {_words(s.step)} is not allowed {after} "
                    f"(allowed: {expected})",
                    subject=pid,
                    at=s.source,
                    field="step",
                )
            last = s.step
            last_on = s.on if s.on is not None else last_on
        expected_status = ProposalStatus.DRAFT if last is None else last
        if p.status is not None and p.status is not expected_status:
            said = "it has no step" if last is None else f"its last step is {_words(last)}"
            out.add(
                ProposalCode.STATUS_NOT_LAST_STEP,
                f"proposal {pid!r}: the status is {_words(p.status)} but {said}",
                subject=pid,
                at=p.source,
                field="status",
            )


def _submitted_on(p: Proposal, steps: list[ProposalStep]) -> pendulum.Date | None:
    if p.submitted_on is not None:
        return p.submitted_on
    days = [s.on for s in steps if s.step is ProposalStatus.SUBMITTED and s.on is not None]
    return min(days) if days else None


def _reviews(workspace: Workspace) -> dict[str, list[tuple[pendulum.Date, pendulum.Date | None]]]:
    table = workspace.table("reviews")
    found: list[Problem] = []  # reported by the people check
    subjects = parse_column(table, "subject", found).values() if len(table) else []
    starts = parse_column(table, "valid_from", found).values() if len(table) else []
    ends = (
        parse_column(table, "valid_to", found).values()
        if len(table) and table.has("valid_to")
        else [None] * len(subjects)
    )
    out: dict[str, list[tuple[pendulum.Date, pendulum.Date | None]]] = defaultdict(list)
    for s, start, end in zip(subjects, starts, ends, strict=True):
        if s is not None and start is not None:
            out[s].append((start, end))
    return out


def _people_ok(workspace: Workspace) -> bool:
    from thidua.people import check_people  # noqa: PLC0415

    return check_people(workspace).ok


def check_proposals(workspace: Workspace, *, quotas: Iterable[Quota] = ()) -> Report:
    """Check the proposals and their steps of *workspace*: every problem, in one pass.

    The quotas are those shipped with the rule set in force at the end of
    each proposal's period (:func:`~thidua.honours.rule_set_quotas`) and
    *quotas*, the user's own (a :class:`~thidua.honours.ShareQuota` such as
    CSTĐCS ≤ 15 % of the unit's LĐTT, say).

    Examples:
        >>> from thidua.io import DataTable
        >>> from thidua.io._domain import domain_tables
        >>> from thidua.workspace import Workspace
        >>> t = domain_tables()
        >>> ws = Workspace(tables={
        ...     "proposals": DataTable.from_rows(t["proposals"], [
        ...         {"id": "DN-1", "proposer": "CD1", "honour": "LDTT", "period": "2024",
        ...          "subject": "P1", "status": "đã duyệt"}]),
        ...     "proposal_steps": DataTable.from_rows(t["proposal_steps"], [
        ...         {"proposal": "DN-1", "step": "dự thảo", "on": "05/01/2025"},
        ...         {"proposal": "DN-1", "step": "đã duyệt", "on": "10/01/2025"}])})
        >>> for p in check_proposals(ws):
        ...     print(p.code, p.message)
        R002 proposal 'DN-1': the step approved (đã duyệt) is not allowed after draft (dự thảo) \
(allowed: submitted (đã trình))
        R005 proposal 'DN-1': the proposer 'CD1' is not a unit of units.csv
        R006 proposal 'DN-1': the subject 'P1' is neither a person of people.csv nor a unit

    .. versionadded:: 0.3.0
    """
    from thidua.honours._workspace import catalogue  # noqa: PLC0415  (imports io)

    out = _Out()
    rows_read, read_problems = proposals_read(workspace)
    out.problems.extend(read_problems)
    if not rows_read and not len(workspace.table("proposal_steps")):
        return Report(tuple(out.problems))
    rows: dict[str, Proposal] = {}
    for p in rows_read:
        if p.id in rows:
            first = rows[p.id].source
            out.add(
                ProposalCode.DUPLICATE_PROPOSAL_ID,
                f"proposal {p.id!r} is given twice" + (f" (first at {first})" if first else ""),
                subject=p.id,
                at=p.source,
                field="id",
            )
            continue
        rows[p.id] = p
    steps = list(proposal_steps(workspace))
    _workflow(out, rows, steps)
    steps_of: dict[str, list[ProposalStep]] = defaultdict(list)
    for s in steps:
        steps_of[s.proposal].append(s)
    units = set(workspace.unit_ids())
    for s in steps:
        if s.by is not None and s.by not in units:
            out.add(
                ProposalCode.UNKNOWN_PROPOSER,
                f"a step of proposal {s.proposal!r}: the unit {s.by!r} (by) is not a unit of "
                "units.csv",
                subject=s.proposal,
                at=s.source,
                field="by",
            )
    honours = catalogue(workspace)
    people = set(workspace.table("people").text("id")) if len(workspace.table("people")) else set()
    reviews = _reviews(workspace)
    judged: dict[tuple[str, object], list[Proposal]] = defaultdict(list)
    for p in rows.values():
        for field, unit in (("proposer", p.proposer), ("decided_by", p.decided_by)):
            if unit and unit not in units:
                out.add(
                    ProposalCode.UNKNOWN_PROPOSER,
                    f"proposal {p.id!r}: the {field.replace('_', ' ')} {unit!r} is not a unit "
                    "of units.csv",
                    subject=p.id,
                    at=p.source,
                    field=field,
                )
        known_subject = p.subject in people or p.subject in units
        if not known_subject:
            out.add(
                ProposalCode.UNKNOWN_SUBJECT,
                f"proposal {p.id!r}: the subject {p.subject!r} is neither a person of "
                "people.csv nor a unit",
                subject=p.id,
                at=p.source,
                field="subject",
            )
        if p.honour not in honours:
            out.add(
                ProposalCode.UNKNOWN_HONOUR,
                f"proposal {p.id!r}: the honour {p.honour!r} is not in the catalogue",
                subject=p.id,
                at=p.source,
                field="honour",
            )
            continue
        day = _submitted_on(p, steps_of.get(p.id, []))
        if day is not None:
            for start, end in reviews.get(p.subject, []):
                if start <= day and (end is None or day < end):
                    out.add(
                        ProposalCode.UNDER_REVIEW,
                        f"proposal {p.id!r}: {p.subject!r} is under review, investigation or "
                        f"complaint since {start:%d/%m/%Y} on the submission date "
                        f"{day:%d/%m/%Y}",
                        subject=p.id,
                        at=p.source,
                        field="subject",
                    )
                    break
        if known_subject and p.period is not None and p.status not in _NOT_COUNTED:
            judged[(p.honour, p.period)].append(p)
    if judged and _people_ok(workspace):
        for (honour, _period), group in judged.items():
            _eligible(out, workspace, honours[honour].recipient, honour, group)
            extra = tuple(q for q in quotas if q.honour == honour)
            _quotas(out, workspace, honour, group, extra)
    return Report(tuple(out.problems))


def _eligible(
    out: _Out, workspace: Workspace, recipient: Recipient, honour: str, group: list[Proposal]
) -> None:
    period = group[0].period
    assert period is not None
    scope = Scope(workspace, period)
    if honour in CLUSTER_HONOURS:
        for p in group:
            leads, evidence = scope.leads(p.subject)
            if not leads:
                out.add(
                    ProposalCode.INELIGIBLE_SUBJECT,
                    f"proposal {p.id!r}: {p.subject!r} is not eligible for {honour} in "
                    f"{period}: not met — leads a cluster ({evidence})",
                    subject=p.id,
                    at=p.source,
                    field="subject",
                )
        return
    h = scope.history
    person = recipient is Recipient.INDIVIDUAL
    subjects = []
    for p in group:
        try:
            kind_ok = bool(h.is_person[h.index(p.subject)]) is person
        except UnknownNameError:
            kind_ok = False
        if not kind_ok:
            out.add(
                ProposalCode.INELIGIBLE_SUBJECT,
                f"proposal {p.id!r}: {p.subject!r} is not eligible for {honour} in {period}: "
                f"not met — the honour goes to {recipient.value} recipients",
                subject=p.id,
                at=p.source,
                field="subject",
            )
            continue
        subjects.append(p)
    if not subjects:
        return
    try:
        result = eligibility(
            workspace, honour, period, subjects=list(dict.fromkeys(p.subject for p in subjects))
        )
    except (InvalidArgumentError, ThiduaValidationError):
        return  # no rule for the honour in force: nothing to judge here
    for p in subjects:
        if not result.verdict(p.subject).eligible:
            failed = "; ".join(unmet_conditions(result.explanation(p.subject)))
            out.add(
                ProposalCode.INELIGIBLE_SUBJECT,
                f"proposal {p.id!r}: {p.subject!r} is not eligible for {honour} in {period}: "
                f"not met — {failed}",
                subject=p.id,
                at=p.source,
                field="subject",
            )


def _quotas(
    out: _Out, workspace: Workspace, honour: str, group: list[Proposal], extra: tuple[Quota, ...]
) -> None:
    period = group[0].period
    assert period is not None
    rule_set = _rule_set(honour, period.end, None)
    shipped = () if rule_set is None else rule_set_quotas(rule_set.id, honour)
    quotas = (*shipped, *extra)
    if not quotas:
        return
    book = QuotaBook(Scope(workspace, period), honour, quotas)
    for p in group:
        why = book.full(p.proposer, p.subject, p.theme)
        if why is not None:
            out.add(
                ProposalCode.BEYOND_QUOTA,
                f"proposal {p.id!r} of {p.proposer!r} for {p.subject!r} ({honour}, {period}) is "
                f"{why}",
                subject=p.id,
                at=p.source,
            )
        book.take(p.proposer, p.subject, p.theme)
