"""Problems are data: validation records with a stable code and a pointer.

Every validator in thidua returns :class:`Problem` records instead of raising
on the first fault, so that one pass reports everything.  Each record has a
stable ``code`` (never reused; the letter says the area: ``S`` structure of
the input, ``H`` hierarchy, ``F`` figures and indicators, ``A`` awards and
honours, ``C`` campaigns, ``P`` pledges and works, ``R`` proposals and quotas), a ``severity``, a
sentence naming the objects (Vietnamese names intact), the ``subject`` id
and a :class:`Pointer` to where the object came from.

The codes of each family are a :class:`enum.StrEnum` (:class:`StructureCode`,
:class:`HierarchyCode`, :class:`FigureCode`), whose members equal their text:
``HierarchyCode.DUPLICATE_UNIT_ID == "H001"``.  The catalogue of codes,
:data:`CODES`, is built from them and is the single source of the table in
``docs/problems.md``.

Examples:
    >>> p = problem("H001", "duplicate unit id 'HN'", subject="HN",
    ...             pointer=Pointer(file="units.csv", row=7, column="id"))
    >>> print(p)
    H001 error: duplicate unit id 'HN' [units.csv row 7, column id]
    >>> p.to_dict()["pointer"]
    'units.csv row 7, column id'
    >>> problem(HierarchyCode.DUPLICATE_UNIT_ID, "duplicate unit id 'HN'") == problem(
    ...     "H001", "duplicate unit id 'HN'")
    True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import html
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, overload

import attrs

from thidua._source import Pointer
from thidua.errors import ThiduaValidationError

__all__ = [
    "CODES",
    "DEFAULT_MAX_PER_CODE",
    "FAMILIES",
    "AwardCode",
    "CampaignCode",
    "CodeInfo",
    "FigureCode",
    "HierarchyCode",
    "PledgeCode",
    "Pointer",
    "Problem",
    "ProblemCode",
    "ProposalCode",
    "Report",
    "Severity",
    "StructureCode",
    "cap_problems",
    "problem",
    "problem_code",
    "summary_problem",
]


class Severity(enum.Enum):
    """How serious a problem is: errors make strict loaders fail.

    Examples:
        >>> Severity("warning") is Severity.WARNING
        True
    """

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen(kw_only=True)
class CodeInfo:
    """The catalogue entry of a problem code.

    Attributes:
        code: the code, the :class:`ProblemCode` member of its family.
        severity: the default severity.
        title: what the problem is, in a few words.
        fix: how to fix it.

    Examples:
        >>> CODES["H004"].title
        'cycle in a relation'
        >>> CODES["H004"].code is HierarchyCode.CYCLE
        True

    .. versionchanged:: 0.2.0
       ``code`` is the member of its family's enum (it equals the text).
    """

    code: str
    severity: Severity
    title: str
    fix: str


class ProblemCode(enum.StrEnum):
    """Base of the problem-code families: a member *is* its code (``"H001"``).

    One :class:`enum.StrEnum` per family (:class:`StructureCode`,
    :class:`HierarchyCode`, :class:`FigureCode`, :class:`AwardCode`,
    :class:`CampaignCode`, :class:`PledgeCode`).  A member equals its string, so
    ``problem(HierarchyCode.DUPLICATE_UNIT_ID, …)`` and ``problem("H001", …)``
    are the same problem, ``p.code == "H001"`` holds either way and JSON
    output is unchanged.  Each member carries its catalogue entry
    (:attr:`info`: severity, title, how to fix; the title is ``info.title``,
    as ``str.title`` stays the string method).

    Examples:
        >>> code = HierarchyCode.DUPLICATE_UNIT_ID
        >>> code == "H001", str(code), f"{code}"
        (True, 'H001', 'H001')
        >>> code.severity, code.info.title
        (<Severity.ERROR: 'error'>, 'duplicate unit id')
        >>> problem_code("F004")
        <FigureCode.DUPLICATE_FIGURE: 'F004'>

    .. versionadded:: 0.2.0
    """

    @property
    def info(self) -> CodeInfo:
        """The catalogue entry of the code (:data:`CODES`)."""
        return CODES[self]

    @property
    def severity(self) -> Severity:
        """The default severity of the code."""
        return CODES[self].severity

    @property
    def fix(self) -> str:
        """How to fix it."""
        return CODES[self].fix


class StructureCode(ProblemCode):
    """Codes ``S``: the structure of the input (files, columns, cells, documents).

    Examples:
        >>> StructureCode.DUPLICATE_KEY
        <StructureCode.DUPLICATE_KEY: 'S009'>

    .. versionadded:: 0.2.0
    """

    UNREADABLE_FILE = "S001"
    MISSING_REQUIRED_COLUMN = "S002"
    UNREADABLE_DATE = "S003"
    MISSING_REQUIRED_VALUE = "S004"
    UNSUPPORTED_SCHEMA_VERSION = "S005"
    INVALID_VALUE = "S006"
    UNKNOWN_FIELD = "S007"
    DUPLICATE_COLUMN = "S008"
    DUPLICATE_KEY = "S009"
    BEYOND_READ_LIMIT = "S010"
    TWO_SHEETS_FOR_ONE_TABLE = "S011"
    ENCODING_GUESSED = "S020"
    TWO_FILES_FOR_ONE_TABLE = "S021"
    COLUMN_OF_ANOTHER_TABLE = "S022"
    LINK_CELLS_WITHOUT_PARENT = "S023"
    MORE_PROBLEMS_THAN_LISTED = "S030"


class HierarchyCode(ProblemCode):
    """Codes ``H``: the hierarchy (units, links, change events, clusters and blocks).

    Examples:
        >>> HierarchyCode("H004").name
        'CYCLE'

    .. versionadded:: 0.2.0
    """

    DUPLICATE_UNIT_ID = "H001"
    LINK_TO_UNKNOWN_UNIT = "H002"
    UNKNOWN_KIND = "H003"
    CYCLE = "H004"
    TWO_ADMIN_PARENTS = "H005"
    RANK_INVERSION = "H006"
    LINK_OUTSIDE_LIFETIME = "H007"
    LEFT_BY_DISSOLVED_PARENT = "H008"
    REVERSED_INTERVAL = "H009"
    OVERLAPPING_DUPLICATE_LINKS = "H010"
    SIBLINGS_WITH_SAME_NAME = "H011"
    NO_ADMIN_PARENT = "H012"
    MISSING_NAME = "H013"
    UNKNOWN_ROOT = "H014"
    EVENT_NAMES_UNKNOWN_UNIT = "H020"
    ENDED_UNIT_STILL_ALIVE = "H021"
    SHARES_DO_NOT_SUM_TO_ONE = "H022"
    EVENT_RESULT_NOT_ALIVE = "H023"
    MOVE_DISAGREES_WITH_LINKS = "H024"
    RENAME_WITHOUT_NEW_NAME = "H025"
    WRONG_NUMBER_OF_EVENT_UNITS = "H026"
    DUPLICATE_EVENT_ID = "H027"
    EVENT_DATE_DISAGREES = "H028"
    GROUP_NAMES_UNKNOWN = "H030"
    MEMBER_OUTSIDE_LIFETIME = "H031"
    LEADER_NOT_A_MEMBER = "H032"
    DUPLICATE_GROUP_ID = "H033"
    TWO_LEADERS_AT_ONCE = "H034"


class FigureCode(ProblemCode):
    """Codes ``F``: indicators and figures.

    Examples:
        >>> FigureCode.PERIOD_DOES_NOT_FIT.info.title
        'period does not fit the indicator'

    .. versionadded:: 0.2.0
    """

    UNKNOWN_UNIT = "F001"
    UNKNOWN_INDICATOR = "F002"
    UNIT_NOT_ALIVE = "F003"
    DUPLICATE_FIGURE = "F004"
    NEGATIVE_COUNT = "F005"
    ZERO_DENOMINATOR = "F006"
    WRONG_VALUE_TYPE = "F007"
    PERIOD_DOES_NOT_FIT = "F008"
    UNREADABLE_VALUE = "F009"
    UNREADABLE_PERIOD = "F010"
    REPORTED_TOTAL_DIFFERS = "F011"
    INVALID_INDICATOR = "F012"
    DUPLICATE_INDICATOR_CODE = "F013"
    FIGURE_NOT_PLACED = "F014"
    NUMERATOR_WITHOUT_DENOMINATOR = "F015"
    TOTAL_TOO_LARGE = "F016"
    UNIT_WORD_MISFIT = "F017"
    FRACTIONAL_COUNT = "F018"


class AwardCode(ProblemCode):
    """Codes ``A``: awards and honours.

    Examples:
        >>> AwardCode.UNREADABLE_DOCUMENT_SYMBOL.info.severity.value
        'error'

    .. versionadded:: 0.2.0
    """

    UNREADABLE_DOCUMENT_SYMBOL = "A001"
    UNREADABLE_RATING = "A002"
    UNREADABLE_DISCIPLINE_FORM = "A003"
    RULE_SET_OUT_OF_PERIOD = "A004"
    INVALID_HONOUR_ROW = "A005"
    UNKNOWN_PERSON = "A006"
    UNKNOWN_UNIT = "A007"
    UNKNOWN_SUBJECT = "A008"
    UNKNOWN_HONOUR = "A009"
    UNKNOWN_INITIATIVE = "A010"
    OUTSIDE_LIFETIME = "A011"
    WRONG_RECIPIENT_KIND = "A012"
    DUPLICATE_RATING = "A013"
    INITIATIVE_REUSED = "A014"
    DECIDED_BEFORE_PERIOD = "A015"
    OVERLAPPING_MEMBERSHIPS = "A016"
    UNREADABLE_PERIOD = "A017"
    REVERSED_INTERVAL = "A018"
    DUPLICATE_ID = "A019"
    NO_BONUS = "A030"


class CampaignCode(ProblemCode):
    """Codes ``C``: campaigns, their targets, contests and cluster scoring.

    Examples:
        >>> CampaignCode.UNKNOWN_CAMPAIGN.info.title
        'unknown campaign'

    .. versionadded:: 0.3.0
    """

    DUPLICATE_CAMPAIGN_ID = "C001"
    UNKNOWN_CAMPAIGN = "C002"
    UNKNOWN_UNIT = "C003"
    UNKNOWN_GROUP = "C004"
    UNKNOWN_INDICATOR = "C005"
    UNREADABLE_DOCUMENT_SYMBOL = "C006"
    UNREADABLE_SCOPE = "C007"
    NO_PERIOD = "C008"
    PERIOD_OUTSIDE_PARENT = "C009"
    SCOPE_OUTSIDE_PARENT = "C010"
    PARENT_CYCLE = "C011"
    TARGETS_BELOW_OWN = "C012"
    DUPLICATE_TARGET = "C013"
    DUPLICATE_CONTEST_ID = "C014"
    UNKNOWN_CONTEST = "C015"
    SCORE_ABOVE_MAX = "C016"
    DUPLICATE_SCORE = "C017"
    UNREADABLE_SCORE_PERIOD = "C018"
    # evaluation (thidua.campaigns.evaluate_campaign), numbered from 050
    FIGURES_ONLY_OVERLAP = "C050"
    UNIT_NOT_IN_REPORT_STRUCTURE = "C051"


class PledgeCode(ProblemCode):
    """Codes ``P``: pledges and dedicated works.

    Examples:
        >>> PledgeCode.FLAGSHIP_NOT_COMPLETED.severity.value
        'warning'

    .. versionadded:: 0.3.0
    """

    DUPLICATE_PLEDGE_ID = "P001"
    DUPLICATE_WORK_ID = "P002"
    UNKNOWN_PLEDGER = "P003"
    UNKNOWN_INDICATOR = "P004"
    PLEDGER_OUTSIDE_SCOPE = "P005"
    PLEDGER_NOT_ALIVE = "P006"
    REGISTERED_AFTER_END = "P007"
    COMPLETED_OUTSIDE_PERIOD = "P008"
    COMPLETED_WITHOUT_DATE = "P009"
    FLAGSHIP_NOT_COMPLETED = "P010"
    PLEDGE_WITHOUT_PLAN = "P011"
    # evaluation (thidua.campaigns.evaluate_campaign), numbered from 050
    PLEDGE_WITHOUT_RESULT = "P050"


class ProposalCode(ProblemCode):
    """Codes ``R``: proposals for honours, their workflow and their quotas.

    Examples:
        >>> ProposalCode.STEP_NOT_ALLOWED.info.title
        'step not allowed by the workflow'

    .. versionadded:: 0.3.0
    """

    DUPLICATE_PROPOSAL_ID = "R001"
    STEP_NOT_ALLOWED = "R002"
    STEPS_OUT_OF_ORDER = "R003"
    STATUS_NOT_LAST_STEP = "R004"
    UNKNOWN_PROPOSER = "R005"
    UNKNOWN_SUBJECT = "R006"
    UNKNOWN_HONOUR = "R007"
    INELIGIBLE_SUBJECT = "R008"
    BEYOND_QUOTA = "R009"
    UNDER_REVIEW = "R010"
    UNKNOWN_PROPOSAL = "R011"


FAMILIES: Mapping[str, type[ProblemCode]] = {
    "S": StructureCode,
    "H": HierarchyCode,
    "F": FigureCode,
    "A": AwardCode,
    "C": CampaignCode,
    "P": PledgeCode,
    "R": ProposalCode,
}
"""Each family's letter → its enum of codes.

