"""The declarations of the people tables (see :mod:`thidua.io._domain`).

Issue 8 §1 and §2: people (cán bộ, đoàn viên), their memberships of units
(quá trình công tác), the yearly ratings of people and units (xếp loại), the
awards decided (khen thưởng), initiatives (sáng kiến), discipline (kỷ luật),
absences (ngày nghỉ), registrations for titles (đăng ký danh hiệu), open
reviews (xem xét kỷ luật, khiếu nại), and the user's own honours
(``honours.csv``, extending the shipped catalogue).

Periods are written as the library reads them (``2024``, ``năm học
2023-2024``, ``giai đoạn 2022-2024``); a ``subject`` or ``recipient`` is the
id of a person **or** of a unit.  The check, :func:`thidua.people.check_people`,
reads the coded words with the parsers of :mod:`thidua.people` (any case,
with or without diacritics); the words of ``honours`` are read by
:func:`thidua.honours.catalogue_check` (this module does not import the
honours engine, so that listing the tables stays cheap).

.. versionadded:: 0.3.0
"""

from __future__ import annotations

from thidua.io._schema import Column, ColumnType, TableDeclaration
from thidua.people import (
    AbsenceReason,
    DisciplineForm,
    Gender,
    Grade,
    InitiativeLevel,
    Qualification,
)

__all__ = ["CHECK", "DECLARATIONS"]

_T = ColumnType

_PERIOD = "a period: 2024, năm học 2023-2024, giai đoạn 2022-2024"

_GENDER_WORDS = {"male": ("nam",), "female": ("nữ",)}
_GRADE_WORDS = {
    str(g.value): (g.name, g.label_vi, g.label_vi.removesuffix(" nhiệm vụ")) for g in Grade
}
_FORM_WORDS = {str(f.value): (f.name.lower(), f.label_vi) for f in DisciplineForm}
_LEVEL_WORDS = {
    str(InitiativeLevel.GRASSROOTS.value): ("grassroots", "cơ sở", "cấp cơ sở"),
    str(InitiativeLevel.PROVINCE.value): (
        "province",
        "ministry",
        "tỉnh",
        "cấp tỉnh",
        "bộ",
        "ngành",
    ),
    str(InitiativeLevel.NATIONAL.value): ("national", "toàn quốc", "cấp toàn quốc"),
}
_REASON_WORDS = {
    "maternity": ("thai sản", "nghỉ thai sản"),
    "sick": ("ốm", "ốm đau"),
    "study": ("học tập", "đi học"),
    "unpaid": ("không lương", "nghỉ không lương"),
    "other": ("khác",),
}
_QUALIFICATION_WORDS = {
    "college_or_below": ("cao đẳng", "trung cấp"),
    "university": ("đại học",),
}


def _person(*, required: bool = True, doc: str = "the person") -> Column:
    return Column(
        name="person",
        type=_T.REFERENCE,
        required=required,
        references="people.id",
        aliases=("Mã cán bộ", "Mã đoàn viên", "Cán bộ", "Đoàn viên"),
        doc=doc,
    )


def _subject(doc: str) -> Column:
    return Column(
        name="subject",
        type=_T.REFERENCE,
        required=True,
        aliases=("Mã đối tượng", "Đối tượng", "Cá nhân, tập thể"),
        doc=doc,
    )


def _period(*, required: bool = True, doc: str = _PERIOD) -> Column:
    return Column(
        name="period", type=_T.CODE, required=required, aliases=("Kỳ", "Năm", "Giai đoạn"), doc=doc
    )


def _honour(doc: str) -> Column:
    return Column(
        name="honour",
        type=_T.CODE,
        required=True,
        aliases=("Mã danh hiệu", "Danh hiệu", "Hình thức khen thưởng"),
        doc=doc,
    )


_FROM = ("Từ ngày",)
_TO = ("Đến ngày",)

