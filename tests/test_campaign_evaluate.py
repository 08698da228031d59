"""evaluate_campaign: pledge states, ratio and lower pledges, cascade, moves, works, contests,
clusters, form 0601, and the roll-up across the 01/07/2025 reorganisation (issue 7 §2)."""

from __future__ import annotations

import io
import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs
import pytest

from thidua.campaigns import (
    PledgeState,
    attainment_text,
    cluster_standings,
    evaluate_campaign,
    form_0601,
)
from thidua.campaigns._examples import example_workspace, tables
from thidua.errors import InvalidArgumentError, ThiduaValidationError
from thidua.figures import BUILTIN_INDICATORS, Aggregation, Direction, Figure, Figures, Indicator
from thidua.periods import Period
from thidua.testing import tiny_dataset
from thidua.workspace import Workspace

Rows = Sequence[Mapping[str, object]]


def workspace(figures: Sequence[Figure] = (), **data: Rows) -> Workspace:
    """The tiny history with *figures* and the campaign tables given as rows."""
    return Workspace(
        dataset=tiny_dataset(),
        figures=Figures.from_records(figures),
        tables=tables(data),
    )


def campaign(
    cid: str = "C", start: str = "2023-05-01", end: str = "2023-09-30", **kw: str
) -> dict[str, str]:
    return {"id": cid, "launched_by": "HN", "start": start, "end": end, "scope": "HN", **kw}


def pledge(
    pid: str, pledger: str, plan: float, indicator: str = "new_members", **kw: str
) -> dict[str, object]:
    return {
        "id": pid,
        "campaign": "C",
        "pledger": pledger,
        "indicator": indicator,
        "plan": plan,
        "registered_on": "2023-05-02",
        **kw,
    }


def F(unit: str, indicator: str, period: Period, value: float) -> Figure:
    return Figure(unit=unit, indicator=indicator, period=period, value=value)


def states(report: object) -> dict[str, str]:
    return {p.id: p.state.value for p in report.pledges}  # type: ignore[attr-defined]


# -- pledge states ---------------------------------------------------------------------------------


def test_the_final_report_gives_every_ended_state_and_names_the_unit_without_data() -> None:
    report = evaluate_campaign(example_workspace(), "KH-80")
    assert report.ended
    assert report.as_of.isoformat() == "2023-09-30"
    assert states(report) == {
        "P1": "reached",
        "P2": "not_reached",
        "P3": "no_data",
        "P4": "cancelled",
    }
    assert PledgeState.IN_PROGRESS.value not in states(report).values()
    p3 = next(p for p in report.pledges if p.id == "P3")
    assert p3.actual is None
    assert p3.percent is None
    (warning,) = [p for p in report.problems if p.code == "P050"]
    assert warning.subject == "G3"
    assert "Công đoàn Bệnh viện Đống Đa" in warning.message


def test_while_the_campaign_runs_every_pledge_is_in_progress() -> None:
    report = evaluate_campaign(example_workspace(), "KH-80", as_of="2023-07-15")
    assert not report.ended
    assert states(report) == {
        "P1": "in_progress",
        "P2": "in_progress",
        "P3": "in_progress",
        "P4": "cancelled",
    }
    g1 = next(p for p in report.pledges if p.id == "P2")
    assert g1.actual == 4.0  # June lies within [01/05, 15/07]
    # No P050 while the campaign runs.
    assert "P050" not in report.problems.codes()


def test_a_campaign_ending_with_no_figure_at_all_leaves_every_pledge_without_data() -> None:
    ws = workspace(campaigns=[campaign()], pledges=[pledge("A", "G1", 1), pledge("B", "D1", 2)])
    report = evaluate_campaign(ws, "C")
    assert states(report) == {"A": "no_data", "B": "no_data"}
    assert sorted(str(p.subject) for p in report.problems if p.code == "P050") == ["D1", "G1"]
    assert report.unit("HN").pledge_states == {"no_data": 2}


def test_attainment_is_written_the_vietnamese_way() -> None:
    report = evaluate_campaign(example_workspace(), "KH-80")
    assert next(p for p in report.pledges if p.id == "P1").attainment == "6.257/6.000 (104,3%)"
    assert attainment_text(855, 492) == "855/492 (173,8%)"
    assert json.loads(report.to_json())["units"][2]["pledges"][0]["percent"] == pytest.approx(
        6257 / 6000 * 100
    )


# -- rolled-up figures -----------------------------------------------------------------------------


