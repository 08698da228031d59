"""Figures: reported values keyed by (unit, indicator, period), stored in columns.

* indicators and their catalogue: :class:`Indicator`, :class:`Aggregation`,
  :class:`Direction`, :class:`IndicatorCatalogue`, :data:`BUILTIN_INDICATORS`; reading and writing
  a catalogue: :func:`load_catalogue`, :func:`read_indicators_csv`,
  :func:`write_indicators_csv`;
* the store: :class:`Figures` (columns), :class:`Figure` (a record), :class:`Scope`;
* reading, with every bad cell reported as a problem: :func:`read_figures_csv`,
  :func:`read_figures_excel`, :func:`figures_from_pandas`,
  :func:`figures_from_polars`, :func:`figures_from_records`, all but the last
  returning a :class:`FiguresResult`;
* writing, losslessly: :func:`write_figures_csv`, :func:`write_figures_excel`,
  :meth:`Figures.to_pandas`, :meth:`Figures.to_polars`;
* checking against a hierarchy and a catalogue: :func:`validate_figures`;
* the two tables, each declared once (columns, types, Vietnamese headers,
  key, sheet names): :data:`INDICATORS_DECLARATION`, :data:`FIGURES_DECLARATION`
  (both in :data:`FIGURE_TABLES`); :data:`INDICATOR_COLUMNS`,
  :data:`INDICATOR_TABLE` and :data:`FIGURE_COLUMNS` are derived from them.

Examples:
    >>> from thidua.periods import Period
    >>> from thidua.testing import tiny_dataset
    >>> from thidua.hierarchy import Hierarchy
    >>> figs = figures_from_records([
    ...     Figure(unit="G1", indicator="new_members", period=Period.year(2024), value=12),
    ...     Figure(unit="W1", indicator="new_members", period=Period.year(2024), value=3),
    ... ])
    >>> for p in validate_figures(figs, Hierarchy(tiny_dataset())):
    ...     print(p.code, p.message)  # doctest: +NORMALIZE_WHITESPACE
    F003 unit 'W1' (Công đoàn phường Kim Liên) is not alive during the whole period 2024
         of indicator 'new_members' (Phát triển đoàn viên mới): it exists from 2025-07-01

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   Indicators and their catalogue moved in (from :mod:`thidua.indicators` and
   :mod:`thidua.indicators_io`, which still work and warn).
"""

from thidua.figures._assembly import FiguresResult
from thidua.figures._catalogue_io import (
    AGGREGATION_ALIASES,
    DIRECTION_ALIASES,
    INDICATOR_COLUMNS,
    INDICATOR_TABLE,
    indicator_from_row,
    load_catalogue,
    read_indicators_csv,
    write_indicators_csv,
)
from thidua.figures._columns import FIGURE_COLUMNS
from thidua.figures._frames import figures_from_pandas, figures_from_polars
from thidua.figures._indicators import (
    BUILTIN_INDICATORS,
    Aggregation,
    Direction,
    Indicator,
    IndicatorCatalogue,
)
from thidua.figures._read import (
    FiguresReading,
    figures_from_records,
    read_figures_csv,
    read_figures_excel,
)
from thidua.figures._store import Figure, Figures, Scope
from thidua.figures._tables import FIGURE_TABLES, FIGURES_DECLARATION, INDICATORS_DECLARATION
from thidua.figures._validate import (
    SUMMARISED_CODES,
    FigureCheck,
    check_figures,
    validate_figures,
)
from thidua.figures._write import format_figure_value, write_figures_csv, write_figures_excel

__all__ = [
    "AGGREGATION_ALIASES",
    "BUILTIN_INDICATORS",
    "DIRECTION_ALIASES",
    "FIGURES_DECLARATION",
    "FIGURE_COLUMNS",
    "FIGURE_TABLES",
    "INDICATORS_DECLARATION",
    "INDICATOR_COLUMNS",
    "INDICATOR_TABLE",
    "SUMMARISED_CODES",
    "Aggregation",
    "Direction",
    "Figure",
    "FigureCheck",
    "Figures",
    "FiguresReading",
    "FiguresResult",
    "Indicator",
    "IndicatorCatalogue",
    "Scope",
    "check_figures",
    "figures_from_pandas",
    "figures_from_polars",
    "figures_from_records",
    "format_figure_value",
    "indicator_from_row",
    "load_catalogue",
    "read_figures_csv",
    "read_figures_excel",
    "read_indicators_csv",
    "validate_figures",
    "write_figures_csv",
    "write_figures_excel",
    "write_indicators_csv",
]
