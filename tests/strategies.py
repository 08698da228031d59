"""Hypothesis strategies for thidua records and whole datasets, shared by the tests.

Text is Vietnamese-flavoured: precomposed letters with every tone, ``Đ`` and
the look-alike ``Ð`` (U+00D0), punctuation that needs quoting in CSV, and,
for the fields the model normalises (names, labels, attributes, documents),
the same text in NFD so that the NFC boundary is exercised.

Every strategy takes ``tabular=False``; with ``tabular=True`` it only draws
values that CSV and Excel tables can hold (see ``docs/formats.md``):
attribute values are non-empty text, empty optional text is ``None``,
attribute names are not column names.

Examples:
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(datasets())
    ... def check(ds):
    ...     assert len(set(ds.unit_ids())) == len(ds.units)
    >>> check()
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import cast

import attrs
import pendulum
from hypothesis import strategies as st

from thidua.hierarchy import (
    UNION_SCHEME,
    AttributeValue,
    ChangeEvent,
    Dataset,
    EventKind,
    Group,
    GroupKind,
    GroupMember,
    Level,
    LevelScheme,
    Link,
    Role,
    Unit,
)
from thidua.io._dataset_tables import GROUPS, UNITS, plain_attribute
from thidua.io._schema import Column, ColumnType, TableDeclaration

__all__ = [
    "attribute_maps",
    "cells",
    "change_events",
    "datasets",
    "dates",
    "exact_fields",
    "expected_cell",
    "group_members",
    "groups",
    "ids",
    "level_schemes",
    "links",
    "metadata_maps",
    "names",
    "table_rows",
    "tokens",
    "units",
]

_VOWELS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
_LETTERS = _VOWELS + _VOWELS.upper() + "bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX" + "Ð"
_ID_CHARS = _LETTERS + "0123456789-_./"
_TEXT_CHARS = _LETTERS + "0123456789 ,.-/()'\"&:=;%\n"


def _maybe_nfd(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(text, st.booleans()).map(
        lambda pair: unicodedata.normalize("NFD", pair[0]) if pair[1] else pair[0]
    )


def ids() -> st.SearchStrategy[str]:
    """Non-empty NFC ids without surrounding space or ``;`` (e.g. ``HN-ĐĐ-07``)."""
    return st.text(_ID_CHARS, min_size=1, max_size=8)


def tokens() -> st.SearchStrategy[str]:
    """Short NFC codes (kinds, relations, keys) without surrounding whitespace."""
    return st.text(_ID_CHARS + " ", min_size=1, max_size=10).filter(lambda s: s == s.strip())


def names(*, min_size: int = 0) -> st.SearchStrategy[str]:
    """Free Vietnamese text, sometimes NFD, with spaces, quotes, ``;`` and newlines."""
    return _maybe_nfd(st.text(_TEXT_CHARS, min_size=min_size, max_size=24))


def dates() -> st.SearchStrategy[pendulum.Date]:
    """Dates from 1900-03-01 (Excel's first safe day) to 2100."""
    return st.dates(min_value=pendulum.Date(1900, 3, 1), max_value=pendulum.Date(2100, 12, 31)).map(
        lambda d: pendulum.Date(d.year, d.month, d.day)
    )


def _optional_dates() -> st.SearchStrategy[pendulum.Date | None]:
    return st.none() | dates()


def _optional_text(*, tabular: bool) -> st.SearchStrategy[str | None]:
    # A table writes None and "" alike as an empty cell, read back as None.
    return st.none() | names(min_size=1 if tabular else 0)


def _scalars() -> st.SearchStrategy[AttributeValue]:
    return (
        names()
        | st.none()
        | st.booleans()
        | st.integers(min_value=-(10**15), max_value=10**15)
        | st.floats(allow_nan=False, allow_infinity=False)
    )


def attribute_maps(
    *, tabular: bool = False, for_groups: bool = False
) -> st.SearchStrategy[dict[str, AttributeValue]]:
    """Free attribute maps: any scalar for JSON/YAML, non-empty text for tables."""
    if not tabular:
        return st.dictionaries(
            _maybe_nfd(st.text(_TEXT_CHARS, max_size=10)), _scalars(), max_size=3
        )
    spec = GROUPS if for_groups else UNITS
    keys = tokens().filter(lambda k: plain_attribute(spec, k))
    values: st.SearchStrategy[AttributeValue] = names(min_size=1)
    return st.dictionaries(keys, values, max_size=3)


def units(
    unit_ids: st.SearchStrategy[str] | None = None, *, tabular: bool = False
) -> st.SearchStrategy[Unit]:
    """Units with optional dates, short names and attributes."""
    return st.builds(
        Unit,
        id=unit_ids if unit_ids is not None else ids(),
        name=names(),
        kind=st.sampled_from(UNION_SCHEME.kinds) | tokens() | st.just(""),
        founded=_optional_dates(),
        dissolved=_optional_dates(),
        short_name=_optional_text(tabular=tabular),
        attributes=attribute_maps(tabular=tabular),
    )


def _refs(unit_ids: Sequence[str]) -> st.SearchStrategy[str]:
    # Mostly known ids, sometimes an unknown one (the io layer does not check).
    known = st.sampled_from(list(unit_ids)) if unit_ids else ids()
    return st.one_of(known, known, known, ids())


def links(unit_ids: Sequence[str], *, tabular: bool = False) -> st.SearchStrategy[Link]:
    """Links between (mostly) the given units, in any relation."""
    del tabular  # links hold nothing a table cannot
    return st.builds(
        Link,
        child=_refs(unit_ids),
        parent=_refs(unit_ids),
        relation=st.sampled_from(["admin", "guidance", "chỉ đạo"]) | tokens(),
        valid_from=_optional_dates(),
        valid_to=_optional_dates(),
    )


def groups(unit_ids: Sequence[str], *, tabular: bool = False) -> st.SearchStrategy[Group]:
    """Emulation clusters and blocks owned by (mostly) the given units."""
    return st.builds(
        Group,
        id=ids(),
        name=names(),
        kind=st.sampled_from(GroupKind),
        owner=st.none() | _refs(unit_ids),
        attributes=attribute_maps(tabular=tabular, for_groups=True),
    )


def group_members(
    group_ids: Sequence[str], unit_ids: Sequence[str], *, tabular: bool = False
) -> st.SearchStrategy[GroupMember]:
    """Memberships of the given groups in every role."""
    del tabular
    return st.builds(
        GroupMember,
        group=_refs(group_ids),
        unit=_refs(unit_ids),
        valid_from=_optional_dates(),
        valid_to=_optional_dates(),
        role=st.sampled_from(Role),
    )


def change_events(
    unit_ids: Sequence[str], *, tabular: bool = False
) -> st.SearchStrategy[ChangeEvent]:
    """Change events of every kind naming (mostly) the given units."""
    unit_lists = st.lists(_refs(unit_ids), max_size=3).map(tuple)
    return st.builds(
        ChangeEvent,
        id=ids(),
        kind=st.sampled_from(EventKind),
        date=dates(),
        originals=unit_lists,
        results=unit_lists,
        shares=st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=3).map(tuple),
        document=st.none() | tokens() | (st.nothing() if tabular else st.just("")),
        name=_optional_text(tabular=tabular),
    )


