"""People records, vocabularies and the columnar History."""

from __future__ import annotations

import numpy as np
import pendulum
import pytest

from thidua.errors import PeriodParseError, TextParseError, UnknownNameError
from thidua.people import (
    Absence,
    AbsenceReason,
    Award,
    Discipline,
    DisciplineForm,
    Gender,
    Grade,
    History,
    Initiative,
    InitiativeLevel,
    Membership,
    Person,
    Qualification,
    Rating,
    Registration,
    Review,
    VocabularyError,
    parse_discipline_form,
    parse_grade,
)
from thidua.periods import Period


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("HTXS", Grade.HTXS),
        ("htt", Grade.HTT),
        ("Hoàn thành xuất sắc nhiệm vụ", Grade.HTXS),
        ("Hoàn thành tốt nhiệm vụ", Grade.HTT),
        ("Hoàn thành nhiệm vụ", Grade.HT),
        ("Không hoàn thành nhiệm vụ", Grade.KHT),
        ("hoan thanh tot nhiem vu", Grade.HTT),
        ("Hoa\u0300n tha\u0300nh nhiê\u0323m vu\u0323", Grade.HT),  # NFD
        ("  HOÀN THÀNH   XUẤT SẮC NHIỆM VỤ ", Grade.HTXS),
    ],
)
def test_grades(text: str, grade: Grade) -> None:
    assert parse_grade(text) is grade


def test_grades_are_ordered() -> None:
    assert sorted([Grade.HTT, Grade.KHT, Grade.HTXS, Grade.HT]) == [
        Grade.KHT,
        Grade.HT,
        Grade.HTT,
        Grade.HTXS,
    ]


@pytest.mark.parametrize("text", ["", "tốt", "A", "HTXS+"])
def test_unreadable_grade(text: str) -> None:
    with pytest.raises(VocabularyError) as info:
        parse_grade(text)
    assert isinstance(info.value, TextParseError)
    assert "HTXS" in str(info.value)


def test_unreadable_non_text() -> None:
    with pytest.raises(VocabularyError):
        parse_grade(3)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("khiển trách", DisciplineForm.REPRIMAND),
        ("Cảnh cáo", DisciplineForm.WARNING),
        ("giáng chức", DisciplineForm.DEMOTION),
        ("cach chuc", DisciplineForm.REMOVAL),
        ("Buộc thôi việc", DisciplineForm.DISMISSAL),
        ("warning", DisciplineForm.WARNING),
    ],
)
def test_discipline_forms(text: str, form: DisciplineForm) -> None:
    assert parse_discipline_form(text) is form


def test_discipline_severity_order() -> None:
    forms = list(DisciplineForm)
    assert forms == sorted(forms)
    assert DisciplineForm.REPRIMAND < DisciplineForm.WARNING < DisciplineForm.DISMISSAL


def test_records_convert_text() -> None:
    p = Person(id="P1", name="Nguye\u0302\u0303n Văn A", gender="nam", born="1/2/1990")
    assert p.name == "Nguyễn Văn A"
    assert p.gender is Gender.MALE
    assert p.born == pendulum.Date(1990, 2, 1)
    m = Membership(person="P1", unit="U", valid_from="2020-01-01", qualification="đại học")
    assert m.qualification is Qualification.UNIVERSITY
    r = Rating(subject="P1", period="năm học 2023-2024", rating="HTT")
    assert r.period == Period.school_year(2023)
    a = Award(
        id="A",
        recipient="P1",
        honour="BK_BO",
        period="giai đoạn 2022-2024",
        decided_on="2025-03-01",
        initiatives="SK1; SK2;",
        revoked_on="",
    )
    assert a.period == Period.stage(2022, 2024)
    assert a.initiatives == ("SK1", "SK2")
    assert a.revoked_on is None
    assert (
        Award(id="B", recipient="P1", honour="GK", period=None, decided_on="2025-01-01").period
        is None
    )
    i = Initiative(
        id="SK1", authors=["P1"], level="national", recognised_on="2024-01-01", benefit=1
    )
    assert i.level is InitiativeLevel.NATIONAL
    assert i.benefit == 1.0
    assert Absence(person="P1", period="2024", days=3, reason="sick").reason is AbsenceReason.SICK
    assert Registration(subject="P1", period="2024", honour="LDTT").registered_on is None


