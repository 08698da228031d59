"""Bonus money: each award's amount, the rules between awards, and the totals up the hierarchy.

A bonus is the honour's **multiplier** × the statutory **base salary**
(mức lương cơ sở) in force on the **decision date** × the **recipient
factor** (a form — Bằng khen, Giấy khen, an order — given to a collective
×2, to a household ×1.5; titles, collective ones included, have multipliers
of their own and no factor), rounded **up** once to a multiple of 10,000 VND
(a multiple stays as it is).  Decree 152/2025/NĐ-CP Art. 49–55 from
01/07/2025; Decree 98/2023/NĐ-CP before (DOMAIN §6.5).

The base salaries and the multipliers per rule set are data, shipped and
extensible: :mod:`thidua.honours._money_tables` (``base_salary.csv``,
``multipliers.csv``).

Per recipient, two **titles** for the same achievement period pay only the
higher amount; forms always pay, and a title and a form both pay; a revoked
award is listed unpaid (:func:`bonuses`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Sequence
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt
import pendulum

from thidua._dates import MAX_ORD, as_date
from thidua.errors import MissingExtraError
from thidua.honours._catalogue import Catalogue, HonourKind, Recipient, load_catalogue
from thidua.honours._money_tables import (
    BaseSalaryTable,
    Multiplier,
    MultiplierTable,
    load_base_salaries,
    load_multipliers,
)
from thidua.people import Award, History
from thidua.periods import Period, parse_period
from thidua.problems import AwardCode, Problem, problem

if TYPE_CHECKING:
    import pandas as pd

    from thidua.figures import IndicatorCatalogue
    from thidua.hierarchy import Relation
    from thidua.rollup import RollUp
    from thidua.workspace import Workspace

__all__ = [
    "BONUS_AWARDS",
    "BONUS_PAID",
    "ROUNDING_STEP",
    "Bonus",
    "Bonuses",
    "bonus",
    "bonus_totals",
    "bonuses",
    "recipient_factor",
    "round_up",
]

ROUNDING_STEP = 10_000
"""Bonuses are rounded up to a multiple of this many VND (DOMAIN §6.5)."""

_FORM_FACTORS = {Recipient.INDIVIDUAL: Decimal(1), Recipient.COLLECTIVE: Decimal(2)}
_FORM_FACTORS[Recipient.HOUSEHOLD] = Decimal("1.5")
_TITLE_BASIS = "two titles for one achievement period pay only the higher (DOMAIN §6.5)"


def _vnd(amount: int | Decimal) -> str:
    return f"{amount:,.0f}".replace(",", ".") + " VND"


def _number(value: float | Decimal) -> str:
    return f"{Decimal(str(value)).normalize():f}".replace(".", ",")


def round_up(amount: Decimal | int | float, step: int = ROUNDING_STEP) -> int:
    """*amount* rounded **up** to a multiple of *step* VND; a multiple stays as it is.

    Examples:
        >>> round_up(702_000), round_up(1_800_000), round_up(Decimal("1800000.5"))
        (710000, 1800000, 1810000)
    """
    units = (Decimal(str(amount)) / step).to_integral_value(rounding=ROUND_CEILING)
    return int(units) * step


def recipient_factor(kind: HonourKind, recipient: Recipient) -> Decimal:
    """The recipient factor: a form to a collective ×2, to a household ×1.5; else (titles) 1.

    Examples:
        >>> recipient_factor(HonourKind.FORM, Recipient.COLLECTIVE)
        Decimal('2')
        >>> recipient_factor(HonourKind.TITLE, Recipient.COLLECTIVE)
        Decimal('1')
    """
    return _FORM_FACTORS[recipient] if kind is HonourKind.FORM else Decimal(1)


# -- one bonus ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Bonus:
    """The bonus of one award, computed and explained, and whether it is paid.

    Attributes:
        award, recipient, honour, period, decided_on: the award.
        recipient_kind: individual or collective (a unit).
        base_salary: the base salary in force on the decision date (VND), if known.
        base_salary_from: the day that base salary took effect.
        multiplier: the honour's multiplier, if known.
        rule_set: where the multiplier comes from (a rule set id, ``honours``
            for the workspace's catalogue, or the user's label).
        check: the multiplier is unverified.
        factor: the recipient factor (2 for a form to a collective, else 1).
        computed: multiplier × base salary × factor, before rounding.
        amount: *computed* rounded up to a multiple of 10,000 VND (0 when it
            cannot be computed).
        paid: whether it is paid.
        reason: why it is not paid (empty when paid).
        basis: the legal basis of the multiplier.

    .. versionadded:: 0.3.0
    """

    award: str
    recipient: str
    honour: str
    period: Period | None
    decided_on: pendulum.Date
    recipient_kind: Recipient
    base_salary: int | None
    base_salary_from: pendulum.Date | None
    multiplier: float | None
    rule_set: str
    check: bool
    factor: Decimal
    computed: Decimal | None
    amount: int
    paid: bool
    reason: str = ""
    basis: str = ""
    revoked_on: pendulum.Date | None = None
    _is_title: bool = attrs.field(default=True, repr=False, alias="is_title")
    _salary_basis: str = attrs.field(default="", repr=False, alias="salary_basis")

    @property
    def explanation(self) -> str:
        """How the amount was reached: multiplier, factor, base salary and its date, rounding, rule.

        Examples:
            >>> a = Award(id="A1", recipient="P1", honour="LDTT", period="2024",
            ...           decided_on="2025-01-10")
            >>> print(bonus(a).explanation)
            0,3 (LDTT, rule set vn-2024: Decree 98/2023/NĐ-CP (as Decree 152/2025/NĐ-CP)) ×
            2.340.000 VND (base salary from 01/07/2024, Decree 73/2024/NĐ-CP) × 1 (title: no
            recipient factor) = 702.000 VND, rounded up to a multiple of 10.000 VND: 710.000 VND
        """
        if self.multiplier is None or self.base_salary is None or self.computed is None:
            return self.reason
        if self.factor == 1:
            kind = "title: no recipient factor" if self._is_title else "form to an individual"
        else:
            kind = f"form to a {self.recipient_kind.value}"
        check = " (check: unverified)" if self.check else ""
        head = (
            f"{_number(self.multiplier)} ({self.honour}, rule set {self.rule_set}: "
            f"{self.basis}{check}) × {_vnd(self.base_salary)} (base salary from "
            f"{self.base_salary_from:%d/%m/%Y}, {self._salary_basis}) × "
            f"{_number(self.factor)} ({kind}) = {_vnd(self.computed)}"
        )
        if Decimal(self.amount) == self.computed:
            tail = f", a multiple of {_vnd(ROUNDING_STEP)}: kept"
        else:
            tail = f", rounded up to a multiple of {_vnd(ROUNDING_STEP)}: {_vnd(self.amount)}"
        unpaid = f"; not paid: {self.reason}" if not self.paid else ""
        return head + tail + unpaid

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (``amount`` and ``base_salary`` integer VND, ``paid`` a boolean).

        Examples:
            >>> a = Award(id="A1", recipient="P1", honour="LDTT", period="2024",
            ...           decided_on="2024-06-30")
            >>> d = bonus(a).to_dict()
            >>> d["base_salary"], d["multiplier"], d["factor"], d["amount"], d["paid"]
            (1800000, 0.3, 1.0, 540000, True)
        """
        return {
            "award": self.award,
            "recipient": self.recipient,
            "recipient_kind": self.recipient_kind.value,
            "honour": self.honour,
            "period": None if self.period is None else str(self.period),
            "decided_on": self.decided_on.isoformat(),
            "base_salary": self.base_salary,
            "base_salary_from": (
                None if self.base_salary_from is None else self.base_salary_from.isoformat()
            ),
            "multiplier": self.multiplier,
            "rule_set": self.rule_set,
            "check": self.check,
            "factor": float(self.factor),
            "computed": None if self.computed is None else float(self.computed),
            "amount": self.amount,
            "paid": self.paid,
            "reason": self.reason,
            "explanation": self.explanation,
        }


