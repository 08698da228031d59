"""The declarations of the proposal tables (see :mod:`thidua.io._domain`).

Issue 9 §1: a unit proposes subjects for an honour (hồ sơ đề nghị khen
thưởng, ``proposals``), and every step of its workflow is dated
(``proposal_steps``)::

    draft → submitted → (returned → submitted)* → approved | rejected

``status`` and ``step`` take the words of
:class:`thidua.honours.ProposalStatus` (draft, submitted, returned, approved,
rejected) or the Vietnamese ones (dự thảo, đã trình, trả lại, đã duyệt,
không duyệt), in any case, with or without diacritics.  The check,
:func:`thidua.honours.check_proposals`, follows the workflow and the quotas
in one pass (codes ``R``).

.. versionadded:: 0.3.0
"""

from __future__ import annotations

from thidua.honours import STATUS_WORDS, ProposalStatus
from thidua.io._schema import Column, ColumnType, TableDeclaration

__all__ = ["CHECK", "DECLARATIONS"]

_T = ColumnType

_PERIOD = "the achievement period proposed: 2024, năm học 2023-2024, giai đoạn 2022-2024"

DECLARATIONS: tuple[TableDeclaration, ...] = (
    TableDeclaration(
        name="proposals",
        label="đề nghị khen thưởng",
        sheets=("Hồ sơ đề nghị", "Danh sách đề nghị khen thưởng", "Đề nghị"),
        record="thidua.honours.Proposal",
        key=("id",),
        doc="a unit proposes a subject for an honour and a period; status follows proposal_steps",
        columns=[
            Column(
                name="id",
                type=_T.ID,
                required=True,
                aliases=("Mã hồ sơ", "Mã đề nghị", "Số hồ sơ"),
                doc="proposal id",
            ),
            Column(
                name="proposer",
                type=_T.REFERENCE,
                required=True,
                references="units.id",
                aliases=("Đơn vị đề nghị", "Đơn vị trình"),
                doc="the proposing unit",
            ),
            Column(
                name="honour",
                type=_T.CODE,
                required=True,
                aliases=("Danh hiệu đề nghị", "Hình thức đề nghị"),
                doc="a catalogue code (CSTDCS, BK_CD, CO_CP …)",
            ),
            Column(
                name="period", type=_T.CODE, required=True, aliases=("Kỳ đề nghị",), doc=_PERIOD
            ),
            Column(
                name="subject",
                type=_T.REFERENCE,
                required=True,
                aliases=("Người, đơn vị được đề nghị", "Đối tượng đề nghị"),
                doc="a person (people.id) or a unit (units.id)",
            ),
            Column(
                name="submitted_on",
                type=_T.DATE,
                aliases=("Ngày trình", "Ngày đề nghị"),
                doc="the submission date (empty: the date of the first submitted step)",
            ),
            Column(
                name="status",
                type=_T.ENUM,
                required=True,
                enum_type=ProposalStatus,
                vocabulary=STATUS_WORDS,
                aliases=("Trạng thái", "Tình trạng hồ sơ"),
                default="draft",
                doc="dự thảo, đã trình, trả lại, đã duyệt, không duyệt: the last step's",
            ),
            Column(
                name="decided_by",
                type=_T.REFERENCE,
                references="units.id",
                aliases=("Cấp quyết định", "Đơn vị quyết định"),
                doc="the unit that approves or rejects",
            ),
            Column(
                name="theme",
                type=_T.TEXT,
                aliases=("Chủ đề", "Chuyên đề"),
                doc="the theme of a thematic honour (Xanh – Sạch – Đẹp …), for the per-theme quota",
            ),
            Column(name="note", type=_T.TEXT, aliases=("Ghi chú",)),
        ],
    ),
    TableDeclaration(
        name="proposal_steps",
        label="quá trình xử lý hồ sơ",
        sheets=("Các bước xử lý", "Tiến trình hồ sơ"),
        record="thidua.honours.ProposalStep",
        key=("proposal", "step", "on"),
        doc="each step of a proposal's workflow, dated",
        columns=[
            Column(
                name="proposal",
                type=_T.REFERENCE,
                required=True,
                references="proposals.id",
                aliases=("Mã hồ sơ", "Mã đề nghị"),
            ),
            Column(
                name="step",
                type=_T.ENUM,
                required=True,
                enum_type=ProposalStatus,
                vocabulary=STATUS_WORDS,
                aliases=("Bước", "Bước xử lý"),
                doc="the status the step moves the proposal into",
            ),
            Column(name="on", type=_T.DATE, required=True, aliases=("Ngày", "Ngày thực hiện")),
            Column(
                name="by",
                type=_T.REFERENCE,
                references="units.id",
                aliases=("Đơn vị thực hiện", "Người thực hiện"),
            ),
            Column(name="note", type=_T.TEXT, aliases=("Ghi chú", "Lý do")),
        ],
    ),
)
"""The tables, in the order they are written."""

CHECK: str | None = "thidua.honours._proposal_checks:check_proposals"
"""The ``"module:function"`` that checks these tables in a workspace (``(workspace) -> Report``)."""
