"""A synthetic national trade-union history around the reorganisation of 01/07/2025.

:func:`national_history` builds, deterministically from a seed, a dataset the
size of the Vietnamese trade-union system (one central union, 63 provincial
federations, about 20 central sector unions, about 1,200 direct-superior
unions, 150,000 grassroots unions) and its reorganisation on 01/07/2025:

* **Provinces 63 → 34.**  About a third of the new provinces (11 of 34, as in
  reality) are *unchanged*: the same federation continues.  Every other old
  federation is dissolved on 01/07/2025 and ``merge``-d with one to three
  others into a *new* federation founded that day (one ``merge`` event per new
  federation, decided by a ``…/QĐ-TLĐ`` document).  Old provinces are never
  ``absorb``-ed: in reality most merged provinces formed a new federation.
* **Direct-superior unions.**  Before the date: district federations (most),
  local sector unions and industrial-zone unions under the provinces, and
  corporation-level unions (kind ``direct_superior``) under the central sector
  unions.  The provincial ones end on 01/07/2025 (one ``dissolve`` event per
  old province); the ones under central sector unions continue.  Commune and
  ward unions (kind ``commune``) are founded that day under the new provinces
  (one ``found`` event per new province).
* **Grassroots unions.**  About 80 % sit under provincial direct-superior
  unions, 4 % directly under a provincial federation, 10 % directly under a
  central sector union and 6 % under a corporation-level union.  On
  01/07/2025 every grassroots union whose admin parent ends moves — to a
  commune union of its new province (70 %) or directly to the new provincial
  federation (30 %) — by ``move`` events grouped by new parent.  About 2 %
  are founded and 2 % dissolved on the first day of a month between 2024 and
  2026 (``found`` / ``dissolve`` events grouped by date and issuing union).
* **Second parents.**  A share of the grassroots unions under provinces
  (5 % by default) also have a ``guidance`` link to a central sector union,
  open-ended or until 01/07/2025.

Every record is consistent: admin links meet on 01/07/2025 without gap or
overlap, links stay inside both units' lifetimes, ranks never invert, event
dates equal the founding and dissolution dates, and no two units under one
parent ever share a normalised name.  Ids are ``TLD``, ``P01``…, ``N01``…
(central sectors), ``D0001``… (direct-superior unions before the date),
``C0001``… (commune unions), ``G000001``… (grassroots) and ``E00001``…
(events).  Every name and number is synthetic.

Examples:
    >>> ds = national_history(grassroots=200, direct_superiors=10)
    >>> sum(u.kind == "grassroots" for u in ds.units)
    200
    >>> ds.units[0].id, ds.units[1].id
    ('TLD', 'P01')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pendulum

from thidua.datasets._national_names import (
    _BRANDS,
    _CENTRAL_SECTORS,
    _COMMUNE_P,
    _COMMUNE_PREFIXES,
    _DISTRICT_P,
    _DISTRICT_PREFIXES,
    _LOCAL_SECTORS,
    _PLACES,
    _grassroots_names,
    _Pool,
)
from thidua.hierarchy import ChangeEvent, Dataset, EventKind, Link, Unit

__all__ = ["national_history"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

_REORG = pendulum.Date(2025, 7, 1)
_R = _REORG.toordinal()
_OPEN = -1
"""Ordinal sentinel of an open (unknown) founding or dissolution date."""

_UNCHANGED_SHARE = 11 / 34
_CENTRAL_DS_SHARE = 0.08
_LOCAL_SECTOR_SHARE = 0.12
_IZ_SHARE = 0.05
_COMMUNES_PER_DS = 0.8
_TO_COMMUNE = 0.7
_CHURN = 0.02
_CITY_SHARE = 0.1
# grassroots under: central sector, corporation-level union, province, provincial DS
_SPLIT = (0.10, 0.06, 0.04, 0.80)


@functools.lru_cache(maxsize=4096)
def _date(ordinal: int) -> pendulum.Date | None:
    if ordinal == _OPEN:
        return None
    day = pendulum.Date.fromordinal(ordinal)
    return pendulum.Date(day.year, day.month, day.day)


def _month_starts() -> IntArray:
    """First days of the months of 2024-2026 but January 2024 and July 2025."""
    days = [
        pendulum.Date(year, month, 1).toordinal()
        for year in (2024, 2025, 2026)
        for month in range(1, 13)
    ]
    return np.asarray(
        [d for d in days if d not in {_R, pendulum.Date(2024, 1, 1).toordinal()}], dtype=np.int64
    )


class _Builder:
    """Accumulates records; units are numbered in the order they are added."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.units: list[Unit] = []
        self.ids: list[str] = []
        self.links: list[Link] = []
        self._events: list[tuple[int, int, EventKind, tuple[str, ...], tuple[str, ...], str]] = []
        self._numbers: dict[tuple[str, int], int] = {}

    def unit(self, unit: Unit) -> int:
        self.units.append(unit)
        self.ids.append(unit.id)
        return len(self.units) - 1

    def link(self, child: int, parent: int, start: int = _OPEN, end: int = _OPEN) -> None:
        self.links.append(
            Link(
                child=self.ids[child],
                parent=self.ids[parent],
                valid_from=_date(start),
                valid_to=_date(end),
            )
        )

    def document(self, issuer: str, day: int) -> str:
        """The next decision number of *issuer* (``QĐ-TLĐ`` …) in the day's year."""
        year = pendulum.Date.fromordinal(day).year
        key = (issuer, year)
        number = self._numbers.get(key)
        number = int(self.rng.integers(20, 200)) if number is None else number
        self._numbers[key] = number + int(self.rng.integers(1, 8))
        return f"{number}/{issuer}"

    def event(
        self,
        kind: EventKind,
        day: int,
        *,
        originals: Sequence[str] = (),
        results: Sequence[str] = (),
        issuer: str,
    ) -> None:
        doc = self.document(issuer, day)
        seq = len(self._events)
        self._events.append((day, seq, kind, tuple(originals), tuple(results), doc))

    def events(self) -> list[ChangeEvent]:
        ordered = sorted(self._events, key=lambda e: (e[0], e[1]))
        width = max(5, len(str(len(ordered))))
        out: list[ChangeEvent] = []
        for k, (day, _, kind, originals, results, doc) in enumerate(ordered, start=1):
            when = _date(day)
            assert when is not None
            out.append(
                ChangeEvent(
                    id=f"E{k:0{width}d}",
                    kind=kind,
                    date=when,
                    originals=originals,
                    results=results,
                    document=doc,
                )
            )
        return out


