"""Notebook and export niceties of Snapshot and Hierarchy; accent-free search; hints."""

from __future__ import annotations

import io
import sys

import networkx as nx
import pandas as pd
import pendulum
import pytest

from thidua import Hierarchy
from thidua.datasets import hanoi_path
from thidua.errors import (
    MissingExtraError,
    ThiduaError,
    ThiduaValidationError,
    UnknownNameError,
)
from thidua.hierarchy import Dataset, Unit
from thidua.loading import load
from thidua.testing import tiny_dataset


@pytest.fixture(scope="module")
def hanoi() -> Hierarchy:
    return Hierarchy(load(hanoi_path()))


@pytest.fixture
def snap() -> object:
    return Hierarchy(tiny_dataset()).as_of("2025-01-01")


def test_repr_is_one_short_line(hanoi: Hierarchy) -> None:
    text = repr(hanoi.as_of("2025-07-01"))
    assert "\n" not in text
    assert len(text) < 80
    assert text == "<Snapshot 2025-07-01: 334 units>"


def test_repr_html(hanoi: Hierarchy) -> None:
    page = hanoi.as_of("2025-07-01")._repr_html_()
    assert page.startswith("<div>")
    assert "334 units" in page
    assert "<td>grassroots</td>" in page
    assert len(page) < 5_000


def test_repr_html_escapes_kinds() -> None:
    ds = Dataset(units=[Unit(id="A", name="x", kind="<b>")], roots=["A"])
    page = Hierarchy(ds).as_of("2025-01-01")._repr_html_()
    assert "&lt;b&gt;" in page
    assert "<b>" not in page


def test_to_pandas() -> None:
    s = Hierarchy(tiny_dataset()).as_of("2025-07-01")
    df = s.to_pandas()
    assert list(df.columns) == ["id", "name", "kind", "rank", "parent", "depth"]
    assert len(df) == len(s)
    row = df.set_index("id").loc["G2"]
    assert row["name"] == "Công đoàn cơ sở Công ty CP Hòa Bình"  # the name of the day
    assert row["parent"] == "W1"
    assert pd.isna(df.set_index("id").loc["TLD", "parent"])
    assert df.set_index("id").loc["TLD", "depth"] == 0


def test_to_pandas_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    s = Hierarchy(tiny_dataset()).as_of("2025-07-01")
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r"thidua\[pandas\]"):
        s.to_pandas()
    with pytest.raises(MissingExtraError):
        Hierarchy.from_pandas(object(), None)  # type: ignore[arg-type]


def test_print_tree() -> None:
    buffer = io.StringIO()
    Hierarchy(tiny_dataset()).as_of("2025-07-01").print_tree(depth=0, file=buffer)
    assert buffer.getvalue().splitlines()[1].startswith("Tổng Liên đoàn Lao động Việt Nam [TLD]")


def test_print_tree_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    Hierarchy(tiny_dataset()).as_of("2025-07-01").print_tree(root="W1", numbers="plain")
    assert "[W1] commune · 2 children, 2 below" in capsys.readouterr().out


def test_to_dot_and_mermaid() -> None:
    s = Hierarchy(tiny_dataset()).as_of("2025-01-01")
    dot = s.to_dot(None)
    assert dot.startswith('digraph "2025-01-01" {')
    assert '"S1" -> "G3" [label="guidance"];' in dot
    assert dot.count(" -> ") == 7
    mermaid = s.to_mermaid(["admin", "guidance"])
    assert mermaid.startswith("flowchart TD")
    assert "-- guidance -->" in mermaid
    assert mermaid.count("-->") == 7


def test_dot_quotes_names() -> None:
    ds = Dataset(units=[Unit(id='A"1', name='Công đoàn "Hòa Bình"\\x', kind="team")])
    dot = Hierarchy(ds).as_of("2025-01-01").to_dot()
    assert '"A\\"1" [label="Công đoàn \\"Hòa Bình\\"\\\\x\\nA\\"1 · team"];' in dot
    mermaid = Hierarchy(ds).as_of("2025-01-01").to_mermaid()
    assert "&quot;Hòa Bình&quot;" in mermaid


def test_to_networkx_writes_graphml(hanoi: Hierarchy) -> None:
    graph = hanoi.as_of("2025-01-01").to_networkx(None)
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    back = nx.read_graphml(io.BytesIO(buffer.getvalue()))
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    for _, data in graph.nodes(data=True):
        assert all(isinstance(v, str | int) for v in data.values())
    dissolved = graph.nodes["LDLD-HOANKIEM"]
    assert dissolved["dissolved"] == "2025-07-01"
    assert "founded" not in dissolved


def test_to_networkx_merges_relations() -> None:
    g = Hierarchy(tiny_dataset()).as_of("2025-01-01").to_networkx(None)
    assert g.edges["D1", "G3"]["relation"] == "admin"
    assert g.edges["S1", "G3"]["relation"] == "guidance"


