"""The campaign tables as records (issue 7 §1): vocabularies, periods, documents, scopes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs
import pendulum
import pytest

from thidua.campaigns import (
    Campaign,
    CampaignKind,
    CampaignTarget,
    ClusterScore,
    Contest,
    ContestEntry,
    DurationClass,
    Pledge,
    PledgeStatus,
    Scope,
    ScopeError,
    ScopeKind,
    Work,
    WorkStatus,
    campaign,
    campaign_targets,
    campaigns,
    cascade,
    cluster_scores,
    contest_entries,
    contests,
    duration_class,
    parse_scope,
    pledges,
    scope_units,
    works,
)
from thidua.errors import InvalidArgumentError, UnknownNameError
from thidua.io import DataTable
from thidua.io._domain import domain_tables
from thidua.periods import Period
from thidua.testing import tiny_dataset
from thidua.workspace import Workspace, read_workspace, write_workspace

D = pendulum.Date


def workspace(**tables: Sequence[Mapping[str, object]]) -> Workspace:
    """A workspace over the tiny dataset with the given campaign tables."""
    declared = domain_tables()
    return Workspace(
        dataset=tiny_dataset(),
        tables={name: DataTable.from_rows(declared[name], rows) for name, rows in tables.items()},
    )


PEAK = {
    "id": "DCD-2023",
    "name": "Đợt thi đua cao điểm chào mừng Đại hội",
    "kind": "Đợt",
    "launched_by": "HN",
    "document": "80/KH-LĐLĐ",
    "issued_on": "28/4/2023",
    "start": "1/5/2023",
    "end": "30/9/2023",
    "scope": "HN",
    "themes": "Lao động giỏi; Lao động sáng tạo",
}


def test_a_campaign_row_becomes_a_record() -> None:
    ws = workspace(campaigns=[PEAK])
    (c,) = campaigns(ws)
    assert c == Campaign(
        id="DCD-2023",
        name="Đợt thi đua cao điểm chào mừng Đại hội",
        kind=CampaignKind.THEMATIC,
        launched_by="HN",
        document=c.document,
        issued_on=D(2023, 4, 28),
        start=D(2023, 5, 1),
        end=D(2023, 9, 30),
        scope=Scope(units=("HN",)),
        themes=("Lao động giỏi", "Lao động sáng tạo"),
    )
    assert c.period == Period.between("2023-05-01", "2023-10-01")
    assert c.days == 153  # the report says "150 days"; 1/5–30/9 both counted is 153
    assert c.duration_class is DurationClass.UNDER_1_YEAR
    assert c.document is not None
    assert c.document.text == "80/KH-LĐLĐ"
    assert c.document_key == "KH-LDLD/2023/80"
    assert c.source is not None
    assert c.source.row == 2


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("regular", CampaignKind.REGULAR),
        ("Thường xuyên", CampaignKind.REGULAR),
        ("chuyên đề", CampaignKind.THEMATIC),
        ("THEMATIC", CampaignKind.THEMATIC),
    ],
)
def test_campaign_kinds_in_english_and_vietnamese(word: str, kind: CampaignKind) -> None:
    (c,) = campaigns(workspace(campaigns=[{**PEAK, "kind": word}]))
    assert c.kind is kind


def test_statuses_and_flagship_words() -> None:
    ws = workspace(
        campaigns=[PEAK],
        pledges=[
            {
                "id": "P1",
                "campaign": "DCD-2023",
                "pledger": "D1",
                "indicator": "new_members",
                "plan": "6.000",
                "registered_on": "5/5/2023",
            },
            {"id": "P2", "campaign": "DCD-2023", "pledger": "G1", "status": "Đã hủy"},
        ],
        works=[
            {
                "id": "W1",
                "campaign": "DCD-2023",
                "pledger": "G1",
                "status": "Đã hoàn thành",
                "completed_on": "1/9/2023",
                "flagship": "có",
                "value": "1.500.000.000",
                "document": "12/QĐ-CĐCS",
            },
            {
                "id": "W2",
                "campaign": "DCD-2023",
                "pledger": "G2",
                "status": "đang thực hiện",
                "flagship": "không",
            },
            {"id": "W3", "campaign": "DCD-2023", "pledger": "G3"},
        ],
    )
    p1, p2 = pledges(ws)
    assert p1 == Pledge(
        id="P1",
        campaign="DCD-2023",
        pledger="D1",
        indicator="new_members",
        plan=6000.0,
        registered_on=D(2023, 5, 5),
        status=PledgeStatus.ACTIVE,
    )
    assert p2.status is PledgeStatus.CANCELLED
    w1, w2, w3 = works(ws)
    assert (w1.status, w1.flagship, w1.value) == (WorkStatus.COMPLETED, True, 1.5e9)
    assert w1.completed_on == D(2023, 9, 1)
    assert w1.document is not None
    assert (w2.status, w2.flagship) == (WorkStatus.IN_PROGRESS, False)
    assert (w3.status, w3.flagship) == (WorkStatus.REGISTERED, False)
    assert isinstance(w3, Work)


def test_lookup_by_id_or_document_with_or_without_diacritics() -> None:
    ws = workspace(
        campaigns=[
            PEAK,
            {"id": "DCD-2024", "document": "80/KH-LĐLĐ", "issued_on": "2024-04-20"},
            {"id": "HK", "document": "5/KH-LĐLĐQ"},
        ]
    )
    assert campaign(ws, "DCD-2023").id == "DCD-2023"
    assert campaign(ws, "5/kh-ldldq").id == "HK"
    assert campaign(ws, " 80/2023/KH-LDLD ").id == "DCD-2023"
    with pytest.raises(InvalidArgumentError, match="names 2 campaigns"):
        campaign(ws, "80/KH-LDLD")
    with pytest.raises(UnknownNameError, match="unknown campaign 'NOPE'"):
        campaign(ws, "NOPE")
    assert campaign(ws, "DCD-2024").document_key == "KH-LDLD/2024/80"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2023-05-01", "2023-09-30", DurationClass.UNDER_1_YEAR),
        ("2024-01-01", "2024-12-31", DurationClass.ONE_YEAR),
        ("2023-12-01", "2024-11-30", DurationClass.ONE_YEAR),
        ("2024-01-01", "2025-01-01", DurationClass.ONE_TO_3_YEARS),
        ("2023-01-01", "2025-12-30", DurationClass.ONE_TO_3_YEARS),
        ("2023-01-01", "2025-12-31", DurationClass.THREE_TO_5_YEARS),
        ("2021-01-01", "2025-12-30", DurationClass.THREE_TO_5_YEARS),
        ("2021-01-01", "2025-12-31", DurationClass.FIVE_YEARS_AND_MORE),
    ],
)
def test_duration_classes_of_form_0601(start: str, end: str, expected: DurationClass) -> None:
    (c,) = campaigns(workspace(campaigns=[{"id": "X", "start": start, "end": end}]))
    assert c.duration_class is expected
    assert c.period is not None
    assert duration_class(c.period) is expected


def test_a_campaign_without_dates_has_no_period() -> None:
    rows = [{"id": "A"}, {"id": "B", "start": "2024-05-01", "end": "2024-04-30"}]
    for c in campaigns(workspace(campaigns=rows)):
        assert (c.period, c.days, c.duration_class) == (None, None, None)


def test_scopes_parse() -> None:
    assert parse_scope("HN") == Scope(units=("HN",))
    assert parse_scope("S1;relation:guidance").relation == "guidance"
    assert parse_scope("group:C1").kind is ScopeKind.GROUP
    assert parse_scope("D1;G3;group:C1;D1") == Scope(units=("D1", "G3"), groups=("C1",))
    for bad in ("", " ; ", "group:", "cụm:C1", "D1;G3;relation:admin", "D1;relation:a;relation:b"):
        with pytest.raises(ScopeError):
            parse_scope(bad)


def test_scope_units_on_the_first_day() -> None:
    rows = [
        {"id": "SUB", "start": "2025-01-01", "end": "2025-12-31", "scope": "D1"},
        {
            "id": "GUIDE",
            "start": "2025-01-01",
            "end": "2025-12-31",
            "scope": "S1;relation:guidance",
        },
        {"id": "GROUP", "start": "2024-06-01", "end": "2024-12-31", "scope": "group:C1"},
        {"id": "LIST", "start": "2025-01-01", "end": "2025-12-31", "scope": "D1;G3;group:C1"},
        {"id": "AFTER", "start": "2025-07-01", "end": "2025-12-31", "scope": "D1"},
        {"id": "DEFAULT", "launched_by": "W1", "start": "2025-07-01", "end": "2025-12-31"},
    ]
    ws = workspace(campaigns=rows)
    assert scope_units(ws, "SUB") == {"D1", "G1", "G2", "G3"}
    assert scope_units(ws, "GUIDE") == {"S1", "G3"}
    assert scope_units(ws, "GROUP") == {"D1"}  # the members, not their subtrees
    assert scope_units(ws, "LIST") == {"D1", "G3"}
    assert scope_units(ws, "AFTER") == frozenset()  # D1 ended on 30/06/2025
    assert scope_units(ws, "DEFAULT") == {"W1", "G1", "G2"}


def test_cascade_and_per_campaign_accessors() -> None:
    ws = workspace(
        campaigns=[PEAK, {"id": "HK-2023", "parent": "DCD-2023"}, {"id": "LOOP", "parent": "LOOP"}],
        campaign_targets=[
            {"campaign": "DCD-2023", "unit": "D1", "indicator": "new_members", "plan": "6.000"},
            {"campaign": "HK-2023", "unit": "G1", "indicator": "new_members", "plan": "10"},
        ],
        pledges=[{"id": "P1", "campaign": "HK-2023", "pledger": "G1"}],
        works=[{"id": "W1", "campaign": "DCD-2023", "pledger": "G1"}],
        contests=[
            {
                "id": "HT",
                "campaign": "DCD-2023",
                "name": "Hội thi thợ giỏi",
                "held_by": "HN",
                "held_on": "15/8/2023",
            }
        ],
        contest_entries=[
            {
                "contest": "HT",
                "name": "Nguyễn Văn A",
                "unit": "G2",
                "trade": "Hàn",
                "result": "Giải Nhất",
                "prize": "3 triệu",
            },
            {"contest": "HT", "name": "Trần Thị B", "unit": "G1", "trade": "Tiện"},
        ],
        cluster_scores=[
            {
                "group": "C1",
                "period": "năm 2024",
                "unit": "D1",
                "criterion": "Phát triển đoàn viên",
                "score": "9,5",
                "max": "10",
            }
        ],
    )
    assert [c.id for c in cascade(ws, "80/KH-LĐLĐ")] == ["DCD-2023", "HK-2023"]
    assert [c.id for c in cascade(ws, "LOOP")] == ["LOOP"]
    assert campaign_targets(ws, "HK-2023") == (
        CampaignTarget(campaign="HK-2023", unit="G1", indicator="new_members", plan=10.0),
    )
    assert [p.id for p in pledges(ws, "DCD-2023")] == []
    assert [w.id for w in works(ws, campaign(ws, "DCD-2023"))] == ["W1"]
    assert contests(ws, "DCD-2023") == (
        Contest(
            id="HT",
            campaign="DCD-2023",
            name="Hội thi thợ giỏi",
            held_by="HN",
            held_on=D(2023, 8, 15),
        ),
    )
    first, second = contest_entries(ws, "HT")
    assert first == ContestEntry(
        contest="HT",
        name="Nguyễn Văn A",
        unit="G2",
        trade="Hàn",
        result="Giải Nhất",
        prize=3_000_000.0,
    )
    assert second.result is None
    assert second.prize is None
    assert cluster_scores(ws, "C1") == (
        ClusterScore(
            group="C1",
            period=Period.year(2024),
            unit="D1",
            criterion="Phát triển đoàn viên",
            score=9.5,
            max=10.0,
        ),
    )


@pytest.mark.parametrize("target", ["ws.json", "ws.yaml", "ws.xlsx", "tables"])
def test_every_campaign_table_round_trips(tmp_path: Path, target: str) -> None:
    ws = workspace(
        campaigns=[PEAK],
        campaign_targets=[
            {"campaign": "DCD-2023", "unit": "D1", "indicator": "new_members", "plan": "6.000"}
        ],
        pledges=[{"id": "P1", "campaign": "DCD-2023", "pledger": "D1", "status": "hủy"}],
        works=[{"id": "W1", "campaign": "DCD-2023", "pledger": "G1", "flagship": "có"}],
        contests=[{"id": "HT", "campaign": "DCD-2023"}],
        contest_entries=[{"contest": "HT", "name": "Nguyễn Văn A", "prize": "564 triệu"}],
        cluster_scores=[
            {
                "group": "C1",
                "period": "năm 2024",
                "unit": "D1",
                "criterion": "Tiêu chí 1",
                "score": "9,5",
                "max": "10",
            }
        ],
    )
    write_workspace(ws, tmp_path / target)
    back = read_workspace(tmp_path / target)
    assert back.report.problems == ()
    for name in ws.tables:
        assert back.workspace.table(name) == ws.table(name), name
    assert campaigns(back.workspace) == campaigns(ws)
    assert works(back.workspace) == works(ws)
    assert contest_entries(back.workspace)[0].prize == 564_000_000.0


def test_vietnamese_headers_and_sheets(tmp_path: Path) -> None:
    (tmp_path / "units.csv").write_text(
        "id,name,kind\nHN,LĐLĐ Hà Nội,provincial\n", encoding="utf-8"
    )
    (tmp_path / "campaigns.csv").write_text(
        "Mã phong trào;Tên phong trào;Loại;Đơn vị phát động;Số văn bản;Từ ngày;Đến ngày\n"
        "DCD;Đợt cao điểm;chuyên đề;HN;80/KH-LĐLĐ;1/5/2023;30/9/2023\n",
        encoding="utf-8",
    )
    (tmp_path / "works.csv").write_text(
        "Mã,Phong trào,Đơn vị đăng ký,Tên công trình,Trạng thái,Ngày hoàn thành,Gắn biển\n"
        "W1,DCD,HN,Cầu Ngọc Hà,hoàn thành,1/9/2023,có\n",
        encoding="utf-8",
    )
    ws = read_workspace(tmp_path).workspace
    (c,) = campaigns(ws)
    assert (c.kind, c.launched_by, c.days) == (CampaignKind.THEMATIC, "HN", 153)
    (w,) = works(ws)
    assert (w.name, w.status, w.flagship) == ("Cầu Ngọc Hà", WorkStatus.COMPLETED, True)


def test_period_follows_the_dates_through_evolve() -> None:
    (c,) = campaigns(workspace(campaigns=[PEAK]))
    later = attrs.evolve(c, end=D(2023, 12, 31))
    assert later.period == Period.between("2023-05-01", "2024-01-01")
    assert later.days == 245
    assert later == attrs.evolve(c, end=D(2023, 12, 31))


def test_the_campaigns_face_lists_match() -> None:
    import ast
    import importlib

    import thidua.campaigns as face

    exports: dict[str, str] = vars(face)["_EXPORTS"]
    assert sorted(exports) == sorted(face.__all__)
    tree = ast.parse(Path(face.__file__).read_text(encoding="utf-8"))
    imported = {
        a.name: node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.col_offset > 0
        for a in node.names
    }
    assert imported == exports
    for name, module in exports.items():
        assert getattr(face, name) is getattr(importlib.import_module(module), name)
    assert set(dir(face)) >= set(face.__all__)
