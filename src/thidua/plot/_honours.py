"""An eligibility funnel: how many candidates pass each condition of an honour's rule.

The first bar counts the candidates of the run; then, when the rule is "all
of the following" (:class:`~thidua.honours.All`), one bar per condition in
the rule's order, counting the candidates who meet that condition and every
one before it (cumulatively), so the last bar is the number eligible.  A rule
of another shape has one bar after the candidates: those who meet it.  The
counts are read from each candidate's :class:`~thidua.honours.Explanation`
(its top-level nodes' ``met``).  Each bar's ``gid`` is ``stage:<k>`` (0 for
the candidates); the container's label is the honour's code.

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import numpy as np

from thidua.errors import InvalidArgumentError
from thidua.plot._common import FONT, axes_for, require, style_axes, vi_formatter, vi_number

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from thidua.honours import Condition, Eligibility

__all__ = ["eligibility_funnel", "funnel_counts"]


def funnel_counts(result: Eligibility, lang: str = "vi") -> list[tuple[str, int]]:
    """The funnel's stages: (label, candidates left), the candidates first.

    Args:
        result: an eligibility run (:func:`thidua.honours.eligibility`).
        lang: ``vi`` or ``en``, the language of the conditions' labels.

    Raises:
        InvalidArgumentError: the honour has no eligibility rule in the run's rule set.

    Examples:
        >>> from thidua.honours import eligibility, load_catalogue
        >>> from thidua.people import History, Membership, Rating
        >>> h = History.from_records(
        ...     memberships=[Membership(person=p, unit="U", valid_from="2010-01-01")
        ...                  for p in "ABC"],
        ...     ratings=[Rating(subject="A", period="2024", rating="HTT"),
        ...              Rating(subject="B", period="2024", rating="HT")])
        >>> for label, count in funnel_counts(eligibility(h, load_catalogue(), "LDTT", "2024")):
        ...     print(count, label)
        3 ứng viên (candidates)
        1 xếp loại từ HTT trở lên năm 2024
        1 không đang bị xem xét kỷ luật, điều tra hoặc khiếu nại vào ngày đề nghị
    """
    from thidua.honours import All  # noqa: PLC0415

    rule = result.rule_set.rules.get(result.honour)
    if rule is None:
        msg = f"{result.honour!r} has no eligibility rule in rule set {result.rule_set.id!r}"
        raise InvalidArgumentError(msg)
    split = isinstance(rule.condition, All)
    trees = [result.explanation(s) for s in result.subjects]
    if split:
        stages = [_stage(c, result, lang) for c in rule.condition.children()]
        passed = np.ones(len(trees), dtype=bool)
        counts = []
        for k in range(len(stages)):
            passed &= np.array([t.children[k].met for t in trees], dtype=bool)
            counts.append(int(passed.sum()))
    else:
        stages = [rule.condition.label(result.period, lang)]
        counts = [sum(t.met for t in trees)]
    head = "ứng viên (candidates)" if lang == "vi" else "candidates"
    return [(head, len(trees)), *zip(stages, counts, strict=True)]


def _stage(condition: Condition, result: Eligibility, lang: str) -> str:
    """A stage's label: the condition's, followed by its sub-conditions' when it has any."""
    label = condition.label(result.period, lang)
    parts = [c.label(result.period, lang) for c in condition.children()]
    return f"{label}: {'; '.join(parts)}" if parts else label


def eligibility_funnel(result: Eligibility, *, lang: str = "vi", ax: Axes | None = None) -> Figure:
    """Draw how many candidates pass each condition of an honour's rule (phễu xét điều kiện).

    Args:
        result: an eligibility run (:func:`thidua.honours.eligibility`).
        lang: ``vi`` or ``en``, the language of the conditions' labels.
        ax: draw into this Axes (its figure is returned) instead of a new figure.

    Returns:
        The figure (bars from :func:`funnel_counts`, top to bottom, each with
        its count and its share of the candidates).

    Raises:
        MissingExtraError: matplotlib is not installed.
        InvalidArgumentError: the honour has no eligibility rule.

    Examples:
        >>> from thidua.honours import eligibility, load_catalogue
        >>> from thidua.people import History, Membership, Rating
        >>> h = History.from_records(
        ...     memberships=[Membership(person=p, unit="U", valid_from="2010-01-01")
        ...                  for p in "AB"],
        ...     ratings=[Rating(subject="A", period="2024", rating="HTXS")])
        >>> fig = eligibility_funnel(eligibility(h, load_catalogue(), "LDTT", "2024"))
        >>> fig.axes[0].containers[0].datavalues.tolist()
        [2.0, 1.0, 1.0]
    """
    require()
    stages = funnel_counts(result, lang)
    figure, axes = axes_for(ax, (9.0, max(2.5, 1.4 + 0.55 * len(stages))))
    y = np.arange(len(stages))
    counts = [float(c) for _, c in stages]
    colours = ["#7f7f7f", *["#1f77b4"] * (len(stages) - 2), "#2ca02c"][: len(stages)]
    bars = axes.barh(y, counts, color=colours, label=result.honour)
    for k, patch in enumerate(bars.patches):
        patch.set_gid(f"stage:{k}")
    total = counts[0]
    texts = [
        f"{vi_number(c)} ({vi_number(round(100 * c / total, 1))}%)" if total else vi_number(c)
        for c in counts
    ]
    axes.bar_label(bars, labels=texts, padding=3, fontsize=8, fontfamily=FONT[0])
    labels = [textwrap.fill(label, 48, max_lines=4, placeholder=" …") for label, _ in stages]
    axes.set_yticks(y, labels=labels)
    axes.invert_yaxis()
    axes.xaxis.set_major_formatter(vi_formatter())
    axes.margins(x=0.2)
    style_axes(axes)
    known = result.honour in result.catalogue
    name = result.catalogue[result.honour].name_vi if known else result.honour
    when = result.period.label_vi if lang == "vi" else str(result.period)
    axes.set_title(
        f"{name} ({result.honour}) {when} — {result.rule_set.id}",
        fontfamily=FONT,
        fontsize=10,
        loc="right",
    )
    return figure
