"""Deprecated 0.1 module: reading and writing an indicator catalogue, now in :mod:`thidua.figures`.

It re-exports the same objects (one definition each) and warns on import.

.. versionadded:: 0.1.0
.. deprecated:: 0.2.0
   Import these names from :mod:`thidua.figures`.
"""

from __future__ import annotations

from thidua._moved import warn_moved
from thidua.figures import (
    AGGREGATION_ALIASES,
    INDICATOR_COLUMNS,
    load_catalogue,
    read_indicators_csv,
    write_indicators_csv,
)

__all__ = [
    "AGGREGATION_ALIASES",
    "INDICATOR_COLUMNS",
    "load_catalogue",
    "read_indicators_csv",
    "write_indicators_csv",
]

warn_moved(__name__)
