"""A domain schema used by tests/test_domain_tables.py: two small tables and their check."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from thidua.io._domain import parse_column
from thidua.io._schema import Column, ColumnType, TableDeclaration
from thidua.problems import Problem, Report

if TYPE_CHECKING:
    from thidua.workspace import Workspace


class Colour(enum.Enum):
    """A small enum with Vietnamese words."""

    RED = "red"
    GREEN = "green"


DECLARATIONS = (
    TableDeclaration(
        name="samples",
        label="mẫu",
        sheets=("Danh sách mẫu",),
        key=("id",),
        attributes=True,
        columns=[
            Column(name="id", type=ColumnType.ID, required=True, aliases=("Mã",)),
            Column(
                name="unit", type=ColumnType.REFERENCE, references="units.id", aliases=("Đơn vị",)
            ),
            Column(name="on", type=ColumnType.DATE, aliases=("Ngày",)),
            Column(name="amount", type=ColumnType.NUMBER, aliases=("Số tiền",)),
            Column(name="count", type=ColumnType.INTEGER),
            Column(name="done", type=ColumnType.BOOLEAN),
            Column(
                name="colour",
                type=ColumnType.ENUM,
                enum_type=Colour,
                vocabulary={"red": ("đỏ",), "green": ("xanh lá",)},
            ),
            Column(name="tags", type=ColumnType.LIST),
            Column(name="note", type=ColumnType.TEXT, aliases=("Ghi chú",)),
        ],
    ),
    TableDeclaration(
        name="sample_notes",
        key=("sample",),
        columns=[
            Column(name="sample", type=ColumnType.REFERENCE, required=True, references="samples.id")
        ],
    ),
)

CHECK = "tests.domain_example:check"


def check(workspace: Workspace) -> Report:
    """Parse every column of ``samples``; a unit not in the hierarchy is an S006 error."""
    problems: list[Problem] = []
    table = workspace.table("samples")
    for field in table.declaration.fields:
        parse_column(table, field, problems)
    return Report(tuple(problems))
