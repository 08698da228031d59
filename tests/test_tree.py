"""render_tree: linear and iterative, cycles named, shared units listed once, depth checked."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from thidua import Hierarchy
from thidua.cli import main
from thidua.datasets import hanoi_path
from thidua.errors import InvalidArgumentError, UnknownNameError
from thidua.hierarchy import Dataset, Link, Unit
from thidua.hierarchy._tree import render_tree
from thidua.io import write_json
from thidua.testing import tiny_dataset


def chain(n: int) -> Dataset:
    units = [Unit(id=f"U{i}", name=f"Đơn vị {i}", kind="grassroots") for i in range(n)]
    links = [Link(child=f"U{i}", parent=f"U{i - 1}") for i in range(1, n)]
    return Dataset(units=units, links=links, roots=["U0"])


def test_a_10000_deep_chain_renders_quickly() -> None:
    snapshot = Hierarchy(chain(10_000)).as_of("2025-01-01")
    started = time.perf_counter()
    text = render_tree(snapshot)
    elapsed = time.perf_counter() - started
    lines = text.splitlines()
    assert lines[1] == "Đơn vị 0 [U0] grassroots · 1 child, 9.999 below"
    assert lines[-2].endswith("Đơn vị 9999 [U9999] grassroots")
    assert "(level 9.999)" in lines[-2]
    assert len(lines) == 10_000 + 2
    assert len(text) < 2_000_000  # indentation stops growing: the text stays linear
    assert elapsed < 10  # quadratic before: 63 s, then RecursionError


def test_deep_chain_with_plain_numbers_and_depth() -> None:
    snapshot = Hierarchy(chain(3_000)).as_of("2025-01-01")
    text = render_tree(snapshot, depth=1, numbers="plain", root="U1")
    assert text.splitlines()[1:3] == [
        "Đơn vị 1 [U1] grassroots · 1 child, 2998 below",
        "  Đơn vị 2 [U2] grassroots · 1 child, 2997 below",
    ]


def cyclic() -> Dataset:
    units = [
        Unit(id="R", name="Gốc", kind="provincial"),
        Unit(id="A", name="Đơn vị A", kind="district"),
        Unit(id="B", name="Đơn vị B", kind="district"),
        Unit(id="C", name="Đơn vị C", kind="grassroots"),
        Unit(id="D", name="Đơn vị D", kind="grassroots"),
    ]
    links = [
        Link(child="A", parent="B"),
        Link(child="B", parent="A"),
        Link(child="C", parent="A"),
        Link(child="D", parent="R"),
    ]
    return Dataset(units=units, links=links, roots=["R"])


def test_a_cycle_is_named_and_no_unit_is_left_out() -> None:
    text = render_tree(Hierarchy(cyclic()).as_of("2025-01-01"))
    assert "3 unit(s) below are on or under a cycle of admin links" in text
    assert "Cycle: Đơn vị A [A] → Đơn vị B [B] → Đơn vị A [A]" in text
    for uid in ("R", "A", "B", "C", "D"):
        assert f"[{uid}]" in text
    assert "↻ Đơn vị A [A] (cycle: listed above)" in text
    assert text.rstrip().splitlines()[-1].startswith("Units by kind:")


def test_cli_tree_on_a_cycle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_json(cyclic(), tmp_path / "c.json")
    assert main(["tree", str(tmp_path / "c.json"), "--as-of", "2025-01-01"]) == 0
    captured = capsys.readouterr()
    assert "Cycle: Đơn vị A [A] → Đơn vị B [B]" in captured.out
    assert "error(s)" in captured.err  # and the user is told to validate


def test_shared_units_are_expanded_once() -> None:
    units = [Unit(id=u, name=f"Đơn vị {u}", kind="grassroots") for u in ("R", "A", "B", "X", "Y")]
    links = [
        Link(child="A", parent="R"),
        Link(child="B", parent="R"),
        Link(child="X", parent="A"),
        Link(child="X", parent="B", relation="guidance"),
        Link(child="Y", parent="X"),
    ]
    snapshot = Hierarchy(Dataset(units=units, links=links, roots=["R"])).as_of("2025-01-01")
    text = render_tree(snapshot, relation=None)
    assert text.splitlines()[1] == "Đơn vị R [R] grassroots · 2 children, 4 below"
    assert text.count("[Y]") == 1
    assert "    Đơn vị X [X] grassroots (listed above)" in text
    assert render_tree(snapshot).splitlines()[1].endswith("2 children, 4 below")
    tiny = render_tree(Hierarchy(tiny_dataset()).as_of("2025-01-01"), relation=None)
    assert tiny.count("Công đoàn Bệnh viện Đống Đa [G3] grassroots") == 2


def test_depth_and_relation_are_checked() -> None:
    snapshot = Hierarchy(tiny_dataset()).as_of("2025-01-01")
    with pytest.raises(InvalidArgumentError, match="0 or more"):
        render_tree(snapshot, depth=-1)
    with pytest.raises(UnknownNameError, match="did you mean 'guidance'"):
        render_tree(snapshot, relation="guidanc")
    with pytest.raises(ValueError, match="unknown relation"):
        render_tree(snapshot, relation=["admin", "nope"])
    assert render_tree(snapshot, depth=0).splitlines()[1:2] == [
        "Tổng Liên đoàn Lao động Việt Nam [TLD] central · 1 child, 6 below"
    ]


def test_cli_tree_follows_a_union_of_relations(capsys: pytest.CaptureFixture[str]) -> None:
    hanoi = str(hanoi_path())
    argv = ["tree", hanoi, "--as-of", "2025-01-01", "--root", "HN", "--depth", "0"]
    assert main([*argv, "--relation", "admin", "--relation", "guidance"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Structure on 2025-01-01 (admin+guidance): ")
