"""``thidua statistics``: the statistics forms of a year, computed from the workspace.

Usage::

    thidua statistics PATH --form 0602 [--form 0603 ...] --year 2024
                           [--format table|csv|json|xlsx] [--out FILE]

Reads and checks the workspace at PATH, then computes each form for the
statistics year (01/12 of the year before to 30/11,
:mod:`thidua.statistics`).  ``--format table`` prints each form as a text
table, ``csv`` one block per form (``form, code, label, unit`` and the
column keys), ``json`` a list with one object per form (``form``,
``symbol``, ``title``, ``year``, ``columns``, ``rows``, ``counted``,
``notes``); ``xlsx`` writes a workbook (a sheet per form, with the
Vietnamese headings) to ``--out``, which it requires.  ``--out`` also
writes the other formats to a file instead of stdout.  The headings are
unverified against Circular 02/2023/TT-BNV (replaced by 18/2025/TT-BNV).

Exit codes: 0 when the forms were computed, 1 when the data has errors
(listed on stderr; no form is computed from faulty data), 2 on unreadable
input, bad usage (``xlsx`` without ``--out``) or an unreadable ``category``
or ``grade`` of a person.

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from thidua.cli._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_UNREADABLE,
    Context,
    add_encoding_option,
    add_number_option,
    format_value,
    report_csv,
    table,
)
from thidua.hierarchy import Numbers
from thidua.statistics import (
    FORMS,
    StatisticsForm,
    form_0601,
    form_0602,
    form_0603,
    write_forms,
)
from thidua.workspace import Workspace, check

__all__ = ["FORMAT_CHOICES", "add_parser", "compute", "render_forms", "run"]

FORMAT_CHOICES = ("table", "csv", "json", "xlsx")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the sub-command."""
    p = sub.add_parser(
        "statistics",
        help="the statistics forms 0601-0603 of a year (Circular 02/2023/TT-BNV), computed",
    )
    p.add_argument("path", help="a workspace: a dataset directory, a .json/.yaml file or .xlsx")
    p.add_argument(
        "--form",
        action="append",
        required=True,
        choices=FORMS,
        help="the form (repeat for several)",
    )
    p.add_argument(
        "--year",
        type=int,
        required=True,
        help="the statistics year (01/12 of the year before to 30/11)",
    )
    p.add_argument("--format", choices=FORMAT_CHOICES, default="table")
    p.add_argument("--out", type=Path, help="write to this file (required for xlsx)")
    add_number_option(p)
    add_encoding_option(p)
    p.set_defaults(run=run)


def compute(workspace: Workspace, forms: Sequence[str], year: int) -> list[StatisticsForm]:
    """The forms named (``0601``, ``0602``, ``0603``), in the order given, each once.

    Examples:
        >>> [f.form for f in compute(Workspace(), ["0602", "0601", "0602"], 2024)]
        ['0602', '0601']
    """
    makers = {"0601": form_0601, "0602": form_0602, "0603": form_0603}
    return [makers[f](workspace, year) for f in dict.fromkeys(forms)]


def _heading(form: StatisticsForm, i: int) -> str:
    c = form.columns[i]
    return f"{c.heading} ({c.sub})" if c.sub else c.heading


def render_forms(forms: Sequence[StatisticsForm], fmt: str, *, numbers: Numbers = "vi") -> str:
    """The forms as text tables, CSV or JSON.

    Examples:
        >>> forms = compute(Workspace(), ["0601"], 2024)
        >>> print(render_forms(forms, "table").splitlines()[0])
        Biểu số 0601.N/BNV-TĐKT: SỐ PHONG TRÀO THI ĐUA — năm 2024 (01/12/2023–30/11/2024)
        >>> render_forms(forms, "csv").splitlines()[1]
        '0601,01,Tổng số phong trào thi đua,Phong trào,0'
        >>> json.loads(render_forms(forms, "json"))[0]["rows"][0]["movements"]
        0
    """
    if fmt == "json":
        out = [
            {
                "form": f.form,
                "symbol": f.symbol,
                "title": f.title,
                "year": f.year,
                "period": str(f.period),
                "basis": f.basis,
                "columns": [
                    {
                        "key": c.key,
                        "group": c.group,
                        "heading": c.heading,
                        "sub": c.sub,
                        "honours": list(c.honours),
                        "verified": c.verified,
                    }
                    for c in f.columns
                ],
                "rows": f.to_records(),
                "counted": list(f.counted),
                "notes": list(f.notes),
            }
            for f in forms
        ]
        return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        blocks = []
        for f in forms:
            headers = ["form", "code", "label", "unit", *(c.key for c in f.columns)]
            blocks.append(
                report_csv(headers, ([f.form, r.code, r.label, r.unit, *r.values] for r in f.rows))
            )
        return "\n".join(blocks)
    parts = []
    for f in forms:
        end = f.period.end.subtract(days=1)
        headers = [
            "Mã số",
            "Chỉ tiêu",
            "Đơn vị tính",
            *(_heading(f, i) for i in range(len(f.columns))),
        ]
        body = [
            [
                r.code,
                "  " * r.depth + r.label,
                r.unit,
                *(format_value(float(v), numbers) for v in r.values),
            ]
            for r in f.rows
        ]
        parts.append(
            f"Biểu số {f.symbol}: {f.title} — năm {f.year} "
            f"({f.period.start:%d/%m/%Y}–{end:%d/%m/%Y})\n"
            + table(headers, body, right=range(3, len(headers)))
            + "\n"
            + "".join(f"Ghi chú: {n}\n" for n in f.notes)
        )
    return "\n".join(parts)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Run ``thidua statistics``; exit 0 (computed), 1 (errors in the data) or 2."""
    if args.format == "xlsx" and args.out is None:
        ctx.err.write("thidua: --format xlsx writes a workbook: give --out FILE.xlsx\n")
        return EXIT_UNREADABLE
    result = check(args.path, progress=ctx.progress, encoding=args.encoding)
    ctx.progress.close()
    report = result.report
    if not report.ok:
        for problem in report:
            ctx.err.write(f"{problem}\n")
        ctx.err.write(
            f"thidua: the data has {len(report.errors)} error(s): no form is computed "
            "from faulty data (fix them, then run again)\n"
        )
        return EXIT_PROBLEMS
    for problem in report:
        ctx.err.write(f"{problem}\n")
    forms = compute(result.workspace, args.form, args.year)
    if args.format == "xlsx":
        write_forms(forms, args.out)
        ctx.err.write(f"wrote {', '.join(f.form for f in forms)} to {args.out}\n")
        return EXIT_OK
    text = render_forms(forms, args.format, numbers=ctx.numbers)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")
        ctx.err.write(f"wrote {', '.join(f.form for f in forms)} to {args.out}\n")
    else:
        ctx.out.write(text)
    return EXIT_OK
