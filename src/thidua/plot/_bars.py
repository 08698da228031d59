"""Roll-up pictures: an indicator by unit, as-was against restated, coverage as a heatmap.

Bars are horizontal (the Vietnamese unit names are long), one per unit from
the top down in the roll-up's order; each bar's ``gid`` is ``bar:<unit>``
(``as-was:<unit>`` and ``restated:<unit>`` for the grouped bars) and its
container's label is the indicator code (``as-was``, ``restated``), so that
:attr:`BarContainer.datavalues <matplotlib.container.BarContainer>` gives back
the plotted numbers.  Numbers are written the Vietnamese way
(:func:`thidua.format_number_vi`: ``12.925``, ``83,33``); a unit without a
value has no bar and the label ``—``.

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from thidua.errors import InvalidArgumentError
from thidua.plot._common import (
    FONT,
    axes_for,
    indicator_name,
    require,
    rollup_rows,
    style_axes,
    vi_formatter,
    vi_number,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.colors import Colormap
    from matplotlib.figure import Figure
    from matplotlib.ticker import Formatter

    from thidua.rollup import Coverage, RollUp

__all__ = ["as_was_vs_restated", "coverage_heatmap", "rollup_bars"]


def _height(rows: int) -> float:
    return max(2.5, 1.2 + 0.3 * rows)


def rollup_bars(
    rollup: RollUp,
    indicator: str,
    *,
    units: Iterable[str] | None = None,
    level: int | str | None = None,
    sort: bool = False,
    ax: Axes | None = None,
) -> Figure:
    """Draw a roll-up's *indicator* by unit as bars (chỉ tiêu theo đơn vị).

    Args:
        rollup: the roll-up (:func:`thidua.roll_up`).
        indicator: the indicator code.
        units: the units to draw, in this order (a unit without a value gets no bar).
        level: instead of *units*, the units of a rank (an ``int``) or a kind
            (a ``str``) that have a value.  Default (neither): the shallowest
            rank with at least two units having a value.
        sort: largest value first instead of the roll-up's order.
        ax: draw into this Axes (its figure is returned) instead of a new figure.

    Returns:
        The figure.

    Raises:
        MissingExtraError: matplotlib is not installed.
        UnknownIndicatorError: *indicator* is not a column of the roll-up.
        UnknownUnitError: a unit is not a row of the roll-up.
        InvalidArgumentError: both *units* and *level*, or no unit to draw.

    Examples:
        >>> from thidua.rollup._result import _example
        >>> r = _example()
        >>> fig = rollup_bars(r, "works_completed", units=["D1", "G1"])
        >>> ax = fig.axes[0]
        >>> [t.get_text() for t in ax.get_yticklabels()], ax.containers[0].datavalues.tolist()
        (['Liên đoàn Lao động quận Đống Đa', 'Công đoàn cơ sở Trường Tiểu học Kim Liên'], \
[9.0, 3.0])
    """
    require()
    rollup.aggregation(indicator)  # raises UnknownIndicatorError
    rows = rollup_rows([rollup], indicator, units, level)
    ids = [rollup.units[i] for i in rows]
    values = [rollup.value(u, indicator) for u in ids]
    if sort:
        order = sorted(range(len(ids)), key=lambda k: (-_key(values[k]), k))
        ids, values = [ids[k] for k in order], [values[k] for k in order]
    names = [rollup.row(u, indicator).name for u in ids]
    figure, axes = axes_for(ax, (8.0, _height(len(ids))))
    y = np.arange(len(ids))
    bars = axes.barh(y, values, color="#1f77b4", label=indicator)
    for patch, unit in zip(bars.patches, ids, strict=True):
        patch.set_gid(f"bar:{unit}")
    axes.bar_label(
        bars, labels=[vi_number(v) for v in values], padding=3, fontsize=8, fontfamily=FONT[0]
    )
    axes.set_yticks(y, labels=names)
    axes.invert_yaxis()
    axes.xaxis.set_major_formatter(vi_formatter())
    axes.margins(x=0.12)
    style_axes(axes)
    axes.set_title(
        f"{indicator_name(rollup, indicator)} ({indicator}) — {rollup.period.label_vi}",
        fontfamily=FONT,
        fontsize=10,
        loc="right",
    )
    return figure


def _key(value: float) -> float:
    return value if math.isfinite(value) else -math.inf


def as_was_vs_restated(
    as_was: RollUp,
    restated: RollUp,
    indicator: str,
    *,
    units: Iterable[str] | None = None,
    level: int | str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Draw two roll-ups of one indicator side by side per unit (số liệu gốc và quy đổi).

    Made for ``roll_up(ws, period)`` against ``roll_up(ws, period,
    restate_to=day)``, but any two roll-ups of the indicator will do.

    Args:
        as_was: the first roll-up (upper bar of each pair, label ``as-was``).
        restated: the second roll-up (lower bar, label ``restated``).
        indicator: the indicator code, a column of both.
        units: the units to draw, rows of either roll-up (no bar where a
            roll-up has no value or no such row).
        level: instead of *units*, the units of a rank or kind with a value
            in both roll-ups.  Default (neither): the units of both roll-ups
            whose two values differ (restating changed them), in the first
            roll-up's order.
        ax: draw into this Axes (its figure is returned) instead of a new figure.

    Returns:
        The figure.

    Raises:
        MissingExtraError: matplotlib is not installed.
        UnknownIndicatorError: *indicator* is not a column of both.
        UnknownUnitError: a unit is a row of neither.
        InvalidArgumentError: both *units* and *level*, or no unit to draw.

    Examples:
        >>> from thidua import Hierarchy
        >>> from thidua.figures import Figure, Figures
        >>> from thidua.rollup import roll_up
        >>> from thidua.testing import tiny_dataset
        >>> h = Hierarchy(tiny_dataset())
        >>> figs = Figures.from_records([Figure(unit="G1", indicator="new_members",
        ...                                     period="2024", value=12)])
        >>> was, now = roll_up(h, figs, 2024), roll_up(h, figs, 2024, restate_to="2026-01-01")
        >>> fig = as_was_vs_restated(was, now, "new_members", units=["D1", "W1"])
        >>> [c.get_label() for c in fig.axes[0].containers]
        ['as-was', 'restated']
        >>> [c.datavalues.tolist() for c in fig.axes[0].containers]
        [[12.0, nan], [nan, 12.0]]
    """
    require()
    as_was.aggregation(indicator)
    restated.aggregation(indicator)
    if units is not None or level is not None:
        if units is not None and level is not None:
            msg = "give units or level, not both"
            raise InvalidArgumentError(msg)
        if units is not None:
            ids = list(units)
            for unit in ids:
                if unit not in as_was and unit not in restated:
                    restated.row(unit, indicator)  # raises UnknownUnitError
        else:
            ids = [as_was.units[i] for i in rollup_rows([as_was, restated], indicator, None, level)]
    else:
        ids = [
            u
            for u in as_was.units
            if u in restated and not _same(as_was.value(u, indicator), restated.value(u, indicator))
        ]
        if not ids:
            msg = f"the two roll-ups agree on {indicator!r} at every unit they share"
            raise InvalidArgumentError(msg)

    def value(r: RollUp, unit: str) -> float:
        return r.value(unit, indicator) if unit in r else math.nan

    def name(unit: str) -> str:
        source = restated if unit in restated else as_was
        return source.row(unit, indicator).name

    first = [value(as_was, u) for u in ids]
    second = [value(restated, u) for u in ids]
    figure, axes = axes_for(ax, (8.0, _height(2 * len(ids))))
    y = np.arange(len(ids), dtype=float)
    width = 0.4
    pairs = (
        ("as-was", first, y - width / 2, "#1f77b4",
         f"như đã báo cáo (as was, {as_was.day:%d/%m/%Y})"),
        ("restated", second, y + width / 2, "#ff7f0e",
         f"quy đổi (restated, {restated.day:%d/%m/%Y})"),
    )  # fmt: skip
    for label, values, where, colour, legend in pairs:
        bars = axes.barh(where, values, height=width, color=colour, label=label)
        if bars.patches:
            bars.patches[0].set_label(legend)
        for patch, unit in zip(bars.patches, ids, strict=True):
            patch.set_gid(f"{label}:{unit}")
        texts = [vi_number(v) for v in values]
        axes.bar_label(bars, labels=texts, padding=3, fontsize=8, fontfamily=FONT[0])
    axes.set_yticks(y, labels=[name(u) for u in ids])
    axes.invert_yaxis()
    axes.xaxis.set_major_formatter(vi_formatter())
    axes.margins(x=0.12)
    style_axes(axes)
    handles = [c.patches[0] for c in axes.containers if len(c.patches)]  # type: ignore[attr-defined]
    axes.legend(handles=handles, prop={"family": FONT, "size": 8}, loc="lower right")
    axes.set_title(
        f"{indicator_name(as_was, indicator)} ({indicator}) — {as_was.period.label_vi}",
        fontfamily=FONT,
        fontsize=10,
        loc="right",
    )
    return figure


