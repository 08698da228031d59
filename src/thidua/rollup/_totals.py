"""Per-unit channel totals: placed figure rows reduced over one or more structures.

:func:`accumulate` turns the placed rows of each structure (snapshot) into
per-unit channels with ``np.bincount`` / ``ufunc.at``, reduces them over the
structure (:mod:`thidua.rollup._closure`) and combines the structures: sums
add, minima and maxima combine, presence bits are or-ed, distinct keys are
united.  The result, :class:`Totals`, holds the channels of **every** unit of
the hierarchy index, so that groups of units (clusters) can be totalled
later by the same rules.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import pendulum

from thidua._graph import BoolArray, IntArray
from thidua.figures import Aggregation, Figures
from thidua.hierarchy import Hierarchy
from thidua.periods import Period
from thidua.problems import Problem, problem
from thidua.rollup._closure import Structure, sorted_unique
from thidua.rollup._layout import (
    Flag,
    FlagArray,
    FloatArray,
    Layout,
    WordArray,
    derive,
    pack_bits,
    unmatched_numerators,
)
from thidua.rollup._rows import CONTRIBUTES, Rows

__all__ = ["Totals", "Unmatched", "accumulate", "total_problems"]


class Unmatched(NamedTuple):
    """Own ratio numerators without a positive denominator: one entry per unit and ratio.

    Attributes:
        unit: the hierarchy index of the unit.
        col: the ratio column.
        numerator: the unit's own numerator value.
        denominator: its own denominator value (NaN: no figure).
    """

    unit: IntArray
    col: IntArray
    numerator: FloatArray
    denominator: FloatArray

    @classmethod
    def empty(cls) -> Unmatched:
        """No entry."""
        none = np.empty(0, dtype=np.int64)
        return cls(none, none, np.empty(0), np.empty(0))

    @classmethod
    def join(cls, parts: Sequence[Unmatched]) -> Unmatched:
        """The entries of several structures, each (unit, column) once (the first)."""
        if not parts:
            return cls.empty()
        unit, col, num, den = (np.concatenate(p) for p in zip(*parts, strict=True))
        _, first = np.unique(
            unit * (int(col.max()) + 1 if col.size else 1) + col, return_index=True
        )
        first.sort()
        return cls(unit[first], col[first], num[first], den[first])


class Totals:
    """Reduced channels of every unit of the hierarchy index.

    Attributes:
        sums: additive channels (units × ``layout.n_sums``).
        mins: minimum channels (+inf where none).
        maxs: maximum channels (-inf where none).
        bits: presence bits, one per column, packed in ``uint64`` words.
        distinct: per distinct column, the sorted codes ``unit * len(vocab) + key``
            and the key vocabulary.
        unmatched: the units whose own numerator of a ratio had no positive
            denominator (their ancestors' totals are ``UNMATCHED_NUMERATOR``).
    """

    __slots__ = ("bits", "distinct", "maxs", "mins", "sums", "unmatched")

    def __init__(
        self,
        sums: FloatArray,
        mins: FloatArray,
        maxs: FloatArray,
        bits: WordArray,
        distinct: Sequence[tuple[IntArray, tuple[str, ...]]],
        unmatched: Unmatched | None = None,
    ) -> None:
        self.sums, self.mins, self.maxs, self.bits = sums, mins, maxs, bits
        self.distinct = tuple(distinct)
        self.unmatched = Unmatched.empty() if unmatched is None else unmatched

    def distinct_counts(self, units: IntArray | None = None) -> FloatArray:
        """Number of distinct keys per unit (all units, or *units*) and distinct column."""
        n = self.sums.shape[0]
        out = np.zeros((n, len(self.distinct)))
        for slot, (codes, vocab) in enumerate(self.distinct):
            if vocab:
                out[:, slot] = np.bincount(codes // len(vocab), minlength=n)
        return out if units is None else out[units]

    def keys(self, slot: int, unit: int) -> frozenset[str]:
        """The distinct keys of *unit* in distinct column *slot*."""
        codes, vocab = self.distinct[slot]
        nk = len(vocab)
        if nk == 0:
            return frozenset()
        lo, hi = np.searchsorted(codes, [unit * nk, (unit + 1) * nk])
        return frozenset(vocab[int(c) % nk] for c in codes[lo:hi])

    def combine(
        self, members: IntArray
    ) -> tuple[FloatArray, FloatArray, FloatArray, WordArray, FloatArray]:
        """The channels of a group of units: one row, by each channel's rule.

        Sums add, minima and maxima combine, bits are or-ed and distinct keys
        are united (each key counted once in the group).
        """
        counts = np.zeros((1, len(self.distinct)))
        with np.errstate(over="ignore", invalid="ignore"):  # derive() flags overflow
            summed = self.sums[members].sum(axis=0, keepdims=True)
        for slot, (codes, vocab) in enumerate(self.distinct):
            nk = len(vocab)
            if nk:
                inside = np.isin(codes // nk, members)
                counts[0, slot] = sorted_unique(codes[inside] % nk).size
        return (
            summed,
            self.mins[members].min(axis=0, keepdims=True, initial=np.inf),
            self.maxs[members].max(axis=0, keepdims=True, initial=-np.inf),
            np.bitwise_or.reduce(self.bits[members], axis=0, keepdims=True),
            counts,
        )


def _kind_mask(layout: Layout, *kinds: Aggregation) -> BoolArray:
    return np.asarray([k in kinds for k in layout.kinds] or [False], dtype=np.bool_)


def _channels(
    layout: Layout, rows: Rows, index: IntArray | None, n: int
) -> tuple[FloatArray, FloatArray | None, FloatArray | None, WordArray, Unmatched]:
    """Per-unit channels of the rows at *index* (all when ``None``), before reduction.

    Complexity: O(rows).
    """
    m, k = layout.n_sums, len(layout)
    at: IntArray | slice = slice(None) if index is None else index
    unit, col, value = rows.unit[at], rows.col[at], rows.value[at]
    share = None if rows.share is None else rows.share[at]
    sumlike = _kind_mask(layout, Aggregation.SUM, Aggregation.STOCK)[col]
    every = bool(sumlike.all())
    su = unit if every else unit[sumlike]
    sv = value if every else value[sumlike]
    idx = [su * m + layout.sum_ch[col if every else col[sumlike]]]
    val = [sv if share is None else sv * (share if every else share[sumlike])]
    mean = _kind_mask(layout, Aggregation.MEAN)[col]
    if mean.any():
        assert rows.weight is not None
        mu, mc, mv = unit[mean], col[mean], value[mean]
        mw = rows.weight[at][mean]
        ms = np.ones(mu.size) if share is None else share[mean]
        ok = ~np.isnan(mw)
        idx += [
            mu[ok] * m + layout.sum_ch[mc[ok]],
            mu[ok] * m + layout.weight_ch[mc[ok]],
            mu[~ok] * m + layout.miss_ch[mc[~ok]],
        ]
        val += [mv[ok] * mw[ok] * ms[ok], mw[ok] * ms[ok], np.ones(int((~ok).sum()))]
    flat_idx = np.concatenate(idx) if len(idx) > 1 else idx[0]
    flat_val = np.concatenate(val) if len(val) > 1 else val[0]
    sums = np.asarray(np.bincount(flat_idx, weights=flat_val, minlength=n * m), dtype=np.float64)
    mins = maxs = None
    for kind in (Aggregation.MIN, Aggregation.MAX):
        sel = _kind_mask(layout, kind)[col]
        if not sel.any():
            continue
        if kind is Aggregation.MIN:
            mins = np.full(n * layout.n_mins, np.inf)
            np.minimum.at(mins, unit[sel] * layout.n_mins + layout.min_ch[col[sel]], value[sel])
        else:
            maxs = np.full(n * layout.n_maxs, -np.inf)
            np.maximum.at(maxs, unit[sel] * layout.n_maxs + layout.max_ch[col[sel]], value[sel])
    numeric = ~_kind_mask(layout, Aggregation.DISTINCT)[col]
    flat = unit * k + col if bool(numeric.all()) else unit[numeric] * k + col[numeric]
    present = (np.bincount(flat, minlength=n * k) > 0).reshape(n, k)
    sums_2d = sums.reshape(n, m)
    mins_2d = None if mins is None else mins.reshape(n, layout.n_mins)
    maxs_2d = None if maxs is None else maxs.reshape(n, layout.n_maxs)
    both = np.zeros((n, 2 * k), dtype=np.bool_)
    both[:, :k] = present
    if layout.ratio_cols.size:
        # The units' own values decide which numerators lack a denominator.
        own, _ = derive(
            layout,
            sums_2d,
            np.full((n, layout.n_mins), np.inf) if mins_2d is None else mins_2d,
            np.full((n, layout.n_maxs), -np.inf) if maxs_2d is None else maxs_2d,
            pack_bits(present, layout.words),
            np.zeros((n, layout.n_distinct)),
        )
        both[:, k:] = unmatched = unmatched_numerators(layout, own)
        units, cols = np.nonzero(unmatched)
        origins = Unmatched(
            units.astype(np.int64),
            cols.astype(np.int64),
            own[units, layout.num_col[cols]],
            own[units, layout.den_col[cols]],
        )
    else:
        origins = Unmatched.empty()
    return sums_2d, mins_2d, maxs_2d, pack_bits(both, layout.words), origins


def _key_table(
    layout: Layout, rows: Rows, figures: Figures
) -> tuple[list[tuple[str, ...]], IntArray, IntArray, IntArray]:
    """Key vocabularies per distinct slot; per key: slot, row position and key code."""
    vocab: list[dict[str, int]] = [{} for _ in range(layout.n_distinct)]
    slots: list[int] = []
    pos: list[int] = []
    codes: list[int] = []
    key_sets = figures.key_sets
    for p in np.flatnonzero(_kind_mask(layout, Aggregation.DISTINCT)[rows.col]).tolist():
        slot = int(layout.distinct_slot[rows.col[p]])
        table = vocab[slot]
        for key in sorted(key_sets.get(int(rows.row[p]), ())):
            slots.append(slot)
            pos.append(p)
            codes.append(table.setdefault(key, len(table)))
    as_array = np.asarray
    return (
        [tuple(v) for v in vocab],
        as_array(slots, dtype=np.int64),
        as_array(pos, dtype=np.int64),
        as_array(codes, dtype=np.int64),
    )


def _spread(structure: Structure, units: IntArray, keys: IntArray, nk: int) -> IntArray:
    """Codes ``ancestor * nk + key`` for (unit, key) entries, every ancestor-or-self once."""
    uniq, upos = np.unique(units, return_inverse=True)
    entries = sorted_unique(upos.reshape(-1) * nk + keys)
    epos, ekey = entries // nk, entries % nk
    pos, anc = structure.ancestor_pairs(uniq)
    order = np.argsort(pos, kind="stable")
    anc = anc[order]
    count = np.bincount(pos, minlength=uniq.size)
    indptr = np.concatenate(([0], np.cumsum(count)))
    per = count[epos]
    rep = np.repeat(np.arange(entries.size), per)
    offset = np.arange(rep.size) - np.repeat(np.cumsum(per) - per, per)
    return np.asarray(anc[indptr[epos[rep]] + offset] * nk + ekey[rep], dtype=np.int64)


def accumulate(
    layout: Layout, rows: Rows, structures: Sequence[Structure], figures: Figures, n: int
) -> Totals:
    """Reduce the contributing rows of each structure and combine the structures.

    Besides the channels, the bits say which ratio totals count a numerator
    without a positive denominator (see :func:`unmatched_numerators`),
    decided on each unit's own figures in each structure.  Sums that
    overflow become infinite here without a numpy warning; :func:`derive`
    flags them.

    Complexity: O(rows + s · n · c) for s structures and c channels (the
    forest), or O(rows + s · P · c) for P closure pairs.
    """
    sums, mins, maxs, bits = layout.empty_channels(n)
    contributing = (rows.role & CONTRIBUTES) != 0
    vocab, key_slot, key_pos, key_code = _key_table(layout, rows, figures)
    parts: list[list[IntArray]] = [[] for _ in range(layout.n_distinct)]
    found: list[Unmatched] = []
    for g, structure in enumerate(structures):
        mine = contributing & (rows.group == g) if len(structures) > 1 else contributing
        with np.errstate(over="ignore", invalid="ignore"):
            s, lo, hi, b, unmatched = _channels(
                layout, rows, None if mine.all() else np.flatnonzero(mine), n
            )
            found.append(unmatched)
            if layout.n_sums:
                sums += structure.reduce(s, "add")
        if lo is not None:
            np.minimum(mins, structure.reduce(lo, "min"), out=mins)
        if hi is not None:
            np.maximum(maxs, structure.reduce(hi, "max"), out=maxs)
        bits |= structure.reduce(b, "or")
        in_group = mine[key_pos] if key_pos.size else np.zeros(0, dtype=np.bool_)
        for slot in range(layout.n_distinct):
            sel = in_group & (key_slot == slot)
            if sel.any():
                units = rows.unit[key_pos[sel]]
                parts[slot].append(_spread(structure, units, key_code[sel], len(vocab[slot])))
    distinct = [
        (sorted_unique(np.concatenate(p)) if p else np.empty(0, dtype=np.int64), vocab[slot])
        for slot, p in enumerate(parts)
    ]
    return Totals(sums, mins, maxs, bits, distinct, Unmatched.join(found))


def reported_matrix(layout: Layout, rows: Rows, n: int) -> npt.NDArray[np.bool_]:
    """Which units have at least one placed figure of each column (ratios: both inputs).

    Complexity: O(rows + n · columns).
    """
    k = len(layout)
    flat = np.bincount(rows.unit * k + rows.col, minlength=n * k) > 0
    out = flat.reshape(n, k)
    for j in np.flatnonzero(layout.num_col >= 0).tolist():
        out[:, j] = out[:, layout.num_col[j]] & out[:, layout.den_col[j]]
    return out


_NAMED = 10
"""Units named in one problem; the others are counted."""


def total_problems(
    hierarchy: Hierarchy,
    layout: Layout,
    totals: Totals,
    flags: FlagArray,
    rows: IntArray,
    day: pendulum.Date,
    period: Period,
) -> list[Problem]:
    """Problems about the totals themselves: unmatched numerators (``F015``), overflow (``F016``).

    ``F015`` names each unit whose own numerator of a ratio had no positive
    denominator (the totals above it are ``UNMATCHED_NUMERATOR``); ``F016``
    names, per indicator, the output rows (*rows*) whose total overflowed.

    Complexity: O(unmatched entries + rows · columns).
    """
    out: list[Problem] = []
    ids, codes = hierarchy.ids, layout.codes
    for u, j, num, den in zip(*(a.tolist() for a in totals.unmatched), strict=True):
        ind = layout.indicators[j]
        nc, dc = int(layout.num_col[j]), int(layout.den_col[j])
        given = "no figure" if math.isnan(den) else _number(den)
        uid = ids[u]
        out.append(
            problem(
                "F015",
                f"unit {uid!r} ({hierarchy.name_on(uid, day)}) has {_number(num)} for "
                f"{codes[nc]!r} but {given} for {codes[dc]!r} in {period}: its {ind.code!r} "
                f"cannot be computed, and the totals of {ind.code!r} above it count this "
                "numerator without a denominator (flagged 'unmatched_numerator')",
                subject=uid,
            )
        )
    over = (flags[rows] & np.uint8(Flag.OVERFLOW)) != 0
    for j in np.flatnonzero(over.any(axis=0)).tolist():
        hit = over[:, j]
        for inp in (layout.num_col[j], layout.den_col[j]):
            if inp >= 0:  # a ratio over an overflowed input: its input's problem says it
                hit &= (flags[rows, inp] & np.uint8(Flag.OVERFLOW)) == 0
        units = [ids[u] for u in rows[hit].tolist()]
        if not units:
            continue
        shown = ", ".join(f"{u!r} ({hierarchy.name_on(u, day)})" for u in units[:_NAMED])
        more = f" and {len(units) - _NAMED} more" if len(units) > _NAMED else ""
        out.append(
            problem(
                "F016",
                f"the total of {codes[j]!r} in {period} is too large for a number (beyond "
                f"about 1.8e308) at {len(units)} unit(s): {shown}{more}; those totals are "
                "left empty and flagged 'overflow'",
                subject=units[0],
            )
        )
    return out


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.12g}"
