"""Hierarchy index, snapshots, names, lineage and diff."""

from __future__ import annotations

import unicodedata

import attrs
import networkx as nx
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua import (
    ChangeEvent,
    Dataset,
    EventKind,
    Hierarchy,
    LevelScheme,
    Link,
    Unit,
    UnknownUnitError,
)
from thidua.errors import UnknownNameError
from thidua.testing import tiny_dataset

D = pendulum.Date


@pytest.fixture(scope="module")
def hier() -> Hierarchy:
    return Hierarchy(tiny_dataset())


# -- snapshots ------------------------------------------------------------------------


def test_snapshot_before_and_after_reorganisation(hier: Hierarchy) -> None:
    before = hier.as_of("30/06/2025")
    after = hier.as_of("1/7/2025")
    assert set(before) == {"TLD", "HN", "D1", "S1", "G1", "G2", "G3"}
    assert set(after) == {"TLD", "HN", "W1", "G1", "G2", "G3"}
    assert before.parent("G3") == "D1"
    assert after.parent("G3") == "HN"  # rank 3 directly under rank 1: skipping is allowed
    assert after.depth("G3") == 2
    assert after.depth("G1") == 3
    assert after.path_to_root("G1") == ("G1", "W1", "HN", "TLD")


def test_snapshot_relations(hier: Hierarchy) -> None:
    s = hier.as_of("2025-01-01")
    assert s.parents("G3") == ("D1", "S1")
    assert s.parents("G3", relation="admin") == ("D1",)
    assert s.children("S1") == ()
    assert s.children("S1", relation="guidance") == ("G3",)
    assert s.children("S1", relation=["admin", "guidance"]) == ("G3",)
    assert set(s.descendants("HN", relation=None)) == {"D1", "S1", "G1", "G2", "G3"}
    assert s.ancestors("G3", relation=None) == ("D1", "S1", "HN", "TLD")
    assert s.ancestors("G1") == ("D1", "HN", "TLD")
    assert s.roots() == ("TLD",)
    assert s.roots(relation="guidance") == ("TLD", "HN", "D1", "S1", "G1", "G2")
    assert set(s.leaves()) == {"S1", "G1", "G2", "G3"}
    with pytest.raises(UnknownNameError, match="did you mean 'guidance'"):
        s.children("HN", relation="guidanse")


def test_snapshot_queries(hier: Hierarchy) -> None:
    s = hier.as_of("2025-01-01")
    assert s.units_of_kind("district", "local_sector") == ("D1", "S1")
    assert s.units_of_rank(3) == ("G1", "G2", "G3")
    assert s.rank("HN") == 1
    assert s.kind("S1") == "local_sector"
    assert s.lowest_common_ancestor("G1", "G2") == "D1"
    assert s.lowest_common_ancestor("G1", "G1") == "G1"
    assert s.lowest_common_ancestor("G2", "TLD") == "TLD"
    assert s.ids == ("TLD", "HN", "D1", "S1", "G1", "G2", "G3")
    assert "W1" not in s
    assert 42 not in s
    assert repr(s) == "<Snapshot 2025-01-01: 7 units>"


def test_subtree(hier: Hierarchy) -> None:
    sub = hier.as_of("2025-01-01").subtree("HN")
    assert sub.roots() == ("HN",)
    assert "TLD" not in sub
    assert sub.parents("G3") == ("D1", "S1")
    with pytest.raises(UnknownUnitError):
        sub.parent("TLD")


def test_unknown_units_raise_keyerror(hier: Hierarchy) -> None:
    s = hier.as_of("2025-07-01")
    with pytest.raises(KeyError, match="D1"):
        s.parent("D1")
    with pytest.raises(UnknownUnitError, match="in the hierarchy"):
        hier.unit("NOPE")


def test_names_and_renames(hier: Hierarchy) -> None:
    assert hier.as_of("2024-02-29").name("G2") == "Công đoàn cơ sở Công ty Hòa Bình"
    assert hier.as_of("2024-03-01").name("G2") == "Công đoàn cơ sở Công ty CP Hòa Bình"
    # both names are found, in any Unicode form and tone placement
    assert hier.find("CÔNG ĐOÀN CƠ SỞ CÔNG TY HOÀ BÌNH") == ("G2",)
    nfd = unicodedata.normalize("NFD", "Công đoàn cơ sở Công ty CP Hoà Bình")
    assert hier.find(nfd) == ("G2",)
    assert hier.find("LĐLĐ Q. ĐỐNG ĐA") == ("D1",)  # short names count
    assert hier.find("\u00d0ống Đa") == ()
    assert hier.find("Liên đoàn Lao động quận \u00d0ống Đa") == ("D1",)
    # a snapshot only finds the name of its day
    assert hier.as_of("2025-01-01").find("Công đoàn cơ sở Công ty Hòa Bình") == ()
    assert hier.as_of("2025-01-01").find("Công đoàn cơ sở Công ty CP Hòa Bình") == ("G2",)


