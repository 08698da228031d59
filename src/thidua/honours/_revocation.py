"""Revocation and its consequences: :func:`revoke_impact`.

An award revoked (``revoked_on``) stops counting from that day.  Every award
that rested on it is found and re-checked without it by the eligibility
engine; nothing is changed, the result is a report:

* an award **rests on** the revoked one when its rule (in the rule set in
  force on its decision date) reads the revoked honour, or an honour the
  revoked one implies (a CSTĐCS holder holds LĐTT):

  - for the **same recipient** and the same period (a CSTĐCS needing
    LĐTT): that award;
  - for the **same recipient** in a chain: with *n* consecutive periods (a
    CSTĐ bộ/tỉnh needing 3 CSTĐCS), the awards whose *n* periods include the
    revoked one's; otherwise (a Bằng khen Thủ tướng needing a Bằng khen
    bộ/tỉnh, a CSTĐ toàn quốc needing 2 CSTĐ bộ/tỉnh) the first award of
    that honour whose achievement period ends with or after the revoked
    one's (the later ones count from it: Decree 152/2025/NĐ-CP Art. 33.7);
  - for the **members** of a collective (a TTLĐTT needing 70 % of its members
    LĐTT, a TTLĐXS needing a member CSTĐCS): the collective's award for the
    same period, when the recipient was a member on its last day;

* each such award is re-checked (:func:`~thidua.honours.eligibility`, on its
  decision date) on the history with the revoked award left out **and** its
  honour withdrawn for that recipient and period (the engine would
  otherwise re-derive it from the ratings); the verdict with the award is
  given beside it;
* an award that falls is itself withdrawn, and the awards resting on it are
  re-checked in turn: a chain of two levels (CSTĐCS → CSTĐ bộ/tỉnh → CSTĐ
  toàn quốc), or more, up to *depth*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import pendulum

from thidua._dates import as_date
from thidua.errors import InvalidArgumentError, UnknownNameError
from thidua.honours._catalogue import Catalogue, load_catalogue
from thidua.honours._conditions import (
    All,
    AnyMemberHolds,
    Condition,
    ConsecutiveAwards,
    ConsecutiveHolds,
    ConsecutiveRated,
    HoldsAtAll,
    Meets,
    MemberShare,
)
from thidua.honours._context import Context, last_step, previous_period
from thidua.honours._eligibility import Verdict, eligibility
from thidua.honours._rulesets import (
    RULE_SETS,
    Rule,
    RuleSet,
    choose_rule_set,
    derive_rule_set,
    get_rule_set,
)
from thidua.people import Award, History
from thidua.periods import Period
from thidua.problems import Problem

if TYPE_CHECKING:
    import numpy.typing as npt

    from thidua.workspace import Workspace

__all__ = ["Impact", "RevocationImpact", "Withdrawn", "references", "revoke_impact"]

SAME_PERIOD = "same_period"
CHAIN = "chain"
MEMBER = "member"
_RELATION_TEXT = {
    SAME_PERIOD: "the same recipient, the same period",
    CHAIN: "the same recipient, a chain of periods",
    MEMBER: "a member of the collective",
}
_FALLBACK_RULE_SET = "vn-2024"


@attrs.frozen(kw_only=True)
class Withdrawn(Condition):
    """Not withdrawn: the subject's standard for the period was revoked (used by re-checks).

    A revoked award's honour is withdrawn for its recipient and period, so
    that a re-check does not re-derive it from the ratings.

    Examples:
        >>> from thidua.people import Rating
        >>> from thidua.periods import Period
        >>> c = Withdrawn(pairs=frozenset({("P1", Period.year(2024))}))
        >>> c.label(Period.year(2024), "en")
        'not withdrawn by a revocation for 2024'
    """

    pairs: frozenset[tuple[str, Period]]

    def evaluate(self, ctx: Context, period: Period) -> npt.NDArray[np.bool_]:
        out = np.ones(ctx.n, dtype=bool)
        for subject, when in self.pairs:
            if when == period:
                try:
                    out[ctx.history.index(subject)] = False
                except UnknownNameError:
                    continue
        return out

    def label(self, period: Period, lang: str) -> str:
        if lang == "vi":
            return f"không bị thu hồi {period.label_vi}"
        return f"not withdrawn by a revocation for {period}"


@attrs.frozen(kw_only=True)
class Impact:
    """One award that rested on a revoked one, re-checked without it.

    Attributes:
        award: the affected award.
        level: 1 when it rested on the revoked award itself, 2 when on an
            award that falls with it, and so on.
        rests_on: the chain of award ids it rested on, the revoked one first
            (``("KT-3", "KT-7")``: on KT-7, which rested on KT-3).
        relation: ``same_period`` (the same recipient needed it for the same
            period), ``chain`` (the same recipient needed it in a chain of
            periods) or ``member`` (its recipient was a member of this collective).
        eligible_before: the verdict with the revoked award(s).
        eligible_after: the verdict without them.
        rule_set: the rule set of the re-check.
        verdict: the verdict without them, explained on demand.

    .. versionadded:: 0.3.0
    """

    award: Award
    level: int
    rests_on: tuple[str, ...]
    relation: str
    eligible_before: bool
    eligible_after: bool
    rule_set: str
    verdict: Verdict = attrs.field(repr=False, eq=False)

    @property
    def falls(self) -> bool:
        """Whether the award no longer stands without the revoked one(s)."""
        return not self.eligible_after

    def unmet(self, lang: str = "en") -> list[str]:
        """The top-level conditions not met without the revoked award(s), with their evidence."""
        if self.eligible_after:
            return []
        tree = self.verdict.explanation
        out = []
        for node in tree.children or (tree,):
            if not node.met:
                evidence = node.evidence(lang)
                text = node.condition(lang)
                out.append(f"{text}: {evidence}" if evidence else text)
        return out

    def chain(self) -> str:
        """The chain of reasons as a sentence.

        See :func:`revoke_impact` for an example.
        """
        links = " → ".join(self.rests_on)
        state = "still eligible" if self.eligible_after else "no longer eligible"
        period = "—" if self.award.period is None else self.award.period.label_vi
        text = (
            f"{self.award.id} ({self.award.honour} {period} to {self.award.recipient}) rested on "
            f"{links} ({_RELATION_TEXT[self.relation]}): {state}"
        )
        if not self.eligible_before:
            text += " (it was not eligible with it either)"
        unmet = self.unmet()
        return text + (f" — not met: {'; '.join(unmet)}" if unmet else "")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary of the impact, with the conditions of the re-check."""
        a = self.award
        return {
            "award": a.id,
            "recipient": a.recipient,
            "honour": a.honour,
            "period": None if a.period is None else str(a.period),
            "decided_on": a.decided_on.isoformat(),
            "level": self.level,
            "rests_on": list(self.rests_on),
            "relation": self.relation,
            "rule_set": self.rule_set,
            "eligible_before": self.eligible_before,
            "eligible_after": self.eligible_after,
            "still_eligible": self.eligible_after,
            "unmet": self.unmet(),
            "conditions": self.verdict.to_dict()["conditions"],
        }


