"""The vectorised CSV writer of roll-ups against :mod:`csv` on the same rows."""

from __future__ import annotations

import csv
import io
import math
import sys

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import example, given, settings
from hypothesis import strategies as st

from thidua.rollup._csv import _value_texts, csv_bytes
from thidua.rollup._export import FIELDS, csv_chunks
from thidua.rollup._layout import flag_names


def _reference(
    units: list[str],
    names: list[str],
    kinds: list[str],
    ranks: list[int],
    codes: list[str],
    values: np.ndarray,
    expected: np.ndarray,
    reported: np.ndarray,
    flags: np.ndarray,
    escape: object = None,
) -> str:
    esc = (lambda s: s) if escape is None else escape
    lines: list[str] = []

    def writerow(row: list[object]) -> None:  # csv's quoting (\r too), lines ending in \n
        out = io.StringIO(newline="")
        csv.writer(out).writerow(row)
        lines.append(out.getvalue().removesuffix("\r\n") + "\n")

    writerow([esc(f) for f in FIELDS])  # type: ignore[operator]
    for i, unit in enumerate(units):
        for j, code in enumerate(codes):
            v = float(values[i, j])
            writerow(
                [
                    esc(unit),  # type: ignore[operator]
                    esc(names[i]),  # type: ignore[operator]
                    esc(kinds[i]),  # type: ignore[operator]
                    int(ranks[i]),
                    esc(code),  # type: ignore[operator]
                    "" if math.isnan(v) else repr(v),
                    int(expected[i]),
                    int(reported[i, j]),
                    esc(";".join(flag_names(int(flags[i, j])))),  # type: ignore[operator]
                ]
            )
    return "".join(lines)


_TEXT = st.text(alphabet=st.sampled_from(list('aĐ ,"\r\n;=+-@ộ')), max_size=6)
_FLOATS = st.one_of(
    st.floats(width=64),
    st.integers(-(10**17), 10**17).map(float),
    st.sampled_from([0.0, -0.0, 1e9, 1e9 - 0.5, 1e-4, 9.99e-5, 1e16, 1e16 - 2, 86.66666666666667]),
)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(0, 5),
    st.lists(_TEXT, min_size=1, max_size=3, unique=True),
    st.data(),
    st.booleans(),
)
@example(1, ["x"], None, False)
def test_the_writer_writes_what_csv_writes(
    n: int, codes: list[str], data: st.DataObject | None, escaped: bool
) -> None:
    k = len(codes)
    if data is None:
        units, names, kinds, ranks = ["A"], ["Công đoàn, A"], ["grassroots"], [3]
        values = np.array([[1.0]])
        reported = np.array([[1]])
        flags = np.zeros((1, 1), dtype=np.uint8)
        expected = np.array([1])
    else:
        units = data.draw(st.lists(_TEXT, min_size=n, max_size=n))
        names = data.draw(st.lists(_TEXT, min_size=n, max_size=n))
        kinds = data.draw(st.lists(_TEXT, min_size=n, max_size=n))
        ranks = data.draw(st.lists(st.integers(0, 9), min_size=n, max_size=n))
        values = np.array(
            data.draw(st.lists(_FLOATS, min_size=n * k, max_size=n * k)), dtype=np.float64
        ).reshape(n, k)
        reported = np.array(
            data.draw(st.lists(st.integers(0, 10**6), min_size=n * k, max_size=n * k)),
            dtype=np.int32,
        ).reshape(n, k)
        flags = np.array(
            data.draw(st.lists(st.integers(0, 15), min_size=n * k, max_size=n * k)),
            dtype=np.uint8,
        ).reshape(n, k)
        expected = np.array(
            data.draw(st.lists(st.integers(0, 10**6), min_size=n, max_size=n)), dtype=np.int32
        )

    def escape(cell: str) -> str:
        return "'" + cell if cell[:1] in ("=", "+", "-", "@") else cell

    esc = escape if escaped else None
    args = (units, names, kinds, ranks, codes, values, expected, reported, flags)
    want = _reference(*args, escape=esc)  # type: ignore[arg-type]
    assert "".join(csv_chunks(*args, escape=esc)) == want  # type: ignore[arg-type]
    small = csv_bytes(
        FIELDS,
        *args[:8],  # type: ignore[arg-type]
        lambda v: ";".join(flag_names(v)),
        flags,
        escape=esc,
        chunk_rows=2,
    )
    assert b"".join(small).decode() == want


def test_arrow_float_text_is_repr_where_it_is_used() -> None:
    rng = np.random.default_rng(7)
    exponents = rng.uniform(-4, 9, 200_000)
    values = np.concatenate(
        [
            np.sign(rng.uniform(-1, 1, exponents.size)) * 10**exponents,
            np.round(10 ** rng.uniform(0, 9, 50_000), 2),
            np.trunc(rng.uniform(-1e16, 1e16, 50_000)),
            [0.0, -0.0, math.nan, math.inf, -math.inf, 5e-324, 1e300],
        ]
    )
    texts, whole = _value_texts(values)
    got = pc.binary_join_element_wise(
        texts,
        pc.take(pa.array(["", ".0"], type=pa.large_string()), pa.array(whole.astype(np.int64))),
        pa.scalar("", type=pa.large_string()),
    ).to_pylist()
    want = ["" if math.isnan(v) else repr(v) for v in values.tolist()]
    assert got == want


def test_the_writer_does_not_import_pandas() -> None:
    import subprocess

    code = (
        "import sys, numpy as np\n"
        "from thidua.rollup._export import csv_chunks\n"
        "text = ''.join(csv_chunks(['A'], ['N'], ['k'], [1], ['x'], np.array([[2.5]]),"
        " np.array([1]), np.array([[1]]), np.zeros((1, 1), dtype=np.uint8)))\n"
        "assert text.endswith('A,N,k,1,x,2.5,1,1,\\n'), text\n"
        "print('pandas' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
