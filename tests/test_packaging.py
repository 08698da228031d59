"""Packaging: the licence travels with the package, the project links and README links work."""

from __future__ import annotations

import importlib
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPO = "https://github.com/thidua/thidua"


def pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_license_file_is_apache_2_and_shipped() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text.splitlines()[1]
    assert "Version 2.0, January 2004" in text
    assert "END OF TERMS AND CONDITIONS" in text
    project = pyproject()["project"]
    assert isinstance(project, dict)
    assert project["license"] == "Apache-2.0"
    assert project["license-files"] == ["LICENSE"]
    tool = pyproject()["tool"]
    assert isinstance(tool, dict)
    assert "LICENSE" in tool["hatch"]["build"]["targets"]["sdist"]["include"]


def test_project_urls() -> None:
    project = pyproject()["project"]
    assert isinstance(project, dict)
    urls = project["urls"]
    assert set(urls) == {"Homepage", "Documentation", "Changelog", "Issues"}
    assert all(url.startswith(REPO) for url in urls.values())


def test_entry_point_resolves() -> None:
    project = pyproject()["project"]
    assert isinstance(project, dict)
    module, _, name = project["scripts"]["thidua"].partition(":")
    assert callable(getattr(importlib.import_module(module), name))


def test_readme_links_work_on_the_package_index() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert links
    for link in links:
        assert link.startswith(("https://", "http://", "#")), link
        if link.startswith(f"{REPO}/blob/main/"):
            assert (ROOT / link.removeprefix(f"{REPO}/blob/main/")).is_file(), link
