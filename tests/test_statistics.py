"""Statistics forms 0601-0603 (issue 9 §4): computed from the workspace, checked by hand counts."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import importlib
import subprocess
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

import openpyxl
import pytest

import thidua.statistics as face
from thidua.datasets import hanoi_path
from thidua.errors import InvalidArgumentError
from thidua.honours import load_catalogue
from thidua.io import DataTable
from thidua.io._domain import domain_tables
from thidua.statistics import (
    FORM_0602_COLUMNS,
    FORM_0603_COLUMNS,
    Category,
    Form0601,
    Form0602,
    Form0603,
    StatisticsForm,
    form_0601,
    form_0602,
    form_0603,
    form_sheet,
    parse_category,
    recipient_categories,
    write_forms,
)
from thidua.testing import tiny_dataset
from thidua.workspace import Workspace, check

YEAR = 2024
START, END = dt.date(2023, 12, 1), dt.date(2024, 12, 1)


@pytest.fixture(scope="module")
def sample() -> Workspace:
    result = check(hanoi_path())
    assert result.report.ok, str(result.report)
    return result.workspace


def _rows(name: str) -> list[dict[str, str]]:
    with (hanoi_path() / f"{name}.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _category(row: Mapping[str, str]) -> str:
    """The category as the forms' rows name it, read straight from people.csv."""
    cat, grade = row["category"], row["grade"]
    if cat == "":
        return "unstated"
    if cat == "doanh nhân":
        return "business"
    if cat == "trực tiếp":
        return "direct"
    assert cat == "lãnh đạo"
    return {"bộ, tỉnh": "ministry_leader", "vụ, sở": "department_leader", "phòng": "other_leader"}[
        grade
    ]


def _hand_count(levels: set[str]) -> Counter[tuple[str, str, str]]:
    """Independent counts from the CSV files: (honour, collective/individual, row) → awards."""
    level = {h.code: h.level for h in load_catalogue()}
    people = {r["id"]: _category(r) for r in _rows("people")}
    cells: Counter[tuple[str, str, str]] = Counter()
    for a in _rows("awards"):
        if level.get(a["honour"]) not in levels:
            continue
        day = dt.date.fromisoformat(a["decided_on"])
        if not START <= day < END:
            continue
        if a["revoked_on"] and dt.date.fromisoformat(a["revoked_on"]) < END:
            continue
        who = "individual" if a["recipient"] in people else "collective"
        for k in ["01", who] + ([people[a["recipient"]]] if who == "individual" else []):
            cells[(a["honour"], who, k)] += 1
    return cells


ROW_CODES = {
    "01": "01",
    "collective": "03",
    "individual": "04",
    "ministry_leader": "05",
    "department_leader": "06",
    "other_leader": "07",
    "business": "08",
    "direct": "09",
    "unstated": "10",
}
SUBS = {"Tập thể": "collective", "Cá nhân": "individual"}


def _check_against_hand_count(form: StatisticsForm, levels: set[str]) -> None:
    cells = _hand_count(levels)
    named = {h for c in form.columns for h in c.honours}
    for key, code in ROW_CODES.items():
        in_row = {(h, who): n for (h, who, k), n in cells.items() if k == key}
        assert form.value(code, "total") == sum(in_row.values()), key
        for column in form.columns[1:]:
            who = SUBS[column.sub]
            if column.key.startswith("other"):
                expected = sum(n for (h, w), n in in_row.items() if w == who and h not in named)
            else:
                expected = sum(
                    n for (h, w), n in in_row.items() if w == who and h in column.honours
                )
            assert form.value(code, column.key) == expected, (code, column.key)
        assert sum(form.row(code).values[1:]) == form.value(code, "total")
    total = sum(n for (_, _, k), n in cells.items() if k == "01")
    assert total > 0
    assert len(form.counted) == total
    assert form.value("02", "total") == form.value("11", "total") == total


def test_form_0602_on_the_sample_matches_a_hand_count(sample: Workspace) -> None:
    form = form_0602(sample, YEAR)
    assert isinstance(form, Form0602)
    _check_against_hand_count(form, {"state"})
    assert form.value("01", "bk_ttg_individual") > 0
    assert form.value("01", "cstd_tq") > 0


def test_form_0603_on_the_sample_matches_a_hand_count(sample: Workspace) -> None:
    form = form_0603(sample, YEAR)
    assert isinstance(form, Form0603)
    _check_against_hand_count(form, {"province", "central"})
    # the sample has leaders, business people, direct workers and unstated people honoured
    for code in ("06", "07", "08", "09", "10"):
        assert form.value(code, "total") > 0, code
    assert form.value("03", "ttldxs") > 0
    assert form.value("13", "total") == sum(
        1 for a in form.counted if _award(a)["honour"] == "BK_CD"
    )


