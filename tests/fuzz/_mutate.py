"""Mutations: bytes, CSV cells and rows, JSON-like trees, file names.

Every function takes a :class:`random.Random` so that a run is repeatable
from its seed.  The values injected are those that broke, or could break,
an office file reader: control characters, byte-order marks, legacy
encodings, numbers past every limit, deep nesting, far dates, formulas,
semicolons, look-alike letters and NFD text.
"""

from __future__ import annotations

import csv
import io
import random
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

__all__ = [
    "CONTROL",
    "HUGE_INT",
    "INTERESTING",
    "csv_bytes",
    "csv_rows",
    "deep_json",
    "mutate_bytes",
    "mutate_rows",
    "mutate_tree",
    "nonblank_csv_rows",
]

HUGE_INT = "9" * 4400
"""More digits than :func:`int` converts from text by default (4,300)."""

CONTROL = [
    "\x00",
    "\r",
    "\n",
    "\r\n",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1e",
    "\x85",
    "\u2028",
    "\u202e",
    "\ufeff",
    "\t",
    "\x7f",
    "\u200b",
]
"""Characters that readers and writers of tables get wrong."""

INTERESTING: list[str] = [
    "",
    " ",
    "  \t ",
    "0",
    "-1",
    "007",
    "1.585",
    "1,5",
    "-5",
    "1e308",
    "-1e308",
    "1e309",
    "nan",
    "inf",
    "-0",
    "99999999999999999999",
    "-99999999999999999999",
    "9223372036854775808",
    HUGE_INT,
    "0x" + "f" * 4000,
    "31/12/9999",
    "9999-12-31",
    "ngày 31/12/9999",
    "01/01/0001",
    "0001-01-01",
    "0000-00-00",
    "29/02/2023",
    "31/02/2025",
    "2025-13-01",
    "năm 9999",
    "quý IV/9999",
    "9999-Q4",
    "9999",
    "2024",
    "2024-Q1",
    "quý I/2024",
    "6 tháng đầu năm 2024",
    "nhiệm kỳ 2023-2028",
    "2024-01-01/2023-01-01",
    "31/20 (155%)",
    "0/0 (0%)",
    "50%",
    "564 triệu đồng",
    "3 tỷ",
    "P1;P2;P1",
    ";;;",
    "a;b;c",
    "=1+1",
    "=cmd|' /C calc'!A0",
    "+1",
    "@SUM(A1)",
    "line1\rline2",
    "line1\nline2",
    "line1\r\nline2",
    'quote " inside',
    '"',
    ",",
    "a,b",
    "\ufeffid",
    "x" * 33000,
    "Công đoàn",
    unicodedata.normalize("NFD", "Công đoàn cơ sở Hòa Bình"),
    "ĐOÀN",
    "ÐOÀN",
    "💥",
    "\ud800",
    "own",
    "total",
    "tổng",
    "admin",
    "guidance",
    "nope",
    "grassroots",
    "provincial",
    "central",
    "merge",
    "split",
    "absorb",
    "rename",
    "found",
    "dissolve",
    "true",
    "không",
    "sum",
    "ratio",
    "tỷ lệ",
]
"""Cell texts worth trying anywhere."""


def _interesting(rng: random.Random, pool: Sequence[str]) -> str:
    roll = rng.random()
    if roll < 0.55:
        return rng.choice(INTERESTING)
    if roll < 0.8 and pool:
        return rng.choice(pool)
    if roll < 0.9:
        base = rng.choice(pool) if pool else "HN"
        cut = rng.randrange(len(base) + 1)
        return base[:cut] + rng.choice(CONTROL) + base[cut:]
    return rng.choice(CONTROL) * rng.randint(1, 3)


# -- bytes ---------------------------------------------------------------------------------


