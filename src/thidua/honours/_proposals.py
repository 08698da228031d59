"""Proposals under quotas: :func:`propose` ranks the eligible candidates and cuts at the quotas.

The candidates are the subjects under the proposer (its own members and
those of the units below it on the last day of the period, or those units
themselves for a collective honour) that the eligibility engine evaluates.
The Cờ thi đua bộ/tỉnh (``CO_BO``) and of the Government (``CO_CP``) go to the
leading units of the clusters (cụm, khối thi đua, DOMAIN §6.4): their
candidates are the cluster members under the proposer, and a member is
eligible when it leads its cluster in the period (the highest total of the
``cluster_scores`` table, as :func:`thidua.campaigns.cluster_standings`
totals it; units tied at the top all lead).

The eligible are ranked by :data:`DEFAULT_ORDER` — cluster score (highest
first), then the law's preferences among equals (women, then collectives
with at least 70 % women: Law 06/2022/QH15 Art. 6, Decree 152/2025/NĐ-CP
Art. 4), then the id — and taken in that order while every quota has room.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from thidua._dates import as_date
from thidua.errors import InvalidArgumentError, MissingExtraError, UnknownNameError
from thidua.honours._catalogue import Recipient
from thidua.honours._eligibility import Eligibility, Explanation, eligibility
from thidua.honours._proposal_tables import proposals
from thidua.honours._quotas import (
    ClusterLeaderQuota,
    ProposerQuota,
    Quota,
    ShareQuota,
    ThemeQuota,
    quota_limit,
    rule_set_quotas,
)
from thidua.honours._rulesets import RULE_SETS, RuleSet, choose_rule_set, get_rule_set
from thidua.honours._workflow import ProposalStatus
from thidua.io import parse_column
from thidua.people import Gender, History, history
from thidua.periods import Period, parse_period
from thidua.problems import Problem

if TYPE_CHECKING:
    import pandas as pd

    from thidua.workspace import Workspace

__all__ = [
    "CLUSTER_HONOURS",
    "DEFAULT_ORDER",
    "ORDERINGS",
    "Candidate",
    "ProposalList",
    "propose",
]

CLUSTER_HONOURS = frozenset({"CO_BO", "CO_CP"})
"""The honours whose candidates are the cluster leaders (DOMAIN §6.4)."""

WOMEN_SHARE = 0.7
"""A collective with at least this share of women is preferred among equals (Law Art. 6)."""


@attrs.frozen(kw_only=True)
class Candidate:
    """One candidate of a :func:`propose` run, with its rank and why it was or was not proposed.

    Attributes:
        subject: the person's or unit's id.
        name: the name (empty when unknown).
        unit: the person's unit in the period (for a unit: itself).
        eligible: whether it meets the honour's conditions.
        score: its cluster score in the period (a person: its unit's), if any.
        female: a person's gender is female (``None``: unknown or a unit).
        women_share: the share of women among a unit's members (``None``: a person).
        rank: the place among the eligible in the ordering (1 first; ``None``: not eligible).
        proposed: whether it is on the list.
        reason: why not: the conditions not met, or the quota that cut it.

    .. versionadded:: 0.3.0
    """

    subject: str
    name: str = ""
    unit: str | None = None
    eligible: bool = False
    score: float | None = None
    female: bool | None = None
    women_share: float | None = None
    rank: int | None = None
    proposed: bool = False
    reason: str = ""

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dictionary of the fields."""
        return attrs.asdict(self)


def _by_score(c: Candidate) -> Hashable:
    return (c.score is None, -(c.score or 0.0))


def _by_women(c: Candidate) -> Hashable:
    return 0 if c.female else 1


def _by_women_collective(c: Candidate) -> Hashable:
    return 0 if c.women_share is not None and c.women_share >= WOMEN_SHARE - 1e-9 else 1


def _by_id(c: Candidate) -> Hashable:
    return c.subject


ORDERINGS: Mapping[str, Callable[[Candidate], Hashable]] = {
    "cluster_score": _by_score,
    "women": _by_women,
    "women_collective": _by_women_collective,
    "id": _by_id,
}
"""The named criteria an ordering is made of, each a sort key on a :class:`Candidate`."""

DEFAULT_ORDER: tuple[str, ...] = ("cluster_score", "women", "women_collective", "id")
"""Cluster score (highest first, none last), women first, collectives ≥ 70 % women first, id."""

Order = Sequence[str] | Callable[[Candidate], Any]


def _order_key(order: Order | None) -> Callable[[Candidate], Any]:
    if order is None:
        order = DEFAULT_ORDER
    if callable(order):
        return order
    if isinstance(order, str):
        order = (order,)
    unknown = [name for name in order if name not in ORDERINGS]
    if unknown:
        msg = f"unknown ordering {', '.join(map(repr, unknown))} (known: {', '.join(ORDERINGS)})"
        raise InvalidArgumentError(msg)
    keys = [ORDERINGS[name] for name in (*order, "id")]
    return lambda c: tuple(k(c) for k in keys)


# -- the scope of a proposer ---------------------------------------------------------------------


class Scope:
    """What a proposal run looks up: the units under a proposer, people's units, cluster scores."""

    def __init__(self, workspace: Workspace, period: Period) -> None:
        self.workspace = workspace
        self.period = period
        self.history: History = history(workspace)
        self.day = period.end.subtract(days=1)
        self._snapshot = workspace.hierarchy.as_of(self.day)
        self._units: dict[int, int] | None = None
        self._clusters: dict[str, dict[str, float]] | None = None

    def under(self, proposer: str) -> frozenset[str]:
        """The proposer and the units below it on the last day of the period."""
        if proposer not in self._snapshot:
            return frozenset({proposer})
        return frozenset({proposer, *self._snapshot.descendants(proposer)})

    def unit_of(self, subject: str) -> str | None:
        """A person's unit in the period (the latest membership overlapping it); a unit: itself."""
        h = self.history
        try:
            code = h.index(subject)
        except UnknownNameError:
            return None
        if not h.is_person[code]:
            return subject
        if self._units is None:
            m = h.memberships
            alive = np.flatnonzero(
                (m.start < self.period.end_ordinal) & (m.end > self.period.start_ordinal)
            )
            order = alive[np.lexsort((m.start[alive], m.person[alive]))]
            self._units = dict(zip(m.person[order].tolist(), m.unit[order].tolist(), strict=True))
        unit = self._units.get(code)
        return None if unit is None else h.subjects[unit]

    def women_share(self, unit: str) -> float | None:
        """The share of women among the unit's members in the period (``None``: no member known)."""
        shares = self.workspace.cached(f"thidua.honours.women:{self.period}", self._women_shares)
        return shares.get(unit)

    def _women_shares(self) -> dict[str, float]:
        h = self.history
        m = h.memberships
        alive = (m.start < self.period.end_ordinal) & (m.end > self.period.start_ordinal)
        info = self._people()
        female = np.array(
            [info.get(s, ("", None))[1] is True for s in h.subjects],
            dtype=bool,
        )
        pairs = {(int(p), int(u)) for p, u in zip(m.person[alive], m.unit[alive], strict=True)}
        total: Counter[int] = Counter(u for _p, u in pairs)
        women: Counter[int] = Counter(u for p, u in pairs if female[p])
        return {h.subjects[u]: women[u] / n for u, n in total.items()}

    def _people(self) -> dict[str, tuple[str, bool | None]]:
        """Each person's name and whether a woman, from ``people`` (or the history's records)."""

        def build() -> dict[str, tuple[str, bool | None]]:
            out: dict[str, tuple[str, bool | None]] = {
                pid: (p.name, None if p.gender is None else p.gender is Gender.FEMALE)
                for pid, p in self.history.people.items()
            }
            table = self.workspace.table("people")
            if not len(table):
                return out
            found: list[Problem] = []  # the people check reports them
            ids = parse_column(table, "id", found).values()
            names = parse_column(table, "name", found).values() if table.has("name") else []
            genders = parse_column(table, "gender", found).values() if table.has("gender") else []
            for i, pid in enumerate(ids):
                if pid is None:
                    continue
                gender = genders[i] if genders else None
                out[pid] = (
                    (names[i] or "") if names else "",
                    None if gender is None else gender is Gender.FEMALE,
                )
            return out

        return self.workspace.cached("thidua.honours.people", build)

    def female(self, subject: str) -> bool | None:
        """Whether a person is a woman (``None``: unknown gender or not a person)."""
        return self._people().get(subject, ("", None))[1]

    def name(self, subject: str) -> str:
        """The person's or unit's name (empty when unknown)."""
        person = self._people().get(subject)
        if person is not None:
            return person[0]
        if subject in self._snapshot:
            return self._snapshot.name(subject)
        return ""

    @property
    def clusters(self) -> dict[str, dict[str, float]]:
        """Each cluster's total score per member unit in the period.

        The totals of :func:`thidua.campaigns.cluster_standings` (the sum of
        a member's criteria in ``cluster_scores``) for the standings of this
        period.
        """
        if self._clusters is None:
            from thidua.campaigns import cluster_standings  # noqa: PLC0415  (heavy, on use)

            totals: dict[str, dict[str, float]] = {}
            for standing in cluster_standings(self.workspace):
                try:
                    period = parse_period(standing.period)
                except ValueError:
                    continue  # C018, the campaign check's to report
                if period == self.period:
                    group = totals.setdefault(standing.group, {})
                    for s in standing.standings:
                        group[s.unit] = s.score
            self._clusters = totals
        return self._clusters

    def score(self, unit: str | None) -> float | None:
        """A unit's best cluster total in the period (``None``: not scored)."""
        found = [g[unit] for g in self.clusters.values() if unit in g]
        return max(found) if found else None

    def leads(self, unit: str) -> tuple[bool, str]:
        """Whether *unit* leads a cluster in the period, and the evidence in words."""
        seen = []
        for group, totals in sorted(self.clusters.items()):
            if unit not in totals:
                continue
            top = max(totals.values())
            if totals[unit] >= top:
                return True, f"leads cluster {group} with {totals[unit]:g} points"
            best = min(u for u, v in totals.items() if v == top)
            seen.append(f"{totals[unit]:g} points in cluster {group}, led by {best} ({top:g})")
        return False, "; ".join(seen) or f"not scored in a cluster in {self.period}"

    def cluster_members(self) -> set[str]:
        """Every unit scored in a cluster in the period."""
        return {u for totals in self.clusters.values() for u in totals}


# -- quotas --------------------------------------------------------------------------------------


class QuotaBook:
    """The groups, limits and places taken of the quotas of one honour and period."""

    def __init__(self, scope: Scope, honour: str, quotas: Sequence[Quota]) -> None:
        self.scope = scope
        self.honour = honour
        self.quotas = tuple(quotas)
        self.taken: dict[tuple[int, Hashable], int] = Counter()
        self._bases: dict[tuple[int, Hashable], tuple[int, str]] = {}

    def key(self, index: int, proposer: str, subject: str, theme: str | None) -> Hashable:
        """The group of a proposal under the quota at *index*."""
        q = self.quotas[index]
        if isinstance(q, ShareQuota):
            return self.scope.unit_of(subject)
        if isinstance(q, ThemeQuota):
            return (theme or "", self.scope.period)
        if isinstance(q, ProposerQuota):
            return (proposer, theme or "")
        return proposer

    def limit(self, index: int, group: Hashable) -> tuple[int, str]:
        """The most places of *group* under the quota at *index*, and how it was reached."""
        cached = self._bases.get((index, group))
        if cached is not None:
            return cached
        q = self.quotas[index]
        if isinstance(q, ShareQuota):
            base = self._holders(q.of).get(str(group), 0)
            found = (quota_limit(q.share, base), f"{base} {q.of} in unit {group}")
        elif isinstance(q, ClusterLeaderQuota):
            under = self.scope.under(str(group))
            base = len(self._leaders(q.standard) & under)
            found = (quota_limit(q.share, base), f"{base} cluster leader(s) meeting {q.standard}")
        elif isinstance(q, ThemeQuota):
            theme = group[0] if isinstance(group, tuple) else ""
            found = (q.limit, f"theme {theme!r}" if theme else "no theme given")
        else:
            found = (q.limit, f"proposer {group[0] if isinstance(group, tuple) else group}")
        self._bases[(index, group)] = found
        return found

    def _holders(self, honour: str) -> dict[str, int]:
        """Per unit, its members eligible for *honour* in the period."""

        def build() -> dict[str, int]:
            result = eligibility(self.scope.workspace, honour, self.scope.period)
            counts: Counter[str] = Counter()
            for subject in result.eligible_subjects():
                unit = self.scope.unit_of(subject)
                if unit is not None:
                    counts[unit] += 1
            return dict(counts)

        return self.scope.workspace.cached(
            f"thidua.honours.holders:{honour}:{self.scope.period}", build
        )

    def _leaders(self, standard: str) -> frozenset[str]:
        del standard  # the Cờ bộ/tỉnh standard: leading a cluster (DOMAIN §6.4)
        return frozenset(u for u in self.scope.cluster_members() if self.scope.leads(u)[0])

    def full(self, proposer: str, subject: str, theme: str | None) -> str | None:
        """Why one more proposal does not fit (``None``: every quota has room)."""
        for index, q in enumerate(self.quotas):
            group = self.key(index, proposer, subject, theme)
            limit, base = self.limit(index, group)
            taken = self.taken[(index, group)]
            if taken >= limit:
                return (
                    f"beyond the quota {q.describe()}: {base} allow {limit}, "
                    f"{taken} already proposed"
                )
        return None

    def take(self, proposer: str, subject: str, theme: str | None) -> None:
        """Count one more proposal in each quota's group."""
        for index in range(len(self.quotas)):
            self.taken[(index, self.key(index, proposer, subject, theme))] += 1


def _quotas(
    honour: str, quota: Quota | Iterable[Quota] | int | str | None, rule_set: RuleSet | None
) -> tuple[Quota, ...]:
    if quota is None:
        return () if rule_set is None else rule_set_quotas(rule_set.id, honour)
    if isinstance(quota, bool):
        msg = f"a quota is a Quota, a count or a share, not {quota!r}"
        raise InvalidArgumentError(msg)
    if isinstance(quota, int):
        return (ProposerQuota(honour=honour, limit=quota),)
    if isinstance(quota, str):
        text = quota.strip()
        if text.endswith("%"):
            return (ShareQuota(honour=honour, share=text),)
        return (ProposerQuota(honour=honour, limit=text),)
    given = (
        (quota,)
        if isinstance(quota, ShareQuota | ThemeQuota | ProposerQuota | ClusterLeaderQuota)
        else tuple(quota)
    )
    for q in given:
        if q.honour != honour:
            msg = f"the quota {q.describe()} is not on {honour}"
            raise InvalidArgumentError(msg)
    return given


def _rule_set(honour: str, day: dt.date, rules: RuleSet | str | None) -> RuleSet | None:
    if rules is not None:
        return get_rule_set(rules)
    try:
        return choose_rule_set(honour, day)
    except InvalidArgumentError:
        found = [r for r in RULE_SETS.values() if r.default and r.effective_on(day)]
        return found[0] if found else None


def unmet_conditions(explanation: Explanation, lang: str = "en") -> list[str]:
    """The leaves of an explanation not met, each as 'condition: evidence'."""
    if explanation.met:
        return []
    if not explanation.children:
        text = explanation.condition(lang)
        evidence = explanation.evidence(lang)
        return [f"{text}: {evidence}" if evidence else text]
    return [line for child in explanation.children for line in unmet_conditions(child, lang)]


# -- the result ----------------------------------------------------------------------------------


class ProposalList:
    """The result of :func:`propose`: every candidate under the proposer, ranked, cut at the quotas.

    Iterating yields the :class:`Candidate` records in rank order (the
    eligible first, then the others by id).

    .. versionadded:: 0.3.0
    """

    def __init__(
        self,
        *,
        honour: str,
        period: Period,
        proposer: str,
        rule_set: str | None,
        quotas: Sequence[Quota],
        candidates: Sequence[Candidate],
    ) -> None:
        self.honour = honour
        self.period = period
        self.proposer = proposer
        self.rule_set = rule_set
        self.quotas: tuple[Quota, ...] = tuple(quotas)
        self.candidates: tuple[Candidate, ...] = tuple(candidates)

    def __len__(self) -> int:
        return len(self.candidates)

    def __iter__(self) -> Iterator[Candidate]:
        return iter(self.candidates)

    @property
    def proposed(self) -> tuple[str, ...]:
        """The ids on the list, in rank order."""
        return tuple(c.subject for c in self.candidates if c.proposed)

    @property
    def cut(self) -> tuple[Candidate, ...]:
        """The eligible candidates a quota cut."""
        return tuple(c for c in self.candidates if c.eligible and not c.proposed)

    def __repr__(self) -> str:
        n_eligible = sum(c.eligible for c in self.candidates)
        return (
            f"<ProposalList {self.honour} {self.period} by {self.proposer}: "
            f"{len(self.proposed)} proposed, {n_eligible - len(self.proposed)} cut by quota, "
            f"{len(self) - n_eligible} not eligible>"
        )

    def to_records(self) -> list[dict[str, object]]:
        """One plain dictionary per candidate, with honour, period and proposer."""
        head = {"honour": self.honour, "period": str(self.period), "proposer": self.proposer}
        return [{**head, **c.to_dict()} for c in self.candidates]

    def to_pandas(self) -> pd.DataFrame:
        """A pandas DataFrame of :meth:`to_records`.

        Raises:
            MissingExtraError: pandas is not installed (``pip install 'thidua[pandas]'``).
        """
        try:
            import pandas as pd  # noqa: PLC0415  (optional dependency)
        except ImportError:
            raise MissingExtraError("pandas", "pandas") from None
        columns = ["honour", "period", "proposer", *attrs.fields_dict(Candidate)]
        return pd.DataFrame(self.to_records(), columns=columns)

    def _repr_html_(self) -> str:
        rows = []
        for c in self.candidates:
            cells = (
                "" if c.rank is None else str(c.rank),
                c.subject,
                c.name,
                "" if c.score is None else f"{c.score:g}",
                "✓" if c.proposed else "",
                c.reason,
            )
            rows.append("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in cells) + "</tr>")
        head = "".join(
            f"<th>{h}</th>" for h in ("rank", "subject", "name", "score", "proposed", "reason")
        )
        caption = html.escape(repr(self))
        return (
            f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )


# -- propose -------------------------------------------------------------------------------------


def _verdicts(
    workspace: Workspace,
    scope: Scope,
    honour: str,
    period: Period,
    proposer: str,
    *,
    rules: RuleSet | None,
    on: dt.date | None,
) -> list[tuple[str, bool, str]]:
    """(subject, eligible, reason not) of every candidate under the proposer."""
    from thidua.honours._workspace import catalogue  # noqa: PLC0415  (imports io)

    under = scope.under(proposer)
    honours = catalogue(workspace)
    record = honours[honour]
    out: list[tuple[str, bool, str]] = []
    if honour in CLUSTER_HONOURS:
        members = sorted(u for u in scope.cluster_members() if u in under and u != proposer)
        ruled = rules is not None and honour in rules.rules
        result: Eligibility | None = None
        if ruled and members:
            result = eligibility(workspace, honour, period, rules=rules, on=on, subjects=members)
        for unit in members:
            leads, evidence = scope.leads(unit)
            reasons = [] if leads else [f"leads a cluster in {period}: {evidence}"]
            if result is not None and not result.verdict(unit).eligible:
                reasons.extend(unmet_conditions(result.explanation(unit)))
            out.append((unit, not reasons, "; ".join(reasons)))
        return out
    individual = record.recipient is Recipient.INDIVIDUAL
    if rules is None or honour not in rules.rules:
        # no eligibility rule (a thematic Bằng khen, say): every candidate of the kind counts
        from thidua.people import check_people  # noqa: PLC0415

        check_people(workspace, reading=True).raise_if_errors()
        if individual:
            h = scope.history
            m = h.memberships
            alive = (m.start < period.end_ordinal) & (m.end > period.start_ordinal)
            people = sorted({h.subjects[p] for p in np.unique(m.person[alive]).tolist()})
            return [(p, True, "") for p in people if scope.unit_of(p) in under]
        return [(u, True, "") for u in sorted(under - {proposer})]
    result = eligibility(workspace, honour, period, rules=rules, on=on)
    for verdict in result:
        subject = verdict.subject
        place = scope.unit_of(subject) if individual else subject
        if place is None or place not in under or (not individual and subject == proposer):
            continue
        reason = "" if verdict.eligible else "; ".join(unmet_conditions(verdict.explanation))
        out.append((subject, verdict.eligible, reason))
    return out


def propose(
    workspace: Workspace,
    honour: str,
    period: Period | str,
    *,
    proposer: str,
    quota: Quota | Iterable[Quota] | int | str | None = None,
    order: Order | None = None,
    theme: str | None = None,
    rules: RuleSet | str | None = None,
    on: dt.date | str | None = None,
) -> ProposalList:
    """Rank the eligible candidates under *proposer* for *honour* and cut at the quotas.

    Candidates are the members of the proposer and of the units below it (an
    individual honour), those units (a collective one), or the cluster
    members below it (``CO_BO``, ``CO_CP``: eligible when leading their
    cluster).  An honour without a rule in the rule set (a thematic Bằng
    khen) has no conditions: every candidate of its kind is eligible.  The
    eligible are ranked by *order* and proposed while every
    quota has room; each one cut says which quota and both numbers, each
    ineligible one the conditions it does not meet.

    Args:
        workspace: the workspace (its people tables are checked first, as by
            :func:`~thidua.honours.eligibility`).
        honour: a catalogue code.
        period: the achievement period.
        proposer: the proposing unit's id.
        quota: the quotas: a :data:`~thidua.honours.Quota` or several, a count
            (at most that many for this proposer), a share such as ``"15%"``
            (of the unit's LĐTT), ``()`` for none; default: those shipped with
            the rule set in force (:func:`~thidua.honours.rule_set_quotas`).
        order: the ordering: names of :data:`ORDERINGS` (default
            :data:`DEFAULT_ORDER`; the id always breaks the last ties) or a
            sort key on a :class:`Candidate`.
        theme: the theme of a thematic honour (for a :class:`ThemeQuota`,
            which also counts the other proposers' proposals of that theme and
            period in the ``proposals`` table, drafts and rejected ones aside).
        rules: a rule set or its id (default: the one in force on *on*).
        on: the proposal date (default: the day after the period ends).

    Returns:
        The :class:`ProposalList`.

    Raises:
        ThiduaValidationError: the people tables have errors.
        UnknownNameError: an unknown honour, proposer or rule set.
        InvalidArgumentError: a quota on another honour, an unknown ordering.

    Examples:
        >>> from thidua.datasets import hanoi_path
        >>> from thidua import load
        >>> ws = load(hanoi_path())
        >>> result = propose(ws, "CSTDCS", "2024", proposer="CDCS-0086", quota="15%")
        >>> result
        <ProposalList CSTDCS 2024 by CDCS-0086: 1 proposed, 4 cut by quota, 5 not eligible>
        >>> result.proposed
        ('DV-00540',)
        >>> print(result.cut[0].reason)
        beyond the quota CSTDCS ≤ 15 % of the unit's LDTT: 7 LDTT in unit CDCS-0086 allow 1, \
1 already proposed
        >>> propose(ws, "CSTDCS", "2024", proposer="CDCS-0086", quota=2).proposed
        ('DV-00540', 'DV-00544')
    """
    period = period if isinstance(period, Period) else parse_period(period)
    units = workspace.unit_ids()
    if proposer not in units:
        raise UnknownNameError("unit", proposer, units)
    day = period.end if on is None else as_date(on)
    rule_set = _rule_set(honour, day, rules)
    quotas = _quotas(honour, quota, rule_set)
    key = _order_key(order)
    scope = Scope(workspace, period)
    verdicts = _verdicts(workspace, scope, honour, period, proposer, rules=rule_set, on=day)
    book = QuotaBook(scope, honour, quotas)
    for other in proposals(workspace):
        if (
            other.honour == honour
            and other.period == period
            and other.proposer != proposer
            and other.status not in (None, ProposalStatus.DRAFT, ProposalStatus.REJECTED)
        ):
            for index, q in enumerate(book.quotas):
                if isinstance(q, ThemeQuota) and (other.theme or "") == (theme or ""):
                    book.taken[(index, book.key(index, other.proposer, other.subject, theme))] += 1
    made = []
    for subject, ok, reason in verdicts:
        unit = scope.unit_of(subject)
        is_person = bool(scope.history.is_person[scope.history.index(subject)])
        made.append(
            Candidate(
                subject=subject,
                name=scope.name(subject),
                unit=unit,
                eligible=ok,
                score=scope.score(unit),
                female=scope.female(subject) if is_person else None,
                women_share=None if is_person else scope.women_share(subject),
                reason=reason,
            )
        )
    eligible = sorted((c for c in made if c.eligible), key=key)
    ranked = []
    for rank, c in enumerate(eligible, start=1):
        why = book.full(proposer, c.subject, theme)
        if why is None:
            book.take(proposer, c.subject, theme)
        ranked.append(attrs.evolve(c, rank=rank, proposed=why is None, reason=why or ""))
    rest = sorted((c for c in made if not c.eligible), key=lambda c: c.subject)
    return ProposalList(
        honour=honour,
        period=period,
        proposer=proposer,
        rule_set=None if rule_set is None else rule_set.id,
        quotas=quotas,
        candidates=[*ranked, *rest],
    )
