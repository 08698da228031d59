"""The records of a roll-up: rows, coverage, contributions, discrepancies, and its state.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum

import attrs
import numpy as np
import numpy.typing as npt
import pendulum

from thidua._graph import BoolArray, IntArray
from thidua.figures import Figure, Figures
from thidua.hierarchy import Hierarchy, Relation, Snapshot
from thidua.periods import Period
from thidua.problems import Report
from thidua.rollup._layout import FlagArray, FloatArray, Layout
from thidua.rollup._rows import Rows
from thidua.rollup._totals import Totals

__all__ = ["Basis", "Contribution", "Coverage", "Discrepancy", "RollUpRow", "State"]


class Basis(enum.Enum):
    """Which structure figures roll up along.

    * ``AS_WAS``: each figure along the structure of the last day of its own period.
    * ``RESTATED``: every figure along the structure of one day (``restate_to``),
      figures of units ended by then carried to their successors with the shares.

    Examples:
        >>> Basis("restated")
        <Basis.RESTATED: 'restated'>
    """

    AS_WAS = "as_was"
    RESTATED = "restated"


@attrs.frozen(kw_only=True)
class RollUpRow:
    """One unit and indicator of a roll-up.

    Attributes:
        unit: the unit id.
        name: its name on the roll-up day.
        kind: its kind.
        rank: its rank in the level scheme (-1 for an unknown kind).
        indicator: the indicator code.
        value: the total (NaN when no figure reached the unit, or see *flags*).
        expected: units of the reporting kinds at or below it on the roll-up day.
        reported: how many of those reported the indicator in the period.
        flags: why a value is NaN or partial (``zero_denominator``,
            ``zero_weight``, ``missing_weight``).

    Examples:
        >>> RollUpRow(unit="HN", name="LĐLĐ Hà Nội", kind="provincial", rank=1,
        ...           indicator="members", value=10.0, expected=2, reported=1).flags
        ()
    """

    unit: str
    name: str
    kind: str
    rank: int
    indicator: str
    value: float
    expected: int
    reported: int
    flags: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Coverage:
    """Who reported an indicator below a unit.

    Attributes:
        unit: the unit asked about.
        indicator: the indicator code.
        expected: units of the reporting kinds at or below it on the roll-up day.
        reported: how many of them have a figure of the indicator in the period.
        missing: the ids of the others, in index order.

    Examples:
        >>> Coverage(unit="D1", indicator="x", expected=2, reported=1, missing=("G2",)).missing
        ('G2',)
    """

    unit: str
    indicator: str
    expected: int
    reported: int
    missing: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Contribution:
    """A figure that went into a total, with the lineage share applied to it.

    Attributes:
        figure: the figure as stored.
        share: the share applied (1.0 as-was; the lineage share of a sum, stock
            or mean weight when restated; 1.0 for distinct, min and max figures).
        unit: the unit the figure rolled up along (its successor when restated).

    Examples:
        >>> from thidua.periods import Period
        >>> f = Figure(unit="G1", indicator="new_members", period=Period.year(2024), value=12)
        >>> Contribution(figure=f, share=1.0, unit="G1").share
        1.0
    """

    figure: Figure
    share: float
    unit: str


@attrs.frozen(kw_only=True)
class Discrepancy:
    """A reported total that differs from the roll-up beyond the tolerance.

    Attributes:
        unit: the unit that reported the total.
        indicator: the indicator code.
        period: the period of the roll-up (and of the reported figure).
        reported: the reported total.
        computed: the roll-up's total (0 for a sum, stock or distinct count
            that no figure reached).
        difference: ``reported - computed``.
        source: the report the total came from.

    Examples:
        >>> from thidua.periods import Period
        >>> Discrepancy(unit="D1", indicator="x", period=Period.year(2024), reported=45.0,
        ...             computed=42.0, difference=3.0, source=None).difference
        3.0
    """

    unit: str
    indicator: str
    period: Period
    reported: float
    computed: float
    difference: float
    source: str | None = None


@attrs.frozen(kw_only=True, eq=False)
class State:
    """Everything :func:`~thidua.rollup.roll_up` computed (private to the package)."""

    hierarchy: Hierarchy
    figures: Figures
    layout: Layout
    period: Period
    basis: Basis
    day: pendulum.Date
    relation: Relation
    rows: IntArray
    values: FloatArray
    flags: FlagArray
    totals: Totals
    coverage: npt.NDArray[np.int32]
    reported_units: BoolArray
    expected_units: BoolArray
    placed: Rows
    snapshots: tuple[Snapshot, ...]
    day_snapshot: Snapshot
    excluded: int
    problems: Report
    discrepancies: tuple[Discrepancy, ...]
    unplaced: IntArray