def _encode_other(data: bytes, rng: random.Random) -> bytes:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data
    encoding = rng.choice(["cp1258", "utf-16", "utf-16-le", "latin-1", "utf-8-sig", "utf-32"])
    return text.encode(encoding, errors="replace")


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """One or a few byte-level changes: flip, delete, duplicate, insert, re-encode, truncate."""
    out = bytearray(data)
    for _ in range(rng.choice([1, 1, 1, 2, 3, 8])):
        n = len(out)
        op = rng.randrange(10)
        at = rng.randrange(n + 1) if n else 0
        if op == 0 and n:
            out[min(at, n - 1)] ^= 1 << rng.randrange(8)
        elif op == 1 and n:
            del out[at : at + rng.randint(1, 16)]
        elif op == 2 and n:
            size = rng.randint(1, 64)
            out[at:at] = out[at : at + size] * rng.randint(1, 4)
        elif op == 3:
            out[at:at] = rng.choice(CONTROL).encode("utf-8", "surrogatepass")
        elif op == 4:
            out[at:at] = rng.choice(
                [b"\xef\xbb\xbf", b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\x80"]
            )
        elif op == 5:
            return _encode_other(bytes(out), rng)
        elif op == 6 and n:
            del out[at:]
        elif op == 7:
            out[at:at] = rng.choice(INTERESTING[:40]).encode("utf-8", "surrogatepass")
        elif op == 8 and n:
            out[min(at, n - 1)] = rng.choice(b";,\"\n\r\t\x00{}[]:-#&*!|>'")
        else:
            out[at:at] = b"\xef\xbb\xbf"
    return bytes(out)


# -- CSV -----------------------------------------------------------------------------------


def csv_rows(data: bytes) -> list[list[str]] | None:
    """The rows of a CSV file as the library's readers split them (``None``: not UTF-8 CSV).

    The dialect (separator, byte-order mark, ``sep=`` line) is the one the
    library detects, as a spreadsheet told the same would; the rows are then
    split by :mod:`csv` independently of the library's own row reader.
    """
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    from thidua.errors import ThiduaError
    from thidua.io._tabular import decode_csv

    try:
        decoded = decode_csv(data, file="fuzz.csv")
    except ThiduaError:
        return None
    try:
        return list(csv.reader(io.StringIO(decoded.text, newline=""), delimiter=decoded.delimiter))
    except csv.Error:
        return None


def nonblank_csv_rows(data: bytes) -> list[int] | None:
    """The 1-based numbers (header = 1) of the data rows that hold a non-blank cell."""
    rows = csv_rows(data)
    if rows is None:
        return None
    return [i for i, row in enumerate(rows[1:], start=2) if any(c.strip() for c in row)]


def csv_bytes(rows: Sequence[Sequence[str]], rng: random.Random | None = None) -> bytes:
    """Rows as CSV; with *rng*, an office-like dialect (``;``, CRLF, full quoting, a BOM)."""
    buffer = io.StringIO(newline="")
    if rng is None:
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        return buffer.getvalue().encode("utf-8", "surrogatepass")
    delimiter = rng.choice([",", ",", ",", ";", "\t"])
    terminator = rng.choice(["\n", "\n", "\r\n", "\r"])
    quoting = rng.choice([csv.QUOTE_MINIMAL, csv.QUOTE_MINIMAL, csv.QUOTE_ALL])
    csv.writer(buffer, delimiter=delimiter, lineterminator=terminator, quoting=quoting).writerows(
        rows
    )
    text = buffer.getvalue()
    encoding = "utf-8-sig" if rng.random() < 0.15 else "utf-8"
    return text.encode(encoding, errors="surrogatepass")


def _header_variant(header: str, rng: random.Random, aliases: Sequence[str]) -> str:
    roll = rng.randrange(6)
    if roll == 0 and aliases:
        return rng.choice(aliases)
    if roll == 1:
        return header.upper()
    if roll == 2:
        return f" {header}  "
    if roll == 3:
        return unicodedata.normalize("NFD", rng.choice(aliases) if aliases else header)
    if roll == 4:
        return header + rng.choice(CONTROL)
    return rng.choice(INTERESTING)


def mutate_rows(
    rows: list[list[str]],
    rng: random.Random,
    *,
    pool: Sequence[str] = (),
    aliases: Sequence[str] = (),
    scale: bool = True,
) -> list[list[str]]:
    """Cell, row and header changes on a table (the first row is the header).

    *pool* holds texts of the dataset (ids, names) to reuse, so references
    and duplicates appear; *aliases* holds headers to try.  With *scale*, a
    row may be repeated hundreds of times (quadratic checks show up then).
    """
    rows = [list(r) for r in rows] or [[]]
    for _ in range(rng.choice([1, 1, 2, 3, 5])):
        body = len(rows) - 1
        r = rng.randrange(1, len(rows)) if body else 0
        row = rows[r]
        c = rng.randrange(len(row)) if row else 0
        op = rng.randrange(16)
        if op <= 3 and row:
            row[c] = _interesting(rng, pool)
        elif op == 4 and row:
            row[c] = row[c] + _interesting(rng, pool)
        elif op == 5 and body:
            other = rows[rng.randrange(1, len(rows))]
            if other and row:
                row[c] = other[rng.randrange(len(other))]
        elif op == 6 and row:
            del row[c]
        elif op == 7:
            row.append(_interesting(rng, pool))
        elif op == 8 and body:
            rows.insert(rng.randrange(1, len(rows) + 1), list(row))
        elif op == 9 and body:
            del rows[r]
        elif op == 10:
            rows.insert(rng.randrange(1, len(rows) + 1), [""] * rng.randint(0, 3))
        elif op == 11 and rows[0]:
            h = rng.randrange(len(rows[0]))
            rows[0][h] = _header_variant(rows[0][h], rng, aliases)
        elif op == 12 and rows[0]:
            h = rng.randrange(len(rows[0]))
            for line in rows:
                if h < len(line):
                    line.insert(h, line[h])
        elif op == 13 and rows[0]:
            h = rng.randrange(len(rows[0]))
            for line in rows:
                if h < len(line):
                    del line[h]
        elif op == 14 and body and scale and rng.random() < 0.3:
            copies = rng.choice([200, 600, 1500])
            rows.extend(list(row) for _ in range(copies))
        elif body >= 2:
            i, j = rng.randrange(1, len(rows)), rng.randrange(1, len(rows))
            rows[i], rows[j] = rows[j], rows[i]
    return rows


# -- JSON-like trees -----------------------------------------------------------------------


def deep_json(depth: int, rng: random.Random) -> str:
    """A JSON text nested *depth* levels deep (lists or objects)."""
    if rng.random() < 0.5:
        return "[" * depth + "1" + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


def _leaf(rng: random.Random, pool: Sequence[str]) -> Any:
    roll = rng.randrange(12)
    if roll == 0:
        return None
    if roll == 1:
        return rng.choice([True, False])
    if roll == 2:
        return rng.choice([0, -1, 2**63, -(2**63) - 1, 10**20, 1.5, 1e308, -0.0])
    if roll == 3:
        return [] if rng.random() < 0.5 else {}
    if roll == 4:
        return [_interesting(rng, pool)]
    return _interesting(rng, pool)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(_paths(v, (*prefix, i)))
    return out


def mutate_tree(doc: Any, rng: random.Random, *, pool: Sequence[str] = ()) -> Any:
    """Change a JSON-like document in place at a few random places; return it."""
    for _ in range(rng.choice([1, 1, 2, 3, 6])):
        paths = _paths(doc)
        path = rng.choice(paths)
        if not path:
            if isinstance(doc, dict):
                doc[rng.choice([*INTERESTING[:8], "units", "unknown", "format"])] = _leaf(rng, pool)
            continue
        parent: Any = doc
        for step in path[:-1]:
            parent = parent[step]
        key = path[-1]
        op = rng.randrange(7)
        if op <= 2:
            parent[key] = _leaf(rng, pool)
        elif op == 3:
            if isinstance(parent, list):
                del parent[key]
            else:
                parent.pop(key)
        elif op == 4 and isinstance(parent, list):
            parent.insert(key, parent[key])
        elif op == 5 and isinstance(parent, dict):
            parent[rng.choice(["id", "name", "kind", "child", "parent", "x", "attributes"])] = (
                _leaf(rng, pool)
            )
        elif op == 6:
            parent[key] = [parent[key]] if rng.random() < 0.5 else {"v": parent[key]}
    return doc


def choose(rng: random.Random, weighted: Sequence[tuple[float, Callable[[], Any]]]) -> Any:
    """Call one of the functions, chosen by weight."""
    total = sum(w for w, _ in weighted)
    roll = rng.random() * total
    for weight, fn in weighted:
        roll -= weight
        if roll <= 0:
            return fn()
    return weighted[-1][1]()
