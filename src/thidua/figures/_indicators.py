"""Indicators (chỉ tiêu): what is counted, in what unit, and how it rolls up.

Every indicator has an :class:`Aggregation` that fixes its semantics across
units and across time (see ``docs/rollup.md``):

========== ======================= ===========================================
kind       across units            across time
========== ======================= ===========================================
sum        add                     add the sub-periods
stock      add                     the last reported sub-period (per unit)
ratio      numerator / denominator numerator and denominator by their kinds
distinct   union of keys           union of keys; the figure is the count
mean       weighted by *weight*    weighted by *weight*
min, max   smallest / largest      smallest / largest
========== ======================= ===========================================

A ratio is **never** an average of percentages: its numerator and
denominator are rolled up separately and divided at every level.

:data:`BUILTIN_INDICATORS` is a catalogue of the usual trade-union
indicators (DOMAIN §5: members, new grassroots unions, agreements, dialogues,
workers' conferences, initiatives, works, honours, support).

Examples:
    >>> cat = BUILTIN_INDICATORS
    >>> cat["members"].aggregation
    <Aggregation.STOCK: 'stock'>
    >>> cat["workers_conference_rate"].inputs()
    ('workers_conferences_held', 'workers_conferences_due')
    >>> mine = cat.extend([Indicator(code="blood_units", name="Đơn vị máu hiến",
    ...                              unit="đơn vị", aggregation=Aggregation.SUM)])
    >>> "blood_units" in mine, "blood_units" in cat
    (True, False)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping

import attrs

from thidua._text import nfc
from thidua.errors import UnknownIndicatorError
from thidua.problems import FigureCode, Pointer, Problem, Report, problem

__all__ = [
    "BUILTIN_INDICATORS",
    "Aggregation",
    "Direction",
    "Indicator",
    "IndicatorCatalogue",
]


class Aggregation(enum.Enum):
    """How an indicator rolls up across units and time (see the module table).

    Examples:
        >>> Aggregation("ratio") is Aggregation.RATIO
        True
    """

    SUM = "sum"
    STOCK = "stock"
    RATIO = "ratio"
    DISTINCT = "distinct"
    MEAN = "mean"
    MIN = "min"
    MAX = "max"


class Direction(enum.Enum):
    """Which way an indicator improves: a plan is met from below or from above.

    Most indicators are better when higher (new members, agreements signed);
    some when lower (workplace accidents, complaints): a pledge of at most 2
    accidents is met by 1.

    Examples:
        >>> Direction("lower") is Direction.LOWER, Direction.HIGHER.value
        (True, 'higher')

    .. versionadded:: 0.3.0
    """

    HIGHER = "higher"
    """Higher is better (the default): a plan is met when the value reaches it."""
    LOWER = "lower"
    """Lower is better: a plan is met when the value stays at or below it."""


@attrs.frozen(kw_only=True)
class Indicator:
    """One indicator (chỉ tiêu).

    Attributes:
        code: stable identifier used in figure files (``new_members``).
        name: the Vietnamese name (``Phát triển đoàn viên mới``).
        unit: the unit of measure (``người``, ``CĐCS``, ``VND``, ``%`` …).
        aggregation: how it rolls up.
        numerator: for a ratio, the code of the numerator indicator.
        denominator: for a ratio, the code of the denominator indicator.
        weight: for a mean, the code of the weighting indicator.
        scale: multiplier applied to a ratio (100 for a percentage).
        nonnegative: whether a negative value is an error (counts, money).
        direction: whether higher (the default) or lower values are better.

            .. versionadded:: 0.3.0

        source: where the definition was read.

    Examples:
        >>> Indicator(code="x", name="X", unit="người", aggregation=Aggregation.SUM).is_numeric
        True
    """

    code: str
    name: str = attrs.field(converter=nfc)
    unit: str = attrs.field(default="", converter=nfc)
    aggregation: Aggregation
    numerator: str | None = None
    denominator: str | None = None
    weight: str | None = None
    scale: float = 1.0
    nonnegative: bool = True
    direction: Direction = Direction.HIGHER
    source: Pointer | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def is_numeric(self) -> bool:
        """Whether figures of this indicator are numbers (not sets of keys)."""
        return self.aggregation is not Aggregation.DISTINCT

    @property
    def is_derived(self) -> bool:
        """Whether the indicator is computed from others (ratios) rather than reported."""
        return self.aggregation is Aggregation.RATIO

    def inputs(self) -> tuple[str, ...]:
        """Codes of the indicators this one is computed from (numerator, denominator, weight)."""
        return tuple(c for c in (self.numerator, self.denominator, self.weight) if c)


@attrs.frozen
class IndicatorCatalogue:
    """An ordered, immutable set of indicators, looked up by code.

    Build a new catalogue with :meth:`extend` rather than changing one.

    Examples:
        >>> len(BUILTIN_INDICATORS) >= 20
        True
        >>> BUILTIN_INDICATORS.get("nope") is None
        True
    """

    indicators: tuple[Indicator, ...] = ()
    _by_code: Mapping[str, Indicator] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_code: dict[str, Indicator] = {}
        for ind in self.indicators:
            by_code.setdefault(ind.code, ind)
        object.__setattr__(self, "_by_code", by_code)

    def __getitem__(self, code: str) -> Indicator:
        try:
            return self._by_code[code]
        except KeyError:
            raise UnknownIndicatorError(code) from None

    def get(self, code: str) -> Indicator | None:
        """The indicator with *code*, or ``None``."""
        return self._by_code.get(code)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes, in order."""
        return tuple(i.code for i in self.indicators)

    def extend(self, indicators: Iterable[Indicator]) -> IndicatorCatalogue:
        """A new catalogue with *indicators* added; a new one replaces one of the same code.

        Examples:
            >>> new = Indicator(code="members", name="Đoàn viên", unit="người",
            ...                 aggregation=Aggregation.SUM)
            >>> BUILTIN_INDICATORS.extend([new])["members"].aggregation.value
            'sum'
        """
        extra = list(indicators)
        replaced = {i.code for i in extra}
        kept = [i for i in self.indicators if i.code not in replaced]
        return IndicatorCatalogue((*kept, *extra))

    def closure(self, codes: Iterable[str]) -> tuple[str, ...]:
        """*codes* plus every indicator they are computed from, inputs first.

        Raises:
            UnknownIndicatorError: a code (or an input) is not in the catalogue.

        Examples:
            >>> BUILTIN_INDICATORS.closure(["agreement_coverage"])
            ('agreements_in_force', 'grassroots_count', 'agreement_coverage')
        """
        out: list[str] = []
        visiting: set[str] = set()

        def visit(code: str) -> None:
            if code in out or code in visiting:
                return
            visiting.add(code)
            for dep in self[code].inputs():
                visit(dep)
            out.append(code)

        for code in codes:
            visit(code)
        return tuple(out)

    def validate(self) -> Report:
        """Check the definitions: F013 duplicate codes, F012 bad references.

        Examples:
            >>> BUILTIN_INDICATORS.validate().ok
            True
            >>> ratio = Indicator(code="r", name="R", aggregation=Aggregation.RATIO, numerator="x")
            >>> for p in IndicatorCatalogue((ratio,)).validate():
            ...     print(p.code, p.message)
            F012 indicator 'r' (R) is a ratio but lacks a numerator or a denominator
            F012 indicator 'r' (R) refers to unknown indicator 'x'
        """
        problems: list[Problem] = []
        seen: set[str] = set()
        for ind in self.indicators:
            ptr = ind.source
            if ind.code in seen:
                problems.append(
                    problem(
                        FigureCode.DUPLICATE_INDICATOR_CODE,
                        f"indicator code {ind.code!r} is defined twice",
                        subject=ind.code,
                        pointer=ptr,
                    )
                )
            seen.add(ind.code)
            problems.extend(
                problem(FigureCode.INVALID_INDICATOR, msg, subject=ind.code, pointer=ptr)
                for msg in _definition_faults(self, ind)
            )
        problems.extend(_cycle_faults(self))
        return Report(tuple(problems))


