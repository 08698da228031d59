"""A snapshot's subtree drawn as a tree, and the same subtree on two dates.

The layout is layered, left to right: a unit's depth below the root is its
x, and every unit takes a row of its own, from the top down, each parent
above its children in the order of :meth:`Snapshot.children` (the rows of
``thidua tree``), joined to them by a guide line; labels sit right of their
dot, on their own row, so they never cross a line or another label.  Each
node is a dot coloured by its unit kind (legend: the kinds' Vietnamese
labels), labelled with the unit's name and, when it has any, the
number of units under it (its descendants in the snapshot, all levels, even
those below *depth*).

Artists carry ids (``gid``) for tests and programs: ``node:<unit>`` on each
label (an annotation whose ``xy`` is the node's position), ``kind:<kind>`` on the dots of a kind,
``edges`` and ``moved-edges`` on the links, ``moved`` on the rings of moved
units.

.. versionadded:: 0.4.0
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from thidua._dates import as_date
from thidua.errors import InvalidArgumentError
from thidua.plot._common import (
    FONT,
    KIND_COLOURS,
    axes_for,
    figure_of,
    require,
    style_axes,
    vi_number,
)
from thidua.typing import DateLike

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from thidua.hierarchy import Hierarchy, Snapshot

__all__ = ["before_after", "snapshot_tree"]

MOVED_COLOUR = "#d62728"
"""The colour of moved units' rings and of the links to their parent."""


@attrs.frozen
class _Node:
    unit: str
    parent: str | None
    depth: int
    y: float
    below: int


def _layout(
    snapshot: Snapshot, root: str, depth: int | None, focus: Collection[str] | None
) -> list[_Node]:
    """The nodes of the subtree, parents before children, with their positions."""
    if depth is not None and depth < 0:
        msg = f"depth must be 0 or more, got {depth}"
        raise InvalidArgumentError(msg)
    keep: set[str] | None = None
    if focus is not None:
        keep = {root}
        for unit in focus:
            if unit in snapshot:
                path = snapshot.path_to_root(unit)
                if root in path:
                    keep.update(path[: path.index(root)])
    children: dict[str, tuple[str, ...]] = {}
    below: dict[str, int] = {}

    def walk(unit: str) -> int:
        kids = snapshot.children(unit)
        children[unit] = kids
        below[unit] = sum(1 + walk(k) for k in kids)
        return below[unit]

    walk(root)
    nodes: list[_Node] = []

    def place(unit: str, parent: str | None, level: int) -> None:
        nodes.append(_Node(unit, parent, level, -float(len(nodes)), below[unit]))
        if depth is not None and level >= depth:
            return
        for kid in children[unit]:
            if keep is None or kid in keep:
                place(kid, unit, level + 1)

    place(root, None, 0)
    return nodes


def _kind_colours(snapshot: Snapshot, kinds: Iterable[str]) -> dict[str, str]:
    scheme = snapshot.hierarchy.dataset.scheme
    ranked = sorted(set(kinds), key=lambda k: (scheme.rank(k) if k in scheme.kinds else 99, k))
    order = [lv.kind for lv in sorted(scheme.levels, key=lambda lv: (lv.rank, lv.kind))]
    order += [k for k in ranked if k not in order]
    return {k: KIND_COLOURS[order.index(k) % len(KIND_COLOURS)] for k in ranked}


