"""thidua: emulation-and-commendation (thi đua, khen thưởng) data of Vietnamese organisations.

Examples:
    >>> import thidua
    >>> from thidua.testing import tiny_dataset
    >>> h = thidua.Hierarchy(tiny_dataset())
    >>> h.as_of("2025-07-01").parent("G1")
    'W1'
"""

from thidua.errors import (
    ThiduaError,
    ThiduaValidationError,
    UnknownUnitError,
)
from thidua.hierarchy import Hierarchy
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
from thidua.problems import CODES, Pointer, Problem, Report, Severity
from thidua.snapshot import Snapshot
from thidua.validation import validate

__version__ = "0.1.0.dev0"

__all__ = [
    "ADMIN",
    "CODES",
    "UNION_SCHEME",
    "ChangeEvent",
    "Dataset",
    "EventKind",
    "Group",
    "GroupKind",
    "GroupMember",
    "Hierarchy",
    "Level",
    "LevelScheme",
    "Link",
    "Pointer",
    "Problem",
    "Report",
    "Role",
    "Severity",
    "Snapshot",
    "ThiduaError",
    "ThiduaValidationError",
    "Unit",
    "UnknownUnitError",
]
