"""Roll up the Hà Nội sample's 2024 figures: as it was, restated, coverage, reconciliation.

Run it with ``python examples/hanoi_rollup.py``.  The 2024 figures of the
synthetic grassroots unions roll up to their district federations as the
structure was in 2024, then are restated onto the structure of 01/01/2026
(after the district level was abolished) for a year-on-year comparison.
"""

from __future__ import annotations

import thidua
from thidua.datasets import hanoi_path

INDICATORS = ["new_members", "members", "workers_conference_rate", "people_honoured"]


def main() -> None:
    # One call reads units, links, events, groups, indicators and figures, and checks them all.
    result = thidua.check(hanoi_path())
    workspace = result.workspace
    print(f"{len(workspace.figures)} figures, {len(result.report)} problems")

    # 1. As it was: each figure follows the structure of the last day of its period.
    as_was = thidua.roll_up(workspace, 2024, indicators=INDICATORS)
    for unit in ("HN", "LDLD-HOANKIEM"):
        values = {i: as_was.value(unit, i) for i in INDICATORS}
        print(f"as was   {unit:<14} " + ", ".join(f"{k}={v:,.1f}" for k, v in values.items()))

    # 2. Restated onto the structure of 01/01/2026: district federations are gone,
    #    their grassroots unions now sit under ward unions or the city directly.
    restated = thidua.roll_up(workspace, 2024, indicators=INDICATORS, restate_to="2026-01-01")
    kim_lien = restated.value("CDP-KIMLIEN", "new_members")
    print(f"restated CDP-KIMLIEN    new_members={kim_lien:,.0f} (its CĐCS' 2024 figures)")
    print(f"restated HN             new_members={restated.value('HN', 'new_members'):,.0f}")
    ended = sorted({f.unit for f in restated.unplaced})
    print(
        f"not placed after restating: {len(restated.unplaced)} figures of {len(ended)} "
        "grassroots unions ended on 01/07/2025 without successor (F014 warnings)"
    )

    # 3. Coverage: who was expected to report and did not.
    cover = as_was.coverage("HN", "new_members")
    missing = ", ".join(cover.missing[:6])
    print(f"coverage at HN: {cover.reported}/{cover.expected}; missing {missing} …")

    # 4. Reconciliation: a district's own reported total against the computed one.
    for d in as_was.discrepancies:
        print(
            f"discrepancy {d.unit} {d.indicator}: reported {d.reported:,.0f}, "
            f"computed {d.computed:,.0f}"
        )

    # 5. Provenance: the leaf figures behind one total.
    sources = as_was.provenance("LDLD-HOANKIEM", "new_members")
    print(f"LDLD-HOANKIEM new_members comes from {len(sources)} figures")

    # 6. Cluster totals and the ranking inside cluster 1 (members as of 31/12/2024).
    groups = thidua.roll_up_groups(as_was, workspace.hierarchy, on="2024-12-31", kind="cluster")
    ranking = [r for r in groups.ranking("new_members") if r.group == "CUM-01"]
    print("cụm 1 by new members: " + ", ".join(f"{r.rank}. {r.unit}" for r in ranking))


if __name__ == "__main__":
    main()
