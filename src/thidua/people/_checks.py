"""The checks of the people tables (issue 8 §1), run by :func:`thidua.workspace.validate`.

:func:`check_people` is the ``CHECK`` of :mod:`thidua.io._schema_people`:
one pass over the columns :func:`~thidua.people.history` is built from,
vectorised with numpy over the big tables (ratings, memberships, awards),
reporting

* the cells that cannot be read: ratings (``A002``), discipline forms
  (``A003``), periods (``A017``), document symbols (``A001``), dates and
  other words (``S003``, ``S004``, ``S006``), rows of ``honours`` (``A005``);
* ids that name nothing: a person (``A006``), a unit of a membership
  (``A007``), the subject of a rating, award, registration or review that
  is neither (``A008``), an honour outside the catalogue (``A009``), an
  initiative (``A010``), an id given twice (``A019``);
* facts that cannot be: a rating, award or membership outside its
  subject's lifetime (``A011``), an honour for the wrong kind of recipient
  (``A012``), two ratings of one subject for one period (``A013``), an
  initiative resting under two awards (``A014``, law 06/2022/QH15 Art. 6:
  one achievement is rewarded once), an award decided before its
  achievement period began (``A015``), overlapping memberships of one person
  in one unit (``A016``), reversed intervals (``A018``).

Every problem names the row's id, the table, and points at the row and
column it came from.  At most :data:`~thidua.problems.DEFAULT_MAX_PER_CODE`
problems of one code are listed, the rest counted in one ``S030``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from thidua._dates import MAX_ORD, MIN_ORD, from_ordinal
from thidua.documents import symbol_problem
from thidua.people._tables import PeopleColumns, people_columns
from thidua.problems import (
    DEFAULT_MAX_PER_CODE,
    AwardCode,
    Pointer,
    Problem,
    ProblemCode,
    Report,
    cap_problems,
    problem,
    summary_problem,
)

if TYPE_CHECKING:
    from thidua.honours import Catalogue
    from thidua.workspace import Workspace

__all__ = ["PEOPLE_TABLES", "check_people"]

PEOPLE_TABLES = (
    "people",
    "memberships",
    "ratings",
    "awards",
    "initiatives",
    "discipline",
    "absences",
    "registrations",
    "reviews",
    "honours",
)
"""The tables :func:`check_people` checks, in the order they are written."""

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]
_CACHE = "thidua.people.check"
_Made = tuple[str, str | None, Pointer]


class _Out:
    """The problems found, at most *limit* listed per code (the rest summed up)."""

    def __init__(self, limit: int = DEFAULT_MAX_PER_CODE) -> None:
        self.limit = limit
        self.problems: list[Problem] = []
        self.total: Counter[str] = Counter()
        self.listed: Counter[str] = Counter()

    def rows(
        self, code: ProblemCode, positions: Iterable[int], make: Callable[[int], _Made]
    ) -> None:
        """One problem per position (made by *make*: message, subject, pointer)."""
        found = positions.tolist() if isinstance(positions, np.ndarray) else list(positions)
        self.total[code] += len(found)
        room = max(self.limit - self.listed[code], 0)
        for k in found[:room]:
            message, subject, pointer = make(k)
            self.problems.append(problem(code, message, subject=subject, pointer=pointer))
        self.listed[code] += min(room, len(found))

    def report(self) -> list[Problem]:
        out = list(self.problems)
        for code, total in sorted(self.total.items()):
            if total > self.listed[code]:
                out.append(summary_problem(code, self.listed[code], total))
        return out


def _place(pointer: Pointer) -> str:
    """Where a row is, for a message: ``row 5`` in a table, ``$.ratings[0]`` in a document."""
    if pointer.row is not None:
        return f"row {pointer.row}"
    return pointer.path or "another row"


def _day(ordinal: int) -> str:
    return f"{from_ordinal(ordinal):%d/%m/%Y}"


class _Checker:
    """The checks over one workspace's people columns."""

    def __init__(self, workspace: Workspace, cols: PeopleColumns, catalogue: Catalogue) -> None:
        self.workspace = workspace
        self.cols = cols
        self.catalogue = catalogue
        self._names: dict[str, str] | None = None
        self.t = {name: workspace.table(name) for name in PEOPLE_TABLES}
        self.out = _Out()
        self.has_people = len(self.t["people"]) > 0
        self.known = cols.known_person | cols.known_unit
        periods = cols.periods
        self.p_start = np.asarray([p.start_ordinal for p in periods], dtype=np.int64)
        self.p_end = np.asarray([p.end_ordinal for p in periods], dtype=np.int64)

    # -- helpers -------------------------------------------------------------------------------

    def sid(self, code: int) -> str:
        return self.cols.subjects[code]

    def named(self, ident: str) -> str:
        """The id quoted, with the person's or unit's name when one is known."""
        if self._names is None:
            people = self.t["people"]
            names = dict(zip(people.text("id"), people.text("name"), strict=True))
            units = self.workspace.dataset.unit_columns()
            self._names = {**dict(zip(units.id, units.name, strict=True)), **names}
        name = self._names.get(ident, "").strip()
        return f"{ident!r} ({name})" if name else repr(ident)

    def cell(self, table: str, row: int, field: str) -> str:
        return self.t[table].encoded(field).at(row).strip()

    def at(self, table: str, row: int, field: str | None = None) -> Pointer:
        return self.t[table].pointer(row, field)

    def not_listed(self) -> str:
        if self.has_people:
            return "who is not in people.csv"
        return "who has no membership (and there is no people table)"

    def life(self, code: int) -> str:
        c = self.cols
        if c.known_unit[code]:
            founded, dissolved = int(c.founded[code]), int(c.dissolved[code])
            parts = []
            if founded > MIN_ORD:
                parts.append(f"founded {_day(founded)}")
            if dissolved < MAX_ORD:
                parts.append(f"dissolved {_day(dissolved)}")
            return f"the unit {self.named(self.sid(code))} ({', '.join(parts)})"
        return f"{self.named(self.sid(code))} (born {_day(int(c.born[code]))})"

    # -- the checks ----------------------------------------------------------------------------

    def run(self) -> list[Problem]:
        self.unknown_people()
        self.unknown_units_and_subjects()
        self.unknown_honours_and_wrong_kinds()
        self.unknown_and_reused_initiatives()
        self.lifetimes()
        self.duplicate_ratings()
        self.decided_before_period()
        self.overlapping_memberships()
        self.reversed_intervals()
        self.symbols()
        self.duplicate_ids()
        return self.out.report()

    def unknown_people(self) -> None:
        for name in ("memberships", "discipline", "absences"):
            self._unknown_person(name)
        c = self.cols
        inits = c.tables["initiatives"]
        offsets, authors = inits["author_offsets"], inits["author_index"]
        owner = np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))
        row_of = np.full(len(offsets) - 1, -1, dtype=np.int64)
        row_of[inits["id"]] = inits["row"]
        bad = np.flatnonzero(~c.known_person[authors]) if len(authors) else np.zeros(0, np.int64)

        def author(k: int) -> _Made:
            iid, who = c.initiative_ids[int(owner[k])], self.sid(int(authors[k]))
            message = f"initiatives: {iid} names the author {self.named(who)}, {self.not_listed()}"
            return message, iid, self.at("initiatives", int(row_of[owner[k]]), "authors")

        self.out.rows(AwardCode.UNKNOWN_PERSON, bad, author)

    def _unknown_person(self, name: str) -> None:
        cols = self.cols.tables[name]
        bad = np.flatnonzero(~self.cols.known_person[cols["person"]])

        def made(k: int) -> _Made:
            who, row = self.sid(int(cols["person"][k])), int(cols["row"][k])
            message = f"{name}: the person {self.named(who)} is named, {self.not_listed()}"
            return message, who, self.at(name, row, "person")

        self.out.rows(AwardCode.UNKNOWN_PERSON, bad, made)

    def unknown_units_and_subjects(self) -> None:
        c = self.cols
        m = c.tables["memberships"]
        bad = np.flatnonzero(~c.known_unit[m["unit"]])

        def unit(k: int) -> _Made:
            who, where = self.sid(int(m["person"][k])), self.sid(int(m["unit"][k]))
            message = (
                f"memberships: {self.named(who)} is a member of {where!r}, "
                f"which is not in units.csv"
            )
            return message, who, self.at("memberships", int(m["row"][k]), "unit")

        self.out.rows(AwardCode.UNKNOWN_UNIT, bad, unit)
        self._unknown_subject("ratings", "subject", "subject")
        self._unknown_subject("awards", "recipient", "id")
        self._unknown_subject("registrations", "subject", "subject")
        self._unknown_subject("reviews", "subject", "subject")

    def _unknown_subject(self, name: str, field: str, owner: str) -> None:
        cols = self.cols.tables[name]
        bad = np.flatnonzero(~self.known[cols[field]])

        def made(k: int) -> _Made:
            row = int(cols["row"][k])
            ident, sid = self.cell(name, row, owner), self.sid(int(cols[field][k]))
            what = f"{ident} names {sid!r}" if owner != field else f"the {field} {sid!r}"
            message = f"{name}: {what}, neither a person (people.csv) nor a unit (units.csv)"
            return message, ident, self.at(name, row, field)

        self.out.rows(AwardCode.UNKNOWN_SUBJECT, bad, made)

    def unknown_honours_and_wrong_kinds(self) -> None:
        from thidua.honours import Recipient  # noqa: PLC0415  (honours imports people)

        cat = self.catalogue
        need = np.asarray(
            [
                -1 if h not in cat else int(cat[h].recipient is Recipient.INDIVIDUAL)
                for h in self.cols.honours
            ],
            dtype=np.int8,
        )
        self._honours_of("awards", "recipient", "id", need)
        self._honours_of("registrations", "subject", "subject", need)

    def _honours_of(self, name: str, field: str, owner: str, need: npt.NDArray[np.int8]) -> None:
        from thidua.honours import Recipient  # noqa: PLC0415  (honours imports people)

        c, cat = self.cols, self.catalogue
        cols = c.tables[name]
        h = need[cols["honour"]] if len(need) else np.zeros(0, np.int8)

        def unknown(k: int) -> _Made:
            row = int(cols["row"][k])
            ident, code = self.cell(name, row, owner), c.honours[int(cols["honour"][k])]
            message = (
                f"{name}: {ident} names the honour {code!r}, which is neither in the "
                f"catalogue nor in honours.csv"
            )
            return message, ident, self.at(name, row, "honour")

        self.out.rows(AwardCode.UNKNOWN_HONOUR, np.flatnonzero(h < 0), unknown)
        r = cols[field]
        person, unit = c.known_person[r], c.known_unit[r] & ~c.known_person[r]
        wrong = np.flatnonzero(((h == 1) & unit) | ((h == 0) & person))

        def kind(k: int) -> _Made:
            row = int(cols["row"][k])
            ident, code = self.cell(name, row, owner), c.honours[int(cols["honour"][k])]
            honour, sid = cat[code], self.sid(int(cols[field][k]))
            whom = "a person" if honour.recipient is Recipient.INDIVIDUAL else "a collective"
            got = "the unit" if c.known_unit[cols[field][k]] else "the person"
            verb = "gives" if name == "awards" else "registers for"
            message = (
                f"{name}: {ident} {verb} {code} ({honour.name_vi}), an honour for {whom}, "
                f"{'to' if name == 'awards' else 'as'} {got} {self.named(sid)}"
            )
            return message, ident, self.at(name, row, "honour")

        self.out.rows(AwardCode.WRONG_RECIPIENT_KIND, wrong, kind)

    def unknown_and_reused_initiatives(self) -> None:
        c = self.cols
        a = c.tables["awards"]
        offsets, inits = a["init_offsets"], a["init_index"]
        owner = np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))
        if not len(inits):
            return
        bad = np.flatnonzero(~c.known_initiative[inits])

        def unknown(k: int) -> _Made:
            aid, iid = a["id"][owner[k]], c.initiative_ids[int(inits[k])]
            message = (
                f"awards: {aid} rests on the initiative {iid!r}, which is not in initiatives.csv"
            )
            return message, aid, self.at("awards", int(a["row"][owner[k]]), "initiatives")

        self.out.rows(AwardCode.UNKNOWN_INITIATIVE, bad, unknown)
        # one achievement is rewarded once (Law 06/2022/QH15 Art. 6): an initiative under two
        # awards that stand (revoked awards do not count)
        live = a["revoked_on"][owner] >= MAX_ORD
        pair_owner, pair_init = owner[live], inits[live].astype(np.int64)
        if not len(pair_owner):
            return
        key = pair_init * (len(offsets) + 1) + pair_owner
        _, unique_at = np.unique(key, return_index=True)
        pair_owner, pair_init = pair_owner[unique_at], pair_init[unique_at]
        order = np.lexsort((a["row"][pair_owner], a["decided_on"][pair_owner], pair_init))
        sorted_init, sorted_owner = pair_init[order], pair_owner[order]
        starts = np.ones(len(order), dtype=bool)
        starts[1:] = sorted_init[1:] != sorted_init[:-1]
        first = np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))
        again = np.flatnonzero(~starts)

        def reused(k: int) -> _Made:
            this, before = int(sorted_owner[k]), int(sorted_owner[first[k]])
            aid, iid = a["id"][this], c.initiative_ids[int(sorted_init[k])]
            earlier = a["id"][before]
            decision = a["decision"][before]
            message = (
                f"awards: {aid} rests on the initiative {iid}, which award {earlier}"
                f"{f' ({decision})' if decision else ''} already rests on: one achievement "
                f"is rewarded once"
            )
            return message, aid, self.at("awards", int(a["row"][this]), "initiatives")

        self.out.rows(AwardCode.INITIATIVE_REUSED, again, reused)

    def lifetimes(self) -> None:
        c = self.cols
        unit = c.known_unit & ~c.known_person
        person = c.known_person & (c.born > MIN_ORD)
        founded, dissolved = c.founded.astype(np.int64), c.dissolved.astype(np.int64)
        born = c.born.astype(np.int64)
        # ratings: the period must overlap the lifetime
        r = c.tables["ratings"]
        s, ps, pe = r["subject"], self.p_start[r["period"]], self.p_end[r["period"]]
        outside = (unit[s] & ((pe <= founded[s]) | (ps >= dissolved[s]))) | (
            person[s] & (pe <= born[s])
        )

        def rating(k: int) -> _Made:
            row = int(r["row"][k])
            sid, period = self.sid(int(s[k])), self.cell("ratings", row, "period")
            message = f"ratings: {self.life(int(s[k]))} is rated for {period}, outside its lifetime"
            return message, sid, self.at("ratings", row, "period")

        self.out.rows(AwardCode.OUTSIDE_LIFETIME, np.flatnonzero(outside), rating)
        # awards: decided within the lifetime, for a period overlapping it
        a = c.tables["awards"]
        s, d, p = a["recipient"], a["decided_on"].astype(np.int64), a["period"]
        has = p >= 0
        ps = np.where(has, self.p_start[np.maximum(p, 0)] if len(self.p_start) else 0, 0)
        pe = np.where(has, self.p_end[np.maximum(p, 0)] if len(self.p_end) else 0, MAX_ORD)
        outside = unit[s] & ((d < founded[s]) | (d >= dissolved[s]) | (has & (pe <= founded[s])))
        outside |= unit[s] & has & (ps >= dissolved[s])
        outside |= person[s] & ((d < born[s]) | (has & (pe <= born[s])))

        def award(k: int) -> _Made:
            row, aid = int(a["row"][k]), a["id"][k]
            period = f" for {self.cell('awards', row, 'period')}" if has[k] else ""
            message = (
                f"awards: {aid} is decided on {_day(int(d[k]))}{period} "
                f"to {self.life(int(s[k]))}, outside its lifetime"
            )
            return message, aid, self.at("awards", row, "decided_on")

        self.out.rows(AwardCode.OUTSIDE_LIFETIME, np.flatnonzero(outside), award)
        # memberships: within the unit's lifetime, after the person's birth
        m = c.tables["memberships"]
        person_code, unit_code = m["person"], m["unit"]
        start, end = m["valid_from"].astype(np.int64), m["valid_to"].astype(np.int64)
        early = c.known_unit[unit_code] & (start < founded[unit_code])
        late = c.known_unit[unit_code] & (end > dissolved[unit_code])
        unborn = person[person_code] & (start < born[person_code])

        def membership(k: int) -> _Made:
            row, who = int(m["row"][k]), self.sid(int(person_code[k]))
            span = f"[{_day(int(start[k]))}, {'open' if end[k] >= MAX_ORD else _day(int(end[k]))})"
            if unborn[k]:
                whose, field = self.life(int(person_code[k])), "valid_from"
            else:
                whose = self.life(int(unit_code[k]))
                field = "valid_from" if early[k] else "valid_to"
            message = (
                f"memberships: {self.named(who)} is a member on {span}, "
                f"outside the lifetime of {whose}"
            )
            return message, who, self.at("memberships", row, field)

        self.out.rows(AwardCode.OUTSIDE_LIFETIME, np.flatnonzero(early | late | unborn), membership)

    def duplicate_ratings(self) -> None:
        r = self.cols.tables["ratings"]
        if not len(r["row"]):
            return
        key = r["subject"].astype(np.int64) * (len(self.cols.periods) + 1) + r["period"]
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        again = np.flatnonzero(first[inverse] != np.arange(len(key)))

        def made(k: int) -> _Made:
            row, before = int(r["row"][k]), int(r["row"][first[inverse[k]]])
            sid = self.sid(int(r["subject"][k]))
            message = (
                f"ratings: {self.named(sid)} is rated twice for "
                f"{self.cell('ratings', row, 'period')} "
                f"(also on {_place(self.at('ratings', before))}); keep one rating"
            )
            return message, sid, self.at("ratings", row, "period")

        self.out.rows(AwardCode.DUPLICATE_RATING, again, made)

    def decided_before_period(self) -> None:
        a = self.cols.tables["awards"]
        p = a["period"]
        has = p >= 0
        start = np.where(has, self.p_start[np.maximum(p, 0)] if len(self.p_start) else 0, 0)
        early = np.flatnonzero(has & (a["decided_on"] < start))

        def made(k: int) -> _Made:
            row, aid = int(a["row"][k]), a["id"][k]
            message = (
                f"awards: {aid} is decided on {_day(int(a['decided_on'][k]))}, before its "
                f"achievement period {self.cell('awards', row, 'period')} begins "
                f"({_day(int(start[k]))})"
            )
            return message, aid, self.at("awards", row, "decided_on")

        self.out.rows(AwardCode.DECIDED_BEFORE_PERIOD, early, made)

    def overlapping_memberships(self) -> None:
        m = self.cols.tables["memberships"]
        if len(m["row"]) < 2:
            return
        person, unit = m["person"].astype(np.int64), m["unit"].astype(np.int64)
        start, end = m["valid_from"].astype(np.int64), m["valid_to"].astype(np.int64)
        ok = end > start  # a reversed interval is A018, not an overlap
        order = np.lexsort((start, unit, person))
        order = order[ok[order]]
        group = person[order] * (len(self.cols.subjects) + 1) + unit[order]
        starts = np.ones(len(order), dtype=bool)
        starts[1:] = group[1:] != group[:-1]
        index = np.cumsum(starts)
        width = MAX_ORD + 1
        running = np.maximum.accumulate(index * width + end[order])
        before = np.empty(len(order), dtype=np.int64)
        before[0] = 0
        before[1:] = running[:-1] - index[1:] * width  # negative across groups
        overlap = np.flatnonzero(~starts & (start[order] < before))

        def made(k: int) -> _Made:
            i = int(order[k])
            j = k - 1
            while j >= 0 and not (group[j] == group[k] and end[order[j]] > start[i]):
                j -= 1
            other = int(m["row"][order[j]]) if j >= 0 else None
            who, where = self.sid(int(person[i])), self.sid(int(unit[i]))
            row = int(m["row"][i])
            also = f" ({_place(self.at('memberships', other))})" if other is not None else ""
            message = (
                f"memberships: {self.named(who)} is a member of {self.named(where)} "
                f"from {_day(int(start[i]))}, "
                f"while an earlier membership{also} still runs"
            )
            return message, who, self.at("memberships", row, "valid_from")

        self.out.rows(AwardCode.OVERLAPPING_MEMBERSHIPS, overlap, made)

    def reversed_intervals(self) -> None:
        self._reversed("memberships", "person", "valid_from", "valid_to")
        self._reversed("discipline", "person", "decided_on", "valid_to")
        self._reversed("reviews", "subject", "valid_from", "valid_to")
        self._reversed("awards", "id", "decided_on", "revoked_on")

    def _reversed(self, name: str, owner: str, begin: str, finish: str) -> None:
        cols = self.cols.tables[name]
        bad = np.flatnonzero(cols[finish] <= cols[begin])

        def made(k: int) -> _Made:
            row = int(cols["row"][k])
            who = cols["id"][k] if name == "awards" else self.sid(int(cols[owner][k]))
            message = (
                f"{name}: {self.named(who)} has {finish} {_day(int(cols[finish][k]))} on or before "
                f"{begin} {_day(int(cols[begin][k]))}; the end is exclusive and must be later"
            )
            return message, who, self.at(name, row, finish)

        self.out.rows(AwardCode.REVERSED_INTERVAL, bad, made)

    def symbols(self) -> None:
        self._symbols("awards", "decision")
        self._symbols("initiatives", "document")

    def _symbols(self, name: str, field: str) -> None:
        table = self.t[name]
        enc = table.encoded(field)
        bad_u = np.asarray(
            [bool(u.strip()) and symbol_problem(u.strip()) is not None for u in enc.uniques],
            dtype=bool,
        )
        rows = np.flatnonzero(bad_u[enc.codes]) if len(enc.codes) else enc.codes

        def made(k: int) -> _Made:
            ident = self.cell(name, k, "id") or None
            found = symbol_problem(self.cell(name, k, field), subject=ident)
            assert found is not None
            return f"{name}: {found.message}", ident, table.pointer(k, field)

        self.out.rows(AwardCode.UNREADABLE_DOCUMENT_SYMBOL, rows, made)

    def duplicate_ids(self) -> None:
        for name in ("people", "awards", "initiatives"):
            self._duplicate_ids(name)

    def _duplicate_ids(self, name: str) -> None:
        enc = self.t[name].encoded("id")
        if len(enc.codes) < 2:
            return
        canon: dict[str, int] = {}
        per_unique = np.asarray(
            [canon.setdefault(u.strip(), len(canon)) if u.strip() else -1 for u in enc.uniques],
            dtype=np.int64,
        )
        key = per_unique[enc.codes]
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        again = np.flatnonzero((first[inverse] != np.arange(len(key))) & (key >= 0))

        def made(k: int) -> _Made:
            ident = self.cell(name, k, "id")
            before = _place(self.at(name, int(first[inverse[k]])))
            message = f"{name}: the id {ident!r} is given twice (also on {before})"
            return message, ident, self.at(name, k, "id")

        self.out.rows(AwardCode.DUPLICATE_ID, again, made)