DECLARATIONS: tuple[TableDeclaration, ...] = (
    TableDeclaration(
        name="people",
        label="cán bộ, đoàn viên",
        sheets=("Cán bộ", "Danh sách cán bộ", "Đoàn viên", "Danh sách đoàn viên"),
        record="thidua.people.Person",
        key=("id",),
        attributes=True,
        doc="one row per person; any other column is a text attribute",
        columns=[
            Column(
                name="id",
                type=_T.ID,
                required=True,
                aliases=("Mã cán bộ", "Mã đoàn viên", "Mã số", "Mã"),
                doc="person id",
            ),
            Column(
                name="name",
                type=_T.TEXT,
                required=True,
                aliases=("Họ và tên", "Họ tên", "Tên"),
                doc="full name",
            ),
            Column(
                name="gender",
                type=_T.ENUM,
                enum_type=Gender,
                vocabulary=_GENDER_WORDS,
                aliases=("Giới tính",),
            ),
            Column(name="born", type=_T.DATE, aliases=("Ngày sinh",), doc="birth date"),
        ],
    ),
    TableDeclaration(
        name="memberships",
        label="quá trình công tác",
        sheets=("Công tác", "Đơn vị công tác"),
        record="thidua.people.Membership",
        key=("person", "unit", "valid_from"),
        doc="a person in a unit on [valid_from, valid_to)",
        columns=[
            _person(),
            Column(
                name="unit",
                type=_T.REFERENCE,
                required=True,
                references="units.id",
                aliases=("Mã đơn vị", "Đơn vị"),
                doc="the unit",
            ),
            Column(name="valid_from", type=_T.DATE, required=True, aliases=_FROM, doc="first day"),
            Column(
                name="valid_to",
                type=_T.DATE,
                aliases=_TO,
                doc="first day no longer a member (empty: open)",
            ),
            Column(name="position", type=_T.TEXT, aliases=("Chức vụ",)),
            Column(
                name="manager",
                type=_T.BOOLEAN,
                aliases=("Quản lý", "Cán bộ quản lý"),
                default="no",
                doc="holds a management post",
            ),
            Column(
                name="qualification",
                type=_T.ENUM,
                enum_type=Qualification,
                vocabulary=_QUALIFICATION_WORDS,
                aliases=("Trình độ", "Trình độ chuyên môn"),
                doc="for the Bằng Lao động sáng tạo thresholds",
            ),
        ],
    ),
    TableDeclaration(
        name="ratings",
        label="xếp loại",
        sheets=("Đánh giá xếp loại", "Kết quả xếp loại"),
        record="thidua.people.Rating",
        key=("subject", "period"),
        doc="the rating of a person or a unit for a period",
        columns=[
            _subject("a person (people.id) or a unit (units.id)"),
            _period(),
            Column(
                name="rating",
                type=_T.ENUM,
                required=True,
                enum_type=Grade,
                vocabulary=_GRADE_WORDS,
                aliases=("Xếp loại", "Mức xếp loại", "Kết quả"),
            ),
        ],
    ),
    TableDeclaration(
        name="awards",
        label="khen thưởng",
        sheets=("Quyết định khen thưởng", "Danh hiệu đã đạt"),
        record="thidua.people.Award",
        key=("id",),
        doc="decided awards: an honour to a person or a unit for an achievement period",
        columns=[
            Column(
                name="id",
                type=_T.ID,
                required=True,
                aliases=("Mã khen thưởng", "Mã"),
                doc="award id",
            ),
            Column(
                name="recipient",
                type=_T.REFERENCE,
                required=True,
                aliases=("Người, đơn vị được khen", "Đối tượng"),
                doc="a person (people.id) or a unit (units.id)",
            ),
            _honour("a catalogue code (LDTT, CSTDCS, BK_BO …) or one of honours.csv"),
            _period(
                required=False,
                doc="the achievement period the decision states (empty: the decision date counts)",
            ),
            Column(
                name="decision",
                type=_T.CODE,
                aliases=("Số quyết định", "Quyết định"),
                doc="the decision's document symbol (1234/QĐ-TLĐ)",
            ),
            Column(
                name="decided_on",
                type=_T.DATE,
                required=True,
                aliases=("Ngày quyết định", "Ngày ký"),
                doc="the decision date",
            ),
            Column(
                name="initiatives",
                type=_T.LIST,
                references="initiatives.id",
                aliases=("Sáng kiến", "Mã sáng kiến"),
                doc="the initiatives the award rested on",
            ),
            Column(
                name="revoked_on",
                type=_T.DATE,
                aliases=("Ngày thu hồi", "Ngày hủy"),
                doc="the day the award was revoked",
            ),
        ],
    ),
    TableDeclaration(
        name="initiatives",
        label="sáng kiến",
        sheets=("Sáng kiến, đề tài", "Danh sách sáng kiến"),
        record="thidua.people.Initiative",
        key=("id",),
        doc="initiatives recognised at a level, with their benefit value",
        columns=[
            Column(
                name="id",
                type=_T.ID,
                required=True,
                aliases=("Mã sáng kiến", "Mã"),
                doc="initiative id",
            ),
            Column(
                name="authors",
                type=_T.LIST,
                required=True,
                references="people.id",
                aliases=("Tác giả", "Mã tác giả"),
                doc="the authors",
            ),
            Column(name="title", type=_T.TEXT, aliases=("Tên sáng kiến", "Tên")),
            Column(
                name="level",
                type=_T.ENUM,
                required=True,
                enum_type=InitiativeLevel,
                vocabulary=_LEVEL_WORDS,
                aliases=("Cấp công nhận", "Cấp"),
                doc="province: ministry, sector or province (for the union, TLĐ too)",
            ),
            Column(
                name="recognised_on",
                type=_T.DATE,
                required=True,
                aliases=("Ngày công nhận",),
            ),
            Column(
                name="document",
                type=_T.CODE,
                aliases=("Số văn bản", "Quyết định công nhận"),
                doc="the recognising document's symbol",
            ),
            Column(
                name="benefit",
                type=_T.NUMBER,
                aliases=("Giá trị làm lợi", "Giá trị làm lợi (đồng)"),
                doc="benefit value in VND (1.500.000, 150 triệu)",
            ),
        ],
    ),
    TableDeclaration(
        name="discipline",
        label="kỷ luật",
        sheets=("Hình thức kỷ luật",),
        record="thidua.people.Discipline",
        key=("person", "form", "decided_on"),
        doc="disciplinary measures in force on [decided_on, valid_to)",
        columns=[
            _person(),
            Column(
                name="form",
                type=_T.ENUM,
                required=True,
                enum_type=DisciplineForm,
                vocabulary=_FORM_WORDS,
                aliases=("Hình thức", "Hình thức kỷ luật"),
                doc="ordered by severity",
            ),
            Column(
                name="decided_on",
                type=_T.DATE,
                required=True,
                aliases=("Ngày quyết định", "Ngày kỷ luật"),
            ),
            Column(
                name="valid_to",
                type=_T.DATE,
                aliases=("Đến ngày", "Hết hiệu lực"),
                doc="first day no longer in force (empty: open)",
            ),
        ],
    ),
    TableDeclaration(
        name="absences",
        label="ngày nghỉ",
        sheets=("Nghỉ việc", "Số ngày nghỉ"),
        record="thidua.people.Absence",
        key=("person", "period", "reason"),
        doc="working days a person was absent in a period, and why",
        columns=[
            _person(),
            _period(),
            Column(
                name="days",
                type=_T.INTEGER,
                required=True,
                aliases=("Số ngày", "Số ngày nghỉ"),
                doc="working days absent (1.000 and 40,0 read too)",
            ),
            Column(
                name="reason",
                type=_T.ENUM,
                enum_type=AbsenceReason,
                vocabulary=_REASON_WORDS,
                aliases=("Lý do", "Lý do nghỉ"),
                default="other",
                doc="maternity leave counts as working time",
            ),
        ],
    ),
    TableDeclaration(
        name="registrations",
        label="đăng ký danh hiệu",
        sheets=("Đăng ký thi đua cá nhân", "Đăng ký danh hiệu thi đua"),
        record="thidua.people.Registration",
        key=("subject", "period", "honour"),
        doc="the titles a person or unit registered for",
        columns=[
            _subject("a person (people.id) or a unit (units.id)"),
            _period(),
            _honour("the title registered for (a catalogue code)"),
            Column(name="registered_on", type=_T.DATE, aliases=("Ngày đăng ký",)),
        ],
    ),
    TableDeclaration(
        name="reviews",
        label="xem xét kỷ luật, khiếu nại",
        sheets=("Xem xét kỷ luật", "Khiếu nại", "Đang xem xét"),
        record="thidua.people.Review",
        key=("subject", "valid_from"),
        doc="open disciplinary reviews, investigations, complaints: no award while open",
        columns=[
            _subject("a person (people.id) or a unit (units.id)"),
            Column(name="valid_from", type=_T.DATE, required=True, aliases=_FROM, doc="first day"),
            Column(
                name="valid_to",
                type=_T.DATE,
                aliases=_TO,
                doc="first day closed (empty: still open)",
            ),
            Column(name="reason", type=_T.TEXT, aliases=("Lý do", "Nội dung")),
        ],
    ),
    TableDeclaration(
        name="honours",
        label="danh mục khen thưởng",
        sheets=("Danh mục danh hiệu", "Danh hiệu, hình thức"),
        record="thidua.honours.Honour",
        key=("code",),
        doc="the user's own honours, merged over the shipped catalogue (a known code replaces it)",
        columns=[
            Column(
                name="code",
                type=_T.ID,
                required=True,
                aliases=("Mã", "Mã danh hiệu"),
                doc="a stable ASCII code",
            ),
            Column(
                name="name_vi",
                type=_T.TEXT,
                required=True,
                aliases=("Tên", "Tên danh hiệu", "Tên tiếng Việt"),
            ),
            Column(name="name_en", type=_T.TEXT, aliases=("Tên tiếng Anh",)),
            Column(
                name="kind",
                type=_T.CODE,
                aliases=("Loại",),
                default="title",
                doc="`title` (danh hiệu) or `form` (hình thức)",
            ),
            Column(
                name="recipient",
                type=_T.CODE,
                aliases=("Đối tượng",),
                default="individual",
                doc="`individual` (cá nhân), `collective` (tập thể) or `household` (hộ gia đình)",
            ),
            Column(name="level", type=_T.CODE, aliases=("Cấp",)),
            Column(
                name="type",
                type=_T.CODE,
                aliases=("Loại khen thưởng",),
                default="merit",
                doc="`merit` (công trạng), `thematic` (chuyên đề), `unexpected` (đột xuất) or "
                "`contribution` (cống hiến)",
            ),
            Column(name="issuing_level", type=_T.CODE, aliases=("Cấp quyết định",)),
            Column(
                name="multiplier",
                type=_T.NUMBER,
                aliases=("Hệ số", "Hệ số tiền thưởng"),
                doc="bonus as a multiple of the base salary",
            ),
            Column(name="basis", type=_T.TEXT, aliases=("Căn cứ",), doc="the legal basis"),
            Column(
                name="check",
                type=_T.BOOLEAN,
                aliases=("Cần kiểm tra",),
                default="no",
                doc="rests on a secondary source",
            ),
            Column(
                name="implies",
                type=_T.LIST,
                aliases=("Bao gồm",),
                doc="codes its holders also hold for the period (CSTDCS: LDTT)",
            ),
        ],
    ),
)
"""The tables, in the order they are written."""

CHECK: str | None = "thidua.people._checks:check_people"
"""The ``"module:function"`` that checks these tables in a workspace (``(workspace) -> Report``)."""
