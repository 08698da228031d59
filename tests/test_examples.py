"""Every script under examples/ runs, and prints what the docs say it prints."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXPECTED = {
    "hanoi_reorganisation.py": [
        "units: 384, problems: 0",
        "30/06/2025: HN manages 38 units directly",
        "01/07/2025: HN manages 186 units directly",
        "CDP-KIMLIEN took over 5 CĐCS by 1940/QĐ-LĐLĐ",
        "{'CDCS-0318': 0.6, 'CDCS-0319': 0.4}",
    ],
    "hanoi_rollup.py": [
        "4902 figures, 0 problems",
        "as was   LDLD-HOANKIEM  new_members=610.0",
        "restated HN             new_members=12,916",
        "not placed after restating: 64 figures of 8 grassroots unions",
        "coverage at HN: 302/317; missing CDCS-0048",
        "discrepancy LDLD-HOANKIEM new_members: reported 647, computed 610",
        "cụm 1 by new members: 1. LDLD-HOANKIEM",
    ],
}


def test_every_example_is_listed() -> None:
    assert {p.name for p in EXAMPLES.glob("*.py")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_runs(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES / name), run_name="__main__")
    out = capsys.readouterr().out
    for line in EXPECTED[name]:
        assert line in out