def _check(workspace: Workspace) -> Report:
    from thidua.honours import catalogue_check  # noqa: PLC0415  (honours imports people)

    cols = people_columns(workspace)
    catalogue = catalogue_check(workspace)
    found = _Checker(workspace, cols, catalogue.catalogue).run()
    reading = cap_problems([*cols.problems, *catalogue.report])
    return Report((*reading, *found))


def check_people(workspace: Workspace, *, reading: bool = False) -> Report:
    r"""Check the people tables of *workspace* (issue 8 §1); every problem, in one pass.

    It is the ``CHECK`` of the people tables, so :func:`thidua.workspace.validate`
    and ``thidua validate`` run it with every other check; the result is
    kept with the workspace.

    Args:
        workspace: the workspace.
        reading: put the reading problems of the people tables first (their
            headers, shapes and encodings: what :func:`thidua.workspace.read_workspace`
            reported), for a caller that did not read the workspace itself.

    Returns:
        The report (``A`` codes, and ``S`` codes for unreadable cells).

    Examples:
        >>> from thidua.io import DataTable
        >>> from thidua.testing import tiny_dataset
        >>> from thidua.workspace import Workspace
        >>> rows = {"memberships": [{"person": "P1", "unit": "NOPE", "valid_from": "2020-01-01"}],
        ...         "ratings": [{"subject": "P1", "period": "2024", "rating": "tốt lắm"}]}
        >>> def table(name, r):
        ...     return DataTable.from_rows(Workspace().table(name).declaration, r)
        >>> ws = Workspace(dataset=tiny_dataset(),
        ...                tables={name: table(name, r) for name, r in rows.items()})
        >>> for p in check_people(ws):
        ...     print(p.code, p.subject, p.pointer)
        A002 P1 ratings.csv row 2, column rating
        A007 P1 memberships.csv row 2, column unit

    .. versionadded:: 0.3.0
    """
    report = workspace.cached(_CACHE, lambda: _check(workspace))
    if not reading:
        return report
    read = [p for name in PEOPLE_TABLES for p in workspace.table(name).problems]
    return Report(tuple(read)) + report
