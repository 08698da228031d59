"""Sample data shipped with thidua, and generators of synthetic histories.

* :func:`hanoi_path` / :func:`load_hanoi`: the Hà Nội city federation
  (Liên đoàn Lao động thành phố Hà Nội) before and after the reorganisation
  of 01/07/2025.  Unit names of the city, its 30 former district federations,
  the main sector unions and cluster 1 are real; grassroots unions, their
  assignments, most document numbers and all figures are synthetic (see
  ``docs/datasets.md`` and ``SOURCES.md`` beside the files).  It also holds
  the city's 2023 peak campaign (plan 80/KH-LĐLĐ): its totals are real, the
  individual pledges, works and contest entries synthetic.
* :mod:`thidua.datasets.national`: a generator of national-size synthetic
  histories for benchmarks and tests.

Examples:
    >>> ds = load_hanoi()
    >>> sum(u.kind == "district" for u in ds.units)
    30

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from thidua.hierarchy import Dataset

__all__ = ["hanoi_path", "load_hanoi"]


def hanoi_path() -> Path:
    """The directory of the Hà Nội sample (``units.csv``, ``links.csv``, … ``figures.csv``).

    Besides the hierarchy and the figures it holds the 2023 peak campaign
    (``campaigns.csv``, ``pledges.csv``, ``works.csv``, ``contests.csv`` …).

    Examples:
        >>> names = {p.name for p in hanoi_path().glob("*.csv")}
        >>> {"units.csv", "figures.csv", "campaigns.csv", "people.csv"} <= names
        True
    """
    return Path(str(resources.files("thidua.datasets") / "hanoi"))


def load_hanoi() -> Dataset:
    """Load and validate the Hà Nội sample hierarchy (strict).

    Examples:
        >>> load_hanoi().metadata.get("title", "")[:6] in ("", "Hà Nội")
        True
    """
    from thidua.workspace import load  # noqa: PLC0415  (the workspace imports the io layer)

    return load(hanoi_path()).dataset