def level_schemes() -> st.SearchStrategy[LevelScheme]:
    """The union scheme or a small custom one (at least one level)."""
    level = st.builds(
        Level,
        kind=tokens(),
        rank=st.integers(min_value=0, max_value=9),
        label=names(),
    )
    custom = st.builds(LevelScheme, tokens(), st.lists(level, min_size=1, max_size=4).map(tuple))
    return st.just(UNION_SCHEME) | custom


def metadata_maps() -> st.SearchStrategy[dict[str, str]]:
    """Metadata: NFC keys without surrounding space, any text values (``""`` too)."""
    values = st.text(_TEXT_CHARS, max_size=20)
    return st.dictionaries(tokens(), values, max_size=3)


@st.composite
def datasets(draw: st.DrawFn, *, tabular: bool = False, max_units: int = 6) -> Dataset:
    """Whole datasets: unique unit ids, records referring mostly to them.

    The structure is not validated (links may form cycles, dates may be
    reversed): these datasets test input and output, not the hierarchy.
    """
    unit_ids = draw(st.lists(ids(), max_size=max_units, unique=True))
    scheme = draw(level_schemes())
    the_units = [draw(units(st.just(uid), tabular=tabular)) for uid in unit_ids]
    if tabular:  # tables store the kind a label names ("CĐCS" is read as grassroots)
        the_units = [attrs.evolve(u, kind=scheme.kind_for(u.kind) or u.kind) for u in the_units]
    the_groups = draw(st.lists(groups(unit_ids, tabular=tabular), max_size=2))
    group_ids = [g.id for g in the_groups]
    return Dataset(
        units=the_units,
        links=draw(st.lists(links(unit_ids, tabular=tabular), max_size=6)),
        groups=the_groups,
        members=draw(st.lists(group_members(group_ids, unit_ids, tabular=tabular), max_size=3)),
        events=draw(st.lists(change_events(unit_ids, tabular=tabular), max_size=3)),
        roots=draw(st.lists(_refs(unit_ids), max_size=2)),
        scheme=scheme,
        metadata=draw(metadata_maps()),
    )


