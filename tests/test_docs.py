"""The docs stay in step with the code: every problem code, every public name."""

from __future__ import annotations

import re
from pathlib import Path

import thidua
from thidua.problems import CODES

ROOT = Path(__file__).resolve().parent.parent


def test_problem_table_lists_every_code_with_its_title() -> None:
    text = (ROOT / "docs" / "problems.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w\d{3})` \| \w+ \| ([^|]+) \|", text, flags=re.MULTILINE))
    assert set(rows) == set(CODES)
    for code, info in CODES.items():
        assert rows[code].strip() == info.title


def test_every_public_name_has_a_docstring_with_an_example() -> None:
    missing = []
    for name in thidua.__all__:
        obj = getattr(thidua, name)
        if not callable(obj) or (isinstance(obj, type) and issubclass(obj, BaseException)):
            continue
        doc = getattr(obj, "__doc__", "") or ""
        if ">>>" not in doc and not name.endswith("Error"):
            missing.append(name)
    assert missing == []


def test_changelog_has_an_unreleased_section() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in text


def test_readme_opens_with_the_two_commands() -> None:
    head = (ROOT / "README.md").read_text(encoding="utf-8")[:1500]
    assert "make demo" in head
    assert "make test" in head