.. versionadded:: 0.2.0
"""


def problem_code(code: str) -> ProblemCode:
    """The enum member of a code given as text (``"H001"`` → ``HierarchyCode.DUPLICATE_UNIT_ID``).

    Raises:
        KeyError: no family has the code.

    Examples:
        >>> problem_code("S030").name
        'MORE_PROBLEMS_THAN_LISTED'
        >>> problem_code("X999")
        Traceback (most recent call last):
        ...
        KeyError: "no problem code 'X999'"

    .. versionadded:: 0.2.0
    """
    try:
        return _MEMBERS[code]
    except KeyError:
        raise KeyError(f"no problem code {code!r}") from None


def _c(code: ProblemCode | str, severity: str, title: str, fix: str) -> CodeInfo:
    """One catalogue entry, keyed by the member of the code's family.

    A code given as text becomes its member; a code without a member yet (an
    entry merged before its member) stays text, and
    ``tests/test_problem_codes.py`` names it.
    """
    member: str = code
    if not isinstance(code, ProblemCode) and code in _MEMBERS:
        member = _MEMBERS[code]
    return CodeInfo(code=member, severity=Severity(severity), title=title, fix=fix)


_MEMBERS: Mapping[str, ProblemCode] = {
    member.value: member for family in FAMILIES.values() for member in family
}
"""Every member of every family, by its code text."""


_CATALOGUE = [
    # S: structure of the input
    _c(
        StructureCode.UNREADABLE_FILE,
        "error",
        "unreadable file",
        "Check the file's format and encoding (UTF-8).",
    ),
    _c(
        StructureCode.MISSING_REQUIRED_COLUMN,
        "error",
        "missing required column or field",
        "Add the column (English or Vietnamese header) or the field to every record.",
    ),
    _c(
        StructureCode.UNREADABLE_DATE,
        "error",
        "unreadable date",
        "Write dates as yyyy-mm-dd or dd/mm/yyyy (e.g. 2025-07-01 or 1/7/2025).",
    ),
    _c(
        StructureCode.MISSING_REQUIRED_VALUE,
        "error",
        "missing required value",
        "Fill in the cell; ids must not be empty.",
    ),
    _c(
        StructureCode.UNSUPPORTED_SCHEMA_VERSION,
        "error",
        "unsupported schema version",
        "Write the file with this version of thidua or upgrade thidua.",
    ),
    _c(
        StructureCode.INVALID_VALUE,
        "error",
        "invalid value",
        "Use one of the values the field accepts (the message lists them).",
    ),
    _c(
        StructureCode.UNKNOWN_FIELD,
        "warning",
        "unknown field ignored",
        "Remove the field, or put free data under 'attributes'.",
    ),
    _c(
        StructureCode.DUPLICATE_COLUMN,
        "error",
        "duplicate column",
        "Keep one column per field; an English and a Vietnamese header for the same "
        "field count as duplicates.",
    ),
    _c(
        StructureCode.DUPLICATE_KEY,
        "error",
        "duplicate key",
        "Give each key once per JSON/YAML object (the last value was used).",
    ),
    _c(
        StructureCode.BEYOND_READ_LIMIT,
        "error",
        "input beyond a read limit",
        "Split the input, or raise the limit with thidua.io.ReadLimits if the file is trusted.",
    ),
    _c(
        StructureCode.TWO_SHEETS_FOR_ONE_TABLE,
        "error",
        "two sheets for one table",
        "Keep one sheet per table; names are compared without case, spacing or diacritics.",
    ),
    _c(
        StructureCode.ENCODING_GUESSED,
        "warning",
        "text encoding guessed",
        "The file is not UTF-8 and was read as cp1258 (Windows Vietnamese), or was read "
        "in the encoding given although it is UTF-8: check its names, save it as CSV UTF-8 "
        "or give its encoding.",
    ),
    _c(
        StructureCode.TWO_FILES_FOR_ONE_TABLE,
        "error",
        "two files for one table",
        "Keep one file per table: names that differ only in case (units.csv, UNITS.CSV) "
        "give the same table.",
    ),
    _c(
        StructureCode.COLUMN_OF_ANOTHER_TABLE,
        "warning",
        "column of another table",
        "The column is named like a field of another table (date, Vai trò …) and is kept as "
        "a free attribute: move it to its table, or rename it.",
    ),
    _c(
        StructureCode.LINK_CELLS_WITHOUT_PARENT,
        "warning",
        "link cells without a parent",
        "A units row gives a link's dates or relation but no parent (Đơn vị cấp trên): fill "
        "in the parent or clear those cells.",
    ),
    # S03x: the report itself
    _c(
        StructureCode.MORE_PROBLEMS_THAN_LISTED,
        "warning",
        "more problems of one code than the report lists",
        "Fix the problems listed (they usually share one cause) and check again, or ask "
        "for more with a larger max_per_code.",
    ),
    # H: hierarchy, units, links
    _c(
        HierarchyCode.DUPLICATE_UNIT_ID, "error", "duplicate unit id", "Give every unit its own id."
    ),
    _c(
        HierarchyCode.LINK_TO_UNKNOWN_UNIT,
        "error",
        "link names an unknown unit",
        "Add the unit to units.csv or correct the id in the link.",
    ),
    _c(
        HierarchyCode.UNKNOWN_KIND,
        "error",
        "unknown kind",
        "Use a kind of the level scheme, or add the kind to levels.csv.",
    ),
    _c(
        HierarchyCode.CYCLE,
        "error",
        "cycle in a relation",
        "A unit cannot be its own ancestor: end one of the links before the cycle forms.",
    ),
    _c(
        HierarchyCode.TWO_ADMIN_PARENTS,
        "error",
        "two admin parents at the same time",
        "End the old admin link on the day the new one starts (intervals are [from, to)).",
    ),
    _c(
        HierarchyCode.RANK_INVERSION,
        "error",
        "rank inversion",
        "A child's rank must be greater than its parent's: check the kinds or the link.",
    ),
    _c(
        HierarchyCode.LINK_OUTSIDE_LIFETIME,
        "error",
        "link outside a unit's lifetime",
        "Start the link on or after both units' founding and end it by their dissolution.",
    ),
    _c(
        HierarchyCode.LEFT_BY_DISSOLVED_PARENT,
        "error",
        "unit left without its dissolved admin parent",
        "Move the unit to a new parent (a link and a move event) or dissolve it.",
    ),
    _c(
        HierarchyCode.REVERSED_INTERVAL,
        "error",
        "reversed or empty interval",
        "The end date is exclusive and must be after the start date.",
    ),
    _c(
        HierarchyCode.OVERLAPPING_DUPLICATE_LINKS,
        "error",
        "overlapping duplicate links",
        "Merge the two links into one interval or remove the copy.",
    ),
    _c(
        HierarchyCode.SIBLINGS_WITH_SAME_NAME,
        "warning",
        "sibling units with the same name",
        "Check whether the two units are one unit entered twice.",
    ),
    _c(
        HierarchyCode.NO_ADMIN_PARENT,
        "warning",
        "unit without an admin parent",
        "Link the unit to its parent, or declare it a root (roots.csv).",
    ),
    _c(HierarchyCode.MISSING_NAME, "error", "missing name", "Give the unit a name."),
    _c(
        HierarchyCode.UNKNOWN_ROOT,
        "error",
        "declared root is not a unit",
        "Correct the id in roots.csv.",
    ),
    # H02x: change events
    _c(
        HierarchyCode.EVENT_NAMES_UNKNOWN_UNIT,
        "error",
        "event names an unknown unit",
        "Correct the id in events.csv or add the unit.",
    ),
    _c(
        HierarchyCode.ENDED_UNIT_STILL_ALIVE,
        "error",
        "ended unit still alive or linked after the event",
        "Dissolve the unit on the event date and end its links then.",
    ),
    _c(
        HierarchyCode.SHARES_DO_NOT_SUM_TO_ONE,
        "error",
        "split or merge shares do not sum to 1",
        "Give one share per result, each in (0, 1], summing to 1.",
    ),
    _c(
        HierarchyCode.EVENT_RESULT_NOT_ALIVE,
        "error",
        "event result not alive on the event date",
        "Found the resulting unit on the event date (or earlier for absorb and move).",
    ),
    _c(
        HierarchyCode.MOVE_DISAGREES_WITH_LINKS,
        "error",
        "move event disagrees with the links",
        "Give the unit an admin link to the new parent starting on the event date.",
    ),
    _c(
        HierarchyCode.RENAME_WITHOUT_NEW_NAME,
        "error",
        "rename event without a new name",
        "Put the new name in the event.",
    ),
    _c(
        HierarchyCode.WRONG_NUMBER_OF_EVENT_UNITS,
        "error",
        "wrong number of units in an event",
        "merge: 2+ originals, 1 result; absorb: 1+ originals, 1 result; split: 1 original, "
        "2+ results; move: 1+ originals, 1 result (the new parent); found: 1+ results; "
        "dissolve and rename: 1+ originals.",
    ),
    _c(
        HierarchyCode.DUPLICATE_EVENT_ID,
        "error",
        "duplicate event id",
        "Give every event its own id.",
    ),
    _c(
        HierarchyCode.EVENT_DATE_DISAGREES,
        "error",
        "event date disagrees with the unit's dates",
        "A found event's date is the unit's founding date; a dissolve, merge or split "
        "event's date is the originals' dissolution date.",
    ),
    # Groups: clusters and blocks, H030-H034.
    _c(
        HierarchyCode.GROUP_NAMES_UNKNOWN,
        "error",
        "group names an unknown unit or group",
        "Correct the id in groups.csv or group_members.csv.",
    ),
    _c(
        HierarchyCode.MEMBER_OUTSIDE_LIFETIME,
        "error",
        "group member outside its lifetime",
        "Limit the membership to the years the unit exists.",
    ),
    _c(
        HierarchyCode.LEADER_NOT_A_MEMBER,
        "error",
        "group leader or deputy is not a member",
        "Add the unit as a member for that period, or choose another leader.",
    ),
    _c(
        HierarchyCode.DUPLICATE_GROUP_ID,
        "error",
        "duplicate group id",
        "Give every group its own id.",
    ),
    _c(
        HierarchyCode.TWO_LEADERS_AT_ONCE,
        "error",
        "two leaders of a group at the same time",
        "A cluster has one leader and one deputy per period.",
    ),
    # Indicators and figures, F001-F014.
    _c(
        FigureCode.UNKNOWN_UNIT,
        "error",
        "figure for an unknown unit",
        "Correct the unit id in figures.csv.",
    ),
    _c(
        FigureCode.UNKNOWN_INDICATOR,
        "error",
        "figure for an unknown indicator",
        "Correct the code or add the indicator to indicators.csv.",
    ),
    _c(
        FigureCode.UNIT_NOT_ALIVE,
        "error",
        "unit not alive during the period",
        "The unit must exist for the whole reporting period: check its dates.",
    ),
    _c(
        FigureCode.DUPLICATE_FIGURE,
        "error",
        "duplicate figure",
        "Keep one value per unit, indicator and period (or give different sources).",
    ),
    _c(
        FigureCode.NEGATIVE_COUNT,
        "error",
        "negative value for a count",
        "Counts cannot be negative.",
    ),
    _c(
        FigureCode.ZERO_DENOMINATOR,
        "error",
        "ratio with a zero denominator",
        "The denominator figure must be positive where the numerator is reported.",
    ),
    _c(
        FigureCode.WRONG_VALUE_TYPE,
        "error",
        "value of the wrong type for the indicator",
        "A distinct indicator takes keys (separated by ';'); the others take numbers.",
    ),
    _c(
        FigureCode.PERIOD_DOES_NOT_FIT,
        "error",
        "period does not fit the indicator",
        "Report an additive indicator over periods that do not overlap.",
    ),
    _c(
        FigureCode.UNREADABLE_VALUE,
        "error",
        "unreadable value",
        "Write numbers as 1585, 1.585 or 1,5.",
    ),
    _c(
        FigureCode.UNREADABLE_PERIOD,
        "error",
        "unreadable period",
        "Write periods as 2025, 2025-H1, 2025-Q3, quý III/2025 or năm học 2024-2025.",
    ),
    _c(
        FigureCode.REPORTED_TOTAL_DIFFERS,
        "warning",
        "reported total differs from the roll-up",
        "Check the units below: the reported figure and the computed sum disagree.",
    ),
    _c(
        FigureCode.INVALID_INDICATOR,
        "error",
        "invalid indicator definition",
        "Ratio needs numerator and denominator; mean needs a weight; codes must exist.",
    ),
    _c(
        FigureCode.DUPLICATE_INDICATOR_CODE,
        "error",
        "duplicate indicator code",
        "Give every indicator its own code.",
    ),
    _c(
        FigureCode.FIGURE_NOT_PLACED,
        "warning",
        "figure could not be placed in the structure",
        "A dissolved unit without successors cannot be restated: add lineage events.",
    ),
    _c(
        FigureCode.NUMERATOR_WITHOUT_DENOMINATOR,
        "warning",
        "ratio numerator without a positive denominator",
        "Report the denominator of the unit (or correct the numerator): the totals above "
        "count the numerator alone and are flagged unmatched_numerator.",
    ),
    _c(
        FigureCode.TOTAL_TOO_LARGE,
        "error",
        "total too large",
        "Check the figures for a misplaced exponent or unit: a total beyond about "
        "1.8e308 cannot be held and is left empty.",
    ),
    _c(
        FigureCode.UNIT_WORD_MISFIT,
        "warning",
        "unit word does not fit the indicator",
        "Write the number in the indicator's unit of measure: no %, đồng or scale word "
        "(nghìn, triệu, tỷ) in a count of people.",
    ),
    _c(
        FigureCode.FRACTIONAL_COUNT,
        "warning",
        "fractional value of a count",
        "A count of people or units is a whole number: check the cell (a decimal comma "
        "read as thousands, or an average).",
    ),
    # ---- A: awards and honours (issue 8; one block, kept apart for the per-family merge) ----
    _c(
        AwardCode.UNREADABLE_DOCUMENT_SYMBOL,
        "error",
        "unreadable document symbol",
        "Write the symbol as number/TYPE-ISSUER (80/KH-LĐLĐ, 1234/QĐ-TLĐ) or "
        "number/year/TYPE-ISSUER (98/2023/NĐ-CP).",
    ),
    _c(
        AwardCode.UNREADABLE_RATING,
        "error",
        "unreadable rating",
        "Write HTXS, HTT, HT or KHT, or the full phrase (Hoàn thành tốt nhiệm vụ …).",
    ),
    _c(
        AwardCode.UNREADABLE_DISCIPLINE_FORM,
        "error",
        "unreadable discipline form",
        "Write reprimand, warning, demotion, removal or dismissal (khiển trách, cảnh cáo, "
        "giáng chức, cách chức, buộc thôi việc).",
    ),
    _c(
        AwardCode.RULE_SET_OUT_OF_PERIOD,
        "warning",
        "proposal date outside the rule set's effective period",
        "Pass the rule set in force on the proposal date, or leave rules unset to choose it "
        "by the date.",
    ),
    _c(
        AwardCode.INVALID_HONOUR_ROW,
        "error",
        "invalid honour catalogue row",
        "Give every honour a code, a Vietnamese name and valid kind, recipient and type "
        "values (the message names the field).",
    ),
    _c(
        AwardCode.UNKNOWN_PERSON,
        "error",
        "unknown person",
        "Add the person to people.csv or correct the id (memberships, discipline, absences, "
        "initiative authors).",
    ),
    _c(
        AwardCode.UNKNOWN_UNIT,
        "error",
        "membership of an unknown unit",
        "Add the unit to units.csv or correct the unit id of the membership.",
    ),
    _c(
        AwardCode.UNKNOWN_SUBJECT,
        "error",
        "neither a person nor a unit",
        "A rating, award, registration or review names a person (people.csv) or a unit "
        "(units.csv): add it there or correct the id.",
    ),
    _c(
        AwardCode.UNKNOWN_HONOUR,
        "error",
        "unknown honour",
        "Use a code of the catalogue (thidua honours catalogue) or add the honour to honours.csv.",
    ),
    _c(
        AwardCode.UNKNOWN_INITIATIVE,
        "error",
        "unknown initiative",
        "Add the initiative to initiatives.csv or correct the id in the award's initiatives.",
    ),
    _c(
        AwardCode.OUTSIDE_LIFETIME,
        "error",
        "rating, award or membership outside its subject's lifetime",
        "A unit is rated, awarded and joined only between its founding and its dissolution, "
        "a person only after birth: check the dates, the period or the id.",
    ),
    _c(
        AwardCode.WRONG_RECIPIENT_KIND,
        "error",
        "honour for the wrong kind of recipient",
        "An individual honour goes to a person, a collective one to a unit: check the "
        "honour code or the recipient.",
    ),
    _c(
        AwardCode.DUPLICATE_RATING,
        "error",
        "two ratings for one subject and period",
        "Keep one rating per person or unit and period.",
    ),
    _c(
        AwardCode.INITIATIVE_REUSED,
        "error",
        "initiative used by two awards",
        "One achievement is rewarded once (Law 06/2022/QH15 Art. 6): remove the initiative "
        "from one of the awards, or revoke it.",
    ),
    _c(
        AwardCode.DECIDED_BEFORE_PERIOD,
        "error",
        "award decided before its achievement period began",
        "Check the decision date and the period the decision states.",
    ),
    _c(
        AwardCode.OVERLAPPING_MEMBERSHIPS,
        "error",
        "overlapping memberships of one person in one unit",
        "End the first membership on or before the day the next one starts (intervals are "
        "[from, to)), or merge them.",
    ),
    _c(
        AwardCode.UNREADABLE_PERIOD,
        "error",
        "unreadable period",
        "Write periods as 2024, năm học 2023-2024 or giai đoạn 2022-2024.",
    ),
    _c(
        AwardCode.REVERSED_INTERVAL,
        "error",
        "reversed or empty interval",
        "The end date (valid_to, an award's revoked_on) is exclusive and must be after the "
        "start date (valid_from, decided_on).",
    ),
    _c(
        AwardCode.DUPLICATE_ID,
        "error",
        "duplicate id",
        "Give every person, award and initiative its own id.",
    ),
    _c(
        AwardCode.NO_BONUS,
        "warning",
        "bonus not computable",
        "No multiplier or base salary is in force on the award's decision date, or a row "
        "of a multiplier or base-salary table cannot be read: add the rows "
        "(extend_multipliers, extend_base_salaries; --multipliers, --base-salary).",
    ),
    # ---- end of the A block ----
    # ---- C: campaigns, targets, contests, cluster scoring (issue 7) ----
    _c(
        CampaignCode.DUPLICATE_CAMPAIGN_ID,
        "error",
        "duplicate campaign id",
        "Give every campaign its own id.",
    ),
    _c(
        CampaignCode.UNKNOWN_CAMPAIGN,
        "error",
        "unknown campaign",
        "Add the campaign to campaigns.csv or correct the id (a parent, a target, a pledge, "
        "a work or a contest names it).",
    ),
    _c(
        CampaignCode.UNKNOWN_UNIT,
        "error",
        "unknown unit",
        "Add the unit to units.csv or correct the id (a launching unit, a scope, a target, "
        "a contest or a score names it).",
    ),
    _c(
        CampaignCode.UNKNOWN_GROUP,
        "error",
        "unknown group",
        "Add the cluster or block to groups.csv or correct the id (group:ID in a scope, or "
        "cluster_scores.group).",
    ),
    _c(
        CampaignCode.UNKNOWN_INDICATOR,
        "error",
        "target for an unknown indicator",
        "Use a code of the indicator catalogue, or add the indicator to indicators.csv.",
    ),
    _c(
        CampaignCode.UNREADABLE_DOCUMENT_SYMBOL,
        "error",
        "unreadable document symbol",
        "Write the symbol as number/TYPE-ISSUER (80/KH-LĐLĐ) or number/year/TYPE-ISSUER.",
    ),
    _c(
        CampaignCode.UNREADABLE_SCOPE,
        "error",
        "unreadable campaign scope",
        "Write a unit id, group:ID, a unit with relation:NAME, or a ;-separated list of "
        "unit ids and group:ID.",
    ),
    _c(
        CampaignCode.NO_PERIOD,
        "error",
        "campaign without a period",
        "Give the first and the last day (both inclusive); the last day must not be before "
        "the first.",
    ),
    _c(
        CampaignCode.PERIOD_OUTSIDE_PARENT,
        "error",
        "campaign runs outside the campaign it takes up",
        "A campaign taking up another must run within its period: correct the dates or the parent.",
    ),
    _c(
        CampaignCode.SCOPE_OUTSIDE_PARENT,
        "error",
        "campaign scope outside the campaign it takes up",
        "A campaign taking up another reaches only units of its scope: narrow the scope or "
        "correct the parent.",
    ),
    _c(
        CampaignCode.PARENT_CYCLE,
        "error",
        "campaigns take each other up in a cycle",
        "A campaign cannot take up itself or a campaign below it: correct the parent.",
    ),
    _c(
        CampaignCode.TARGETS_BELOW_OWN,
        "warning",
        "targets assigned below sum to less than the unit's own",
        "Raise the targets given to the units directly below, or check the unit's own target: "
        "the message gives both numbers.",
    ),
    _c(
        CampaignCode.DUPLICATE_TARGET,
        "error",
        "duplicate target",
        "Give one target per campaign, unit and indicator.",
    ),
    _c(
        CampaignCode.DUPLICATE_CONTEST_ID,
        "error",
        "duplicate contest id",
        "Give every contest its own id.",
    ),
    _c(
        CampaignCode.UNKNOWN_CONTEST,
        "error",
        "entry of an unknown contest",
        "Add the contest to contests.csv or correct the id of the entry.",
    ),
    _c(
        CampaignCode.SCORE_ABOVE_MAX,
        "error",
        "score above its maximum",
        "A criterion gives at most its maximum points: correct the score or the maximum.",
    ),
    _c(
        CampaignCode.DUPLICATE_SCORE,
        "error",
        "duplicate score",
        "Give one score per group, period, unit and criterion.",
    ),
    _c(
        CampaignCode.UNREADABLE_SCORE_PERIOD,
        "error",
        "unreadable scoring period",
        "Write the period as năm 2024, 6 tháng đầu năm 2025 or 2024-01-01/2025-01-01.",
    ),
    _c(
        CampaignCode.FIGURES_ONLY_OVERLAP,
        "warning",
        "figures only overlap the campaign's window",
        "A figure whose period runs past the campaign's start or report day cannot be cut in "
        "two: report the campaign's months (or the exact window) so that it counts.",
    ),
    _c(
        CampaignCode.UNIT_NOT_IN_REPORT_STRUCTURE,
        "warning",
        "unit not in the structure of the report day",
        "The unit ended during the campaign without successor: record its successor (a merge, "
        "absorb or split event) so that its pledges and works are counted somewhere.",
    ),
    # ---- end of the C block ----
    # ---- P: pledges and works (issue 7) ----
    _c(
        PledgeCode.DUPLICATE_PLEDGE_ID,
        "error",
        "duplicate pledge id",
        "Give every pledge its own id.",
    ),
    _c(
        PledgeCode.DUPLICATE_WORK_ID,
        "error",
        "duplicate work id",
        "Give every work its own id.",
    ),
    _c(
        PledgeCode.UNKNOWN_PLEDGER,
        "error",
        "unknown pledger",
        "Add the unit to units.csv or correct the pledger's id.",
    ),
    _c(
        PledgeCode.UNKNOWN_INDICATOR,
        "error",
        "pledge for an unknown indicator",
        "Use a code of the indicator catalogue, or add the indicator to indicators.csv.",
    ),
    _c(
        PledgeCode.PLEDGER_OUTSIDE_SCOPE,
        "error",
        "pledger outside the campaign's scope",
        "Only units in the campaign's scope on its first day take part: correct the pledger, "
        "the campaign or its scope.",
    ),
    _c(
        PledgeCode.PLEDGER_NOT_ALIVE,
        "error",
        "pledger does not exist during the campaign",
        "The unit was dissolved before the campaign began or founded after it ended: "
        "correct the pledger or the unit's dates.",
    ),
    _c(
        PledgeCode.REGISTERED_AFTER_END,
        "error",
        "registered after the campaign ended",
        "Correct the registration date, or the campaign the row belongs to.",
    ),
    _c(
        PledgeCode.COMPLETED_OUTSIDE_PERIOD,
        "error",
        "work completed outside the campaign's period",
        "A dedicated work is completed within its campaign: correct completed_on or the campaign.",
    ),
    _c(
        PledgeCode.COMPLETED_WITHOUT_DATE,
        "error",
        "completed work without a date",
        "Give completed_on (ngày hoàn thành) for every completed work.",
    ),
    _c(
        PledgeCode.FLAGSHIP_NOT_COMPLETED,
        "warning",
        "flagship work not completed",
        "Plaques (gắn biển) go to completed works: complete the work or clear flagship.",
    ),
    _c(
        PledgeCode.PLEDGE_WITHOUT_PLAN,
        "error",
        "pledge without an indicator or a plan",
        "Give the indicator and the planned value of every pledge.",
    ),
    _c(
        PledgeCode.PLEDGE_WITHOUT_RESULT,
        "warning",
        "pledge without result after its campaign ended",
        "No figure of the indicator reached the pledging unit within the campaign's period: "
        "collect its figures (or the figures of the units below it).",
    ),
    # ---- end of the P block ----
    # ---- R: proposals and quotas (issue 9 §1) ----
    _c(
        ProposalCode.DUPLICATE_PROPOSAL_ID,
        "error",
        "duplicate proposal id",
        "Give every proposal its own id.",
    ),
    _c(
        ProposalCode.STEP_NOT_ALLOWED,
        "error",
        "step not allowed by the workflow",
        "The workflow is draft → submitted → (returned → submitted)* → approved | rejected: "
        "correct the step or add the missing one.",
    ),
    _c(
        ProposalCode.STEPS_OUT_OF_ORDER,
        "error",
        "proposal steps out of date order",
        "List a proposal's steps in the order they were taken, with their dates.",
    ),
    _c(
        ProposalCode.STATUS_NOT_LAST_STEP,
        "error",
        "status does not match the last step",
        "A proposal's status is the status its last step moved it into: correct one of them.",
    ),
    _c(
        ProposalCode.UNKNOWN_PROPOSER,
        "error",
        "unknown proposing or deciding unit",
        "Add the unit to units.csv or correct the proposer, decided_by or by.",
    ),
    _c(
        ProposalCode.UNKNOWN_SUBJECT,
        "error",
        "unknown proposed subject",
        "The subject is a person of people.csv or a unit of units.csv: correct the id.",
    ),
    _c(
        ProposalCode.UNKNOWN_HONOUR,
        "error",
        "proposal for an unknown honour",
        "Use a code of the catalogue (thidua honours catalogue), or add it to honours.csv.",
    ),
    _c(
        ProposalCode.INELIGIBLE_SUBJECT,
        "error",
        "ineligible subject proposed",
        "Remove the proposal, or correct the data the failed conditions read "
        "(thidua honours eligible --subject ID explains them).",
    ),
    _c(
        ProposalCode.BEYOND_QUOTA,
        "error",
        "proposal beyond a quota",
        "Withdraw proposals until the quota holds (thidua honours propose ranks the candidates).",
    ),
    _c(
        ProposalCode.UNDER_REVIEW,
        "error",
        "subject under review on the submission date",
        "Nobody under disciplinary review, investigation or complaint is proposed (Law "
        "06/2022/QH15 Art. 6): withdraw the proposal or correct the review's dates.",
    ),
    _c(
        ProposalCode.UNKNOWN_PROPOSAL,
        "error",
        "step of an unknown proposal",
        "Add the proposal to proposals.csv or correct the step's proposal id.",
    ),
    # ---- end of the R block ----
]

CODES: Mapping[str, CodeInfo] = {info.code: info for info in _CATALOGUE}
"""Every problem code thidua can report, by code."""


@attrs.frozen(kw_only=True)
class Problem:
    """One problem found in the input.

    Attributes:
        code: stable code from :data:`CODES`, as plain text (a
            :class:`ProblemCode` member given is stored as its text).
        severity: error or warning.
        message: a sentence naming the objects by id and name.
        subject: the id of the object the problem is about.
        pointer: where the object came from.

    Examples:
        >>> Problem(code="H012", severity=Severity.WARNING, message="m").is_error
        False
    """

    code: str = attrs.field(converter=str)
    severity: Severity
    message: str
    subject: str | None = None
    pointer: Pointer | None = None

    @property
    def is_error(self) -> bool:
        """Whether the problem is an error (strict loaders fail on errors)."""
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, str | int | None]:
        """Return the problem as a JSON-ready dict.

        ``pointer`` is the pointer's text; ``file``, ``sheet``, ``row``,
        ``column`` and ``path`` are its fields (``None`` when absent), so that
        a program reading the JSON need not parse the text.

        Examples:
            >>> p = problem("H013", "unit 'A' has no name",
            ...             pointer=Pointer(file="units.csv", row=3, column="name"))
            >>> d = p.to_dict()
            >>> d["pointer"], d["file"], d["row"], d["column"], d["sheet"], d["path"]
            ('units.csv row 3, column name', 'units.csv', 3, 'name', None, None)

        .. versionchanged:: 0.2.0
           The pointer's fields besides its text.
        """
        at = self.pointer
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "subject": self.subject,
            "pointer": None if at is None else str(at),
            "file": None if at is None else at.file,
            "sheet": None if at is None else at.sheet,
            "row": None if at is None else at.row,
            "column": None if at is None else at.column,
            "path": None if at is None else at.path,
        }

    def __str__(self) -> str:
        where = f" [{self.pointer}]" if self.pointer is not None else ""
        return f"{self.code} {self.severity.value}: {self.message}{where}"


def problem(
    code: ProblemCode | str,
    message: str,
    *,
    subject: str | None = None,
    pointer: Pointer | None = None,
    severity: Severity | None = None,
) -> Problem:
    """Build a problem with the catalogue's default severity for *code*.

    Args:
        code: the code, a :class:`ProblemCode` member or its text.
        message: a sentence naming the objects.
        subject: the id of the object the problem is about.
        pointer: where the object came from.
        severity: overrides the catalogue's severity.

    Raises:
        KeyError: *code* is not in :data:`CODES` (a bug in thidua).

    Examples:
        >>> problem("H011", "same name").severity
        <Severity.WARNING: 'warning'>
        >>> problem(HierarchyCode.SIBLINGS_WITH_SAME_NAME, "same name").code
        'H011'

    .. versionchanged:: 0.2.0
       *code* may be a :class:`ProblemCode` member.
    """
    info = CODES[code]
    return Problem(
        code=str(code),
        severity=severity or info.severity,
        message=message,
        subject=subject,
        pointer=pointer,
    )


@attrs.frozen(repr=False)
class Report:
    """An ordered, immutable collection of problems with handy views.

    Examples:
        >>> r = Report((problem("H013", "no name"), problem("H011", "same name")))
        >>> len(r), len(r.errors), len(r.warnings), r.ok
        (2, 1, 1, False)
        >>> r.codes()
        ['H011', 'H013']
    """

    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems of severity error."""
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems of severity warning."""
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def ok(self) -> bool:
        """``True`` when there is no error (warnings allowed)."""
        return not any(p.is_error for p in self.problems)

    def codes(self) -> list[str]:
        """The sorted distinct codes present."""
        return sorted({p.code for p in self.problems})

    def by_code(self, code: str) -> tuple[Problem, ...]:
        """The problems with one code, in order."""
        return tuple(p for p in self.problems if p.code == code)

    def raise_if_errors(self) -> None:
        """Raise :class:`ThiduaValidationError` with all problems if any is an error.

        Examples:
            >>> Report(()).raise_if_errors()
        """
        if not self.ok:
            raise ThiduaValidationError(self.problems)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The problems as a JSON list of dicts (Vietnamese kept as is).

        Each dict is :meth:`Problem.to_dict`: the pointer's text and its fields.

        Examples:
            >>> Report((problem("H013", "đơn vị 'A' thiếu tên"),)).to_json(indent=None)[:40]
            '[{"code": "H013", "severity": "error", "'
        """
        return json.dumps([p.to_dict() for p in self.problems], ensure_ascii=False, indent=indent)

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready dict: the counts and every problem's dict.

        Examples:
            >>> d = Report((problem("H013", "no name", pointer=Pointer(file="u.csv", row=2)),))
            >>> d.to_dict()["errors"], d.to_dict()["problems"][0]["row"]
            (1, 2)

        .. versionadded:: 0.2.0
        """
        errors = sum(1 for p in self.problems if p.is_error)
        return {
            "ok": errors == 0,
            "errors": errors,
            "warnings": len(self.problems) - errors,
            "problems": [p.to_dict() for p in self.problems],
        }

    def __add__(self, other: Report | Iterable[Problem]) -> Report:
        extra = other.problems if isinstance(other, Report) else tuple(other)
        return Report(self.problems + extra)

    def __len__(self) -> int:
        return len(self.problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __bool__(self) -> bool:
        return bool(self.problems)

    @overload
    def __getitem__(self, index: int) -> Problem: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Problem, ...]: ...
    def __getitem__(self, index: int | slice) -> Problem | tuple[Problem, ...]:
        return self.problems[index]

    def __str__(self) -> str:
        if not self.problems:
            return "no problems"
        head = f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)"
        return "\n".join([head, *(str(p) for p in self.problems)])

    def __repr__(self) -> str:
        """One line, however many problems: the counts and the first codes.

        Examples:
            >>> Report((problem("H013", "a"), problem("H011", "b"), problem("H011", "c")))
            <Report 1 error, 2 warnings: H011 ×2, H013 ×1>
            >>> Report()
            <Report: no problems>
        """
        if not self.problems:
            return "<Report: no problems>"
        errors = sum(1 for p in self.problems if p.is_error)
        warnings = len(self.problems) - errors
        counts: dict[str, int] = {}
        for p in self.problems:
            counts[p.code] = counts.get(p.code, 0) + 1
        codes = sorted(counts)
        shown = ", ".join(f"{c} ×{counts[c]}" for c in codes[:_REPR_CODES])
        if len(codes) > _REPR_CODES:
            shown += f", … {len(codes) - _REPR_CODES} more codes"
        return (
            f"<Report {errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}: {shown}>"
        )

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:  # noqa: ANN401  # pragma: no cover
        p.text(str(self))

    def _repr_html_(self, max_rows: int = 50) -> str:
        """An HTML table of the first *max_rows* problems (for notebooks).

        Examples:
            >>> html = Report((problem("H013", "đơn vị <A> thiếu tên"),))._repr_html_()
            >>> "<table>" in html, "&lt;A&gt;" in html
            (True, True)
        """
        head = html.escape(repr(self))
        cells = ("code", "severity", "message", "subject", "where")
        rows = [
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(v))}</td>"
                for v in (
                    p.code,
                    p.severity.value,
                    p.message,
                    p.subject or "",
                    "" if p.pointer is None else p.pointer,
                )
            )
            + "</tr>"
            for p in self.problems[:max_rows]
        ]
        if len(self.problems) > max_rows:
            more = len(self.problems) - max_rows
            rows.append(f"<tr><td colspan='{len(cells)}'>… and {more:,} more</td></tr>")
        header = "".join(f"<th>{c}</th>" for c in cells)
        return (
            f"<div><p>{head}</p><table><thead><tr>{header}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )


_REPR_CODES = 8
"""Codes shown in a report's one-line repr."""


