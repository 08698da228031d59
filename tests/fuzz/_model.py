"""What the fuzzer feeds a reader and what it concluded: inputs and outcomes."""

from __future__ import annotations

import enum
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["CLASSES", "FuzzInput", "Outcome", "Verdict", "materialise"]


class Verdict(enum.Enum):
    """The class of one outcome."""

    CLEAN = "clean"
    CRASH = "crash"
    HANG = "hang"
    LOSS = "loss"


CLASSES = tuple(v.value for v in Verdict)


@dataclass(frozen=True)
class FuzzInput:
    """One input of one target.

    Attributes:
        target: the reader it is for (a name of ``TARGETS``).
        files: (relative name, bytes) of each file; with ``layout="dir"``
            they are put in a dataset directory, else the first file is the
            input.
        layout: ``"dir"`` or ``"file"``.
        argv: extra command-line words (CLI targets).
        sheets: for a workbook built from cells: (sheet name, numbers of
            the non-blank data rows) of each sheet, for the loss oracle.
        dataset: for a round trip: the dataset the target writes, then reads.
        fmt: the format of the round trip (``csv``, ``json``, ``yaml``, ``excel``).
        origin: how the input was made (seed and mutation), for the report.
    """

    target: str
    files: tuple[tuple[str, bytes], ...] = ()
    layout: str = "file"
    argv: tuple[str, ...] = ()
    sheets: tuple[tuple[str, tuple[int, ...]], ...] | None = None
    dataset: Any = None
    fmt: str | None = None
    origin: str = ""

    @property
    def size(self) -> int:
        """Total bytes (the smallest input of a class is kept)."""
        extra = len(repr(self.dataset)) if self.dataset is not None else 0
        return sum(len(data) for _, data in self.files) + sum(len(a) for a in self.argv) + extra


@dataclass
class Outcome:
    """What running one input gave.

    Attributes:
        verdict: its class.
        signature: for a failure, a short stable text naming its class
            (exception type and where it was raised, or the table a row was
            lost from); inputs with the same signature are one finding.
        detail: the message, or the traceback's last lines.
        seconds: wall time.
        warnings: categories of the warnings raised while running.
    """

    verdict: Verdict
    signature: str = ""
    detail: str = ""
    seconds: float = 0.0
    warnings: tuple[str, ...] = field(default_factory=tuple)


def materialise(inp: FuzzInput, scratch: Path) -> Path:
    """Write *inp* under *scratch* (emptied first); return the path to give the reader."""
    base = scratch / "in"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    if inp.dataset is not None:
        return (
            base
            / {"csv": "ds", "json": "h.json", "yaml": "h.yaml", "excel": "h.xlsx"}[
                inp.fmt or "json"
            ]
        )
    if inp.layout == "dir":
        target = base / "ds"
        target.mkdir()
        for name, data in inp.files:
            (target / name).write_bytes(data)
        return target
    name, data = inp.files[0]
    path = base / name
    path.write_bytes(data)
    for other, more in inp.files[1:]:
        (base / other).write_bytes(more)
    return path
