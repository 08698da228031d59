"""What every picture shares: the lazy matplotlib import, the font, the axes, the numbers.

matplotlib is imported here, inside functions, so that ``import thidua.plot``
stays cheap; without it :func:`require` raises
:class:`~thidua.errors.MissingExtraError` naming ``pip install 'thidua[plot]'``.

Figures are :class:`matplotlib.figure.Figure` objects made directly (never
pyplot's global state), so drawing needs no display and no backend choice.
Every text is given the font family :data:`FONT` (DejaVu Sans, shipped with
matplotlib, covers the Vietnamese letters), per text: the global ``rcParams``
are never changed.

Examples:
    >>> vi_number(1585.0), vi_number(2.5), vi_number(83.333)
    ('1.585', '2,5', '83,33')

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from thidua.errors import InvalidArgumentError, MissingExtraError
from thidua.values import format_number_vi

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from thidua.rollup import RollUp

__all__ = [
    "FONT",
    "KIND_COLOURS",
    "axes_for",
    "figure_of",
    "require",
    "rollup_rows",
    "style_axes",
    "vi_number",
]

FONT: tuple[str, ...] = ("DejaVu Sans",)
"""The font family set on every text: DejaVu Sans ships with matplotlib and has
every Vietnamese letter (ă, â, đ, ê, ô, ơ, ư and the tone marks)."""

KIND_COLOURS: tuple[str, ...] = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
    "#393b79",
)
"""Colours given to unit kinds in rank order (then cycled); no red, the colour of moves."""


def require() -> None:
    """Import matplotlib, or raise :class:`~thidua.errors.MissingExtraError`.

    Raises:
        MissingExtraError: matplotlib is not installed (``pip install 'thidua[plot]'``).
    """
    try:
        import matplotlib.figure  # noqa: F401, PLC0415 - the optional extra, imported on use
    except ImportError:
        raise MissingExtraError("plot", "matplotlib") from None


def figure_of(ax: Axes) -> Figure:
    """The top-level figure an Axes is drawn in (through any subfigure)."""
    from matplotlib.figure import Figure  # noqa: PLC0415

    figure: Any = ax.figure
    while not isinstance(figure, Figure):
        figure = figure.figure
    return figure


def axes_for(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    """The given Axes and its figure, or a new figure of *size* inches with one Axes."""
    require()
    from matplotlib.figure import Figure  # noqa: PLC0415

    if ax is not None:
        return figure_of(ax), ax
    figure = Figure(figsize=size, layout="constrained")
    return figure, figure.add_subplot()


def style_axes(ax: Axes) -> None:
    """Give the tick labels the Vietnamese-capable font (ticks made later included)."""
    ax.tick_params(labelfontfamily=FONT[0])


def vi_number(value: float) -> str:
    """A number the Vietnamese way: whole numbers without decimals, others up to two."""
    if not math.isfinite(value):
        return "—"
    if float(value).is_integer():
        return format_number_vi(value)
    text = format_number_vi(value, 2)
    return text.rstrip("0").rstrip(",") if "," in text else text


def vi_formatter() -> Any:  # noqa: ANN401 - a matplotlib FuncFormatter, imported lazily
    """A tick formatter writing the Vietnamese number forms."""
    from matplotlib.ticker import FuncFormatter  # noqa: PLC0415

    return FuncFormatter(lambda value, _position: vi_number(float(value)))


def indicator_name(rollup: RollUp, indicator: str) -> str:
    """The Vietnamese name of a roll-up's indicator (its code when it has none)."""
    return rollup.indicator(indicator).name or indicator


def rollup_rows(
    rollups: Sequence[RollUp],
    indicator: str | None,
    units: Iterable[str] | None,
    level: int | str | None,
) -> list[int]:
    """The rows of ``rollups[0]`` to draw: *units*, or those of *level*, or a default level.

    With neither, the shallowest rank having at least two units with a value
    of *indicator* (any indicator when ``None``) in every roll-up.

    Raises:
        InvalidArgumentError: both *units* and *level* are given, or nothing is left.
        UnknownUnitError: a unit is not a row.
    """
    first = rollups[0]
    if units is not None and level is not None:
        msg = "give units or level, not both"
        raise InvalidArgumentError(msg)
    position = {u: i for i, u in enumerate(first.units)}
    if units is not None:
        rows = []
        for unit in units:
            first.row(unit, indicator or first.indicators[0])  # raises UnknownUnitError
            rows.append(position[unit])
    else:
        rows = [i for i in range(len(first.units)) if _has_value(rollups, i, indicator)]
        if isinstance(level, str):
            rows = [i for i in rows if first.kinds[i] == level]
        elif level is not None:
            rows = [i for i in rows if first.ranks[i] == level]
        else:
            ranks = sorted({first.ranks[i] for i in rows})
            chosen = next(
                (r for r in ranks if sum(first.ranks[i] == r for i in rows) >= 2),
                ranks[0] if ranks else None,
            )
            rows = [i for i in rows if first.ranks[i] == chosen]
    if not rows:
        msg = f"no unit to draw (units={units!r}, level={level!r})"
        raise InvalidArgumentError(msg)
    return rows


def _has_value(rollups: Sequence[RollUp], i: int, indicator: str | None) -> bool:
    unit = rollups[0].units[i]
    for r in rollups:
        if unit not in r:
            return False
        codes = [indicator] if indicator is not None else list(r.indicators)
        if not any(math.isfinite(r.value(unit, c)) for c in codes):
            return False
    return True