@attrs.frozen(kw_only=True)
class RevocationImpact:
    """What a revocation does: the revoked award and every award re-checked without it.

    Attributes:
        revoked: the revoked award.
        on: the day it stops counting (its ``revoked_on``, or the day given).
        hypothetical: the award is not revoked in the data (a "what if").
        impacts: the affected awards, level by level.
        problems: warnings of the re-checks (``A004`` when no rule set was
            in force on an award's decision date and ``vn-2024`` was used).

    .. versionadded:: 0.3.0
    """

    revoked: Award
    on: pendulum.Date | None
    hypothetical: bool
    impacts: tuple[Impact, ...]
    problems: tuple[Problem, ...] = ()

    def __iter__(self) -> Iterator[Impact]:
        return iter(self.impacts)

    def __len__(self) -> int:
        return len(self.impacts)

    def fallen(self) -> tuple[Impact, ...]:
        """The affected awards that no longer stand."""
        return tuple(i for i in self.impacts if i.falls)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary: the revoked award, the day, and one entry per affected award."""
        r = self.revoked
        return {
            "revoked": {
                "award": r.id,
                "recipient": r.recipient,
                "honour": r.honour,
                "period": None if r.period is None else str(r.period),
                "decided_on": r.decided_on.isoformat(),
                "revoked_on": None if r.revoked_on is None else r.revoked_on.isoformat(),
            },
            "on": None if self.on is None else self.on.isoformat(),
            "hypothetical": self.hypothetical,
            "affected": [i.to_dict() for i in self.impacts],
        }


# -- what a rule reads ----------------------------------------------------------------------


def references(condition: Condition) -> frozenset[tuple[str, str]]:
    """The honours a condition tree reads, each with how: ``same_period``, ``chain`` or ``member``.

    ``same_period``: the subject meets it for the period proposed (Meets);
    ``chain``: it holds awards of it for earlier periods (consecutive
    titles or awards, a Bằng khen held, titles within a run of ratings);
    ``member``: members of the collective hold it for the period.

    Examples:
        >>> from thidua.honours import get_rule_set
        >>> sorted(references(get_rule_set("vn-2025").rules["TTLDXS"].condition))
        [('CSTDCS', 'member'), ('LDTT', 'member')]
        >>> sorted(references(get_rule_set("vn-2025").rules["CSTD_BO"].condition))
        [('CSTDCS', 'chain')]
    """
    found: set[tuple[str, str]] = set()
    todo = [condition]
    while todo:
        c = todo.pop()
        if isinstance(c, Meets):
            found.add((c.honour, SAME_PERIOD))
        elif isinstance(c, HoldsAtAll | ConsecutiveHolds | ConsecutiveAwards):
            found.add((c.honour, CHAIN))
        elif isinstance(c, MemberShare | AnyMemberHolds):
            found.add((c.honour, MEMBER))
        elif isinstance(c, ConsecutiveRated) and c.including:
            found.add((c.including, CHAIN))
        todo.extend(c.children())
    return frozenset(found)


def _chain_spans(condition: Condition) -> dict[str, int | None]:
    """Per honour read in a chain, how many periods back it reaches (``None``: unbounded)."""
    spans: dict[str, int | None] = {}

    def note(code: str, span: int | None) -> None:
        if code in spans and (spans[code] is None or span is None):
            spans[code] = None
        else:
            spans[code] = max(spans.get(code) or 0, span) if span is not None else None

    todo = [condition]
    while todo:
        c = todo.pop()
        if isinstance(c, ConsecutiveHolds):
            note(c.honour, c.n)
        elif isinstance(c, HoldsAtAll | ConsecutiveAwards):
            note(c.honour, None)
        elif isinstance(c, ConsecutiveRated) and c.including:
            note(c.including, None)
        todo.extend(c.children())
    return spans


def _in_chain(base: Period, period: Period, span: int) -> bool:
    """Whether *base* is one of the *span* steps of a chain ending with *period*."""
    step = last_step(period)
    for _ in range(span):
        if step == base:
            return True
        step = previous_period(step)
    return False


def _rule_set_for(honour: str, day: dt.date, rules: RuleSet | None) -> RuleSet | None:
    if rules is not None:
        return rules if honour in rules.rules else None
    try:
        return choose_rule_set(honour, day)
    except InvalidArgumentError:
        fallback = RULE_SETS[_FALLBACK_RULE_SET]
        return fallback if honour in fallback.rules else None


# -- the re-check ----------------------------------------------------------------------------


def _without(history: History, rows: Iterable[int]) -> History:
    """*history* with the award *rows* never held (revoked on their decision day)."""
    a = history.awards
    revoked = a.revoked.copy()
    chosen = np.fromiter(rows, dtype=np.int64)
    revoked[chosen] = a.decided[chosen]
    return History(
        subjects=history.subjects,
        is_person=history.is_person,
        periods=history.periods,
        honours=history.honours,
        people=history.people,
        ratings=history.ratings,
        awards=attrs.evolve(a, revoked=revoked),
        initiatives=history.initiatives,
        memberships=history.memberships,
        discipline=history.discipline,
        absences=history.absences,
        registrations=history.registrations,
        reviews=history.reviews,
    )


def _withdrawing(rules: RuleSet, withdrawn: frozenset[tuple[str, str, Period]]) -> RuleSet:
    """*rules* whose rules of the withdrawn honours also require "not withdrawn"."""
    by_honour: dict[str, set[tuple[str, Period]]] = {}
    for subject, honour, period in withdrawn:
        by_honour.setdefault(honour, set()).add((subject, period))
    changed = [
        Rule(
            honour=code,
            condition=All(of=(rules.rules[code].condition, Withdrawn(pairs=frozenset(pairs)))),
            basis=rules.rules[code].basis,
        )
        for code, pairs in by_honour.items()
        if code in rules.rules
    ]
    if not changed:
        return rules
    return derive_rule_set(
        rules,
        id=f"{rules.id} (revoked awards withdrawn)",
        rules=changed,
        effective_from=rules.effective_from,
        effective_to=rules.effective_to,
        default=rules.default,
    )


def _is_member(history: History, person: str, unit: str, period: Period) -> bool:
    m = history.memberships
    try:
        p, u = history.index(person), history.index(unit)
    except UnknownNameError:
        return False
    last = period.end_ordinal - 1
    return bool(np.any((m.person == p) & (m.unit == u) & (m.start <= last) & (m.end > last)))


def _candidate_rows(history: History, base: Award, skip: frozenset[str]) -> list[int]:
    """Rows of the awards to the base's recipient or to a unit it was a member of."""
    a, m = history.awards, history.memberships
    code = history.index(base.recipient)
    recipients = np.unique(np.concatenate(([code], m.unit[m.person == code])))
    rows = np.flatnonzero(np.isin(a.recipient, recipients))
    return [int(r) for r in rows if a.id[int(r)] not in skip]


