"""Deprecated 0.1 module: what changed between two days, now in :mod:`thidua.hierarchy`.

It re-exports the same objects (one definition each) and warns on import.

.. versionadded:: 0.1.0
.. deprecated:: 0.2.0
   Import these names from :mod:`thidua.hierarchy`.
"""

from __future__ import annotations

from thidua._moved import warn_moved
from thidua.hierarchy import (
    HierarchyDiff,
    Move,
    Rename,
    diff,
)

__all__ = [
    "HierarchyDiff",
    "Move",
    "Rename",
    "diff",
]

warn_moved(__name__)
