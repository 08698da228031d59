"""The fuzzed readers: how each makes an input from a seed and what it checks.

Each :class:`Target` has a mutation generator (a seed changed at the byte,
cell, row, file, sheet or document level), a structure-aware generator
(Hypothesis strategies, :mod:`tests.fuzz._structured`) and a runner that
calls the reader and returns the silent losses the oracle finds.  The
runner raises whatever the reader raises: :mod:`tests.fuzz._runner`
classifies it.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import thidua
from tests.fuzz import _scale
from tests.fuzz._model import FuzzInput
from tests.fuzz._mutate import (
    HUGE_INT,
    INTERESTING,
    choose,
    csv_bytes,
    csv_rows,
    deep_json,
    mutate_bytes,
    mutate_rows,
    mutate_tree,
    nonblank_csv_rows,
)
from tests.fuzz._oracle import (
    Loss,
    dataset_losses,
    document_losses,
    roundtrip_losses,
    rows_losses,
)
from tests.fuzz._seeds import Files, full_sample, seeds
from tests.fuzz._xlsx import Sheet, sheet_xml, workbook_bytes
from thidua import io as tio
from thidua.figures import FIGURE_COLUMNS, INDICATOR_COLUMNS, read_figures_excel
from thidua.io._dataset_tables import TABLES

__all__ = ["PROFILE", "TARGETS", "CliFailure", "Target"]


@dataclass
class Profile:
    """Knobs of a pass: the short pass keeps inputs small."""

    short: bool = False
    big_seed: float = 0.02  # chance of the whole shipped sample as seed

    def sizes(self, long: Sequence[int], short: Sequence[int]) -> Sequence[int]:
        return short if self.short else long


PROFILE = Profile()

_ALIASES = {spec.name: [h for f in spec.fields for h in spec.headers_for(f)] for spec in TABLES}
_ALIASES["figures"] = [h for f, names in FIGURE_COLUMNS.items() for h in (f, *names)]
_ALIASES["indicators"] = [h for f, names in INDICATOR_COLUMNS.items() for h in (f, *names)]
_TABLE_WEIGHTS = {
    "units.csv": 5,
    "links.csv": 4,
    "events.csv": 2,
    "groups.csv": 1,
    "group_members.csv": 1,
    "roots.csv": 1,
    "levels.csv": 1,
    "metadata.csv": 1,
    "figures.csv": 2,
    "indicators.csv": 1,
}


class CliFailure(Exception):  # noqa: N818 - a failure of the command, not of the harness
    """The command line ended in a way its documentation does not allow."""


# -- helpers --------------------------------------------------------------------------------


def _pool() -> Sequence[str]:
    return seeds().pool


def _seed_dir(rng: random.Random) -> dict[str, bytes]:
    if rng.random() < PROFILE.big_seed and not PROFILE.short:
        return dict(full_sample())
    return dict(rng.choice(seeds().dirs))


def _pick_file(files: dict[str, bytes], rng: random.Random, prefer: Sequence[str] = ()) -> str:
    names = sorted(files)
    weights = [(_TABLE_WEIGHTS.get(n.casefold(), 1) * (6 if n in prefer else 1)) for n in names]
    return rng.choices(names, weights)[0]


def _mutate_table(data: bytes, name: str, rng: random.Random) -> bytes:
    rows = csv_rows(data)
    if rows is None:
        return mutate_bytes(data, rng)
    aliases = _ALIASES.get(name.casefold().removesuffix(".csv"), [])
    rows = mutate_rows(rows, rng, pool=_pool(), aliases=aliases, scale=not PROFILE.short)
    return csv_bytes(rows, rng if rng.random() < 0.3 else None)


def _case_variant(name: str, rng: random.Random) -> str:
    stem, _, suffix = name.rpartition(".")
    return rng.choice([name.upper(), stem.capitalize() + "." + suffix, stem + "." + suffix.upper()])


def mutate_dir(rng: random.Random, target: str, *, prefer: Sequence[str] = ()) -> FuzzInput:
    """A CSV dataset directory with one change (cells, bytes, files) or a scale structure."""
    files = _seed_dir(rng)

    def cells() -> str:
        name = _pick_file(files, rng, prefer)
        files[name] = _mutate_table(files[name], name, rng)
        return f"cells of {name}"

    def raw() -> str:
        name = _pick_file(files, rng, prefer)
        files[name] = mutate_bytes(files[name], rng)
        return f"bytes of {name}"

    def file_level() -> str:
        name = _pick_file(files, rng, prefer)
        op = rng.randrange(5)
        if op == 0:
            twin = _case_variant(name, rng)
            files[twin] = _mutate_table(files[name], name, rng) if rng.random() < 0.7 else b""
            return f"{name} and {twin}"
        if op == 1:
            del files[name]
            return f"no {name}"
        if op == 2:
            files[name] = rng.choice([b"", b"\n", b"\xef\xbb\xbf", b"\x00" * 8])
            return f"empty {name}"
        if op == 3:
            other = _pick_file(files, rng)
            files[name], files[other] = files[other], files[name]
            return f"{name} swapped with {other}"
        files[rng.choice(["Units.CSV", "units.csv.bak", "notes.txt", "UNITS.csv"])] = files[name]
        return "extra file"

    def scale() -> str:
        files.clear()
        label, made = _scale.structure(rng, short=PROFILE.short)
        files.update(made)
        return label

    what = choose(rng, [(0.62, cells), (0.2, raw), (0.15, file_level), (0.03, scale)])
    return FuzzInput(target=target, files=tuple(sorted(files.items())), layout="dir", origin=what)


# -- JSON and YAML --------------------------------------------------------------------------


def _json_text(rng: random.Random) -> tuple[str, str]:
    doc = json.loads(rng.choice(seeds().documents))

    def tree() -> tuple[str, str]:
        text = json.dumps(mutate_tree(doc, rng, pool=_pool()), ensure_ascii=rng.random() < 0.3)
        return text, "tree"

    def twice() -> tuple[str, str]:
        text = json.dumps(doc, ensure_ascii=False)
        if rng.random() < 0.5:
            return text.replace('"units": [', '"units": [], "units": [', 1), "duplicate top key"
        return re.sub(r'"name": ("[^"]*")', r'"name": \1, "name": "khác"', text, count=1), (
            "duplicate record key"
        )

    def deep() -> tuple[str, str]:
        depth = rng.choice(PROFILE.sizes([990, 5000, 100_000], [990, 3000, 100_000]))
        text = json.dumps(doc, ensure_ascii=False)
        key = rng.choice(['"metadata": ', '"units": ', '"attributes": ', '"name": '])
        at = text.find(key)
        if at < 0:
            return text, "no place to nest"
        head = text[: at + len(key)]
        rest = text[at + len(key) :]
        value_end = _value_end(rest)
        return head + deep_json(depth, rng) + rest[value_end:], f"nested {depth} deep at {key}"

    def huge() -> tuple[str, str]:
        text = json.dumps(doc, ensure_ascii=False)
        key = rng.choice(
            ['"id": ', '"rank": ', '"name": ', '"founded": ', '"shares": [', '"schema_version": ']
        )
        at = text.find(key)
        if at < 0:
            return text, "no number place"
        rest = text[at + len(key) :]
        return text[: at + len(key)] + HUGE_INT + rest[_value_end(rest) :], f"huge int at {key}"

    def raw() -> tuple[str, str]:
        text = json.dumps(doc, ensure_ascii=False)
        data = mutate_bytes(text.encode(), rng)
        return data.decode("utf-8", "surrogateescape"), "bytes"

    return choose(rng, [(0.5, tree), (0.1, twice), (0.1, deep), (0.1, huge), (0.2, raw)])


def _value_end(text: str) -> int:
    """The end of the JSON value at the start of *text* (a string, number or bracketed value)."""
    if not text:
        return 0
    if text[0] == '"':
        i = 1
        while i < len(text) and text[i] != '"':
            i += 2 if text[i] == "\\" else 1
        return i + 1
    if text[0] in "[{":
        depth, i, in_str = 0, 0, False
        while i < len(text):
            ch = text[i]
            if in_str:
                if ch == "\\":
                    i += 1
                elif ch == '"':
                    in_str = False
            elif ch == '"':
                in_str = True
            elif ch in "[{":
                depth += 1
            elif ch in "]}":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return len(text)
    m = re.match(r"[^,}\]]*", text)
    return m.end() if m else 0


def _encode_text(text: str) -> bytes:
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def mutate_json(rng: random.Random, target: str) -> FuzzInput:
    text, what = _json_text(rng)
    return FuzzInput(target=target, files=(("h.json", _encode_text(text)),), origin=what)


def mutate_yaml(rng: random.Random, target: str) -> FuzzInput:
    import yaml

    doc = yaml.safe_load(rng.choice(seeds().yaml_texts))

    def tree() -> tuple[str, str]:
        mutated = mutate_tree(doc, rng, pool=_pool())
        try:
            return yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False), "tree"
        except yaml.YAMLError:
            return json.dumps(mutated), "tree as JSON"

    def special() -> tuple[str, str]:
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
        op = rng.randrange(7)
        if op == 0:
            return text + "units: []\n", "duplicate top key"
        if op == 1:
            return re.sub(r"(\n  name: [^\n]*)", r"\1\1", text, count=1), "duplicate record key"
        if op == 2:
            depth = rng.choice(PROFILE.sizes([900, 3000, 20_000], [900]))
            return text + "extra: " + "[" * depth + "]" * depth + "\n", f"nested {depth}"
        if op == 3:
            return re.sub(r"(\n- id: )[^\n]*", r"\g<1>0x" + "f" * 4000, text, count=1), "hex id"
        if op == 4:
            laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
                f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n"
                for i in range(1, rng.choice(PROFILE.sizes([3, 5, 7], [3, 5])))
            )
            return laughs + text.replace("metadata:", "metadata_old:", 1), "alias expansion"
        if op == 5:
            return text.replace("founded: ", "founded: 9999-12-31 #", 1), "year 9999 date"
        return "!!python/object/apply:os.getcwd []\n", "python tag"

    def huge() -> tuple[str, str]:
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
        return re.sub(r"(rank: )-?\d+", r"\g<1>" + HUGE_INT, text, count=1).replace(
            "schema_version: 1", "schema_version: " + HUGE_INT
        ), "huge int"

    def raw() -> tuple[str, str]:
        text = rng.choice(seeds().yaml_texts)
        return mutate_bytes(text.encode(), rng).decode("utf-8", "surrogateescape"), "bytes"

    text, what = choose(rng, [(0.45, tree), (0.25, special), (0.1, huge), (0.2, raw)])
    return FuzzInput(target=target, files=(("h.yaml", _encode_text(text)),), origin=what)


# -- workbooks ------------------------------------------------------------------------------


def _cellify(value: str, rng: random.Random) -> Any:
    if rng.random() < 0.3 and re.fullmatch(r"-?\d{1,15}(\.\d+)?", value):
        return float(value) if "." in value else int(value)
    return value


def _grid(data: bytes, rng: random.Random) -> list[list[Any]]:
    return [[_cellify(c, rng) for c in row] for row in (csv_rows(data) or [[]])]


def _nonblank(rows: Sequence[Sequence[Any]]) -> tuple[int, ...]:
    return tuple(
        i
        for i, row in enumerate(rows[1:], start=2)
        if any(c is not None and str(c).strip() for c in row)
    )


def _book_input(
    sheets: list[Sheet], rng: random.Random, target: str, name: str, what: str
) -> FuzzInput:
    model = tuple((title, _nonblank(rows)) for title, rows in sheets)

    def plain() -> tuple[bytes, tuple[tuple[str, tuple[int, ...]], ...] | None, str]:
        return workbook_bytes(sheets), model, what

    def refs() -> tuple[bytes, None, str]:
        i = rng.randrange(len(sheets))
        rows = sheets[i][1]
        r = rng.randrange(len(rows)) if rows else 0
        c = rng.randrange(len(rows[r])) if rows and rows[r] else 0
        ref = rng.choice(["XFD1048576", "A\u202e1", "1A", "A0", "AAAA1", "", "A1048577", "ZZ1"])
        xml = sheet_xml(rows, refs={(r, c): ref})
        if ref in ("XFD1048576", "A1048577") and rng.random() < 0.5:
            far = f'<row r="{ref.lstrip("AXFD")}"><c r="{ref}"><v>1</v></c></row>'
            xml = xml.replace("</sheetData>", f"{far}</sheetData>")
        if rng.random() < 0.3:
            xml = xml.replace("<sheetData>", '<dimension ref="A1:XFD1048576"/><sheetData>')
        return workbook_bytes(sheets, xml={i: xml}), None, f"{what}, cell ref {ref!r}"

    def broken_xml() -> tuple[bytes, None, str]:
        i = rng.randrange(len(sheets))
        xml = sheet_xml(sheets[i][1]).encode()
        bad = mutate_bytes(xml, rng).decode("utf-8", "replace")
        return workbook_bytes(sheets, xml={i: bad}), None, f"{what}, sheet XML bytes"

    def broken_zip() -> tuple[bytes, None, str]:
        data = bytearray(workbook_bytes(sheets))
        for _ in range(rng.choice([1, 2, 4])):
            at = rng.randrange(len(data))
            data[at] ^= 1 << rng.randrange(8)
        if rng.random() < 0.2:
            data = data[: rng.randrange(len(data))]
        return bytes(data), None, f"{what}, zip bytes"

    data, sheets_model, label = choose(
        rng, [(0.6, plain), (0.15, refs), (0.12, broken_xml), (0.13, broken_zip)]
    )
    return FuzzInput(target=target, files=((name, data),), sheets=sheets_model, origin=label)


def _sheet_name_variant(name: str, rng: random.Random) -> str:
    return rng.choice(
        [
            name.upper(),
            name.capitalize() + " ",
            f" {name}",
            name + "\u200b",
            "Danh sách đơn vị",
            name[:-1],
        ]
    )


def mutate_excel(rng: random.Random, target: str) -> FuzzInput:
    files = _seed_dir(rng)
    sheets: list[Sheet] = [
        (n.removesuffix(".csv"), _grid(d, rng))
        for n, d in sorted(files.items())
        if n != "figures.csv"
    ]
    what = "cells"
    i = rng.randrange(len(sheets))
    title, rows = sheets[i]
    roll = rng.random()
    if roll < 0.7:
        mutated = mutate_rows(
            [[str(c) for c in r] for r in rows],
            rng,
            pool=_pool(),
            aliases=_ALIASES.get(title, []),
            scale=not PROFILE.short,
        )
        sheets[i] = (title, [[_cellify(c, rng) for c in r] for r in mutated])
        what = f"cells of sheet {title}"
    elif roll < 0.85:
        sheets[i] = (_sheet_name_variant(title, rng), rows)
        what = f"sheet {title} renamed {sheets[i][0]!r}"
    else:
        twin = _sheet_name_variant(title, rng)
        sheets.append((twin, [list(r) for r in rows[: max(2, len(rows) // 2)]]))
        what = f"sheets {title!r} and {twin!r}"
    return _book_input(sheets, rng, target, "h.xlsx", what)


# -- figures and indicators -----------------------------------------------------------------

_FIGURE_POOL = [
    *INTERESTING[15:45],
    "members",
    "new_members",
    "people_honoured",
    "membership_rate",
    "union_score",
    "own",
    "total",
    "tổng hợp",
    "riêng",
]


def _mutate_small_table(data: bytes, table: str, rng: random.Random) -> tuple[bytes, str]:
    rows = csv_rows(data)
    if rows is None or rng.random() < 0.25:
        return mutate_bytes(data, rng), "bytes"
    rows = mutate_rows(
        rows, rng, pool=[*_pool(), *_FIGURE_POOL], aliases=_ALIASES[table], scale=not PROFILE.short
    )
    return csv_bytes(rows, rng if rng.random() < 0.3 else None), "cells"


def mutate_figures(rng: random.Random, target: str) -> FuzzInput:
    data, what = _mutate_small_table(rng.choice(seeds().figures), "figures", rng)
    return FuzzInput(target=target, files=(("figures.csv", data),), origin=what)


def mutate_figures_excel(rng: random.Random, target: str) -> FuzzInput:
    rows = _grid(rng.choice(seeds().figures), rng)
    mutated = mutate_rows(
        [[str(c) for c in r] for r in rows],
        rng,
        pool=_FIGURE_POOL,
        aliases=_ALIASES["figures"],
        scale=not PROFILE.short,
    )
    grid = [[_cellify(c, rng) for c in r] for r in mutated]
    if rng.random() < 0.2 and len(grid) > 1:
        row = grid[rng.randrange(1, len(grid))]
        if row:
            row[rng.randrange(len(row))] = rng.choice([1e308, -1e308, 2**53 + 1, 0.3, -0.0, True])
    sheets: list[Sheet] = [("figures", grid)]
    if rng.random() < 0.1:
        sheets.append((_sheet_name_variant("figures", rng), grid[:3]))
    return _book_input(sheets, rng, target, "figures.xlsx", "figures cells")


def mutate_indicators(rng: random.Random, target: str) -> FuzzInput:
    data, what = _mutate_small_table(rng.choice(seeds().indicators), "indicators", rng)
    return FuzzInput(target=target, files=(("indicators.csv", data),), origin=what)


def mutate_any_dataset(rng: random.Random, target: str) -> FuzzInput:
    """For the loaders: a CSV directory, a JSON or YAML document or a workbook."""
    return choose(
        rng,
        [
            (0.45, lambda: mutate_dir(rng, target)),
            (0.2, lambda: mutate_json(rng, target)),
            (0.15, lambda: mutate_yaml(rng, target)),
            (0.2, lambda: mutate_excel(rng, target)),
        ],
    )


# -- command lines --------------------------------------------------------------------------

_DATES = [
    "2025-07-01",
    "2024-01-01",
    "2026-01-01",
    "1/7/2025",
    "31/12/9999",
    "9999-12-31",
    "0001-01-01",
    "2025-02-30",
    "nope",
    "",
]
_PERIODS = [
    "2024",
    "2025",
    "2024-Q1",
    "quý III/2025",
    "năm 2024",
    "2024-H1",
    "9999-12-31",
    "năm 9999",
    "31/12/9999",
    "quý V/2024",
    "2024-01-01/2023-01-01",
    "",
    "nhiệm kỳ 2023-2028",
]


def _argv(rng: random.Random, command: str) -> tuple[str, ...]:
    pool = _pool()
    words: list[str] = []
    if command == "validate":
        if rng.random() < 0.5:
            words += ["--as-of", rng.choice(_DATES)]
        if rng.random() < 0.4:
            words += ["--format", rng.choice(["json", "text"])]
    elif command == "tree":
        if rng.random() < 0.6:
            words += ["--as-of", rng.choice(_DATES)]
        if rng.random() < 0.4:
            words += ["--root", rng.choice([*pool[:40], "NOPE", "TLD", "HN", ""])]
        if rng.random() < 0.4:
            words += ["--depth", rng.choice(["-1", "0", "1", "3", "99999999999999999999"])]
        if rng.random() < 0.3:
            words += ["--relation", rng.choice(["admin", "guidance", "nope", ""])]
    elif command == "diff":
        if rng.random() < 0.95:
            words += ["--from", rng.choice(_DATES), "--to", rng.choice(_DATES)]
        if rng.random() < 0.4:
            words += ["--format", rng.choice(["json", "text"])]
    else:
        words += ["--period", rng.choice(_PERIODS)]
        basis = rng.random()
        if basis < 0.35:
            words += ["--as-of", rng.choice(_DATES)]
        elif basis < 0.7:
            words += ["--restate-to", rng.choice(_DATES)]
        if rng.random() < 0.3:
            words += ["--rank", rng.choice(["0", "1", "3", "-1", "99999999999999999999"])]
        elif rng.random() < 0.2:
            words += ["--kind", rng.choice(["grassroots", "provincial", "nope", ""])]
        if rng.random() < 0.3:
            words += [
                "--indicator",
                *rng.sample(
                    [
                        "members",
                        "new_members",
                        "membership_rate",
                        "people_honoured",
                        "nope",
                        "trees",
                    ],
                    2,
                ),
            ]
        if rng.random() < 0.5:
            words += ["--format", rng.choice(["table", "csv", "json"])]
        if rng.random() < 0.2:
            words += ["--relation", rng.choice(["admin", "guidance", "nope"])]
    return tuple(words)


def mutate_cli(command: str) -> Callable[[random.Random, str], FuzzInput]:
    def make(rng: random.Random, target: str) -> FuzzInput:
        if command == "rollup":
            roll = rng.random()
            if roll < 0.15:
                label, files = _scale.absorb_chain(rng, short=PROFILE.short)
                inp = FuzzInput(
                    target=target, files=tuple(sorted(files.items())), layout="dir", origin=label
                )
            else:
                inp = mutate_dir(rng, target, prefer=("figures.csv", "indicators.csv"))
                if rng.random() < 0.3:
                    data = dict(inp.files)
                    data["indicators.csv"] = _mutate_small_table(
                        rng.choice(seeds().indicators), "indicators", rng
                    )[0]
                    inp = replace(inp, files=tuple(sorted(data.items())))
        elif rng.random() < 0.85:
            inp = mutate_dir(rng, target)
        else:
            inp = choose(
                rng,
                [(0.5, lambda: mutate_json(rng, target)), (0.5, lambda: mutate_excel(rng, target))],
            )
        return replace(inp, argv=_argv(rng, command))

    return make


# -- runners --------------------------------------------------------------------------------


def _written(inp: FuzzInput, path: Path) -> None:
    """For a round trip: write the dataset where the reader will read it."""
    tio.write(inp.dataset, path, format=inp.fmt)  # type: ignore[arg-type]


def _dir_files(path: Path) -> Files:
    return tuple(sorted((p.name, p.read_bytes()) for p in path.iterdir() if p.is_file()))


def _dataset_check(inp: FuzzInput, path: Path, result: tio.LoadResult) -> list[Loss]:
    problems = result.report.problems
    losses: list[Loss] = []
    if inp.dataset is not None:
        losses += roundtrip_losses(inp.dataset, result.dataset, inp.fmt or "?")
    if path.is_dir():
        losses += dataset_losses(result.dataset, problems, files=_dir_files(path))
    elif path.suffix == ".xlsx":
        losses += dataset_losses(result.dataset, problems, workbook=path.name, sheets=inp.sheets)
    else:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            return losses
        syntax = "json" if path.suffix == ".json" else "yaml"
        losses += document_losses(text, result.dataset, problems, syntax=syntax)
    return losses


def run_reader(read: Callable[[Path], tio.LoadResult]) -> Callable[[Path, FuzzInput], list[Loss]]:
    def run(path: Path, inp: FuzzInput) -> list[Loss]:
        if inp.dataset is not None:
            _written(inp, path)
        return _dataset_check(inp, path, read(path))

    return run


def run_loads_json(path: Path, inp: FuzzInput) -> list[Loss]:
    text = path.read_bytes().decode("utf-8", "replace")
    result = tio.loads_json(text, name=path.name)
    return document_losses(text, result.dataset, result.report.problems, syntax="json")


def _figures_losses(path: Path, inp: FuzzInput, result: thidua.FiguresResult) -> list[Loss]:
    figs = result.figures
    sources = [figs.origins.get(i) for i in range(len(figs))]
    if path.suffix == ".xlsx":
        if inp.sheets is None:
            return []
        inputs = [(path.name, s, rows) for s, rows in inp.sheets if s == "figures"]
    else:
        rows = nonblank_csv_rows(path.read_bytes())
        if rows is None:
            return []
        inputs = [(path.name, None, rows)]
    return rows_losses("figures", inputs, sources, result.report.problems)


def run_figures_csv(path: Path, inp: FuzzInput) -> list[Loss]:
    return _figures_losses(path, inp, thidua.read_figures_csv(path))


def run_figures_excel(path: Path, inp: FuzzInput) -> list[Loss]:
    return _figures_losses(path, inp, read_figures_excel(path))


def run_indicators(path: Path, inp: FuzzInput) -> list[Loss]:
    rows = nonblank_csv_rows(path.read_bytes())
    losses: list[Loss] = []
    for catalogue, report in (thidua.read_indicators_csv(path), thidua.load_catalogue(path)):
        if rows is not None:
            losses += rows_losses(
                "indicators", [(path.name, None, rows)], (i.source for i in catalogue), report
            )
    return losses


def run_check(path: Path, inp: FuzzInput) -> list[Loss]:
    if inp.dataset is not None:
        _written(inp, path)
    result = thidua.check(path)
    losses = _dataset_check(inp, path, result)
    with contextlib.suppress(thidua.ThiduaValidationError):
        thidua.load(path)
    return losses


def run_cli(command: str) -> Callable[[Path, FuzzInput], list[Loss]]:
    from thidua.cli import main

    def run(path: Path, inp: FuzzInput) -> list[Loss]:
        if inp.dataset is not None:
            _written(inp, path)
        out, err = io.StringIO(), io.StringIO()
        argv = [command, str(path), *inp.argv]
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code: object = main(argv)
        except SystemExit as exc:
            code = exc.code
        if code not in (0, 1, 2, None):
            raise CliFailure(f"exit code {code!r}: {err.getvalue()[-300:]}")
        if "Traceback (most recent call last)" in err.getvalue():
            raise CliFailure(f"a traceback on stderr: {err.getvalue()[-300:]}")
        return []

    return run


@dataclass(frozen=True)
class Target:
    """A fuzzed reader.

    Attributes:
        name: the name given to ``--reader``.
        doc: what it calls.
        mutate: (rng, target name) → a mutated input.
        run: (path, input) → silent losses; raises what the reader raises.
        structured: the Hypothesis recipe of :mod:`tests.fuzz._structured` it uses.
    """

    name: str
    doc: str
    mutate: Callable[[random.Random, str], FuzzInput]
    run: Callable[[Path, FuzzInput], list[Loss]]
    structured: str


def _targets() -> dict[str, Target]:
    def t(name: str, doc: str, mutate: Any, run: Any, structured: str) -> Target:
        return Target(name=name, doc=doc, mutate=mutate, run=run, structured=structured)

    items = [
        t(
            "csv_dir",
            "thidua.io.read_csv_dir",
            mutate_dir,
            run_reader(tio.read_csv_dir),
            "csv",
        ),
        t("json", "thidua.io.read_json", mutate_json, run_reader(tio.read_json), "json"),
        t("loads_json", "thidua.io.loads_json", mutate_json, run_loads_json, "json_text"),
        t("yaml", "thidua.io.read_yaml", mutate_yaml, run_reader(tio.read_yaml), "yaml"),
        t("excel", "thidua.io.read_excel", mutate_excel, run_reader(tio.read_excel), "excel"),
        t("figures_csv", "thidua.read_figures_csv", mutate_figures, run_figures_csv, "figures"),
        t(
            "figures_excel",
            "thidua.figures.read_figures_excel",
            mutate_figures_excel,
            run_figures_excel,
            "figures_excel",
        ),
        t(
            "indicators",
            "thidua.read_indicators_csv, thidua.load_catalogue",
            mutate_indicators,
            run_indicators,
            "indicators",
        ),
        t("check", "thidua.check, thidua.load", mutate_any_dataset, run_check, "any"),
        t("cli_validate", "thidua validate", mutate_cli("validate"), run_cli("validate"), "cli"),
        t("cli_tree", "thidua tree", mutate_cli("tree"), run_cli("tree"), "cli"),
        t("cli_diff", "thidua diff", mutate_cli("diff"), run_cli("diff"), "cli"),
        t("cli_rollup", "thidua rollup", mutate_cli("rollup"), run_cli("rollup"), "cli_rollup"),
    ]
    return {x.name: x for x in items}


TARGETS: dict[str, Target] = _targets()
"""Every fuzzed reader, by name."""
