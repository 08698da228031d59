"""Structure-aware inputs: Hypothesis strategies for datasets, table rows and documents.

The mutation generators start from valid files and break them; these start
from the *shape* of valid data and fill it with hostile values: whole
datasets (``tests.strategies.datasets``) with control characters, long text
and formula-like attribute names, written by thidua's own writers and read
back (a round trip must give the dataset back, or the writer must refuse
it); tables whose headers come from the declared columns and aliases; figure
rows from a grammar of periods and numbers; JSON-like documents of the
canonical structure.

Hypothesis drives the drawing (seeded, no database, generation only): the
fuzzer wants many varied inputs, not a shrunk counterexample.
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

from tests import strategies as ts
from tests.fuzz._model import FuzzInput
from tests.fuzz._mutate import CONTROL, HUGE_INT, INTERESTING
from tests.fuzz._seeds import seeds
from tests.fuzz._targets import _ALIASES, _argv
from tests.fuzz._xlsx import workbook_bytes
from thidua.figures import AGGREGATION_ALIASES, BUILTIN_INDICATORS, Aggregation
from thidua.hierarchy import Dataset

__all__ = ["structured_inputs"]

_CONTROL_TEXT = st.text(
    st.sampled_from([*(c for c in CONTROL if len(c) == 1), "a", "Đ", " ", ";", ",", '"', "="]),
    min_size=1,
    max_size=12,
)
_SHORT = [t for t in INTERESTING if len(t) < 100]
# Long texts are built, not listed, so that strategy reprs stay short.
_LONG = st.sampled_from([("9", 4400), ("x", 33_000), ("Đ", 32_800)]).map(lambda p: p[0] * p[1])


def hostile_text(*, min_size: int = 0) -> st.SearchStrategy[str]:
    """Vietnamese text, the fuzzer's interesting cells, control characters, long text."""
    return st.one_of(
        ts.names(min_size=min_size),
        st.sampled_from([t for t in _SHORT if len(t) >= min_size]),
        _CONTROL_TEXT,
        st.text(min_size=max(min_size, 1), max_size=20),
        _LONG,
    )


@st.composite
def hostile_datasets(draw: st.DrawFn, *, tabular: bool) -> Dataset:
    """Datasets of ``tests.strategies`` with hostile names, attributes and metadata."""
    ds: Dataset = draw(ts.datasets(tabular=tabular, max_units=5))
    units = list(ds.units)
    for i in draw(st.lists(st.integers(0, max(len(units) - 1, 0)), max_size=3)):
        if not units:
            break
        unit = units[i]
        change = draw(st.sampled_from(["name", "short_name", "attribute", "formula"]))
        if change == "name":
            unit = attrs.evolve(unit, name=draw(hostile_text()))
        elif change == "short_name":
            unit = attrs.evolve(unit, short_name=draw(hostile_text(min_size=1)))
        elif change == "attribute":
            key = draw(st.sampled_from(["ghi chú", "Khu vực", "sector"]))
            unit = attrs.evolve(
                unit, attributes={**unit.attributes, key: draw(hostile_text(min_size=1))}
            )
        else:
            key = draw(st.sampled_from(["=SUM(A1)", "+note", "@x", "-y"]))
            unit = attrs.evolve(unit, attributes={**unit.attributes, key: "v"})
        units[i] = unit
    metadata = dict(ds.metadata)
    if draw(st.booleans()):
        metadata[draw(ts.tokens())] = draw(hostile_text())
    return attrs.evolve(ds, units=tuple(units), metadata=metadata)


def _table_bytes(rows: Sequence[Sequence[str]], dialect: tuple[str, str, int, bool]) -> bytes:
    delimiter, terminator, quoting, bom = dialect
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator=terminator, quoting=quoting).writerows(
        rows
    )
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8", "surrogatepass")


_DIALECTS = st.tuples(
    st.sampled_from([",", ",", ";", "\t"]),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    st.booleans(),
)


