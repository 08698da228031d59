r"""Reading and writing ``indicators.csv``: a dataset's own indicators.

The file has one indicator a row with the columns ``code``, ``name``,
``unit``, ``aggregation``, ``numerator``, ``denominator``, ``weight``,
``scale``, ``nonnegative`` and ``direction`` (``code``, ``name`` and ``aggregation`` are
required; a scale is read like a figure's number: ``100``, ``0.5``, ``1.000``
is a thousand); Vietnamese headers are accepted (``Mã chỉ tiêu``, ``Tên chỉ
tiêu``, ``Đơn vị tính``, ``Cách tổng hợp``, ``Tử số``, ``Mẫu số``,
``Trọng số``, ``Hệ số``, ``Không âm``, ``Chiều``), as are Vietnamese aggregation names
(``cộng`` for ``sum``, ``cuối kỳ`` for ``stock``, ``tỷ lệ`` for ``ratio`` …,
see :data:`AGGREGATION_ALIASES`) and directions (``càng cao càng tốt`` for
``higher``, ``càng thấp càng tốt`` for ``lower``, see :data:`DIRECTION_ALIASES`).

A dataset's ``indicators.csv`` **extends** the built-in catalogue: its
indicators are added to :data:`~thidua.figures.BUILTIN_INDICATORS`, a row
with a built-in code replaces that indicator (:func:`load_catalogue`).

Problems: ``S002`` missing required column, ``S004`` empty code or name,
``S006`` unknown aggregation or an unreadable scale or flag (the row is
left out), ``S007``/``S008`` unknown or duplicate columns, and the
catalogue's own checks ``F012`` (bad references) and ``F013`` (a code twice).

Examples:
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "indicators.csv"
    ...     _ = path.write_text(
    ...         "Mã chỉ tiêu,Tên chỉ tiêu,Đơn vị tính,Cách tổng hợp,Tử số,Mẫu số,Hệ số\n"
    ...         "blood_units,Đơn vị máu hiến,đơn vị,cộng,,,\n"
    ...         "female_rate,Tỷ lệ đoàn viên nữ,%,tỷ lệ,female_members,members,100\n",
    ...         encoding="utf-8")
    ...     catalogue, report = load_catalogue(path)
    >>> catalogue["female_rate"].aggregation, catalogue["female_rate"].scale, report.ok
    (<Aggregation.RATIO: 'ratio'>, 100.0, True)
    >>> "new_members" in catalogue
    True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from thidua._text import name_key, nfc
from thidua.errors import UnreadableInputError, ValueParseError
from thidua.figures._cells import _number_cell
from thidua.figures._indicators import (
    BUILTIN_INDICATORS,
    Aggregation,
    Direction,
    Indicator,
    IndicatorCatalogue,
)
from thidua.figures._tables import INDICATORS_DECLARATION, headers, words
from thidua.figures._write import format_figure_value
from thidua.io import Row, TableSpec, check_encoding, read_csv_table, write_csv_table
from thidua.problems import Pointer, Problem, Report, StructureCode, problem
from thidua.typing import PathLike

__all__ = [
    "AGGREGATION_ALIASES",
    "DIRECTION_ALIASES",
    "INDICATOR_COLUMNS",
    "INDICATOR_TABLE",
    "indicator_from_row",
    "load_catalogue",
    "read_indicators_csv",
    "write_indicators_csv",
]

INDICATOR_COLUMNS: dict[str, tuple[str, ...]] = headers(INDICATORS_DECLARATION)
"""Each column of ``indicators.csv`` → the Vietnamese headers accepted for it.

Derived from :data:`~thidua.figures.INDICATORS_DECLARATION`.
"""

AGGREGATION_ALIASES: dict[str, Aggregation] = {
    word: Aggregation(value)
    for value, names in words(INDICATORS_DECLARATION.column("aggregation")).items()
    for word in names
}
"""Vietnamese names of the aggregations (matched like headers: case, spacing, tones).

Derived from the ``aggregation`` column of :data:`~thidua.figures.INDICATORS_DECLARATION`.
"""

DIRECTION_ALIASES: dict[str, Direction] = {
    word: Direction(value)
    for value, names in words(INDICATORS_DECLARATION.column("direction")).items()
    for word in names
}
"""Vietnamese words of the directions (matched like headers).

Derived from the ``direction`` column of :data:`~thidua.figures.INDICATORS_DECLARATION`.

