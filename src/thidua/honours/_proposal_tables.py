"""The rows of ``proposals`` and ``proposal_steps`` as records (small tables: one record a row)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from thidua._source import Pointer
from thidua.honours._workflow import ProposalStatus
from thidua.io import DataTable, parse_column
from thidua.periods import Period, parse_period
from thidua.problems import AwardCode, Problem, problem

if TYPE_CHECKING:
    from thidua.workspace import Workspace

__all__ = ["Proposal", "ProposalStep", "proposal_steps", "proposals", "proposals_read"]

_CACHE = "thidua.honours.proposals"


@attrs.frozen(kw_only=True)
class Proposal:
    """One row of ``proposals``: a unit proposes a subject for an honour and a period.

    Attributes:
        id: the proposal's id.
        proposer: the proposing unit.
        honour: a catalogue code.
        period: the achievement period (``None`` when unreadable).
        subject: a person or a unit.
        submitted_on: the submission date, if given.
        status: the status (``None`` when unreadable).
        decided_by: the deciding unit.
        theme: the theme of a thematic honour.
        note: free text.
        source: where the row was read.

    Examples:
        >>> p = Proposal(id="DN-1", proposer="CD1", honour="CSTDCS", period=Period.year(2024),
        ...              subject="P1", status=ProposalStatus.DRAFT)
        >>> p.status.label_vi
        'dự thảo'

    .. versionadded:: 0.3.0
    """

    id: str
    proposer: str
    honour: str
    period: Period | None
    subject: str
    submitted_on: pendulum.Date | None = None
    status: ProposalStatus | None = None
    decided_by: str | None = None
    theme: str | None = None
    note: str = ""
    source: Pointer | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class ProposalStep:
    """One row of ``proposal_steps``: a dated step moving a proposal into a status.

    Examples:
        >>> ProposalStep(proposal="DN-1", step=ProposalStatus.SUBMITTED,
        ...              on=pendulum.Date(2025, 1, 10)).step.label_vi
        'đã trình'

    .. versionadded:: 0.3.0
    """

    proposal: str
    step: ProposalStatus | None
    on: pendulum.Date | None
    by: str | None = None
    note: str = ""
    source: Pointer | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class _Read:
    proposals: tuple[Proposal, ...]
    steps: tuple[ProposalStep, ...]
    problems: tuple[Problem, ...]


def _values(table: DataTable, field: str, problems: list[Problem]) -> list[Any]:
    if not table.has(field):
        return [None] * len(table)
    return parse_column(table, field, problems).values()


def _periods(table: DataTable, ids: list[Any], problems: list[Problem]) -> list[Period | None]:
    out: list[Period | None] = []
    cache: dict[str, Period | None] = {}
    for position, text in enumerate(_values(table, "period", problems)):
        if text is None:
            out.append(None)
            continue
        if text not in cache:
            try:
                cache[text] = parse_period(text)
            except ValueError as exc:
                cache[text] = None
                problems.append(
                    problem(
                        AwardCode.UNREADABLE_PERIOD,
                        f"proposal {ids[position]!r}: cannot read the period {text!r} ({exc})",
                        subject=ids[position],
                        pointer=table.pointer(position, "period"),
                    )
                )
        out.append(cache[text])
    return out


def _build(workspace: Workspace) -> _Read:
    problems: list[Problem] = []
    table = workspace.table("proposals")
    col = {
        f: _values(table, f, problems)
        for f in (
            "id",
            "proposer",
            "honour",
            "subject",
            "submitted_on",
            "status",
            "decided_by",
            "theme",
            "note",
        )
    }
    periods = _periods(table, col["id"], problems)
    rows = []
    for i, pid in enumerate(col["id"]):
        if pid is None:
            continue
        rows.append(
            Proposal(
                id=pid,
                proposer=col["proposer"][i] or "",
                honour=col["honour"][i] or "",
                period=periods[i],
                subject=col["subject"][i] or "",
                submitted_on=col["submitted_on"][i],
                status=col["status"][i],
                decided_by=col["decided_by"][i],
                theme=col["theme"][i],
                note=col["note"][i] or "",
                source=table.pointer(i),
            )
        )
    steps_table = workspace.table("proposal_steps")
    s = {f: _values(steps_table, f, problems) for f in ("proposal", "step", "on", "by", "note")}
    steps = [
        ProposalStep(
            proposal=pid,
            step=s["step"][i],
            on=s["on"][i],
            by=s["by"][i],
            note=s["note"][i] or "",
            source=steps_table.pointer(i),
        )
        for i, pid in enumerate(s["proposal"])
        if pid is not None
    ]
    return _Read(proposals=tuple(rows), steps=tuple(steps), problems=tuple(problems))


def proposals_read(workspace: Workspace) -> tuple[tuple[Proposal, ...], tuple[Problem, ...]]:
    """The proposals of a workspace and the problems reading both tables gave (cached)."""
    read: _Read = workspace.cached(_CACHE, lambda: _build(workspace))
    return read.proposals, read.problems


def proposals(workspace: Workspace) -> tuple[Proposal, ...]:
    """Every row of the workspace's ``proposals`` table with an id, in input order.

    Examples:
        >>> from thidua.workspace import Workspace
        >>> proposals(Workspace())
        ()

    .. versionadded:: 0.3.0
    """
    return proposals_read(workspace)[0]


def proposal_steps(workspace: Workspace) -> tuple[ProposalStep, ...]:
    """Every row of the workspace's ``proposal_steps`` table, in input order.

    Examples:
        >>> from thidua.workspace import Workspace
        >>> proposal_steps(Workspace())
        ()

    .. versionadded:: 0.3.0
    """
    read: _Read = workspace.cached(_CACHE, lambda: _build(workspace))
    return read.steps
