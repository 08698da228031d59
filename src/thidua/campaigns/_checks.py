"""The checks of the campaign tables (``C`` and ``P`` codes), in one pass.

:func:`check_campaigns` checks ``campaigns``, ``campaign_targets``,
``pledges`` and ``works``; :func:`check_contests` checks ``contests``,
``contest_entries`` and ``cluster_scores``.  The schema modules name them
(``CHECK``), so :func:`thidua.workspace.validate` and ``thidua validate`` run
them with every other check.

.. versionadded:: 0.3.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thidua.campaigns._tables import table_problems
from thidua.problems import Problem, Report

if TYPE_CHECKING:
    from thidua.workspace import Workspace

__all__ = ["check_campaigns", "check_contests"]


def check_campaigns(workspace: Workspace) -> Report:
    """Check the campaigns, their targets, the pledges and the works of a workspace.

    Examples:
        >>> from thidua.workspace import Workspace
        >>> check_campaigns(Workspace()).ok
        True
    """
    problems: list[Problem] = []
    for name in ("campaigns", "campaign_targets", "pledges", "works"):
        problems.extend(table_problems(workspace, name))
    return Report(tuple(problems))


def check_contests(workspace: Workspace) -> Report:
    """Check the contests, their entries and the cluster scoring tables of a workspace.

    Examples:
        >>> from thidua.workspace import Workspace
        >>> check_contests(Workspace()).ok
        True
    """
    problems: list[Problem] = []
    for name in ("contests", "contest_entries", "cluster_scores"):
        problems.extend(table_problems(workspace, name))
    return Report(tuple(problems))
