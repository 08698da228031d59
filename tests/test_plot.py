"""thidua.plot: every picture is drawn from the right numbers (the plotted data, not pixels)."""

from __future__ import annotations

import importlib.util
import io
import math
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text

import thidua
from thidua import plot
from thidua.campaigns import PledgeState, evaluate_campaign
from thidua.datasets import hanoi_path
from thidua.errors import InvalidArgumentError, MissingExtraError, UnknownUnitError
from thidua.honours import eligibility
from thidua.people import Grade, history
from thidua.periods import Period
from thidua.testing import tiny_dataset
from thidua.values import format_number_vi

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ws() -> thidua.Workspace:
    return thidua.load(hanoi_path())


def gid(artist: Any) -> str:
    found = artist.get_gid()
    assert isinstance(found, str)
    return found


def legend_texts(ax: Any) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


def image(ax: Any) -> Any:
    array = ax.images[0].get_array()
    assert array is not None
    return array


def nodes(ax: Any) -> dict[str, Annotation]:
    return {
        gid(t).removeprefix("node:"): t
        for t in ax.texts
        if isinstance(t, Annotation) and (t.get_gid() or "").startswith("node:")
    }


def collection(ax: Any, gid: str) -> Any:
    (found,) = [c for c in ax.collections if c.get_gid() == gid]
    return found


def points(ax: Any, gid: str) -> set[tuple[float, float]]:
    return {(float(x), float(y)) for x, y in collection(ax, gid).get_offsets()}


def bars(ax: Any, label: str | None = None) -> BarContainer:
    found = [c for c in ax.containers if label is None or c.get_label() == label]
    assert len(found) == 1
    container = found[0]
    assert isinstance(container, BarContainer)
    return container


def values(container: BarContainer) -> list[float]:
    data: Any = container.datavalues
    return [float(v) for v in data]


