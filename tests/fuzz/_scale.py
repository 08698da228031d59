"""Inputs whose size is the attack: deep chains, crowds of look-alike siblings, link storms.

Each returns (label, CSV files) of a dataset directory.  The long pass uses
sizes past the limits that broke 0.1 (a 1,000-level recursion, a quadratic
report); the short pass keeps below them except where a size of a few
hundred is enough.
"""

from __future__ import annotations

import random

from tests.fuzz._mutate import HUGE_INT, csv_bytes

__all__ = ["absorb_chain", "structure"]

_UNITS = ["id", "name", "kind"]
_LINKS = ["child", "parent", "relation", "valid_from", "valid_to"]


def _files(units: list[list[str]], links: list[list[str]], **more: bytes) -> dict[str, bytes]:
    return {
        "units.csv": csv_bytes([_UNITS, *units]),
        "links.csv": csv_bytes([_LINKS, *links]),
        **more,
    }


def chain(n: int) -> dict[str, bytes]:
    """A line of *n* units, each the admin child of the previous one."""
    kinds = ["central", "provincial", *["district"] * (n - 3), "grassroots"]
    units = [[f"U{i}", f"Công đoàn {i}", kinds[min(i, len(kinds) - 1)]] for i in range(n)]
    links = [[f"U{i}", f"U{i - 1}", "admin", "", ""] for i in range(1, n)]
    return _files(
        units,
        links,
        **{
            "figures.csv": csv_bytes(
                [["unit", "indicator", "period", "value"], [f"U{n - 1}", "members", "2025", "5"]]
            )
        },
    )


def siblings(n: int) -> dict[str, bytes]:
    """*n* grassroots units of one name under one parent (duplicate-name warnings)."""
    units = [
        ["P", "LĐLĐ", "provincial"],
        *([f"S{i}", "CĐCS Trùng Tên", "grassroots"] for i in range(n)),
    ]
    links = [[f"S{i}", "P", "admin", "", ""] for i in range(n)]
    return _files(units, links)


def overlaps(n: int) -> dict[str, bytes]:
    """One unit with *n* admin parents at once (overlapping-link errors)."""
    units = [["C", "CĐCS", "grassroots"], *([f"P{i}", f"LĐLĐ {i}", "provincial"] for i in range(n))]
    links = [["C", f"P{i}", "admin", "2024-01-01", ""] for i in range(n)]
    return _files(units, links)


def huge_rank() -> dict[str, bytes]:
    """A level scheme whose rank does not fit 64 bits."""
    levels = csv_bytes(
        [
            ["scheme", "kind", "rank", "label"],
            ["s", "top", "0", "Top"],
            ["s", "leaf", "99999999999999999999", "Leaf"],
        ]
    )
    return _files(
        [["T", "Top", "top"], ["L", "Leaf", "leaf"]],
        [["L", "T", "", "", ""]],
        **{"levels.csv": levels},
    )


def structure(rng: random.Random, *, short: bool) -> tuple[str, dict[str, bytes]]:
    """One of the structures, at a size the pass allows."""
    roll = rng.randrange(5)
    if roll == 0:
        n = rng.choice([300] if short else [300, 1100, 2500])
        return f"chain of {n}", chain(n)
    if roll == 1:
        n = rng.choice([150] if short else [300, 1500, 3000])
        return f"{n} siblings of one name", siblings(n)
    if roll == 2:
        n = rng.choice([150] if short else [300, 1500, 2000])
        return f"{n} overlapping admin links", overlaps(n)
    if roll == 3:
        return "rank past int64", huge_rank()
    huge = _files(
        [["A", HUGE_INT, "grassroots"], [HUGE_INT, "B", "grassroots"]],
        [[HUGE_INT, "A", "admin", "", ""]],
    )
    return "4,400-digit cells", huge


def absorb_chain(rng: random.Random, *, short: bool) -> tuple[str, dict[str, bytes]]:
    """Units absorbed one into the next, day after day, with figures (restated roll-ups)."""
    n = rng.choice([50] if short else [50, 1100, 2000])
    units = [
        ["TOP", "LĐLĐ", "provincial"],
        *([f"A{i}", f"CĐCS {i}", "grassroots"] for i in range(n + 1)),
    ]
    links = [[f"A{i}", "TOP", "admin", "", ""] for i in range(n + 1)]
    events = [["id", "kind", "date", "originals", "results"]]
    for i in range(n):
        year, day = 2000 + i // 300, 1 + i % 300
        date = f"{year}-{1 + (day - 1) // 28:02d}-{1 + (day - 1) % 28:02d}"
        events.append([f"E{i}", "absorb", date, f"A{i};A{i + 1}", f"A{i + 1}"])
    figures = csv_bytes(
        [
            ["unit", "indicator", "period", "value"],
            *([f"A{i}", "members", "1999", "3"] for i in range(0, n, max(1, n // 50))),
        ]
    )
    return f"{n} successive absorptions", _files(
        units, links, **{"events.csv": csv_bytes(events), "figures.csv": figures}
    )