def test_a_pledge_is_met_by_the_figures_of_the_whole_subtree_within_the_window() -> None:
    figs = [
        F("G1", "new_members", Period.month(2023, 6), 3000),
        F("G2", "new_members", Period.month(2023, 7), 3257),
        F("G2", "new_members", Period.month(2023, 4), 999),  # before the start: not counted
    ]
    ws = workspace(figs, campaigns=[campaign()], pledges=[pledge("A", "D1", 6000)])
    (p,) = evaluate_campaign(ws, "C").pledges
    assert (p.actual, p.state) == (6257.0, PledgeState.REACHED)


def test_a_ratio_pledge_is_met_by_the_ratio_of_the_sums_never_an_average() -> None:
    # G1 held 50 of 100 conferences (50 %), G2 900 of 1,000 (90 %): D1 holds 950 / 1,100.
    month = Period.month(2023, 6)
    figs = [
        F("G1", "workers_conferences_held", month, 50),
        F("G1", "workers_conferences_due", month, 100),
        F("G2", "workers_conferences_held", month, 900),
        F("G2", "workers_conferences_due", month, 1000),
    ]
    ws = workspace(
        figs,
        campaigns=[campaign()],
        pledges=[pledge("A", "D1", 80, "workers_conference_rate")],
    )
    report = evaluate_campaign(ws, "C")
    (p,) = report.pledges
    assert p.actual == pytest.approx(950 / 1100 * 100)  # 86.4 %, not (50 + 90) / 2 = 70 %
    assert p.state is PledgeState.REACHED
    assert report.problems.codes() == []
    # A warning of the figure checks (a fractional count) is given once, not again by the
    # roll-up, which repeats the checks' problems of its period.
    figs[3] = F("G2", "workers_conferences_due", month, 1000.5)
    again = evaluate_campaign(attrs.evolve(ws, figures=Figures.from_records(figs)), "C")
    assert again.problems.codes() == ["F018"]


def test_figures_that_only_overlap_the_window_are_left_out_and_named() -> None:
    figs = [
        F("G1", "new_members", Period.month(2023, 6), 4),
        F("G2", "new_members", Period.quarter(2023, 2), 50),  # April–June: straddles 01/05
    ]
    ws = workspace(figs, campaigns=[campaign()], pledges=[pledge("A", "D1", 10)])
    report = evaluate_campaign(ws, "C")
    assert report.pledges[0].actual == 4.0
    (warning,) = [p for p in report.problems if p.code == "C050"]
    assert warning.subject == "G2"
    assert "new_members 2023-Q2" in warning.message


def test_a_lower_indicator_is_reached_at_or_below_the_plan() -> None:
    accidents = Indicator(
        code="accidents",
        name="Tai nạn lao động",
        aggregation=Aggregation.SUM,
        direction=Direction.LOWER,
    )
    month = Period.month(2023, 6)
    figs = [F("G1", "accidents", month, 1), F("G2", "accidents", month, 3)]
    ws = attrs.evolve(
        workspace(
            figs,
            campaigns=[campaign()],
            pledges=[pledge("A", "D1", 5, "accidents"), pledge("B", "G2", 2, "accidents")],
        ),
        catalogue=BUILTIN_INDICATORS.extend([accidents]),
    )
    report = evaluate_campaign(ws, "C")
    by = {p.id: p for p in report.pledges}
    assert (by["A"].actual, by["A"].state, by["A"].direction) == (4.0, PledgeState.REACHED, "lower")
    assert (by["B"].actual, by["B"].state) == (3.0, PledgeState.NOT_REACHED)


# -- cascade ---------------------------------------------------------------------------------------


def test_the_cascade_counts_the_campaigns_taking_it_up_unless_asked_not_to() -> None:
    ws = example_workspace()
    full = evaluate_campaign(ws, "KH-80")
    alone = evaluate_campaign(ws, "KH-80", cascade=False)
    assert full.campaigns == ("KH-80", "KH-80-D1")
    assert alone.campaigns == ("KH-80",)
    assert [p.id for p in alone.pledges] == ["P1"]
    assert full.unit("HN").works.registered == 3
    assert alone.unit("HN").works.registered == 1
    # G1's only pledge and work belong to the district campaign.
    assert "G1" in alone.unit("D1").missing
    assert "G1" not in full.unit("D1").missing
    child = evaluate_campaign(ws, "KH-80-D1")
    assert child.campaigns == ("KH-80-D1",)
    assert "S1" not in child
    # The units above the scope are rows too, counting what lies below them.
    assert child.unit("D1").in_scope == child.unit("HN").in_scope == 4


