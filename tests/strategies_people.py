"""Builders and Hypothesis strategies for people's histories (the honours tests share them)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from thidua.people import (
    Award,
    Discipline,
    DisciplineForm,
    Grade,
    History,
    Initiative,
    Membership,
    Rating,
)
from thidua.periods import Period

YEARS = tuple(range(2015, 2025))


def member(
    person: str,
    unit: str = "U",
    start: str = "2010-01-01",
    end: str | None = None,
    **fields: Any,
) -> Membership:
    """A membership of *person* in *unit*."""
    return Membership(person=person, unit=unit, valid_from=start, valid_to=end, **fields)


def ratings(subject: str, grades: dict[int, str] | Sequence[tuple[Period, str]]) -> list[Rating]:
    """Ratings of *subject*: ``{year: grade}`` or ``[(period, grade)]``."""
    pairs = grades.items() if isinstance(grades, dict) else grades
    return [
        Rating(subject=subject, period=Period.year(p) if isinstance(p, int) else p, rating=g)
        for p, g in pairs
    ]


def award(
    recipient: str, honour: str, period: int | Period | None, decided: str, **fields: Any
) -> Award:
    """An award; *period* a year, a period or ``None``."""
    if isinstance(period, int):
        period = Period.year(period)
    name = f"{recipient}-{honour}-{period}-{decided}"
    return Award(
        id=name,
        recipient=recipient,
        honour=honour,
        period=period,
        decided_on=decided,
        **fields,
    )


def history(*records: Iterable[object] | object) -> History:
    """A History from a mix of records and lists of records."""
    tables: dict[str, list[object]] = {}
    names = {
        "Person": "people",
        "Membership": "memberships",
        "Rating": "ratings",
        "Award": "awards",
        "Initiative": "initiatives",
        "Discipline": "discipline",
        "Absence": "absences",
        "Registration": "registrations",
        "Review": "reviews",
    }
    flat: list[object] = []
    for r in records:
        if attrs.has(type(r)):
            flat.append(r)
        else:
            flat.extend(r)  # type: ignore[arg-type]
    for r in flat:
        tables.setdefault(names[type(r).__name__], []).append(r)
    return History.from_records(**tables)  # type: ignore[arg-type]


# -- random histories for the oracle tests -----------------------------------------------


@st.composite
def person_histories(draw: st.DrawFn, max_people: int = 6) -> dict[str, object]:
    """Random people with yearly ratings 2015-2024, CSTĐCS and BK_BO awards, discipline."""
    count = draw(st.integers(1, max_people))
    people = [f"P{i}" for i in range(count)]
    grade = st.sampled_from([None, "KHT", "HT", "HTT", "HTT", "HTXS", "HTXS"])
    out_ratings: list[Rating] = []
    out_awards: list[Award] = []
    out_discipline: list[Discipline] = []
    for p in people:
        for y in YEARS:
            g = draw(grade)
            if g is not None:
                out_ratings.append(Rating(subject=p, period=Period.year(y), rating=g))
            if y < 2024 and draw(st.integers(0, 2)) == 0:
                revoked = draw(st.sampled_from([None, None, None, f"{y + 1}-06-01", "2025-06-01"]))
                out_awards.append(award(p, "CSTDCS", y, f"{y}-12-15", revoked_on=revoked))
        if draw(st.booleans()):
            y = draw(st.sampled_from(YEARS[:-1]))
            stated = draw(st.booleans())
            out_awards.append(award(p, "BK_BO", y if stated else None, f"{y + 1}-03-01"))
        if draw(st.integers(0, 3)) == 0:
            start = draw(st.sampled_from(YEARS))
            length = draw(st.integers(1, 3))
            out_discipline.append(
                Discipline(
                    person=p,
                    form=draw(st.sampled_from(list(DisciplineForm))),
                    decided_on=f"{start}-03-01",
                    valid_to=f"{start + length}-03-01",
                )
            )
    initiatives = [
        Initiative(id=f"SK{p}", authors=p, level="grassroots", recognised_on="2024-04-01")
        for p in people
        if draw(st.booleans())
    ]
    return {
        "people": people,
        "memberships": [member(p) for p in people],
        "ratings": out_ratings,
        "awards": out_awards,
        "discipline": out_discipline,
        "initiatives": initiatives,
    }


__all__ = ["YEARS", "Grade", "award", "history", "member", "person_histories", "ratings"]
