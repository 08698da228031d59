"""The loss oracle: every non-blank input row is a record or is named by a problem.

A reader may refuse a row, but it must say so: a row that is neither read
(a record whose ``source`` pointer names it) nor named by a problem pointer
is a **silent loss**.  A problem naming a whole file or sheet (``S001``
unreadable, ``S002`` a required column missing: nothing was read) accounts
for all its rows.  The checks are built from the input itself (the CSV
bytes, the cells a workbook was made from, the JSON or YAML text), never
from what the reader says it read.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from tests.fuzz._mutate import nonblank_csv_rows
from thidua._text import name_key
from thidua.hierarchy import Dataset
from thidua.problems import Pointer, Problem

__all__ = [
    "DATASET_TABLES",
    "Loss",
    "dataset_losses",
    "document_losses",
    "roundtrip_losses",
    "rows_losses",
]

DATASET_TABLES: Mapping[str, str] = {
    "units": "units",
    "links": "links",
    "groups": "groups",
    "group_members": "members",
    "events": "events",
}
"""Tables whose rows become records with a ``source`` pointer → the dataset field."""

_WHOLE = frozenset({"S001", "S002"})


@attrs.frozen
class Loss:
    """One silently lost row: the table, why it is a class of its own, where."""

    table: str
    kind: str
    where: str

    def __str__(self) -> str:
        return f"{self.table}: {self.kind}: {self.where}"


class _Accounts:
    """The rows named by records and problems."""

    def __init__(self, sources: Iterable[Pointer | None], problems: Iterable[Problem]) -> None:
        self.rows: set[tuple[str | None, str | None, int | None]] = set()
        self.paths: list[str] = []
        self.whole: set[tuple[str | None, str | None]] = set()
        self.whole_files: set[str | None] = set()
        for p in sources:
            if p is not None:
                self._add(p)
        for prob in problems:
            ptr = prob.pointer
            if ptr is None:
                continue
            self._add(ptr)
            if prob.code in _WHOLE or (ptr.row is None and ptr.path is None):
                self.whole.add((ptr.file, ptr.sheet))
                if ptr.sheet is None:
                    self.whole_files.add(ptr.file)

    def _add(self, p: Pointer) -> None:
        if p.path is not None:
            self.paths.append(p.path)
        else:
            self.rows.add((p.file, p.sheet, p.row))

    def has_row(self, file: str, sheet: str | None, row: int) -> bool:
        return (
            (file, sheet, row) in self.rows
            or (file, sheet) in self.whole
            or file in self.whole_files
        )

    def has_path(self, path: str, *, inside: bool = True) -> bool:
        """A record or problem at *path*, at one of its ancestors, or (*inside*) within it."""
        for p in self.paths:
            if p == path or p == "$":
                return True
            if path.startswith(p) and path[len(p)] in ".[":
                return True
            if inside and p.startswith(path) and p[len(path)] in ".[":
                return True
        return False


def rows_losses(
    table: str,
    inputs: Sequence[tuple[str, str | None, Sequence[int]]],
    sources: Iterable[Pointer | None],
    problems: Iterable[Problem],
) -> list[Loss]:
    """Losses of one table given as (file, sheet, non-blank row numbers) per input table."""
    accounts = _Accounts(sources, problems)
    named = Counter(name_key(sheet or file) for file, sheet, _ in inputs)
    out = []
    for file, sheet, rows in inputs:
        twice = named[name_key(sheet or file)] > 1
        kind = (
            f"{'sheet' if sheet else 'file'} named like another, rows ignored"
            if twice
            else "row neither read nor reported"
        )
        out.extend(
            Loss(table, kind, f"{file}{f' sheet {sheet}' if sheet else ''} row {row}")
            for row in rows
            if not accounts.has_row(file, sheet, row)
        )
    return out


def _csv_inputs(
    files: Sequence[tuple[str, bytes]], table: str
) -> list[tuple[str, None, list[int]]]:
    out = []
    for name, data in files:
        if name.casefold() == f"{table}.csv":
            rows = nonblank_csv_rows(data)
            if rows is not None:
                out.append((name, None, rows))
    return out


def dataset_losses(
    dataset: Dataset,
    problems: Sequence[Problem],
    *,
    files: Sequence[tuple[str, bytes]] = (),
    workbook: str | None = None,
    sheets: Sequence[tuple[str, Sequence[int]]] | None = None,
) -> list[Loss]:
    """Losses of a dataset read from CSV *files* or from a *workbook* built from *sheets*."""
    out: list[Loss] = []
    for table, field in DATASET_TABLES.items():
        records = getattr(dataset, field)
        if workbook is not None:
            if sheets is None:
                continue
            inputs: Sequence[tuple[str, str | None, Sequence[int]]] = [
                (workbook, sheet, rows)
                for sheet, rows in sheets
                if name_key(sheet) == name_key(table)
            ]
        else:
            inputs = _csv_inputs(files, table)
        if inputs:
            out.extend(rows_losses(table, inputs, (r.source for r in records), problems))
    return out


# -- JSON and YAML documents ---------------------------------------------------------------

_SECTIONS = ("units", "links", "groups", "members", "events")


class _Pairs(dict[str, Any]):
    """A JSON object that remembers the keys it was given twice."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        counts = Counter(k for k, _ in pairs)
        self.twice = sorted(k for k, n in counts.items() if n > 1)


