"""Property-based tests of roll_up on random forests, DAGs and reorganisations."""

from __future__ import annotations

import math

import networkx as nx
import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua import ChangeEvent, Dataset, EventKind, Hierarchy, Link, Unit
from thidua.figures import Figure, Figures
from thidua.periods import Period
from thidua.rollup import roll_up

D = pendulum.Date
Y24 = Period.year(2024)
QUARTERS = Period.year(2024).quarters()
SETTINGS = settings(max_examples=150, deadline=None)


def _uid(i: int) -> str:
    return f"U{i:02d}"


@st.composite
def parent_lists(draw: st.DrawFn, max_size: int = 25) -> list[int]:
    """Parent index of each unit (-1 for the root, always unit 0); parents come first."""
    n = draw(st.integers(1, max_size))
    return [-1] + [draw(st.integers(0, i - 1)) for i in range(1, n)]


def _nan0(x: float) -> float:
    return 0.0 if math.isnan(x) else x


# -- (1) the root total of a sum is the sum of the placed figures ------------------------


@st.composite
def forests_with_figures(draw: st.DrawFn) -> tuple[Hierarchy, list[Figure], float]:
    parents = draw(parent_lists())
    n = len(parents)
    has_child = set(parents)
    ends = [D(2024, 4, 1), D(2024, 7, 1), D(2024, 10, 1)]
    dissolved: dict[int, pendulum.Date] = {}
    for i in range(1, n):
        if i not in has_child and draw(st.booleans()):
            dissolved[i] = draw(st.sampled_from(ends))
    units = [
        Unit(id=_uid(i), name=_uid(i), kind="grassroots", dissolved=dissolved.get(i))
        for i in range(n)
    ]
    links = [
        Link(child=_uid(i), parent=_uid(p), valid_to=dissolved.get(i))
        for i, p in enumerate(parents)
        if p >= 0
    ]
    figures: list[Figure] = []
    expected = 0.0
    used: set[tuple[int, Period]] = set()
    for _ in range(draw(st.integers(0, 30))):
        i = draw(st.integers(0, n - 1))
        q = draw(st.sampled_from(QUARTERS))
        if (i, q) in used:  # a duplicate figure is an error and never summed
            continue
        used.add((i, q))
        value = float(draw(st.integers(0, 1000)))
        figures.append(Figure(unit=_uid(i), indicator="new_members", period=q, value=value))
        if i not in dissolved or dissolved[i] >= q.end:  # alive on the quarter's last day
            expected += value
    return Hierarchy(Dataset(units=units, links=links)), figures, expected


@SETTINGS
@given(forests_with_figures())
def test_root_total_is_sum_of_figures_of_units_alive(
    case: tuple[Hierarchy, list[Figure], float],
) -> None:
    h, records, expected = case
    r = roll_up(
        h, Figures.from_records(records), Y24, indicators=["new_members"], as_of="2024-01-01"
    )
    assert _nan0(r.value(_uid(0), "new_members")) == expected
    placed = len(records) - len(r.unplaced)
    assert placed == sum(c.figure is not None for c in r.provenance(_uid(0), "new_members"))


# -- (2) double paths: every ancestor counts each distinct descendant once -------------------


@st.composite
def dags_with_figures(draw: st.DrawFn) -> tuple[Hierarchy, dict[str, float], nx.DiGraph]:  # type: ignore[type-arg]
    parents = draw(parent_lists())
    n = len(parents)
    links = [Link(child=_uid(i), parent=_uid(p)) for i, p in enumerate(parents) if p >= 0]
    graph: nx.DiGraph = nx.DiGraph()  # type: ignore[type-arg]
    graph.add_nodes_from(_uid(i) for i in range(n))
    graph.add_edges_from((_uid(p), _uid(i)) for i, p in enumerate(parents) if p >= 0)
    for i in range(1, n):
        if draw(st.booleans()):
            j = draw(st.integers(0, i - 1))
            links.append(Link(child=_uid(i), parent=_uid(j), relation="guidance"))
            graph.add_edge(_uid(j), _uid(i))
    units = [Unit(id=_uid(i), name=_uid(i), kind="grassroots") for i in range(n)]
    reported = draw(
        st.dictionaries(st.sampled_from([_uid(i) for i in range(n)]), st.integers(0, 99))
    )
    return (
        Hierarchy(Dataset(units=units, links=links)),
        {u: float(v) for u, v in reported.items()},
        graph,
    )


@SETTINGS
@given(dags_with_figures())
def test_double_paths_counted_once(case: tuple[Hierarchy, dict[str, float], nx.DiGraph]) -> None:  # type: ignore[type-arg]
    h, reported, graph = case
    figs = Figures.from_records(
        [Figure(unit=u, indicator="initiatives", period=Y24, value=v) for u, v in reported.items()]
    )
    both = ("admin", "guidance") if "guidance" in h.relations else "admin"
    r = roll_up(h, figs, Y24, indicators=["initiatives"], relation=both)
    every = roll_up(h, figs, Y24, indicators=["initiatives"], relation=None)
    for u in graph.nodes:
        below = nx.descendants(graph, u) | {u}
        hits = [reported[v] for v in below if v in reported]
        want = sum(hits) if hits else math.nan
        got = r.value(u, "initiatives")
        assert (math.isnan(got) and math.isnan(want)) or got == want
        assert _nan0(every.value(u, "initiatives")) == _nan0(want)
        cov = r.coverage(u, "initiatives")
        assert cov.expected == len(below)
        assert cov.reported == len(hits)
        assert set(cov.missing) == {v for v in below if v not in reported}


