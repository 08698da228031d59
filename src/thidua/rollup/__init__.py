"""Roll-ups: totals of every unit from the figures of the units below, as it was or restated.

:func:`roll_up` turns reported figures into totals at every level of the
hierarchy, by each indicator's rule (sum, stock, ratio, distinct, mean, min,
max), along the structure as it was when each figure was reported or
restated onto one day's structure through lineage.  :func:`roll_up_groups`
totals emulation clusters and blocks and ranks their members;
:func:`compare_relations` checks that two relations give the same grand
totals.  See ``docs/rollup.md``.

Examples:
    >>> from thidua import Hierarchy
    >>> from thidua.figures import Figure, Figures
    >>> from thidua.periods import Period
    >>> from thidua.testing import tiny_dataset
    >>> h = Hierarchy(tiny_dataset())
    >>> y = Period.year(2024)
    >>> figs = Figures.from_records([
    ...     Figure(unit="G1", indicator="workers_conferences_held", period=y, value=1),
    ...     Figure(unit="G1", indicator="workers_conferences_due", period=y, value=2),
    ...     Figure(unit="G2", indicator="workers_conferences_held", period=y, value=9),
    ...     Figure(unit="G2", indicator="workers_conferences_due", period=y, value=10),
    ... ])
    >>> r = roll_up(h, figs, y)
    >>> round(r.value("D1", "workers_conference_rate"), 1)
    83.3

.. versionadded:: 0.1.0
"""

from thidua.rollup._compare import RelationDifference, compare_relations
from thidua.rollup._engine import REPORTING_KINDS, roll_up
from thidua.rollup._groups import GroupRank, GroupRow, GroupTotals, roll_up_groups
from thidua.rollup._layout import Flag
from thidua.rollup._records import (
    Basis,
    Contribution,
    Coverage,
    Discrepancy,
    RollUpRow,
)
from thidua.rollup._result import RollUp

__all__ = [
    "REPORTING_KINDS",
    "Basis",
    "Contribution",
    "Coverage",
    "Discrepancy",
    "Flag",
    "GroupRank",
    "GroupRow",
    "GroupTotals",
    "RelationDifference",
    "RollUp",
    "RollUpRow",
    "compare_relations",
    "roll_up",
    "roll_up_groups",
]