def _dependants(
    history: History,
    catalogue: Catalogue,
    base: Award,
    candidates: Iterable[Award],
    rules: RuleSet | None,
) -> list[tuple[Award, str]]:
    """The awards among *candidates* resting on *base*, each with its relation.

    A base without an achievement period counts from the day after its
    decision (Decree 152/2025 Art. 33.7): only chains can rest on it.
    """
    # a rule reading X rests on the base when the base is X or implies X (CSTĐCS → LĐTT)
    implied = {base.honour, *(catalogue[base.honour].implies if base.honour in catalogue else ())}
    base_end = base.decided_on.toordinal() + 1 if base.period is None else base.period.end_ordinal
    members: list[tuple[Award, str]] = []
    first_self: dict[str, tuple[tuple[int, pendulum.Date, str], Award]] = {}
    for a in candidates:
        if a.id == base.id or a.period is None:
            continue
        rule_set = _rule_set_for(a.honour, a.decided_on, rules)
        if rule_set is None:
            continue
        refs = _references_of(rule_set, a.honour)
        reads = {rel for code, rel in refs if code in implied}
        if base.period is not None and a.period == base.period:
            if MEMBER in reads and _is_member(history, base.recipient, a.recipient, a.period):
                members.append((a, MEMBER))
                continue
            if SAME_PERIOD in reads and a.recipient == base.recipient:
                members.append((a, SAME_PERIOD))
                continue
        if not (CHAIN in reads and a.recipient == base.recipient):
            continue
        if a.period.end_ordinal < base_end:
            continue
        if a.period != base.period and a.decided_on < base.decided_on:
            continue
        spans = _spans_of(rule_set, a.honour)
        reach = [spans.get(code, None) for code in implied if code in spans]
        if base.period is not None and reach and None not in reach:
            # only "n consecutive periods": the base must be one of them
            if any(_in_chain(base.period, a.period, int(n or 0)) for n in reach):
                members.append((a, CHAIN))
            continue
        key = (a.period.end_ordinal, a.decided_on, a.id)
        if a.honour not in first_self or key < first_self[a.honour][0]:
            first_self[a.honour] = (key, a)
    return [*members, *((a, CHAIN) for _, a in first_self.values())]


