"""The declarations of the campaigns tables (see :mod:`thidua.io._domain`).

Issue 7 §1: campaigns (phong trào, đợt thi đua), the targets they set (chỉ tiêu giao),
the pledges units register (đăng ký, giao ước) and their dedicated works
(công trình, phần việc; ``flagship`` = gắn biển).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from thidua.io._schema import Column, ColumnType, TableDeclaration

__all__ = ["CHECK", "DECLARATIONS"]

_T = ColumnType

DECLARATIONS: tuple[TableDeclaration, ...] = (
    TableDeclaration(
        name="campaigns",
        label="phong trào thi đua",
        sheets=("Phong trào",),
        key=("id",),
        columns=[
            Column(name="id", type=_T.ID, required=True, aliases=("Mã", "Mã phong trào")),
            Column(name="name", type=_T.TEXT, aliases=("Tên phong trào",)),
            Column(name="kind", type=_T.TEXT, aliases=("Loại",)),
            Column(
                name="launched_by",
                type=_T.REFERENCE,
                references="units.id",
                aliases=("Đơn vị phát động",),
            ),
            Column(name="document", type=_T.TEXT, aliases=("Số văn bản",)),
            Column(name="issued_on", type=_T.DATE, aliases=("Ngày ban hành",)),
            Column(name="start", type=_T.DATE, aliases=("Từ ngày",)),
            Column(name="end", type=_T.DATE, aliases=("Đến ngày",)),
            Column(
                name="parent",
                type=_T.REFERENCE,
                references="campaigns.id",
                aliases=("Phong trào cấp trên",),
            ),
            Column(name="scope", type=_T.TEXT, aliases=("Phạm vi",)),
            Column(name="themes", type=_T.LIST, aliases=("Chủ đề",)),
        ],
    ),
    TableDeclaration(
        name="campaign_targets",
        label="chỉ tiêu giao",
        sheets=("Chỉ tiêu giao", "Giao chỉ tiêu"),
        key=("campaign", "unit", "indicator"),
        columns=[
            Column(
                name="campaign",
                type=_T.REFERENCE,
                required=True,
                references="campaigns.id",
                aliases=("Phong trào",),
            ),
            Column(
                name="unit",
                type=_T.REFERENCE,
                required=True,
                references="units.id",
                aliases=("Đơn vị",),
            ),
            Column(name="indicator", type=_T.TEXT, required=True, aliases=("Chỉ tiêu",)),
            Column(name="plan", type=_T.NUMBER, aliases=("Kế hoạch",)),
        ],
    ),
    TableDeclaration(
        name="pledges",
        label="đăng ký thi đua",
        sheets=("Đăng ký",),
        key=("id",),
        columns=[
            Column(name="id", type=_T.ID, required=True, aliases=("Mã",)),
            Column(
                name="campaign",
                type=_T.REFERENCE,
                required=True,
                references="campaigns.id",
                aliases=("Phong trào",),
            ),
            Column(name="pledger", type=_T.TEXT, required=True, aliases=("Đơn vị đăng ký",)),
            Column(name="indicator", type=_T.TEXT, aliases=("Chỉ tiêu",)),
            Column(name="plan", type=_T.NUMBER, aliases=("Kế hoạch",)),
            Column(name="registered_on", type=_T.DATE, aliases=("Ngày đăng ký",)),
            Column(name="status", type=_T.TEXT, aliases=("Trạng thái",)),
        ],
    ),
    TableDeclaration(
        name="works",
        label="công trình, phần việc",
        sheets=("Công trình",),
        key=("id",),
        columns=[
            Column(name="id", type=_T.ID, required=True, aliases=("Mã",)),
            Column(
                name="campaign",
                type=_T.REFERENCE,
                required=True,
                references="campaigns.id",
                aliases=("Phong trào",),
            ),
            Column(name="pledger", type=_T.TEXT, required=True, aliases=("Đơn vị đăng ký",)),
            Column(name="name", type=_T.TEXT, aliases=("Tên công trình",)),
            Column(name="registered_on", type=_T.DATE, aliases=("Ngày đăng ký",)),
            Column(name="due", type=_T.DATE, aliases=("Hạn hoàn thành",)),
            Column(name="status", type=_T.TEXT, aliases=("Trạng thái",)),
            Column(name="completed_on", type=_T.DATE, aliases=("Ngày hoàn thành",)),
            Column(name="value", type=_T.NUMBER, aliases=("Giá trị",)),
            Column(name="flagship", type=_T.BOOLEAN, aliases=("Gắn biển",)),
            Column(name="document", type=_T.TEXT, aliases=("Số văn bản",)),
        ],
    ),
)
"""The tables, in the order they are written."""

CHECK: str | None = None
"""The ``"module:function"`` that checks these tables in a workspace (``(workspace) -> Report``)."""
