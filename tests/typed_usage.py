"""Documented usage, checked by ``mypy --strict`` (``make typecheck``) and run by the tests.

Every line here is something the docs tell users to write; ``assert_type`` pins
the types users get back, so a change to a public signature shows up here.
"""

from __future__ import annotations

from typing import Any, assert_type

import pendulum

import thidua
from thidua import (
    Dataset,
    Hierarchy,
    Link,
    Period,
    Problem,
    Report,
    Snapshot,
    Unit,
)
from thidua.datasets import hanoi_path
from thidua.hierarchy import Lineage
from thidua.problems import HierarchyCode, ProblemCode
from thidua.typing import (
    AwardId,
    CampaignId,
    EventId,
    FigureKey,
    GroupId,
    HonourCode,
    IndicatorCode,
    PersonId,
    Shares,
    UnitId,
    UnitIds,
)


def hierarchy_usage() -> None:
    workspace = thidua.load(hanoi_path())
    assert_type(workspace, thidua.Workspace)
    dataset = workspace.dataset
    assert_type(dataset, Dataset)
    assert_type(workspace.hierarchy, Hierarchy)
    h = Hierarchy(dataset)
    snap = h.as_of("1/7/2025")
    assert_type(snap, Snapshot)
    assert_type(snap.parent("CDCS-0001"), str | None)
    assert_type(snap.children("HN"), tuple[str, ...])
    assert_type(snap.descendants("HN", relation=None), tuple[str, ...])
    assert_type(snap.depth("HN"), int)
    assert_type(h.lineage("HN"), Lineage)
    assert_type(h.successors_on("HN", pendulum.Date(2026, 1, 1)), dict[str, float])
    diff = h.diff("2025-06-30", "2025-07-01")
    assert_type(diff.added, tuple[str, ...])
    report = thidua.validate(dataset)
    assert_type(report, Report)
    for problem in report:
        assert_type(problem, Problem)
        assert_type(problem.code, str)
    unit = Unit(id="X", name="Công đoàn X", kind="grassroots")
    link = Link(child="X", parent="HN", valid_from=pendulum.Date(2025, 7, 1))
    assert_type(unit.alive_on(pendulum.Date(2025, 7, 1)), bool)
    assert_type(link.relation, str)
    assert_type(thidua.parse_period("quý III/2025"), Period)
    assert_type(thidua.parse_number("1.585"), float)


def rollup_usage() -> None:
    workspace = thidua.load(hanoi_path())
    assert_type(thidua.roll_up(workspace, 2024), thidua.RollUp)
    assert_type(thidua.validate(workspace), Report)
    h = Hierarchy(workspace)
    catalogue, problems = thidua.load_catalogue(None)
    assert_type(catalogue, thidua.IndicatorCatalogue)
    assert_type(problems, Report)
    read = thidua.read_figures_csv(hanoi_path() / "figures.csv", catalogue=catalogue)
    assert_type(read.figures, thidua.Figures)
    assert_type(thidua.validate_figures(read.figures, h, catalogue), Report)
    result = thidua.roll_up(h, read.figures, "2024", indicators=["new_members"])
    assert_type(result, thidua.RollUp)
    assert_type(result.value("HN", "new_members"), float)
    cover = result.coverage("HN", "new_members")
    assert_type(cover, thidua.Coverage)
    assert_type(cover.missing, tuple[str, ...])
    for d in result.discrepancies:
        assert_type(d, thidua.Discrepancy)
    for row in result:
        assert_type(row, thidua.RollUpRow)
    restated = thidua.roll_up(h, read.figures, Period.year(2024), restate_to="2026-01-01")
    assert_type(restated.to_records(), list[dict[str, Any]])
    groups = thidua.roll_up_groups(result, h, on="2024-12-31", kind="cluster")
    assert_type(groups, thidua.GroupTotals)


def _children_of(snap: Snapshot, unit: UnitId) -> UnitIds:
    """How a user's own helper annotates ids: typed in, typed out."""
    return tuple(UnitId(child) for child in snap.children(unit))


