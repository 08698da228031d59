"""The workflow of a proposal (hồ sơ đề nghị khen thưởng): its statuses and the steps allowed.

A proposal is drafted, submitted to the deciding level, possibly returned
for correction and submitted again (any number of times), and finally
approved or rejected::

    draft → submitted → (returned → submitted)* → approved | rejected

Each row of ``proposal_steps`` moves a proposal *into* a status, so a step
and a status share one vocabulary, :class:`ProposalStatus`.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Mapping

__all__ = ["ALLOWED_STEPS", "STATUS_WORDS", "ProposalStatus", "allowed_after"]


class ProposalStatus(enum.Enum):
    """The status of a proposal, and the step that moves it there.

    Examples:
        >>> ProposalStatus("returned").label_vi
        'trả lại'
        >>> [s.name for s in allowed_after(ProposalStatus.SUBMITTED)]
        ['RETURNED', 'APPROVED', 'REJECTED']

    .. versionadded:: 0.3.0
    """

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def label_vi(self) -> str:
        """The Vietnamese word (dự thảo, đã trình, trả lại, đã duyệt, không duyệt)."""
        return _VI[self]

    @property
    def final(self) -> bool:
        """Whether no step may follow (approved or rejected)."""
        return not ALLOWED_STEPS[self]


_VI = {
    ProposalStatus.DRAFT: "dự thảo",
    ProposalStatus.SUBMITTED: "đã trình",
    ProposalStatus.RETURNED: "trả lại",
    ProposalStatus.APPROVED: "đã duyệt",
    ProposalStatus.REJECTED: "không duyệt",
}

_WORDS = {
    "draft": ("dự thảo", "nháp"),
    "submitted": ("đã trình", "trình"),
    "returned": ("trả lại", "yêu cầu bổ sung"),
    "approved": ("đã duyệt", "phê duyệt"),
    "rejected": ("không duyệt", "từ chối"),
}


def _stripped(word: str) -> str:
    """The word without diacritics ("đã trình" → "da trinh")."""
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


STATUS_WORDS: Mapping[str, tuple[str, ...]] = {
    status: (*words, _stripped(words[0])) for status, words in _WORDS.items()
}
"""The words read for each status (any case; the first also without diacritics)."""

ALLOWED_STEPS: Mapping[ProposalStatus | None, tuple[ProposalStatus, ...]] = {
    None: (ProposalStatus.DRAFT,),
    ProposalStatus.DRAFT: (ProposalStatus.SUBMITTED,),
    ProposalStatus.SUBMITTED: (
        ProposalStatus.RETURNED,
        ProposalStatus.APPROVED,
        ProposalStatus.REJECTED,
    ),
    ProposalStatus.RETURNED: (ProposalStatus.SUBMITTED,),
    ProposalStatus.APPROVED: (),
    ProposalStatus.REJECTED: (),
}
"""The steps allowed after each status (``None``: before the first step)."""


def allowed_after(status: ProposalStatus | None) -> tuple[ProposalStatus, ...]:
    """The steps the workflow allows after *status* (``None``: the first step).

    Examples:
        >>> allowed_after(None)
        (<ProposalStatus.DRAFT: 'draft'>,)
        >>> allowed_after(ProposalStatus.APPROVED)
        ()

    .. versionadded:: 0.3.0
    """
    return ALLOWED_STEPS[status]
