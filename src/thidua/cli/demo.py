"""``thidua demo``: the main job on the shipped Hà Nội sample.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import argparse

from thidua.cli import campaign, honours, rollup
from thidua.cli._common import Context, add_number_option
from thidua.cli.validate import summary
from thidua.hierarchy import render_tree
from thidua.typing import ProgressCallback
from thidua.workspace import WorkspaceResult, check

__all__ = ["add_parser", "load", "run"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the sub-command."""
    p = sub.add_parser("demo", help="run the main job on the shipped Hà Nội sample")
    add_number_option(p)
    p.set_defaults(run=run)


def load(progress: ProgressCallback) -> WorkspaceResult:
    """Read and check the sample (the one place this command reads it)."""
    from thidua.datasets import hanoi_path  # noqa: PLC0415

    return check(hanoi_path(), progress=progress)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``thidua demo``."""
    out = ctx.out
    sample = load(ctx.progress)
    ctx.progress.close()
    out.write(f"thidua demo: the Hà Nội sample ({sample.source})\n\n== validate ==\n")
    code = summary(sample.workspace, sample.report, "text", ctx)
    hierarchy = sample.workspace.hierarchy
    for day in ("2025-06-30", "2025-07-01"):
        out.write(f"\n== tree on {day} (two levels) ==\n")
        out.write(render_tree(hierarchy.as_of(day), root="HN", depth=1, numbers=ctx.numbers))
    diff = hierarchy.diff("2025-06-30", "2025-07-01")
    out.write("\n== diff 30/06/2025 → 01/07/2025 ==\n")
    out.write(
        f"added {len(diff.added)}, removed {len(diff.removed)}, moved {len(diff.moved)}, "
        f"renamed {len(diff.renamed)}, merged {len(diff.merged)}, split {len(diff.split)}\n"
    )
    demo = rollup.demo(sample.workspace, sample.report, ctx)
    report = campaign.demo(sample.workspace, sample.report, ctx, "HN-DTCD-2023")
    eligible = honours.demo(sample.workspace, sample.report, ctx)
    return max(code, demo, report, eligible)
