r"""The workspace: everything one dataset directory, workbook or file holds, read and checked once.

A :class:`Workspace` bundles the hierarchy :class:`~thidua.hierarchy.Dataset`, the
indicator catalogue (the built-in one extended by the input's own
``indicators`` table) and the figures.  Every entry point reads through it:

* :func:`read_workspace` reads a CSV directory (``units.csv`` …,
  ``indicators.csv``, ``figures.csv``), an Excel workbook (one sheet per
  table, ``indicators`` and ``figures`` included) or a JSON/YAML file (the
  hierarchy's lists and ``indicators``, ``figures``), collecting every
  reading problem;
* :func:`validate` checks **every** table and the references between them in
  one pass: the hierarchy (``H`` codes), the catalogue (``F012``, ``F013``)
  and the figures against both (``F001`` …);
* :func:`check` is both, never raising on bad data; :func:`load` is both,
  raising one :class:`~thidua.errors.ThiduaValidationError` with every
  problem.

The CLI commands all go through :func:`check`, so ``thidua validate``,
``rollup`` and ``tree`` read the same inputs the same way, workbooks
included; :func:`thidua.roll_up` on a workspace reuses the figure checks.

Examples:
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "units.csv").write_text(
    ...     "id,name,kind\nHN,LĐLĐ Hà Nội,provincial\nC1,CĐCS Công ty A,grassroots\n",
    ...     encoding="utf-8")
    >>> _ = (d / "links.csv").write_text("child,parent\nC1,HN\n", encoding="utf-8")
    >>> _ = (d / "figures.csv").write_text(
    ...     "unit,indicator,period,value\n"
    ...     "C1,new_members,năm 2024,1.585\n"
    ...     "C1,new_members,quý 1/2024,3\n", encoding="utf-8")
    >>> result = check(d)
    >>> [p.code for p in result.report.errors]
    ['F008']
    >>> ws = result.workspace
    >>> ws  # doctest: +ELLIPSIS
    Workspace(2 units, 1 link, 0 events, 0 groups, 2 figures, 26 indicators from '...')
    >>> import thidua
    >>> r = thidua.roll_up(ws, "2024", indicators=["new_members"])
    >>> r.value("HN", "new_members"), r.ok
    (nan, False)

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs

from thidua._dates import as_date
from thidua.figures import (
    BUILTIN_INDICATORS,
    Figures,
    FiguresReading,
    FiguresResult,
    IndicatorCatalogue,
    read_indicators_csv,
    write_indicators_csv,
)
from thidua.figures._validate import FigureCheck, check_figures
from thidua.hierarchy import (
    ChangeEvent,
    Dataset,
    Group,
    GroupMember,
    Hierarchy,
    Link,
    Unit,
    validate_hierarchy,
)
from thidua.io import LoadResult, read, write
from thidua.io._domain import (
    DataTable,
    domain_checks,
    domain_tables,
    find_table_file,
    read_domain_csv,
    read_domain_document,
    read_domain_sheets,
    resolve_check,
    table_objects,
    table_sheet,
    write_domain_csv,
)
from thidua.problems import DEFAULT_MAX_PER_CODE, Problem, Report
from thidua.typing import DateLike, PathLike, ProgressCallback

if TYPE_CHECKING:
    from thidua.hierarchy import LevelScheme
    from thidua.honours import Quota

__all__ = [
    "Workspace",
    "WorkspaceResult",
    "check",
    "load",
    "read_workspace",
    "validate",
    "write_workspace",
]

_EMPTY_FIGURES = Figures.from_records(())

T = TypeVar("T")


def _tables(value: Mapping[str, DataTable]) -> Mapping[str, DataTable]:
    """The non-empty tables, in the order the domain schemas declare them."""
    order = list(domain_tables())
    kept = {k: v for k, v in value.items() if len(v)}
    return dict(sorted(kept.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 0))


Format = Literal["json", "yaml", "csv", "excel"]

_SUFFIXES: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".xlsx": "excel"}


@attrs.frozen(kw_only=True)
class Workspace:
    """Everything one input holds: the hierarchy dataset, the indicators and the figures.

    A workspace is immutable; change it with :func:`attrs.evolve`.  It offers
    the dataset's record tuples directly (``workspace.units`` …) so that code
    written for a :class:`~thidua.hierarchy.Dataset` keeps working.

    Attributes:
        dataset: units, links, groups, memberships, events, roots, levels, metadata.
        catalogue: the built-in indicators extended by the input's own.
        figures: the figures (empty when the input has none).
        tables: the other tables the input holds (people, awards, campaigns
            …), by name, as text; :meth:`table` gives one (empty if absent).
        source: the path it was read from, if any.

    Examples:
        >>> from thidua.testing import tiny_dataset
        >>> ws = Workspace(dataset=tiny_dataset())
        >>> len(ws.units), ws.hierarchy.as_of("2025-07-01").parent("G1")
        (8, 'W1')
        >>> validate(ws).ok
        True

    .. versionadded:: 0.2.0
    """

    dataset: Dataset = attrs.field(factory=Dataset)
    catalogue: IndicatorCatalogue = BUILTIN_INDICATORS
    figures: Figures = _EMPTY_FIGURES
    tables: Mapping[str, DataTable] = attrs.field(factory=dict, converter=_tables)
    source: str | None = attrs.field(default=None, eq=False)
    _cache: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False, hash=False)

    # -- derived, built once -------------------------------------------------

    @property
    def hierarchy(self) -> Hierarchy:
        """The dated hierarchy index over the dataset (built on first use, then kept)."""
        found = self._cache.get("hierarchy")
        if found is None:
            found = self._cache["hierarchy"] = Hierarchy(self.dataset)
        assert isinstance(found, Hierarchy)
        return found

    def figure_check(self) -> FigureCheck:
        """The figure checks against this workspace's units and catalogue (run once, then kept).

        Examples:
            >>> from thidua.testing import tiny_dataset
            >>> Workspace(dataset=tiny_dataset()).figure_check().report.ok
            True
        """
        found = self._cache.get("figures")
        if found is None:
            found = self._cache["figures"] = check_figures(
                self.figures, self.hierarchy, self.catalogue
            )
        assert isinstance(found, FigureCheck)
        return found

    def table(self, name: str) -> DataTable:
        """The domain table *name* (``people``, ``campaigns`` …); empty when the input has none.

        Raises:
            UnknownNameError: no domain table has that name.

        Examples:
            >>> Workspace().table("nope")  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            ...
            thidua.errors.UnknownNameError: ...
        """
        found = self.tables.get(name)
        if found is not None:
            return found
        declared = domain_tables().get(name)
        if declared is None:
            from thidua.errors import UnknownNameError  # noqa: PLC0415

            raise UnknownNameError("table", name, tuple(domain_tables()))
        return DataTable.empty(declared)

    def cached(self, key: str, build: Callable[[], T]) -> T:
        """The value *build* makes, built on first use and kept with the workspace.

        Engines keep what they derive from the tables here (a people history,
        a campaign index), so it is built once per workspace.

        Examples:
            >>> ws = Workspace()
            >>> ws.cached("answer", lambda: 42), ws.cached("answer", lambda: 0)
            (42, 42)
        """
        if key not in self._cache:
            self._cache[key] = build()
        found: T = self._cache[key]
        return found

    # -- the dataset's tables, for code written against a Dataset ---------------

    @property
    def units(self) -> Sequence[Unit]:
        """The units (``dataset.units``)."""
        return self.dataset.units

    @property
    def links(self) -> Sequence[Link]:
        """The links (``dataset.links``)."""
        return self.dataset.links

    @property
    def groups(self) -> tuple[Group, ...]:
        """The emulation clusters and blocks (``dataset.groups``)."""
        return self.dataset.groups

    @property
    def members(self) -> tuple[GroupMember, ...]:
        """The group memberships (``dataset.members``)."""
        return self.dataset.members

    @property
    def events(self) -> tuple[ChangeEvent, ...]:
        """The change events (``dataset.events``)."""
        return self.dataset.events

    @property
    def roots(self) -> tuple[str, ...]:
        """The declared roots (``dataset.roots``)."""
        return self.dataset.roots

    @property
    def scheme(self) -> LevelScheme:
        """The level scheme (``dataset.scheme``)."""
        return self.dataset.scheme

    @property
    def metadata(self) -> Mapping[str, str]:
        """The metadata (``dataset.metadata``)."""
        return self.dataset.metadata

    def unit_ids(self) -> tuple[str, ...]:
        """The unit ids in input order."""
        return self.dataset.unit_ids()

    # -- display ---------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How many records each table holds.

        Examples:
            >>> Workspace().counts()["figures"]
            0
        """
        ds = self.dataset
        return {
            "units": len(ds.units),
            "links": len(ds.links),
            "events": len(ds.events),
            "groups": len(ds.groups),
            "group_members": len(ds.members),
            "figures": len(self.figures),
            "indicators": len(self.catalogue),
            **{name: len(t) for name, t in self.tables.items()},
        }

    def __repr__(self) -> str:
        c = self.counts()

        def n(count: int, word: str) -> str:
            return f"{count:,} {word}" + ("" if count == 1 else "s")

        where = f" from {Path(self.source).name!r}" if self.source else ""
        items = list(self.tables.items())
        tables = "".join(f", {len(t):,} {name}" for name, t in items[:3])
        if len(items) > 3:  # keep the repr one short line: the first three, then a count
            tables += f" and {len(items) - 3} more table" + ("s" if len(items) > 4 else "")
        return (
            f"Workspace({n(c['units'], 'unit')}, {n(c['links'], 'link')}, "
            f"{n(c['events'], 'event')}, {n(c['groups'], 'group')}, "
            f"{n(c['figures'], 'figure')}, {n(c['indicators'], 'indicator')}{tables}{where})"
        )

    def _repr_html_(self) -> str:
        from html import escape  # noqa: PLC0415

        rows = "".join(
            f"<tr><td>{escape(k)}</td><td style='text-align:right'>{v:,}</td></tr>"
            for k, v in self.counts().items()
        )
        title = escape(self.source or "workspace")
        return (
            f"<table><caption>thidua workspace: {title}</caption>"
            f"<tr><th>table</th><th>records</th></tr>{rows}</table>"
        )


