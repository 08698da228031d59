"""Reading one cell of a figures table: ids, numbers, keys, "actual/plan" and scope.

:func:`_classify` sorts each distinct value cell into a class (a number, keys
separated by ``;``, other text, empty, unreadable) and :data:`_OUTCOME` says
what each class means for a numeric, a ``distinct`` or an unknown indicator.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from thidua._text import name_key, nfc
from thidua.errors import ValueParseError
from thidua.figures._columns import FloatArray
from thidua.figures._indicators import IndicatorCatalogue
from thidua.figures._store import Scope
from thidua.figures._tables import FIGURES_DECLARATION, words
from thidua.io import cell_text
from thidua.periods import Period
from thidua.values import (
    format_number_vi,
    number_words,
    parse_actual_plan,
    parse_number,
    words_misfit,
)

# The words of each scope (own 0, total 1), from the declaration's scope column.
_SCOPES = {
    name_key(word): i
    for i, (value, names) in enumerate(words(FIGURES_DECLARATION.column("scope")).items())
    for word in (value, *names)
}

_DOT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+", re.ASCII)

# Value classes of a distinct cell, and what each means for each kind of indicator.
_NUM, _SEMI, _TEXT, _EMPTY, _BAD, _KEYS, _BOTH = range(7)
_OKN, _OKK, _TYPE, _VALUE = range(4)
_NUMERIC, _DISTINCT, _UNKNOWN = range(3)
_OUTCOME = np.array(
    [
        # NUM    SEMI   TEXT    EMPTY   BAD     KEYS   BOTH
        [_OKN, _TYPE, _VALUE, _VALUE, _VALUE, _TYPE, _TYPE],  # numeric indicator
        [_TYPE, _OKK, _OKK, _OKK, _TYPE, _OKK, _TYPE],  # distinct indicator
        [_OKN, _OKK, _OKK, _VALUE, _VALUE, _OKK, _TYPE],  # unknown code
    ],
    dtype=np.int8,
)


def _id_text(value: object) -> str:
    """An id cell as text: NFC, stripped; spreadsheet numbers lose their ``.0``."""
    if isinstance(value, str):
        text = value.strip()
        return text if text.isascii() else nfc(text)  # ASCII text is already NFC
    if isinstance(value, Scope):
        return value.value
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, frozenset):
        return nfc(";".join(sorted(map(str, value))))
    return nfc(cell_text(value)).strip()


def _machine_number(text: str) -> float | None:
    """A plain machine number (``1585``, ``0.75``, ``1e-05``), or ``None`` for anything else.

    ``1.585`` is left to :func:`parse_number`: dots grouping digits in threes
    are Vietnamese thousands.
    """
    try:
        number = float(text)
    except ValueError:
        return None
    if not text.isascii() or "_" in text or not math.isfinite(number):
        return None
    if "." in text and _DOT_GROUPS.fullmatch(text.lstrip("+-")):
        return None
    return number


def _number_cell(text: str) -> float:
    """A number cell: a plain machine number as such, else :func:`parse_number` (``1.585``).

    Raises:
        ValueParseError: the text is not a number.
    """
    number = _machine_number(text.strip())
    return parse_number(text) if number is None else number


def _keys(parts: Iterable[object]) -> frozenset[str]:
    return frozenset(k for k in (_id_text(p) for p in parts) if k)


@attrs.frozen(kw_only=True)
class _Cell:
    """What a distinct value cell holds."""

    kind: int
    number: float = math.nan
    plan: float = math.nan
    keys: frozenset[str] = frozenset()
    text: str = ""
    reason: str = ""


def _read_value(value: object) -> _Cell:
    if value is None:
        return _Cell(kind=_EMPTY)
    if isinstance(value, bool):
        value = str(value)
    elif isinstance(value, int | float | np.integer | np.floating):
        exact = float(value)
        if math.isnan(exact):
            return _Cell(kind=_EMPTY)
        if math.isinf(exact):
            return _Cell(kind=_BAD, text=repr(exact), reason="the number is not finite")
        return _Cell(kind=_NUM, number=exact, text=repr(exact))
    if isinstance(value, frozenset | set | list | tuple):
        return _Cell(kind=_KEYS, keys=_keys(value), text=";".join(sorted(_keys(value))))
    text = nfc(value if isinstance(value, str) else cell_text(value)).strip()
    if not text:
        return _Cell(kind=_EMPTY)
    number = _machine_number(text)
    if number is not None:
        return _Cell(kind=_NUM, number=number, text=text)
    if ";" in text:
        return _Cell(kind=_SEMI, keys=_keys(text.split(";")), text=text)
    try:
        read = parse_actual_plan(text)
    except ValueParseError as exc:
        return _Cell(kind=_TEXT, keys=_keys([text]), text=text, reason=str(exc))
    plan = math.nan if read.plan is None else read.plan
    if math.isinf(read.actual) or math.isinf(plan):
        return _Cell(kind=_BAD, text=text, reason="the number is too large (beyond 10³⁰⁸)")
    return _Cell(kind=_NUM, number=read.actual, plan=plan, text=text)


def _classify(
    uniques: Sequence[object],
) -> tuple[FloatArray, npt.NDArray[np.int8], FloatArray, dict[int, _Cell]]:
    """Number, class and plan of each distinct value cell (and one more: a missing cell).

    Plain machine numbers take a fast path (one :func:`float` call); the other
    cells are read by :func:`_read_value` and returned by position.
    """
    size = len(uniques)
    numbers: list[float] = [math.nan] * (size + 1)
    kinds = np.full(size + 1, _NUM, dtype=np.int8)
    kinds[size] = _EMPTY
    plans = np.full(size + 1, math.nan)
    slow: dict[int, _Cell] = {}
    for j, value in enumerate(uniques):
        if type(value) is str:
            try:
                number = float(value)
            except ValueError:
                pass
            else:
                if (
                    number - number == 0  # finite
                    and value.isascii()
                    and "_" not in value
                    and value.strip() == value
                    and not ("." in value and _DOT_GROUPS.fullmatch(value.lstrip("+-")))
                ):
                    numbers[j] = number
                    continue
        cell = slow[j] = _read_value(value)
        numbers[j], kinds[j], plans[j] = cell.number, cell.kind, cell.plan
    return np.array(numbers), kinds, plans, slow


def _reads_as_number(text: str) -> bool:
    """Whether a value cell with *text* reads as a number (for the writer)."""
    return bool(_classify([text])[1][0] == _NUM)


def _read_plan(value: object) -> tuple[float, str]:
    """A plan cell: (number or NaN when empty, reason when unreadable)."""
    cell = _read_value(value)
    if cell.kind == _EMPTY:
        return math.nan, ""
    if cell.kind != _NUM or not math.isnan(cell.plan):
        return math.nan, cell.reason or f"cannot read plan {cell.text!r}: expected a number"
    return cell.number, ""


def unit_word_misfits(
    cells: Mapping[int, _Cell],
    value_codes: npt.NDArray[np.signedinteger[Any]],
    ind_codes: npt.NDArray[np.signedinteger[Any]],
    inds: Sequence[str | None],
    catalogue: IndicatorCatalogue,
    read: npt.NDArray[np.bool_],
) -> list[tuple[int, str]]:
    """Rows whose number cell has a word that does not fit the indicator's unit (``F017``).

    *cells* are the value cells read the slow way (by distinct value), *read*
    marks the rows kept as numbers.  "50%", "564 triệu đồng" or "3 tỷ" for a
    count of people read as 50, 564,000,000 and 3,000,000,000: each such row
    gets a message (see :func:`thidua.values.words_misfit`).

    Complexity: O(rows) in numpy, plus one check per distinct (cell, indicator).
    """
    worded = {
        j: words
        for j, cell in cells.items()
        if cell.kind == _NUM and (words := number_words(cell.text))
    }
    if not worded:
        return []
    rows = np.isin(value_codes, np.fromiter(worded, dtype=np.int64)) & read & (ind_codes >= 0)
    found: dict[tuple[int, int], str] = {}
    out: list[tuple[int, str]] = []
    for i in np.flatnonzero(rows).tolist():
        j, c = int(value_codes[i]), int(ind_codes[i])
        key = (j, c)
        if key not in found:
            code = inds[c]
            ind = catalogue.get(code) if code is not None else None
            reason = "" if ind is None else words_misfit(worded[j], ind.unit)
            found[key] = reason and (
                f"indicator {code!r} ({ind.name}) is measured in {ind.unit!r}, but the value "  # type: ignore[union-attr]
                f"{cells[j].text!r} was read as {_shown(cells[j].number)}: {reason}; "
                "check the cell"
            )
        if found[key]:
            out.append((i, found[key]))
    return out


def _shown(number: float) -> str:
    return format_number_vi(number) if number.is_integer() else repr(number)