def test_stored_names_are_nfc_and_otherwise_untouched() -> None:
    raw = unicodedata.normalize("NFD", "  Công đoàn  Thuỷ  ")
    unit = Unit(id="X", name=raw, kind="grassroots")
    assert unit.name == unicodedata.normalize("NFC", raw)
    assert unit.name.startswith("  ")  # spacing and tone placement are kept


def test_to_networkx(hier: Hierarchy) -> None:
    g = hier.as_of("2025-07-01").to_networkx()
    assert set(g.successors("W1")) == {"G1", "G2"}
    assert g.nodes["W1"]["name"] == "Công đoàn phường Kim Liên"
    assert nx.is_arborescence(g)


def test_boundaries_and_events_of(hier: Hierarchy) -> None:
    assert [d.isoformat() for d in hier.boundaries()] == ["2024-03-01", "2025-07-01"]
    assert [e.id for e in hier.events_of("G2")] == ["E5", "E3"]


def test_hierarchy_tolerates_duplicates_and_dangling_links() -> None:
    ds = tiny_dataset()
    ds = attrs.evolve(
        ds,
        units=(*ds.units, Unit(id="G1", name="copy", kind="grassroots")),
        links=(*ds.links, Link(child="G1", parent="NOPE")),
    )
    h = Hierarchy(ds)
    assert len(h) == 8
    assert h.unit("G1").name == "Công đoàn cơ sở Trường Tiểu học Kim Liên"
    assert h.as_of("2025-01-01").parent("G1") == "D1"
    assert "NOPE" not in h
    assert repr(h) == "<Hierarchy 8 units, 11 links, ('admin', 'guidance')>"


def test_custom_level_scheme() -> None:
    scheme = LevelScheme.from_ranks("state", {"province": 0, "commune": 1})
    ds = Dataset(
        units=[
            Unit(id="P", name="Tỉnh", kind="province"),
            Unit(id="C", name="Xã", kind="commune"),
        ],
        links=[Link(child="C", parent="P")],
        scheme=scheme,
    )
    s = Hierarchy(ds).as_of("2025-01-01")
    assert s.rank("C") == 1
    assert s.units_of_rank(0) == ("P",)


# -- lineage and diff -------------------------------------------------------------------


def _chain_dataset() -> Dataset:
    units = [
        Unit(id="A", name="A", kind="grassroots", dissolved=D(2024, 1, 1)),
        Unit(id="B", name="B", kind="grassroots", founded=D(2024, 1, 1), dissolved=D(2025, 1, 1)),
        Unit(id="C", name="C", kind="grassroots", founded=D(2024, 1, 1)),
        Unit(id="E", name="E", kind="grassroots", dissolved=D(2025, 1, 1)),
        Unit(id="F", name="F", kind="grassroots", founded=D(2025, 1, 1)),
    ]
    events = [
        ChangeEvent(
            id="s",
            kind=EventKind.SPLIT,
            date=D(2024, 1, 1),
            originals="A",
            results=("B", "C"),
            shares=(0.3, 0.7),
        ),
        ChangeEvent(
            id="m", kind=EventKind.MERGE, date=D(2025, 1, 1), originals=("B", "E"), results="F"
        ),
    ]
    return Dataset(units=units, events=events)


def test_lineage_multiplies_and_sums_shares() -> None:
    h = Hierarchy(_chain_dataset())
    lin = h.lineage("A")
    assert lin.successor_shares() == {"B": 0.3, "C": 0.7, "F": 0.3}
    step = lin.successors[-1]
    assert (step.unit, step.distance, step.events) == ("F", 2, ("s", "m"))
    assert h.lineage("F").predecessor_shares() == {"B": 1.0, "E": 1.0, "A": 0.3}
    assert h.lineage("F").predecessors[-1].events == ("s", "m")


