"""The ``thidua`` command line.

Sub-commands::

    thidua validate PATH [--as-of DATE] [--format text|json]
    thidua tree PATH [--as-of DATE] [--root ID] [--depth N] [--relation NAME]
    thidua diff PATH --from D1 --to D2 [--format text|json]
    thidua rollup PATH --period TEXT [--as-of DATE | --restate-to DATE] ...
    thidua demo

Exit codes: 0 when no error was found (warnings allowed), 1 when errors were
found, 2 when the input cannot be read or the command line is wrong.

Examples:
    >>> from thidua.datasets import hanoi_path
    >>> main(["validate", str(hanoi_path())])
    OK: ... units, ... links, ... events, ... figures, no problems.
    0

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from thidua._dates import parse_date
from thidua.errors import DateParseError, ThiduaError, UnreadableInputError
from thidua.hierarchy import Hierarchy
from thidua.problems import Report
from thidua.snapshot import Snapshot
from thidua.workspace import Workspace, check

__all__ = ["main"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2


class _Progress:
    """A one-line progress display on stderr for long loads (only on a terminal)."""

    def __init__(self, stream: TextIO, *, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.shown = False

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        if total:
            width = 30
            filled = int(width * done / total) if total else width
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\r{stage:<22} [{bar}] {done:>9,}/{total:,}")
        else:
            self.stream.write(f"\r{stage:<22} {done:>9,} rows")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def _date(text: str) -> str:
    try:
        parse_date(text)
    except DateParseError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thidua",
        description="Emulation-and-commendation (thi đua, khen thưởng) data: check "
        "hierarchies, show them as of a date, compare dates, roll up figures.",
        epilog="Exit codes: 0 no errors, 1 errors found, 2 unreadable input or bad usage.",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show progress while loading (default: only on a terminal)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check a dataset and list every problem")
    p.add_argument(
        "path", help="a dataset directory (CSV), a .json/.yaml file or an .xlsx workbook"
    )
    p.add_argument("--as-of", type=_date, help="check the structure of this day only")
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser("tree", help="show the hierarchy of a day as an indented tree")
    p.add_argument("path")
    p.add_argument(
        "--as-of",
        type=_date,
        help="the day (default: today is never assumed; the last structural change is used)",
    )
    p.add_argument("--root", help="start from this unit id (default: every root)")
    p.add_argument("--depth", type=int, default=None, help="levels below the root to show")
    p.add_argument("--relation", default="admin", help="relation to follow (default admin)")

    p = sub.add_parser("diff", help="what changed between two dates")
    p.add_argument("path")
    p.add_argument("--from", dest="start", type=_date, required=True)
    p.add_argument("--to", dest="end", type=_date, required=True)
    p.add_argument("--format", choices=("text", "json"), default="text")

    _add_rollup_parser(sub)

    sub.add_parser("demo", help="run the main job on the shipped Hà Nội sample")
    return parser


def _add_rollup_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "rollup",
        help="roll figures up the hierarchy (PATH holds figures.csv, optionally indicators.csv)",
    )
    p.add_argument("path", help="a dataset directory holding figures.csv")
    p.add_argument("--period", required=True, help="e.g. 2024, 2024-H1, 'quý III/2024'")
    basis = p.add_mutually_exclusive_group()
    basis.add_argument("--as-of", type=_date, help="as-was: output the structure of this day")
    basis.add_argument(
        "--restate-to", type=_date, help="restated: roll everything along this day's structure"
    )
    p.add_argument(
        "--relation", action="append", help="relation to follow (repeat for a union; default admin)"
    )
    p.add_argument("--indicator", nargs="+", help="indicator codes (default: all present)")
    rows = p.add_mutually_exclusive_group()
    rows.add_argument("--rank", type=int, help="only output units of this rank")
    rows.add_argument("--kind", help="only output units of this kind")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Examples:
        >>> main(["diff", "no/such/dir", "--from", "2025-01-01", "--to", "2025-07-01"])
        Traceback (most recent call last):
        ...
        SystemExit: 2
    """
    parser = _parser()
    args = parser.parse_args(argv)
    out, err = sys.stdout, sys.stderr
    progress = _Progress(err, enabled=err.isatty() if args.progress is None else args.progress)
    try:
        if args.command == "demo":
            return _demo(out, progress)
        if args.command == "rollup":
            from thidua import _cli_rollup  # noqa: PLC0415

            return _cli_rollup.run(args, out, err, progress)
        result = check(args.path, on=getattr(args, "as_of", None), progress=progress)
    except UnreadableInputError as exc:
        progress.close()
        err.write(f"thidua: {exc}\n")
        raise SystemExit(EXIT_UNREADABLE) from None
    except (ThiduaError, ValueError) as exc:
        progress.close()
        err.write(f"thidua: {exc}\n")
        return EXIT_UNREADABLE
    progress.close()
    if args.command == "validate":
        return _validate(result.workspace, result.report, args.format, out)
    hierarchy = result.workspace.hierarchy
    _warn_errors(result.report, err)
    try:
        if args.command == "tree":
            day = args.as_of or _latest_day(hierarchy)
            text = render_tree(
                hierarchy.as_of(day), root=args.root, depth=args.depth, relation=args.relation
            )
        else:
            diff = hierarchy.diff(args.start, args.end)
            if args.format == "json":
                text = json.dumps(diff.to_dict(), ensure_ascii=False, indent=2) + "\n"
            else:
                text = render_diff(hierarchy, diff)
    except (KeyError, ValueError) as exc:
        err.write(f"thidua: {exc}\n")
        return EXIT_UNREADABLE
    out.write(text)
    return EXIT_OK


