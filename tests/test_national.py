"""Tests of the synthetic national history (thidua.datasets.national)."""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict

import numpy as np
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import thidua
from thidua import Dataset, EventKind, Hierarchy
from thidua._text import name_key
from thidua.datasets.national import national_history

REORG = pendulum.Date(2025, 7, 1)
BEFORE = pendulum.Date(2025, 6, 30)
ENDED_KINDS = ("district", "local_sector", "industrial_zone")


@pytest.fixture(scope="module")
def small() -> Dataset:
    return national_history(grassroots=2_000, direct_superiors=40)


@pytest.fixture(scope="module")
def small_h(small: Dataset) -> Hierarchy:
    return Hierarchy(small)


def test_ids_unique(small: Dataset) -> None:
    ids = [u.id for u in small.units]
    assert len(ids) == len(set(ids))
    events = [e.id for e in small.events]
    assert len(events) == len(set(events))


def test_id_shapes(small: Dataset) -> None:
    prefixes = Counter(u.id.rstrip("0123456789") for u in small.units)
    assert prefixes == {
        "TLD": 1,
        "P": 63 + 23,
        "N": 20,
        "D": 40,
        "C": prefixes["C"],
        "G": 2_000,
    }
    assert small.units[-1].id == "G002000"


def test_link_endpoints_exist(small: Dataset) -> None:
    ids = {u.id for u in small.units}
    for link in small.links:
        assert link.child in ids
        assert link.parent in ids


def test_ranks_increase_child_to_parent(small: Dataset) -> None:
    kind = {u.id: u.kind for u in small.units}
    rank = small.scheme.rank
    for link in small.links:
        assert rank(kind[link.child]) > rank(kind[link.parent]), link


def test_links_inside_lifetimes(small: Dataset) -> None:
    units = {u.id: u for u in small.units}
    for link in small.links:
        if link.valid_from is not None and link.valid_to is not None:
            assert link.valid_from < link.valid_to, link
        for end in (units[link.child], units[link.parent]):
            if end.founded is not None:
                assert link.valid_from is not None
                assert link.valid_from >= end.founded, link
            if end.dissolved is not None:
                assert link.valid_to is not None
                assert link.valid_to <= end.dissolved, link


def _check_one_admin_parent(h: Hierarchy, day: pendulum.Date) -> None:
    child, parent, rel, start, end, _ = h.link_arrays()
    d = day.toordinal()
    valid = (rel == h.relation_code("admin")) & (start <= d) & (d < end)
    counts = np.bincount(child[valid], minlength=len(h))
    alive = h.alive_mask(day)
    root = h.lifetime_arrays()[2] == 0
    assert np.all(counts[alive & ~root] == 1), day
    assert np.all(counts[~alive | root] == 0), day
    assert np.all(alive[parent[valid]]), day
    snap = h.as_of(day)
    parents = snap.parent_array()
    assert np.all(parents[alive & ~root] >= 0), day
    assert np.all(parents[~alive | root] == -1), day
    assert np.all(snap.depth_array()[alive & ~root] >= 1), day


def test_one_admin_parent_at_every_boundary(small_h: Hierarchy) -> None:
    days = small_h.boundaries()
    assert REORG in days
    assert len(days) > 10
    for day in (pendulum.Date(2023, 12, 31), *days):
        _check_one_admin_parent(small_h, day)


def test_reorganisation_counts(small_h: Hierarchy) -> None:
    before, after = small_h.as_of(BEFORE), small_h.as_of(REORG)
    assert len(before.units_of_kind("provincial")) == 63
    assert len(after.units_of_kind("provincial")) == 34
    assert after.units_of_kind(*ENDED_KINDS) == ()
    assert before.units_of_kind("commune") == ()
    assert len(after.units_of_kind("commune")) >= 34
    assert len(before.units_of_kind("central_sector")) == 20
    assert len(after.units_of_kind("central_sector")) == 20
    assert before.roots() == after.roots() == ("TLD",)
    # every commune union sits under a provincial federation of the new structure
    for commune in after.units_of_kind("commune"):
        assert after.kind(after.parent(commune) or "") == "provincial"


def test_eleven_provinces_unchanged(small: Dataset) -> None:
    provinces = [u for u in small.units if u.kind == "provincial"]
    continuing = [u for u in provinces if u.founded is None and u.dissolved is None]
    assert len(continuing) == 11
    assert sum(u.dissolved == REORG for u in provinces) == 52
    assert sum(u.founded == REORG for u in provinces) == 23


def test_events_consistent(small: Dataset, small_h: Hierarchy) -> None:
    units = {u.id: u for u in small.units}
    admin_from: dict[tuple[str, str], pendulum.Date | None] = {}
    ends: defaultdict[str, list[pendulum.Date | None]] = defaultdict(list)
    for link in small.links:
        if link.relation == "admin":
            admin_from[link.child, link.parent] = link.valid_from
            ends[link.child].append(link.valid_to)
    kinds = Counter(e.kind for e in small.events)
    assert set(kinds) == {EventKind.FOUND, EventKind.DISSOLVE, EventKind.MOVE, EventKind.MERGE}
    assert kinds[EventKind.MERGE] == 23
    dates = [e.date for e in small.events]
    assert dates == sorted(dates)
    for event in small.events:
        assert event.document is not None
        assert event.document.split("/")[0].isdigit()
        if event.kind is EventKind.FOUND:
            assert event.results
            assert not event.originals
            assert all(units[r].founded == event.date for r in event.results)
        elif event.kind is EventKind.DISSOLVE:
            assert event.originals
            assert all(units[o].dissolved == event.date for o in event.originals)
        elif event.kind is EventKind.MERGE:
            assert len(event.originals) >= 2
            assert len(event.results) == 1
            assert all(units[o].dissolved == event.date for o in event.originals)
            assert units[event.results[0]].founded == event.date
        else:
            assert event.kind is EventKind.MOVE
            assert event.date == REORG
            (new_parent,) = event.results
            assert units[new_parent].alive_on(event.date)
            for moved in event.originals:
                assert admin_from[moved, new_parent] == event.date
                assert event.date in ends[moved]
                assert small_h.as_of(BEFORE).parent(moved) != new_parent