def test_successors_on_dates() -> None:
    h = Hierarchy(_chain_dataset())
    assert h.successors_on("A", "2023-12-31") == {"A": 1.0}
    assert h.successors_on("A", "2024-06-01") == {"B": 0.3, "C": 0.7}
    assert h.successors_on("A", "2026-01-01") == {"F": 0.3, "C": 0.7}
    assert h.successors_on("E", "2026-01-01") == {"F": 1.0}
    assert h.successors_on("F", "2024-06-01") == {}  # not founded yet, nothing before it


def test_diff_reorganisation(hier: Hierarchy) -> None:
    d = hier.diff("2025-06-30", "2025-07-01")
    assert d.added == ("W1",)
    assert d.removed == ("D1", "S1")
    assert {(m.unit, m.old_parent, m.new_parent) for m in d.moved} == {
        ("G1", "D1", "W1"),
        ("G2", "D1", "W1"),
        ("G3", "D1", "HN"),
    }
    assert d.renamed == ()
    assert not d.is_empty
    assert hier.diff("2025-07-01", "2025-07-01").is_empty


def test_diff_merges_and_splits() -> None:
    h = Hierarchy(_chain_dataset())
    d = h.diff("2023-01-01", "2025-06-01")
    assert [e.id for e in d.split] == ["s"]
    assert [e.id for e in d.merged] == ["m"]
    assert d.to_dict()["split"][0]["shares"] == [0.3, 0.7]
    with pytest.raises(ValueError, match="before start"):
        h.diff("2025-01-01", "2024-01-01")


# -- properties against networkx ----------------------------------------------------------


@st.composite
def forests(draw: st.DrawFn) -> tuple[Dataset, nx.DiGraph]:  # type: ignore[type-arg]
    n = draw(st.integers(min_value=1, max_value=40))
    parents = [
        draw(st.one_of(st.none(), st.integers(min_value=0, max_value=i - 1))) if i else None
        for i in range(n)
    ]
    extra = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=10))
    units = [Unit(id=f"U{i}", name=f"Đơn vị {i}", kind="grassroots") for i in range(n)]
    links = [Link(child=f"U{i}", parent=f"U{p}") for i, p in enumerate(parents) if p is not None]
    graph: nx.DiGraph = nx.DiGraph()  # type: ignore[type-arg]
    graph.add_nodes_from(f"U{i}" for i in range(n))
    graph.add_edges_from((f"U{p}", f"U{i}") for i, p in enumerate(parents) if p is not None)
    for a, b in extra:
        if a > b:  # keep the union acyclic: guidance goes to a lower index
            links.append(Link(child=f"U{a}", parent=f"U{b}", relation="guidance"))
            graph.add_edge(f"U{b}", f"U{a}")
    return Dataset(units=units, links=links), graph


@settings(max_examples=60, deadline=None)
@given(forests())
def test_snapshot_agrees_with_networkx(case: tuple[Dataset, nx.DiGraph]) -> None:  # type: ignore[type-arg]
    dataset, graph = case
    s = Hierarchy(dataset).as_of("2025-01-01")
    admin = s.to_networkx("admin")
    for uid in s:
        assert set(s.descendants(uid, relation=None)) == nx.descendants(graph, uid)
        assert set(s.ancestors(uid, relation=None)) == nx.ancestors(graph, uid)
        assert set(s.descendants(uid)) == nx.descendants(admin, uid)
        assert s.depth(uid) == len(s.path_to_root(uid)) - 1
        assert s.depth(uid) == len(nx.ancestors(admin, uid))
    ids = list(s)
    for a, b in zip(ids, reversed(ids), strict=True):
        expected = (
            nx.lowest_common_ancestor(admin, a, b)
            if nx.has_path(admin, s.path_to_root(a)[-1], b)
            else None
        )
        assert s.lowest_common_ancestor(a, b) == expected


def test_relations_listed_admin_first_then_by_first_use_of_a_kept_link() -> None:
    ds = Dataset(
        units=tuple(Unit(id=u, name=u, kind="grassroots") for u in "ABC"),
        links=(
            Link(child="NOPE", parent="B", relation="ghost"),  # unknown child: not indexed
            Link(child="A", parent="B", relation="sector"),
            Link(child="C", parent="A"),
            Link(child="C", parent="B", relation="cluster"),
            Link(child="A", parent="C", relation="sector"),
        ),
    )
    h = Hierarchy(ds)
    assert h.relations == ("admin", "sector", "cluster")
    assert h.as_of("2024-01-01").parents("C", "cluster") == ("B",)