def _award(award_id: str) -> dict[str, str]:
    return next(r for r in _rows("awards") if r["id"] == award_id)


def test_an_empty_workspace_gives_forms_of_zeros() -> None:
    for form in (
        form_0601(Workspace(), 2024),
        form_0602(Workspace(), 2024),
        form_0603(Workspace(), 2024),
    ):
        assert form.total == 0
        assert form.counted == ()
        assert all(set(r.values) == {0} for r in form)


def test_an_earlier_year_counts_other_decisions(sample: Workspace) -> None:
    later, earlier = form_0603(sample, 2024), form_0603(sample, 2023)
    assert set(later.counted).isdisjoint(earlier.counted)
    assert earlier.total > 0


# -- small workspaces ----------------------------------------------------------------------


def _workspace(**tables: Sequence[Mapping[str, object]]) -> Workspace:
    declared = domain_tables()
    return Workspace(
        dataset=tiny_dataset(),
        tables={name: DataTable.from_rows(declared[name], rows) for name, rows in tables.items()},
    )


PEOPLE = [
    {"id": "P1", "name": "Nguyễn Thị Hoa", "category": "Lãnh đạo", "grade": "Cấp Bộ"},
    {"id": "P2", "name": "Trần Văn Nam", "category": "doanh nhan"},
    {"id": "P3", "name": "Lê Văn Ba"},
]


def _award_row(i: int, recipient: str, honour: str, day: str, revoked: str = "") -> dict[str, str]:
    return {
        "id": f"KT{i}",
        "recipient": recipient,
        "honour": honour,
        "decided_on": day,
        "revoked_on": revoked,
    }


def test_the_year_runs_from_december_and_revoked_awards_do_not_count() -> None:
    ws = _workspace(
        people=PEOPLE,
        awards=[
            _award_row(1, "P1", "BK_TTG", "2023-12-01"),  # first day: counts
            _award_row(2, "P2", "BK_TTG", "2024-11-30"),  # last day: counts
            _award_row(3, "P3", "BK_TTG", "2024-12-01"),  # next year
            _award_row(4, "P3", "BK_TTG", "2023-11-30"),  # year before
            _award_row(5, "P3", "CSTD_TQ", "2024-05-01", revoked="2024-10-01"),
            _award_row(6, "P3", "CSTD_TQ", "2024-05-01", revoked="2025-01-15"),  # after: counts
            _award_row(7, "G1", "BK_TTG", "2024-05-01"),  # a unit: collective
            _award_row(8, "G1", "CO_CP", "2024-05-01"),
            _award_row(9, "P1", "BK_BO", "2024-05-01"),  # not state level
        ],
    )
    form = form_0602(ws, 2024)
    assert form.counted == ("KT1", "KT2", "KT6", "KT7", "KT8")
    assert form.value("01", "bk_ttg_individual") == 2
    assert form.value("01", "bk_ttg_collective") == 1
    assert form.value("01", "co_cp") == 1
    assert form.value("03", "total") == 2
    assert form.value("05", "bk_ttg_individual") == 1  # P1: ministry leader
    assert form.value("08", "bk_ttg_individual") == 1  # P2: business
    assert form.value("10", "cstd_tq") == 1  # P3: no category
    other = form_0603(ws, 2024)
    assert other.counted == ("KT9",)
    assert other.value("05", "bk_bo_individual") == 1


def test_an_honour_of_the_users_catalogue_goes_to_other() -> None:
    ws = _workspace(
        people=PEOPLE,
        honours=[
            {
                "code": "HC_KC",
                "name_vi": "Huân chương Kháng chiến",
                "kind": "form",
                "recipient": "individual",
                "level": "state",
            }
        ],
        awards=[_award_row(1, "P2", "HC_KC", "2024-03-01")],
    )
    form = form_0602(ws, 2024)
    assert form.value("01", "other_individual") == 1
    assert form.value("08", "other_individual") == 1