@st.composite
def tables(
    draw: st.DrawFn,
    table: str,
    cell: st.SearchStrategy[str],
    *,
    required: Sequence[str],
    optional: Sequence[str],
    max_rows: int = 8,
) -> list[list[str]]:
    """A table: a header of declared columns (as any alias), rows of *cell* values."""
    aliases = {h: h for h in _ALIASES.get(table, [])}
    columns = [
        *required,
        *draw(st.lists(st.sampled_from(list(optional) or ["x"]), max_size=3, unique=True)),
    ]
    if draw(st.integers(0, 9)) == 0:
        columns.append(draw(st.sampled_from(["ghi chú", "id", "Đơn vị", ""])))
    header = [
        draw(st.sampled_from([c, *[a for a in aliases if a.lower() != c]]))
        if draw(st.booleans())
        else c
        for c in columns
    ]
    width = st.integers(max(len(header) - 1, 0), len(header) + 1)
    rows = draw(
        st.lists(width.flatmap(lambda w: st.lists(cell, min_size=w, max_size=w)), max_size=max_rows)
    )
    return [header, *rows]


def _ids() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(list(seeds().pool)[:60]), ts.ids(), hostile_text())


_YEARS = st.one_of(st.integers(2020, 2026), st.sampled_from([0, 1, 1899, 9998, 9999, 10000]))
_PERIODS = st.one_of(
    _YEARS.map(str),
    _YEARS.map(lambda y: f"năm {y}"),
    st.tuples(st.sampled_from(["I", "II", "III", "IV", "V", "1", "4"]), _YEARS).map(
        lambda p: f"quý {p[0]}/{p[1]}"
    ),
    st.tuples(_YEARS, st.integers(1, 5)).map(lambda p: f"{p[0]}-Q{p[1]}"),
    st.tuples(_YEARS, st.integers(1, 3)).map(lambda p: f"{p[0]}-H{p[1]}"),
    st.tuples(st.integers(0, 32), st.integers(0, 13), _YEARS).map(
        lambda p: f"{p[0]:02d}/{p[1]:02d}/{p[2]}"
    ),
    _YEARS.map(lambda y: f"6 tháng đầu năm {y}"),
    st.tuples(_YEARS, _YEARS).map(lambda p: f"nhiệm kỳ {p[0]}-{p[1]}"),
    hostile_text(),
)
_NUMBERS = st.one_of(
    st.integers(-(10**25), 10**25).map(str),
    st.floats().map(repr),
    st.integers(0, 10**7).map(lambda n: f"{n:,}".replace(",", ".")),
    st.tuples(st.integers(0, 999), st.integers(0, 99)).map(lambda p: f"{p[0]},{p[1]}"),
    st.tuples(st.integers(-5, 500), st.integers(-1, 200)).map(
        lambda p: f"{p[0]}/{p[1]} ({p[0] * 100 // (p[1] or 1)}%)"
    ),
    st.lists(ts.ids(), min_size=1, max_size=4).map(";".join),
    st.sampled_from(["50%", "564 triệu đồng", "3 tỷ", "1e308", "nan", "-0"]),
    st.just(len(HUGE_INT)).map(lambda n: "9" * n),
    hostile_text(),
)
_CODES = st.one_of(st.sampled_from(BUILTIN_INDICATORS.codes), ts.tokens(), hostile_text())


@st.composite
def figures_rows(draw: st.DrawFn) -> list[list[str]]:
    """A figures table: header from the declared columns, rows from the grammars."""
    optional = ["source", "scope", "plan", "keys"]
    extra = draw(st.lists(st.sampled_from(optional), max_size=2, unique=True))
    columns = ["unit", "indicator", "period", "value", *extra]
    cells = {
        "unit": _ids(),
        "indicator": _CODES,
        "period": _PERIODS,
        "value": _NUMBERS,
        "source": hostile_text(),
        "plan": _NUMBERS,
        "keys": _NUMBERS,
        "scope": st.sampled_from(["own", "total", "riêng", "tổng", "", "Tổng hợp", "x"]),
    }
    header = [draw(st.sampled_from([c, *_ALIASES_FOR(c)])) for c in columns]
    rows = draw(st.lists(st.tuples(*(cells[c] for c in columns)).map(list), max_size=10))
    return [header, *rows]