_REFERENCES: dict[Condition, frozenset[tuple[str, str]]] = {}
_SPANS: dict[Condition, dict[str, int | None]] = {}


def _spans_of(rule_set: RuleSet, honour: str) -> dict[str, int | None]:
    condition = rule_set.rules[honour].condition
    found = _SPANS.get(condition)
    if found is None:
        found = _SPANS[condition] = _chain_spans(condition)
    return found


def _references_of(rule_set: RuleSet, honour: str) -> frozenset[tuple[str, str]]:
    condition = rule_set.rules[honour].condition
    found = _REFERENCES.get(condition)
    if found is None:
        found = _REFERENCES[condition] = references(condition)
    return found


def _recheck(
    history: History,
    catalogue: Catalogue,
    award: Award,
    rules: RuleSet | None,
    withdrawn: frozenset[tuple[str, str, Period]],
    rows: Sequence[int],
    own: int,
) -> tuple[bool, Verdict, str, list[Problem]]:
    """The verdicts with and without the revoked *rows*; the award itself (*own*) left out.

    The award re-checked is left out of both histories: it is being
    decided again, so its own initiatives are not "already used".
    """
    assert award.period is not None  # _dependants keeps awards with a period
    chosen = _rule_set_for(award.honour, award.decided_on, rules)
    assert chosen is not None
    before = eligibility(
        _without(history, [own]),
        catalogue,
        award.honour,
        award.period,
        rules=chosen,
        on=award.decided_on,
        subjects=[award.recipient],
    )
    after = eligibility(
        _without(history, [*rows, own]),
        catalogue,
        award.honour,
        award.period,
        rules=_withdrawing(chosen, withdrawn),
        on=award.decided_on,
        subjects=[award.recipient],
    )
    return (
        bool(before.eligible[0]),
        after.verdict(award.recipient),
        chosen.id,
        [*before.problems],
    )


