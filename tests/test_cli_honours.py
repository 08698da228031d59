"""``thidua honours eligible`` and ``thidua honours catalogue``: formats and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from thidua.cli import main
from thidua.cli.honours import CATALOGUE_COLUMNS, VERDICT_COLUMNS
from thidua.datasets import hanoi_path
from thidua.honours import load_catalogue
from thidua.io import write_csv_dir
from thidua.testing import tiny_dataset

HANOI = str(hanoi_path())

PEOPLE = {
    "people.csv": "id,name,gender,born\nP1,Nguyễn Thị Hoa,nữ,1985-04-30\n"
    "P2,Trần Văn Nam,nam,1990-01-02\nP3,=cmd|' /C calc'!A0,nam,1991-01-01\n",
    "memberships.csv": "person,unit,valid_from,valid_to,position,manager,qualification\n"
    "P1,G1,2015-01-01,,Chủ tịch,yes,university\nP2,G1,2015-01-01,,,no,college_or_below\n"
    "P3,G2,2015-01-01,,,no,\n",
    "ratings.csv": "subject,period,rating\nP1,2024,HTXS\nP2,2024,HT\nP3,2024,HTT\nG1,2024,HTT\n",
}


def _workspace(tmp_path: Path, **changes: str) -> str:
    d = tmp_path / "ws"
    write_csv_dir(tiny_dataset(), d)
    for name, text in {**PEOPLE, **changes}.items():
        (d / name).write_text(text, encoding="utf-8")
    return str(d)


def _eligible(path: str, *argv: str) -> list[str]:
    return ["honours", "eligible", path, *argv]


# -- eligible, every format -------------------------------------------------------------------


def test_table_lists_every_candidate_with_the_conditions_not_met(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_eligible(_workspace(tmp_path), "--honour", "LDTT", "--period", "2024")) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == [
        "subject",
        "honour",
        "period",
        "eligible",
        "name",
        "conditions",
        "not",
        "met",
    ]
    assert lines[1].split()[:4] == ["P1", "LDTT", "năm", "2024"]
    assert "Nguyễn Thị Hoa" in lines[1]
    p2 = next(line for line in lines if line.startswith("P2"))
    assert " no " in p2
    assert "rated HTT or better in 2024: rated HT" in p2
    assert lines[-1] == (
        "LDTT năm 2024 (rule set vn-2024, proposal date 01/01/2025): 2 of 3 eligible"
    )


def test_csv_has_one_row_per_verdict_and_neutralised_cells(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = _eligible(
        _workspace(tmp_path), "--honour", "LDTT", "--honour", "CSTDCS", "--period", "2024"
    )
    assert main([*argv, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert tuple(rows[0]) == VERDICT_COLUMNS
    assert [(r["subject"], r["honour"], r["eligible"]) for r in rows] == [
        ("P1", "LDTT", "true"),
        ("P2", "LDTT", "false"),
        ("P3", "LDTT", "true"),
        ("P1", "CSTDCS", "true"),
        ("P2", "CSTDCS", "false"),
        ("P3", "CSTDCS", "false"),
    ]
    assert {r["rule_set"] for r in rows} == {"vn-2024"}
    assert rows[2]["name"].startswith("'=")  # a formula in a name is never run
    assert rows[1]["unmet"] == "rated HTT or better in 2024: rated HT"
    assert rows[0]["unmet"] == ""


def test_json_verdicts_with_conditions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = _eligible(_workspace(tmp_path), "--honour", "TTLDTT", "--period", "2024")
    assert main([*argv, "--format", "json"]) == 0
    verdicts = json.loads(capsys.readouterr().out)
    assert isinstance(verdicts, list)
    (g1,) = verdicts
    assert {"subject", "honour", "period", "rule_set", "eligible", "conditions"} <= set(g1)
    assert (g1["subject"], g1["honour"], g1["period"], g1["rule_set"]) == (
        "G1",
        "TTLDTT",
        "2024",
        "vn-2024",
    )
    assert g1["eligible"] is False  # 1 of the 2 members is LĐTT: 50 % < 70 %
    for condition in g1["conditions"]:
        assert {"condition", "met", "detail"} <= set(condition)
        assert isinstance(condition["met"], bool)
    share = next(c for c in g1["conditions"] if "70" in c["condition"])
    assert share["met"] is False


def test_debug_is_accepted_after_the_sub_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = _eligible(_workspace(tmp_path), "--honour", "LDTT", "--period", "2024", "--debug")
    assert main(argv) == 0
    assert main(["honours", "catalogue", "--debug", "--format", "json"]) == 0
    capsys.readouterr()


def test_subject_rules_and_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = _eligible(
        _workspace(tmp_path),
        *("--honour", "LDTT", "--period", "2024", "--subject", "P2", "--subject", "P1"),
        *("--rules", "vn-2025", "--on", "1/7/2025", "--format", "json"),
    )
    assert main(argv) == 0
    captured = capsys.readouterr()
    verdicts = json.loads(captured.out)
    assert [(v["subject"], v["eligible"], v["rule_set"]) for v in verdicts] == [
        ("P2", False, "vn-2025"),
        ("P1", True, "vn-2025"),
    ]
    assert captured.err == ""


def test_subjects_go_to_the_honours_of_their_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = _eligible(
        _workspace(tmp_path),
        *("--honour", "LDTT", "--honour", "TTLDTT", "--period", "2024"),
        *("--subject", "G1", "--subject", "P1", "--format", "json"),
    )
    assert main(argv) == 0
    verdicts = json.loads(capsys.readouterr().out)
    assert [(v["honour"], v["subject"]) for v in verdicts] == [("LDTT", "P1"), ("TTLDTT", "G1")]


def test_rule_set_outside_its_period_warns_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = _eligible(
        _workspace(tmp_path), "--honour", "LDTT", "--period", "2024", "--rules", "vn-2025"
    )
    assert main(argv) == 0
    assert "A004" in capsys.readouterr().err


def test_the_hanoi_sample_in_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    argv = _eligible(HANOI, "--honour", "BK_TTG", "--period", "2024")
    assert main(argv) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[-1].startswith("BK_TTG năm 2024 (rule set vn-2024")
    assert main([*argv, "--format", "json"]) == 0
    verdicts = json.loads(capsys.readouterr().out)
    assert {v["eligible"] for v in verdicts} == {True, False}
    assert main([*argv, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == len(verdicts) == len(table.splitlines()) - 3


# -- exit codes -------------------------------------------------------------------------------


def test_data_with_errors_exits_1_and_gives_no_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = PEOPLE["ratings.csv"] + "P9,2024,HTT\nP1,2024,HT\n"
    path = _workspace(tmp_path, **{"ratings.csv": bad})
    assert main(_eligible(path, "--honour", "LDTT", "--period", "2024")) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "A008" in captured.err  # P9 is neither a person nor a unit
    assert "A013" in captured.err  # two ratings of P1 for 2024
    assert "no verdict is given on faulty data" in captured.err


def test_unknown_honour_exits_2_with_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_eligible(_workspace(tmp_path), "--honour", "LDTX", "--period", "2024")) == 2
    err = capsys.readouterr().err
    assert "unknown honour 'LDTX'; did you mean 'LDTT'" in err


def test_unknown_rule_set_exits_2_with_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = _eligible(
        _workspace(tmp_path), "--honour", "LDTT", "--period", "2024", "--rules", "vn-2026"
    )
    assert main(argv) == 2
    assert "unknown rule set 'vn-2026'; did you mean" in capsys.readouterr().err


def test_honour_without_a_rule_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_eligible(_workspace(tmp_path), "--honour", "CO_BO", "--period", "2024")) == 2
    assert "CO_BO" in capsys.readouterr().err


def test_unknown_subject_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = _eligible(_workspace(tmp_path), "--honour", "LDTT", "--period", "2024")
    assert main([*argv, "--subject", "P7"]) == 2
    assert "unknown subject 'P7'" in capsys.readouterr().err


def test_unreadable_input_and_bad_usage_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as missing:
        main(_eligible(str(tmp_path / "nowhere"), "--honour", "LDTT", "--period", "2024"))
    assert missing.value.code == 2
    with pytest.raises(SystemExit) as usage:
        main(_eligible(_workspace(tmp_path), "--honour", "LDTT"))  # no --period
    assert usage.value.code == 2
    assert "--period" in capsys.readouterr().err
    argv = _eligible(_workspace(tmp_path), "--honour", "LDTT", "--period", "năm xưa")
    assert main(argv) == 2
    with pytest.raises(SystemExit) as on:
        main([*argv[:-1], "2024", "--on", "31/02/2025"])
    assert on.value.code == 2


# -- catalogue --------------------------------------------------------------------------------


def test_catalogue_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["honours", "catalogue"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["code", "kind", "recipient"]
    codes = [line.split()[0] for line in lines[1 : len(load_catalogue()) + 1]]
    assert codes == list(load_catalogue().codes())
    bk_ttg = next(line for line in lines if line.startswith("BK_TTG "))
    assert "3,5" in bk_ttg
    assert "Bằng khen của Thủ tướng Chính phủ" in bk_ttg
    assert "multiplier:" in out


def test_catalogue_csv_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["honours", "catalogue", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert tuple(rows[0]) == CATALOGUE_COLUMNS
    ldtt = rows[0]
    assert (ldtt["code"], ldtt["multiplier"], ldtt["check"]) == ("LDTT", "0.3", "false")
    assert ldtt["rule_sets"].split(";")[0] == "vn-2024"
    assert main(["honours", "catalogue", "--format", "json", "--plain-numbers"]) == 0
    records = json.loads(capsys.readouterr().out)
    bldst = next(r for r in records if r["code"] == "BLDST")
    assert bldst["rule_sets"] == ["cd-999-2024"]
    assert bldst["check"] is True
    assert bldst["multiplier"] is None


def test_catalogue_of_a_workspace_adds_its_own_honours(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = "code,name_vi,kind,recipient\nCNG_HN,Công nhân giỏi Thủ đô,title,individual\n"
    path = _workspace(tmp_path, **{"honours.csv": own})
    assert main(["honours", "catalogue", path, "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records[-1]["code"] == "CNG_HN"
    assert records[-1]["rule_sets"] == []
    bad = PEOPLE["ratings.csv"] + "P1,2024,HT\n"
    broken = _workspace(tmp_path / "b", **{"ratings.csv": bad})
    assert main(["honours", "catalogue", broken]) == 1
    assert "A013" in capsys.readouterr().err


# -- demo -------------------------------------------------------------------------------------


def test_demo_ends_with_an_eligibility_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    report = out[out.index("== honours: who is eligible for 2024") :]
    lines = report.splitlines()
    assert lines[1].split()[:2] == ["honour", "period"]
    rows = {line.split()[0]: line for line in lines[2:11]}
    assert set(rows) == {
        *("LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ", "TTLDTT", "TTLDXS", "BK_BO", "BK_TTG", "BLDST")
    }
    assert "giai đoạn 2022-2024" in rows["CSTD_TQ"]
    assert "cd-999-2024" in rows["BLDST"]
    assert "== one verdict explained:" in report
    assert ": eligible for BK_TTG" in report
    assert "[x] holds BK_BO" in report


def test_the_ministrys_worked_bk_ttg_case_through_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """DOMAIN §6.4: BK 2017; HTT+ every school year 2017-2024; CSTĐCS 2018-19, 2020-21, 2023-24."""
    years = range(2017, 2024)
    ratings = "subject,period,rating\n" + "".join(
        f"T,năm học {y}-{y + 1},Hoàn thành tốt nhiệm vụ\n" for y in years
    )
    awards = (
        "id,recipient,honour,period,decision,decided_on\n"
        "KT1,T,BK_BO,năm học 2016-2017,1234/QĐ-UBND,1/10/2017\n"
        "KT2,T,CSTDCS,năm học 2018-2019,56/QĐ-LĐLĐ,15/9/2019\n"
        "KT3,T,CSTDCS,năm học 2020-2021,61/QĐ-LĐLĐ,15/9/2021\n"
        "KT4,T,CSTDCS,năm học 2023-2024,70/QĐ-LĐLĐ,20/8/2024\n"
    )
    path = _workspace(
        tmp_path,
        **{
            "people.csv": "id,name,gender\nT,Lê Thị Thu,nữ\n",
            "memberships.csv": "person,unit,valid_from\nT,G1,2010-09-01\n",
            "ratings.csv": ratings,
            "awards.csv": awards,
        },
    )
    argv = _eligible(path, "--honour", "BK_TTG", "--period", "năm học 2023-2024")
    assert main([*argv, "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    (verdict,) = json.loads(captured.out)
    assert (verdict["subject"], verdict["eligible"], verdict["rule_set"]) == ("T", True, "vn-2024")
    run = next(c for c in verdict["conditions"] if "consecutive" in c["condition"])
    assert run["detail"].startswith("an unbroken run of 7 periods, 3 of them CSTDCS")
    # without the third CSTĐCS the case fails
    (tmp_path / "ws" / "awards.csv").write_text(awards.rsplit("KT4", 1)[0], encoding="utf-8")
    assert main(argv) == 0
    assert " no " in capsys.readouterr().out.splitlines()[1]
