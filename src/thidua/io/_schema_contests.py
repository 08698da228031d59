"""The declarations of the contests and cluster-scoring tables (see :mod:`thidua.io._domain`).

Issue 7 §1: contests held within a campaign (hội thi, e.g. Hội thi thợ giỏi),
their entries (thí sinh), and the scoring tables of emulation clusters and
blocks (bảng chấm điểm giao ước thi đua của cụm, khối).

.. versionadded:: 0.3.0
"""

from __future__ import annotations

from thidua.io._schema import Column, ColumnType, TableDeclaration

__all__ = ["CHECK", "DECLARATIONS"]

_T = ColumnType

DECLARATIONS: tuple[TableDeclaration, ...] = (
    TableDeclaration(
        name="contests",
        label="hội thi",
        record="thidua.campaigns.Contest",
        sheets=("Hội thi", "Danh sách hội thi"),
        key=("id",),
        doc="contests held within a campaign",
        columns=[
            Column(name="id", type=_T.ID, required=True, aliases=("Mã", "Mã hội thi")),
            Column(
                name="campaign",
                type=_T.REFERENCE,
                references="campaigns.id",
                aliases=("Phong trào",),
                doc="the campaign it is held within",
            ),
            Column(name="name", type=_T.TEXT, aliases=("Tên hội thi",)),
            Column(
                name="held_by",
                type=_T.REFERENCE,
                references="units.id",
                aliases=("Đơn vị tổ chức",),
                doc="the unit holding it",
            ),
            Column(name="held_on", type=_T.DATE, aliases=("Ngày tổ chức",), doc="its day"),
        ],
    ),
    TableDeclaration(
        name="contest_entries",
        label="thí sinh dự thi",
        record="thidua.campaigns.ContestEntry",
        sheets=("Thí sinh", "Danh sách thí sinh"),
        doc="the entries of a contest, one row per contestant",
        columns=[
            Column(
                name="contest",
                type=_T.REFERENCE,
                required=True,
                references="contests.id",
                aliases=("Hội thi", "Mã hội thi"),
            ),
            Column(
                name="name",
                type=_T.TEXT,
                aliases=("Họ và tên", "Họ tên", "Thí sinh"),
                doc="the contestant as written",
            ),
            Column(
                name="person",
                type=_T.CODE,
                aliases=("Mã người", "Mã đoàn viên"),
                doc="an optional id of people.csv",
            ),
            Column(
                name="unit",
                type=_T.REFERENCE,
                references="units.id",
                aliases=("Đơn vị", "Công đoàn cơ sở"),
                doc="the contestant's grassroots unit (the enterprise)",
            ),
            Column(name="trade", type=_T.TEXT, aliases=("Nghề", "Nghề thi")),
            Column(
                name="result",
                type=_T.TEXT,
                aliases=("Kết quả", "Giải"),
                doc="e.g. Giải Nhất; empty when no prize",
            ),
            Column(
                name="prize",
                type=_T.NUMBER,
                aliases=("Tiền thưởng", "Giá trị giải"),
                doc="in VND (Vietnamese number forms accepted)",
            ),
        ],
    ),
    TableDeclaration(
        name="cluster_scores",
        label="chấm điểm thi đua cụm, khối",
        record="thidua.campaigns.ClusterScore",
        sheets=("Chấm điểm", "Bảng chấm điểm", "Điểm thi đua"),
        key=("group", "period", "unit", "criterion"),
        doc="a cluster's scoring table (giao ước thi đua): criteria and maximum points",
        columns=[
            Column(
                name="group",
                type=_T.REFERENCE,
                required=True,
                references="groups.id",
                aliases=("Cụm", "Mã cụm", "Cụm, khối"),
            ),
            Column(
                name="period",
                type=_T.CODE,
                required=True,
                aliases=("Kỳ", "Năm"),
                doc="the period scored (năm 2024, 2024-01-01/2025-01-01 …)",
            ),
            Column(
                name="unit",
                type=_T.REFERENCE,
                required=True,
                references="units.id",
                aliases=("Đơn vị",),
            ),
            Column(name="criterion", type=_T.TEXT, required=True, aliases=("Tiêu chí", "Nội dung")),
            Column(name="score", type=_T.NUMBER, aliases=("Điểm", "Điểm chấm")),
            Column(name="max", type=_T.NUMBER, aliases=("Điểm tối đa", "Điểm chuẩn")),
        ],
    ),
)
"""The tables, in the order they are written."""

CHECK: str | None = "thidua.campaigns._checks:check_contests"
"""The ``"module:function"`` that checks these tables in a workspace (``(workspace) -> Report``)."""