# -- counts over the tree --------------------------------------------------------------------------


def test_units_in_scope_pledgers_and_missing_are_counted_over_the_subtree_including_itself() -> (
    None
):
    report = evaluate_campaign(example_workspace(), "KH-80")
    hn = report.unit("HN")
    assert (hn.in_scope, hn.pledgers, hn.missing) == (6, 4, ("HN", "S1"))
    d1 = report.unit("D1")
    assert (d1.in_scope, d1.pledgers, d1.missing) == (4, 4, ())
    assert report.unit("S1").missing == ("S1",)
    # TLD is not in scope but has units in scope below it.
    assert report.unit("TLD").in_scope == 6
    assert [p.id for p in report.unit("D1").pledges] == ["P1"]


def test_works_are_counted_as_of_the_day() -> None:
    works = [
        {
            "id": "W1",
            "campaign": "C",
            "pledger": "G1",
            "registered_on": "2023-05-10",
            "status": "completed",
            "completed_on": "2023-06-01",
            "flagship": "yes",
        },
        {
            "id": "W2",
            "campaign": "C",
            "pledger": "G2",
            "registered_on": "2023-05-10",
            "status": "completed",
            "completed_on": "2023-08-01",
        },
        {
            "id": "W3",
            "campaign": "C",
            "pledger": "D1",
            "registered_on": "2023-05-10",
            "status": "cancelled",
        },
        {
            "id": "W4",
            "campaign": "C",
            "pledger": "D1",
            "registered_on": "2023-07-20",
            "status": "completed",
            "completed_on": "2023-09-01",
        },
        {
            "id": "W5",
            "campaign": "C",
            "pledger": "G3",
            "registered_on": "2023-05-10",
            "status": "in_progress",
        },
    ]
    ws = workspace(campaigns=[campaign()], works=works)
    mid = evaluate_campaign(ws, "C", as_of="2023-07-15").unit("HN").works
    assert (mid.registered, mid.completed, mid.cancelled, mid.flagship) == (4, 1, 1, 1)
    assert mid.completed_by_rank == {3: 1}
    end = evaluate_campaign(ws, "C").unit("HN").works
    assert (end.registered, end.completed, end.cancelled, end.flagship) == (5, 3, 1, 1)
    assert end.completed_by_rank == {2: 1, 3: 2}
    # A unit with only a cancelled work has not pledged anything.
    report = evaluate_campaign(ws, "C")
    assert "D1" not in report.unit("HN").missing  # W4 is live at the end
    assert "D1" in evaluate_campaign(ws, "C", as_of="2023-07-15").unit("HN").missing


def test_a_pledger_that_moved_is_counted_under_its_parent_on_the_report_day() -> None:
    # G1 and G2 move from D1 to the new ward union W1 on 01/07/2025; G3 goes under HN.
    c = campaign(start="2025-05-01", end="2025-09-30")
    works = [
        {
            "id": f"W{u}",
            "campaign": "C",
            "pledger": u,
            "registered_on": "2025-05-10",
            "status": "completed",
            "completed_on": "2025-06-10",
        }
        for u in ("G1", "G2", "G3")
    ]
    ws = workspace(campaigns=[c], works=works)
    before = evaluate_campaign(ws, "C", as_of="2025-06-15")
    assert before.day.isoformat() == "2025-06-15"
    assert before.unit("D1").works.completed == 3
    assert "W1" not in before
    after = evaluate_campaign(ws, "C")
    assert after.unit("W1").works.completed == 2
    assert after.unit("W1").in_scope == 2  # G1 and G2, in scope since the start date
    assert after.unit("HN").works.completed == 3
    assert "D1" not in after  # ended on 30/06/2025
    # D1 and S1 were in scope, ended without successor: named, counted nowhere.
    assert sorted(str(p.subject) for p in after.problems if p.code == "C051") == ["D1", "S1"]
    assert after.unit("HN").in_scope == 4  # HN, G1, G2, G3


