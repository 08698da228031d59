"""Vectorised interval helpers: overlaps within groups, gaps in coverage."""

from __future__ import annotations

import numpy as np

from thidua._dates import MAX_ORD, MIN_ORD
from thidua._graph import IntArray

_SPAN = 2 * MAX_ORD + 2  # larger than any ordinal difference, so keys never mix groups


def overlapping_pairs(group: IntArray, start: IntArray, end: IntArray) -> list[tuple[int, int]]:
    """Pairs ``(earlier, later)`` of positions whose intervals overlap within a group.

    Detection is vectorised (sort, running maximum of the end per group); only
    the flagged intervals are paired in Python, so valid data costs
    O(n log n) in numpy.
    """
    if group.size < 2:
        return []
    order = np.lexsort((start, group))
    g, s, e = group[order], start[order], end[order]
    # Group ids become consecutive so that keyed ends stay within int64.
    _, dense = np.unique(g, return_inverse=True)
    dense = dense.astype(np.int64)
    keyed_end = dense * _SPAN + e
    running = np.maximum.accumulate(keyed_end)
    same = np.zeros(g.size, dtype=np.bool_)
    same[1:] = dense[1:] == dense[:-1]
    flagged = np.zeros(g.size, dtype=np.bool_)
    flagged[1:] = same[1:] & (dense[1:] * _SPAN + s[1:] < running[:-1])
    pairs: list[tuple[int, int]] = []
    for i in np.nonzero(flagged)[0].tolist():
        j = i - 1
        while j >= 0 and dense[j] == dense[i]:
            if e[j] > s[i]:
                pairs.append((int(order[j]), int(order[i])))
            j -= 1
    return pairs


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
    gaps = [(int(g[i]), int(lower[g[i]]), int(s[i]), -1) for i in np.nonzero(at_start)[0]]
    gaps.extend(
        (int(g[i]), int(prev_end[i]), int(s[i]), _ender(order, g, e, i, int(prev_end[i])))
        for i in np.nonzero(middle)[0].tolist()
    )
    for i in np.nonzero(at_end)[0].tolist():
        stop = int(cover_end[i])
        gaps.append((int(g[i]), stop, int(upper[g[i]]), _ender(order, g, e, i + 1, stop)))
    return gaps


def _ender(order: IntArray, g: IntArray, e: IntArray, before: int, stop: int) -> int:
    """The original position of the interval of the same group ending at *stop*."""
    j = before - 1
    while j >= 0 and g[j] == g[before - 1]:
        if e[j] == stop:
            return int(order[j])
        j -= 1
    return -1
