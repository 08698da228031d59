"""The people tables of a workspace read into columns: :func:`history` and what the check shares.

The tables of :mod:`thidua.io._schema_people` arrive as text, dictionary
encoded by column (:class:`~thidua.io.DataTable`).  Everything here works on
the *distinct* texts of a column (a rating table repeats ``HTT`` and
``2024`` a million times) and then gathers by the row codes with numpy: no
Python object is made per row.  Rows whose required cells are empty or
unreadable are left out of the columns; the problems that say so are kept
with them, and :func:`thidua.people.check_people` reports them with the
rest.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from thidua._dates import MAX_ORD, MIN_ORD
from thidua.errors import PeriodParseError
from thidua.io import DataTable, ParsedColumn, parse_column
from thidua.people._history import History
from thidua.people._kinds import (
    AbsenceReason,
    Qualification,
    VocabularyError,
    parse_discipline_form,
    parse_grade,
)
from thidua.periods import Period, parse_period
from thidua.problems import AwardCode, Problem, ProblemCode, StructureCode, problem

if TYPE_CHECKING:
    from thidua.workspace import Workspace

__all__ = ["PeopleColumns", "history", "people_columns"]

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]

_REASONS = tuple(AbsenceReason)
_QUALIFICATIONS = tuple(Qualification)
_CACHE_COLUMNS = "thidua.people.columns"
_CACHE_HISTORY = "thidua.people.history"


class _Ids:
    """A grow-only dictionary of ids to ``int32`` codes, fed with distinct texts."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self.codes: dict[str, int] = {}

    def add(self, value: str) -> int:
        code = self.codes.get(value)
        if code is None:
            code = self.codes[value] = len(self.values)
            self.values.append(value)
        return code

    def add_all(self, values: list[str]) -> None:
        for v in values:
            if v:
                self.add(v)


def _stripped(table: DataTable, field: str) -> tuple[I64, list[str]]:
    """The row codes and the distinct texts of *field*, stripped."""
    enc = table.encoded(field)
    return enc.codes, [u.strip() for u in enc.uniques]


def _used(codes: I64, uniques: list[str]) -> list[str]:
    """The distinct non-empty texts that some row uses (in first-use order of the uniques)."""
    return [u for u, use in zip(uniques, _in_use(codes, len(uniques)), strict=True) if use and u]


def _gather(
    per_unique: list[Any] | npt.NDArray[Any], codes: I64, dtype: npt.DTypeLike
) -> npt.NDArray[Any]:
    """The per-row array of a value given per distinct text."""
    lookup = np.asarray(per_unique, dtype=dtype)
    out: npt.NDArray[Any] = lookup[codes] if len(codes) else np.zeros(0, dtype=dtype)
    return out


def _id_codes(table: DataTable, field: str, ids: _Ids) -> I32:
    """The code of each row's id in *ids* (``-1`` for an empty cell); new ids are added."""
    codes, uniques = _stripped(table, field)
    used = _in_use(codes, len(uniques))
    per_unique = [ids.add(u) if u and use else -1 for u, use in zip(uniques, used, strict=True)]
    found: I32 = _gather(per_unique, codes, np.int32)
    return found


def _in_use(codes: I64, n: int) -> list[bool]:
    """Per distinct text, whether a row uses it (a reader may keep texts no row has)."""
    seen = np.zeros(n, dtype=bool)
    seen[codes] = True
    return seen.tolist()


def _required(table: DataTable, problems: list[Problem], *fields: str, subject: str) -> None:
    """``S004`` for the empty cells of required id columns (absent columns are ``S002``)."""
    for field in fields:
        if not table.has(field):
            continue
        enc = table.encoded(field)
        empty = [i for i, u in enumerate(enc.uniques) if not u.strip()]
        if empty and np.isin(enc.codes, empty).any():  # rare: read the column for its S004s
            parse_column(table, field, problems, subject_field=subject)