def _ALIASES_FOR(column: str) -> list[str]:
    from thidua.figures import FIGURE_COLUMNS

    return list(FIGURE_COLUMNS.get(column, ()))


_AGGREGATIONS = st.one_of(
    st.sampled_from([a.value for a in Aggregation]),
    st.sampled_from(list(AGGREGATION_ALIASES)),
    hostile_text(),
)


@st.composite
def indicator_rows(draw: st.DrawFn) -> list[list[str]]:
    """An indicators table of declared columns."""
    header = [
        "code",
        "name",
        "unit",
        "aggregation",
        "numerator",
        "denominator",
        "scale",
        "nonnegative",
    ]
    row = st.tuples(
        _CODES,
        hostile_text(),
        hostile_text(),
        _AGGREGATIONS,
        _CODES,
        _CODES,
        _NUMBERS,
        st.sampled_from(["", "true", "có", "không", "x", "0"]),
    )
    rows = draw(st.lists(row.map(list), max_size=8))
    return [header, *rows]


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A JSON document of the canonical structure holding any JSON values."""
    leaf = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**70), 2**70),
        st.floats(allow_nan=False),
        hostile_text(),
    )
    value = st.recursive(
        leaf,
        lambda c: st.lists(c, max_size=3) | st.dictionaries(hostile_text(), c, max_size=3),
        max_leaves=8,
    )
    fields = [
        "id",
        "name",
        "kind",
        "child",
        "parent",
        "relation",
        "valid_from",
        "valid_to",
        "founded",
        "attributes",
        "originals",
        "results",
        "date",
        "group",
        "unit",
        "role",
    ]
    record = st.dictionaries(st.sampled_from(fields), st.one_of(value, _ids()), max_size=6)
    doc = draw(
        st.fixed_dictionaries(
            {},
            optional={
                k: st.lists(record, max_size=4) | value
                for k in ("units", "links", "groups", "members", "events")
            }
            | {
                "schema_version": st.sampled_from([1, 2, "1", 10**20]),
                "format": st.sampled_from(["thidua", "x"]),
                "roots": value,
                "metadata": value,
                "scheme": value,
            },
        )
    )
    return json.dumps(doc, ensure_ascii=draw(st.booleans()))


def _files(**tables: list[list[str]]) -> st.SearchStrategy[tuple[tuple[str, bytes], ...]]:
    return _DIALECTS.map(
        lambda d: tuple(sorted((f"{n}.csv", _table_bytes(t, d)) for n, t in tables.items()))
    )


def _recipes(target: str) -> dict[str, st.SearchStrategy[FuzzInput]]:
    def trip(fmt: str, *, tabular: bool) -> st.SearchStrategy[FuzzInput]:
        layout = "dir" if fmt == "csv" else "file"
        return hostile_datasets(tabular=tabular).map(
            lambda ds: FuzzInput(
                target=target,
                dataset=ds,
                fmt=fmt,
                layout=layout,
                origin=f"hypothesis {fmt} round trip",
            )
        )

    unit_cells = st.one_of(_ids(), hostile_text(), st.sampled_from(["grassroots", "provincial"]))
    csv_tables = (
        st.tuples(
            tables(
                "units",
                unit_cells,
                required=["id", "name", "kind"],
                optional=["founded", "dissolved", "short_name", "Khu vực"],
            ),
            tables(
                "links",
                unit_cells,
                required=["child", "parent"],
                optional=["relation", "valid_from", "valid_to"],
            ),
        )
        .flatmap(lambda t: _files(units=t[0], links=t[1]))
        .map(
            lambda files: FuzzInput(
                target=target, files=files, layout="dir", origin="hypothesis tables"
            )
        )
    )

    def single(name: str, rows: st.SearchStrategy[list[list[str]]]) -> st.SearchStrategy[FuzzInput]:
        return st.tuples(rows, _DIALECTS).map(
            lambda p: FuzzInput(
                target=target, files=((name, _table_bytes(p[0], p[1])),), origin="hypothesis rows"
            )
        )

    def book(rows: st.SearchStrategy[list[list[str]]]) -> st.SearchStrategy[FuzzInput]:
        def make(grid: list[list[str]]) -> FuzzInput:
            sheet = [[_number_or_text(c) for c in r] for r in grid]
            model = (
                (
                    "figures",
                    tuple(i for i, r in enumerate(grid[1:], start=2) if any(c.strip() for c in r)),
                ),
            )
            return FuzzInput(
                target=target,
                files=(("figures.xlsx", workbook_bytes([("figures", sheet)])),),
                sheets=model,
                origin="hypothesis rows",
            )

        return rows.map(make)

    documents_in = documents().map(
        lambda text: FuzzInput(
            target=target,
            files=(("h.json", text.encode("utf-8", "surrogatepass")),),
            origin="hypothesis document",
        )
    )

    def cli(command: str, base: st.SearchStrategy[FuzzInput]) -> st.SearchStrategy[FuzzInput]:
        return st.tuples(base, st.randoms(use_true_random=False)).map(
            lambda p: (
                attrs.evolve(p[0], argv=_argv(p[1], command))
                if False
                else _with_argv(p[0], _argv(p[1], command))
            )
        )

    command = target.removeprefix("cli_")
    figures_dir = figures_rows().map(lambda rows: _rollup_dir(target, rows))
    return {
        "csv": st.one_of(trip("csv", tabular=True), csv_tables),
        "json": st.one_of(trip("json", tabular=False), documents_in),
        "json_text": documents_in,
        "yaml": trip("yaml", tabular=False),
        "excel": trip("excel", tabular=True),
        "figures": single("figures.csv", figures_rows()),
        "figures_excel": book(figures_rows()),
        "indicators": single("indicators.csv", indicator_rows()),
        "any": st.one_of(
            trip("csv", tabular=True),
            trip("json", tabular=False),
            trip("yaml", tabular=False),
            trip("excel", tabular=True),
            csv_tables,
        ),
        "cli": cli(command, st.one_of(trip("csv", tabular=True), csv_tables)),
        "cli_rollup": cli(command, figures_dir),
    }


def _with_argv(inp: FuzzInput, argv: tuple[str, ...]) -> FuzzInput:
    from dataclasses import replace

    return replace(inp, argv=argv)


def _number_or_text(cell: str) -> Any:
    try:
        return float(cell) if len(cell) < 30 and cell.strip() not in ("nan", "inf") else cell
    except ValueError:
        return cell


def _rollup_dir(target: str, rows: list[list[str]]) -> FuzzInput:
    files = dict(seeds().dirs[1])
    files["figures.csv"] = _table_bytes(rows, (",", "\n", csv.QUOTE_MINIMAL, False))
    return FuzzInput(
        target=target, files=tuple(sorted(files.items())), layout="dir", origin="hypothesis figures"
    )


def structured_inputs(recipe: str, target: str, n: int, seed: int) -> list[FuzzInput]:
    """*n* inputs drawn by Hypothesis from the *recipe* strategy (repeatable from *seed*)."""
    if n <= 0:
        return []
    strategy = _recipes(target)[recipe]
    out: list[FuzzInput] = []

    @hypothesis_seed(seed)
    @settings(
        max_examples=n,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(inp: FuzzInput) -> None:
        out.append(inp)

    collect()
    rng = random.Random(seed)
    while out and len(out) < n:
        out.append(rng.choice(out))
    return out[:n]


_ = (Callable,)  # re-exported names used only in annotations
