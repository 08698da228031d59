"""Bonus money: the statutory base salary, multipliers per rule set, and each award's amount.

A bonus is the honour's **multiplier** × the statutory **base salary**
(mức lương cơ sở) in force on the **decision date** × the **recipient
factor** (a form — Bằng khen, Giấy khen, an order — given to a collective
×2, to a household ×1.5; titles, collective ones included, have multipliers
of their own and no factor), rounded **up** once to a multiple of 10,000 VND
(a multiple stays as it is).  Decree 152/2025/NĐ-CP Art. 49–55 from
01/07/2025; Decree 98/2023/NĐ-CP before (DOMAIN §6.5).

Both tables ship as data beside this module and are extensible:

* ``base_salary.csv`` — ``valid_from, amount, basis``: 1,490,000 VND from
  01/07/2019 (Decree 38/2019/NĐ-CP), 1,800,000 from 01/07/2023 (Decree
  24/2023/NĐ-CP), 2,340,000 from 01/07/2024 (Decree 73/2024/NĐ-CP);
  :func:`extend_base_salaries` adds a user's rows.
* ``multipliers.csv`` — ``rule_set, honour, multiplier, valid_from,
  valid_to, check, basis``: one group of rows per rule set (``vn-2025``:
  Decree 152/2025; ``vn-2024``: Decree 98/2023, whose Bằng khen multipliers
  are marked *check*; ``cd-999-2024``: the union's own forms and titles, all
  *check*); a row's dates default to its rule set's effective period.
  :func:`extend_multipliers` lays a user's rows over them.

Per recipient, two **titles** for the same achievement period pay only the
higher amount; forms always pay, and a title and a form both pay; a revoked
award is listed unpaid (:func:`bonuses`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Mapping
from decimal import ROUND_CEILING, Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt
import pendulum

from thidua._dates import MAX_ORD, as_date
from thidua._text import nfc
from thidua.errors import MissingExtraError, ThiduaValidationError
from thidua.honours._catalogue import Catalogue, HonourKind, Recipient, load_catalogue
from thidua.honours._rulesets import RULE_SETS
from thidua.people import Award, History
from thidua.periods import Period, parse_period
from thidua.problems import AwardCode, Problem, Severity, problem

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
    "BaseSalary",
    "BaseSalaryTable",
    "Bonus",
    "Bonuses",
    "Multiplier",
    "MultiplierTable",
    "bonus",
    "bonus_totals",
    "bonuses",
    "extend_base_salaries",
    "extend_multipliers",
    "load_base_salaries",
    "load_multipliers",
    "recipient_factor",
    "round_up",
]

ROUNDING_STEP = 10_000
"""Bonuses are rounded up to a multiple of this many VND (DOMAIN §6.5)."""

_FORM_FACTORS = {Recipient.INDIVIDUAL: Decimal(1), Recipient.COLLECTIVE: Decimal(2)}
_FORM_FACTORS[Recipient.HOUSEHOLD] = Decimal("1.5")
_TITLE_BASIS = "two titles for one achievement period pay only the higher (DOMAIN §6.5)"
_TRUE = {"true", "yes", "1", "có", "x"}


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


# -- the base salary ----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class BaseSalary:
    """The statutory base salary (mức lương cơ sở) in force from *valid_from*.

    Examples:
        >>> BaseSalary(valid_from="01/07/2024", amount=2_340_000).valid_from
        Date(2024, 7, 1)

    .. versionadded:: 0.4.0
    """

    valid_from: pendulum.Date = attrs.field(converter=as_date)
    amount: int
    basis: str = attrs.field(default="", converter=nfc)


def _by_date(rows: Iterable[BaseSalary]) -> tuple[BaseSalary, ...]:
    return tuple(sorted(rows, key=lambda r: r.valid_from))


@attrs.frozen(kw_only=True)
class BaseSalaryTable:
    """The dated base salaries; each is in force until the next one starts.

    Examples:
        >>> t = load_base_salaries()
        >>> t.on("2024-06-30").amount, t.on("2024-07-01").amount
        (1800000, 2340000)
        >>> t.on("2019-06-30") is None
        True

    .. versionadded:: 0.4.0
    """

    rows: tuple[BaseSalary, ...] = attrs.field(converter=_by_date)

    def on(self, day: dt.date | str) -> BaseSalary | None:
        """The base salary in force on *day* (``None`` before the first row)."""
        when = as_date(day)
        found = None
        for row in self.rows:
            if row.valid_from <= when:
                found = row
        return found

    def __iter__(self) -> Iterator[BaseSalary]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def _read_csv(text: str) -> list[dict[str, str]]:
    return [
        {k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))
    ]


def _salary_rows(rows: Iterable[Mapping[str, Any] | BaseSalary], where: str) -> list[BaseSalary]:
    out: list[BaseSalary] = []
    problems: list[Problem] = []
    for number, row in enumerate(rows, start=2):
        if isinstance(row, BaseSalary):
            out.append(row)
            continue
        try:
            amount = str(row.get("amount", "")).replace(".", "").replace(",", "").strip()
            out.append(
                BaseSalary(
                    valid_from=str(row.get("valid_from", "")).strip(),
                    amount=int(amount),
                    basis=str(row.get("basis", "") or ""),
                )
            )
        except ValueError as exc:
            message = (
                f"base salary in {where} row {number}: give valid_from (a date) and amount "
                f"(VND, a whole number): {exc}"
            )
            found = problem(AwardCode.NO_BONUS, message, subject=where, severity=Severity.ERROR)
            problems.append(found)
    if problems:
        raise ThiduaValidationError(problems)
    return out


def load_base_salaries() -> BaseSalaryTable:
    """The shipped base salaries (``base_salary.csv``: Decrees 38/2019, 24/2023, 73/2024).

    Examples:
        >>> [(str(r.valid_from), r.amount) for r in load_base_salaries()]
        [('2019-07-01', 1490000), ('2023-07-01', 1800000), ('2024-07-01', 2340000)]

    .. versionadded:: 0.4.0
    """
    text = resources.files("thidua.honours").joinpath("base_salary.csv").read_text("utf-8")
    return BaseSalaryTable(rows=_salary_rows(_read_csv(text), "base_salary.csv"))


def extend_base_salaries(
    table: BaseSalaryTable,
    rows: Iterable[Mapping[str, Any] | BaseSalary],
    *,
    source: str = "base_salary.csv",
) -> BaseSalaryTable:
    """*table* with the user's rows (``valid_from``, ``amount``, ``basis``); a date given replaces.

    Raises:
        ThiduaValidationError: ``A030`` for a row without a readable date or amount.

    Examples:
        >>> t = extend_base_salaries(load_base_salaries(),
        ...                          [{"valid_from": "2026-07-01", "amount": "2.530.000"}])
        >>> t.on("2026-12-31").amount, len(t)
        (2530000, 4)

    .. versionadded:: 0.4.0
    """
    added = {r.valid_from: r for r in _salary_rows(rows, source)}
    kept = [r for r in table.rows if r.valid_from not in added]
    return BaseSalaryTable(rows=(*kept, *added.values()))


# -- multipliers --------------------------------------------------------------------------


def _opt_date(value: dt.date | str | None) -> pendulum.Date | None:
    return None if value is None or value == "" else as_date(value)


@attrs.frozen(kw_only=True)
class Multiplier:
    """The multiplier of one honour under one rule set, over ``[valid_from, valid_to)``.

    Attributes:
        rule_set: the rule set it belongs to (``vn-2025``) or the user's label.
        honour: the catalogue code.
        multiplier: the bonus as a multiple of the base salary.
        valid_from, valid_to: when it applies, by decision date; ``None``:
            the rule set's own effective period.
        check: the figure rests on an unverified source (*check*).
        basis: its legal basis.

    Examples:
        >>> m = Multiplier(rule_set="vn-2025", honour="LDTT", multiplier=0.3)
        >>> m.applies_on(pendulum.Date(2025, 7, 1)), m.applies_on(pendulum.Date(2025, 6, 30))
        (True, False)

    .. versionadded:: 0.4.0
    """

    rule_set: str = ""
    honour: str
    multiplier: float
    valid_from: pendulum.Date | None = attrs.field(default=None, converter=_opt_date)
    valid_to: pendulum.Date | None = attrs.field(default=None, converter=_opt_date)
    check: bool = False
    basis: str = attrs.field(default="", converter=nfc)

    def period(self) -> tuple[pendulum.Date | None, pendulum.Date | None]:
        """The effective ``[from, to)`` of the row (its rule set's when not given)."""
        rs = RULE_SETS.get(self.rule_set)
        start = self.valid_from if self.valid_from is not None or rs is None else rs.effective_from
        end = self.valid_to if self.valid_to is not None or rs is None else rs.effective_to
        return start, end

    def applies_on(self, day: dt.date) -> bool:
        """Whether a decision of *day* falls under this row."""
        start, end = self.period()
        return (start is None or start <= day) and (end is None or day < end)


@attrs.frozen(kw_only=True)
class MultiplierTable:
    """Multipliers by rule set; the user's rows (added by :func:`extend_multipliers`) come first.

    Examples:
        >>> t = load_multipliers()
        >>> t.find("BK_TTG", pendulum.Date(2025, 6, 30)).multiplier
        1.5
        >>> t.find("BK_TTG", pendulum.Date(2025, 7, 1)).multiplier
        3.5
        >>> t.find("CO_TLD", pendulum.Date(2025, 1, 1)).check
        True

    .. versionadded:: 0.4.0
    """

    rows: tuple[Multiplier, ...]
    user: tuple[Multiplier, ...] = ()

    def find(self, honour: str, day: dt.date) -> Multiplier | None:
        """The multiplier of *honour* for a decision of *day*, or ``None``.

        The user's rows win; among the shipped ones the state rule sets
        (``vn-…``) come before the union's for the same honour.
        """
        for row in self.user:
            if row.honour == honour and row.applies_on(day):
                return row
        found = [r for r in self.rows if r.honour == honour and r.applies_on(day)]
        found.sort(key=lambda r: not getattr(RULE_SETS.get(r.rule_set), "default", False))
        return found[0] if found else None

    def __iter__(self) -> Iterator[Multiplier]:
        return iter((*self.user, *self.rows))

    def __len__(self) -> int:
        return len(self.user) + len(self.rows)


def _multiplier_rows(
    rows: Iterable[Mapping[str, Any] | Multiplier], where: str
) -> list[Multiplier]:
    out: list[Multiplier] = []
    problems: list[Problem] = []
    for number, row in enumerate(rows, start=2):
        if isinstance(row, Multiplier):
            out.append(row)
            continue
        honour = str(row.get("honour", "") or "").strip()
        try:
            text = str(row.get("multiplier", "") or "").strip().replace(",", ".")
            if not honour or not text:
                msg = "give the honour and its multiplier"
                raise ValueError(msg)
            check = row.get("check", "")
            out.append(
                Multiplier(
                    rule_set=str(row.get("rule_set", "") or "").strip(),
                    honour=honour,
                    multiplier=float(text),
                    valid_from=str(row.get("valid_from", "") or "").strip(),
                    valid_to=str(row.get("valid_to", "") or "").strip(),
                    check=check is True or str(check).strip().casefold() in _TRUE,
                    basis=str(row.get("basis", "") or ""),
                )
            )
        except ValueError as exc:
            message = f"multiplier of {honour or '?'} in {where} row {number}: {exc}"
            problems.append(
                problem(
                    AwardCode.NO_BONUS, message, subject=honour or where, severity=Severity.ERROR
                )
            )
    if problems:
        raise ThiduaValidationError(problems)
    return out


def load_multipliers() -> MultiplierTable:
    """The shipped multipliers (``multipliers.csv``): Decree 152/2025, Decree 98/2023, the union's.

    Examples:
        >>> t = load_multipliers()
        >>> sorted({r.rule_set for r in t})
        ['cd-999-2024', 'vn-2024', 'vn-2025']

    .. versionadded:: 0.4.0
    """
    text = resources.files("thidua.honours").joinpath("multipliers.csv").read_text("utf-8")
    return MultiplierTable(rows=tuple(_multiplier_rows(_read_csv(text), "multipliers.csv")))


def extend_multipliers(
    table: MultiplierTable,
    rows: Iterable[Mapping[str, Any] | Multiplier],
    *,
    source: str = "multipliers.csv",
) -> MultiplierTable:
    """*table* with the user's *rows* laid over it (they win wherever they apply).

    A row needs ``honour`` and ``multiplier``; ``rule_set`` (a shipped id
    lends its effective period), ``valid_from``, ``valid_to``, ``check`` and
    ``basis`` are optional: a row with neither a rule set nor dates applies
    to every decision.

    Raises:
        ThiduaValidationError: ``A030`` for a row without an honour or a readable multiplier.

    Examples:
        >>> t = extend_multipliers(load_multipliers(), [
        ...     {"honour": "CO_TLD", "multiplier": "10", "basis": "our regulation"}])
        >>> t.find("CO_TLD", pendulum.Date(2025, 1, 1)).multiplier
        10.0

    .. versionadded:: 0.4.0
    """
    added = tuple(_multiplier_rows(rows, source))
    return MultiplierTable(rows=table.rows, user=(*added, *table.user))


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

    .. versionadded:: 0.4.0
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


def _user_multiplier(catalogue: Catalogue | None, honour: str) -> float | None:
    """The multiplier of the workspace's own catalogue row for *honour*, if it is the user's."""
    if catalogue is None or honour not in catalogue:
        return None
    mine = catalogue[honour]
    shipped = load_catalogue()
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

    .. versionadded:: 0.4.0
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

    Iterating yields :class:`Bonus` records; :meth:`total` adds the paid
    amounts; :func:`bonus_totals` rolls them up the hierarchy.

    .. versionadded:: 0.4.0
    """

    def __init__(
        self, *, period: Period, rows: Iterable[Bonus], problems: Iterable[Problem] = ()
    ) -> None:
        self.period = period
        self.rows: tuple[Bonus, ...] = tuple(rows)
        self.problems: tuple[Problem, ...] = tuple(problems)

    def __iter__(self) -> Iterator[Bonus]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        paid = sum(1 for b in self.rows if b.paid)
        return f"<Bonuses {self.period}: {paid} of {len(self)} paid, {_vnd(self.total())}>"

    def __getitem__(self, award: str) -> Bonus:
        for b in self.rows:
            if b.award == award:
                return b
        msg = f"no award {award!r} among the bonuses of {self.period}"
        raise KeyError(msg)

    def total(self, *, paid_only: bool = True) -> int:
        """The sum of the amounts (of the paid ones by default), in VND."""
        return sum(b.amount for b in self.rows if b.paid or not paid_only)

    def to_records(self) -> list[dict[str, Any]]:
        """One JSON-ready dictionary per bonus (:meth:`Bonus.to_dict`)."""
        return [b.to_dict() for b in self.rows]

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


def _titles_rule(rows: list[Bonus], catalogue: Catalogue) -> list[Bonus]:
    """Per recipient and achievement period, only the highest-paid title stays paid."""
    groups: dict[tuple[str, Period], list[int]] = {}
    for i, b in enumerate(rows):
        if b.paid and b.period is not None and catalogue[b.honour].kind is HonourKind.TITLE:
            groups.setdefault((b.recipient, b.period), []).append(i)
    out = list(rows)
    for members in groups.values():
        if len(members) < 2:
            continue
        best = min(members, key=lambda i: (-rows[i].amount, rows[i].decided_on, rows[i].award))
        kept = rows[best]
        for i in members:
            if i != best:
                reason = (
                    f"{kept.honour} ({kept.award}, {_vnd(kept.amount)}) is a title for the same "
                    f"achievement period and pays more: {_TITLE_BASIS}"
                )
                out[i] = attrs.evolve(rows[i], paid=False, reason=reason)
    return out


def _bonuses_of_history(
    history: History,
    catalogue: Catalogue,
    period: Period,
    *,
    on: pendulum.Date | None,
    multipliers: MultiplierTable | None,
    base_salaries: BaseSalaryTable | None,
) -> Bonuses:
    table = load_multipliers() if multipliers is None else multipliers
    salaries = load_base_salaries() if base_salaries is None else base_salaries
    rows = np.flatnonzero(_in_period(history, period))
    computed: list[Bonus] = []
    problems: list[Problem] = []
    limit = MAX_ORD if on is None else on.toordinal()
    for r in rows.tolist():
        award = history.award(int(r))
        if award.honour not in catalogue:
            continue  # the people checks report it (A009)
        person = bool(history.is_person[int(history.awards.recipient[r])])
        b = bonus(
            award,
            recipient=Recipient.INDIVIDUAL if person else Recipient.COLLECTIVE,
            catalogue=catalogue,
            multipliers=table,
            base_salaries=salaries,
        )
        if not b.paid:
            problems.append(
                problem(
                    AwardCode.NO_BONUS,
                    f"award {award.id} ({award.honour} to {award.recipient}, decided "
                    f"{award.decided_on:%d/%m/%Y}): no bonus can be computed: {b.reason}",
                    subject=award.id,
                )
            )
        elif award.revoked_on is not None and award.revoked_on.toordinal() <= limit:
            b = attrs.evolve(b, paid=False, reason=f"revoked on {award.revoked_on:%d/%m/%Y}")
        computed.append(b)
    computed.sort(key=lambda b: (b.recipient, b.decided_on, b.award))
    return Bonuses(period=period, rows=_titles_rule(computed, catalogue), problems=problems)


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
      period only the highest amount is paid (ties: the earliest decision),
      the others are listed with ``paid`` false and the reason; forms always
      pay, and a title and a form both pay;
    * an award whose amount cannot be computed (no multiplier or base
      salary in force on its decision date) is unpaid with amount 0 and an
      ``A030`` warning in :attr:`Bonuses.problems`.

    On a workspace the people checks run first (any error raises) and the
    catalogue is the workspace's (its ``honours`` table may give multipliers
    of its own).  Households are not modelled: a unit recipient is a collective.

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

    .. versionadded:: 0.4.0
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
    return Bonuses(period=result.period, rows=result.rows, problems=(*warnings, *result.problems))


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


def _units_of(history: History, result: Bonuses, period: Period) -> list[tuple[str, int, Bonus]]:
    """(unit, day, bonus) of each paid bonus: a unit recipient itself, a person's unit then.

    The day is the last day of the achievement period (the decision date when
    it states none) kept inside *period*; a person's unit is the one of the
    membership covering that day (else the last one starting before it).
    """
    m = history.memberships
    out: list[tuple[str, int, Bonus]] = []
    first, last_day = period.start_ordinal, period.end_ordinal - 1
    for b in result:
        if not b.paid:
            continue
        day = b.period.end_ordinal - 1 if b.period is not None else b.decided_on.toordinal()
        day = min(max(day, first), last_day)
        code = history.index(b.recipient)
        if not history.is_person[code]:
            out.append((b.recipient, day, b))
            continue
        mine = np.flatnonzero(m.person == code)
        if not mine.size:
            continue
        covering = mine[(m.start[mine] <= day) & (m.end[mine] > day)]
        before = mine[m.start[mine] <= day]
        pick = covering if covering.size else before
        if not pick.size:
            continue
        row = int(pick[np.argmax(m.start[pick])])
        out.append((history.subjects[int(m.unit[row])], day, b))
    return out


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
    ``bonus_paid`` (VND) and ``bonus_awards`` (awards paid).

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

    .. versionadded:: 0.4.0
    """
    from thidua.figures import Figures  # noqa: PLC0415  (the roll-up engine is heavy)
    from thidua.people import history as people_history  # noqa: PLC0415
    from thidua.rollup import roll_up  # noqa: PLC0415

    the_period = period if isinstance(period, Period) else parse_period(period)
    found = bonuses(workspace, the_period) if result is None else result
    placed = _units_of(people_history(workspace), found, the_period)
    sums: dict[tuple[str, int], list[int]] = {}
    for unit, day, b in placed:
        cell = sums.setdefault((unit, day), [0, 0])
        cell[0] += b.amount
        cell[1] += 1
    keys = sorted(sums)
    periods = [
        Period(start=pendulum.Date.fromordinal(d), end=pendulum.Date.fromordinal(d + 1))
        for _, d in keys
    ]
    figures = Figures.from_columns(
        unit=[u for u, _ in keys] * 2,
        indicator=[BONUS_PAID] * len(keys) + [BONUS_AWARDS] * len(keys),
        period=periods * 2,
        value=[float(sums[k][0]) for k in keys] + [float(sums[k][1]) for k in keys],
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
