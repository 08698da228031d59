"""A tiny ``.xlsx`` writer for the fuzzer: sheets of cells as bytes, fast and exact.

openpyxl takes tens of milliseconds to save a workbook; the fuzzer writes
thousands, and it must also write what openpyxl refuses (a cell at
``XFD1048576``, a reference that is not a reference, two sheets named
alike, text past Excel's 32,767 characters).  The XML written here is the
least a reader accepts: content types, the workbook, its relations and one
worksheet of inline strings and numbers per sheet.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

__all__ = ["Sheet", "column_name", "workbook_bytes"]

Cell = str | int | float | None
Sheet = tuple[str, Sequence[Sequence[Cell]]]
"""A sheet: its name and its rows of cells (``None`` is an empty cell)."""

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_BOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def column_name(index: int) -> str:
    """The letters of a 0-based column (``0`` → ``A``, ``16383`` → ``XFD``).

    Examples:
        >>> column_name(0), column_name(27), column_name(16383)
        ('A', 'AB', 'XFD')
    """
    letters = ""
    n = index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xml_chars(text: str) -> str:
    # XML 1.0 cannot hold most C0 controls: write them as Excel does (_xHHHH_).
    out = []
    for ch in text:
        code = ord(ch)
        control = code < 0x20 and ch not in "\t\n\r"
        if control or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            out.append(f"_x{code:04X}_")
        else:
            out.append(ch)
    return "".join(out)


def _xml_text(text: str) -> str:
    return escape(_xml_chars(text))


def _cell(ref: str, value: Cell) -> str:
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    text = _xml_text(str(value))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def sheet_xml(
    rows: Sequence[Sequence[Cell]], *, refs: dict[tuple[int, int], str] | None = None
) -> str:
    """The worksheet XML of *rows*; *refs* overrides the reference of a (row, column) cell."""
    parts = []
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            if value is None:
                continue
            ref = (refs or {}).get((r, c), f"{column_name(c)}{r + 1}")
            cells.append(_cell(ref, value))
        if cells:
            parts.append(f'<row r="{r + 1}">{"".join(cells)}</row>')
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
        f"<sheetData>{''.join(parts)}</sheetData></worksheet>"
    )


def workbook_bytes(sheets: Sequence[Sheet], *, xml: dict[int, str] | None = None) -> bytes:
    """An ``.xlsx`` file holding *sheets*; *xml* replaces the XML of sheet *i*.

    Examples:
        >>> import openpyxl
        >>> data = workbook_bytes([("units", [["id", "name"], ["HN", "Hà Nội"], [None, 3]])])
        >>> wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        >>> [list(r) for r in wb["units"].iter_rows(values_only=True)]
        [['id', 'name'], ['HN', 'Hà Nội'], [None, 3]]
        >>> wb.close()
    """
    n = len(sheets)
    types = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="{_SHEET_TYPE}"/>'
        for i in range(n)
    )
    entries = "".join(
        f'<sheet name={quoteattr(_xml_chars(name))} sheetId="{i + 1}" r:id="rId{i + 1}"/>'
        for i, (name, _) in enumerate(sheets)
    )
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" Type="{_REL}/worksheet" '
        f'Target="worksheets/sheet{i + 1}.xml"/>'
        for i in range(n)
    )
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            f'{head}<Types xmlns="{_PKG}/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_BOOK_TYPE}"/>{types}</Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'{head}<Relationships xmlns="{_PKG}/relationships"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'{head}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f"<sheets>{entries}</sheets></workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{head}<Relationships xmlns="{_PKG}/relationships">{rels}</Relationships>',
        )
        for i, (_, rows) in enumerate(sheets):
            text = (xml or {}).get(i) or sheet_xml(rows)
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml", text)
    return buffer.getvalue()
