"""Figures: reported values keyed by (unit, indicator, period), stored in columns.

.. versionadded:: 0.1.0
"""

from thidua.figures._store import Figure, Figures, Scope

__all__ = ["Figure", "Figures", "Scope"]
