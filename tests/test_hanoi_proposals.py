"""The synthetic proposals of the Hà Nội sample (tools/build_hanoi_proposals.py)."""

from __future__ import annotations

import importlib.util
import shutil
from collections import Counter
from pathlib import Path

import pytest

from thidua.datasets import hanoi_path
from thidua.honours import ProposalStatus, check_proposals, proposal_steps, proposals
from thidua.workspace import Workspace, check


@pytest.fixture(scope="module")
def sample() -> Workspace:
    return check(hanoi_path()).workspace


def test_the_sample_proposals_validate_without_a_problem(sample: Workspace) -> None:
    report = check_proposals(sample)
    assert list(report) == []
    assert [p for p in check(hanoi_path()).report if p.code.startswith("R")] == []


def test_the_sample_has_every_status_and_a_returned_proposal(sample: Workspace) -> None:
    statuses = Counter(p.status for p in proposals(sample))
    assert set(statuses) == {
        ProposalStatus.DRAFT,
        ProposalStatus.SUBMITTED,
        ProposalStatus.APPROVED,
        ProposalStatus.REJECTED,
    }
    assert ProposalStatus.RETURNED in {s.step for s in proposal_steps(sample)}
    honours = Counter(p.honour for p in proposals(sample))
    assert honours["BK_CD"] == 4
    assert honours["CSTDCS"] >= 1


def test_the_generator_is_deterministic(tmp_path: Path) -> None:
    """The shipped files are what tools/build_hanoi_proposals.py writes."""
    spec = importlib.util.spec_from_file_location(
        "build_hanoi_proposals",
        Path(__file__).parent.parent / "tools" / "build_hanoi_proposals.py",
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shutil.copytree(hanoi_path(), tmp_path / "hanoi")
    assert module.main(["--out", str(tmp_path / "hanoi")]) == 0
    for name in ("proposals.csv", "proposal_steps.csv"):
        shipped = (hanoi_path() / name).read_bytes()
        assert (tmp_path / "hanoi" / name).read_bytes() == shipped, name
