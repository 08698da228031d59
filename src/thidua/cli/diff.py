"""``thidua diff PATH --from D1 --to D2``: what changed between two dates.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import argparse
import json

from thidua.cli._common import EXIT_OK, Context, add_encoding_option, date_arg, warn_errors
from thidua.hierarchy import Hierarchy, HierarchyDiff
from thidua.problems import Report
from thidua.typing import ProgressCallback
from thidua.workspace import check

__all__ = ["add_parser", "load", "render_diff", "run"]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the sub-command."""
    p = sub.add_parser("diff", help="what changed between two dates")
    p.add_argument("path")
    p.add_argument("--from", dest="start", type=date_arg, required=True)
    p.add_argument("--to", dest="end", type=date_arg, required=True)
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_encoding_option(p)
    p.set_defaults(run=run)


def load(
    path: str, progress: ProgressCallback, encoding: str | None = None
) -> tuple[Hierarchy, Report]:
    """Read and check the input (the one place this command reads it)."""
    result = check(path, progress=progress, encoding=encoding)
    return result.workspace.hierarchy, result.report


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``thidua diff``."""
    hierarchy, report = load(args.path, ctx.progress, args.encoding)
    ctx.progress.close()
    warn_errors(report, ctx.err)
    diff = hierarchy.diff(args.start, args.end)
    if args.format == "json":
        ctx.out.write(json.dumps(diff.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        ctx.out.write(render_diff(hierarchy, diff))
    return EXIT_OK


def render_diff(hierarchy: Hierarchy, diff: HierarchyDiff) -> str:
    """A readable summary of a :class:`~thidua.hierarchy.HierarchyDiff`.

    Examples:
        >>> from thidua import Hierarchy
        >>> from thidua.testing import tiny_dataset
        >>> h = Hierarchy(tiny_dataset())
        >>> print(render_diff(h, h.diff("2025-06-30", "2025-07-01")), end="")
        Changes after 2025-06-30 up to 2025-07-01:
          added 1: Công đoàn phường Kim Liên [W1]
          removed 2: Liên đoàn Lao động quận Đống Đa [D1], Công đoàn ngành Y tế Hà Nội [S1]
          moved 3:
            Công đoàn cơ sở Trường Tiểu học Kim Liên [G1]: D1 → W1
            Công đoàn cơ sở Công ty CP Hòa Bình [G2]: D1 → W1
            Công đoàn Bệnh viện Đống Đa [G3]: D1 → HN
    """

    def label(uid: str, day: object) -> str:
        return f"{hierarchy.name_on(uid, day)} [{uid}]"  # type: ignore[arg-type]

    lines = [f"Changes after {diff.start.isoformat()} up to {diff.end.isoformat()}:"]
    if diff.is_empty:
        lines.append("  none")
    if diff.added:
        names = ", ".join(label(u, diff.end) for u in diff.added)
        lines.append(f"  added {len(diff.added)}: {names}")
    if diff.removed:
        names = ", ".join(label(u, diff.start) for u in diff.removed)
        lines.append(f"  removed {len(diff.removed)}: {names}")
    if diff.moved:
        lines.append(f"  moved {len(diff.moved)}:")
        lines.extend(
            f"    {label(m.unit, diff.end)}: {m.old_parent or '—'} → {m.new_parent or '—'}"
            for m in diff.moved
        )
    if diff.renamed:
        lines.append(f"  renamed {len(diff.renamed)}:")
        lines.extend(f"    [{r.unit}] {r.old_name} → {r.new_name}" for r in diff.renamed)
    for title, events in (("merged", diff.merged), ("split", diff.split)):
        if events:
            lines.append(f"  {title} {len(events)}:")
            lines.extend(
                f"    {e.id} ({e.document or 'no document'}): {', '.join(e.originals)} → "
                f"{', '.join(e.results)}"
                for e in events
            )
    return "\n".join(lines) + "\n"
