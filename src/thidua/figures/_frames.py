"""Reading figures from pandas and polars DataFrames, column by column.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from thidua.figures._assembly import FiguresResult, _assemble, _empty_result
from thidua.figures._cells import _keys
from thidua.figures._columns import _Col, _Column, _encoded, _layout
from thidua.figures._indicators import BUILTIN_INDICATORS, IndicatorCatalogue

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

__all__ = ["figures_from_pandas", "figures_from_polars"]


def figures_from_pandas(
    df: pd.DataFrame, *, catalogue: IndicatorCatalogue = BUILTIN_INDICATORS
) -> FiguresResult:
    """Read figures from a pandas DataFrame, with the columns of ``figures.csv``.

    Columns may be text, categorical or numbers (a numeric ``value`` column
    is taken as is; a text one follows the CSV cell rules).  A ``keys``
    column of sets gives the keys of ``distinct`` rows, as
    :meth:`Figures.to_pandas` writes it.  Pointers number rows as a CSV
    written from the frame would (the first data row is row 2).

    Each column is dictionary-encoded once (categorical codes or
    ``pandas.factorize``) and only the distinct texts are parsed: three
    million rows take about half a second.

    Args:
        df: the frame.
        catalogue: the indicators, to tell numbers from keys.

    Returns:
        The figures and every problem.

    Examples:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"Đơn vị": ["G1", "G2"], "Chỉ tiêu": ["dialogues"] * 2,
        ...                    "Kỳ": ["2025-Q1", "Q9"], "Giá trị": [3.0, 4.0]})
        >>> result = figures_from_pandas(df)
        >>> len(result.figures), [(p.code, str(p.pointer)) for p in result.report]
        (1, [('F010', '<input> row 3, column Kỳ')])
    """
    import pandas as pd  # noqa: PLC0415 - optional extra, imported when used

    layout = _layout([str(c) for c in df.columns], file=None, sheet=None)
    if not layout.complete:
        return _empty_result(layout.problems)
    n = len(df)
    cols: dict[str, _Column] = {}
    row_keys: dict[int, frozenset[str]] = {}
    types = pd.api.types
    for field, index in layout.columns.items():
        series = df.iloc[:, index]
        if field == "keys":
            items = series.to_numpy(dtype=object)
            present = np.flatnonzero(~pd.isna(series).to_numpy())
            row_keys = {int(i): _keys(_as_keys(items[i])) for i in present}
        elif isinstance(series.dtype, pd.CategoricalDtype):
            codes = series.cat.codes.to_numpy().astype(np.int64)
            cols[field] = _Col(codes, list(series.cat.categories))
        elif (
            field in ("value", "plan")
            and types.is_numeric_dtype(series.dtype)
            and not types.is_bool_dtype(series.dtype)
        ):
            cols[field] = series.to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            cols[field] = _encoded(series.to_numpy(dtype=object))
    return _assemble(
        n,
        cols,
        rows=np.arange(2, n + 2, dtype=np.int64),
        layout=layout,
        file=None,
        sheet=None,
        catalogue=catalogue,
        row_keys=row_keys,
    )


def _as_keys(item: object) -> Iterable[object]:
    if isinstance(item, str):
        return item.split(";")
    if isinstance(item, Iterable):
        return item
    return [item]


def figures_from_polars(
    df: pl.DataFrame, *, catalogue: IndicatorCatalogue = BUILTIN_INDICATORS
) -> FiguresResult:
    """Read figures from a polars DataFrame, with the columns of ``figures.csv``.

    Text columns are cast to ``Categorical`` and their physical codes used
    directly; a numeric ``value`` column is taken as is; a ``keys`` column of
    lists gives the keys of ``distinct`` rows, as :meth:`Figures.to_polars`
    writes it.  Pointers number rows as a CSV written from the frame would.

    Args:
        df: the frame.
        catalogue: the indicators, to tell numbers from keys.

    Returns:
        The figures and every problem.

    Examples:
        >>> import polars as pl
        >>> df = pl.DataFrame({"unit": ["G1", "G1"], "indicator": ["members", "people_honoured"],
        ...                    "period": ["2025", "2025"], "value": ["1.585", "P1;P2"]})
        >>> [(f.value, f.keys) for f in figures_from_polars(df).figures][0]
        (1585.0, None)
    """
    import polars as pl  # noqa: PLC0415 - optional extra, imported when used

    layout = _layout(list(df.columns), file=None, sheet=None)
    if not layout.complete:
        return _empty_result(layout.problems)
    n = df.height
    cols: dict[str, _Column] = {}
    row_keys: dict[int, frozenset[str]] = {}
    for field, index in layout.columns.items():
        series = df.to_series(index)
        if field == "keys":
            items = series.to_list()
            row_keys = {i: _keys(_as_keys(v)) for i, v in enumerate(items) if v is not None}
        elif field in ("value", "plan") and series.dtype.is_numeric():
            cols[field] = series.cast(pl.Float64).fill_null(np.nan).to_numpy()
        else:
            cols[field] = _polars_codes(series)
    return _assemble(
        n,
        cols,
        rows=np.arange(2, n + 2, dtype=np.int64),
        layout=layout,
        file=None,
        sheet=None,
        catalogue=catalogue,
        row_keys=row_keys,
    )


def _polars_codes(series: pl.Series) -> _Col:
    """Dictionary-encode a polars column through a ``Categorical`` cast (no per-row Python)."""
    import polars as pl  # noqa: PLC0415 - optional extra, imported when used

    dtype = series.dtype
    if dtype.is_numeric() or dtype == pl.Boolean:
        series = series.cast(pl.String)
    elif dtype not in (pl.String, pl.Categorical) and not isinstance(dtype, pl.Enum):
        return _encoded(series.to_list())  # lists, structs, objects: the Python values
    cat = series.cast(pl.Categorical)
    physical = cat.to_physical().cast(pl.Int64).fill_null(-1).to_numpy()
    distinct = cat.unique().drop_nulls()
    if distinct.len() == 0:
        return _Col(np.full(series.len(), -1, dtype=np.int64), [])
    distinct_codes = distinct.to_physical().cast(pl.Int64).to_numpy()
    top = int(distinct_codes.max())
    if top < 4 * (series.len() + 1_000):  # physical ids are compact: a lookup table
        remap = np.full(top + 2, -1, dtype=np.int64)  # remap[-1]: a null
        remap[distinct_codes] = np.arange(distinct_codes.size)
        codes = remap[physical]
    else:  # a global category table much larger than the column
        order = np.argsort(distinct_codes)
        position = np.searchsorted(distinct_codes[order], np.maximum(physical, 0))
        position = np.minimum(position, distinct_codes.size - 1)
        codes = np.where(physical < 0, -1, order[position]).astype(np.int64)
    return _Col(codes, distinct.cast(pl.String).to_list())
