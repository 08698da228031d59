"""The references between tables, checked from the declarations.

Each :class:`~thidua.io._schema.Reference` of :data:`~thidua.io._schema.TABLES`
(``links.child → units.id``, ``group_members.group → groups.id`` …) names
a column whose values must be ids of another table.  :func:`unknown_references`
finds the values that are not, for every declared reference at once, from
the columns when the dataset was read from tables (no record is built for
units or links).  It finds; it does not word problems: the checks that
report them (``H002`` for links, ``H014`` for roots, the group and event
codes) keep their own messages.

Examples:
    >>> from thidua.hierarchy import Dataset, Link, Unit
    >>> ds = Dataset(units=[Unit(id="A", name="a", kind="district")],
    ...              links=[Link(child="A", parent="X")], roots=["Z"])
    >>> [(str(u.reference), u.position, u.value) for u in unknown_references(ds)]
    [('links.parent → units.id', 0, 'X'), ('roots.unit → units.id', 0, 'Z')]

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs

from thidua.hierarchy import Dataset
from thidua.io._schema import TABLES, Reference

__all__ = ["UnknownReference", "column_values", "unknown_references"]


@attrs.frozen(kw_only=True)
class UnknownReference:
    """A value of a referring column that names no row of its target table.

    Attributes:
        reference: the declared reference.
        position: the row's position in the dataset's sequence of that table.
        value: the id that is not found.
    """

    reference: Reference
    position: int
    value: str


def column_values(dataset: Dataset, table: str, column: str) -> Sequence[object]:
    """The values of one column of a hierarchy table, one per record (lists stay lists).

    Examples:
        >>> from thidua.testing import tiny_dataset
        >>> column_values(tiny_dataset(), "links", "child")[:2]
        ['HN', 'D1']
    """
    if table == "units":
        return list(getattr(dataset.unit_columns(), column))
    if table == "links":
        return list(getattr(dataset.link_columns(), column))
    if table == "roots":
        return list(dataset.roots)
    records = {
        "groups": dataset.groups,
        "group_members": dataset.members,
        "events": dataset.events,
    }[table]
    return [getattr(r, column) for r in records]


def unknown_references(dataset: Dataset) -> Iterator[UnknownReference]:
    """Every value of a declared reference that names no row of its target, table by table.

    Empty (``None``) values are not references.  List columns (an event's
    ``originals``) give one entry per unknown item.
    """
    known: dict[tuple[str, str], frozenset[object]] = {}
    for declaration in TABLES.values():
        for reference in declaration.references:
            target = (reference.target_table, reference.target_column)
            if target not in known:
                known[target] = frozenset(column_values(dataset, *target))
            ids = known[target]
            values = column_values(dataset, reference.table, reference.column)
            for position, value in enumerate(values):
                items = value if isinstance(value, tuple | list) else (value,)
                for item in items:
                    if item is not None and item not in ids:
                        yield UnknownReference(
                            reference=reference, position=position, value=str(item)
                        )
