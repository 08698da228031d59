"""The catalogue of a workspace: the shipped honours extended by its ``honours`` table.

A workspace may hold an ``honours`` table (``honours.csv``, the sheet
``Danh mục danh hiệu`` …) of the user's own honours, "Công nhân giỏi Thủ
đô" of the Hà Nội federation for example.  :func:`catalogue_check` reads it
once per workspace: the rows that read join the shipped catalogue (a known
code replaces the shipped honour), the rows that do not are left out and
reported (``A005``, with the row and column; unreadable numbers and yes/no
words are ``S006``).
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

import attrs
import numpy as np

from thidua._text import name_key
from thidua.honours._catalogue import (
    Catalogue,
    CommendationType,
    Honour,
    HonourKind,
    Recipient,
    extend_catalogue,
    load_catalogue,
)
from thidua.io import DataTable, parse_column
from thidua.problems import AwardCode, Problem, Report, problem

if TYPE_CHECKING:
    from thidua.workspace import Workspace

__all__ = ["CatalogueCheck", "catalogue", "catalogue_check"]

_CACHE = "thidua.honours.catalogue"


def _fold(text: str) -> str:
    """Case-, space- and diacritic-folded (``Đ`` → ``d``)."""
    key = unicodedata.normalize("NFD", name_key(text).replace("đ", "d"))
    return "".join(c for c in key if not unicodedata.combining(c))


def _words(values: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {_fold(w): value for value, words in values.items() for w in (value, *words)}


# The Vietnamese words of the honours table's coded columns (English values as well).
_VOCABULARY: dict[str, dict[str, str]] = {
    "kind": _words({"title": ("danh hiệu",), "form": ("hình thức", "hình thức khen thưởng")}),
    "recipient": _words(
        {"individual": ("cá nhân",), "collective": ("tập thể",), "household": ("hộ gia đình",)}
    ),
    "type": _words(
        {
            "merit": ("công trạng", "thành tích"),
            "thematic": ("chuyên đề",),
            "unexpected": ("đột xuất",),
            "contribution": ("cống hiến",),
        }
    ),
}
_ENUMS = {"kind": HonourKind, "recipient": Recipient, "type": CommendationType}


@attrs.frozen(kw_only=True)
class CatalogueCheck:
    """The catalogue of a workspace and the problems of its ``honours`` table.

    Attributes:
        catalogue: the shipped catalogue extended by the rows that read.
        report: the problems of the rows left out.

    .. versionadded:: 0.3.0
    """

    catalogue: Catalogue
    report: Report


def _honours(table: DataTable) -> tuple[list[Honour], list[Problem]]:
    problems: list[Problem] = []
    parsed = {f: parse_column(table, f, problems) for f in table.present}
    bad = np.zeros(len(table), dtype=bool)
    for column in parsed.values():
        bad |= column.bad[column.codes] if len(column.codes) else bad
    codes = table.text("code")
    names = table.text("name_vi")
    honours: list[Honour] = []
    seen: dict[str, int] = {}

    def value(field: str, position: int) -> object:
        column = parsed.get(field)
        return None if column is None else column.uniques[int(column.codes[position])]

    for position in range(len(table)):
        code, name = codes[position].strip(), names[position].strip()
        if bad[position] or not code or not name:
            continue  # parse_column reported the cell (S004, S006)
        where = table.pointer(position, "code")
        if not code.isascii() or any(c.isspace() for c in code):
            message = (
                f"honours: the code {code!r} ({name}) must be ASCII without spaces "
                f"(CNG_HN); the row is left out"
            )
            problems.append(
                problem(AwardCode.INVALID_HONOUR_ROW, message, subject=code, pointer=where)
            )
            continue
        if code in seen:
            message = (
                f"honours: the code {code!r} is given again (first at "
                f"{table.pointer(seen[code])}); the row is left out"
            )
            problems.append(
                problem(AwardCode.INVALID_HONOUR_ROW, message, subject=code, pointer=where)
            )
            continue
        seen[code] = position
        words: dict[str, str | None] = {}
        wrong: list[tuple[str, str]] = []
        for field, vocabulary in _VOCABULARY.items():
            text = str(value(field, position) or "").strip()
            words[field] = vocabulary.get(_fold(text)) if text else None
            if text and words[field] is None:
                wrong.append((field, text))
        if wrong:
            said = "; ".join(
                f"{field} {text!r} is not one of {', '.join(str(m.value) for m in _ENUMS[field])}"
                for field, text in wrong
            )
            message = f"honours: {code} ({name}): {said}; the row is left out"
            where = table.pointer(position, wrong[0][0])
            problems.append(
                problem(AwardCode.INVALID_HONOUR_ROW, message, subject=code, pointer=where)
            )
            continue
        kind, recipient, kind_of_award = words["kind"], words["recipient"], words["type"]
        multiplier = value("multiplier", position)
        implies = value("implies", position)
        honours.append(
            Honour(
                code=code,
                name_vi=name,
                name_en=str(value("name_en", position) or "").strip(),
                kind=kind or "title",
                recipient=recipient or "individual",
                level=str(value("level", position) or ""),
                type=kind_of_award or "merit",
                issuing_level=str(value("issuing_level", position) or ""),
                multiplier=multiplier if isinstance(multiplier, float) else None,
                basis=str(value("basis", position) or "").strip(),
                check=value("check", position) is True,
                implies=tuple(implies) if isinstance(implies, tuple) else (),
            )
        )
    return honours, problems


def catalogue_check(workspace: Workspace) -> CatalogueCheck:
    """The catalogue of *workspace* and the problems of its ``honours`` table (built once).

    Examples:
        >>> from thidua.io import DataTable
        >>> from thidua.workspace import Workspace
        >>> table = DataTable.from_rows(Workspace().table("honours").declaration, [
        ...     {"code": "CNG_HN", "name_vi": "Công nhân giỏi Thủ đô", "recipient": "cá nhân"},
        ...     {"code": "Công nhân", "name_vi": "?"}])
        >>> found = catalogue_check(Workspace(tables={"honours": table}))
        >>> found.catalogue["CNG_HN"].recipient.value, found.report.codes()
        ('individual', ['A005'])

    .. versionadded:: 0.3.0
    """

    def build() -> CatalogueCheck:
        table = workspace.table("honours")
        if not len(table):
            return CatalogueCheck(catalogue=load_catalogue(), report=Report())
        honours, problems = _honours(table)
        return CatalogueCheck(
            catalogue=extend_catalogue(load_catalogue(), honours), report=Report(tuple(problems))
        )

    return workspace.cached(_CACHE, build)


def catalogue(workspace: Workspace) -> Catalogue:
    """The shipped catalogue extended by the workspace's ``honours`` table, if it has one.

    Rows of the table that cannot be read are left out; :func:`thidua.workspace.validate`
    (and :func:`catalogue_check`) report them.

    Examples:
        >>> from thidua.io import DataTable
        >>> from thidua.workspace import Workspace
        >>> table = DataTable.from_rows(Workspace().table("honours").declaration, [
        ...     {"code": "CNG_HN", "name_vi": "Công nhân giỏi Thủ đô", "implies": "LDTT"}])
        >>> cat = catalogue(Workspace(tables={"honours": table}))
        >>> cat["CNG_HN"].name_vi, "LDTT" in cat, len(cat) - len(load_catalogue())
        ('Công nhân giỏi Thủ đô', True, 1)
        >>> len(catalogue(Workspace())) == len(load_catalogue())
        True

    .. versionadded:: 0.3.0
    """
    return catalogue_check(workspace).catalogue