def test_a_person_is_counted_at_the_unit_of_their_membership() -> None:
    people = [{"id": "NV1", "name": "Nguyễn Văn A"}]
    memberships = [
        {"person": "NV1", "unit": "G2", "valid_from": "2020-01-01", "valid_to": "2023-06-01"},
        {"person": "NV1", "unit": "G3", "valid_from": "2023-06-01"},
    ]
    works = [
        {
            "id": "W1",
            "campaign": "C",
            "pledger": "NV1",
            "registered_on": "2023-07-01",
            "status": "completed",
            "completed_on": "2023-08-01",
        },
    ]
    ws = workspace(
        [F("G3", "new_members", Period.month(2023, 6), 50)],
        campaigns=[campaign()],
        pledges=[pledge("A", "NV1", 5)],  # registered 02/05/2023, a member of G2 then
        works=works,
        people=people,
        memberships=memberships,
    )
    report = evaluate_campaign(ws, "C")
    (p,) = report.pledges
    # A person reports no figures: G3's 50 new members are not the person's.
    assert (p.pledger, p.actual, p.state) == ("NV1", None, PledgeState.NO_DATA)
    (warning,) = [x for x in report.problems if x.code == "P050"]
    assert "person 'NV1'" in warning.message
    assert report.unit("G2").pledge_states == {"no_data": 1}
    assert report.unit("G3").works.completed_by_rank == {3: 1}
    assert report.unit("D1").missing == ("D1", "G1")  # G2 (pledge) and G3 (work) took part


def test_the_roll_up_across_the_reorganisation_as_it_was_and_restated() -> None:
    q2, q3 = Period.quarter(2025, 2), Period.quarter(2025, 3)
    figs = [
        F("G1", "new_members", q2, 3),
        F("G1", "new_members", q3, 4),
        F("G2", "new_members", q2, 2),
        F("G2", "new_members", q3, 5),
    ]
    c = campaign(start="2025-04-01", end="2025-09-30")
    ws = workspace(
        figs,
        campaigns=[c],
        pledges=[
            {**pledge("A", "D1", 5), "registered_on": "2025-04-02"},
            {**pledge("B", "HN", 10), "registered_on": "2025-04-02"},
            {**pledge("E", "G1", 7), "registered_on": "2025-04-02"},
        ],
    )
    as_was = {p.id: p for p in evaluate_campaign(ws, "C").pledges}
    # As it was, D1 gets what its units reported while it existed: 3 + 2 (second quarter).
    assert as_was["A"].actual == 5.0
    assert as_was["A"].state is PledgeState.REACHED
    assert as_was["B"].actual == 14.0
    assert as_was["E"].actual == 7.0
    restated = {p.id: p for p in evaluate_campaign(ws, "C", restate_to="2026-01-01").pledges}
    # Restated onto 2026, every figure goes to W1's tree: D1 no longer exists, HN keeps 14.
    assert restated["A"].actual is None
    assert restated["A"].state is PledgeState.NO_DATA
    assert restated["B"].actual == 14.0
    assert restated["E"].actual == 7.0


# -- contests, clusters, form 0601 -----------------------------------------------------------------


def test_contests_count_entries_enterprises_superiors_trades_winners_and_prizes() -> None:
    report = evaluate_campaign(example_workspace(), "KH-80")
    (t1,) = report.contests
    assert (t1.entries, t1.enterprises, t1.superiors, t1.trades, t1.winners) == (3, 2, 1, 2, 2)
    assert t1.prize_total == 7_000_000.0
    (g2,) = report.unit("G2").contests
    assert (g2.entries, g2.winners, g2.prize_total) == (2, 1, 2_000_000.0)
    assert report.unit("G3").contests == ()
    assert evaluate_campaign(example_workspace(), "KH-80", as_of="2023-09-01").contests == ()


def test_cluster_members_are_ranked_and_the_leader_compared() -> None:
    scores = [
        {"group": "C1", "period": "2024", "unit": "D1", "criterion": "1", "score": 40, "max": 50},
        {"group": "C1", "period": "2024", "unit": "S1", "criterion": "1", "score": 45, "max": 50},
        {"group": "C1", "period": "2024", "unit": "G1", "criterion": "1", "score": 45, "max": 50},
        {"group": "C1", "period": "2024", "unit": "D1", "criterion": "2", "score": 10, "max": 10},
    ]
    (cp,) = cluster_standings(workspace(cluster_scores=scores))
    assert [(s.unit, s.score, s.max, s.rank) for s in cp.standings] == [
        ("D1", 50.0, 60.0, 1),
        ("G1", 45.0, 50.0, 2),
        ("S1", 45.0, 50.0, 2),
    ]
    assert cp.leading == ("D1",)
    assert cp.recorded_leader == "D1"
    assert cp.agrees is True
    scores[0]["score"] = 30
    (cp,) = cluster_standings(workspace(cluster_scores=scores))
    assert cp.leading == ("G1", "S1")
    assert cp.agrees is False