def test_records_refuse_bad_values() -> None:
    with pytest.raises(PeriodParseError):
        Rating(subject="P1", period="2024-2025", rating="HT")
    with pytest.raises(ValueError, match="empty"):
        Membership(person="P1", unit="U", valid_from="2020-01-01", valid_to="2020-01-01")
    with pytest.raises(ValueError, match="empty"):
        Discipline(person="P1", form="warning", decided_on="2020-01-01", valid_to="2019-01-01")
    with pytest.raises(ValueError, match="empty"):
        Review(subject="P1", valid_from="2020-01-01", valid_to="2020-01-01")
    with pytest.raises(ValueError, match="days"):
        Absence(person="P1", period="2024", days=-1)
    with pytest.raises(VocabularyError):
        Discipline(person="P1", form="phạt", decided_on="2020-01-01")


def _history() -> History:
    return History.from_records(
        people=[Person(id="P1", name="A"), Person(id="P2", name="B")],
        memberships=[Membership(person="P1", unit="U1", valid_from="2020-01-01")],
        ratings=[
            Rating(subject="P1", period="2024", rating="HTT"),
            Rating(subject="P1", period="2023", rating="HTXS"),
            Rating(subject="U1", period="2024", rating="HT"),
        ],
        awards=[
            Award(
                id="A1",
                recipient="P1",
                honour="CSTDCS",
                period="2023",
                decided_on="2023-12-15",
                initiatives="SK1",
                decision="12/QĐ-LĐLĐ",
            ),
            Award(
                id="A2",
                recipient="P2",
                honour="GK",
                decided_on="2024-05-01",
                revoked_on="2024-06-01",
            ),
        ],
        initiatives=[
            Initiative(
                id="SK1",
                authors="P1;P2",
                level="grassroots",
                recognised_on="2023-05-01",
                benefit=5e6,
            )
        ],
        discipline=[Discipline(person="P2", form="warning", decided_on="2024-01-01")],
    )


def test_history_columns_and_dictionaries() -> None:
    h = _history()
    assert h.subjects == ("P1", "P2", "U1")
    assert h.is_person.tolist() == [True, True, False]
    assert len(h) == 3
    assert h.grades(Period.year(2024)).tolist() == [2, -1, 1]
    assert h.grades(Period.year(2023)).tolist() == [3, -1, -1]
    assert h.grades(Period.year(2022)).tolist() == [-1, -1, -1]
    assert h.awards.recipient.tolist() == [0, 1]
    assert h.awards.period[1] == -1
    assert h.initiatives.author_index.tolist() == [0, 1]
    assert "2 people, 1 units, 3 ratings, 2 awards" in repr(h)
    with pytest.raises(ValueError, match="read-only"):
        h.ratings.grade[0] = 0


def test_history_record_views() -> None:
    h = _history()
    assert [str(r.period) for r in h.ratings_of("P1")] == ["2023", "2024"]
    (a1,) = h.awards_of("P1")
    assert a1.initiatives == ("SK1",)
    assert a1.decision == "12/QĐ-LĐLĐ"
    (a2,) = h.awards_of("P2")
    assert a2.period is None
    assert a2.revoked_on == pendulum.Date(2024, 6, 1)
    assert h.initiative(0).authors == ("P1", "P2")
    assert h.initiative(0).benefit == 5e6
    (d,) = h.discipline_of("P2")
    assert d.form is DisciplineForm.WARNING
    assert d.valid_to is None
    with pytest.raises(UnknownNameError):
        h.index("nobody")
    assert h.period_code(Period.year(2030)) == -1
    assert h.honour_code("CSTDCS") == 0
    assert h.honour_code("XX") == -1


def test_history_from_columns_matches_records() -> None:
    h = History.from_columns(
        subjects=["P1", "P2", "U1"],
        is_person=[True, True, False],
        periods=[Period.year(2023), Period.year(2024)],
        honours=["CSTDCS"],
        ratings={"subject": [0, 0, 2], "period": [1, 0, 1], "rating": [2, 3, 1]},
        awards={
            "recipient": [0],
            "honour": [0],
            "period": [0],
            "decided_on": [pendulum.Date(2023, 12, 15).toordinal()],
        },
        memberships={
            "person": [0],
            "unit": [2],
            "valid_from": [pendulum.Date(2020, 1, 1).toordinal()],
        },
    )
    assert h.grades(Period.year(2024)).tolist() == [2, -1, 1]
    (award,) = h.awards_of("P1")
    assert award.honour == "CSTDCS"
    assert award.period == Period.year(2023)
    assert award.revoked_on is None
    assert h.memberships.manager.tolist() == [False]
    assert h.memberships.qualification.tolist() == [-1]
    assert np.all(h.memberships.end > 10**6)


def test_drop_caches_recomputes() -> None:
    h = _history()
    first = h.grades(Period.year(2024))
    assert h.grades(Period.year(2024)) is first
    h.drop_caches()
    assert h.grades(Period.year(2024)) is not first
    assert h.remember("k", 1) == 1
    assert h.cached("k") == 1
