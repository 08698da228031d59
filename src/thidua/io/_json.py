"""Canonical JSON and YAML documents: one structure, two syntaxes.

The document is an object with the keys ``format``, ``schema_version``,
``metadata``, ``scheme``, ``roots``, ``units``, ``links``, ``groups``,
``members`` and ``events`` (see ``docs/formats.md``), and, for a whole
workspace, ``indicators`` and ``figures`` (schema version 2, read and written
by :mod:`thidua.workspace`; the hierarchy readers here skip them).  JSON is written with
one record per line so that large files stay diff-friendly and the fast C
encoder does the work; YAML is written in block style.  YAML is read with
PyYAML's safe loader only (:class:`yaml.SafeLoader`, as :func:`yaml.safe_load`):
a document cannot build Python objects.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs

from thidua.errors import FormatError, UnreadableInputError
from thidua.hierarchy import UNION_SCHEME, Dataset, LevelScheme
from thidua.io._converter import (
    _SAFE_INT_BITS,
    _SECTIONS,
    _TOP_KEYS,
    FORMAT_NAME,
    SCHEMA_VERSION,
    HugeNumber,
    LoadResult,
    MissingExtraError,
    _collector_paused,
    _id,
    _MissingValueError,
    _Readers,
    _readers,
    _text,
    describe,
    make_converter,
)
from thidua.io._domain import domain_tables
from thidua.problems import Pointer, Problem, Report, StructureCode, problem
from thidua.typing import PathLike, ProgressCallback

__all__ = [
    "dumps_json",
    "loads_json",
    "read_json",
    "read_yaml",
    "write_json",
    "write_yaml",
]

WORKSPACE_SCHEMA_VERSION = 2
"""The version of a document that holds a workspace's ``indicators`` or ``figures``.

Version 1 documents (the hierarchy alone) are still written when there is
nothing else, and read as before.

.. versionadded:: 0.2.0
"""

WORKSPACE_SECTIONS = ("indicators", "figures")
"""The top-level lists a workspace document adds to the hierarchy's."""

_READABLE_VERSIONS = (SCHEMA_VERSION, WORKSPACE_SCHEMA_VERSION)
_DOCUMENT_KEYS = frozenset((*_TOP_KEYS, *WORKSPACE_SECTIONS))

_T = TypeVar("_T")


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------

_TOO_DEEP = (
    "it is nested too deeply for a dataset document (objects and lists inside each other "
    "hundreds of levels deep)"
)


@attrs.frozen
class _Duplicate:
    """An object of the document in which some keys appear more than once."""

    container: dict[Any, Any]
    keys: tuple[object, ...]
    line: int | None = None


def _digits(text: str) -> int:
    return sum(c.isalnum() for c in text.lstrip("+-").removeprefix("0x").removeprefix("0o"))


def _json_int(text: str) -> int | HugeNumber:
    """``int`` for JSON, except that a number past Python's digit limit becomes a marker."""
    limit = sys.get_int_max_str_digits()
    if limit and len(text) > limit and _digits(text) > limit:
        return HugeNumber(_digits(text))
    return int(text)


def _json_pairs(duplicates: list[_Duplicate]) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) != len(items):
            seen: set[str] = set()
            twice = [k for k, _ in items if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
            duplicates.append(_Duplicate(obj, tuple(dict.fromkeys(twice))))
        return obj

    return pairs


def _duplicate_problems(doc: object, duplicates: list[_Duplicate], root: Pointer) -> list[Problem]:
    """``S009`` for each repeated key, at its JSON path (found by one walk of the document)."""
    if not duplicates:
        return []
    wanted = {id(d.container): d for d in duplicates}
    paths: dict[int, str] = {}
    seen: set[int] = set()
    stack: list[tuple[object, str]] = [(doc, "$")]
    while stack and len(paths) < len(wanted):
        obj, path = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, dict):
            if id(obj) in wanted:
                paths[id(obj)] = path
            stack.extend((v, f"{path}.{k}") for k, v in obj.items() if isinstance(v, dict | list))
        elif isinstance(obj, list):
            stack.extend(
                (v, f"{path}[{i}]") for i, v in enumerate(obj) if isinstance(v, dict | list)
            )
    out: list[Problem] = []
    for dup in duplicates:
        at = attrs.evolve(root, path=paths.get(id(dup.container), "$"))
        line = f" (line {dup.line})" if dup.line is not None else ""
        out.extend(
            problem(
                StructureCode.DUPLICATE_KEY,
                f"key {describe(key)} is given more than once in one object{line}; "
                "the last value is used",
                pointer=at.at(str(key)),
            )
            for key in dup.keys
        )
    return out