def test_every_grassroots_of_ended_units_moves(small: Dataset, small_h: Hierarchy) -> None:
    moved = {o for e in small.events if e.kind is EventKind.MOVE for o in e.originals}
    before, after = small_h.as_of(BEFORE), small_h.as_of(REORG)
    ended = set(before) - set(after)
    expected = {
        g for g in before.units_of_kind("grassroots") if g in after and before.parent(g) in ended
    }
    assert expected
    assert moved == expected
    assert {after.kind(after.parent(g) or "") for g in moved} == {"commune", "provincial"}


def test_second_parents(small: Dataset) -> None:
    kind = {u.id: u.kind for u in small.units}
    guidance = [link for link in small.links if link.relation == "guidance"]
    assert {kind[link.parent] for link in guidance} == {"central_sector"}
    assert {kind[link.child] for link in guidance} == {"grassroots"}
    assert 0.03 * 2_000 <= len({link.child for link in guidance}) <= 0.05 * 2_000
    assert {link.valid_to for link in guidance} <= {None, REORG} | {
        u.dissolved for u in small.units if u.dissolved is not None
    }


def test_names_nfc_and_unique_under_each_parent(small: Dataset) -> None:
    names = {u.id: u.name for u in small.units}
    assert all(unicodedata.is_normalized("NFC", n) for n in names.values())
    children: defaultdict[str, set[str]] = defaultdict(set)
    for link in small.links:
        children[link.parent].add(link.child)
    for parent, kids in children.items():
        keys = Counter(name_key(names[k]) for k in kids)
        assert keys.most_common(1)[0][1] == 1, parent


def test_deterministic() -> None:
    a = national_history(grassroots=300, direct_superiors=12, seed=7)
    assert a == national_history(grassroots=300, direct_superiors=12, seed=7)
    assert a != national_history(grassroots=300, direct_superiors=12, seed=8)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"grassroots": 50, "provinces_before": 5, "provinces_after": 5, "direct_superiors": 3},
        {"grassroots": 50, "provinces_before": 5, "provinces_after": 1, "central_sectors": 0},
        {"grassroots": 0, "direct_superiors": 0},
        {"grassroots": 40, "direct_superiors": 300, "second_parent_share": 1.0},
    ],
)
def test_other_shapes_are_consistent(kwargs: dict[str, int]) -> None:
    ds = national_history(**kwargs)
    h = Hierarchy(ds)
    for day in (pendulum.Date(2023, 12, 31), *h.boundaries()):
        _check_one_admin_parent(h, day)
    after = h.as_of(REORG)
    assert len(after.units_of_kind("provincial")) == kwargs.get("provinces_after", 34)
    _assert_valid(ds)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"grassroots": -1},
        {"provinces_after": 64},
        {"provinces_after": 0},
        {"second_parent_share": 1.5},
    ],
)
def test_bad_arguments(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        national_history(**kwargs)  # type: ignore[arg-type]


def _assert_valid(ds: Dataset) -> None:
    """Run thidua.validate when it exists (it is optional for these tests)."""
    validate = getattr(thidua, "validate", None)
    if validate is None:
        return
    report = validate(ds)
    assert report.ok, str(report)
    assert not report.warnings, str(report)


def test_validates_clean(small: Dataset) -> None:
    if getattr(thidua, "validate", None) is None:
        pytest.skip("thidua.validate is not available yet")
    _assert_valid(small)


@pytest.mark.slow
def test_full_size_structure() -> None:
    ds = national_history()
    h = Hierarchy(ds)
    assert sum(u.kind == "grassroots" for u in ds.units) == 150_000
    for day in (pendulum.Date(2024, 1, 1), BEFORE, REORG, pendulum.Date(2026, 12, 1)):
        _check_one_admin_parent(h, day)
    assert len(h.as_of(REORG).units_of_kind("provincial")) == 34
    assert len(h.as_of(REORG).descendants("TLD")) == len(h.as_of(REORG)) - 1
    _assert_valid(ds)


@settings(max_examples=25, deadline=None)
@given(
    before=st.integers(1, 12),
    drop=st.integers(0, 11),
    sectors=st.integers(0, 4),
    superiors=st.integers(0, 30),
    grassroots=st.integers(0, 120),
    share=st.floats(0, 1),
    seed=st.integers(0, 2**32 - 1),
)
def test_any_shape_is_consistent(
    before: int, drop: int, sectors: int, superiors: int, grassroots: int, share: float, seed: int
) -> None:
    after = max(1, before - drop)
    ds = national_history(
        grassroots=grassroots,
        provinces_before=before,
        provinces_after=after,
        central_sectors=sectors,
        direct_superiors=superiors,
        second_parent_share=share,
        seed=seed,
    )
    h = Hierarchy(ds)
    for day in (pendulum.Date(2023, 12, 31), *h.boundaries()):
        _check_one_admin_parent(h, day)
    assert len(h.as_of(REORG).units_of_kind("provincial")) == after
    assert len(h.as_of(BEFORE).units_of_kind("provincial")) == before
    _assert_valid(ds)