def test_from_pandas() -> None:
    units = pd.DataFrame(
        {
            "id": ["HN", "HK", "G1"],
            "name": ["LĐLĐ thành phố Hà Nội", "LĐLĐ quận Hoàn Kiếm", "CĐCS Khách sạn"],
            "kind": ["provincial", "district", "grassroots"],
            "dissolved": [None, pendulum.Date(2025, 7, 1), None],
            "sector": [None, None, "du lịch"],
        }
    )
    links = pd.DataFrame(
        {
            "child": ["HK", "G1", "G1"],
            "parent": ["HN", "HK", "HN"],
            "from": [None, None, "1/7/2025"],
            "to": [None, pd.Timestamp("2025-07-01"), float("nan")],
        }
    )
    h = Hierarchy.from_pandas(units, links)
    assert h.as_of("2025-06-30").parent("G1") == "HK"
    assert h.as_of("2025-07-01").parent("G1") == "HN"
    assert h.unit("G1").attributes == {"sector": "du lịch"}
    assert h.unit("HN").attributes == {}
    assert h.unit("HK").dissolved == pendulum.Date(2025, 7, 1)


def test_from_pandas_reports_every_problem() -> None:
    units = pd.DataFrame({"id": ["A", None], "name": ["x", "y"], "kind": ["team", "team"]})
    links = pd.DataFrame({"child": ["A"], "parent": ["A"], "valid_from": ["31/02/2025"]})
    with pytest.raises(ThiduaValidationError) as info:
        Hierarchy.from_pandas(units, links)
    codes = sorted(p.code for p in info.value.problems)
    assert codes == ["S003", "S004"]
    assert "iloc[0].valid_from" in str(info.value)
    with pytest.raises(ThiduaValidationError, match="no 'kind' column"):
        Hierarchy.from_pandas(units.drop(columns=["kind"]))


@pytest.mark.parametrize(
    ("query", "partial", "expected"),
    [
        ("hoan kiem", True, {"LDLD-HOANKIEM", "CDP-HOANKIEM"}),
        ("HOÀN KIẾM", True, {"LDLD-HOANKIEM", "CDP-HOANKIEM"}),
        ("lien doan lao dong quan hoan kiem", False, {"LDLD-HOANKIEM"}),
        ("Liên đoàn Lao động quận Hoàn Kiếm", False, {"LDLD-HOANKIEM"}),
        ("Lien đoan Lao đong quan Hoan Kiem", False, set()),  # typed with some marks: exact
        ("ldld q. hoan kiem", False, {"LDLD-HOANKIEM"}),  # the short name
        ("", True, set()),
    ],
)
def test_accent_free_find(hanoi: Hierarchy, query: str, partial: bool, expected: set[str]) -> None:
    assert set(hanoi.find(query, partial=partial)) == expected


def test_accent_free_find_in_a_snapshot(hanoi: Hierarchy) -> None:
    assert hanoi.as_of("2025-06-30").find("hoan kiem", partial=True) == ("LDLD-HOANKIEM",)
    assert hanoi.as_of("2025-07-01").find("hoan kiem", partial=True) == ("CDP-HOANKIEM",)
    assert hanoi.as_of("2025-07-01").find("cong doan phuong hoan kiem") == ("CDP-HOANKIEM",)


def test_d_with_stroke_is_d() -> None:
    ds = Dataset(units=[Unit(id="A", name="Công đoàn Đống Đa", kind="team")])
    h = Hierarchy(ds)
    assert h.find("cong doan dong da") == ("A",)
    assert h.find("CÔNG ĐOÀN ĐỐNG ĐA") == ("A",)
    assert h.find("công đoàn đống đa") == ("A",)


def test_unknown_names_everywhere_suggest(snap: object) -> None:
    s = Hierarchy(tiny_dataset()).as_of("2025-01-01")
    for call in (
        lambda: s.children("HN", "nope"),
        lambda: s.descendants("HN", "guidanse"),
        lambda: s.ancestors("G3", ["admin", "nope"]),
        lambda: s.roots("nope"),
        lambda: s.leaves("nope"),
        lambda: s.parents("G3", "nope"),
        lambda: s.subtree("HN", "nope"),
        lambda: s.edges("nope"),
        lambda: s.to_networkx("nope"),
        lambda: s.units_of_kind("nope"),
        lambda: s.units_of_rank(99),
        lambda: s.units_of_rank(99999999999999999999),
    ):
        with pytest.raises(UnknownNameError) as info:
            call()
        assert isinstance(info.value, ThiduaError)
        assert isinstance(info.value, ValueError)
    with pytest.raises(UnknownNameError, match="did you mean 'guidance'"):
        s.descendants("HN", "guidanse")
    assert s.units_of_kind("grassroots", "team") == ("G1", "G2", "G3")