def _draw(
    ax: Axes,
    snapshot: Snapshot,
    nodes: Sequence[_Node],
    *,
    moved: Collection[str] = (),
    title: str | None = None,
    colours: dict[str, str] | None = None,
) -> None:
    """Draw the laid-out *nodes* of *snapshot* into *ax*."""
    from matplotlib.collections import LineCollection  # noqa: PLC0415
    from matplotlib.lines import Line2D  # noqa: PLC0415

    where = {n.unit: (float(n.depth), n.y) for n in nodes}
    plain: list[list[tuple[float, float]]] = []
    shifted: list[list[tuple[float, float]]] = []
    for n in nodes:
        if n.parent is None:
            continue
        (px, py), (cx, cy) = where[n.parent], where[n.unit]
        elbow = [(px, py), (px, cy), (cx, cy)]
        (shifted if n.unit in moved else plain).append(elbow)
    ax.add_collection(LineCollection(plain, colors="#999999", linewidths=0.8, gid="edges"))
    if shifted:
        ax.add_collection(
            LineCollection(
                shifted, colors=MOVED_COLOUR, linewidths=1.2, linestyles="--", gid="moved-edges"
            )
        )
    scheme = snapshot.hierarchy.dataset.scheme
    kinds = {n.unit: snapshot.kind(n.unit) for n in nodes}
    colours = colours or _kind_colours(snapshot, kinds.values())
    handles = []
    for kind, colour in colours.items():
        points = [where[u] for u, k in kinds.items() if k == kind]
        if not points:
            continue
        xs, ys = zip(*points, strict=True)
        label = scheme.label(kind) if kind in scheme.kinds else kind
        ax.scatter(xs, ys, s=36, color=colour, zorder=3, gid=f"kind:{kind}", label=label)
        handles.append(
            Line2D([], [], marker="o", linestyle="", color=colour, label=f"{label} ({kind})")
        )
    rings = [where[n.unit] for n in nodes if n.unit in moved]
    if rings:
        xs, ys = zip(*rings, strict=True)
        ax.scatter(
            xs, ys, s=110, facecolors="none", edgecolors=MOVED_COLOUR, linewidths=1.5, zorder=4,
            gid="moved",
        )  # fmt: skip
        handles.append(
            Line2D(
                [], [], marker="o", linestyle="--", color=MOVED_COLOUR, markerfacecolor="none",
                label="chuyển đơn vị cấp trên (moved)",
            )
        )  # fmt: skip
    for n in nodes:
        text = snapshot.name(n.unit)
        if n.below:
            text += f" ({vi_number(n.below)})"
        x, y = where[n.unit]
        ax.annotate(
            text, (x, y), xytext=(7, 0), textcoords="offset points", va="center", ha="left",
            fontsize=8, fontfamily=FONT, gid=f"node:{n.unit}",
        )  # fmt: skip
    levels = max(n.depth for n in nodes)
    rows = max(-n.y for n in nodes)
    ax.set_xlim(-0.4, levels + _LABEL)
    ax.set_ylim(-rows - 0.7, 0.7)
    ax.set_axis_off()
    style_axes(ax)
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        prop={"family": FONT, "size": 8},
    )
    if title:
        ax.set_title(title, fontfamily=FONT, fontsize=10, loc="left")


_LABEL = 7.5
"""Room for the labels right of the deepest level, in levels (each about 0.4 inch)."""


def _size(nodes: Sequence[_Node]) -> tuple[float, float]:
    levels = max(n.depth for n in nodes)
    rows = len(nodes)
    return 4.4 + 0.4 * (levels + _LABEL), max(2.5, 0.9 + 0.22 * rows)


