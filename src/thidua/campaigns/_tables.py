"""The campaign records, made on demand from a workspace's tables.

The workspace keeps ``campaigns``, ``campaign_targets``, ``pledges``,
``works``, ``contests``, ``contest_entries`` and ``cluster_scores`` as
columns of text.  The accessors here read each table's columns once (typed by
its declaration, each distinct text read once), build its records and keep
both with the workspace; rows that lack their key are left out (the check
reports them).

Examples:
    >>> from thidua.testing import tiny_dataset
    >>> from thidua.workspace import Workspace
    >>> from thidua.io import DataTable
    >>> from thidua.io._domain import domain_tables
    >>> ws = Workspace(dataset=tiny_dataset(), tables={"campaigns": DataTable.from_rows(
    ...     domain_tables()["campaigns"],
    ...     [{"id": "C1", "name": "Đợt thi đua cao điểm", "kind": "đợt", "launched_by": "HN",
    ...       "document": "80/KH-LĐLĐ", "issued_on": "28/4/2023", "start": "1/5/2023",
    ...       "end": "30/9/2023", "scope": "HN", "themes": "Lao động giỏi;Lao động sáng tạo"}])})
    >>> c = campaign(ws, "80/KH-LDLD")
    >>> c.id, c.kind.value, c.days, c.document_key, c.themes
    ('C1', 'thematic', 153, 'KH-LDLD/2023/80', ('Lao động giỏi', 'Lao động sáng tạo'))
    >>> sorted(scope_units(ws, c))
    ['D1', 'G1', 'G2', 'G3', 'HN', 'S1']

.. versionadded:: 0.3.0
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import numpy as np
import numpy.typing as npt

from thidua._text import nfc
from thidua.campaigns._enums import CampaignKind, PledgeStatus, WorkStatus
from thidua.campaigns._records import (
    Campaign,
    CampaignTarget,
    ClusterScore,
    Contest,
    ContestEntry,
    Pledge,
    Work,
)
from thidua.campaigns._scope import Scope, ScopeError, ScopeKind, parse_scope
from thidua.documents import DocumentSymbol, DocumentSymbolError, fold_symbol, parse_symbol
from thidua.errors import InvalidArgumentError, PeriodParseError, UnknownNameError
from thidua.io import DataTable, ParsedColumn, parse_column
from thidua.periods import Period, parse_period
from thidua.problems import CampaignCode, Problem, problem

if TYPE_CHECKING:
    import pendulum

    from thidua.hierarchy import Snapshot
    from thidua.workspace import Workspace

__all__ = [
    "TableColumns",
    "campaign",
    "campaign_targets",
    "campaigns",
    "cascade",
    "cluster_scores",
    "contest_entries",
    "contests",
    "effective_scope",
    "pledges",
    "scope_units",
    "table_columns",
    "table_problems",
    "works",
]

R = TypeVar("R")
IntArray = npt.NDArray[np.int64]

_CACHE = "thidua.campaigns:"


@attrs.frozen(kw_only=True)
class _Read:
    """One table read: its records and the problems reading its cells gave."""

    records: tuple[Any, ...]
    problems: tuple[Problem, ...]


def _columns(table: DataTable, problems: list[Problem]) -> dict[str, list[Any]]:
    return {f: parse_column(table, f, problems).values() for f in table.declaration.fields}


def _parsed(
    table: DataTable,
    field: str,
    subjects: list[Any],
    parse: Callable[[str], R],
    errors: tuple[type[Exception], ...],
    code: CampaignCode,
    problems: list[Problem],
) -> list[R | None]:
    """Read the text cells of *field* with *parse*, one problem per unreadable cell."""
    texts = table.text(field)
    seen: dict[str, R | Exception] = {}
    out: list[R | None] = []
    for position, raw in enumerate(texts):
        text = raw.strip()
        if not text:
            out.append(None)
            continue
        found = seen.get(text)
        if found is None:
            try:
                found = parse(text)
            except errors as exc:
                found = exc
            seen[text] = found
        if isinstance(found, Exception):
            subject = subjects[position]
            owner = f"{table.name} {subject!r}" if subject else table.name
            problems.append(
                problem(
                    code,
                    f"{owner}: {found}; the {field} is left out",
                    subject=subject,
                    pointer=table.pointer(position, field),
                )
            )
            out.append(None)
        else:
            out.append(found)
    return out


def _read(workspace: Workspace, name: str, build: Callable[[Workspace], _Read]) -> _Read:
    return workspace.cached(_CACHE + name, lambda: build(workspace))


def _symbol_errors() -> tuple[type[Exception], ...]:
    return (DocumentSymbolError,)


def _build_campaigns(workspace: Workspace) -> _Read:
    table = workspace.table("campaigns")
    problems: list[Problem] = []
    col = _columns(table, problems)
    ids = col["id"]
    documents: list[DocumentSymbol | None] = _parsed(
        table,
        "document",
        ids,
        parse_symbol,
        _symbol_errors(),
        CampaignCode.UNREADABLE_DOCUMENT_SYMBOL,
        problems,
    )
    scopes: list[Scope | None] = _parsed(
        table, "scope", ids, parse_scope, (ScopeError,), CampaignCode.UNREADABLE_SCOPE, problems
    )
    records = []
    for i, cid in enumerate(ids):
        if cid is None:
            continue
        kind = col["kind"][i]
        records.append(
            Campaign(
                id=cid,
                name=col["name"][i],
                kind=kind if isinstance(kind, CampaignKind) else None,
                launched_by=col["launched_by"][i],
                document=documents[i],
                issued_on=col["issued_on"][i],
                start=col["start"][i],
                end=col["end"][i],
                parent=col["parent"][i],
                scope=scopes[i],
                themes=col["themes"][i] or (),
                source=table.pointer(i),
            )
        )
    return _Read(records=tuple(records), problems=tuple(problems))


def _build_targets(workspace: Workspace) -> _Read:
    table = workspace.table("campaign_targets")
    problems: list[Problem] = []
    col = _columns(table, problems)
    records = [
        CampaignTarget(
            campaign=c, unit=u, indicator=ind, plan=col["plan"][i], source=table.pointer(i)
        )
        for i, (c, u, ind) in enumerate(
            zip(col["campaign"], col["unit"], col["indicator"], strict=True)
        )
        if c is not None and u is not None and ind is not None
    ]
    return _Read(records=tuple(records), problems=tuple(problems))


@attrs.frozen(kw_only=True, eq=False)
class TableColumns:
    """A campaign table read column by column: the typed columns and the reading problems.

    What the records are built from, and what the row checks of the large
    tables (``pledges``, ``works``, ``contest_entries``) work on without building them.

    Attributes:
        table: the table as read.
        columns: every declared field, typed (:func:`thidua.io.parse_column`).
        documents: the ``document`` symbols (uniques and codes), for ``works``.
        problems: the problems reading the cells gave (``S003``, ``S006``, ``C006``),
            in the order the records' reading gives them.
    """

    table: DataTable
    columns: Mapping[str, ParsedColumn]
    documents: tuple[list[DocumentSymbol | None], IntArray] | None
    problems: tuple[Problem, ...]

    def keyed(self) -> npt.NDArray[np.bool_]:
        """Per row, whether it has its id, campaign and pledger (the rows with a record)."""
        keep = np.ones(len(self.table), dtype=bool)
        for field in ("id", "campaign", "pledger"):
            keep &= ~self.columns[field].missing()
        return keep


def _parsed_codes(
    table: DataTable,
    field: str,
    subjects: ParsedColumn,
    parse: Callable[[str], R],
    errors: tuple[type[Exception], ...],
    code: CampaignCode,
    problems: list[Problem],
) -> tuple[list[R | None], IntArray]:
    """:func:`_parsed` on the distinct texts: the values and the row codes."""
    encoded = table.encoded(field)
    uniques: list[R | None] = []
    failed: dict[int, Exception] = {}
    for k, raw in enumerate(encoded.uniques):
        text = raw.strip()
        if not text:
            uniques.append(None)
            continue
        try:
            uniques.append(parse(text))
        except errors as exc:
            failed[k] = exc
            uniques.append(None)
    if failed:
        bad = np.zeros(len(encoded.uniques), dtype=bool)
        bad[list(failed)] = True
        for position in np.flatnonzero(bad[encoded.codes]).tolist():
            subject = subjects.uniques[subjects.codes[position]]
            owner = f"{table.name} {subject!r}" if subject else table.name
            found = failed[int(encoded.codes[position])]
            problems.append(
                problem(
                    code,
                    f"{owner}: {found}; the {field} is left out",
                    subject=subject,
                    pointer=table.pointer(position, field),
                )
            )
    return uniques, encoded.codes


def _build_columns(workspace: Workspace, name: str) -> TableColumns:
    table = workspace.table(name)
    problems: list[Problem] = []
    parsed = {f: parse_column(table, f, problems) for f in table.declaration.fields}
    documents = None
    if name == "works":
        documents = _parsed_codes(
            table,
            "document",
            parsed["id"],
            parse_symbol,
            _symbol_errors(),
            CampaignCode.UNREADABLE_DOCUMENT_SYMBOL,
            problems,
        )
    return TableColumns(table=table, columns=parsed, documents=documents, problems=tuple(problems))


def table_columns(workspace: Workspace, name: str) -> TableColumns:
    """The ``pledges``, ``works`` or ``contest_entries`` table read column by column, kept.

    Raises:
        KeyError: *name* is not one of those three.

    Examples:
        >>> from thidua.workspace import Workspace
        >>> read = table_columns(Workspace(), "works")
        >>> len(read.table), read.problems
        (0, ())
    """
    if name not in _COLUMNAR:
        raise KeyError(name)
    return workspace.cached(_CACHE + "columns:" + name, lambda: _build_columns(workspace, name))


_COLUMNAR = frozenset({"pledges", "works", "contest_entries"})
"""The tables read column by column before their records (they are the large ones)."""


def _build_pledges(workspace: Workspace) -> _Read:
    read = table_columns(workspace, "pledges")
    table = read.table
    col = {f: c.values() for f, c in read.columns.items()}
    records = []
    for i, (pid, c, who) in enumerate(zip(col["id"], col["campaign"], col["pledger"], strict=True)):
        if pid is None or c is None or who is None:
            continue
        status = col["status"][i]
        records.append(
            Pledge(
                id=pid,
                campaign=c,
                pledger=who,
                indicator=col["indicator"][i],
                plan=col["plan"][i],
                registered_on=col["registered_on"][i],
                status=status if isinstance(status, PledgeStatus) else PledgeStatus.ACTIVE,
                source=table.pointer(i),
            )
        )
    return _Read(records=tuple(records), problems=read.problems)


def _build_works(workspace: Workspace) -> _Read:
    read = table_columns(workspace, "works")
    table = read.table
    col = {f: c.values() for f, c in read.columns.items()}
    assert read.documents is not None
    symbols, codes = read.documents
    documents = [symbols[k] for k in codes.tolist()]
    records = []
    for i, (wid, c, who) in enumerate(zip(col["id"], col["campaign"], col["pledger"], strict=True)):
        if wid is None or c is None or who is None:
            continue
        status = col["status"][i]
        records.append(
            Work(
                id=wid,
                campaign=c,
                pledger=who,
                name=col["name"][i],
                registered_on=col["registered_on"][i],
                due=col["due"][i],
                status=status if isinstance(status, WorkStatus) else WorkStatus.REGISTERED,
                completed_on=col["completed_on"][i],
                value=col["value"][i],
                flagship=bool(col["flagship"][i]),
                document=documents[i],
                source=table.pointer(i),
            )
        )
    return _Read(records=tuple(records), problems=read.problems)


def _build_contests(workspace: Workspace) -> _Read:
    table = workspace.table("contests")
    problems: list[Problem] = []
    col = _columns(table, problems)
    records = [
        Contest(
            id=cid,
            campaign=col["campaign"][i],
            name=col["name"][i],
            held_by=col["held_by"][i],
            held_on=col["held_on"][i],
            source=table.pointer(i),
        )
        for i, cid in enumerate(col["id"])
        if cid is not None
    ]
    return _Read(records=tuple(records), problems=tuple(problems))


def _build_entries(workspace: Workspace) -> _Read:
    read = table_columns(workspace, "contest_entries")
    table = read.table
    col = {f: c.values() for f, c in read.columns.items()}
    records = [
        ContestEntry(
            contest=c,
            name=col["name"][i],
            person=col["person"][i],
            unit=col["unit"][i],
            trade=col["trade"][i],
            result=(col["result"][i] or "").strip() or None,
            prize=col["prize"][i],
            source=table.pointer(i),
        )
        for i, c in enumerate(col["contest"])
        if c is not None
    ]
    return _Read(records=tuple(records), problems=read.problems)


def _build_scores(workspace: Workspace) -> _Read:
    table = workspace.table("cluster_scores")
    problems: list[Problem] = []
    col = _columns(table, problems)
    periods: list[Period | None] = _parsed(
        table,
        "period",
        col["group"],
        parse_period,
        (PeriodParseError, ValueError),
        CampaignCode.UNREADABLE_SCORE_PERIOD,
        problems,
    )
    records = [
        ClusterScore(
            group=g,
            period=periods[i],
            unit=u,
            criterion=crit,
            score=col["score"][i],
            max=col["max"][i],
            source=table.pointer(i),
        )
        for i, (g, u, crit) in enumerate(
            zip(col["group"], col["unit"], col["criterion"], strict=True)
        )
        if g is not None and u is not None and crit is not None
    ]
    return _Read(records=tuple(records), problems=tuple(problems))


_BUILDERS: Mapping[str, Callable[[Workspace], _Read]] = {
    "campaigns": _build_campaigns,
    "campaign_targets": _build_targets,
    "pledges": _build_pledges,
    "works": _build_works,
    "contests": _build_contests,
    "contest_entries": _build_entries,
    "cluster_scores": _build_scores,
}


def table_problems(workspace: Workspace, name: str) -> tuple[Problem, ...]:
    """The problems reading the cells of the campaign table *name* gave.

    ``S003``, ``S006``, ``C006``, ``C007``, ``C018`` …, as the accessors found them.

    Raises:
        KeyError: *name* is not one of the campaign tables.

    Examples:
        >>> from thidua.workspace import Workspace
        >>> table_problems(Workspace(), "works")
        ()
    """
    if name in _COLUMNAR:
        return table_columns(workspace, name).problems
    return _read(workspace, name, _BUILDERS[name]).problems


def campaigns(workspace: Workspace) -> tuple[Campaign, ...]:
    """Every campaign of the workspace, in input order (rows without an id left out).

    Complexity: O(rows) on first use, then kept with the workspace.

    Examples:
        >>> from thidua.workspace import Workspace
        >>> campaigns(Workspace())
        ()
    """
    records: tuple[Campaign, ...] = _read(workspace, "campaigns", _build_campaigns).records
    return records


def _by_id(workspace: Workspace) -> dict[str, Campaign]:
    def build() -> dict[str, Campaign]:
        out: dict[str, Campaign] = {}
        for c in campaigns(workspace):
            out.setdefault(c.id, c)
        return out

    return workspace.cached(_CACHE + "by_id", build)


def campaign(workspace: Workspace, id_or_document: str) -> Campaign:
    """The campaign with this id, or launched by this document symbol.

    A symbol matches with or without diacritics, case or spaces
    (``80/KH-LDLD`` is ``80/KH-LĐLĐ``); numbers restart every year, so a
    symbol shared by the plans of two years names both, and the one meant is
    asked for by its id (or with the year written: ``80/2023/KH-LĐLĐ``).

    Raises:
        UnknownNameError: no campaign has that id or document.
        InvalidArgumentError: the symbol names several campaigns.

    Examples:
        >>> from thidua.workspace import Workspace
        >>> campaign(Workspace(), "80/KH-LĐLĐ")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        thidua.errors.UnknownNameError: unknown campaign '80/KH-LĐLĐ' (known: none)
    """
    return _lookup(workspace, id_or_document)


def _lookup(workspace: Workspace, id_or_document: str) -> Campaign:
    wanted = nfc(id_or_document).strip()
    found = _by_id(workspace).get(wanted)
    if found is not None:
        return found
    try:
        symbol = parse_symbol(wanted)
    except DocumentSymbolError:
        symbol = None
    if symbol is not None:
        suffix = fold_symbol(symbol.suffix)
        matches = [
            c
            for c in campaigns(workspace)
            if c.document is not None
            and fold_symbol(c.document.suffix) == suffix
            and c.document.number == symbol.number
            and (symbol.year is None or _year(c) == symbol.year)
        ]
        if len(matches) == 1:
            return matches[0]
        if matches:
            ids = ", ".join(c.id for c in matches)
            msg = (
                f"the document {wanted!r} names {len(matches)} campaigns ({ids}): "
                f"give the id, or the year (number/year/TYPE-ISSUER)"
            )
            raise InvalidArgumentError(msg)
    raise UnknownNameError("campaign", wanted, [c.id for c in campaigns(workspace)])


def _year(c: Campaign) -> int | None:
    if c.document is not None and c.document.year is not None:
        return c.document.year
    day = c.issued_on or c.start
    return None if day is None else day.year


def _campaign_id(workspace: Workspace, which: str | Campaign | None) -> str | None:
    if which is None:
        return None
    if isinstance(which, Campaign):
        return which.id
    return _lookup(workspace, which).id


def campaign_targets(
    workspace: Workspace, campaign: str | Campaign | None = None
) -> tuple[CampaignTarget, ...]:
    """The targets (chỉ tiêu giao), all or those of one campaign (its id, document or record).

    Examples:
        >>> from thidua.workspace import Workspace
        >>> campaign_targets(Workspace())
        ()
    """
    records: tuple[CampaignTarget, ...] = _read(
        workspace, "campaign_targets", _build_targets
    ).records
    return _of(records, _campaign_id(workspace, campaign))


def pledges(workspace: Workspace, campaign: str | Campaign | None = None) -> tuple[Pledge, ...]:
    """The pledges, all or those of one campaign (its id, document or record).

    Examples:
        >>> from thidua.workspace import Workspace
        >>> pledges(Workspace())
        ()
    """
    records: tuple[Pledge, ...] = _read(workspace, "pledges", _build_pledges).records
    return _of(records, _campaign_id(workspace, campaign))


def works(workspace: Workspace, campaign: str | Campaign | None = None) -> tuple[Work, ...]:
    """The dedicated works, all or those of one campaign (its id, document or record).

    Examples:
        >>> from thidua.workspace import Workspace
        >>> works(Workspace())
        ()
    """
    records: tuple[Work, ...] = _read(workspace, "works", _build_works).records
    return _of(records, _campaign_id(workspace, campaign))


def contests(workspace: Workspace, campaign: str | Campaign | None = None) -> tuple[Contest, ...]:
    """The contests, all or those held within one campaign (its id, document or record).

    Examples:
        >>> from thidua.workspace import Workspace
        >>> contests(Workspace())
        ()
    """
    records: tuple[Contest, ...] = _read(workspace, "contests", _build_contests).records
    return _of(records, _campaign_id(workspace, campaign))


def contest_entries(workspace: Workspace, contest: str | None = None) -> tuple[ContestEntry, ...]:
    """The entries of every contest, or of the contest with id *contest*.

    Examples:
        >>> from thidua.workspace import Workspace
        >>> contest_entries(Workspace(), "HT-2023")
        ()
    """
    records: tuple[ContestEntry, ...] = _read(workspace, "contest_entries", _build_entries).records
    if contest is None:
        return records
    wanted = nfc(contest).strip()
    return tuple(e for e in records if e.contest == wanted)


def cluster_scores(workspace: Workspace, group: str | None = None) -> tuple[ClusterScore, ...]:
    """The cluster scoring rows, all or those of the group with id *group*.

    Examples:
        >>> from thidua.workspace import Workspace
        >>> cluster_scores(Workspace(), "CUM-01")
        ()
    """
    records: tuple[ClusterScore, ...] = _read(workspace, "cluster_scores", _build_scores).records
    if group is None:
        return records
    wanted = nfc(group).strip()
    return tuple(s for s in records if s.group == wanted)


def _of(records: tuple[R, ...], campaign_id: str | None) -> tuple[R, ...]:
    if campaign_id is None:
        return records
    return tuple(r for r in records if getattr(r, "campaign", None) == campaign_id)


def cascade(workspace: Workspace, campaign: str | Campaign) -> tuple[Campaign, ...]:
    """The campaign and every campaign taking it up, directly or through others, parents first.

    A cycle of parents (``C011``) is followed once.

    Examples:
        >>> from thidua.workspace import Workspace
        >>> from thidua.io import DataTable
        >>> from thidua.io._domain import domain_tables
        >>> rows = [{"id": "CITY"}, {"id": "HK", "parent": "CITY"}, {"id": "HK-P", "parent": "HK"},
        ...         {"id": "BD", "parent": "CITY"}]
        >>> ws = Workspace(tables={"campaigns": DataTable.from_rows(
        ...     domain_tables()["campaigns"], rows)})
        >>> [c.id for c in cascade(ws, "CITY")]
        ['CITY', 'HK', 'BD', 'HK-P']
    """
    root = campaign if isinstance(campaign, Campaign) else _lookup(workspace, campaign)
    children = _children(workspace)
    out = [root]
    seen = {root.id}
    at = 0
    while at < len(out):
        for child in children.get(out[at].id, ()):
            if child.id not in seen:
                seen.add(child.id)
                out.append(child)
        at += 1
    return tuple(out)


def _children(workspace: Workspace) -> dict[str, tuple[Campaign, ...]]:
    def build() -> dict[str, tuple[Campaign, ...]]:
        out: dict[str, list[Campaign]] = {}
        for c in campaigns(workspace):
            if c.parent is not None and c.parent != c.id:
                out.setdefault(c.parent, []).append(c)
        return {k: tuple(v) for k, v in out.items()}

    return workspace.cached(_CACHE + "children", build)


def effective_scope(c: Campaign) -> Scope | None:
    """The campaign's scope, or the launching unit's subtree when it gives none."""
    if c.scope is not None:
        return c.scope
    if c.launched_by is not None:
        return Scope(units=(c.launched_by,))
    return None


def scope_units(workspace: Workspace, campaign: str | Campaign) -> frozenset[str]:
    """The ids of the units in a campaign's scope, fixed on its first day.

    * one unit: that unit and its subtree on the first day (in the admin
      relation, or the one ``relation:NAME`` gives);
    * one group: its member units on the first day (not their subtrees);
    * a list: the listed units themselves and the members of the listed groups;
    * no scope: the launching unit's subtree.

    Units (and groups) not alive on the first day, and a campaign without a
    first day, give nothing (the check reports them).

    Complexity: O(units in scope + their links) on first use, then kept.

    Examples:
        >>> from thidua.workspace import Workspace
        >>> from thidua.testing import tiny_dataset
        >>> from thidua.io import DataTable
        >>> from thidua.io._domain import domain_tables
        >>> ws = Workspace(dataset=tiny_dataset(), tables={"campaigns": DataTable.from_rows(
        ...     domain_tables()["campaigns"],
        ...     [{"id": "A", "start": "2025-01-01", "end": "2025-06-30", "scope": "D1"},
        ...      {"id": "B", "start": "2025-01-01", "end": "2025-06-30", "scope": "D1;G3"}])})
        >>> sorted(scope_units(ws, "A")), sorted(scope_units(ws, "B"))
        (['D1', 'G1', 'G2', 'G3'], ['D1', 'G3'])
    """
    c = campaign if isinstance(campaign, Campaign) else _lookup(workspace, campaign)
    return workspace.cached(_CACHE + "scope:" + c.id, lambda: _scope_units(workspace, c))


def _scope_units(workspace: Workspace, c: Campaign) -> frozenset[str]:
    scope = effective_scope(c)
    if scope is None or c.start is None:
        return frozenset()
    snapshot = workspace.hierarchy.as_of(c.start)
    found: set[str] = set()
    if scope.kind is ScopeKind.SUBTREE:
        unit = scope.units[0]
        if unit in snapshot:
            found.add(unit)
            found.update(snapshot.descendants(unit, relation=scope.relation))
        return frozenset(found)
    found.update(u for u in scope.units if u in snapshot)
    found.update(_group_members(workspace, scope.groups, c.start, snapshot))
    return frozenset(found)


def _group_members(
    workspace: Workspace, groups: Iterable[str], day: pendulum.Date, snapshot: Snapshot
) -> set[str]:
    wanted = set(groups)
    return {
        m.unit
        for m in workspace.members
        if m.group in wanted and m.valid_on(day) and m.unit in snapshot
    }
