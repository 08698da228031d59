"""Deprecated 0.1 module: level schemes, now in :mod:`thidua.hierarchy`.

It re-exports the same objects (one definition each) and warns on import.

.. versionadded:: 0.1.0
.. deprecated:: 0.2.0
   Import these names from :mod:`thidua.hierarchy`.
"""

from __future__ import annotations

from thidua._moved import warn_moved
from thidua.hierarchy import (
    MAX_RANK,
    UNION_ALIASES,
    UNION_SCHEME,
    InvalidRankError,
    Level,
    LevelScheme,
    check_rank,
)

__all__ = [
    "MAX_RANK",
    "UNION_ALIASES",
    "UNION_SCHEME",
    "InvalidRankError",
    "Level",
    "LevelScheme",
    "check_rank",
]

warn_moved(__name__)
