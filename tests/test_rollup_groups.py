"""Group totals and rankings (cụm, khối thi đua) and the comparison of two relations."""

from __future__ import annotations

import math

import pendulum
import pytest

from thidua import Dataset, Group, GroupKind, GroupMember, Hierarchy, Link, Role, Unit
from thidua.errors import UnknownIndicatorError, UnknownUnitError
from thidua.figures import Figure, Figures
from thidua.periods import Period
from thidua.rollup import (
    GroupRank,
    GroupRow,
    RelationDifference,
    compare_relations,
    roll_up,
    roll_up_groups,
)
from thidua.testing import tiny_dataset

D = pendulum.Date
Y24 = Period.year(2024)


@pytest.fixture(scope="module")
def city() -> Hierarchy:
    """HN with four districts, each with grassroots unions; two clusters and a block."""
    units = [Unit(id="HN", name="LĐLĐ Hà Nội", kind="provincial")]
    links = []
    for d in ("D1", "D2", "D3", "D4"):
        units.append(Unit(id=d, name=f"LĐLĐ quận {d}", kind="district"))
        links.append(Link(child=d, parent="HN"))
        for g in ("a", "b"):
            units.append(Unit(id=f"{d}{g}", name=f"CĐCS {d}{g}", kind="grassroots"))
            links.append(Link(child=f"{d}{g}", parent=d))
    groups = [
        Group(id="C1", name="Cụm thi đua số 1", kind=GroupKind.CLUSTER, owner="HN"),
        Group(id="C2", name="Cụm thi đua số 2", kind=GroupKind.CLUSTER, owner="HN"),
        Group(id="K1", name="Khối doanh nghiệp", kind=GroupKind.BLOCK, owner="HN"),
    ]
    members = [
        GroupMember(group="C1", unit="D1"),
        GroupMember(group="C1", unit="D2"),
        GroupMember(group="C1", unit="D1", role=Role.LEADER, valid_from=D(2024, 1, 1)),
        GroupMember(group="C2", unit="D3"),
        GroupMember(group="C2", unit="D4", valid_from=D(2025, 1, 1)),
        GroupMember(group="K1", unit="D1a"),
        GroupMember(group="K1", unit="D3b"),
        GroupMember(group="K1", unit="NOPE"),
    ]
    return Hierarchy(Dataset(units=units, links=links, groups=groups, members=members))


@pytest.fixture(scope="module")
def city_figs() -> Figures:
    rows = [
        ("D1a", "works_registered", 100),
        ("D1a", "works_completed", 50),
        ("D2a", "works_registered", 1000),
        ("D2a", "works_completed", 900),
        ("D3a", "works_registered", 10),
        ("D3a", "works_completed", 10),
        ("D4a", "works_registered", 10),
        ("D4a", "works_completed", 5),
        ("D1a", "initiatives", 4),
        ("D2b", "initiatives", 4),
        ("D3a", "initiatives", 9),
        ("D3b", "initiatives", 1),
    ]
    records = [Figure(unit=u, indicator=i, period=Y24, value=v) for u, i, v in rows]
    records += [
        Figure(unit="D1a", indicator="people_honoured", period=Y24, keys=frozenset("AB")),
        Figure(unit="D2a", indicator="people_honoured", period=Y24, keys=frozenset("BC")),
        Figure(unit="D1a", indicator="lowest_score", period=Y24, value=7),
        Figure(unit="D2b", indicator="lowest_score", period=Y24, value=3),
    ]
    return Figures.from_records(records)


