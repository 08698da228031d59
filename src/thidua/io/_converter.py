"""The converter of thidua records and the collecting record readers behind every loader.

Two layers live here:

* :func:`make_converter` builds a :class:`cattrs.Converter` configured for
  the wire form of thidua records (dates as ISO text, enums by value, tuples
  as lists, ``source`` never written, ``None`` and empty defaults omitted).
  Its structure hooks are strict: they raise on the first bad value.
* :class:`_RecordReader` reads one record *collecting* problems: it first
  tries the converter's generated hook (the fast path, no error machinery),
  and only when that raises does it go field by field, turning each fault
  into a :class:`~thidua.problems.Problem` with a pointer.  Both paths call
  the same value functions, so they agree on every value they both accept.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import functools
import gc
import math
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Generic, TypeVar

import attrs
import cattrs
import pendulum
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from thidua._dates import as_date, parse_date
from thidua._text import name_key, nfc
from thidua.errors import DateParseError, FormatError, MissingExtraError
from thidua.hierarchy import (
    AttributeValue,
    ChangeEvent,
    Dataset,
    EventKind,
    Group,
    GroupKind,
    GroupMember,
    Level,
    LevelScheme,
    Link,
    Role,
    Unit,
)
from thidua.io._schema import ENUM_WORDS
from thidua.problems import Pointer, Problem, Report, StructureCode, problem

__all__ = [
    "FORMAT_NAME",
    "SCHEMA_VERSION",
    "FormatError",
    "LoadResult",
    "MissingExtraError",
    "make_converter",
]

FORMAT_NAME = "thidua.hierarchy"
"""The value of the ``format`` key of a canonical JSON or YAML document."""

SCHEMA_VERSION = 1
"""The version of the canonical document layout written by this thidua."""

T = TypeVar("T")
_normalize = unicodedata.normalize


@attrs.frozen(kw_only=True)
class LoadResult:
    """What a loader returns: the dataset, the structure problems, the source.

    Attributes:
        dataset: every record that could be read.
        report: the structure problems found while reading (codes ``S001`` to
            ``S008``); hierarchy checks are :func:`thidua.validate`'s job.
        source: the path (or ``"<string>"``) that was read.

    Examples:
        >>> from thidua.io import loads_json
        >>> result = loads_json('{"units": [{"id": "T", "name": "TLĐ", "kind": "central"}]}')
        >>> result.dataset.unit_ids(), result.report.ok, result.source
        (('T',), True, '<string>')
    """

    dataset: Dataset
    report: Report
    source: str


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a load builds its records.

    A load allocates hundreds of thousands of acyclic objects; each
    allocation burst triggers full collections that walk every object built
    so far, which doubles the time of a national load.  The collector is
    restored (if it was enabled) when the load ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --------------------------------------------------------------------------
# Value functions (shared by the strict hooks and the collecting readers)
# --------------------------------------------------------------------------


class _InvalidValueError(ValueError):
    """A value of the wrong type or outside the accepted set (S006)."""


class _MissingValueError(ValueError):
    """A required value that is empty or null (S004)."""


@attrs.frozen
class HugeNumber:
    """A whole number of a document too long to convert (Python's 4,300-digit limit).

    The JSON and YAML readers give one instead of the number, so that every
    value function rejects it with a problem at its path.
    """

    digits: int

    def __str__(self) -> str:
        return f"a whole number of {self.digits:,} digits"


# Bits of the largest int whose decimal text Python converts under its default limit.
_SAFE_INT_BITS = 14_000
_SHOWN = 60


def describe(value: object) -> str:
    """A value as a problem's sentence shows it: short, and never a huge number's digits.

    Args:
        value: any value read from a document.

    Returns:
        The value's ``repr`` (cut past 60 characters), the size of a huge
        whole number, or the name of its type.

    Examples:
        >>> describe("abc"), describe(HugeNumber(5000)), describe([1])
        ("'abc'", 'a whole number of 5,000 digits', 'a list')

    .. versionadded:: 0.2.0
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"a whole number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    if isinstance(value, HugeNumber):
        return str(value)
    if isinstance(value, bool | int | float | str):
        text = repr(value)
        return text if len(text) <= _SHOWN else f"{text[: _SHOWN - 5]}…{text[-4:]}"
    return f"a {type(value).__name__}"


def _int_text(value: int) -> str:
    if value.bit_length() > _SAFE_INT_BITS:
        raise _InvalidValueError(f"{describe(value)} is too long")
    return str(value)


def _text(value: object, _type: object = None) -> str:
    if type(value) is str:
        return _normalize("NFC", value)
    if isinstance(value, str):
        return nfc(str(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return _int_text(value)
    raise _InvalidValueError(f"expected text, got {describe(value)}")


def _opt_text(value: object, _type: object = None) -> str | None:
    return None if value is None else _text(value)


def _id(value: object, _type: object = None) -> str:
    if type(value) is str and value:
        return _normalize("NFC", value)
    text = _text(value)
    if not text:
        raise _MissingValueError("empty")
    return text


_NFC = functools.partial(unicodedata.normalize, "NFC")
"""NFC as a C callable: ``map(_NFC, texts)`` runs without a Python frame per text."""


def _ids(value: object, _type: object = None) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise _InvalidValueError(f"expected a list of ids, got {describe(value)}")
    try:  # the usual case, texts only: one C loop (an event may list thousands of units)
        fast = tuple(map(_NFC, value))
    except TypeError:  # a number or another value: the loop below reads or rejects it
        pass
    else:
        if "" not in fast:
            return fast
    out: list[str] = []
    for item in value:
        try:
            out.append(_id(item))
        except _MissingValueError:
            raise _InvalidValueError("the list contains an empty id") from None
    return tuple(out)


_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$")


def _float(value: object) -> float:
    if isinstance(value, bool):
        raise _InvalidValueError(f"expected a number, got {describe(value)}")
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:
            raise _InvalidValueError(f"{describe(value)} is too large") from None
    elif isinstance(value, str) and _NUMBER.match(value.strip()):
        number = float(value.strip().replace(",", "."))
    else:
        raise _InvalidValueError(f"expected a number, got {describe(value)}")
    if not math.isfinite(number):
        raise _InvalidValueError(f"expected a finite number, got {describe(value)}")
    return number


def _floats(value: object, _type: object = None) -> tuple[float, ...]:
    if not isinstance(value, list | tuple):
        raise _InvalidValueError(f"expected a list of numbers, got {describe(value)}")
    return tuple(_float(v) for v in value)


_INT = re.compile(r"^[+-]?\d+$")
_INT64 = range(-(2**63), 2**63)
_OUT_OF_RANGE = 2**64


def _int(value: object, _type: object = None) -> int:
    """A whole number within 64 bits (ranks: larger ones overflow the hierarchy index)."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _INT.match(value.strip()):
        digits = value.strip()
        number = int(digits) if len(digits) <= 21 else _OUT_OF_RANGE
    else:
        raise _InvalidValueError(f"expected a whole number, got {describe(value)}")
    if number not in _INT64:
        raise _InvalidValueError(f"{describe(value)} is out of range (from -2**63 to 2**63 - 1)")
    return number


def _scalar(value: object) -> AttributeValue:
    if value is None or isinstance(value, str | bool | int | float):
        return value
    raise _InvalidValueError(f"expected text, a number, true/false or null, got {describe(value)}")


def _attributes(value: object, _type: object = None) -> dict[str, AttributeValue]:
    if not isinstance(value, Mapping):
        raise _InvalidValueError(f"expected an object of attributes, got {describe(value)}")
    out = {_text(k): _scalar(v) for k, v in value.items()}
    if len(out) != len(value):
        raise _InvalidValueError("two attribute names are the same text once NFC-normalised")
    return out


def _text_map(value: object, _type: object = None) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise _InvalidValueError(f"expected an object, got {describe(value)}")
    out = {_text(k): _text(v) for k, v in value.items()}
    if len(out) != len(value):
        raise _InvalidValueError("two keys are the same text once NFC-normalised")
    return out


def _pointer(value: object, _type: object = None) -> Pointer:
    if isinstance(value, Pointer):
        return value
    raise _InvalidValueError("'source' is not a field of the format")


@attrs.frozen
class _DateReader:
    """Read dates (text or date objects) with a cache: dates repeat a lot in real data."""

    read: Callable[[object, object], pendulum.Date]
    read_optional: Callable[[object, object], pendulum.Date | None]


_MIDNIGHT = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[ T]00:00(?::00(?:\.0+)?)?\s*$", re.ASCII)


def _date_reader(cache_limit: int = 100_000) -> _DateReader:
    cache: dict[str, pendulum.Date] = {}

    def read(value: object, _type: object = None) -> pendulum.Date:
        if type(value) is str:
            day = cache.get(value)
            if day is None:
                try:
                    day = parse_date(value)
                except DateParseError:
                    # A date-time at midnight, as spreadsheets export date cells.
                    midnight = _MIDNIGHT.match(value)
                    if midnight is None:
                        raise
                    day = parse_date(midnight.group(1))
                if len(cache) >= cache_limit:
                    cache.clear()
                cache[value] = day
            return day
        if isinstance(value, dt.date):
            return as_date(value)
        raise DateParseError(describe(value), "expected text yyyy-mm-dd or dd/mm/yyyy")

    def read_optional(value: object, _type: object = None) -> pendulum.Date | None:
        return None if value is None else read(value)

    return _DateReader(read, read_optional)


# Vietnamese (and case-insensitive English) spellings of enum values: declared
# with the tables (thidua.io._schema.ENUM_WORDS).
_ENUM_ALIASES = ENUM_WORDS


E = TypeVar("E", bound=enum.Enum)


def accepted_values(enum_type: type[enum.Enum]) -> str:
    """Return the accepted spellings of an enum, for messages.

    Examples:
        >>> accepted_values(Role)
        'member, leader, deputy (or thành viên, cụm trưởng, khối trưởng, cụm phó, khối phó)'
    """
    values = [str(m.value) for m in enum_type]
    aliases = [a for names in _ENUM_ALIASES.get(enum_type, {}).values() for a in names]
    suffix = f" (or {', '.join(aliases)})" if aliases else ""
    return ", ".join(values) + suffix


def _enum_reader(enum_type: type[E]) -> Callable[[object, object], E]:
    exact: dict[object, E] = {m.value: m for m in enum_type}
    folded: dict[str, E] = {name_key(str(m.value)): m for m in enum_type}
    for value, names in _ENUM_ALIASES.get(enum_type, {}).items():
        folded.update({name_key(n): enum_type(value) for n in names})
    accepted = accepted_values(enum_type)

    def read(value: object, _type: object = None) -> E:
        member = exact.get(value) if isinstance(value, str) else None
        if member is None:
            if isinstance(value, enum_type):
                return value
            if not isinstance(value, str):
                raise _InvalidValueError(f"expected one of {accepted}, got {describe(value)}")
            if not value.strip():
                raise _MissingValueError("empty")
            member = folded.get(name_key(value))
            if member is None:
                raise _InvalidValueError(f"{value!r} is not one of {accepted}")
        return member

    return read


# --------------------------------------------------------------------------
# Field tables: which value function reads each field of each record
# --------------------------------------------------------------------------


@attrs.frozen
class _Field:
    name: str
    read: Callable[..., Any]
    required: bool = False
    # The cattrs hook of an optional field (``None`` → ``None``), if not generic.
    read_optional: Callable[..., Any] | None = None
    # Date faults are S003; others S006 (S004 for an empty required value).
    is_date: bool = False
    is_enum: bool = False


def _fields(dates: _DateReader) -> dict[type[Any], tuple[_Field, ...]]:
    def date(name: str, *, required: bool = False) -> _Field:
        return _Field(
            name, dates.read, required=required, is_date=True, read_optional=dates.read_optional
        )

    def choice(name: str, enum_type: type[enum.Enum], *, required: bool = False) -> _Field:
        return _Field(name, _enum_reader(enum_type), required=required, is_enum=True)

    return {
        Unit: (
            _Field("id", _id, required=True),
            _Field("name", _text, required=True),
            _Field("kind", _text, required=True),
            date("founded"),
            date("dissolved"),
            _Field("short_name", _text, read_optional=_opt_text),
            _Field("attributes", _attributes),
        ),
        Link: (
            _Field("child", _id, required=True),
            _Field("parent", _id, required=True),
            _Field("relation", _text, read_optional=_opt_text),
            date("valid_from"),
            date("valid_to"),
        ),
        Group: (
            _Field("id", _id, required=True),
            _Field("name", _text, required=True),
            choice("kind", GroupKind, required=True),
            _Field("owner", _text, read_optional=_opt_text),
            _Field("attributes", _attributes),
        ),
        GroupMember: (
            _Field("group", _id, required=True),
            _Field("unit", _id, required=True),
            date("valid_from"),
            date("valid_to"),
            choice("role", Role),
        ),
        ChangeEvent: (
            _Field("id", _id, required=True),
            choice("kind", EventKind, required=True),
            date("date", required=True),
            _Field("originals", _ids),
            _Field("results", _ids),
            _Field("shares", _floats),
            _Field("document", _text, read_optional=_opt_text),
            _Field("name", _text, read_optional=_opt_text),
        ),
        Level: (
            _Field("kind", _id, required=True),
            _Field("rank", _int, required=True),
            _Field("label", _text, read_optional=_opt_text),
        ),
    }


def _optional(read: Callable[..., T], default: object) -> Callable[[Any, Any], Any]:
    """The hook of an optional field: ``null`` gives the field's default."""
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        factory = default.factory  # type: ignore[attr-defined]

        def hook_factory(value: object, _type: object) -> object:
            return factory() if value is None else read(value)

        return hook_factory

    def hook(value: object, _type: object) -> object:
        return default if value is None else read(value)

    return hook


def _iso(value: dt.date) -> str:
    return value.isoformat()


def _unstructure_scheme(scheme: LevelScheme) -> dict[str, Any]:
    return {
        "name": scheme.name,
        "levels": [{"kind": lv.kind, "rank": lv.rank, "label": lv.label} for lv in scheme.levels],
    }


def _build_converter(*, with_source: bool, dates: _DateReader | None = None) -> cattrs.Converter:
    conv = cattrs.Converter(detailed_validation=False, forbid_extra_keys=True)
    dates = dates or _date_reader()
    tables = _fields(dates)

    # Type-level hooks: what users get from converter.structure(value, type).
    conv.register_structure_hook(pendulum.Date, dates.read)
    conv.register_unstructure_hook(pendulum.Date, _iso)
    conv.register_unstructure_hook(dt.date, _iso)
    for enum_type in (GroupKind, Role, EventKind):
        conv.register_structure_hook(enum_type, _enum_reader(enum_type))
        conv.register_unstructure_hook(enum_type, lambda m: m.value)

    # Record hooks: every field read by the same value functions as the
    # collecting reader, so both paths agree.
    for cls, fields in tables.items():
        structure: dict[str, Any] = {}
        unstructure: dict[str, Any] = {}
        for f in fields:
            default = attrs.fields_dict(cls)[f.name].default
            if f.required:
                hook = f.read
            elif default is None and f.read_optional is not None:
                hook = f.read_optional
            else:
                hook = _optional(f.read, default)
            structure[f.name] = override(struct_hook=hook)
            empty = default is None or (
                isinstance(default, attrs.Factory)  # type: ignore[arg-type]
                or default == ()
            )
            unstructure[f.name] = override(
                omit_if_default=True if (empty and cls is not Level) else None,
                unstruct_hook=_unstructure_hook(f),
            )
        if "source" in attrs.fields_dict(cls):
            unstructure["source"] = override(omit=True)
            structure["source"] = (
                override(struct_hook=_optional(_pointer, None))
                if with_source
                else override(omit=True)
            )
        conv.register_structure_hook(
            cls,
            make_dict_structure_fn(
                cls,
                conv,
                _cattrs_forbid_extra_keys=True,
                _cattrs_detailed_validation=False,
                **structure,
            ),
        )
        conv.register_unstructure_hook(cls, make_dict_unstructure_fn(cls, conv, **unstructure))

    conv.register_unstructure_hook(LevelScheme, _unstructure_scheme)
    conv.register_structure_hook(LevelScheme, lambda v, _t: _structure_scheme(conv, v))
    conv.register_unstructure_hook(Dataset, lambda ds: _unstructure_dataset(conv, ds))
    conv.register_structure_hook(Dataset, lambda v, _t: _structure_dataset(conv, v))
    return conv


def _unstructure_hook(f: _Field) -> Callable[[Any], Any]:
    if f.is_date:
        return _iso
    if f.read in (_ids, _floats):
        return list
    if f.read is _attributes:
        return dict
    if f.is_enum:
        return lambda m: m.value
    return lambda v: v


def make_converter() -> cattrs.Converter:
    """Return a new converter for thidua records and datasets (never a shared one).

    Unstructuring writes the canonical form: dates as ISO ``yyyy-mm-dd`` text,
    enums by value, tuples as lists, the ``source`` pointer never, and fields
    whose value is ``None`` or an empty default (``()``, ``{}``) not at all.
    Fields with a non-empty default (a link's ``relation``, a membership's
    ``role``) are always written.  A :class:`~thidua.hierarchy.Dataset`
    unstructures to the whole canonical document (``format``,
    ``schema_version``, ``metadata``, ``scheme``, ``roots`` and the record
    lists).

    Structuring is strict (it raises on the first bad value) and accepts what
    the loaders accept: dates as ISO or ``dd/mm/yyyy`` text or
    :class:`datetime.date` objects (as YAML gives them), ids given as whole
    numbers, enum values or their Vietnamese names (``cụm trưởng``).  Use
    :func:`thidua.io.loads_json` to *collect* every problem instead.

    Returns:
        A fresh :class:`cattrs.Converter`.

    Examples:
        >>> import pendulum
        >>> from thidua.hierarchy import GroupMember, Link, Role
        >>> conv = make_converter()
        >>> conv.unstructure(Link(child="G1", parent="D1", valid_to=pendulum.Date(2025, 7, 1)))
        {'child': 'G1', 'parent': 'D1', 'relation': 'admin', 'valid_to': '2025-07-01'}
        >>> conv.structure({"group": "C1", "unit": 7, "role": "cụm trưởng",
        ...                 "valid_from": "1/1/2025"}, GroupMember)
        GroupMember(group='C1', unit='7', valid_from=Date(2025, 1, 1), valid_to=None, role=<Role.LEADER: 'leader'>)
        >>> make_converter() is make_converter()
        False
    """  # noqa: E501
    return _build_converter(with_source=False)


def _structure_scheme(conv: cattrs.Converter, value: object) -> LevelScheme:
    if not isinstance(value, Mapping) or set(value) != {"name", "levels"}:
        raise _InvalidValueError("a scheme is an object with 'name' and 'levels'")
    levels = value["levels"]
    if not isinstance(levels, list):
        raise _InvalidValueError("'levels' must be a list")
    return LevelScheme(_text(value["name"]), tuple(conv.structure(lv, Level) for lv in levels))


_SECTIONS: tuple[tuple[str, type[Any]], ...] = (
    ("units", Unit),
    ("links", Link),
    ("groups", Group),
    ("members", GroupMember),
    ("events", ChangeEvent),
)
_TOP_KEYS = ("format", "schema_version", "metadata", "scheme", "roots", *(n for n, _ in _SECTIONS))


def _unstructure_dataset(conv: cattrs.Converter, ds: Dataset) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "metadata": dict(ds.metadata),
        "scheme": _unstructure_scheme(ds.scheme),
        "roots": list(ds.roots),
    }
    for name, cls in _SECTIONS:
        hook = conv.get_unstructure_hook(cls)
        doc[name] = [hook(r) for r in getattr(ds, name)]
    return doc


def _structure_dataset(conv: cattrs.Converter, value: object) -> Dataset:
    if not isinstance(value, Mapping):
        raise _InvalidValueError("a dataset document is an object")
    unknown = set(value) - set(_TOP_KEYS)
    if unknown:
        raise _InvalidValueError(f"unknown keys {sorted(unknown)}")
    if value.get("format", FORMAT_NAME) != FORMAT_NAME:
        raise _InvalidValueError(f"'format' must be {FORMAT_NAME!r}")
    if value.get("schema_version", SCHEMA_VERSION) != SCHEMA_VERSION:
        raise _InvalidValueError(f"unsupported schema_version {value['schema_version']!r}")
    kwargs: dict[str, Any] = {}
    for name, cls in _SECTIONS:
        items = value.get(name, [])
        if not isinstance(items, list):
            raise _InvalidValueError(f"{name!r} must be a list")
        kwargs[name] = tuple(conv.structure(item, cls) for item in items)
    if "scheme" in value:
        kwargs["scheme"] = _structure_scheme(conv, value["scheme"])
    return Dataset(
        roots=_ids(value.get("roots", [])),
        metadata=_text_map(value.get("metadata", {})),
        **kwargs,
    )


# --------------------------------------------------------------------------
# Collecting record readers
# --------------------------------------------------------------------------


def _subject(raw: Mapping[str, Any], key: str) -> str | None:
    value = raw.get(key)
    if isinstance(value, str) and value:
        return nfc(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if value.bit_length() <= _SAFE_INT_BITS else None
    return None


class _RecordReader(Generic[T]):
    """Read records of one class, collecting problems (see the module docstring)."""

    def __init__(
        self,
        conv: cattrs.Converter,
        cls: type[T],
        fields: tuple[_Field, ...],
        label: str,
        *,
        has_source: bool = True,
    ) -> None:
        self.cls = cls
        self.has_source = has_source
        self.label = label
        self.fields = fields
        self.names = frozenset(f.name for f in fields)
        self.subject_key = fields[0].name
        self._fast = conv.get_structure_hook(cls)

    def read(self, raw: object, pointer: Pointer, problems: list[Problem]) -> T | None:
        """Read one record from a mapping; ``None`` when a required field is unusable."""
        if type(raw) is dict:
            if not self.has_source:
                try:
                    return self._fast(raw, self.cls)  # type: ignore[no-any-return]
                except Exception:  # noqa: S110 - any fault: the slow path reports it
                    pass
            elif "source" not in raw:
                raw["source"] = pointer
                try:
                    return self._fast(raw, self.cls)  # type: ignore[no-any-return]
                except Exception:  # noqa: S110 - any fault: the slow path reports it
                    pass
                finally:
                    del raw["source"]
        return self._read_slowly(raw, pointer, problems)

    def read_owned(
        self, raw: dict[str, Any], pointer: Pointer, problems: list[Problem]
    ) -> T | None:
        """Like :meth:`read` for a dict built by thidua that already holds ``source``."""
        try:
            return self._fast(raw, self.cls)  # type: ignore[no-any-return]
        except Exception:  # any fault: the slow path reports it
            del raw["source"]
            return self._read_slowly(raw, pointer, problems)

    def _say(self, subject: str | None, detail: str) -> str:
        who = f"{self.label} {subject!r}" if subject else self.label
        return f"{who}: {detail}"

    def _read_slowly(self, raw: object, pointer: Pointer, problems: list[Problem]) -> T | None:
        if not isinstance(raw, Mapping):
            problems.append(
                problem(
                    StructureCode.INVALID_VALUE,
                    self._say(None, f"expected an object, got {describe(raw)}"),
                    pointer=pointer,
                )
            )
            return None
        subject = _subject(raw, self.subject_key)
        problems.extend(
            problem(
                StructureCode.UNKNOWN_FIELD,
                self._say(subject, f"unknown field {describe(key)} ignored"),
                subject=subject,
                pointer=pointer.at(str(key)),
            )
            for key in raw
            if key not in self.names
        )
        kwargs: dict[str, Any] = {}
        usable = True
        for f in self.fields:
            value = raw.get(f.name)
            at = pointer.at(f.name)
            if value is None:
                if f.required:
                    usable = False
                    code = "S004" if f.name in raw else "S002"
                    what = "is empty" if code == "S004" else "is missing"
                    problems.append(
                        problem(
                            code,
                            self._say(subject, f"required {f.name!r} {what}"),
                            subject=subject,
                            pointer=at,
                        )
                    )
                continue
            if f.read is _attributes and isinstance(value, Mapping):
                kwargs[f.name] = self._attributes(value, subject, at, problems)
                continue
            try:
                kwargs[f.name] = f.read(value)
            except DateParseError as exc:
                problems.append(
                    problem(
                        StructureCode.UNREADABLE_DATE,
                        self._say(subject, f"{f.name}: {exc}"),
                        subject=subject,
                        pointer=at,
                    )
                )
                usable = usable and not f.required
            except _MissingValueError:
                code = "S004" if f.required else "S006"
                problems.append(
                    problem(
                        code,
                        self._say(subject, f"{f.name!r} is empty"),
                        subject=subject,
                        pointer=at,
                    )
                )
                usable = usable and not f.required
            except (ValueError, TypeError) as exc:
                problems.append(
                    problem(
                        StructureCode.INVALID_VALUE,
                        self._say(subject, f"{f.name}: {exc}"),
                        subject=subject,
                        pointer=at,
                    )
                )
                usable = usable and not f.required
        if not usable:
            return None
        if self.has_source:
            kwargs["source"] = pointer
        try:
            return self.cls(**kwargs)
        except (ValueError, TypeError) as exc:  # pragma: no cover - model converters
            problems.append(
                problem(
                    StructureCode.INVALID_VALUE,
                    self._say(subject, str(exc)),
                    subject=subject,
                    pointer=pointer,
                )
            )
            return None

    def _attributes(
        self, value: Mapping[Any, Any], subject: str | None, at: Pointer, problems: list[Problem]
    ) -> dict[str, AttributeValue]:
        out: dict[str, AttributeValue] = {}
        for key, item in value.items():
            try:
                name = _text(key)
                if name in out:
                    problems.append(
                        problem(
                            StructureCode.DUPLICATE_KEY,
                            self._say(
                                subject,
                                f"attribute {name!r} is given twice (once NFC-normalised); "
                                "the last value is used",
                            ),
                            subject=subject,
                            pointer=at.at(name),
                        )
                    )
                out[name] = _scalar(item)
            except _InvalidValueError as exc:
                problems.append(
                    problem(
                        StructureCode.INVALID_VALUE,
                        self._say(subject, f"attribute {key!r}: {exc}"),
                        subject=subject,
                        pointer=at.at(str(key)),
                    )
                )
        return out


@attrs.frozen(kw_only=True)
class _Readers:
    """The record readers of one load (they share one converter and date cache)."""

    units: _RecordReader[Unit]
    links: _RecordReader[Link]
    groups: _RecordReader[Group]
    members: _RecordReader[GroupMember]
    events: _RecordReader[ChangeEvent]
    levels: _RecordReader[Level]
    dates: _DateReader


def _readers() -> _Readers:
    dates = _date_reader()  # one cache for the fast and the collecting paths
    conv = _build_converter(with_source=True, dates=dates)
    tables = _fields(dates)
    return _Readers(
        units=_RecordReader(conv, Unit, tables[Unit], "unit"),
        links=_RecordReader(conv, Link, tables[Link], "link"),
        groups=_RecordReader(conv, Group, tables[Group], "group"),
        members=_RecordReader(conv, GroupMember, tables[GroupMember], "group member"),
        events=_RecordReader(conv, ChangeEvent, tables[ChangeEvent], "event"),
        levels=_RecordReader(conv, Level, tables[Level], "level", has_source=False),
        dates=dates,
    )
