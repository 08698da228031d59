"""A hierarchy dataset from pandas DataFrames of units and (child, parent, from, to) links.

pandas is optional: it is imported when a frame is read, and a missing
install raises :class:`~thidua.errors.MissingExtraError`.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from thidua._dates import as_date
from thidua.errors import MissingExtraError, TextParseError, ThiduaValidationError
from thidua.hierarchy._levels import UNION_SCHEME, LevelScheme
from thidua.hierarchy._records import AttributeValue, Dataset, Link, Unit
from thidua.problems import Pointer, Problem, StructureCode, problem

if TYPE_CHECKING:
    import pandas as pd
    import pendulum

__all__ = ["dataset_from_pandas"]

_UNIT_FIELDS = ("id", "name", "kind", "founded", "dissolved", "short_name")
# Field → the accepted column names, first choice first.
_LINK_COLUMNS = {
    "child": ("child",),
    "parent": ("parent",),
    "relation": ("relation",),
    "valid_from": ("valid_from", "from"),
    "valid_to": ("valid_to", "to"),
}


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import pandas as pd  # noqa: PLC0415

        return False if isinstance(value, str | bytes) else bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):  # array-like cells are not "missing"
        return False


def _scalar(value: object) -> object:
    item = getattr(value, "item", None)  # numpy scalars → Python scalars
    return item() if callable(item) and not isinstance(value, str) else value


class _Rows:
    """Reads the cells of one frame, collecting a problem for each bad one."""

    def __init__(self, name: str, problems: list[Problem]) -> None:
        self.name = name
        self.problems = problems

    def pointer(self, position: int, column: str | None = None) -> Pointer:
        at = Pointer(file=f"{self.name} DataFrame", path=f"iloc[{position}]")
        return at.at(column) if column else at

    def text(self, row: dict[str, Any], column: str, position: int, *, required: bool) -> str:
        value = row.get(column)
        if value is None or _missing(value):
            if required:
                self.problems.append(
                    problem(
                        StructureCode.MISSING_REQUIRED_VALUE,
                        f"{self.name} row {position}: required '{column}' is empty",
                        pointer=self.pointer(position, column),
                    )
                )
            return ""
        return str(_scalar(value)).strip() if column != "name" else str(_scalar(value))

    def date(self, row: dict[str, Any], column: str | None, position: int) -> pendulum.Date | None:
        value = None if column is None else row.get(column)
        if value is None or _missing(value):
            return None
        assert column is not None
        try:
            if isinstance(value, str | dt.date):
                return as_date(value.strip() if isinstance(value, str) else value)
            msg = f"not a date: {value!r}"
            raise TextParseError(str(value), msg)
        except (TextParseError, ValueError) as exc:
            self.problems.append(
                problem(
                    StructureCode.UNREADABLE_DATE,
                    f"{self.name} row {position}: {column}: {exc}",
                    pointer=self.pointer(position, column),
                )
            )
            return None


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [dict(zip(frame.columns, row, strict=True)) for row in frame.itertuples(index=False)]


def _require(name: str, columns: Iterable[str], wanted: Iterable[str]) -> list[Problem]:
    present = set(columns)
    return [
        problem(
            StructureCode.MISSING_REQUIRED_COLUMN,
            f"the {name} DataFrame has no '{c}' column",
            pointer=Pointer(file=f"{name} DataFrame", column=c),
        )
        for c in wanted
        if c not in present
    ]


def dataset_from_pandas(
    units: pd.DataFrame,
    links: pd.DataFrame | None = None,
    *,
    scheme: LevelScheme = UNION_SCHEME,
    roots: Iterable[str] = (),
) -> Dataset:
    """Build a dataset from a units frame and a links frame; see ``Hierarchy.from_pandas``.

    Raises:
        MissingExtraError: pandas is not installed.
        ThiduaValidationError: a required column or value is missing, or a date
            cannot be read (every such problem, with its row).
    """
    try:
        import pandas as pd  # noqa: F401, PLC0415
    except ImportError:
        raise MissingExtraError("pandas", "pandas") from None
    problems = _require("units", [str(c) for c in units.columns], ("id", "name", "kind"))
    if links is not None:
        problems += _require("links", [str(c) for c in links.columns], ("child", "parent"))
    if problems:
        raise ThiduaValidationError(problems)
    out_units: list[Unit] = []
    rows = _Rows("units", problems)
    extra = [str(c) for c in units.columns if str(c) not in _UNIT_FIELDS]
    for pos, row in enumerate(_records(units)):
        uid, name, kind = (rows.text(row, f, pos, required=True) for f in ("id", "name", "kind"))
        founded = rows.date(row, "founded", pos)
        dissolved = rows.date(row, "dissolved", pos)
        short = rows.text(row, "short_name", pos, required=False) or None
        attributes: dict[str, AttributeValue] = {}
        for column in extra:
            value = row[column]
            if not _missing(value):
                value = _scalar(value)
                attributes[column] = value if isinstance(value, str | int | float) else str(value)
        if uid and name and kind:
            out_units.append(
                Unit(
                    id=uid,
                    name=name,
                    kind=kind,
                    founded=founded,
                    dissolved=dissolved,
                    short_name=short,
                    attributes=attributes,
                    source=rows.pointer(pos),
                )
            )
    out_links: list[Link] = []
    if links is not None:
        rows = _Rows("links", problems)
        present = {str(c) for c in links.columns}
        chosen = {
            f: next((c for c in names if c in present), None) for f, names in _LINK_COLUMNS.items()
        }
        for pos, row in enumerate(_records(links)):
            child = rows.text(row, "child", pos, required=True)
            parent = rows.text(row, "parent", pos, required=True)
            relation = chosen["relation"]
            rel = rows.text(row, relation, pos, required=False) if relation else ""
            start = rows.date(row, chosen["valid_from"], pos)
            end = rows.date(row, chosen["valid_to"], pos)
            if child and parent:
                out_links.append(
                    Link(
                        child=child,
                        parent=parent,
                        relation=rel or "admin",
                        valid_from=start,
                        valid_to=end,
                        source=rows.pointer(pos),
                    )
                )
    if problems:
        raise ThiduaValidationError(problems)
    return Dataset(units=out_units, links=out_links, roots=tuple(roots), scheme=scheme)
