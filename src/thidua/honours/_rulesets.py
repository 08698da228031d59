"""Rule sets: one rule per honour, versioned by legal instrument, as data.

A :class:`RuleSet` has an id, the instruments it encodes, an effective
period ``[effective_from, effective_to)`` and one :class:`Rule` per honour;
a rule is a tree of conditions (:mod:`thidua.honours._conditions`).  The
shipped sets are built here from the rules of DOMAIN §6.4:

* ``vn-2024`` — Law 06/2022/QH15 with Decree 98/2023/NĐ-CP, decisions from
  01/01/2024 to 30/06/2025;
* ``vn-2025`` — the same law with Decree 152/2025/NĐ-CP, from 01/07/2025
  (the decree expires 01/03/2027 unless extended);
* ``vn-draft-2025`` — ``vn-2025`` with the 2025 draft amendment: CSTĐCS
  needs HTXS **and** an initiative (never chosen by date);
* ``cd-999-2024`` — the union's regulation 999/QĐ-TLĐ (29/05/2024) on top of
  ``vn-2024``: registration, absences, months in post and reprimands for the
  individual titles, and the Bằng Lao động sáng tạo thresholds.

:func:`derive_rule_set` builds a user's set from another (replace, add or
drop rules); any :class:`Condition` tree is accepted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import attrs
import pendulum

from thidua._dates import as_date
from thidua.errors import InvalidArgumentError, UnknownNameError
from thidua.honours._conditions import (
    AbsentLess,
    All,
    AnyMemberHolds,
    AnyOf,
    BenefitAtLeast,
    Condition,
    ConsecutiveAwards,
    ConsecutiveHolds,
    ConsecutiveRated,
    EveryMemberRated,
    HoldsAtAll,
    Initiatives,
    InPost,
    Meets,
    MemberShare,
    NoDiscipline,
    NotUnderReview,
    RatedAtLeast,
    Registered,
)
from thidua.people import DisciplineForm, Grade, InitiativeLevel

__all__ = [
    "RULE_SETS",
    "Rule",
    "RuleSet",
    "choose_rule_set",
    "derive_rule_set",
    "get_rule_set",
]


def _opt_date(value: dt.date | str | None) -> pendulum.Date | None:
    return None if value is None else as_date(value)


def _rules(value: Mapping[str, Rule] | Iterable[Rule]) -> dict[str, Rule]:
    rules = value.values() if isinstance(value, Mapping) else value
    return {r.honour: r for r in rules}


@attrs.frozen(kw_only=True)
class Rule:
    """The eligibility rule of one honour: a condition tree and its legal basis.

    Examples:
        >>> Rule(honour="LDTT", condition=RatedAtLeast(grade=Grade.HTT)).honour
        'LDTT'

    .. versionadded:: 0.3.0
    """

    honour: str
    condition: Condition
    basis: str = ""


@attrs.frozen(kw_only=True)
class RuleSet:
    """A versioned set of rules with its instruments and effective period.

    Attributes:
        id: the stable id (``vn-2025``).
        instruments: the legal instruments encoded (document symbols).
        effective_from: first day decisions fall under it.
        effective_to: first day they no longer do (``None``: open).
        rules: one rule per honour code.
        default: chosen by the proposal date when no rule set is given.
        draft: a draft (never chosen by date).
        sources: where the rules come from, for the documentation.

    Examples:
        >>> rs = get_rule_set("vn-2025")
        >>> rs.instruments, rs.effective_on(pendulum.Date(2025, 7, 1))
        (('06/2022/QH15', '152/2025/NĐ-CP'), True)

    .. versionadded:: 0.3.0
    """

    id: str
    name: str = ""
    instruments: tuple[str, ...] = ()
    effective_from: pendulum.Date = attrs.field(converter=as_date)
    effective_to: pendulum.Date | None = attrs.field(default=None, converter=_opt_date)
    rules: dict[str, Rule] = attrs.field(converter=_rules, eq=False)
    default: bool = False
    draft: bool = False
    sources: tuple[str, ...] = ()

    def effective_on(self, day: dt.date) -> bool:
        """Whether *day* lies in ``[effective_from, effective_to)``."""
        return self.effective_from <= day and (self.effective_to is None or day < self.effective_to)

    def requires(self, honour: str) -> frozenset[str]:
        """The titles *honour*'s rule needs the subject to meet for the same period, transitively.

        Examples:
            >>> sorted(get_rule_set("vn-2025").requires("CSTD_BO"))
            ['CSTDCS', 'LDTT']
        """
        seen: set[str] = set()
        todo = [honour]
        while todo:
            rule = self.rules.get(todo.pop())
            if rule is None:
                continue
            for code in rule.condition.honours():
                if code not in seen:
                    seen.add(code)
                    todo.append(code)
        seen.discard(honour)
        return frozenset(seen)

    def covering(self, honour: str) -> frozenset[str]:
        """The registrations that cover *honour*: itself and every title requiring it.

        Examples:
            >>> sorted(get_rule_set("cd-999-2024").covering("LDTT"))
            ['CSTDCS', 'CSTD_BO', 'CSTD_TQ', 'LDTT']
        """
        return frozenset({honour} | {code for code in self.rules if honour in self.requires(code)})


def derive_rule_set(
    base: RuleSet,
    *,
    id: str,
    rules: Iterable[Rule] = (),
    drop: Iterable[str] = (),
    **changes: object,
) -> RuleSet:
    """A new rule set: *base* with *rules* replacing or adding rules, *drop* removing some.

    Other fields (``name``, ``instruments``, ``effective_from`` …) are changed
    through keyword arguments.

    Examples:
        >>> mine = derive_rule_set(get_rule_set("vn-2025"), id="mine", drop=["BK_TTG"],
        ...     rules=[Rule(honour="LDTT", condition=RatedAtLeast(grade=Grade.HT))])
        >>> "BK_TTG" in mine.rules, mine.rules["LDTT"].condition.grade.name, mine.default
        (False, 'HT', False)
    """
    merged = dict(base.rules)
    for code in drop:
        merged.pop(code, None)
    merged.update(_rules(rules))
    fields: dict[str, object] = {"default": False, "draft": base.draft, **changes}
    return attrs.evolve(base, id=id, rules=merged, **fields)  # type: ignore[arg-type]


# -- the shipped rule sets ----------------------------------------------------------

_LAW = "Law 06/2022/QH15"


def _state_rules(decree: str, *, draft: bool = False) -> list[Rule]:
    """The rules of DOMAIN §6.4 under the law and *decree*."""
    basis = f"{_LAW}; Decree {decree}"
    review = NotUnderReview(basis=f"{_LAW} Art. 6; Decree {decree} (principles)")
    no_warning = NoDiscipline(form=DisciplineForm.WARNING, members=True, basis=basis)
    ldtt = All(of=(RatedAtLeast(grade=Grade.HTT, basis=basis), review))
    if draft:
        cstdcs_extra: Condition = All(
            of=(
                RatedAtLeast(grade=Grade.HTXS, basis="2025 draft amendment"),
                Initiatives(level=InitiativeLevel.GRASSROOTS, basis="2025 draft amendment"),
            )
        )
    else:
        cstdcs_extra = AnyOf(
            of=(
                RatedAtLeast(grade=Grade.HTXS, basis=basis),
                Initiatives(level=InitiativeLevel.GRASSROOTS, basis=basis),
            )
        )
    cstdcs = All(of=(Meets(honour="LDTT", basis=basis), cstdcs_extra, review))
    cstd_bo = All(
        of=(
            ConsecutiveHolds(honour="CSTDCS", n=3, window=("CSTD_BO",), basis=basis),
            Initiatives(level=InitiativeLevel.PROVINCE, span=3, basis=basis),
            review,
        )
    )
    cstd_tq = All(
        of=(
            ConsecutiveAwards(honour="CSTD_BO", n=2, window=("CSTD_TQ",), basis=basis),
            Initiatives(level=InitiativeLevel.NATIONAL, span=2, basis=basis),
            review,
        )
    )
    ttldtt = All(
        of=(
            RatedAtLeast(grade=Grade.HTT, basis=basis),
            MemberShare(honour="LDTT", share=0.7, basis=basis),
            no_warning,
            review,
        )
    )
    ttldxs = All(
        of=(
            RatedAtLeast(grade=Grade.HTXS, basis=basis),
            EveryMemberRated(grade=Grade.HT, basis=basis),
            MemberShare(honour="LDTT", share=0.7, basis=basis),
            AnyMemberHolds(honour="CSTDCS", basis=basis),
            no_warning,
            review,
        )
    )
    bk_bo = All(
        of=(
            AnyOf(
                of=(
                    ConsecutiveHolds(honour="CSTDCS", n=2, window=("BK_BO",), basis=basis),
                    All(
                        of=(
                            ConsecutiveRated(grade=Grade.HTXS, n=2, window=("BK_BO",), basis=basis),
                            Initiatives(
                                level=InitiativeLevel.GRASSROOTS, count=2, span=2, basis=basis
                            ),
                        )
                    ),
                )
            ),
            review,
        )
    )
    bk_ttg = All(
        of=(
            HoldsAtAll(honour="BK_BO", basis=basis),
            ConsecutiveRated(
                grade=Grade.HTT,
                n=5,
                including="CSTDCS",
                including_count=3,
                window=("BK_BO", "BK_TTG"),
                basis=f"{basis}; time window: Decree 152/2025/NĐ-CP Art. 33.7",
            ),
            review,
        )
    )
    return [
        Rule(honour="LDTT", condition=ldtt, basis=basis),
        Rule(honour="CSTDCS", condition=cstdcs, basis=basis),
        Rule(honour="CSTD_BO", condition=cstd_bo, basis=basis),
        Rule(honour="CSTD_TQ", condition=cstd_tq, basis=basis),
        Rule(honour="TTLDTT", condition=ttldtt, basis=basis),
        Rule(honour="TTLDXS", condition=ttldxs, basis=basis),
        Rule(honour="BK_BO", condition=bk_bo, basis=basis),
        Rule(honour="BK_TTG", condition=bk_ttg, basis=basis),
    ]


def _union_rules(state: RuleSet) -> list[Rule]:
    """999/QĐ-TLĐ on top of *state*: exclusions for individual titles and the BLDST rule."""
    basis = "Quy chế 999/QĐ-TLĐ (29/05/2024) (check)"
    exclusions = (
        Registered(basis=basis),
        AbsentLess(days=40, basis=basis),
        InPost(months=10, basis=basis),
        NoDiscipline(form=DisciplineForm.REPRIMAND, basis=basis),
    )
    rules = [
        Rule(
            honour=code,
            condition=All(of=(state.rules[code].condition, *exclusions)),
            basis=f"{state.rules[code].basis}; {basis}",
        )
        for code in ("LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ")
    ]
    bldst_basis = "Bằng Lao động sáng tạo: thresholds of 2014/2019, check against 999/QĐ-TLĐ"
    bldst = All(
        of=(
            AnyOf(
                of=(
                    BenefitAtLeast(worker=80e6, graduate=150e6, manager=200e6, basis=bldst_basis),
                    BenefitAtLeast(worker=120e6, span=3, total=True, basis=bldst_basis),
                )
            ),
            NotUnderReview(basis=f"{_LAW} Art. 6"),
        )
    )
    rules.append(Rule(honour="BLDST", condition=bldst, basis=bldst_basis))
    return rules


def _shipped() -> dict[str, RuleSet]:
    vn_2024 = RuleSet(
        id="vn-2024",
        name="Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP",
        instruments=("06/2022/QH15", "98/2023/NĐ-CP"),
        effective_from="2024-01-01",
        effective_to="2025-07-01",
        rules=_state_rules("98/2023/NĐ-CP"),
        default=True,
        sources=(
            "Law on Emulation and Commendation 06/2022/QH15, in force 01/01/2024",
            "Decree 98/2023/NĐ-CP, from 31/12/2023, replaced from 01/07/2025 by 152/2025/NĐ-CP",
        ),
    )
    vn_2025 = RuleSet(
        id="vn-2025",
        name="Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP",
        instruments=("06/2022/QH15", "152/2025/NĐ-CP"),
        effective_from="2025-07-01",
        effective_to="2027-03-01",
        rules=_state_rules("152/2025/NĐ-CP"),
        default=True,
        sources=(
            "Law on Emulation and Commendation 06/2022/QH15",
            (
                "Decree 152/2025/NĐ-CP from 01/07/2025, expires 01/03/2027 unless extended; "
                "time window Art. 33.7, principles Art. 4, multipliers Art. 49–55"
            ),
        ),
    )
    draft = RuleSet(
        id="vn-draft-2025",
        name="vn-2025 với dự thảo sửa đổi 2025 (CSTĐCS: HTXS và sáng kiến)",
        instruments=("06/2022/QH15", "152/2025/NĐ-CP", "draft amendment 2025"),
        effective_from="2025-07-01",
        effective_to=None,
        rules=_state_rules("152/2025/NĐ-CP", draft=True),
        draft=True,
        sources=("2025 draft amendment: CSTĐCS requires HTXS and an initiative (DOMAIN §6.4)",),
    )
    union = derive_rule_set(
        vn_2024,
        id="cd-999-2024",
        name="Quy chế khen thưởng của tổ chức Công đoàn (999/QĐ-TLĐ) trên vn-2024",
        instruments=("06/2022/QH15", "98/2023/NĐ-CP", "999/QĐ-TLĐ"),
        effective_from=pendulum.Date(2024, 5, 29),
        effective_to=None,
        rules=_union_rules(vn_2024),
        sources=(
            (
                "Quy chế khen thưởng của tổ chức Công đoàn, 999/QĐ-TLĐ of 29/05/2024 "
                "(before: 1689/QĐ-TLĐ 2019, 2106/QĐ-TLĐ 2017, 1564/QĐ-TLĐ 2014)"
            ),
            "unit-level exclusions and BLDST thresholds from older union rules (check)",
        ),
    )
    return {rs.id: rs for rs in (vn_2024, vn_2025, draft, union)}


RULE_SETS: Mapping[str, RuleSet] = _shipped()
"""The shipped rule sets by id: ``vn-2024``, ``vn-2025``, ``vn-draft-2025``, ``cd-999-2024``."""


def get_rule_set(rule_set: str | RuleSet) -> RuleSet:
    """The shipped rule set *rule_set* (a :class:`RuleSet` is returned as given).

    Raises:
        UnknownNameError: no shipped rule set has that id.

    Examples:
        >>> get_rule_set("cd-999-2024").instruments[-1]
        '999/QĐ-TLĐ'
    """
    if isinstance(rule_set, RuleSet):
        return rule_set
    found = RULE_SETS.get(rule_set)
    if found is None:
        raise UnknownNameError("rule set", rule_set, RULE_SETS)
    return found


def choose_rule_set(honour: str, on: dt.date) -> RuleSet:
    """The rule set in force on *on* for *honour*.

    The state sets (``default``) decide every honour they have a rule for;
    only for an honour none of them has (the union's BLDST) is another set
    in force that has one used.  Drafts are never chosen.

    Raises:
        InvalidArgumentError: no shipped rule set in force on *on* has a rule for *honour*.

    Examples:
        >>> choose_rule_set("LDTT", pendulum.Date(2025, 1, 1)).id
        'vn-2024'
        >>> choose_rule_set("LDTT", pendulum.Date(2025, 7, 1)).id
        'vn-2025'
        >>> choose_rule_set("BLDST", pendulum.Date(2025, 1, 1)).id
        'cd-999-2024'
        >>> choose_rule_set("LDTT", pendulum.Date(2027, 3, 1))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        thidua.errors.InvalidArgumentError: no shipped rule set in force on 01/03/2027 ...
    """
    candidates = [rs for rs in RULE_SETS.values() if rs.effective_on(on) and honour in rs.rules]
    candidates = [rs for rs in candidates if not rs.draft]
    # An honour of the state sets (LĐTT …) is never decided by the union's set
    # just because no state set is in force on *on* (after vn-2025 expires on
    # 01/03/2027, or before 01/01/2024): that would silently add its exclusions.
    if any(rs.default and honour in rs.rules for rs in RULE_SETS.values()):
        candidates = [rs for rs in candidates if rs.default]
    candidates.sort(key=lambda rs: (not rs.default, rs.effective_from))
    if not candidates:
        msg = (
            f"no shipped rule set in force on {on:%d/%m/%Y} has a rule for {honour!r}: "
            "pass rules= explicitly (shipped: " + ", ".join(RULE_SETS) + ")"
        )
        raise InvalidArgumentError(msg)
    return candidates[0]
