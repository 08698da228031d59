"""Command line: ``python -m benchmarks [--only NAME] [--quick] [--repeat N] [--out DIR]``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from benchmarks import SUITES, run


def main(argv: Sequence[str] | None = None) -> int:
    """Parse *argv*, run the chosen suites and return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(SUITES),
        metavar="NAME",
        help=f"run only this suite (repeatable; one of {', '.join(sorted(SUITES))})",
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes, a smoke run")
    parser.add_argument("--repeat", type=int, default=None, help="runs per measure")
    parser.add_argument("--out", type=Path, default=None, help="directory of the JSON results")
    parser.add_argument("--no-write", action="store_true", help="do not write the JSON file")
    args = parser.parse_args(argv)
    run(args.only, quick=args.quick, repeat=args.repeat, out_dir=args.out, write=not args.no_write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
