"""One broken dataset per problem kind: each yields its code (and only it)."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pendulum
import pytest

from thidua import (
    ChangeEvent,
    Dataset,
    EventKind,
    GroupMember,
    Hierarchy,
    Link,
    Pointer,
    Role,
    Unit,
    validate,
)
from thidua.problems import CODES, Severity
from thidua.testing import assert_codes, tiny_dataset

D = pendulum.Date
REORG = D(2025, 7, 1)


def replace_unit(ds: Dataset, uid: str, **changes: object) -> Dataset:
    units = tuple(attrs.evolve(u, **changes) if u.id == uid else u for u in ds.units)
    return attrs.evolve(ds, units=units)


def replace_link(ds: Dataset, child: str, parent: str, **changes: object) -> Dataset:
    links = tuple(
        attrs.evolve(k, **changes) if (k.child, k.parent) == (child, parent) else k
        for k in ds.links
    )
    return attrs.evolve(ds, links=links)


def add(ds: Dataset, **extra: tuple[object, ...]) -> Dataset:
    return attrs.evolve(ds, **{k: (*getattr(ds, k), *v) for k, v in extra.items()})


def drop_links(ds: Dataset, pred: Callable[[Link], bool]) -> Dataset:
    return attrs.evolve(ds, links=tuple(k for k in ds.links if not pred(k)))


def replace_event(ds: Dataset, eid: str, **changes: object) -> Dataset:
    events = tuple(attrs.evolve(e, **changes) if e.id == eid else e for e in ds.events)
    return attrs.evolve(ds, events=events)


BASE = tiny_dataset()
G = Unit(id="G9", name="Công đoàn cơ sở mới", kind="grassroots")

CASES: dict[str, tuple[Dataset, set[str]]] = {
    "duplicate unit id": (
        add(BASE, units=(Unit(id="G1", name="Bản sao", kind="grassroots"),)),
        {"H001"},
    ),
    "link to unknown unit": (add(BASE, links=(Link(child="G1", parent="NOPE"),)), {"H002"}),
    "unknown kind": (replace_unit(BASE, "G1", kind="ward_union"), {"H003"}),
    "cycle in a non-admin relation": (
        add(
            BASE,
            links=(
                Link(child="G1", parent="G2", relation="mentor"),
                Link(child="G2", parent="G1", relation="mentor"),
            ),
        ),
        {"H004", "H006"},
    ),
    "self link": (add(BASE, links=(Link(child="G1", parent="G1", relation="mentor"),)), {"H004"}),
    "two admin parents": (
        add(BASE, links=(Link(child="G1", parent="HN", valid_from=D(2025, 1, 1), valid_to=REORG),)),
        {"H005"},
    ),
    "rank inversion": (
        add(
            BASE,
            units=(Unit(id="X", name="Liên đoàn Lao động X", kind="district"),),
            links=(Link(child="X", parent="G1"),),
        ),
        {"H006"},
    ),
    "link outside lifetime": (
        replace_link(BASE, "W1", "HN", valid_from=D(2025, 6, 1)),
        {"H007"},
    ),
    "unit orphaned by dissolved parent": (
        drop_links(BASE, lambda k: k.child == "G1" and k.parent == "W1"),
        {"H008", "H024"},
    ),
    "reversed interval": (
        replace_link(BASE, "D1", "HN", valid_from=D(2025, 7, 1), valid_to=D(2020, 1, 1)),
        {"H009", "H012"},
    ),
    "zero-length lifetime": (
        add(
            BASE,
            units=(
                Unit(
                    id="Z",
                    name="Z",
                    kind="grassroots",
                    founded=D(2024, 1, 1),
                    dissolved=D(2024, 1, 1),
                ),
            ),
        ),
        {"H009"},
    ),
    "overlapping duplicate links": (
        add(BASE, links=(Link(child="G2", parent="D1", valid_from=D(2024, 1, 1), valid_to=REORG),)),
        {"H010"},
    ),
    "siblings with the same name": (
        add(
            BASE,
            units=(Unit(id="G9", name="CÔNG ĐOÀN CƠ SỞ  Công ty Hoà Bình", kind="grassroots"),),
            links=(
                Link(child="G9", parent="D1", valid_to=REORG),
                Link(child="G9", parent="W1", valid_from=REORG),
            ),
        ),
        {"H011"},
    ),
    "unit without admin parent": (add(BASE, units=(G,)), {"H012"}),
    "missing name": (replace_unit(BASE, "G1", name="  "), {"H013"}),
    "unknown declared root": (attrs.evolve(BASE, roots=("NOPE",)), {"H014"}),
    "event names unknown unit": (
        replace_event(BASE, "E3", originals=("G1", "G2", "NOPE")),
        {"H020"},
    ),
    "merged unit still alive": (
        add(
            BASE,
            units=(Unit(id="M", name="Công đoàn hợp nhất", kind="grassroots", founded=REORG),),
            links=(Link(child="M", parent="W1", valid_from=REORG),),
            events=(
                ChangeEvent(
                    id="E9", kind=EventKind.MERGE, date=REORG, originals=("G1", "G2"), results="M"
                ),
            ),
        ),
        {"H021"},
    ),
    "split shares not summing to 1": (
        add(
            drop_links(
                attrs.evolve(
                    replace_unit(BASE, "G3", dissolved=REORG),
                    events=tuple(e for e in BASE.events if e.id != "E4"),
                ),
                lambda k: k.child == "G3" and k.parent == "HN",
            ),
            units=(
                Unit(id="A", name="Công đoàn A", kind="grassroots", founded=REORG),
                Unit(id="B", name="Công đoàn B", kind="grassroots", founded=REORG),
            ),
            links=(
                Link(child="A", parent="HN", valid_from=REORG),
                Link(child="B", parent="HN", valid_from=REORG),
            ),
            events=(
                ChangeEvent(
                    id="E9",
                    kind=EventKind.SPLIT,
                    date=REORG,
                    originals="G3",
                    results=("A", "B"),
                    shares=(0.5, 0.4),
                ),
            ),
        ),
        {"H022"},
    ),
    "event result not alive": (
        replace_event(BASE, "E4", results=("D1",)),
        {"H023"},
    ),
    "move disagrees with links": (
        replace_event(BASE, "E4", results=("W1",)),
        {"H024"},
    ),
    "rename without a name": (replace_event(BASE, "E5", name=None), {"H025"}),
    "wrong number of units in an event": (
        replace_event(BASE, "E3", results=()),
        {"H026"},
    ),
    "duplicate event id": (
        add(BASE, events=(attrs.evolve(BASE.events[4], name="Tên khác"),)),
        {"H027"},
    ),
    "found event date differs from founding": (
        replace_event(BASE, "E2", date=D(2025, 6, 1)),
        {"H028"},
    ),
    "group member unknown": (
        add(BASE, members=(GroupMember(group="C1", unit="NOPE"),)),
        {"H030"},
    ),
    "group member outside lifetime": (
        add(BASE, members=(GroupMember(group="C1", unit="W1", valid_from=D(2024, 1, 1)),)),
        {"H031"},
    ),
    "leader not a member": (
        add(
            BASE,
            members=(
                GroupMember(
                    group="C1",
                    unit="S1",
                    valid_from=D(2025, 1, 1),
                    valid_to=REORG,
                    role=Role.LEADER,
                ),
            ),
        ),
        {"H032"},
    ),
    "duplicate group id": (add(BASE, groups=(BASE.groups[0],)), {"H033"}),
    "two leaders at once": (
        add(
            BASE,
            members=(
                GroupMember(group="C1", unit="S1", valid_from=D(2024, 1, 1), valid_to=REORG),
                GroupMember(
                    group="C1",
                    unit="S1",
                    valid_from=D(2024, 6, 1),
                    valid_to=D(2025, 1, 1),
                    role=Role.LEADER,
                ),
            ),
        ),
        {"H034"},
    ),
}


def test_base_is_valid() -> None:
    assert validate(BASE).problems == ()


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_problem_kind_gives_its_code(case: str) -> None:
    dataset, expected = CASES[case]
    assert_codes(validate(dataset), expected)


def test_every_hierarchy_code_is_exercised() -> None:
    covered = set().union(*(codes for _, codes in CASES.values()))
    hierarchy_codes = {c for c in CODES if c.startswith("H")}
    assert hierarchy_codes <= covered, sorted(hierarchy_codes - covered)


def test_messages_name_units_by_id_and_name() -> None:
    dataset, _ = CASES["two admin parents"]
    (p,) = validate(dataset)
    assert "'G1' (Công đoàn cơ sở Trường Tiểu học Kim Liên)" in p.message
    assert "'HN' (Liên đoàn Lao động thành phố Hà Nội)" in p.message
    assert "'D1' (Liên đoàn Lao động quận Đống Đa)" in p.message
    assert p.subject == "G1"
    assert p.severity is Severity.ERROR


def test_pointer_is_narrowed_to_the_field() -> None:
    src = Pointer(file="links.csv", row=12, headers={"valid_from": "Từ ngày"})
    ds = add(
        BASE,
        links=(
            Link(child="G1", parent="HN", valid_from=D(2025, 1, 1), valid_to=REORG, source=src),
        ),
    )
    (p,) = validate(ds)
    assert str(p.pointer) == "links.csv row 12, column Từ ngày"


def test_all_problems_in_one_pass() -> None:
    ds = replace_unit(replace_unit(BASE, "G1", kind="ward_union"), "G2", name="")
    ds = replace_unit(ds, "G3", name=" ")
    ds = add(ds, groups=(BASE.groups[0],))
    report = validate(ds)
    assert_codes(report, {"H003", "H013", "H033"})
    assert len(report.by_code("H013")) == 2


def test_validate_on_a_date_restricts_dated_checks() -> None:
    dataset, _ = CASES["two admin parents"]
    assert validate(dataset, on="2024-06-01").ok
    assert_codes(validate(dataset, on="2025-03-01"), {"H005"})
    # record checks run whatever the date
    assert_codes(validate(CASES["missing name"][0], on="2024-06-01"), {"H013"})


def test_validate_accepts_a_prebuilt_hierarchy() -> None:
    dataset, _ = CASES["unknown kind"]
    assert_codes(validate(Hierarchy(dataset)), {"H003"})


def test_cycle_reported_with_its_first_date() -> None:
    ds = add(
        BASE,
        links=(Link(child="HN", parent="G3", relation="mentor", valid_from=D(2024, 5, 1)),),
    )
    ds = add(ds, links=(Link(child="G3", parent="HN", relation="mentor"),))
    cycles = validate(ds).by_code("H004")
    assert len(cycles) == 1
    assert "from 2024-05-01" in cycles[0].message


def test_dated_cycle_absent_when_intervals_do_not_meet() -> None:
    ds = add(
        BASE,
        links=(
            Link(child="G1", parent="G2", relation="mentor", valid_to=D(2024, 1, 1)),
            Link(child="G2", parent="G1", relation="mentor", valid_from=D(2024, 1, 1)),
        ),
    )
    assert "H004" not in validate(ds).codes()


def test_open_link_ends_follow_lifetimes() -> None:
    # G9 founded in 2024 with an open-start link: no H007, no gap.
    g9 = Unit(id="G9", name="Công đoàn cơ sở mới", kind="grassroots", founded=D(2024, 3, 1))
    ds = add(BASE, units=(g9,), links=(Link(child="G9", parent="HN"),))
    assert validate(ds).ok
    assert validate(ds).problems == ()


def test_declared_root_silences_missing_parent_warning() -> None:
    ds = add(BASE, units=(G,))
    assert "H012" in validate(ds).codes()
    assert validate(attrs.evolve(ds, roots=("G9",))).problems == ()


def test_many_cycles_use_component_search() -> None:
    # More suspicious links than the per-link search handles: the SCC path runs.
    units = tuple(Unit(id=f"U{i}", name=f"U{i}", kind="x") for i in range(1200))
    links = tuple(Link(child=f"U{i}", parent=f"U{(i + 1) % 1200}") for i in range(1200))
    ds = Dataset(units=units, links=links, roots=("U0",))
    report = validate(ds, max_per_code=None)
    assert len(report.by_code("H004")) == 1
    assert len(report.by_code("H003")) == 1200
