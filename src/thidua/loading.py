"""Load and check an input in one call (0.1's module; the workspace now does the work).

:func:`load` and :func:`check` are :func:`thidua.workspace.load` and
:func:`thidua.workspace.check`: they read a dataset directory, workbook or
JSON/YAML file into a :class:`~thidua.workspace.Workspace` (hierarchy,
indicators, figures) and validate every table.

Examples:
    >>> import thidua
    >>> from thidua.datasets import hanoi_path
    >>> ws = thidua.load(hanoi_path())
    >>> len(ws.units) > 300
    True
    >>> thidua.check(hanoi_path()).report.ok
    True

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   Both return the workspace (figures and indicators included).
"""

from __future__ import annotations

from thidua.workspace import check, load

__all__ = ["check", "load"]