def _json_shape(text: str) -> tuple[dict[str, int], list[str]] | None:
    """(section → number of items, JSON paths of duplicate keys), or ``None``."""
    try:
        doc = json.loads(text, object_pairs_hook=_Pairs)
    except (ValueError, RecursionError):
        return None
    if not isinstance(doc, dict):
        return None
    sections = {k: len(v) for k in _SECTIONS if isinstance(v := doc.get(k), list)}
    twice: list[str] = []
    stack: list[tuple[str, Any, int]] = [("$", doc, 0)]
    while stack:
        path, node, depth = stack.pop()
        if depth > 50:
            continue
        if isinstance(node, _Pairs):
            twice.extend(f"{path}.{k}" for k in node.twice)
            stack.extend((f"{path}.{k}", v, depth + 1) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((f"{path}[{i}]", v, depth + 1) for i, v in enumerate(node))
    return sections, twice


def _yaml_shape(text: str) -> tuple[dict[str, int], list[str]] | None:
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    sections: dict[str, int] = {}
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value in _SECTIONS:
            if isinstance(value, yaml.SequenceNode):
                sections[key.value] = len(value.value)
            else:
                sections.pop(key.value, None)
    twice: list[str] = []
    seen: set[int] = set()
    stack: list[tuple[str, Any, int]] = [("$", root, 0)]
    while stack:
        path, node, depth = stack.pop()
        if id(node) in seen or depth > 50:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys = Counter(k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode))
            twice.extend(f"{path}.{k}" for k, n in keys.items() if n > 1)
            stack.extend(
                (f"{path}.{getattr(k, 'value', '?')}", v, depth + 1) for k, v in node.value
            )
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((f"{path}[{i}]", v, depth + 1) for i, v in enumerate(node.value))
    return sections, twice


def document_losses(
    text: str, dataset: Dataset, problems: Sequence[Problem], *, syntax: str
) -> list[Loss]:
    """Losses of a JSON or YAML document: dropped list items and duplicate keys."""
    shape = _json_shape(text) if syntax == "json" else _yaml_shape(text)
    if shape is None:
        return []
    sections, twice = shape
    sources = [r.source for f in DATASET_TABLES.values() for r in getattr(dataset, f)]
    accounts = _Accounts(sources, problems)
    out = [
        Loss(name, "list item neither read nor reported", f"$.{name}[{i}]")
        for name, count in sections.items()
        for i in range(count)
        if not accounts.has_path(f"$.{name}[{i}]")
    ]
    problem_paths = _Accounts((), problems)
    out.extend(
        Loss(
            re.sub(r"\[\d+\]", "[]", path.rsplit(".", 1)[0] or "$"),
            "duplicate key, one value dropped silently",
            path,
        )
        for path in twice
        if not problem_paths.has_path(path, inside=False)
    )
    return out


# -- round trips ---------------------------------------------------------------------------


def _difference(written: Dataset, read: Dataset) -> str:
    for field in ("units", "links", "groups", "members", "events", "roots"):
        a, b = getattr(written, field), getattr(read, field)
        if len(a) != len(b):
            return f"{field}: {len(a)} written, {len(b)} read"
        for x, y in zip(a, b, strict=True):
            if x != y:
                if attrs.has(type(x)):
                    for f in attrs.fields(type(x)):
                        if f.eq and getattr(x, f.name) != getattr(y, f.name):
                            return f"{field}.{f.name} changed"
                return f"{field} changed"
    if written.scheme != read.scheme:
        return "scheme changed"
    if written.metadata != read.metadata:
        return "metadata changed"
    return "changed"


def roundtrip_losses(written: Dataset, read: Dataset, fmt: str) -> list[Loss]:
    """A dataset a writer accepted must read back equal."""
    if written == read:
        return []
    what = _difference(written, read)
    return [Loss(what.split(":")[0].split(" ")[0], f"{fmt} round trip: {what}", fmt)]
