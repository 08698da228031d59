"""The checks of the campaign tables: one test per C and P code (issue 7 §1)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from thidua.campaigns import check_campaigns, check_contests
from thidua.cli import main
from thidua.io import DataTable
from thidua.io._domain import domain_tables
from thidua.problems import CampaignCode, PledgeCode, Report
from thidua.testing import assert_problems, tiny_dataset
from thidua.workspace import Workspace, check, validate, write_workspace

Rows = dict[str, list[dict[str, str]]]

# Before the reorganisation: HN → {D1, S1}; D1 → {G1, G2, G3}; cluster C1 = {D1} in 2024.
BASE: Rows = {
    "campaigns": [
        {
            "id": "CITY",
            "name": "Đợt thi đua cao điểm 2024",
            "kind": "đợt",
            "launched_by": "HN",
            "document": "80/KH-LĐLĐ",
            "issued_on": "28/4/2024",
            "start": "1/5/2024",
            "end": "30/9/2024",
            "scope": "HN",
            "themes": "Lao động giỏi",
        },
        {
            "id": "D1C",
            "name": "Đợt thi đua của quận",
            "kind": "đợt",
            "launched_by": "D1",
            "parent": "CITY",
            "start": "1/5/2024",
            "end": "30/9/2024",
            "scope": "D1",
        },
    ],
    "campaign_targets": [
        {"campaign": "CITY", "unit": "D1", "indicator": "new_members", "plan": "100"},
        {"campaign": "D1C", "unit": "G1", "indicator": "new_members", "plan": "60"},
        {"campaign": "D1C", "unit": "G2", "indicator": "new_members", "plan": "40"},
    ],
    "pledges": [
        {
            "id": "P1",
            "campaign": "CITY",
            "pledger": "D1",
            "indicator": "new_members",
            "plan": "100",
            "registered_on": "5/5/2024",
        },
        {
            "id": "P2",
            "campaign": "D1C",
            "pledger": "G1",
            "indicator": "new_members",
            "plan": "60",
            "registered_on": "10/5/2024",
            "status": "active",
        },
    ],
    "works": [
        {
            "id": "W1",
            "campaign": "D1C",
            "pledger": "G1",
            "name": "Sân chơi cho con công nhân",
            "registered_on": "10/5/2024",
            "status": "hoàn thành",
            "completed_on": "1/9/2024",
            "flagship": "có",
            "value": "1.500.000.000",
        },
        {"id": "W2", "campaign": "D1C", "pledger": "G2", "status": "đang thực hiện"},
    ],
    "contests": [
        {
            "id": "HT",
            "campaign": "CITY",
            "name": "Hội thi thợ giỏi",
            "held_by": "HN",
            "held_on": "15/8/2024",
        },
    ],
    "contest_entries": [
        {
            "contest": "HT",
            "name": "Nguyễn Văn A",
            "unit": "G1",
            "trade": "Hàn",
            "result": "Giải Nhất",
            "prize": "3 triệu",
        },
    ],
    "cluster_scores": [
        {
            "group": "C1",
            "period": "năm 2024",
            "unit": "D1",
            "criterion": "Tiêu chí 1",
            "score": "9,5",
            "max": "10",
        },
    ],
}


def build(change: Callable[[Rows], None] | None = None) -> Workspace:
    rows = copy.deepcopy(BASE)
    if change is not None:
        change(rows)
    declared = domain_tables()
    return Workspace(
        dataset=tiny_dataset(),
        tables={name: DataTable.from_rows(declared[name], r) for name, r in rows.items()},
    )


def found(change: Callable[[Rows], None]) -> Report:
    ws = build(change)
    return check_campaigns(ws) + check_contests(ws)


def only(report: Report, code: str, subject: str, pointer: str) -> None:
    assert_problems(report, [(code, subject)])
    assert str(report[0].pointer) == pointer
    assert subject in report[0].message or code in ("C012",)


def test_the_base_data_is_valid() -> None:
    assert validate(build()).problems == ()


def _set(table: str, index: int, **cells: str) -> Callable[[Rows], None]:
    def change(rows: Rows) -> None:
        rows[table][index].update(cells)
        for k in [k for k, v in cells.items() if v == ""]:
            del rows[table][index][k]

    return change


def _add(table: str, **cells: str) -> Callable[[Rows], None]:
    def change(rows: Rows) -> None:
        rows[table].append(dict(cells))

    return change


def _copy(table: str, index: int) -> Callable[[Rows], None]:
    def change(rows: Rows) -> None:
        rows[table].append(dict(rows[table][index]))

    return change


PERIOD = {"start": "1/5/2024", "end": "30/9/2024"}

CASES: dict[str, tuple[Callable[[Rows], None], str, str]] = {
    # code: (change, subject, pointer)
    CampaignCode.DUPLICATE_CAMPAIGN_ID: (_copy("campaigns", 1), "D1C", "campaigns.csv row 4"),
    CampaignCode.UNKNOWN_CAMPAIGN: (
        _set("pledges", 0, campaign="NOPE"),
        "P1",
        "pledges.csv row 2, column campaign",
    ),
    CampaignCode.UNKNOWN_UNIT: (
        _set("contest_entries", 0, unit="G9"),
        "HT",
        "contest_entries.csv row 2, column unit",
    ),
    CampaignCode.UNKNOWN_GROUP: (
        _add("campaigns", id="X", scope="group:NOPE", **PERIOD),
        "X",
        "campaigns.csv row 4, column scope",
    ),
    CampaignCode.UNKNOWN_INDICATOR: (
        _add("campaign_targets", campaign="CITY", unit="HN", indicator="nope", plan="1"),
        "HN",
        "campaign_targets.csv row 5, column indicator",
    ),
    CampaignCode.UNREADABLE_DOCUMENT_SYMBOL: (
        _set("campaigns", 0, document="80-KH"),
        "CITY",
        "campaigns.csv row 2, column document",
    ),
    CampaignCode.UNREADABLE_SCOPE: (
        _add("campaigns", id="X", scope="unit:HN", **PERIOD),
        "X",
        "campaigns.csv row 4, column scope",
    ),
    CampaignCode.NO_PERIOD: (
        _add("campaigns", id="X", start="1/5/2024"),
        "X",
        "campaigns.csv row 4, column end",
    ),
    CampaignCode.PERIOD_OUTSIDE_PARENT: (
        _set("campaigns", 1, end="31/10/2024"),
        "D1C",
        "campaigns.csv row 3, column end",
    ),
    CampaignCode.SCOPE_OUTSIDE_PARENT: (
        _set("campaigns", 1, scope="TLD"),
        "D1C",
        "campaigns.csv row 3, column scope",
    ),
    CampaignCode.TARGETS_BELOW_OWN: (
        _set("campaign_targets", 2, plan="30"),
        "D1",
        "campaign_targets.csv row 2, column plan",
    ),
    CampaignCode.DUPLICATE_TARGET: (
        _copy("campaign_targets", 0),
        "D1",
        "campaign_targets.csv row 5",
    ),
    CampaignCode.DUPLICATE_CONTEST_ID: (_copy("contests", 0), "HT", "contests.csv row 3"),
    CampaignCode.UNKNOWN_CONTEST: (
        _set("contest_entries", 0, contest="NOPE"),
        "NOPE",
        "contest_entries.csv row 2, column contest",
    ),
    CampaignCode.SCORE_ABOVE_MAX: (
        _set("cluster_scores", 0, score="10,5"),
        "D1",
        "cluster_scores.csv row 2, column score",
    ),
    CampaignCode.DUPLICATE_SCORE: (_copy("cluster_scores", 0), "D1", "cluster_scores.csv row 3"),
    CampaignCode.UNREADABLE_SCORE_PERIOD: (
        _set("cluster_scores", 0, period="mùa xuân"),
        "C1",
        "cluster_scores.csv row 2, column period",
    ),
    PledgeCode.DUPLICATE_PLEDGE_ID: (_copy("pledges", 1), "P2", "pledges.csv row 4"),
    PledgeCode.DUPLICATE_WORK_ID: (_copy("works", 1), "W2", "works.csv row 4"),
    PledgeCode.UNKNOWN_PLEDGER: (
        _set("pledges", 1, pledger="G9"),
        "P2",
        "pledges.csv row 3, column pledger",
    ),
    PledgeCode.UNKNOWN_INDICATOR: (
        _set("pledges", 1, indicator="nope"),
        "P2",
        "pledges.csv row 3, column indicator",
    ),
    PledgeCode.PLEDGER_OUTSIDE_SCOPE: (
        _set("pledges", 1, pledger="S1"),  # S1 is under HN, not under D1
        "P2",
        "pledges.csv row 3, column pledger",
    ),
    PledgeCode.PLEDGER_NOT_ALIVE: (
        _set("works", 1, pledger="W1"),  # founded 01/07/2025
        "W2",
        "works.csv row 3, column pledger",
    ),
    PledgeCode.REGISTERED_AFTER_END: (
        _set("pledges", 0, registered_on="1/10/2024"),
        "P1",
        "pledges.csv row 2, column registered_on",
    ),
    PledgeCode.COMPLETED_OUTSIDE_PERIOD: (
        _set("works", 0, completed_on="30/4/2024"),
        "W1",
        "works.csv row 2, column completed_on",
    ),
    PledgeCode.COMPLETED_WITHOUT_DATE: (
        _set("works", 1, status="completed"),
        "W2",
        "works.csv row 3, column completed_on",
    ),
    PledgeCode.FLAGSHIP_NOT_COMPLETED: (
        _set("works", 1, flagship="yes"),
        "W2",
        "works.csv row 3, column flagship",
    ),
    PledgeCode.PLEDGE_WITHOUT_PLAN: (
        _set("pledges", 1, plan=""),
        "P2",
        "pledges.csv row 3, column plan",
    ),
}


def test_every_code_has_a_case() -> None:
    # C011 (a cycle) names every campaign on it: test_a_cycle_of_parents_names_each_campaign
    # The evaluation's own codes are produced in tests/test_campaign_evaluate.py.
    evaluation = {
        CampaignCode.FIGURES_ONLY_OVERLAP,
        CampaignCode.UNIT_NOT_IN_REPORT_STRUCTURE,
        PledgeCode.PLEDGE_WITHOUT_RESULT,
    }
    assert {*CASES, CampaignCode.PARENT_CYCLE, *evaluation} == {*CampaignCode, *PledgeCode}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_code_with_its_subject_and_pointer(code: str) -> None:
    change, subject, pointer = CASES[code]
    only(found(change), code, subject, pointer)


def test_messages_name_the_objects_and_both_numbers() -> None:
    (p,) = found(_set("campaign_targets", 2, plan="30"))
    assert "'D1' (Liên đoàn Lao động quận Đống Đa)" in p.message
    assert "sum to 90, less than its own target 100" in p.message
    (p,) = found(_set("works", 1, pledger="W1"))
    assert "founded 2025-07-01" in p.message
    (p,) = found(_set("pledges", 1, pledger="S1"))
    assert "Công đoàn ngành Y tế Hà Nội" in p.message
    assert "first day 2024-05-01" in p.message


def test_a_target_assigned_in_the_same_campaign() -> None:
    def change(rows: Rows) -> None:
        rows["campaign_targets"][1:] = [
            {"campaign": "CITY", "unit": "G1", "indicator": "new_members", "plan": "50"},
            {"campaign": "CITY", "unit": "G3", "indicator": "new_members", "plan": "20"},
        ]

    (p,) = found(change)
    assert (p.code, p.subject) == ("C012", "D1")
    assert "to the 2 unit(s)" in p.message
    assert "sum to 70" in p.message


def test_a_cycle_of_parents_names_each_campaign() -> None:
    def change(rows: Rows) -> None:
        rows["campaigns"] += [
            {"id": "A", "parent": "B", **PERIOD},
            {"id": "B", "parent": "A", **PERIOD},
        ]

    assert_problems(found(change), [("C011", "A"), ("C011", "B")])


def test_a_reversed_period_and_unreadable_cells() -> None:
    report = found(_add("campaigns", id="X", start="1/5/2024", end="30/4/2024"))
    only(report, "C008", "X", "campaigns.csv row 4, column end")
    report = found(_set("campaigns", 0, kind="hằng tuần", start="31/2/2024"))
    assert_problems(report, [("S006", "CITY"), ("S003", "CITY")])  # no C008 for the bad date


def test_cancelled_pledges_need_no_plan_and_a_group_scope() -> None:
    def change(rows: Rows) -> None:
        rows["pledges"][1].update(status="hủy")
        del rows["pledges"][1]["plan"]
        rows["campaigns"].append({"id": "CUM", "scope": "group:C1", **PERIOD})
        rows["pledges"].append(
            {
                "id": "P3",
                "campaign": "CUM",
                "pledger": "D1",
                "indicator": "new_members",
                "plan": "5",
            }
        )
        rows["pledges"].append(
            {
                "id": "P4",
                "campaign": "CUM",
                "pledger": "G1",
                "indicator": "new_members",
                "plan": "5",
            }
        )

    assert_problems(found(change), [("P005", "P4")])  # members themselves, not their subtrees


def test_validate_runs_the_checks_and_json_points_at_paths(tmp_path: Path) -> None:
    ws = build(_set("works", 1, flagship="có"))
    assert_problems(validate(ws), [("P010", "W2")])
    write_workspace(ws, tmp_path / "ws.json")
    report = check(tmp_path / "ws.json").report
    assert_problems(report, [("P010", "W2")])
    assert str(report[0].pointer) == "ws.json $.works[1].flagship"


def test_thidua_validate_reports_the_campaign_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = build(_set("pledges", 0, registered_on="1/10/2024"))
    write_workspace(ws, tmp_path / "ds")
    assert main(["validate", str(tmp_path / "ds"), "--format", "json"]) == 1
    problems: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    assert [(p["code"], p["subject"], p["pointer"]) for p in problems] == [
        ("P007", "P1", "pledges.csv row 2, column registered_on")
    ]
    write_workspace(build(_set("works", 1, flagship="có")), tmp_path / "warn")
    assert main(["validate", str(tmp_path / "warn")]) == 0
    assert "P010" in capsys.readouterr().out
