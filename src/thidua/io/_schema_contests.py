"""The declarations of the contests tables (see :mod:`thidua.io._domain`).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from thidua.io._schema import TableDeclaration

__all__ = ["CHECK", "DECLARATIONS"]

DECLARATIONS: tuple[TableDeclaration, ...] = ()
"""The tables, in the order they are written."""

CHECK: str | None = None
"""The ``"module:function"`` that checks these tables in a workspace (``(workspace) -> Report``)."""
