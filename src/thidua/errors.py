"""The exception hierarchy of thidua.

Every exception raised on purpose by the library derives from
:class:`ThiduaError`; each specific error also subclasses the builtin it
resembles, so ``except KeyError`` keeps working for an unknown unit.

Every error is importable from here, including the two defined beside the
code that raises them: :class:`ReadLimitError` (a workbook beyond its read
limits, defined in :mod:`thidua.io`) and :class:`InvalidRankError` (a level
rank out of range, defined in :mod:`thidua.hierarchy`); they are imported on
first use, so that this module stays a leaf.

Examples:
    >>> from thidua.errors import ThiduaError, UnknownUnitError
    >>> try:
    ...     raise UnknownUnitError("HN-X")
    ... except KeyError as exc:
    ...     print(type(exc).__name__, isinstance(exc, ThiduaError))
    UnknownUnitError True
    >>> from thidua.errors import InvalidRankError, ReadLimitError
    >>> issubclass(ReadLimitError, UnreadableInputError), issubclass(InvalidRankError, ValueError)
    (True, True)

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   :class:`ReadLimitError` and :class:`InvalidRankError` are importable from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from thidua.campaigns import ScopeError
    from thidua.documents import DocumentSymbolError
    from thidua.hierarchy import InvalidRankError
    from thidua.io._workbook import ReadLimitError
    from thidua.people._kinds import VocabularyError
    from thidua.problems import Problem

__all__ = [
    "DateParseError",
    "DocumentSymbolError",
    "FormatError",
    "InvalidArgumentError",
    "InvalidRankError",
    "MissingExtraError",
    "PeriodParseError",
    "ReadLimitError",
    "ScopeError",
    "TextParseError",
    "ThiduaError",
    "ThiduaValidationError",
    "UnknownIndicatorError",
    "UnknownNameError",
    "UnknownUnitError",
    "UnreadableInputError",
    "ValueParseError",
    "VocabularyError",
]


class ThiduaError(Exception):
    """Root of every error raised by thidua.

    Examples:
        >>> issubclass(ThiduaValidationError, ThiduaError)
        True
    """


class UnknownUnitError(ThiduaError, KeyError):
    """A unit id that the hierarchy or snapshot does not know.

    Examples:
        >>> str(UnknownUnitError("X1"))
        "unknown unit 'X1'"
    """

    def __init__(self, unit_id: str, where: str = "") -> None:
        self.unit_id = unit_id
        self.where = where
        super().__init__(unit_id)

    def __str__(self) -> str:
        suffix = f" {self.where}" if self.where else ""
        return f"unknown unit {self.unit_id!r}{suffix}"


class UnknownIndicatorError(ThiduaError, KeyError):
    """An indicator code that the catalogue does not know.

    Examples:
        >>> str(UnknownIndicatorError("xyz"))
        "unknown indicator 'xyz'"
    """

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)

    def __str__(self) -> str:
        return f"unknown indicator {self.code!r}"


class TextParseError(ThiduaError, ValueError):
    """A text that cannot be read as the value it should hold (base of the parse errors).

    Attributes:
        text: the text as given.
        reason: why it cannot be read (may be empty).

    Examples:
        >>> err = ValueParseError("12abc", "letters in a number")
        >>> isinstance(err, TextParseError), err.text
        (True, '12abc')
    """

    what = "text"
    default_reason = ""

    def __init__(self, text: str, reason: str = "") -> None:
        self.text = text
        self.reason = reason or self.default_reason
        super().__init__(text)

    def __str__(self) -> str:
        suffix = f": {self.reason}" if self.reason else ""
        return f"cannot read {self.what} {self.text!r}{suffix}"


class DateParseError(TextParseError):
    """A date text that is neither ISO (``2025-07-01``) nor ``dd/mm/yyyy``.

    Examples:
        >>> str(DateParseError("31/02/2025"))
        "cannot read date '31/02/2025': expected ISO yyyy-mm-dd or dd/mm/yyyy"
    """

    what = "date"
    default_reason = "expected ISO yyyy-mm-dd or dd/mm/yyyy"


class PeriodParseError(TextParseError):
    """A period text that none of the accepted forms matches.

    Examples:
        >>> str(PeriodParseError("quý V/2025"))
        "cannot read period 'quý V/2025'"
    """

    what = "period"


class ValueParseError(TextParseError):
    """A number cell that cannot be read (for example ``"12abc"``).

    Examples:
        >>> str(ValueParseError("12abc"))
        "cannot read number '12abc'"
    """

    what = "number"


class UnreadableInputError(ThiduaError, OSError):
    """An input that cannot be opened or parsed at all (not a dataset).

    Examples:
        >>> str(UnreadableInputError("x.json", "not JSON"))
        'cannot read x.json: not JSON'
    """

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(source)

    def __str__(self) -> str:
        return f"cannot read {self.source}: {self.reason}"


class ThiduaValidationError(ThiduaError, ValueError):
    """Raised by strict entry points; carries **every** problem found.

    Attributes:
        problems: all the problem records, errors and warnings alike.

    Examples:
        >>> from thidua.problems import Problem, Severity
        >>> p = Problem(code="H001", severity=Severity.ERROR, message="duplicate unit id 'A'")
        >>> err = ThiduaValidationError([p])
        >>> print(err)
        1 error(s), 0 warning(s):
          H001 error: duplicate unit id 'A'
        >>> len(err.problems)
        1
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.problems)

    def __str__(self) -> str:
        errors = sum(1 for p in self.problems if p.is_error)
        lines = [f"{errors} error(s), {len(self.problems) - errors} warning(s):"]
        shown = self.problems[:50]
        lines.extend(f"  {p}" for p in shown)
        if len(self.problems) > len(shown):
            lines.append(f"  … and {len(self.problems) - len(shown)} more")
        return "\n".join(lines)


