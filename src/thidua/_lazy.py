"""Lazy package faces: a topic package's public names imported on first use.

A package ``__init__`` lists each public name with the private module that
defines it (``_EXPORTS``), imports them under ``TYPE_CHECKING`` for type
checkers, and takes its module ``__getattr__`` and ``__dir__`` from
:func:`lazy_face`, so that importing the package imports none of its modules.

Examples:
    >>> import sys, types
    >>> face = types.ModuleType("face_example")
    >>> sys.modules["face_example"] = face
    >>> face.__getattr__, face.__dir__ = lazy_face("face_example", {"sqrt": "math"}, ["sqrt"])
    >>> "sqrt" in dir(face), "sqrt" in vars(face)
    (True, False)
    >>> face.sqrt(9.0), "sqrt" in vars(face)  # imported on first use, then kept
    (3.0, True)
    >>> face.nope
    Traceback (most recent call last):
    ...
    AttributeError: module 'face_example' has no attribute 'nope'
    >>> del sys.modules["face_example"]

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence

__all__ = ["lazy_face"]


def lazy_face(
    name: str, exports: Mapping[str, str], public: Sequence[str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The module ``__getattr__`` and ``__dir__`` of the package *name*.

    Args:
        name: the package (its ``__name__``; it must be in :data:`sys.modules`,
            as a package is while its ``__init__`` runs).
        exports: each public name → the module that defines it.
        public: the package's ``__all__``.
    """
    namespace = sys.modules[name].__dict__

    def __getattr__(attribute: str) -> object:  # noqa: N807 - the module hook's own name
        module = exports.get(attribute)
        if module is None:
            msg = f"module {name!r} has no attribute {attribute!r}"
            raise AttributeError(msg)
        value = getattr(importlib.import_module(module), attribute)
        namespace[attribute] = value
        return value

    def __dir__() -> list[str]:  # noqa: N807
        return sorted({*namespace, *public})

    __getattr__.__doc__ = f"Import a public name of {name} on first use."
    __dir__.__doc__ = "The module's names, including the public ones not imported yet."
    return __getattr__, __dir__
