"""Table declarations: every table of thidua declared once.

A :class:`TableDeclaration` names a table, its :class:`Column` s (each with
a :class:`ColumnType`, required or optional, its Vietnamese header aliases,
the table it refers to), the key that identifies a row and the record type a
row becomes.  Everything else is derived from it:

* :attr:`TableDeclaration.spec`, the :class:`~thidua.io._tabular.TableSpec`
  the CSV and Excel readers match headers with (and the column order the
  writers use);
* the cell rules of the columnar reader (:mod:`thidua.io._columnar`): which
  cells are stripped, which are dates, lists, enums;
* the pointers of problems (the column as written, found by field);
* the format tables of ``docs/formats.md`` (``tools/format_tables.py``
  writes them; a test fails when they are out of date);
* the Hypothesis strategies of the tests (``tests/strategies.py``
  ``table_rows``).

:data:`TABLES` is the registry of the hierarchy tables, in the order they
are written.  Adding a table is one declaration here plus its record type
(see ``docs/formats.md``, "Adding a table").

Examples:
    >>> units = TABLES["units"]
    >>> units.key, units.column("founded").type.value, units.spec.field_for("Mã đơn vị")
    (('id',), 'date', 'id')
    >>> [str(r) for r in TABLES["links"].references]
    ['links.child → units.id', 'links.parent → units.id']

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import builtins
import enum
from collections.abc import Iterator, Mapping

import attrs

from thidua.hierarchy import EventKind, GroupKind, Role
from thidua.io._tabular import TableSpec

__all__ = [
    "ENUM_WORDS",
    "TABLES",
    "Column",
    "ColumnType",
    "Reference",
    "TableDeclaration",
    "declaration",
]


class ColumnType(enum.Enum):
    """What a column holds, and so how its cells are read.

    Every type but :attr:`TEXT` loses surrounding whitespace; every text is
    NFC-normalised; an empty cell is an absent value.

    .. versionadded:: 0.2.0
    """

    ID = "id"
    """An identifier of the row (``HN``, ``007``): stripped text."""
    REFERENCE = "reference"
    """The id of a row of another table (a unit, a group): stripped text."""
    TEXT = "text"
    """Free text kept exactly (names, labels): only NFC-normalised."""
    CODE = "code"
    """A short code (a relation, a document symbol, a key): stripped text."""
    KIND = "kind"
    """A unit kind, as the level scheme names it or labels it (``CĐCS``)."""
    ENUM = "enum"
    """One of a fixed set of words, in English or Vietnamese, any case."""
    DATE = "date"
    """A day: ``yyyy-mm-dd``, ``dd/mm/yyyy`` or an Excel serial number."""
    LIST = "list"
    """Items separated by ``;`` (ids, or numbers with ``.`` or ``,``)."""
    NUMBER = "number"
    """A decimal number (``.`` or ``,`` as the decimal mark)."""
    INTEGER = "integer"
    """A whole number."""
    BOOLEAN = "boolean"
    """Yes or no: ``true``/``false``, ``yes``/``no``, ``có``/``không``, ``1``/``0``, ``x``."""

    @property
    def stripped(self) -> bool:
        """Whether cells lose surrounding whitespace (every type but text)."""
        return self is not ColumnType.TEXT


# The Vietnamese (and case-insensitive English) words of each enum value,
# matched with name_key so tone placement, case and spacing do not matter.
ENUM_WORDS: Mapping[type[enum.Enum], Mapping[str, tuple[str, ...]]] = {
    GroupKind: {
        "cluster": ("cụm", "cụm thi đua"),
        "block": ("khối", "khối thi đua"),
    },
    Role: {
        "member": ("thành viên",),
        "leader": ("cụm trưởng", "khối trưởng"),
        "deputy": ("cụm phó", "khối phó"),
    },
    EventKind: {
        "found": ("thành lập",),
        "dissolve": ("giải thể",),
        "rename": ("đổi tên",),
        "move": ("chuyển",),
        "merge": ("hợp nhất",),
        "absorb": ("sáp nhập",),
        "split": ("chia tách", "tách"),
    },
}
"""Enum type → value → the other words accepted for it (Vietnamese)."""


@attrs.frozen(kw_only=True)
class Reference:
    """A column that names a row of another table (``links.child → units.id``).

    .. versionadded:: 0.2.0
    """

    table: str
    column: str
    target_table: str
    target_column: str

    def __str__(self) -> str:
        return f"{self.table}.{self.column} → {self.target_table}.{self.target_column}"


def _words(value: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Column:
    """One column of a table.

    Attributes:
        name: the canonical (English) header, also the record's field.
        type: what the cells hold.
        required: whether the column must be present (``S002``) and its
            cells non-empty where the record needs them (``S004``).
        aliases: the other headers meaning the column (Vietnamese ones).
        references: ``"table.column"`` this column names a row of, if any.
        enum_type: the enum type of an :attr:`ColumnType.ENUM` column.
        default: the value an empty cell stands for, as text (docs).
        doc: what the column means, in a few words (docs).
        vocabulary: more words accepted for the values of an enum column
            (value → words), beside :data:`ENUM_WORDS`.  The integers of an
            ordered enum (:class:`enum.IntEnum`, a rating) are not words:
            its words are its names and its vocabulary.

    Examples:
        >>> Column(name="role", type=ColumnType.ENUM, enum_type=Role).words()[:3]
        ('member', 'leader', 'deputy')

    .. versionadded:: 0.2.0
    """

    name: str
    type: ColumnType
    required: bool = False
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_words)
    references: str | None = None
    enum_type: builtins.type[enum.Enum] | None = None
    default: str | None = None
    doc: str = ""
    vocabulary: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, eq=False, hash=False)

    def words(self) -> tuple[str, ...]:
        """The accepted words of an enum column: the values, then their Vietnamese names."""
        if self.enum_type is None:
            return ()
        values = tuple(str(m.value) for m in self.enum_type if isinstance(m.value, str))
        known = {**ENUM_WORDS.get(self.enum_type, {}), **self.vocabulary}
        extra = tuple(w for words in known.values() for w in words)
        return values + extra


def _columns(value: tuple[Column, ...] | list[Column]) -> tuple[Column, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class TableDeclaration:
    """A table: its name, columns, key, references and record type.

    Attributes:
        name: the table's name: the CSV file stem and the Excel sheet.
        columns: the columns, in the order they are written.
        key: the columns that identify a row (unique in valid data).
        record: the record type a row becomes, as ``module.Name`` (docs).
        label: the Vietnamese name of the table (docs).
        required: whether a dataset must have the table (``units``).
        attributes: whether unknown columns are free attributes of the
            record (instead of ignored with an ``S007`` warning).
        doc: what the table holds (docs).
        sheets: the Vietnamese sheet names accepted for the table in a
            workbook (besides its name).

    Examples:
        >>> roots = TABLES["roots"]
        >>> roots.fields, roots.required_columns
        (('unit',), ('unit',))

    .. versionadded:: 0.2.0
    """

    name: str
    columns: tuple[Column, ...] = attrs.field(converter=_columns)
    key: tuple[str, ...] = ()
    record: str = ""
    label: str = ""
    required: bool = False
    attributes: bool = False
    doc: str = ""
    sheets: tuple[str, ...] = attrs.field(default=(), converter=_words)
    spec: TableSpec = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        names = [c.name for c in self.columns]
        if len(set(names)) != len(names):
            msg = f"table {self.name!r} declares a column twice"
            raise ValueError(msg)
        if not set(self.key) <= set(names):
            msg = f"the key of table {self.name!r} names a column it does not have"
            raise ValueError(msg)
        spec = TableSpec(
            name=self.name,
            fields=tuple(names),
            required=frozenset(c.name for c in self.columns if c.required),
            aliases={c.name: c.aliases for c in self.columns if c.aliases},
            keep_extra=self.attributes,
        )
        object.__setattr__(self, "spec", spec)

    @property
    def fields(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(c.name for c in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        """The names of the required columns, in order."""
        return tuple(c.name for c in self.columns if c.required)

    @property
    def references(self) -> tuple[Reference, ...]:
        """The columns naming rows of other tables."""
        out = []
        for c in self.columns:
            if c.references is not None:
                table, _, column = c.references.partition(".")
                out.append(
                    Reference(
                        table=self.name, column=c.name, target_table=table, target_column=column
                    )
                )
        return tuple(out)

    def column(self, name: str) -> Column:
        """The column *name*.

        Raises:
            KeyError: the table has no such column.
        """
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def __iter__(self) -> Iterator[Column]:
        return iter(self.columns)


def declaration(name: str) -> TableDeclaration:
    """Return the declaration of the hierarchy table *name* (``KeyError`` if none).

    Examples:
        >>> declaration("links").key
        ('child', 'parent', 'relation', 'valid_from')
    """
    return TABLES[name]


_T = ColumnType
_FROM = ("Từ ngày",)
_TO = ("Đến ngày",)


def _valid_from() -> Column:
    return Column(name="valid_from", type=_T.DATE, aliases=_FROM, doc="first day (empty: open)")


def _valid_to() -> Column:
    return Column(
        name="valid_to", type=_T.DATE, aliases=_TO, doc="first day no longer valid (empty: open)"
    )


_DECLARATIONS = (
    TableDeclaration(
        name="units",
        label="đơn vị",
        record="thidua.hierarchy.Unit",
        key=("id",),
        required=True,
        attributes=True,
        doc="one row per unit (a union at any level); any other column is a text attribute",
        columns=(
            Column(name="id", type=_T.ID, required=True, aliases=("Mã đơn vị",), doc="unit id"),
            Column(
                name="name",
                type=_T.TEXT,
                required=True,
                aliases=("Tên đơn vị", "Tên"),
                doc="the name as founded",
            ),
            Column(
                name="kind",
                type=_T.KIND,
                required=True,
                aliases=("Loại", "Loại đơn vị", "Cấp"),
                doc="a kind of the level scheme, or a label of one (CĐCS)",
            ),
            Column(name="founded", type=_T.DATE, aliases=("Ngày thành lập",), doc="first day"),
            Column(
                name="dissolved",
                type=_T.DATE,
                aliases=("Ngày giải thể", "Ngày chấm dứt"),
                doc="first day it no longer exists",
            ),
            Column(name="short_name", type=_T.TEXT, aliases=("Tên viết tắt",), doc="short form"),
        ),
    ),
    TableDeclaration(
        name="links",
        label="quan hệ",
        record="thidua.hierarchy.Link",
        key=("child", "parent", "relation", "valid_from"),
        doc="child → parent links, valid on [valid_from, valid_to)",
        columns=(
            Column(
                name="child",
                type=_T.REFERENCE,
                required=True,
                aliases=("Đơn vị", "Mã đơn vị"),
                references="units.id",
                doc="the child unit",
            ),
            Column(
                name="parent",
                type=_T.REFERENCE,
                required=True,
                aliases=("Đơn vị cấp trên",),
                references="units.id",
                doc="the parent unit",
            ),
            Column(
                name="relation",
                type=_T.CODE,
                aliases=("Quan hệ",),
                default="admin",
                doc="admin (line of management) or another relation",
            ),
            _valid_from(),
            _valid_to(),
        ),
    ),
    TableDeclaration(
        name="groups",
        label="cụm, khối",
        record="thidua.hierarchy.Group",
        key=("id",),
        attributes=True,
        doc="emulation clusters and blocks; any other column is a text attribute",
        columns=(
            Column(name="id", type=_T.ID, required=True, aliases=("Mã cụm",), doc="group id"),
            Column(name="name", type=_T.TEXT, required=True, aliases=("Tên cụm", "Tên")),
            Column(
                name="kind", type=_T.ENUM, required=True, aliases=("Loại",), enum_type=GroupKind
            ),
            Column(
                name="owner",
                type=_T.REFERENCE,
                aliases=("Đơn vị phụ trách",),
                references="units.id",
                doc="the unit running it",
            ),
        ),
    ),
    TableDeclaration(
        name="group_members",
        label="thành viên cụm",
        record="thidua.hierarchy.GroupMember",
        key=("group", "unit", "role", "valid_from"),
        doc="memberships of groups, with roles, on [valid_from, valid_to)",
        columns=(
            Column(
                name="group",
                type=_T.REFERENCE,
                required=True,
                aliases=("Cụm", "Mã cụm"),
                references="groups.id",
            ),
            Column(
                name="unit",
                type=_T.REFERENCE,
                required=True,
                aliases=("Đơn vị",),
                references="units.id",
            ),
            _valid_from(),
            _valid_to(),
            Column(
                name="role", type=_T.ENUM, aliases=("Vai trò",), enum_type=Role, default="member"
            ),
        ),
    ),
    TableDeclaration(
        name="events",
        label="sự kiện",
        record="thidua.hierarchy.ChangeEvent",
        key=("id",),
        doc="dated structural changes and their documents",
        columns=(
            Column(name="id", type=_T.ID, required=True, aliases=("Mã sự kiện",)),
            Column(
                name="kind", type=_T.ENUM, required=True, aliases=("Loại",), enum_type=EventKind
            ),
            Column(
                name="date",
                type=_T.DATE,
                required=True,
                aliases=("Ngày", "Ngày hiệu lực"),
                doc="the first day of the new state",
            ),
            Column(
                name="originals",
                type=_T.LIST,
                aliases=("Đơn vị cũ",),
                references="units.id",
                doc="units before the change",
            ),
            Column(
                name="results",
                type=_T.LIST,
                aliases=("Đơn vị mới",),
                references="units.id",
                doc="units after the change (move: the new parent)",
            ),
            Column(
                name="shares",
                type=_T.LIST,
                aliases=("Tỷ lệ",),
                doc="split: numbers, one per result",
            ),
            Column(
                name="document",
                type=_T.CODE,
                aliases=("Văn bản", "Số văn bản", "Quyết định"),
                doc="the deciding document's symbol",
            ),
            Column(name="name", type=_T.TEXT, aliases=("Tên mới",), doc="rename: the new name"),
        ),
    ),
    TableDeclaration(
        name="roots",
        label="đơn vị gốc",
        key=("unit",),
        doc="units declared roots besides rank 0",
        columns=(
            Column(
                name="unit",
                type=_T.REFERENCE,
                required=True,
                aliases=("Đơn vị", "Mã đơn vị"),
                references="units.id",
            ),
        ),
    ),
    TableDeclaration(
        name="levels",
        label="hệ thống cấp",
        record="thidua.hierarchy.Level",
        key=("kind",),
        doc="the level scheme (absent: union-2024)",
        columns=(
            Column(
                name="scheme",
                type=_T.CODE,
                default="custom",
                doc="the scheme's name (first row)",
            ),
            Column(name="kind", type=_T.CODE, required=True, aliases=("Loại",)),
            Column(name="rank", type=_T.INTEGER, required=True, aliases=("Bậc",)),
            Column(name="label", type=_T.TEXT, aliases=("Tên",)),
        ),
    ),
    TableDeclaration(
        name="metadata",
        label="thông tin",
        key=("key",),
        doc="free key → text pairs",
        columns=(
            Column(name="key", type=_T.CODE, required=True, aliases=("Khóa",)),
            Column(name="value", type=_T.TEXT, required=True, aliases=("Giá trị",)),
        ),
    ),
)

TABLES: Mapping[str, TableDeclaration] = {d.name: d for d in _DECLARATIONS}
"""The hierarchy tables by name, in the order they are written.