@attrs.frozen(kw_only=True)
class WorkspaceResult:
    """A workspace with every problem found reading (and, from :func:`check`, checking) it.

    Attributes:
        workspace: every record that could be read.
        report: the problems, reading problems first.
        source: the path that was read.

    Examples:
        >>> from thidua.datasets import hanoi_path
        >>> result = check(hanoi_path())
        >>> result.report.ok, len(result.workspace.figures) > 4000
        (True, True)

    .. versionadded:: 0.2.0
    """

    workspace: Workspace
    report: Report
    source: str | None = None

    @property
    def dataset(self) -> Dataset:
        """The hierarchy dataset (as :class:`thidua.io.LoadResult` has it)."""
        return self.workspace.dataset


# -- reading ------------------------------------------------------------------


@attrs.frozen
class _DirectoryFigures:
    """A directory's ``figures.csv``, parsed in the background from the start of the read."""

    reading: FiguresReading | None
    problems: list[Problem]  # finding the file (two files for one table: S021)


def _start_figures(directory: Path, encoding: str | None) -> _DirectoryFigures:
    """Find ``figures.csv`` and start parsing it while the hierarchy tables are read.

    The parse is pyarrow's (no Python lock held) on one core while the
    hierarchy's Python work runs on another: the figures cost little more
    than the hierarchy alone on a machine of two cores or more.
    """
    problems: list[Problem] = []
    found = find_table_file(directory, "figures.csv", problems)
    reading = None if found is None else FiguresReading(found, encoding=encoding)
    return _DirectoryFigures(reading=reading, problems=problems)


