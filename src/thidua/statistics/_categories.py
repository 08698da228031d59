"""The category of each recipient for statistics forms 0602 and 0603, read from people attributes.

Forms 0602 and 0603 of Circular 02/2023/TT-BNV (replaced by 18/2025/TT-BNV)
count the individuals honoured by category: leaders by grade, business
people, people working directly.  The library reads the category from two
attribute columns of the ``people`` table (any other column of
``people.csv`` is kept as a text attribute):

* ``category`` (also headed ``Phân loại``, ``Phân loại đối tượng``,
  ``Đối tượng khen thưởng``): ``lãnh đạo`` (leader), ``doanh nhân``
  (business person), ``trực tiếp`` (working directly: ``người trực tiếp``,
  ``người lao động trực tiếp``, ``công nhân``, ``nông dân`` are read too);
  empty: not stated;
* ``grade`` (also ``Cấp lãnh đạo``, ``Cấp``), for a leader: ``bộ, tỉnh``
  (``bộ``, ``tỉnh``, ``cấp bộ``, ``cấp tỉnh``: ministry or province and
  above), ``vụ, sở`` (``vụ``, ``sở``, ``cấp vụ``, ``cấp sở``: department and
  equivalent), ``phòng`` (``phó phòng``, ``cấp phòng``: the other leaders
  from deputy head of division up).

Words are read in any case, with or without diacritics; the English words
(``leader``, ``business``, ``direct``; ``ministry``, ``department``,
``division``) are read too.  The grades follow the rows of a third-party
implementation of the form, **unverified against the circular's text**.
"""

from __future__ import annotations

import enum
import unicodedata
from typing import TYPE_CHECKING

from thidua._text import name_key
from thidua.errors import InvalidArgumentError

if TYPE_CHECKING:
    from thidua.io import DataTable

__all__ = [
    "CATEGORY_HEADERS",
    "GRADE_HEADERS",
    "Category",
    "LeaderGrade",
    "parse_category",
    "parse_leader_grade",
    "recipient_categories",
]

CATEGORY_HEADERS = ("category", "phân loại", "phân loại đối tượng", "đối tượng khen thưởng")
"""The headers the ``category`` attribute is read from (compared folded)."""
GRADE_HEADERS = ("grade", "cấp lãnh đạo", "cấp")
"""The headers the ``grade`` attribute is read from (compared folded)."""


class Category(enum.Enum):
    """The category of an individual recipient (form 0602/0603 rows).

    Examples:
        >>> Category.DIRECT.label_vi
        'Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân …)'

    .. versionadded:: 0.3.0
    """  # noqa: E501

    MINISTRY_LEADER = "ministry_leader"
    """A leader at ministry or province level and above."""
    DEPARTMENT_LEADER = "department_leader"
    """A leader at department (vụ, sở, ngành) level and equivalent."""
    OTHER_LEADER = "other_leader"
    """The other leaders, from deputy head of division up."""
    BUSINESS = "business"
    """A business person (doanh nhân)."""
    DIRECT = "direct"
    """Working directly: workers, farmers, …"""
    UNSTATED = "unstated"
    """No category given (a row of the library's own, so the totals reconcile)."""

    @property
    def label_vi(self) -> str:
        """The row label (unverified against the circular's text)."""
        return _LABELS[self]


_LABELS = {
    Category.MINISTRY_LEADER: "Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên",
    Category.DEPARTMENT_LEADER: "Lãnh đạo cấp vụ, sở, ngành và tương đương",
    Category.OTHER_LEADER: "Các cấp lãnh đạo khác từ phó phòng trở lên",
    Category.BUSINESS: "Doanh nhân",
    Category.DIRECT: "Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ "
    "chiến đấu (công nhân, nông dân …)",
    Category.UNSTATED: "Chưa phân loại",
}


class LeaderGrade(enum.Enum):
    """The grade of a leader (the ``grade`` attribute).

    .. versionadded:: 0.3.0
    """

    MINISTRY = "bộ, tỉnh"
    DEPARTMENT = "vụ, sở"
    DIVISION = "phòng"


def _fold(text: str) -> str:
    """Lower case, no diacritics, đ as d, spaces folded (for matching words)."""
    key = name_key(text).replace("đ", "d")
    stripped = "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))
    return " ".join(stripped.replace(",", " ").split())


