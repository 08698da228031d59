"""The Hà Nội federation before and after the reorganisation of 01/07/2025.

Run it with ``python examples/hanoi_reorganisation.py``.  It loads the shipped
sample, checks it, compares the structure of 30/06/2025 with 01/07/2025, follows
one grassroots union through the change, shows lineage across a 2024 split and
lists cluster 1 with its leaders.
"""

from __future__ import annotations

from collections import Counter

import thidua
from thidua.datasets import hanoi_path


def main() -> None:
    dataset = thidua.load(hanoi_path())  # raises ThiduaValidationError on any error
    report = thidua.validate(dataset)
    print(f"units: {len(dataset.units)}, problems: {len(report)}")

    h = thidua.Hierarchy(dataset)
    before, after = h.as_of("30/06/2025"), h.as_of("1/7/2025")
    for label, snap in (("30/06/2025", before), ("01/07/2025", after)):
        kinds = Counter(snap.kind(u) for u in snap.children("HN"))
        print(f"{label}: HN manages {len(snap.children('HN'))} units directly: {dict(kinds)}")

    diff = h.diff("2025-06-30", "2025-07-01")
    print(f"ended {len(diff.removed)}, founded {len(diff.added)}, moved {len(diff.moved)}")

    unit = "CDCS-0001"
    print(f"{h.name_on(unit, '2025-07-01')}:")
    print("  before:", " → ".join(before.path_to_root(unit)))
    print("  after: ", " → ".join(after.path_to_root(unit)))

    kim_lien = after.find("Công đoàn phường Kim Liên")[0]
    moves = [e for e in h.events_of(kim_lien) if e.kind is thidua.EventKind.MOVE]
    print(f"{kim_lien} took over {len(after.children(kim_lien))} CĐCS by {moves[0].document}")

    splits = [e for e in dataset.events if e.kind is thidua.EventKind.SPLIT]
    for event in splits:
        shares = h.lineage(event.originals[0]).successor_shares()
        print(f"split {event.originals[0]} on {event.date.isoformat()}: {shares}")

    cluster = next(g for g in dataset.groups if g.name == "Cụm thi đua số 1")
    members = [m for m in dataset.members if m.group == cluster.id]
    names = sorted(
        {h.unit(m.unit).short_name or m.unit for m in members if m.role.value == "member"}
    )
    leaders = [
        (m.valid_from.year if m.valid_from else None, m.unit)
        for m in members
        if m.role is thidua.Role.LEADER
    ]
    print(f"{cluster.name}: {', '.join(names)}; leaders {leaders}")


if __name__ == "__main__":
    main()
