"""Running inputs: a time limit per input, the classification, workers, minimising, saving.

:func:`execute` runs one input in this process under ``signal.setitimer``
(the main thread only) and classifies what happened.  :func:`run_pass`
makes the inputs of each target from one seed and runs them, in this
process (``jobs=0``, the short pass) or in worker processes (``jobs>=1``)
that a watchdog replaces when one dies or stops answering (a hang inside C
code, a blow-up past the memory limit).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import multiprocessing as mp
import os
import pickle
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from tests.fuzz._model import CLASSES, FuzzInput, Outcome, Verdict, materialise
from tests.fuzz._targets import PROFILE, TARGETS, CliFailure
from thidua.errors import ThiduaError

__all__ = ["PassResult", "execute", "format_table", "minimise", "run_pass", "save"]

_ROOT = Path(__file__).resolve().parents[2]


class _Timeout(BaseException):
    """Raised by the timer inside the reader (a BaseException: readers catch Exception)."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    # Name the innermost thidua frame of the interrupted stack: the alarm may land in a
    # gc callback or a __del__, whose traceback does not show the reader.
    where = "?"
    while frame is not None:
        if "/src/thidua/" in frame.f_code.co_filename.replace(os.sep, "/"):
            where = f"{_module(frame.f_code.co_filename)}:{frame.f_code.co_name}"
            break
        frame = frame.f_back
    raise _Timeout(where)


def _where(tb: TracebackType | None) -> tuple[str, str]:
    """(the deepest thidua frame, the innermost frame) as ``module:function``."""
    frames = traceback.extract_tb(tb)
    ours = "?"
    innermost = "?"
    for fr in frames:
        name = _module(fr.filename)
        if "/src/thidua/" in fr.filename.replace(os.sep, "/"):
            ours = f"{name}:{fr.name}"
        innermost = f"{name}:{fr.name}"
    return ours, innermost