@functools.cache
def _shipped_catalogue() -> Catalogue:
    return load_catalogue()


def _user_multiplier(catalogue: Catalogue | None, honour: str) -> float | None:
    """The multiplier of the workspace's own catalogue row for *honour*, if it is the user's."""
    if catalogue is None or honour not in catalogue:
        return None
    mine = catalogue[honour]
    shipped = _shipped_catalogue()
    if honour in shipped and shipped[honour] == mine:
        return None
    return mine.multiplier


def bonus(
    award: Award,
    *,
    recipient: Recipient | str | None = None,
    catalogue: Catalogue | None = None,
    multipliers: MultiplierTable | None = None,
    base_salaries: BaseSalaryTable | None = None,
) -> Bonus:
    """The bonus of one award: multiplier × base salary on the decision date × factor, rounded up.

    The multiplier is the one in force on the decision date: the user's
    rows of *multipliers* first, then a multiplier the workspace's own
    ``honours`` table gives (in *catalogue*), then the shipped rule sets'.
    The amount is rounded up once to a multiple of 10,000 VND.  This
    function does not apply the rules between awards (two titles, revoked):
    :func:`bonuses` does; here ``paid`` is false only when the amount cannot
    be computed (no multiplier or base salary in force: ``reason`` says so).

    Args:
        award: the award.
        recipient: ``individual`` (default: the honour's catalogue
            recipient) or ``collective`` (a form to a collective pays ×2).
        catalogue: the honours (default: the shipped catalogue).
        multipliers: default :func:`load_multipliers`.
        base_salaries: default :func:`load_base_salaries`.

    Examples:
        >>> a = Award(id="A1", recipient="CD1", honour="BK_BO", period="2024",
        ...           decided_on="2025-07-01")
        >>> b = bonus(a, recipient="collective")
        >>> b.multiplier, b.factor, b.base_salary, b.amount
        (1.5, Decimal('2'), 2340000, 7020000)
        >>> early = Award(id="A2", recipient="P1", honour="LDTT", decided_on="2019-01-01")
        >>> print(bonus(early).reason)
        no multiplier of LDTT in force on 01/01/2019; no base salary in force on 01/01/2019 (the
        table starts 01/07/2019)

    .. versionadded:: 0.3.0
    """
    cat = load_catalogue() if catalogue is None else catalogue
    honour = cat[award.honour]
    kind = honour.recipient if recipient is None else Recipient(recipient)
    factor = recipient_factor(honour.kind, kind)
    table = load_multipliers() if multipliers is None else multipliers
    salaries = load_base_salaries() if base_salaries is None else base_salaries
    day = award.decided_on
    found = None
    for row in table.user:
        if row.honour == award.honour and row.applies_on(day):
            found = row
            break
    own = _user_multiplier(cat, award.honour) if found is None else None
    if found is None and own is not None:
        found = Multiplier(
            rule_set="honours",
            honour=award.honour,
            multiplier=own,
            check=honour.check,
            basis=honour.basis,
        )
    if found is None:
        found = table.find(award.honour, day)
    salary = salaries.on(day)
    reasons = []
    if found is None:
        reasons.append(f"no multiplier of {award.honour} in force on {day:%d/%m/%Y}")
    if salary is None:
        first = (
            f" (the table starts {salaries.rows[0].valid_from:%d/%m/%Y})" if salaries.rows else ""
        )
        reasons.append(f"no base salary in force on {day:%d/%m/%Y}{first}")
    computed: Decimal | None = None
    amount = 0
    if found is not None and salary is not None:
        computed = Decimal(str(found.multiplier)) * salary.amount * factor
        amount = round_up(computed)
    return Bonus(
        award=award.id,
        recipient=award.recipient,
        honour=award.honour,
        period=award.period,
        decided_on=day,
        recipient_kind=kind,
        base_salary=None if salary is None else salary.amount,
        base_salary_from=None if salary is None else salary.valid_from,
        multiplier=None if found is None else found.multiplier,
        rule_set="" if found is None else found.rule_set,
        check=False if found is None else found.check,
        factor=factor,
        computed=computed,
        amount=amount,
        paid=not reasons,
        reason="; ".join(reasons),
        basis="" if found is None else found.basis,
        revoked_on=award.revoked_on,
        is_title=honour.kind is HonourKind.TITLE,
        salary_basis="" if salary is None else salary.basis,
    )


