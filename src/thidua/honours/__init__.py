"""Honours: the catalogue, composable conditions, rule sets by legal instrument, eligibility.

The engine evaluates one honour for one period over a whole
:class:`~thidua.people.History` at once and explains every verdict on demand.
On a :class:`~thidua.workspace.Workspace` (``eligibility(workspace, honour,
period)``) it takes the history of :func:`thidua.people.history`, the
catalogue of :func:`catalogue` (the shipped one extended by the workspace's
``honours`` table) and refuses data the people checks find errors in.

:func:`revoke_impact` re-checks, without a revoked award, every award that
rested on it; :func:`bonus`, :func:`bonuses` and :func:`bonus_totals` compute
the bonus money by the decree's multipliers and the base salary of the
decision date (shipped as data: :func:`load_multipliers`,
:func:`load_base_salaries`).  :func:`propose_all` proposes for every unit at
once (the national scale).

Examples:
    >>> from thidua.people import History, Membership, Rating
    >>> h = History.from_records(
    ...     memberships=[Membership(person="P1", unit="CD1", valid_from="2020-01-01")],
    ...     ratings=[Rating(subject="P1", period="2024", rating="HTXS")])
    >>> result = eligibility(h, load_catalogue(), "CSTDCS", "2024")
    >>> result.eligible_subjects(), result.rule_set.id
    (('P1',), 'vn-2024')

.. versionadded:: 0.3.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thidua._lazy import lazy_face

if TYPE_CHECKING:
    from thidua.honours._bulk import BulkProposals, propose_all
    from thidua.honours._catalogue import (
        Catalogue,
        CommendationType,
        Honour,
        HonourKind,
        Recipient,
        extend_catalogue,
        load_catalogue,
    )
    from thidua.honours._conditions import (
        AbsentLess,
        All,
        AnyMemberHolds,
        AnyOf,
        BenefitAtLeast,
        Condition,
        ConsecutiveAwards,
        ConsecutiveHolds,
        ConsecutiveRated,
        EveryMemberRated,
        HoldsAtAll,
        Initiatives,
        InPost,
        Meets,
        MemberShare,
        NoDiscipline,
        Not,
        NotUnderReview,
        RatedAtLeast,
        Registered,
    )
    from thidua.honours._context import last_step, previous_period
    from thidua.honours._eligibility import Eligibility, Explanation, Verdict, eligibility
    from thidua.honours._money import (
        BONUS_AWARDS,
        BONUS_PAID,
        ROUNDING_STEP,
        Bonus,
        Bonuses,
        bonus,
        bonus_totals,
        bonuses,
        recipient_factor,
        round_up,
    )
    from thidua.honours._money_tables import (
        BaseSalary,
        BaseSalaryTable,
        Multiplier,
        MultiplierTable,
        extend_base_salaries,
        extend_multipliers,
        load_base_salaries,
        load_multipliers,
    )
    from thidua.honours._proposal_checks import check_proposals
    from thidua.honours._proposal_tables import Proposal, ProposalStep, proposal_steps, proposals
    from thidua.honours._proposals import (
        CLUSTER_HONOURS,
        DEFAULT_ORDER,
        ORDERINGS,
        Candidate,
        ProposalList,
        propose,
    )
    from thidua.honours._quotas import (
        RULE_SET_QUOTAS,
        ClusterLeaderQuota,
        ProposerQuota,
        Quota,
        ShareQuota,
        ThemeQuota,
        quota_limit,
        quotas_from_data,
        rule_set_quotas,
    )
    from thidua.honours._revocation import (
        Impact,
        RevocationImpact,
        Withdrawn,
        references,
        revoke_impact,
    )
    from thidua.honours._ruledata import condition_from_data, rule_set_from_data
    from thidua.honours._rulesets import (
        RULE_SETS,
        Rule,
        RuleSet,
        choose_rule_set,
        derive_rule_set,
        get_rule_set,
    )
    from thidua.honours._workflow import ALLOWED_STEPS, STATUS_WORDS, ProposalStatus, allowed_after
    from thidua.honours._workspace import CatalogueCheck, catalogue, catalogue_check

_EXPORTS: dict[str, str] = {
    "ALLOWED_STEPS": "thidua.honours._workflow",
    "AbsentLess": "thidua.honours._conditions",
    "All": "thidua.honours._conditions",
    "AnyMemberHolds": "thidua.honours._conditions",
    "AnyOf": "thidua.honours._conditions",
    "BONUS_AWARDS": "thidua.honours._money",
    "BONUS_PAID": "thidua.honours._money",
    "BaseSalary": "thidua.honours._money_tables",
    "BaseSalaryTable": "thidua.honours._money_tables",
    "BenefitAtLeast": "thidua.honours._conditions",
    "Bonus": "thidua.honours._money",
    "Bonuses": "thidua.honours._money",
    "BulkProposals": "thidua.honours._bulk",
    "CLUSTER_HONOURS": "thidua.honours._proposals",
    "Candidate": "thidua.honours._proposals",
    "Catalogue": "thidua.honours._catalogue",
    "CatalogueCheck": "thidua.honours._workspace",
    "ClusterLeaderQuota": "thidua.honours._quotas",
    "CommendationType": "thidua.honours._catalogue",
    "Condition": "thidua.honours._conditions",
    "ConsecutiveAwards": "thidua.honours._conditions",
    "ConsecutiveHolds": "thidua.honours._conditions",
    "ConsecutiveRated": "thidua.honours._conditions",
    "DEFAULT_ORDER": "thidua.honours._proposals",
    "Eligibility": "thidua.honours._eligibility",
    "EveryMemberRated": "thidua.honours._conditions",
    "Explanation": "thidua.honours._eligibility",
    "HoldsAtAll": "thidua.honours._conditions",
    "Honour": "thidua.honours._catalogue",
    "HonourKind": "thidua.honours._catalogue",
    "Impact": "thidua.honours._revocation",
    "InPost": "thidua.honours._conditions",
    "Initiatives": "thidua.honours._conditions",
    "Meets": "thidua.honours._conditions",
    "MemberShare": "thidua.honours._conditions",
    "Multiplier": "thidua.honours._money_tables",
    "MultiplierTable": "thidua.honours._money_tables",
    "NoDiscipline": "thidua.honours._conditions",
    "Not": "thidua.honours._conditions",
    "NotUnderReview": "thidua.honours._conditions",
    "ORDERINGS": "thidua.honours._proposals",
    "Proposal": "thidua.honours._proposal_tables",
    "ProposalList": "thidua.honours._proposals",
    "ProposalStatus": "thidua.honours._workflow",
    "ProposalStep": "thidua.honours._proposal_tables",
    "ProposerQuota": "thidua.honours._quotas",
    "Quota": "thidua.honours._quotas",
    "ROUNDING_STEP": "thidua.honours._money",
    "RULE_SETS": "thidua.honours._rulesets",
    "RULE_SET_QUOTAS": "thidua.honours._quotas",
    "RatedAtLeast": "thidua.honours._conditions",
    "Recipient": "thidua.honours._catalogue",
    "Registered": "thidua.honours._conditions",
    "RevocationImpact": "thidua.honours._revocation",
    "Rule": "thidua.honours._rulesets",
    "RuleSet": "thidua.honours._rulesets",
    "STATUS_WORDS": "thidua.honours._workflow",
    "ShareQuota": "thidua.honours._quotas",
    "ThemeQuota": "thidua.honours._quotas",
    "Verdict": "thidua.honours._eligibility",
    "Withdrawn": "thidua.honours._revocation",
    "allowed_after": "thidua.honours._workflow",
    "bonus": "thidua.honours._money",
    "bonus_totals": "thidua.honours._money",
    "bonuses": "thidua.honours._money",
    "catalogue": "thidua.honours._workspace",
    "catalogue_check": "thidua.honours._workspace",
    "check_proposals": "thidua.honours._proposal_checks",
    "choose_rule_set": "thidua.honours._rulesets",
    "condition_from_data": "thidua.honours._ruledata",
    "derive_rule_set": "thidua.honours._rulesets",
    "eligibility": "thidua.honours._eligibility",
    "extend_base_salaries": "thidua.honours._money_tables",
    "extend_catalogue": "thidua.honours._catalogue",
    "extend_multipliers": "thidua.honours._money_tables",
    "get_rule_set": "thidua.honours._rulesets",
    "last_step": "thidua.honours._context",
    "load_base_salaries": "thidua.honours._money_tables",
    "load_catalogue": "thidua.honours._catalogue",
    "load_multipliers": "thidua.honours._money_tables",
    "previous_period": "thidua.honours._context",
    "proposal_steps": "thidua.honours._proposal_tables",
    "proposals": "thidua.honours._proposal_tables",
    "propose": "thidua.honours._proposals",
    "propose_all": "thidua.honours._bulk",
    "quota_limit": "thidua.honours._quotas",
    "quotas_from_data": "thidua.honours._quotas",
    "recipient_factor": "thidua.honours._money",
    "references": "thidua.honours._revocation",
    "revoke_impact": "thidua.honours._revocation",
    "round_up": "thidua.honours._money",
    "rule_set_from_data": "thidua.honours._ruledata",
    "rule_set_quotas": "thidua.honours._quotas",
}

__all__ = [
    "ALLOWED_STEPS",
    "BONUS_AWARDS",
    "BONUS_PAID",
    "CLUSTER_HONOURS",
    "DEFAULT_ORDER",
    "ORDERINGS",
    "ROUNDING_STEP",
    "RULE_SETS",
    "RULE_SET_QUOTAS",
    "STATUS_WORDS",
    "AbsentLess",
    "All",
    "AnyMemberHolds",
    "AnyOf",
    "BaseSalary",
    "BaseSalaryTable",
    "BenefitAtLeast",
    "Bonus",
    "Bonuses",
    "BulkProposals",
    "Candidate",
    "Catalogue",
    "CatalogueCheck",
    "ClusterLeaderQuota",
    "CommendationType",
    "Condition",
    "ConsecutiveAwards",
    "ConsecutiveHolds",
    "ConsecutiveRated",
    "Eligibility",
    "EveryMemberRated",
    "Explanation",
    "HoldsAtAll",
    "Honour",
    "HonourKind",
    "Impact",
    "InPost",
    "Initiatives",
    "Meets",
    "MemberShare",
    "Multiplier",
    "MultiplierTable",
    "NoDiscipline",
    "Not",
    "NotUnderReview",
    "Proposal",
    "ProposalList",
    "ProposalStatus",
    "ProposalStep",
    "ProposerQuota",
    "Quota",
    "RatedAtLeast",
    "Recipient",
    "Registered",
    "RevocationImpact",
    "Rule",
    "RuleSet",
    "ShareQuota",
    "ThemeQuota",
    "Verdict",
    "Withdrawn",
    "allowed_after",
    "bonus",
    "bonus_totals",
    "bonuses",
    "catalogue",
    "catalogue_check",
    "check_proposals",
    "choose_rule_set",
    "condition_from_data",
    "derive_rule_set",
    "eligibility",
    "extend_base_salaries",
    "extend_catalogue",
    "extend_multipliers",
    "get_rule_set",
    "last_step",
    "load_base_salaries",
    "load_catalogue",
    "load_multipliers",
    "previous_period",
    "proposal_steps",
    "proposals",
    "propose",
    "propose_all",
    "quota_limit",
    "quotas_from_data",
    "recipient_factor",
    "references",
    "revoke_impact",
    "round_up",
    "rule_set_from_data",
    "rule_set_quotas",
]

if not TYPE_CHECKING:  # type checkers see the imports above, not a catch-all
    __getattr__, __dir__ = lazy_face(__name__, _EXPORTS, __all__)
