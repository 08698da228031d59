"""Render the pictures of ``docs/plot.md`` from the shipped Hà Nội sample.

One PNG per function of :mod:`thidua.plot`, named after it
(``snapshot_tree.png`` …).  The docs site build calls :func:`render_all` and
writes the files to ``docs/pictures/`` (they are not committed); by hand::

    .venv/bin/python tools/pictures.py docs/pictures [--dpi 100]
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from thidua.workspace import Workspace

__all__ = ["NAMES", "figures", "main", "render_all"]

NAMES = (
    "snapshot_tree",
    "before_after",
    "rollup_bars",
    "as_was_vs_restated",
    "campaign_attainment",
    "coverage_heatmap",
    "eligibility_funnel",
)
"""The pictures, each named after the function drawing it."""


def figures(workspace: Workspace) -> dict[str, Callable[[], Figure]]:
    """Each picture's name and a function drawing it from *workspace* (the Hà Nội sample)."""
    import thidua  # noqa: PLC0415
    from thidua import plot  # noqa: PLC0415
    from thidua.campaigns import evaluate_campaign  # noqa: PLC0415
    from thidua.honours import eligibility  # noqa: PLC0415

    h = workspace.hierarchy
    june = h.as_of("2025-06-30")

    def restated() -> Figure:
        as_was = thidua.roll_up(workspace, 2024, indicators=["new_members"])
        now = thidua.roll_up(workspace, 2024, indicators=["new_members"], restate_to="2026-01-01")
        # Long Biên's grassroots unions; CDCS-0030 absorbed CDCS-0036 on 01/04/2025.
        units = h.as_of("2024-12-31").children("LDLD-LONGBIEN")
        return plot.as_was_vs_restated(as_was, now, "new_members", units=units)

    return {
        "snapshot_tree": lambda: plot.snapshot_tree(june, "HN", depth=1),
        "before_after": lambda: plot.before_after(
            h, "HN", "2025-06-30", "2025-07-01", focus=june.children("LDLD-BADINH")
        ),
        "rollup_bars": lambda: plot.rollup_bars(
            thidua.roll_up(workspace, 2024, indicators=["new_members"]), "new_members", sort=True
        ),
        "as_was_vs_restated": restated,
        "campaign_attainment": lambda: plot.campaign_attainment(
            evaluate_campaign(workspace, "80/KH-LĐLĐ")
        ),
        "coverage_heatmap": lambda: plot.coverage_heatmap(thidua.roll_up(workspace, 2024)),
        "eligibility_funnel": lambda: plot.eligibility_funnel(
            eligibility(workspace, "CSTDCS", "2024")
        ),
    }


def render_all(*, dpi: int = 100, workspace: Workspace | None = None) -> dict[str, bytes]:
    """Every picture as PNG bytes, by file name (``snapshot_tree.png`` …).

    Args:
        dpi: the resolution.
        workspace: the data (default: the shipped Hà Nội sample, loaded and checked).
    """
    import thidua  # noqa: PLC0415
    from thidua.datasets import hanoi_path  # noqa: PLC0415

    ws = workspace if workspace is not None else thidua.load(hanoi_path())
    out: dict[str, bytes] = {}
    for name, draw in figures(ws).items():
        buffer = io.BytesIO()
        draw().savefig(buffer, format="png", dpi=dpi)
        out[f"{name}.png"] = buffer.getvalue()
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Write every picture to the directory given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="the directory to write the PNG files to")
    parser.add_argument("--dpi", type=int, default=100)
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for name, data in render_all(dpi=args.dpi).items():
        (out / name).write_bytes(data)
        print(out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
