"""H004: a cycle in any relation on any date.

With a strict level scheme a cycle needs at least one link whose child does
not rank below its parent, so the search starts from those few links: for
each one, walk up from the parent (over the relation's links of all times);
only if the walk reaches the child is there a cycle in the static graph, and
only then are the dates checked, interval by interval, with networkx on the
handful of units involved.  Valid national data costs one vectorised pass.
When many links are suspect (unknown kinds), the static graph is first
peeled down to its cyclic core in numpy and only that core goes to
networkx's strongly-connected-components search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from thidua._graph import CSR, IntArray
from thidua.hierarchy._checks._context import Context, show

_MAX_SEEDS = 500  # above this, one strongly-connected-components pass is cheaper

if TYPE_CHECKING:
    import networkx as nx


def check_cycles(ctx: Context) -> None:
    """Report each cycle once, with the first date it exists."""
    h = ctx.hierarchy
    child, parent, rel, _, _, _ = h.link_arrays()
    rank = h.lifetime_arrays().rank
    eff_start, eff_end, live = ctx.effective_links
    n = len(h)
    for code, relation in enumerate(h.relations):
        idx = np.nonzero(live & (rel == code))[0]
        if idx.size == 0:
            continue
        c, p = child[idx], parent[idx]
        suspect = (rank[c] < 0) | (rank[p] < 0) | (rank[c] <= rank[p])
        seeds = np.nonzero(suspect)[0]
        if seeds.size == 0:
            continue
        nodes = _cycle_candidates(n, c, p, seeds)
        if not nodes:
            continue
        sub = np.nonzero(np.isin(c, list(nodes)) & np.isin(p, list(nodes)))[0]
        _report_dated_cycles(ctx, relation, idx[sub], c[sub], p[sub], eff_start, eff_end)


def _cycle_candidates(n: int, c: IntArray, p: IntArray, seeds: IntArray) -> set[int]:
    """Units on some cycle of the static (all-dates) graph child → parent."""
    if seeds.size > _MAX_SEEDS:
        import networkx as nx  # noqa: PLC0415 - heavy, and needed only on a suspect graph

        c, p = _peel(n, c, p)
        graph: nx.DiGraph[int] = nx.DiGraph()
        graph.add_edges_from(zip(c.tolist(), p.tolist(), strict=True))
        out: set[int] = set()
        for comp in nx.strongly_connected_components(graph):
            if len(comp) > 1 or any(graph.has_edge(u, u) for u in comp):
                out.update(comp)
        return out
    up = CSR.from_edges(n, c, p)
    out = set()
    for s in seeds.tolist():
        child_, parent_ = int(c[s]), int(p[s])
        if child_ == parent_:
            out.add(child_)
            continue
        reached = up.reach(np.array([parent_], dtype=np.int64), n)
        if child_ in set(reached.tolist()):
            # Every unit reached from the parent that can also reach the child
            # may be on the cycle; networkx narrows it down later.
            out.update(reached.tolist())
            out.update((child_, parent_))
    return out


_PEEL_ROUNDS = 64
"""Rounds of :func:`_peel` before the rest goes to networkx as it is."""


def _peel(n: int, c: IntArray, p: IntArray) -> tuple[IntArray, IntArray]:
    """The edges left once units without a child or without a parent are peeled off, repeatedly.

    Such a unit is on no cycle, so the strongly connected components of more
    than one unit (and the self-links) are the same in what is left, which
    for a hierarchy with a few cycles is a small graph: each round is one
    numpy pass, and a tree is peeled in as many rounds as it has levels.
    """
    for _ in range(_PEEL_ROUNDS):
        inner = (np.bincount(c, minlength=n) > 0) & (np.bincount(p, minlength=n) > 0)
        keep = inner[c] & inner[p]
        if keep.all():
            break
        c, p = c[keep], p[keep]
    return c, p


def _report_dated_cycles(
    ctx: Context,
    relation: str,
    positions: IntArray,
    c: IntArray,
    p: IntArray,
    eff_start: IntArray,
    eff_end: IntArray,
) -> None:
    h = ctx.hierarchy
    s, e = eff_start[positions], eff_end[positions]
    days = [ctx.on] if ctx.on is not None else np.unique(s).tolist()
    link_pos = h.link_arrays().position
    seen: set[frozenset[int]] = set()
    for day in days:
        active = (s <= day) & (day < e)
        if not active.any():
            continue
        import networkx as nx  # noqa: PLC0415 - heavy, and needed only when there is a cycle

        graph: nx.DiGraph[int] = nx.DiGraph()
        graph.add_edges_from(zip(c[active].tolist(), p[active].tolist(), strict=True))
        for cycle in nx.simple_cycles(graph):
            key = frozenset(cycle)
            if key in seen:
                continue
            seen.add(key)
            ids = [h.ids[u] for u in cycle]
            names = " → ".join(ctx.label(u) for u in [*ids, ids[0]])
            on_cycle = active & (c == cycle[0]) & (p == cycle[1 % len(cycle)])
            link = h.dataset.links[int(link_pos[positions[np.nonzero(on_cycle)[0][0]]])]
            ctx.add(
                "H004",
                f"{relation} links form a cycle from {show(day)}: {names}",
                subject=ids[0],
                source=link.source,
            )
