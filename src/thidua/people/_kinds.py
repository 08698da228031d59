"""The ordered vocabularies of people's history: ratings, initiative levels, discipline forms.

Each is an :class:`enum.IntEnum` (so that numpy arrays hold the ordered
codes) with a parser that accepts the English code, the Vietnamese
abbreviation and the full Vietnamese phrase, with or without diacritics.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Mapping
from typing import TypeVar

from thidua._text import name_key
from thidua.errors import TextParseError

__all__ = [
    "AbsenceReason",
    "DisciplineForm",
    "Gender",
    "Grade",
    "InitiativeLevel",
    "Qualification",
    "VocabularyError",
    "parse_absence_reason",
    "parse_discipline_form",
    "parse_gender",
    "parse_grade",
    "parse_initiative_level",
    "parse_qualification",
]


class VocabularyError(TextParseError):
    """A rating, discipline form, level or other coded word that cannot be read.

    Examples:
        >>> str(VocabularyError("tốt lắm", "expected HTXS, HTT, HT or KHT"))
        "cannot read value 'tốt lắm': expected HTXS, HTT, HT or KHT"

    .. versionadded:: 0.3.0
    """

    what = "value"


class Grade(enum.IntEnum):
    """The yearly rating (xếp loại) of a person or a collective, ordered ``KHT < HT < HTT < HTXS``.

    Examples:
        >>> Grade.HTXS > Grade.HTT > Grade.HT > Grade.KHT
        True
        >>> Grade.HTT.label_vi
        'Hoàn thành tốt nhiệm vụ'
    """

    KHT = 0
    HT = 1
    HTT = 2
    HTXS = 3

    @property
    def label_vi(self) -> str:
        """The full Vietnamese phrase."""
        return _GRADE_VI[self]

    @property
    def label_en(self) -> str:
        """An English gloss."""
        return _GRADE_EN[self]


_GRADE_VI = {
    Grade.KHT: "Không hoàn thành nhiệm vụ",
    Grade.HT: "Hoàn thành nhiệm vụ",
    Grade.HTT: "Hoàn thành tốt nhiệm vụ",
    Grade.HTXS: "Hoàn thành xuất sắc nhiệm vụ",
}
_GRADE_EN = {
    Grade.KHT: "did not complete the tasks",
    Grade.HT: "completed the tasks",
    Grade.HTT: "completed the tasks well",
    Grade.HTXS: "completed the tasks excellently",
}


class InitiativeLevel(enum.IntEnum):
    """The level at which an initiative (sáng kiến) is recognised; higher satisfies lower.

    ``PROVINCE`` is the ministry, sector or province level, which for the
    union includes the Tổng Liên đoàn.

    Examples:
        >>> InitiativeLevel.NATIONAL >= InitiativeLevel.PROVINCE
        True
    """

    GRASSROOTS = 1
    PROVINCE = 2
    NATIONAL = 3


class DisciplineForm(enum.IntEnum):
    """Disciplinary forms (hình thức kỷ luật), ordered by severity.

    Examples:
        >>> DisciplineForm.WARNING > DisciplineForm.REPRIMAND
        True
        >>> DisciplineForm.DISMISSAL.label_vi
        'buộc thôi việc'
    """

    REPRIMAND = 1
    WARNING = 2
    DEMOTION = 3
    REMOVAL = 4
    DISMISSAL = 5

    @property
    def label_vi(self) -> str:
        """The Vietnamese word."""
        return _DISCIPLINE_VI[self]


_DISCIPLINE_VI = {
    DisciplineForm.REPRIMAND: "khiển trách",
    DisciplineForm.WARNING: "cảnh cáo",
    DisciplineForm.DEMOTION: "giáng chức",
    DisciplineForm.REMOVAL: "cách chức",
    DisciplineForm.DISMISSAL: "buộc thôi việc",
}


class AbsenceReason(enum.Enum):
    """Why a person was absent from work (maternity leave counts as working time).

    Examples:
        >>> parse_absence_reason("thai sản") is AbsenceReason.MATERNITY
        True
    """

    MATERNITY = "maternity"
    SICK = "sick"
    STUDY = "study"
    UNPAID = "unpaid"
    OTHER = "other"


class Gender(enum.Enum):
    """A person's gender as the records state it.

    Examples:
        >>> parse_gender("Nữ") is Gender.FEMALE
        True
    """

    MALE = "male"
    FEMALE = "female"


class Qualification(enum.Enum):
    """Education level used by the Bằng Lao động sáng tạo thresholds.

    Examples:
        >>> parse_qualification("đại học") is Qualification.UNIVERSITY
        True
    """

    COLLEGE_OR_BELOW = "college_or_below"
    UNIVERSITY = "university"


def _fold(text: str) -> str:
    """Case-, space- and diacritic-folded key (``Đ`` → ``d``)."""
    key = name_key(text).replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", key)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("_", " ")


_E = TypeVar("_E", bound=enum.Enum)


def _table(words: Mapping[str, _E]) -> dict[str, _E]:
    return {_fold(word): value for word, value in words.items()}


def _read(value: object, table: Mapping[str, _E], kind: type[_E], expected: str) -> _E:
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        found = table.get(_fold(value))
        if found is not None:
            return found
    raise VocabularyError(str(value), f"expected {expected}")


_GRADES = _table(
    {
        **{g.name: g for g in Grade},
        **{g.label_vi: g for g in Grade},
        **{g.label_vi.removesuffix(" nhiệm vụ"): g for g in Grade},
        "Hoàn thành tốt": Grade.HTT,
        "excellent": Grade.HTXS,
        "good": Grade.HTT,
        "complete": Grade.HT,
        "incomplete": Grade.KHT,
    }
)


def parse_grade(value: object) -> Grade:
    """Read a rating: ``HTXS``/``HTT``/``HT``/``KHT`` or the full Vietnamese phrase.

    Raises:
        VocabularyError: any other text.

    Examples:
        >>> parse_grade("Hoàn thành xuất sắc nhiệm vụ"), parse_grade("htt")
        (<Grade.HTXS: 3>, <Grade.HTT: 2>)
        >>> parse_grade("Khong hoan thanh nhiem vu")
        <Grade.KHT: 0>
    """
    return _read(value, _GRADES, Grade, "HTXS, HTT, HT or KHT (or the full Vietnamese phrase)")


_LEVELS = _table(
    {
        **{lv.name: lv for lv in InitiativeLevel},
        "cơ sở": InitiativeLevel.GRASSROOTS,
        "cấp cơ sở": InitiativeLevel.GRASSROOTS,
        "tỉnh": InitiativeLevel.PROVINCE,
        "cấp tỉnh": InitiativeLevel.PROVINCE,
        "bộ": InitiativeLevel.PROVINCE,
        "ngành": InitiativeLevel.PROVINCE,
        "ministry": InitiativeLevel.PROVINCE,
        "toàn quốc": InitiativeLevel.NATIONAL,
        "cấp toàn quốc": InitiativeLevel.NATIONAL,
    }
)


def parse_initiative_level(value: object) -> InitiativeLevel:
    """Read an initiative level: ``grassroots``, ``province`` or ``national`` (or Vietnamese).

    Examples:
        >>> parse_initiative_level("cấp tỉnh"), parse_initiative_level("national")
        (<InitiativeLevel.PROVINCE: 2>, <InitiativeLevel.NATIONAL: 3>)
    """
    return _read(value, _LEVELS, InitiativeLevel, "grassroots, province or national")


_FORMS = _table(
    {
        **{f.name: f for f in DisciplineForm},
        **{f.label_vi: f for f in DisciplineForm},
    }
)


def parse_discipline_form(value: object) -> DisciplineForm:
    """Read a discipline form in English or Vietnamese.

    Examples:
        >>> parse_discipline_form("Cảnh cáo"), parse_discipline_form("removal")
        (<DisciplineForm.WARNING: 2>, <DisciplineForm.REMOVAL: 4>)
    """
    return _read(
        value,
        _FORMS,
        DisciplineForm,
        "reprimand, warning, demotion, removal or dismissal "
        "(khiển trách, cảnh cáo, giáng chức, cách chức, buộc thôi việc)",
    )


_REASONS = _table(
    {
        **{r.value: r for r in AbsenceReason},
        "thai sản": AbsenceReason.MATERNITY,
        "nghỉ thai sản": AbsenceReason.MATERNITY,
        "ốm": AbsenceReason.SICK,
        "ốm đau": AbsenceReason.SICK,
        "học tập": AbsenceReason.STUDY,
        "đi học": AbsenceReason.STUDY,
        "không lương": AbsenceReason.UNPAID,
        "nghỉ không lương": AbsenceReason.UNPAID,
        "khác": AbsenceReason.OTHER,
    }
)


def parse_absence_reason(value: object) -> AbsenceReason:
    """Read an absence reason in English or Vietnamese.

    Examples:
        >>> parse_absence_reason("ốm đau")
        <AbsenceReason.SICK: 'sick'>
    """
    return _read(value, _REASONS, AbsenceReason, "maternity, sick, study, unpaid or other")


_GENDERS = _table(
    {"male": Gender.MALE, "nam": Gender.MALE, "female": Gender.FEMALE, "nữ": Gender.FEMALE}
)


def parse_gender(value: object) -> Gender:
    """Read a gender: ``male``/``female`` or ``nam``/``nữ``.

    Examples:
        >>> parse_gender("nam")
        <Gender.MALE: 'male'>
    """
    return _read(value, _GENDERS, Gender, "male or female (nam or nữ)")


_QUALIFICATIONS = _table(
    {
        "college_or_below": Qualification.COLLEGE_OR_BELOW,
        "cao đẳng": Qualification.COLLEGE_OR_BELOW,
        "trung cấp": Qualification.COLLEGE_OR_BELOW,
        "university": Qualification.UNIVERSITY,
        "đại học": Qualification.UNIVERSITY,
    }
)


def parse_qualification(value: object) -> Qualification:
    """Read a qualification: ``college_or_below`` or ``university`` (also Vietnamese).

    Examples:
        >>> parse_qualification("college_or_below")
        <Qualification.COLLEGE_OR_BELOW: 'college_or_below'>
    """
    return _read(value, _QUALIFICATIONS, Qualification, "college_or_below or university")
