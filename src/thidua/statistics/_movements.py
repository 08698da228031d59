"""Statistics form 0601: the emulation movements of a statistics year, from the campaign records.

A movement (phong trào, đợt thi đua: a row of ``campaigns``) counts for
statistics year *Y* when its period overlaps the emulation-statistics year
(01/12 of *Y* − 1 to 30/11 of *Y*, Circular 02/2023/TT-BNV, replaced by
18/2025/TT-BNV).  It is counted once in each block of rows: convening level
(the rank of the launching unit, :data:`RANK_LABELS`),
scope (a unit's subtree, a cluster or block, a list), duration class and
kind (regular or thematic).  The row labels are **unverified** against the
circular's text.  The same count is planned in :mod:`thidua.campaigns`
(``form_0601``); once it is public there this module will delegate to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thidua.campaigns import CampaignKind, DurationClass, ScopeKind, campaigns
from thidua.periods import Period
from thidua.statistics._result import Form0601, FormColumn, FormRow

if TYPE_CHECKING:
    from thidua.workspace import Workspace

__all__ = ["FORM_0601_COLUMNS", "RANK_LABELS", "form_0601"]

FORM_0601_COLUMNS = (
    FormColumn(key="movements", group="Số phong trào thi đua", heading="Số phong trào thi đua"),
)
"""The one column of form 0601 as the library writes it (unverified)."""

_SCOPE_LABELS = {
    ScopeKind.SUBTREE: "Toàn đơn vị (đơn vị phát động và các đơn vị trực thuộc)",
    ScopeKind.GROUP: "Cụm, khối thi đua",
    ScopeKind.LIST: "Danh sách đơn vị",
}
RANK_LABELS = {
    0: "Cấp trung ương (Tổng Liên đoàn)",
    1: "Cấp tỉnh, ngành trung ương và tương đương",
    2: "Cấp trên trực tiếp cơ sở",
    3: "Cấp cơ sở",
    4: "Trong công đoàn cơ sở",
}
"""The convening levels by rank of the union scheme (DOMAIN §2); other ranks: ``Cấp N``."""

_KIND_LABELS = {
    CampaignKind.REGULAR: "Thi đua thường xuyên",
    CampaignKind.THEMATIC: "Thi đua theo chuyên đề, theo đợt",
}


def form_0601(workspace: Workspace, year: int) -> Form0601:
    """Statistics form 0601: the movements running in statistics year *year*.

    Every category of the scope, duration and kind blocks is listed (zero
    when empty); the convening levels are the ranks of the level scheme that
    launched a movement (:data:`RANK_LABELS`), and ``không rõ`` for a launching unit not in the
    hierarchy.

    Complexity: O(campaigns).

    Examples:
        >>> from thidua.workspace import Workspace
        >>> form = form_0601(Workspace(), 2024)
        >>> form.total, form.row("01").label
        (0, 'Tổng số phong trào thi đua')

    .. versionadded:: 0.3.0
    """
    period = Period.emulation_year(year)
    chosen = [c for c in campaigns(workspace) if c.period is not None and c.period.overlaps(period)]
    h = workspace.hierarchy
    ranks = h.lifetime_arrays().rank if chosen else None
    levels: dict[int, int] = {}
    unknown_level = 0
    scopes = dict.fromkeys(ScopeKind, 0)
    durations = dict.fromkeys(DurationClass, 0)
    kinds = dict.fromkeys(CampaignKind, 0)
    unknown_kind = 0
    for c in chosen:
        if ranks is not None and c.launched_by is not None and c.launched_by in h.unit_index:
            rank = int(ranks[h.index_of(c.launched_by)])
            levels[rank] = levels.get(rank, 0) + 1
        else:
            unknown_level += 1
        scopes[ScopeKind.SUBTREE if c.scope is None else c.scope.kind] += 1
        d = c.duration_class
        if d is not None:
            durations[d] += 1
        if c.kind is None:
            unknown_kind += 1
        else:
            kinds[c.kind] += 1
    spec: list[tuple[str, int, int]] = [
        ("Tổng số phong trào thi đua", 0, len(chosen)),
        ("Chia theo cấp phát động", 0, len(chosen)),
        *((RANK_LABELS.get(r, f"Cấp {r}"), 1, n) for r, n in sorted(levels.items())),
    ]
    if unknown_level:
        spec.append(("Cấp không rõ", 1, unknown_level))
    spec.append(("Chia theo phạm vi", 0, len(chosen)))
    spec.extend((_SCOPE_LABELS[k], 1, n) for k, n in scopes.items())
    spec.append(("Chia theo thời gian thực hiện", 0, sum(durations.values())))
    spec.extend((f"Thời gian {d.label_vi}", 1, n) for d, n in durations.items())
    spec.append(("Chia theo hình thức", 0, len(chosen)))
    spec.extend((_KIND_LABELS[k], 1, n) for k, n in kinds.items())
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
        period=period,
        columns=FORM_0601_COLUMNS,
        rows=rows,
        counted=tuple(c.id for c in chosen),
        notes=(
            (
                "Tiêu đề, dòng và mã số chưa đối chiếu với Thông tư 02/2023/TT-BNV "
                "(thay thế bởi Thông tư 18/2025/TT-BNV)."
            ),
        ),
    )