def test_a_campaign_of_a_cluster_reports_its_scoring() -> None:
    c = campaign(start="2024-01-01", end="2024-12-31", scope="group:C1")
    scores = [
        {"group": "C1", "period": "2024", "unit": "D1", "criterion": "1", "score": 9, "max": 10}
    ]
    report = evaluate_campaign(workspace(campaigns=[c], cluster_scores=scores), "C")
    assert [(x.group, x.leading, x.agrees) for x in report.clusters] == [("C1", ("D1",), True)]
    assert report.unit("D1").in_scope == 1
    assert report.unit("HN").in_scope == 1


def test_form_0601_counts_movements_by_level_scope_duration_and_kind() -> None:
    rows = [
        campaign("A", "2023-01-01", "2023-12-31", kind="regular"),
        campaign("B", "2023-05-01", "2023-09-30", kind="thematic", scope="group:C1"),
        campaign("K", "2021-01-01", "2025-12-31", kind="thematic", launched_by="D1", scope="D1"),
        campaign("Z", "2024-01-01", "2024-06-30", kind="thematic"),  # after 30/11/2023
    ]
    form = form_0601(workspace(campaigns=rows), 2023)
    assert form.total == 3
    assert form.campaigns == ("A", "B", "K")
    assert form.count("kind", "regular") == 1
    assert form.count("kind", "thematic") == 2
    assert form.count("duration", "1_year") == 1
    assert form.count("duration", "under_1_year") == 1
    assert form.count("duration", "5_years_and_more") == 1
    assert form.count("level", "1") == 2
    assert form.count("level", "2") == 1
    assert form.count("scope", "group") == 1
    assert form.count("scope", "subtree") == 2
    assert list(form.to_pandas().columns) == ["dimension", "category", "label", "count"]


# -- checks, arguments, exports -------------------------------------------------------------------


def test_evaluation_refuses_data_with_errors() -> None:
    ws = workspace(campaigns=[campaign()], pledges=[pledge("A", "G1", "nhiều")])  # type: ignore[arg-type]
    with pytest.raises(ThiduaValidationError) as caught:
        evaluate_campaign(ws, "C")
    assert [(p.code, p.subject) for p in caught.value.problems if p.severity.value == "error"] == [
        ("S006", "A")
    ]
    # A figure error refuses it too: figures are checked like the campaign tables.
    bad = [Figure(unit="NOPE", indicator="new_members", period=Period.month(2023, 6), value=1)]
    with pytest.raises(ThiduaValidationError):
        evaluate_campaign(workspace(bad, campaigns=[campaign()]), "C")


def test_a_report_day_before_the_start_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="before it"):
        evaluate_campaign(example_workspace(), "KH-80", as_of="2023-04-30")


def test_the_campaign_is_found_by_its_document_without_diacritics() -> None:
    assert evaluate_campaign(example_workspace(), "80/KH-LDLD").campaign.id == "KH-80"


def test_exports(tmp_path: Path) -> None:
    report = evaluate_campaign(example_workspace(), "KH-80")
    df = report.to_pandas()
    assert list(df["unit"]) == ["TLD", "HN", "D1", "S1", "G1", "G2", "G3"]
    assert df.set_index("unit").loc["HN", "completed_rank_2"] == 1
    assert report.to_polars().shape == df.shape
    records = report.to_records()
    assert records[1]["pledges_no_data"] == 1
    assert records[1]["missing"] == 2
    buffer = io.StringIO()
    report.to_csv(buffer)
    report.to_csv(tmp_path / "r.csv")
    assert (tmp_path / "r.csv").read_text(encoding="utf-8") == buffer.getvalue()
    data = json.loads(report.to_json())
    assert {"campaign", "start", "end", "days", "units"} <= set(data)
    unit = data["units"][1]
    assert set(unit) >= {
        "unit",
        "in_scope",
        "pledgers",
        "missing",
        "pledges",
        "pledge_states",
        "works",
        "contests",
    }
    assert unit["works"]["completed_by_rank"] == {"2": 1, "3": 1}
    assert repr(report).startswith("<CampaignReport KH-80 as of 2023-09-30 (ended): 7 units")
    assert "<table>" in report._repr_html_()
    assert report.state_counts("HN")["in_progress"] == 0
    assert report.missing("HN") == ("HN", "S1")
    assert math.isclose(report.pledges[0].percent or 0, 104.2833, rel_tol=1e-4)


def test_the_report_is_not_changed_by_a_second_evaluation() -> None:
    ws = example_workspace()
    first = evaluate_campaign(ws, "KH-80").to_json()
    assert evaluate_campaign(attrs.evolve(ws), "KH-80").to_json() == first
