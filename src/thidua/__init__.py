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

``import thidua`` is cheap: each public name is imported from its module on
first use (``thidua.Hierarchy`` imports :mod:`thidua.hierarchy` and what it
needs), and so is each submodule (``thidua.io``).

Examples:
    >>> import thidua
    >>> from thidua.testing import tiny_dataset
    >>> h = thidua.Hierarchy(tiny_dataset())
    >>> h.as_of("2025-07-01").parent("G1")
    'W1'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
        BUILTIN_INDICATORS,
        Aggregation,
        Figure,
        Figures,
        FiguresResult,
        Indicator,
        IndicatorCatalogue,
        Scope,
        figures_from_pandas,
        figures_from_polars,
        load_catalogue,
        read_figures_csv,
        read_indicators_csv,
        validate_figures,
        write_figures_csv,
        write_indicators_csv,
    )
    from thidua.hierarchy import (
        ADMIN,
        UNION_SCHEME,
        ChangeEvent,
        Dataset,
        EventKind,
        Group,
        GroupKind,
        GroupMember,
        Hierarchy,
        Level,
        LevelScheme,
        Link,
        Role,
        Snapshot,
        Unit,
    )
    from thidua.io import LoadResult, read, write
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

# Each public name and the module that defines it: imported on first use
# (PEP 562), so that ``import thidua`` does not load numpy, networkx,
# pendulum and cattrs.  The imports above are for type checkers only;
# tests/test_lazy_imports.py keeps the three lists (imports, this table,
# ``__all__``) in step.
_EXPORTS: dict[str, str] = {
    "DateParseError": "thidua.errors",
    "FormatError": "thidua.errors",
    "InvalidArgumentError": "thidua.errors",
    "MissingExtraError": "thidua.errors",
    "PeriodParseError": "thidua.errors",
    "ThiduaError": "thidua.errors",
    "ThiduaValidationError": "thidua.errors",
    "UnknownIndicatorError": "thidua.errors",
    "UnknownUnitError": "thidua.errors",
    "UnreadableInputError": "thidua.errors",
    "ValueParseError": "thidua.errors",
    "Figure": "thidua.figures",
    "Figures": "thidua.figures",
    "FiguresResult": "thidua.figures",
    "Scope": "thidua.figures",
    "figures_from_pandas": "thidua.figures",
    "figures_from_polars": "thidua.figures",
    "read_figures_csv": "thidua.figures",
    "validate_figures": "thidua.figures",
    "write_figures_csv": "thidua.figures",
    "Hierarchy": "thidua.hierarchy",
    "Aggregation": "thidua.figures",
    "BUILTIN_INDICATORS": "thidua.figures",
    "Indicator": "thidua.figures",
    "IndicatorCatalogue": "thidua.figures",
    "load_catalogue": "thidua.figures",
    "read_indicators_csv": "thidua.figures",
    "write_indicators_csv": "thidua.figures",
    "LoadResult": "thidua.io",
    "read": "thidua.io",
    "write": "thidua.io",
    "Level": "thidua.hierarchy",
    "LevelScheme": "thidua.hierarchy",
    "UNION_SCHEME": "thidua.hierarchy",
    "check": "thidua.workspace",
    "load": "thidua.workspace",
    "Workspace": "thidua.workspace",
    "WorkspaceResult": "thidua.workspace",
    "read_workspace": "thidua.workspace",
    "write_workspace": "thidua.workspace",
    "ADMIN": "thidua.hierarchy",
    "ChangeEvent": "thidua.hierarchy",
    "Dataset": "thidua.hierarchy",
    "EventKind": "thidua.hierarchy",
    "Group": "thidua.hierarchy",
    "GroupKind": "thidua.hierarchy",
    "GroupMember": "thidua.hierarchy",
    "Link": "thidua.hierarchy",
    "Role": "thidua.hierarchy",
    "Unit": "thidua.hierarchy",
    "Period": "thidua.periods",
    "PeriodKind": "thidua.periods",
    "parse_period": "thidua.periods",
    "CODES": "thidua.problems",
    "Pointer": "thidua.problems",
    "Problem": "thidua.problems",
    "Report": "thidua.problems",
    "Severity": "thidua.problems",
    "Coverage": "thidua.rollup",
    "Discrepancy": "thidua.rollup",
    "GroupTotals": "thidua.rollup",
    "RollUp": "thidua.rollup",
    "RollUpRow": "thidua.rollup",
    "compare_relations": "thidua.rollup",
    "roll_up": "thidua.rollup",
    "roll_up_groups": "thidua.rollup",
    "Snapshot": "thidua.hierarchy",
    "validate": "thidua.workspace",
    "ActualPlan": "thidua.values",
    "format_number_vi": "thidua.values",
    "parse_actual_plan": "thidua.values",
    "parse_number": "thidua.values",
}

if not TYPE_CHECKING:  # type checkers see the imports above, not a catch-all

    def __getattr__(name: str) -> object:
        """Import a public name or a submodule of thidua on first use."""
        module = _EXPORTS.get(name)
        if module is not None:
            value = getattr(importlib.import_module(module), name)
            globals()[name] = value
            return value
        if not name.startswith("__"):
            try:
                return importlib.import_module(f"{__name__}.{name}")
            except ModuleNotFoundError as error:
                if error.name != f"{__name__}.{name}":
                    raise
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)


def __dir__() -> list[str]:
    """The module's names, including the public ones not imported yet."""
    return sorted({*globals(), *__all__})
