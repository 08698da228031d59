"""Public type aliases, typed ids and protocols naming the shapes thidua works with.

The ids of the domain are :func:`typing.NewType` s over :class:`str`
(:data:`UnitId`, :data:`IndicatorCode`, :data:`GroupId`, :data:`EventId`,
:data:`PersonId`, :data:`CampaignId`, :data:`HonourCode`, :data:`AwardId`):
at run time ``UnitId("HN")`` is the string ``"HN"`` itself, while a type
checker keeps a unit id apart from an indicator code.  Every function that
takes a ``str`` id takes a typed one.

thidua's own signatures, parameters and results alike, say ``str``, on
purpose.  A typed id in a parameter would make every caller's plain
``"HN"`` a type error; in a result it would leak into the caller's inferred
types: ``counts = {u: 0 for u in snapshot.children("HN")}`` would be a
``dict[UnitId, int]``, and ``counts["G1"]`` an error under ``mypy --strict``
(dictionary keys are invariant).  Annotate your own code with the typed ids
where keeping kinds of id apart helps; thidua accepts them everywhere.

Examples:
    >>> def show(stage: str, done: int, total: int | None) -> None:
    ...     print(stage, done, total)
    >>> callback: ProgressCallback = show
    >>> callback("units.csv", 10, 100)
    units.csv 10 100
    >>> hn = UnitId("HN")
    >>> hn, type(hn).__name__, hn == "HN"
    ('HN', 'str', True)
    >>> shares: Shares = {UnitId("HK-1"): 0.6, UnitId("HK-2"): 0.4}
    >>> sum(shares.values())
    1.0

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   The typed ids and the aliases built on them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, NewType, Protocol, TypeAlias

if TYPE_CHECKING:
    from thidua.periods import Period

__all__ = [
    "AwardId",
    "CampaignId",
    "DateLike",
    "EventId",
    "FigureKey",
    "GroupId",
    "HonourCode",
    "IndicatorCode",
    "PathLike",
    "PersonId",
    "ProgressCallback",
    "Shares",
    "UnitId",
    "UnitIds",
]

UnitId = NewType("UnitId", str)
"""The id of a unit (đơn vị): ``"HN"``, ``"CDCS-0001"``.

.. versionadded:: 0.2.0
"""

IndicatorCode = NewType("IndicatorCode", str)
"""The code of an indicator (chỉ tiêu): ``"new_members"``.

.. versionadded:: 0.2.0
"""

GroupId = NewType("GroupId", str)
"""The id of an emulation cluster or block (cụm, khối thi đua).

.. versionadded:: 0.2.0
"""

EventId = NewType("EventId", str)
"""The id of a change event (merge, split, move …).

.. versionadded:: 0.2.0
"""

PersonId = NewType("PersonId", str)
"""The id of a person (a union member, an officer).

.. versionadded:: 0.2.0
"""

CampaignId = NewType("CampaignId", str)
"""The id of an emulation campaign (phong trào, đợt thi đua).

.. versionadded:: 0.2.0
"""

HonourCode = NewType("HonourCode", str)
"""The code of an honour in the catalogue (danh hiệu, hình thức khen thưởng).

.. versionadded:: 0.2.0
"""

AwardId = NewType("AwardId", str)
"""The id of one award given (a decision's line).

.. versionadded:: 0.2.0
"""

DateLike: TypeAlias = "dt.date | str"
"""A date given by the user: a :class:`datetime.date` (pendulum or not) or text
in ISO or ``dd/mm/yyyy`` form."""

PathLike: TypeAlias = "str | os.PathLike[str]"
"""A file or directory path."""

UnitIds: TypeAlias = "tuple[UnitId, ...]"
"""Unit ids in order (children, descendants, the units of a roll-up).

.. versionadded:: 0.2.0
"""

Shares: TypeAlias = "Mapping[UnitId, float]"
"""Unit → share: the results of a split or merge, or a unit's successors (summing to 1).

.. versionadded:: 0.2.0
"""

FigureKey: TypeAlias = "tuple[UnitId, IndicatorCode, Period]"
"""What identifies one figure (with its scope and source): unit, indicator, period.

.. versionadded:: 0.2.0
"""


class ProgressCallback(Protocol):
    """Called by long loads: *stage* (e.g. a file name), items done, total if known."""

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        """Report progress."""
