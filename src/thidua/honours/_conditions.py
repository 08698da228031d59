"""Small, named, composable conditions; a rule is a tree of them.

Each condition is a frozen attrs record (so rule sets are data and compare
by value) with three methods:

* ``evaluate(ctx, period)`` → a boolean array over every subject of the
  history, built from whole-column numpy operations;
* ``label(period, lang)`` → what the condition asks, in Vietnamese (``"vi"``)
  or English (``"en"``);
* ``evidence(ctx, period, subject)`` → ``(vi, en)`` sentences saying what the
  history holds for one subject (built only when an explanation is asked for).

Missing data never passes: a subject with no rating fails "rated at least",
a collective with no members fails every member condition.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import numpy as np
import numpy.typing as npt
import pendulum

from thidua._dates import MAX_ORD
from thidua.honours._context import Context, previous_period
from thidua.people import (
    NO_PERIOD,
    AbsenceReason,
    DisciplineForm,
    Grade,
    InitiativeLevel,
    Qualification,
)
from thidua.periods import Period

__all__ = [
    "AbsentLess",
    "All",
    "AnyMemberHolds",
    "AnyOf",
    "BenefitAtLeast",
    "Condition",
    "ConsecutiveAwards",
    "ConsecutiveHolds",
    "ConsecutiveRated",
    "EveryMemberRated",
    "HoldsAtAll",
    "InPost",
    "Initiatives",
    "Meets",
    "MemberShare",
    "NoDiscipline",
    "Not",
    "NotUnderReview",
    "RatedAtLeast",
    "Registered",
]

B = npt.NDArray[np.bool_]
Evidence = tuple[str, str]

_LEVEL_VI = {
    InitiativeLevel.GRASSROOTS: "cấp cơ sở",
    InitiativeLevel.PROVINCE: "cấp bộ, ngành, tỉnh",
    InitiativeLevel.NATIONAL: "cấp toàn quốc",
}
_LEVEL_EN = {
    InitiativeLevel.GRASSROOTS: "grassroots",
    InitiativeLevel.PROVINCE: "ministry, sector or province",
    InitiativeLevel.NATIONAL: "national",
}
_FORM_EN = {f: f.name.lower() for f in DisciplineForm}
_REASON_VI = {
    AbsenceReason.MATERNITY: "thai sản",
    AbsenceReason.SICK: "ốm đau",
    AbsenceReason.STUDY: "học tập",
    AbsenceReason.UNPAID: "không lương",
    AbsenceReason.OTHER: "khác",
}
_REASONS = tuple(AbsenceReason)
_UNIVERSITY = tuple(Qualification).index(Qualification.UNIVERSITY)


def _vi(period: Period) -> str:
    return period.label_vi


def _en(period: Period) -> str:
    return str(period)


def _pick(lang: str, vi: str, en: str) -> str:
    return vi if lang == "vi" else en


def _date(ordinal: int) -> str:
    return "—" if ordinal >= MAX_ORD else f"{pendulum.Date.fromordinal(ordinal):%d/%m/%Y}"


def _vnd(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


@attrs.frozen(kw_only=True)
class Condition:
    """Base of every condition: *basis* is the legal basis shown in explanations.

    Examples:
        >>> RatedAtLeast(grade=Grade.HTT).label(Period.year(2024), "en")
        'rated HTT or better in 2024'
    """

    basis: str = ""

    def evaluate(self, ctx: Context, period: Period) -> B:
        """Met or not, for every subject of the history."""
        raise NotImplementedError

    def label(self, period: Period, lang: str) -> str:
        """What the condition asks, for *period*, in *lang* (``vi`` or ``en``)."""
        raise NotImplementedError

    def evidence(self, ctx: Context, period: Period, subject: int) -> Evidence:
        """What the history holds for *subject*: ``(vi, en)``."""
        return ("", "")

    def children(self) -> tuple[Condition, ...]:
        """The sub-conditions shown under this one in an explanation."""
        return ()

    def honours(self) -> frozenset[str]:
        """The honours the subject must meet for the **same** period (for registration)."""
        return frozenset().union(*(c.honours() for c in self.children()))


# -- logic --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class All(Condition):
    """Every sub-condition is met (an empty ``All`` is met).

    Examples:
        >>> All(of=(RatedAtLeast(grade=Grade.HT), NotUnderReview())).label(Period.year(2024), "vi")
        'tất cả các điều kiện sau'
    """

    of: tuple[Condition, ...]

    def evaluate(self, ctx: Context, period: Period) -> B:
        out = np.ones(ctx.n, dtype=bool)
        for c in self.of:
            out &= evaluate(c, ctx, period)
        return out

    def label(self, period: Period, lang: str) -> str:
        return _pick(lang, "tất cả các điều kiện sau", "all of the following")

    def children(self) -> tuple[Condition, ...]:
        return self.of


@attrs.frozen(kw_only=True)
class AnyOf(Condition):
    """At least one sub-condition is met.

    Examples:
        >>> AnyOf(of=()).label(Period.year(2024), "en")
        'at least one of the following'
    """

    of: tuple[Condition, ...]

    def evaluate(self, ctx: Context, period: Period) -> B:
        out = np.zeros(ctx.n, dtype=bool)
        for c in self.of:
            out |= evaluate(c, ctx, period)
        return out

    def label(self, period: Period, lang: str) -> str:
        return _pick(lang, "ít nhất một trong các điều kiện sau", "at least one of the following")

    def children(self) -> tuple[Condition, ...]:
        return self.of

    def honours(self) -> frozenset[str]:
        # A title is required only when every route requires it: BK_BO's second
        # route (2 years HTXS + 2 initiatives) needs no CSTĐCS, so a BK_BO
        # registration does not cover CSTĐCS or LĐTT.
        if not self.of:
            return frozenset()
        return frozenset.intersection(*(c.honours() for c in self.of))


@attrs.frozen(kw_only=True)
class Not(Condition):
    """The sub-condition is not met.

    Examples:
        >>> Not(of=NotUnderReview()).label(Period.year(2024), "en")
        'not: the following'
    """

    of: Condition

    def evaluate(self, ctx: Context, period: Period) -> B:
        return ~evaluate(self.of, ctx, period)

    def label(self, period: Period, lang: str) -> str:
        return _pick(lang, "không thỏa điều kiện sau", "not: the following")

    def children(self) -> tuple[Condition, ...]:
        return (self.of,)

    def honours(self) -> frozenset[str]:
        return frozenset()


def evaluate(condition: Condition, ctx: Context, period: Period) -> B:
    """Evaluate *condition* once per run and period (cached in *ctx*)."""
    key = ("condition", condition, period, ctx.honour)
    return ctx.memo(key, lambda: condition.evaluate(ctx, period))


# -- ratings and titles -----------------------------------------------------------------


def _grade_text(value: int) -> Evidence:
    if value < 0:
        return ("không có xếp loại", "no rating")
    name = Grade(value).name
    return (f"xếp loại {name}", f"rated {name}")


@attrs.frozen(kw_only=True)
class RatedAtLeast(Condition):
    """The subject's rating for the period is at least *grade* (no rating fails).

    Examples:
        >>> RatedAtLeast(grade=Grade.HTXS).label(Period.year(2024), "vi")
        'xếp loại từ HTXS trở lên năm 2024'
    """

    grade: Grade

    def evaluate(self, ctx: Context, period: Period) -> B:
        return ctx.grades(period) >= int(self.grade)

    def label(self, period: Period, lang: str) -> str:
        name = self.grade.name
        return _pick(
            lang,
            f"xếp loại từ {name} trở lên {_vi(period)}",
            f"rated {name} or better in {_en(period)}",
        )

    def evidence(self, ctx: Context, period: Period, subject: int) -> Evidence:
        return _grade_text(int(ctx.grades(period)[subject]))


@attrs.frozen(kw_only=True)
class Meets(Condition):
    """The subject meets the standard of *honour* for the same period (or holds it for it).

    Its explanation shows the honour's own rule underneath.

    Examples:
        >>> Meets(honour="LDTT").label(Period.year(2024), "en")
        'meets the LDTT standard in 2024'
    """

    honour: str

    def evaluate(self, ctx: Context, period: Period) -> B:
        return ctx.has_title(self.honour, period, period)

    def label(self, period: Period, lang: str) -> str:
        return _pick(
            lang,
            f"đạt tiêu chuẩn {self.honour} {_vi(period)}",
            f"meets the {self.honour} standard in {_en(period)}",
        )

    def evidence(self, ctx: Context, period: Period, subject: int) -> Evidence:
        if ctx.holds(self.honour, period)[subject]:
            return (
                f"đã được tặng {self.honour} {_vi(period)}",
                f"awarded {self.honour} for {period}",
            )
        return ("", "")

    def honours(self) -> frozenset[str]:
        return frozenset({self.honour})


@attrs.frozen(kw_only=True)
class HoldsAtAll(Condition):
    """The subject holds an award of *honour* (any period) on the proposal date.

    Examples:
        >>> HoldsAtAll(honour="BK_BO").label(Period.year(2024), "vi")
        'đã được tặng BK_BO'
    """

    honour: str

    def evaluate(self, ctx: Context, period: Period) -> B:
        return ctx.holds(self.honour, None)

    def label(self, period: Period, lang: str) -> str:
        return _pick(lang, f"đã được tặng {self.honour}", f"holds {self.honour}")

    def evidence(self, ctx: Context, period: Period, subject: int) -> Evidence:
        awards = _held_awards(ctx, frozenset({self.honour}), subject)
        if not awards:
            return (f"chưa có {self.honour} còn hiệu lực", f"no {self.honour} held")
        return (f"có: {'; '.join(awards)}", f"holds: {'; '.join(awards)}")


def _held_awards(ctx: Context, honours: frozenset[str], subject: int) -> list[str]:
    a, h = ctx.history.awards, ctx.history
    rows = ctx.held_rows(honours)
    rows = rows[a.recipient[rows] == subject]
    out = []
    for r in rows:
        code = int(a.period[r])
        when = h.periods[code].label_vi if code != NO_PERIOD else "—"
        out.append(
            f"{h.honours[int(a.honour[r])]} {when} ({a.decision[r] or a.id[r]}, "
            f"{_date(int(a.decided[r]))})"
        )
    return out


def _run(ctx: Context, period: Period, window: tuple[str, ...], step: B, p: Period) -> B:
    """Where the step for *p* of a chain ending at *period* counts (inside the window)."""
    starts = ctx.window_start(window, period)
    return step & (starts <= p.start_ordinal)


@attrs.frozen(kw_only=True)
class ConsecutiveHolds(Condition):
    """Holds *honour* for *n* consecutive periods ending with the period proposed.

    The periods are of the proposed period's kind, each starting where the
    previous ended.  The last one counts eligibility in this run (or an award
    for it); the earlier ones count awards held on the proposal date, never
    thematic or unexpected-feat ones.  The chain counts only periods starting
    on or after the window start: the end of the latest earlier award of
    *window* (or the day after its decision) and the end of any discipline.

    Examples:
        >>> ConsecutiveHolds(honour="CSTDCS", n=3).label(Period.year(2024), "en")
        '3 consecutive periods of CSTDCS up to 2024'
    """

    honour: str
    n: int
    window: tuple[str, ...] = ()

    def evaluate(self, ctx: Context, period: Period) -> B:
        out = np.ones(ctx.n, dtype=bool)
        for p in ctx.chain(period, self.n):
            out &= _run(ctx, period, self.window, ctx.has_title(self.honour, p, period), p)
        return out

    def label(self, period: Period, lang: str) -> str:
        return _pick(
            lang,
            f"{self.n} kỳ liên tục đạt {self.honour} đến {_vi(period)}",
            f"{self.n} consecutive periods of {self.honour} up to {_en(period)}",
        )

    def evidence(self, ctx: Context, period: Period, subject: int) -> Evidence:
        starts = ctx.window_start(self.window, period)
        vi, en = [], []
        for p in ctx.chain(period, self.n):
            ok = bool(ctx.has_title(self.honour, p, period)[subject])
            inside = int(starts[subject]) <= p.start_ordinal
            mark = "✓" if ok and inside else "✗"
            vi.append(f"{p.label_vi} {mark}" + ("" if inside else " (ngoài thời gian tính)"))
            en.append(f"{p} {mark}" + ("" if inside else " (outside the counting window)"))
        return ("; ".join(vi), "; ".join(en))

    def honours(self) -> frozenset[str]:
        return frozenset({self.honour})


@attrs.frozen(kw_only=True)
class ConsecutiveAwards(Condition):
    """*n* awards of *honour* for periods that follow each other, the last the one proposed.

    The periods may have any length: a CSTĐ bộ/tỉnh is often awarded for a
    stage such as giai đoạn 2020-2022.

    The last link is the proposed period itself (eligibility in this run, or
    an award for it); each earlier link is a held award (not thematic) whose
    period ends where the next one starts and starts inside the counting
    window.

    Examples:
        >>> ConsecutiveAwards(honour="CSTD_BO", n=2).label(Period.stage(2023, 2025), "en")
        '2 consecutive awards of CSTD_BO, the last for 2023-01-01/2026-01-01'
    """

    honour: str
    n: int
    window: tuple[str, ...] = ()

    def _links(self, ctx: Context, period: Period) -> npt.NDArray[np.int32]:
        """How many links of the chain each subject has (0 to *n*)."""
        a, h = ctx.history.awards, ctx.history
        alive = ctx.has_title(self.honour, period, period)
        alive &= ctx.window_start(self.window, period) <= period.start_ordinal
        links = alive.astype(np.int32)
        boundary = np.full(ctx.n, period.start_ordinal, dtype=np.int32)
        rows = ctx.held_rows(ctx.catalogue_implied(self.honour), chains_only=True)
        rows = rows[a.period[rows] != NO_PERIOD]
        start, end = h.period_start[a.period[rows]], h.period_end[a.period[rows]]
        who = a.recipient[rows]
        window = ctx.window_start(self.window, period)
        for _ in range(1, self.n):
            hit = alive[who] & (end == boundary[who]) & (start >= window[who])
            found = np.zeros(ctx.n, dtype=bool)
            found[who[hit]] = True
            new_boundary = np.full(ctx.n, -1, dtype=np.int32)
            np.maximum.at(new_boundary, who[hit], start[hit])
            alive &= found
            links += alive
            boundary = np.where(alive, new_boundary, boundary)
        return links

    def evaluate(self, ctx: Context, period: Period) -> B:
        return ctx.memo(("links", self, period), lambda: self._links(ctx, period)) >= self.n

    def label(self, period: Period, lang: str) -> str:
        return _pick(
            lang,
            f"{self.n} lần liên tục đạt {self.honour}, lần cuối {_vi(period)}",
            f"{self.n} consecutive awards of {self.honour}, the last for {_en(period)}",
        )

    def evidence(self, ctx: Context, period: Period, subject: int) -> Evidence:
        links = int(ctx.memo(("links", self, period), lambda: self._links(ctx, period))[subject])
        awards = _held_awards(ctx, ctx.catalogue_implied(self.honour), subject)
        listed = "; ".join(awards) or "—"
        return (f"{links} lần liên tục; đã có: {listed}", f"{links} consecutive; held: {listed}")

    def honours(self) -> frozenset[str]:
        return frozenset({self.honour})


@attrs.frozen(kw_only=True)
class ConsecutiveRated(Condition):
    """Rated at least *grade* for at least *n* consecutive periods up to the period proposed.

    With *including*, the run (the whole unbroken run inside the counting
    window, not only its last *n* periods) must also hold that title in at
    least *including_count* of its periods: "≥5 consecutive years HTT or
    better, including 3 CSTĐCS".

    Examples:
        >>> ConsecutiveRated(grade=Grade.HTT, n=5, including="CSTDCS", including_count=3).label(
        ...     Period.year(2024), "en")
        '5 or more consecutive periods rated HTT or better up to 2024, 3 of them CSTDCS'
    """

    grade: Grade
    n: int
    including: str | None = None
    including_count: int = 0
    window: tuple[str, ...] = ()

    def _walk(
        self, ctx: Context, period: Period
    ) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
        length = np.zeros(ctx.n, dtype=np.int32)
        titles = np.zeros(ctx.n, dtype=np.int32)
        alive = np.ones(ctx.n, dtype=bool)
        earliest = ctx.earliest_ordinal()
        p, k = ctx.chain(period, 1)[0], 0
        limit = self.n if self.including is None else 1000
        while k < limit and alive.any() and p.end_ordinal > earliest:
            step = ctx.grades(p) >= int(self.grade)
            alive &= _run(ctx, period, self.window, step, p)
            length += alive
            if self.including is not None:
                titles += alive & ctx.has_title(self.including, p, period)
            p, k = previous_period(p), k + 1
        return length, titles

    def evaluate(self, ctx: Context, period: Period) -> B:
        length, titles = ctx.memo(("walk", self, period), lambda: self._walk(ctx, period))
        return (length >= self.n) & (titles >= self.including_count)

    def label(self, period: Period, lang: str) -> str:
        name = self.grade.name
        vi = f"từ {self.n} kỳ liên tục trở lên xếp loại từ {name} đến {_vi(period)}"
        en = f"{self.n} or more consecutive periods rated {name} or better up to {_en(period)}"
        if self.including:
            vi += f", trong đó {self.including_count} kỳ đạt {self.including}"
            en += f", {self.including_count} of them {self.including}"
        return _pick(lang, vi, en)

    def evidence(self, ctx: Context, period: Period, subject: int) -> Evidence:
        length, titles = ctx.memo(("walk", self, period), lambda: self._walk(ctx, period))
        count, found = int(length[subject]), int(titles[subject])
        start = int(ctx.window_start(self.window, period)[subject])
        vi = f"chuỗi {count} kỳ liên tục"
        en = f"an unbroken run of {count} periods"
        if self.including:
            vi += f", {found} kỳ đạt {self.including}"
            en += f", {found} of them {self.including}"
        if start > 0:
            vi += f"; tính từ ngày {_date(start)}"
            en += f"; counted from {_date(start)}"
        # Say which rating ended the run (missing data never passes silently);
        # a run ended by the counting window is said by "counted from".
        p = ctx.chain(period, 1)[0]
        for _ in range(count):
            p = previous_period(p)
        limit = self.n if self.including is None else None
        if count != limit and p.end_ordinal > ctx.earliest_ordinal() and start <= p.start_ordinal:
            said = _grade_text(int(ctx.grades(p)[subject]))
            vi += f"; đứt ở {p.label_vi}: {said[0]}"
            en += f"; broken at {p}: {said[1]}"
        return (vi, en)


# -- initiatives --------------------------------------------------------------------


def _looked_from(ctx: Context, period: Period, span: int) -> int:
    """First day of the *span* periods ending with *period*, never after *period*'s start.

    A proposal over several years (a stage) steps by years: its first years
    must count too, so the window always covers the proposed period itself.
    """
    return min(ctx.chain(period, span)[-1].start_ordinal, period.start_ordinal)


def _initiative_mask(
    ctx: Context, period: Period, level: InitiativeLevel, span: int
) -> npt.NDArray[np.bool_]:
    i = ctx.history.initiatives
    mask = (i.level >= int(level)) & (i.recognised >= _looked_from(ctx, period, span))
    mask &= i.recognised < period.end_ordinal
    return mask & ~ctx.used_initiatives()


@attrs.frozen(kw_only=True)
class Initiatives(Condition):
    """At least *count* initiatives of *level* or higher, not yet used, in the last *span* periods.

    The initiatives must be recognised within the *span* periods ending with
    the proposed one (for a stage, the years ending with it, and the whole
    stage) and not yet be the basis of another award.

    Examples:
        >>> Initiatives(level=InitiativeLevel.PROVINCE, span=3).label(Period.year(2024), "en")
        '1 initiative(s) of ministry, sector or province level or higher, recognised in the 3
        periods up to 2024, not used by another award'
    """

    level: InitiativeLevel
    count: int = 1
    span: int = 1

    def evaluate(self, ctx: Context, period: Period) -> B:
        rows, authors = ctx.initiative_authors()
        ok = _initiative_mask(ctx, period, self.level, self.span)[rows]
        return np.bincount(authors[ok], minlength=ctx.n) >= self.count

    def label(self, period: Period, lang: str) -> str:
        within_vi = _vi(period) if self.span == 1 else f"{self.span} kỳ đến {_vi(period)}"
        within_en = (
            _en(period) if self.span == 1 else f"the {self.span} periods up to {_en(period)}"
        )
        return _pick(
            lang,
            f"{self.count} sáng kiến {_LEVEL_VI[self.level]} trở lên, công nhận trong {within_vi}, "
            "chưa dùng cho khen thưởng khác",
            f"{self.count} initiative(s) of {_LEVEL_EN[self.level]} level or higher, recognised in "
            f"{within_en}, not used by another award",
        )

    def evidence(self, ctx: Context, period: Period, subject: int) -> Evidence:
        rows, authors = ctx.initiative_authors()
        mine = rows[authors == subject]
        if not mine.size:
            return ("không có sáng kiến", "no initiative")
        ok = _initiative_mask(ctx, period, self.level, self.span)
        used = ctx.used_initiatives()
        ids = ctx.history.initiatives.id
        vi, en = [], []
        for r in mine:
            level = InitiativeLevel(int(ctx.history.initiatives.level[r]))
            state_vi = "tính" if ok[r] else ("đã dùng" if used[r] else "không tính")
            state_en = "counts" if ok[r] else ("already used" if used[r] else "does not count")
            vi.append(f"{ids[r]} ({_LEVEL_VI[level]}, {state_vi})")
            en.append(f"{ids[r]} ({_LEVEL_EN[level]}, {state_en})")
        return ("; ".join(vi), "; ".join(en))


# -- members of a collective ----------------------------------------------------------


def _member_evidence(
    ctx: Context, period: Period, subject: int, flags: B, what: Evidence
) -> Evidence:
    total = int(ctx.per_unit(period)[subject])
    if total == 0:
        return ("không có thành viên", "no members")
    have = int(ctx.per_unit(period, flags)[subject])
    return (
        f"{have}/{total} thành viên {what[0]} ({100 * have / total:.1f} %)",
        f"{have} of {total} members {what[1]} ({100 * have / total:.1f} %)",
    )


@attrs.frozen(kw_only=True)
class MemberShare(Condition):
    """At least *share* of the members (on the period's last day) hold *honour* for it.

    A member holds it when an award says so, otherwise when eligible in this run.

    Examples:
        >>> MemberShare(honour="LDTT", share=0.7).label(Period.year(2024), "en")
        'at least 70 % of members LDTT in 2024'
    """

    honour: str
    share: float

    def _flags(self, ctx: Context, period: Period) -> B:
        return ctx.has_title(self.honour, period, period)

    def evaluate(self, ctx: Context, period: Period) -> B:
        total = ctx.per_unit(period)
        have = ctx.per_unit(period, self._flags(ctx, period))
        return (total > 0) & (have >= total * self.share - 1e-9)

    def label(self, period: Period, lang: str) -> str:
        pct = f"{100 * self.share:g} %"
        return _pick(
            lang,
            f"ít nhất {pct} thành viên đạt {self.honour} {_vi(period)}",
            f"at least {pct} of members {self.honour} in {_en(period)}",
        )

    def evidence(self, ctx: Context, period: Period, subject: int) -> Evidence:
        flags = self._flags(ctx, period)
        return _member_evidence(ctx, period, subject, flags, (f"đạt {self.honour}", self.honour))


@attrs.frozen(kw_only=True)
class AnyMemberHolds(Condition):
    """At least one member (on the period's last day) holds *honour* for the period.

    Examples:
        >>> AnyMemberHolds(honour="CSTDCS").label(Period.year(2024), "vi")
        'ít nhất một thành viên đạt CSTDCS năm 2024'
    """

    honour: str

    def evaluate(self, ctx: Context, period: Period) -> B:
        return ctx.per_unit(period, ctx.has_title(self.honour, period, period)) > 0

    def label(self, period: Period, lang: str) -> str:
        return _pick(
            lang,
            f"ít nhất một thành viên đạt {self.honour} {_vi(period)}",
            f"at least one member {self.honour} in {_en(period)}",
        )

    def evidence(self, ctx: Context, period: Period, subject: int) -> Evidence:
        flags = ctx.has_title(self.honour, period, period)
        return _member_evidence(ctx, period, subject, flags, (f"đạt {self.honour}", self.honour))


@attrs.frozen(kw_only=True)
class EveryMemberRated(Condition):
    """Every member (on the period's last day) is rated at least *grade*; no rating fails.

    Examples:
        >>> EveryMemberRated(grade=Grade.HT).label(Period.year(2024), "en")
        'every member rated HT or better in 2024'
    """

    grade: Grade

    def evaluate(self, ctx: Context, period: Period) -> B:
        bad = ctx.grades(period) < int(self.grade)  # includes "no rating" (-1)
        out: B = (ctx.per_unit(period) > 0) & (ctx.per_unit(period, bad) == 0)
        return out

    def label(self, period: Period, lang: str) -> str:
        name = self.grade.name
        return _pick(
            lang,
            f"mọi thành viên xếp loại từ {name} trở lên {_vi(period)}",
            f"every member rated {name} or better in {_en(period)}",
        )

    def evidence(self, ctx: Context, period: Period, subject: int) -> Evidence:
        m = ctx.history.memberships
        rows = ctx.member_rows(period)
        people = m.person[rows[m.unit[rows] == subject]]
        if not people.size:
            return ("không có thành viên", "no members")
        grades = ctx.grades(period)
        bad = [int(p) for p in people if grades[p] < int(self.grade)]
        if not bad:
            return (f"cả {people.size} thành viên đạt", f"all {people.size} members are")
        ids = ctx.history.subjects
        vi = [f"{ids[p]}: {_grade_text(int(grades[p]))[0]}" for p in bad[:10]]
        en = [f"{ids[p]}: {_grade_text(int(grades[p]))[1]}" for p in bad[:10]]
        return ("chưa đạt: " + "; ".join(vi), "not met by: " + "; ".join(en))


# -- discipline, registration, absences, post, review -------------------------------


def _discipline_rows(ctx: Context, period: Period, form: DisciplineForm) -> npt.NDArray[np.int64]:
    d = ctx.history.discipline
    mask = (d.form >= int(form)) & (d.start < period.end_ordinal) & (d.end > period.start_ordinal)
    return np.flatnonzero(mask)


@attrs.frozen(kw_only=True)
class NoDiscipline(Condition):
    """No discipline of *form* or worse overlapping the period (of any member, with *members*).

    Examples:
        >>> NoDiscipline(form=DisciplineForm.WARNING, members=True).label(Period.year(2024), "en")
        'no member disciplined with warning or more severe in 2024'
    """

    form: DisciplineForm
    members: bool = False

    def evaluate(self, ctx: Context, period: Period) -> B:
        hit = np.zeros(ctx.n, dtype=bool)
        hit[ctx.history.discipline.person[_discipline_rows(ctx, period, self.form)]] = True
        if self.members:
            none: B = ctx.per_unit(period, hit) == 0
            return none
        return ~hit

    def label(self, period: Period, lang: str) -> str:
        who_vi, who_en = ("thành viên nào ", "member ") if self.members else ("", "")
        return _pick(
            lang,
            f"không {who_vi}bị kỷ luật từ {self.form.label_vi} trở lên {_vi(period)}",
            f"no {who_en}disciplined with {_FORM_EN[self.form]} or more severe in {_en(period)}"
            if self.members
            else f"not disciplined with {_FORM_EN[self.form]} or more severe in {_en(period)}",
        )

    def evidence(self, ctx: Context, period: Period, subject: int) -> Evidence:
        d, ids = ctx.history.discipline, ctx.history.subjects
        rows = _discipline_rows(ctx, period, self.form)
        if self.members:
            m = ctx.history.memberships
            mrows = ctx.member_rows(period)
            members = set(m.person[mrows[m.unit[mrows] == subject]].tolist())
            rows = np.asarray([r for r in rows if int(d.person[r]) in members], dtype=np.int64)
        else:
            rows = rows[d.person[rows] == subject]
        if not rows.size:
            return ("không có", "none")
        items = [
            (
                (
                    f"{ids[int(d.person[r])]}: {DisciplineForm(int(d.form[r])).label_vi} "
                    f"{_date(int(d.start[r]))}–{_date(int(d.end[r]))}"
                ),
                (
                    f"{ids[int(d.person[r])]}: {_FORM_EN[DisciplineForm(int(d.form[r]))]} "
                    f"{_date(int(d.start[r]))}–{_date(int(d.end[r]))}"
                ),
            )
            for r in rows[:10]
        ]
        return ("; ".join(i[0] for i in items), "; ".join(i[1] for i in items))


@attrs.frozen(kw_only=True)
class Registered(Condition):
    """The subject registered for the honour (or a title requiring it) for the period.

    *honour* ``None`` means the honour whose rule is being evaluated; a
    registration for CSTĐCS also covers LĐTT (the rule set says which
    titles a title requires).

    Examples:
        >>> Registered().label(Period.year(2024), "en")
        'registered for the title for 2024'
    """

    honour: str | None = None

    def _covering(self, ctx: Context) -> frozenset[str]:
        honour = self.honour or ctx.honour
        return ctx.rules.covering(honour)

    def evaluate(self, ctx: Context, period: Period) -> B:
        g = ctx.history.registrations
        codes = [ctx.history.honour_code(c) for c in self._covering(ctx)]
        mask = np.isin(g.honour, np.asarray([c for c in codes if c >= 0], dtype=np.int32))
        mask &= g.period == ctx.history.period_code(period)
        out = np.zeros(ctx.n, dtype=bool)
        out[g.subject[mask]] = True
        return out

    def label(self, period: Period, lang: str) -> str:
        what = self.honour or ("danh hiệu" if lang == "vi" else "the title")
        return _pick(
            lang, f"đã đăng ký {what} {_vi(period)}", f"registered for {what} for {_en(period)}"
        )

    def evidence(self, ctx: Context, period: Period, subject: int) -> Evidence:
        g, h = ctx.history.registrations, ctx.history
        rows = np.flatnonzero((g.subject == subject) & (g.period == h.period_code(period)))
        if not rows.size:
            return ("không đăng ký", "no registration")
        codes = ", ".join(h.honours[int(g.honour[r])] for r in rows)
        return (f"đã đăng ký: {codes}", f"registered for: {codes}")


@attrs.frozen(kw_only=True)
class AbsentLess(Condition):
    """Fewer than *days* working days absent in the period, not counting *except_reasons*.

    Absences count when their period lies inside the one proposed.

    Examples:
        >>> AbsentLess(days=40).label(Period.year(2024), "en")
        'absent fewer than 40 working days in 2024 (maternity not counted)'
    """

    days: int
    except_reasons: tuple[AbsenceReason, ...] = (AbsenceReason.MATERNITY,)

    def _rows(self, ctx: Context, period: Period) -> npt.NDArray[np.int64]:
        b, h = ctx.history.absences, ctx.history
        inside = (h.period_start >= period.start_ordinal) & (h.period_end <= period.end_ordinal)
        excluded = np.asarray([_REASONS.index(r) for r in self.except_reasons], dtype=np.int8)
        mask = inside[b.period] if inside.size else np.zeros(len(b.period), dtype=bool)
        return np.flatnonzero(mask & ~np.isin(b.reason, excluded))

    def _totals(self, ctx: Context, period: Period) -> npt.NDArray[np.int64]:
        b = ctx.history.absences
        rows = self._rows(ctx, period)
        return np.bincount(b.person[rows], weights=b.days[rows], minlength=ctx.n).astype(np.int64)

    def evaluate(self, ctx: Context, period: Period) -> B:
        return self._totals(ctx, period) < self.days

    def label(self, period: Period, lang: str) -> str:
        reasons_vi = ", ".join(_REASON_VI[r] for r in self.except_reasons)
        reasons_en = ", ".join(r.value for r in self.except_reasons)
        return _pick(
            lang,
            f"nghỉ dưới {self.days} ngày làm việc {_vi(period)} (không tính {reasons_vi})",
            f"absent fewer than {self.days} working days in {_en(period)} "
            f"({reasons_en} not counted)",
        )

    def evidence(self, ctx: Context, period: Period, subject: int) -> Evidence:
        total = int(self._totals(ctx, period)[subject])
        return (f"nghỉ {total} ngày (tính)", f"{total} days absent (counted)")


@attrs.frozen(kw_only=True)
class InPost(Condition):
    """In post at least *months* months of the period: membership days × 12 / period days.

    The days are those of the union of the person's memberships within the
    period: concurrent memberships (two units at once) count once.

    Examples:
        >>> InPost(months=10).label(Period.year(2024), "vi")
        'công tác từ 10 tháng trở lên năm 2024'
    """

    months: int

    def _days(self, ctx: Context, period: Period) -> npt.NDArray[np.int64]:
        m = ctx.history.memberships
        lo = np.maximum(m.start, period.start_ordinal).astype(np.int64) - period.start_ordinal
        hi = np.minimum(m.end, period.end_ordinal).astype(np.int64) - period.start_ordinal
        keep = np.flatnonzero(hi > lo)
        person, lo, hi = m.person[keep].astype(np.int64), lo[keep], hi[keep]
        # Days of the union of each person's intervals: concurrent memberships
        # (two units at once) count once.  Sorted by (person, start), a row
        # adds the days past the furthest end reached before it by the same
        # person; ``person * span`` keeps the running maximum inside a person.
        order = np.lexsort((lo, person))
        person, lo, hi = person[order], lo[order], hi[order]
        span = period.days + 1
        reach = np.maximum.accumulate(person * span + hi) - person * span
        before = np.zeros_like(reach)
        before[1:] = reach[:-1]
        before[np.flatnonzero(np.diff(person, prepend=-1))] = 0  # a person's first row
        days = np.clip(hi - np.maximum(lo, before), 0, None)
        return np.bincount(person, weights=days, minlength=ctx.n).astype(np.int64)

    def evaluate(self, ctx: Context, period: Period) -> B:
        days = ctx.memo(("in_post", period), lambda: self._days(ctx, period))
        return days * 12 >= self.months * period.days

    def label(self, period: Period, lang: str) -> str:
        return _pick(
            lang,
            f"công tác từ {self.months} tháng trở lên {_vi(period)}",
            f"in post {self.months} months or more of {_en(period)}",
        )

    def evidence(self, ctx: Context, period: Period, subject: int) -> Evidence:
        days = int(ctx.memo(("in_post", period), lambda: self._days(ctx, period))[subject])
        months = days * 12 / period.days
        return (
            f"{days}/{period.days} ngày = {months:.2f} tháng".replace(".", ","),
            f"{days} of {period.days} days = {months:.2f} months",
        )


@attrs.frozen(kw_only=True)
class NotUnderReview(Condition):
    """No disciplinary review, investigation or complaint open on the proposal date.

    Examples:
        >>> NotUnderReview().label(Period.year(2024), "en")
        'not under review, investigation or complaint on the proposal date'
    """

    def _open(self, ctx: Context) -> npt.NDArray[np.int64]:
        v = ctx.history.reviews
        return np.flatnonzero((v.start <= ctx.on_ord) & (v.end > ctx.on_ord))

    def evaluate(self, ctx: Context, period: Period) -> B:
        out = np.ones(ctx.n, dtype=bool)
        out[ctx.history.reviews.subject[self._open(ctx)]] = False
        return out

    def label(self, period: Period, lang: str) -> str:
        return _pick(
            lang,
            "không đang bị xem xét kỷ luật, điều tra hoặc khiếu nại vào ngày đề nghị",
            "not under review, investigation or complaint on the proposal date",
        )

    def evidence(self, ctx: Context, period: Period, subject: int) -> Evidence:
        v = ctx.history.reviews
        rows = self._open(ctx)
        rows = rows[v.subject[rows] == subject]
        if not rows.size:
            return ("không có", "none open")
        r = int(rows[0])
        return (
            f"đang xem xét từ {_date(int(v.start[r]))}",
            f"under review since {_date(int(v.start[r]))}",
        )


# -- benefit value (Bằng Lao động sáng tạo) ------------------------------------------------


@attrs.frozen(kw_only=True)
class BenefitAtLeast(Condition):
    """Benefit value (giá trị làm lợi) of initiatives at least the member type's threshold.

    The types are *worker* (college or below, no management post),
    *graduate* (university, no management post) and *manager*.

    The member type is read from the membership covering the period's last
    day; without one (or without a qualification, for a non-manager) the
    condition fails.  With ``span=1`` one initiative recognised in the period
    must reach the threshold; with ``total=True`` the benefits of the
    initiatives recognised in the *span* periods ending with the proposed one
    are summed.  A threshold of ``None`` closes the route to that type.
    Initiatives already the basis of another award do not count.

    Examples:
        >>> rule = BenefitAtLeast(worker=80e6, graduate=150e6, manager=200e6)
        >>> rule.label(Period.year(2024), "en")
        'benefit value of one initiative in 2024 ≥ 80.000.000 VND (worker), 150.000.000 VND
        (graduate), 200.000.000 VND (manager)'
    """

    worker: float | None = None
    graduate: float | None = None
    manager: float | None = None
    span: int = 1
    total: bool = False

    def _thresholds(self, ctx: Context, period: Period) -> npt.NDArray[np.float64]:
        m = ctx.history.memberships
        rows = ctx.member_rows(period)
        inf = np.inf
        by_type = np.asarray(
            [
                inf if self.worker is None else self.worker,
                inf if self.graduate is None else self.graduate,
                inf if self.manager is None else self.manager,
            ]
        )
        qual = m.qualification[rows]
        kind = np.where(
            m.manager[rows],
            2,
            np.where(qual == _UNIVERSITY, 1, np.where(qual >= 0, 0, -1)),
        )
        threshold = np.full(ctx.n, inf)
        known = kind >= 0
        np.minimum.at(threshold, m.person[rows][known], by_type[kind[known]])
        return threshold

    def _values(self, ctx: Context, period: Period) -> npt.NDArray[np.float64]:
        i = ctx.history.initiatives
        rows, authors = ctx.initiative_authors()
        first = _looked_from(ctx, period, self.span)
        ok = (i.recognised >= first) & (i.recognised < period.end_ordinal)
        ok &= ~ctx.used_initiatives() & ~np.isnan(i.benefit)
        pick = ok[rows]
        values = i.benefit[rows[pick]]
        out = np.zeros(ctx.n, dtype=np.float64)
        if self.total:
            np.add.at(out, authors[pick], values)
        else:
            np.maximum.at(out, authors[pick], values)
        return out

    def evaluate(self, ctx: Context, period: Period) -> B:
        return self._values(ctx, period) >= self._thresholds(ctx, period)

    def _what(self, period: Period, lang: str) -> str:
        if self.total:
            return _pick(
                lang,
                f"tổng giá trị làm lợi {self.span} kỳ đến {_vi(period)}",
                f"total benefit value over the {self.span} periods up to {_en(period)}",
            )
        return _pick(
            lang,
            f"giá trị làm lợi của một sáng kiến {_vi(period)}",
            f"benefit value of one initiative in {_en(period)}",
        )

    def label(self, period: Period, lang: str) -> str:
        names = (("worker", "công nhân"), ("graduate", "đại học"), ("manager", "quản lý"))
        parts = [
            f"{_vnd(v)} VND ({en if lang == 'en' else vi})"
            for (en, vi), v in zip(names, (self.worker, self.graduate, self.manager), strict=True)
            if v is not None
        ]
        return f"{self._what(period, lang)} ≥ {', '.join(parts)}"

    def evidence(self, ctx: Context, period: Period, subject: int) -> Evidence:
        value = float(self._values(ctx, period)[subject])
        threshold = float(self._thresholds(ctx, period)[subject])
        if np.isinf(threshold):
            return (
                "không xác định được đối tượng (chức vụ, trình độ) hoặc không áp dụng",
                "member type unknown (post, qualification) or route not open to it",
            )
        return (
            f"{_vnd(value)} VND so với ngưỡng {_vnd(threshold)} VND",
            f"{_vnd(value)} VND against a threshold of {_vnd(threshold)} VND",
        )


def conditions_of(condition: Condition) -> Sequence[Condition]:
    """*condition* and every condition under it, depth first."""
    out = [condition]
    for child in condition.children():
        out.extend(conditions_of(child))
    return out
