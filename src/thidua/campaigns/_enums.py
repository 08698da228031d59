"""The fixed vocabularies of campaigns, pledges and works, with their Vietnamese words.

Each enum's values are the English words written in files; :data:`VOCABULARY`
gives the Vietnamese words a reader accepts for each value (matched without
regard to case, spacing or tone placement).

Examples:
    >>> CampaignKind("thematic"), PledgeStatus.ACTIVE.value
    (<CampaignKind.THEMATIC: 'thematic'>, 'active')
    >>> VOCABULARY[WorkStatus]["completed"]
    ('hoàn thành', 'đã hoàn thành')

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

__all__ = ["VOCABULARY", "CampaignKind", "DurationClass", "PledgeStatus", "WorkStatus"]


class CampaignKind(enum.Enum):
    """The two kinds of emulation movement: regular and thematic.

    Law on Emulation and Commendation 06/2022/QH15, Art. 8; statistics form 0601
    of Circular 02/2023/TT-BNV.

    Examples:
        >>> [k.value for k in CampaignKind]
        ['regular', 'thematic']

    .. versionadded:: 0.3.0
    """

    REGULAR = "regular"
    """Thường xuyên: run every year."""
    THEMATIC = "thematic"
    """Theo chuyên đề, theo đợt: a theme, or a campaign period (đợt cao điểm)."""


class PledgeStatus(enum.Enum):
    """Whether a pledge still counts.

    Examples:
        >>> PledgeStatus("cancelled").name
        'CANCELLED'

    .. versionadded:: 0.3.0
    """

    ACTIVE = "active"
    """Registered and standing (the default)."""
    CANCELLED = "cancelled"
    """Withdrawn: left out of the evaluation and counted apart."""


class WorkStatus(enum.Enum):
    """Where a dedicated work (công trình, phần việc) stands.

    Examples:
        >>> WorkStatus.COMPLETED.value
        'completed'

    .. versionadded:: 0.3.0
    """

    REGISTERED = "registered"
    """Registered, not started (the default)."""
    IN_PROGRESS = "in_progress"
    """Being carried out."""
    COMPLETED = "completed"
    """Finished (``completed_on`` says when)."""
    CANCELLED = "cancelled"
    """Given up."""


class DurationClass(enum.Enum):
    """The duration classes of statistics form 0601 (Circular 02/2023/TT-BNV).

    By the length of a campaign's half-open period ``[start, end)`` in calendar months.

    Examples:
        >>> DurationClass.UNDER_1_YEAR.label_vi
        'dưới 1 năm'

    .. versionadded:: 0.3.0
    """

    UNDER_1_YEAR = "under_1_year"
    """Under 12 months."""
    ONE_YEAR = "1_year"
    """Exactly 12 months."""
    ONE_TO_3_YEARS = "1_to_3_years"
    """Over 12 and under 36 months."""
    THREE_TO_5_YEARS = "3_to_5_years"
    """36 months to under 60."""
    FIVE_YEARS_AND_MORE = "5_years_and_more"
    """60 months and more."""

    @property
    def label_vi(self) -> str:
        """The class as form 0601 writes it."""
        return _DURATION_LABELS[self]


_DURATION_LABELS = {
    DurationClass.UNDER_1_YEAR: "dưới 1 năm",
    DurationClass.ONE_YEAR: "1 năm",
    DurationClass.ONE_TO_3_YEARS: "từ trên 1 năm đến dưới 3 năm",
    DurationClass.THREE_TO_5_YEARS: "từ 3 năm đến dưới 5 năm",
    DurationClass.FIVE_YEARS_AND_MORE: "từ 5 năm trở lên",
}

VOCABULARY: Mapping[type[enum.Enum], Mapping[str, tuple[str, ...]]] = {
    CampaignKind: {
        "regular": ("thường xuyên", "hằng năm", "hàng năm"),
        "thematic": ("chuyên đề", "theo chuyên đề", "đợt", "theo đợt", "cao điểm"),
    },
    PledgeStatus: {
        "active": ("đăng ký", "đã đăng ký", "hiệu lực", "còn hiệu lực"),
        "cancelled": ("hủy", "đã hủy", "rút", "rút đăng ký", "canceled"),
    },
    WorkStatus: {
        "registered": ("đăng ký", "đã đăng ký"),
        "in_progress": ("đang thực hiện", "đang triển khai", "in progress"),
        "completed": ("hoàn thành", "đã hoàn thành"),
        "cancelled": ("hủy", "đã hủy", "dừng", "canceled"),
    },
}
"""Enum type → value → the Vietnamese (and other) words accepted for it."""