def _value_of(result: thidua.RollUp, unit: UnitId, indicator: IndicatorCode) -> float:
    return result.value(unit, indicator)


def _total(shares: Shares) -> float:
    return sum(shares.values())


def _ids_kept_apart(result: thidua.RollUp) -> float:
    """Never run: mypy must reject the swapped ids (an unused ignore would fail the check)."""
    unit, indicator = UnitId("HN"), IndicatorCode("new_members")
    return _value_of(result, indicator, unit)  # type: ignore[arg-type]


def typed_ids_usage() -> None:
    workspace = thidua.load(hanoi_path())
    snap = workspace.hierarchy.as_of("1/7/2025")
    hn = UnitId("HN")
    assert_type(hn, UnitId)
    children = _children_of(snap, hn)
    assert_type(children, tuple[UnitId, ...])
    assert children == snap.children("HN")  # a typed id is its string at run time
    new_members = IndicatorCode("new_members")
    result = thidua.roll_up(workspace, "2024", indicators=[new_members])
    assert_type(_value_of(result, hn, new_members), float)
    shares: Shares = {
        UnitId(k): v for k, v in workspace.hierarchy.successors_on(hn, snap.date).items()
    }
    assert _total(shares) in (0.0, 1.0)
    key: FigureKey = (hn, new_members, Period.year(2024))
    assert_type(key[1], IndicatorCode)
    others = (GroupId("CUM-1"), EventId("E1"), PersonId("P000123"))
    assert_type(others[0], GroupId)
    later = (CampaignId("TD-2025"), HonourCode("bang_khen"), AwardId("QD-12/1"))
    assert all(isinstance(x, str) for x in (*others, *later))
    code: ProblemCode = HierarchyCode.DUPLICATE_UNIT_ID
    assert_type(thidua.problems.problem(code, "duplicate unit id 'HN'").code, str)
    assert code == "H001"


def honours_usage() -> None:
    from thidua.honours import Catalogue, Eligibility, catalogue, eligibility, load_catalogue
    from thidua.io import DataTable
    from thidua.people import History, history

    declared = thidua.Workspace().table
    rows = {
        "memberships": [{"person": "P1", "unit": "HN", "valid_from": "2020-01-01"}],
        "ratings": [{"subject": "P1", "period": "2024", "rating": "HTT"}],
    }
    workspace = thidua.Workspace(
        dataset=thidua.load(hanoi_path()).dataset,
        tables={
            name: DataTable.from_rows(declared(name).declaration, r) for name, r in rows.items()
        },
    )
    assert_type(history(workspace), History)
    assert_type(catalogue(workspace), Catalogue)
    on_workspace = eligibility(workspace, "LDTT", "2024")
    assert_type(on_workspace, Eligibility)
    given = eligibility(workspace, load_catalogue(), "LDTT", "2024")
    on_history = eligibility(history(workspace), load_catalogue(), "LDTT", "2024")
    assert on_workspace.eligible_subjects() == given.eligible_subjects() == ("P1",)
    assert on_history.eligible_subjects() == ("P1",)


def campaign_usage() -> None:
    from thidua.campaigns import (
        Campaign,
        CampaignKind,
        DurationClass,
        Work,
        campaigns,
        check_campaigns,
        scope_units,
        works,
    )
    from thidua.io import DataTable
    from thidua.io._domain import domain_tables

    declared = domain_tables()
    row = {"id": "C", "kind": "đợt", "launched_by": "HN", "start": "1/5/2023", "end": "30/9/2023"}
    workspace = thidua.Workspace(
        dataset=thidua.load(hanoi_path()).dataset,
        tables={
            "campaigns": DataTable.from_rows(declared["campaigns"], [row]),
            "works": DataTable.from_rows(
                declared["works"], [{"id": "W", "campaign": "C", "pledger": "HN"}]
            ),
        },
    )
    found = campaigns(workspace)
    assert_type(found, tuple[Campaign, ...])
    c = found[0]
    assert_type(c.kind, CampaignKind | None)
    assert_type(c.duration_class, DurationClass | None)
    assert_type(c.days, int | None)
    assert_type(works(workspace, c), tuple[Work, ...])
    assert_type(scope_units(workspace, "C"), frozenset[str])
    assert "HN" in scope_units(workspace, c)
    assert check_campaigns(workspace).ok


