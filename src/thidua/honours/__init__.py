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
from thidua.honours._workspace import CatalogueCheck, catalogue, catalogue_check

from thidua.honours._workflow import ALLOWED_STEPS, STATUS_WORDS, ProposalStatus, allowed_after  # isort: skip
from thidua.honours._proposal_tables import Proposal, ProposalStep, proposal_steps, proposals  # isort: skip
from thidua.honours._quotas import (  # isort: skip
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
from thidua.honours._proposals import (  # isort: skip
    CLUSTER_HONOURS,
    DEFAULT_ORDER,
    ORDERINGS,
    Candidate,
    ProposalList,
    propose,
)
from thidua.honours._proposal_checks import check_proposals  # isort: skip
from thidua.honours._bulk import BulkProposals, propose_all  # isort: skip

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
