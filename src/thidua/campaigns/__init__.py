"""Campaigns, their targets, pledges, dedicated works, contests and cluster scoring.

Emulation offices launch movements and campaigns (phong trào, đợt thi đua),
set targets (chỉ tiêu giao), collect pledges (đăng ký thi đua) and dedicated
works (công trình, phần việc) from the units below, hold contests (hội thi)
and score their clusters (giao ước thi đua của cụm, khối).  The tables live
in the workspace (``campaigns.csv`` …, declared in
``thidua/io/_schema_campaigns.py`` and ``_schema_contests.py``); this package
gives them as records, made on demand:

* the vocabularies: :class:`CampaignKind`, :class:`PledgeStatus`,
  :class:`WorkStatus`, :class:`DurationClass` (statistics form 0601),
  :data:`VOCABULARY` (their Vietnamese words);
* the records: :class:`Campaign`, :class:`CampaignTarget`, :class:`Pledge`,
  :class:`Work`, :class:`Contest`, :class:`ContestEntry`,
  :class:`ClusterScore`, and a campaign's :class:`Scope` (:func:`parse_scope`);
* the accessors: :func:`campaigns`, :func:`campaign` (by id or document
  symbol), :func:`campaign_targets`, :func:`pledges`, :func:`works`,
  :func:`contests`, :func:`contest_entries`, :func:`cluster_scores`,
  :func:`cascade`, :func:`scope_units`;
* the checks of the ``C`` and ``P`` codes: :func:`check_campaigns`,
  :func:`check_contests`.

Each name is imported from its private module on first use (PEP 562).

Examples:
    >>> from thidua.campaigns import CampaignKind, parse_scope
    >>> CampaignKind("regular").value, str(parse_scope("HK ; BD"))
    ('regular', 'HK;BD')

.. versionadded:: 0.3.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thidua._lazy import lazy_face

if TYPE_CHECKING:
    from thidua.campaigns._checks import (
        check_campaigns,
        check_contests,
    )
    from thidua.campaigns._enums import (
        VOCABULARY,
        CampaignKind,
        DurationClass,
        PledgeStatus,
        WorkStatus,
    )
    from thidua.campaigns._records import (
        Campaign,
        CampaignTarget,
        ClusterScore,
        Contest,
        ContestEntry,
        Pledge,
        Work,
        duration_class,
    )
    from thidua.campaigns._scope import (
        Scope,
        ScopeError,
        ScopeKind,
        parse_scope,
    )
    from thidua.campaigns._tables import (
        campaign,
        campaign_targets,
        campaigns,
        cascade,
        cluster_scores,
        contest_entries,
        contests,
        effective_scope,
        pledges,
        scope_units,
        table_problems,
        works,
    )

__all__ = [
    "VOCABULARY",
    "Campaign",
    "CampaignKind",
    "CampaignTarget",
    "ClusterScore",
    "Contest",
    "ContestEntry",
    "DurationClass",
    "Pledge",
    "PledgeStatus",
    "Scope",
    "ScopeError",
    "ScopeKind",
    "Work",
    "WorkStatus",
    "campaign",
    "campaign_targets",
    "campaigns",
    "cascade",
    "check_campaigns",
    "check_contests",
    "cluster_scores",
    "contest_entries",
    "contests",
    "duration_class",
    "effective_scope",
    "parse_scope",
    "pledges",
    "scope_units",
    "table_problems",
    "works",
]

# Each public name and the private module that defines it; the imports above
# are for type checkers only.
_EXPORTS: dict[str, str] = {
    "check_campaigns": "thidua.campaigns._checks",
    "check_contests": "thidua.campaigns._checks",
    "VOCABULARY": "thidua.campaigns._enums",
    "CampaignKind": "thidua.campaigns._enums",
    "DurationClass": "thidua.campaigns._enums",
    "PledgeStatus": "thidua.campaigns._enums",
    "WorkStatus": "thidua.campaigns._enums",
    "Campaign": "thidua.campaigns._records",
    "CampaignTarget": "thidua.campaigns._records",
    "ClusterScore": "thidua.campaigns._records",
    "Contest": "thidua.campaigns._records",
    "ContestEntry": "thidua.campaigns._records",
    "Pledge": "thidua.campaigns._records",
    "Work": "thidua.campaigns._records",
    "duration_class": "thidua.campaigns._records",
    "Scope": "thidua.campaigns._scope",
    "ScopeError": "thidua.campaigns._scope",
    "ScopeKind": "thidua.campaigns._scope",
    "parse_scope": "thidua.campaigns._scope",
    "campaign": "thidua.campaigns._tables",
    "campaign_targets": "thidua.campaigns._tables",
    "campaigns": "thidua.campaigns._tables",
    "cascade": "thidua.campaigns._tables",
    "cluster_scores": "thidua.campaigns._tables",
    "contest_entries": "thidua.campaigns._tables",
    "contests": "thidua.campaigns._tables",
    "effective_scope": "thidua.campaigns._tables",
    "pledges": "thidua.campaigns._tables",
    "scope_units": "thidua.campaigns._tables",
    "table_problems": "thidua.campaigns._tables",
    "works": "thidua.campaigns._tables",
}

# ---- evaluation (issue 7 §2): evaluate_campaign, its report, cluster standings, form 0601 ----
# Kept apart from the records' names above so that both lists can grow without conflicts.
if TYPE_CHECKING:
    from thidua.campaigns._evaluate import evaluate_campaign
    from thidua.campaigns._report import (
        CampaignReport,
        ClusterPeriod,
        ClusterStanding,
        ContestResult,
        PledgeResult,
        PledgeState,
        UnitResult,
        WorkCounts,
        attainment_text,
    )
    from thidua.campaigns._stats import Form0601, Form0601Row, cluster_standings, form_0601

_EVALUATION: dict[str, str] = {
    "evaluate_campaign": "thidua.campaigns._evaluate",
    "CampaignReport": "thidua.campaigns._report",
    "ClusterPeriod": "thidua.campaigns._report",
    "ClusterStanding": "thidua.campaigns._report",
    "ContestResult": "thidua.campaigns._report",
    "PledgeResult": "thidua.campaigns._report",
    "PledgeState": "thidua.campaigns._report",
    "UnitResult": "thidua.campaigns._report",
    "WorkCounts": "thidua.campaigns._report",
    "attainment_text": "thidua.campaigns._report",
    "Form0601": "thidua.campaigns._stats",
    "Form0601Row": "thidua.campaigns._stats",
    "cluster_standings": "thidua.campaigns._stats",
    "form_0601": "thidua.campaigns._stats",
}
_EXPORTS.update(_EVALUATION)
__all__ += [
    "CampaignReport",
    "ClusterPeriod",
    "ClusterStanding",
    "ContestResult",
    "Form0601",
    "Form0601Row",
    "PledgeResult",
    "PledgeState",
    "UnitResult",
    "WorkCounts",
    "attainment_text",
    "cluster_standings",
    "evaluate_campaign",
    "form_0601",
]
# ---- end of the evaluation block ----

if not TYPE_CHECKING:  # type checkers see the imports above, not a catch-all
    __getattr__, __dir__ = lazy_face(__name__, _EXPORTS, __all__)
