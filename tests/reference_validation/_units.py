"""Checks on unit records: ids, kinds, names, lifetimes, declared roots."""

from __future__ import annotations

from collections import Counter

from tests.reference_validation._context import Context


def check_units(ctx: Context) -> None:
    """H001 duplicate ids, H003 unknown kinds, H013 missing names, H009 lifetimes, H014 roots."""
    dataset = ctx.hierarchy.dataset
    scheme = dataset.scheme
    counts = Counter(u.id for u in dataset.units)
    seen: set[str] = set()
    for unit in dataset.units:
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
        if unit.kind not in scheme:
            ctx.add(
                "H003",
                f"unit {unit.id!r} ({unit.name}) has kind {unit.kind!r}, which the level "
                f"scheme {scheme.name!r} does not define (known: {', '.join(scheme.kinds)})",
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
        if (
            unit.founded is not None
            and unit.dissolved is not None
            and unit.dissolved <= unit.founded
        ):
            ctx.add(
                "H009",
                f"unit {unit.id!r} ({unit.name}) is dissolved on {unit.dissolved.isoformat()}, "
                f"not after its founding on {unit.founded.isoformat()}",
                subject=unit.id,
                source=unit.source,
                field="dissolved",
            )
    for root in dataset.roots:
        if root not in ctx.hierarchy:
            ctx.add("H014", f"declared root {root!r} is not a unit", subject=root)
