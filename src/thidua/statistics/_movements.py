"""Statistics form 0601: the emulation movements of a statistics year, from the campaign records.

The counting is :func:`thidua.campaigns.form_0601`'s: a movement (phong
trào, đợt thi đua: a row of ``campaigns``) counts for statistics year *Y*
when its period overlaps the emulation-statistics year (01/12 of *Y* − 1 to
30/11 of *Y*, Circular 02/2023/TT-BNV, replaced by 18/2025/TT-BNV), once in
each block of rows: convening level (the rank of the launching unit,
labelled by the level scheme's label of its kind), scope (a unit's
subtree, a cluster or block, a list), duration class and kind (regular or
thematic).  This module lays those counts out as a form like 0602 and 0603
(numbered rows, every scope, duration and kind listed, zero when none), to
be shown, turned into a DataFrame or written to Excel.  The row labels
are **unverified** against the circular's text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thidua.campaigns import CampaignKind, DurationClass, ScopeKind
from thidua.campaigns import form_0601 as count_movements
from thidua.statistics._result import Form0601, FormColumn, FormRow

if TYPE_CHECKING:
    from thidua.workspace import Workspace

__all__ = ["FORM_0601_COLUMNS", "form_0601"]

FORM_0601_COLUMNS = (
    FormColumn(key="movements", group="Số phong trào thi đua", heading="Số phong trào thi đua"),
)
"""The one column of form 0601 as the library writes it (unverified)."""

_SCOPE_LABELS = {
    ScopeKind.SUBTREE: "Một đơn vị và các đơn vị trực thuộc",
    ScopeKind.GROUP: "Cụm, khối thi đua",
    ScopeKind.LIST: "Danh sách đơn vị",
}
_KIND_LABELS = {
    CampaignKind.REGULAR: "Thi đua thường xuyên",
    CampaignKind.THEMATIC: "Thi đua theo chuyên đề, theo đợt",
}


def form_0601(workspace: Workspace, year: int) -> Form0601:
    """Statistics form 0601: the movements running in statistics year *year*.

    Counted by :func:`thidua.campaigns.form_0601`; the convening levels are
    those that launched a movement (``Cấp không rõ`` for a launching unit
    not in the hierarchy), the scope, duration and kind blocks list every
    category.

    Complexity: O(campaigns).

    Examples:
        >>> from thidua.datasets import hanoi_path
        >>> from thidua.workspace import read_workspace
        >>> form = form_0601(read_workspace(hanoi_path()).workspace, 2023)
        >>> form.total, form.row("01").label
        (31, 'Tổng số phong trào thi đua')

    .. versionadded:: 0.3.0
    """
    counted = count_movements(workspace, year)
    total = counted.total
    spec: list[tuple[str, int, int]] = [
        ("Tổng số phong trào thi đua", 0, total),
        ("Chia theo cấp phát động", 0, total),
    ]
    for r in counted:
        if r.dimension == "level":
            label = "Cấp không rõ" if r.category == "unknown" else f"Cấp {r.category}: {r.label}"
            spec.append((label, 1, r.count))
    spec.append(("Chia theo phạm vi", 0, total))
    spec.extend((_SCOPE_LABELS[k], 1, counted.count("scope", k.value)) for k in ScopeKind)
    durations = [(d, counted.count("duration", d.value)) for d in DurationClass]
    spec.append(("Chia theo thời gian thực hiện", 0, sum(n for _, n in durations)))
    spec.extend((f"Thời gian {d.label_vi}", 1, n) for d, n in durations)
    spec.append(("Chia theo hình thức", 0, total))
    spec.extend((_KIND_LABELS[k], 1, counted.count("kind", k.value)) for k in CampaignKind)
    unknown_kind = counted.count("kind", "unknown")
    if unknown_kind:
        spec.append(("Hình thức không rõ", 1, unknown_kind))
    rows = tuple(
        FormRow(code=f"{i:02d}", label=label, unit="Phong trào", depth=depth, values=(n,))
        for i, (label, depth, n) in enumerate(spec, start=1)
    )
    return Form0601(
        form="0601",
        symbol="0601.N/BNV-TĐKT",
        title="SỐ PHONG TRÀO THI ĐUA",
        year=year,
        period=counted.period,
        columns=FORM_0601_COLUMNS,
        rows=rows,
        counted=counted.campaigns,
        notes=(
            (
                "Tiêu đề, dòng và mã số chưa đối chiếu với Thông tư 02/2023/TT-BNV "
                "(thay thế bởi Thông tư 18/2025/TT-BNV)."
            ),
            "Cấp phát động: bậc (rank) của đơn vị phát động trong hệ thống cấp của thư viện.",
        ),
    )
