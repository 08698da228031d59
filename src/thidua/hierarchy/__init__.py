"""The dated organisation hierarchy: records, levels, the index, its views and its checks.

The public names of the topic, all importable from here:

* records: :class:`Unit`, :class:`Link`, :class:`Group`, :class:`GroupMember`,
  :class:`ChangeEvent`, :class:`Dataset` and its columns (:class:`UnitColumns`,
  :class:`LinkColumns`);
* level schemes: :class:`Level`, :class:`LevelScheme`, :data:`UNION_SCHEME`,
  :func:`check_rank`;
* the index: :class:`Hierarchy` (``as_of``, ``diff``, ``lineage``) and its
  typed arrays :class:`LinkArrays`, :class:`Lifetimes`;
* one day's structure: :class:`Snapshot`;
* what became of a unit: :func:`lineage`, :func:`successors_on`,
  :class:`Lineage`, :class:`LineageStep`;
* what changed between two days: :func:`diff`, :class:`HierarchyDiff`,
  :class:`Move`, :class:`Rename`;
* the checks of the ``H`` codes: :func:`validate_hierarchy`.

The modules behind these names are private (``_records``, ``_levels``,
``_index``, ``_snapshot``, ``_lineage``, ``_diff``, ``_tree``, ``_frames``,
``_checks``).  Each name is imported from its module on first use (PEP 562),
so that ``from thidua.hierarchy import Dataset`` does not load the index,
networkx or the checks.  The 0.1 modules :mod:`thidua.model`,
:mod:`thidua.levels`, :mod:`thidua.snapshot`, :mod:`thidua.lineage`,
:mod:`thidua.diff` and :mod:`thidua.validation` still work and warn.

Examples:
    >>> from thidua.hierarchy import Hierarchy
    >>> from thidua.testing import tiny_dataset
    >>> Hierarchy(tiny_dataset()).as_of("2025-07-01").parent("G1")
    'W1'

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   A package holding the whole hierarchy topic (it was one module, the index).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thidua._lazy import lazy_face

if TYPE_CHECKING:
    from thidua.hierarchy._checks import validate_hierarchy
    from thidua.hierarchy._diff import HierarchyDiff, Move, Rename, diff
    from thidua.hierarchy._index import HasDataset, Hierarchy, Lifetimes, LinkArrays
    from thidua.hierarchy._levels import (
        MAX_RANK,
        UNION_ALIASES,
        UNION_SCHEME,
        InvalidRankError,
        Level,
        LevelScheme,
        check_rank,
    )
    from thidua.hierarchy._lineage import Lineage, LineageStep, lineage, successors_on
    from thidua.hierarchy._records import (
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
    from thidua.hierarchy._snapshot import Relation, Snapshot
    from thidua.hierarchy._tree import Numbers, render_tree

__all__ = [
    "ADMIN",
    "MAX_RANK",
    "UNION_ALIASES",
    "UNION_SCHEME",
    "AttributeValue",
    "ChangeEvent",
    "Dataset",
    "EventKind",
    "Group",
    "GroupKind",
    "GroupMember",
    "HasDataset",
    "Hierarchy",
    "HierarchyDiff",
    "InvalidRankError",
    "Level",
    "LevelScheme",
    "Lifetimes",
    "Lineage",
    "LineageStep",
    "Link",
    "LinkArrays",
    "LinkColumns",
    "Move",
    "Numbers",
    "RecordView",
    "Relation",
    "Rename",
    "Role",
    "RowSources",
    "Snapshot",
    "Unit",
    "UnitColumns",
    "check_rank",
    "diff",
    "lineage",
    "render_tree",
    "successors_on",
    "validate_hierarchy",
]

# Each public name and the private module that defines it; the imports above
# are for type checkers only.  tests/test_lazy_imports.py keeps the three
# lists (imports, this table, ``__all__``) in step.
_EXPORTS: dict[str, str] = {
    "validate_hierarchy": "thidua.hierarchy._checks",
    "HierarchyDiff": "thidua.hierarchy._diff",
    "Move": "thidua.hierarchy._diff",
    "Rename": "thidua.hierarchy._diff",
    "diff": "thidua.hierarchy._diff",
    "HasDataset": "thidua.hierarchy._index",
    "Hierarchy": "thidua.hierarchy._index",
    "Lifetimes": "thidua.hierarchy._index",
    "LinkArrays": "thidua.hierarchy._index",
    "MAX_RANK": "thidua.hierarchy._levels",
    "UNION_ALIASES": "thidua.hierarchy._levels",
    "UNION_SCHEME": "thidua.hierarchy._levels",
    "InvalidRankError": "thidua.hierarchy._levels",
    "Level": "thidua.hierarchy._levels",
    "LevelScheme": "thidua.hierarchy._levels",
    "check_rank": "thidua.hierarchy._levels",
    "Lineage": "thidua.hierarchy._lineage",
    "LineageStep": "thidua.hierarchy._lineage",
    "lineage": "thidua.hierarchy._lineage",
    "successors_on": "thidua.hierarchy._lineage",
    "ADMIN": "thidua.hierarchy._records",
    "AttributeValue": "thidua.hierarchy._records",
    "ChangeEvent": "thidua.hierarchy._records",
    "Dataset": "thidua.hierarchy._records",
    "EventKind": "thidua.hierarchy._records",
    "Group": "thidua.hierarchy._records",
    "GroupKind": "thidua.hierarchy._records",
    "GroupMember": "thidua.hierarchy._records",
    "Link": "thidua.hierarchy._records",
    "LinkColumns": "thidua.hierarchy._records",
    "RecordView": "thidua.hierarchy._records",
    "Role": "thidua.hierarchy._records",
    "RowSources": "thidua.hierarchy._records",
    "Unit": "thidua.hierarchy._records",
    "UnitColumns": "thidua.hierarchy._records",
    "Relation": "thidua.hierarchy._snapshot",
    "Snapshot": "thidua.hierarchy._snapshot",
    "Numbers": "thidua.hierarchy._tree",
    "render_tree": "thidua.hierarchy._tree",
}

if not TYPE_CHECKING:  # type checkers see the imports above, not a catch-all
    __getattr__, __dir__ = lazy_face(__name__, _EXPORTS, __all__)