@pytest.mark.parametrize(
    ("category", "grade", "expected"),
    [
        ("lãnh đạo", "bộ, tỉnh", Category.MINISTRY_LEADER),
        ("LÃNH ĐẠO", "cấp tỉnh", Category.MINISTRY_LEADER),
        ("lanh dao", "Sở", Category.DEPARTMENT_LEADER),
        ("leader", "division", Category.OTHER_LEADER),
        ("Lãnh đạo", "phó phòng", Category.OTHER_LEADER),
        ("Doanh nhân", "", Category.BUSINESS),
        ("người lao động trực tiếp", "", Category.DIRECT),
        ("công nhân", "", Category.DIRECT),
        ("trực tiếp", "phòng", Category.DIRECT),  # a grade beside a non-leader is ignored
        ("", "", Category.UNSTATED),
    ],
)
def test_categories_in_vietnamese_and_english(
    category: str, grade: str, expected: Category
) -> None:
    assert parse_category(category, grade) is expected


def test_an_unreadable_category_names_the_person_column_and_row() -> None:
    people = DataTable.from_rows(
        domain_tables()["people"],
        [
            {"id": "P1", "name": "A", "category": "trực tiếp"},
            {"id": "P2", "name": "B", "category": "nhà thơ"},
        ],
    )
    with pytest.raises(
        InvalidArgumentError, match=r"person 'P2', column 'category' .*row 3.*nhà thơ"
    ):
        recipient_categories(people)
    leader = DataTable.from_rows(
        domain_tables()["people"],
        [{"id": "P9", "name": "C", "category": "lãnh đạo", "grade": "tổ"}],
    )
    with pytest.raises(
        InvalidArgumentError, match=r"person 'P9', column 'grade'.*'tổ' is no leader grade"
    ):
        recipient_categories(leader)


def test_vietnamese_attribute_headers_are_read() -> None:
    people = DataTable.from_rows(
        domain_tables()["people"],
        [{"id": "P1", "name": "A", "Phân loại đối tượng": "Lãnh đạo", "Cấp lãnh đạo": "vụ"}],
    )
    assert recipient_categories(people) == {"P1": Category.DEPARTMENT_LEADER}


# -- 0601 ----------------------------------------------------------------------------------

CAMPAIGN = {
    "id": "C1",
    "name": "Đợt thi đua cao điểm",
    "kind": "đợt",
    "launched_by": "HN",
    "start": "1/5/2024",
    "end": "30/9/2024",
}


def test_form_0601_counts_the_movements_of_the_year_in_each_block() -> None:
    ws = _workspace(
        campaigns=[
            CAMPAIGN,
            {
                **CAMPAIGN,
                "id": "C2",
                "kind": "thường xuyên",
                "launched_by": "G1",
                "start": "1/1/2024",
                "end": "31/12/2024",
            },
            {
                **CAMPAIGN,
                "id": "C3",
                "launched_by": "TLD",
                "start": "1/1/2020",
                "end": "31/12/2025",
            },
            {**CAMPAIGN, "id": "C4", "start": "1/1/2022", "end": "30/11/2023"},  # before
            {**CAMPAIGN, "id": "C5", "launched_by": "NOWHERE"},
        ]
    )
    form = form_0601(ws, 2024)
    assert isinstance(form, Form0601)
    assert form.counted == ("C1", "C2", "C3", "C5")
    values = {r.label: r.values[0] for r in form}
    assert values["Tổng số phong trào thi đua"] == 4
    levels = {k: v for k, v in values.items() if k.startswith("Cấp ")}
    assert levels == {
        "Cấp 0: Tổng Liên đoàn Lao động Việt Nam": 1,
        "Cấp 1: Liên đoàn Lao động tỉnh, thành phố": 1,
        "Cấp 3: Công đoàn cơ sở": 1,
        "Cấp không rõ": 1,
    }
    assert values["Thời gian dưới 1 năm"] == 2
    assert values["Thời gian 1 năm"] == 1
    assert values["Thời gian từ 5 năm trở lên"] == 1
    assert values["Thi đua thường xuyên"] == 1
    assert values["Thi đua theo chuyên đề, theo đợt"] == 3
    assert values["Một đơn vị và các đơn vị trực thuộc"] == 4
    # every block adds up to the total
    blocks = [r for r in form if r.depth == 0]
    assert [b.values[0] for b in blocks] == [4] * len(blocks)


