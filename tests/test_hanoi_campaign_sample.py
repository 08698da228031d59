"""The Hà Nội sample's 2023 peak campaign (plan 80/KH-LĐLĐ): its real totals, from the tables.

Every total here is counted directly from the workspace's tables (cells read
with :func:`thidua.io.parse_column`, units placed with the dated
hierarchy), independently of the campaign evaluation engine.
"""

from __future__ import annotations

import filecmp
import runpy
import shutil
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pendulum
import pytest

import thidua
from thidua import campaigns as camp
from thidua.datasets import hanoi_path
from thidua.hierarchy import Snapshot
from thidua.io import DataTable, parse_column
from thidua.workspace import Workspace, check, load, read_workspace, write_workspace

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "tools" / "build_hanoi_campaign.py"
CITY_CAMPAIGN = "HN-DTCD-2023"
START = pendulum.Date(2023, 5, 1)
LAST_DAY = pendulum.Date(2023, 9, 30)
GRASSROOTS, SUPERIOR = 3, 2
CAMPAIGN_FILES = (
    "campaigns.csv",
    "campaign_targets.csv",
    "pledges.csv",
    "works.csv",
    "contests.csv",
    "contest_entries.csv",
    "cluster_scores.csv",
)


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return load(hanoi_path())


def column(table: DataTable, field: str) -> list[Any]:
    """The typed values of one column; no cell of the sample may be unreadable."""
    problems: list[thidua.Problem] = []
    values = parse_column(table, field, problems).values()
    assert problems == []
    return values


def records(ws: Workspace, name: str) -> Iterator[dict[str, Any]]:
    """Each row of table *name* as a mapping of field to typed value."""
    table = ws.table(name)
    assert len(table) > 0, f"{name}.csv is missing from the sample"
    cols = {f: column(table, f) for f in table.present}
    for i in range(len(table)):
        yield {f: v[i] for f, v in cols.items()}


def campaigns(ws: Workspace) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in records(ws, "campaigns")}


def cascade(ws: Workspace) -> set[str]:
    """The city plan and every campaign taking it up, at any depth."""
    by_id = campaigns(ws)
    found = {CITY_CAMPAIGN}
    grew = True
    while grew:
        more = {c for c, row in by_id.items() if row.get("parent") in found} - found
        found |= more
        grew = bool(more)
    return found


def in_subtree(snapshot: Snapshot, unit: str, top: str) -> bool:
    return unit == top or top in snapshot.ancestors(unit)


def test_the_sample_validates_with_no_problem() -> None:
    result = check(hanoi_path())
    assert [str(p) for p in result.report.errors] == []
    assert [str(p) for p in result.report] == []
    assert {name: len(result.workspace.table(name)) > 0 for name in ("campaigns", "works")} == {
        "campaigns": True,
        "works": True,
    }


def test_the_city_plan_is_80_kh_ldld_from_1_may_to_30_september_2023(ws: Workspace) -> None:
    city = campaigns(ws)[CITY_CAMPAIGN]
    assert city["document"] == "80/KH-LĐLĐ"
    assert city["launched_by"] == "HN"
    assert city["issued_on"] == pendulum.Date(2023, 4, 28)
    assert (city["start"], city["end"]) == (START, LAST_DAY)
    assert (LAST_DAY - START).days + 1 == 153  # "150 days" in the report; the exact count
    assert city["scope"] == "HN"
    assert "parent" not in city or city["parent"] is None
    assert "Lao động sáng tạo" in city["themes"]


def test_every_district_federation_takes_the_plan_up_for_its_own_subtree(ws: Workspace) -> None:
    by_id = campaigns(ws)
    snapshot = ws.hierarchy.as_of(START)
    children = {c: row for c, row in by_id.items() if row.get("parent") == CITY_CAMPAIGN}
    launchers = sorted(row["launched_by"] for row in children.values())
    assert launchers == sorted(snapshot.units_of_kind("district"))
    for row in children.values():
        assert row["scope"] == row["launched_by"]
        assert snapshot.parent(row["launched_by"]) == "HN"
        assert START <= row["start"] <= row["end"] <= LAST_DAY
        assert row["issued_on"] >= by_id[CITY_CAMPAIGN]["issued_on"]
        assert row["document"] != "80/KH-LĐLĐ"
    assert len({row["document"] for row in by_id.values()}) == len(by_id)