def _vocabulary(
    table: DataTable,
    field: str,
    read: Callable[[str], Any],
    code: ProblemCode,
    what: str,
    problems: list[Problem],
    *,
    subject: str,
) -> tuple[list[Any], I64, B]:
    """Read a coded column (rating, form, period) once per distinct text, one problem per bad row.

    Returns the value of each distinct text (``None``: empty or unreadable),
    the row codes and, per row, whether its cell is unreadable.  An empty
    cell of a required column is ``S004``.
    """
    column = table.declaration.column(field)
    codes, uniques = _stripped(table, field)
    values: list[Any] = []
    reasons: dict[int, str] = {}
    for i, text in enumerate(uniques):
        if not text:
            values.append(None)
            continue
        try:
            values.append(read(text))
        except (VocabularyError, PeriodParseError, ValueError) as exc:
            values.append(None)
            reasons[i] = str(exc)
    bad = np.zeros(len(uniques), dtype=bool)
    bad[list(reasons)] = True
    empty = np.asarray([u == "" for u in uniques], dtype=bool) & (
        column.required and table.has(field)
    )
    bad_rows: B = bad[codes] if len(codes) else np.zeros(0, dtype=bool)
    flagged = bad_rows | (empty[codes] if len(codes) else bad_rows)
    if flagged.any():
        subjects = table.text(subject)
        for position in np.flatnonzero(flagged).tolist():
            u = int(codes[position])
            who = subjects[position].strip() or None
            where = table.pointer(position, field)
            if bad[u]:
                message = (
                    f"{table.name}: {who or 'a row'} has the {what} {uniques[u]!r}, which "
                    f"cannot be read ({reasons[u]}); the row is left out"
                )
                problems.append(problem(code, message, subject=who, pointer=where))
            else:
                message = f"{table.name}: the row has no {field!r}, which is required"
                problems.append(
                    problem(
                        StructureCode.MISSING_REQUIRED_VALUE, message, subject=who, pointer=where
                    )
                )
    return values, codes, bad_rows


def _ordinals(
    table: DataTable, field: str, problems: list[Problem], *, missing: int, subject: str
) -> tuple[I32, B]:
    """Day ordinals of a date column (*missing* where empty) and which rows are unreadable."""
    if not table.has(field):  # absent: a missing required column is the reader's S002
        return np.full(len(table), missing, dtype=np.int32), np.zeros(len(table), dtype=bool)
    parsed = parse_column(table, field, problems, subject_field=subject)
    values = [missing if v is None else v.toordinal() for v in parsed.uniques]
    return _gather(values, parsed.codes, np.int32), _gather(parsed.bad, parsed.codes, bool)


def _periods(
    table: DataTable,
    field: str,
    periods: dict[Period, int],
    store: list[Period],
    problems: list[Problem],
    *,
    subject: str,
) -> tuple[I32, B]:
    """Period codes of the rows (``-1`` where empty) and which rows are unreadable."""
    values, codes, bad = _vocabulary(
        table, field, parse_period, AwardCode.UNREADABLE_PERIOD, "period", problems, subject=subject
    )
    per_unique = []
    for v, use in zip(values, _in_use(codes, len(values)), strict=True):
        if v is None or not use:
            per_unique.append(-1)
            continue
        code = periods.get(v)
        if code is None:
            code = periods[v] = len(store)
            store.append(v)
        per_unique.append(code)
    return _gather(per_unique, codes, np.int32), bad


