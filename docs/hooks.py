"""MkDocs hooks of the documentation site (registered under ``hooks:`` in mkdocs.yml).

``on_files`` adds the pictures of docs/plot.md to the site: ``tools.pictures.render_all()``
returns PNG bytes keyed by file name, and each becomes ``pictures/NAME.png``, generated at
build time and never committed. Without ``tools/pictures.py`` (a checkout before the plot
extra) nothing is added; when the module exists but cannot be imported or fails, the build
gets a warning, which ``--strict`` turns into a failure, since the pages would show broken
pictures.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.hooks.thidua")

PICTURES_MODULE = "tools.pictures"
PICTURES_DIR = "pictures"


def _repo_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _render_all(root: Path) -> Callable[[], dict[str, bytes]] | None:
    """The ``render_all`` of ``tools/pictures.py`` under *root*, or None if there is none."""
    if not (root / "tools" / "pictures.py").is_file():
        log.info("no tools/pictures.py: no pictures generated")
        return None
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    if importlib.util.find_spec(PICTURES_MODULE) is None:  # pragma: no cover - shadowed
        log.warning("%s is not importable from %s", PICTURES_MODULE, root)
        return None
    try:
        module = importlib.import_module(PICTURES_MODULE)
    except ImportError as error:
        log.warning("%s cannot be imported (%s): no pictures generated", PICTURES_MODULE, error)
        return None
    render: Callable[[], dict[str, bytes]] = module.render_all
    return render


def picture_files(config: MkDocsConfig, pictures: dict[str, bytes]) -> list[File]:
    """One generated file ``pictures/NAME`` per picture (``NAME.png`` if it has no suffix)."""
    files = []
    for name, content in sorted(pictures.items()):
        filename = name if Path(name).suffix else f"{name}.png"
        files.append(File.generated(config, f"{PICTURES_DIR}/{filename}", content=content))
    return files


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the generated pictures to the site's files (a no-op without tools/pictures.py)."""
    render = _render_all(_repo_root(config))
    if render is None:
        return files
    pictures = render()
    for file in picture_files(config, pictures):
        if files.get_file_from_path(file.src_uri) is not None:
            log.warning("pictures: %s is both generated and in docs/", file.src_uri)
            continue
        files.append(file)
    log.info("pictures: %d generated", len(pictures))
    return files
