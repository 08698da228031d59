"""A griffe extension: the Sphinx roles of thidua's docstrings become cross-references.

The docstrings name other objects the Sphinx way (``:class:`Hierarchy```,
``:func:`~thidua.io.read```, ``:meth:`as_of```). mkdocstrings would print those roles
literally, so before the docstrings are parsed each role is rewritten: to a cross-reference
``[`Hierarchy`][thidua.hierarchy._index.Hierarchy]`` when the name resolves, from the
documented object outwards (the object, its class, its module and the packages above it), to an
object of thidua; otherwise (an object of another library, a name
that does not exist) to plain code. A link this makes always points at an object griffe knows, and
autorefs finds it on whichever reference page renders it; ``mkdocs build --strict`` fails on the
cross-references that do not resolve, which are then the ones written by hand.

Registered in mkdocs.yml under the python handler's ``extensions``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from griffe import AliasResolutionError, CyclicAliasError, Extension, Object

if TYPE_CHECKING:
    from griffe import GriffeLoader, Module

ROLE = re.compile(r":(?:py:)?(?:class|func|mod|data|meth|attr|exc|obj|const):`(?P<target>[^`]+)`")


def _scopes(obj: Object) -> list[str]:
    """The paths a name is looked up in, innermost first."""
    scopes = []
    current: Object | None = obj
    while current is not None:
        scopes.append(current.path)
        current = current.parent  # type: ignore[assignment]
    return scopes


def _lookup(root: Module, path: str) -> Object | None:
    """The object at the dotted *path* under the package *root*, or None."""
    head, _, rest = path.partition(".")
    if head != root.name:
        return None
    node: Any = root
    for part in rest.split(".") if rest else ():
        try:
            node = node.members[part]
        except (KeyError, AliasResolutionError, CyclicAliasError):
            return None
    if node.is_alias:
        try:
            node = node.final_target
        except (AliasResolutionError, CyclicAliasError):
            return None
    return node if isinstance(node, Object) else None


def _final(member: Any) -> Object | None:  # noqa: ANN401 - griffe's members are untyped
    if not member.is_alias:
        return member if isinstance(member, Object) else None
    try:
        target = member.final_target
    except (AliasResolutionError, CyclicAliasError):
        return None
    return target if isinstance(target, Object) else None


REFERENCE = Path(__file__).resolve().parent / "reference"
DIRECTIVE = re.compile(r"^::: *(?P<path>[\w.]+)", flags=re.MULTILINE)


def reference_roots(directory: Path = REFERENCE) -> list[str]:
    """The objects the reference pages render with ``::: path``, in file order."""
    return [
        match["path"]
        for page in sorted(directory.glob("*.md"))
        for match in DIRECTIVE.finditer(page.read_text(encoding="utf-8"))
    ]


def rendered(root: Module, roots: list[str]) -> set[str]:
    """The canonical paths of the objects the reference pages render.

    Each of *roots* (a ``::: path`` of a page) is rendered with its public members (griffe's
    ``is_public``: no leading underscore, in ``__all__`` where there is one) that have a
    docstring (mkdocstrings leaves out the others), and the public members of its classes;
    submodules only where a page of their own renders them.
    """
    found: set[str] = set()
    seen: set[str] = set()

    def visit(obj: Object) -> None:
        if obj.path in seen:
            return
        seen.add(obj.path)
        if obj.docstring is not None:
            found.add(obj.path)
        if not (obj.is_module or obj.is_class):
            return
        for member in obj.members.values():
            if member.name.startswith("_") or not member.is_public:
                continue
            target = _final(member)
            if target is not None and target.package is root and not target.is_module:
                visit(target)

    for path in roots:
        obj = _lookup(root, path)
        if obj is not None:
            visit(obj)
    return found


def _resolve(root: Module, obj: Object, target: str, public: set[str]) -> str | None:
    """The canonical path of the rendered object *target* names from inside *obj*, or None."""
    name = target.lstrip("~.!")
    candidates = [name] if name.startswith(f"{root.name}.") or name == root.name else []
    candidates += [f"{scope}.{name}" for scope in _scopes(obj)]
    for candidate in candidates:
        found = _lookup(root, candidate)
        if found is not None:
            return found.path if found.path in public else None
    return None


def rewrite(root: Module, obj: Object, text: str, public: set[str]) -> str:
    """*text* with each Sphinx role replaced by a cross-reference or by code.

    *public* is what :func:`rendered` returns: a name that resolves to an object the pages do
    not render (a private helper, an attrs field) becomes code, not a dangling link.
    """

    def replace(match: re.Match[str]) -> str:
        target = match["target"]
        shown = target.lstrip("~.!")
        if target.startswith("~"):
            shown = shown.rsplit(".", 1)[-1]
        path = _resolve(root, obj, target, public)
        return f"[`{shown}`][{path}]" if path is not None else f"`{shown}`"

    return ROLE.sub(replace, text)


def _walk(obj: Object) -> list[Object]:
    found = [obj]
    for member in obj.members.values():
        if not member.is_alias and isinstance(member, Object):
            found += _walk(member)
    return found


class SphinxRoles(Extension):
    """Rewrite the Sphinx roles of every docstring of a package once it is loaded."""

    def on_package(
        self,
        *,
        pkg: Module,
        loader: GriffeLoader,
        **kwargs: Any,  # noqa: ANN401
    ) -> None:
        """Rewrite each docstring of *pkg* and its members."""
        public = rendered(pkg, reference_roots())
        for obj in _walk(pkg):
            if obj.docstring is not None and ":" in obj.docstring.value:
                obj.docstring.value = rewrite(pkg, obj, obj.docstring.value, public)
