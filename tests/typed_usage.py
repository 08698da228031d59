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
from thidua.lineage import Lineage


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


__all__ = ["hierarchy_usage", "rollup_usage"]