def snapshot_tree(
    snapshot: Snapshot,
    root: str,
    *,
    depth: int | None = None,
    focus: Iterable[str] | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Draw the subtree of *root* on the snapshot's day (cây tổ chức tại một ngày).

    Args:
        snapshot: the structure of one day (:meth:`Hierarchy.as_of`).
        root: the unit at the top of the drawing.
        depth: levels drawn below the root (default: all).
        focus: draw only these units and the units between them and the root.
        ax: draw into this Axes (its figure is returned) instead of a new figure.

    Returns:
        The figure.

    Raises:
        MissingExtraError: matplotlib is not installed.
        UnknownUnitError: *root* is not in the snapshot.
        InvalidArgumentError: *depth* is negative.

    Examples:
        >>> from thidua import Hierarchy
        >>> from thidua.testing import tiny_dataset
        >>> s = Hierarchy(tiny_dataset()).as_of("2025-07-01")
        >>> fig = snapshot_tree(s, "HN")
        >>> [t.get_text() for t in fig.axes[0].texts]
        ['Liên đoàn Lao động thành phố Hà Nội (4)', 'Công đoàn phường Kim Liên (2)', \
'Công đoàn cơ sở Trường Tiểu học Kim Liên', 'Công đoàn cơ sở Công ty CP Hòa Bình', \
'Công đoàn Bệnh viện Đống Đa']
    """
    require()
    snapshot.children(root)  # raises UnknownUnitError
    nodes = _layout(snapshot, root, depth, None if focus is None else set(focus))
    figure, axes = axes_for(ax, _size(nodes))
    title = f"{snapshot.name(root)} — {snapshot.date.format('DD/MM/YYYY')}"
    _draw(axes, snapshot, nodes, title=title)
    return figure


def before_after(
    hierarchy: Hierarchy,
    root: str,
    before: DateLike,
    after: DateLike,
    *,
    depth: int | None = None,
    focus: Iterable[str] | None = None,
    ax: Axes | Sequence[Axes] | None = None,
) -> Figure:
    """Draw the subtree of *root* on two dates side by side, moved units marked (trước và sau).

    A unit whose admin parent differs between the two dates
    (:attr:`HierarchyDiff.moved <thidua.hierarchy.HierarchyDiff>`) gets a red
    ring and a dashed red link to its parent, on both sides: the old parent
    on the left, the new one on the right.  Both sides use the same colour
    for a kind.

    Args:
        hierarchy: the dated hierarchy.
        root: the unit at the top of both drawings (alive on both dates).
        before: the earlier date (left).
        after: the later date (right).
        depth: levels drawn below the root (default: all).
        focus: draw only these units and the units between them and the root.
        ax: two Axes to draw into (left, right), or one Axes whose area is
            split into two halves (the Axes itself is hidden); its figure is
            returned.  Default: a new figure with two Axes.

    Returns:
        The figure.

    Raises:
        MissingExtraError: matplotlib is not installed.
        UnknownUnitError: *root* is not alive on one of the dates.
        ValueError: *after* is before *before*.

    Examples:
        >>> from thidua import Hierarchy
        >>> from thidua.testing import tiny_dataset
        >>> fig = before_after(Hierarchy(tiny_dataset()), "HN", "2025-01-01", "2025-07-01")
        >>> left, right = fig.axes
        >>> [t.get_gid() for t in right.texts]
        ['node:HN', 'node:W1', 'node:G1', 'node:G2', 'node:G3']
        >>> right.collections[-1].get_gid(), len(right.collections[-1].get_offsets())
        ('moved', 3)
    """
    require()
    from matplotlib.axes import Axes as MplAxes  # noqa: PLC0415

    first, second = hierarchy.as_of(as_date(before)), hierarchy.as_of(as_date(after))
    first.children(root)
    second.children(root)
    moved = {m.unit for m in hierarchy.diff(before, after).moved}
    wanted = None if focus is None else set(focus)
    left_nodes = _layout(first, root, depth, wanted)
    right_nodes = _layout(second, root, depth, wanted)
    kinds = {first.kind(n.unit) for n in left_nodes} | {second.kind(n.unit) for n in right_nodes}
    colours = _kind_colours(second, kinds)
    if ax is None:
        from matplotlib.figure import Figure  # noqa: PLC0415

        (w1, h1), (w2, h2) = _size(left_nodes), _size(right_nodes)
        figure = Figure(figsize=(w1 + w2, max(h1, h2)), layout="constrained")
        left, right = figure.subplots(1, 2)
    elif isinstance(ax, MplAxes):
        figure = figure_of(ax)
        ax.set_axis_off()
        left = ax.inset_axes((0.0, 0.0, 0.48, 1.0))
        right = ax.inset_axes((0.52, 0.0, 0.48, 1.0))
    else:
        left, right = ax
        figure = figure_of(left)
    for axes, snap, nodes, word in (
        (left, first, left_nodes, "Trước"),
        (right, second, right_nodes, "Sau"),
    ):
        when = snap.date.format("DD/MM/YYYY")
        _draw(axes, snap, nodes, moved=moved, title=f"{word} ({when})", colours=colours)
    return figure
