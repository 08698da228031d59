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

from typing import TYPE_CHECKING

from thidua._lazy import lazy_face

if TYPE_CHECKING:
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

_EXPORTS: dict[str, str] = {
    "Absence": "thidua.people._records",
    "AbsenceReason": "thidua.people._kinds",
    "Award": "thidua.people._records",
    "Discipline": "thidua.people._records",
    "DisciplineForm": "thidua.people._kinds",
    "Gender": "thidua.people._kinds",
    "Grade": "thidua.people._kinds",
    "History": "thidua.people._history",
    "Initiative": "thidua.people._records",
    "InitiativeLevel": "thidua.people._kinds",
    "Membership": "thidua.people._records",
    "NO_PERIOD": "thidua.people._history",
    "PEOPLE_TABLES": "thidua.people._checks",
    "Person": "thidua.people._records",
    "Qualification": "thidua.people._kinds",
    "Rating": "thidua.people._records",
    "Registration": "thidua.people._records",
    "Review": "thidua.people._records",
    "VocabularyError": "thidua.people._kinds",
    "check_people": "thidua.people._checks",
    "history": "thidua.people._tables",
    "parse_absence_reason": "thidua.people._kinds",
    "parse_discipline_form": "thidua.people._kinds",
    "parse_gender": "thidua.people._kinds",
    "parse_grade": "thidua.people._kinds",
    "parse_initiative_level": "thidua.people._kinds",
    "parse_qualification": "thidua.people._kinds",
}

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

if not TYPE_CHECKING:  # type checkers see the imports above, not a catch-all
    __getattr__, __dir__ = lazy_face(__name__, _EXPORTS, __all__)