# -- (3) restating across merges and splits keeps the national total ---------------------------


@st.composite
def reorganisations(draw: st.DrawFn) -> tuple[Hierarchy, list[Figure], float, float]:
    units = [Unit(id="R", name="R", kind="provincial")]
    links: list[Link] = []
    events: list[ChangeEvent] = []
    counter = iter(range(10_000))
    k = draw(st.integers(1, 12))
    alive = [f"A{i}" for i in range(k)]
    founded: dict[str, pendulum.Date | None] = dict.fromkeys(alive)
    ended: dict[str, pendulum.Date] = {}
    rounds = [D(2025, 1, 1), D(2025, 7, 1)][: draw(st.integers(1, 2))]
    for day in rounds:
        nxt: list[str] = []
        i = 0
        while i < len(alive):
            action = draw(st.sampled_from(["keep", "split", "merge"]))
            size = draw(st.integers(2, 3))
            if action == "merge" and i + 1 < len(alive):
                originals = alive[i : i + size]
                new = f"M{next(counter)}"
                events.append(
                    ChangeEvent(
                        id=f"E{next(counter)}",
                        kind=EventKind.MERGE,
                        date=day,
                        originals=tuple(originals),
                        results=(new,),
                    )
                )
                for o in originals:
                    ended[o] = day
                founded[new] = day
                nxt.append(new)
                i += len(originals)
            elif action == "split":
                original = alive[i]
                weights = [draw(st.integers(1, 9)) for _ in range(size)]
                news = [f"S{next(counter)}" for _ in range(size)]
                events.append(
                    ChangeEvent(
                        id=f"E{next(counter)}",
                        kind=EventKind.SPLIT,
                        date=day,
                        originals=(original,),
                        results=tuple(news),
                        shares=tuple(w / sum(weights) for w in weights),
                    )
                )
                ended[original] = day
                for new in news:
                    founded[new] = day
                nxt.extend(news)
                i += 1
            else:
                nxt.append(alive[i])
                i += 1
        alive = nxt
    for uid, start in founded.items():
        units.append(
            Unit(id=uid, name=uid, kind="grassroots", founded=start, dissolved=ended.get(uid))
        )
        links.append(Link(child=uid, parent="R", valid_from=start, valid_to=ended.get(uid)))
    figures: list[Figure] = []
    total_new = total_members = 0.0
    for i in range(k):
        v, m = float(draw(st.integers(0, 10_000))), float(draw(st.integers(0, 10_000)))
        figures.append(Figure(unit=f"A{i}", indicator="new_members", period=Y24, value=v))
        figures.append(Figure(unit=f"A{i}", indicator="members", period=QUARTERS[3], value=m))
        total_new += v
        total_members += m
    return (
        Hierarchy(Dataset(units=units, links=links, events=events)),
        figures,
        total_new,
        total_members,
    )


@SETTINGS
@given(reorganisations())
def test_restating_keeps_the_national_total(
    case: tuple[Hierarchy, list[Figure], float, float],
) -> None:
    h, records, total_new, total_members = case
    r = roll_up(h, Figures.from_records(records), Y24, restate_to="2026-01-01")
    assert len(r.unplaced) == 0
    assert math.isclose(_nan0(r.value("R", "new_members")), total_new, rel_tol=1e-9, abs_tol=1e-9)
    assert math.isclose(_nan0(r.value("R", "members")), total_members, rel_tol=1e-9, abs_tol=1e-9)
    shares = sum(c.share * (c.figure.value or 0) for c in r.provenance("R", "new_members"))
    assert math.isclose(shares, total_new, rel_tol=1e-9, abs_tol=1e-9)


# -- (4) a ratio is the rolled-up numerator over the rolled-up denominator, at every level -------


@st.composite
def ratio_forests(draw: st.DrawFn) -> tuple[Hierarchy, list[Figure]]:
    parents = draw(parent_lists())
    n = len(parents)
    units = [Unit(id=_uid(i), name=_uid(i), kind="grassroots") for i in range(n)]
    links = [Link(child=_uid(i), parent=_uid(p)) for i, p in enumerate(parents) if p >= 0]
    figures: list[Figure] = []
    for i in range(n):
        for code in ("workers_conferences_held", "workers_conferences_due"):
            if draw(st.booleans()):
                period = draw(st.sampled_from([Y24, *QUARTERS]))
                value = float(draw(st.integers(0, 50)))
                figures.append(Figure(unit=_uid(i), indicator=code, period=period, value=value))
    return Hierarchy(Dataset(units=units, links=links)), figures


@SETTINGS
@given(ratio_forests())
def test_ratio_is_numerator_over_denominator_at_every_level(
    case: tuple[Hierarchy, list[Figure]],
) -> None:
    h, records = case
    r = roll_up(h, Figures.from_records(records), Y24, indicators=["workers_conference_rate"])
    for u in r.units:
        num = r.value(u, "workers_conferences_held")
        den = r.value(u, "workers_conferences_due")
        got = r.value(u, "workers_conference_rate")
        if math.isnan(num) or math.isnan(den) or den == 0:
            assert math.isnan(got)
            assert (den == 0) == ("zero_denominator" in r.row(u, "workers_conference_rate").flags)
        else:
            assert math.isclose(got, num / den * 100, rel_tol=1e-12)
