"""The validation as it was before the vectorised rewrite, kept as the test oracle.

A frozen copy of ``thidua.hierarchy`` (one record at a time, in pure Python
over the dataset's records) taken before the speed work of issue 6.  The
equivalence tests (``tests/test_validation_equivalence.py``) and the
national-size script (``benchmarks/validation_equivalence.py``) check that the
fast :func:`thidua.validate` reports exactly the same problems, in the same
order, as :func:`validate` here.  Do not change it, except to follow a
deliberate change of what the validation reports.
"""

from __future__ import annotations

from tests.reference_validation._context import Context
from tests.reference_validation._cycles import check_cycles
from tests.reference_validation._events import check_events
from tests.reference_validation._groups import check_groups
from tests.reference_validation._links import check_links
from tests.reference_validation._units import check_units
from thidua._dates import as_date
from thidua.hierarchy import Dataset, Hierarchy
from thidua.problems import DEFAULT_MAX_PER_CODE, Report
from thidua.typing import DateLike

__all__ = ["validate"]


def validate(
    data: Dataset | Hierarchy,
    *,
    on: DateLike | None = None,
    max_per_code: int | None = DEFAULT_MAX_PER_CODE,
) -> Report:
    """Check a dataset and return every problem found, in one pass.

    Args:
        data: the dataset, or a :class:`~thidua.hierarchy.Hierarchy` already
            built over it (its index is reused).
        on: restrict the date-dependent checks (cycles, two admin parents,
            rank inversions, units without parent, duplicate and sibling
            links, leaders) to the structure of that day.  Record checks
            (ids, kinds, names, intervals, lifetimes, events) always run.
        max_per_code: list at most this many problems of one code (default
            :data:`~thidua.problems.DEFAULT_MAX_PER_CODE`, 1,000); the rest of
            each such code are summed up in one ``S030`` problem of the same
            severity giving the true count.  ``None`` lists every problem.
            The cap keeps time and memory linear in the input however
            broken it is.

            .. versionadded:: 0.2.0

    Returns:
        The report; ``report.ok`` is ``True`` when there is no error.

    Complexity: O((units + links) log links) in numpy on valid data, plus
    O(problems).

    Examples:
        >>> from thidua.testing import tiny_dataset
        >>> validate(tiny_dataset(), on="2025-07-01").problems
        ()
    """
    hierarchy = data if isinstance(data, Hierarchy) else Hierarchy(data)
    ctx = Context(
        hierarchy,
        None if on is None else as_date(on).toordinal(),
        max(0, max_per_code) if max_per_code is not None else None,
    )
    check_units(ctx)
    check_links(ctx)
    check_cycles(ctx)
    check_events(ctx)
    check_groups(ctx)
    return ctx.report()
