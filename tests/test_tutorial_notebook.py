"""The tutorial notebook runs and shows what it says (examples/tutorial.ipynb, issue 10 §2).

The notebook is executed once per test run with nbclient, on a kernel
whose spec is written for this test into a temporary ``JUPYTER_PATH`` and
starts ``sys.executable`` (the venv's Python), so no kernelspec of the user
or of the machine is picked up. Its printed results are compared with the
same numbers computed here with the library, and its HTML reprs are checked.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat import NotebookNode

import thidua
from thidua.campaigns import evaluate_campaign
from thidua.datasets import hanoi_path
from thidua.honours import bonuses, eligibility
from thidua.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "examples" / "tutorial.ipynb"
INDICATORS = ["new_members", "members", "workers_conference_rate", "people_honoured"]
PROBE = "import sys, thidua\nprint(sys.executable)\nprint(sys.prefix)\nprint(thidua.__file__)"


def _builder() -> ModuleType:
    return importlib.import_module("tools.build_tutorial")  # as tools.pictures is imported


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> NotebookNode:
    """The committed notebook, executed, with a last cell probing the kernel's Python."""
    nb: NotebookNode = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE, id="probe-kernel"))
    jupyter = tmp_path_factory.mktemp("jupyter")
    spec_dir = jupyter / "kernels" / "python3"
    spec_dir.mkdir(parents=True)
    kernel = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (thidua tests)",
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    workdir = tmp_path_factory.mktemp("tutorial")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", str(jupyter))  # searched before every other kernel directory
        # connection files, IPython profile and config of this run only: nothing of the user's
        # (startup files, a read-only home) reaches the kernel
        mp.setenv("JUPYTER_RUNTIME_DIR", str(jupyter / "runtime"))
        mp.setenv("JUPYTER_CONFIG_DIR", str(jupyter / "config"))
        mp.setenv("IPYTHONDIR", str(jupyter / "ipython"))
        client = NotebookClient(
            nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(workdir)}}
        )
        client.execute()
    return nb


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return thidua.load(hanoi_path())


def _cell(nb: NotebookNode, cell_id: str) -> Any:
    found = [c for c in nb.cells if c.get("id") == cell_id]
    assert len(found) == 1, cell_id
    return found[0]


def _stdout(nb: NotebookNode, cell_id: str) -> str:
    outputs = _cell(nb, cell_id).outputs
    return "".join(o.text for o in outputs if o.output_type == "stream" and o.name == "stdout")


def _html(nb: NotebookNode, cell_id: str) -> str:
    results = [o for o in _cell(nb, cell_id).outputs if o.output_type == "execute_result"]
    assert len(results) == 1, cell_id
    html = results[0].data.get("text/html")
    assert isinstance(html, str), f"{cell_id}: no text/html output"
    return html


def _number(text: str) -> float:
    """A number printed with format_number_vi: '.' between thousands, ',' before decimals."""
    return float(text.replace(".", "").replace(",", "."))


def test_the_committed_notebook_is_what_the_builder_writes() -> None:
    builder = _builder()
    assert NOTEBOOK.read_text(encoding="utf-8") == builder.render(builder.build())
    assert builder.main(["--check"]) == 0


def test_the_committed_notebook_has_no_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) >= 20
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert nb.metadata.kernelspec.name == "python3"


def test_the_builder_check_fails_on_a_stale_notebook(tmp_path: Path) -> None:
    builder = _builder()
    stale = tmp_path / "tutorial.ipynb"
    stale.write_text(NOTEBOOK.read_text(encoding="utf-8").replace("30/06/2025", "29/06/2025"))
    assert builder.main(["--check", "--out", str(stale)]) == 1
    assert builder.main(["--out", str(stale)]) == 0
    assert builder.main(["--check", "--out", str(stale)]) == 0


def test_the_kernel_is_the_venv_python_and_this_checkout(executed: NotebookNode) -> None:
    executable, prefix, module = _stdout(executed, "probe-kernel").splitlines()
    assert Path(executable) == Path(sys.executable)
    assert Path(prefix) == Path(sys.prefix)
    assert Path(module).resolve().is_relative_to(ROOT / "src" / "thidua")


def test_every_cell_runs_cleanly_and_shows_something(executed: NotebookNode) -> None:
    for cell in executed.cells:
        if cell.cell_type != "code":
            continue
        kinds = [o.output_type for o in cell.outputs]
        assert "error" not in kinds, cell.id
        streams = [o for o in cell.outputs if o.output_type == "stream"]
        assert [o.text for o in streams if o.name == "stderr"] == [], cell.id
        assert cell.outputs, f"{cell.id} shows nothing"


@pytest.mark.parametrize(
    ("cell_id", "expected"),
    [
        ("load", "384"),
        ("snapshot-before", "Snapshot of 2025-06-30"),
        ("snapshot-after", "Snapshot of 2025-07-01"),
        ("rollup-as-was", "LDLD-HOANKIEM"),
        ("rollup-restated", "CDP-KIMLIEN"),
        ("restated-compare", "new_members"),
        ("coverage-districts", "LDLD-HADONG"),
        ("campaign", "HN-DTCD-2023"),
        ("eligibility", "Bằng khen của Thủ tướng Chính phủ"),
        ("propose", "DV-00540"),
        ("bonuses", "CSTDCS"),
        ("bonus-totals", "bonus_paid"),
    ],
)
def test_objects_show_as_html(executed: NotebookNode, cell_id: str, expected: str) -> None:
    html = _html(executed, cell_id)
    assert "<table" in html
    assert expected in html


