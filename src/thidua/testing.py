"""Helpers for tests, in thidua's own suite and in users' projects.

:func:`tiny_dataset` is a small hand-made history of the 2025 reorganisation
(one district federation and one sector union ended on 01/07/2025, a ward
union founded, grassroots unions moved); :func:`assert_codes` checks that a
report holds exactly the expected problem codes.

Examples:
    >>> ds = tiny_dataset()
    >>> len(ds.units), len(ds.events)
    (8, 5)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

import pendulum

from thidua.hierarchy import (
    ChangeEvent,
    Dataset,
    EventKind,
    Group,
    GroupKind,
    GroupMember,
    Link,
    Role,
    Unit,
)
from thidua.problems import Problem, Report

__all__ = ["assert_codes", "assert_problems", "tiny_dataset"]

_REORG = pendulum.Date(2025, 7, 1)


def tiny_dataset() -> Dataset:
    """A valid eight-unit history around the 01/07/2025 reorganisation.

    Before: TLD → HN → {D1 (district), S1 (sector)}; D1 → {G1, G2, G3}; G3 is
    also guided by S1.  On 01/07/2025 D1 and S1 end, ward union W1 is founded
    under HN, G1 and G2 move to W1 and G3 moves to HN directly.  G2 is renamed
    on 01/03/2024.

    Examples:
        >>> [u.id for u in tiny_dataset().units]
        ['TLD', 'HN', 'D1', 'S1', 'W1', 'G1', 'G2', 'G3']
    """
    d = pendulum.Date
    units = (
        Unit(id="TLD", name="Tổng Liên đoàn Lao động Việt Nam", kind="central"),
        Unit(id="HN", name="Liên đoàn Lao động thành phố Hà Nội", kind="provincial"),
        Unit(
            id="D1",
            name="Liên đoàn Lao động quận Đống Đa",
            kind="district",
            dissolved=_REORG,
            short_name="LĐLĐ Q. Đống Đa",
        ),
        Unit(id="S1", name="Công đoàn ngành Y tế Hà Nội", kind="local_sector", dissolved=_REORG),
        Unit(id="W1", name="Công đoàn phường Kim Liên", kind="commune", founded=_REORG),
        Unit(
            id="G1",
            name="Công đoàn cơ sở Trường Tiểu học Kim Liên",
            kind="grassroots",
            attributes={"sector": "giáo dục", "ownership": "nhà nước"},
        ),
        Unit(id="G2", name="Công đoàn cơ sở Công ty Hòa Bình", kind="grassroots"),
        Unit(id="G3", name="Công đoàn Bệnh viện Đống Đa", kind="grassroots"),
    )
    links = (
        Link(child="HN", parent="TLD"),
        Link(child="D1", parent="HN", valid_to=_REORG),
        Link(child="S1", parent="HN", valid_to=_REORG),
        Link(child="W1", parent="HN", valid_from=_REORG),
        Link(child="G1", parent="D1", valid_to=_REORG),
        Link(child="G2", parent="D1", valid_to=_REORG),
        Link(child="G3", parent="D1", valid_to=_REORG),
        Link(child="G3", parent="S1", relation="guidance", valid_to=_REORG),
        Link(child="G1", parent="W1", valid_from=_REORG),
        Link(child="G2", parent="W1", valid_from=_REORG),
        Link(child="G3", parent="HN", valid_from=_REORG),
    )
    events = (
        ChangeEvent(
            id="E1",
            kind=EventKind.DISSOLVE,
            date=_REORG,
            originals=("D1", "S1"),
            document="123/QĐ-LĐLĐ",
        ),
        ChangeEvent(
            id="E2", kind=EventKind.FOUND, date=_REORG, results=("W1",), document="1940/QĐ-LĐLĐ"
        ),
        ChangeEvent(
            id="E3",
            kind=EventKind.MOVE,
            date=_REORG,
            originals=("G1", "G2"),
            results=("W1",),
            document="1940/QĐ-LĐLĐ",
        ),
        ChangeEvent(
            id="E4",
            kind=EventKind.MOVE,
            date=_REORG,
            originals=("G3",),
            results=("HN",),
            document="124/QĐ-LĐLĐ",
        ),
        ChangeEvent(
            id="E5",
            kind=EventKind.RENAME,
            date=d(2024, 3, 1),
            originals=("G2",),
            name="Công đoàn cơ sở Công ty CP Hòa Bình",
            document="15/QĐ-CĐQ",
        ),
    )
    groups = (Group(id="C1", name="Cụm thi đua số 1", kind=GroupKind.CLUSTER, owner="HN"),)
    members = (
        GroupMember(group="C1", unit="D1", valid_from=d(2024, 1, 1), valid_to=_REORG),
        GroupMember(
            group="C1",
            unit="D1",
            valid_from=d(2024, 1, 1),
            valid_to=d(2025, 1, 1),
            role=Role.LEADER,
        ),
    )
    return Dataset(
        units=units,
        links=links,
        groups=groups,
        members=members,
        events=events,
        metadata={"title": "tiny test history"},
    )


def assert_codes(report: Report | Iterable[Problem], expected: Iterable[str]) -> None:
    """Assert that *report* holds exactly the problem codes *expected* (as a set).

    Raises:
        AssertionError: listing the missing and unexpected codes with the problems.

    Examples:
        >>> from thidua.problems import problem
        >>> assert_codes([problem("H013", "no name")], ["H013"])
        >>> assert_codes([], ["H001"])
        Traceback (most recent call last):
        ...
        AssertionError: missing codes ['H001']; unexpected codes []
    """
    problems = list(report)
    got = {p.code for p in problems}
    want = set(expected)
    if got != want:
        detail = "".join(f"\n  {p}" for p in problems)
        msg = f"missing codes {sorted(want - got)}; unexpected codes {sorted(got - want)}{detail}"
        raise AssertionError(msg)


def assert_problems(
    report: Report | Iterable[Problem],
    expected: Iterable[tuple[str, str | None]] | Mapping[tuple[str, str | None], int],
) -> None:
    """Assert that *report* holds exactly the *expected* problems: codes, subjects and counts.

    Args:
        report: the problems found.
        expected: ``(code, subject)`` pairs, one per problem expected (a pair
            given twice expects two such problems), or a mapping from the pair
            to its count.  The order does not matter.

    Raises:
        AssertionError: listing what is missing and what is unexpected, with the problems.

    Examples:
        >>> from thidua.problems import problem
        >>> found = [problem("H013", "no name", subject=s) for s in ("A", "B")]
        >>> assert_problems(found, [("H013", "A"), ("H013", "B")])
        >>> assert_problems(found, {("H013", "A"): 2})
        Traceback (most recent call last):
        ...
        AssertionError: missing [('H013', 'A')]; unexpected [('H013', 'B')]
          H013 error: no name
          H013 error: no name

    .. versionadded:: 0.2.0
    """
    problems = list(report)
    got = Counter((p.code, p.subject) for p in problems)
    want: Counter[tuple[str, str | None]] = (
        Counter(dict(expected)) if isinstance(expected, Mapping) else Counter(expected)
    )
    if got != want:
        missing = sorted((want - got).elements(), key=str)
        unexpected = sorted((got - want).elements(), key=str)
        detail = "".join(f"\n  {p}" for p in problems)
        msg = f"missing {missing}; unexpected {unexpected}{detail}"
        raise AssertionError(msg)
