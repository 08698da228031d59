"""The bulk helpers the fast validation rests on, each against its one-at-a-time meaning."""

from __future__ import annotations

import re
import sys
import unicodedata

import attrs
import numpy as np
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import strategies
from tests.reference_validation import validate as reference_validate
from tests.validation_corruptions import corrupted
from thidua import Dataset, Hierarchy, Link, Unit, validate
from thidua._dates import MAX_ORD, MIN_ORD, from_ordinal
from thidua._text import name_key
from thidua.datasets.national import national_history
from thidua.hierarchy._checks._context import Context, admin_parents_on, unit_columns
from thidua.hierarchy._checks._intervals import coverage_gaps
from thidua.hierarchy._checks._names import _ASCII_SPACE, coarse_keys, name_keys

D = pendulum.Date

# Whitespace of every kind, marks, NUL, tone placements old and new, Ð, ß.
_ODD = " \t\n\x0b\x0c\r\x1c\x1f\x85\xa0\u1680\u2000\u2028\u3000\u0300\u0301\u0323\x00ßÐðĐđ"
_TEXT = st.text(
    st.sampled_from(sorted(set("aoeuyiòóỏõọùúủũụàáảãạèéẻẽẹỳýỷỹỵHOAUYbnk1" + _ODD))),
    max_size=12,
)


@given(st.lists(strategies.names() | _TEXT, max_size=8))
def test_name_keys_equal_the_keys_one_by_one(names: list[str]) -> None:
    assert name_keys(names) == [name_key(n) for n in names]


@given(st.lists(strategies.names() | _TEXT, min_size=2, max_size=6))
def test_equal_name_keys_give_equal_coarse_keys(names: list[str]) -> None:
    coarse = coarse_keys(names)
    assert len(coarse) == len(names)
    keys = [name_key(n) for n in names]
    for i in range(len(names)):
        for j in range(len(names)):
            if keys[i] == keys[j]:
                assert coarse[i] == coarse[j], (names[i], names[j])


_OLD_TONE = {"oà": "òa", "uỳ": "ùy", "oé": "óe"}


def _spellings(name: str) -> list[str]:
    """Ways of writing *name* that read the same."""
    return [
        name,
        name.upper(),
        "  " + name.replace(" ", " \t\xa0 ") + "\u3000",
        unicodedata.normalize("NFD", name),
        # the old tone placement, on open diphthongs only (no letter or digit after)
        re.sub(r"(?:oà|uỳ|oé)(?!\w)", lambda m: _OLD_TONE[m.group()], name),
        name.replace("Đ", "Ð").replace("đ", "ð"),
    ]


@settings(max_examples=200)
@given(strategies.names())
def test_every_spelling_of_a_name_has_its_coarse_key(name: str) -> None:
    spellings = _spellings(unicodedata.normalize("NFC", name))
    assert len({name_key(s) for s in spellings}) == 1
    assert len(set(coarse_keys(spellings))) == 1


def test_coarse_keys_of_vietnamese_spellings() -> None:
    spellings = _spellings("Công đoàn cơ sở Hoà Bình, Thuỷ lợi, Xoè")
    assert len(set(coarse_keys(spellings))) == 1
    assert coarse_keys(["Hòa", "Hoa", "Hà"]) == [b"hoa", b"hoa", b"ha"]
    # Names holding NUL are keyed one by one, with the same result.
    assert coarse_keys(["a\x00b", "A\x00B "]) == [name_key("a\x00b").encode()] * 2
    assert name_keys(["a\x00b", " x "]) == [name_key("a\x00b"), "x"]


def test_coarse_keys_drop_every_whitespace() -> None:
    # The argument of _names: each whitespace character folds to nothing.
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    ascii_spaces = bytes(ord(c) for c in spaces if ord(c) < 128)
    assert sorted(ascii_spaces) == sorted(_ASCII_SPACE)
    assert coarse_keys(spaces) == [b""] * len(spaces)


@pytest.fixture(scope="module")
def broken() -> Dataset:
    ds = national_history(
        grassroots=300,
        direct_superiors=10,
        provinces_before=6,
        provinces_after=4,
        central_sectors=3,
    )
    for name in ("gaps", "overlapping_links", "cycles", "bad_units", "duplicate_ids"):
        ds = corrupted(ds, name, count=20, seed=7)
    return ds


def test_admin_parents_match_the_snapshots(broken: Dataset) -> None:
    h = Hierarchy(broken)
    units = np.arange(len(h), dtype=np.int64)
    for text in ("2024-01-01", "2024-06-30", "2025-01-01", "2025-06-30", "2025-07-01"):
        day = D.fromisoformat(text).toordinal()
        for d in (day - 1, day, day + 1):
            expected = h.as_of(from_ordinal(d)).parent_array()
            got = admin_parents_on(h, units, np.full(units.size, d, dtype=np.int64))
            np.testing.assert_array_equal(got, expected)
    # mixed days, repeated units, in any order
    rng = np.random.default_rng(1)
    some = rng.integers(0, len(h), 500)
    days = rng.integers(D(2023, 12, 1).toordinal(), D(2026, 2, 1).toordinal(), 500)
    got = admin_parents_on(h, some, days)
    for u, d, p in zip(some.tolist(), days.tolist(), got.tolist(), strict=True):
        assert p == h.as_of(from_ordinal(d)).parent_array()[u]
    assert admin_parents_on(h, some[:0], days[:0]).size == 0