# -- the bonuses of a period --------------------------------------------------------------


class Bonuses:
    """The bonuses of the awards of one achievement period, with the problems found.

    The amounts are numpy columns (:attr:`amount`, :attr:`paid`, one entry
    per award, in the order of :attr:`rows`); iterating or indexing builds
    :class:`Bonus` records on demand.  :meth:`total` adds the paid amounts;
    :func:`bonus_totals` rolls them up the hierarchy.

    .. versionadded:: 0.3.0
    """

    def __init__(
        self,
        *,
        period: Period,
        history: History,
        rows: npt.NDArray[np.int64],
        priced: Sequence[Bonus],
        price: npt.NDArray[np.int64],
        paid: npt.NDArray[np.bool_],
        winner: npt.NDArray[np.int64],
        problems: Iterable[Problem] = (),
    ) -> None:
        self.period = period
        self.history = history
        self.rows = rows
        self._priced = tuple(priced)
        self._price = price
        self.amount: npt.NDArray[np.int64] = (
            np.asarray([b.amount for b in self._priced], dtype=np.int64)[price]
            if len(price)
            else np.zeros(0, dtype=np.int64)
        )
        self.paid = paid
        self._winner = winner
        self.problems: tuple[Problem, ...] = tuple(problems)
        self._index: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return (
            f"<Bonuses {self.period}: {int(self.paid.sum())} of {len(self)} paid, "
            f"{_vnd(self.total())}>"
        )

    def bonus(self, i: int) -> Bonus:
        """The bonus of the *i*-th award, as a record (with the reason it is not paid)."""
        h, row = self.history, int(self.rows[i])
        template = self._priced[int(self._price[i])]
        award = h.award(row)
        reason = template.reason
        if template.paid and not self.paid[i]:
            w = int(self._winner[i])
            if w >= 0:
                kept = self._priced[int(self._price[w])]
                reason = (
                    f"{kept.honour} ({h.awards.id[int(self.rows[w])]}, {_vnd(kept.amount)}) is a "
                    f"title for the same achievement period and pays more: {_TITLE_BASIS}"
                )
            elif award.revoked_on is not None:
                reason = f"revoked on {award.revoked_on:%d/%m/%Y}"
        return attrs.evolve(
            template,
            award=award.id,
            recipient=award.recipient,
            period=award.period,
            decided_on=award.decided_on,
            paid=bool(self.paid[i]),
            reason=reason,
            revoked_on=award.revoked_on,
        )

    def __iter__(self) -> Iterator[Bonus]:
        return (self.bonus(i) for i in range(len(self)))

    def __getitem__(self, award: str) -> Bonus:
        if self._index is None:
            ids = self.history.awards.id
            self._index = {ids[r]: i for i, r in enumerate(self.rows.tolist())}
        found = self._index.get(award)
        if found is None:
            msg = f"no award {award!r} among the bonuses of {self.period}"
            raise KeyError(msg)
        return self.bonus(found)

    def total(self, *, paid_only: bool = True) -> int:
        """The sum of the amounts (of the paid ones by default), in VND."""
        return int(self.amount[self.paid].sum() if paid_only else self.amount.sum())

    def to_records(self) -> list[dict[str, Any]]:
        """One JSON-ready dictionary per bonus (:meth:`Bonus.to_dict`)."""
        return [b.to_dict() for b in self]

    def to_pandas(self) -> pd.DataFrame:
        """A pandas DataFrame, one row per bonus.

        Raises:
            MissingExtraError: pandas is not installed (``pip install 'thidua[pandas]'``).
        """
        try:
            import pandas as pd  # noqa: PLC0415  (optional dependency)
        except ImportError:
            raise MissingExtraError("pandas", "pandas") from None
        return pd.DataFrame(self.to_records())


