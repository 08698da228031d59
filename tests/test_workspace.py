"""The workspace: one object for every table of an input, read and checked the same way."""

from __future__ import annotations

import math
import shutil
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from attrs import evolve as attrs_evolve

import thidua
from thidua import Workspace, check, load, read_workspace, roll_up, write_workspace
from thidua.cli import main
from thidua.datasets import hanoi_path
from thidua.errors import FormatError, InvalidArgumentError, ThiduaValidationError
from thidua.figures import (
    BUILTIN_INDICATORS,
    Aggregation,
    Figure,
    Figures,
    FiguresReading,
    Indicator,
)
from thidua.hierarchy import validate_hierarchy
from thidua.io import write_excel
from thidua.periods import Period
from thidua.testing import tiny_dataset

UNITS = "id,name,kind\nHN,LĐLĐ Hà Nội,provincial\nC1,CĐCS Công ty A,grassroots\n"
LINKS = "child,parent\nC1,HN\n"


def _dir(tmp_path: Path, figures: str) -> Path:
    d = tmp_path / "ds"
    d.mkdir()
    (d / "units.csv").write_text(UNITS, encoding="utf-8")
    (d / "links.csv").write_text(LINKS, encoding="utf-8")
    (d / "figures.csv").write_text("unit,indicator,period,value\n" + figures, encoding="utf-8")
    return d


# -- the bugs of the opening list ------------------------------------------------------------


def test_overlapping_figures_from_the_readme_pattern_are_never_summed(tmp_path: Path) -> None:
    d = _dir(tmp_path, "C1,new_members,năm 2024,1.585\nC1,new_members,quý 1/2024,3\n")
    figures = thidua.read_figures_csv(d / "figures.csv").figures
    h = thidua.Hierarchy(thidua.load(d, strict=False))
    r = roll_up(h, figures, "2024", indicators=["new_members"])
    assert r.value("HN", "new_members") != 1588
    assert math.isnan(r.value("HN", "new_members"))
    assert [p.code for p in r.problems.errors] == ["F008"]
    assert not r.ok


def test_duplicate_figures_are_an_error_not_a_sum(tmp_path: Path) -> None:
    d = _dir(tmp_path, "C1,new_members,2024,5\nC1,new_members,2024,7\nHN,dialogues,2024,1\n")
    r = roll_up(load(d, strict=False), 2024)
    assert math.isnan(r.value("C1", "new_members"))
    assert r.value("HN", "dialogues") == 1
    assert [p.code for p in r.problems] == ["F004"]
    assert "given twice" in r.problems[0].message


def test_a_quarter_and_an_overlapping_emulation_year_only_conflict_when_both_count() -> None:
    figs = Figures.from_records(
        [
            Figure(unit="G1", indicator="new_members", period=Period.quarter(2025, 1), value=4),
            Figure(
                unit="G1", indicator="new_members", period=Period.emulation_year(2025), value=50
            ),
        ]
    )
    h = thidua.Hierarchy(tiny_dataset())
    calendar = roll_up(h, figs, 2025)
    assert calendar.value("G1", "new_members") == 4
    assert calendar.ok
    emulation = roll_up(h, figs, Period.emulation_year(2025))
    assert math.isnan(emulation.value("G1", "new_members"))
    assert [p.code for p in emulation.problems] == ["F008"]


def test_validate_dir_reads_figures_and_exits_1_naming_a_duplicate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = _dir(tmp_path, "C1,new_members,2024,5\nC1,new_members,2024,7\n")
    assert main(["validate", str(d)]) == 1
    out = capsys.readouterr().out
    assert "F004 error" in out
    assert "'C1' (CĐCS Công ty A)" in out
    assert "figures.csv row 3" in out
    assert "2 figures" in out