def _read_directory(
    directory: Path, encoding: str | None, figures_file: _DirectoryFigures
) -> tuple[IndicatorCatalogue, FiguresResult | None, list[Problem]]:
    problems: list[Problem] = []

    catalogue = BUILTIN_INDICATORS
    indicators = find_table_file(directory, "indicators.csv", problems)
    if indicators is not None:
        catalogue, found = read_indicators_csv(
            indicators, extends=BUILTIN_INDICATORS, encoding=encoding
        )
        problems.extend(found)
    problems.extend(figures_file.problems)
    reading = figures_file.reading
    figures = None if reading is None else reading.result(catalogue)
    return catalogue, figures, problems


def _read_workbook(path: Path) -> tuple[IndicatorCatalogue, FiguresResult | None, list[Problem]]:
    from thidua._workspace_formats import read_workbook_tables  # noqa: PLC0415

    found = read_workbook_tables(path)
    return found.catalogue, found.figures, list(found.problems)


def _read_document(
    path: Path, progress: ProgressCallback | None
) -> tuple[
    LoadResult, IndicatorCatalogue, FiguresResult | None, dict[str, DataTable], list[Problem]
]:
    from thidua._workspace_formats import DocumentTables, document_sections  # noqa: PLC0415
    from thidua.io._json import read_document  # noqa: PLC0415

    problems: list[Problem] = []

    def sections(doc: Mapping[str, Any], file: str) -> tuple[DocumentTables, dict[str, DataTable]]:
        return document_sections(doc, file), read_domain_document(doc, file=file, problems=problems)

    loaded, (found, tables) = read_document(path, sections, progress=progress)
    return loaded, found.catalogue, found.figures, tables, [*found.problems, *problems]