def _list_codes(table: DataTable, field: str, ids: _Ids, rows: I64) -> tuple[I64, I32]:
    """CSR of a ``;`` list column over the rows *rows*: offsets, flat codes into *ids*.

    Each distinct cell is split once; the rows' items are gathered with numpy.
    """
    enc = table.encoded(field)
    row_codes = enc.codes[rows] if len(enc.codes) else np.zeros(0, dtype=np.int64)
    used = _in_use(row_codes, len(enc.uniques))
    items = [
        tuple(s for part in u.split(";") if (s := part.strip())) if use else ()
        for u, use in zip(enc.uniques, used, strict=True)
    ]
    lengths_u = np.asarray([len(t) for t in items], dtype=np.int64)
    flat_u = np.asarray([ids.add(x) for t in items for x in t], dtype=np.int32)
    offsets_u = np.zeros(len(items) + 1, dtype=np.int64)
    np.cumsum(lengths_u, out=offsets_u[1:])
    lengths = lengths_u[row_codes] if len(row_codes) else np.zeros(0, dtype=np.int64)
    offsets = np.zeros(len(row_codes) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    total = int(offsets[-1])
    if total:
        starts = np.repeat(offsets_u[row_codes], lengths)
        within = np.arange(total, dtype=np.int64) - np.repeat(offsets[:-1], lengths)
        flat = flat_u[starts + within]
    else:
        flat = np.zeros(0, dtype=np.int32)
    return offsets, flat


@attrs.frozen(kw_only=True, eq=False)
class PeopleColumns:
    """The people tables of a workspace as columns: what :func:`history` and the check share.

    Attributes:
        subjects: every id (people first, then units, then ids no table
            declares); codes index it.
        is_person: per subject, whether it is a person (the people table,
            or the persons of memberships, discipline and absences).
        known_person: per subject, whether the people table lists it (the
            persons of the memberships when there is no people table).
        known_unit: per subject, whether it is a unit of the hierarchy.
        born, founded, dissolved: per subject, the lifetime as ordinals
            (``MIN_ORD``/``MAX_ORD`` when unknown or open).
        periods: the period dictionary.
        honours: the honour-code dictionary.
        initiative_ids: the initiative dictionary (the table's ids first).
        known_initiative: per initiative code, whether the table lists it.
        tables: per table, its columns over the rows kept, ``row`` holding
            each row's position in the :class:`~thidua.io.DataTable`.
        problems: the cells that could not be read (``A002``, ``A003``,
            ``A017``, ``S003``, ``S004``, ``S006``).

    .. versionadded:: 0.3.0
    """

    subjects: tuple[str, ...]
    is_person: B
    known_person: B
    known_unit: B
    born: I32
    founded: I32
    dissolved: I32
    periods: tuple[Period, ...]
    honours: tuple[str, ...]
    initiative_ids: tuple[str, ...]
    known_initiative: B
    tables: Mapping[str, Mapping[str, Any]]
    problems: tuple[Problem, ...]


def _keep(*masks: B) -> I64:
    ok = np.ones(len(masks[0]), dtype=bool)
    for m in masks:
        ok &= m
    return np.flatnonzero(ok)


def _parse(
    table: DataTable, field: str, problems: list[Problem], *, subject_field: str
) -> ParsedColumn:
    """:func:`parse_column`, without ``S004`` for a column the input lacks (that is ``S002``)."""
    sink = problems if table.has(field) else []
    return parse_column(table, field, sink, subject_field=subject_field)


class _Reading:
    """The dictionaries and problems shared while the tables are read."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.t = {name: workspace.table(name) for name in _TABLES}
        self.problems: list[Problem] = []
        self.ids = _Ids()
        self.inits = _Ids()
        self.honours = _Ids()
        self.periods: dict[Period, int] = {}
        self.period_list: list[Period] = []
        self.cols: dict[str, dict[str, Any]] = {}

    def periods_of(self, table: DataTable, subject: str) -> tuple[I32, B]:
        return _periods(
            table, "period", self.periods, self.period_list, self.problems, subject=subject
        )

    def dates(self, table: DataTable, field: str, subject: str, *, missing: int) -> tuple[I32, B]:
        return _ordinals(table, field, self.problems, missing=missing, subject=subject)


_TABLES = (
    "people",
    "memberships",
    "ratings",
    "awards",
    "initiatives",
    "discipline",
    "absences",
    "registrations",
    "reviews",
)


def _subjects_first(r: _Reading) -> tuple[int, set[str]]:
    """Code the people, then the units, in *r.ids*; the number of people and those known."""
    t, ids = r.t, r.ids
    listed = _used(*_stripped(t["people"], "id"))
    ids.add_all(listed)
    member_persons = _used(*_stripped(t["memberships"], "person"))
    ids.add_all(member_persons)
    for name in ("discipline", "absences"):
        ids.add_all(_used(*_stripped(t[name], "person")))
    n_people = len(ids.values)
    ids.add_all(list(r.workspace.hierarchy.unit_index))
    ids.add_all(_used(*_stripped(t["memberships"], "unit")))
    return n_people, set(listed) if len(t["people"]) else set(member_persons)


def _read_people(r: _Reading) -> None:
    p = r.t["people"]
    _required(p, r.problems, "id", subject="id")
    born, born_bad = r.dates(p, "born", "id", missing=MIN_ORD)
    _parse(p, "gender", r.problems, subject_field="id")  # read for its problems alone
    code = _id_codes(p, "id", r.ids)
    keep = _keep(code >= 0, ~born_bad)
    r.cols["people"] = {"row": keep, "id": code[keep], "born": born[keep]}


def _read_memberships(r: _Reading) -> None:
    m = r.t["memberships"]
    _required(m, r.problems, "person", "unit", subject="person")
    person, unit = _id_codes(m, "person", r.ids), _id_codes(m, "unit", r.ids)
    start, start_bad = r.dates(m, "valid_from", "person", missing=-1)
    end, end_bad = r.dates(m, "valid_to", "person", missing=MAX_ORD)
    manager = _parse(m, "manager", r.problems, subject_field="person")
    qualification = _parse(m, "qualification", r.problems, subject_field="person")
    keep = _keep(person >= 0, unit >= 0, start >= 0, ~start_bad, ~end_bad)
    qualified = [-1 if v is None else _QUALIFICATIONS.index(v) for v in qualification.uniques]
    r.cols["memberships"] = {
        "row": keep,
        "person": person[keep],
        "unit": unit[keep],
        "valid_from": start[keep],
        "valid_to": end[keep],
        "manager": _gather([v is True for v in manager.uniques], manager.codes, bool)[keep],
        "qualification": _gather(qualified, qualification.codes, np.int8)[keep],
    }


def _read_ratings(r: _Reading) -> None:
    t = r.t["ratings"]
    _required(t, r.problems, "subject", subject="subject")
    subject = _id_codes(t, "subject", r.ids)
    period, period_bad = r.periods_of(t, "subject")
    grades, codes, _bad = _vocabulary(
        t,
        "rating",
        parse_grade,
        AwardCode.UNREADABLE_RATING,
        "rating",
        r.problems,
        subject="subject",
    )
    grade = _gather([-1 if g is None else int(g) for g in grades], codes, np.int8)
    keep = _keep(subject >= 0, period >= 0, ~period_bad, grade >= 0)
    r.cols["ratings"] = {
        "row": keep,
        "subject": subject[keep],
        "period": period[keep],
        "rating": grade[keep],
    }


def _read_initiatives(r: _Reading) -> None:
    """The initiatives table, its ids first in the initiative dictionary (one row per id)."""
    i = r.t["initiatives"]
    _required(i, r.problems, "id", "authors", subject="id")
    code = _id_codes(i, "id", r.inits)
    level = _parse(i, "level", r.problems, subject_field="id")
    recognised, recognised_bad = r.dates(i, "recognised_on", "id", missing=-1)
    benefit = _parse(i, "benefit", r.problems, subject_field="id")
    levels = _gather([0 if v is None else int(v) for v in level.uniques], level.codes, np.int8)
    benefits = _gather(
        [np.nan if v is None else v for v in benefit.uniques], benefit.codes, np.float64
    )
    keep = _keep(code >= 0, levels > 0, recognised >= 0, ~recognised_bad)
    if len(i) and not i.has("authors"):
        keep = keep[:0]
    # the first row of each id holds it; np.unique sorts by code, so the rows come in code
    # order, as the authors' CSR needs
    first = keep[np.unique(code[keep], return_index=True)[1]] if len(keep) else keep
    offsets, authors = _list_codes(i, "authors", r.ids, first)
    title = i.encoded("title")
    r.cols["initiatives"] = {
        "row": first,
        "id": code[first],
        "level": levels[first],
        "recognised_on": recognised[first],
        "benefit": benefits[first],
        "title": [title.uniques[c] for c in title.codes[first].tolist()],
        "author_lengths": np.diff(offsets),
        "author_index": authors,
    }


def _read_awards(r: _Reading) -> None:
    a = r.t["awards"]
    _required(a, r.problems, "id", "recipient", "honour", subject="id")
    recipient = _id_codes(a, "recipient", r.ids)
    honour = _id_codes(a, "honour", r.honours)
    period, period_bad = r.periods_of(a, "id")
    decided, decided_bad = r.dates(a, "decided_on", "id", missing=-1)
    revoked, revoked_bad = r.dates(a, "revoked_on", "id", missing=MAX_ORD)
    keep = _keep(recipient >= 0, honour >= 0, ~period_bad, decided >= 0, ~decided_bad, ~revoked_bad)
    offsets, index = _list_codes(a, "initiatives", r.inits, keep)
    r.cols["awards"] = {
        "row": keep,
        "id": _texts(a, "id", keep),
        "recipient": recipient[keep],
        "honour": honour[keep],
        "period": period[keep],
        "decided_on": decided[keep],
        "revoked_on": revoked[keep],
        "decision": _texts(a, "decision", keep),
        "init_offsets": offsets,
        "init_index": index,
    }


def _texts(table: DataTable, field: str, rows: I64) -> tuple[str, ...]:
    """The stripped text of *field* on *rows* (shared strings, one per distinct text)."""
    enc = table.encoded(field)
    lookup = np.asarray([u.strip() for u in enc.uniques], dtype=object)
    return tuple(lookup[enc.codes[rows]].tolist()) if len(rows) else ()


def _initiative_columns(r: _Reading, n_known: int) -> None:
    """One entry per initiative code: the table's, then the ids awards name (defaulted)."""
    found = r.cols["initiatives"]
    n = len(r.inits.values)
    codes = found["id"]
    level = np.zeros(n, dtype=np.int8)
    recognised = np.full(n, MAX_ORD, dtype=np.int32)
    benefit = np.full(n, np.nan)
    lengths = np.zeros(n, dtype=np.int64)
    titles = [""] * n
    level[codes] = found["level"]
    recognised[codes] = found["recognised_on"]
    benefit[codes] = found["benefit"]
    lengths[codes] = found["author_lengths"]
    for code, text in zip(codes.tolist(), found["title"], strict=True):
        titles[code] = text
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    known = np.zeros(n, dtype=bool)
    known[:n_known] = True
    found.update(
        level=level,
        recognised_on=recognised,
        benefit=benefit,
        title=tuple(titles),
        author_offsets=offsets,  # the authors of the rows kept are in code order
        known=known,
    )


def _read_discipline(r: _Reading) -> None:
    d = r.t["discipline"]
    _required(d, r.problems, "person", subject="person")
    person = _id_codes(d, "person", r.ids)
    forms, codes, _bad = _vocabulary(
        d,
        "form",
        parse_discipline_form,
        AwardCode.UNREADABLE_DISCIPLINE_FORM,
        "discipline form",
        r.problems,
        subject="person",
    )
    form = _gather([0 if f is None else int(f) for f in forms], codes, np.int8)
    start, start_bad = r.dates(d, "decided_on", "person", missing=-1)
    end, end_bad = r.dates(d, "valid_to", "person", missing=MAX_ORD)
    keep = _keep(person >= 0, form > 0, start >= 0, ~start_bad, ~end_bad)
    r.cols["discipline"] = {
        "row": keep,
        "person": person[keep],
        "form": form[keep],
        "decided_on": start[keep],
        "valid_to": end[keep],
    }


def _read_absences(r: _Reading) -> None:
    b = r.t["absences"]
    _required(b, r.problems, "person", subject="person")
    person = _id_codes(b, "person", r.ids)
    period, _bad = r.periods_of(b, "person")
    days = _parse(b, "days", r.problems, subject_field="person")
    count = _gather([-1 if v is None else v for v in days.uniques], days.codes, np.int64)
    negative = _gather([v is not None and v < 0 for v in days.uniques], days.codes, bool)
    _negative_days(b, negative, r.problems)
    reason = _parse(b, "reason", r.problems, subject_field="person")
    reasons = [_REASONS.index(AbsenceReason.OTHER if v is None else v) for v in reason.uniques]
    reason_bad = _gather(reason.bad, reason.codes, bool)
    keep = _keep(person >= 0, period >= 0, count >= 0, ~reason_bad)
    r.cols["absences"] = {
        "row": keep,
        "person": person[keep],
        "period": period[keep],
        "days": count[keep].astype(np.int32),
        "reason": _gather(reasons, reason.codes, np.int8)[keep],
    }


def _read_registrations(r: _Reading) -> None:
    g = r.t["registrations"]
    _required(g, r.problems, "subject", "honour", subject="subject")
    subject = _id_codes(g, "subject", r.ids)
    period, _bad = r.periods_of(g, "subject")
    honour = _id_codes(g, "honour", r.honours)
    r.dates(g, "registered_on", "subject", missing=MAX_ORD)
    keep = _keep(subject >= 0, period >= 0, honour >= 0)
    r.cols["registrations"] = {
        "row": keep,
        "subject": subject[keep],
        "period": period[keep],
        "honour": honour[keep],
    }


def _read_reviews(r: _Reading) -> None:
    v = r.t["reviews"]
    _required(v, r.problems, "subject", subject="subject")
    subject = _id_codes(v, "subject", r.ids)
    start, start_bad = r.dates(v, "valid_from", "subject", missing=-1)
    end, end_bad = r.dates(v, "valid_to", "subject", missing=MAX_ORD)
    keep = _keep(subject >= 0, start >= 0, ~start_bad, ~end_bad)
    r.cols["reviews"] = {
        "row": keep,
        "subject": subject[keep],
        "valid_from": start[keep],
        "valid_to": end[keep],
    }


def _build(workspace: Workspace) -> PeopleColumns:
    r = _Reading(workspace)
    n_people, known_people = _subjects_first(r)
    _read_people(r)
    _read_memberships(r)
    _read_ratings(r)
    _read_initiatives(r)
    n_known_initiatives = len(r.inits.values)
    _read_awards(r)
    _initiative_columns(r, n_known_initiatives)
    _read_discipline(r)
    _read_absences(r)
    _read_registrations(r)
    _read_reviews(r)

    # the subjects: who is a person, who a unit, and their lifetimes
    # (the units' lifetimes are the hierarchy's: the first row of a unit id given twice)
    ids, hierarchy = r.ids, workspace.hierarchy
    index, lifetimes = hierarchy.unit_index, hierarchy.lifetime_arrays()
    n = len(ids.values)
    is_person = np.zeros(n, dtype=bool)
    is_person[:n_people] = True
    known_person = np.zeros(n, dtype=bool)
    known_person[np.asarray([ids.codes[x] for x in known_people], dtype=np.int64)] = True
    unit_codes = np.asarray([ids.codes[u] for u in index], dtype=np.int64)
    positions = np.asarray(list(index.values()), dtype=np.int64)
    known_unit = np.zeros(n, dtype=bool)
    known_unit[unit_codes] = True
    founded = np.full(n, MIN_ORD, dtype=np.int32)
    dissolved = np.full(n, MAX_ORD, dtype=np.int32)
    founded[unit_codes] = lifetimes.founded[positions]
    dissolved[unit_codes] = lifetimes.dissolved[positions]
    born = np.full(n, MIN_ORD, dtype=np.int32)
    born[r.cols["people"]["id"]] = r.cols["people"]["born"]
    return PeopleColumns(
        subjects=tuple(ids.values),
        is_person=is_person,
        known_person=known_person,
        known_unit=known_unit,
        born=born,
        founded=founded,
        dissolved=dissolved,
        periods=tuple(r.period_list),
        honours=tuple(r.honours.values),
        initiative_ids=tuple(r.inits.values),
        known_initiative=r.cols["initiatives"]["known"],
        tables=r.cols,
        problems=tuple(r.problems),
    )


def _negative_days(table: DataTable, negative: B, problems: list[Problem]) -> None:
    """``S006`` for the rows whose number of days absent is below zero."""
    if not negative.any():
        return
    people = table.text("person")
    days = table.text("days")
    for position in np.flatnonzero(negative).tolist():
        who = people[position].strip() or None
        problems.append(
            problem(
                StructureCode.INVALID_VALUE,
                f"absences: {who or 'a row'} has {days[position].strip()!r} days absent; "
                f"days must be 0 or more, the row is left out",
                subject=who,
                pointer=table.pointer(position, "days"),
            )
        )


def people_columns(workspace: Workspace) -> PeopleColumns:
    """The people tables of *workspace* read into columns (built once per workspace).

    Complexity: O(rows) numpy gathers plus O(distinct texts) parsing.

    Examples:
        >>> from thidua.testing import tiny_dataset
        >>> from thidua.workspace import Workspace
        >>> cols = people_columns(Workspace(dataset=tiny_dataset()))
        >>> len(cols.subjects), cols.problems
        (8, ())

    .. versionadded:: 0.3.0
    """
    return workspace.cached(_CACHE_COLUMNS, lambda: _build(workspace))


def _history(cols: PeopleColumns) -> History:
    t = cols.tables
    inits = t["initiatives"]
    awards = t["awards"]
    return History.from_columns(
        subjects=cols.subjects,
        is_person=cols.is_person,
        periods=cols.periods,
        honours=cols.honours,
        ratings={k: t["ratings"][k] for k in ("subject", "period", "rating")},
        awards={
            k: awards[k]
            for k in (
                "id",
                "recipient",
                "honour",
                "period",
                "decision",
                "decided_on",
                "revoked_on",
                "init_offsets",
                "init_index",
            )
        },
        memberships={
            k: t["memberships"][k]
            for k in ("person", "unit", "valid_from", "valid_to", "manager", "qualification")
        },
        initiatives={
            "id": cols.initiative_ids,
            **{
                k: inits[k]
                for k in (
                    "level",
                    "recognised_on",
                    "benefit",
                    "title",
                    "author_offsets",
                    "author_index",
                )
            },
        },
        discipline={k: t["discipline"][k] for k in ("person", "form", "decided_on", "valid_to")},
        absences={k: t["absences"][k] for k in ("person", "period", "days", "reason")},
        registrations={k: t["registrations"][k] for k in ("subject", "period", "honour")},
        reviews={k: t["reviews"][k] for k in ("subject", "valid_from", "valid_to")},
    )


def history(workspace: Workspace) -> History:
    r"""The :class:`History` of a workspace's people tables (built once per workspace).

    Subjects are the people (``people.csv``, and the persons the
    memberships, discipline and absences name) and the units (the
    hierarchy's, and those the memberships name); ids that no table declares
    (a rating of an unknown subject) are subjects too, so that nothing is
    silently lost, and :func:`thidua.people.check_people` reports them.
    Rows whose required cells are empty or unreadable are left out (the
    check reports them).  The columns are dictionary-encoded numpy arrays
    built with :meth:`History.from_columns`: no Python object per row.

    This does **not** check the data: :func:`thidua.honours.eligibility` on a
    workspace does, and refuses data with errors.

    Args:
        workspace: the workspace (its ``people``, ``memberships``,
            ``ratings``, ``awards``, ``initiatives``, ``discipline``,
            ``absences``, ``registrations`` and ``reviews`` tables).

    Returns:
        The history, cached on the workspace.

    Examples:
        >>> from thidua.io import DataTable
        >>> from thidua.testing import tiny_dataset
        >>> from thidua.workspace import Workspace
        >>> from thidua.periods import Period
        >>> tables = {
        ...     "memberships": [{"person": "P1", "unit": "G1", "valid_from": "2020-01-01"}],
        ...     "ratings": [{"subject": "P1", "period": "2024", "rating": "HTT"},
        ...                 {"subject": "G1", "period": "năm 2024", "rating": "HTXS"}]}
        >>> ws = Workspace(dataset=tiny_dataset(), tables={
        ...     name: DataTable.from_rows(Workspace().table(name).declaration, rows)
        ...     for name, rows in tables.items()})
        >>> h = history(ws)
        >>> h
        <History 1 people, 8 units, 2 ratings, 0 awards>
        >>> h.grades(Period.year(2024))[[h.index("P1"), h.index("G1")]].tolist()
        [2, 3]
        >>> history(ws) is h
        True

    .. versionadded:: 0.3.0
    """
    return workspace.cached(_CACHE_HISTORY, lambda: _history(people_columns(workspace)))
