"""A campaign's attainment per unit: actual against plan, in percent, with the 100 % line.

One horizontal bar per pledge (đăng ký thi đua) of a
:class:`~thidua.campaigns.CampaignReport`: its length is the percent
(``100 × actual / plan``; none without an actual or with a zero plan), its
colour the :class:`~thidua.campaigns.PledgeState`, its label the attainment as
offices write it (``269/215 (125,1%)``).  A dashed line marks 100 %.  Each
bar's ``gid`` is ``pledge:<pledge id>``; the container's label is ``percent``.

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from thidua.errors import InvalidArgumentError
from thidua.plot._common import FONT, axes_for, require, style_axes, vi_formatter

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from thidua.campaigns import CampaignReport

__all__ = ["STATE_COLOURS", "STATE_LABELS", "campaign_attainment"]

STATE_COLOURS: dict[str, str] = {
    "reached": "#2ca02c",
    "not_reached": "#d62728",
    "in_progress": "#1f77b4",
    "no_data": "#7f7f7f",
    "cancelled": "#c7c7c7",
}
"""The colour of each pledge state."""

STATE_LABELS: dict[str, str] = {
    "reached": "đạt (reached)",
    "not_reached": "không đạt (not reached)",
    "in_progress": "đang thực hiện (in progress)",
    "no_data": "chưa có số liệu (no data)",
    "cancelled": "đã hủy (cancelled)",
}
"""The legend's words for each pledge state, Vietnamese then English."""


def campaign_attainment(
    report: CampaignReport,
    *,
    indicator: str | None = None,
    rank: int | None = None,
    units: Iterable[str] | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Draw each pledge's actual against its plan, in percent (kết quả thực hiện đăng ký).

    Args:
        report: the campaign's report (:func:`thidua.campaigns.evaluate_campaign`).
        indicator: only the pledges of this indicator (default: all).
        rank: only the pledges of units of this rank.  Default: the
            shallowest rank that pledged (the districts of a city campaign).
        units: instead of *rank*, the pledges of these units, in this order.
        ax: draw into this Axes (its figure is returned) instead of a new figure.

    Returns:
        The figure.

    Raises:
        MissingExtraError: matplotlib is not installed.
        InvalidArgumentError: both *rank* and *units*, or no pledge left.

    Examples:
        >>> from thidua.campaigns import evaluate_campaign
        >>> from thidua.campaigns._examples import example_workspace
        >>> report = evaluate_campaign(example_workspace(), "80/KH-LDLD")
        >>> fig = campaign_attainment(report, units=["D1", "G1", "G3"])
        >>> bars = fig.axes[0].containers[0]
        >>> [p.get_gid() for p in bars], [round(float(v), 1) for v in bars.datavalues]
        (['pledge:P1', 'pledge:P2', 'pledge:P3'], [104.3, 80.0, nan])
    """
    require()
    if rank is not None and units is not None:
        msg = "give rank or units, not both"
        raise InvalidArgumentError(msg)
    pledges = [p for p in report.pledges if indicator is None or p.indicator == indicator]
    ranks = {p.pledger: report.unit(p.pledger).rank for p in pledges if p.pledger in report}
    if units is not None:
        order = {u: k for k, u in enumerate(dict.fromkeys(units))}
        chosen = sorted((p for p in pledges if p.pledger in order), key=lambda p: order[p.pledger])
    else:
        level = rank if rank is not None else min(ranks.values(), default=None)
        chosen = [p for p in pledges if ranks.get(p.pledger) == level]
    if not chosen:
        msg = f"no pledge to draw (indicator={indicator!r}, rank={rank!r}, units={units!r})"
        raise InvalidArgumentError(msg)
    several = len({p.indicator for p in chosen}) > 1
    labels = []
    for p in chosen:
        name = report.unit(p.pledger).name if p.pledger in report else p.pledger
        labels.append(f"{name} · {p.indicator}" if several else name)
    percent = [math.nan if p.percent is None else p.percent for p in chosen]
    figure, axes = axes_for(ax, (9.0, max(2.5, 1.4 + 0.3 * len(chosen))))
    y = np.arange(len(chosen))
    colours = [STATE_COLOURS[p.state.value] for p in chosen]
    bars = axes.barh(y, percent, color=colours, label="percent")
    for patch, p in zip(bars.patches, chosen, strict=True):
        patch.set_gid(f"pledge:{p.id}")
    axes.bar_label(
        bars, labels=[p.attainment for p in chosen], padding=3, fontsize=7, fontfamily=FONT[0]
    )
    axes.axvline(100.0, color="#333333", linestyle="--", linewidth=1.0, zorder=3, gid="100%")
    axes.set_yticks(y, labels=labels)
    axes.invert_yaxis()
    axes.xaxis.set_major_formatter(vi_formatter())
    axes.set_xlabel("% kế hoạch (percent of plan)", fontfamily=FONT)
    axes.margins(x=0.18)
    style_axes(axes)
    from matplotlib.patches import Patch  # noqa: PLC0415

    present = [s for s in STATE_COLOURS if any(p.state.value == s for p in chosen)]
    handles = [Patch(color=STATE_COLOURS[s], label=STATE_LABELS[s]) for s in present]
    axes.legend(handles=handles, prop={"family": FONT, "size": 8}, loc="lower right")
    campaign = report.campaign
    title = f"{campaign.name or campaign.id} — {report.as_of:%d/%m/%Y}"
    axes.set_title(title, fontfamily=FONT, fontsize=10, loc="right")
    return figure
