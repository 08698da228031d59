"""thidua: emulation-and-commendation (thi đua, khen thưởng) data of Vietnamese organisations.

The public surface, by topic:

* records: :class:`Unit`, :class:`Link`, :class:`Group`, :class:`GroupMember`,
  :class:`ChangeEvent`, :class:`Dataset`; level schemes :class:`LevelScheme`,
  :data:`UNION_SCHEME`;
* the dated hierarchy: :class:`Hierarchy` (``as_of``, ``diff``, ``lineage``)
  and :class:`Snapshot`;
* input and output: :func:`read`, :func:`write` (CSV directories, Excel, JSON,
  YAML; more in :mod:`thidua.io`);
* checking: :func:`validate`, :func:`load`, :func:`check`, problem records
  :class:`Problem` and :class:`Report`, the code catalogue :data:`CODES`;
* periods and numbers: :class:`Period`, :func:`parse_period`,
  :func:`parse_number`, :func:`parse_actual_plan`;
* indicators and figures: :class:`Indicator`, :class:`Aggregation`,
  :data:`BUILTIN_INDICATORS`, :class:`Figures`, :class:`Figure`.

Examples:
    >>> import thidua
    >>> from thidua.testing import tiny_dataset
    >>> h = thidua.Hierarchy(tiny_dataset())
    >>> h.as_of("2025-07-01").parent("G1")
    'W1'
"""

from thidua.errors import (
    DateParseError,
    FormatError,
    MissingExtraError,
    PeriodParseError,
    ThiduaError,
    ThiduaValidationError,
    UnknownIndicatorError,
    UnknownUnitError,
    UnreadableInputError,
    ValueParseError,
)
from thidua.figures import Figure, Figures, Scope
from thidua.hierarchy import Hierarchy
from thidua.io import LoadResult, read, write
from thidua.indicators import BUILTIN_INDICATORS, Aggregation, Indicator, IndicatorCatalogue
from thidua.levels import UNION_SCHEME, Level, LevelScheme
from thidua.loading import check, load
from thidua.model import (
    ADMIN,
    ChangeEvent,
    Dataset,
    EventKind,
    Group,
    GroupKind,
    GroupMember,
    Link,
    Role,
    Unit,
)
from thidua.periods import Period, PeriodKind, parse_period
from thidua.problems import CODES, Pointer, Problem, Report, Severity
from thidua.snapshot import Snapshot
from thidua.validation import validate
from thidua.values import ActualPlan, format_number_vi, parse_actual_plan, parse_number

__version__ = "0.1.0.dev0"

__all__ = [
    "ADMIN",
    "BUILTIN_INDICATORS",
    "CODES",
    "UNION_SCHEME",
    "ActualPlan",
    "Aggregation",
    "ChangeEvent",
    "Dataset",
    "DateParseError",
    "EventKind",
    "Figure",
    "FormatError",
    "Figures",
    "Group",
    "GroupKind",
    "GroupMember",
    "Hierarchy",
    "Indicator",
    "IndicatorCatalogue",
    "Level",
    "LevelScheme",
    "Link",
    "LoadResult",
    "MissingExtraError",
    "Period",
    "PeriodKind",
    "PeriodParseError",
    "Pointer",
    "Problem",
    "Report",
    "Role",
    "Scope",
    "Severity",
    "Snapshot",
    "ThiduaError",
    "ThiduaValidationError",
    "Unit",
    "UnknownIndicatorError",
    "UnknownUnitError",
    "UnreadableInputError",
    "ValueParseError",
    "check",
    "format_number_vi",
    "load",
    "parse_actual_plan",
    "parse_number",
    "parse_period",
    "read",
    "validate",
    "write",
]
