"""The declarations of the indicators and figures tables.

Like every other table of thidua (:mod:`thidua.io._schema`), the two tables
of :mod:`thidua.figures` are each declared once, as a
:class:`~thidua.io._schema.TableDeclaration`: :data:`INDICATORS_DECLARATION`
(``indicators.csv``, a dataset's own indicators) and
:data:`FIGURES_DECLARATION` (``figures.csv``, reported figures).  Everything
else is derived from them: :data:`~thidua.figures.INDICATOR_COLUMNS`,
:data:`~thidua.figures.INDICATOR_TABLE`, :data:`~thidua.figures.FIGURE_COLUMNS`,
the Vietnamese aggregation, direction and scope words, the sheet names a
workbook may use, and the column tables of ``docs/indicators.md``
(``tools/format_tables.py``).

They live here, not in :mod:`thidua.io`, because their enum columns take the
enums of :mod:`thidua.figures` (and :mod:`thidua.io` does not import
:mod:`thidua.figures`).

Examples:
    >>> FIGURES_DECLARATION.key
    ('unit', 'indicator', 'period', 'scope')
    >>> INDICATORS_DECLARATION.column("aggregation").vocabulary["sum"]
    ('cộng', 'tổng')
    >>> [str(r) for r in FIGURES_DECLARATION.references]
    ['figures.unit → units.id', 'figures.indicator → indicators.code']

.. versionadded:: 0.4.0
"""

from __future__ import annotations

from collections.abc import Mapping

from thidua.figures._indicators import Aggregation, Direction
from thidua.figures._store import Scope
from thidua.io import Column, ColumnType, TableDeclaration

__all__ = ["FIGURES_DECLARATION", "FIGURE_TABLES", "INDICATORS_DECLARATION"]

_T = ColumnType

INDICATORS_DECLARATION = TableDeclaration(
    name="indicators",
    label="chỉ tiêu",
    record="thidua.figures.Indicator",
    key=("code",),
    doc="a dataset's own indicators, added to the built-in catalogue (a known code replaces it)",
    sheets=("Chỉ tiêu", "Danh mục chỉ tiêu"),
    columns=(
        Column(
            name="code",
            type=_T.ID,
            required=True,
            aliases=("Mã chỉ tiêu", "Mã"),
            doc="the code used in `figures.csv`",
        ),
        Column(
            name="name",
            type=_T.TEXT,
            required=True,
            aliases=("Tên chỉ tiêu", "Tên"),
            doc="the Vietnamese name",
        ),
        Column(
            name="unit",
            type=_T.CODE,
            aliases=("Đơn vị tính", "ĐVT"),
            doc="the unit of measure: `người`, `VND`, `%` …",
        ),
        Column(
            name="aggregation",
            type=_T.ENUM,
            required=True,
            aliases=("Cách tổng hợp",),
            enum_type=Aggregation,
            vocabulary={
                "sum": ("cộng", "tổng"),
                "stock": ("cuối kỳ",),
                "ratio": ("tỷ lệ",),
                "distinct": ("đếm không trùng",),
                "mean": ("trung bình",),
                "min": ("nhỏ nhất",),
                "max": ("lớn nhất",),
            },
            doc="how it rolls up across units and time",
        ),
        Column(
            name="numerator",
            type=_T.REFERENCE,
            aliases=("Tử số",),
            references="indicators.code",
            doc="a ratio's numerator: a numeric indicator",
        ),
        Column(
            name="denominator",
            type=_T.REFERENCE,
            aliases=("Mẫu số",),
            references="indicators.code",
            doc="a ratio's denominator: a numeric indicator",
        ),
        Column(
            name="weight",
            type=_T.REFERENCE,
            aliases=("Trọng số",),
            references="indicators.code",
            doc="a mean's weighting indicator",
        ),
        Column(
            name="scale",
            type=_T.NUMBER,
            aliases=("Hệ số",),
            default="1",
            doc="multiplier of a ratio (`100` for a percentage), read like a figure's value",
        ),
        Column(
            name="nonnegative",
            type=_T.BOOLEAN,
            aliases=("Không âm",),
            default="true",
            doc="whether a negative figure is an error",
        ),
        Column(
            name="direction",
            type=_T.ENUM,
            aliases=("Chiều", "Chiều đánh giá"),
            enum_type=Direction,
            vocabulary={
                "higher": ("cao", "tăng", "càng cao càng tốt"),
                "lower": ("thấp", "giảm", "càng thấp càng tốt"),
            },
            default="higher",
            doc="`higher`: a plan is met by reaching it; `lower` (fewer accidents is better): "
            "by staying at or below it",
        ),
    ),
)
"""The indicators table (``indicators.csv``, the sheet ``Chỉ tiêu``), declared once.

Examples:
    >>> INDICATORS_DECLARATION.required_columns
    ('code', 'name', 'aggregation')
    >>> INDICATORS_DECLARATION.spec.field_for("Hệ số")
    'scale'

.. versionadded:: 0.4.0
"""

