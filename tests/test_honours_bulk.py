"""propose_all gives, for every unit, exactly what propose gives for that proposer."""

from __future__ import annotations

import numpy as np
import pytest

from thidua import load
from thidua.datasets import hanoi_path
from thidua.errors import InvalidArgumentError
from thidua.honours import (
    ProposerQuota,
    ShareQuota,
    ThemeQuota,
    load_catalogue,
    propose,
    propose_all,
)
from thidua.people import History, Membership, Person, Rating
from thidua.periods import Period
from thidua.workspace import Workspace


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return load(hanoi_path())


def _sample(ws: Workspace, count: int = 25) -> list[str]:
    """Units with eligible members and no unit below them on 31/12/2024."""
    every = propose_all(ws, "LDTT", "2024", quota=())
    snap = ws.hierarchy.as_of(Period.year(2024).end.subtract(days=1))
    units = [every.history.subjects[int(u)] for u in np.unique(every.unit)]
    leaves = [u for u in units if u in snap and not snap.descendants(u)]
    assert len(leaves) >= count
    return leaves[:: max(1, len(leaves) // count)][:count]


QUOTAS: list[object] = [
    "15%",
    2,
    (ShareQuota(honour="CSTDCS", share="30%"), ProposerQuota(honour="CSTDCS", limit=1)),
    (),
]


@pytest.mark.parametrize("quota", QUOTAS, ids=["share", "count", "both", "none"])
def test_every_unit_as_propose(ws: Workspace, quota: object) -> None:
    every = propose_all(ws, "CSTDCS", "2024", quota=quota)  # type: ignore[arg-type]
    cut = 0
    for unit in _sample(ws):
        mine = propose(ws, "CSTDCS", "2024", proposer=unit, quota=quota)  # type: ignore[arg-type]
        assert every.of_unit(unit) == mine.proposed, unit
        cut += len(mine.cut)
    if quota != ():
        assert cut > 0  # the quota bites in the sample
    assert int(every.proposed.sum()) <= len(every)


def test_orderings_and_ldtt(ws: Workspace) -> None:
    for order in (("id",), ("women",), None):
        every = propose_all(ws, "LDTT", "2024", quota=3, order=order)
        for unit in _sample(ws, 10):
            assert (
                every.of_unit(unit)
                == propose(ws, "LDTT", "2024", proposer=unit, quota=3, order=order).proposed
            )


def test_women_first_on_a_history() -> None:
    people = [
        Person(id="P1", name="An", gender="male"),
        Person(id="P2", name="Bình", gender="female"),
        Person(id="P3", name="Chi", gender="female"),
    ]
    h = History.from_records(
        people=people,
        memberships=[Membership(person=p.id, unit="CD1", valid_from="2020-01-01") for p in people],
        ratings=[Rating(subject=p.id, period="2024", rating="HTXS") for p in people],
    )
    result = propose_all(h, "CSTDCS", "2024", quota=2, catalogue=load_catalogue())
    assert result.of_unit("CD1") == ("P2", "P3")
    assert result.rank.tolist() == [1, 2, 3]
    by_id = propose_all(h, "CSTDCS", "2024", quota=2, order=("id",))
    assert by_id.of_unit("CD1") == ("P1", "P2")
    given = propose_all(h, "CSTDCS", "2024", quota=1, female=[True, False, False, False])
    assert given.of_unit("CD1") == ("P1",)
    assert "2 proposed, 1 cut by quota" in repr(result)


def test_refuses_what_it_cannot_do(ws: Workspace) -> None:
    with pytest.raises(InvalidArgumentError, match="per unit only"):
        propose_all(ws, "CSTDCS", "2024", quota=ThemeQuota(honour="CSTDCS", limit=3))
    with pytest.raises(InvalidArgumentError, match="not a sort key"):
        propose_all(ws, "CSTDCS", "2024", order=lambda c: c.subject)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="unknown ordering"):
        propose_all(ws, "CSTDCS", "2024", order=("age",))
    with pytest.raises(InvalidArgumentError, match="cluster leaders"):
        propose_all(ws, "CO_BO", "2024")


def test_of_unit_without_candidates_and_unknown(ws: Workspace) -> None:
    from thidua.errors import UnknownNameError

    every = propose_all(ws, "CSTDCS", "2024", quota="15%")
    assert every.of_unit("TLD" if "TLD" in ws.unit_ids() else "HN") == ()
    with pytest.raises(UnknownNameError):
        every.of_unit("NO-SUCH-UNIT")
