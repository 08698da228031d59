"""Two relations, one total: check that grand totals agree along different trees.

A city federation may be totalled along its districts (``admin``) and along
its sector unions (``guidance``).  Where every unit sits in both trees the two
grand totals must agree; :func:`compare_relations` lists the indicators
where they do not, with both numbers.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import numpy as np

from thidua.figures import BUILTIN_INDICATORS, Aggregation, Figures, IndicatorCatalogue
from thidua.hierarchy import Hierarchy, Relation
from thidua.periods import Period
from thidua.rollup._engine import ROUNDING, roll_up
from thidua.rollup._export import relation_label
from thidua.rollup._records import Basis
from thidua.typing import DateLike

__all__ = ["RelationDifference", "compare_relations"]

_ZERO_IF_NONE = frozenset({Aggregation.SUM, Aggregation.STOCK, Aggregation.DISTINCT})


@attrs.frozen(kw_only=True)
class RelationDifference:
    """A grand total that differs between two relations.

    Attributes:
        root: the unit whose totals were compared.
        indicator: the indicator code.
        relation: the first (reference) relation, as text.
        total: the total along it.
        other_relation: the relation compared with it.
        other_total: the total along that one.
        difference: ``other_total - total``.

    Examples:
        >>> RelationDifference(root="HN", indicator="x", relation="admin", total=5.0,
        ...                    other_relation="guidance", other_total=4.0,
        ...                    difference=-1.0).difference
        -1.0
    """

    root: str
    indicator: str
    relation: str
    total: float
    other_relation: str
    other_total: float
    difference: float


def _same(a: float, b: float, tolerance: float) -> bool:
    if np.isnan(a) or np.isnan(b):
        return bool(np.isnan(a) and np.isnan(b))
    return abs(a - b) <= max(tolerance, ROUNDING * max(abs(a), abs(b)))


def compare_relations(
    hierarchy: Hierarchy,
    figures: Figures,
    period: Period | str,
    relations: Sequence[Relation] = ("admin", "guidance"),
    *,
    root: str,
    indicators: str | Sequence[str] | None = None,
    tolerance: float = 0.0,
    catalogue: IndicatorCatalogue = BUILTIN_INDICATORS,
    basis: Basis | str = Basis.AS_WAS,
    as_of: DateLike | None = None,
    restate_to: DateLike | None = None,
) -> tuple[RelationDifference, ...]:
    """The indicators whose total at *root* differs between relations (beyond *tolerance*).

    Each relation after the first is compared with the first.  A relation
    may be a name, a sequence of names (their union) or ``None`` (all).  A
    sum, stock or distinct count that no figure reached counts as 0; a
    relative difference below ``1e-9`` (float rounding) is not reported.

    Raises:
        UnknownUnitError: *root* is not a unit of the roll-ups.

    Notes:
        Complexity: one :func:`~thidua.rollup.roll_up` per relation.

    Examples:
        >>> from thidua import Dataset, Hierarchy, Link, Unit
        >>> from thidua.figures import Figure, Figures
        >>> units = [Unit(id="HN", name="HN", kind="provincial"),
        ...          Unit(id="D", name="Quận", kind="district"),
        ...          Unit(id="S", name="Ngành", kind="local_sector"),
        ...          Unit(id="A", name="A", kind="grassroots"),
        ...          Unit(id="B", name="B", kind="grassroots")]
        >>> links = [Link(child="D", parent="HN"),
        ...          Link(child="S", parent="HN", relation="guidance"),
        ...          Link(child="A", parent="D"), Link(child="B", parent="D"),
        ...          Link(child="A", parent="S", relation="guidance")]
        >>> h = Hierarchy(Dataset(units=units, links=links))
        >>> figs = Figures.from_columns(unit=["A", "B"], indicator=["initiatives"] * 2,
        ...                             period=["2024"] * 2, value=[3, 4])
        >>> [(d.total, d.other_total) for d in compare_relations(h, figs, "2024", root="HN")]
        [(7.0, 3.0)]
    """
    totals: list[tuple[str, dict[str, float]]] = []
    for relation in relations:
        r = roll_up(
            hierarchy,
            figures,
            period,
            indicators=indicators,
            catalogue=catalogue,
            basis=basis,
            as_of=as_of,
            restate_to=restate_to,
            relation=relation,
            units=[root],
        )
        found: dict[str, float] = {}
        for code in r.indicators:
            value = r.value(root, code)
            if np.isnan(value) and r.aggregation(code) in _ZERO_IF_NONE:
                value = 0.0
            found[code] = value
        totals.append((relation_label(relation), found))
    out: list[RelationDifference] = []
    if not totals:
        return ()
    first_label, first = totals[0]
    for label, other in totals[1:]:
        for code, value in first.items():
            theirs = other.get(code, np.nan)
            if not _same(value, theirs, tolerance):
                out.append(
                    RelationDifference(
                        root=root,
                        indicator=code,
                        relation=first_label,
                        total=value,
                        other_relation=label,
                        other_total=theirs,
                        difference=theirs - value,
                    )
                )
    return tuple(out)
