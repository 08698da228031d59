"""Proposals for every unit at once: :func:`propose_all`, the vectorised :func:`propose`.

:func:`~thidua.honours.propose` works for one proposer and builds a
:class:`~thidua.honours.Candidate` per subject: right for an office that
proposes its own list, far too slow for a federation's year (127,000
grassroots unions, 11.8 million members).  :func:`propose_all` gives the
same lists for every unit in one pass over numpy columns: each unit
proposes its own members (their unit in the period, the latest membership
overlapping it, as for :func:`~thidua.honours.propose`), ranked by the same
ordering and cut at the same per-unit quotas.

The ranking sorts the eligible by (unit, ordering keys, id rank); a
member's rank in its unit is its position after the unit's first row (the
group offsets of the sorted unit column), and it is proposed while the rank
is within every quota's limit: ``⌊share × base⌋`` for a
:class:`~thidua.honours.ShareQuota`, the count of a
:class:`~thidua.honours.ProposerQuota`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs
import numpy as np
import numpy.typing as npt

from thidua._dates import as_date
from thidua.errors import InvalidArgumentError
from thidua.honours._catalogue import Catalogue, Recipient, load_catalogue
from thidua.honours._eligibility import Eligibility, eligibility
from thidua.honours._money import _subject_rank
from thidua.honours._proposals import (
    CLUSTER_HONOURS,
    DEFAULT_ORDER,
    ORDERINGS,
    Scope,
    _quotas,
    _rule_set,
)
from thidua.honours._quotas import ProposerQuota, Quota, ShareQuota
from thidua.people import Gender, History
from thidua.people import history as history_of
from thidua.periods import Period, parse_period

if TYPE_CHECKING:
    from thidua.honours._rulesets import RuleSet
    from thidua.workspace import Workspace

__all__ = ["BulkProposals", "propose_all"]

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]

NO_LIMIT = np.iinfo(np.int64).max
"""The limit of a unit no quota caps."""


@attrs.frozen(kw_only=True, eq=False)
class BulkProposals:
    """The result of :func:`propose_all`: the eligible of every unit, ranked and cut, as columns.

    Rows are the eligible candidates that have a unit in the period, sorted
    by unit (code) and rank.  Codes index :attr:`history`'s ``subjects``.

    Attributes:
        honour: the honour proposed.
        period: the achievement period.
        history: the history the codes refer to.
        rule_set: the id of the rule set used.
        quotas: the quotas applied.
        subject: each candidate's code.
        unit: the code of its unit (the proposer).
        rank: its place among the unit's eligible (1 first).
        limit: the most places its unit's quotas allow (:data:`NO_LIMIT`: none).
        proposed: whether it is on its unit's list (``rank <= limit``).

    .. versionadded:: 0.3.0
    """

    honour: str
    period: Period
    history: History
    rule_set: str | None
    quotas: tuple[Quota, ...]
    subject: I64
    unit: I64
    rank: I64
    limit: I64
    proposed: B

    def __len__(self) -> int:
        return len(self.subject)

    def __repr__(self) -> str:
        units = int(np.unique(self.unit).size)
        n = int(self.proposed.sum())
        return (
            f"<BulkProposals {self.honour} {self.period} in {units:,} units: "
            f"{n:,} proposed, {len(self) - n:,} cut by quota>"
        )

    @property
    def proposed_codes(self) -> I64:
        """The codes of everyone proposed, sorted."""
        return np.sort(self.subject[self.proposed])

    def of_unit(self, unit: str) -> tuple[str, ...]:
        """The ids *unit* proposes, in rank order (as ``propose(...).proposed``).

        A unit without eligible members proposes nobody: ``()``.  The unit is
        looked up among the units of the rows, so the history's id
        dictionary is not built for one lookup.

        Raises:
            UnknownNameError: *unit* is not in the history.
        """
        ids = self.history.subjects
        found = [u for u in np.unique(self.unit).tolist() if ids[u] == unit]
        if not found:
            self.history.index(unit)  # an unknown id raises
            return ()
        lo, hi = np.searchsorted(self.unit, [found[0], found[0] + 1])
        rows = np.arange(lo, hi)[self.proposed[lo:hi]]
        return tuple(ids[int(s)] for s in self.subject[rows])


def _units_of(history: History, period: Period) -> I64:
    """Per subject, the code of its unit in the period (-1: none), as ``Scope.unit_of``."""
    m = history.memberships
    alive = np.flatnonzero((m.start < period.end_ordinal) & (m.end > period.start_ordinal))
    order = alive[np.lexsort((m.start[alive], m.person[alive]))]
    person = m.person[order]
    last = np.ones(order.size, dtype=bool)
    last[:-1] = person[1:] != person[:-1]
    out = np.full(len(history), -1, dtype=np.int64)
    out[person[last]] = m.unit[order[last]]
    return out


def _female(source: History | Workspace, history: History, period: Period) -> B:
    if isinstance(source, History):
        found = np.zeros(len(history), dtype=bool)
        for pid, person in history.people.items():
            found[history.index(pid)] = person.gender is Gender.FEMALE
        return found
    scope = Scope(source, period)
    return np.fromiter(
        (scope.female(s) is True for s in history.subjects), dtype=bool, count=len(history)
    )


def _sort_keys(order: Sequence[str] | str | None) -> tuple[str, ...]:
    if order is None:
        return DEFAULT_ORDER
    if callable(order):
        msg = "propose_all takes an ordering by names of ORDERINGS, not a sort key; use propose"
        raise InvalidArgumentError(msg)
    names = (order,) if isinstance(order, str) else tuple(order)
    unknown = [name for name in names if name not in ORDERINGS]
    if unknown:
        msg = f"unknown ordering {', '.join(map(repr, unknown))} (known: {', '.join(ORDERINGS)})"
        raise InvalidArgumentError(msg)
    return (*names, "id")


def _run(
    source: History | Workspace,
    catalogue: Catalogue | None,
    honour: str,
    period: Period,
    *,
    rules: RuleSet | str | None = None,
    on: dt.date | None = None,
) -> Eligibility:
    if isinstance(source, History):
        cat = load_catalogue() if catalogue is None else catalogue
        return eligibility(source, cat, honour, period, rules=rules, on=on)
    if catalogue is None:
        return eligibility(source, honour=honour, period=period, rules=rules, on=on)
    return eligibility(source, catalogue, honour, period, rules=rules, on=on)


def propose_all(
    source: History | Workspace,
    honour: str,
    period: Period | str,
    *,
    quota: Quota | Iterable[Quota] | int | str | None = None,
    order: Sequence[str] | str | None = None,
    female: npt.ArrayLike | None = None,
    catalogue: Catalogue | None = None,
    rules: RuleSet | str | None = None,
    on: dt.date | str | None = None,
) -> BulkProposals:
    """Every unit's proposal list for an individual *honour*, computed at once.

    Each unit proposes its own members (a person's unit is the latest
    membership overlapping the period); the eligible are ranked within the
    unit by *order* and proposed while every quota has room.  For a unit
    without units below it the list is exactly ``propose(source, honour,
    period, proposer=unit, quota=quota, order=order).proposed``.

    Args:
        source: a :class:`~thidua.people.History` or a workspace (checked
            first, as by :func:`~thidua.honours.eligibility`).
        honour: an individual honour with an eligibility rule.
        period: the achievement period.
        quota: as for :func:`~thidua.honours.propose`, but only quotas per
            unit: :class:`~thidua.honours.ShareQuota` (the base counted per
            unit, as ``propose`` does) and
            :class:`~thidua.honours.ProposerQuota` (a count per unit).
        order: names of :data:`~thidua.honours.ORDERINGS` (default
            :data:`~thidua.honours.DEFAULT_ORDER`; the id breaks the last
            ties).  The cluster score and the share of women of a collective
            are the same for every member of a unit, so within a unit only
            ``women`` and ``id`` order people.
        female: per subject code, whether a woman (default: the genders of
            the history's people, or of the workspace's ``people`` table).
        catalogue: the catalogue (default: the shipped one, or the workspace's).
        rules: a rule set or its id (default: the one in force on *on*).
        on: the proposal date (default: the day after the period ends).

    Returns:
        The :class:`BulkProposals` columns.

    Raises:
        InvalidArgumentError: a collective or cluster honour, an honour
            without a rule, a quota across units (per theme, of cluster
            leaders), a sort key given as a function, an unknown ordering.

    Notes:
        Complexity: two eligibility runs and one ``lexsort`` of the eligible;
        no Python object per person (a workspace's genders aside).

    Examples:
        >>> from thidua.datasets import hanoi_path
        >>> from thidua import load
        >>> from thidua.honours import propose
        >>> ws = load(hanoi_path())
        >>> every = propose_all(ws, "CSTDCS", "2024", quota="15%")
        >>> every.of_unit("CDCS-0086")
        ('DV-00540',)
        >>> every.of_unit("CDCS-0086") == propose(
        ...     ws, "CSTDCS", "2024", proposer="CDCS-0086", quota="15%").proposed
        True
    """
    the_period = period if isinstance(period, Period) else parse_period(period)
    keys = _sort_keys(order)
    day = the_period.end if on is None else as_date(on)
    rule_set = _rule_set(honour, day, rules)
    quotas = _quotas(honour, quota, rule_set)
    if honour in CLUSTER_HONOURS:
        msg = f"{honour} goes to cluster leaders; use propose"
        raise InvalidArgumentError(msg)
    if rule_set is None or honour not in rule_set.rules:
        msg = f"{honour} has no eligibility rule in the rule set; use propose"
        raise InvalidArgumentError(msg)
    across = [q for q in quotas if not isinstance(q, ShareQuota | ProposerQuota)]
    if across:
        msg = f"propose_all applies quotas per unit only, not {across[0].describe()}; use propose"
        raise InvalidArgumentError(msg)
    result = _run(source, catalogue, honour, the_period, rules=rule_set, on=day)
    if result.catalogue[honour].recipient is not Recipient.INDIVIDUAL:
        msg = f"{honour} is not an individual honour; use propose"
        raise InvalidArgumentError(msg)
    history = source if isinstance(source, History) else history_of(source)
    units = _units_of(history, the_period)
    codes = result.codes[result.eligible]
    codes = codes[units[codes] >= 0]
    unit = units[codes]

    sort: list[npt.NDArray[np.generic]] = []
    for name in reversed(keys):
        if name == "id":
            sort.append(_subject_rank(history)[codes])
        elif name == "women":
            women = (
                _female(source, history, the_period)
                if female is None
                else np.asarray(female, dtype=bool).reshape(len(history))
            )
            sort.append(~women[codes])
    sort.append(unit)
    ordered = np.lexsort(sort)
    codes, unit = codes[ordered], unit[ordered]
    first = np.ones(unit.size, dtype=bool)
    first[1:] = unit[1:] != unit[:-1]
    starts = np.flatnonzero(first)
    group = np.cumsum(first) - 1
    rank = np.arange(unit.size, dtype=np.int64) - starts[group] + 1

    limit = np.full(unit.size, NO_LIMIT, dtype=np.int64)
    for q in quotas:
        if isinstance(q, ShareQuota):
            held = _run(source, catalogue, q.of, the_period)
            base_codes = held.codes[held.eligible]
            placed = units[base_codes]
            base = np.bincount(placed[placed >= 0], minlength=len(history))[unit]
            # ⌊share × base⌋ with quota_limit's epsilon
            allowed = np.floor(q.share * base + 1e-9).astype(np.int64)
        elif isinstance(q, ProposerQuota):
            allowed = np.full(unit.size, q.limit, dtype=np.int64)
        else:  # refused above
            continue
        limit = np.minimum(limit, allowed)
    return BulkProposals(
        honour=honour,
        period=the_period,
        history=history,
        rule_set=rule_set.id,
        quotas=quotas,
        subject=codes.astype(np.int64),
        unit=unit.astype(np.int64),
        rank=rank,
        limit=limit,
        proposed=rank <= limit,
    )
