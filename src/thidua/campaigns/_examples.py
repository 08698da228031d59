"""A small campaign workspace for the doctests of the evaluation (on ``tiny_dataset()``).

Campaign ``KH-80`` (plan 80/KH-LĐLĐ of the Hà Nội federation, 01/05–30/09/2023)
is taken up by ``KH-80-D1`` of the district federation D1.  D1 pledges 6,000
new members and its units report 6,257; G1 pledges 5 and reports 4; G3
pledges 10 and reports only a figure for the whole year 2023, which overlaps
the campaign; G2's pledge is cancelled.  One contest, one cluster scoring.

.. versionadded:: 0.3.0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from thidua.figures import Figure, Figures
from thidua.io import DataTable
from thidua.periods import Period
from thidua.testing import tiny_dataset

__all__ = ["example_report", "example_workspace", "tables"]

if TYPE_CHECKING:
    from thidua.campaigns._report import CampaignReport
    from thidua.workspace import Workspace


def tables(data: Mapping[str, Iterable[Mapping[str, object]]]) -> dict[str, DataTable]:
    """Domain tables from rows given in Python, by table name.

    Examples:
        >>> len(tables({"campaigns": [{"id": "A"}]})["campaigns"])
        1
    """
    from thidua.workspace import Workspace  # noqa: PLC0415

    empty = Workspace()
    return {
        name: DataTable.from_rows(empty.table(name).declaration, rows)
        for name, rows in data.items()
    }


def example_workspace() -> Workspace:
    """The example workspace (a new one on every call).

    Examples:
        >>> ws = example_workspace()
        >>> len(ws.table("pledges")), len(ws.table("works"))
        (4, 3)
    """
    from thidua.workspace import Workspace  # noqa: PLC0415

    window = Period.between("2023-05-01", "2023-10-01")
    figures = Figures.from_records(
        [
            Figure(unit="G1", indicator="new_members", period=Period.month(2023, 6), value=4),
            Figure(unit="G2", indicator="new_members", period=window, value=6253),
            Figure(unit="G3", indicator="new_members", period=Period.year(2023), value=7),
        ]
    )
    data = {
        "campaigns": [
            {
                "id": "KH-80",
                "name": "Đợt thi đua cao điểm 2023",
                "kind": "thematic",
                "launched_by": "HN",
                "document": "80/KH-LĐLĐ",
                "issued_on": "2023-04-28",
                "start": "2023-05-01",
                "end": "2023-09-30",
                "scope": "HN",
                "themes": "Lao động giỏi;Lao động sáng tạo",
            },
            {
                "id": "KH-80-D1",
                "name": "Đợt thi đua cao điểm 2023 của quận",
                "kind": "thematic",
                "launched_by": "D1",
                "document": "12/KH-LĐLĐ",
                "issued_on": "2023-04-29",
                "start": "2023-05-01",
                "end": "2023-09-30",
                "parent": "KH-80",
                "scope": "D1",
            },
        ],
        "pledges": [
            {
                "id": "P1",
                "campaign": "KH-80",
                "pledger": "D1",
                "indicator": "new_members",
                "plan": "6.000",
                "registered_on": "2023-05-05",
            },
            {
                "id": "P2",
                "campaign": "KH-80-D1",
                "pledger": "G1",
                "indicator": "new_members",
                "plan": "5",
                "registered_on": "2023-05-06",
            },
            {
                "id": "P3",
                "campaign": "KH-80-D1",
                "pledger": "G3",
                "indicator": "new_members",
                "plan": "10",
                "registered_on": "2023-05-06",
            },
            {
                "id": "P4",
                "campaign": "KH-80-D1",
                "pledger": "G2",
                "indicator": "new_members",
                "plan": "50",
                "registered_on": "2023-05-06",
                "status": "cancelled",
            },
        ],
        "works": [
            {
                "id": "W1",
                "campaign": "KH-80",
                "pledger": "D1",
                "name": "Nhà văn hóa công nhân",
                "registered_on": "2023-05-10",
                "status": "completed",
                "completed_on": "2023-09-01",
                "flagship": "yes",
            },
            {
                "id": "W2",
                "campaign": "KH-80-D1",
                "pledger": "G1",
                "name": "Sân chơi",
                "registered_on": "2023-05-10",
                "status": "completed",
                "completed_on": "2023-08-01",
            },
            {
                "id": "W3",
                "campaign": "KH-80-D1",
                "pledger": "G2",
                "name": "Thư viện",
                "registered_on": "2023-05-10",
                "status": "in_progress",
            },
        ],
        "contests": [
            {
                "id": "T1",
                "campaign": "KH-80",
                "name": "Hội thi thợ giỏi",
                "held_by": "HN",
                "held_on": "2023-09-15",
            },
        ],
        "contest_entries": [
            {
                "contest": "T1",
                "name": "Nguyễn Văn A",
                "unit": "G1",
                "trade": "hàn",
                "result": "Giải Nhất",
                "prize": "5.000.000",
            },
            {"contest": "T1", "name": "Trần Thị B", "unit": "G2", "trade": "điện"},
            {
                "contest": "T1",
                "name": "Lê Văn C",
                "unit": "G2",
                "trade": "hàn",
                "result": "Giải Ba",
                "prize": "2 triệu",
            },
        ],
        "cluster_scores": [
            {
                "group": "C1",
                "period": "2024",
                "unit": "D1",
                "criterion": "1",
                "score": "50",
                "max": "60",
            },
            {
                "group": "C1",
                "period": "2024",
                "unit": "D1",
                "criterion": "2",
                "score": "40",
                "max": "40",
            },
        ],
    }
    return Workspace(dataset=tiny_dataset(), figures=figures, tables=tables(data))


def example_report() -> CampaignReport:
    """The final report of ``KH-80`` on :func:`example_workspace`.

    Examples:
        >>> example_report().ended
        True
    """
    from thidua.campaigns._evaluate import evaluate_campaign  # noqa: PLC0415

    return evaluate_campaign(example_workspace(), "KH-80")