def _module(filename: str) -> str:
    path = filename.replace(os.sep, "/")
    for marker in ("/src/", "/site-packages/", "/lib/python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return path.removesuffix(".py").replace("/", ".")


def _signature(target: str, verdict: Verdict, exc: BaseException | None, extra: str = "") -> str:
    if exc is None:
        return f"{target} {verdict.value}: {extra}"
    ours, innermost = _where(exc.__traceback__)
    kind = type(exc).__name__
    if isinstance(exc, CliFailure):
        kind = "CliFailure " + re.sub(r"\d+", "N", str(exc).split(":", 1)[0])
    if isinstance(exc, _Timeout):
        return f"{target} hang in {exc.args[0] if exc.args else ours}"
    if isinstance(exc, RecursionError):
        return f"{target} {verdict.value}: {kind} in {ours}"
    return f"{target} {verdict.value}: {kind} in {ours} (raised in {innermost})"


def execute(inp: FuzzInput, scratch: Path, timeout: float) -> Outcome:
    """Run *inp* once with a time limit and classify the outcome."""
    target = TARGETS[inp.target]
    start = time.perf_counter()
    caught: list[warnings.WarningMessage] = []
    unraisable: list[str] = []
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    hook = sys.unraisablehook
    sys.unraisablehook = lambda u: unraisable.append(type(u.exc_value).__name__)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            path = materialise(inp, scratch)
            # Re-fire every 0.2 s: an alarm raised inside a gc callback is swallowed.
            signal.setitimer(signal.ITIMER_REAL, timeout, 0.2)
            try:
                losses = target.run(path, inp)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            if inp.fmt == "excel":
                gc.collect()  # a writer that raised leaves generators to fail here
        if losses:
            first = losses[0]
            outcome = Outcome(
                Verdict.LOSS,
                _signature(inp.target, Verdict.LOSS, None, f"{first.table}: {first.kind}"),
                f"{len(losses)} row(s) lost, first: {first}",
            )
        else:
            outcome = Outcome(Verdict.CLEAN)
    except _Timeout as exc:
        outcome = Outcome(
            Verdict.HANG,
            _signature(inp.target, Verdict.HANG, exc),
            f"over {timeout:g} s; interrupted in {_where(exc.__traceback__)[0]}",
        )
    except MemoryError as exc:
        outcome = Outcome(
            Verdict.HANG,
            _signature(inp.target, Verdict.HANG, exc, "memory"),
            "over the memory limit",
        )
    except ThiduaError:
        outcome = Outcome(Verdict.CLEAN)
    except (Exception, SystemExit, RecursionError) as exc:
        tail = "".join(traceback.format_exception(exc, limit=-4))[-1500:]
        outcome = Outcome(Verdict.CRASH, _signature(inp.target, Verdict.CRASH, exc), tail)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = hook
    outcome.seconds = time.perf_counter() - start
    names = {w.category.__name__ for w in caught} | {f"unraisable {u}" for u in unraisable}
    outcome.warnings = tuple(sorted(names))
    return outcome


# -- workers --------------------------------------------------------------------------------


def _worker(conn: Any, scratch: str, timeout: float, short: bool, memory: int) -> None:
    PROFILE.short = short
    if memory:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    base = Path(scratch)
    while True:
        try:
            item = conn.recv()
        except EOFError:
            return
        if item is None:
            return
        conn.send(execute(item, base, timeout))


@dataclass
class _Worker:
    process: Any
    conn: Any
    scratch: Path


class _Pool:
    """Workers fed one input at a time; a dead or silent worker is replaced."""

    def __init__(self, jobs: int, timeout: float, *, memory: int) -> None:
        self.ctx = mp.get_context("fork")
        self.timeout = timeout
        self.memory = memory
        self.root = Path(tempfile.mkdtemp(prefix="thidua-fuzz-"))
        self.workers = [self._start(i) for i in range(jobs)]

    def _start(self, i: int) -> _Worker:
        scratch = self.root / f"w{i}"
        scratch.mkdir(exist_ok=True)
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(
            target=_worker,
            args=(child, str(scratch), self.timeout, PROFILE.short, self.memory),
            daemon=True,
        )
        proc.start()
        child.close()
        return _Worker(proc, parent, scratch)

    def run(self, inputs: Sequence[FuzzInput]) -> Iterator[tuple[int, Outcome]]:
        pending = list(enumerate(inputs))[::-1]
        busy: dict[int, tuple[int, FuzzInput, float]] = {}
        for i in range(len(self.workers)):
            if pending:
                k, inp = pending.pop()
                self.workers[i].conn.send(inp)
                busy[i] = (k, inp, time.monotonic())
        while busy:
            for i in list(busy):
                w = self.workers[i]
                k, inp, since = busy[i]
                outcome: Outcome | None = None
                if w.conn.poll(0.01):
                    try:
                        outcome = w.conn.recv()
                    except (EOFError, OSError):
                        outcome = self._died(i, inp)
                elif not w.process.is_alive():
                    outcome = self._died(i, inp)
                elif time.monotonic() - since > self.timeout + 20:
                    os.kill(w.process.pid, signal.SIGKILL)
                    w.process.join()
                    outcome = Outcome(
                        Verdict.HANG,
                        f"{inp.target} hang in C code (watchdog)",
                        "the worker did not answer; killed",
                    )
                    self.workers[i] = self._start(i)
                if outcome is None:
                    continue
                del busy[i]
                yield k, outcome
                if pending:
                    k2, nxt = pending.pop()
                    self.workers[i].conn.send(nxt)
                    busy[i] = (k2, nxt, time.monotonic())

    def _died(self, i: int, inp: FuzzInput) -> Outcome:
        w = self.workers[i]
        w.process.join(5)
        code = w.process.exitcode
        self.workers[i] = self._start(i)
        kind = Verdict.HANG if code == -signal.SIGKILL else Verdict.CRASH
        return Outcome(
            kind,
            f"{inp.target} {kind.value}: worker died (exit {code})",
            "the worker process ended (signal or memory)",
        )

    def close(self) -> None:
        for w in self.workers:
            with contextlib.suppress(OSError, BrokenPipeError):
                w.conn.send(None)
            w.process.join(5)
            if w.process.is_alive():
                os.kill(w.process.pid, signal.SIGKILL)
                w.process.join()
        shutil.rmtree(self.root, ignore_errors=True)


# -- a pass ---------------------------------------------------------------------------------


@dataclass
class PassResult:
    """Counts per target and class, and the failing inputs by signature."""

    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    failures: dict[str, list[tuple[FuzzInput, Outcome]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    warned: Counter[str] = field(default_factory=Counter)

    def add(self, inp: FuzzInput, outcome: Outcome, *, keep: int = 5) -> None:
        self.counts[inp.target][outcome.verdict.value] += 1
        self.seconds[inp.target] += outcome.seconds
        if outcome.warnings:
            self.warned[inp.target] += 1
        if outcome.verdict is not Verdict.CLEAN:
            kept = self.failures[outcome.signature]
            kept.append((inp, outcome))
            kept.sort(key=lambda pair: pair[0].size)
            del kept[keep:]

    def signatures(self, target: str | None = None) -> list[str]:
        return sorted(
            s
            for s, items in self.failures.items()
            if target is None or items[0][0].target == target
        )


def make_inputs(name: str, n: int, seed: int, *, structured: float = 0.15) -> list[FuzzInput]:
    """The *n* inputs of one target for *seed*: mutations and Hypothesis-made ones."""
    from tests.fuzz._structured import structured_inputs

    target = TARGETS[name]
    digest = int(hashlib.sha256(f"{seed}:{name}".encode()).hexdigest()[:12], 16)
    rng = random.Random(digest)
    made = structured_inputs(target.structured, name, round(n * structured), digest)
    inputs = [target.mutate(rng, name) for _ in range(n - len(made))]
    inputs.extend(made)
    rng.shuffle(inputs)
    return inputs


def run_pass(
    names: Sequence[str],
    n: int,
    seed: int,
    *,
    jobs: int = 0,
    timeout: float = 5.0,
    memory: int = 3 << 30,
    structured: float = 0.15,
    progress: Callable[[str, int, int], None] | None = None,
) -> PassResult:
    """Run *n* inputs of each target in *names*; return the counts and the failures."""
    result = PassResult()
    for name in names:
        inputs = make_inputs(name, n, seed, structured=structured)
        if jobs <= 0:
            scratch = Path(tempfile.mkdtemp(prefix="thidua-fuzz-"))
            try:
                for i, inp in enumerate(inputs):
                    result.add(inp, execute(inp, scratch, timeout))
                    if progress is not None and (i + 1) % 100 == 0:
                        progress(name, i + 1, n)
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
        else:
            pool = _Pool(jobs, timeout, memory=memory)
            try:
                for done, (k, outcome) in enumerate(pool.run(inputs), start=1):
                    result.add(inputs[k], outcome)
                    if progress is not None and done % 100 == 0:
                        progress(name, done, n)
            finally:
                pool.close()
    return result


def format_table(result: PassResult) -> str:
    """Counts per target and class as a text table."""
    head = f"{'reader':<15}" + "".join(f"{c:>8}" for c in CLASSES) + f"{'warned':>8}{'seconds':>9}"
    lines = [head, "-" * len(head)]
    totals: Counter[str] = Counter()
    for name in TARGETS:
        if name not in result.counts:
            continue
        counts = result.counts[name]
        totals.update(counts)
        lines.append(
            f"{name:<15}"
            + "".join(f"{counts[c]:>8}" for c in CLASSES)
            + f"{result.warned[name]:>8}{result.seconds[name]:>9.1f}"
        )
    lines.append("-" * len(head))
    lines.append(f"{'total':<15}" + "".join(f"{totals[c]:>8}" for c in CLASSES))
    return "\n".join(lines)


# -- minimising and saving ------------------------------------------------------------------


def _line_candidates(data: bytes) -> Iterator[bytes]:
    lines = data.splitlines(keepends=True)
    if len(lines) <= 1:
        for size in (len(data) // 2, len(data) // 4, 16):
            if 0 < size < len(data):
                yield data[:size]
        return
    chunk = max(1, (len(lines) - 1) // 2)
    while chunk >= 1:
        for start in range(1, len(lines), chunk):
            yield b"".join(lines[:start] + lines[start + chunk :])
        chunk //= 2


def minimise(
    inp: FuzzInput, signature: str, *, budget: int = 60, timeout: float = 5.0
) -> FuzzInput:
    """Drop files and lines while the failure keeps its signature (crashes and losses only)."""
    if (
        inp.size < 300
        or inp.dataset is not None
        or inp.sheets is not None
        or inp.target in ("excel", "figures_excel")
    ):
        return inp
    scratch = Path(tempfile.mkdtemp(prefix="thidua-fuzz-min-"))
    tries = 0

    def same(candidate: FuzzInput) -> bool:
        nonlocal tries
        tries += 1
        return execute(candidate, scratch, timeout).signature == signature

    try:
        best = inp
        if best.layout == "dir":
            for name, _ in list(best.files):
                if tries >= budget:
                    break
                files = tuple(f for f in best.files if f[0] != name)
                if files and same(candidate := replace(best, files=files)):
                    best = candidate
        progress = True
        while progress and tries < budget:
            progress = False
            for index, (name, data) in enumerate(best.files):
                for smaller in _line_candidates(data):
                    if tries >= budget:
                        break
                    files = list(best.files)
                    files[index] = (name, smaller)
                    candidate = replace(best, files=tuple(files))
                    if same(candidate):
                        best, progress = candidate, True
                        break
                if progress:
                    break
        return best
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _slug(signature: str) -> str:
    digest = hashlib.sha256(signature.encode()).hexdigest()[:8]
    words = re.sub(r"[^A-Za-z0-9]+", "-", signature).strip("-").lower()[:60]
    return f"{words}-{digest}"


def save(inp: FuzzInput, outcome: Outcome, directory: Path, *, slug: str | None = None) -> Path:
    """Write the input's files, its command line and the outcome under *directory*/slug."""
    target = directory / (slug or _slug(outcome.signature))
    shutil.rmtree(target, ignore_errors=True)
    files = target / "input"
    files.mkdir(parents=True)
    for name, data in inp.files:
        (files / name).write_bytes(data)
    if inp.dataset is not None:
        (target / "dataset.pickle").write_bytes(pickle.dumps(inp.dataset))
        (target / "dataset.txt").write_text(repr(inp.dataset)[:20000], encoding="utf-8")
    info = {
        "target": inp.target,
        "class": outcome.verdict.value,
        "signature": outcome.signature,
        "layout": inp.layout,
        "argv": list(inp.argv),
        "fmt": inp.fmt,
        "origin": inp.origin,
        "sheets": [[s, list(rows)] for s, rows in inp.sheets] if inp.sheets is not None else None,
        "detail": outcome.detail,
        "seconds": round(outcome.seconds, 3),
    }
    (target / "info.json").write_text(
        json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return target


def load_saved(directory: Path) -> FuzzInput:
    """The input saved by :func:`save` in *directory*."""
    info = json.loads((directory / "info.json").read_text(encoding="utf-8"))
    inputs = directory / "input"
    files = (
        tuple(sorted((p.name, p.read_bytes()) for p in inputs.iterdir())) if inputs.is_dir() else ()
    )
    dataset = None
    if (directory / "dataset.pickle").exists():
        dataset = pickle.loads((directory / "dataset.pickle").read_bytes())
    sheets = info.get("sheets")
    return FuzzInput(
        target=info["target"],
        files=files,
        layout=info["layout"],
        argv=tuple(info["argv"]),
        sheets=tuple((s, tuple(rows)) for s, rows in sheets) if sheets is not None else None,
        dataset=dataset,
        fmt=info.get("fmt"),
        origin=info.get("origin", ""),
    )


def print_progress(name: str, done: int, total: int) -> None:
    """A progress line on stderr."""
    sys.stderr.write(f"\r{name:<15} {done:>6}/{total}")
    sys.stderr.flush()
    if done == total:
        sys.stderr.write("\n")