def _same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


def coverage_heatmap(
    source: RollUp | Sequence[Coverage],
    *,
    units: Iterable[str] | None = None,
    level: int | str | None = None,
    indicators: Iterable[str] | None = None,
    ax: Axes | None = None,
) -> Figure:
    r"""Draw who reported as a table-heatmap: units × indicators (tỷ lệ đơn vị báo cáo).

    Each cell is ``reported / expected`` (the units of the reporting kinds at
    or below the row's unit that have a figure of the column's indicator, out
    of those expected), coloured from red (0 %) to green (100 %) and written
    as ``reported/expected`` with the percent below; a unit expecting none is
    grey with ``—``.  The image's array (``ax.images[0].get_array()``) holds
    the shares (0 to 1, masked where nothing is expected); each cell's text
    has the ``gid`` ``cell:<unit>:<indicator>``.

    Args:
        source: a roll-up, or :class:`~thidua.rollup.Coverage` records (rows in
            order of first appearance, columns likewise).
        units: the rows (a roll-up only; default as in :func:`rollup_bars`).
        level: instead of *units*, a rank or kind (a roll-up only).
        indicators: the columns (default: every indicator).
        ax: draw into this Axes (its figure is returned) instead of a new figure.

    Returns:
        The figure.

    Raises:
        MissingExtraError: matplotlib is not installed.
        InvalidArgumentError: *units* or *level* with coverage records, or nothing to draw.

    Examples:
        >>> from thidua.rollup import Coverage
        >>> cells = [Coverage(unit="D1", indicator="x", expected=4, reported=3, missing=()),
        ...          Coverage(unit="W1", indicator="x", expected=2, reported=2, missing=())]
        >>> fig = coverage_heatmap(cells)
        >>> fig.axes[0].images[0].get_array().tolist()
        [[0.75], [1.0]]
        >>> [t.get_text() for t in fig.axes[0].texts]
        ['3/4\n75%', '2/2\n100%']
    """
    require()
    from thidua.rollup import RollUp  # noqa: PLC0415

    table: dict[tuple[str, str], tuple[int, int]] = {}
    names: dict[str, str] = {}
    if isinstance(source, RollUp):
        columns = list(indicators) if indicators is not None else list(source.indicators)
        for code in columns:
            source.aggregation(code)
        rows = rollup_rows([source], None, units, level)
        row_ids = [source.units[i] for i in rows]
        for i, unit in zip(rows, row_ids, strict=True):
            names[unit] = source.names[i]
            for code in columns:
                j = source.indicators.index(code)
                table[unit, code] = (int(source.reported[i, j]), int(source.expected[i]))
        title = f"Tỷ lệ đơn vị báo cáo (coverage) — {source.period.label_vi}"
    else:
        if units is not None or level is not None:
            msg = "units and level select rows of a roll-up, not of coverage records"
            raise InvalidArgumentError(msg)
        row_ids = list(dict.fromkeys(c.unit for c in source))
        columns = list(dict.fromkeys(c.indicator for c in source))
        if indicators is not None:
            columns = [c for c in indicators if c in columns]
        for record in source:
            table[record.unit, record.indicator] = (record.reported, record.expected)
            names[record.unit] = record.unit
        title = "Tỷ lệ đơn vị báo cáo (coverage)"
    if not row_ids or not columns:
        msg = "no coverage to draw"
        raise InvalidArgumentError(msg)
    share = np.full((len(row_ids), len(columns)), np.nan)
    figure, axes = axes_for(ax, (5.5 + 0.85 * len(columns), _height(len(row_ids))))
    for r, unit in enumerate(row_ids):
        for c, code in enumerate(columns):
            reported, expected = table.get((unit, code), (0, 0))
            if expected > 0:
                share[r, c] = reported / expected
                text = f"{reported}/{expected}\n{vi_number(round(100 * reported / expected, 1))}%"
            else:
                text = "—"
            axes.text(
                c, r, text, ha="center", va="center", fontsize=7, fontfamily=FONT,
                gid=f"cell:{unit}:{code}",
            )  # fmt: skip
    cmap = _cmap()
    image = axes.imshow(np.ma.masked_invalid(share), cmap=cmap, vmin=0.0, vmax=1.0, aspect="auto")
    axes.set_xticks(np.arange(len(columns)), labels=columns, rotation=45, ha="right")
    axes.set_yticks(np.arange(len(row_ids)), labels=[names[u] for u in row_ids])
    style_axes(axes)
    bar = figure.colorbar(image, ax=axes, fraction=0.04)
    bar.ax.yaxis.set_major_formatter(_percent_formatter())
    bar.ax.tick_params(labelfontfamily=FONT[0])
    axes.set_title(title, fontfamily=FONT, fontsize=10, loc="right")
    return figure


def _cmap() -> Colormap:
    import matplotlib as mpl  # noqa: PLC0415

    return mpl.colormaps["RdYlGn"].with_extremes(bad="#dddddd")


def _percent_formatter() -> Formatter:
    from matplotlib.ticker import FuncFormatter  # noqa: PLC0415

    return FuncFormatter(lambda value, _position: f"{vi_number(100 * float(value))}%")
