"""Where a record or a problem came from: :class:`Pointer`, a leaf that records and problems share.

Records (units, links, figures …) carry the pointer of the row they were read
from; problems carry the pointer of the cell at fault.  The module imports
nothing of thidua, so every layer may use it.

Examples:
    >>> print(Pointer(file="units.csv", row=7, column="id"))
    units.csv row 7, column id

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

__all__ = ["Pointer"]


@attrs.frozen(kw_only=True)
class Pointer:
    """Where an object came from: a file with row and column, or a JSON path.

    Rows are 1-based and count the header line as row 1, as a spreadsheet
    shows them.  ``path`` is a JSON path such as ``$.units[3].founded``.

    Attributes:
        file: the file name (or ``None`` for objects built in code).
        row: the 1-based row in a tabular file.
        column: the column header as written in the file.
        path: the JSON path inside a JSON or YAML document.
        sheet: the worksheet of an Excel workbook.

    Examples:
        >>> str(Pointer(file="links.csv", row=3, column="valid_to"))
        'links.csv row 3, column valid_to'
        >>> str(Pointer(file="h.json", path="$.links[0]").at("valid_to"))
        'h.json $.links[0].valid_to'
    """

    file: str | None = None
    row: int | None = None
    column: str | None = None
    path: str | None = None
    sheet: str | None = None
    headers: Mapping[str, str] = attrs.field(factory=dict, eq=False, repr=False)
    """Field name → header as written, for tabular sources (not part of equality)."""

    def at(self, field: str) -> Pointer:
        """Return this pointer narrowed to one field of the object.

        Examples:
            >>> Pointer(file="u.csv", row=2, headers={"name": "Tên đơn vị"}).at("name").column
            'Tên đơn vị'
        """
        if self.path is not None:
            return attrs.evolve(self, path=f"{self.path}.{field}")
        return attrs.evolve(self, column=self.headers.get(field, field))

    def __str__(self) -> str:
        parts: list[str] = []
        where = self.file or "<input>"
        if self.sheet:
            where += f" sheet {self.sheet}"
        parts.append(where)
        if self.path:
            return f"{where} {self.path}"
        if self.row is not None:
            cell = f"row {self.row}"
            if self.column:
                cell += f", column {self.column}"
            parts.append(cell)
        elif self.column:
            parts.append(f"column {self.column}")
        return " ".join(parts)