def test_linked_on_matches_the_records(broken: Dataset) -> None:
    extra = (Link(child=broken.units[5].id, parent="NOPE", valid_from=D(2026, 5, 1)),)
    ds = attrs.evolve(broken, links=(*broken.links, *extra))
    ctx = Context(Hierarchy(ds))
    for uid in [u.id for u in ds.units[:60]] + [ds.units[5].id]:
        for text in ("2024-03-01", "2025-07-01", "2026-06-01"):
            day = D.fromisoformat(text)
            expected = any(uid in (k.child, k.parent) and k.valid_on(day) for k in ds.links)
            assert ctx.linked_on(uid, day.toordinal()) is expected


def test_unit_columns_with_and_without_duplicates(broken: Dataset) -> None:
    for ds in (broken, attrs.evolve(broken, units=broken.units[:40])):
        cols = unit_columns(Hierarchy(ds))
        assert cols.ids == tuple(u.id for u in ds.units)
        assert cols.names == tuple(u.name for u in ds.units)
        assert cols.kinds == tuple(u.kind for u in ds.units)
        founded = [MIN_ORD if u.founded is None else u.founded.toordinal() for u in ds.units]
        dissolved = [MAX_ORD if u.dissolved is None else u.dissolved.toordinal() for u in ds.units]
        assert cols.founded.tolist() == founded
        assert cols.dissolved.tolist() == dissolved


def _gaps_one_by_one(
    group: list[int], start: list[int], end: list[int], lower: list[int], upper: list[int]
) -> list[tuple[int, int, int, int]]:
    """The gaps of :func:`coverage_gaps`, in its order, found group by group."""
    first: list[tuple[int, int, int, int]] = []
    middle: list[tuple[int, int, int, int]] = []
    last: list[tuple[int, int, int, int]] = []
    for g in sorted(set(group)):
        rows = sorted((start[i], i) for i in range(len(group)) if group[i] == g)
        s0 = rows[0][0]
        if lower[g] != MIN_ORD and s0 > lower[g]:
            first.append((g, lower[g], s0, -1))
        reach, ender = end[rows[0][1]], rows[0][1]
        for s, i in rows[1:]:
            if s > reach:
                middle.append((g, reach, s, ender))
            if end[i] >= reach:
                reach, ender = end[i], i
        if reach < upper[g]:
            last.append((g, reach, upper[g], ender))
    return first + middle + last


@settings(max_examples=300)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(1, 30), st.integers(1, 12)),
        min_size=1,
        max_size=14,
    ),
    st.lists(st.sampled_from([MIN_ORD, 1, 5]), min_size=4, max_size=4),
    st.lists(st.sampled_from([MAX_ORD, 20, 40]), min_size=4, max_size=4),
)
def test_coverage_gaps_match_a_plain_sweep(
    rows: list[tuple[int, int, int]], lower: list[int], upper: list[int]
) -> None:
    group = [g for g, _, _ in rows]
    start = [s for _, s, _ in rows]
    end = [s + n for _, s, n in rows]
    got = coverage_gaps(
        np.array(group, dtype=np.int64),
        np.array(start, dtype=np.int64),
        np.array(end, dtype=np.int64),
        np.array(lower, dtype=np.int64),
        np.array(upper, dtype=np.int64),
    )
    assert got == _gaps_one_by_one(group, start, end, lower, upper)


def test_sibling_clusters_keep_the_order_of_first_appearance() -> None:
    # 'Hòa' first appears under P2 (no clash there), 'Bình' first under P1; under P1 both
    # clash.  The problems come in the order of the names' first appearance.
    units = [Unit(id="TLD", name="TLĐ", kind="central")]
    units += [Unit(id=f"P{i}", name=f"Tỉnh {i}", kind="provincial") for i in (1, 2)]
    names = [("A", "P2", "Hòa"), ("B", "P1", "Bình"), ("C", "P1", "BÌNH"), ("E", "P1", "Hoà")]
    names += [("F", "P1", "hòa"), ("G", "P2", "Hoa"), ("H", "P1", "Hà")]
    units += [Unit(id=i, name=n, kind="grassroots") for i, _, n in names]
    links = [Link(child=f"P{i}", parent="TLD") for i in (1, 2)]
    links += [Link(child=i, parent=p) for i, p, _ in names]
    ds = Dataset(units=tuple(units), links=tuple(links))
    new, old = validate(ds), reference_validate(ds)
    assert [p.message for p in new.by_code("H011")] == [p.message for p in old.by_code("H011")]
    assert len(new.by_code("H011")) == 2
    assert new.problems == old.problems