def test_pledgers_and_their_units_are_alive_and_in_scope(ws: Workspace) -> None:
    by_id = campaigns(ws)
    first, last = ws.hierarchy.as_of(START), ws.hierarchy.as_of(LAST_DAY)
    for table in ("pledges", "works"):
        for row in records(ws, table):
            campaign = by_id[row["campaign"]]
            unit = row["pledger"]
            assert unit in first, (table, row)
            assert unit in last, (table, row)
            assert in_subtree(first, unit, campaign["scope"]), (table, row)
            assert in_subtree(last, unit, campaign["scope"]), (table, row)
            assert row["registered_on"] <= campaign["end"]


def test_the_city_report_counts_526_grassroots_and_94_superior_works(ws: Workspace) -> None:
    wanted = cascade(ws)
    snapshot = ws.hierarchy.as_of(LAST_DAY)
    completed: Counter[int] = Counter()
    statuses: Counter[str] = Counter()
    flagship = []
    for row in records(ws, "works"):
        assert row["campaign"] in wanted
        status = str(getattr(row["status"], "value", row["status"]))
        statuses[status] += 1
        done = status == "completed" and row["completed_on"] is not None
        if done and row["completed_on"] <= LAST_DAY:
            assert row["completed_on"] >= START
            completed[snapshot.rank(row["pledger"])] += 1
            if row.get("flagship"):
                flagship.append(row)
        else:
            assert not row.get("flagship")
            assert row.get("completed_on") is None
    assert dict(completed) == {GRASSROOTS: 526, SUPERIOR: 94}
    assert len(flagship) == 6
    assert {"registered", "in_progress", "cancelled"} <= set(statuses)
    (bridge,) = [w for w in flagship if "Ngọc Hà" in w["name"]]
    assert "Cà Lồ" in bridge["name"]
    assert ws.hierarchy.unit(bridge["pledger"]).attributes.get("area") == "Sóc Sơn"


def test_the_skilled_worker_contest_totals(ws: Workspace) -> None:
    (contest,) = list(records(ws, "contests"))
    assert contest["campaign"] == CITY_CAMPAIGN
    assert contest["held_by"] == "HN"
    day = contest["held_on"]
    assert START <= day <= LAST_DAY
    entries = list(records(ws, "contest_entries"))
    snapshot = ws.hierarchy.as_of(day)
    assert {e["contest"] for e in entries} == {contest["id"]}
    enterprises = {e["unit"] for e in entries}
    assert {snapshot.rank(u) for u in enterprises} == {GRASSROOTS}
    assert all(in_subtree(snapshot, u, "HN") for u in enterprises)
    assert len(entries) == 363
    assert len(enterprises) == 100
    assert len({snapshot.parent(u) for u in enterprises}) == 30
    assert len({e["trade"] for e in entries}) == 11
    winners = [e for e in entries if e.get("result")]
    assert len(winners) == 111
    assert sum(e.get("prize") or 0 for e in entries) == 564_000_000
    assert all(e.get("prize") is None for e in entries if not e.get("result"))


