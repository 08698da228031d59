"""The synthetic people of the Hà Nội sample: valid, following the rules, both sides of each."""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from thidua.datasets import hanoi_path
from thidua.honours import RULE_SETS, eligibility, load_catalogue
from thidua.people import PEOPLE_TABLES, history
from thidua.periods import Period, parse_period
from thidua.workspace import Workspace, check

CATALOGUE = load_catalogue()
LATEST = 2024
RULED = ("LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ", "TTLDTT", "TTLDXS", "BK_BO", "BK_TTG", "BLDST")
"""Every honour of issue 8 §2 that a shipped rule set has a rule for."""
STAGE = "giai đoạn 2022-2024"
PERIODS = {"CSTD_BO": STAGE, "CSTD_TQ": STAGE}
"""CSTĐ bộ/tỉnh and toàn quốc are proposed for a stage ending with the latest year."""


@pytest.fixture(scope="module")
def sample() -> Workspace:
    result = check(hanoi_path())
    assert result.report.ok, str(result.report)
    return result.workspace


def _rows(name: str) -> list[dict[str, str]]:
    with (hanoi_path() / f"{name}.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_ruled_honour_is_in_a_shipped_rule_set() -> None:
    ruled = {code for rs in RULE_SETS.values() for code in rs.rules}
    assert ruled == set(RULED)


def test_the_sample_holds_a_few_thousand_people_and_ten_years(sample: Workspace) -> None:
    for name in PEOPLE_TABLES:
        if name != "honours":
            assert (hanoi_path() / f"{name}.csv").exists(), name
    counts = sample.counts()
    assert 2000 <= counts["people"] <= 5000
    years = {parse_period(r["period"]).start.year for r in _rows("ratings")}
    assert years == set(range(LATEST - 9, LATEST + 1))
    levels = {r["level"] for r in _rows("initiatives")}
    assert levels == {"grassroots", "province", "national"}
    assert {r["form"] for r in _rows("discipline")} >= {"reprimand", "warning"}
    assert "maternity" in {r["reason"] for r in _rows("absences")}
    total = sum(p.stat().st_size for p in hanoi_path().glob("*.csv"))
    assert total < 4_000_000


@pytest.mark.parametrize("honour", RULED)
def test_each_ruled_honour_has_eligible_and_ineligible_candidates(
    sample: Workspace, honour: str
) -> None:
    result = eligibility(sample, honour, PERIODS.get(honour, str(LATEST)))
    assert result.period.end == Period.year(LATEST).end
    eligible = int(result.eligible.sum())
    assert 0 < eligible < len(result), result
    no = next(v for v in result if not v.eligible)
    assert "[ ]" in no.explain()


def test_awards_follow_the_rules(sample: Workspace) -> None:
    """Every award of a ruled honour is one the engine finds eligible for its period."""
    h = history(sample)
    by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in _rows("awards"):
        if row["honour"] in RULED and not row["revoked_on"]:
            by_key[(row["honour"], row["period"])].add(row["recipient"])
    assert {honour for honour, _ in by_key} == set(RULED)
    years = set()
    for (honour, period), recipients in sorted(by_key.items()):
        p = parse_period(period)
        years.add(p.end.year - 1)
        rules = "cd-999-2024" if honour == "BLDST" else "vn-2024"
        result = eligibility(h, CATALOGUE, honour, p, rules=rules)
        missing = recipients - set(result.eligible_subjects())
        assert not missing, (honour, period, sorted(missing)[:5])
    assert max(years) == LATEST - 1  # the latest year is being proposed: no award yet


def test_decisions_are_document_symbols_and_come_after_the_period() -> None:
    for row in _rows("awards"):
        number, _, kind = row["decision"].partition("/")
        assert number.isdigit(), row
        assert kind.startswith("QĐ-"), row
        period = parse_period(row["period"])
        assert row["decided_on"] >= period.end.isoformat(), row


def test_memberships_follow_the_reorganisation() -> None:
    units = {r["id"]: r for r in _rows("units")}
    ended = {
        u
        for e in _rows("events")
        if e["kind"] in ("merge", "split", "absorb")
        for u in e["originals"].split(";")
    }
    by_person: dict[str, list[dict[str, str]]] = defaultdict(list)
    for m in _rows("memberships"):
        unit = units[m["unit"]]
        assert unit["kind"] in ("grassroots", "trade_grassroots")
        assert not unit["founded"] or m["valid_from"] >= unit["founded"]
        if unit["dissolved"]:
            assert m["valid_to"]
            assert m["valid_to"] <= unit["dissolved"]
        by_person[m["person"]].append(m)
    moved = 0
    for rows in by_person.values():
        for m in rows:
            if m["unit"] in ended and m["valid_to"] == units[m["unit"]]["dissolved"]:
                # a member of a merged, split or absorbed union follows it on the day
                assert any(n["valid_from"] == m["valid_to"] for n in rows), rows
                moved += 1
    assert moved > 0


def test_the_generator_is_deterministic(tmp_path: Path) -> None:
    """The shipped files are what tools/build_hanoi_people.py writes."""
    import importlib.util
    import shutil

    spec = importlib.util.spec_from_file_location(
        "build_hanoi_people", Path(__file__).parent.parent / "tools" / "build_hanoi_people.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    for name in ("units.csv", "events.csv"):
        shutil.copy(hanoi_path() / name, tmp_path / name)
    module.write(module.generate(tmp_path), tmp_path)
    for path in sorted(tmp_path.glob("*.csv")):
        assert path.read_bytes() == (hanoi_path() / path.name).read_bytes(), path.name
