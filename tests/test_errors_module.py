"""Every error of thidua is importable from ``thidua.errors``."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import pytest

import thidua
import thidua.errors
from thidua._moved import MOVED
from thidua.errors import InvalidRankError, ReadLimitError, ThiduaError


def _modules() -> list[str]:
    names = ["thidua"]
    for info in pkgutil.walk_packages(thidua.__path__, "thidua."):
        # the 0.1 shims (tests/test_moved.py) only re-export what is found elsewhere
        if ".cli" in info.name or info.name.endswith("__main__") or info.name in MOVED:
            continue
        names.append(info.name)
    return names


def test_every_thidua_error_class_is_importable_from_thidua_errors() -> None:
    found: dict[str, type[BaseException]] = {}
    for name in _modules():
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, ThiduaError)
                and value.__module__.split(".")[0] == "thidua"
                and not value.__name__.startswith("_")
            ):
                found[value.__name__] = value
    assert {"ReadLimitError", "InvalidRankError", "ThiduaValidationError"} <= set(found)
    for name, error in found.items():
        assert name in thidua.errors.__all__, name
        assert getattr(thidua.errors, name) is error


def test_the_errors_defined_elsewhere_are_the_same_classes() -> None:
    import thidua.hierarchy
    import thidua.io

    assert ReadLimitError is thidua.io.ReadLimitError
    assert InvalidRankError is thidua.hierarchy.InvalidRankError
    with pytest.raises(InvalidRankError):
        thidua.Level(kind="x", rank=-1)


def test_importing_thidua_errors_stays_a_leaf() -> None:
    code = (
        "import sys, thidua.errors; print(sorted(m for m in sys.modules if m.startswith('thidua')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['thidua', 'thidua.errors']"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'NopeError'"):
        _ = thidua.errors.NopeError  # type: ignore[attr-defined]