def test_group_totals_follow_each_rule(city: Hierarchy, city_figs: Figures) -> None:
    r = roll_up(city, city_figs, Y24)
    g = roll_up_groups(r, city, on="2024-06-30")
    assert g.groups == ("C1", "C2", "K1")
    assert g.members == {"C1": ("D1", "D2"), "C2": ("D3",), "K1": ("D1a", "D3b")}
    assert g.value("C1", "initiatives") == 8
    assert g.value("C1", "works_completed") == 950
    assert g.value("C1", "works_completion_rate") == pytest.approx(950 / 1100 * 100)  # not 70
    assert g.value("C1", "people_honoured") == 3  # {A, B} ∪ {B, C}
    assert g.value("C1", "lowest_score") == 3
    assert g.value("C2", "initiatives") == 10
    assert math.isnan(g.value("C2", "people_honoured"))
    assert g.value("K1", "initiatives") == 5
    assert repr(g) == "<GroupTotals on 2024-06-30: 3 groups × 6 indicators>"
    with pytest.raises(UnknownIndicatorError):
        g.value("C1", "members")
    with pytest.raises(KeyError):
        g.value("C9", "initiatives")


def test_group_members_as_of_a_day_and_filters(city: Hierarchy, city_figs: Figures) -> None:
    r = roll_up(city, city_figs, Y24)
    later = roll_up_groups(r, city, on="2025-03-01", kind=GroupKind.CLUSTER)
    assert later.groups == ("C1", "C2")
    assert later.members["C2"] == ("D3", "D4")
    assert later.value("C2", "works_completion_rate") == pytest.approx(15 / 20 * 100)
    blocks = roll_up_groups(r, city, kind="block")
    assert blocks.groups == ("K1",)
    assert roll_up_groups(r, city, groups=["C2"]).groups == ("C2",)
    assert roll_up_groups(r, city, groups=[]).values.shape == (0, 6)


def test_group_rows_and_records(city: Hierarchy, city_figs: Figures) -> None:
    g = roll_up_groups(roll_up(city, city_figs, Y24, indicators=["initiatives"]), city)
    rows = list(g)
    assert len(rows) == len(g) == 3
    assert rows[0] == GroupRow(
        group="C1",
        name="Cụm thi đua số 1",
        kind=GroupKind.CLUSTER,
        indicator="initiatives",
        value=8.0,
        members=2,
    )
    assert g.to_records()[2]["value"] == 5.0


def test_ranking_within_groups(city: Hierarchy, city_figs: Figures) -> None:
    r = roll_up(city, city_figs, Y24)
    g = roll_up_groups(r, city, on="2025-03-01")
    ranks = g.ranking("initiatives")
    assert [(x.group, x.unit, x.rank) for x in ranks] == [
        ("C1", "D1", 1),
        ("C1", "D2", 1),  # equal values share a rank
        ("C2", "D3", 1),
        ("C2", "D4", None),  # no figure: last, unranked
        ("K1", "D1a", 1),
        ("K1", "D3b", 2),
    ]
    assert [x.value for x in ranks if x.rank is not None] == [4.0, 4.0, 10.0, 4.0, 1.0]
    assert math.isnan(ranks[3].value)
    assert ranks[0] == GroupRank(group="C1", unit="D1", name="LĐLĐ quận D1", value=4.0, rank=1)
    rate = g.ranking("works_completion_rate", descending=False)
    assert [(x.unit, x.rank) for x in rate if x.group == "C1"] == [("D1", 1), ("D2", 2)]
    with pytest.raises(UnknownIndicatorError):
        g.ranking("members")


def test_ranking_ties_skip_places(city: Hierarchy) -> None:
    figs = Figures.from_columns(
        unit=["D1a", "D1b", "D3a", "D3b"],
        indicator=["initiatives"] * 4,
        period=["2024"] * 4,
        value=[5, 5, 3, 1],
    )
    h = city
    ds = h.dataset
    extra = Hierarchy(
        Dataset(
            units=ds.units,
            links=ds.links,
            groups=[Group(id="K", name="Khối", kind=GroupKind.BLOCK)],
            members=[GroupMember(group="K", unit=u) for u in ("D1a", "D1b", "D3a", "D3b")],
        )
    )
    g = roll_up_groups(roll_up(extra, figs, Y24), extra)
    assert [x.rank for x in g.ranking("initiatives")] == [1, 1, 3, 4]


def test_groups_need_the_same_hierarchy(city: Hierarchy, city_figs: Figures) -> None:
    r = roll_up(city, city_figs, Y24)
    with pytest.raises(ValueError, match="another hierarchy"):
        roll_up_groups(r, Hierarchy(tiny_dataset()))


