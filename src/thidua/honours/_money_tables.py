"""The money tables: the statutory base salary and the multipliers per rule set, as data.

Both ship beside this module and are extensible (DOMAIN §6.5):

* ``base_salary.csv`` — ``valid_from, amount, basis``: 1,490,000 VND from
  01/07/2019 (Decree 38/2019/NĐ-CP), 1,800,000 from 01/07/2023 (Decree
  24/2023/NĐ-CP), 2,340,000 from 01/07/2024 (Decree 73/2024/NĐ-CP);
  :func:`extend_base_salaries` adds a user's rows.
* ``multipliers.csv`` — ``rule_set, honour, multiplier, valid_from,
  valid_to, check, basis``: one group of rows per rule set (``vn-2025``:
  Decree 152/2025/NĐ-CP Art. 49–55; ``vn-2024``: Decree 98/2023/NĐ-CP, whose
  Bằng khen multipliers are marked *check*; ``cd-999-2024``: the union's own
  forms and titles, all *check*); a row's dates default to its rule set's
  effective period.  :func:`extend_multipliers` lays a user's rows over them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from typing import Any

import attrs
import pendulum

from thidua._dates import as_date
from thidua._text import nfc
from thidua.errors import ThiduaValidationError
from thidua.honours._rulesets import RULE_SETS
from thidua.problems import AwardCode, Problem, Severity, problem

__all__ = [
    "BaseSalary",
    "BaseSalaryTable",
    "Multiplier",
    "MultiplierTable",
    "extend_base_salaries",
    "extend_multipliers",
    "load_base_salaries",
    "load_multipliers",
]

_TRUE = {"true", "yes", "1", "có", "x"}


# -- the base salary ----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class BaseSalary:
    """The statutory base salary (mức lương cơ sở) in force from *valid_from*.

    Examples:
        >>> BaseSalary(valid_from="01/07/2024", amount=2_340_000).valid_from
        Date(2024, 7, 1)

    .. versionadded:: 0.3.0
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

    .. versionadded:: 0.3.0
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

    .. versionadded:: 0.3.0
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

    .. versionadded:: 0.3.0
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

    .. versionadded:: 0.3.0
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

    .. versionadded:: 0.3.0
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

    .. versionadded:: 0.3.0
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

    .. versionadded:: 0.3.0
    """
    added = tuple(_multiplier_rows(rows, source))
    return MultiplierTable(rows=table.rows, user=(*added, *table.user))
