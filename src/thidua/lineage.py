"""Deprecated 0.1 module: what became of a unit, now in :mod:`thidua.hierarchy`.

It re-exports the same objects (one definition each) and warns on import.

.. versionadded:: 0.1.0
.. deprecated:: 0.2.0
   Import these names from :mod:`thidua.hierarchy`.
"""

from __future__ import annotations

from thidua._moved import warn_moved
from thidua.hierarchy import (
    Lineage,
    LineageStep,
    lineage,
    successors_on,
)

__all__ = [
    "Lineage",
    "LineageStep",
    "lineage",
    "successors_on",
]

warn_moved(__name__)