def test_groups_of_tiny_dataset() -> None:
    h = Hierarchy(tiny_dataset())
    figs = Figures.from_records(
        [
            Figure(unit=u, indicator="new_members", period=Y24, value=v)
            for u, v in (("G1", 1), ("G3", 2))
        ]
    )
    g = roll_up_groups(roll_up(h, figs, Y24), h, on="2024-12-31", kind=GroupKind.CLUSTER)
    assert g.value("C1", "new_members") == 3
    assert [x.unit for x in g.ranking("new_members")] == ["D1"]


# -- two relations --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_trees() -> Hierarchy:
    """HN's grassroots unions sit under a district (admin) and a sector (guidance)."""
    units = [Unit(id="HN", name="LĐLĐ Hà Nội", kind="provincial")]
    units += [Unit(id=d, name=d, kind="district") for d in ("Q1", "Q2")]
    units += [Unit(id=s, name=s, kind="local_sector") for s in ("YT", "GD")]
    units += [Unit(id=g, name=g, kind="grassroots") for g in ("A", "B", "C", "E")]
    links = [Link(child=d, parent="HN") for d in ("Q1", "Q2")]
    links += [Link(child=s, parent="HN", relation="guidance") for s in ("YT", "GD")]
    links += [
        Link(child=g, parent=p) for g, p in (("A", "Q1"), ("B", "Q1"), ("C", "Q2"), ("E", "Q2"))
    ]
    links += [
        Link(child=g, parent=p, relation="guidance")
        for g, p in (("A", "YT"), ("B", "GD"), ("C", "GD"), ("E", "YT"))
    ]
    return Hierarchy(Dataset(units=units, links=links))


def test_compare_relations_equal_when_every_unit_is_in_both(two_trees: Hierarchy) -> None:
    figs = Figures.from_columns(
        unit=["A", "B", "C", "E", "A"],
        indicator=["initiatives"] * 4 + ["members"],
        period=["2024"] * 5,
        value=[1, 2, 3, 4, 10],
    )
    assert compare_relations(two_trees, figs, Y24, root="HN") == ()


def test_compare_relations_reports_both_numbers(two_trees: Hierarchy) -> None:
    figs = Figures.from_columns(
        unit=["A", "B", "C", "E", "Q1"],
        indicator=["initiatives"] * 5,
        period=["2024"] * 5,
        value=[1, 2, 3, 4, 100],  # Q1's own figure is only in the admin tree
    )
    (d,) = compare_relations(two_trees, figs, Y24, root="HN", tolerance=0.5)
    assert d == RelationDifference(
        root="HN",
        indicator="initiatives",
        relation="admin",
        total=110.0,
        other_relation="guidance",
        other_total=10.0,
        difference=-100.0,
    )
    assert compare_relations(two_trees, figs, Y24, root="HN", tolerance=100) == ()
    (u,) = compare_relations(two_trees, figs, Y24, ("admin", ("admin", "guidance")), root="YT")
    assert (u.relation, u.other_relation, u.total, u.other_total) == (
        "admin",
        "admin+guidance",
        0.0,
        5.0,
    )
    assert compare_relations(two_trees, figs, Y24, (), root="HN") == ()
    with pytest.raises(UnknownUnitError):
        compare_relations(two_trees, figs, Y24, root="Nope")


def test_compare_relations_nan_rules(two_trees: Hierarchy) -> None:
    figs = Figures.from_columns(
        unit=["A", "B"], indicator=["lowest_score"] * 2, period=["2024"] * 2, value=[5, 7]
    )
    (d,) = compare_relations(two_trees, figs, Y24, ("guidance", "admin"), root="YT")
    assert d.total == 5.0
    assert math.isnan(d.other_total)
    figs2 = Figures.from_columns(unit=["A"], indicator=["lowest_score"], period=["2024"], value=[5])
    assert compare_relations(two_trees, figs2, Y24, ("admin", "admin"), root="Q2") == ()