def _in_period(history: History, period: Period) -> npt.NDArray[np.bool_]:
    """Awards whose achievement period ends within *period* (no period: decided within it)."""
    last = _last_days(history)
    return (last >= period.start_ordinal) & (last < period.end_ordinal)


def _last_days(history: History) -> npt.NDArray[np.int64]:
    """Per award, the last day of its achievement period (no period: its decision date)."""
    a = history.awards
    has = a.period >= 0
    ends = np.asarray(history.period_end, dtype=np.int64)
    if not ends.size:
        return a.decided.astype(np.int64)
    last: npt.NDArray[np.int64] = np.where(has, ends[np.where(has, a.period, 0)] - 1, a.decided)
    return last


def _price_list(
    history: History,
    catalogue: Catalogue,
    rows: npt.NDArray[np.int64],
    collective: npt.NDArray[np.bool_],
    multipliers: MultiplierTable,
    salaries: BaseSalaryTable,
) -> tuple[list[Bonus], npt.NDArray[np.int64]]:
    """One :func:`bonus` per distinct (honour, decision day, collective), and each row's one."""
    a = history.awards
    if not len(rows):
        return [], np.zeros(0, dtype=np.int64)
    # one int64 key per row: honour, decision day, collective (days fit in 2**30)
    keys = (a.honour[rows].astype(np.int64) << np.int64(31)) | (
        a.decided[rows].astype(np.int64) << np.int64(1)
    )
    keys |= collective.astype(np.int64)
    codes, inverse = np.unique(keys, return_inverse=True)
    distinct = [(c >> 31, (c >> 1) & ((1 << 30) - 1), c & 1) for c in codes.tolist()]
    priced = [
        bonus(
            Award(
                id="",
                recipient="",
                honour=history.honours[int(code)],
                decided_on=pendulum.Date.fromordinal(int(day)),
            ),
            recipient=Recipient.COLLECTIVE if group else Recipient.INDIVIDUAL,
            catalogue=catalogue,
            multipliers=multipliers,
            base_salaries=salaries,
        )
        for code, day, group in distinct
    ]
    return priced, np.asarray(inverse, dtype=np.int64).reshape(-1)