def _workbook(tmp_path: Path, figure_rows: list[list[object]]) -> Path:
    path = tmp_path / "h.xlsx"
    write_excel(thidua.read(hanoi_path()).dataset, path)
    book = openpyxl.load_workbook(path)
    sheet = book.create_sheet("Figures")
    sheet.append(["unit", "indicator", "period", "value"])
    for row in figure_rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_workbook_figures_sheet_is_read_validated_and_rolled_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _workbook(
        tmp_path,
        [["CDCS-0001", "new_members", "2024", 5], ["CDCS-0001", "new_members", "2024", 6]],
    )
    ws = read_workspace(path).workspace
    assert len(ws.figures) == 2
    assert main(["validate", str(path)]) == 1
    assert "F004 error" in capsys.readouterr().out
    assert main(["rollup", str(path), "--period", "2024", "--kind", "provincial"]) == 1
    captured = capsys.readouterr()
    assert captured.err.count("F004 error") == 1


def test_a_clean_workbook_rolls_up_like_the_directory(tmp_path: Path) -> None:
    path = _workbook(tmp_path, [["CDCS-0001", "new_members", "2024", 5]])
    r = roll_up(load(path), 2024, indicators=["new_members"])
    assert r.ok
    assert r.value("HN", "new_members") == 5


# -- the object -------------------------------------------------------------------------------


def test_load_returns_a_workspace_that_still_reads_like_a_dataset() -> None:
    ws = load(hanoi_path())
    assert isinstance(ws, Workspace)
    assert ws.units is ws.dataset.units
    assert ws.unit_ids()[0] == ws.dataset.units[0].id
    assert (ws.links, ws.groups, ws.members, ws.events, ws.roots) == (
        ws.dataset.links,
        ws.dataset.groups,
        ws.dataset.members,
        ws.dataset.events,
        ws.dataset.roots,
    )
    assert ws.scheme is ws.dataset.scheme
    assert ws.metadata == ws.dataset.metadata
    assert thidua.Hierarchy(ws).ids == ws.hierarchy.ids
    assert ws.hierarchy is ws.hierarchy  # built once
    assert ws.figure_check() is ws.figure_check()
    # one short line: the hierarchy, figures and indicators, then a count per domain table
    assert "\n" not in repr(ws)
    assert len(repr(ws)) < 120 + 25 * len(ws.tables)
    assert "<table>" in ws._repr_html_()
    assert thidua.check(hanoi_path()).dataset == ws.dataset


def test_roll_up_of_a_workspace_equals_roll_up_of_its_parts() -> None:
    ws = load(hanoi_path())
    a = roll_up(ws, "2024", indicators=["new_members", "members"])
    b = roll_up(ws.hierarchy, ws.figures, 2024, indicators=["new_members", "members"])
    assert a.to_pandas().equals(b.to_pandas())
    restated = roll_up(ws, 2024, indicators=["new_members"], restate_to="2026-01-01")
    assert restated.value("CDP-KIMLIEN", "new_members") == 27


def test_roll_up_argument_errors_are_thidua_errors() -> None:
    ws = load(hanoi_path())
    with pytest.raises(InvalidArgumentError, match="give no figures"):
        roll_up(ws, ws.figures, 2024)  # type: ignore[call-overload]
    with pytest.raises(InvalidArgumentError, match="give the figures"):
        roll_up(ws.hierarchy, 2024)  # type: ignore[call-overload]
    with pytest.raises(InvalidArgumentError, match="Workspace or a Hierarchy"):
        roll_up(ws.dataset, ws.figures, 2024)  # type: ignore[call-overload]
    with pytest.raises(InvalidArgumentError, match="period must be"):
        roll_up(ws, 2024.5)  # type: ignore[call-overload]
    with pytest.raises(InvalidArgumentError, match="period must be"):
        roll_up(ws, ws.dataset)  # type: ignore[call-overload]


