"""Proposals and quotas (issue 9 §1): the tables, the workflow check, the quotas, propose()."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from thidua.errors import InvalidArgumentError, UnknownNameError
from thidua.honours import (
    ClusterLeaderQuota,
    ProposalStatus,
    ProposerQuota,
    ShareQuota,
    ThemeQuota,
    allowed_after,
    check_proposals,
    proposal_steps,
    proposals,
    propose,
    quota_limit,
    quotas_from_data,
    rule_set_quotas,
)
from thidua.io._domain import domain_tables
from thidua.periods import Period
from thidua.workspace import Workspace, check

Rows = Sequence[Mapping[str, str]]

UNITS = [
    {"id": "TLD", "name": "Tổng Liên đoàn Lao động Việt Nam", "kind": "central"},
    {"id": "HN", "name": "Liên đoàn Lao động thành phố Hà Nội", "kind": "provincial"},
    {"id": "D1", "name": "Liên đoàn Lao động quận Đống Đa", "kind": "district"},
    {"id": "D2", "name": "Liên đoàn Lao động quận Cầu Giấy", "kind": "district"},
    *(
        {"id": f"G{i}", "name": f"Công đoàn cơ sở số {i}", "kind": "grassroots"}
        for i in range(1, 11)
    ),
]
LINKS = [
    {"child": "HN", "parent": "TLD"},
    {"child": "D1", "parent": "HN"},
    {"child": "D2", "parent": "HN"},
    *({"child": f"G{i}", "parent": "D1" if i <= 5 else "D2"} for i in range(1, 11)),
]


def _people(genders: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """People P1… in G1 (``f`` female, ``m`` male), all members since 2020."""
    people = [
        {"id": f"P{i}", "name": f"Người {i}", "gender": "female" if g == "f" else "male"}
        for i, g in enumerate(genders, start=1)
    ]
    members = [{"person": p["id"], "unit": "G1", "valid_from": "2020-01-01"} for p in people]
    return people, members


def _csv(path: Path, rows: Rows) -> None:
    headers: list[str] = []
    for row in rows:
        headers.extend(k for k in row if k not in headers)
    lines = [",".join(headers)]
    lines.extend(",".join(row.get(h, "") for h in headers) for row in rows)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def workspace(tmp_path: Path, **tables: Rows) -> Workspace:
    """A workspace directory with the hierarchy above and *tables*, read and checked."""
    base: dict[str, Rows] = {"units": UNITS, "links": LINKS, "roots": [{"unit": "TLD"}]}
    for name, rows in {**base, **tables}.items():
        if rows:
            _csv(tmp_path / f"{name}.csv", rows)
    return check(tmp_path).workspace


def ratings(grades: Mapping[str, str], period: str = "2024") -> list[dict[str, str]]:
    return [{"subject": s, "period": period, "rating": g} for s, g in grades.items()]


def codes(ws: Workspace, **kwargs: object) -> list[str]:
    return [p.code for p in check_proposals(ws, **kwargs) if p.code.startswith("R")]  # type: ignore[arg-type]


def proposal(pid: str, subject: str, **fields: str) -> dict[str, str]:
    row = {
        "id": pid,
        "proposer": "G1",
        "honour": "LDTT",
        "period": "2024",
        "subject": subject,
        "status": "approved",
    }
    row.update(fields)
    return row


def steps(pid: str, *chain: tuple[str, str]) -> list[dict[str, str]]:
    return [{"proposal": pid, "step": s, "on": on} for s, on in chain]


FULL = (
    ("dự thảo", "05/01/2025"),
    ("đã trình", "10/01/2025"),
    ("trả lại", "15/01/2025"),
    ("đã trình", "20/01/2025"),
    ("đã duyệt", "01/02/2025"),
)


@pytest.fixture
def base(tmp_path: Path) -> dict[str, Rows]:
    people, members = _people("fmmfmf")
    return {
        "people": people,
        "memberships": members,
        "ratings": ratings({p["id"]: "HTT" for p in people}),
    }


# -- the tables ------------------------------------------------------------------------------


def test_the_tables_are_declared_with_vietnamese_headers() -> None:
    t = domain_tables()
    assert [c.name for c in t["proposals"].columns][:9] == [
        "id",
        "proposer",
        "honour",
        "period",
        "subject",
        "submitted_on",
        "status",
        "decided_by",
        "theme",
    ]
    assert "Trạng thái" in t["proposals"].column("status").aliases
    assert t["proposal_steps"].key == ("proposal", "step", "on")


def test_vietnamese_headers_and_words_are_read(tmp_path: Path, base: dict[str, Rows]) -> None:
    (tmp_path / "proposals.csv").write_text(
        "Mã hồ sơ,Đơn vị đề nghị,Danh hiệu đề nghị,Kỳ đề nghị,Đối tượng đề nghị,Trạng thái\n"
        "DN-1,G1,LDTT,2024,P1,Đã trình\n",
        encoding="utf-8",
    )
    (tmp_path / "proposal_steps.csv").write_text(
        "Mã hồ sơ,Bước,Ngày\nDN-1,du thao,05/01/2025\nDN-1,ĐÃ TRÌNH,10/01/2025\n",
        encoding="utf-8",
    )
    ws = workspace(tmp_path, **base)
    (p,) = proposals(ws)
    assert (p.id, p.status, p.period) == ("DN-1", ProposalStatus.SUBMITTED, Period.year(2024))
    assert [s.step for s in proposal_steps(ws)] == [
        ProposalStatus.DRAFT,
        ProposalStatus.SUBMITTED,
    ]
    assert codes(ws) == []


def test_an_unreadable_status_is_reported(tmp_path: Path, base: dict[str, Rows]) -> None:
    ws = workspace(tmp_path, **base, proposals=[proposal("DN-1", "P1", status="chờ")])
    found = [p for p in check_proposals(ws) if p.code == "S006"]
    assert found
    assert "status" in str(found[0].pointer)


def test_an_unreadable_period_is_a017(tmp_path: Path, base: dict[str, Rows]) -> None:
    ws = workspace(tmp_path, **base, proposals=[proposal("DN-1", "P1", period="năm ngoái")])
    assert "A017" in [p.code for p in check_proposals(ws)]


# -- the workflow ----------------------------------------------------------------------------


def test_the_workflow_steps() -> None:
    assert allowed_after(None) == (ProposalStatus.DRAFT,)
    assert allowed_after(ProposalStatus.DRAFT) == (ProposalStatus.SUBMITTED,)
    assert allowed_after(ProposalStatus.RETURNED) == (ProposalStatus.SUBMITTED,)
    assert set(allowed_after(ProposalStatus.SUBMITTED)) == {
        ProposalStatus.RETURNED,
        ProposalStatus.APPROVED,
        ProposalStatus.REJECTED,
    }
    assert ProposalStatus.APPROVED.final
    assert ProposalStatus.REJECTED.final
    assert not ProposalStatus.RETURNED.final


@pytest.mark.parametrize(
    ("status", "chain"),
    [
        ("draft", FULL[:1]),
        ("submitted", FULL[:2]),
        ("returned", FULL[:3]),
        ("submitted", FULL[:4]),
        ("approved", FULL),
        ("rejected", (*FULL[:4], ("không duyệt", "01/02/2025"))),
        ("draft", ()),
    ],
)
def test_every_workflow_step_is_allowed(
    tmp_path: Path, base: dict[str, Rows], status: str, chain: tuple[tuple[str, str], ...]
) -> None:
    ws = workspace(
        tmp_path,
        **base,
        proposals=[proposal("DN-1", "P1", status=status)],
        proposal_steps=steps("DN-1", *chain),
    )
    assert codes(ws) == []


@pytest.mark.parametrize(
    "chain",
    [
        (("đã trình", "10/01/2025"),),  # no draft first
        (("dự thảo", "05/01/2025"), ("đã duyệt", "10/01/2025")),  # approved without submission
        (("dự thảo", "05/01/2025"), ("trả lại", "10/01/2025")),  # returned before submission
        (("dự thảo", "05/01/2025"), ("dự thảo", "06/01/2025")),  # drafted twice
        (*FULL[:3], ("đã duyệt", "20/01/2025")),  # approved while returned
        (*FULL, ("trả lại", "05/02/2025")),  # a step after the decision
        (*FULL[:4], ("không duyệt", "01/02/2025"), ("đã trình", "05/02/2025")),
    ],
)
def test_an_illegal_step_is_r002(
    tmp_path: Path, base: dict[str, Rows], chain: tuple[tuple[str, str], ...]
) -> None:
    last = {"dự thảo": "draft", "đã trình": "submitted", "trả lại": "returned"}
    status = last.get(chain[-1][0], "approved" if chain[-1][0] == "đã duyệt" else "rejected")
    if chain[-1][0] == "trả lại":
        status = "returned"
    ws = workspace(
        tmp_path,
        **base,
        proposals=[proposal("DN-1", "P1", status=status)],
        proposal_steps=steps("DN-1", *chain),
    )
    found = [p for p in check_proposals(ws) if p.code == "R002"]
    assert len(found) == 1
    assert found[0].subject == "DN-1"
    assert "proposal_steps.csv" in str(found[0].pointer)
    assert "is not allowed" in found[0].message


def test_steps_out_of_date_order_are_r003(tmp_path: Path, base: dict[str, Rows]) -> None:
    chain = (("dự thảo", "05/01/2025"), ("đã trình", "03/01/2025"))
    ws = workspace(
        tmp_path,
        **base,
        proposals=[proposal("DN-1", "P1", status="submitted")],
        proposal_steps=steps("DN-1", *chain),
    )
    (found,) = [p for p in check_proposals(ws) if p.code.startswith("R")]
    assert found.code == "R003"
    assert "03/01/2025" in found.message
    assert "05/01/2025" in found.message


def test_a_status_not_matching_the_last_step_is_r004(tmp_path: Path, base: dict[str, Rows]) -> None:
    ws = workspace(
        tmp_path,
        **base,
        proposals=[
            proposal("DN-1", "P1", status="approved"),
            proposal("DN-2", "P2", status="submitted"),
        ],
        proposal_steps=steps("DN-1", *FULL[:2]),
    )
    found = {p.subject: p.message for p in check_proposals(ws) if p.code == "R004"}
    assert set(found) == {"DN-1", "DN-2"}
    assert "last step is submitted (đã trình)" in found["DN-1"]
    assert "it has no step" in found["DN-2"]


def test_unknown_ids_and_duplicates(tmp_path: Path, base: dict[str, Rows]) -> None:
    ws = workspace(
        tmp_path,
        **base,
        proposals=[
            proposal("DN-1", "P1", status="draft", proposer="G99"),
            proposal("DN-2", "P77", status="draft", decided_by="XX"),
            proposal("DN-3", "P3", status="draft", honour="NOPE"),
            proposal("DN-3", "P4", status="draft"),
        ],
        proposal_steps=[
            {"proposal": "DN-9", "step": "dự thảo", "on": "05/01/2025"},
            {"proposal": "DN-1", "step": "dự thảo", "on": "05/01/2025", "by": "ZZ"},
        ],
    )
    found = [(p.code, p.subject) for p in check_proposals(ws) if p.code.startswith("R")]
    assert sorted(found) == [
        ("R001", "DN-3"),
        ("R005", "DN-1"),
        ("R005", "DN-1"),
        ("R005", "DN-2"),
        ("R006", "DN-2"),
        ("R007", "DN-3"),
        ("R011", "DN-9"),
    ]


def test_proposing_an_ineligible_subject_names_it_and_the_conditions(
    tmp_path: Path, base: dict[str, Rows]
) -> None:
    base = {**base, "ratings": ratings({"P1": "HTT", "P2": "HT"})}
    ws = workspace(
        tmp_path,
        **base,
        proposals=[proposal("DN-1", "P1"), proposal("DN-2", "P2")],
        proposal_steps=[*steps("DN-1", *FULL), *steps("DN-2", *FULL)],
    )
    (found,) = [p for p in check_proposals(ws) if p.code == "R008"]
    assert found.subject == "DN-2"
    assert "'P2' is not eligible for LDTT" in found.message
    assert "rated HTT or better in 2024: rated HT" in found.message


def test_a_draft_and_a_rejected_proposal_are_not_judged(
    tmp_path: Path, base: dict[str, Rows]
) -> None:
    base = {**base, "ratings": ratings({"P2": "HT"})}
    rejected = (*FULL[:4], ("không duyệt", "01/02/2025"))
    ws = workspace(
        tmp_path,
        **base,
        proposals=[
            proposal("DN-1", "P2", status="draft"),
            proposal("DN-2", "P2", status="rejected"),
        ],
        proposal_steps=[*steps("DN-1", FULL[0]), *steps("DN-2", *rejected)],
    )
    assert codes(ws) == []


def test_a_subject_under_review_on_the_submission_date_is_r010(
    tmp_path: Path, base: dict[str, Rows]
) -> None:
    ws = workspace(
        tmp_path,
        **base,
        reviews=[
            {"subject": "P1", "valid_from": "2025-01-01", "reason": "khiếu nại"},
            {"subject": "P2", "valid_from": "2024-06-01", "valid_to": "2025-01-01"},
        ],
        proposals=[
            proposal("DN-1", "P1", status="draft", submitted_on="2025-01-10"),
            proposal("DN-2", "P2", status="draft", submitted_on="2025-01-10"),
            proposal("DN-3", "P1", status="submitted"),
        ],
        proposal_steps=steps("DN-3", *FULL[:2]),
    )
    found = {p.subject: p.message for p in check_proposals(ws) if p.code == "R010"}
    assert set(found) == {"DN-1", "DN-3"}  # DN-3: the date of its submitted step
    assert "10/01/2025" in found["DN-3"]
    assert "01/01/2025" in found["DN-3"]


# -- quotas as data ---------------------------------------------------------------------------


def test_quota_limits_round_down() -> None:
    assert [quota_limit(0.15, n) for n in (6, 7, 19, 20, 100)] == [0, 1, 2, 3, 15]
    assert quota_limit(0.2, 5) == 1
    assert quota_limit(0.2, 4) == 0


def test_quotas_read_from_yaml_data() -> None:
    yaml = pytest.importorskip("yaml")
    data = yaml.safe_load(
        """
        - {kind: share, honour: CSTDCS, share: "15%", of: LDTT, basis: old regime}
        - {kind: theme, honour: BK_CD, limit: 300}
        - {kind: proposer, honour: BK_CD, limit: 4}
        - {kind: cluster, honour: CO_CP, share: 0.2}
        """
    )
    share, theme, proposer, cluster = quotas_from_data(data)
    assert share == ShareQuota(honour="CSTDCS", share=0.15, basis="old regime")
    assert theme == ThemeQuota(honour="BK_CD", limit=300)
    assert proposer == ProposerQuota(honour="BK_CD", limit=4)
    assert cluster == ClusterLeaderQuota(honour="CO_CP", share=0.2)


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ({"kind": "share", "honour": "CSTDCS", "share": "150%"}, "between 0 and 100"),
        ({"kind": "proposer", "honour": "BK_CD", "limit": "bốn"}, "whole number"),
        ({"kind": "proposer", "honour": "BK_CD", "limit": -1}, "not negative"),
        ({"kind": "theme", "honour": "BK_CD", "limit": 3, "per": "x"}, "unknown field"),
        ({"kind": "theme", "limit": 3}, r"quota 1 \(theme\)"),
    ],
)
def test_bad_quota_data_is_refused(entry: dict[str, object], words: str) -> None:
    with pytest.raises(InvalidArgumentError, match=words):
        quotas_from_data([entry])


def test_quotas_ship_with_the_rule_sets() -> None:
    kinds = {q.kind for q in rule_set_quotas("vn-2024")}
    assert kinds == {"theme", "proposer", "cluster"}
    (cp,) = rule_set_quotas("vn-2025", "CO_CP")
    assert isinstance(cp, ClusterLeaderQuota)
    assert cp.share == pytest.approx(0.2)
    assert "Decree" in cp.basis
    assert rule_set_quotas("no-such-set") == ()


def test_the_check_reports_a_proposal_beyond_the_shipped_proposer_quota(
    tmp_path: Path, base: dict[str, Rows]
) -> None:
    rows = [
        proposal(f"DN-{i}", f"P{i}", honour="BK_CD", status="submitted", theme="Xanh")
        for i in range(1, 6)
    ]
    chain = [s for r in rows for s in steps(r["id"], *FULL[:2])]
    ws = workspace(tmp_path, **base, proposals=rows, proposal_steps=chain)
    (found,) = [p for p in check_proposals(ws) if p.code == "R009"]
    assert found.subject == "DN-5"
    assert "BK_CD ≤ 4 per proposer" in found.message
    assert "allow 4, 4 already proposed" in found.message


def test_the_check_takes_the_users_share_quota(tmp_path: Path, base: dict[str, Rows]) -> None:
    people, members = _people("ffffffffff")  # 10 people, LĐTT all, CSTĐCS all (HTXS + …)
    rows = [proposal(f"DN-{i}", f"P{i}", status="submitted") for i in range(1, 4)]
    chain = [s for r in rows for s in steps(r["id"], *FULL[:2])]
    ws = workspace(
        tmp_path,
        people=people,
        memberships=members,
        ratings=ratings({p["id"]: "HTT" for p in people}),
        proposals=rows,
        proposal_steps=chain,
    )
    assert codes(ws) == []
    quota = ShareQuota(honour="LDTT", share="20%", of="LDTT")  # 20 % of 10 LĐTT: 2
    found = [p for p in check_proposals(ws, quotas=[quota]) if p.code == "R009"]
    assert [p.subject for p in found] == ["DN-3"]
    assert "LDTT ≤ 20 % of the unit's LDTT: 10 LDTT in unit G1 allow 2" in found[0].message


# -- propose ----------------------------------------------------------------------------------


def test_a_share_quota_at_and_beyond_its_limit(tmp_path: Path) -> None:
    people, members = _people("mmmmmmmmmm")
    ws = workspace(
        tmp_path,
        people=people,
        memberships=members,
        ratings=ratings({p["id"]: "HTT" for p in people}),
    )
    at = propose(ws, "LDTT", "2024", proposer="G1", quota=ShareQuota(honour="LDTT", share=1.0))
    assert len(at.proposed) == 10
    assert at.cut == ()
    beyond = propose(ws, "LDTT", "2024", proposer="G1", quota="30%")
    assert beyond.proposed == ("P1", "P10", "P2")  # ids sort as text
    assert len(beyond.cut) == 7
    assert beyond.cut[0].reason == (
        "beyond the quota LDTT ≤ 30 % of the unit's LDTT: 10 LDTT in unit G1 allow 3, "
        "3 already proposed"
    )


def test_a_proposer_quota_at_and_beyond_its_limit(tmp_path: Path, base: dict[str, Rows]) -> None:
    ws = workspace(tmp_path, **base)
    at = propose(ws, "LDTT", "2024", proposer="D1", quota=6)
    assert len(at.proposed) == 6
    assert at.cut == ()
    beyond = propose(ws, "LDTT", "2024", proposer="D1", quota=5)
    assert len(beyond.proposed) == 5
    (cut,) = beyond.cut
    assert cut.rank == 6
    assert (
        cut.reason
        == "beyond the quota LDTT ≤ 5 per proposer: proposer D1 allow 5, 5 already proposed"
    )


def test_a_theme_quota_counts_the_other_proposers(tmp_path: Path, base: dict[str, Rows]) -> None:
    others = [
        proposal(f"X-{i}", "G6", proposer="D2", honour="BK_CD", status="submitted", theme="Xanh")
        for i in range(1, 3)
    ]
    chain = [s for r in others for s in steps(r["id"], *FULL[:2])]
    ws = workspace(tmp_path, **base, proposals=others, proposal_steps=chain)
    quota = ThemeQuota(honour="BK_CD", limit=3)
    result = propose(ws, "BK_CD", "2024", proposer="G1", quota=quota, theme="Xanh")
    assert len(result.proposed) == 1  # 3 a year for the theme, 2 already proposed by D2
    assert "theme 'Xanh' allow 3, 3 already proposed" in result.cut[0].reason
    other_theme = propose(ws, "BK_CD", "2024", proposer="G1", quota=quota, theme="Khác")
    assert len(other_theme.proposed) == 3
    at = propose(ws, "BK_CD", "2024", proposer="G1", quota=ThemeQuota(honour="BK_CD", limit=8))
    assert len(at.proposed) == 6  # 2 + 6 = 8: at the limit, nobody cut
    assert at.cut == ()


def test_drafts_and_rejected_proposals_take_no_place_in_a_theme_quota(
    tmp_path: Path, base: dict[str, Rows]
) -> None:
    rejected = (*FULL[:4], ("không duyệt", "01/02/2025"))
    others = [
        proposal("X-1", "G6", proposer="D2", honour="BK_CD", status="rejected", theme="Xanh"),
        proposal("X-2", "G7", proposer="D2", honour="BK_CD", status="draft", theme="Xanh"),
    ]
    chain = [*steps("X-1", *rejected), *steps("X-2", FULL[0])]
    ws = workspace(tmp_path, **base, proposals=others, proposal_steps=chain)
    quota = ThemeQuota(honour="BK_CD", limit=3)
    assert len(propose(ws, "BK_CD", "2024", proposer="G1", quota=quota, theme="Xanh").proposed) == 3


def test_the_shipped_quotas_apply_by_default(tmp_path: Path, base: dict[str, Rows]) -> None:
    ws = workspace(tmp_path, **base)
    result = propose(ws, "BK_CD", "2024", proposer="G1", theme="Xanh")
    assert len(result.proposed) == 4
    assert len(result.cut) == 2
    assert {q.kind for q in result.quotas} == {"theme", "proposer"}
    assert len(propose(ws, "BK_CD", "2024", proposer="G1", quota=()).proposed) == 6


def _clusters(n: int) -> dict[str, Rows]:
    """*n* clusters of two units each (G1…), the first member leading."""
    groups = [
        {"id": f"CUM-{k}", "name": f"Cụm {k}", "kind": "cluster", "owner": "HN"}
        for k in range(1, n + 1)
    ]
    members, scores = [], []
    for k in range(1, n + 1):
        for j, unit in enumerate((f"G{2 * k - 1}", f"G{2 * k}")):
            members.append({"group": f"CUM-{k}", "unit": unit, "valid_from": "2024-01-01"})
            scores.append(
                {
                    "group": f"CUM-{k}",
                    "period": "2024",
                    "unit": unit,
                    "criterion": "Tổng",
                    "score": str(90 - 10 * j + k),
                    "max": "100",
                }
            )
    return {"groups": groups, "group_members": members, "cluster_scores": scores}


def test_cluster_leaders_are_the_co_bo_candidates(tmp_path: Path) -> None:
    ws = workspace(tmp_path, **_clusters(2))
    result = propose(ws, "CO_BO", "2024", proposer="HN")
    assert result.proposed == ("G3", "G1")  # highest cluster score first
    (loser,) = [c for c in result if c.subject == "G2"]
    assert not loser.eligible
    assert loser.reason == "leads a cluster in 2024: 81 points in cluster CUM-1, led by G1 (91)"


@pytest.mark.parametrize(("leaders", "proposed"), [(4, 0), (5, 1), (9, 1), (10, 2)])
def test_the_co_cp_quota_is_a_fifth_of_the_leaders(
    tmp_path: Path, leaders: int, proposed: int
) -> None:
    units = [
        *UNITS,
        *({"id": f"G{i}", "name": f"CĐCS {i}", "kind": "grassroots"} for i in range(11, 21)),
    ]
    links = [*LINKS, *({"child": f"G{i}", "parent": "D2"} for i in range(11, 21))]
    ws = workspace(tmp_path, units=units, links=links, **_clusters(leaders))
    result = propose(ws, "CO_CP", "2024", proposer="HN")
    assert len(result.proposed) == proposed
    assert sum(c.eligible for c in result) == leaders
    if proposed < leaders:
        assert (
            f"CO_CP ≤ 20 % of the cluster leaders meeting CO_BO: {leaders} cluster leader(s) "
            f"meeting CO_BO allow {proposed}" in result.cut[0].reason
        )


def test_ties_go_to_women_then_collectives_of_women_then_the_id(
    tmp_path: Path, base: dict[str, Rows]
) -> None:
    ws = workspace(tmp_path, **base)
    result = propose(ws, "LDTT", "2024", proposer="G1", quota=())
    # P1 f, P2 m, P3 m, P4 f, P5 m, P6 f: women first, then men, each by id
    assert result.proposed == ("P1", "P4", "P6", "P2", "P3", "P5")
    assert [c.rank for c in result] == [1, 2, 3, 4, 5, 6]


def test_collectives_with_seventy_percent_women_come_first(tmp_path: Path) -> None:
    people = [
        {"id": f"P{i}", "name": f"N{i}", "gender": g}
        for i, g in enumerate(["male"] * 3 + ["female"] * 7, start=1)
    ]
    members = [
        {"person": p["id"], "unit": "G2" if i < 3 else "G3", "valid_from": "2020-01-01"}
        for i, p in enumerate(people)
    ]  # G2: 3 men; G3: 7 women
    units = {"G2": "HTT", "G3": "HTT"}
    grades = {**units, **{p["id"]: "HTT" for p in people}}
    ws = workspace(tmp_path, people=people, memberships=members, ratings=ratings(grades))
    result = propose(ws, "TTLDTT", "2024", proposer="D1", quota=())
    assert result.proposed == ("G3", "G2")
    assert result.candidates[0].women_share == pytest.approx(1.0)


def test_the_cluster_score_ranks_before_the_preferences(tmp_path: Path) -> None:
    ws = workspace(tmp_path, **_clusters(3))
    result = propose(ws, "CO_BO", "2024", proposer="HN", order=["women", "cluster_score"])
    assert result.proposed == ("G5", "G3", "G1")


def test_the_ordering_can_be_overridden(tmp_path: Path, base: dict[str, Rows]) -> None:
    ws = workspace(tmp_path, **base)
    by_id = propose(ws, "LDTT", "2024", proposer="G1", quota=2, order=["id"])
    assert by_id.proposed == ("P1", "P2")
    by_key = propose(
        ws, "LDTT", "2024", proposer="G1", quota=2, order=lambda c: -int(c.subject[1:])
    )
    assert by_key.proposed == ("P6", "P5")
    with pytest.raises(InvalidArgumentError, match="unknown ordering 'age'"):
        propose(ws, "LDTT", "2024", proposer="G1", order=["age"])


def test_an_unknown_proposer_or_honour_is_refused(tmp_path: Path, base: dict[str, Rows]) -> None:
    ws = workspace(tmp_path, **base)
    with pytest.raises(UnknownNameError, match="G99"):
        propose(ws, "LDTT", "2024", proposer="G99")
    with pytest.raises(UnknownNameError, match="LDTX"):
        propose(ws, "LDTX", "2024", proposer="G1")


def test_a_quota_on_another_honour_is_refused(tmp_path: Path, base: dict[str, Rows]) -> None:
    ws = workspace(tmp_path, **base)
    with pytest.raises(InvalidArgumentError, match="not on LDTT"):
        propose(ws, "LDTT", "2024", proposer="G1", quota=ProposerQuota(honour="CSTDCS", limit=1))


def test_ineligible_candidates_say_why_and_others_are_out_of_scope(
    tmp_path: Path, base: dict[str, Rows]
) -> None:
    base = {**base, "ratings": ratings({"P1": "HTT", "P2": "HT"})}
    ws = workspace(tmp_path, **base)
    result = propose(ws, "LDTT", "2024", proposer="G1")
    (p2,) = [c for c in result if c.subject == "P2"]
    assert not p2.eligible
    assert p2.rank is None
    assert "rated HT" in p2.reason
    assert propose(ws, "LDTT", "2024", proposer="D2").candidates == ()


def test_the_result_exports(tmp_path: Path, base: dict[str, Rows]) -> None:
    ws = workspace(tmp_path, **base)
    result = propose(ws, "LDTT", "2024", proposer="G1", quota=4)
    assert (
        repr(result) == "<ProposalList LDTT 2024 by G1: 4 proposed, 2 cut by quota, 0 not eligible>"
    )
    records = result.to_records()
    assert records[0] == {
        "honour": "LDTT",
        "period": "2024",
        "proposer": "G1",
        "subject": "P1",
        "name": "Người 1",
        "unit": "G1",
        "eligible": True,
        "score": None,
        "female": True,
        "women_share": None,
        "rank": 1,
        "proposed": True,
        "reason": "",
    }
    frame = result.to_pandas()
    assert list(frame["proposed"]) == [True] * 4 + [False] * 2
    html = result._repr_html_()
    assert html.startswith("<table>")
    assert "Người 1" in html
    assert "&lt;ProposalList" in html


def test_the_check_follows_the_cluster_leaders_and_the_co_cp_quota(tmp_path: Path) -> None:
    units = [
        *UNITS,
        *({"id": f"G{i}", "name": f"CĐCS {i}", "kind": "grassroots"} for i in range(11, 21)),
    ]
    links = [*LINKS, *({"child": f"G{i}", "parent": "D2"} for i in range(11, 21))]
    rows = [
        proposal("CP-1", "G1", proposer="HN", honour="CO_CP", status="submitted"),
        proposal("CP-2", "G3", proposer="HN", honour="CO_CP", status="submitted"),
        proposal("CP-3", "G2", proposer="HN", honour="CO_BO", status="submitted"),
    ]
    chain = [s for r in rows for s in steps(r["id"], *FULL[:2])]
    ws = workspace(
        tmp_path, units=units, links=links, proposals=rows, proposal_steps=chain, **_clusters(5)
    )
    found = {p.subject: (p.code, p.message) for p in check_proposals(ws) if p.code[0] == "R"}
    assert set(found) == {"CP-2", "CP-3"}
    code, message = found["CP-2"]
    assert code == "R009"
    assert "5 cluster leader(s) meeting CO_BO allow 1, 1 already proposed" in message
    code, message = found["CP-3"]
    assert code == "R008"
    assert "'G2' is not eligible for CO_BO" in message
    assert "led by G1" in message


def test_units_tied_at_the_top_of_a_cluster_both_lead(tmp_path: Path) -> None:
    tables = _clusters(1)
    scores = [dict(s, score="90") for s in tables["cluster_scores"]]
    ws = workspace(tmp_path, **{**tables, "cluster_scores": scores})
    result = propose(ws, "CO_BO", "2024", proposer="HN")
    assert result.proposed == ("G1", "G2")  # equal scores, no woman to prefer: the id decides
    assert [c.rank for c in result] == [1, 2]


def test_validate_takes_the_users_quotas_in_the_one_pass() -> None:
    from thidua.datasets import hanoi_path
    from thidua.honours import ProposerQuota
    from thidua.workspace import check, validate

    workspace = check(hanoi_path()).workspace
    quota = ProposerQuota(honour="LDTT", limit=2)
    plain, limited = validate(workspace), validate(workspace, quotas=[quota])
    assert [p.code for p in plain] == []
    beyond = [p for p in limited if p.code == "R009"]
    assert beyond
    assert len(set(beyond)) == len(beyond)  # each proposal beyond the quota named once
    assert all("LDTT" in p.message or "Lao động tiên tiến" in p.message for p in beyond)