class MissingExtraError(ThiduaError, ImportError):
    """An optional dependency (a ``thidua[...]`` extra) is not installed.

    Examples:
        >>> print(MissingExtraError("yaml", "PyYAML"))
        reading or writing YAML needs PyYAML: pip install thidua[yaml]
        >>> print(MissingExtraError("plot", "matplotlib"))
        drawing pictures needs matplotlib: pip install 'thidua[plot]'
    """

    def __init__(self, extra: str, package: str) -> None:
        self.extra = extra
        self.package = package
        super().__init__(str(self), name=package)

    def __str__(self) -> str:
        if self.extra == "plot":
            return f"drawing pictures needs {self.package}: pip install 'thidua[plot]'"
        what = {"yaml": "YAML", "excel": "Excel workbooks"}.get(self.extra, self.extra)
        return f"reading or writing {what} needs {self.package}: pip install thidua[{self.extra}]"


class FormatError(ThiduaError, ValueError):
    """A format that thidua does not know, or a dataset it cannot hold losslessly.

    Examples:
        >>> print(FormatError("unknown format 'xml'"))
        unknown format 'xml'
    """


class InvalidArgumentError(ThiduaError, ValueError):
    """An argument outside the values a function accepts (a negative depth …).

    Examples:
        >>> print(InvalidArgumentError("depth must be 0 or more, got -1"))
        depth must be 0 or more, got -1

    .. versionadded:: 0.2.0
    """


class UnknownNameError(InvalidArgumentError):
    """A kind, rank, relation or other name that is not among the known ones.

    The message suggests the closest known names (``difflib`` close matches).

    Attributes:
        what: what was asked for (``"relation"``, ``"kind"``, ``"rank"`` …).
        name: the name as given.
        known: the names that would have been accepted.
        suggestions: the known names closest to *name*, best first.

    Examples:
        >>> err = UnknownNameError("relation", "guidence", ["admin", "guidance"])
        >>> print(err)
        unknown relation 'guidence'; did you mean 'guidance'? (known: admin, guidance)
        >>> err.suggestions, isinstance(err, ValueError)
        (('guidance',), True)

    .. versionadded:: 0.2.0
    """

    def __init__(self, what: str, name: object, known: Iterable[object]) -> None:
        import difflib  # noqa: PLC0415  (only on the error path)

        self.what = what
        self.name = name
        self.known: tuple[str, ...] = tuple(str(k) for k in known)
        self.suggestions: tuple[str, ...] = tuple(
            difflib.get_close_matches(str(name), self.known, n=3, cutoff=0.6)
        )
        super().__init__(name)

    def __str__(self) -> str:
        text = f"unknown {self.what} {self.name!r}"
        if self.suggestions:
            text += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        shown = ", ".join(self.known[:20]) + (" …" if len(self.known) > 20 else "")
        return f"{text} (known: {shown or 'none'})"


_ELSEWHERE = {
    "ReadLimitError": "thidua.io._workbook",
    "InvalidRankError": "thidua.hierarchy",
    "DocumentSymbolError": "thidua.documents",
    "VocabularyError": "thidua.people._kinds",
    "ScopeError": "thidua.campaigns",
}
"""Errors defined beside the code that raises them (which imports this module)."""


if not TYPE_CHECKING:  # type checkers see the imports above; typos stay errors

    def __getattr__(name: str) -> type[ThiduaError]:
        """Import :class:`ReadLimitError` and :class:`InvalidRankError` on first use (PEP 562)."""
        module = _ELSEWHERE.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        import importlib  # noqa: PLC0415 - only for the two errors defined elsewhere

        error: type[ThiduaError] = getattr(importlib.import_module(module), name)
        globals()[name] = error
        return error
