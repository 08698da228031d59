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

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from thidua._graph import BoolArray, IntArray
from thidua.figures import Figures
from thidua.indicators import Aggregation
from thidua.rollup._closure import Structure, sorted_unique
from thidua.rollup._layout import FloatArray, Layout, WordArray, pack_bits
from thidua.rollup._rows import CONTRIBUTES, Rows

__all__ = ["Totals", "accumulate"]


class Totals:
    """Reduced channels of every unit of the hierarchy index.

    Attributes:
        sums: additive channels (units × ``layout.n_sums``).
        mins: minimum channels (+inf where none).
        maxs: maximum channels (-inf where none).
        bits: presence bits, one per column, packed in ``uint64`` words.
        distinct: per distinct column, the sorted codes ``unit * len(vocab) + key``
            and the key vocabulary.
    """

    __slots__ = ("bits", "distinct", "maxs", "mins", "sums")

    def __init__(
        self,
        sums: FloatArray,
        mins: FloatArray,
        maxs: FloatArray,
        bits: WordArray,
        distinct: Sequence[tuple[IntArray, tuple[str, ...]]],
    ) -> None:
        self.sums, self.mins, self.maxs, self.bits = sums, mins, maxs, bits
        self.distinct = tuple(distinct)

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
        for slot, (codes, vocab) in enumerate(self.distinct):
            nk = len(vocab)
            if nk:
                inside = np.isin(codes // nk, members)
                counts[0, slot] = sorted_unique(codes[inside] % nk).size
        return (
            self.sums[members].sum(axis=0, keepdims=True),
            self.mins[members].min(axis=0, keepdims=True, initial=np.inf),
            self.maxs[members].max(axis=0, keepdims=True, initial=-np.inf),
            np.bitwise_or.reduce(self.bits[members], axis=0, keepdims=True),
            counts,
        )


def _kind_mask(layout: Layout, *kinds: Aggregation) -> BoolArray:
    return np.asarray([k in kinds for k in layout.kinds] or [False], dtype=np.bool_)


def _channels(
    layout: Layout, rows: Rows, index: IntArray | None, n: int
) -> tuple[FloatArray, FloatArray | None, FloatArray | None, WordArray]:
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
    present = np.bincount(flat, minlength=n * k) > 0
    bits = pack_bits(present.reshape(n, k), layout.words)
    return (
        sums.reshape(n, m),
        None if mins is None else mins.reshape(n, layout.n_mins),
        None if maxs is None else maxs.reshape(n, layout.n_maxs),
        bits,
    )


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

    Complexity: O(rows + s · n · c) for s structures and c channels (the
    forest), or O(rows + s · P · c) for P closure pairs.
    """
    sums, mins, maxs, bits = layout.empty_channels(n)
    contributing = (rows.role & CONTRIBUTES) != 0
    vocab, key_slot, key_pos, key_code = _key_table(layout, rows, figures)
    parts: list[list[IntArray]] = [[] for _ in range(layout.n_distinct)]
    for g, structure in enumerate(structures):
        mine = contributing & (rows.group == g) if len(structures) > 1 else contributing
        s, lo, hi, b = _channels(layout, rows, None if mine.all() else np.flatnonzero(mine), n)
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
    return Totals(sums, mins, maxs, bits, distinct)


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
