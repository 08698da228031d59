"""The vectorised engine equals a straightforward per-person oracle on random histories."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings

from tests.strategies_people import history, person_histories
from thidua.honours import eligibility, load_catalogue
from thidua.people import Award, Discipline, Grade, Initiative, Rating
from thidua.periods import Period

CAT = load_catalogue()
ON = dt.date(2025, 1, 1)
P = 2024
IMPLIES_LDTT = {"LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ"}


class Oracle:
    """The rules of vn-2024 for LĐTT, CSTĐCS, BK_BO and BK_TTG, one person at a time."""

    def __init__(self, data: dict[str, object]) -> None:
        self.ratings: list[Rating] = data["ratings"]  # type: ignore[assignment]
        self.awards: list[Award] = data["awards"]  # type: ignore[assignment]
        self.discipline: list[Discipline] = data["discipline"]  # type: ignore[assignment]
        self.initiatives: list[Initiative] = data["initiatives"]  # type: ignore[assignment]

    def grade(self, person: str, year: int) -> int | None:
        for r in self.ratings:
            if r.subject == person and r.period == Period.year(year):
                return int(r.rating)
        return None

    def held(self, person: str, codes: set[str], year: int | None) -> list[Award]:
        return [
            a
            for a in self.awards
            if a.recipient == person
            and a.honour in codes
            and a.decided_on <= ON
            and (a.revoked_on is None or a.revoked_on > ON)
            and (year is None or a.period == Period.year(year))
        ]

    def ldtt(self, person: str) -> bool:
        g = self.grade(person, P)
        return g is not None and g >= Grade.HTT

    def cstdcs(self, person: str) -> bool:
        meets = self.ldtt(person) or bool(self.held(person, IMPLIES_LDTT, P))
        start, end = dt.date(P, 1, 1), dt.date(P + 1, 1, 1)
        initiative = any(
            person in i.authors and start <= i.recognised_on < end for i in self.initiatives
        )
        return meets and (self.grade(person, P) == Grade.HTXS or initiative)

    def has_cstdcs(self, person: str, year: int) -> bool:
        held = bool(self.held(person, {"CSTDCS", "CSTD_BO", "CSTD_TQ"} & {"CSTDCS"}, year))
        return held or (year == P and self.cstdcs(person))

    def window(self, person: str, codes: set[str]) -> dt.date:
        start = dt.date(1, 1, 1)
        proposal = Period.year(P)
        for a in self.held(person, codes, None):
            if a.period is not None and a.period.start < proposal.start:
                start = max(start, a.period.end)
            elif a.period is None and a.decided_on < proposal.end:
                start = max(start, a.decided_on + dt.timedelta(days=1))
        for d in self.discipline:
            if d.person == person and d.decided_on <= ON:
                start = max(start, d.valid_to or dt.date.max)
        return start

    def bk_bo(self, person: str) -> bool:
        w = self.window(person, {"BK_BO"})
        route1 = all(dt.date(y, 1, 1) >= w and self.has_cstdcs(person, y) for y in (P, P - 1))
        route2 = all(
            dt.date(y, 1, 1) >= w and self.grade(person, y) == Grade.HTXS for y in (P, P - 1)
        )
        found = sum(
            person in i.authors and dt.date(P - 1, 1, 1) <= i.recognised_on < dt.date(P + 1, 1, 1)
            for i in self.initiatives
        )
        return route1 or (route2 and found >= 2)

    def bk_ttg(self, person: str) -> bool:
        if not self.held(person, {"BK_BO"}, None):
            return False
        w = self.window(person, {"BK_BO", "BK_TTG"})
        length = titles = 0
        year = P
        while dt.date(year, 1, 1) >= w:
            g = self.grade(person, year)
            if g is None or g < Grade.HTT:
                break
            length += 1
            titles += self.has_cstdcs(person, year)
            year -= 1
        return length >= 5 and titles >= 3


@settings(max_examples=60, deadline=None)
@given(person_histories())
def test_engine_equals_oracle(data: dict[str, object]) -> None:
    people: list[str] = data.pop("people")  # type: ignore[assignment]
    h = history(*data.values())
    oracle = Oracle(data)
    checks = {
        "LDTT": oracle.ldtt,
        "CSTDCS": oracle.cstdcs,
        "BK_BO": oracle.bk_bo,
        "BK_TTG": oracle.bk_ttg,
    }
    for code, rule in checks.items():
        result = eligibility(h, CAT, code, Period.year(P), on=ON)
        got = dict(zip(result.subjects, result.eligible.tolist(), strict=True))
        expected = {p: rule(p) for p in people}
        assert got == expected, code
        for verdict in result:  # every explanation renders and agrees with the verdict
            tree = verdict.explanation
            assert tree.met == verdict.eligible
