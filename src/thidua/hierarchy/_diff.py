"""What changed in the structure between two dates.

:func:`diff` compares the snapshots of two days: units added and removed,
units whose admin parent changed (moved), units renamed, and the merge,
absorb and split events that took effect in between (``start < date <= end``,
since an event dated *d* is visible in the snapshot of *d*).

Examples:
    >>> from thidua import Hierarchy
    >>> from thidua.testing import tiny_dataset
    >>> d = diff(Hierarchy(tiny_dataset()), "2025-01-01", "2025-07-01")
    >>> d.added, d.removed
    (('W1',), ('D1', 'S1'))
    >>> [(m.unit, m.old_parent, m.new_parent) for m in d.moved]
    [('G1', 'D1', 'W1'), ('G2', 'D1', 'W1'), ('G3', 'D1', 'HN')]

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import pendulum

from thidua._dates import as_date
from thidua.hierarchy._records import ChangeEvent, EventKind
from thidua.typing import DateLike

if TYPE_CHECKING:
    from thidua.hierarchy._index import Hierarchy

__all__ = ["HierarchyDiff", "Move", "Rename", "diff"]


@attrs.frozen(kw_only=True)
class Move:
    """A unit whose admin parent differs between the two dates.

    Examples:
        >>> Move(unit="G1", old_parent="D1", new_parent="W1").new_parent
        'W1'
    """

    unit: str
    old_parent: str | None
    new_parent: str | None


@attrs.frozen(kw_only=True)
class Rename:
    """A unit whose name differs between the two dates."""

    unit: str
    old_name: str
    new_name: str


@attrs.frozen(kw_only=True)
class HierarchyDiff:
    """The changes between *start* and *end* (see :func:`diff`).

    Attributes:
        start: the earlier date.
        end: the later date.
        added: units alive on *end* but not on *start*.
        removed: units alive on *start* but not on *end*.
        moved: units alive on both dates with another admin parent.
        renamed: units alive on both dates with another name.
        merged: merge and absorb events effective in ``(start, end]``.
        split: split events effective in ``(start, end]``.
    """

    start: pendulum.Date
    end: pendulum.Date
    added: tuple[str, ...]
    removed: tuple[str, ...]
    moved: tuple[Move, ...]
    renamed: tuple[Rename, ...]
    merged: tuple[ChangeEvent, ...]
    split: tuple[ChangeEvent, ...]

    @property
    def is_empty(self) -> bool:
        """Whether nothing changed."""
        return not (
            self.added or self.removed or self.moved or self.renamed or self.merged or self.split
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary.

        Examples:
            >>> from thidua import Hierarchy
            >>> from thidua.testing import tiny_dataset
            >>> Hierarchy(tiny_dataset()).diff("2024-01-01", "2024-06-01").to_dict()["renamed"]
            [{'unit': 'G2', 'old_name': 'Công đoàn cơ sở Công ty Hòa Bình', \
'new_name': 'Công đoàn cơ sở Công ty CP Hòa Bình'}]
        """
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "added": list(self.added),
            "removed": list(self.removed),
            "moved": [attrs.asdict(m) for m in self.moved],
            "renamed": [attrs.asdict(r) for r in self.renamed],
            "merged": [_event_dict(e) for e in self.merged],
            "split": [_event_dict(e) for e in self.split],
        }


def _event_dict(event: ChangeEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "kind": event.kind.value,
        "date": event.date.isoformat(),
        "originals": list(event.originals),
        "results": list(event.results),
        "shares": list(event.shares),
        "document": event.document,
    }


def diff(hierarchy: Hierarchy, start: DateLike, end: DateLike) -> HierarchyDiff:
    """Compare the structure on *start* with the structure on *end*.

    Complexity: two snapshots, O(units + links), plus O(events).

    Raises:
        ValueError: *end* is before *start*.

    Examples:
        >>> from thidua import Hierarchy
        >>> from thidua.testing import tiny_dataset
        >>> Hierarchy(tiny_dataset()).diff("2025-07-01", "2026-01-01").is_empty
        True
    """
    d1, d2 = as_date(start), as_date(end)
    if d2 < d1:
        msg = f"diff: end {d2.isoformat()} is before start {d1.isoformat()}"
        raise ValueError(msg)
    s1, s2 = hierarchy.as_of(d1), hierarchy.as_of(d2)
    m1, m2 = s1.mask(), s2.mask()
    ids = hierarchy.ids
    added = tuple(ids[i] for i in np.nonzero(m2 & ~m1)[0])
    removed = tuple(ids[i] for i in np.nonzero(m1 & ~m2)[0])
    both = m1 & m2
    p1, p2 = s1.parent_array(), s2.parent_array()
    moved = tuple(
        Move(
            unit=ids[i],
            old_parent=None if p1[i] < 0 else ids[p1[i]],
            new_parent=None if p2[i] < 0 else ids[p2[i]],
        )
        for i in np.nonzero(both & (p1 != p2))[0]
    )
    renamed: list[Rename] = []
    renamed_units = {
        u for e in hierarchy.dataset.events if e.kind is EventKind.RENAME for u in e.originals
    }
    for uid in sorted(renamed_units, key=lambda u: hierarchy.unit_index.get(u, -1)):
        if uid in s1 and uid in s2:
            old, new = s1.name(uid), s2.name(uid)
            if old != new:
                renamed.append(Rename(unit=uid, old_name=old, new_name=new))
    window = [e for e in hierarchy.dataset.events if d1 < e.date <= d2]
    window.sort(key=lambda e: e.date)
    return HierarchyDiff(
        start=d1,
        end=d2,
        added=added,
        removed=removed,
        moved=moved,
        renamed=tuple(renamed),
        merged=tuple(e for e in window if e.kind in {EventKind.MERGE, EventKind.ABSORB}),
        split=tuple(e for e in window if e.kind is EventKind.SPLIT),
    )
