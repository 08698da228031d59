"""Cluster scoring and statistics form 0601, from the campaign tables (issue 7 §2).

:func:`cluster_standings` totals and ranks the members of an emulation
cluster or block on its scoring table (``cluster_scores``), names the
leading unit of each period (suy tôn) and compares it with the leader
recorded in ``group_members``.  :func:`form_0601` counts the movements of a
statistics year by convening level, scope, duration class and kind, as
statistics form 0601 of Circular 02/2023/TT-BNV asks.

.. versionadded:: 0.3.0
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from thidua.campaigns._report import ClusterPeriod, ClusterStanding
from thidua.io import parse_column
from thidua.periods import Period, parse_period

if TYPE_CHECKING:
    import pandas as pd

    from thidua.campaigns._records import Campaign
    from thidua.workspace import Workspace

__all__ = ["Form0601", "Form0601Row", "cluster_standings", "form_0601"]


def _ranks(totals: list[float]) -> list[int]:
    """Competition ranks, best (highest) first: equal totals share a rank ("1224")."""
    ordered = sorted(totals, reverse=True)
    return [ordered.index(t) + 1 for t in totals]


def cluster_standings(workspace: Workspace, group: str | None = None) -> tuple[ClusterPeriod, ...]:
    """The members of each cluster ranked on its scoring table, period by period.

    A member's score is the sum of its criteria's points (``score``), its
    maximum the sum of their ``max``; members are ranked by score, equal
    scores sharing a rank.  The leading unit (suy tôn) is the member ranked
    first; it is compared with the leader (cụm trưởng) of ``group_members``
    on the period's last day.

    Args:
        workspace: the workspace holding ``cluster_scores``.
        group: only this group (default: every group scored).

    Returns:
        One :class:`ClusterPeriod` per group and period, in the order of the table.

    Examples:
        >>> from thidua.campaigns._examples import example_workspace
        >>> [(c.group, c.period, c.leading, c.recorded_leader, c.agrees)
        ...  for c in cluster_standings(example_workspace())]
        [('C1', '2024', ('D1',), 'D1', True)]
    """
    table = workspace.table("cluster_scores")
    if not len(table):
        return ()
    groups = [g.strip() for g in table.text("group")]
    periods = [p.strip() for p in table.text("period")]
    units = [u.strip() for u in table.text("unit")]
    scores = parse_column(table, "score", []).values()
    maxima = parse_column(table, "max", []).values()
    totals: dict[tuple[str, str], dict[str, list[float]]] = {}
    for g, p, u, s, m in zip(groups, periods, units, scores, maxima, strict=True):
        if group is not None and g != group:
            continue
        cell = totals.setdefault((g, p), {}).setdefault(u, [0.0, 0.0])
        cell[0] += float(s or 0.0)
        cell[1] += float(m or 0.0)
    h = workspace.hierarchy
    out: list[ClusterPeriod] = []
    for (g, p), members in totals.items():
        try:
            period: Period | None = parse_period(p)
        except ValueError:
            period = None
        last = None if period is None else period.end.subtract(days=1)
        names = {
            u: (h.name_on(u, last) if last is not None and u in h.unit_index else u)
            for u in members
        }
        ids = list(members)
        ranks = _ranks([members[u][0] for u in ids])
        standings = sorted(
            (
                ClusterStanding(
                    group=g,
                    period=p,
                    unit=u,
                    name=names[u],
                    score=members[u][0],
                    max=members[u][1],
                    rank=r,
                )
                for u, r in zip(ids, ranks, strict=True)
            ),
            key=lambda s: (s.rank, s.unit),
        )
        leading = tuple(s.unit for s in standings if s.rank == 1)
        recorded = None
        if last is not None:
            for m in workspace.members:
                if m.group == g and m.role.value == "leader" and m.valid_on(last):
                    recorded = m.unit
                    break
        agrees = None if recorded is None else leading == (recorded,)
        out.append(
            ClusterPeriod(
                group=g,
                period=p,
                standings=tuple(standings),
                leading=leading,
                recorded_leader=recorded,
                agrees=agrees,
            )
        )
    return tuple(out)


# -- form 0601 ------------------------------------------------------------------------------------

SCOPE_LABELS = {
    "subtree": "một đơn vị và các đơn vị trực thuộc",
    "group": "cụm, khối thi đua",
    "list": "danh sách đơn vị",
}
"""How form 0601's rows name a scope (the library's scope shapes)."""

KIND_LABELS = {"regular": "thường xuyên", "thematic": "chuyên đề, theo đợt"}


@attrs.frozen(kw_only=True)
class Form0601Row:
    """One cell of form 0601: a dimension, a category and how many movements fall in it.

    Attributes:
        dimension: ``level`` (convening level), ``scope``, ``duration`` or ``kind``.
        category: the category's code (a rank, a scope shape, a duration class, a kind).
        label: the category in Vietnamese.
        count: movements in it.

    .. versionadded:: 0.3.0
    """

    dimension: str
    category: str
    label: str
    count: int


@attrs.frozen(kw_only=True)
class Form0601:
    """Statistics form 0601 (phong trào thi đua) of one statistics year.

    Attributes:
        year: the statistics year.
        period: the emulation-statistics year, 01/12 of the year before to 30/11.
        total: movements running during it.
        campaigns: their ids.
        rows: the counts per dimension and category (categories with none left out).

    .. versionadded:: 0.3.0
    """

    year: int
    period: Period
    total: int
    campaigns: tuple[str, ...]
    rows: tuple[Form0601Row, ...]

    def __iter__(self) -> Iterator[Form0601Row]:
        return iter(self.rows)

    def count(self, dimension: str, category: str) -> int:
        """Movements of *category* in *dimension* (0 when none)."""
        return next(
            (r.count for r in self.rows if r.dimension == dimension and r.category == category), 0
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per row."""
        return [attrs.asdict(r) for r in self.rows]

    def to_pandas(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame (``dimension, category, label, count``).

        Raises:
            ImportError: pandas is not installed.
        """
        import pandas as pd  # noqa: PLC0415 - optional extra

        return pd.DataFrame(self.to_records(), columns=["dimension", "category", "label", "count"])


def _level(workspace: Workspace, c: Campaign) -> tuple[str, str]:
    h = workspace.hierarchy
    if c.launched_by is None or c.launched_by not in h.unit_index:
        return "unknown", "không rõ"
    rank = int(h.lifetime_arrays().rank[h.index_of(c.launched_by)])
    # Labelled by the launching unit's own kind: a rank holds several kinds (a city
    # federation and a corporation union are both rank 1).
    kind = h.unit(c.launched_by).kind
    labels = {lv.kind: lv.label or lv.kind for lv in workspace.scheme}
    return str(rank), labels.get(kind, kind)


def form_0601(workspace: Workspace, year: int) -> Form0601:
    """Count the movements of statistics year *year* for form 0601.

    A movement counts when its period overlaps the emulation-statistics year
    (01/12 of the year before to 30/11, Circular 02/2023/TT-BNV).  It is
    counted once in each dimension: convening level (the rank of the
    launching unit, labelled by the level scheme's label of its kind), scope (a unit's subtree,
    a cluster or block, a list), duration class (form 0601's five classes by
    the length of ``[start, end)``) and kind (regular or thematic).

    Examples:
        >>> from thidua.campaigns._examples import example_workspace
        >>> form = form_0601(example_workspace(), 2023)
        >>> form.total, form.count("kind", "thematic"), form.count("duration", "under_1_year")
        (2, 2, 2)
    """
    from thidua.campaigns import campaigns as all_campaigns  # noqa: PLC0415

    period = Period.emulation_year(year)
    chosen = [
        c for c in all_campaigns(workspace) if c.period is not None and c.period.overlaps(period)
    ]
    counts: dict[tuple[str, str], list[Any]] = {}

    def add(dimension: str, category: str, label: str) -> None:
        entry = counts.setdefault((dimension, category), [label, 0])
        entry[1] += 1
        if label not in entry[0].split(" / "):  # one rank, launching units of two kinds
            entry[0] = f"{entry[0]} / {label}"

    for c in chosen:
        add("level", *_level(workspace, c))
        shape = "subtree" if c.scope is None else c.scope.kind.value
        add("scope", shape, SCOPE_LABELS[shape])
        d = c.duration_class
        if d is not None:
            add("duration", d.value, d.label_vi)
        kind = "unknown" if c.kind is None else c.kind.value
        add("kind", kind, KIND_LABELS.get(kind, "không rõ"))
    order = {"level": 0, "scope": 1, "duration": 2, "kind": 3}
    rows = tuple(
        Form0601Row(dimension=dim, category=cat, label=str(v[0]), count=int(v[1]))
        for (dim, cat), v in sorted(counts.items(), key=lambda kv: (order[kv[0][0]], kv[0][1]))
    )
    return Form0601(
        year=year,
        period=period,
        total=len(chosen),
        campaigns=tuple(c.id for c in chosen),
        rows=rows,
    )