def test_the_cluster_scoring_of_cum_1_matches_its_recorded_leader(ws: Workspace) -> None:
    scores = list(records(ws, "cluster_scores"))
    assert {s["group"] for s in scores} == {"CUM-01"}
    (period,) = {s["period"] for s in scores}
    year = thidua.parse_period(period)
    assert year == thidua.Period.year(2024)
    members = [m for m in ws.members if m.group == "CUM-01"]

    def holds(m: thidua.GroupMember) -> bool:
        since_ok = m.valid_from is None or m.valid_from <= year.start
        return since_ok and (m.valid_to is None or m.valid_to >= year.end)

    scored = {m.unit for m in members if m.role.value == "member" and holds(m)}
    (leader,) = [m.unit for m in members if m.role.value == "leader" and holds(m)]
    assert {s["unit"] for s in scores} == scored
    most: dict[str, float] = {}
    totals: Counter[str] = Counter()
    for s in scores:
        assert 0 <= s["score"] <= s["max"]
        assert most.setdefault(s["criterion"], s["max"]) == s["max"]
        totals[s["unit"]] += s["score"]
    assert sum(most.values()) == 100
    assert len(scores) == len(scored) * len(most)
    (top, first), (_, second) = totals.most_common(2)
    assert top == leader
    assert first > second


def test_targets_assigned_below_cover_the_units_own(ws: Workspace) -> None:
    snapshot = ws.hierarchy.as_of(START)
    plans: dict[tuple[str, str, str], float] = {}
    for t in records(ws, "campaign_targets"):
        plans[t["campaign"], t["unit"], t["indicator"]] = t["plan"]
    checked = 0
    for (campaign, unit, indicator), own in plans.items():
        below = [
            plans[campaign, c, indicator]
            for c in snapshot.children(unit)
            if (campaign, c, indicator) in plans
        ]
        if below:
            assert sum(below) >= own, (campaign, unit)
            checked += 1
    assert checked >= 30


def test_pledges_against_the_2023_figures_are_reached_and_not_reached(ws: Workspace) -> None:
    window = thidua.Period.between(START, LAST_DAY.add(days=1))
    assert str(window) == "2023-05-01/2023-10-01"
    wanted = cascade(ws)
    pledges = list(records(ws, "pledges"))
    indicators = sorted({p["indicator"] for p in pledges})
    assert set(indicators) <= {i.code for i in ws.catalogue}
    rolled = thidua.roll_up(ws, window, indicators=indicators)
    states: Counter[str] = Counter()
    for p in pledges:
        assert p["campaign"] in wanted
        assert p["registered_on"] <= LAST_DAY
        status = str(getattr(p.get("status"), "value", p.get("status") or "active"))
        actual = rolled.value(p["pledger"], p["indicator"])
        if status == "cancelled":
            states["cancelled"] += 1
        elif actual != actual:  # NaN: nothing reported below the pledger
            states["no_data"] += 1
        else:
            states["reached" if actual >= p["plan"] else "not_reached"] += 1
    assert min(states[s] for s in ("reached", "not_reached", "cancelled", "no_data")) >= 1
    ranks = {ws.hierarchy.as_of(START).rank(p["pledger"]) for p in pledges}
    assert ranks == {GRASSROOTS, SUPERIOR}


def test_the_2024_figures_are_untouched_by_the_campaign(ws: Workspace) -> None:
    periods = Counter(str(f.period) for f in ws.figures)
    assert periods["2023-05-01/2023-10-01"] > 0
    assert sum(v for p, v in periods.items() if p.startswith("2024")) == 4288


@pytest.mark.parametrize("target", ["copy", "h.json", "h.yaml", "h.xlsx"])
def test_the_sample_round_trips_losslessly(ws: Workspace, tmp_path: Path, target: str) -> None:
    write_workspace(ws, tmp_path / target)
    back = read_workspace(tmp_path / target)
    assert [str(p) for p in back.report] == []
    assert back.workspace == ws
    for name in ws.tables:
        assert back.workspace.table(name) == ws.table(name)
    if target == "copy":
        for name in CAMPAIGN_FILES:
            if (hanoi_path() / name).exists() and name.removesuffix(".csv") in ws.tables:
                assert (tmp_path / target / name).read_bytes() == (
                    hanoi_path() / name
                ).read_bytes(), name