def test_form_0601_on_the_sample_matches_a_hand_count(sample: Workspace) -> None:
    lo, hi = dt.date(2022, 12, 1), dt.date(2023, 12, 1)
    running = [
        r
        for r in _rows("campaigns")
        if dt.date.fromisoformat(r["start"]) < hi and dt.date.fromisoformat(r["end"]) >= lo
    ]
    kinds = {u["id"]: u["kind"] for u in _rows("units")}
    form = form_0601(sample, 2023)
    assert form.total == len(running) > 0
    assert set(form.counted) == {r["id"] for r in running}
    values = {r.label: r.values[0] for r in form}
    by_kind = Counter(kinds[r["launched_by"]] for r in running)
    assert values["Cấp 1: Liên đoàn Lao động tỉnh, thành phố"] == by_kind["provincial"]
    assert values["Cấp 2: Liên đoàn Lao động quận, huyện, thị xã"] == by_kind["district"]
    assert values["Thi đua theo chuyên đề, theo đợt"] == sum(
        r["kind"] == "thematic" for r in running
    )
    short = sum(
        (dt.date.fromisoformat(r["end"]) - dt.date.fromisoformat(r["start"])).days < 365
        for r in running
    )
    assert values["Thời gian dưới 1 năm"] == short
    assert form_0601(sample, 2024).total == 0


# -- results and Excel -----------------------------------------------------------------------


def test_results_repr_html_records_and_pandas(sample: Workspace) -> None:
    form = form_0602(sample, YEAR)
    assert repr(form).startswith("<Form0602 0602 năm 2024: SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC")
    page = form._repr_html_()
    assert "Biểu số 0602.N/BNV-TĐKT" in page
    assert "18/2025/TT-BNV" in page
    assert "Bằng khen của Thủ tướng Chính phủ<br>Cá nhân" in page
    records = form.to_records()
    assert records[0]["total"] == form.total
    frame = form.to_pandas()
    assert list(frame.columns) == ["code", "label", "unit", *(c.key for c in FORM_0602_COLUMNS)]
    assert int(frame["total"].iloc[0]) == form.total
    assert not any(c.verified for c in (*FORM_0602_COLUMNS, *FORM_0603_COLUMNS))
    with pytest.raises(KeyError):
        form.value("01", "nope")
    with pytest.raises(KeyError):
        form.row("99")


def test_the_workbook_reads_back_with_its_vietnamese_headings(
    sample: Workspace, tmp_path: Path
) -> None:
    forms = [form_0601(sample, YEAR), form_0602(sample, YEAR), form_0603(sample, YEAR)]
    out = tmp_path / "bieu.xlsx"
    write_forms(forms, out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["0601", "0602", "0603"]
    for form in forms:
        sheet = book[form.form]
        cells = [list(r) for r in sheet.iter_rows(values_only=True)]
        expected = form_sheet(form)
        assert cells[0][0] == f"Biểu số: {form.form}.N/BNV-TĐKT"
        assert "18/2025/TT-BNV" in str(cells[1][0])
        assert cells[3][0] == form.title
        first = next(i for i, r in enumerate(cells) if r[0] == "01")
        for r, row in zip(cells[first:], form.rows, strict=False):
            assert list(r[3 : 3 + len(row.values)]) == list(row.values)
            assert r[0] == row.code
        assert len(cells) == len(expected)
    heads = [list(r) for r in book["0602"].iter_rows(min_row=6, max_row=8, values_only=True)]
    assert heads[0][:4] == ["Mã số", "Chỉ tiêu", "Đơn vị tính", "Tổng số"]
    assert "Bằng khen của Thủ tướng Chính phủ" in heads[0]
    assert "Huân chương Lao động hạng Nhất" in heads[1]
    assert heads[2].count("Cá nhân") == 9
    merged = {str(r) for r in book["0602"].merged_cells.ranges}
    assert "E6:J6" in merged  # "Các loại huân chương, huy chương" over the three orders
    assert "E7:F7" in merged  # "Huân chương Lao động hạng Nhất" over Tập thể, Cá nhân
    assert not any(r.endswith("8") for r in merged)


# -- the lazy face ---------------------------------------------------------------------------


def test_the_package_face_is_lazy_and_complete() -> None:

    code = (
        "import sys, thidua.statistics as s; a = 'thidua.statistics._awards' in sys.modules; "
        "s.form_0602; print(a, 'thidua.statistics._awards' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
    exports: dict[str, str] = vars(face)["_EXPORTS"]
    assert sorted([*exports, "FORMS"]) == sorted(face.__all__)
    for name, module in exports.items():
        assert getattr(face, name) is getattr(importlib.import_module(module), name)
    tree = ast.parse(Path(face.__file__).read_text(encoding="utf-8"))
    imported: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for stmt in node.body:
                assert isinstance(stmt, ast.ImportFrom)
                imported.update({a.name: str(stmt.module) for a in stmt.names})
    assert imported == exports
    assert set(face.__all__) <= set(dir(face))
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        _ = face.nope  # type: ignore[attr-defined]