def test_a_catalogue_given_with_a_workspace_is_checked_against_it(tmp_path: Path) -> None:
    d = _dir(tmp_path, "C1,blood_units,2024,5\n")
    ws = load(d, strict=False)
    assert [p.code for p in check(d).report.errors] == ["F002"]
    own = BUILTIN_INDICATORS.extend(
        [
            Indicator(
                code="blood_units", name="Đơn vị máu", unit="đơn vị", aggregation=Aggregation.SUM
            )
        ]
    )
    r = roll_up(ws, 2024, catalogue=own)
    assert r.ok
    assert r.value("HN", "blood_units") == 5


def test_validate_covers_every_table_of_a_workspace() -> None:
    bad = BUILTIN_INDICATORS.extend(
        [
            Indicator(
                code="rate",
                name="Tỷ lệ",
                unit="%",
                aggregation=Aggregation.RATIO,
                numerator="nope",
                denominator="members",
            )
        ]
    )
    figs = Figures.from_records(
        [Figure(unit="NOPE", indicator="new_members", period=Period.year(2024), value=1)]
    )
    ws = Workspace(dataset=tiny_dataset(), catalogue=bad, figures=figs)
    codes = [p.code for p in thidua.validate(ws)]
    assert codes == ["F012", "F001"]
    assert [p.code for p in thidua.validate(ws.dataset)] == []
    with pytest.raises(ThiduaValidationError):
        check(ws).report.raise_if_errors()


def test_check_of_a_workspace_in_memory() -> None:
    ws = Workspace(dataset=tiny_dataset())
    assert check(ws).workspace is ws
    assert check(ws).report.ok


def test_write_then_read_gives_back_every_table(tmp_path: Path) -> None:
    d = tmp_path / "src"
    shutil.copytree(hanoi_path(), d)
    (d / "indicators.csv").write_text(
        "code,name,aggregation\nblood_units,Đơn vị máu hiến,sum\n", encoding="utf-8"
    )
    ws = load(d)
    assert "blood_units" in ws.catalogue
    write_workspace(ws, tmp_path / "out")
    back = load(tmp_path / "out")
    assert back == ws
    assert (tmp_path / "out" / "indicators.csv").read_text(encoding="utf-8").count("\n") == 2


def test_writing_figures_to_a_single_file_keeps_them(tmp_path: Path) -> None:
    ws = load(hanoi_path())
    for name in ("h.json", "h.yaml", "h.xlsx"):
        write_workspace(ws, tmp_path / name)
        back = read_workspace(tmp_path / name).workspace
        assert len(back.figures) == len(ws.figures) > 4000
        assert back == ws
    write_workspace(Workspace(dataset=ws.dataset), tmp_path / "bare.json")
    assert read_workspace(tmp_path / "bare.json").workspace.dataset == ws.dataset


def test_file_names_match_like_headers(tmp_path: Path) -> None:
    d = _dir(tmp_path, "C1,new_members,2024,5\n")
    (d / "figures.csv").rename(d / "Figures.CSV")
    assert len(read_workspace(d).workspace.figures) == 1


def test_rows_past_the_problem_cap_are_still_kept_out_of_totals() -> None:
    from thidua.figures._validate import check_figures

    y = Period.year(2024)
    records = [
        Figure(unit=u, indicator="new_members", period=y, value=v)
        for u in ("G1", "G2", "G3")
        for v in (1, 2)
    ]
    figs = Figures.from_records(records)
    found = check_figures(figs, thidua.Hierarchy(tiny_dataset()), max_per_code=1)
    assert [p.code for p in found.report] == ["F004", "S030"]
    assert found.rejected.all()


