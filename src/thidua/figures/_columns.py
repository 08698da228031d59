"""The columns of a figures table: header matching and dictionary-encoded columns.

:data:`FIGURE_COLUMNS` names the fields and their Vietnamese headers;
:func:`_layout` matches a header row against them (``S002``, ``S007``,
``S008``); :class:`_Col` is one input column dictionary-encoded, and
:func:`_recode` / :func:`_compact` map and trim its codes.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt

from thidua._text import nfc
from thidua.figures._store import factorize
from thidua.figures._tables import FIGURES_DECLARATION, headers
from thidua.io import TableSpec, cell_text
from thidua.problems import Pointer, Problem, StructureCode, problem

__all__ = ["FIGURE_COLUMNS"]

FIGURE_COLUMNS: Mapping[str, tuple[str, ...]] = headers(FIGURES_DECLARATION)
"""Each column of a figures table → the Vietnamese headers accepted for it.

Derived from :data:`~thidua.figures.FIGURES_DECLARATION`.
"""

_REQUIRED = frozenset(FIGURES_DECLARATION.required_columns)
_SPEC: TableSpec = FIGURES_DECLARATION.spec
_ORDER = {field: i for i, field in enumerate(FIGURE_COLUMNS)}

IntArray = npt.NDArray[np.signedinteger[Any]]
"""Codes and row numbers: ``int32`` from the columnar reader (half the memory), else ``int64``."""
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@attrs.frozen
class _Col:
    """A dictionary-encoded input column: codes into *uniques*, -1 for missing.

    *arrow* is the same dictionary as a pyarrow string array when the column
    was read by pyarrow (the vectorised cell rules use it).
    """

    codes: IntArray
    uniques: Sequence[Any]
    arrow: Any = None


def _encoded(values: Sequence[object] | npt.NDArray[Any]) -> _Col:
    try:
        codes, uniques = factorize(values)
    except TypeError:  # unhashable cells (lists of keys): as frozensets
        codes, uniques = factorize(
            [frozenset(v) if isinstance(v, list | set | np.ndarray) else v for v in values]
        )
    return _Col(codes.astype(np.int64), uniques)


_Column: TypeAlias = "_Col | FloatArray"


@attrs.frozen(kw_only=True)
class _Layout:
    """Which column holds which field, and the header problems."""

    columns: dict[str, int]
    headers: dict[str, str]
    problems: list[Problem]

    @property
    def complete(self) -> bool:
        return self.columns.keys() >= _REQUIRED


def _layout(raw_headers: Sequence[object], *, file: str | None, sheet: str | None) -> _Layout:
    where = (f"{file} sheet {sheet}" if sheet else file) or "the table"
    base = Pointer(file=file, sheet=sheet, row=1)
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    problems: list[Problem] = []
    for index, raw in enumerate(raw_headers):
        header = nfc(cell_text(raw)).strip()
        field = _SPEC.field_for(header) if header else None
        here = attrs.evolve(base, column=header or f"#{index + 1}")
        if field is None:
            problems.append(
                problem(
                    StructureCode.UNKNOWN_FIELD,
                    f"{where}: unknown column {header!r} ignored "
                    f"(accepted: {', '.join(FIGURE_COLUMNS)} or their Vietnamese names)",
                    pointer=here,
                )
            )
        elif field in columns:
            problems.append(
                problem(
                    StructureCode.DUPLICATE_COLUMN,
                    f"{where}: columns {headers[field]!r} and {header!r} both give "
                    f"{field!r}; the second is ignored",
                    pointer=here,
                )
            )
        else:
            columns[field] = index
            headers[field] = header
    for field in FIGURE_COLUMNS:
        if field in _REQUIRED and field not in columns:
            names = " or ".join(repr(h) for h in _SPEC.headers_for(field))
            problems.append(
                problem(
                    StructureCode.MISSING_REQUIRED_COLUMN,
                    f"{where}: required column {names} is missing; no row was read",
                    pointer=base,
                )
            )
    return _Layout(columns=columns, headers=headers, problems=problems)


def _recode(codes: IntArray, keys: Sequence[Any]) -> tuple[IntArray, list[Any]]:
    """Map codes through per-unique *keys*; a ``None`` key becomes -1 (missing)."""
    if None not in keys and len(set(keys)) == len(keys):
        return codes, list(keys)  # clean ids: the codes stand
    table: dict[Any, int] = {}
    remap = np.full(len(keys) + 1, -1, dtype=np.int32)  # remap[-1]: a missing cell
    for i, key in enumerate(keys):
        if key is not None:
            remap[i] = table.setdefault(key, len(table))
    return remap[codes], list(table)


def _compact(
    codes: IntArray, labels: Sequence[Any]
) -> tuple[npt.NDArray[np.int32], tuple[Any, ...]]:
    """Drop dictionary entries no row uses."""
    used = np.zeros(len(labels), dtype=np.bool_)
    used[codes] = True
    if used.all():
        return codes.astype(np.int32, copy=False), tuple(labels)
    new = (np.cumsum(used) - 1).astype(np.int32)
    return new[codes], tuple(label for label, u in zip(labels, used, strict=True) if u)
