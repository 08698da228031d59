"""Private array helpers for graphs held as index arrays (CSR adjacency).

Units are numbered ``0..n-1``; an edge list is two ``int64`` arrays.  These
helpers keep the hot paths (snapshots, descendants, roll-ups) in numpy.
"""

from __future__ import annotations

import attrs
import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@attrs.frozen
class CSR:
    """Compressed adjacency: the neighbours of node ``i`` are ``indices[indptr[i]:indptr[i+1]]``."""

    indptr: IntArray
    indices: IntArray

    @classmethod
    def from_edges(cls, n: int, source: IntArray, target: IntArray) -> CSR:
        """Adjacency source → target for *n* nodes (order of targets is stable)."""
        order = np.argsort(source, kind="stable")
        counts = np.bincount(source, minlength=n)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        return cls(indptr, target[order].astype(np.int64, copy=False))

    def neighbours(self, node: int) -> IntArray:
        """The neighbours of one node."""
        return self.indices[self.indptr[node] : self.indptr[node + 1]]

    def degree(self) -> IntArray:
        """The out-degree of every node."""
        return np.diff(self.indptr)

    def expand(self, frontier: IntArray) -> IntArray:
        """All neighbours of the nodes in *frontier* (with repeats), vectorised."""
        starts = self.indptr[frontier]
        counts = self.indptr[frontier + 1] - starts
        total = int(counts.sum())
        if total == 0:
            return np.empty(0, dtype=np.int64)
        offsets = np.cumsum(counts) - counts
        picks: IntArray = np.arange(total, dtype=np.int64) + np.repeat(starts - offsets, counts)
        return self.indices[picks]

    def reach(self, seeds: IntArray, n: int) -> IntArray:
        """Nodes reachable from *seeds* (excluded), breadth-first, each once.

        Runs in O(V + E) of the reached part.
        """
        seen = np.zeros(n, dtype=np.bool_)
        seen[seeds] = True
        out: list[IntArray] = []
        frontier = seeds
        while frontier.size:
            nxt = self.expand(frontier)
            nxt = np.unique(nxt[~seen[nxt]]) if nxt.size > 1 else nxt[~seen[nxt]]
            seen[nxt] = True
            if nxt.size:
                out.append(nxt)
            frontier = nxt
        return np.concatenate(out) if out else np.empty(0, dtype=np.int64)


def levels_from_parent(parent: IntArray, mask: BoolArray) -> IntArray:
    """Depth of every masked node in a forest given by a parent array (-1 = root).

    Pointer jumping: O(n log depth).  Unmasked nodes get -1.  Parents outside
    the mask count as absent.  The number of rounds is capped, so a cycle
    (invalid input, reported by validation) cannot hang.
    """
    p = np.where(mask, parent, -1)
    p = np.where((p >= 0) & mask[np.maximum(p, 0)], p, -1)
    d = (p >= 0).astype(np.int64)
    for _ in range(64):
        idx = np.nonzero(p >= 0)[0]
        if idx.size == 0:
            break
        up = p[idx]
        new_d = d.copy()
        new_d[idx] = d[idx] + d[up]
        new_p = p.copy()
        new_p[idx] = p[up]
        d, p = new_d, new_p
    return np.where(mask, d, -1)
