"""Public type aliases and protocols naming the shapes thidua works with.

Examples:
    >>> def show(stage: str, done: int, total: int | None) -> None:
    ...     print(stage, done, total)
    >>> callback: ProgressCallback = show
    >>> callback("units.csv", 10, 100)
    units.csv 10 100

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Protocol, TypeAlias

__all__ = ["DateLike", "PathLike", "ProgressCallback"]

DateLike: TypeAlias = "dt.date | str"
"""A date given by the user: a :class:`datetime.date` (pendulum or not) or text
in ISO or ``dd/mm/yyyy`` form."""

PathLike: TypeAlias = "str | os.PathLike[str]"
"""A file or directory path."""


class ProgressCallback(Protocol):
    """Called by long loads: *stage* (e.g. a file name), items done, total if known."""

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        """Report progress."""
