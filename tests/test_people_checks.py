"""The checks of the people tables (A006 onwards): one test per code, with subject and pointer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from thidua.errors import InvalidArgumentError, ThiduaValidationError
from thidua.honours import Catalogue, catalogue, catalogue_check, eligibility, load_catalogue
from thidua.io import DataTable
from thidua.people import History, Membership, Rating, check_people, history
from thidua.periods import Period
from thidua.problems import Problem, Report
from thidua.testing import assert_problems, tiny_dataset
from thidua.workspace import Workspace, check, validate, write_workspace

BASE: dict[str, list[dict[str, str]]] = {
    "people": [
        {"id": "P1", "name": "Nguyễn Thị Hoa", "gender": "nữ", "born": "1985-04-30"},
        {"id": "P2", "name": "Trần Văn Nam", "gender": "nam", "born": "1990-01-01"},
    ],
    "memberships": [
        {"person": "P1", "unit": "G1", "valid_from": "2010-01-01"},
        {"person": "P2", "unit": "G2", "valid_from": "2012-01-01", "valid_to": "2020-01-01"},
        {"person": "P2", "unit": "G2", "valid_from": "2020-01-01"},
    ],
    "ratings": [
        {"subject": "P1", "period": "2024", "rating": "HTXS"},
        {"subject": "P2", "period": "2024", "rating": "HTT"},
        {"subject": "G1", "period": "2024", "rating": "HTT"},
    ],
    "awards": [
        {
            "id": "KT1",
            "recipient": "P1",
            "honour": "CSTDCS",
            "period": "2024",
            "decision": "12/QĐ-LĐLĐ",
            "decided_on": "2024-12-20",
            "initiatives": "SK1",
        },
        {"id": "KT2", "recipient": "G1", "honour": "TTLDTT", "decided_on": "2024-12-20"},
    ],
    "initiatives": [
        {"id": "SK1", "authors": "P1", "level": "cơ sở", "recognised_on": "2024-05-01"},
    ],
    "discipline": [{"person": "P2", "form": "khiển trách", "decided_on": "2021-03-01"}],
    "absences": [{"person": "P1", "period": "2024", "days": "3", "reason": "ốm"}],
    "registrations": [{"subject": "P1", "period": "2024", "honour": "CSTDCS"}],
    "reviews": [{"subject": "P2", "valid_from": "2023-01-01", "valid_to": "2023-06-01"}],
}


def workspace(
    extra: dict[str, list[dict[str, str]]] | None = None,
    *,
    replace: dict[str, list[dict[str, str]]] | None = None,
) -> Workspace:
    """The tiny hierarchy with the BASE tables, *extra* rows appended, *replace* tables swapped."""
    rows = {name: list(r) for name, r in BASE.items()}
    for name, more in (extra or {}).items():
        rows.setdefault(name, []).extend(more)
    rows.update(replace or {})
    declared = Workspace().table
    tables = {name: DataTable.from_rows(declared(name).declaration, r) for name, r in rows.items()}
    return Workspace(dataset=tiny_dataset(), tables=tables)


def only(report: Report | list[Problem], code: str, subject: str | None, pointer: str) -> Problem:
    """Assert the report holds one problem, of *code* and *subject*, pointing at *pointer*."""
    assert_problems(report, [(code, subject)])
    found = next(iter(report))
    assert str(found.pointer) == pointer, found
    return found


def test_the_base_workspace_is_clean() -> None:
    ws = workspace()
    assert check_people(ws).problems == ()
    assert validate(ws).ok


def test_a001_unreadable_decision_symbol() -> None:
    ws = workspace(
        {
            "awards": [
                {
                    "id": "KT9",
                    "recipient": "P1",
                    "honour": "LDTT",
                    "decided_on": "2023-12-01",
                    "decision": "quyết định 5",
                }
            ]
        }
    )
    p = only(check_people(ws), "A001", "KT9", "awards.csv row 4, column decision")
    assert "quyết định 5" in p.message


def test_a002_unreadable_rating() -> None:
    ws = workspace({"ratings": [{"subject": "P1", "period": "2023", "rating": "tốt lắm"}]})
    p = only(check_people(ws), "A002", "P1", "ratings.csv row 5, column rating")
    assert "tốt lắm" in p.message
    assert len(history(ws).ratings.subject) == 3  # the row is left out


def test_a003_unreadable_discipline_form() -> None:
    ws = workspace(
        {"discipline": [{"person": "P1", "form": "phê bình", "decided_on": "2020-01-01"}]}
    )
    only(check_people(ws), "A003", "P1", "discipline.csv row 3, column form")


def test_a005_invalid_honour_row() -> None:
    ws = workspace({"honours": [{"code": "Công nhân giỏi", "name_vi": "Công nhân giỏi Thủ đô"}]})
    only(check_people(ws), "A005", "Công nhân giỏi", "honours.csv row 2, column code")
    again = workspace(
        {
            "honours": [
                {"code": "CNG_HN", "name_vi": "Công nhân giỏi Thủ đô"},
                {"code": "CNG_HN", "name_vi": "Công nhân giỏi"},
            ]
        }
    )
    only(check_people(again), "A005", "CNG_HN", "honours.csv row 3, column code")
    assert catalogue(again)["CNG_HN"].name_vi == "Công nhân giỏi Thủ đô"


def test_a006_unknown_person() -> None:
    ws = workspace({"memberships": [{"person": "P9", "unit": "G1", "valid_from": "2020-01-01"}]})
    only(check_people(ws), "A006", "P9", "memberships.csv row 5, column person")
    ws = workspace(
        {"discipline": [{"person": "P9", "form": "cảnh cáo", "decided_on": "2020-01-01"}]}
    )
    only(check_people(ws), "A006", "P9", "discipline.csv row 3, column person")
    ws = workspace({"absences": [{"person": "P9", "period": "2024", "days": "2"}]})
    only(check_people(ws), "A006", "P9", "absences.csv row 3, column person")
    ws = workspace(
        {
            "initiatives": [
                {"id": "SK2", "authors": "P1;P9", "level": "tỉnh", "recognised_on": "2024-01-01"}
            ]
        }
    )
    p = only(check_people(ws), "A006", "SK2", "initiatives.csv row 3, column authors")
    assert "'P9'" in p.message


def test_a006_without_a_people_table_the_members_are_the_people() -> None:
    ws = workspace(replace={"people": []})
    assert check_people(ws).problems == ()
    ws = workspace(
        {"absences": [{"person": "P7", "period": "2024", "days": "1"}]}, replace={"people": []}
    )
    p = only(check_people(ws), "A006", "P7", "absences.csv row 3, column person")
    assert "no people table" in p.message


def test_a007_membership_of_an_unknown_unit() -> None:
    ws = workspace({"memberships": [{"person": "P1", "unit": "G9", "valid_from": "2020-01-01"}]})
    p = only(check_people(ws), "A007", "P1", "memberships.csv row 5, column unit")
    assert "'G9'" in p.message


def test_a008_subject_that_is_neither_a_person_nor_a_unit() -> None:
    ws = workspace({"ratings": [{"subject": "X1", "period": "2024", "rating": "HT"}]})
    only(check_people(ws), "A008", "X1", "ratings.csv row 5, column subject")
    ws = workspace(
        {"awards": [{"id": "KT9", "recipient": "X1", "honour": "LDTT", "decided_on": "2024-12-01"}]}
    )
    only(check_people(ws), "A008", "KT9", "awards.csv row 4, column recipient")
    ws = workspace({"registrations": [{"subject": "X1", "period": "2024", "honour": "LDTT"}]})
    only(check_people(ws), "A008", "X1", "registrations.csv row 3, column subject")
    ws = workspace({"reviews": [{"subject": "X1", "valid_from": "2024-01-01"}]})
    only(check_people(ws), "A008", "X1", "reviews.csv row 3, column subject")


def test_a009_unknown_honour_and_the_workspace_catalogue() -> None:
    ws = workspace(
        {
            "awards": [
                {"id": "KT9", "recipient": "P1", "honour": "CNG_HN", "decided_on": "2024-12-01"}
            ]
        }
    )
    only(check_people(ws), "A009", "KT9", "awards.csv row 4, column honour")
    ws = workspace({"registrations": [{"subject": "P1", "period": "2024", "honour": "NOPE"}]})
    only(check_people(ws), "A009", "P1", "registrations.csv row 3, column honour")
    known = workspace(
        {
            "awards": [
                {"id": "KT9", "recipient": "P1", "honour": "CNG_HN", "decided_on": "2024-12-01"}
            ],
            "honours": [
                {"code": "CNG_HN", "name_vi": "Công nhân giỏi Thủ đô", "recipient": "cá nhân"}
            ],
        }
    )
    assert check_people(known).problems == ()


def test_a010_unknown_initiative() -> None:
    ws = workspace(
        {
            "awards": [
                {
                    "id": "KT9",
                    "recipient": "P2",
                    "honour": "CSTDCS",
                    "decided_on": "2023-12-01",
                    "initiatives": "SK7",
                }
            ]
        }
    )
    p = only(check_people(ws), "A010", "KT9", "awards.csv row 4, column initiatives")
    assert "'SK7'" in p.message


def test_a011_outside_the_lifetime() -> None:
    # D1 is dissolved on 2025-07-01, W1 founded then
    ws = workspace({"ratings": [{"subject": "D1", "period": "2026", "rating": "HT"}]})
    only(check_people(ws), "A011", "D1", "ratings.csv row 5, column period")
    ws = workspace({"ratings": [{"subject": "W1", "period": "2024", "rating": "HT"}]})
    only(check_people(ws), "A011", "W1", "ratings.csv row 5, column period")
    assert check_people(
        workspace({"ratings": [{"subject": "W1", "period": "2025", "rating": "HT"}]})
    ).ok  # founded within the year: rated for it
    ws = workspace({"ratings": [{"subject": "P2", "period": "1989", "rating": "HT"}]})
    only(check_people(ws), "A011", "P2", "ratings.csv row 5, column period")
    ws = workspace(
        {
            "awards": [
                {"id": "KT9", "recipient": "D1", "honour": "TTLDTT", "decided_on": "2025-08-01"}
            ]
        }
    )
    only(check_people(ws), "A011", "KT9", "awards.csv row 4, column decided_on")
    ws = workspace({"memberships": [{"person": "P1", "unit": "W1", "valid_from": "2025-01-01"}]})
    only(check_people(ws), "A011", "P1", "memberships.csv row 5, column valid_from")
    ws = workspace({"memberships": [{"person": "P1", "unit": "D1", "valid_from": "2024-01-01"}]})
    p = only(check_people(ws), "A011", "P1", "memberships.csv row 5, column valid_to")
    assert "dissolved 01/07/2025" in p.message
    ws = workspace(
        {
            "memberships": [
                {"person": "P2", "unit": "G3", "valid_from": "1989-01-01", "valid_to": "2000-01-01"}
            ]
        }
    )
    only(check_people(ws), "A011", "P2", "memberships.csv row 5, column valid_from")


def test_a012_wrong_kind_of_recipient() -> None:
    ws = workspace(
        {
            "awards": [
                {"id": "KT9", "recipient": "P1", "honour": "TTLDTT", "decided_on": "2024-12-01"}
            ]
        }
    )
    p = only(check_people(ws), "A012", "KT9", "awards.csv row 4, column honour")
    assert "Tập thể lao động tiên tiến" in p.message
    ws = workspace(
        {"awards": [{"id": "KT9", "recipient": "G2", "honour": "LDTT", "decided_on": "2024-12-01"}]}
    )
    only(check_people(ws), "A012", "KT9", "awards.csv row 4, column honour")
    ws = workspace({"registrations": [{"subject": "G2", "period": "2024", "honour": "CSTDCS"}]})
    only(check_people(ws), "A012", "G2", "registrations.csv row 3, column honour")


def test_a013_two_ratings_for_one_subject_and_period() -> None:
    ws = workspace({"ratings": [{"subject": "P1", "period": "năm 2024", "rating": "HT"}]})
    p = only(check_people(ws), "A013", "P1", "ratings.csv row 5, column period")
    assert "row 2" in p.message
    school_year = workspace(
        {"ratings": [{"subject": "P1", "period": "năm học 2023-2024", "rating": "HT"}]}
    )
    assert check_people(school_year).ok  # another period


def test_a014_initiative_used_by_two_awards() -> None:
    ws = workspace(
        {
            "awards": [
                {
                    "id": "KT9",
                    "recipient": "P1",
                    "honour": "BK_BO",
                    "decided_on": "2025-03-01",
                    "initiatives": "SK1",
                }
            ]
        }
    )
    p = only(check_people(ws), "A014", "KT9", "awards.csv row 4, column initiatives")
    assert "KT1 (12/QĐ-LĐLĐ)" in p.message
    revoked = workspace(
        {
            "awards": [
                {
                    "id": "KT9",
                    "recipient": "P1",
                    "honour": "BK_BO",
                    "decided_on": "2025-03-01",
                    "initiatives": "SK1",
                    "revoked_on": "2025-04-01",
                }
            ]
        }
    )
    assert check_people(revoked).ok
    twice_in_one = workspace(
        replace={
            "awards": [
                {
                    "id": "KT1",
                    "recipient": "P1",
                    "honour": "CSTDCS",
                    "decided_on": "2024-12-20",
                    "initiatives": "SK1;SK1",
                }
            ]
        }
    )
    assert check_people(twice_in_one).ok


def test_a015_decided_before_the_achievement_period() -> None:
    ws = workspace(
        {
            "awards": [
                {
                    "id": "KT9",
                    "recipient": "P2",
                    "honour": "LDTT",
                    "period": "2024",
                    "decided_on": "2023-12-01",
                }
            ]
        }
    )
    only(check_people(ws), "A015", "KT9", "awards.csv row 4, column decided_on")


def test_a016_overlapping_memberships() -> None:
    ws = workspace(
        {
            "memberships": [
                {"person": "P2", "unit": "G2", "valid_from": "2019-06-01", "valid_to": "2019-09-01"}
            ]
        }
    )
    p = only(check_people(ws), "A016", "P2", "memberships.csv row 5, column valid_from")
    assert "row 3" in p.message
    assert "'P2' (Trần Văn Nam)" in p.message  # named as people.csv names them
    other_unit = workspace(
        {"memberships": [{"person": "P2", "unit": "G3", "valid_from": "2019-06-01"}]}
    )
    assert check_people(other_unit).ok
    # [2012, open) then [2013, 2014) then [2015, 2016): the third overlaps the first alone
    nested = workspace(
        replace={
            "memberships": [
                {"person": "P1", "unit": "G1", "valid_from": "2012-01-01"},
                {
                    "person": "P1",
                    "unit": "G1",
                    "valid_from": "2013-01-01",
                    "valid_to": "2014-01-01",
                },
                {
                    "person": "P1",
                    "unit": "G1",
                    "valid_from": "2015-01-01",
                    "valid_to": "2016-01-01",
                },
                {"person": "P2", "unit": "G2", "valid_from": "2012-01-01"},
            ]
        }
    )
    assert_problems(check_people(nested), [("A016", "P1"), ("A016", "P1")])


def test_a017_unreadable_period() -> None:
    ws = workspace({"ratings": [{"subject": "P1", "period": "năm ngoái", "rating": "HT"}]})
    only(check_people(ws), "A017", "P1", "ratings.csv row 5, column period")
    ws = workspace(
        {
            "awards": [
                {
                    "id": "KT9",
                    "recipient": "P1",
                    "honour": "LDTT",
                    "period": "??",
                    "decided_on": "2024-12-01",
                }
            ]
        }
    )
    only(check_people(ws), "A017", "KT9", "awards.csv row 4, column period")


def test_a018_reversed_interval() -> None:
    ws = workspace(
        {
            "memberships": [
                {"person": "P1", "unit": "G3", "valid_from": "2020-01-01", "valid_to": "2019-01-01"}
            ]
        }
    )
    only(check_people(ws), "A018", "P1", "memberships.csv row 5, column valid_to")
    ws = workspace(
        {
            "discipline": [
                {
                    "person": "P1",
                    "form": "cảnh cáo",
                    "decided_on": "2020-01-01",
                    "valid_to": "2020-01-01",
                }
            ]
        }
    )
    only(check_people(ws), "A018", "P1", "discipline.csv row 3, column valid_to")
    ws = workspace(
        {"reviews": [{"subject": "P1", "valid_from": "2024-02-01", "valid_to": "2024-01-01"}]}
    )
    only(check_people(ws), "A018", "P1", "reviews.csv row 3, column valid_to")
    ws = workspace(
        {
            "awards": [
                {
                    "id": "KT9",
                    "recipient": "P2",
                    "honour": "LDTT",
                    "decided_on": "2024-12-01",
                    "revoked_on": "2024-11-01",
                }
            ]
        }
    )
    only(check_people(ws), "A018", "KT9", "awards.csv row 4, column revoked_on")


def test_a019_duplicate_ids() -> None:
    ws = workspace({"people": [{"id": "P1", "name": "Nguyễn Thị Hoa"}]})
    p = only(check_people(ws), "A019", "P1", "people.csv row 4, column id")
    assert "row 2" in p.message
    ws = workspace(
        {
            "awards": [
                {"id": "KT2", "recipient": "G2", "honour": "TTLDTT", "decided_on": "2024-12-20"}
            ]
        }
    )
    only(check_people(ws), "A019", "KT2", "awards.csv row 4, column id")


def test_unreadable_cells_and_missing_required_values() -> None:
    ws = workspace(
        {
            "people": [{"id": "P3", "name": "Lê Văn C", "gender": "không rõ"}],
            "memberships": [{"person": "P1", "unit": "G3", "valid_from": "ngày mai"}],
            "absences": [
                {"person": "P2", "period": "2024", "days": "-2"},
                {"person": "P2", "period": "2023", "days": ""},
                {"person": "P2", "period": "2022", "days": "hai"},
            ],
            "ratings": [{"subject": "P1", "period": "2022"}],
        }
    )
    found = check_people(ws)
    assert_problems(
        found,
        [
            ("S006", "P3"),
            ("S003", "P1"),
            ("S006", "P2"),
            ("S004", "P2"),
            ("S006", "P2"),
            ("S004", "P1"),
        ],
    )
    assert {str(p.pointer) for p in found if p.subject == "P2"} == {
        f"absences.csv row {n}, column days" for n in (3, 4, 5)
    }
    assert len(history(ws).absences.person) == 1


def test_many_problems_of_one_code_are_summed_up() -> None:
    rows = [{"subject": f"X{i}", "period": "2024", "rating": "HT"} for i in range(1005)]
    report = check_people(workspace({"ratings": rows}))
    codes = [p.code for p in report]
    assert codes.count("A008") == 1000
    assert codes[-1] == "S030"
    assert "1,005" in report.problems[-1].message


def test_validate_and_the_cli_report_the_people_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from thidua.cli import main

    ws = workspace({"ratings": [{"subject": "P1", "period": "năm 2024", "rating": "HT"}]})
    write_workspace(ws, tmp_path / "d")
    result = check(tmp_path / "d")
    assert [p.code for p in result.report] == ["A013"]
    assert main(["validate", str(tmp_path / "d")]) == 1
    out = capsys.readouterr().out
    assert "A013" in out
    assert "ratings.csv row 5" in out


def test_history_of_a_workspace_matches_the_records() -> None:
    ws = workspace()
    h = history(ws)
    assert history(ws) is h
    assert h.ratings_of("P1") == (Rating(subject="P1", period="2024", rating="HTXS"),)
    [award] = h.awards_of("P1")
    assert (award.id, award.initiatives, award.decision) == ("KT1", ("SK1",), "12/QĐ-LĐLĐ")
    assert h.initiative(0).authors == ("P1",)
    assert [d.form.name for d in h.discipline_of("P2")] == ["REPRIMAND"]
    assert h.is_person[[h.index("P1"), h.index("G1")]].tolist() == [True, False]
    assert h.grades(Period.year(2024))[h.index("G1")] == 2
    same = History.from_records(
        memberships=[Membership(person="P1", unit="G1", valid_from="2010-01-01")],
        ratings=[Rating(subject="P1", period="2024", rating="HTXS")],
    )
    assert (
        eligibility(ws, "LDTT", "2024").verdict("P1").eligible
        == eligibility(same, load_catalogue(), "LDTT", "2024").verdict("P1").eligible
    )


def test_eligibility_on_a_workspace() -> None:
    ws = workspace()
    result = eligibility(ws, "LDTT", "2024")
    assert sorted(result.eligible_subjects()) == ["P1", "P2"]
    assert result.problems == ()
    cstdcs = eligibility(ws, "CSTDCS", "2024")
    assert cstdcs.eligible_subjects() == ("P1",)
    explicit = eligibility(ws, load_catalogue(), "CSTDCS", "2024", subjects=["P2"])
    assert explicit.subjects == ("P2",)
    assert not explicit.eligible.any()
    units = eligibility(ws, "TTLDTT", "2024")
    assert units.subjects == ("G1",)


def test_eligibility_arguments() -> None:
    ws = workspace()
    h = history(ws)
    with pytest.raises(InvalidArgumentError, match="needs a catalogue"):
        eligibility(h, "LDTT", "2024")  # type: ignore[call-overload]
    with pytest.raises(InvalidArgumentError, match="the honour"):
        eligibility(ws, load_catalogue(), "LDTT")  # type: ignore[call-overload]
    with pytest.raises(InvalidArgumentError, match="not both"):
        eligibility(ws, "LDTT", "2024", "2023")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="History or a Workspace"):
        eligibility("ws", load_catalogue(), "LDTT", "2024")  # type: ignore[call-overload]
    by_name = eligibility(ws, honour="LDTT", period="2024")
    assert sorted(by_name.eligible_subjects()) == ["P1", "P2"]


def test_eligibility_refuses_a_workspace_with_errors() -> None:
    ws = workspace({"ratings": [{"subject": "P1", "period": "năm 2024", "rating": "HT"}]})
    with pytest.raises(ThiduaValidationError) as caught:
        eligibility(ws, "LDTT", "2024")
    assert [p.code for p in caught.value.problems] == ["A013"]


def test_eligibility_warnings_of_the_check_are_on_the_result(tmp_path: Path) -> None:
    d = tmp_path / "d"
    write_workspace(workspace(), d)
    text = (d / "people.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[0] += ",Quê,"
    lines[1:] = [f"{line},Huế,x" for line in lines[1:]]
    (d / "people.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ws = check(d).workspace
    result = eligibility(ws, "LDTT", "2024")
    assert [p.severity.value for p in result.problems] == [
        p.severity.value for p in ws.table("people").problems
    ]
    assert result.problems  # the reader's warning about the column without a header


def test_catalogue_of_a_workspace() -> None:
    ws = workspace(
        {
            "honours": [
                {
                    "code": "CNG_HN",
                    "name_vi": "Công nhân giỏi Thủ đô",
                    "recipient": "cá nhân",
                    "type": "chuyên đề",
                    "multiplier": "0,5",
                    "check": "có",
                    "implies": "LDTT",
                },
                {"code": "LDTT", "name_vi": "Lao động tiên tiến (Hà Nội)"},
            ]
        }
    )
    cat = catalogue(ws)
    assert isinstance(cat, Catalogue)
    h = cat["CNG_HN"]
    assert (h.type.value, h.multiplier, h.check, h.implies) == ("thematic", 0.5, True, ("LDTT",))
    assert cat["LDTT"].name_vi == "Lao động tiên tiến (Hà Nội)"
    assert len(cat) == len(load_catalogue()) + 1
    assert catalogue_check(ws).report.ok
    bad = workspace({"honours": [{"code": "X", "name_vi": "X", "kind": "huy chương"}]})
    assert_problems(catalogue_check(bad).report, [("A005", "X")])
    assert str(catalogue_check(bad).report.problems[0].pointer) == "honours.csv row 2, column kind"
    assert "X" not in catalogue(bad)


def test_history_columns_are_arrays_not_records() -> None:
    rows = [
        {"subject": "P1" if i % 2 else "G1", "period": str(2000 + i % 20), "rating": "HTT"}
        for i in range(40)
    ]
    h = history(workspace(replace={"ratings": rows}))
    assert isinstance(h.ratings.grade, np.ndarray)
    assert h.ratings.grade.dtype == np.int8
    assert len(h.periods) == 21  # 2000-2019 and the awards' 2024


@pytest.mark.parametrize(
    ("target", "pointer"),
    [
        ("w.json", "w.json $.ratings[3].period"),
        ("w.yaml", "w.yaml $.ratings[3].period"),
        ("w.xlsx", "w.xlsx sheet ratings row 5, column period"),
    ],
)
def test_problems_point_into_every_format(tmp_path: Path, target: str, pointer: str) -> None:
    ws = workspace({"ratings": [{"subject": "P1", "period": "năm 2024", "rating": "HT"}]})
    write_workspace(ws, tmp_path / target)
    result = check(tmp_path / target)
    p = only(result.report, "A013", "P1", pointer)
    assert "also on $.ratings[0]" in p.message or "also on row 2" in p.message
