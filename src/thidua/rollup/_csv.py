r"""The long roll-up table as CSV text, built by pyarrow column by column.

Each output line is the concatenation of seven pieces, each gathered from a
small table of distinct texts or formatted by one vectorised cast:

====================  ===========================================  ==================
piece                 text                                         made
====================  ===========================================  ==================
unit prefix           ``unit,name,kind,rank,``                     once per unit
indicator             ``code,``                                    once per indicator
value                 ``1585`` / ``86.66666666666667`` / empty     one cast per chunk
value end             ``.0,`` after a whole number, else ``,``     gathered
expected              ``3,``                                       once per unit
reported              ``2``                                        one cast per chunk
flags                 ``,zero_denominator\n``                      once per flag set
====================  ===========================================  ==================

``pyarrow.compute.binary_join_element_wise`` joins them and the chunk's text
is the joined array's data buffer, so no Python object is made per line.
The text is what :mod:`csv` writes for the same rows (minimal quoting,
``\n``, floats as :func:`repr`, NaN empty): Arrow's shortest float text
equals :func:`repr` for whole numbers below 10⁹ and for other numbers from
10⁻⁴ to 10⁹ (``tests/test_rollup_csv.py`` checks it); the other values
(large, tiny, ``-0.0``) are formatted by :func:`repr`, each distinct one once.

Arrays are built from numpy buffers (``pyarrow.Array.from_buffers``) and read
back through their buffers: ``pyarrow.array`` and ``to_numpy`` would import
pandas.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["csv_bytes"]

_QUOTE = frozenset(',"\r\n')
CHUNK_ROWS = 200_000
"""Lines built and written at a time (about 25 MB of text)."""
_ARROW_MAX = 1e9  # below it Arrow's float text is repr's (whole numbers: without ".0")
_ARROW_MIN = 1e-4  # from it up, non-integers too
_WHOLE_MAX = 1e16  # below it a whole number's repr is its integer text plus ".0"


def field(text: str) -> str:
    """One CSV field as :mod:`csv` writes it with minimal quoting.

    Examples:
        >>> print(field("Hà Nội"), field("a,b"), field('x"y'))
        Hà Nội "a,b" "x""y"
    """
    if _QUOTE.isdisjoint(text):
        return text
    return '"' + text.replace('"', '""') + '"'


def _strings(texts: Sequence[str]) -> pa.Array[Any]:
    """Python texts as an Arrow string array (built from their bytes)."""
    import pyarrow as pa  # noqa: PLC0415

    encoded = [t.encode("utf-8") for t in texts]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    data = pa.py_buffer(b"".join(encoded))
    out: pa.Array[Any] = pa.Array.from_buffers(
        pa.large_string(), len(encoded), [None, pa.py_buffer(offsets.tobytes()), data]
    )
    return out


def _numbers(values: npt.NDArray[Any]) -> pa.Array[Any]:
    """A numpy array of int32, int64 or float64 as an Arrow array (a copy of its bytes)."""
    import pyarrow as pa  # noqa: PLC0415

    kind = {
        np.dtype(np.int32): pa.int32(),
        np.dtype(np.int64): pa.int64(),
        np.dtype(np.float64): pa.float64(),
    }[values.dtype]
    data = np.ascontiguousarray(values)
    return pa.Array.from_buffers(kind, int(data.size), [None, pa.py_buffer(data.tobytes())])


def _mask(mask: npt.NDArray[np.bool_]) -> pa.Array[Any]:
    import pyarrow as pa  # noqa: PLC0415

    bits = np.packbits(mask, bitorder="little").tobytes()
    return pa.Array.from_buffers(pa.bool_(), int(mask.size), [None, pa.py_buffer(bits)])


def _value_texts(values: npt.NDArray[np.float64]) -> tuple[pa.Array[Any], npt.NDArray[np.int8]]:
    """Each value's text without the ``.0`` of a whole number, and whether it takes one.

    Whole numbers (most totals) are formatted as integers, the cheapest
    cast; other numbers in Arrow's exact range by a float cast; the rest by
    :func:`repr`, each distinct value once.
    """
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    size = abs(values)
    with np.errstate(invalid="ignore"):
        negative_zero = (values == 0) & np.signbit(values)  # repr: "-0.0", Arrow: "-0"
        whole = (values == np.trunc(values)) & (size < _WHOLE_MAX) & ~negative_zero
        fraction = ~whole & (size < _ARROW_MAX) & (size >= _ARROW_MIN)
    texts = pc.cast(_numbers(np.where(whole, values, 0).astype(np.int64)), pa.large_string())
    if fraction.any():
        floats = pc.cast(_numbers(values[fraction]), pa.large_string())
        texts = pc.replace_with_mask(texts, _mask(fraction), floats)
    other = ~(whole | fraction)
    if other.any():
        distinct, inverse = np.unique(values[other], return_inverse=True)
        table = ["" if math.isnan(v) else repr(v) for v in distinct.tolist()]
        texts = pc.replace_with_mask(
            texts, _mask(other), _strings([table[i] for i in inverse.reshape(-1).tolist()])
        )
    return texts, whole.astype(np.int8)


def _bytes_of(array: pa.Array[Any]) -> memoryview:
    """The text of a string array's items, concatenated: a view of its data buffer."""
    offsets = np.frombuffer(cast("Any", array.buffers()[1]), dtype=np.int64)
    first, last = int(offsets[array.offset]), int(offsets[array.offset + len(array)])
    data = array.buffers()[2]
    if data is None:
        return memoryview(b"")
    return memoryview(cast("Any", data))[first:last]