def _read_text(path: PathLike) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UnreadableInputError(os.fspath(path), exc.strerror or str(exc)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableInputError(os.fspath(path), f"not UTF-8 text ({exc.reason})") from None


def read_json(path: PathLike, *, progress: ProgressCallback | None = None) -> LoadResult:
    """Read a canonical JSON document, collecting every structure problem.

    Args:
        path: the ``.json`` file (UTF-8, with or without a byte-order mark).
        progress: called once per record list with ``(name, count, count)``.

    Returns:
        The dataset of every readable record, the problems (``S0xx``) with
        JSON paths such as ``$.units[3].founded``, and the path.

    Raises:
        UnreadableInputError: the file cannot be opened, is not UTF-8 or not
            JSON, or its top level is not an object.

    Examples:
        >>> import tempfile, pathlib
        >>> from thidua.hierarchy import Dataset, Unit
        >>> tmp = pathlib.Path(tempfile.mkdtemp())
        >>> write_json(Dataset(units=[Unit(id="T", name="TLĐ", kind="central")]), tmp / "h.json")
        >>> result = read_json(tmp / "h.json")
        >>> result.dataset.units[0].name, result.report.ok
        ('TLĐ', True)
        >>> str(result.dataset.units[0].source)
        'h.json $.units[0]'
    """
    text = _read_text(path)
    return _loads(text, file=Path(path).name, source=os.fspath(path), progress=progress)


def loads_json(text: str, *, name: str | None = None) -> LoadResult:
    """Read a canonical JSON document from text.

    Args:
        text: the JSON text.
        name: the file name to show in pointers (``None`` shows ``<input>``).

    Returns:
        The load result; its ``source`` is ``name`` or ``"<string>"``.

    Raises:
        UnreadableInputError: the text is not JSON or not a JSON object.

    Examples:
        >>> r = loads_json('{"units": [{"id": 1, "name": "A", "kind": "grassroots",'
        ...                ' "founded": "31/02/2024"}]}')
        >>> r.dataset.units[0].id, r.dataset.units[0].founded
        ('1', None)
        >>> print(r.report)
        1 error(s), 0 warning(s)
        S003 error: unit '1': founded: cannot read date '31/02/2024': day is out of range for month [<input> $.units[0].founded]
    """  # noqa: E501
    return _loads(text, file=name, source=name or "<string>", progress=None)


def _loads(
    text: str, *, file: str | None, source: str, progress: ProgressCallback | None
) -> LoadResult:
    with _collector_paused():
        doc, duplicates = _parse_json(text, source)
        return _load_document(
            doc, file=file, source=source, progress=progress, duplicates=duplicates
        )


def _parse_json(text: str, source: str) -> tuple[object, list[_Duplicate]]:
    duplicates: list[_Duplicate] = []
    try:
        doc = json.loads(text, object_pairs_hook=_json_pairs(duplicates), parse_int=_json_int)
    except json.JSONDecodeError as exc:
        raise UnreadableInputError(source, f"not JSON ({exc})") from None
    except RecursionError:
        raise UnreadableInputError(source, f"not a dataset document: {_TOO_DEEP}") from None
    return doc, duplicates


def read_document(
    path: PathLike,
    sections: Callable[[Mapping[str, Any], str], _T],
    *,
    progress: ProgressCallback | None = None,
) -> tuple[LoadResult, _T]:
    """Read a JSON or YAML document (by suffix): its dataset, and what *sections* reads of it.

    The document is parsed once; *sections* gets the top-level mapping and
    the file name for pointers (the workspace reads its ``indicators`` and
    ``figures`` so).

    Raises:
        UnreadableInputError: as :func:`read_json` and :func:`read_yaml`.
        MissingExtraError: a YAML file and no PyYAML.
    """
    text = _read_text(path)
    source = os.fspath(path)
    file = Path(path).name
    parse = _parse_yaml if Path(path).suffix.lower() in (".yaml", ".yml") else _parse_json
    with _collector_paused():
        doc, duplicates = parse(text, source)
        loaded = _load_document(
            doc, file=file, source=source, progress=progress, duplicates=duplicates
        )
        assert isinstance(doc, Mapping)  # _load_document refuses anything else
        return loaded, sections(doc, file)


def read_yaml(path: PathLike, *, progress: ProgressCallback | None = None) -> LoadResult:
    r"""Read a YAML document of the canonical structure with PyYAML's safe loader.

    The document is read by :class:`yaml.SafeLoader` (as :func:`yaml.safe_load`
    does: no Python object can be built), with one change: an impossible
    unquoted date such as ``2025-02-30`` stays text, so that it is reported
    as ``S003`` at its path instead of failing the whole file.

    Unquoted YAML dates (``founded: 2025-07-01``) and numbers used as ids are
    accepted.  Quote ids with leading zeros (``id: "007"``): YAML reads
    ``007`` as the number 7.

    Args:
        path: the ``.yaml`` or ``.yml`` file.
        progress: called once per record list with ``(name, count, count)``.

    Returns:
        The load result, with JSON-path pointers into the document.

    Raises:
        UnreadableInputError: the file cannot be opened or is not YAML, or
            its top level is not a mapping.
        MissingExtraError: PyYAML is not installed (``pip install thidua[yaml]``).

    Examples:
        >>> import tempfile, pathlib
        >>> tmp = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (tmp / "h.yaml").write_text(
        ...     "units:\n- {id: HN, name: LĐLĐ Hà Nội, kind: provincial, founded: 1929-07-28}\n",
        ...     encoding="utf-8")
        >>> read_yaml(tmp / "h.yaml").dataset.units[0].founded
        Date(1929, 7, 28)
    """
    text = _read_text(path)
    source = os.fspath(path)
    with _collector_paused():
        doc, duplicates = _parse_yaml(text, source)
        return _load_document(
            doc, file=Path(path).name, source=source, progress=progress, duplicates=duplicates
        )


def _parse_yaml(text: str, source: str) -> tuple[object, list[_Duplicate]]:
    try:
        import yaml  # noqa: PLC0415 - optional extra, imported when used
    except ImportError:  # pragma: no cover - the dev environment has PyYAML
        raise MissingExtraError("yaml", "PyYAML") from None

    class _SafeLoader(yaml.SafeLoader):
        """PyYAML's safe loader; an impossible date stays text for an S003 problem."""

    def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
        try:
            return loader.construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return loader.construct_scalar(node)

    duplicates: list[_Duplicate] = []

    def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | HugeNumber:
        try:
            value: int = loader.construct_yaml_int(node)
        except ValueError:  # past Python's digit limit for int()
            return HugeNumber(_digits(str(node.value)))
        if value.bit_length() > _SAFE_INT_BITS:  # a huge hexadecimal or octal number
            return HugeNumber(_digits(str(node.value)))
        return value

    def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Iterator[dict[Any, Any]]:
        data: dict[Any, Any] = {}
        yield data
        own = [key for key, _ in node.value if key.tag != "tag:yaml.org,2002:merge"]
        merges = len(own) != len(node.value)
        data.update(loader.construct_mapping(node))
        if len(own) > 1 and (merges or len(data) < len(own)):
            keys = [loader.construct_object(key) for key in own]
            seen: set[object] = set()
            twice = [k for k in keys if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
            if twice:
                line = node.start_mark.line + 1
                duplicates.append(_Duplicate(data, tuple(dict.fromkeys(twice)), line))

    _SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    _SafeLoader.add_constructor("tag:yaml.org,2002:int", _int)
    _SafeLoader.add_constructor("tag:yaml.org,2002:map", _mapping)
    try:
        doc = yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise UnreadableInputError(source, f"not YAML ({exc})") from None
    except RecursionError:
        raise UnreadableInputError(source, f"not a dataset document: {_TOO_DEEP}") from None
    except (ValueError, OverflowError, TypeError) as exc:
        raise UnreadableInputError(source, f"not YAML ({describe(str(exc))})") from None
    return doc, duplicates


def _load_document(
    doc: object,
    *,
    file: str | None,
    source: str,
    progress: ProgressCallback | None,
    duplicates: list[_Duplicate],
) -> LoadResult:
    if not isinstance(doc, Mapping):
        raise UnreadableInputError(
            source, f"the document is {describe(doc)}, not an object with 'units', 'links' …"
        )
    root = Pointer(file=file, path="$")
    problems: list[Problem] = _duplicate_problems(doc, duplicates, root)
    problems.extend(
        problem(
            StructureCode.UNKNOWN_FIELD,
            f"unknown top-level key {describe(key)} ignored",
            pointer=root.at(str(key)),
        )
        for key in doc
        if key not in _DOCUMENT_KEYS and key not in domain_tables()
    )
    if "format" in doc and doc["format"] != FORMAT_NAME:
        problems.append(
            problem(
                StructureCode.INVALID_VALUE,
                f"'format' is {describe(doc['format'])}, expected {FORMAT_NAME!r}",
                pointer=root.at("format"),
            )
        )
    version = doc.get("schema_version", SCHEMA_VERSION)
    if type(version) is not int or version not in _READABLE_VERSIONS:
        problems.append(
            problem(
                StructureCode.UNSUPPORTED_SCHEMA_VERSION,
                f"schema_version {describe(version)} is not supported "
                f"(this thidua reads versions {SCHEMA_VERSION} and {WORKSPACE_SCHEMA_VERSION}); "
                f"reading it as version {WORKSPACE_SCHEMA_VERSION}",
                pointer=root.at("schema_version"),
            )
        )
    readers = _readers()
    records: dict[str, tuple[Any, ...]] = {}
    for name, _cls in _SECTIONS:
        records[name] = _read_section(doc, name, readers, root, problems)
        if progress is not None:
            progress(name, len(records[name]), len(records[name]))
    dataset = Dataset(
        metadata=_read_metadata(doc, root, problems),
        scheme=_read_scheme(doc, readers, root, problems),
        roots=_read_roots(doc, root, problems),
        **records,
    )
    return LoadResult(dataset=dataset, report=Report(tuple(problems)), source=source)


def _read_section(
    doc: Mapping[str, Any], name: str, readers: _Readers, root: Pointer, problems: list[Problem]
) -> tuple[Any, ...]:
    items = doc.get(name)
    if items is None:
        return ()
    if not isinstance(items, list):
        problems.append(
            problem(
                StructureCode.INVALID_VALUE,
                f"{name!r} must be a list, got {describe(items)}",
                pointer=root.at(name),
            )
        )
        return ()
    reader = getattr(readers, name)
    read = reader.read
    prefix = f"$.{name}["
    file = root.file
    found = [
        read(item, Pointer(file=file, path=f"{prefix}{i}]"), problems)
        for i, item in enumerate(items)
    ]
    return tuple(r for r in found if r is not None)


def _read_metadata(
    doc: Mapping[str, Any], root: Pointer, problems: list[Problem]
) -> dict[str, str]:
    value = doc.get("metadata")
    at = root.at("metadata")
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        problems.append(
            problem(
                StructureCode.INVALID_VALUE,
                f"'metadata' must be an object, got {describe(value)}",
                pointer=at,
            )
        )
        return {}
    out: dict[str, str] = {}
    for key, item in value.items():
        try:
            name = _text(key)
            if name in out:
                problems.append(
                    problem(
                        StructureCode.DUPLICATE_KEY,
                        f"metadata {name!r} is given twice (once NFC-normalised); "
                        "the last value is used",
                        pointer=at.at(name),
                    )
                )
            out[name] = _text(item)
        except ValueError as exc:
            problems.append(
                problem(
                    StructureCode.INVALID_VALUE,
                    f"metadata {describe(key)}: {exc}",
                    pointer=at.at(str(key)),
                )
            )
    return out


def _read_roots(doc: Mapping[str, Any], root: Pointer, problems: list[Problem]) -> tuple[str, ...]:
    value = doc.get("roots")
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append(
            problem(
                StructureCode.INVALID_VALUE,
                f"'roots' must be a list of unit ids, got {describe(value)}",
                pointer=root.at("roots"),
            )
        )
        return ()
    out: list[str] = []
    for i, item in enumerate(value):
        at = Pointer(file=root.file, path=f"$.roots[{i}]")
        try:
            out.append(_id(item))
        except _MissingValueError:
            problems.append(
                problem(
                    StructureCode.MISSING_REQUIRED_VALUE, "root: the unit id is empty", pointer=at
                )
            )
        except ValueError as exc:
            problems.append(problem(StructureCode.INVALID_VALUE, f"root: {exc}", pointer=at))
    return tuple(out)


def _read_scheme(
    doc: Mapping[str, Any], readers: _Readers, root: Pointer, problems: list[Problem]
) -> LevelScheme:
    value = doc.get("scheme")
    at = root.at("scheme")
    if value is None:
        return UNION_SCHEME
    if not isinstance(value, Mapping):
        problems.append(
            problem(
                StructureCode.INVALID_VALUE,
                f"'scheme' must be an object with 'name' and 'levels', "
                f"got {describe(value)}; using {UNION_SCHEME.name!r}",
                pointer=at,
            )
        )
        return UNION_SCHEME
    problems.extend(
        problem(
            StructureCode.UNKNOWN_FIELD,
            f"scheme: unknown field {describe(key)} ignored",
            pointer=at.at(str(key)),
        )
        for key in value
        if key not in ("name", "levels")
    )
    usable = True
    for key in ("name", "levels"):
        if key not in value:
            usable = False
            problems.append(
                problem(
                    StructureCode.MISSING_REQUIRED_COLUMN,
                    f"scheme: required {key!r} is missing; using {UNION_SCHEME.name!r}",
                    pointer=at.at(key),
                )
            )
    if not usable:
        return UNION_SCHEME
    try:
        name = _text(value["name"])
    except ValueError as exc:
        problems.append(
            problem(
                StructureCode.INVALID_VALUE,
                f"scheme: name: {exc}; using {UNION_SCHEME.name!r}",
                pointer=at.at("name"),
            )
        )
        return UNION_SCHEME
    levels = value["levels"]
    if not isinstance(levels, list):
        problems.append(
            problem(
                StructureCode.INVALID_VALUE,
                f"scheme: 'levels' must be a list; using {UNION_SCHEME.name!r}",
                pointer=at.at("levels"),
            )
        )
        return UNION_SCHEME
    read = readers.levels.read
    found = [
        read(lv, Pointer(file=root.file, path=f"$.scheme.levels[{i}]"), problems)
        for i, lv in enumerate(levels)
    ]
    return LevelScheme(name, tuple(lv for lv in found if lv is not None))


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------


def dataset_document(dataset: Dataset) -> dict[str, Any]:
    """The canonical document of a dataset, as :func:`dumps_json` writes it (a fresh dict)."""
    doc: dict[str, Any] = make_converter().unstructure(dataset)
    return doc


def dumps_json(dataset: Dataset) -> str:
    """Return the canonical JSON text of a dataset (one record per line).

    The output is deterministic: keys in a fixed order (document keys as in
    ``docs/formats.md``, record fields in declaration order, attributes and
    metadata in their own order), UTF-8 text with Vietnamese unescaped, and a
    final newline.

    Examples:
        >>> from thidua.hierarchy import LevelScheme
        >>> from thidua.hierarchy import Dataset, Link, Unit
        >>> ds = Dataset(units=[Unit(id="HK", name="LĐLĐ quận Hoàn Kiếm", kind="district")],
        ...              links=[Link(child="HK", parent="HN")], metadata={"title": "Hà Nội"},
        ...              scheme=LevelScheme.from_ranks("mini", {"city": 0, "district": 1}))
        >>> print(dumps_json(ds), end="")
        {
          "format": "thidua.hierarchy",
          "schema_version": 1,
          "metadata": {
            "title": "Hà Nội"
          },
          "scheme": {
            "name": "mini",
            "levels": [
              {"kind": "city", "rank": 0, "label": ""},
              {"kind": "district", "rank": 1, "label": ""}
            ]
          },
          "roots": [],
          "units": [
            {"id": "HK", "name": "LĐLĐ quận Hoàn Kiếm", "kind": "district"}
          ],
          "links": [
            {"child": "HK", "parent": "HN", "relation": "admin"}
          ],
          "groups": [],
          "members": [],
          "events": []
        }
    """
    return _emit(dataset_document(dataset))


def _emit(doc: Mapping[str, Any]) -> str:
    enc = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    lines = ["{"]
    _emit_members(doc, enc, "  ", lines)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _emit_members(
    obj: Mapping[str, Any], enc: Callable[[Any], str], indent: str, lines: list[str]
) -> None:
    """Expand the top two levels; a list of objects gets one object per line."""
    last = len(obj) - 1
    for i, (key, value) in enumerate(obj.items()):
        comma = "," if i < last else ""
        head = f"{indent}{enc(key)}: "
        inner = indent + "  "
        if isinstance(value, list) and value and (indent == "  " or isinstance(value[0], dict)):
            lines.append(head + "[")
            lines.append(",\n".join(inner + enc(v) for v in value))
            lines.append(f"{indent}]{comma}")
        elif isinstance(value, dict) and value and indent == "  ":
            lines.append(head + "{")
            _emit_members(value, enc, inner, lines)
            lines.append(f"{indent}}}{comma}")
        else:
            lines.append(head + enc(value) + comma)


def write_json(dataset: Dataset, path: PathLike) -> None:
    r"""Write a dataset as a canonical JSON file (UTF-8, ``\n`` line ends).

    Examples:
        >>> import tempfile, pathlib
        >>> from thidua.hierarchy import Dataset
        >>> tmp = pathlib.Path(tempfile.mkdtemp())
        >>> write_json(Dataset(), tmp / "empty.json")
        >>> (tmp / "empty.json").read_text(encoding="utf-8").splitlines()[1]
        '  "format": "thidua.hierarchy",'
    """
    _write_utf8(path, dumps_json(dataset))


def write_json_document(doc: Mapping[str, Any], path: PathLike) -> None:
    """Write a document (a dataset's, with more sections) as :func:`write_json` does.

    Raises:
        FormatError: text that is not valid Unicode.
    """
    _write_utf8(path, _emit(doc))


def _write_utf8(path: PathLike, text: str) -> None:
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise FormatError(
            f"the dataset holds text that is not valid Unicode ({exc.reason}: "
            f"{text[exc.start : exc.end]!r}); it cannot be written"
        ) from None
    Path(path).write_bytes(data)


def write_yaml(dataset: Dataset, path: PathLike) -> None:
    """Write a dataset as YAML with the canonical structure (block style, UTF-8).

    Text that YAML would read as another type (``"2025-07-01"``, ``"007"``,
    ``"yes"``) is quoted, so the file reads back to the same dataset.

    Raises:
        MissingExtraError: PyYAML is not installed (``pip install thidua[yaml]``).
        FormatError: text that is not valid Unicode.

    Examples:
        >>> import tempfile, pathlib
        >>> from thidua.hierarchy import Dataset, Unit
        >>> tmp = pathlib.Path(tempfile.mkdtemp())
        >>> write_yaml(Dataset(units=[Unit(id="007", name="CĐCS", kind="grassroots")]),
        ...            tmp / "h.yaml")
        >>> print((tmp / "h.yaml").read_text(encoding="utf-8").split("units:")[1].split("links")[0])
        <BLANKLINE>
        - id: '007'
          name: CĐCS
          kind: grassroots
        <BLANKLINE>
    """
    write_yaml_document(dataset_document(dataset), path)


def write_yaml_document(doc: Mapping[str, Any], path: PathLike) -> None:
    """Write a document (a dataset's, with more sections) as :func:`write_yaml` does.

    Raises:
        MissingExtraError: PyYAML is not installed.
        FormatError: text that is not valid Unicode.
    """
    try:
        import yaml  # noqa: PLC0415 - optional extra, imported when used
    except ImportError:  # pragma: no cover - the dev environment has PyYAML
        raise MissingExtraError("yaml", "PyYAML") from None

    class _Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: object) -> bool:
            del data
            return True

    def _text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
        # PyYAML folds a NEL (U+0085) in a plain or single-quoted scalar into a line
        # break; double quotes write it as the escape \N, which reads back exactly.
        style = '"' if "\x85" in data else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    _Dumper.add_representer(str, _text)

    text = yaml.dump(
        dict(doc),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=2**16,
    )
    _write_utf8(path, text)
