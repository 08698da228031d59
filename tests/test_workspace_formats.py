"""The workspace in every format: indicators and figures in workbooks, JSON and YAML."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import thidua
from tests.test_figures_write import figures as figure_stores
from thidua import Workspace, check, read_workspace, write_workspace
from thidua.cli import main
from thidua.datasets import hanoi_path
from thidua.errors import FormatError, UnreadableInputError
from thidua.figures import (
    BUILTIN_INDICATORS,
    Aggregation,
    Direction,
    Figure,
    Figures,
    Indicator,
    IndicatorCatalogue,
    Scope,
)
from thidua.io import write_excel, write_json
from thidua.periods import Period
from thidua.problems import Report
from thidua.testing import tiny_dataset

FORMATS = ("dir", "h.xlsx", "h.json", "h.yaml")

OWN = [
    Indicator(
        code="blood_units", name="Đơn vị máu hiến", unit="đơn vị", aggregation=Aggregation.SUM
    ),
    Indicator(
        code="female_share",
        name="Tỷ lệ nữ",
        unit="%",
        aggregation=Aggregation.RATIO,
        numerator="female_members",
        denominator="members",
        scale=100.0,
    ),
    Indicator(
        code="score_mean",
        name="Điểm bình quân",
        unit="điểm",
        aggregation=Aggregation.MEAN,
        weight="members",
        scale=0.5,
        nonnegative=False,
    ),
    Indicator(
        code="accidents",
        name="Số vụ tai nạn lao động",
        unit="vụ",
        aggregation=Aggregation.SUM,
        direction=Direction.LOWER,
    ),
    Indicator(code="odd_scale", name="Hệ số lạ", aggregation=Aggregation.SUM, scale=1.585),
    attrs.evolve(BUILTIN_INDICATORS["members"], name="Đoàn viên (định nghĩa riêng)"),
]

Y = Period.year(2025)
RECORDS = [
    Figure(unit="G1", indicator="new_members", period=Y, value=12, source="BC 12/2025"),
    Figure(unit="G2", indicator="new_members", period=Period.quarter(2025, 1), value=1.585),
    Figure(unit="G3", indicator="new_members", period=Y, value=0.1, scope=Scope.TOTAL),
    Figure(unit="G1", indicator="initiative_benefit", period=Y, value=0.30000000000000004),
    Figure(unit="G2", indicator="initiative_benefit", period=Y, value=2.0**60),
    Figure(unit="G3", indicator="initiative_benefit", period=Y, value=1e-05),
    Figure(unit="G1", indicator="works_completed", period=Y, value=31, plan=20),
    Figure(unit="G2", indicator="works_completed", period=Y, value=7.5, plan=0.25),
    Figure(
        unit="G1",
        indicator="people_honoured",
        period=Period.emulation_year(2025),
        keys=frozenset({"P2", "P1"}),
        source="=SUM(1)",
        scope=Scope.TOTAL,
    ),
    Figure(unit="G2", indicator="people_honoured", period=Y, keys=frozenset({"123"})),
    Figure(unit="G3", indicator="people_honoured", period=Y, keys=frozenset({"31/20"})),
    Figure(unit="W1", indicator="people_honoured", period=Y, keys=frozenset()),
    Figure(unit="D1", indicator="blood_units", period=Y, value=3, source="Báo cáo quý, “Hà Nội”"),
]


def _contents() -> dict[str, Workspace]:
    ds = tiny_dataset()
    figures = Figures.from_records(RECORDS)
    own = BUILTIN_INDICATORS.extend(OWN)
    return {
        "hierarchy": Workspace(dataset=ds),
        "indicators": Workspace(dataset=ds, catalogue=own),
        "figures": Workspace(dataset=ds, figures=figures),
        "everything": Workspace(dataset=ds, catalogue=own, figures=figures),
        "hanoi": thidua.load(hanoi_path()),
    }


CONTENTS = _contents()


@pytest.mark.parametrize("target", FORMATS)
@pytest.mark.parametrize("content", sorted(CONTENTS))
def test_every_format_holds_every_table_and_reads_back_equal(
    tmp_path: Path, target: str, content: str
) -> None:
    ws = CONTENTS[content]
    path = tmp_path / target
    write_workspace(ws, path)
    result = read_workspace(path)
    assert result.report.ok, str(result.report)
    back = result.workspace
    assert back.dataset == ws.dataset
    assert back.catalogue == ws.catalogue
    assert back.figures == ws.figures
    assert back == ws
    assert [(f.keys, f.plan, f.source, f.scope) for f in back.figures] == [
        (f.keys, f.plan, f.source, f.scope) for f in ws.figures
    ]
    if target != "h.xlsx":  # a workbook's zip stamps its time; the text formats are stable
        again = tmp_path / f"again-{target}"
        write_workspace(back, again)
        files = sorted(p.name for p in path.iterdir()) if path.is_dir() else [""]
        for name in files:
            first = path / name if name else path
            second = again / name if name else again
            assert first.read_bytes() == second.read_bytes()


def test_a_document_with_nothing_beyond_the_hierarchy_stays_version_1(tmp_path: Path) -> None:
    write_workspace(CONTENTS["hierarchy"], tmp_path / "h.json")
    doc = json.loads((tmp_path / "h.json").read_text(encoding="utf-8"))
    assert doc["schema_version"] == 1
    assert "figures" not in doc
    assert "indicators" not in doc
    write_workspace(CONTENTS["everything"], tmp_path / "w.json")
    doc = json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))
    assert doc["schema_version"] == 2
    assert len(doc["figures"]) == len(RECORDS)
    assert [i["code"] for i in doc["indicators"]] == [i.code for i in OWN]


def test_old_version_1_files_still_load(tmp_path: Path) -> None:
    write_json(tiny_dataset(), tmp_path / "old.json")
    result = check(tmp_path / "old.json")
    assert result.report.ok
    assert result.workspace.dataset == tiny_dataset()
    assert result.workspace.catalogue is BUILTIN_INDICATORS
    assert len(result.workspace.figures) == 0


def test_the_hierarchy_reader_skips_the_workspace_sections(tmp_path: Path) -> None:
    write_workspace(CONTENTS["everything"], tmp_path / "w.yaml")
    loaded = thidua.read(tmp_path / "w.yaml")
    assert loaded.report.ok
    assert loaded.dataset == tiny_dataset()


def test_the_json_layout_is_one_record_a_line(tmp_path: Path) -> None:
    write_workspace(CONTENTS["everything"], tmp_path / "w.json")
    lines = (tmp_path / "w.json").read_text(encoding="utf-8").splitlines()
    assert (
        '    {"unit": "G1", "indicator": "new_members", "period": "2025", "value": 12, '
        in (lines[lines.index('  "figures": [') + 1])
    )
    keys = next(line for line in lines if '"2025-EY"' in line)
    assert '"keys": ["P1", "P2"]' in keys
    assert '"scope": "total"' in keys
    plan = next(line for line in lines if '"plan": 20' in line)
    assert '"value": 31' in plan
    blood = next(line for line in lines if '"code": "blood_units"' in line)
    assert '"scale": 1, "nonnegative": true' in blood
    assert '"direction"' not in blood  # higher, the default, is left out
    accidents = next(line for line in lines if '"code": "accidents"' in line)
    assert '"nonnegative": true, "direction": "lower"' in accidents


# -- reading documents: the figure cell rules, problems at JSON paths ---------------------------


def _document(tmp_path: Path, name: str, **sections: Any) -> Path:
    path = tmp_path / name
    doc = {
        "units": [
            {"id": "HN", "name": "LĐLĐ Hà Nội", "kind": "provincial"},
            {"id": "C1", "name": "CĐCS Công ty A", "kind": "grassroots"},
        ],
        "links": [{"child": "C1", "parent": "HN"}],
        "roots": ["HN"],
        **sections,
    }
    if name.endswith(".json"):
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    else:
        import yaml

        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def _where(report: Report) -> list[tuple[str, str]]:
    return [(p.code, str(p.pointer)) for p in report]


def test_document_figures_follow_the_cell_rules_of_figures_csv(tmp_path: Path) -> None:
    path = _document(
        tmp_path,
        "w.json",
        figures=[
            {"unit": "C1", "indicator": "new_members", "period": "năm 2024", "value": "1.585"},
            {"unit": "C1", "indicator": "initiative_benefit", "period": "2024", "value": 1.585},
            {
                "unit": "C1",
                "indicator": "works_completed",
                "period": "2024",
                "value": "31/20 (155%)",
            },
            {"unit": "C1", "indicator": "people_honoured", "period": "2024", "keys": "P1;P2"},
            {"unit": "C1", "indicator": "enterprises_involved", "period": "2024", "value": ["E1"]},
            {"unit": "HN", "indicator": "dialogues", "period": 2024, "value": 2, "scope": "tổng"},
        ],
    )
    result = check(path)
    assert result.report.ok, str(result.report)
    got = [(f.value, f.plan, f.keys, f.scope) for f in result.workspace.figures]
    assert got == [
        (1585.0, None, None, Scope.OWN),
        (1.585, None, None, Scope.OWN),
        (31.0, 20.0, None, Scope.OWN),
        (None, None, frozenset({"P1", "P2"}), Scope.OWN),
        (None, None, frozenset({"E1"}), Scope.OWN),
        (2.0, None, None, Scope.TOTAL),
    ]
    assert str(result.workspace.figures.row(2).origin) == "w.json $.figures[2]"


def test_document_figure_problems_point_at_the_field(tmp_path: Path) -> None:
    path = _document(
        tmp_path,
        "w.json",
        figures=[
            {"unit": "C1", "indicator": "new_members", "period": "2024", "value": 1, "colour": 1},
            {"unit": "C1", "indicator": "new_members", "period": "quý V/2024", "value": 1},
            {"unit": "C1", "indicator": "new_members", "period": "2023", "value": "12abc"},
            {"unit": "C1", "indicator": "new_members", "period": "2022", "keys": ["P1"]},
            {"indicator": "new_members", "period": "2022", "value": 1},
            {"unit": "C1", "indicator": "new_members", "period": "2021"},
            "not an object",
            {"unit": ["C1"], "indicator": "new_members", "period": "2020", "value": True},
            {"unit": "C1", "indicator": "people_honoured", "period": "2020", "keys": [{"a": 1}]},
            {"unit": "C1", "indicator": "new_members", "period": "2019", "value": 10**400},
            {"unit": "C1", "indicator": "new_members", "period": "2024", "value": 2},
        ],
    )
    result = check(path)
    assert _where(result.report) == [
        ("S007", "w.json $.figures[0].colour"),
        ("S002", "w.json $.figures[4].unit"),
        ("S002", "w.json $.figures[5].value"),
        ("S006", "w.json $.figures[6]"),
        ("S006", "w.json $.figures[7].unit"),
        ("S006", "w.json $.figures[7].value"),
        ("S006", "w.json $.figures[8].keys"),
        ("F009", "w.json $.figures[9].value"),
        ("F010", "w.json $.figures[1].period"),
        ("F009", "w.json $.figures[2].value"),
        ("F007", "w.json $.figures[3].keys"),
        ("F004", "w.json $.figures[10].value"),
    ]
    assert len(result.workspace.figures) == 2
    assert "given twice" in result.report.by_code("F004")[0].message
    assert result.report.by_code("F004")[0].subject == "C1"


def test_a_duplicate_key_inside_a_figure_is_s009_at_its_path(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text(
        '{"units": [{"id": "C1", "name": "CĐCS", "kind": "grassroots"}], "figures": ['
        '{"unit": "C1", "indicator": "new_members", "period": "2024", "value": 1, "value": 2}]}',
        encoding="utf-8",
    )
    result = read_workspace(path)
    assert ("S009", "w.json $.figures[0].value") in _where(result.report)
    assert [f.value for f in result.workspace.figures] == [2.0]


def test_sections_that_are_not_lists_are_s006(tmp_path: Path) -> None:
    path = _document(tmp_path, "w.json", figures={"a": 1}, indicators="blood")
    assert _where(read_workspace(path).report) == [
        ("S006", "w.json $.indicators"),
        ("S006", "w.json $.figures"),
    ]


def test_validate_on_a_json_workspace_exits_1_naming_the_duplicate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = {"unit": "C1", "indicator": "new_members", "period": "2024", "value": 5}
    path = _document(tmp_path, "w.json", figures=[row, {**row, "value": 7}])
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "F004 error" in out
    assert "w.json $.figures[1].value" in out


def test_yaml_figures_and_indicators_take_yaml_scalars(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        "units:\n"
        "- {id: C1, name: CĐCS Công ty A, kind: grassroots}\n"
        "indicators:\n"
        "- {code: blood_units, name: Đơn vị máu hiến, aggregation: cộng, scale: 1.000}\n"
        "- {code: people_seen, name: Người được thăm, aggregation: đếm không trùng,"
        " nonnegative: no}\n"
        "figures:\n"
        "- {unit: C1, indicator: blood_units, period: 2024, value: 1.585}\n"
        "- {unit: C1, indicator: blood_units, period: 2023, value: '1.585'}\n"
        "- {unit: C1, indicator: people_seen, period: 2024, keys: [P1, 123]}\n",
        encoding="utf-8",
    )
    result = check(path)
    assert result.report.ok, str(result.report)
    ws = result.workspace
    assert ws.catalogue["blood_units"].scale == 1.0
    assert ws.catalogue["people_seen"].aggregation is Aggregation.DISTINCT
    assert ws.catalogue["people_seen"].nonnegative is False
    assert [(f.value, f.keys) for f in ws.figures] == [
        (1.585, None),
        (1585.0, None),
        (None, frozenset({"P1", "123"})),
    ]


def test_document_indicators_are_read_like_indicators_csv(tmp_path: Path) -> None:
    path = _document(
        tmp_path,
        "w.json",
        indicators=[
            {
                "code": "rate",
                "name": "Tỷ lệ",
                "aggregation": "tỷ lệ",
                "numerator": "nope",
                "denominator": "members",
                "scale": "100",
            },
            {"code": "x", "name": "X", "aggregation": "average"},
            {"code": "y", "name": "", "aggregation": "sum"},
            {"code": "z", "name": "Z", "aggregation": "sum", "scale": [1]},
            {"code": "w", "name": "W", "aggregation": "sum", "nonnegative": "perhaps", "note": 1},
            {
                "code": "rate",
                "name": "Tỷ lệ lần hai",
                "aggregation": "ratio",
                "numerator": "female_members",
                "denominator": "members",
            },
            7,
        ],
        figures=[{"unit": "C1", "indicator": "x", "period": "2024", "value": 1}],
    )
    result = check(path)
    assert _where(result.report) == [
        ("S006", "w.json $.indicators[1].aggregation"),
        ("S004", "w.json $.indicators[2].name"),
        ("S006", "w.json $.indicators[3].scale"),
        ("S007", "w.json $.indicators[4].note"),
        ("S006", "w.json $.indicators[4].nonnegative"),
        ("S006", "w.json $.indicators[6]"),
        ("F012", "w.json $.indicators[0]"),
        ("F013", "w.json $.indicators[5]"),
        ("F002", "w.json $.figures[0].indicator"),
    ]
    assert result.workspace.catalogue["rate"].scale == 100.0


# -- workbooks -------------------------------------------------------------------------------


def _workbook(tmp_path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    path = tmp_path / "h.xlsx"
    write_excel(tiny_dataset(), path)
    book = openpyxl.load_workbook(path)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_a_workbook_indicators_sheet_with_vietnamese_names_is_the_catalogue(
    tmp_path: Path,
) -> None:
    path = _workbook(
        tmp_path,
        {
            "Danh mục chỉ tiêu": [
                ["Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính", "Cách tổng hợp", "Hệ số"],
                ["blood_units", "Đơn vị máu hiến", "đơn vị", "cộng", 1],
                ["people_seen", "Người được thăm", "người", "đếm không trùng", None],
            ],
            "Số liệu": [
                ["Đơn vị", "Chỉ tiêu", "Kỳ", "Giá trị"],
                ["G1", "blood_units", "2024", 3],
                ["G1", "people_seen", "2024", "P1"],
            ],
        },
    )
    result = check(path)
    assert result.report.ok, str(result.report)
    ws = result.workspace
    assert ws.catalogue == BUILTIN_INDICATORS.extend(
        [
            Indicator(
                code="blood_units",
                name="Đơn vị máu hiến",
                unit="đơn vị",
                aggregation=Aggregation.SUM,
            ),
            Indicator(
                code="people_seen",
                name="Người được thăm",
                unit="người",
                aggregation=Aggregation.DISTINCT,
            ),
        ]
    )
    assert [(f.value, f.keys) for f in ws.figures] == [(3.0, None), (None, frozenset({"P1"}))]
    r = thidua.roll_up(ws, 2024, indicators=["blood_units"])
    assert r.value("TLD", "blood_units") == 3


def test_two_indicator_sheets_are_s011_and_bad_rows_point_at_the_sheet(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        {
            "Chỉ tiêu": [["code", "name", "aggregation"], ["a", "A", "sum"], ["b", "B", "nope"]],
            "indicators": [["code", "name", "aggregation"], ["c", "C", "sum"]],
        },
    )
    result = read_workspace(path)
    assert _where(result.report) == [
        ("S011", "h.xlsx sheet indicators"),
        ("S006", "h.xlsx sheet Chỉ tiêu row 3, column aggregation"),
    ]
    assert "a" in result.workspace.catalogue
    assert "c" not in result.workspace.catalogue


def test_a_workbook_written_by_write_workspace_has_the_sheets_in_order(tmp_path: Path) -> None:
    write_workspace(CONTENTS["everything"], tmp_path / "w.xlsx")
    book = openpyxl.load_workbook(tmp_path / "w.xlsx")
    assert book.sheetnames[-2:] == ["indicators", "figures"]
    figures = list(book["figures"].values)
    assert figures[0] == ("unit", "indicator", "period", "value", "source", "scope", "plan")
    by_key = {(r[0], r[1], r[2]): r for r in figures[1:]}
    assert by_key["G1", "new_members", "2025"][3] == 12
    assert by_key["G2", "people_honoured", "2025"][3] == "123;"
    assert by_key["G3", "people_honoured", "2025"][3] == "31/20;"
    assert by_key["W1", "people_honoured", "2025"][3] == ";"
    assert by_key["G1", "people_honoured", "2025-EY"][3] == "P1;P2"
    assert by_key["G1", "initiative_benefit", "2025"][3] == "0.30000000000000004"
    assert book["figures"]["E10"].data_type == "s"  # '=SUM(1)' is text, not a formula
    indicators = list(book["indicators"].values)
    assert indicators[1][:4] == ("blood_units", "Đơn vị máu hiến", "đơn vị", "sum")
    assert [row[7] for row in indicators[1:]] == [1, 100, "0.5", 1, "1.5850", 1]
    assert indicators[0][9] == "direction"
    assert [row[9] for row in indicators[1:]] == ["higher"] * 3 + ["lower"] + ["higher"] * 2


def test_writing_refuses_what_a_format_cannot_hold_and_writes_nothing(tmp_path: Path) -> None:
    ws = CONTENTS["figures"]
    with pytest.raises(FormatError, match="cannot tell the format"):
        write_workspace(ws, tmp_path / "h.txt")
    long = Figures.from_records([attrs.evolve(RECORDS[0], source="x" * 40_000)])
    with pytest.raises(FormatError, match=r"table 'figures', row 2, column 'source'"):
        write_workspace(attrs.evolve(ws, figures=long), tmp_path / "long.xlsx")
    assert not (tmp_path / "long.xlsx").exists()
    endless = Figures.from_columns(
        unit=["G1"], indicator=["new_members"], period=["2025"], value=[float("inf")]
    )
    for name in ("inf.json", "inf.yaml"):
        with pytest.raises(FormatError, match="not finite"):
            write_workspace(attrs.evolve(ws, figures=endless), tmp_path / name)
        assert not (tmp_path / name).exists()
    with pytest.raises(FormatError, match="unknown format"):
        write_workspace(ws, tmp_path / "x", format="xml")  # type: ignore[arg-type]


def test_format_given_overrides_the_suffix(tmp_path: Path) -> None:
    ws = CONTENTS["everything"]
    write_workspace(ws, tmp_path / "w.data", format="json")
    doc = json.loads((tmp_path / "w.data").read_text(encoding="utf-8"))
    assert doc["schema_version"] == 2
    renamed = (tmp_path / "w.data").rename(tmp_path / "w.json")
    assert read_workspace(renamed).workspace == ws


def test_a_document_that_is_not_an_object_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "w.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(UnreadableInputError, match="not an object"):
        read_workspace(tmp_path / "w.json")


def test_an_indicator_catalogue_of_its_own_order_round_trips(tmp_path: Path) -> None:
    own = IndicatorCatalogue(tuple(BUILTIN_INDICATORS)).extend(OWN[:2])
    ws = Workspace(dataset=tiny_dataset(), catalogue=own)
    for target in FORMATS:
        write_workspace(ws, tmp_path / target)
        assert read_workspace(tmp_path / target).workspace.catalogue == own


# -- properties ------------------------------------------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(figs=figure_stores(max_size=10), target=st.sampled_from(FORMATS))
def test_any_figures_round_trip_through_every_format(figs: Figures, target: str) -> None:
    ws = Workspace(dataset=tiny_dataset(), figures=figs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / target
        write_workspace(ws, path)
        result = read_workspace(path)
    assert not result.report.errors, str(result.report)
    assert result.workspace.figures == figs
