"""``thidua demo``: the main job on the shipped Hà Nội sample.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import argparse
from pathlib import Path

import attrs

from thidua._tree import render_tree
from thidua.cli import rollup
from thidua.cli._common import Context, add_number_option
from thidua.cli.validate import summary
from thidua.figures import Figures, read_figures_csv, validate_figures
from thidua.hierarchy import Hierarchy
from thidua.indicators import IndicatorCatalogue
from thidua.indicators_io import load_catalogue
from thidua.io import LoadResult
from thidua.loading import check
from thidua.problems import Report
from thidua.typing import ProgressCallback

__all__ = ["Sample", "add_parser", "load", "run"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the sub-command."""
    p = sub.add_parser("demo", help="run the main job on the shipped Hà Nội sample")
    add_number_option(p)
    p.set_defaults(run=run)


@attrs.frozen(kw_only=True)
class Sample:
    """What the demo reads: the sample's path, its dataset, figures and their problems."""

    path: Path
    loaded: LoadResult
    hierarchy: Hierarchy
    figures: Figures
    catalogue: IndicatorCatalogue
    figures_report: Report


def load(progress: ProgressCallback) -> Sample:
    """Read and check the sample (the one place this command reads it)."""
    from thidua.datasets import hanoi_path  # noqa: PLC0415

    path = hanoi_path()
    result = check(path, progress=progress)
    hierarchy = Hierarchy(result.dataset)
    catalogue, _ = load_catalogue(None)
    figs = read_figures_csv(path / "figures.csv", catalogue=catalogue)
    report = figs.report + validate_figures(figs.figures, hierarchy, catalogue)
    return Sample(
        path=path,
        loaded=result,
        hierarchy=hierarchy,
        figures=figs.figures,
        catalogue=catalogue,
        figures_report=report,
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``thidua demo``."""
    out = ctx.out
    sample = load(ctx.progress)
    ctx.progress.close()
    out.write(f"thidua demo: the Hà Nội sample ({sample.path})\n\n== validate ==\n")
    code = summary(sample.loaded.dataset, sample.loaded.report, "text", ctx)
    hierarchy = sample.hierarchy
    for day in ("2025-06-30", "2025-07-01"):
        out.write(f"\n== tree on {day} (two levels) ==\n")
        out.write(render_tree(hierarchy.as_of(day), root="HN", depth=1, numbers=ctx.numbers))
    diff = hierarchy.diff("2025-06-30", "2025-07-01")
    out.write("\n== diff 30/06/2025 → 01/07/2025 ==\n")
    out.write(
        f"added {len(diff.added)}, removed {len(diff.removed)}, moved {len(diff.moved)}, "
        f"renamed {len(diff.renamed)}, merged {len(diff.merged)}, split {len(diff.split)}\n"
    )
    demo = rollup.demo(hierarchy, sample.figures, sample.catalogue, sample.figures_report, ctx)
    return max(code, demo)