def _definition_faults(cat: IndicatorCatalogue, ind: Indicator) -> list[str]:
    faults: list[str] = []
    what = f"indicator {ind.code!r} ({ind.name})"
    if ind.aggregation is Aggregation.RATIO:
        if not ind.numerator or not ind.denominator:
            faults.append(f"{what} is a ratio but lacks a numerator or a denominator")
    elif ind.numerator or ind.denominator:
        faults.append(f"{what} has a numerator or denominator but is not a ratio")
    if ind.aggregation is Aggregation.MEAN and not ind.weight:
        faults.append(f"{what} is a mean but names no weight indicator")
    for ref in ind.inputs():
        other = cat.get(ref)
        if other is None:
            faults.append(f"{what} refers to unknown indicator {ref!r}")
        elif not other.is_numeric:
            faults.append(f"{what} refers to {ref!r}, which counts keys, not numbers")
    if ind.scale <= 0:
        faults.append(f"{what} has scale {ind.scale:g}; it must be positive")
    return faults


def _cycle_faults(cat: IndicatorCatalogue) -> list[Problem]:
    faults: list[Problem] = []
    for ind in cat:
        stack = list(ind.inputs())
        seen: set[str] = set()
        while stack:
            code = stack.pop()
            if code == ind.code:
                faults.append(
                    problem(
                        FigureCode.INVALID_INDICATOR,
                        f"indicator {ind.code!r} is computed from itself",
                        subject=ind.code,
                        pointer=ind.source,
                    )
                )
                break
            if code in seen or code not in cat:
                continue
            seen.add(code)
            stack.extend(cat[code].inputs())
    return faults