DEFAULT_MAX_PER_CODE = 1000
"""How many problems of one code a report lists before summing up the rest (``S030``).

.. versionadded:: 0.2.0
"""


def summary_problem(code: str, listed: int, total: int) -> Problem:
    """The ``S030`` problem standing for the problems of *code* beyond the *listed* ones.

    It has the severity of *code*, so that a report whose errors were cut
    still fails, and its message gives the true count.

    Examples:
        >>> print(summary_problem("H005", 1000, 1_999_000))  # doctest: +ELLIPSIS
        S030 error: … and 1,998,000 more H005 problems (two admin parents at the same time) ...
    """
    info = CODES[code]
    return Problem(
        code=StructureCode.MORE_PROBLEMS_THAN_LISTED,
        severity=info.severity,
        message=(
            f"… and {total - listed:,} more {code} problems ({info.title}) not listed: "
            f"{total:,} in all, of which the first {listed:,} are listed"
        ),
        subject=code,
    )


def cap_problems(
    problems: Iterable[Problem], max_per_code: int | None = DEFAULT_MAX_PER_CODE
) -> tuple[Problem, ...]:
    """Keep the first *max_per_code* problems of each code and sum up the rest.

    Each code with more problems gets one ``S030`` summary at the end (in
    code order) stating how many were left out; ``None`` keeps everything.
    Summaries already present are kept as they are.

    Complexity: O(problems).

    Examples:
        >>> many = [problem("H012", f"unit {i} has no admin parent") for i in range(5)]
        >>> [p.code for p in cap_problems(many, 2)]
        ['H012', 'H012', 'S030']
        >>> print(cap_problems(many, 2)[-1].message)  # doctest: +NORMALIZE_WHITESPACE
        … and 3 more H012 problems (unit without an admin parent) not listed: 5 in all,
        of which the first 2 are listed

    .. versionadded:: 0.2.0
    """
    if max_per_code is None:
        return tuple(problems)
    limit = max(0, max_per_code)
    counts: dict[str, int] = {}
    kept: list[Problem] = []
    for p in problems:
        seen = counts.get(p.code, 0) + 1
        counts[p.code] = seen
        if seen <= limit or p.code == _SUMMARY:
            kept.append(p)
    kept.extend(
        summary_problem(code, limit, total)
        for code, total in sorted(counts.items())
        if total > limit and code != _SUMMARY
    )
    return tuple(kept)


_SUMMARY = StructureCode.MORE_PROBLEMS_THAN_LISTED.value