def _titles_rule(
    history: History,
    rows: npt.NDArray[np.int64],
    amount: npt.NDArray[np.int64],
    paid: npt.NDArray[np.bool_],
    title: npt.NDArray[np.bool_],
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64]]:
    """Per recipient and achievement period, only the highest-paid title stays paid.

    Ties go to the earliest decision, then to the award listed first.  Returns
    the new *paid* and, per row, the position of the title paid instead (-1).
    """
    a = history.awards
    winner = np.full(len(rows), -1, dtype=np.int64)
    pool = np.flatnonzero(paid & title & (a.period[rows] >= 0))
    if pool.size < 2:
        return paid, winner
    who, when = a.recipient[rows[pool]], a.period[rows[pool]]
    order = np.lexsort((rows[pool], a.decided[rows[pool]], -amount[pool], when, who))
    ranked = pool[order]
    who, when = who[order], when[order]
    first = np.ones(ranked.size, dtype=bool)
    first[1:] = (who[1:] != who[:-1]) | (when[1:] != when[:-1])
    head = ranked[np.maximum.accumulate(np.where(first, np.arange(ranked.size), 0))]
    losers = ranked[~first]
    out = paid.copy()
    out[losers] = False
    winner[losers] = head[~first]
    return out, winner


def _subject_rank(history: History) -> npt.NDArray[np.int64]:
    """The rank of each subject id in text order (cached on the history)."""
    found = history.cached("thidua.honours.subject_rank")
    if isinstance(found, np.ndarray):
        return found
    ids = np.asarray(history.subjects, dtype=str) if len(history) else np.zeros(0, dtype=str)
    rank = np.empty(len(ids), dtype=np.int64)
    rank[np.argsort(ids, kind="stable")] = np.arange(len(ids), dtype=np.int64)
    return history.remember("thidua.honours.subject_rank", rank)


def _bonuses_of_history(
    history: History,
    catalogue: Catalogue,
    period: Period,
    *,
    on: pendulum.Date | None,
    multipliers: MultiplierTable | None,
    base_salaries: BaseSalaryTable | None,
) -> Bonuses:
    a = history.awards
    table = load_multipliers() if multipliers is None else multipliers
    salaries = load_base_salaries() if base_salaries is None else base_salaries
    known = np.asarray([code in catalogue for code in history.honours], dtype=bool)
    chosen = _in_period(history, period)
    if known.size:
        chosen &= known[a.honour]  # unknown honours: the people checks report them (A009)
    rows = np.flatnonzero(chosen).astype(np.int64)
    # in recipient, decision, table order
    rank = _subject_rank(history)
    rows = rows[np.lexsort((rows, a.decided[rows], rank[a.recipient[rows]]))]
    collective = ~history.is_person[a.recipient[rows]]
    priced, price = _price_list(history, catalogue, rows, collective, table, salaries)
    computable = (
        np.asarray([b.paid for b in priced], dtype=bool)[price] if len(rows) else collective
    )
    amount = np.asarray([b.amount for b in priced], dtype=np.int64)[price] if len(rows) else price
    limit = MAX_ORD if on is None else on.toordinal()
    revoked = (a.revoked[rows] < MAX_ORD) & (a.revoked[rows] <= limit)
    kinds = np.asarray(
        [
            code in catalogue and catalogue[code].kind is HonourKind.TITLE
            for code in history.honours
        ],
        dtype=bool,
    )
    title = kinds[a.honour[rows]] if kinds.size else collective
    paid, winner = _titles_rule(history, rows, amount, computable & ~revoked, title)
    problems = [
        problem(
            AwardCode.NO_BONUS,
            f"award {a.id[int(r)]} ({history.honours[int(a.honour[r])]} to "
            f"{history.subjects[int(a.recipient[r])]}, decided "
            f"{pendulum.Date.fromordinal(int(a.decided[r])):%d/%m/%Y}): no bonus can be "
            f"computed: {priced[int(price[i])].reason}",
            subject=a.id[int(r)],
        )
        for i, r in ((int(i), int(rows[i])) for i in np.flatnonzero(~computable))
    ]
    return Bonuses(
        period=period,
        history=history,
        rows=rows,
        priced=priced,
        price=price,
        paid=paid,
        winner=winner,
        problems=problems,
    )