class _Provinces:
    """The provincial federations before and after 01/07/2025."""

    def __init__(self, b: _Builder, places: _Pool, before: int, after: int, root: int) -> None:
        rng = b.rng
        unchanged = _unchanged_count(before, after)
        order = rng.permutation(before)
        is_unchanged = np.zeros(before, dtype=np.bool_)
        is_unchanged[order[:unchanged]] = True
        self.merged = ~is_unchanged
        self.weight: FloatArray = rng.lognormal(0.0, 0.6, before)
        width = max(2, len(str(before + after - unchanged)))
        self.place: list[str] = []
        self.old_unit = np.empty(before, dtype=np.int64)
        for p in range(before):
            place = self._place(rng, places)
            self.place.append(place)
            unit = Unit(
                id=f"P{p + 1:0{width}d}",
                name=f"Liên đoàn Lao động {place}",
                kind="provincial",
                dissolved=_REORG if self.merged[p] else None,
                short_name=f"LĐLĐ {place}",
            )
            self.old_unit[p] = b.unit(unit)
            b.link(self.old_unit[p], root, end=_R if self.merged[p] else _OPEN)
        # new provinces: the unchanged ones first (by old id), then the merges
        self.new_of_old = np.empty(before, dtype=np.int64)
        kept = np.sort(order[:unchanged])
        self.new_of_old[kept] = np.arange(unchanged)
        groups = after - unchanged
        merged_ids = np.sort(order[unchanged:])
        if groups:
            sizes = np.full(groups, 2, dtype=np.int64)
            extra = merged_ids.size - 2 * groups
            sizes += np.bincount(rng.integers(0, groups, extra), minlength=groups)
            labels = np.repeat(np.arange(groups), sizes)
            self.new_of_old[merged_ids[rng.permutation(merged_ids.size)]] = unchanged + labels
        self.new_unit = np.empty(after, dtype=np.int64)
        self.new_unit[:unchanged] = self.old_unit[kept]
        self.new_weight = np.bincount(self.new_of_old, weights=self.weight, minlength=after)
        for j in range(unchanged, after):
            place = self._place(rng, places)
            unit = Unit(
                id=f"P{before + j - unchanged + 1:0{width}d}",
                name=f"Liên đoàn Lao động {place}",
                kind="provincial",
                founded=_REORG,
                short_name=f"LĐLĐ {place}",
            )
            self.new_unit[j] = b.unit(unit)
            b.link(self.new_unit[j], root, start=_R)
            olds = np.nonzero(self.new_of_old == j)[0]
            b.event(
                EventKind.MERGE,
                _R,
                originals=[b.ids[self.old_unit[p]] for p in olds],
                results=[unit.id],
                issuer="QĐ-TLĐ",
            )

    @staticmethod
    def _place(rng: np.random.Generator, places: _Pool) -> str:
        prefix = "thành phố" if rng.random() < _CITY_SHARE else "tỉnh"
        return f"{prefix} {places.take()}"


