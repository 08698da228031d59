"""Load a dataset and check it in one call: the usual entry point.

:func:`load` reads any supported input (a CSV directory, a JSON or YAML file,
an Excel workbook), validates it, and either returns the dataset (no errors)
or raises one :class:`~thidua.errors.ThiduaValidationError` carrying every
problem: the structural ones of the file (``S`` codes) and those of the
hierarchy (``H`` codes).  :func:`check` does the same without raising.

Examples:
    >>> import thidua
    >>> from thidua.datasets import hanoi_path
    >>> ds = thidua.load(hanoi_path())
    >>> len(ds.units) > 300
    True
    >>> thidua.check(hanoi_path()).report.ok
    True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import attrs

from thidua.io import LoadResult, read
from thidua.model import Dataset
from thidua.typing import DateLike, PathLike, ProgressCallback
from thidua.validation import validate

__all__ = ["check", "load"]


def check(
    path: PathLike,
    *,
    on: DateLike | None = None,
    progress: ProgressCallback | None = None,
    encoding: str | None = None,
) -> LoadResult:
    """Read *path* and validate it; return the dataset with **every** problem.

    Args:
        path: a dataset directory (CSV), a ``.json``/``.yaml`` file or an
            ``.xlsx`` workbook.
        on: restrict the date-dependent hierarchy checks to that day.
        progress: called as rows are read (see :class:`thidua.typing.ProgressCallback`).
        encoding: the encoding of a directory's CSV files, or ``None`` to
            detect it (see :func:`thidua.io.read_csv_dir`).

            .. versionadded:: 0.2.0

    Returns:
        The loaded dataset (valid records only) and a report holding the
        reading problems followed by the validation problems.

    Raises:
        UnreadableInputError: the input cannot be opened or parsed at all.

    Examples:
        >>> from thidua.datasets import hanoi_path
        >>> result = check(hanoi_path(), on="2025-07-01")
        >>> result.report.problems
        ()
    """
    result = read(path, progress=progress, encoding=encoding)
    report = result.report + validate(result.dataset, on=on)
    return attrs.evolve(result, report=report)


def load(
    path: PathLike,
    *,
    strict: bool = True,
    progress: ProgressCallback | None = None,
    encoding: str | None = None,
) -> Dataset:
    r"""Read and validate *path*; return the dataset.

    Args:
        path: as for :func:`check`.
        strict: raise when any **error** is found (warnings never raise).
            With ``strict=False`` the valid records are returned whatever
            was found; call :func:`check` to see the problems.
        progress: as for :func:`check`.
        encoding: as for :func:`check`.

            .. versionadded:: 0.2.0

    Raises:
        ThiduaValidationError: ``strict`` and errors were found; carries all problems.
        UnreadableInputError: the input cannot be opened or parsed at all.

    Examples:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> text = "id,name,kind\nA,Công đoàn A,nope\n"
        >>> _ = (d / "units.csv").write_text(text, encoding="utf-8")
        >>> load(d)
        Traceback (most recent call last):
        ...
        thidua.errors.ThiduaValidationError: 1 error(s), 1 warning(s):
          H003 error: unit 'A' (Công đoàn A) has kind 'nope', which the level scheme ...
          H012 warning: unit 'A' (Công đoàn A) has no admin parent [units.csv row 2]
        >>> [u.id for u in load(d, strict=False).units]
        ['A']
    """
    result = check(path, progress=progress, encoding=encoding)
    if strict:
        result.report.raise_if_errors()
    return result.dataset