def same(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(
        x == y or (math.isnan(x) and math.isnan(y)) for x, y in zip(a, b, strict=False)
    )


def rendered(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=40)
    return buffer.getvalue()


def shown_texts(fig: Figure) -> list[Text]:
    FigureCanvasAgg(fig).draw()  # type: ignore[no-untyped-call]
    return [t for t in fig.findobj(Text) if t.get_text() and t.get_visible()]


def value(rollup: Any, unit: str) -> float:
    return rollup.value(unit, "new_members") if unit in rollup else math.nan


# -- trees --------------------------------------------------------------------------------


def test_snapshot_tree_labels_counts_and_positions(ws: thidua.Workspace) -> None:
    s = ws.hierarchy.as_of("2025-06-30")
    fig = plot.snapshot_tree(s, "HN", depth=1)
    ax = fig.axes[0]
    drawn = nodes(ax)
    assert list(drawn) == ["HN", *s.children("HN")]
    assert len(drawn) == 39
    for unit, label in drawn.items():
        below = len(s.descendants(unit))
        assert label.get_text() == f"{s.name(unit)} ({format_number_vi(below)})"
        assert label.xy[0] == (0.0 if unit == "HN" else 1.0)
    assert drawn["HN"].get_text() == "Liên đoàn Lao động thành phố Hà Nội (354)"
    ys = [label.xy[1] for label in drawn.values()]
    assert ys == sorted(ys, reverse=True)
    assert len(set(ys)) == len(ys)
    # one dot per unit, in the collection of its kind
    for kind in {s.kind(u) for u in drawn}:
        expected = {tuple(map(float, drawn[u].xy)) for u in drawn if s.kind(u) == kind}
        assert points(ax, f"kind:{kind}") == expected
    legend = legend_texts(ax)
    assert "Liên đoàn Lao động quận, huyện, thị xã (district)" in legend
    # every link is an elbow from the parent's dot to the child's
    segments = collection(ax, "edges").get_segments()
    assert len(segments) == 38
    ends = {(tuple(seg[0]), tuple(seg[-1])) for seg in segments}
    assert ends == {(tuple(drawn["HN"].xy), tuple(drawn[u].xy)) for u in s.children("HN")}


def test_snapshot_tree_whole_subtree_follows_parents(ws: thidua.Workspace) -> None:
    s = ws.hierarchy.as_of("2026-01-01")
    root = s.children("HN")[1]
    ax = plot.snapshot_tree(s, root).axes[0]
    drawn = nodes(ax)
    assert set(drawn) == {root, *s.descendants(root)}
    for unit, label in drawn.items():
        if unit != root:
            parent = s.parent(unit)
            assert parent is not None
            assert label.xy[0] == drawn[parent].xy[0] + 1
            assert label.xy[1] < drawn[parent].xy[1]
    with pytest.raises(InvalidArgumentError, match="depth"):
        plot.snapshot_tree(s, root, depth=-1)
    with pytest.raises(UnknownUnitError):
        plot.snapshot_tree(s, "LDLD-BADINH")  # dissolved on 01/07/2025


def test_before_after_marks_exactly_the_moved_units(ws: thidua.Workspace) -> None:
    h = ws.hierarchy
    june, july = h.as_of("2025-06-30"), h.as_of("2025-07-01")
    focus = june.children("LDLD-BADINH")
    fig = plot.before_after(h, "HN", "2025-06-30", "2025-07-01", focus=focus)
    left, right = fig.axes
    moved = {m.unit for m in h.diff("2025-06-30", "2025-07-01").moved}
    for ax, snap in ((left, june), (right, july)):
        drawn = nodes(ax)
        assert set(focus) <= set(drawn)
        rings = points(ax, "moved")
        assert rings == {tuple(map(float, drawn[u].xy)) for u in drawn if u in moved}
        red_ends = {tuple(seg[-1]) for seg in collection(ax, "moved-edges").get_segments()}
        assert red_ends == rings
        for unit, label in drawn.items():  # each unit hangs under its parent of that day
            if unit != "HN":
                parent = snap.parent(unit)
                assert parent is not None
                assert label.xy[0] == drawn[parent].xy[0] + 1
    assert "LDLD-BADINH" in nodes(left)
    assert "LDLD-BADINH" not in nodes(right)
    assert {july.parent(u) for u in focus} == {"CDP-BADINH", "CDP-NGOCHA", "HN"}
    assert {"CDP-BADINH", "CDP-NGOCHA"} <= set(nodes(right))
    assert left.get_title(loc="left") == "Trước (30/06/2025)"
    assert right.get_title(loc="left") == "Sau (01/07/2025)"


def test_before_after_into_given_axes(ws: thidua.Workspace) -> None:
    h = ws.hierarchy
    focus = h.as_of("2025-06-30").children("LDLD-BADINH")[:2]
    fig = Figure()
    one = fig.add_subplot()
    assert plot.before_after(h, "HN", "2025-06-30", "2025-07-01", focus=focus, ax=one) is fig
    assert not one.axison
    assert len(one.child_axes) == 2
    assert set(nodes(one.child_axes[1])) == {"HN", "CDP-BADINH", *focus}
    fig2 = Figure()
    pair = fig2.subplots(1, 2)
    assert plot.before_after(h, "HN", "2025-06-30", "2025-07-01", focus=focus, ax=pair) is fig2
    assert set(nodes(pair[0])) == {"HN", "LDLD-BADINH", *focus}


# -- roll-ups -----------------------------------------------------------------------------


def test_rollup_bars_default_level(ws: thidua.Workspace) -> None:
    r = thidua.roll_up(ws, 2024, indicators=["new_members"])
    ax = plot.rollup_bars(r, "new_members").axes[0]
    container = bars(ax, "new_members")
    units = [gid(p).removeprefix("bar:") for p in container.patches]
    # the default: rank 2 (districts, sector and zone unions), each with a value
    expected = [u for u, rank in zip(r.units, r.ranks, strict=True) if rank == 2]
    assert units == expected
    assert len(units) == 38
    assert values(container) == [r.value(u, "new_members") for u in units]
    assert values(container)[units.index("LDLD-HOANKIEM")] == 610.0  # README
    snap = ws.hierarchy.as_of("2024-12-31")
    assert [t.get_text() for t in ax.get_yticklabels()] == [snap.name(u) for u in units]
    labels = [t.get_text() for t in ax.texts]
    assert labels == [format_number_vi(r.value(u, "new_members")) for u in units]
    assert "3.642" in labels  # the industrial zones' union, thousands with a dot


def test_rollup_bars_units_sort_and_ax(ws: thidua.Workspace) -> None:
    r = thidua.roll_up(ws, 2024)
    units = ["LDLD-BADINH", "HN", "LDLD-HOANKIEM"]
    fig = Figure()
    ax = fig.add_subplot()
    assert plot.rollup_bars(r, "membership_rate", units=units, ax=ax) is fig
    assert values(bars(ax)) == [r.value(u, "membership_rate") for u in units]
    texts = [t.get_text() for t in ax.texts]
    assert all("," in t or t.isdigit() for t in texts)  # decimal comma
    by_size = plot.rollup_bars(r, "new_members", sort=True).axes[0]
    heights = values(bars(by_size))
    assert heights == sorted(heights, reverse=True)
    districts = plot.rollup_bars(r, "new_members", level="district").axes[0]
    assert len(bars(districts).patches) == 30
    with pytest.raises(InvalidArgumentError, match="not both"):
        plot.rollup_bars(r, "new_members", units=["HN"], level=2)
    with pytest.raises(UnknownUnitError):
        plot.rollup_bars(r, "new_members", units=["NOPE"])


def test_as_was_vs_restated(ws: thidua.Workspace) -> None:
    was = thidua.roll_up(ws, 2024, indicators=["new_members"])
    now = thidua.roll_up(ws, 2024, indicators=["new_members"], restate_to="2026-01-01")
    units = list(ws.hierarchy.as_of("2024-12-31").children("LDLD-LONGBIEN"))
    ax = plot.as_was_vs_restated(was, now, "new_members", units=units).axes[0]
    first, second = bars(ax, "as-was"), bars(ax, "restated")
    assert [p.get_gid() for p in first.patches] == [f"as-was:{u}" for u in units]
    assert same(values(first), [value(was, u) for u in units])
    restated = dict(zip(units, values(second), strict=True))
    # CDCS-0030 absorbed CDCS-0036 on 01/04/2025: restated, it carries both 2024 figures
    assert restated["CDCS-0030"] == was.value("CDCS-0030", "new_members") + was.value(
        "CDCS-0036", "new_members"
    )
    assert math.isnan(restated["CDCS-0036"])
    assert "CDCS-0036" not in now
    others = [u for u in units if u not in {"CDCS-0030", "CDCS-0036"}]
    assert same([restated[u] for u in others], [value(now, u) for u in others])
    legend = legend_texts(ax)
    assert legend == [
        "như đã báo cáo (as was, 31/12/2024)",
        "quy đổi (restated, 01/01/2026)",
    ]
    default = plot.as_was_vs_restated(was, now, "new_members").axes[0]
    gids = [p.get_gid() for p in bars(default, "as-was").patches]
    assert gids == ["as-was:TLD", "as-was:HN", "as-was:CDCS-0030"]


def test_coverage_heatmap_from_rollup_and_records(ws: thidua.Workspace) -> None:
    r = thidua.roll_up(ws, 2023)
    ax = plot.coverage_heatmap(r).axes[0]
    array = image(ax)
    units = [u for u, rank in zip(r.units, r.ranks, strict=True) if rank == 2]
    assert array.shape == (len(units), len(r.indicators))
    for i, unit in enumerate(units):
        for j, code in enumerate(r.indicators):
            c = r.coverage(unit, code)
            assert c.expected - c.reported == len(c.missing)
            assert array[i, j] == pytest.approx(c.reported / c.expected)
            (cell,) = [t for t in ax.texts if t.get_gid() == f"cell:{unit}:{code}"]
            assert cell.get_text().split("\n")[0] == f"{c.reported}/{c.expected}"
    assert float(array.min()) == 0.0
    assert float(array.max()) == 1.0
    records = [r.coverage(u, "new_members") for u in units[:3]]
    again = image(plot.coverage_heatmap(records).axes[0])
    assert np.allclose(again[:, 0], array[:3, r.indicators.index("new_members")])
    with pytest.raises(InvalidArgumentError):
        plot.coverage_heatmap(records, level=2)


# -- campaigns and honours ----------------------------------------------------------------


def test_campaign_attainment(ws: thidua.Workspace) -> None:
    report = evaluate_campaign(ws, "80/KH-LĐLĐ")
    ax = plot.campaign_attainment(report).axes[0]
    container = bars(ax, "percent")
    pledged = [p for p in report.pledges if report.unit(p.pledger).rank == 2]
    assert len(pledged) == 38
    assert [p.get_gid() for p in container.patches] == [f"pledge:{p.id}" for p in pledged]
    for value, p in zip(values(container), pledged, strict=True):
        assert p.plan is not None
        assert p.actual is not None
        assert value == pytest.approx(100 * p.actual / p.plan)
    ba_dinh = next(k for k, p in enumerate(pledged) if p.pledger == "LDLD-BADINH")
    assert values(container)[ba_dinh] == pytest.approx(100 * 269 / 215)  # docs/campaigns.md
    assert ax.texts[ba_dinh].get_text() == "269/215 (125,1%)"
    for patch, p in zip(container.patches, pledged, strict=True):
        assert patch.get_facecolor() == to_rgba(plot.STATE_COLOURS[p.state.value])
        reached = p.actual >= p.plan  # type: ignore[operator]
        assert (p.state is PledgeState.REACHED) == reached
    legend = legend_texts(ax)
    assert legend == ["đạt (reached)", "không đạt (not reached)"]
    (line,) = [x for x in ax.lines if x.get_gid() == "100%"]
    xdata: Any = line.get_xdata()
    assert list(xdata) == [100.0, 100.0]
    grassroots = plot.campaign_attainment(report, rank=3, indicator="initiatives").axes[0]
    assert len(bars(grassroots).patches) == sum(
        1 for p in report.pledges if p.indicator == "initiatives"
    )


def test_eligibility_funnel_counts_each_condition(ws: thidua.Workspace) -> None:
    result = eligibility(ws, "LDTT", "2024")
    ax = plot.eligibility_funnel(result).axes[0]
    counts = values(bars(ax, "LDTT"))
    # independently: candidates, then those rated HTT or better, then not under review
    hist = history(ws)
    grades = hist.grades(Period.year(2024))[result.codes]
    assert counts[0] == len(result) == 1947
    assert counts[1] == int((grades >= int(Grade.HTT)).sum())
    assert counts[-1] == int(result.eligible.sum()) == 1372
    assert counts == sorted(counts, reverse=True)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "ứng viên (candidates)"
    assert "HTT" in labels[1]
    cst = plot.eligibility_funnel(eligibility(ws, "CSTDCS", "2024"), lang="en").axes[0]
    counts = values(bars(cst, "CSTDCS"))
    assert counts == [1947.0, 1372.0, 313.0, 313.0]  # meets LDTT: the LDTT run's 1372
    assert [t.get_text() for t in cst.texts][-1] == "313 (16,1%)"


# -- fonts, the extra, the pictures -------------------------------------------------------


def test_every_text_uses_the_vietnamese_font(ws: thidua.Workspace) -> None:
    r = thidua.roll_up(ws, 2024, indicators=["new_members"])
    figures = [
        plot.rollup_bars(r, "new_members"),
        plot.snapshot_tree(ws.hierarchy.as_of("2025-06-30"), "LDLD-BADINH"),
        plot.coverage_heatmap(r),
    ]
    for fig in figures:
        texts = shown_texts(fig)
        assert texts
        assert {t.get_fontfamily()[0] for t in texts} == {"DejaVu Sans"}
        assert any("đ" in t.get_text().lower() for t in texts)
        rendered(fig)  # a missing glyph would warn, and warnings are errors


def test_missing_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    s = thidua.Hierarchy(tiny_dataset()).as_of("2025-07-01")
    with pytest.raises(MissingExtraError, match=r"pip install 'thidua\[plot\]'"):
        plot.snapshot_tree(s, "HN")


def test_import_is_lazy() -> None:
    code = "import sys, thidua.plot; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _pictures() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pictures", ROOT / "tools" / "pictures.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_render_all_gives_a_png_per_function(ws: thidua.Workspace, tmp_path: Path) -> None:
    pictures = _pictures()
    drawing = {n for n in plot.__all__ if n.islower() and n != "funnel_counts"}
    assert set(pictures.NAMES) == drawing
    out = pictures.render_all(dpi=50, workspace=ws)
    assert set(out) == {f"{n}.png" for n in drawing}
    for data in out.values():
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        assert len(data) > 2000
    doc = (ROOT / "docs" / "plot.md").read_text(encoding="utf-8")
    for name in drawing:
        assert f"](pictures/{name}.png)" in doc
