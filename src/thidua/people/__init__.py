"""People and their history: records, ordered vocabularies and the columnar :class:`History`.

A workspace's people tables (``people.csv``, ``memberships.csv``,
``ratings.csv``, ``awards.csv`` … :data:`PEOPLE_TABLES`) become a History with
:func:`history` and are checked by :func:`check_people` (``A`` codes), which
:func:`thidua.workspace.validate` runs.

Examples:
    >>> from thidua.people import History, Membership, Rating
    >>> h = History.from_records(
    ...     memberships=[Membership(person="P1", unit="CD1", valid_from="2020-01-01")],
    ...     ratings=[Rating(subject="P1", period="2024", rating="Hoàn thành tốt nhiệm vụ")])
    >>> h
    <History 1 people, 1 units, 1 ratings, 0 awards>

.. versionadded:: 0.3.0
"""

from __future__ import annotations

from thidua.people._checks import PEOPLE_TABLES, check_people
from thidua.people._history import NO_PERIOD, History
from thidua.people._kinds import (
    AbsenceReason,
    DisciplineForm,
    Gender,
    Grade,
    InitiativeLevel,
    Qualification,
    VocabularyError,
    parse_absence_reason,
    parse_discipline_form,
    parse_gender,
    parse_grade,
    parse_initiative_level,
    parse_qualification,
)
from thidua.people._records import (
    Absence,
    Award,
    Discipline,
    Initiative,
    Membership,
    Person,
    Rating,
    Registration,
    Review,
)
from thidua.people._tables import history

__all__ = [
    "NO_PERIOD",
    "PEOPLE_TABLES",
    "Absence",
    "AbsenceReason",
    "Award",
    "Discipline",
    "DisciplineForm",
    "Gender",
    "Grade",
    "History",
    "Initiative",
    "InitiativeLevel",
    "Membership",
    "Person",
    "Qualification",
    "Rating",
    "Registration",
    "Review",
    "VocabularyError",
    "check_people",
    "history",
    "parse_absence_reason",
    "parse_discipline_form",
    "parse_gender",
    "parse_grade",
    "parse_initiative_level",
    "parse_qualification",
]
