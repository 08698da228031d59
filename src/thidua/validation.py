"""Deprecated 0.1 module: the checks of a hierarchy dataset, now in :mod:`thidua.hierarchy`.

``thidua.validation.validate`` is :func:`thidua.hierarchy.validate_hierarchy`
(the same function); this module warns on import.

.. versionadded:: 0.1.0
.. deprecated:: 0.2.0
   Use :func:`thidua.hierarchy.validate_hierarchy`, or :func:`thidua.validate`
   for a whole workspace.
"""

from __future__ import annotations

from thidua._moved import warn_moved
from thidua.hierarchy import validate_hierarchy as validate

__all__ = ["validate"]

warn_moved(__name__)
