"""Deprecated 0.1 module: the records of a hierarchy dataset, now in :mod:`thidua.hierarchy`.

It re-exports the same objects (one definition each) and warns on import.

.. versionadded:: 0.1.0
.. deprecated:: 0.2.0
   Import these names from :mod:`thidua.hierarchy`.
"""

from __future__ import annotations

from thidua._moved import warn_moved
from thidua.hierarchy import (
    ADMIN,
    AttributeValue,
    ChangeEvent,
    Dataset,
    EventKind,
    Group,
    GroupKind,
    GroupMember,
    Link,
    LinkColumns,
    RecordView,
    Role,
    RowSources,
    Unit,
    UnitColumns,
)

__all__ = [
    "ADMIN",
    "AttributeValue",
    "ChangeEvent",
    "Dataset",
    "EventKind",
    "Group",
    "GroupKind",
    "GroupMember",
    "Link",
    "LinkColumns",
    "RecordView",
    "Role",
    "RowSources",
    "Unit",
    "UnitColumns",
]

warn_moved(__name__)