def bonuses(
    source: History | Workspace,
    period: Period | str,
    *,
    catalogue: Catalogue | None = None,
    on: dt.date | str | None = None,
    multipliers: MultiplierTable | None = None,
    base_salaries: BaseSalaryTable | None = None,
) -> Bonuses:
    """The bonus of every award of an achievement period, with the rules between awards.

    The awards are those whose achievement period ends within *period*
    (those stating no period: decided within it).  Each amount is
    :func:`bonus`'s; then:

    * a revoked award (``revoked_on`` on or before *on*; any revocation when
      *on* is not given) is listed with ``paid`` false;
    * per recipient, of two or more **titles** for the same achievement
      period only the highest amount is paid (ties: the earliest decision,
      then the award listed first),
      the others are listed with ``paid`` false and the reason; forms always
      pay, and a title and a form both pay;
    * an award whose amount cannot be computed (no multiplier or base
      salary in force on its decision date) is unpaid with amount 0 and an
      ``A030`` warning in :attr:`Bonuses.problems`.

    On a workspace the people checks run first (any error raises) and the
    catalogue is the workspace's (its ``honours`` table may give multipliers
    of its own).  Households are not modelled: a unit recipient is a collective.
    The bonuses are listed by recipient, decision date and table order.

    Notes:
        Complexity: O(awards log awards) in numpy, with one :func:`bonus` per
        distinct (honour, decision day, recipient kind); records are built
        only when iterated.

    Raises:
        ThiduaValidationError: the workspace's people tables have errors.

    Examples:
        >>> from thidua.people import Membership
        >>> h = History.from_records(
        ...     memberships=[Membership(person="P1", unit="CD1", valid_from="2020-01-01")],
        ...     awards=[
        ...     Award(id="A1", recipient="P1", honour="LDTT", period="2024",
        ...           decided_on="2025-01-10"),
        ...     Award(id="A2", recipient="P1", honour="CSTDCS", period="2024",
        ...           decided_on="2025-01-10"),
        ...     Award(id="A3", recipient="P1", honour="GK", period="2024", decided_on="2025-01-10"),
        ... ])
        >>> result = bonuses(h, "2024", catalogue=load_catalogue())
        >>> [(b.award, b.amount, b.paid) for b in result]
        [('A1', 710000, False), ('A2', 2340000, True), ('A3', 710000, True)]
        >>> result.total()
        3050000

    .. versionadded:: 0.3.0
    """
    the_period = period if isinstance(period, Period) else parse_period(period)
    day = None if on is None else as_date(on)
    if isinstance(source, History):
        cat = load_catalogue() if catalogue is None else catalogue
        return _bonuses_of_history(
            source, cat, the_period, on=day, multipliers=multipliers, base_salaries=base_salaries
        )
    from thidua.honours._eligibility import _checked  # noqa: PLC0415  (imports the workspace)

    history, found, warnings = _checked(source, catalogue)
    result = _bonuses_of_history(
        history, found, the_period, on=day, multipliers=multipliers, base_salaries=base_salaries
    )
    result.problems = (*warnings, *result.problems)
    return result


# -- totals up the hierarchy ----------------------------------------------------------------

BONUS_PAID = "bonus_paid"
"""The indicator of the bonus money paid (VND) in :func:`bonus_totals`."""
BONUS_AWARDS = "bonus_awards"
"""The indicator of the number of awards paid in :func:`bonus_totals`."""


def _bonus_indicators() -> IndicatorCatalogue:
    from thidua.figures import Aggregation, Indicator, IndicatorCatalogue  # noqa: PLC0415

    return IndicatorCatalogue(
        (
            Indicator(code=BONUS_PAID, name="Tiền thưởng", unit="VND", aggregation=Aggregation.SUM),
            Indicator(
                code=BONUS_AWARDS,
                name="Số lượt khen thưởng được chi thưởng",
                unit="lượt",
                aggregation=Aggregation.SUM,
            ),
        )
    )


