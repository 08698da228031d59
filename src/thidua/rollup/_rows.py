"""Figure rows for a roll-up: selection, mean weights, placement in the structure, stocks.

The steps, all vectorised over the rows of the columnar store:

1. :func:`select` keeps the own figures of the output columns whose period
   lies within the roll-up period; figures that only overlap it are counted
   (``excluded``); unknown units (``F001``) and values of the wrong type
   (``F007``) are reported, one problem per unit or indicator.
2. :func:`attach_weights` gives every mean figure its weight: the weight
   indicator of the same unit, time-aggregated by its own kind over the mean
   figure's own period.
3. :func:`place_as_was` / :func:`place_restated` say along which unit each
   figure rolls up and with what share; figures that cannot be placed are
   returned for ``F014``.
4. :func:`mark_latest_stocks` keeps, per unit and stock indicator, only the
   figures of the latest reported sub-period (OLAP *LastNonEmpty*).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import pendulum

from thidua._graph import BoolArray, IntArray
from thidua.figures import Aggregation, Figures
from thidua.hierarchy import Hierarchy
from thidua.periods import Period
from thidua.problems import Problem, problem
from thidua.rollup._closure import sorted_unique
from thidua.rollup._layout import Layout

__all__ = [
    "CONTRIBUTES",
    "WEIGHT",
    "Rows",
    "attach_weights",
    "mark_latest_stocks",
    "period_arrays",
    "place_as_was",
    "place_restated",
    "select",
]

FloatArray = npt.NDArray[np.float64]
CONTRIBUTES = 1
"""Role bit: the row adds to its own column."""
WEIGHT = 2
"""Role bit: the row was used as the weight of a mean figure."""


class Rows:
    """Parallel arrays over the figure rows taking part in a roll-up.

    Attributes:
        row: the row in the figure store.
        unit: the hierarchy index the row rolls up along (after placement).
        col: the output column.
        pc: the period code in the figure store.
        value: the reported value (NaN for distinct rows).
        share: the lineage share applied (``None``: 1 for every row, as-was).
        weight: for mean rows, the weight found (NaN when missing); ``None``
            when there is no mean column.
        role: ``CONTRIBUTES`` and ``WEIGHT`` bits.
        group: the structure (snapshot) the row rolls up in.
    """

    __slots__ = ("col", "group", "pc", "role", "row", "share", "unit", "value", "weight")

    def __init__(
        self,
        *,
        row: IntArray,
        unit: IntArray,
        col: IntArray,
        pc: IntArray,
        value: FloatArray,
        share: FloatArray | None = None,
        weight: FloatArray | None = None,
        role: npt.NDArray[np.int8] | None = None,
        group: IntArray | None = None,
    ) -> None:
        size = row.size
        self.row, self.unit, self.col, self.pc, self.value = row, unit, col, pc, value
        self.share = share
        self.weight = weight
        self.role = np.full(size, CONTRIBUTES, dtype=np.int8) if role is None else role
        self.group = np.zeros(size, dtype=np.int64) if group is None else group

    def __len__(self) -> int:
        return int(self.row.size)

    def take(self, index: IntArray | BoolArray) -> Rows:
        """The rows at *index* (an index array or a boolean mask)."""
        return Rows(
            row=self.row[index],
            unit=self.unit[index],
            col=self.col[index],
            pc=self.pc[index],
            value=self.value[index],
            share=None if self.share is None else self.share[index],
            weight=None if self.weight is None else self.weight[index],
            role=self.role[index],
            group=self.group[index],
        )

    def share_of(self, k: int) -> float:
        """The share applied to row *k* (1.0 when none was)."""
        return 1.0 if self.share is None else float(self.share[k])


def period_arrays(figures: Figures) -> tuple[IntArray, IntArray, IntArray]:
    """Start and end ordinals of every period code, and its rank by (end, start).

    Equal periods get equal ranks; a later end always ranks higher, and for
    the same end a later start (a shorter period) ranks higher.
    """
    start = np.fromiter((p.start_ordinal for p in figures.periods), dtype=np.int64)
    end = np.fromiter((p.end_ordinal for p in figures.periods), dtype=np.int64)
    rank = np.unique(end * (1 << 24) + start, return_inverse=True)[1].astype(np.int64)
    return start, end, rank.reshape(-1)


def _counted(
    code: str, mask: BoolArray, labels: IntArray, names: tuple[str, ...], text: Callable[..., str]
) -> list[Problem]:
    counts = np.bincount(labels[mask], minlength=len(names))
    return [
        problem(code, text(names[i], int(counts[i])), subject=names[i])
        for i in np.flatnonzero(counts).tolist()
    ]


def select(
    hierarchy: Hierarchy, figures: Figures, period: Period, layout: Layout
) -> tuple[Rows, int, list[Problem]]:
    """The own figures of the output columns contained in *period*.

    Returns the rows (placed on their own unit), the number of own figures
    left out because their period overlaps *period* without lying within it,
    and the problems found (``F001`` unknown unit, ``F007`` wrong type).

    Complexity: O(rows + distinct units), vectorised.
    """
    index = hierarchy.unit_index
    unit_map = np.fromiter(
        map(index.get, figures.units, itertools.repeat(-1)),
        dtype=np.int64,
        count=len(figures.units),
    )
    col_map = np.fromiter((layout.col_of.get(c, -1) for c in figures.indicators), dtype=np.int64)
    start, end, _ = period_arrays(figures)
    inside = (start >= period.start_ordinal) & (end <= period.end_ordinal)
    overlap = (start < period.end_ordinal) & (period.start_ordinal < end) & ~inside
    unit = unit_map[figures.unit_codes] if len(figures) else np.empty(0, dtype=np.int64)
    col = col_map[figures.indicator_codes] if len(figures) else np.empty(0, dtype=np.int64)
    problems = _counted(
        "F001",
        unit < 0,
        figures.unit_codes.astype(np.int64),
        figures.units,
        lambda u, c: f"{c} figure(s) of unit {u!r}, unknown to the hierarchy, were left out",
    )
    own = figures.scope_codes == 0
    base = (unit >= 0) & (col >= 0) & own
    excluded = int(np.count_nonzero(base & overlap[figures.period_codes]))
    keep = base & inside[figures.period_codes]
    has_keys = np.zeros(len(figures), dtype=np.bool_)
    if figures.key_sets:
        has_keys[np.fromiter(figures.key_sets, dtype=np.int64)] = True
    kinds = np.asarray([_KIND_CODE[k] for k in layout.kinds], dtype=np.int8)
    kind = np.where(col >= 0, kinds[np.maximum(col, 0)] if kinds.size else 0, -1)
    is_distinct = kind == _KIND_CODE[Aggregation.DISTINCT]
    is_ratio = kind == _KIND_CODE[Aggregation.RATIO]
    bad = keep & (is_ratio | np.where(is_distinct, ~has_keys, np.isnan(figures.values)))
    labels = np.maximum(col, 0)
    problems += _counted(
        "F007",
        bad & is_ratio,
        labels,
        layout.codes,
        lambda c, n: (
            f"{n} own figure(s) of ratio {c!r} were left out: a ratio is recomputed"
            " from its numerator and denominator at every level"
        ),
    )
    problems += _counted(
        "F007",
        bad & ~is_ratio,
        labels,
        layout.codes,
        lambda c, n: f"{n} figure(s) of {c!r} without a value of its type were left out",
    )
    rows = np.flatnonzero(keep & ~bad)
    return (
        Rows(
            row=rows,
            unit=unit[rows],
            col=col[rows],
            pc=figures.period_codes[rows].astype(np.int64),
            value=figures.values[rows],
        ),
        excluded,
        problems,
    )


_KIND_CODE = {kind: i for i, kind in enumerate(Aggregation)}


def _latest(units: IntArray, rank: IntArray, n: int) -> BoolArray:
    """Which entries have the highest rank among the entries of their unit."""
    best = np.full(n, -1, dtype=np.int64)
    np.maximum.at(best, units, rank)
    return np.asarray(rank == best[units], dtype=np.bool_)


def attach_weights(rows: Rows, layout: Layout, figures: Figures, n: int) -> None:
    """Give each mean row its weight and mark the weight rows used (in place).

    The weight of a mean figure of unit *u* over period *p* is the weight
    indicator of *u* time-aggregated over the figures whose period lies in
    *p*, by the weight's own kind (a stock: its latest value; a sum: the
    total; min, max).  A mean row without any such figure keeps NaN.

    Complexity: O(rows × distinct periods of mean figures).
    """
    start, end, rank = period_arrays(figures)
    if (layout.weight_col >= 0).any():
        rows.weight = np.full(len(rows), np.nan)
    for j in np.flatnonzero(layout.weight_col >= 0).tolist():
        wcol = int(layout.weight_col[j])
        wkind = layout.kinds[wcol]
        mean_rows = np.flatnonzero(rows.col == j)
        if mean_rows.size == 0:
            continue
        weight_rows = np.flatnonzero(rows.col == wcol)
        wpc = rows.pc[weight_rows]
        for p in sorted_unique(rows.pc[mean_rows]).tolist():
            mine = mean_rows[rows.pc[mean_rows] == p]
            need = np.zeros(n, dtype=np.bool_)
            need[rows.unit[mine]] = True
            within = (start[wpc] >= start[p]) & (end[wpc] <= end[p])
            used = weight_rows[within & need[rows.unit[weight_rows]]]
            wu = rows.unit[used]
            if wkind is Aggregation.STOCK:
                latest = _latest(wu, rank[rows.pc[used]], n)
                used, wu = used[latest], wu[latest]
            total = np.zeros(n)
            if wkind is Aggregation.MIN:
                total[:] = np.inf
                np.minimum.at(total, wu, rows.value[used])
            elif wkind is Aggregation.MAX:
                total[:] = -np.inf
                np.maximum.at(total, wu, rows.value[used])
            else:
                total = np.asarray(
                    np.bincount(wu, weights=rows.value[used], minlength=n), dtype=np.float64
                )
            found = np.bincount(wu, minlength=n) > 0
            mu = rows.unit[mine]
            assert rows.weight is not None
            rows.weight[mine] = np.where(found[mu], total[mu], np.nan)
            rows.role[used] |= WEIGHT


def place_as_was(
    rows: Rows, group_of_pc: IntArray, masks: list[BoolArray]
) -> tuple[Rows, IntArray]:
    """Place every row on its own unit in the structure of its period's last day.

    Returns the placed rows (``group`` set) and the rows whose unit is not
    in that structure.  Complexity: O(rows × structures).
    """
    group = group_of_pc[rows.pc]
    stacked = np.stack(masks) if masks else np.zeros((1, 0), dtype=np.bool_)
    placed = stacked[group, rows.unit] if len(rows) else np.zeros(0, dtype=np.bool_)
    rows.group = group
    if placed.all():
        return rows, rows.row[:0]
    return rows.take(placed), rows.row[~placed]


def place_restated(
    rows: Rows, hierarchy: Hierarchy, day_mask: BoolArray, day: pendulum.Date, layout: Layout
) -> tuple[Rows, IntArray]:
    """Carry every row to the units it became on the restatement day, with the shares.

    A unit alive that day keeps its figures.  Another is replaced by
    :meth:`Hierarchy.successors_on`: sums and stocks, and the weights of
    means, are multiplied by each successor's share; distinct keys go whole
    to the successor with the largest share; minima and maxima go unscaled
    to every successor.  Returns the placed rows and the rows of units with
    no successor.

    Complexity: O(rows + units) vectorised, plus one lineage walk per unit
    not alive that day.
    """
    n = day_mask.size
    uniq = np.flatnonzero(np.bincount(rows.unit, minlength=n))
    gone = uniq[~day_mask[uniq]]
    count = np.zeros(n, dtype=np.int64)
    count[uniq[day_mask[uniq]]] = 1
    lineage: dict[int, list[tuple[int, float]]] = {}
    index = hierarchy.unit_index
    for u in gone.tolist():
        successors = hierarchy.successors_on(hierarchy.ids[u], day)
        lineage[u] = [(index[s], share) for s, share in successors.items()]
        count[u] = len(lineage[u])
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(count, out=indptr[1:])
    target = np.arange(n, dtype=np.int64)
    target = np.repeat(target, count)
    share = np.ones(target.size)
    best = np.arange(n, dtype=np.int64)
    for u, pairs in lineage.items():
        at = indptr[u]
        for k, (t, s) in enumerate(pairs):
            target[at + k], share[at + k] = t, s
        if pairs:
            best[u] = max(pairs, key=lambda ts: ts[1])[0]
    per_row = count[rows.unit]
    lost = rows.row[per_row == 0]
    if (per_row == 1).all():
        entry = indptr[rows.unit]
        out = rows
    elif per_row.max() == 1:
        out = rows.take(per_row == 1)
        entry = indptr[out.unit]
    else:
        rep = np.repeat(np.arange(len(rows), dtype=np.int64), per_row)
        offset = np.arange(rep.size, dtype=np.int64) - np.repeat(
            np.cumsum(per_row) - per_row, per_row
        )
        entry = indptr[rows.unit[rep]] + offset
        out = rows.take(rep)
    original = out.unit
    out.unit = target[entry]
    out.share = share[entry] if lineage else None
    kinds = layout.kinds
    whole = np.asarray([k in _UNSCALED for k in kinds], dtype=np.bool_)
    distinct = np.asarray([k is Aggregation.DISTINCT for k in kinds], dtype=np.bool_)
    if out.col.size and whole.size and out.share is not None:
        out.share = np.where(whole[out.col], 1.0, out.share)
        wrong = distinct[out.col] & (out.unit != best[original])
        if wrong.any():
            out = out.take(~wrong)
    return out, lost


_UNSCALED = frozenset({Aggregation.DISTINCT, Aggregation.MIN, Aggregation.MAX})


def mark_latest_stocks(rows: Rows, layout: Layout, rank: IntArray, n: int) -> None:
    """Keep the ``CONTRIBUTES`` bit of stock rows only for each unit's latest period (in place).

    For each (unit, stock column) the rows with the highest period rank (the
    latest end, then the latest start) contribute; rows of that same period
    are added together.  Complexity: O(rows).
    """
    is_stock = np.asarray([k is Aggregation.STOCK for k in layout.kinds], dtype=np.bool_)
    if not is_stock.any() or len(rows) == 0:
        return
    stock = np.flatnonzero(is_stock[rows.col])
    key = rows.unit[stock] * len(layout) + rows.col[stock]
    latest = _latest(key, rank[rows.pc[stock]], n * len(layout))
    stale = stock[~latest]
    rows.role[stale] &= ~np.int8(CONTRIBUTES)
