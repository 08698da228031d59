"""The minimal input of every failure class found, written by hand: :data:`CASES`.

Each is the smallest input found for its class (the fuzzer's shrunk input,
then cut further by hand).  ``test_fuzz_short.py`` replays every case and
requires it to be clean.  ``python -m tests.fuzz._regressions`` prints the
verdict of each and saves any that fails under ``tests/fuzz/out/regressions/``.
"""

from __future__ import annotations

import sys
import tempfile
import unicodedata
from pathlib import Path

from tests.fuzz._model import FuzzInput, Outcome
from tests.fuzz._mutate import HUGE_INT
from tests.fuzz._runner import execute, save
from tests.fuzz._scale import chain, huge_rank, overlaps, siblings
from tests.fuzz._xlsx import sheet_xml, workbook_bytes
from thidua.hierarchy import Dataset, Unit

__all__ = ["CASES", "build"]

DIR = Path(__file__).parent / "out" / "regressions"
_UNIT = '{"id": "A", "name": "Công đoàn A", "kind": "grassroots"}'
_UNITS_CSV = b"id,name,kind\nA,C\xc3\xb4ng \xc4\x91o\xc3\xa0n A,grassroots\n"
_UNITS_ROWS = [["id", "name", "kind"], ["A", "Công đoàn A", "grassroots"]]


def _file(
    target: str, name: str, data: bytes, argv: tuple[str, ...] = (), **kw: object
) -> FuzzInput:
    return FuzzInput(target=target, files=((name, data),), argv=argv, **kw)  # type: ignore[arg-type]


def _dir(target: str, files: dict[str, bytes], argv: tuple[str, ...] = ()) -> FuzzInput:
    return FuzzInput(target=target, files=tuple(sorted(files.items())), layout="dir", argv=argv)


def _trip(target: str, fmt: str, dataset: Dataset) -> FuzzInput:
    return FuzzInput(
        target=target, dataset=dataset, fmt=fmt, layout="dir" if fmt == "csv" else "file"
    )


def _book(sheets: list[tuple[str, list[list[object]]]], xml: dict[int, str] | None = None) -> bytes:
    return workbook_bytes(sheets, xml=xml)  # type: ignore[arg-type]


def _units_book_with_ref(ref: str, *, dimension: bool = False) -> bytes:
    xml = sheet_xml(_UNITS_ROWS, refs={(1, 2): ref})
    if dimension:  # the cell in a row of its own, far down, as Excel writes it
        xml = sheet_xml(_UNITS_ROWS).replace(
            "<sheetData>", f'<dimension ref="A1:{ref}"/><sheetData>'
        )
        far = f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}"><c r="{ref}"><v>1</v></c></row>'
        xml = xml.replace("</sheetData>", f"{far}</sheetData>")
    return _book([("units", _UNITS_ROWS)], xml={0: xml})


def _broken_xml() -> bytes:
    return _book([("units", _UNITS_ROWS)], xml={0: sheet_xml(_UNITS_ROWS)[:-40]})


def _broken_zip() -> bytes:
    data = bytearray(_book([("units", _UNITS_ROWS * 40)]))
    at = data.find(b"xl/worksheets/sheet1.xml") + 60  # inside the compressed sheet
    data[at] ^= 0xFF
    return bytes(data)


def _figures_book_far_cell() -> bytes:
    rows = [["unit", "indicator", "period", "value"], ["A", "members", "2025", 3]]
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    xml = sheet_xml(rows).replace("<sheetData>", '<dimension ref="A1:XFD1048576"/><sheetData>')
    return _book([("figures", rows)], xml={0: xml.replace("</sheetData>", far)})


def _sheets_model(*sheets: tuple[str, int]) -> tuple[tuple[str, tuple[int, ...]], ...]:
    return tuple((name, tuple(range(2, rows + 2))) for name, rows in sheets)


