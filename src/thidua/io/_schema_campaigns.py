"""The declarations of the campaigns tables (see :mod:`thidua.io._domain`).

Issue 7 §1: campaigns (phong trào, đợt thi đua), the targets they set (chỉ tiêu giao),
the pledges units register (đăng ký, giao ước) and their dedicated works
(công trình, phần việc; ``flagship`` = gắn biển).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from thidua.campaigns import VOCABULARY, CampaignKind, PledgeStatus, WorkStatus
from thidua.io._schema import Column, ColumnType, TableDeclaration

__all__ = ["CHECK", "DECLARATIONS"]

_T = ColumnType

DECLARATIONS: tuple[TableDeclaration, ...] = (
    TableDeclaration(
        name="campaigns",
        record="thidua.campaigns.Campaign",
        doc="emulation movements and campaigns, each launched by a unit's plan or decision",
        label="phong trào thi đua",
        sheets=("Phong trào",),
        key=("id",),
        columns=[
            Column(name="id", type=_T.ID, required=True, aliases=("Mã", "Mã phong trào")),
            Column(name="name", type=_T.TEXT, aliases=("Tên phong trào",)),
            Column(
                name="kind",
                type=_T.ENUM,
                enum_type=CampaignKind,
                vocabulary=VOCABULARY[CampaignKind],
                aliases=("Loại", "Loại phong trào"),
                doc="regular (thường xuyên) or thematic (chuyên đề, đợt)",
            ),
            Column(
                name="launched_by",
                type=_T.REFERENCE,
                references="units.id",
                aliases=("Đơn vị phát động",),
                doc="the launching unit",
            ),
            Column(
                name="document",
                type=_T.CODE,
                aliases=("Số văn bản", "Số, ký hiệu"),
                doc="its plan or decision, e.g. 80/KH-LĐLĐ",
            ),
            Column(name="issued_on", type=_T.DATE, aliases=("Ngày ban hành",)),
            Column(name="start", type=_T.DATE, aliases=("Từ ngày",), doc="first day (inclusive)"),
            Column(name="end", type=_T.DATE, aliases=("Đến ngày",), doc="last day (inclusive)"),
            Column(
                name="parent",
                type=_T.REFERENCE,
                references="campaigns.id",
                aliases=("Phong trào cấp trên",),
                doc="the campaign this one takes up (cascade)",
            ),
            Column(
                name="scope",
                type=_T.CODE,
                aliases=("Phạm vi",),
                doc="a unit (its subtree), group:ID, relation:NAME, or a ;-separated list",
            ),
            Column(name="themes", type=_T.LIST, aliases=("Chủ đề",), doc="themes and slogans"),
        ],
    ),
    TableDeclaration(
        name="campaign_targets",
        record="thidua.campaigns.CampaignTarget",
        doc="the targets a campaign sets for the launching unit or assigns to the units below",
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
            Column(
                name="indicator",
                type=_T.CODE,
                required=True,
                aliases=("Chỉ tiêu",),
                doc="a code of the indicator catalogue",
            ),
            Column(name="plan", type=_T.NUMBER, aliases=("Kế hoạch",), doc="the planned value"),
        ],
    ),
    TableDeclaration(
        name="pledges",
        record="thidua.campaigns.Pledge",
        doc="what a unit (or a person) registers for an indicator over a campaign",
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
            Column(
                name="pledger",
                type=_T.CODE,
                required=True,
                aliases=("Đơn vị đăng ký",),
                doc="a unit id (or a person id of people.csv)",
            ),
            Column(
                name="indicator",
                type=_T.CODE,
                aliases=("Chỉ tiêu",),
                doc="a code of the indicator catalogue",
            ),
            Column(name="plan", type=_T.NUMBER, aliases=("Kế hoạch",), doc="the planned value"),
            Column(name="registered_on", type=_T.DATE, aliases=("Ngày đăng ký",)),
            Column(
                name="status",
                type=_T.ENUM,
                enum_type=PledgeStatus,
                vocabulary=VOCABULARY[PledgeStatus],
                default="active",
                aliases=("Trạng thái",),
                doc="active or cancelled (hủy)",
            ),
        ],
    ),
    TableDeclaration(
        name="works",
        record="thidua.campaigns.Work",
        doc="dedicated works (công trình, phần việc) registered for a campaign",
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
            Column(
                name="pledger",
                type=_T.CODE,
                required=True,
                aliases=("Đơn vị đăng ký",),
                doc="a unit id (or a person id of people.csv)",
            ),
            Column(name="name", type=_T.TEXT, aliases=("Tên công trình",)),
            Column(name="registered_on", type=_T.DATE, aliases=("Ngày đăng ký",)),
            Column(name="due", type=_T.DATE, aliases=("Hạn hoàn thành",)),
            Column(
                name="status",
                type=_T.ENUM,
                enum_type=WorkStatus,
                vocabulary=VOCABULARY[WorkStatus],
                default="registered",
                aliases=("Trạng thái",),
                doc="registered, in_progress, completed or cancelled",
            ),
            Column(name="completed_on", type=_T.DATE, aliases=("Ngày hoàn thành",)),
            Column(name="value", type=_T.NUMBER, aliases=("Giá trị",), doc="in VND"),
            Column(
                name="flagship",
                type=_T.BOOLEAN,
                default="no",
                aliases=("Gắn biển", "Công trình gắn biển"),
                doc="chosen to carry a plaque (gắn biển): có/không, yes/no",
            ),
            Column(
                name="document",
                type=_T.CODE,
                aliases=("Số văn bản", "Số, ký hiệu"),
                doc="its plan or decision, e.g. 80/KH-LĐLĐ",
            ),
        ],
    ),
)
"""The tables, in the order they are written."""

CHECK: str | None = "thidua.campaigns._checks:check_campaigns"
"""The ``"module:function"`` that checks these tables in a workspace (``(workspace) -> Report``)."""