.. versionadded:: 0.2.0
"""


# --------------------------------------------------------------------------
# The format tables of docs/formats.md, generated from the declarations
# --------------------------------------------------------------------------

DOCS_BEGIN = (
    "<!-- format-tables:begin (generated by tools/format_tables.py from thidua.io._schema) -->"
)
DOCS_END = "<!-- format-tables:end -->"
DOMAIN_DOCS_BEGIN = (
    "<!-- domain-tables:begin (generated by tools/format_tables.py from thidua.io._domain) -->"
)
DOMAIN_DOCS_END = "<!-- domain-tables:end -->"

_TYPE_DOCS = {
    ColumnType.ID: "id",
    ColumnType.REFERENCE: "id of",
    ColumnType.TEXT: "text, kept exactly",
    ColumnType.CODE: "code",
    ColumnType.KIND: "unit kind",
    ColumnType.ENUM: "one of",
    ColumnType.DATE: "date",
    ColumnType.LIST: "`;`-separated list",
    ColumnType.NUMBER: "number",
    ColumnType.INTEGER: "whole number",
    ColumnType.BOOLEAN: "yes/no",
}


def _type_doc(column: Column) -> str:
    text = _TYPE_DOCS[column.type]
    if column.type is ColumnType.REFERENCE and column.references:
        return f"{text} `{column.references}`"
    if column.type is ColumnType.ENUM:
        return f"{text} {' · '.join(f'`{w}`' for w in column.words())}"
    if column.type is ColumnType.LIST and column.references:
        return f"{text} of `{column.references}`"
    return text


def markdown_tables(tables: Mapping[str, TableDeclaration] | None = None) -> str:
    """The format tables of ``docs/formats.md``, as Markdown, from the declarations.

    Examples:
        >>> print(markdown_tables({"roots": TABLES["roots"]}))  # doctest: +NORMALIZE_WHITESPACE
        | file (tệp) | record | key | required columns | references |
        |---|---|---|---|---|
        | `roots.csv` (đơn vị gốc) | — | `unit` | `unit` | `roots.unit → units.id` |
        <BLANKLINE>
        #### `roots.csv`: units declared roots besides rank 0
        <BLANKLINE>
        | column | Vietnamese headers | type | required | meaning |
        |---|---|---|---|---|
        | `unit` | Đơn vị · Mã đơn vị | id of `units.id` | yes | |
    """
    chosen = TABLES if tables is None else tables
    lines = [
        "| file (tệp) | record | key | required columns | references |",
        "|---|---|---|---|---|",
    ]
    for d in chosen.values():
        required = "file; " if d.required else ""
        lines.append(
            f"| `{d.name}.csv` ({d.label}) | {f'`{d.record}`' if d.record else '—'} | "
            f"{', '.join(f'`{k}`' for k in d.key)} | "
            f"{required}{', '.join(f'`{c}`' for c in d.required_columns)} | "
            f"{'; '.join(f'`{r}`' for r in d.references) or '—'} |"
        )
    for d in chosen.values():
        lines += ["", f"#### `{d.name}.csv`: {d.doc}", "", markdown_columns(d)]
    return "\n".join(lines)


def markdown_columns(table: TableDeclaration) -> str:
    """The column table of one declared table, as Markdown (a part of :func:`markdown_tables`).

    Examples:
        >>> print(markdown_columns(TABLES["metadata"]))  # doctest: +NORMALIZE_WHITESPACE
        | column | Vietnamese headers | type | required | meaning |
        |---|---|---|---|---|
        | `key` | Khóa | code | yes | |
        | `value` | Giá trị | text, kept exactly | yes | |

    .. versionadded:: 0.4.0
    """
    lines = [
        "| column | Vietnamese headers | type | required | meaning |",
        "|---|---|---|---|---|",
    ]
    for c in table.columns:
        meaning = c.doc
        if c.default is not None:
            meaning = f"{meaning} (empty: `{c.default}`)" if meaning else f"empty: `{c.default}`"
        lines.append(
            f"| `{c.name}` | {' · '.join(c.aliases) or '—'} | {_type_doc(c)} | "
            f"{'yes' if c.required else ''} | {meaning} |"
        )
    if table.attributes:
        lines.append("| *any other column* | | text, kept exactly | | a free attribute |")
    return "\n".join(lines)


def replace_docs_section(
    text: str, tables: str, *, begin: str = DOCS_BEGIN, end: str = DOCS_END
) -> str:
    """*text* with the part between the *begin* and *end* markers replaced by *tables*.

    The markers default to :data:`DOCS_BEGIN` and :data:`DOCS_END` (the
    hierarchy tables); :data:`DOMAIN_DOCS_BEGIN` and :data:`DOMAIN_DOCS_END`
    mark the domain tables.

    Raises:
        ValueError: the markers are missing.
    """
    head, found_begin, rest = text.partition(begin)
    _, found_end, tail = rest.partition(end)
    if not found_begin or not found_end:
        msg = "docs/formats.md lacks the format-tables markers"
        raise ValueError(msg)
    return f"{head}{begin}\n{tables}\n{end}{tail}"
