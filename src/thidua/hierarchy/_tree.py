"""The indented tree of a snapshot, shared by ``thidua tree`` and :meth:`Snapshot.print_tree`.

The rendering is iterative (no recursion, so a chain of any depth renders) and
linear: the number of units below each unit is computed once, bottom-up, for
the parts of the structure where every unit has one parent in the relation.
A unit with several parents (a union of relations) is listed under each parent
but its own subtree is expanded once; units on or below a cycle of links are
shown after the roots, under a line that names the cycle.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

import numpy as np

from thidua._graph import CSR, BoolArray
from thidua.errors import InvalidArgumentError, UnknownNameError
from thidua.values import format_number_vi

if TYPE_CHECKING:
    from thidua.hierarchy._snapshot import Relation, Snapshot

__all__ = ["Numbers", "number_formatter", "relation_label", "render_tree"]

Numbers = Literal["vi", "plain"]
"""How counts and values are written: ``"vi"`` (``12.925``) or ``"plain"`` (``12925``)."""

# Past this level the indentation stops growing and the level is written out,
# so that the text of a pathological chain stays linear in its length.
_MAX_INDENT = 40
_CYCLE_NAMES_SHOWN = 12


def number_formatter(numbers: Numbers) -> Callable[[int], str]:
    """The function writing a count in the style *numbers*.

    Examples:
        >>> number_formatter("vi")(12925), number_formatter("plain")(12925)
        ('12.925', '12925')
    """
    styles: dict[str, Callable[[int], str]] = {"vi": format_number_vi, "plain": str}
    if numbers not in styles:
        raise UnknownNameError("number style", numbers, styles)
    return styles[numbers]


def relation_label(relation: Relation) -> str:
    """A relation argument as text: ``admin``, ``admin+guidance`` or ``all``.

    Examples:
        >>> relation_label("admin"), relation_label(["admin", "guidance"]), relation_label(None)
        ('admin', 'admin+guidance', 'all')
    """
    if relation is None:
        return "all"
    return relation if isinstance(relation, str) else "+".join(relation)


class _Walk:
    """The arrays and bottom-up counts one rendering needs (built once)."""

    def __init__(self, snapshot: Snapshot, relation: Relation, fmt: Callable[[int], str]) -> None:
        self.snapshot = snapshot
        self.fmt = fmt
        hierarchy = snapshot.hierarchy
        self.n = n = len(hierarchy)
        self.ids = hierarchy.ids
        child, parent = snapshot.edges(relation)
        self.down = CSR.from_edges(n, parent, child)
        self.up = CSR.from_edges(n, child, parent)
        self.mask = snapshot.mask()
        self.n_parents: list[int] = np.bincount(child, minlength=n).tolist()
        self.indptr: list[int] = self.down.indptr.tolist()
        self.indices: list[int] = self.down.indices.tolist()
        self.below, self.exact = self._count_below()

    def children(self, node: int) -> list[int]:
        return self.indices[self.indptr[node] : self.indptr[node + 1]]

    def _count_below(self) -> tuple[list[int], list[bool]]:
        """Units below each unit, children before parents (Kahn's order from the leaves).

        ``exact[v]`` is false where the sum over children would count a unit
        twice (a unit with several parents below *v*) or where *v* is on or
        below a cycle (never reached from the leaves); those counts are taken
        from a breadth-first reach when the unit is shown.
        """
        n = self.n
        below = [0] * n
        exact = [False] * n
        pending: list[int] = np.diff(self.down.indptr).tolist()
        up_ptr: list[int] = self.up.indptr.tolist()
        up_idx: list[int] = self.up.indices.tolist()
        in_view: list[bool] = self.mask.tolist()
        ready = [v for v in range(n) if in_view[v] and pending[v] == 0]
        while ready:
            v = ready.pop()
            total, single = 0, True
            for c in self.children(v):
                total += below[c] + 1
                single = single and exact[c] and self.n_parents[c] == 1
            below[v], exact[v] = total, single
            for p in up_idx[up_ptr[v] : up_ptr[v + 1]]:
                pending[p] -= 1
                if pending[p] == 0:
                    ready.append(p)
        return below, exact

    def count_below(self, node: int) -> int:
        if self.exact[node]:
            return self.below[node]
        return int(self.down.reach(np.array([node], dtype=np.int64), self.n).size)

    def label(self, node: int) -> str:
        uid = self.ids[node]
        return f"{self.snapshot.name(uid)} [{uid}]"

    def render(self, start: int, depth: int | None, lines: list[str]) -> None:
        """Append the lines of *start* and the units below it, down to *depth* levels."""
        on_path: set[int] = set()
        expanded: set[int] = set()
        # A stack of (node, level); a negative entry ~node closes node's subtree.
        stack: list[tuple[int, int]] = [(start, 0)]
        while stack:
            node, level = stack.pop()
            if node < 0:
                on_path.discard(~node)
                continue
            indent = "  " * min(level, _MAX_INDENT)
            if level > _MAX_INDENT:
                indent += f"(level {self.fmt(level)}) "
            if node in on_path:
                lines.append(f"{indent}↻ {self.label(node)} (cycle: listed above)")
                continue
            kind = self.snapshot.kind(self.ids[node])
            if node in expanded:
                lines.append(f"{indent}{self.label(node)} {kind} (listed above)")
                continue
            children = self.children(node)
            counts = ""
            if children:
                plural = "child" if len(children) == 1 else "children"
                below = self.count_below(node)
                counts = f" · {self.fmt(len(children))} {plural}, {self.fmt(below)} below"
            lines.append(f"{indent}{self.label(node)} {kind}{counts}")
            if not children or (depth is not None and level >= depth):
                continue
            expanded.add(node)
            on_path.add(node)
            stack.append((~node, level))
            stack.extend((c, level + 1) for c in reversed(children))

    def reached(self, starts: list[int]) -> BoolArray:
        seeds = np.asarray(starts, dtype=np.int64)
        out = np.zeros(self.n, dtype=np.bool_)
        out[seeds] = True
        out[self.down.reach(seeds, self.n)] = True
        return out

    def cycle_from(self, node: int) -> list[int]:
        """Follow first parents up from *node* (which no root reaches) until a unit repeats."""
        up_ptr, up_idx = self.up.indptr, self.up.indices
        order: dict[int, int] = {}
        while node not in order:
            order[node] = len(order)
            node = int(up_idx[up_ptr[node]])
        path = list(order)
        return path[order[node] :]


def render_tree(
    snapshot: Snapshot,
    *,
    root: str | None = None,
    depth: int | None = None,
    relation: Relation = "admin",
    numbers: Numbers = "vi",
) -> str:
    """The snapshot as an indented tree: name, id, kind and counts below each unit.

    Args:
        snapshot: the structure of a day.
        root: start from this unit (default: every root of the relation).
        depth: levels shown below each root (default: all); 0 shows the roots only.
        relation: the relation followed (a name, names for their union, ``None`` for all).
        numbers: ``"vi"`` writes counts as ``6.349``, ``"plain"`` as ``6349``.

    Returns:
        The text, one unit a line, ending with the number of units by kind.
        Units on or below a cycle of links (invalid data, reported by
        :func:`thidua.validate` as H004) are listed after the roots, under a
        line naming the units on the cycle.

    Raises:
        UnknownUnitError: *root* is not in the snapshot.
        UnknownNameError: the relation is not in the hierarchy.
        InvalidArgumentError: *depth* is negative.

    Notes:
        Complexity: O(units + links) where each unit has one parent in the
        relation; a unit below which some unit has several parents has its
        count taken by a breadth-first reach when it is shown.

    Examples:
        >>> from thidua import Hierarchy
        >>> from thidua.testing import tiny_dataset
        >>> print(render_tree(Hierarchy(tiny_dataset()).as_of("2025-07-01"), depth=1), end="")
        Structure on 2025-07-01 (admin): 6 units
        Tổng Liên đoàn Lao động Việt Nam [TLD] central · 1 child, 5 below
          Liên đoàn Lao động thành phố Hà Nội [HN] provincial · 2 children, 4 below
        Units by kind: central 1, provincial 1, commune 1, grassroots 3
    """
    if depth is not None and depth < 0:
        msg = f"depth must be 0 or more, got {depth}"
        raise InvalidArgumentError(msg)
    fmt = number_formatter(numbers)
    if root is not None:
        snapshot.unit(root)
    walk = _Walk(snapshot, relation, fmt)
    label = relation_label(relation)
    lines = [f"Structure on {snapshot.date.isoformat()} ({label}): {fmt(len(snapshot))} units"]
    if root is not None:
        walk.render(snapshot.hierarchy.index_of(root), depth, lines)
    else:
        has_parent = np.asarray(walk.n_parents) > 0
        roots = np.flatnonzero(walk.mask & ~has_parent).tolist()
        for r in roots:
            walk.render(r, depth, lines)
        _render_cycles(walk, roots, depth, lines, label)
    kinds = Counter(snapshot.kind(u) for u in snapshot)
    order = {kind: i for i, kind in enumerate(snapshot.hierarchy.dataset.scheme.kinds)}
    listed = sorted(kinds, key=lambda k: (order.get(k, len(order)), k))
    lines.append("Units by kind: " + ", ".join(f"{k} {fmt(kinds[k])}" for k in listed))
    return "\n".join(lines) + "\n"


def _render_cycles(
    walk: _Walk, roots: list[int], depth: int | None, lines: list[str], label: str
) -> None:
    """List the units no root reaches: each group under a line naming its cycle."""
    reached = walk.reached(roots) if roots else np.zeros(walk.n, dtype=np.bool_)
    left = walk.mask & ~reached
    missing = int(left.sum())
    if not missing:
        return
    lines.append(
        f"{walk.fmt(missing)} unit(s) below are on or under a cycle of {label} links and have "
        "no root (run 'thidua validate'):"
    )
    while left.any():
        cycle = walk.cycle_from(int(np.argmax(left)))
        names = [walk.label(c) for c in cycle[:_CYCLE_NAMES_SHOWN]]
        more = len(cycle) - len(names)
        tail = f" → … {more} more" if more else ""
        lines.append(f"Cycle: {' → '.join(names)}{tail} → {walk.label(cycle[0])}")
        walk.render(cycle[0], depth, lines)
        left &= ~walk.reached([cycle[0]])
