"""Statistics forms 0602 and 0603: the awards of a statistics year, counted from the workspace.

An award counts for statistics year *Y* when its decision date falls in
the emulation-statistics year (01/12 of *Y* − 1 to 30/11 of *Y*, Circular
02/2023/TT-BNV, replaced by 18/2025/TT-BNV) and it was not revoked before
that year ended.  Each award counts once (a "lượt"): a person honoured
twice counts twice.  A recipient that is a person (``people.id``) is an
individual (cá nhân); any other recipient — a unit — is a collective (tập
thể).  The level of an honour is the catalogue's (``state`` for 0602;
``province`` and ``central`` for 0603, TLĐ's own awards being the
ministry-level ones of the union).

The column headings and row labels follow a third-party implementation of
the forms and are **unverified against the circular's text**
(:attr:`FormColumn.verified` is false everywhere); the row numbers (mã số)
are the library's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from thidua.honours import Catalogue, CommendationType, catalogue
from thidua.io import parse_column
from thidua.periods import Period
from thidua.statistics._categories import Category, recipient_categories
from thidua.statistics._result import Form0602, Form0603, FormColumn, FormRow

if TYPE_CHECKING:
    from thidua.problems import Problem
    from thidua.workspace import Workspace

__all__ = ["FORM_0602_COLUMNS", "FORM_0603_COLUMNS", "form_0602", "form_0603"]

COLLECTIVE, INDIVIDUAL = "Tập thể", "Cá nhân"


def _pair(key: str, group: str, heading: str, codes: tuple[str, ...]) -> tuple[FormColumn, ...]:
    return (
        FormColumn(
            key=f"{key}_collective", group=group, heading=heading, sub=COLLECTIVE, honours=codes
        ),
        FormColumn(
            key=f"{key}_individual", group=group, heading=heading, sub=INDIVIDUAL, honours=codes
        ),
    )


def _one(key: str, heading: str, sub: str, codes: tuple[str, ...]) -> FormColumn:
    return FormColumn(key=key, group=heading, heading=heading, sub=sub, honours=codes)


_TOTAL = FormColumn(key="total", group="Tổng số", heading="Tổng số")
_ORDERS = "Các loại huân chương, huy chương"
_OTHER = "Các hình thức khen thưởng khác"

FORM_0602_COLUMNS: tuple[FormColumn, ...] = (
    _TOTAL,
    *_pair("hcld1", _ORDERS, "Huân chương Lao động hạng Nhất", ("HCLD1",)),
    *_pair("hcld2", _ORDERS, "Huân chương Lao động hạng Nhì", ("HCLD2",)),
    *_pair("hcld3", _ORDERS, "Huân chương Lao động hạng Ba", ("HCLD3",)),
    _one("gt_hcm", "Giải thưởng Hồ Chí Minh", INDIVIDUAL, ()),
    _one("gt_nn", "Giải thưởng Nhà nước", INDIVIDUAL, ()),
    *_pair("vinh_du", "Danh hiệu vinh dự Nhà nước", "Danh hiệu vinh dự Nhà nước", ("AHLD",)),
    _one("co_cp", "Cờ thi đua của Chính phủ", COLLECTIVE, ("CO_CP",)),
    *_pair(
        "bk_ttg",
        "Bằng khen của Thủ tướng Chính phủ",
        "Bằng khen của Thủ tướng Chính phủ",
        ("BK_TTG",),
    ),
    _one("cstd_tq", "Chiến sĩ thi đua toàn quốc", INDIVIDUAL, ("CSTD_TQ",)),
    *_pair("other", _OTHER, _OTHER, ()),
)
"""The columns of form 0602 (unverified); a state-level honour not named goes to ``other``."""

_TITLES = "Danh hiệu thi đua"
_FORMS = "Hình thức khen thưởng"

FORM_0603_COLUMNS: tuple[FormColumn, ...] = (
    _TOTAL,
    FormColumn(
        key="co_bo",
        group=_TITLES,
        heading="Cờ thi đua cấp bộ, ban, ngành, tỉnh",
        sub=COLLECTIVE,
        honours=("CO_BO", "CO_TLD", "CO_LDLD"),
    ),
    FormColumn(
        key="ttldxs",
        group=_TITLES,
        heading="Tập thể lao động xuất sắc",
        sub=COLLECTIVE,
        honours=("TTLDXS",),
    ),
    FormColumn(
        key="cstd_bo",
        group=_TITLES,
        heading="Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
        sub=INDIVIDUAL,
        honours=("CSTD_BO",),
    ),
    *_pair("bk_bo", _FORMS, "Bằng khen cấp bộ, ban, ngành, tỉnh", ("BK_BO", "BK_LDLD", "BK_CD")),
    *_pair("other", _FORMS, _OTHER, ()),
)
"""The columns of form 0603 (unverified); an honour of the level not named goes to ``other``."""

_TYPE_LABELS = {
    CommendationType.MERIT: "Khen thưởng theo công trạng và thành tích đạt được",
    CommendationType.THEMATIC: "Khen thưởng theo chuyên đề",
    CommendationType.UNEXPECTED: "Khen thưởng đột xuất",
    CommendationType.CONTRIBUTION: "Khen thưởng theo quá trình cống hiến",
}

_NOTES = (
    (
        "Tiêu đề cột, dòng và mã số chưa đối chiếu với Thông tư 02/2023/TT-BNV "
        "(thay thế bởi Thông tư 18/2025/TT-BNV)."
    ),
    (
        "Không có dòng chia theo đơn vị trình khen (bộ, ngành / tỉnh): "
        "một không gian làm việc là một tổ chức."
    ),
    "Dòng 'Chưa phân loại' là của thư viện: cá nhân không có thuộc tính category.",
)


def _column_index(
    columns: Sequence[FormColumn], cat: Catalogue, codes: Iterable[str]
) -> dict[tuple[str, bool], int]:
    """(honour code, collective?) → the column that counts it (``other`` for the rest)."""
    named: dict[tuple[str, bool], int] = {}
    for i, c in enumerate(columns):
        for code in c.honours:
            for collective in (True, False):
                if c.sub in ("", COLLECTIVE if collective else INDIVIDUAL):
                    named.setdefault((code, collective), i)
    keys = [c.key for c in columns]
    other = {True: keys.index("other_collective"), False: keys.index("other_individual")}
    out: dict[tuple[str, bool], int] = {}
    for code in codes:
        if code not in cat:
            continue
        for collective in (True, False):
            out[(code, collective)] = named.get((code, collective), other[collective])
    return out


def _count(
    workspace: Workspace,
    year: int,
    levels: frozenset[str],
    columns: Sequence[FormColumn],
) -> tuple[Period, tuple[FormRow, ...], tuple[str, ...]]:
    period = Period.emulation_year(year)
    cat = catalogue(workspace)
    wanted = {h.code for h in cat if h.level in levels}
    awards = workspace.table("awards")
    people = workspace.table("people")
    persons = recipient_categories(people) if len(people) else {}
    found: list[Problem] = []  # problems of unreadable cells: the checks report them
    decided = parse_column(awards, "decided_on", found).values()
    revoked = (
        parse_column(awards, "revoked_on", found).values()
        if awards.has("revoked_on")
        else [None] * len(awards)
    )
    ids, recipients, honours = awards.text("id"), awards.text("recipient"), awards.text("honour")
    where = _column_index(columns, cat, wanted)

    row_keys = (
        ["total", "by_subject", "collective", "individual"]
        + [c.value for c in Category]
        + ["by_type"]
        + [t.value for t in CommendationType]
    )
    index = {k: i for i, k in enumerate(row_keys)}
    counts = [[0] * len(columns) for _ in row_keys]
    counted: list[str] = []
    start, end = period.start, period.end
    enc = awards.encoded("honour")
    chosen = np.flatnonzero(
        np.isin(enc.codes, [k for k, u in enumerate(enc.uniques) if u in wanted])
    )
    for i in chosen.tolist():
        code = honours[i]
        day = decided[i]
        if day is None or not start <= day < end:
            continue
        gone = revoked[i]
        if gone is not None and gone < end:
            continue
        person = persons.get(recipients[i])
        collective = person is None
        col = where[(code, collective)]
        keys = [
            "total",
            "by_subject",
            "collective" if collective else "individual",
            cat[code].type.value,
            "by_type",
        ]
        if person is not None:
            keys.append(person.value)
        for k in keys:
            counts[index[k]][0] += 1
            counts[index[k]][col] += 1
        counted.append(ids[i])

    labels = {
        "total": ("Tổng số", "Lượt", 0),
        "by_subject": ("Chia theo đối tượng khen thưởng", "Lượt", 0),
        "collective": ("Tập thể", "Lượt", 1),
        "individual": ("Cá nhân", "Lượt", 1),
        "by_type": ("Chia theo phương thức khen thưởng", "Lượt", 0),
        **{c.value: (c.label_vi, "Lượt", 2) for c in Category},
        **{t.value: (label, "Lượt", 1) for t, label in _TYPE_LABELS.items()},
    }
    rows = tuple(
        FormRow(
            code=f"{n:02d}",
            label=labels[k][0],
            unit=labels[k][1],
            depth=labels[k][2],
            values=tuple(counts[index[k]]),
        )
        for n, k in enumerate(row_keys, start=1)
    )
    return period, rows, tuple(counted)


def form_0602(workspace: Workspace, year: int) -> Form0602:
    """Statistics form 0602: the state-level awards of statistics year *year*.

    Counts every award of a ``state``-level honour of the workspace's
    catalogue decided from 01/12 of *year* − 1 to 30/11 of *year* (and not
    revoked by then), by form (:data:`FORM_0602_COLUMNS`), collective or
    individual, by category of the individual
    (:func:`recipient_categories`) and by commendation type.

    Complexity: O(awards + people).

    Raises:
        InvalidArgumentError: a person's ``category`` or ``grade`` cannot be read.

    Examples:
        >>> from thidua.datasets import hanoi_path
        >>> from thidua.workspace import read_workspace
        >>> form = form_0602(read_workspace(hanoi_path()).workspace, 2024)
        >>> total = form.value("01", "total")
        >>> total == form.value("01", "bk_ttg_individual") + form.value("01", "cstd_tq")
        True

    .. versionadded:: 0.3.0
    """
    period, rows, counted = _count(workspace, year, frozenset({"state"}), FORM_0602_COLUMNS)
    return Form0602(
        form="0602",
        symbol="0602.N/BNV-TĐKT",
        title="SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
        year=year,
        period=period,
        columns=FORM_0602_COLUMNS,
        rows=rows,
        counted=counted,
        notes=_NOTES,
    )


def form_0603(workspace: Workspace, year: int) -> Form0603:
    """Statistics form 0603: the ministry/province-level awards of statistics year *year*.

    As :func:`form_0602`, over the honours of level ``province`` or
    ``central`` (the union's TLĐ-level awards), by the columns of
    :data:`FORM_0603_COLUMNS`.

    Complexity: O(awards + people).

    Raises:
        InvalidArgumentError: a person's ``category`` or ``grade`` cannot be read.

    Examples:
        >>> from thidua.datasets import hanoi_path
        >>> from thidua.workspace import read_workspace
        >>> form = form_0603(read_workspace(hanoi_path()).workspace, 2024)
        >>> form.value("01", "total") == form.value("03", "total") + form.value("04", "total")
        True

    .. versionadded:: 0.3.0
    """
    period, rows, counted = _count(
        workspace, year, frozenset({"province", "central"}), FORM_0603_COLUMNS
    )
    return Form0603(
        form="0603",
        symbol="0603.N/BNV-TĐKT",
        title="SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, TỈNH",
        year=year,
        period=period,
        columns=FORM_0603_COLUMNS,
        rows=rows,
        counted=counted,
        notes=_NOTES,
    )
