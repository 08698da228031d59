"""Checks on unit records: ids, kinds, names, lifetimes, declared roots.

The faulty rows are found over the unit columns
(:func:`~thidua.hierarchy._checks._context.unit_columns`);
a record is read, and a problem built, for those rows only, in row order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from thidua._dates import MAX_ORD, MIN_ORD
from thidua._text import nul_joined
from thidua.hierarchy._checks._context import Context
from thidua.hierarchy._records import Unit


def check_units(ctx: Context) -> None:
    """H001 duplicate ids, H003 unknown kinds, H013 missing names, H009 lifetimes, H014 roots."""
    dataset = ctx.hierarchy.dataset
    cols = ctx.units
    scheme = dataset.scheme
    faulty: set[int] = set()
    counts: Counter[str] = Counter()
    if len(cols.ids) != len(ctx.hierarchy):  # some id is used more than once
        counts = Counter(cols.ids)
        faulty.update(i for i, uid in enumerate(cols.ids) if counts[uid] > 1)
    unknown = {kind for kind in set(cols.kinds) if kind not in scheme}
    if unknown:
        faulty.update(i for i, kind in enumerate(cols.kinds) if kind in unknown)
    if _some_blank(cols.names):
        faulty.update(i for i, name in enumerate(cols.names) if not name.strip())
    reversed_ = (
        (cols.founded != MIN_ORD) & (cols.dissolved != MAX_ORD) & (cols.dissolved <= cols.founded)
    )
    faulty.update(np.flatnonzero(reversed_).tolist())
    seen: set[str] = set()
    units = dataset.units
    for row in sorted(faulty):
        _check_unit(ctx, units[row], counts, seen)
    for root in dataset.roots:
        if root not in ctx.hierarchy:
            ctx.add("H014", f"declared root {root!r} is not a unit", subject=root)


def _check_unit(ctx: Context, unit: Unit, counts: Counter[str], seen: set[str]) -> None:
    """Every problem of one unit record, in the order of the checks."""
    if counts[unit.id] > 1:
        if unit.id in seen:
            ctx.add(
                "H001",
                f"unit id {unit.id!r} is used {counts[unit.id]} times; this copy "
                f"({unit.name}) is ignored in favour of the first",
                subject=unit.id,
                source=unit.source,
                field="id",
            )
        seen.add(unit.id)
    if unit.kind not in ctx.hierarchy.dataset.scheme:
        ctx.add(
            "H003",
            f"unit {unit.id!r} ({unit.name}) has kind {unit.kind!r}, which the level "
            f"scheme {ctx.hierarchy.dataset.scheme.name!r} does not define "
            f"(known: {', '.join(ctx.hierarchy.dataset.scheme.kinds)})",
            subject=unit.id,
            source=unit.source,
            field="kind",
        )
    if not unit.name.strip():
        ctx.add(
            "H013",
            f"unit {unit.id!r} has no name",
            subject=unit.id,
            source=unit.source,
            field="name",
        )
    if unit.founded is not None and unit.dissolved is not None and unit.dissolved <= unit.founded:
        ctx.add(
            "H009",
            f"unit {unit.id!r} ({unit.name}) is dissolved on {unit.dissolved.isoformat()}, "
            f"not after its founding on {unit.founded.isoformat()}",
            subject=unit.id,
            source=unit.source,
            field="dissolved",
        )


_BLANK = re.compile(r"(?:^|\x00)\s*(?:\x00|$)")


def _some_blank(names: Sequence[str]) -> bool:
    """Whether some name is empty or whitespace only (one search over the names joined).

    Examples:
        >>> _some_blank(["Hà Nội", "Ba Đình"]), _some_blank(["Hà Nội", " "]), _some_blank([])
        (False, True, False)
    """
    joined = nul_joined(names)
    if joined is None:  # no name, or one holding NUL itself: look at each
        return any(not name.strip() for name in names)
    return _BLANK.search(joined) is not None