def read_workspace(
    path: PathLike,
    *,
    progress: ProgressCallback | None = None,
    encoding: str | None = None,
) -> WorkspaceResult:
    """Read everything *path* holds into a :class:`Workspace`, collecting the reading problems.

    A directory is read as CSV tables: the hierarchy tables of
    :func:`thidua.io.read_csv_dir`, ``indicators.csv`` (extending the built-in
    catalogue) and ``figures.csv``.  A workbook (``.xlsx``) is read sheet by
    sheet, its ``indicators`` sheet (or ``Chỉ tiêu``, ``Danh mục chỉ tiêu``)
    read like ``indicators.csv`` and its ``figures`` sheet (``Số liệu``) with
    that catalogue.  A ``.json``/``.yaml`` document holds the hierarchy's
    lists and, from schema version 2, the lists ``indicators`` and
    ``figures`` (problems at JSON paths such as ``$.figures[3].value``).
    Nothing is validated here: see :func:`check`.

    Args:
        path: the directory or file.
        progress: called as rows are read.
        encoding: the encoding of a directory's CSV files (``None`` detects
            it: UTF-8 with or without BOM, else cp1258 with an ``S020`` warning).

    Returns:
        The workspace and the reading problems (``S`` codes, bad cells).

    Raises:
        UnreadableInputError: the input cannot be opened or parsed at all.

    Examples:
        >>> from thidua.datasets import hanoi_path
        >>> r = read_workspace(hanoi_path())
        >>> len(r.workspace.units) > 300, len(r.workspace.figures) > 4000
        (True, True)

    .. versionchanged:: 0.2.0
       A workbook's ``indicators`` sheet, and a JSON/YAML document's
       ``indicators`` and ``figures``.
    """
    return _read_workspace(path, progress=progress, encoding=encoding)


_Meanwhile = Callable[[Dataset], Mapping[str, Any]]
"""Work on the hierarchy dataset while a directory's figures are still being read; what it
returns seeds the workspace's cache (the index, the hierarchy's problems)."""