def csv_bytes(
    header: Sequence[str],
    units: Sequence[str],
    names: Sequence[str],
    kinds: Sequence[str],
    ranks: Sequence[int],
    indicators: Sequence[str],
    values: npt.NDArray[np.float64],
    expected: npt.NDArray[Any],
    reported: npt.NDArray[Any],
    flag_texts: Callable[[int], str],
    flags: npt.NDArray[np.uint8],
    *,
    escape: Callable[[str], str] | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> Iterator[memoryview]:
    r"""The long table (one line per unit and indicator, unit-major) as UTF-8 CSV chunks.

    Args:
        header: the column names.
        units: the unit ids of the output rows.
        names: their names.
        kinds: their kinds.
        ranks: their ranks.
        indicators: the indicator codes.
        values: the totals, units × indicators.
        expected: the reporting units expected below each unit.
        reported: the reporting units that reported, units × indicators.
        flag_texts: the text of a flag value (``zero_denominator;overflow``).
        flags: the flag bits, units × indicators.
        escape: applied to every text cell (unit, name, kind, indicator,
            flags) and header before quoting; each distinct text once.
        chunk_rows: lines per chunk.

    Examples:
        >>> chunks = csv_bytes(["unit", "name", "kind", "rank", "indicator", "value",
        ...                     "expected", "reported", "flags"],
        ...                    ["A"], ["Công đoàn, A"], ["grassroots"], [3], ["x", "y"],
        ...                    np.array([[1.0, np.nan]]), np.array([1]), np.array([[1, 0]]),
        ...                    lambda v: "", np.zeros((1, 2), dtype=np.uint8))
        >>> print(b"".join(chunks).decode(), end="")
        unit,name,kind,rank,indicator,value,expected,reported,flags
        A,"Công đoàn, A",grassroots,3,x,1.0,1,1,
        A,"Công đoàn, A",grassroots,3,y,,1,0,
    """
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    def text(cell: str) -> str:
        return field(escape(cell) if escape is not None else cell)

    yield memoryview((",".join(text(h) for h in header) + "\n").encode("utf-8"))
    n, k = len(units), len(indicators)
    if n == 0 or k == 0:
        return
    prefixes = _strings(
        [
            f"{text(u)},{text(nm)},{text(kd)},{int(rk)},"
            for u, nm, kd, rk in zip(units, names, kinds, ranks, strict=True)
        ]
    )
    codes = _strings([text(c) + "," for c in indicators])
    ends = _strings([",", ".0,"])
    exp = _strings([f"{e}," for e in np.asarray(expected, dtype=np.int64).tolist()])
    flat_values = np.asarray(values, dtype=np.float64).reshape(-1)
    flat_reported = np.asarray(reported, dtype=np.int64).reshape(-1)
    flat_flags = np.asarray(flags).reshape(-1)
    present = np.flatnonzero(np.bincount(flat_flags, minlength=1)).tolist()
    flag_code = np.zeros(int(max(present)) + 1, dtype=np.int64)
    flag_code[present] = np.arange(len(present))
    flag_table = _strings(["," + text(flag_texts(int(v))) + "\n" for v in present])
    total = n * k
    for start in range(0, total, chunk_rows):
        stop = min(total, start + chunk_rows)
        cell = np.arange(start, stop, dtype=np.int64)
        unit = _numbers(cell // k)
        value_texts, whole = _value_texts(flat_values[start:stop])
        pieces = [
            pc.take(prefixes, unit),
            pc.take(codes, _numbers(cell % k)),
            value_texts,
            pc.take(ends, _numbers(whole.astype(np.int64))),
            pc.take(exp, unit),
            pc.cast(_numbers(flat_reported[start:stop]), pa.large_string()),
            pc.take(flag_table, _numbers(flag_code[flat_flags[start:stop]])),
        ]
        yield _bytes_of(pc.binary_join_element_wise(*pieces, _empty(stop - start)))


def _empty(size: int) -> pa.Array[Any]:
    """*size* empty strings."""
    import pyarrow as pa  # noqa: PLC0415

    offsets = pa.py_buffer(np.zeros(size + 1, dtype=np.int64).tobytes())
    return pa.Array.from_buffers(pa.large_string(), size, [None, offsets, pa.py_buffer(b"")])
