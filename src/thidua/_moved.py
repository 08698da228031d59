"""The 0.1 modules that moved in 0.2, and the warning their shims give.

Each old module stays importable as a shim: it re-exports the very same
objects from the new place (classes keep one definition, so ``isinstance``,
pickles and attrs identity hold) and warns once, on import, with the new path.

Examples:
    >>> MOVED["thidua.model"]
    'thidua.hierarchy'
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_moved("thidua.model")
    >>> print(caught[0].message)
    thidua.model is deprecated since 0.2.0: import its names from thidua.hierarchy

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

__all__ = ["MOVED", "warn_moved"]

MOVED: Mapping[str, str] = {
    "thidua.model": "thidua.hierarchy",
    "thidua.levels": "thidua.hierarchy",
    "thidua.snapshot": "thidua.hierarchy",
    "thidua.lineage": "thidua.hierarchy",
    "thidua.diff": "thidua.hierarchy",
    "thidua.validation": "thidua.hierarchy",
    "thidua.indicators": "thidua.figures",
    "thidua.indicators_io": "thidua.figures",
}
"""Each 0.1 module that moved, and the public module that now holds its names."""


def warn_moved(old: str) -> None:
    """Warn that the module ``old`` moved (called by each shim when imported).

    Args:
        old: the 0.1 module's name, a key of :data:`MOVED`.

    Raises:
        KeyError: ``old`` is not a moved module.
    """
    warnings.warn(
        f"{old} is deprecated since 0.2.0: import its names from {MOVED[old]}",
        DeprecationWarning,
        # shim -> importlib frames -> the importing line: name the shim's importer
        stacklevel=3,
    )