def _cp1258(text: str) -> bytes:
    """Text as Windows Vietnamese stores it: base letters precomposed, tones combining."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        for mark in list(marks):
            joined = unicodedata.normalize("NFC", base + mark)
            try:
                joined.encode("cp1258")
            except UnicodeEncodeError:
                continue
            if len(joined) == 1:
                base = joined
                marks.remove(mark)
        out += (base + "".join(marks)).encode("cp1258")
    return out


def test_cli_reads_cp1258_with_encoding_and_detects_it_without(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = tmp_path / "win"
    d.mkdir()
    (d / "units.csv").write_bytes(
        _cp1258("Mã đơn vị;Tên đơn vị;Loại\nHN;Liên đoàn Lao động Hà Nội;provincial\n")
    )
    assert main(["validate", str(d), "--encoding", "cp1258"]) == 0
    assert "S020" not in capsys.readouterr().out
    assert main(["validate", str(d)]) == 0
    assert "S020 warning" in capsys.readouterr().out
    assert load(d, encoding="cp1258").units[0].name == "Liên đoàn Lao động Hà Nội"


def test_an_office_units_sheet_gives_links_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = tmp_path / "office"
    d.mkdir()
    (d / "units.csv").write_text(
        "Mã đơn vị,Tên đơn vị,Loại,Đơn vị cấp trên,Từ ngày,Đến ngày\n"
        "HN,LĐLĐ Hà Nội,provincial,,,\n"
        "HK,LĐLĐ quận Hoàn Kiếm,district,HN,1/1/2000,1/7/2025\n",
        encoding="utf-8",
    )
    ws = load(d)
    assert [(link.child, link.parent) for link in ws.links] == [("HK", "HN")]
    assert main(["tree", str(d), "--as-of", "2025-06-30"]) == 0
    assert "[HK]" in capsys.readouterr().out


def test_two_figure_files_differing_in_case_are_an_error_naming_both(tmp_path: Path) -> None:
    d = _dir(tmp_path, "C1,new_members,2024,5\n")
    (d / "FIGURES.CSV").write_text("unit,indicator,period,value\nC1,dialogues,2024,1\n")
    result = check(d)
    found = result.report.by_code("S021")
    assert [str(p.pointer) for p in found] == ["FIGURES.CSV", "figures.csv"]
    assert "'FIGURES.CSV' and 'figures.csv'" in found[0].message
    assert len(result.workspace.figures) == 0


def test_the_columnar_csv_writer_writes_what_csv_writer_would() -> None:
    import csv
    import io

    ds = tiny_dataset()
    odd = {"G1": 'Công đoàn "A", dòng 1\r\ndòng 2', "G2": "=HYPERLINK(1)"}
    units = [attrs_evolve(u, name=odd.get(u.id, u.name)) for u in ds.units]
    ws = Workspace(dataset=attrs_evolve(ds, units=units))
    y = Period.year(2024)
    figs = Figures.from_records(
        [
            Figure(unit="G1", indicator="new_members", period=y, value=12),
            Figure(unit="G2", indicator="workers_conferences_held", period=y, value=1),
            Figure(unit="G2", indicator="workers_conferences_due", period=y, value=3),
        ]
    )
    r = roll_up(ws.hierarchy, figs, y)
    buffer = io.StringIO()
    r.to_csv(buffer)
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    fields = ["unit", "name", "kind", "rank", "indicator", "value", "expected", "reported"]
    fields.append("flags")
    writer.writerow(fields)
    for record in r.to_records():
        value = record["value"]
        row = {**record, "value": "" if math.isnan(value) else value}
        row["flags"] = ";".join(record["flags"])
        writer.writerow([row[f] for f in fields])
    assert buffer.getvalue() == expected.getvalue()
    seen: list[str] = []

    def escape(text: str) -> str:
        seen.append(text)
        return "'" + text if text.startswith("=") else text

    safe = "".join(r.csv_chunks(escape=escape))
    assert set(r.names) | set(r.units) | set(r.indicators) <= set(seen)
    assert all(not line.split(",")[1].startswith("=") for line in safe.splitlines()[1:] if line)


def test_roll_up_refuses_unknown_filters_with_a_hint() -> None:
    from thidua.errors import UnknownNameError

    ws = Workspace(dataset=tiny_dataset())
    with pytest.raises(UnknownNameError, match="did you mean 'district'"):
        roll_up(ws, 2024, kinds=["distric"])
    with pytest.raises(UnknownNameError, match="unknown rank 99"):
        roll_up(ws, 2024, ranks=[99])
    with pytest.raises(UnknownNameError, match="did you mean 'guidance'"):
        roll_up(ws, 2024, relation="guidence")
    assert roll_up(ws, 2024, kinds=["district"]).units == ("D1",)


def test_group_totals_keep_the_flags_of_their_members() -> None:
    y = Period.year(2024)
    figs = Figures.from_records(
        [
            Figure(unit="G1", indicator="workers_conferences_held", period=y, value=3),
            Figure(unit="G1", indicator="workers_conferences_due", period=y, value=0),
            Figure(unit="G2", indicator="workers_conferences_held", period=y, value=1),
            Figure(unit="G2", indicator="workers_conferences_due", period=y, value=2),
        ]
    )
    h = thidua.Hierarchy(tiny_dataset())
    r = roll_up(h, figs, y)
    assert r.row("D1", "workers_conference_rate").flags == ("unmatched_numerator",)
    groups = thidua.roll_up_groups(r, h, on="2024-12-31")
    (row,) = [g for g in groups if g.indicator == "workers_conference_rate"]
    assert row.value == r.value("D1", "workers_conference_rate")
    assert row.flags == ("unmatched_numerator",)


def test_unwritable_text_is_a_format_error_naming_the_row(tmp_path: Path) -> None:
    from thidua.hierarchy import Dataset, Unit

    ds = Dataset(
        units=[
            Unit(id="A", name="Công đoàn A", kind="grassroots"),
            Unit(id="B", name="x\ud800", kind="grassroots"),
        ]
    )
    with pytest.raises(FormatError, match=r"units\.csv row 3"):
        thidua.write(ds, tmp_path / "out")


def test_check_of_a_directory_checks_the_hierarchy_once_while_figures_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A directory with hierarchy problems (a link to an unknown unit, a duplicate id) and
    # figure problems (an unknown unit, a duplicate): check() reports what reading and
    # validating report, in the same order, with the hierarchy checked only once.
    source = tmp_path / "src"
    thidua.io.write(tiny_dataset(), source, format="csv")
    with (source / "links.csv").open("a", encoding="utf-8") as f:
        f.write("G1,NOWHERE,admin,,\n")
    with (source / "units.csv").open("a", encoding="utf-8") as f:
        f.write("G2,Trùng mã,grassroots,,,\n")
    (source / "figures.csv").write_text(
        "unit,indicator,period,value\nG1,new_members,2024,3\nG1,new_members,2024,4\n"
        "X9,new_members,2024,1\n",
        encoding="utf-8",
    )
    expected = read_workspace(source)
    expected_report = expected.report + thidua.validate(expected.workspace, on="2025-07-01")
    calls: list[object] = []
    events: list[str] = []
    real_check, real_result = validate_hierarchy, FiguresReading.result

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args[0])
        events.append("hierarchy checked")
        return real_check(*args, **kwargs)  # type: ignore[arg-type]

    def finished(self: object, *args: object) -> object:
        events.append("figures finished")
        return real_result(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr("thidua.workspace.validate_hierarchy", counted)
    monkeypatch.setattr(FiguresReading, "result", finished)
    got = check(source, on="2025-07-01")
    assert [(p.code, p.subject, str(p.pointer)) for p in got.report] == [
        (p.code, p.subject, str(p.pointer)) for p in expected_report
    ]
    assert {"H001", "H002", "F001", "F004"} <= {p.code for p in got.report}
    assert events == ["hierarchy checked", "figures finished"]  # checked while they were read
    assert got.workspace.hierarchy is calls[0]  # the index built meanwhile is kept
