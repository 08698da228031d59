"""The docs site: every page is in the navigation, and the pictures have a place in it.

``make docs`` (run by ``make test``) builds the site in strict mode, which fails on a
broken link, a missing reference or a page left out of the navigation; these tests say
the same of the sources quickly, and name the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _pages(nav: object) -> Iterator[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _pages(value)


def _config() -> dict[str, object]:
    loaded = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_every_page_is_in_the_navigation_and_every_entry_exists() -> None:
    pages = list(_pages(_config()["nav"]))
    on_disk = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    assert sorted(on_disk - set(pages)) == []
    assert sorted(set(pages) - on_disk) == []
    assert len(pages) == len(set(pages))


def test_the_site_is_built_strictly_and_includes_the_changelog() -> None:
    config = _config()
    assert config["strict"] is True
    assert "CHANGELOG.md" in (DOCS / "changelog.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "mkdocs build --strict" in makefile
    assert any(
        line.startswith("test:") and "docs" in line.split() for line in makefile.splitlines()
    )


def test_every_picture_of_the_plot_page_is_rendered_by_the_build() -> None:
    from tools.pictures import render_all

    text = (DOCS / "plot.md").read_text(encoding="utf-8")
    linked = {part.split(")")[0] for part in text.split("](pictures/")[1:]}
    assert linked
    assert linked <= set(render_all())