# --------------------------------------------------------------------------
# Generic: valid rows of any declared table (thidua.io._schema)
# --------------------------------------------------------------------------


def _nfc_text(*, min_size: int = 0) -> st.SearchStrategy[str]:
    return st.text(_TEXT_CHARS + " \t", min_size=min_size, max_size=16).map(
        lambda s: unicodedata.normalize("NFC", s)
    )


def _number_text() -> st.SearchStrategy[str]:
    return st.floats(allow_nan=False, allow_infinity=False, width=32).map(repr)


def cells(column: Column) -> st.SearchStrategy[str]:
    """Canonical cell text for *column*: what the writer writes for a valid value.

    Reading such a cell and writing the value back gives the same text (for
    an optional column with a default, an empty cell reads back as the
    default: see :func:`expected_cell`).
    """
    kind = column.type
    if kind is ColumnType.DATE:
        value: st.SearchStrategy[str] = dates().map(lambda d: d.isoformat())
    elif kind in (ColumnType.ID, ColumnType.REFERENCE):
        value = ids()
    elif kind is ColumnType.CODE:
        value = tokens()
    elif kind is ColumnType.KIND:
        value = st.sampled_from(UNION_SCHEME.kinds)
    elif kind is ColumnType.ENUM:
        assert column.enum_type is not None
        value = st.sampled_from([str(m.value) for m in column.enum_type])
    elif kind is ColumnType.LIST:
        item = _number_text() if column.references is None else ids()
        value = st.lists(item, min_size=1, max_size=3).map(";".join)
    elif kind is ColumnType.INTEGER:
        value = st.integers(min_value=0, max_value=9).map(str)
    elif kind is ColumnType.NUMBER:
        value = _number_text()
    elif kind is ColumnType.BOOLEAN:
        value = st.sampled_from(["true", "false"])
    else:
        value = _nfc_text(min_size=0 if column.required else 1)
    if column.required:
        return value
    return st.just("") | value


def expected_cell(column: Column, cell: str) -> str:
    """The text a written cell reads back and is written as (the default for an empty one)."""
    if cell == "" and column.default is not None and column.name != "scheme":
        return column.default
    return cell


def exact_fields(record: object) -> tuple[tuple[str, object, object], ...]:
    """Every field of an attrs record with its type, ``source`` and its headers included.

    Stricter than ``==`` (which leaves ``source`` out and takes ``1 == 1.0``):
    two readers agree on a record when these agree.  Mappings are compared
    with their order, tuples with the types of their items.

    Examples:
        >>> exact_fields(Link(child="A", parent="B"))[:2]
        (('child', 'str', 'A'), ('parent', 'str', 'B'))
    """
    out: list[tuple[str, object, object]] = []
    for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(record))):
        value = getattr(record, field.name)
        kind: object = type(value).__name__
        if isinstance(value, dict):
            value = list(value.items())
        elif isinstance(value, tuple):
            kind = (kind, tuple(type(v).__name__ for v in value))
        out.append((field.name, kind, value))
        if field.name == "source" and value is not None:
            out.append(("headers", "dict", dict(value.headers)))
    return tuple(out)


@st.composite
def table_rows(
    draw: st.DrawFn,
    declaration: TableDeclaration,
    *,
    max_rows: int = 5,
    cells_for: Mapping[str, st.SearchStrategy[str]] | None = None,
) -> list[list[str]]:
    """Valid rows (cell texts in column order) of a declared table, keys unique.

    A levels table gets one scheme name for all its rows (a scheme per dataset).
    *cells_for* draws the cells of some columns instead of :func:`cells`
    (the periods of a figures table: a code the period parser reads).

    Examples:
        >>> from hypothesis import given, settings
        >>> from thidua.io._schema import TABLES
        >>> @settings(max_examples=5, database=None)
        ... @given(table_rows(TABLES["links"]))
        ... def check(rows):
        ...     assert all(len(r) == 5 and r[0] and r[1] for r in rows)
        >>> check()
    """
    columns = declaration.columns
    chosen = cells_for or {}
    row = st.tuples(*(chosen[c.name] if c.name in chosen else cells(c) for c in columns)).map(list)
    positions = [declaration.fields.index(k) for k in declaration.key]
    rows = draw(
        st.lists(
            row,
            max_size=max_rows,
            unique_by=lambda r: tuple(expected_cell(columns[i], r[i]) for i in positions),
        )
    )
    if declaration.name == "levels" and rows:
        scheme = draw(tokens())
        for r in rows:
            r[0] = scheme
    return rows
