"""Vectorised interval helpers: overlaps within groups, gaps in coverage."""

from __future__ import annotations

import numpy as np

from thidua._dates import MAX_ORD, MIN_ORD
from thidua._graph import BoolArray, IntArray

_SPAN = 2 * MAX_ORD + 2  # larger than any ordinal difference, so keys never mix groups


def _sweep(
    group: IntArray, start: IntArray, end: IntArray
) -> tuple[IntArray, IntArray, IntArray, BoolArray]:
    """Sort by (group, start) and sweep: order, dense groups, holder and overlap flags.

    ``holder[i]`` is the sorted position of the interval reaching furthest among
    those of the same group at or before *i*; ``flagged[i]`` says that interval
    *i* starts before an earlier interval of its group has ended.
    """
    order = np.lexsort((start, group))
    g, s, e = group[order], start[order], end[order]
    # Group ids become consecutive so that keyed ends stay within int64 (g is sorted).
    dense = np.zeros(g.size, dtype=np.int64)
    np.cumsum(g[1:] != g[:-1], out=dense[1:])
    keyed_end = dense * _SPAN + e
    running = np.maximum.accumulate(keyed_end)
    positions = np.arange(g.size, dtype=np.int64)
    holder = np.maximum.accumulate(np.where(keyed_end == running, positions, 0))
    flagged = np.zeros(g.size, dtype=np.bool_)
    flagged[1:] = (dense[1:] == dense[:-1]) & (dense[1:] * _SPAN + s[1:] < running[:-1])
    return order, dense, holder, flagged


def overlapping_pairs(group: IntArray, start: IntArray, end: IntArray) -> list[tuple[int, int]]:
    """One pair ``(earlier, later)`` per interval that overlaps an earlier one of its group.

    Intervals are taken by start; *later* overlaps the interval of its group
    reaching furthest so far, which is *earlier*.  A group of n intervals that
    all overlap gives n - 1 pairs, not n(n - 1)/2.  Complexity: O(n log n) in
    numpy, plus O(pairs).
    """
    if group.size < 2:
        return []
    order, _, holder, flagged = _sweep(group, start, end)
    return [(int(order[holder[i - 1]]), int(order[i])) for i in np.flatnonzero(flagged).tolist()]


def overlapping_other(
    group: IntArray, label: IntArray, start: IntArray, end: IntArray
) -> list[tuple[int, int]]:
    """Like :func:`overlapping_pairs`, but *earlier* must have a different *label*.

    For each interval, the earlier interval of its group with another label
    that reaches furthest, if it overlaps.  Only the groups where some
    interval overlaps another are scanned in Python (keeping, per group, the
    furthest-reaching interval and the furthest one of another label), so
    valid data costs O(n log n) in numpy and each flagged group O(its size).
    """
    if group.size < 2:
        return []
    order, dense, _, flagged = _sweep(group, start, end)
    if not flagged.any():
        return []
    busy = np.zeros(int(dense[-1]) + 1, dtype=np.bool_)
    busy[dense[flagged]] = True
    lab, s, e = label[order], start[order], end[order]
    pairs: list[tuple[int, int]] = []
    best = second = -1  # sorted positions: furthest end; furthest end with another label
    current = -1
    for i in np.flatnonzero(busy[dense]).tolist():
        if dense[i] != current:
            current, best, second = int(dense[i]), -1, -1
        other = second if best >= 0 and lab[best] == lab[i] else best
        if other >= 0 and e[other] > s[i]:
            pairs.append((int(order[other]), int(order[i])))
        if best < 0 or e[i] >= e[best]:
            if best >= 0 and lab[best] != lab[i]:
                second = best  # the old best now reaches furthest among the other labels
            best = i
        elif lab[i] != lab[best] and (second < 0 or e[i] > e[second]):
            second = i
    return pairs


def overlap_groups(group: IntArray, start: IntArray, end: IntArray) -> IntArray:
    """Per interval, the number of its cluster: intervals of a group linked by overlaps.

    Sorted by start, a cluster ends where an interval starts at or after the
    furthest end so far.  Complexity: O(n log n) in numpy.
    """
    if group.size == 0:
        return np.empty(0, dtype=np.int64)
    order, _, _, flagged = _sweep(group, start, end)
    cluster = np.cumsum(~flagged) - 1
    out = np.empty(group.size, dtype=np.int64)
    out[order] = cluster
    return out


def coverage_gaps(
    group: IntArray,
    start: IntArray,
    end: IntArray,
    lower: IntArray,
    upper: IntArray,
) -> list[tuple[int, int, int, int]]:
    """Gaps in the coverage of each group's span by its intervals.

    Args:
        group: the group of each interval (a unit index).
        start: interval starts.
        end: interval ends.
        lower: the span start of each group, indexed by group (``MIN_ORD`` =
            open: no gap is reported before the first interval).
        upper: the span end of each group, indexed by group.

    Returns:
        ``(group, gap_start, gap_end, position)`` where *position* is the
        interval that ended when the gap began (``-1`` for a gap at the start).

    Complexity: O(n log n) in numpy, plus O(gaps).
    """
    if group.size == 0:
        return []
    order = np.lexsort((start, group))
    g, s, e = group[order], start[order], end[order]
    keyed_end = g * _SPAN + e
    running = np.maximum.accumulate(keyed_end)
    first = np.ones(g.size, dtype=np.bool_)
    first[1:] = g[1:] != g[:-1]
    last = np.ones(g.size, dtype=np.bool_)
    last[:-1] = g[1:] != g[:-1]
    prev_end = np.empty(g.size, dtype=np.int64)
    prev_end[1:] = running[:-1] - g[1:] * _SPAN
    prev_end[0] = 0
    middle = ~first & (s > prev_end)
    at_start = first & (lower[g] != MIN_ORD) & (s > lower[g])
    cover_end = running - g * _SPAN
    at_end = last & (cover_end < upper[g])
    if not (at_start.any() or middle.any() or at_end.any()):
        return []
    # The interval that ended when a gap began is the last one, in sorted order,
    # that reached the running end so far: every later one reaching it does too.
    positions = np.arange(g.size, dtype=np.int64)
    holder = order[np.maximum.accumulate(np.where(keyed_end == running, positions, 0))]
    gaps = [(int(g[i]), int(lower[g[i]]), int(s[i]), -1) for i in np.flatnonzero(at_start)]
    gaps.extend(
        (int(g[i]), int(prev_end[i]), int(s[i]), int(holder[i - 1]))
        for i in np.flatnonzero(middle).tolist()
    )
    gaps.extend(
        (int(g[i]), int(cover_end[i]), int(upper[g[i]]), int(holder[i]))
        for i in np.flatnonzero(at_end).tolist()
    )
    return gaps