def money_usage() -> None:
    from thidua.honours import (
        Bonus,
        Bonuses,
        RevocationImpact,
        bonus,
        bonus_totals,
        bonuses,
        revoke_impact,
    )
    from thidua.people import Award

    assert_type(bonus(Award(id="A", recipient="P", honour="LDTT", decided_on="2024-07-01")), Bonus)
    sample = thidua.load(hanoi_path())
    paid = bonuses(sample, "2023")
    assert_type(paid, Bonuses)
    assert_type(paid.total(), int)
    assert_type(bonus_totals(sample, "2023", result=paid), thidua.RollUp)
    impact = revoke_impact(sample, "KT-006531")
    assert_type(impact, RevocationImpact)
    assert impact.hypothetical


def campaign_evaluation_usage() -> None:
    from thidua.campaigns import (
        CampaignReport,
        Form0601,
        PledgeResult,
        PledgeState,
        UnitResult,
        evaluate_campaign,
        form_0601,
    )
    from thidua.campaigns._examples import example_workspace

    workspace = example_workspace()
    report = evaluate_campaign(workspace, "80/KH-LDLD", as_of="2023-09-30")
    assert_type(report, CampaignReport)
    assert_type(report.pledges, tuple[PledgeResult, ...])
    assert_type(report.unit("HN"), UnitResult)
    assert_type(report.pledges[0].state, PledgeState)
    assert_type(report.pledges[0].actual, float | None)
    assert_type(report.unit("HN").works.completed_by_rank[3], int)
    assert_type(form_0601(workspace, 2023), Form0601)
    assert report.ended


def statistics_usage() -> None:
    import pandas as pd

    from thidua.statistics import (
        Category,
        Form0602,
        Form0603,
        FormRow,
        StatisticsForm,
        form_0602,
        form_0603,
        recipient_categories,
    )
    from thidua.workspace import read_workspace

    workspace = read_workspace(hanoi_path()).workspace
    state = form_0602(workspace, 2024)
    assert_type(state, Form0602)
    assert_type(form_0603(workspace, 2024), Form0603)
    assert isinstance(state, StatisticsForm)
    assert_type(state.row("01"), FormRow)
    assert_type(state.value("01", "total"), int)
    assert_type(state.to_pandas(), pd.DataFrame)
    assert_type(recipient_categories(workspace.table("people"))["DV-00001"], Category)
    assert state.total == state.value("01", "total")


def proposals_usage() -> None:
    """Proposals under quotas: propose, its typed result, quotas as data, the check."""
    from thidua.honours import (
        Candidate,
        ProposalList,
        ProposalStatus,
        Quota,
        ShareQuota,
        check_proposals,
        propose,
        quotas_from_data,
    )

    workspace = thidua.load(hanoi_path())
    quotas: tuple[Quota, ...] = quotas_from_data(
        [{"kind": "share", "honour": "CSTDCS", "share": "15%"}]
    )
    result = propose(workspace, "CSTDCS", "2024", proposer="CDCS-0086", quota=quotas)
    assert_type(result, ProposalList)
    assert_type(result.proposed, tuple[str, ...])
    first = result.candidates[0]
    assert_type(first, Candidate)
    assert_type(first.rank, int | None)
    assert isinstance(quotas[0], ShareQuota)
    assert result.proposed == ("DV-00540",)
    assert ProposalStatus("approved").label_vi == "đã duyệt"
    assert check_proposals(workspace).ok


__all__ = [
    "campaign_evaluation_usage",
    "campaign_usage",
    "hierarchy_usage",
    "honours_usage",
    "money_usage",
    "proposals_usage",
    "rollup_usage",
    "statistics_usage",
    "typed_ids_usage",
]