def _placed(
    history: History, result: Bonuses, period: Period
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(unit code, day, amount) of each paid bonus: a unit recipient itself, a person's unit.

    The day is the last day of the achievement period (the decision date when
    it states none) kept inside *period*; a person's unit is the one of the
    latest membership starting on or before that day (the one covering it).
    A person without one is left out.
    """
    a, m = history.awards, history.memberships
    rows = result.rows[result.paid]
    amount = result.amount[result.paid]
    day = np.clip(_last_days(history)[rows], period.start_ordinal, period.end_ordinal - 1)
    who = a.recipient[rows].astype(np.int64)
    unit = who.copy()
    person = history.is_person[who]
    if person.any() and len(m.person):
        shift = np.int64(1) << np.int64(32)
        keys = m.person.astype(np.int64) * shift + m.start.astype(np.int64)
        order = np.argsort(keys, kind="stable")
        at = np.searchsorted(keys[order], who * shift + day, side="right") - 1
        found = (at >= 0) & (m.person[order][np.maximum(at, 0)] == who)
        unit = np.where(person, np.where(found, m.unit[order][np.maximum(at, 0)], -1), unit)
    else:
        unit = np.where(person, -1, unit)
    keep = unit >= 0
    return unit[keep], day[keep], amount[keep]


def bonus_totals(
    workspace: Workspace,
    period: Period | str,
    *,
    result: Bonuses | None = None,
    relation: Relation = "admin",
    ranks: Iterable[int] | None = None,
    kinds: Iterable[str] | None = None,
    units: Iterable[str] | None = None,
) -> RollUp:
    """The paid bonuses of *period* totalled at every unit and level, by the roll-up engine.

    Each paid amount is placed at its recipient: a unit, or the unit of a
    person's membership on the last day of the achievement period; the
    roll-up then adds them up the hierarchy as it was that day, so the total
    of a federation is what it pays for the year.  The indicators are
    ``bonus_paid`` (VND) and ``bonus_awards`` (awards paid).  Complexity:
    O(awards log memberships), vectorised.

    Args:
        workspace: the workspace (hierarchy and people tables).
        period: the achievement period (as for :func:`bonuses`).
        result: the bonuses already computed (default: :func:`bonuses` of the workspace).
        relation: as for :func:`thidua.rollup.roll_up` (default ``admin``).
        ranks: keep only output rows of these ranks.
        kinds: keep only output rows of these kinds.
        units: keep only these output rows (totals still include everything below).

    Examples:
        >>> from thidua.datasets import hanoi_path
        >>> from thidua.workspace import load
        >>> ws = load(hanoi_path())
        >>> totals = bonus_totals(ws, "2023")
        >>> totals.value("HN", "bonus_paid") == bonuses(ws, "2023").total()
        True

    .. versionadded:: 0.3.0
    """
    from thidua.figures import Figures  # noqa: PLC0415  (the roll-up engine is heavy)
    from thidua.rollup import roll_up  # noqa: PLC0415

    the_period = period if isinstance(period, Period) else parse_period(period)
    found = bonuses(workspace, the_period) if result is None else result
    unit, day, amount = _placed(found.history, found, the_period)
    shift = np.int64(1) << np.int64(32)
    cells, inverse = np.unique(unit * shift + day, return_inverse=True)
    paid = np.bincount(inverse, weights=amount, minlength=cells.size)
    count = np.bincount(inverse, minlength=cells.size).astype(np.float64)
    days = {d: Period(start=pendulum.Date.fromordinal(d), end=pendulum.Date.fromordinal(d + 1))
            for d in np.unique(day).tolist()}  # fmt: skip
    ids = found.history.subjects
    cell_units = [ids[c // int(shift)] for c in cells.tolist()]
    cell_periods = [days[c % int(shift)] for c in cells.tolist()]
    figures = Figures.from_columns(
        unit=cell_units * 2,
        indicator=[BONUS_PAID] * cells.size + [BONUS_AWARDS] * cells.size,
        period=cell_periods * 2,
        value=np.concatenate([paid, count]),
    )
    return roll_up(
        workspace.hierarchy,
        figures,
        the_period,
        catalogue=_bonus_indicators(),
        relation=relation,
        ranks=ranks,
        kinds=kinds,
        units=units,
    )
