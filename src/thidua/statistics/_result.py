"""The typed result of a statistics form: headed columns, numbered rows, counts.

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from thidua.periods import Period

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BASIS",
    "Form0601",
    "Form0602",
    "Form0603",
    "FormColumn",
    "FormRow",
    "StatisticsForm",
]

BASIS = (
    "Thông tư 02/2023/TT-BNV ngày 23/3/2023 (thay thế bởi Thông tư 18/2025/TT-BNV; "
    "tiêu đề, cột và mã số chưa đối chiếu với văn bản)"
)
"""The basis written on every form: the circular, its replacement, and that it is unverified."""


@attrs.frozen(kw_only=True)
class FormColumn:
    """One column of a form.

    Attributes:
        key: a stable ASCII key (``bk_ttg_individual``): the field in
            :meth:`StatisticsForm.to_records` and the DataFrame column.
        group: the heading over several columns (``Các loại huân chương,
            huy chương``), or the heading itself.
        heading: the column's heading.
        sub: ``Tập thể`` or ``Cá nhân`` when the column counts only those, else ``""``.
        honours: the catalogue codes it counts (empty: all, or none held by the library).
        verified: the heading was checked against the circular's text (none yet).

    .. versionadded:: 0.3.0
    """

    key: str
    group: str
    heading: str
    sub: str = ""
    honours: tuple[str, ...] = ()
    verified: bool = False


@attrs.frozen(kw_only=True)
class FormRow:
    """One row of a form: its number, label, unit of count, depth and one value per column.

    .. versionadded:: 0.3.0
    """

    code: str
    label: str
    unit: str
    depth: int
    values: tuple[int, ...]


@attrs.frozen(kw_only=True)
class StatisticsForm:
    """A statistics form computed from a workspace (never typed by hand).

    Attributes:
        form: ``0601``, ``0602`` or ``0603``.
        symbol: the form's symbol (``0602.N/BNV-TĐKT``).
        title: its Vietnamese title.
        year: the statistics year.
        period: the emulation-statistics year it covers (01/12 of the year
            before to 30/11).
        columns: the columns.
        rows: the rows, each with one value per column.
        counted: the ids counted (awards, or campaigns for 0601).
        basis: the circular (and that 18/2025/TT-BNV replaced it).
        notes: what is assumed and unverified.

    Examples:
        >>> f = StatisticsForm(form="0000", symbol="0000.N", title="THỬ", year=2024,
        ...     period=Period.emulation_year(2024),
        ...     columns=(FormColumn(key="total", group="Tổng số", heading="Tổng số"),),
        ...     rows=(FormRow(code="01", label="Tổng số", unit="Lượt", depth=0, values=(3,)),))
        >>> f
        <StatisticsForm 0000 năm 2024: THỬ, 1 rows × 1 columns, total 3>
        >>> f.value("01", "total"), f.to_records()
        (3, [{'code': '01', 'label': 'Tổng số', 'unit': 'Lượt', 'total': 3}])

    .. versionadded:: 0.3.0
    """

    form: str
    symbol: str
    title: str
    year: int
    period: Period
    columns: tuple[FormColumn, ...]
    rows: tuple[FormRow, ...]
    counted: tuple[str, ...] = ()
    basis: str = BASIS
    notes: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[FormRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} {self.form} năm {self.year}: {self.title}, "
            f"{len(self.rows)} rows × {len(self.columns)} columns, total {self.total}>"
        )

    @property
    def total(self) -> int:
        """The first row's first value (the form's grand total)."""
        return self.rows[0].values[0] if self.rows and self.columns else 0

    def row(self, code: str) -> FormRow:
        """The row numbered *code*.

        Raises:
            KeyError: no such row.
        """
        for r in self.rows:
            if r.code == code:
                return r
        raise KeyError(code)

    def value(self, row: str, column: str) -> int:
        """The value of row *row* (its code) in column *column* (its key).

        Raises:
            KeyError: no such row or column.
        """
        keys = [c.key for c in self.columns]
        if column not in keys:
            raise KeyError(column)
        return self.row(row).values[keys.index(column)]

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per row: ``code``, ``label``, ``unit`` and one entry per column key."""
        keys = [c.key for c in self.columns]
        return [
            {
                "code": r.code,
                "label": r.label,
                "unit": r.unit,
                **dict(zip(keys, r.values, strict=True)),
            }
            for r in self.rows
        ]

    def to_pandas(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame (``code, label, unit`` and the column keys).

        Raises:
            ImportError: pandas is not installed.
        """
        import pandas as pd  # noqa: PLC0415 - optional extra

        return pd.DataFrame(
            self.to_records(), columns=["code", "label", "unit", *(c.key for c in self.columns)]
        )

    def _repr_html_(self) -> str:
        esc = html.escape
        head = "".join(
            f"<th>{esc(c.heading)}{'<br>' + esc(c.sub) if c.sub else ''}</th>" for c in self.columns
        )
        body = "".join(
            "<tr>"
            f"<td>{esc(r.code)}</td>"
            f"<td style='text-align:left;padding-left:{r.depth}em'>{esc(r.label)}</td>"
            f"<td>{esc(r.unit)}</td>"
            + "".join(f"<td>{v:,}</td>".replace(",", ".") for v in r.values)
            + "</tr>"
            for r in self.rows
        )
        return (
            f"<p><b>Biểu số {esc(self.symbol)}: {esc(self.title)}</b> — năm {self.year} "
            f"({self.period.start:%d/%m/%Y}–{self.period.end.subtract(days=1):%d/%m/%Y})<br>"
            f"<i>{esc(self.basis)}</i></p>"
            f"<table><thead><tr><th>Mã số</th><th></th><th>Đơn vị tính</th>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>"
        )


@attrs.frozen(kw_only=True, repr=False)
class Form0601(StatisticsForm):
    """Form 0601: emulation movements by convening level, scope, duration class and kind.

    .. versionadded:: 0.3.0
    """


@attrs.frozen(kw_only=True, repr=False)
class Form0602(StatisticsForm):
    """Form 0602: state-level awards by form, collective / individual.

    .. versionadded:: 0.3.0
    """


@attrs.frozen(kw_only=True, repr=False)
class Form0603(StatisticsForm):
    """Form 0603: ministry/province-level awards by category of recipient.

    .. versionadded:: 0.3.0
    """
