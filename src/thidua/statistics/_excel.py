"""Writing statistics forms to Excel with their Vietnamese headings (the ``excel`` extra).

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from thidua.errors import MissingExtraError
from thidua.io import excel_values

if TYPE_CHECKING:
    from thidua.statistics._result import StatisticsForm
    from thidua.typing import PathLike

__all__ = ["form_sheet", "write_forms"]

TITLE_ROWS = 5
"""Rows of the title block above the headings."""
HEADER_ROWS = 3
"""Rows of the column headings: group, heading, Tập thể / Cá nhân (left out when none)."""


def _runs(row: Sequence[object]) -> list[tuple[int, int]]:
    """The 1-based column spans of equal non-empty cells side by side (merged in the sheet).

    Examples:
        >>> _runs(["a", "b", "b", "", "", "c", "c"])
        [(2, 3), (6, 7)]
    """
    spans = []
    start = 0
    for i in range(1, len(row) + 1):
        if i == len(row) or row[i] != row[start]:
            if i - start > 1 and row[start] not in ("", None):
                spans.append((start + 1, i))
            start = i
    return spans


def form_sheet(form: StatisticsForm) -> list[list[object]]:
    """The cells of one form's sheet, row by row (title block, headings, data, notes).

    Examples:
        >>> from thidua.statistics import form_0601
        >>> from thidua.workspace import Workspace
        >>> rows = form_sheet(form_0601(Workspace(), 2024))
        >>> rows[0][0], rows[7][:4]
        ('Biểu số: 0601.N/BNV-TĐKT', ['01', 'Tổng số phong trào thi đua', 'Phong trào', 0])
    """
    end = form.period.end.subtract(days=1)
    title: list[list[object]] = [
        [f"Biểu số: {form.symbol}"],
        [form.basis],
        ["Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo"],
        [form.title],
        [f"Năm {form.year} (từ {form.period.start:%d/%m/%Y} đến {end:%d/%m/%Y})"],
    ]
    groups: list[object] = ["Mã số", "Chỉ tiêu", "Đơn vị tính"]
    headings: list[object] = ["", "", ""]
    subs: list[object] = ["", "", ""]
    for c in form.columns:
        groups.append(c.group)
        headings.append("" if c.heading == c.group else c.heading)
        subs.append(c.sub)
    rows: list[list[object]] = [*title, groups, headings]
    if any(subs):
        rows.append(subs)
    rows.extend([r.code, "  " * r.depth + r.label, r.unit, *r.values] for r in form.rows)
    rows.append([])
    rows.extend([f"Ghi chú: {n}"] for n in form.notes)
    return rows


def write_forms(forms: Sequence[StatisticsForm], path: PathLike) -> None:
    """Write *forms* to one workbook, a sheet per form named by its number (``0602``).

    Raises:
        MissingExtraError: openpyxl is not installed.

    Examples:
        >>> import tempfile, pathlib, openpyxl
        >>> from thidua.statistics import form_0601
        >>> from thidua.workspace import Workspace
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "bieu.xlsx"
        >>> write_forms([form_0601(Workspace(), 2024)], out)
        >>> openpyxl.load_workbook(out).sheetnames
        ['0601']
    """
    try:
        import openpyxl  # noqa: PLC0415 - optional extra, imported when used
        import openpyxl.styles  # noqa: PLC0415
    except ImportError:  # pragma: no cover - the dev environment has openpyxl
        raise MissingExtraError("excel", "openpyxl") from None

    book = openpyxl.Workbook()
    blank = book.active
    if blank is not None:
        book.remove(blank)
    bold = openpyxl.styles.Font(bold=True)
    for form in forms:
        sheet = book.create_sheet(form.form)
        cells = form_sheet(form)
        header = [str(v) for v in cells[TITLE_ROWS]]
        for n, row in enumerate(cells, start=1):
            sheet.append(excel_values(row, table=form.form, row=n, header=header))
        heads = HEADER_ROWS if any(c.sub for c in form.columns) else HEADER_ROWS - 1
        for n in range(TITLE_ROWS + 1, TITLE_ROWS + heads + 1):
            if n < TITLE_ROWS + 3:  # groups and headings span their columns; Tập thể / Cá nhân not
                for first, last in _runs(cells[n - 1]):
                    sheet.merge_cells(start_row=n, start_column=first, end_row=n, end_column=last)
            for cell in sheet[n]:
                cell.font = bold
        sheet["A4"].font = bold
        sheet.column_dimensions["B"].width = 60
    book.save(os.fspath(path))