def _read_workspace(
    path: PathLike,
    *,
    progress: ProgressCallback | None,
    encoding: str | None,
    meanwhile: _Meanwhile | None = None,
) -> WorkspaceResult:
    seeded: Mapping[str, Any] = {}
    target = Path(path)
    figures: FiguresResult | None
    kind = None if target.is_dir() else _SUFFIXES.get(target.suffix.lower())
    tables: dict[str, DataTable] = {}
    if kind in ("json", "yaml") and target.is_file():
        loaded, catalogue, figures, tables, found = _read_document(target, progress)
    else:
        figures_file = _start_figures(target, encoding) if target.is_dir() else None
        loaded = read(path, progress=progress, encoding=encoding)
        if figures_file is not None:
            if meanwhile is not None and figures_file.reading is not None:
                seeded = meanwhile(loaded.dataset)  # while the figures are still parsed
            catalogue, figures, found = _read_directory(target, encoding, figures_file)
            tables = read_domain_csv(target, encoding=encoding, problems=found)
        elif kind == "excel":
            catalogue, figures, found = _read_workbook(target)
            tables = read_domain_sheets(target, problems=found)
        else:  # pragma: no cover - io.read refuses every other path
            catalogue, figures, found = BUILTIN_INDICATORS, None, []
    problems: list[Problem] = list(loaded.report)
    problems.extend(found)
    if figures is not None:
        problems.extend(figures.report)
    workspace = Workspace(
        dataset=loaded.dataset,
        catalogue=catalogue,
        figures=_EMPTY_FIGURES if figures is None else figures.figures,
        tables=tables,
        source=os.fspath(path),
    )
    workspace._cache.update(seeded)
    return WorkspaceResult(
        workspace=workspace, report=Report(tuple(problems)), source=loaded.source
    )


# -- checking -----------------------------------------------------------------


def validate(
    data: Workspace | Dataset | Hierarchy,
    *,
    on: DateLike | None = None,
    max_per_code: int | None = DEFAULT_MAX_PER_CODE,
    quotas: Iterable[Quota] = (),
) -> Report:
    """Check every table and the references between them; return every problem, in one pass.

    For a :class:`Workspace`: the hierarchy checks (``H`` codes), the
    catalogue's own checks (``F012``, ``F013``) and the figures against the
    units and the catalogue (``F001`` …).  A dataset or hierarchy gets the
    hierarchy checks alone, as in 0.1.

    Args:
        data: the workspace, dataset or hierarchy.
        on: restrict the date-dependent hierarchy checks to that day.
        max_per_code: list at most this many problems of one code; the rest
            are counted in one ``S030`` summary (``None``: list all).
        quotas: the user's own quotas (:class:`~thidua.honours.ShareQuota`,
            :class:`~thidua.honours.ProposerQuota` …), checked on the proposals
            with those of the rule sets: a proposal beyond one is an ``R009``
            error. *Added in 0.3.0.*

    Returns:
        The report; ``report.ok`` is ``True`` when there is no error.

    Examples:
        >>> from thidua.figures import Figure
        >>> from thidua.periods import Period
        >>> from thidua.testing import tiny_dataset
        >>> figs = Figures.from_records(
        ...     [Figure(unit="NOPE", indicator="new_members", period=Period.year(2024), value=1)])
        >>> [p.code for p in validate(Workspace(dataset=tiny_dataset(), figures=figs))]
        ['F001']
    """
    if not isinstance(data, Workspace):
        return validate_hierarchy(data, on=on, max_per_code=max_per_code)
    report = data._cache.get(_hierarchy_key(on, max_per_code))
    if not isinstance(report, Report):
        report = validate_hierarchy(data.hierarchy, on=on, max_per_code=max_per_code)
    if data.catalogue is not BUILTIN_INDICATORS:
        report = report + data.catalogue.validate()
    if max_per_code == DEFAULT_MAX_PER_CODE:
        found = data.figure_check()
    else:
        found = check_figures(
            data.figures, data.hierarchy, data.catalogue, max_per_code=max_per_code
        )
    report = report + found.report
    options = {"quotas": tuple(quotas)}
    if data.tables:
        for spec in domain_checks():
            run = resolve_check(spec)
            # A check gets the options it declares (the proposals' check takes quotas).
            taken = inspect.signature(run).parameters
            report = report + run(data, **{k: v for k, v in options.items() if k in taken})
    return report


def _hierarchy_key(on: DateLike | None, max_per_code: int | None) -> str:
    """The workspace cache's key of the hierarchy's problems for these options."""
    day = None if on is None else as_date(on).toordinal()
    return f"hierarchy problems on={day} max={max_per_code}"


