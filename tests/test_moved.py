"""The 0.1 module paths still work, and the house keeps its walls.

* each 0.1 module (``thidua.model`` …) is a shim: it warns, naming the new
  place, and its names are the very objects of the new place;
* no code of the project imports through a shim;
* no module imports a private name (``_x``) from another package.
"""

from __future__ import annotations

import ast
import importlib
import pickle
import sys
from pathlib import Path

import pytest

import thidua
from thidua._moved import MOVED

ROOT = Path(__file__).resolve().parents[1]
SRC = Path(thidua.__file__).parent
OLD_NAMES = {
    "thidua.model": [
        "ADMIN", "AttributeValue", "ChangeEvent", "Dataset", "EventKind", "Group", "GroupKind",
        "GroupMember", "Link", "LinkColumns", "RecordView", "Role", "RowSources", "Unit",
        "UnitColumns",
    ],
    "thidua.levels": [
        "MAX_RANK", "UNION_ALIASES", "UNION_SCHEME", "InvalidRankError", "Level", "LevelScheme",
        "check_rank",
    ],
    "thidua.snapshot": ["Relation", "Snapshot"],
    "thidua.lineage": ["Lineage", "LineageStep", "lineage", "successors_on"],
    "thidua.diff": ["HierarchyDiff", "Move", "Rename", "diff"],
    "thidua.indicators": ["BUILTIN_INDICATORS", "Aggregation", "Indicator", "IndicatorCatalogue"],
    "thidua.indicators_io": [
        "AGGREGATION_ALIASES", "INDICATOR_COLUMNS", "load_catalogue", "read_indicators_csv",
        "write_indicators_csv",
    ],
}  # fmt: skip


def _import_fresh(name: str) -> object:
    sys.modules.pop(name, None)
    with pytest.warns(DeprecationWarning, match=rf"{name} is deprecated.*{MOVED[name]}"):
        return importlib.import_module(name)


@pytest.mark.parametrize("old", sorted(OLD_NAMES))
def test_every_01_name_is_the_same_object_at_its_old_path(old: str) -> None:
    module = _import_fresh(old)
    new = importlib.import_module(MOVED[old])
    for name in OLD_NAMES[old]:
        assert getattr(module, name) is getattr(new, name), (old, name)
    assert sorted(vars(module)["__all__"]) == sorted(OLD_NAMES[old])


def test_validation_validate_is_validate_hierarchy() -> None:
    from thidua.hierarchy import validate_hierarchy

    module = _import_fresh("thidua.validation")
    assert vars(module)["validate"] is validate_hierarchy


def test_the_hierarchy_import_path_is_unchanged() -> None:
    from thidua.hierarchy import Hierarchy

    assert thidua.Hierarchy is Hierarchy


def test_every_moved_module_has_a_shim_and_a_test() -> None:
    assert set(MOVED) == {*OLD_NAMES, "thidua.validation"}
    for name in MOVED:
        assert (SRC.parent / f"{name.replace('.', '/')}.py").is_file()


def test_a_record_pickles_to_its_one_class() -> None:
    from thidua.testing import tiny_dataset

    unit = tiny_dataset().units[0]
    assert pickle.loads(pickle.dumps(unit)) == unit
    model = _import_fresh("thidua.model")
    assert type(unit) is vars(model)["Unit"]


def test_the_root_names_come_from_the_new_places() -> None:
    exports: dict[str, str] = vars(thidua)["_EXPORTS"]
    assert not set(exports.values()) & set(MOVED)


def test_the_hierarchy_face_lists_match() -> None:
    import thidua.hierarchy as face

    exports: dict[str, str] = vars(face)["_EXPORTS"]
    assert sorted(exports) == sorted(face.__all__)
    tree = ast.parse((SRC / "hierarchy" / "__init__.py").read_text(encoding="utf-8"))
    imported: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.col_offset > 0:
            imported.update({a.name: node.module for a in node.names})
    assert imported == exports
    for name, module in exports.items():
        assert getattr(face, name) is getattr(importlib.import_module(module), name)


def _python_files(*folders: str) -> list[Path]:
    return sorted(p for f in folders for p in (ROOT / f).rglob("*.py") if ".venv" not in p.parts)


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module, names, line) of every ``from thidua... import`` and ``import thidua...``."""
    found: list[tuple[str, list[str], int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            found.extend((a.name, [], node.lineno) for a in node.names)
    return [f for f in found if f[0] == "thidua" or f[0].startswith("thidua.")]


def test_no_code_imports_through_a_shim() -> None:
    shims = {SRC.parent / f"{name.replace('.', '/')}.py" for name in MOVED}
    files = _python_files("src", "tests", "examples", "benchmarks", "docs", "tools")
    found = [
        f"{path.relative_to(ROOT)}:{line} {module}"
        for path in files
        if path not in shims and path.name != "test_moved.py"
        for module, _, line in _imports(path)
        if module in MOVED
    ]
    assert found == []


def _package(module: str) -> str:
    """The topic package a module belongs to: ``thidua.X`` for a subpackage's modules,
    ``thidua`` for the modules at the root."""
    parts = module.split(".")
    if len(parts) >= 2 and (SRC / parts[1]).is_dir():
        return ".".join(parts[:2])
    return "thidua"


def test_no_module_imports_a_private_name_of_another_package() -> None:
    found = []
    for path in _python_files("src/thidua"):
        rel = path.relative_to(SRC.parent).with_suffix("")
        importer = _package(".".join(rel.parts))
        for module, names, line in _imports(path):
            target = _package(module)
            if target == importer:
                continue
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            if private:
                found.append(f"{path.relative_to(ROOT)}:{line} {module} {private}")
    assert found == []


def test_no_package_imports_a_private_module_of_another_package() -> None:
    # A topic package (figures, cli, rollup …) uses another one through its public face
    # (``thidua.io``, not ``thidua.io._tabular``).  The root modules that compose the
    # packages (``thidua.workspace``, ``thidua.errors``) are the one exception.
    found = []
    for path in _python_files("src/thidua"):
        rel = path.relative_to(SRC.parent).with_suffix("")
        importer = _package(".".join(rel.parts))
        if importer == "thidua":
            continue
        for module, _, line in _imports(path):
            target = _package(module)
            inner = module[len(target) + 1 :].split(".") if module != target else []
            if target not in (importer, "thidua") and any(p.startswith("_") for p in inner):
                found.append(f"{path.relative_to(ROOT)}:{line} {module}")
    assert found == []