def test_the_tree_before_and_after_the_reorganisation(
    executed: NotebookNode, ws: Workspace
) -> None:
    h = ws.hierarchy
    before, after = h.as_of("2025-06-30"), h.as_of("2025-07-01")
    counts = dict(
        re.findall(
            r"^(\d\d/\d\d/\d{4}): HN có (\d+) đơn vị trực thuộc",
            _stdout(executed, "tree-counts"),
            re.M,
        )
    )
    assert counts == {
        "30/06/2025": str(len(before.children("HN"))),
        "01/07/2025": str(len(after.children("HN"))),
    }
    assert int(counts["01/07/2025"]) > int(counts["30/06/2025"])
    text = _stdout(executed, "tree-counts").splitlines()
    assert "'district'" in text[0]
    assert "'district'" not in text[1]
    assert "'commune'" in text[1]
    assert f"{len(before)} units" in _html(executed, "snapshot-before")
    assert f"{len(after)} units" in _html(executed, "snapshot-after")
    tree = _stdout(executed, "tree-before")
    assert all(f"[{u}]" in tree for u in before.children("HN"))
    (kim_lien,) = after.find("Công đoàn phường Kim Liên")
    ward = _stdout(executed, "tree-after")
    assert all(f"[{u}]" in ward for u in after.children(kim_lien))
    assert len(after.children(kim_lien)) > 0


def test_the_restated_sum_accounts_for_every_figure(executed: NotebookNode, ws: Workspace) -> None:
    as_was = thidua.roll_up(ws, 2024, indicators=INDICATORS)
    restated = thidua.roll_up(ws, 2024, indicators=INDICATORS, restate_to="2026-01-01")
    m = re.search(
        r"new_members: như cũ (\S+) = quy đổi (\S+) \+ không xếp được (\S+)",
        _stdout(executed, "restated-sum"),
    )
    assert m is not None
    was, now, lost = (_number(g) for g in m.groups())
    assert was == as_was.value("HN", "new_members")
    assert now == restated.value("HN", "new_members")
    assert lost > 0  # the identity below is not trivial
    assert was == now + lost
    ended = sorted({f.unit for f in restated.unplaced})
    assert f"{len(ended)} CĐCS giải thể" in _stdout(executed, "restated-sum")
    assert ", ".join(ended) in _stdout(executed, "restated-sum")
    assert f"{was:,.0f}" in _html(executed, "rollup-as-was")
    assert f"{now:,.0f}" in _html(executed, "rollup-restated")
    assert "LDLD-" not in _html(executed, "rollup-restated")  # no district after restating


def test_who_has_not_reported(executed: NotebookNode, ws: Workspace) -> None:
    cover = thidua.roll_up(ws, 2024, indicators=["new_members"]).coverage("HN", "new_members")
    text = _stdout(executed, "coverage")
    assert f"HN: {cover.reported}/{cover.expected} CĐCS đã báo cáo" in text
    listed = re.findall(r"^  (\S+)  ", text, re.M)
    assert tuple(listed) == cover.missing
    assert len(listed) > 0


def test_the_campaign_report(executed: NotebookNode, ws: Workspace) -> None:
    hn = evaluate_campaign(ws, "HN-DTCD-2023").unit("HN")
    text = _stdout(executed, "campaign-city")
    assert (
        f"thuộc phạm vi {hn.in_scope}, đã đăng ký {hn.pledgers}, chưa đăng ký {len(hn.missing)}"
    ) in text
    assert f"hoàn thành {hn.works.completed} (cấp cơ sở {hn.works.completed_by_rank[3]}," in text
    assert f"gắn biển {hn.works.flagship}" in text
    assert "(153 ngày)" in text
    assert "new_members 269/215 (125,1%) reached" in _stdout(executed, "campaign-pledge")


def test_who_is_eligible_and_why(executed: NotebookNode, ws: Workspace) -> None:
    bk_ttg = eligibility(ws, "BK_TTG", "2024")
    names = dict(
        re.findall(r"^(\w+) \([^)]*\): (.*)$", _stdout(executed, "eligibility-names"), re.M)
    )
    assert names["BK_TTG"].split(", ") == list(bk_ttg.eligible_subjects())
    stage = eligibility(ws, "CSTD_BO", "giai đoạn 2022-2024")
    assert names["CSTD_BO"].split(", ") == list(stage.eligible_subjects())

    yes = _stdout(executed, "explain-eligible").splitlines()
    m = re.match(r"(\S+): ĐỦ điều kiện Bằng khen của Thủ tướng Chính phủ", yes[0])
    assert m is not None
    assert m.group(1) in bk_ttg.eligible_subjects()
    met = [line for line in yes[1:] if line.strip().startswith("[x]")]
    assert len(met) >= 3
    assert all("căn cứ:" in line for line in met[1:])

    no = _stdout(executed, "explain-not-eligible").splitlines()
    m = re.match(r"(\S+): not eligible for BK_TTG", no[0])
    assert m is not None
    assert m.group(1) in bk_ttg.subjects
    assert m.group(1) not in bk_ttg.eligible_subjects()
    unmet = [line for line in no[1:] if line.strip().startswith("[ ]") and ": " in line]
    assert unmet  # a reason: the condition and the evidence found


def test_what_the_bonuses_cost(executed: NotebookNode, ws: Workspace) -> None:
    paid = bonuses(ws, "2023")
    text = _stdout(executed, "bonus-totals")
    city, total = (_number(n) for n in re.findall(r": ([\d.]+) đồng", text))
    assert city == total == paid.total()
    assert paid.total() > 0
    assert str(paid) in _stdout(executed, "bonuses")
    explained = _stdout(executed, "bonus-explained")
    assert "pay only the higher" in explained
    assert "A030" in explained
