"""The columnar history of people and units: :class:`History`.

Bulk tables are numpy columns, never one Python object per row (STYLE habit
2): every id is dictionary-encoded once (subjects, periods, honour codes,
initiatives) and the tables hold ``int32`` codes, date ordinals and small
integer enums.  Records (:class:`~thidua.people.Rating`, :class:`~thidua.people.Award`
…) are views built on demand (:meth:`History.ratings_of`, :meth:`History.awards_of`).

A History is built :meth:`~History.from_records` (small data, tests) or
:meth:`~History.from_columns` (bulk data from a columnar reader; codes or text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs
import numpy as np
import numpy.typing as npt
import pendulum

from thidua._dates import MAX_ORD
from thidua.errors import UnknownNameError
from thidua.people._kinds import (
    AbsenceReason,
    DisciplineForm,
    Grade,
    InitiativeLevel,
    Qualification,
)
from thidua.people._records import (
    Absence,
    Award,
    Discipline,
    Initiative,
    Membership,
    Person,
    Rating,
    Registration,
    Review,
)
from thidua.periods import Period

__all__ = ["History"]

I32 = npt.NDArray[np.int32]
I8 = npt.NDArray[np.int8]
F64 = npt.NDArray[np.float64]
B = npt.NDArray[np.bool_]

_T = TypeVar("_T")

NO_PERIOD = -1
"""Period code of an award whose decision states no achievement period."""

_REASONS = tuple(AbsenceReason)
_QUALIFICATIONS = tuple(Qualification)


def _i32(values: object) -> I32:
    return np.asarray(values, dtype=np.int32)


def _ord(day: dt.date | None, missing: int = MAX_ORD) -> int:
    return missing if day is None else day.toordinal()


class _Dictionary:
    """Grow-only dictionary encoding of ids (or periods) to ``int32`` codes."""

    def __init__(self, values: Iterable[Hashable] = ()) -> None:
        self.values: list[Any] = []
        self.codes: dict[Hashable, int] = {}
        for value in values:
            self.add(value)

    def add(self, value: Hashable) -> int:
        code = self.codes.get(value)
        if code is None:
            code = self.codes[value] = len(self.values)
            self.values.append(value)
        return code


def _csr(groups: Sequence[Sequence[int]]) -> tuple[npt.NDArray[np.int64], I32]:
    """Offsets and flat values of a list of lists (compressed sparse rows)."""
    lengths = np.fromiter((len(g) for g in groups), dtype=np.int64, count=len(groups))
    offsets = np.zeros(len(groups) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    flat = _i32([v for g in groups for v in g]) if groups else _i32([])
    return offsets, flat


@attrs.frozen(kw_only=True, eq=False)
class _Ratings:
    subject: I32
    period: I32
    grade: I8


@attrs.frozen(kw_only=True, eq=False)
class _Awards:
    id: tuple[str, ...]
    recipient: I32
    honour: I32
    period: I32  # NO_PERIOD when the decision states none
    decided: I32
    revoked: I32  # MAX_ORD when never revoked
    decision: tuple[str, ...]
    init_offsets: npt.NDArray[np.int64]
    init_index: I32


@attrs.frozen(kw_only=True, eq=False)
class _Initiatives:
    id: tuple[str, ...]
    level: I8
    recognised: I32
    benefit: F64  # NaN when unknown
    title: tuple[str, ...]
    author_offsets: npt.NDArray[np.int64]
    author_index: I32


@attrs.frozen(kw_only=True, eq=False)
class _Memberships:
    person: I32
    unit: I32
    start: I32
    end: I32
    manager: B
    qualification: I8  # -1 unknown, else index in Qualification


@attrs.frozen(kw_only=True, eq=False)
class _Discipline:
    person: I32
    form: I8
    start: I32
    end: I32


@attrs.frozen(kw_only=True, eq=False)
class _Absences:
    person: I32
    period: I32
    days: I32
    reason: I8


@attrs.frozen(kw_only=True, eq=False)
class _Registrations:
    subject: I32
    period: I32
    honour: I32


@attrs.frozen(kw_only=True, eq=False)
class _Reviews:
    subject: I32
    start: I32
    end: I32


class History:
    """The columnar history of one workspace: people, units and what happened to them.

    It holds memberships, ratings, awards, initiatives, discipline, absences,
    registrations and reviews as dictionary-encoded columns.

    Subjects (people **and** units) share one id dictionary, :attr:`subjects`;
    :attr:`is_person` tells them apart.  Periods, honour codes and
    initiatives are dictionaries of their own.  Columns are read-only numpy
    arrays reached as ``history.ratings.grade``, ``history.awards.decided`` …;
    dates are proleptic ordinals, an open end is ``MAX_ORD``.

    Examples:
        >>> h = History.from_records(
        ...     memberships=[Membership(person="P1", unit="CD1", valid_from="2020-01-01")],
        ...     ratings=[Rating(subject="P1", period="2024", rating="HTT")])
        >>> h.subjects, h.is_person.tolist()
        (('P1', 'CD1'), [True, False])
        >>> [(str(r.period), r.rating.name) for r in h.ratings_of("P1")]
        [('2024', 'HTT')]

    .. versionadded:: 0.3.0
    """

    def __init__(
        self,
        *,
        subjects: Sequence[str],
        is_person: B,
        periods: Sequence[Period],
        honours: Sequence[str],
        people: Mapping[str, Person],
        ratings: _Ratings,
        awards: _Awards,
        initiatives: _Initiatives,
        memberships: _Memberships,
        discipline: _Discipline,
        absences: _Absences,
        registrations: _Registrations,
        reviews: _Reviews,
    ) -> None:
        self.subjects: tuple[str, ...] = tuple(subjects)
        self.is_person: B = np.asarray(is_person, dtype=bool)
        self.periods: tuple[Period, ...] = tuple(periods)
        self.period_start: I32 = _i32([p.start_ordinal for p in self.periods])
        self.period_end: I32 = _i32([p.end_ordinal for p in self.periods])
        self.honours: tuple[str, ...] = tuple(honours)
        self.people = dict(people)
        self.ratings = ratings
        self.awards = awards
        self.initiatives = initiatives
        self.memberships = memberships
        self.discipline = discipline
        self.absences = absences
        self.registrations = registrations
        self.reviews = reviews
        # built on the first lookup: a dict of 11.8 million ids costs seconds nobody may need
        self._subject_codes: dict[str, int] | None = None
        self._period_codes = {p: i for i, p in enumerate(self.periods)}
        self._honour_codes = {h: i for i, h in enumerate(self.honours)}
        for array in self._arrays():
            array.flags.writeable = False
        self._cache: dict[Hashable, Any] = {}

    def _arrays(self) -> Iterable[npt.NDArray[Any]]:
        yield self.is_person
        for table in (
            self.ratings,
            self.awards,
            self.initiatives,
            self.memberships,
            self.discipline,
            self.absences,
            self.registrations,
            self.reviews,
        ):
            for value in attrs.astuple(table, recurse=False):
                if isinstance(value, np.ndarray):
                    yield value

    # -- construction ---------------------------------------------------------

    @classmethod
    def from_records(
        cls,
        *,
        people: Iterable[Person] = (),
        memberships: Iterable[Membership] = (),
        ratings: Iterable[Rating] = (),
        awards: Iterable[Award] = (),
        initiatives: Iterable[Initiative] = (),
        discipline: Iterable[Discipline] = (),
        absences: Iterable[Absence] = (),
        registrations: Iterable[Registration] = (),
        reviews: Iterable[Review] = (),
    ) -> History:
        """Build a history from records (small data and tests).

        A subject is a person when it is in *people* or is the person of a
        membership; every other id (units of memberships, subjects of
        ratings) is a unit.  Complexity: O(rows).

        Examples:
            >>> rating = Rating(subject="CD1", period="2024", rating="HTXS")
            >>> h = History.from_records(ratings=[rating])
            >>> h.is_person.tolist(), h.grades(Period.year(2024)).tolist()
            ([False], [3])
        """
        people, memberships, ratings = list(people), list(memberships), list(ratings)
        awards, initiatives, discipline = list(awards), list(initiatives), list(discipline)
        absences, registrations, reviews = list(absences), list(registrations), list(reviews)
        persons = [p.id for p in people] + [m.person for m in memberships]
        persons += [d.person for d in discipline] + [a.person for a in absences]
        subjects = _Dictionary(persons)
        n_people = len(subjects.values)
        for m in memberships:
            subjects.add(m.unit)
        for r in ratings:
            subjects.add(r.subject)
        periods, honours, inits = _Dictionary(), _Dictionary(), _Dictionary()
        for i in initiatives:
            inits.add(i.id)
        s, p, h = subjects.add, periods.add, honours.add
        rating_cols = _Ratings(
            subject=_i32([s(r.subject) for r in ratings]),
            period=_i32([p(r.period) for r in ratings]),
            grade=np.asarray([int(r.rating) for r in ratings], dtype=np.int8),
        )
        init_offsets, init_index = _csr([[inits.add(x) for x in a.initiatives] for a in awards])
        award_cols = _Awards(
            id=tuple(a.id for a in awards),
            recipient=_i32([s(a.recipient) for a in awards]),
            honour=_i32([h(a.honour) for a in awards]),
            period=_i32([NO_PERIOD if a.period is None else p(a.period) for a in awards]),
            decided=_i32([a.decided_on.toordinal() for a in awards]),
            revoked=_i32([_ord(a.revoked_on) for a in awards]),
            decision=tuple(a.decision for a in awards),
            init_offsets=init_offsets,
            init_index=init_index,
        )
        known = {i.id: i for i in initiatives}
        init_records = [known.get(x) for x in inits.values]
        author_offsets, author_index = _csr(
            [[s(a) for a in i.authors] if i is not None else [] for i in init_records]
        )
        init_cols = _Initiatives(
            id=tuple(inits.values),
            level=np.asarray([0 if i is None else int(i.level) for i in init_records], np.int8),
            recognised=_i32(
                [MAX_ORD if i is None else i.recognised_on.toordinal() for i in init_records]
            ),
            benefit=np.asarray(
                [np.nan if i is None or i.benefit is None else i.benefit for i in init_records],
                dtype=np.float64,
            ),
            title=tuple("" if i is None else i.title for i in init_records),
            author_offsets=author_offsets,
            author_index=author_index,
        )
        member_cols = _Memberships(
            person=_i32([s(m.person) for m in memberships]),
            unit=_i32([s(m.unit) for m in memberships]),
            start=_i32([m.valid_from.toordinal() for m in memberships]),
            end=_i32([_ord(m.valid_to) for m in memberships]),
            manager=np.asarray([m.manager for m in memberships], dtype=bool),
            qualification=np.asarray(
                [
                    -1 if m.qualification is None else _QUALIFICATIONS.index(m.qualification)
                    for m in memberships
                ],
                dtype=np.int8,
            ),
        )
        discipline_cols = _Discipline(
            person=_i32([s(d.person) for d in discipline]),
            form=np.asarray([int(d.form) for d in discipline], dtype=np.int8),
            start=_i32([d.decided_on.toordinal() for d in discipline]),
            end=_i32([_ord(d.valid_to) for d in discipline]),
        )
        absence_cols = _Absences(
            person=_i32([s(a.person) for a in absences]),
            period=_i32([p(a.period) for a in absences]),
            days=_i32([a.days for a in absences]),
            reason=np.asarray([_REASONS.index(a.reason) for a in absences], dtype=np.int8),
        )
        registration_cols = _Registrations(
            subject=_i32([s(g.subject) for g in registrations]),
            period=_i32([p(g.period) for g in registrations]),
            honour=_i32([h(g.honour) for g in registrations]),
        )
        review_cols = _Reviews(
            subject=_i32([s(v.subject) for v in reviews]),
            start=_i32([v.valid_from.toordinal() for v in reviews]),
            end=_i32([_ord(v.valid_to) for v in reviews]),
        )
        is_person = np.zeros(len(subjects.values), dtype=bool)
        is_person[:n_people] = True
        return cls(
            subjects=subjects.values,
            is_person=is_person,
            periods=periods.values,
            honours=honours.values,
            people={person.id: person for person in people},
            ratings=rating_cols,
            awards=award_cols,
            initiatives=init_cols,
            memberships=member_cols,
            discipline=discipline_cols,
            absences=absence_cols,
            registrations=registration_cols,
            reviews=review_cols,
        )

    @classmethod
    def from_columns(
        cls,
        *,
        subjects: Sequence[str],
        is_person: Sequence[bool] | npt.NDArray[np.bool_],
        periods: Sequence[Period],
        honours: Sequence[str] = (),
        ratings: Mapping[str, Any] | None = None,
        awards: Mapping[str, Any] | None = None,
        memberships: Mapping[str, Any] | None = None,
        initiatives: Mapping[str, Any] | None = None,
        discipline: Mapping[str, Any] | None = None,
        registrations: Mapping[str, Any] | None = None,
        reviews: Mapping[str, Any] | None = None,
        absences: Mapping[str, Any] | None = None,
    ) -> History:
        """Build a history from dictionary-encoded columns (bulk data).

        Each table is a mapping of column name to array.  ``subject``,
        ``recipient``, ``person`` and ``unit`` columns are ``int`` codes into
        *subjects*; ``period`` columns codes into *periods* (``-1``: no
        period); ``honour`` codes into *honours*; dates are ordinals
        (``MAX_ORD`` for an open end); ``rating`` and ``form`` the integer
        values of :class:`~thidua.people.Grade` and
        :class:`~thidua.people.DisciplineForm`.  Columns not given are empty
        or defaulted (no revocation, no initiatives, no manager).

        Complexity: O(rows), no Python object per row.

        Examples:
            >>> import numpy as np
            >>> h = History.from_columns(
            ...     subjects=["P1", "P2"], is_person=[True, True], periods=[Period.year(2024)],
            ...     ratings={"subject": [0, 1], "period": [0, 0], "rating": [2, 1]})
            >>> h.grades(Period.year(2024)).tolist()
            [2, 1]
        """
        n_subjects = len(subjects)
        ratings, awards = dict(ratings or {}), dict(awards or {})
        memberships, initiatives = dict(memberships or {}), dict(initiatives or {})
        discipline, registrations = dict(discipline or {}), dict(registrations or {})
        reviews, absences = dict(reviews or {}), dict(absences or {})

        def col(
            table: Mapping[str, Any],
            name: str,
            default: npt.NDArray[Any] | None = None,
            dtype: npt.DTypeLike = np.int32,
        ) -> npt.NDArray[Any]:
            if name in table:
                return np.asarray(table[name], dtype=dtype)
            if default is None:
                return np.zeros(0, dtype=dtype)
            return default

        n_awards = len(col(awards, "recipient"))
        n_members = len(col(memberships, "person"))
        award_offsets = col(
            awards, "init_offsets", np.zeros(n_awards + 1, dtype=np.int64), dtype=np.int64
        )
        n_inits = len(col(initiatives, "level", dtype=np.int8))
        return cls(
            subjects=subjects,
            is_person=np.asarray(is_person, dtype=bool).reshape(n_subjects),
            periods=periods,
            honours=honours,
            people={},
            ratings=_Ratings(
                subject=col(ratings, "subject"),
                period=col(ratings, "period"),
                grade=col(ratings, "rating", dtype=np.int8),
            ),
            awards=_Awards(
                id=tuple(awards.get("id", (f"#{i}" for i in range(n_awards)))),
                recipient=col(awards, "recipient"),
                honour=col(awards, "honour"),
                period=col(awards, "period"),
                decided=col(awards, "decided_on"),
                revoked=col(awards, "revoked_on", np.full(n_awards, MAX_ORD, np.int32)),
                decision=tuple(awards.get("decision", ("",) * n_awards)),
                init_offsets=award_offsets,
                init_index=col(awards, "init_index"),
            ),
            initiatives=_Initiatives(
                id=tuple(initiatives.get("id", (f"#{i}" for i in range(n_inits)))),
                level=col(initiatives, "level", dtype=np.int8),
                recognised=col(initiatives, "recognised_on"),
                benefit=col(initiatives, "benefit", np.full(n_inits, np.nan), dtype=np.float64),
                title=tuple(initiatives.get("title", ("",) * n_inits)),
                author_offsets=col(
                    initiatives,
                    "author_offsets",
                    np.zeros(n_inits + 1, dtype=np.int64),
                    dtype=np.int64,
                ),
                author_index=col(initiatives, "author_index"),
            ),
            memberships=_Memberships(
                person=col(memberships, "person"),
                unit=col(memberships, "unit"),
                start=col(memberships, "valid_from"),
                end=col(memberships, "valid_to", np.full(n_members, MAX_ORD, np.int32)),
                manager=col(memberships, "manager", np.zeros(n_members, bool), dtype=bool),
                qualification=col(
                    memberships, "qualification", np.full(n_members, -1, np.int8), dtype=np.int8
                ),
            ),
            discipline=_Discipline(
                person=col(discipline, "person"),
                form=col(discipline, "form", dtype=np.int8),
                start=col(discipline, "decided_on"),
                end=col(
                    discipline,
                    "valid_to",
                    np.full(len(col(discipline, "person")), MAX_ORD, np.int32),
                ),
            ),
            absences=_Absences(
                person=col(absences, "person"),
                period=col(absences, "period"),
                days=col(absences, "days"),
                reason=col(absences, "reason", dtype=np.int8),
            ),
            registrations=_Registrations(
                subject=col(registrations, "subject"),
                period=col(registrations, "period"),
                honour=col(registrations, "honour"),
            ),
            reviews=_Reviews(
                subject=col(reviews, "subject"),
                start=col(reviews, "valid_from"),
                end=col(
                    reviews, "valid_to", np.full(len(col(reviews, "subject")), MAX_ORD, np.int32)
                ),
            ),
        )

    # -- lookups ----------------------------------------------------------------

    def __len__(self) -> int:
        """The number of subjects (people and units)."""
        return len(self.subjects)

    def __repr__(self) -> str:
        people = int(self.is_person.sum())
        return (
            f"<History {people:,} people, {len(self) - people:,} units, "
            f"{len(self.ratings.subject):,} ratings, {len(self.awards.recipient):,} awards>"
        )

    def index(self, subject: str) -> int:
        """The code of a subject id.

        Raises:
            UnknownNameError: the id is not in the history.

        Examples:
            >>> h = History.from_records(ratings=[Rating(subject="U", period="2024", rating="HT")])
            >>> h.index("U")
            0
        """
        if self._subject_codes is None:
            self._subject_codes = {s: i for i, s in enumerate(self.subjects)}
        code = self._subject_codes.get(subject)
        if code is None:
            raise UnknownNameError("subject", subject, self.subjects[:1000])
        return code

    def period_code(self, period: Period) -> int:
        """The code of *period* in the period dictionary, ``-1`` when no row uses it.

        Examples:
            >>> h = History.from_records(ratings=[Rating(subject="U", period="2024", rating="HT")])
            >>> h.period_code(Period.year(2024)), h.period_code(Period.year(2023))
            (0, -1)
        """
        return self._period_codes.get(period, -1)

    def honour_code(self, honour: str) -> int:
        """The code of an honour in the honour dictionary, ``-1`` when no row uses it."""
        return self._honour_codes.get(honour, -1)

    def grades(self, period: Period) -> I8:
        """The rating of every subject for exactly *period*: ``-1`` where none.

        Complexity: O(ratings) the first time, cached.

        Examples:
            >>> h = History.from_records(ratings=[Rating(subject="U", period="2024", rating="HTT")])
            >>> h.grades(Period.year(2024)).tolist(), h.grades(Period.year(2023)).tolist()
            ([2], [-1])
        """
        key = ("grades", period)
        cached = self._cache.get(key)
        if cached is None:
            cached = np.full(len(self), -1, dtype=np.int8)
            code = self.period_code(period)
            if code >= 0:
                rows = np.flatnonzero(self.ratings.period == code)
                cached[self.ratings.subject[rows]] = self.ratings.grade[rows]
            cached.flags.writeable = False
            self._cache[key] = cached
        result: I8 = cached
        return result

    def drop_caches(self) -> None:
        """Forget the lookups cached so far (for benchmarks measuring a first run)."""
        self._cache.clear()

    def cached(self, key: Hashable) -> object:
        """A value an engine stored with :meth:`remember` (``None`` when absent)."""
        return self._cache.get(key)

    def remember(self, key: Hashable, value: _T) -> _T:
        """Store *value* under *key* for later runs over this (immutable) history."""
        self._cache[key] = value
        return value

    # -- record views -----------------------------------------------------------

    def _period(self, code: int) -> Period | None:
        return None if code < 0 else self.periods[code]

    def ratings_of(self, subject: str) -> tuple[Rating, ...]:
        """The ratings of one subject, as records, in period order."""
        rows = np.flatnonzero(self.ratings.subject == self.index(subject))
        out = [
            Rating(
                subject=subject,
                period=self.periods[int(self.ratings.period[r])],
                rating=Grade(int(self.ratings.grade[r])),
            )
            for r in rows
        ]
        return tuple(sorted(out, key=lambda r: r.period))

    def awards_of(self, subject: str) -> tuple[Award, ...]:
        """The awards of one recipient, as records, by decision date."""
        rows = np.flatnonzero(self.awards.recipient == self.index(subject))
        return tuple(sorted((self.award(int(r)) for r in rows), key=lambda a: a.decided_on))

    def award(self, row: int) -> Award:
        """The award of row *row*, as a record."""
        a = self.awards
        lo, hi = int(a.init_offsets[row]), int(a.init_offsets[row + 1])
        revoked = int(a.revoked[row])
        return Award(
            id=a.id[row],
            recipient=self.subjects[int(a.recipient[row])],
            honour=self.honours[int(a.honour[row])],
            period=self._period(int(a.period[row])),
            decision=a.decision[row],
            decided_on=pendulum.Date.fromordinal(int(a.decided[row])),
            initiatives=tuple(self.initiatives.id[int(i)] for i in a.init_index[lo:hi]),
            revoked_on=None if revoked >= MAX_ORD else pendulum.Date.fromordinal(revoked),
        )

    def initiative(self, row: int) -> Initiative:
        """The initiative of row *row*, as a record."""
        i = self.initiatives
        lo, hi = int(i.author_offsets[row]), int(i.author_offsets[row + 1])
        benefit = float(i.benefit[row])
        return Initiative(
            id=i.id[row],
            authors=tuple(self.subjects[int(s)] for s in i.author_index[lo:hi]),
            title=i.title[row],
            level=InitiativeLevel(int(i.level[row])),
            recognised_on=pendulum.Date.fromordinal(int(i.recognised[row])),
            benefit=None if np.isnan(benefit) else benefit,
        )

    def discipline_of(self, subject: str) -> tuple[Discipline, ...]:
        """The discipline of one person, as records."""
        d = self.discipline
        rows = np.flatnonzero(d.person == self.index(subject))
        return tuple(
            Discipline(
                person=subject,
                form=DisciplineForm(int(d.form[r])),
                decided_on=pendulum.Date.fromordinal(int(d.start[r])),
                valid_to=None if d.end[r] >= MAX_ORD else pendulum.Date.fromordinal(int(d.end[r])),
            )
            for r in rows
        )