.. versionadded:: 0.3.0
"""
_DIRECTIONS = {
    **{name_key(d.value): d for d in Direction},
    **{name_key(k): d for k, d in DIRECTION_ALIASES.items()},
}

INDICATOR_TABLE: TableSpec = INDICATORS_DECLARATION.spec
"""The indicators table as the table engine reads it (every format of a catalogue).

The :attr:`~thidua.io._schema.TableDeclaration.spec` of
:data:`~thidua.figures.INDICATORS_DECLARATION`.

.. versionadded:: 0.2.0
"""
_AGGREGATIONS = {
    **{name_key(a.value): a for a in Aggregation},
    **{name_key(k): a for k, a in AGGREGATION_ALIASES.items()},
}
# Text columns (the name) are kept as written; every other cell loses surrounding space.
_KEPT = frozenset(c.name for c in INDICATORS_DECLARATION.columns if not c.type.stripped)
_TRUE = frozenset(map(name_key, ("true", "yes", "1", "có", "x")))
_FALSE = frozenset(map(name_key, ("false", "no", "0", "không")))


def indicator_from_row(row: Row, problems: list[Problem]) -> Indicator | None:
    """One row of an indicators table as an indicator (the rules of ``indicators.csv``).

    Args:
        row: the row, read against :data:`INDICATOR_TABLE` (any format).
        problems: where the problems of the row's cells are appended.

    Returns:
        The indicator, or ``None`` (with problems) when a cell is bad.

    Examples:
        >>> from thidua.io._tabular import Row
        >>> from thidua.problems import Pointer
        >>> found: list[Problem] = []
        >>> row = Row(values={"code": "x", "name": "X", "aggregation": "cộng"}, extra={},
        ...           pointer=Pointer(file="i.csv", row=2))
        >>> indicator_from_row(row, found).aggregation, found
        (<Aggregation.SUM: 'sum'>, [])

    .. versionadded:: 0.2.0
    """
    cells = {k: nfc(v) if k in _KEPT else nfc(v).strip() for k, v in row.values.items()}
    code = cells.get("code", "")
    pointer = row.pointer
    found: list[Problem] = [
        problem(
            StructureCode.MISSING_REQUIRED_VALUE,
            f"the indicator {field} is empty",
            subject=code or None,
            pointer=pointer.at(field),
        )
        for field in ("code", "name")
        if not cells.get(field, "").strip()
    ]
    aggregation = _AGGREGATIONS.get(name_key(cells.get("aggregation", "")))
    if aggregation is None:
        accepted = ", ".join(a.value for a in Aggregation)
        found.append(
            problem(
                StructureCode.INVALID_VALUE,
                f"indicator {code!r}: aggregation {cells.get('aggregation', '')!r} is not one "
                f"of {accepted} (or {', '.join(AGGREGATION_ALIASES)})",
                subject=code or None,
                pointer=pointer.at("aggregation"),
            )
        )
    scale = 1.0
    if cells.get("scale"):
        try:
            scale = _number_cell(cells["scale"])
        except ValueParseError as exc:
            found.append(
                problem(
                    StructureCode.INVALID_VALUE,
                    f"indicator {code!r}: {exc}",
                    subject=code or None,
                    pointer=pointer.at("scale"),
                )
            )
    nonnegative = True
    flag = name_key(cells.get("nonnegative", ""))
    if flag in _FALSE:
        nonnegative = False
    elif flag and flag not in _TRUE:
        found.append(
            problem(
                StructureCode.INVALID_VALUE,
                f"indicator {code!r}: nonnegative {cells['nonnegative']!r} is not true or false "
                "(có / không)",
                subject=code or None,
                pointer=pointer.at("nonnegative"),
            )
        )
    direction = Direction.HIGHER
    if cells.get("direction"):
        read = _DIRECTIONS.get(name_key(cells["direction"]))
        if read is None:
            found.append(
                problem(
                    StructureCode.INVALID_VALUE,
                    f"indicator {code!r}: direction {cells['direction']!r} is not higher or "
                    "lower (càng cao càng tốt / càng thấp càng tốt)",
                    subject=code or None,
                    pointer=pointer.at("direction"),
                )
            )
        else:
            direction = read
    problems.extend(found)
    if found or aggregation is None:
        return None
    return Indicator(
        code=code,
        name=cells["name"],
        unit=cells.get("unit", ""),
        aggregation=aggregation,
        numerator=cells.get("numerator") or None,
        denominator=cells.get("denominator") or None,
        weight=cells.get("weight") or None,
        scale=scale,
        nonnegative=nonnegative,
        direction=direction,
        source=attrs.evolve(pointer, column=None),
    )


def read_indicators_csv(
    path: PathLike, *, extends: IndicatorCatalogue | None = None, encoding: str | None = None
) -> tuple[IndicatorCatalogue, Report]:
    r"""Read an ``indicators.csv`` (English or Vietnamese headers).

    The encoding and separator are found as for every CSV table
    (:func:`thidua.io._tabular.decode_csv`: UTF-8 with or without a
    byte-order mark, ``;`` or tab separators as Excel saves them, ``cp1258``
    with an ``S020`` warning when the bytes are not UTF-8).

    Args:
        path: the file.
        extends: a catalogue the file adds to (its codes may be referred to
            and replaced); ``None`` for the file's indicators alone.
        encoding: the file's encoding (a Python codec name), or ``None`` to
            detect it.

            .. versionadded:: 0.2.0

    Returns:
        The catalogue (the good rows, after *extends*) and every problem,
        including the catalogue's own checks (``F012``, ``F013``).  A file
        that cannot be decoded or read as CSV is one ``S001`` problem.

    Raises:
        UnreadableInputError: the file does not exist, or *encoding* is
            unknown.

    Examples:
        >>> import pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     path = pathlib.Path(tmp) / "indicators.csv"
        ...     _ = path.write_text("code,name,aggregation\nx,X,sum\ny,Y,average\n",
        ...                         encoding="utf-8")
        ...     catalogue, report = read_indicators_csv(path)
        >>> catalogue.codes, [(p.code, str(p.pointer)) for p in report]
        (('x',), [('S006', 'indicators.csv row 3, column aggregation')])
    """
    if not Path(path).exists():
        raise UnreadableInputError(os.fspath(path), "no such file")
    check_encoding(encoding)
    try:
        table = read_csv_table(path, INDICATOR_TABLE, encoding=encoding)
    except UnreadableInputError as exc:
        name = Path(path).name
        found = problem(
            StructureCode.UNREADABLE_FILE,
            f"cannot read {name}: {exc.reason}",
            pointer=Pointer(file=name),
        )
        return extends or IndicatorCatalogue(), Report((found,))
    problems: list[Problem] = list(table.problems)
    read = [indicator_from_row(row, problems) for row in table.rows]
    indicators = [ind for ind in read if ind is not None]
    catalogue = (extends or IndicatorCatalogue()).extend(indicators)
    return catalogue, Report(tuple(problems)) + catalogue.validate()


def load_catalogue(
    path: PathLike | None, *, encoding: str | None = None
) -> tuple[IndicatorCatalogue, Report]:
    """The built-in catalogue extended by a dataset's ``indicators.csv`` (if any).

    Args:
        path: the dataset's ``indicators.csv``, or ``None`` for the built-in
            catalogue alone.
        encoding: the file's encoding, or ``None`` to detect it.

            .. versionadded:: 0.2.0

    Returns:
        The catalogue and the problems of the file.

    Raises:
        UnreadableInputError: *path* is given but does not exist.

    Examples:
        >>> catalogue, report = load_catalogue(None)
        >>> catalogue is BUILTIN_INDICATORS, report.ok
        (True, True)
    """
    if path is None:
        return BUILTIN_INDICATORS, Report()
    return read_indicators_csv(path, extends=BUILTIN_INDICATORS, encoding=encoding)


def write_indicators_csv(catalogue: IndicatorCatalogue, path: PathLike) -> None:
    """Write a catalogue as ``indicators.csv`` (UTF-8, English headers, every column).

    :func:`read_indicators_csv` reads it back equal.

    Examples:
        >>> import pathlib, tempfile
        >>> mine = IndicatorCatalogue((BUILTIN_INDICATORS["agreement_coverage"],))
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     write_indicators_csv(mine, pathlib.Path(tmp) / "i.csv")
        ...     print((pathlib.Path(tmp) / "i.csv").read_text(encoding="utf-8"), end="")
        code,name,unit,aggregation,numerator,denominator,weight,scale,nonnegative,direction
        agreement_coverage,Tỷ lệ CĐCS có thỏa ước lao động
        tập thể,%,ratio,agreements_in_force,grassroots_count,,100,true,higher
    """
    rows = [
        [
            ind.code,
            ind.name,
            ind.unit,
            ind.aggregation.value,
            ind.numerator or "",
            ind.denominator or "",
            ind.weight or "",
            format_figure_value(ind.scale),
            "true" if ind.nonnegative else "false",
            ind.direction.value,
        ]
        for ind in catalogue
    ]
    write_csv_table(path, list(INDICATOR_COLUMNS), rows)
