"""Pictures of thidua's objects, drawn with matplotlib (the ``plot`` extra).

``pip install 'thidua[plot]'`` installs matplotlib; without it each function
raises :class:`~thidua.errors.MissingExtraError`.  Each function returns a
:class:`matplotlib.figure.Figure` made directly (no pyplot, no display
needed) and takes ``ax=`` to draw into an Axes of your own instead:

* :func:`snapshot_tree`: a snapshot's subtree as a tree, kinds coloured,
  counts on the nodes; :func:`before_after`: the same subtree on two dates,
  moved units marked;
* :func:`rollup_bars`: a roll-up's indicator by unit; :func:`as_was_vs_restated`:
  two roll-ups side by side; :func:`coverage_heatmap`: who reported, as a
  table-heatmap;
* :func:`campaign_attainment`: a campaign's pledges, actual against plan;
* :func:`eligibility_funnel` (:func:`funnel_counts`): how many candidates pass
  each condition of an honour's rule.

Texts use the font family :data:`FONT` (DejaVu Sans, shipped with matplotlib,
which has every Vietnamese letter), set on each text; the global
``rcParams`` are left alone.  See ``docs/plot.md``.

Examples:
    >>> from thidua import Hierarchy
    >>> from thidua.plot import snapshot_tree
    >>> from thidua.testing import tiny_dataset
    >>> fig = snapshot_tree(Hierarchy(tiny_dataset()).as_of("2025-07-01"), "W1")
    >>> type(fig).__name__, [t.get_gid() for t in fig.axes[0].texts]
    ('Figure', ['node:W1', 'node:G1', 'node:G2'])

.. versionadded:: 0.4.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thidua._lazy import lazy_face

if TYPE_CHECKING:
    from thidua.plot._bars import as_was_vs_restated, coverage_heatmap, rollup_bars
    from thidua.plot._campaign import STATE_COLOURS, STATE_LABELS, campaign_attainment
    from thidua.plot._common import FONT
    from thidua.plot._honours import eligibility_funnel, funnel_counts
    from thidua.plot._tree import before_after, snapshot_tree

__all__ = [
    "FONT",
    "STATE_COLOURS",
    "STATE_LABELS",
    "as_was_vs_restated",
    "before_after",
    "campaign_attainment",
    "coverage_heatmap",
    "eligibility_funnel",
    "funnel_counts",
    "rollup_bars",
    "snapshot_tree",
]

_EXPORTS = {
    "FONT": "thidua.plot._common",
    "STATE_COLOURS": "thidua.plot._campaign",
    "STATE_LABELS": "thidua.plot._campaign",
    "as_was_vs_restated": "thidua.plot._bars",
    "before_after": "thidua.plot._tree",
    "campaign_attainment": "thidua.plot._campaign",
    "coverage_heatmap": "thidua.plot._bars",
    "eligibility_funnel": "thidua.plot._honours",
    "funnel_counts": "thidua.plot._honours",
    "rollup_bars": "thidua.plot._bars",
    "snapshot_tree": "thidua.plot._tree",
}

__getattr__, __dir__ = lazy_face(__name__, _EXPORTS, __all__)