CASES: dict[str, FuzzInput] = {
    "json-deep": _file("json", "h.json", b'{"units": ' + b"[" * 3000 + b"]" * 3000 + b"}"),
    "json-huge-int": _file(
        "json",
        "h.json",
        f'{{"units": [{{"id": {HUGE_INT}, "name": "A", "kind": "grassroots"}}]}}'.encode(),
    ),
    "json-duplicate-key": _file("json", "h.json", f'{{"units": [{_UNIT}], "units": []}}'.encode()),
    "yaml-deep": _file("yaml", "h.yaml", b"units: " + b"[" * 1000 + b"]" * 1000 + b"\n"),
    "yaml-huge-int": _file(
        "yaml", "h.yaml", f"units:\n- {{id: 0x{'f' * 4000}, name: A, kind: grassroots}}\n".encode()
    ),
    "yaml-huge-schema-version": _file(
        "yaml", "h.yaml", f"schema_version: {HUGE_INT}\nunits: []\n".encode()
    ),
    "yaml-duplicate-key": _file(
        "yaml",
        "h.yaml",
        "units:\n- {id: A, name: Công đoàn A, kind: grassroots}\nunits: []\n".encode(),
    ),
    "yaml-nel-round-trip": _trip(
        "yaml", "yaml", Dataset(units=[Unit(id="A", name="a\x85b", kind="grassroots")])
    ),
    "metadata-nfd-round-trip": _trip(
        "json", "json", Dataset(metadata={"title": unicodedata.normalize("NFD", "Hòa Bình")})
    ),
    "excel-bad-cell-reference": _file(
        "excel", "h.xlsx", _units_book_with_ref("A\u202e1"), sheets=_sheets_model(("units", 1))
    ),
    "excel-broken-sheet-xml": _file("excel", "h.xlsx", _broken_xml()),
    "excel-broken-zip-data": _file("excel", "h.xlsx", _broken_zip()),
    "excel-cell-at-xfd1048576": _file(
        "excel", "h.xlsx", _units_book_with_ref("XFD1048576", dimension=True)
    ),
    "figures-excel-bad-cell-reference": _file(
        "figures_excel",
        "figures.xlsx",
        _book(
            [("figures", [["unit", "indicator", "period", "value"], ["A", "members", "2025", 3]])],
            xml={
                0: sheet_xml(
                    [["unit", "indicator", "period", "value"], ["A", "members", "2025", 3]],
                    refs={(1, 3): "1A"},
                )
            },
        ),
    ),
    "figures-excel-cell-at-xfd1048576": _file(
        "figures_excel", "figures.xlsx", _figures_book_far_cell()
    ),
    # A second units sheet (by its Vietnamese alias) with one cell a million rows down:
    # every missing row went through the cell conversion before it was found blank.
    "excel-alias-sheet-far-row": _file(
        "check",
        "h.xlsx",
        _book(
            [("units", _UNITS_ROWS), ("Danh sách đơn vị", [["group", "unit"]])],
            xml={
                1: sheet_xml([["group", "unit"]]).replace(
                    "</sheetData>",
                    '<row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData>',
                )
            },
        ),
    ),
    "csv-units-file-twice": _dir(
        "csv_dir", {"units.csv": _UNITS_CSV, "UNITS.CSV": b"id,name,kind\nB,B,grassroots\n"}
    ),
    "excel-units-sheet-twice": _file(
        "excel",
        "h.xlsx",
        _book(
            [("units", _UNITS_ROWS), ("Units ", [["id", "name", "kind"], ["B", "B", "grassroots"]])]
        ),
        sheets=_sheets_model(("units", 1), ("Units ", 1)),
    ),
    "csv-carriage-return-round-trip": _trip(
        "csv_dir", "csv", Dataset(units=[Unit(id="A", name="line1\rline2", kind="grassroots")])
    ),
    "csv-lone-surrogate-round-trip": _trip(
        "csv_dir", "csv", Dataset(units=[Unit(id="A", name="a\ud800b", kind="grassroots")])
    ),
    "excel-carriage-return-round-trip": _trip(
        "excel", "excel", Dataset(units=[Unit(id="A", name="line1\rline2", kind="grassroots")])
    ),
    "excel-long-text-round-trip": _trip(
        "excel", "excel", Dataset(units=[Unit(id="A", name="x" * 32_800, kind="grassroots")])
    ),
    "excel-formula-header-round-trip": _trip(
        "excel",
        "excel",
        Dataset(units=[Unit(id="A", name="A", kind="grassroots", attributes={"=note": "v"})]),
    ),
    "rank-past-int64": _dir("check", huge_rank()),
    "rollup-period-9999": _dir(
        "cli_rollup",
        {
            "units.csv": _UNITS_CSV,
            "figures.csv": b"unit,indicator,period,value\nA,members,2025,3\n",
        },
        ("--period", "9999-12-31"),
    ),
    "figures-period-9999": _file(
        "figures_csv", "figures.csv", b"unit,indicator,period,value\nA,members,9999-12-31,1\n"
    ),
    "tree-chain-1100": _dir("cli_tree", chain(1100)),
    "validate-3000-siblings": _dir("cli_validate", siblings(3000)),
    "validate-2000-overlapping-links": _dir("cli_validate", overlaps(2000)),
}
"""Case name → its minimal input."""


def build(timeout: float = 10.0) -> list[tuple[str, Outcome]]:
    """Run every case and save those that fail under ``out/regressions/``; return all outcomes."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, inp in CASES.items():
            outcome = execute(inp, Path(tmp), timeout)
            out.append((name, outcome))
            if outcome.verdict.value != "clean":
                save(inp, outcome, DIR, slug=name)
    return out


if __name__ == "__main__":
    for case, outcome in build(float(sys.argv[1]) if len(sys.argv) > 1 else 10.0):
        print(f"{outcome.verdict.value:<6} {outcome.seconds:6.2f}s {case:<36} {outcome.signature}")
