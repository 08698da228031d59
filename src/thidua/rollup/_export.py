"""Exports of a roll-up: records, pandas, polars, CSV, JSON and an HTML table.

pandas and polars are optional: they are imported when an export asks for
them, and a missing one raises :class:`ImportError` naming the extra to
install (``thidua[pandas]``, ``thidua[polars]``).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import html
import importlib
import json
import math
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import ModuleType
from typing import IO, TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from thidua.hierarchy import Relation
from thidua.periods import Period
from thidua.rollup import _csv
from thidua.rollup._layout import FlagArray, FloatArray, flag_names

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

    from thidua.typing import PathLike

__all__ = [
    "csv_bytes",
    "csv_chunks",
    "html_table",
    "long_columns",
    "optional",
    "relation_label",
    "to_json",
    "to_pandas",
    "to_polars",
    "wide_pandas",
    "wide_polars",
    "write_csv",
]

FIELDS = ("unit", "name", "kind", "rank", "indicator", "value", "expected", "reported", "flags")


def optional(module: str, extra: str) -> ModuleType:
    """Import an optional dependency, or raise ImportError naming the extra to install.

    Examples:
        >>> optional("surely_not_installed_xyz", "pandas")
        Traceback (most recent call last):
        ...
        ImportError: this needs surely_not_installed_xyz: pip install 'thidua[pandas]'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        msg = f"this needs {module}: pip install 'thidua[{extra}]'"
        raise ImportError(msg) from None


def relation_label(relation: Relation) -> str:
    """A relation argument as text: ``admin``, ``admin+guidance`` or ``all``.

    Examples:
        >>> relation_label("admin"), relation_label(("admin", "guidance")), relation_label(None)
        ('admin', 'admin+guidance', 'all')
    """
    if relation is None:
        return "all"
    return relation if isinstance(relation, str) else "+".join(relation)


def long_columns(
    units: Sequence[str],
    names: Sequence[str],
    kinds: Sequence[str],
    ranks: Sequence[int],
    indicators: Sequence[str],
    values: FloatArray,
    expected: npt.NDArray[np.int32],
    reported: npt.NDArray[np.int32],
    flags: FlagArray,
) -> dict[str, Any]:
    """The long table as columns (one entry per unit and indicator, unit-major).

    Flags are joined with ``;`` (empty when none).
    """
    k = len(indicators)
    rep = np.repeat
    labels = {
        int(v): ";".join(flag_names(int(v)))
        for v in np.flatnonzero(np.bincount(flags.reshape(-1), minlength=1)).tolist()
    }
    return {
        "unit": rep(np.asarray(units, dtype=object), k),
        "name": rep(np.asarray(names, dtype=object), k),
        "kind": rep(np.asarray(kinds, dtype=object), k),
        "rank": rep(np.asarray(ranks, dtype=np.int64), k),
        "indicator": np.tile(np.asarray(indicators, dtype=object), len(units)),
        "value": values.reshape(-1),
        "expected": rep(np.asarray(expected, dtype=np.int64), k),
        "reported": np.asarray(reported, dtype=np.int64).reshape(-1),
        "flags": np.asarray([labels[int(v)] for v in flags.reshape(-1).tolist()], dtype=object)
        if flags.size
        else np.empty(0, dtype=object),
    }


def to_pandas(columns: dict[str, Any]) -> pd.DataFrame:
    """A long pandas DataFrame from :func:`long_columns`."""
    frame: pd.DataFrame = optional("pandas", "pandas").DataFrame({f: columns[f] for f in FIELDS})
    return frame


def to_polars(columns: dict[str, Any]) -> pl.DataFrame:
    """A long polars DataFrame from :func:`long_columns`."""
    data = {f: columns[f].tolist() if columns[f].dtype == object else columns[f] for f in FIELDS}
    frame: pl.DataFrame = optional("polars", "polars").DataFrame(data)
    return frame


def wide_pandas(
    units: Sequence[str], names: Sequence[str], indicators: Sequence[str], values: FloatArray
) -> pd.DataFrame:
    """Units × indicators, indexed by unit id, with a ``name`` column first."""
    pandas = optional("pandas", "pandas")
    index = pandas.Index(list(units), name="unit")
    frame: pd.DataFrame = pandas.DataFrame(values, index=index, columns=list(indicators))
    frame.insert(0, "name", list(names))
    return frame


def wide_polars(
    units: Sequence[str], names: Sequence[str], indicators: Sequence[str], values: FloatArray
) -> pl.DataFrame:
    """Units × indicators with ``unit`` and ``name`` columns first."""
    data: dict[str, Any] = {"unit": list(units), "name": list(names)}
    for j, code in enumerate(indicators):
        data[code] = values[:, j]
    frame: pl.DataFrame = optional("polars", "polars").DataFrame(data)
    return frame


