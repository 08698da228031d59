"""The column checks of pledges, works and entries give the problems of the record checks.

``check_campaigns`` checks the two large tables on their typed columns; the
checks of one record per row are kept privately as the reference
(``_check_campaigns_by_record``).  A generated workspace of a few thousand
rows, with faults of every code at random, must give the same problems:
codes, subjects, messages, pointers and order.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from thidua.campaigns import _tables as campaign_tables
from thidua.campaigns import check_campaigns, check_contests, table_problems
from thidua.campaigns._checks import _check_campaigns_by_record, _check_contests_by_record
from thidua.campaigns._examples import tables
from thidua.testing import tiny_dataset
from thidua.workspace import Workspace

Rows = list[dict[str, str]]

# Tiny history: HN → {D1, S1}; D1 → {G1, G2, G3} until 30/06/2025; W1 founded 01/07/2025.
CAMPAIGNS: Rows = [
    {"id": "A", "launched_by": "HN", "start": "1/5/2024", "end": "30/9/2024", "scope": "HN"},
    {"id": "B", "launched_by": "D1", "start": "2025-01-01", "end": "2025-06-30", "scope": "D1"},
    {"id": "C", "launched_by": "HN", "start": "2025-08-01", "end": "2025-12-31", "scope": "S1"},
    {"id": "D", "launched_by": "HN", "start": "2024-01-01"},  # no last day: C008
    {
        "id": "E",
        "name": "Phong trào E",
        "launched_by": "D1",
        "start": "2024-06-01",
        "end": "2024-12-31",
    },  # no scope: D1's subtree
]
PLEDGERS = ["HN", "D1", "S1", "W1", "G1", "G2", "G3", "TLD", "NOPE", "NV1", " G1 ", ""]
CAMPAIGN_CELLS = ["A", "B", "C", "D", "E", "ZZ", "", " A"]
DAYS = [
    "2024-05-10",
    "2024-09-30",
    "2024-10-01",
    "2025-03-01",
    "2026-01-01",
    "30/4/2024",
    "",
    "not a day",
]


def _generated(seed: int, pledges: int, works: int) -> dict[str, Rows]:
    rng = random.Random(seed)

    def pick(*choices: str) -> str:
        return rng.choice(choices)

    def ident(prefix: str, n: int) -> str:
        # About 3 % of ids repeat an earlier one (P001, P002); some rows have none.
        return "" if rng.random() < 0.01 else f"{prefix}{rng.randrange(int(n * 0.97))}"

    pledge_rows = [
        {
            "id": ident("P", pledges),
            "campaign": rng.choice(CAMPAIGN_CELLS),
            "pledger": rng.choice(PLEDGERS),
            "indicator": pick("new_members", "new_members", "bogus", ""),
            "plan": pick("5", "1.000", "12,5", "", "abc"),
            "registered_on": rng.choice(DAYS),
            "status": pick("", "active", "cancelled", "hủy", "weird"),
        }
        for _ in range(pledges)
    ]
    work_rows = [
        {
            "id": ident("W", works),
            "campaign": rng.choice(CAMPAIGN_CELLS),
            "pledger": rng.choice(PLEDGERS),
            "name": pick("", "Cầu Ngọc Hà", "Nhà văn hóa công nhân"),
            "registered_on": rng.choice(DAYS),
            "status": pick("", "completed", "hoàn thành", "in_progress", "cancelled", "bad"),
            "completed_on": rng.choice(DAYS),
            "flagship": pick("", "", "yes", "no", "có", "maybe"),
            "document": pick("", "", "12/QĐ-LĐLĐ", "???"),
        }
        for _ in range(works)
    ]
    entry_rows = [
        {
            "contest": pick("T1", "T1", "T2", "T9", "", " T1"),
            "name": pick("", "Nguyễn Văn A", "Trần Thị B"),
            "unit": rng.choice(PLEDGERS),
            "trade": pick("Hàn", "Tiện", ""),
            "result": pick("", "Giải Nhất", "Giải Ba"),
            "prize": pick("", "1.000.000", "abc"),
        }
        for _ in range(works // 2)
    ]
    contests = [
        {"id": "T1", "campaign": "A", "held_by": "HN", "held_on": "2024-06-01"},
        {"id": "T2", "campaign": "ZZ", "held_by": "NOPE", "held_on": "someday"},
    ]
    return {
        "campaigns": CAMPAIGNS,
        "pledges": pledge_rows,
        "works": work_rows,
        "people": [{"id": "NV1", "name": "Nguyễn Văn A"}],
        "contests": contests,
        "contest_entries": entry_rows,
    }


def _workspace(rows: dict[str, Rows]) -> Workspace:
    return Workspace(dataset=tiny_dataset(), tables=tables(rows))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_column_checks_equal_the_record_checks(seed: int) -> None:
    rows = _generated(seed, pledges=3_000, works=5_000)
    by_columns = list(check_campaigns(_workspace(rows)))
    by_records = list(_check_campaigns_by_record(_workspace(rows)))
    assert [str(p) for p in by_columns] == [str(p) for p in by_records]
    assert [(p.code, p.subject, p.message, p.pointer) for p in by_columns] == [
        (p.code, p.subject, p.message, p.pointer) for p in by_records
    ]
    # Several faults of each code of the pledges and works, and of the cells.
    counts = Counter(p.code for p in by_columns)
    for code in (
        "C002",
        "C006",
        "P001",
        "P002",
        "P003",
        "P004",
        "P005",
        "P006",
        "P007",
        "P008",
        "P009",
        "P010",
        "P011",
        "S003",
        "S006",
    ):
        assert counts[code] >= 3, (code, counts)


@pytest.mark.parametrize("seed", [0, 1])
def test_the_column_checks_of_the_entries_equal_the_record_checks(seed: int) -> None:
    rows = _generated(seed, pledges=10, works=4_000)
    by_columns = list(check_contests(_workspace(rows)))
    by_records = list(_check_contests_by_record(_workspace(rows)))
    assert [(p.code, p.subject, p.message, p.pointer) for p in by_columns] == [
        (p.code, p.subject, p.message, p.pointer) for p in by_records
    ]
    counts = Counter(p.code for p in by_columns)
    # Contest T2's campaign is unknown (one C002); many entries of unknown contests and units.
    least = {"C002": 1, "C003": 3, "C015": 3, "S006": 3}
    assert {code: counts[code] >= n for code, n in least.items()} == dict.fromkeys(least, True)


def test_the_checks_build_no_pledge_or_work_record(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(workspace: Workspace) -> object:
        raise AssertionError("the checks built the records")

    monkeypatch.setattr(campaign_tables, "_build_pledges", refused)
    monkeypatch.setattr(campaign_tables, "_build_works", refused)
    monkeypatch.setitem(campaign_tables._BUILDERS, "pledges", refused)
    monkeypatch.setitem(campaign_tables._BUILDERS, "works", refused)
    monkeypatch.setitem(campaign_tables._BUILDERS, "contest_entries", refused)
    ws = _workspace(_generated(3, pledges=200, works=300))
    report = check_campaigns(ws)
    assert report.by_code("P002")
    assert check_contests(ws).by_code("C015")
    assert table_problems(ws, "works") == campaign_tables.table_columns(ws, "works").problems


def test_the_records_keep_the_problems_of_the_columns() -> None:
    ws = _workspace(_generated(4, pledges=100, works=100))
    read = campaign_tables.table_columns(ws, "works")
    works = campaign_tables.works(ws)
    assert read.problems  # unreadable dates, statuses, flagships, documents
    assert len(works) == int(read.keyed().sum())
    assert campaign_tables._read(ws, "works", campaign_tables._build_works).problems == (
        read.problems
    )