def _unchanged_count(before: int, after: int) -> int:
    """How many provinces continue unchanged (the others merge, two or more per new one)."""
    if before == after:
        return after
    wanted = round(_UNCHANGED_SHARE * after)
    return min(max(wanted, 2 * after - before, 0), after - 1)


class _DirectSuperiors:
    """Direct-superior unions before 01/07/2025 (provincial ones end that day)."""

    def __init__(
        self,
        b: _Builder,
        prov: _Provinces,
        sectors: IntArray,
        places: _Pool,
        brands: _Pool,
        count: int,
    ) -> None:
        rng = b.rng
        n_prov = len(prov.place)
        n_central = round(_CENTRAL_DS_SHARE * count) if sectors.size else 0
        n_local_ds = count - n_central
        local_slots = n_prov * len(_LOCAL_SECTORS)
        n_sector = min(round(_LOCAL_SECTOR_SHARE * n_local_ds), local_slots)
        n_iz = min(round(_IZ_SHARE * n_local_ds), n_prov)
        n_district = n_local_ds - n_sector - n_iz
        # (province, kind code, detail) -- kind 0 district, 1 local sector, 2 zone
        plan: list[tuple[int, int, int]] = []
        first = min(n_district, n_prov)
        district_prov = np.concatenate(
            [
                rng.permutation(n_prov)[:first],
                rng.choice(n_prov, n_district - first, p=prov.weight / prov.weight.sum()),
            ]
        )
        plan.extend((int(p), 0, 0) for p in district_prov)
        slots = rng.choice(local_slots, n_sector, replace=False).tolist()
        plan.extend((slot // len(_LOCAL_SECTORS), 1, slot % len(_LOCAL_SECTORS)) for slot in slots)
        plan.extend((int(p), 2, 0) for p in rng.choice(n_prov, n_iz, replace=False))
        plan.sort()
        width = max(4, len(str(count)))
        prefixes = rng.choice(len(_DISTRICT_PREFIXES), len(plan), p=_DISTRICT_P)
        self.local_unit = np.empty(len(plan), dtype=np.int64)
        self.local_prov = np.empty(len(plan), dtype=np.int64)
        by_prov: dict[int, list[str]] = {}
        for k, (p, kind, detail) in enumerate(plan):
            uid = f"D{k + 1:0{width}d}"
            if kind == 0:
                where = f"{_DISTRICT_PREFIXES[prefixes[k]]} {places.take()}"
                unit = Unit(
                    id=uid,
                    name=f"Liên đoàn Lao động {where}",
                    kind="district",
                    dissolved=_REORG,
                    short_name=f"LĐLĐ {where}",
                )
            elif kind == 1:
                name = f"{_LOCAL_SECTORS[detail]} {prov.place[p]}"
                unit = Unit(id=uid, name=name, kind="local_sector", dissolved=_REORG)
            else:
                name = f"Công đoàn các Khu công nghiệp {prov.place[p]}"
                unit = Unit(id=uid, name=name, kind="industrial_zone", dissolved=_REORG)
            self.local_unit[k] = b.unit(unit)
            self.local_prov[k] = p
            b.link(self.local_unit[k], prov.old_unit[p], end=_R)
            by_prov.setdefault(p, []).append(uid)
        for _, originals in sorted(by_prov.items()):
            b.event(EventKind.DISSOLVE, _R, originals=originals, issuer="QĐ-LĐLĐ")
        self.local_weight = prov.weight[self.local_prov] * rng.lognormal(0.0, 0.5, len(plan))
        self.central_unit = np.empty(n_central, dtype=np.int64)
        self.central_sector: IntArray = rng.integers(0, max(1, sectors.size), n_central)
        for k in range(n_central):
            unit = Unit(
                id=f"D{len(plan) + k + 1:0{width}d}",
                name=f"Công đoàn Tổng công ty {brands.take()}",
                kind="direct_superior",
            )
            self.central_unit[k] = b.unit(unit)
            b.link(self.central_unit[k], int(sectors[self.central_sector[k]]))
        self.central_weight: FloatArray = rng.lognormal(0.0, 0.5, n_central)


class _Communes:
    """Commune, ward and special-zone unions founded on 01/07/2025."""

    def __init__(self, b: _Builder, prov: _Provinces, places: _Pool, n_local_ds: int) -> None:
        rng = b.rng
        after = prov.new_unit.size
        count = max(after, round(_COMMUNES_PER_DS * n_local_ds))
        per = np.ones(after, dtype=np.int64)
        weights = prov.new_weight / prov.new_weight.sum()
        per += np.bincount(rng.choice(after, count - after, p=weights), minlength=after)
        self.start = np.concatenate([[0], np.cumsum(per)[:-1]]).astype(np.int64)
        self.count = per
        self.unit = np.empty(count, dtype=np.int64)
        width = max(4, len(str(count)))
        prefixes = rng.choice(len(_COMMUNE_PREFIXES), count, p=_COMMUNE_P)
        k = 0
        for j in range(after):
            founded: list[str] = []
            for _ in range(per[j]):
                where = f"{_COMMUNE_PREFIXES[prefixes[k]]} {places.take()}"
                unit = Unit(
                    id=f"C{k + 1:0{width}d}",
                    name=f"Công đoàn {where}",
                    kind="commune",
                    founded=_REORG,
                )
                self.unit[k] = b.unit(unit)
                b.link(self.unit[k], prov.new_unit[j], start=_R)
                founded.append(unit.id)
                k += 1
            b.event(EventKind.FOUND, _R, results=founded, issuer="QĐ-LĐLĐ")


def _pick(rng: np.random.Generator, weights: FloatArray, size: int) -> IntArray:
    if size == 0:
        return np.empty(0, dtype=np.int64)
    return rng.choice(weights.size, size, p=weights / weights.sum()).astype(np.int64)


def _grassroots(
    b: _Builder,
    prov: _Provinces,
    sectors: IntArray,
    sector_weight: FloatArray,
    ds: _DirectSuperiors,
    communes: _Communes,
    n: int,
    second_parent_share: float,
) -> None:
    rng = b.rng
    split = np.asarray(_SPLIT, dtype=np.float64)
    split[0] *= sectors.size > 0
    split[1] *= ds.central_unit.size > 0
    split[3] *= ds.local_unit.size > 0
    cat = rng.choice(4, n, p=split / split.sum())
    parent = np.empty(n, dtype=np.int64)  # admin parent before 01/07/2025 (unit index)
    old_prov = np.full(n, -1, dtype=np.int64)
    top = np.empty(n, dtype=np.int64)  # issuing union: central sector or old province
    sel = np.nonzero(cat == 0)[0]
    s = _pick(rng, sector_weight, sel.size)
    parent[sel] = sectors[s]
    top[sel] = sectors[s]
    sel = np.nonzero(cat == 1)[0]
    k = _pick(rng, ds.central_weight, sel.size)
    parent[sel] = ds.central_unit[k]
    top[sel] = sectors[ds.central_sector[k]]
    sel = np.nonzero(cat == 2)[0]
    p = _pick(rng, prov.weight, sel.size)
    parent[sel] = prov.old_unit[p]
    old_prov[sel] = p
    sel = np.nonzero(cat == 3)[0]
    k = _pick(rng, ds.local_weight, sel.size)
    parent[sel] = ds.local_unit[k]
    old_prov[sel] = ds.local_prov[k]
    local = old_prov >= 0
    top[local] = prov.old_unit[old_prov[local]]
    # after 01/07/2025
    new_prov = np.where(local, prov.new_of_old[np.maximum(old_prov, 0)], -1)
    top_after = top.copy()
    top_after[local] = prov.new_unit[new_prov[local]]
    moving = (cat == 3) | ((cat == 2) & prov.merged[np.maximum(old_prov, 0)])
    new_parent = parent.copy()
    sel = np.nonzero(moving)[0]
    j = new_prov[sel]
    to_commune = rng.random(sel.size) < _TO_COMMUNE
    pick = communes.start[j] + (rng.random(sel.size) * communes.count[j]).astype(np.int64)
    new_parent[sel] = np.where(to_commune, communes.unit[pick], prov.new_unit[j])
    # churn: founded or dissolved on the first day of a month of 2024-2026
    months = _month_starts()
    founded = np.full(n, _OPEN, dtype=np.int64)
    dissolved = np.full(n, _OPEN, dtype=np.int64)
    churn = round(_CHURN * n)
    order = rng.permutation(n)
    founded[order[:churn]] = rng.choice(months, churn)
    dissolved[order[churn : 2 * churn]] = rng.choice(months, churn)
    # second parents
    eligible = np.nonzero(local)[0]
    n_second = min(round(second_parent_share * n), eligible.size) if sectors.size else 0
    second = np.sort(rng.choice(eligible, n_second, replace=False))
    second_sector = sectors[_pick(rng, sector_weight, n_second)]
    second_end = np.where(rng.random(n_second) < 0.5, _R, _OPEN)

    names = _grassroots_names(rng, n)
    members = np.maximum(3, rng.lognormal(3.3, 1.0, n)).astype(np.int64).tolist()
    width = max(6, len(str(n)))
    first = len(b.units)
    moves: dict[int, list[str]] = {}
    found_groups: dict[tuple[int, int], list[str]] = {}
    dissolve_groups: dict[tuple[int, int], list[str]] = {}
    rows = zip(
        parent.tolist(),
        new_parent.tolist(),
        moving.tolist(),
        founded.tolist(),
        dissolved.tolist(),
        top.tolist(),
        top_after.tolist(),
        strict=True,
    )
    for i, (par, new_par, mv, f, d, t_old, t_new) in enumerate(rows):
        uid = f"G{i + 1:0{width}d}"
        idx = b.unit(
            Unit(
                id=uid,
                name=names[i],
                kind="grassroots",
                founded=_date(f),
                dissolved=_date(d),
                attributes={"members": members[i]},
            )
        )
        if not mv:
            b.link(idx, par, f, d)
        elif f >= _R:
            b.link(idx, new_par, f, d)
        elif d != _OPEN and d < _R:
            b.link(idx, par, f, d)
        else:
            b.link(idx, par, f, _R)
            b.link(idx, new_par, _R, d)
            moves.setdefault(new_par, []).append(uid)
        if f != _OPEN:
            found_groups.setdefault((f, t_old if f < _R else t_new), []).append(uid)
        if d != _OPEN:
            dissolve_groups.setdefault((d, t_old if d < _R else t_new), []).append(uid)
    for g, sector, end in zip(
        second.tolist(), second_sector.tolist(), second_end.tolist(), strict=True
    ):
        f, d = int(founded[g]), int(dissolved[g])
        stop = end if d == _OPEN else (d if end == _OPEN else min(d, end))
        if stop == _OPEN or f < stop:
            b.links.append(
                Link(
                    child=b.ids[first + g],
                    parent=b.ids[sector],
                    relation="guidance",
                    valid_from=_date(f),
                    valid_to=_date(stop),
                )
            )
    sector_set = set(sectors.tolist())
    for new_par, originals in sorted(moves.items()):
        b.event(EventKind.MOVE, _R, originals=originals, results=[b.ids[new_par]], issuer="QĐ-LĐLĐ")
    for (day, issuer), results in sorted(found_groups.items()):
        doc = "QĐ-CĐN" if issuer in sector_set else "QĐ-LĐLĐ"
        b.event(EventKind.FOUND, day, results=results, issuer=doc)
    for (day, issuer), originals in sorted(dissolve_groups.items()):
        doc = "QĐ-CĐN" if issuer in sector_set else "QĐ-LĐLĐ"
        b.event(EventKind.DISSOLVE, day, originals=originals, issuer=doc)


def _check(
    grassroots: int,
    provinces_before: int,
    provinces_after: int,
    central_sectors: int,
    direct_superiors: int,
    second_parent_share: float,
) -> None:
    if grassroots < 0 or central_sectors < 0 or direct_superiors < 0:
        msg = "grassroots, central_sectors and direct_superiors must not be negative"
        raise ValueError(msg)
    if not 1 <= provinces_after <= provinces_before:
        msg = "need 1 <= provinces_after <= provinces_before"
        raise ValueError(msg)
    if not 0.0 <= second_parent_share <= 1.0:
        msg = "second_parent_share must be in [0, 1]"
        raise ValueError(msg)


def national_history(
    *,
    grassroots: int = 150_000,
    provinces_before: int = 63,
    provinces_after: int = 34,
    central_sectors: int = 20,
    direct_superiors: int = 1_200,
    second_parent_share: float = 0.05,
    seed: int = 0,
) -> Dataset:
    """Build a synthetic, valid national trade-union history (2024-2026).

    The history runs through the reorganisation of 01/07/2025 described in
    the module docstring; the same arguments always give the same dataset.
    The default size (150,000 grassroots unions, about 305,000 links) takes
    a few seconds to build.

    Args:
        grassroots: number of grassroots unions (all of them, including the
            2 % founded and the 2 % dissolved between 2024 and 2026).
        provinces_before: provincial federations before 01/07/2025.
        provinces_after: provincial federations from 01/07/2025 (at most
            *provinces_before*; unchanged ones continue, the others merge).
        central_sectors: central sector unions directly under ``TLD``.
        direct_superiors: direct-superior unions before 01/07/2025 (8 %
            corporation-level unions under central sector unions, the rest
            under the provinces).
        second_parent_share: share of grassroots unions with a ``guidance``
            link to a central sector union.
        seed: seed of the :func:`numpy.random.default_rng` generator.

    Returns:
        The dataset, with the default :data:`~thidua.hierarchy.UNION_SCHEME`.

    Raises:
        ValueError: a count is negative, *provinces_after* is not in
            ``1..provinces_before``, or the share is not in ``[0, 1]``.

    Examples:
        >>> from thidua import Hierarchy
        >>> ds = national_history(grassroots=200, direct_superiors=10, seed=1)
        >>> h = Hierarchy(ds)
        >>> len(h.as_of("2025-06-30").units_of_kind("provincial"))
        63
        >>> len(h.as_of("2025-07-01").units_of_kind("provincial"))
        34
        >>> h.as_of("2025-07-01").units_of_kind("district")
        ()
        >>> national_history(grassroots=200, direct_superiors=10, seed=1) == ds
        True
    """
    _check(
        grassroots,
        provinces_before,
        provinces_after,
        central_sectors,
        direct_superiors,
        second_parent_share,
    )
    rng = np.random.default_rng(seed)
    b = _Builder(rng)
    places = _Pool(_PLACES, rng)
    brands = _Pool(_BRANDS, rng)
    root = b.unit(
        Unit(id="TLD", name="Tổng Liên đoàn Lao động Việt Nam", kind="central", short_name="TLĐ")
    )
    prov = _Provinces(b, places, provinces_before, provinces_after, root)
    width = max(2, len(str(central_sectors)))
    sectors = np.empty(central_sectors, dtype=np.int64)
    for k in range(central_sectors):
        name = (
            _CENTRAL_SECTORS[k]
            if k < len(_CENTRAL_SECTORS)
            else f"Công đoàn ngành trung ương số {k + 1}"
        )
        sectors[k] = b.unit(Unit(id=f"N{k + 1:0{width}d}", name=name, kind="central_sector"))
        b.link(int(sectors[k]), root)
    sector_weight: FloatArray = rng.lognormal(0.0, 0.7, central_sectors)
    ds = _DirectSuperiors(b, prov, sectors, places, brands, direct_superiors)
    communes = _Communes(b, prov, places, ds.local_unit.size)
    _grassroots(b, prov, sectors, sector_weight, ds, communes, grassroots, second_parent_share)
    params = (
        f"grassroots={grassroots}, provinces_before={provinces_before}, "
        f"provinces_after={provinces_after}, central_sectors={central_sectors}, "
        f"direct_superiors={direct_superiors}, second_parent_share={second_parent_share}, "
        f"seed={seed}"
    )
    return Dataset(
        units=b.units,
        links=b.links,
        events=b.events(),
        metadata={
            "title": "Lịch sử tổ chức công đoàn toàn quốc (tổng hợp) 2024-2026",
            "source": "synthetic: thidua.datasets.national.national_history",
            "parameters": params,
        },
    )
