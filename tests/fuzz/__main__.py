"""``python -m tests.fuzz``: run the fuzzer, print the counts, save the failing inputs.

Examples::

    python -m tests.fuzz --inputs 5000 --seed 1 --jobs 2
    python -m tests.fuzz --reader json --reader yaml --inputs 300
    python -m tests.fuzz --replay tests/fuzz/regressions
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.fuzz._model import Verdict
from tests.fuzz._runner import (
    execute,
    format_table,
    load_saved,
    minimise,
    print_progress,
    run_pass,
    save,
)
from tests.fuzz._targets import PROFILE, TARGETS

OUT = Path(__file__).resolve().parent / "out"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.splitlines()[0])
    p.add_argument("--inputs", type=int, default=500, help="inputs per reader (default 500)")
    p.add_argument("--seed", type=int, default=0, help="seed of the run (default 0)")
    p.add_argument(
        "--reader",
        action="append",
        choices=sorted(TARGETS),
        help="fuzz only this reader (repeat for several; default all)",
    )
    p.add_argument(
        "--jobs", type=int, default=1, help="worker processes (0: run in this process; default 1)"
    )
    p.add_argument("--timeout", type=float, default=3.0, help="seconds per input (default 3)")
    p.add_argument(
        "--structured",
        type=float,
        default=0.15,
        help="share of Hypothesis-made inputs (default 0.15)",
    )
    p.add_argument("--short", action="store_true", help="small inputs only (the pytest pass)")
    p.add_argument(
        "--out",
        type=Path,
        default=OUT,
        help="where failing inputs are saved (default tests/fuzz/out, git-ignored)",
    )
    p.add_argument("--no-minimise", action="store_true", help="save inputs as found")
    p.add_argument(
        "--replay", type=Path, help="run the saved inputs under this directory instead of fuzzing"
    )
    return p


def _replay(root: Path, timeout: float) -> int:
    import tempfile

    scratch = Path(tempfile.mkdtemp(prefix="thidua-fuzz-replay-"))
    bad = 0
    for info in sorted(root.rglob("info.json")):
        inp = load_saved(info.parent)
        outcome = execute(inp, scratch, timeout)
        bad += outcome.verdict is not Verdict.CLEAN
        print(f"{outcome.verdict.value:<6} {info.parent.relative_to(root)}  {outcome.signature}")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.replay is not None:
        return _replay(args.replay, args.timeout)
    PROFILE.short = args.short
    names = args.reader or list(TARGETS)
    result = run_pass(
        names,
        args.inputs,
        args.seed,
        jobs=args.jobs,
        timeout=args.timeout,
        structured=args.structured,
        progress=print_progress if sys.stderr.isatty() else None,
    )
    print(format_table(result))
    if result.failures:
        print(f"\n{len(result.failures)} distinct failure(s); inputs saved under {args.out}:")
    for signature in result.signatures():
        inp, outcome = result.failures[signature][0]
        if not args.no_minimise and outcome.verdict in (Verdict.CRASH, Verdict.LOSS):
            inp = minimise(inp, signature, timeout=args.timeout)
        where = save(inp, outcome, args.out)
        count = sum(1 for _ in result.failures[signature])
        print(
            f"  [{outcome.verdict.value}] {signature}\n      {where.name} "
            f"({inp.size} bytes; first of {count} kept)"
        )
    failed = any(result.counts[n][c] for n in result.counts for c in ("crash", "hang", "loss"))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
