"""thidua: emulation-and-commendation (thi đua, khen thưởng) data of Vietnamese organisations.

The public surface, by topic:

* records: :class:`Unit`, :class:`Link`, :class:`Group`, :class:`GroupMember`,
  :class:`ChangeEvent`, :class:`Dataset`; level schemes :class:`LevelScheme`,
  :data:`UNION_SCHEME`;
* the dated hierarchy: :class:`Hierarchy` (``as_of``, ``diff``, ``lineage``)
  and :class:`Snapshot`;
* input and output: :func:`read`, :func:`write` (CSV directories, Excel, JSON,
  YAML; more in :mod:`thidua.io`);
* the workspace (everything one input holds): :class:`Workspace`,
  :func:`read_workspace`, :func:`write_workspace`;
* checking: :func:`validate`, :func:`load`, :func:`check`, problem records
  :class:`Problem` and :class:`Report`, the code catalogue :data:`CODES`;
* periods and numbers: :class:`Period`, :func:`parse_period`,
  :func:`parse_number`, :func:`parse_actual_plan`;
* indicators and figures: :class:`Indicator`, :class:`Aggregation`,
  :data:`BUILTIN_INDICATORS`, :func:`load_catalogue`, :class:`Figures`,
  :class:`Figure`, :func:`read_figures_csv`, :func:`figures_from_pandas`,
  :func:`validate_figures`;
* roll-ups: :func:`roll_up` → :class:`RollUp` (coverage, reconciliation,
  provenance), :func:`roll_up_groups`, :func:`compare_relations`.

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
    InvalidArgumentError,
    MissingExtraError,
    PeriodParseError,
    ThiduaError,
    ThiduaValidationError,
    UnknownIndicatorError,
    UnknownUnitError,
    UnreadableInputError,
    ValueParseError,
)
from thidua.figures import (
    Figure,
    Figures,
    FiguresResult,
    Scope,
    figures_from_pandas,
    figures_from_polars,
    read_figures_csv,
    validate_figures,
    write_figures_csv,
)
from thidua.hierarchy import Hierarchy
from thidua.indicators import BUILTIN_INDICATORS, Aggregation, Indicator, IndicatorCatalogue
from thidua.indicators_io import load_catalogue, read_indicators_csv, write_indicators_csv
from thidua.io import LoadResult, read, write
from thidua.levels import UNION_SCHEME, Level, LevelScheme
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
from thidua.rollup import (
    Coverage,
    Discrepancy,
    GroupTotals,
    RollUp,
    RollUpRow,
    compare_relations,
    roll_up,
    roll_up_groups,
)
from thidua.snapshot import Snapshot
from thidua.values import ActualPlan, format_number_vi, parse_actual_plan, parse_number
from thidua.workspace import (
    Workspace,
    WorkspaceResult,
    check,
    load,
    read_workspace,
    validate,
    write_workspace,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "ADMIN",
    "BUILTIN_INDICATORS",
    "CODES",
    "UNION_SCHEME",
    "ActualPlan",
    "Aggregation",
    "ChangeEvent",
    "Coverage",
    "Dataset",
    "DateParseError",
    "Discrepancy",
    "EventKind",
    "Figure",
    "Figures",
    "FiguresResult",
    "FormatError",
    "Group",
    "GroupKind",
    "GroupMember",
    "GroupTotals",
    "Hierarchy",
    "Indicator",
    "IndicatorCatalogue",
    "InvalidArgumentError",
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
    "RollUp",
    "RollUpRow",
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
    "Workspace",
    "WorkspaceResult",
    "check",
    "compare_relations",
    "figures_from_pandas",
    "figures_from_polars",
    "format_number_vi",
    "load",
    "load_catalogue",
    "parse_actual_plan",
    "parse_number",
    "parse_period",
    "read",
    "read_figures_csv",
    "read_indicators_csv",
    "read_workspace",
    "roll_up",
    "roll_up_groups",
    "validate",
    "validate_figures",
    "write",
    "write_figures_csv",
    "write_indicators_csv",
    "write_workspace",
]