def revoke_impact(
    source: History | Workspace,
    award: str,
    *,
    catalogue: Catalogue | None = None,
    on: dt.date | str | None = None,
    rules: RuleSet | str | None = None,
    depth: int = 2,
) -> RevocationImpact:
    """Every award that rested on the award *award*, re-checked without it; nothing is changed.

    Args:
        source: a workspace (its people tables are checked first: errors
            raise) or a :class:`~thidua.people.History` (then give *catalogue*
            or the shipped one is used).
        award: the id of the revoked award.  An award not revoked in the data
            is analysed as if it were (``hypothetical``).
        catalogue: the honours (default: the workspace's, or the shipped one).
        on: the day it stops counting (default: its ``revoked_on``).
        rules: re-check with this rule set (default: the one in force on each
            award's decision date; ``vn-2024`` before any was in force, with
            an ``A004`` warning).
        depth: how many levels of consequences to follow (2: the awards
            resting on it, and those resting on the ones that fall).

    Returns:
        A :class:`RevocationImpact`: per affected award, the verdict with and
        without, and the chain of reasons.

    Raises:
        UnknownNameError: no award has the id *award*.
        ThiduaValidationError: the workspace's people tables have errors.

    Examples:
        >>> from thidua.people import Membership, Rating
        >>> members = [Membership(person=p, unit="CD1", valid_from="2020-01-01")
        ...            for p in ("P1", "P2", "P3")]
        >>> h = History.from_records(
        ...     memberships=members,
        ...     ratings=[Rating(subject=s, period="2024", rating="HTT")
        ...              for s in ("P1", "P2", "P3", "CD1")],
        ...     awards=[Award(id=f"L{i}", recipient=f"P{i}", honour="LDTT", period="2024",
        ...                   decided_on="2025-01-10") for i in (1, 2, 3)]
        ...          + [Award(id="T1", recipient="CD1", honour="TTLDTT", period="2024",
        ...                   decided_on="2025-01-15"),
        ...             Award(id="L4", recipient="P3", honour="LDTT", period="2023",
        ...                   decided_on="2024-01-10", revoked_on="2025-03-01")])
        >>> result = revoke_impact(h, "L1")
        >>> result.hypothetical, [(i.award.id, i.eligible_before, i.eligible_after) for i in result]
        (True, [('T1', True, False)])
        >>> print(result.impacts[0].chain())
        T1 (TTLDTT năm 2024 to CD1) rested on L1 (a member of the collective): no longer eligible —
        not met: at least 70 % of members LDTT in 2024: 2 of 3 members LDTT (66.7 %)

    .. versionadded:: 0.3.0
    """
    problems: list[Problem] = []
    if isinstance(source, History):
        history = source
        cat = load_catalogue() if catalogue is None else catalogue
    else:
        from thidua.honours._eligibility import _checked  # noqa: PLC0415  (imports the workspace)

        history, cat, problems = _checked(source, catalogue)
    ids = history.awards.id
    row_of = {a: i for i, a in enumerate(ids)}
    if award not in row_of:
        raise UnknownNameError("award", award, ids[:1000])
    base_row = row_of[award]
    base = history.award(base_row)
    day = as_date(on) if on is not None else base.revoked_on
    chosen_rules = None if rules is None else get_rule_set(rules)

    def standing(a: Award) -> bool:
        """Not revoked (or revoked only after the day this revocation takes effect)."""
        return a.revoked_on is None or (day is not None and a.revoked_on > day)

    impacts: list[Impact] = []
    seen = {base.id}
    fallen_rows = [base_row]
    withdrawn: set[tuple[str, str, Period]] = set()
    if base.period is not None:
        withdrawn.add((base.recipient, base.honour, base.period))
    frontier: list[tuple[Award, tuple[str, ...]]] = [(base, (base.id,))]
    for level in range(1, depth + 1):
        next_frontier: list[tuple[Award, tuple[str, ...]]] = []
        for rested, chain in frontier:
            rows = _candidate_rows(history, rested, frozenset(seen))
            candidates = [a for a in (history.award(r) for r in rows) if standing(a)]
            for a, relation in _dependants(history, cat, rested, candidates, chosen_rules):
                if a.id in seen:
                    continue
                seen.add(a.id)
                before, verdict, rule_set, found = _recheck(
                    history, cat, a, chosen_rules, frozenset(withdrawn), fallen_rows, row_of[a.id]
                )
                problems.extend(found)
                impact = Impact(
                    award=a,
                    level=level,
                    rests_on=chain,
                    relation=relation,
                    eligible_before=before,
                    eligible_after=verdict.eligible,
                    rule_set=rule_set,
                    verdict=verdict,
                )
                impacts.append(impact)
                if impact.falls:
                    next_frontier.append((a, (*chain, a.id)))
        for a, _ in next_frontier:
            fallen_rows.append(row_of[a.id])
            if a.period is not None:
                withdrawn.add((a.recipient, a.honour, a.period))
        frontier = next_frontier
        if not frontier:
            break
    unique = {str(p): p for p in problems}
    return RevocationImpact(
        revoked=base,
        on=day,
        hypothetical=base.revoked_on is None,
        impacts=tuple(impacts),
        problems=tuple(unique.values()),
    )