def _dedupe(report: Report) -> Report:
    seen: set[tuple[str, str, str | None]] = set()
    kept = []
    for p in report:
        key = (p.code, p.message, None if p.pointer is None else str(p.pointer))
        if key not in seen:
            seen.add(key)
            kept.append(p)
    return Report(tuple(kept))


def check(
    path: PathLike | Workspace,
    *,
    on: DateLike | None = None,
    progress: ProgressCallback | None = None,
    encoding: str | None = None,
    quotas: Iterable[Quota] = (),
) -> WorkspaceResult:
    """Read *path* (or take a workspace) and validate everything; never raise on bad data.

    For a directory, the hierarchy is checked while ``figures.csv`` is still
    being parsed (in the background): the report is the same as reading
    then :func:`validate`, in the same order.

    Args:
        path: a dataset directory, a ``.json``/``.yaml`` file, an ``.xlsx``
            workbook, or a :class:`Workspace` already in memory.
        on: restrict the date-dependent hierarchy checks to that day.
        progress: called as rows are read.
        encoding: the encoding of a directory's CSV files (``None`` detects it).
        quotas: the user's own quotas, as for :func:`validate`.

    Returns:
        The workspace (valid records only) and a report holding the reading
        problems followed by the validation problems.

    Raises:
        UnreadableInputError: the input cannot be opened or parsed at all.

    Examples:
        >>> from thidua.datasets import hanoi_path
        >>> check(hanoi_path(), on="2025-07-01").report.problems
        ()
        >>> from thidua.honours import ProposerQuota
        >>> sorted({p.code for p in check(hanoi_path(),
        ...                               quotas=[ProposerQuota(honour="LDTT", limit=2)]).report})
        ['R009']
    """
    if isinstance(path, Workspace):
        read_result = WorkspaceResult(workspace=path, report=Report(), source=path.source)
    else:

        def meanwhile(dataset: Dataset) -> dict[str, Any]:
            # The hierarchy is checked while the figures are still being parsed.
            hierarchy = Hierarchy(dataset)
            return {
                "hierarchy": hierarchy,
                _hierarchy_key(on, DEFAULT_MAX_PER_CODE): validate_hierarchy(hierarchy, on=on),
            }

        read_result = _read_workspace(
            path, progress=progress, encoding=encoding, meanwhile=meanwhile
        )
    report = _dedupe(read_result.report + validate(read_result.workspace, on=on, quotas=quotas))
    return attrs.evolve(read_result, report=report)


def load(
    path: PathLike,
    *,
    strict: bool = True,
    on: DateLike | None = None,
    progress: ProgressCallback | None = None,
    encoding: str | None = None,
    quotas: Iterable[Quota] = (),
) -> Workspace:
    r"""Read and validate *path*; return the workspace.

    Args:
        path: as for :func:`check`.
        strict: raise when any **error** is found (warnings never raise).
            With ``strict=False`` the valid records are returned whatever
            was found; call :func:`check` to see the problems.
        on: as for :func:`check`.
        progress: as for :func:`check`.
        encoding: as for :func:`check`.
        quotas: as for :func:`check`.

    Raises:
        ThiduaValidationError: ``strict`` and errors were found; carries all problems.
        UnreadableInputError: the input cannot be opened or parsed at all.

    Examples:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> text = "id,name,kind\nA,Công đoàn A,nope\n"
        >>> _ = (d / "units.csv").write_text(text, encoding="utf-8")
        >>> load(d)
        Traceback (most recent call last):
        ...
        thidua.errors.ThiduaValidationError: 1 error(s), 1 warning(s):
          H003 error: unit 'A' (Công đoàn A) has kind 'nope', which the level scheme ...
          H012 warning: unit 'A' (Công đoàn A) has no admin parent [units.csv row 2]
        >>> [u.id for u in load(d, strict=False).units]
        ['A']
    """
    result = check(path, on=on, progress=progress, encoding=encoding, quotas=quotas)
    if strict:
        result.report.raise_if_errors()
    return result.workspace


# -- writing ------------------------------------------------------------------