def _ind(code: str, name: str, unit: str, aggregation: str, **extra: object) -> Indicator:
    return Indicator(code=code, name=name, unit=unit, aggregation=Aggregation(aggregation), **extra)  # type: ignore[arg-type]


# The usual trade-union indicators (DOMAIN §5; Hà Nội federation year-end
# reports).  Ratios are percentages (scale 100) recomputed at every level.
BUILTIN_INDICATORS = IndicatorCatalogue(
    (
        _ind("new_members", "Phát triển đoàn viên mới", "người", "sum"),
        _ind("new_grassroots", "Thành lập công đoàn cơ sở mới", "CĐCS", "sum"),
        _ind("members", "Đoàn viên cuối kỳ", "người", "stock"),
        _ind("female_members", "Đoàn viên nữ cuối kỳ", "người", "stock"),
        _ind("workers", "Người lao động cuối kỳ", "người", "stock"),
        _ind("grassroots_count", "Số công đoàn cơ sở", "CĐCS", "stock"),
        _ind(
            "membership_rate",
            "Tỷ lệ đoàn viên trên người lao động",
            "%",
            "ratio",
            numerator="members",
            denominator="workers",
            scale=100.0,
        ),
        _ind("agreements_in_force", "Thỏa ước lao động tập thể còn hiệu lực", "bản", "stock"),
        _ind(
            "agreement_coverage",
            "Tỷ lệ CĐCS có thỏa ước lao động tập thể",
            "%",
            "ratio",
            numerator="agreements_in_force",
            denominator="grassroots_count",
            scale=100.0,
        ),
        _ind("dialogues", "Đối thoại tại nơi làm việc", "cuộc", "sum"),
        _ind("workers_conferences_held", "Hội nghị người lao động đã tổ chức", "hội nghị", "sum"),
        _ind("workers_conferences_due", "Hội nghị người lao động phải tổ chức", "hội nghị", "sum"),
        _ind(
            "workers_conference_rate",
            "Tỷ lệ tổ chức hội nghị người lao động",
            "%",
            "ratio",
            numerator="workers_conferences_held",
            denominator="workers_conferences_due",
            scale=100.0,
        ),
        _ind("initiatives", "Sáng kiến", "sáng kiến", "sum"),
        _ind("initiative_benefit", "Giá trị làm lợi của sáng kiến", "VND", "sum"),
        _ind("works_registered", "Công trình, phần việc đăng ký", "công trình", "sum"),
        _ind("works_completed", "Công trình, phần việc hoàn thành", "công trình", "sum"),
        _ind(
            "works_completion_rate",
            "Tỷ lệ công trình, phần việc hoàn thành",
            "%",
            "ratio",
            numerator="works_completed",
            denominator="works_registered",
            scale=100.0,
        ),
        _ind("people_honoured", "Người được khen thưởng", "người", "distinct"),
        _ind("enterprises_involved", "Doanh nghiệp tham gia", "doanh nghiệp", "distinct"),
        _ind("prize_money", "Tiền thưởng", "VND", "sum"),
        _ind("people_supported", "Lượt người được hỗ trợ", "lượt người", "sum"),
        _ind("support_amount", "Tiền hỗ trợ", "VND", "sum"),
        _ind("union_score", "Điểm đánh giá công đoàn cơ sở", "điểm", "mean", weight="members"),
        _ind("lowest_score", "Điểm đánh giá thấp nhất", "điểm", "min"),
        _ind("highest_score", "Điểm đánh giá cao nhất", "điểm", "max"),
    )
)
"""The built-in catalogue; extend it with :meth:`IndicatorCatalogue.extend`."""