def _warn_errors(report: Report, err: TextIO) -> None:
    if not report.ok:
        err.write(
            f"thidua: warning: the dataset has {len(report.errors)} error(s); "
            "run 'thidua validate' to list them\n"
        )


def _latest_day(hierarchy: Hierarchy) -> str:
    bounds = hierarchy.boundaries()
    return bounds[-1].isoformat() if bounds else "2000-01-01"


def _validate(workspace: Workspace, report: Report, fmt: str, out: TextIO) -> int:
    if fmt == "json":
        out.write(report.to_json() + "\n")
    else:
        summary = (
            f"{len(workspace.units)} units, {len(workspace.links)} links, "
            f"{len(workspace.events)} events, {len(workspace.figures):,} figures"
        )
        if not report:
            out.write(f"OK: {summary}, no problems.\n")
        else:
            for problem in report:
                out.write(f"{problem}\n")
            status = "OK" if report.ok else "FAILED"
            out.write(
                f"{status}: {summary}; {len(report.errors)} error(s), "
                f"{len(report.warnings)} warning(s).\n"
            )
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def render_tree(
    snapshot: Snapshot,
    *,
    root: str | None = None,
    depth: int | None = None,
    relation: str = "admin",
) -> str:
    """The snapshot as an indented tree: name, id, kind and counts below each unit.

    Raises:
        UnknownUnitError: *root* is not in the snapshot.

    Examples:
        >>> from thidua import Hierarchy
        >>> from thidua.testing import tiny_dataset
        >>> print(render_tree(Hierarchy(tiny_dataset()).as_of("2025-07-01"), depth=1), end="")
        Structure on 2025-07-01 (admin): 6 units
        Tổng Liên đoàn Lao động Việt Nam [TLD] central · 1 child, 5 below
          Liên đoàn Lao động thành phố Hà Nội [HN] provincial · 2 children, 4 below
        Units by kind: central 1, provincial 1, commune 1, grassroots 3
    """
    roots = (root,) if root is not None else snapshot.roots(relation)
    if root is not None:
        snapshot.unit(root)
    lines = [f"Structure on {snapshot.date.isoformat()} ({relation}): {len(snapshot)} units"]

    def walk(uid: str, level: int, seen: frozenset[str]) -> None:
        children = snapshot.children(uid, relation)
        below = len(snapshot.descendant_indices(uid, relation))
        counts = ""
        if children:
            plural = "child" if len(children) == 1 else "children"
            counts = f" · {len(children)} {plural}, {below} below"
        lines.append(f"{'  ' * level}{snapshot.name(uid)} [{uid}] {snapshot.kind(uid)}{counts}")
        if depth is not None and level >= depth:
            return
        for child in children:
            if child not in seen:
                walk(child, level + 1, seen | {child})

    for r in roots:
        walk(r, 0, frozenset({r}))
    kinds = Counter(snapshot.kind(u) for u in snapshot)
    order = {kind: i for i, kind in enumerate(snapshot.hierarchy.dataset.scheme.kinds)}
    listed = sorted(kinds, key=lambda k: (order.get(k, len(order)), k))
    lines.append("Units by kind: " + ", ".join(f"{k} {kinds[k]}" for k in listed))
    return "\n".join(lines) + "\n"


def render_diff(hierarchy: Hierarchy, diff: object) -> str:
    """A readable summary of a :class:`~thidua.diff.HierarchyDiff`.

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
    from thidua.diff import HierarchyDiff  # noqa: PLC0415

    assert isinstance(diff, HierarchyDiff)

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


def _demo(out: TextIO, progress: _Progress) -> int:
    from thidua.datasets import hanoi_path  # noqa: PLC0415

    path = hanoi_path()
    out.write(f"thidua demo: the Hà Nội sample ({path})\n\n== validate ==\n")
    result = check(path, progress=progress)
    progress.close()
    code = _validate(result.workspace, result.report, "text", out)
    hierarchy = result.workspace.hierarchy
    for day in ("2025-06-30", "2025-07-01"):
        out.write(f"\n== tree on {day} (two levels) ==\n")
        out.write(render_tree(hierarchy.as_of(day), root="HN", depth=1))
    diff = hierarchy.diff("2025-06-30", "2025-07-01")
    out.write("\n== diff 30/06/2025 → 01/07/2025 ==\n")
    out.write(
        f"added {len(diff.added)}, removed {len(diff.removed)}, moved {len(diff.moved)}, "
        f"renamed {len(diff.renamed)}, merged {len(diff.merged)}, split {len(diff.split)}\n"
    )
    from thidua import _cli_rollup  # noqa: PLC0415

    return max(code, _cli_rollup.demo(result.workspace, result.report, out))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
