"""Build the synthetic proposals of the Hà Nội sample (``proposals.csv``, ``proposal_steps.csv``).

Every proposal and step written here is **synthetic**: made by this tool
from the sample's synthetic people (``tools/build_hanoi_people.py``) to
exercise the proposal workflow, never taken from a real record.

For the year 2024 (the year the people sample leaves to be proposed):

* the grassroots unions under LĐLĐ quận Hoàn Kiếm propose their members for
  LĐTT and CSTĐCS, each list made by :func:`thidua.honours.propose` (CSTĐCS
  cut at 15 % of the unit's LĐTT, the old regime's share, as a union may
  still set it);
* LĐLĐ quận Ba Đình proposes four members for the thematic Bằng khen of TLĐ
  "Giỏi việc nước, đảm việc nhà" (the shipped quota: at most 4 a proposer);
* each proposal goes through the workflow ``draft → submitted → (returned →
  submitted)* → approved | rejected`` in January–March 2025, chosen by a
  seeded random generator: most are approved, some returned once and
  submitted again, a few rejected, still submitted or still drafts.

The sample validates with no error (``tests/test_hanoi_proposals.py``).  The
output is deterministic (``random.Random(2026)``); run from the repository
root after ``tools/build_hanoi_people.py``::

    .venv/bin/python tools/build_hanoi_proposals.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from thidua import load
from thidua.honours import propose

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "src" / "thidua" / "datasets" / "hanoi"
PERIOD = "2024"
DISTRICT = "LDLD-HOANKIEM"
THEMATIC_PROPOSER = "LDLD-BADINH"
THEME = "Giỏi việc nước, đảm việc nhà"
DECIDER = "HN"
START = date(2025, 1, 6)

PROPOSAL_HEADER = [
    "id",
    "proposer",
    "honour",
    "period",
    "subject",
    "submitted_on",
    "status",
    "decided_by",
    "theme",
    "note",
]
STEP_HEADER = ["proposal", "step", "on", "by", "note"]

_VI = {
    "draft": "dự thảo",
    "submitted": "đã trình",
    "returned": "trả lại",
    "approved": "đã duyệt",
    "rejected": "không duyệt",
}


def _chain(rng: random.Random) -> list[str]:
    """A workflow path: draft, then maybe submitted, returned and submitted again, then decided."""
    roll = rng.random()
    if roll < 0.05:
        return ["draft"]
    if roll < 0.12:
        return ["draft", "submitted"]
    path = ["draft", "submitted"]
    if rng.random() < 0.2:
        path += ["returned", "submitted"]
    path.append("rejected" if rng.random() < 0.08 else "approved")
    return path


def _steps(
    pid: str, proposer: str, path: Sequence[str], first: date, rng: random.Random
) -> tuple[list[list[str]], date | None]:
    rows = []
    day = first
    submitted: date | None = None
    for step in path:
        by = DECIDER if step in {"returned", "approved", "rejected"} else proposer
        note = "bổ sung minh chứng sáng kiến" if step == "returned" else ""
        rows.append([pid, _VI[step], day.isoformat(), by, note])
        if step == "submitted" and submitted is None:
            submitted = day
        day += timedelta(days=rng.randint(3, 12))
    return rows, submitted


def build(path: Path) -> tuple[list[list[str]], list[list[str]]]:
    """The proposals and steps of the sample at *path*."""
    workspace = load(path)
    rng = random.Random(2026)  # noqa: S311  (synthetic data, not secrets)
    lists = []
    units = sorted(workspace.hierarchy.as_of(date(2024, 12, 31)).children(DISTRICT))
    for unit in units:
        for honour, quota in (("LDTT", None), ("CSTDCS", "15%")):
            result = propose(workspace, honour, PERIOD, proposer=unit, quota=quota)
            lists.append((unit, honour, "", result.proposed))
    thematic = propose(workspace, "BK_CD", PERIOD, proposer=THEMATIC_PROPOSER, theme=THEME)
    lists.append((THEMATIC_PROPOSER, "BK_CD", THEME, thematic.proposed))
    proposals: list[list[str]] = []
    steps: list[list[str]] = []
    number = 0
    for proposer, honour, theme, subjects in lists:
        first = START + timedelta(days=rng.randint(0, 20))
        for subject in subjects:
            number += 1
            pid = f"DN-2024-{number:04d}"
            path_ = _chain(rng)
            rows, submitted = _steps(pid, proposer, path_, first, rng)
            steps.extend(rows)
            decided = path_[-1] in {"approved", "rejected"}
            proposals.append(
                [
                    pid,
                    proposer,
                    honour,
                    PERIOD,
                    subject,
                    "" if submitted is None else submitted.isoformat(),
                    _VI[path_[-1]],
                    DECIDER if decided else "",
                    theme,
                    "",
                ]
            )
    return proposals, steps


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
    """Write *rows* under *header* (UTF-8, newline line ends); return how many."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return len(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the proposals of the sample and write them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the sample directory")
    args = parser.parse_args(argv)
    out: Path = args.out
    for name in ("proposals.csv", "proposal_steps.csv"):
        (out / name).unlink(missing_ok=True)  # built from the people alone, not from themselves
    proposals, steps = build(out)
    n = write_csv(out / "proposals.csv", PROPOSAL_HEADER, proposals)
    m = write_csv(out / "proposal_steps.csv", STEP_HEADER, steps)
    print(f"proposals.csv: {n} rows; proposal_steps.csv: {m} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