def _own_indicators(catalogue: IndicatorCatalogue) -> IndicatorCatalogue:
    """The indicators of *catalogue* that are not the built-in ones unchanged."""
    own = [ind for ind in catalogue if BUILTIN_INDICATORS.get(ind.code) != ind]
    return IndicatorCatalogue(tuple(own))


def write_workspace(workspace: Workspace, path: PathLike, format: Format | None = None) -> None:
    """Write every table of *workspace*; :func:`read_workspace` reads it back equal.

    Every format holds every table:

    * a CSV directory gets the hierarchy tables, ``indicators.csv`` and
      ``figures.csv``;
    * a workbook (``.xlsx``) gets one sheet per hierarchy table, an
      ``indicators`` sheet and a ``figures`` sheet (numbers as number cells,
      keys joined with ``;``);
    * a JSON or YAML document gets the hierarchy's lists and the lists
      ``indicators`` and ``figures`` (schema version 2; a workspace with
      neither is written as the version 1 document of the hierarchy alone).

    The indicators written are only those the catalogue adds to or changes
    in the built-in one (reading extends the built-in catalogue with them);
    figures are written only when there are some.

    Args:
        workspace: what to write.
        path: the directory or file.
        format: as for :func:`thidua.io.write` (``None``: by the suffix; a
            path without one is a directory).

    Raises:
        FormatError: an unknown format or suffix, or something the format
            cannot hold (text no Excel cell holds, more figures than an Excel
            sheet's 1,048,575 rows, a value that is not finite); nothing is
            written then.

    Examples:
        >>> import tempfile, pathlib
        >>> from thidua.datasets import hanoi_path
        >>> ws = load(hanoi_path())
        >>> tmp = pathlib.Path(tempfile.mkdtemp())
        >>> for target in ("copy", "h.json", "h.yaml", "h.xlsx"):
        ...     write_workspace(ws, tmp / target)
        ...     print(target, read_workspace(tmp / target).workspace == ws)
        copy True
        h.json True
        h.yaml True
        h.xlsx True

    .. versionchanged:: 0.2.0
       Workbooks, JSON and YAML hold the indicators and the figures too.
    """
    target = Path(path)
    own = _own_indicators(workspace.catalogue)
    figures = workspace.figures
    kind = format
    if kind is None:
        kind = _SUFFIXES.get(target.suffix.lower())
        if kind is None and (target.is_dir() or not target.suffix):
            kind = "csv"
    if kind == "csv":
        write(workspace.dataset, path, format="csv")
        from thidua.figures import write_figures_csv  # noqa: PLC0415

        if len(own):
            write_indicators_csv(own, target / "indicators.csv")
        if len(figures):
            write_figures_csv(figures, target / "figures.csv")
        write_domain_csv(workspace.tables.values(), target)
    elif kind == "excel":
        from thidua._workspace_formats import write_workbook  # noqa: PLC0415
        from thidua.io._excel import dataset_sheets  # noqa: PLC0415

        sheets = dataset_sheets(workspace.dataset)
        sheets += [table_sheet(t) for t in workspace.tables.values()]
        write_workbook(sheets, own, figures, path)
    elif kind in ("json", "yaml") and (len(own) or len(figures) or workspace.tables):
        _write_document(workspace, own, path, kind)
    else:  # the hierarchy alone, or a format io.write explains it does not know
        write(workspace.dataset, path, format=format)


def _write_document(
    workspace: Workspace, own: IndicatorCatalogue, path: PathLike, kind: str
) -> None:
    from thidua._workspace_formats import figure_objects, indicator_objects  # noqa: PLC0415
    from thidua.io._json import (  # noqa: PLC0415
        WORKSPACE_SCHEMA_VERSION,
        dataset_document,
        write_json_document,
        write_yaml_document,
    )

    doc = dataset_document(workspace.dataset)
    doc["schema_version"] = WORKSPACE_SCHEMA_VERSION
    if len(own):
        doc["indicators"] = indicator_objects(own)
    if len(workspace.figures):
        doc["figures"] = figure_objects(workspace.figures)
    for name, table in workspace.tables.items():
        doc[name] = table_objects(table)
    if kind == "json":
        write_json_document(doc, path)
    else:
        write_yaml_document(doc, path)