def test_the_generator_is_deterministic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "hanoi"
    shutil.copytree(hanoi_path(), copy)
    for name in CAMPAIGN_FILES:
        (copy / name).unlink()
    monkeypatch.setattr(sys, "argv", [str(GENERATOR), "--out", str(copy)])
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_path(str(GENERATOR), run_name="__main__")
    assert exit_info.value.code == 0
    assert "681 works" in capsys.readouterr().out
    names = sorted(p.name for p in hanoi_path().glob("*.csv"))
    match, mismatch, errors = filecmp.cmpfiles(hanoi_path(), copy, names, shallow=False)
    assert (mismatch, errors) == ([], [])
    assert set(CAMPAIGN_FILES) <= set(match)


def test_the_records_api_reads_the_same_campaign(ws: Workspace) -> None:
    for name in CAMPAIGN_FILES:
        assert camp.table_problems(ws, name.removesuffix(".csv")) == ()
    city = camp.campaign(ws, "80/KH-LDLD")  # the symbol without diacritics finds it too
    assert city.id == CITY_CAMPAIGN
    assert (city.days, city.duration_class) == (153, camp.DurationClass.UNDER_1_YEAR)
    assert {c.id for c in camp.cascade(ws, city)} == cascade(ws)
    in_scope = camp.scope_units(ws, city)
    assert {w.pledger for w in camp.works(ws)} <= in_scope
    for child in camp.cascade(ws, city)[1:]:
        assert camp.scope_units(ws, child) <= in_scope
    assert len(camp.works(ws)) == len(ws.table("works")) == 681
    assert len(camp.contest_entries(ws, "HTTG-2023")) == 363
    assert len(camp.cluster_scores(ws, "CUM-01")) == len(ws.table("cluster_scores"))


def test_the_evaluation_engine_gives_the_same_totals(ws: Workspace) -> None:
    report = camp.evaluate_campaign(ws, "80/KH-LĐLĐ")
    assert report.campaign.id == CITY_CAMPAIGN
    assert report.ended
    assert report.days == 153
    assert not report.problems.errors
    (city,) = [u for u in report.to_dict()["units"] if u["unit"] == "HN"]
    assert city["works"]["completed_by_rank"] == {"3": 526, "2": 94}
    assert city["works"]["completed"] == 620
    assert city["works"]["flagship"] == 6
    assert city["works"]["registered"] == len(ws.table("works"))
    (contest,) = city["contests"]
    counted = ("entries", "enterprises", "superiors", "trades", "winners")
    assert {k: contest[k] for k in counted} == {
        "entries": 363,
        "enterprises": 100,
        "superiors": 30,
        "trades": 11,
        "winners": 111,
    }
    assert contest["prize_total"] == 564_000_000
    states = city["pledge_states"]
    assert min(states[s] for s in ("reached", "not_reached", "no_data", "cancelled")) >= 1
    assert sum(states.values()) == len(ws.table("pledges"))


def test_the_evaluated_cluster_leader_is_the_recorded_one(ws: Workspace) -> None:
    (year,) = camp.cluster_standings(ws, "CUM-01")
    assert year.period == "2024"
    assert year.leading == ("LDLD-HAIBATRUNG",)
    assert year.recorded_leader == "LDLD-HAIBATRUNG"
    assert year.agrees is True
    assert {s.max for s in year.standings} == {100}


def test_form_0601_labels_a_level_by_the_launching_units_kind(ws: Workspace) -> None:
    # Rank 1 holds the city federations and the corporation unions alike: the city's
    # campaign is labelled by its own kind, not by whichever kind of rank 1 came first.
    form = camp.form_0601(ws, 2023)
    levels = {r.category: (r.label, r.count) for r in form.rows if r.dimension == "level"}
    assert levels == {
        "1": ("Liên đoàn Lao động tỉnh, thành phố", 1),
        "2": ("Liên đoàn Lao động quận, huyện, thị xã", 30),
    }


def test_the_demo_shows_the_campaign_report(capsys: pytest.CaptureFixture[str]) -> None:
    from thidua.cli import main

    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "== campaign HN-DTCD-2023: the final report ==" in out
    assert "94 at rank 2 (direct-superior level), 526 at rank 3 (grassroots level)" in out
