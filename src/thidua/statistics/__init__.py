"""Statistics forms computed from the workspace, never typed by hand.

The yearly emulation-and-commendation statistics forms of Circular
02/2023/TT-BNV (forms 0601 to 0605; **replaced by Circular 18/2025/TT-BNV**:
the headings, rows and numbers here are unverified against either text):

* :func:`form_0601`: emulation movements by convening level, scope,
  duration class and kind (from the ``campaigns`` table, counted by
  :func:`thidua.campaigns.form_0601`);
* :func:`form_0602`: state-level awards by form, collective / individual,
  and by category of the individual;
* :func:`form_0603`: ministry/province-level awards by category of
  recipient: leaders by grade, business people, people working directly
  (the ``category`` and ``grade`` attributes of ``people``,
  :func:`recipient_categories`);
* forms 0604 (emulation organisations: councils) and 0605 (emulation staff)
  are not computed: the workspace holds neither.

Each form is a :class:`StatisticsForm` (:class:`Form0601`,
:class:`Form0602`, :class:`Form0603`) with ``to_records``, ``to_pandas``
and an HTML view; :func:`write_forms` writes them to Excel with their
Vietnamese headings.  Each name is imported from its private module on
first use (PEP 562).

Examples:
    >>> from thidua.statistics import form_0602
    >>> from thidua.datasets import hanoi_path
    >>> from thidua.workspace import read_workspace
    >>> form_0602(read_workspace(hanoi_path()).workspace, 2024)
    <Form0602 0602 năm 2024: SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC, 15 rows × 17 columns, total ...>

.. versionadded:: 0.3.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thidua._lazy import lazy_face

if TYPE_CHECKING:
    from thidua.statistics._awards import (
        FORM_0602_COLUMNS,
        FORM_0603_COLUMNS,
        form_0602,
        form_0603,
    )
    from thidua.statistics._categories import (
        CATEGORY_HEADERS,
        GRADE_HEADERS,
        Category,
        LeaderGrade,
        parse_category,
        parse_leader_grade,
        recipient_categories,
    )
    from thidua.statistics._excel import form_sheet, write_forms
    from thidua.statistics._movements import FORM_0601_COLUMNS, form_0601
    from thidua.statistics._result import (
        BASIS,
        Form0601,
        Form0602,
        Form0603,
        FormColumn,
        FormRow,
        StatisticsForm,
    )

__all__ = [
    "BASIS",
    "CATEGORY_HEADERS",
    "FORMS",
    "FORM_0601_COLUMNS",
    "FORM_0602_COLUMNS",
    "FORM_0603_COLUMNS",
    "GRADE_HEADERS",
    "Category",
    "Form0601",
    "Form0602",
    "Form0603",
    "FormColumn",
    "FormRow",
    "LeaderGrade",
    "StatisticsForm",
    "form_0601",
    "form_0602",
    "form_0603",
    "form_sheet",
    "parse_category",
    "parse_leader_grade",
    "recipient_categories",
    "write_forms",
]

FORMS = ("0601", "0602", "0603")
"""The forms the library computes (0604 and 0605: the workspace holds no data for them)."""

# Each public name and the private module that defines it; the imports above
# are for type checkers only.
_EXPORTS: dict[str, str] = {
    "FORM_0602_COLUMNS": "thidua.statistics._awards",
    "FORM_0603_COLUMNS": "thidua.statistics._awards",
    "form_0602": "thidua.statistics._awards",
    "form_0603": "thidua.statistics._awards",
    "CATEGORY_HEADERS": "thidua.statistics._categories",
    "GRADE_HEADERS": "thidua.statistics._categories",
    "Category": "thidua.statistics._categories",
    "LeaderGrade": "thidua.statistics._categories",
    "parse_category": "thidua.statistics._categories",
    "parse_leader_grade": "thidua.statistics._categories",
    "recipient_categories": "thidua.statistics._categories",
    "form_sheet": "thidua.statistics._excel",
    "write_forms": "thidua.statistics._excel",
    "FORM_0601_COLUMNS": "thidua.statistics._movements",
    "form_0601": "thidua.statistics._movements",
    "BASIS": "thidua.statistics._result",
    "Form0601": "thidua.statistics._result",
    "Form0602": "thidua.statistics._result",
    "Form0603": "thidua.statistics._result",
    "FormColumn": "thidua.statistics._result",
    "FormRow": "thidua.statistics._result",
    "StatisticsForm": "thidua.statistics._result",
}

if not TYPE_CHECKING:  # type checkers see the imports above, not a catch-all
    __getattr__, __dir__ = lazy_face(__name__, _EXPORTS, __all__)