def csv_chunks(
    units: Sequence[str],
    names: Sequence[str],
    kinds: Sequence[str],
    ranks: Sequence[int],
    indicators: Sequence[str],
    values: FloatArray,
    expected: npt.NDArray[np.int32],
    reported: npt.NDArray[np.int32],
    flags: FlagArray,
    *,
    escape: Callable[[str], str] | None = None,
) -> Iterator[str]:
    r"""The long table as CSV text, in chunks of rows, formatted column by column.

    The output is what :func:`csv.writer` writes for the long table (minimal
    quoting, ``\n`` line ends, floats by ``repr``, NaN as an empty cell),
    built by pyarrow (:mod:`thidua.rollup._csv`): each unit's cells are
    formatted once for all its indicators, the numbers by vectorised casts,
    and the text is yielded a chunk at a time: a national roll-up (3.5
    million rows) streams without holding its 400 MB.

    Args:
        units: the unit ids (one per output row of units).
        names: their names.
        kinds: their kinds.
        ranks: their ranks.
        indicators: the indicator codes.
        values: the totals, units × indicators.
        expected: the reporting units expected below each unit.
        reported: the reporting units that reported, units × indicators.
        flags: the flag bits, units × indicators.
        escape: applied to every text cell (unit, name, kind, indicator,
            flags) and header before quoting, e.g. to neutralise formulas.

    Examples:
        >>> rows = csv_chunks(["A"], ["Công đoàn, A"], ["grassroots"], [3], ["x", "y"],
        ...                   np.array([[1.0, np.nan]]), np.array([1]), np.array([[1, 0]]),
        ...                   np.zeros((1, 2), dtype=np.uint8))
        >>> print("".join(rows), end="")
        unit,name,kind,rank,indicator,value,expected,reported,flags
        A,"Công đoàn, A",grassroots,3,x,1.0,1,1,
        A,"Công đoàn, A",grassroots,3,y,,1,0,

    .. versionchanged:: 0.2.0
       Built by pyarrow, a chunk of 200,000 lines at a time.
    """
    for chunk in csv_bytes(
        units, names, kinds, ranks, indicators, values, expected, reported, flags, escape=escape
    ):
        yield str(chunk, "utf-8")


def csv_bytes(
    units: Sequence[str],
    names: Sequence[str],
    kinds: Sequence[str],
    ranks: Sequence[int],
    indicators: Sequence[str],
    values: FloatArray,
    expected: npt.NDArray[np.int32],
    reported: npt.NDArray[np.int32],
    flags: FlagArray,
    *,
    escape: Callable[[str], str] | None = None,
) -> Iterator[memoryview]:
    """The same CSV text as :func:`csv_chunks`, as UTF-8 bytes (views; nothing decoded).

    .. versionadded:: 0.2.0
    """
    return _csv.csv_bytes(
        FIELDS,
        units,
        names,
        kinds,
        ranks,
        indicators,
        values,
        expected,
        reported,
        lambda v: ";".join(flag_names(v)),
        flags,
        escape=escape,
    )


def write_csv(chunks: Iterable[str], path_or_buffer: PathLike | IO[str]) -> None:
    """Write CSV text chunks to a path (UTF-8) or an open text buffer."""
    if isinstance(path_or_buffer, str | os.PathLike):
        with open(path_or_buffer, "w", encoding="utf-8", newline="") as handle:
            handle.writelines(chunks)
    else:
        path_or_buffer.writelines(chunks)


def _jsonable(value: object) -> object:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, tuple | frozenset):
        return [_jsonable(v) for v in value]
    return value


def to_json(
    header: dict[str, Any],
    columns: dict[str, Any],
    discrepancies: list[dict[str, Any]],
    problems: list[dict[str, Any]],
    *,
    indent: int | None = None,
) -> str:
    """The roll-up as one JSON document (Vietnamese kept as is, NaN as null)."""
    names = list(FIELDS)
    rows: list[dict[str, object]] = []
    for row in zip(*(columns[f].tolist() for f in names), strict=True):
        record = {f: _jsonable(v) for f, v in zip(names, row, strict=True)}
        record["flags"] = [f for f in str(record["flags"]).split(";") if f]
        rows.append(record)
    payload = {
        **header,
        "rows": rows,
        "discrepancies": [{k: _jsonable(v) for k, v in d.items()} for d in discrepancies],
        "problems": problems,
    }
    return json.dumps(payload, ensure_ascii=False, indent=indent)


def _number(value: float) -> str:
    if math.isnan(value):
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"


def html_table(
    title: str,
    units: Sequence[str],
    names: Sequence[str],
    indicators: Sequence[str],
    values: FloatArray,
    max_rows: int,
) -> str:
    """An HTML table of the first *max_rows* units (wide), with the summary as caption.

    Examples:
        >>> print(html_table("t", ["A"], ["Công đoàn <A>"], ["x"], np.array([[1234.0]]), 5))
        <table><caption>t</caption><thead><tr><th>unit</th><th>name</th><th>x</th></tr></thead><tbody>
        <tr><th>A</th><td>Công đoàn &lt;A&gt;</td><td style="text-align:right">1,234</td></tr>
        </tbody></table>
    """
    esc = html.escape
    head = "".join(f"<th>{esc(c)}</th>" for c in ("unit", "name", *indicators))
    lines = [
        f"<table><caption>{esc(title)}</caption><thead><tr>{head}</tr></thead><tbody>",
    ]
    shown = min(max_rows, len(units))
    for i in range(shown):
        cells = "".join(
            f'<td style="text-align:right">{_number(float(v))}</td>' for v in values[i].tolist()
        )
        lines.append(f"<tr><th>{esc(units[i])}</th><td>{esc(names[i])}</td>{cells}</tr>")
    if shown < len(units):
        span = 2 + len(indicators)
        lines.append(f'<tr><td colspan="{span}">… {len(units) - shown:,} more units</td></tr>')
    lines.append("</tbody></table>")
    return "\n".join(lines)