_CATEGORY_WORDS: dict[str, str] = {
    "lãnh đạo": "leader",
    "leader": "leader",
    "doanh nhân": "business",
    "business": "business",
    "trực tiếp": "direct",
    "người trực tiếp": "direct",
    "người lao động trực tiếp": "direct",
    "lao động trực tiếp": "direct",
    "công nhân": "direct",
    "nông dân": "direct",
    "direct": "direct",
}
_GRADE_WORDS: dict[str, LeaderGrade] = {
    "bộ, tỉnh": LeaderGrade.MINISTRY,
    "bộ": LeaderGrade.MINISTRY,
    "tỉnh": LeaderGrade.MINISTRY,
    "cấp bộ": LeaderGrade.MINISTRY,
    "cấp tỉnh": LeaderGrade.MINISTRY,
    "ministry": LeaderGrade.MINISTRY,
    "vụ, sở": LeaderGrade.DEPARTMENT,
    "vụ": LeaderGrade.DEPARTMENT,
    "sở": LeaderGrade.DEPARTMENT,
    "cấp vụ": LeaderGrade.DEPARTMENT,
    "cấp sở": LeaderGrade.DEPARTMENT,
    "department": LeaderGrade.DEPARTMENT,
    "phòng": LeaderGrade.DIVISION,
    "phó phòng": LeaderGrade.DIVISION,
    "cấp phòng": LeaderGrade.DIVISION,
    "division": LeaderGrade.DIVISION,
}
_CATEGORIES = {_fold(k): v for k, v in _CATEGORY_WORDS.items()}
_GRADES = {_fold(k): v for k, v in _GRADE_WORDS.items()}


def parse_leader_grade(text: str) -> LeaderGrade:
    """Read a leader's grade (``bộ, tỉnh``, ``vụ, sở``, ``phòng`` and their variants).

    Raises:
        InvalidArgumentError: the text is no grade.

    Examples:
        >>> parse_leader_grade("Cấp Sở").value, parse_leader_grade("pho phong").value
        ('vụ, sở', 'phòng')
    """
    found = _GRADES.get(_fold(text))
    if found is None:
        msg = f"{text!r} is no leader grade (bộ, tỉnh; vụ, sở; phòng)"
        raise InvalidArgumentError(msg)
    return found


def parse_category(text: str, grade: str = "") -> Category:
    """Read a recipient's category from its ``category`` and ``grade`` texts.

    A leader needs a grade; an empty category is :attr:`Category.UNSTATED`.

    Raises:
        InvalidArgumentError: the category is unknown, or a leader has no
            readable grade.

    Examples:
        >>> parse_category("Lãnh đạo", "phòng").value, parse_category("doanh nhan").value
        ('other_leader', 'business')
        >>> parse_category("").value
        'unstated'
        >>> parse_category("lãnh đạo")
        Traceback (most recent call last):
        ...
        thidua.errors.InvalidArgumentError: a leader needs a grade (bộ, tỉnh; vụ, sở; phòng)
    """
    if not text.strip():
        return Category.UNSTATED
    word = _CATEGORIES.get(_fold(text))
    if word is None:
        msg = f"{text!r} is no recipient category (lãnh đạo, doanh nhân, trực tiếp)"
        raise InvalidArgumentError(msg)
    if word == "business":
        return Category.BUSINESS
    if word == "direct":
        return Category.DIRECT
    if not grade.strip():
        msg = "a leader needs a grade (bộ, tỉnh; vụ, sở; phòng)"
        raise InvalidArgumentError(msg)
    return {
        LeaderGrade.MINISTRY: Category.MINISTRY_LEADER,
        LeaderGrade.DEPARTMENT: Category.DEPARTMENT_LEADER,
        LeaderGrade.DIVISION: Category.OTHER_LEADER,
    }[parse_leader_grade(grade)]


def _header(table: DataTable, names: tuple[str, ...]) -> str | None:
    wanted = {name_key(n) for n in names}
    return next((h for h in table.attribute_headers if name_key(h) in wanted), None)


def recipient_categories(people: DataTable) -> dict[str, Category]:
    """The category of every person of a ``people`` table, by id.

    Complexity: O(people); each distinct pair of texts is read once.

    Raises:
        InvalidArgumentError: a cell cannot be read; the message names the
            person, the column and where the row came from.

    Examples:
        >>> from thidua.io import DataTable
        >>> from thidua.io._domain import domain_tables
        >>> t = DataTable.from_rows(domain_tables()["people"], [
        ...     {"id": "P1", "name": "Lê Văn An", "category": "trực tiếp"},
        ...     {"id": "P2", "name": "Mai Thị Bình", "category": "lãnh đạo", "grade": "vụ"}])
        >>> {k: v.value for k, v in recipient_categories(t).items()}
        {'P1': 'direct', 'P2': 'department_leader'}
    """
    ids = people.text("id")
    c_header = _header(people, CATEGORY_HEADERS)
    g_header = _header(people, GRADE_HEADERS)
    blank = [""] * len(ids)
    cats = people.attribute_text(c_header) if c_header else blank
    grades = people.attribute_text(g_header) if g_header else blank
    seen: dict[tuple[str, str], Category] = {}
    out: dict[str, Category] = {}
    for i, (pid, cat, grade) in enumerate(zip(ids, cats, grades, strict=True)):
        found = seen.get((cat, grade))
        if found is None:
            try:
                found = parse_category(cat, grade)
            except InvalidArgumentError as exc:
                header = g_header if cat.strip() and _CATEGORIES.get(_fold(cat)) else c_header
                where = people.pointer(i, header)
                msg = f"person {pid!r}, column {header or 'grade'!r} ({where}): {exc}"
                raise InvalidArgumentError(msg) from None
            seen[(cat, grade)] = found
        out[pid] = found
    return out
