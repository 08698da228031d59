"""The short fuzz pass run by ``make test``, the saved regressions, and the harness itself.

For each reader a fixed-seed pass of :data:`INPUTS` inputs (mutations and
Hypothesis-made ones, small sizes) must end with 0 crashes, 0 hangs and 0
silent losses.  Readers where a known class of ``known.py`` still shows are
marked ``xfail`` (not strict) with the classes as reason; a second test per
reader fails on any class that ``known.py`` does not list, so the marks hide
nothing new.  Remove a reader from :data:`XFAIL` once the fixes are merged.

``make fuzz`` runs the long pass (``python -m tests.fuzz``).
"""

from __future__ import annotations

import functools
import tempfile
import time
from pathlib import Path

import pytest

from tests.fuzz._model import FuzzInput, Verdict
from tests.fuzz._oracle import document_losses, rows_losses
from tests.fuzz._regressions import CASES
from tests.fuzz._runner import PassResult, execute, run_pass
from tests.fuzz._targets import PROFILE, TARGETS, Target
from tests.fuzz.known import KNOWN, READERS, known_class
from thidua.hierarchy import Dataset
from thidua.problems import Pointer, problem

INPUTS = 100
SEED = 20261201
TIMEOUT = 5.0

XFAIL: dict[str, tuple[str, ...]] = {}
"""Reader → the known classes its short pass shows today (the reason of its xfail mark)."""


@functools.cache
def _pass(reader: str) -> PassResult:
    PROFILE.short = True
    try:
        return run_pass([reader], INPUTS, SEED, jobs=0, timeout=TIMEOUT, structured=0.1)
    finally:
        PROFILE.short = False


def _describe(result: PassResult) -> str:
    lines = []
    for signature in result.signatures():
        inp, outcome = result.failures[signature][0]
        lines.append(f"{signature}\n    from {inp.origin!r}: {outcome.detail[-300:]}")
    return "\n".join(lines)


def _xfail(reader: str) -> pytest.MarkDecorator | tuple[()]:
    if reader not in XFAIL:
        return ()
    reasons = "; ".join(KNOWN[name][1] for name in XFAIL[reader])
    return pytest.mark.xfail(strict=False, reason=f"known: {reasons}")


@pytest.mark.parametrize("reader", [pytest.param(r, marks=_xfail(r)) for r in TARGETS])
def test_short_pass_is_clean(reader: str) -> None:
    result = _pass(reader)
    assert sum(result.counts[reader].values()) == INPUTS
    assert not result.failures, _describe(result)


@pytest.mark.parametrize("reader", list(TARGETS))
def test_short_pass_finds_no_new_class(reader: str) -> None:
    result = _pass(reader)
    new = [s for s in result.signatures() if known_class(reader, s) is None]
    assert not new, "failure classes not in tests/fuzz/known.py:\n" + "\n".join(new)


def test_xfail_marks_name_known_classes_only() -> None:
    for reader, names in XFAIL.items():
        assert reader in TARGETS
        assert set(names) <= set(READERS[reader]), reader


# -- the saved minimal inputs ---------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
def test_regression_input_is_clean(name: str, tmp_path: Path) -> None:
    """The minimal input of every failure class found so far is now handled cleanly."""
    outcome = execute(CASES[name], tmp_path, 5.0)
    assert outcome.verdict is Verdict.CLEAN, f"{outcome.signature}: {outcome.detail[-400:]}"


def test_every_known_class_has_a_minimal_input() -> None:
    assert len(CASES) >= len(KNOWN) - 3  # a few classes share one minimal input


# -- the harness ----------------------------------------------------------------------------


def _spin(path: Path, inp: FuzzInput) -> list:  # type: ignore[type-arg]
    end = time.monotonic() + 30
    while time.monotonic() < end:
        pass
    return []


def _fail(path: Path, inp: FuzzInput) -> list:  # type: ignore[type-arg]
    return [inp.files[5]]  # IndexError, as a reader bug would raise


def _documented(path: Path, inp: FuzzInput) -> list:  # type: ignore[type-arg]
    from thidua.errors import UnreadableInputError

    raise UnreadableInputError(str(path), "not a dataset")


@pytest.mark.parametrize(
    ("run", "verdict"),
    [(_spin, Verdict.HANG), (_fail, Verdict.CRASH), (_documented, Verdict.CLEAN)],
)
def test_execute_classifies(run: object, verdict: Verdict, monkeypatch: pytest.MonkeyPatch) -> None:
    target = Target(
        name="probe", doc="", mutate=lambda r, n: FuzzInput(target=n), run=run, structured="csv"
    )  # type: ignore[arg-type]
    monkeypatch.setitem(TARGETS, "probe", target)
    with tempfile.TemporaryDirectory() as tmp:
        inp = FuzzInput(target="probe", files=(("x.csv", b"a\n"),))
        start = time.monotonic()
        outcome = execute(inp, Path(tmp), 0.3)
    assert outcome.verdict is verdict
    assert time.monotonic() - start < 5
    if verdict is Verdict.CRASH:
        assert "IndexError" in outcome.signature


def test_cli_exit_codes_are_clean_and_tracebacks_are_crashes(tmp_path: Path) -> None:
    unreadable = FuzzInput(target="cli_validate", files=(("notes.txt", b"x"),), layout="dir")
    assert execute(unreadable, tmp_path, 5).verdict is Verdict.CLEAN
    deep = b'{"units": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    crash = FuzzInput(target="cli_validate", files=(("h.json", deep),))
    outcome = execute(crash, tmp_path, 5)
    assert outcome.verdict in (Verdict.CRASH, Verdict.CLEAN)  # clean once issue 11 is merged


def test_loss_oracle_names_a_row_neither_read_nor_reported() -> None:
    read = Pointer(file="units.csv", row=2)
    reported = problem("S004", "empty id", pointer=Pointer(file="units.csv", row=4, column="id"))
    inputs = [("units.csv", None, [2, 3, 4])]
    losses = rows_losses("units", inputs, [read], [reported])
    assert [loss.where for loss in losses] == ["units.csv row 3"]
    whole = problem("S002", "no id column", pointer=Pointer(file="units.csv", row=1))
    assert rows_losses("units", inputs, [], [whole]) == []


def test_loss_oracle_flags_a_second_file_of_the_same_table() -> None:
    inputs = [("units.csv", None, [2]), ("UNITS.CSV", None, [2])]
    losses = rows_losses("units", inputs, [Pointer(file="units.csv", row=2)], [])
    assert len(losses) == 1
    assert losses[0].kind.startswith("file named like another")


def test_loss_oracle_flags_a_silent_duplicate_key() -> None:
    text = '{"units": [], "units": []}'
    losses = document_losses(text, Dataset(), [], syntax="json")
    assert [loss.where for loss in losses] == ["$.units"]
    noted = problem("S006", "key twice", pointer=Pointer(file="h.json", path="$.units"))
    assert document_losses(text, Dataset(), [noted], syntax="json") == []