FIGURES_DECLARATION = TableDeclaration(
    name="figures",
    label="số liệu",
    record="thidua.figures.Figure",
    key=("unit", "indicator", "period", "scope"),
    doc="reported figures, one a row (a key given twice is the duplicate `F004`)",
    sheets=("Số liệu", "Số liệu thi đua", "Báo cáo số liệu"),
    columns=(
        Column(
            name="unit",
            type=_T.REFERENCE,
            required=True,
            aliases=("Đơn vị", "Mã đơn vị"),
            references="units.id",
            doc="the reporting unit",
        ),
        Column(
            name="indicator",
            type=_T.REFERENCE,
            required=True,
            aliases=("Chỉ tiêu", "Mã chỉ tiêu"),
            references="indicators.code",
            doc="the indicator (built in or from `indicators.csv`)",
        ),
        Column(
            name="period",
            type=_T.CODE,
            required=True,
            aliases=("Kỳ", "Kỳ báo cáo"),
            doc="any period `parse_period` reads: `2025`, `2025-Q3`, `quý III/2025` …",
        ),
        Column(
            name="value",
            type=_T.NUMBER,
            required=True,
            aliases=("Giá trị", "Số liệu"),
            doc="the figure (`1.585` is 1585, `1,5` is 1.5, a machine number `1e-05` too, "
            "`31/20 (155%)` is 31 against the plan 20); for a `distinct` indicator, keys "
            "separated by `;`",
        ),
        Column(
            name="source",
            type=_T.CODE,
            aliases=("Nguồn",),
            doc="the report it came from",
        ),
        Column(
            name="scope",
            type=_T.ENUM,
            aliases=("Phạm vi",),
            enum_type=Scope,
            vocabulary={"own": ("riêng",), "total": ("tổng", "tổng hợp")},
            default="own",
            doc="the unit's own figure or the total of its subtree",
        ),
        Column(
            name="plan",
            type=_T.NUMBER,
            aliases=("Kế hoạch",),
            doc="the planned figure",
        ),
        Column(
            name="keys",
            type=_T.LIST,
            aliases=("Danh sách mã",),
            doc="the keys of a `distinct` indicator (`P1;P2`), as an alternative to giving "
            "them in `value` (then `value` is empty; both is `F007`)",
        ),
    ),
)
"""The figures table (``figures.csv``, the sheet ``Số liệu``), declared once.

Examples:
    >>> FIGURES_DECLARATION.required_columns
    ('unit', 'indicator', 'period', 'value')
    >>> FIGURES_DECLARATION.spec.field_for("Kỳ báo cáo"), FIGURES_DECLARATION.sheets[0]
    ('period', 'Số liệu')

.. versionadded:: 0.4.0
"""

FIGURE_TABLES: Mapping[str, TableDeclaration] = {
    d.name: d for d in (INDICATORS_DECLARATION, FIGURES_DECLARATION)
}
"""The tables of :mod:`thidua.figures` by name: ``indicators``, then ``figures``.

Examples:
    >>> list(FIGURE_TABLES)
    ['indicators', 'figures']

.. versionadded:: 0.4.0
"""


def headers(declaration: TableDeclaration) -> dict[str, tuple[str, ...]]:
    """Each column of *declaration* → its Vietnamese headers, in column order.

    Examples:
        >>> headers(FIGURES_DECLARATION)["keys"]
        ('Danh sách mã',)
    """
    return {c.name: c.aliases for c in declaration.columns}


def words(column: Column) -> dict[str, tuple[str, ...]]:
    """The Vietnamese words of each value of an enum *column* (its vocabulary), in value order.

    Examples:
        >>> words(FIGURES_DECLARATION.column("scope"))
        {'own': ('riêng',), 'total': ('tổng', 'tổng hợp')}
    """
    assert column.enum_type is not None
    return {str(m.value): tuple(column.vocabulary.get(str(m.value), ())) for m in column.enum_type}
