"""Deprecated 0.1 module: indicators and their catalogue, now in :mod:`thidua.figures`.

It re-exports the same objects (one definition each) and warns on import.

.. versionadded:: 0.1.0
.. deprecated:: 0.2.0
   Import these names from :mod:`thidua.figures`.
"""

from __future__ import annotations

from thidua._moved import warn_moved
from thidua.figures import (
    BUILTIN_INDICATORS,
    Aggregation,
    Indicator,
    IndicatorCatalogue,
)

__all__ = [
    "BUILTIN_INDICATORS",
    "Aggregation",
    "Indicator",
    "IndicatorCatalogue",
]

warn_moved(__name__)
