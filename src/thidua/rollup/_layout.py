"""Channels: how each indicator's roll-up is held in additive, min, max and key columns.

Every indicator column of a roll-up is computed from *channels*, per-unit
quantities that reduce over the structure with one ufunc:

========== =====================================================
kind       channels
========== =====================================================
sum, stock one additive channel (the value)
mean       three additive channels: Σ v·w, Σ w, unweighted count
min / max  one ``minimum`` / ``maximum`` channel (±inf = none)
distinct   a set of (unit, key) pairs, counted after the union
ratio      none: numerator / denominator of the final values
========== =====================================================

Whether any figure reached a unit is kept apart, as one bit per column in
``uint64`` words reduced with bitwise *or*, so that "no figure" (NaN) is never
confused with a total of 0.  A second bit per column, reduced the same way,
marks the ratio totals that count a numerator without a positive
denominator somewhere at or below the unit (``UNMATCHED_NUMERATOR``).
:func:`derive` turns reduced channels into values and flags, for units as
well as for groups of units.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum

import numpy as np
import numpy.typing as npt

from thidua._graph import BoolArray, IntArray
from thidua.errors import UnknownIndicatorError
from thidua.figures import Aggregation, Figures, Indicator, IndicatorCatalogue
from thidua.problems import Problem, problem

__all__ = [
    "Flag",
    "Layout",
    "derive",
    "flag_names",
    "pack_bits",
    "resolve_codes",
    "unmatched_numerators",
    "unpack_bits",
]

FloatArray = npt.NDArray[np.float64]
WordArray = npt.NDArray[np.uint64]
FlagArray = npt.NDArray[np.uint8]

_WEIGHT_KINDS = frozenset({Aggregation.SUM, Aggregation.STOCK, Aggregation.MIN, Aggregation.MAX})


class Flag(enum.IntFlag):
    """Why a value is NaN or partial, kept per unit and indicator.

    * ``ZERO_DENOMINATOR``: a ratio whose rolled-up denominator is 0.
    * ``ZERO_WEIGHT``: a mean whose weights add up to 0.
    * ``MISSING_WEIGHT``: some mean figures had no weight figure and were left out.
    * ``MISSING_DENOMINATOR``: a ratio whose numerator reached the unit but no
      denominator figure did (the value is NaN).
    * ``UNMATCHED_NUMERATOR``: a ratio whose total counts the numerator of a
      unit at or below it that has no positive denominator (0 or no figure):
      the value is computed, but is not the true rate.
    * ``OVERFLOW``: a total too large for a float (beyond about 1.8e308);
      the value is NaN, never infinity.

    Examples:
        >>> flag_names(int(Flag.ZERO_DENOMINATOR | Flag.MISSING_WEIGHT))
        ('zero_denominator', 'missing_weight')

    .. versionchanged:: 0.2.0
       ``MISSING_DENOMINATOR``, ``UNMATCHED_NUMERATOR`` and ``OVERFLOW``.
    """

    ZERO_DENOMINATOR = 1
    ZERO_WEIGHT = 2
    MISSING_WEIGHT = 4
    MISSING_DENOMINATOR = 8
    UNMATCHED_NUMERATOR = 16
    OVERFLOW = 32


def flag_names(value: int) -> tuple[str, ...]:
    """The names of the flags set in *value*, lower case, in declaration order."""
    return tuple(f.name.lower() for f in Flag if value & f and f.name)


class Layout:
    """The columns of a roll-up and the channels each is computed from.

    Args:
        codes: output indicator codes, every input before the ratios and means
            that use it (as :meth:`IndicatorCatalogue.closure` orders them).
        catalogue: where the codes are defined.

    Raises:
        UnknownIndicatorError: a code is not in the catalogue.
        ValueError: a ratio or mean names an input of an unsupported kind.

    Examples:
        >>> from thidua.figures import BUILTIN_INDICATORS as cat
        >>> lay = Layout(cat.closure(["union_score", "membership_rate"]), cat)
        >>> lay.codes, lay.n_sums
        (('members', 'union_score', 'workers', 'membership_rate'), 5)
    """

    def __init__(self, codes: tuple[str, ...], catalogue: IndicatorCatalogue) -> None:
        self.codes = codes
        self.indicators: tuple[Indicator, ...] = tuple(catalogue[c] for c in codes)
        self.kinds: tuple[Aggregation, ...] = tuple(i.aggregation for i in self.indicators)
        self.col_of: dict[str, int] = {c: j for j, c in enumerate(codes)}
        k = len(codes)
        self.sum_ch = np.full(k, -1, dtype=np.int64)
        self.weight_ch = np.full(k, -1, dtype=np.int64)
        self.miss_ch = np.full(k, -1, dtype=np.int64)
        self.min_ch = np.full(k, -1, dtype=np.int64)
        self.max_ch = np.full(k, -1, dtype=np.int64)
        self.distinct_slot = np.full(k, -1, dtype=np.int64)
        self.num_col = np.full(k, -1, dtype=np.int64)
        self.den_col = np.full(k, -1, dtype=np.int64)
        self.weight_col = np.full(k, -1, dtype=np.int64)
        self.scale = np.ones(k, dtype=np.float64)
        n_sum = n_min = n_max = n_distinct = 0
        for j, ind in enumerate(self.indicators):
            kind = ind.aggregation
            if kind in (Aggregation.SUM, Aggregation.STOCK):
                self.sum_ch[j] = n_sum
                n_sum += 1
            elif kind is Aggregation.MEAN:
                self.weight_col[j] = self._input(ind, ind.weight, _WEIGHT_KINDS, catalogue)
                self.sum_ch[j], self.weight_ch[j], self.miss_ch[j] = n_sum, n_sum + 1, n_sum + 2
                n_sum += 3
            elif kind is Aggregation.MIN:
                self.min_ch[j] = n_min
                n_min += 1
            elif kind is Aggregation.MAX:
                self.max_ch[j] = n_max
                n_max += 1
            elif kind is Aggregation.DISTINCT:
                self.distinct_slot[j] = n_distinct
                n_distinct += 1
            else:
                numeric = frozenset(a for a in Aggregation if a is not Aggregation.DISTINCT)
                self.num_col[j] = self._input(ind, ind.numerator, numeric, catalogue)
                self.den_col[j] = self._input(ind, ind.denominator, numeric, catalogue)
                self.scale[j] = ind.scale
        self.n_sums, self.n_mins, self.n_maxs, self.n_distinct = n_sum, n_min, n_max, n_distinct
        # Bits 0..k-1: a figure reached the column; k..2k-1: an unmatched numerator did.
        self.words = max(1, (2 * k + 63) // 64)
        self.ratio_cols: IntArray = np.flatnonzero(self.num_col >= 0)

    def _input(
        self,
        ind: Indicator,
        code: str | None,
        allowed: frozenset[Aggregation],
        catalogue: IndicatorCatalogue,
    ) -> int:
        if code is None or code not in self.col_of:
            role = "weight" if ind.aggregation is Aggregation.MEAN else "numerator or denominator"
            msg = f"indicator {ind.code!r} ({ind.name}) lacks its {role}"
            raise ValueError(msg)
        other = catalogue[code]
        if other.aggregation not in allowed:
            names = ", ".join(sorted(a.value for a in allowed))
            msg = (
                f"indicator {ind.code!r} ({ind.name}) uses {code!r}, a {other.aggregation.value}"
                f" indicator; it must be one of: {names}"
            )
            raise ValueError(msg)
        return self.col_of[code]

    def __len__(self) -> int:
        return len(self.codes)

    def empty_channels(self, rows: int) -> tuple[FloatArray, FloatArray, FloatArray, WordArray]:
        """Zeroed sums, +inf mins, -inf maxs and cleared bits for *rows* units."""
        return (
            np.zeros((rows, self.n_sums)),
            np.full((rows, self.n_mins), np.inf),
            np.full((rows, self.n_maxs), -np.inf),
            np.zeros((rows, self.words), dtype=np.uint64),
        )


def pack_bits(flags: BoolArray, words: int) -> WordArray:
    """Pack a (rows × k) boolean matrix into (rows × *words*) ``uint64`` words.

    Examples:
        >>> w = pack_bits(np.array([[True, False, True]]), 1)
        >>> int(w[0, 0]), unpack_bits(w, 3).tolist()
        (5, [[True, False, True]])
    """
    rows = flags.shape[0]
    packed = np.packbits(flags, axis=1, bitorder="little")
    out = np.zeros((rows, words * 8), dtype=np.uint8)
    out[:, : packed.shape[1]] = packed
    return out.view(np.uint64)


def unpack_bits(words: WordArray, k: int) -> BoolArray:
    """The inverse of :func:`pack_bits`: a (rows × *k*) boolean matrix."""
    raw = np.ascontiguousarray(words).view(np.uint8)
    return np.unpackbits(raw, axis=1, bitorder="little", count=k).astype(np.bool_)


def derive(
    layout: Layout,
    sums: FloatArray,
    mins: FloatArray,
    maxs: FloatArray,
    bits: WordArray,
    distinct_counts: FloatArray,
) -> tuple[FloatArray, FlagArray]:
    """Final values and flags from reduced channels (one row per unit or group).

    A column with no figure below is NaN.  A ratio is numerator / denominator
    × scale of the final values of the row (never an average of ratios), NaN
    with ``ZERO_DENOMINATOR`` when the denominator is 0 and with
    ``MISSING_DENOMINATOR`` when it has no figure; ``UNMATCHED_NUMERATOR``
    marks ratio totals over units whose numerator had no positive
    denominator (the second half of *bits*).  A mean is Σ v·w / Σ w.  A sum
    or mean that overflows is NaN with ``OVERFLOW`` (and so is a ratio using
    it); numpy never warns.

    Complexity: O(rows · columns).
    """
    rows, k = sums.shape[0], len(layout)
    both = unpack_bits(bits, 2 * k)
    has, unmatched = both[:, :k], both[:, k:]
    values = np.full((rows, k), np.nan)
    flags = np.zeros((rows, k), dtype=np.uint8)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for j, kind in enumerate(layout.kinds):
            if kind in (Aggregation.SUM, Aggregation.STOCK):
                total = sums[:, layout.sum_ch[j]]
                over = has[:, j] & ~np.isfinite(total)
                values[:, j] = np.where(has[:, j] & ~over, total, np.nan)
                flags[:, j] |= _flag(over, Flag.OVERFLOW)
            elif kind is Aggregation.MEAN:
                vw, w = sums[:, layout.sum_ch[j]], sums[:, layout.weight_ch[j]]
                missing = sums[:, layout.miss_ch[j]] > 0
                over = has[:, j] & ~(np.isfinite(vw) & np.isfinite(w))
                ok = has[:, j] & (w != 0) & ~over
                values[:, j] = np.where(ok, vw / w, np.nan)
                flags[:, j] |= _flag(has[:, j] & (w == 0) & ~missing, Flag.ZERO_WEIGHT)
                flags[:, j] |= _flag(missing, Flag.MISSING_WEIGHT)
                flags[:, j] |= _flag(over, Flag.OVERFLOW)
            elif kind is Aggregation.MIN:
                values[:, j] = np.where(has[:, j], mins[:, layout.min_ch[j]], np.nan)
            elif kind is Aggregation.MAX:
                values[:, j] = np.where(has[:, j], maxs[:, layout.max_ch[j]], np.nan)
            elif kind is Aggregation.DISTINCT:
                count = distinct_counts[:, layout.distinct_slot[j]]
                values[:, j] = np.where(count > 0, count, np.nan)
            else:
                nc, dc = layout.num_col[j], layout.den_col[j]
                num, den = values[:, nc], values[:, dc]
                inherited = (flags[:, nc] | flags[:, dc]) & np.uint8(Flag.OVERFLOW)
                over_in = inherited != 0
                zero = den == 0
                rate = np.where(zero, np.nan, num / den * layout.scale[j])
                over = over_in | np.isinf(rate)
                values[:, j] = np.where(over, np.nan, rate)
                no_den = ~np.isnan(num) & np.isnan(den) & ~over_in
                flags[:, j] |= _flag(zero, Flag.ZERO_DENOMINATOR)
                flags[:, j] |= _flag(no_den, Flag.MISSING_DENOMINATOR)
                flags[:, j] |= _flag(over, Flag.OVERFLOW)
                below = unmatched[:, j] | (
                    ((flags[:, nc] | flags[:, dc]) & np.uint8(Flag.UNMATCHED_NUMERATOR)) != 0
                )
                flags[:, j] |= _flag(below & ~np.isnan(values[:, j]), Flag.UNMATCHED_NUMERATOR)
    return values, flags


def unmatched_numerators(layout: Layout, values: FloatArray) -> BoolArray:
    """Which (unit, ratio column) have a numerator other than 0 but no positive denominator.

    *values* are the units' **own** values (before reduction); the result is
    a (units × columns) matrix, ``False`` outside the ratio columns.

    Complexity: O(units · ratio columns).
    """
    out = np.zeros(values.shape, dtype=np.bool_)
    for j in layout.ratio_cols.tolist():
        num = values[:, layout.num_col[j]]
        den = values[:, layout.den_col[j]]
        out[:, j] = ~np.isnan(num) & (num != 0) & (np.isnan(den) | (den == 0))
    return out


def _flag(where: BoolArray, flag: Flag) -> FlagArray:
    return where.astype(np.uint8) * np.uint8(flag)


def resolve_codes(
    figures: Figures,
    catalogue: IndicatorCatalogue,
    indicators: str | tuple[str, ...] | list[str] | None,
) -> tuple[tuple[str, ...], list[Problem]]:
    """The output columns: the requested codes (or the default set) and their inputs.

    The default is every catalogued indicator present in *figures*, plus
    every ratio whose numerator and denominator are present.  Indicators in
    the figures but not in the catalogue are reported (``F002``) when the
    default is used.

    Raises:
        UnknownIndicatorError: a requested code is not in the catalogue.

    Examples:
        >>> from thidua.figures import Figures
        >>> from thidua.figures import BUILTIN_INDICATORS as cat
        >>> f = Figures.from_columns(unit=["G1", "G1", "G1"], period=["2024"] * 3,
        ...     indicator=["works_registered", "works_completed", "xyz"], value=[4, 3, 1])
        >>> codes, problems = resolve_codes(f, cat, None)
        >>> codes, [p.code for p in problems]
        (('works_registered', 'works_completed', 'works_completion_rate'), ['F002'])
    """
    problems: list[Problem] = []
    if indicators is not None:
        wanted = [indicators] if isinstance(indicators, str) else list(indicators)
        for code in wanted:
            if code not in catalogue:
                raise UnknownIndicatorError(code)
        return catalogue.closure(wanted), problems
    present = set(figures.indicators)
    counts = np.bincount(figures.indicator_codes, minlength=len(figures.indicators))
    for code, count in zip(figures.indicators, counts.tolist(), strict=True):
        if code not in catalogue:
            problems.append(
                problem(
                    "F002",
                    f"{count} figure(s) of unknown indicator {code!r} were left out of the roll-up",
                    subject=code,
                )
            )
    chosen = [
        ind.code
        for ind in catalogue
        if ind.code in present
        or (
            ind.aggregation is Aggregation.RATIO
            and ind.numerator in present
            and ind.denominator in present
        )
    ]
    return catalogue.closure(chosen), problems


def columns_mask(layout: Layout, kinds: frozenset[Aggregation]) -> BoolArray:
    """Which columns have one of *kinds*."""
    return np.fromiter((k in kinds for k in layout.kinds), dtype=np.bool_, count=len(layout))


def inputs_closure(layout: Layout, col: int) -> IntArray:
    """The column and, recursively, the ratio inputs it is computed from."""
    out: list[int] = []
    stack = [col]
    while stack:
        j = stack.pop()
        if j in out:
            continue
        out.append(j)
        stack.extend(int(o) for o in (layout.num_col[j], layout.den_col[j]) if o >= 0)
    return np.asarray(sorted(out), dtype=np.int64)
