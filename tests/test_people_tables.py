"""The people tables of issue 8 as workspace tables: declarations, every format, office CSV."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from thidua.datasets import hanoi_path
from thidua.io._domain import DataTable, domain_tables, parse_column
from thidua.people import DisciplineForm, Gender, Grade, InitiativeLevel, history
from thidua.problems import Problem
from thidua.workspace import Workspace, load, read_workspace, write_workspace

PEOPLE_TABLES = (
    "people",
    "memberships",
    "ratings",
    "awards",
    "initiatives",
    "discipline",
    "absences",
    "registrations",
    "reviews",
    "honours",
)

ROWS: dict[str, list[dict[str, str]]] = {
    "people": [
        {"id": "P1", "name": "Nguyễn Thị Hoa", "gender": "nữ", "born": "1985-04-30", "Quê": "Huế"},
        {"id": "P2", "name": "Trần Văn Nam", "gender": "male", "born": "2/9/1990"},
        {"id": "P3", "name": "  Lê  Minh  "},
    ],
    "memberships": [
        {
            "person": "P1",
            "unit": "CDCS-0002",
            "valid_from": "2015-01-01",
            "position": "Kỹ sư",
            "manager": "không",
            "qualification": "đại học",
        },
        {
            "person": "P2",
            "unit": "CDCS-0003",
            "valid_from": "2018-03-01",
            "valid_to": "2024-01-01",
            "manager": "có",
            "qualification": "college_or_below",
        },
    ],
    "ratings": [
        {"subject": "P1", "period": "2024", "rating": "HTXS"},
        {"subject": "P2", "period": "năm học 2023-2024", "rating": "Hoàn thành tốt nhiệm vụ"},
        {"subject": "CDCS-0002", "period": "2024", "rating": "HTT"},
    ],
    "awards": [
        {
            "id": "KT1",
            "recipient": "P1",
            "honour": "CSTDCS",
            "period": "2024",
            "decision": "1234/QĐ-TLĐ",
            "decided_on": "15/12/2024",
            "initiatives": "SK1;SK2",
        },
        {
            "id": "KT2",
            "recipient": "CDCS-0002",
            "honour": "TTLDTT",
            "decided_on": "2024-12-20",
            "revoked_on": "2025-03-01",
        },
    ],
    "initiatives": [
        {
            "id": "SK1",
            "authors": "P1;P2",
            "title": 'Cải tiến "dây chuyền", đóng gói',
            "level": "cơ sở",
            "recognised_on": "2024-05-01",
            "document": "12/QĐ-CĐCS",
            "benefit": "85.000.000",
        },
        {"id": "SK2", "authors": "P1", "level": "province", "recognised_on": "2024-06-01"},
    ],
    "discipline": [
        {
            "person": "P2",
            "form": "khiển trách",
            "decided_on": "2022-03-01",
            "valid_to": "2023-03-01",
        }
    ],
    "absences": [{"person": "P1", "period": "2024", "days": "45", "reason": "thai sản"}],
    "registrations": [
        {"subject": "P1", "period": "2024", "honour": "CSTDCS", "registered_on": "2024-01-15"}
    ],
    "reviews": [{"subject": "P2", "valid_from": "2024-11-01", "reason": "khiếu nại; tố cáo"}],
    "honours": [
        {
            "code": "CNG_HN",
            "name_vi": "Công nhân giỏi Thủ đô",
            "kind": "title",
            "recipient": "individual",
            "issuing_level": "province",
            "multiplier": "0,5",
            "check": "yes",
            "implies": "LDTT",
        }
    ],
}


def _workspace() -> Workspace:
    ws = load(hanoi_path())
    tables = {name: DataTable.from_rows(domain_tables()[name], ROWS[name]) for name in ROWS}
    return Workspace(dataset=ws.dataset, figures=ws.figures, tables=tables)


def _hierarchy_only() -> Workspace:
    """The Hà Nội sample without its people (the tests below bring their own)."""
    ws = load(hanoi_path())
    return Workspace(dataset=ws.dataset, figures=ws.figures)


def test_the_people_tables_are_declared() -> None:
    declared = domain_tables()
    assert all(name in declared for name in PEOPLE_TABLES)
    assert declared["people"].fields == ("id", "name", "gender", "born")
    assert declared["memberships"].fields == (
        "person",
        "unit",
        "valid_from",
        "valid_to",
        "position",
        "manager",
        "qualification",
    )
    assert declared["ratings"].fields == ("subject", "period", "rating")
    assert declared["awards"].fields == (
        "id",
        "recipient",
        "honour",
        "period",
        "decision",
        "decided_on",
        "initiatives",
        "revoked_on",
    )
    assert declared["initiatives"].fields == (
        "id",
        "authors",
        "title",
        "level",
        "recognised_on",
        "document",
        "benefit",
    )
    assert declared["discipline"].fields == ("person", "form", "decided_on", "valid_to")
    assert declared["absences"].fields == ("person", "period", "days", "reason")
    assert declared["registrations"].fields == ("subject", "period", "honour", "registered_on")
    assert declared["reviews"].fields == ("subject", "valid_from", "valid_to", "reason")
    assert declared["honours"].key == ("code",)
    refs = {str(r) for name in PEOPLE_TABLES for r in declared[name].references}
    assert "memberships.person → people.id" in refs
    assert "memberships.unit → units.id" in refs
    assert "awards.initiatives → initiatives.id" in refs


def test_vocabularies_read_english_and_vietnamese_words() -> None:
    t = DataTable.from_rows(
        domain_tables()["ratings"],
        [
            {"subject": "A", "period": "2024", "rating": "Hoàn thành xuất sắc nhiệm vụ"},
            {"subject": "B", "period": "2024", "rating": "htt"},
            {"subject": "C", "period": "2024", "rating": "2"},
        ],
    )
    problems: list[Problem] = []
    assert parse_column(t, "rating", problems).values() == [Grade.HTXS, Grade.HTT, None]
    assert [(p.code, p.subject) for p in problems] == [("S006", "C")]  # an integer is no word
    people = DataTable.from_rows(domain_tables()["people"], ROWS["people"])
    assert parse_column(people, "gender", []).values() == [Gender.FEMALE, Gender.MALE, None]
    d = DataTable.from_rows(domain_tables()["discipline"], [{"form": "Cảnh cáo"}])
    assert parse_column(d, "form", []).values() == [DisciplineForm.WARNING]
    i = DataTable.from_rows(domain_tables()["initiatives"], ROWS["initiatives"])
    assert parse_column(i, "level", []).values() == [
        InitiativeLevel.GRASSROOTS,
        InitiativeLevel.PROVINCE,
    ]
    assert parse_column(i, "benefit", []).values() == [85_000_000.0, None]
    m = DataTable.from_rows(domain_tables()["memberships"], ROWS["memberships"])
    assert parse_column(m, "manager", []).values() == [False, True]
    a = DataTable.from_rows(domain_tables()["awards"], ROWS["awards"])
    assert parse_column(a, "initiatives", []).values() == [("SK1", "SK2"), None]


@pytest.mark.parametrize("target", ["dir", "w.json", "w.yaml", "w.xlsx"])
def test_round_trip_of_every_people_table_in_every_format(tmp_path: Path, target: str) -> None:
    ws = _workspace()
    write_workspace(ws, tmp_path / target)
    back = read_workspace(tmp_path / target)
    assert [p.code for p in back.report] == []
    for name in PEOPLE_TABLES:
        assert back.workspace.table(name) == ws.table(name), name
        assert len(back.workspace.table(name)) == len(ROWS[name])
    assert back.workspace == ws
    people = back.workspace.table("people")
    assert people.rows()[0]["Quê"] == "Huế"
    assert people.text("name")[2] == "  Lê  Minh  "  # text kept exactly
    # the history read back is the same (no header text taken for an id)
    h, again = history(ws), history(back.workspace)
    assert again.subjects == h.subjects
    assert again.periods == h.periods
    assert again.ratings_of("P2") == h.ratings_of("P2")
    assert again.awards_of("P1") == h.awards_of("P1")


def test_office_csv_with_vietnamese_headers(tmp_path: Path) -> None:
    d = tmp_path / "d"
    write_workspace(_hierarchy_only(), d)
    bom = b"\xef\xbb\xbf"
    (d / "people.csv").write_bytes(
        bom
        + "Mã cán bộ;Họ và tên;Giới tính;Ngày sinh;Dân tộc\n"
        "P1;Nguyễn Thị Hoa;Nữ;30/4/1985;Kinh\n".encode()
    )
    (d / "memberships.csv").write_bytes(
        bom
        + "Mã cán bộ;Mã đơn vị;Từ ngày;Đến ngày;Chức vụ;Cán bộ quản lý;Trình độ\n"
        "P1;CDCS-0002;1/1/2015;;Tổ trưởng;Có;Đại học\n".encode()
    )
    (d / "ratings.csv").write_bytes(
        bom + "Mã đối tượng;Năm;Xếp loại\nP1;2024;Hoàn thành tốt nhiệm vụ\n".encode()
    )
    (d / "initiatives.csv").write_bytes(
        bom
        + "Mã sáng kiến;Tác giả;Tên sáng kiến;Cấp công nhận;Ngày công nhận;Giá trị làm lợi\n"
        "SK1;P1;Tiết kiệm điện;Cấp cơ sở;01/06/2024;120.500.000\n".encode()
    )
    (d / "awards.csv").write_bytes(
        bom
        + "Mã khen thưởng;Đối tượng;Mã danh hiệu;Năm;Số quyết định;Ngày quyết định;Sáng kiến\n"
        "KT1;P1;LDTT;2024;15/QĐ-LĐLĐ;20/12/2024;SK1\n".encode()
    )
    (d / "discipline.csv").write_bytes(
        bom + "Mã cán bộ;Hình thức kỷ luật;Ngày quyết định\nP1;Khiển trách;1/3/2020\n".encode()
    )
    (d / "absences.csv").write_bytes(
        bom + "Mã cán bộ;Năm;Số ngày nghỉ;Lý do nghỉ\nP1;2024;1.000;Ốm đau\n".encode()
    )
    result = read_workspace(d)
    assert [p.code for p in result.report] == []
    ws = result.workspace
    people = ws.table("people")
    assert people.rows() == [
        {
            "id": "P1",
            "name": "Nguyễn Thị Hoa",
            "gender": "Nữ",
            "born": "30/4/1985",
            "Dân tộc": "Kinh",
        }
    ]
    assert parse_column(people, "born", []).values() == [pendulum.Date(1985, 4, 30)]
    m = ws.table("memberships")
    assert parse_column(m, "manager", []).values() == [True]
    assert m.text("position") == ["Tổ trưởng"]
    assert ws.table("ratings").text("rating") == ["Hoàn thành tốt nhiệm vụ"]
    assert parse_column(ws.table("initiatives"), "benefit", []).values() == [120_500_000.0]
    assert ws.table("awards").text("decision") == ["15/QĐ-LĐLĐ"]
    assert parse_column(ws.table("absences"), "days", []).values() == [1000]
    assert ws.counts()["people"] == 1


def test_workbook_sheets_by_vietnamese_names(tmp_path: Path) -> None:
    import openpyxl

    write_workspace(_hierarchy_only(), tmp_path / "w.xlsx")
    book = openpyxl.load_workbook(tmp_path / "w.xlsx")
    sheet = book.create_sheet("Danh sách đoàn viên")
    sheet.append(["Mã đoàn viên", "Họ tên"])
    sheet.append(["P1", "Phạm Thu Hà"])
    ratings = book.create_sheet("Xếp loại")
    ratings.append(["Đối tượng", "Năm", "Kết quả"])
    ratings.append(["P1", 2024, "HTXS"])
    rewards = book.create_sheet("Khen thưởng")
    rewards.append(["Mã", "Đối tượng", "Danh hiệu", "Ngày ký"])
    rewards.append(["KT1", "P1", "LDTT", "20/12/2024"])
    book.save(tmp_path / "w.xlsx")
    ws = read_workspace(tmp_path / "w.xlsx").workspace
    assert ws.table("people").text("name") == ["Phạm Thu Hà"]
    assert ws.table("ratings").rows() == [{"subject": "P1", "period": "2024", "rating": "HTXS"}]
    assert ws.table("awards").text("honour") == ["LDTT"]
