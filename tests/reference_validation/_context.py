"""Shared state of one validation pass: the index, labels and the problem list."""

from __future__ import annotations

import datetime as dt
import functools

import attrs
import numpy as np

from thidua._dates import MAX_ORD, MIN_ORD, from_ordinal
from thidua._graph import BoolArray, IntArray
from thidua.hierarchy import Hierarchy
from thidua.problems import Pointer, Problem, Report, problem, summary_problem


@attrs.define(slots=False)
class Context:
    """What every check needs: the index, an optional date, and where to put problems."""

    hierarchy: Hierarchy
    on: int | None = None
    max_per_code: int | None = None
    problems: list[Problem] = attrs.Factory(list)
    counts: dict[str, int] = attrs.Factory(dict)

    def add(
        self,
        code: str,
        message: str,
        *,
        subject: str | None = None,
        source: Pointer | None = None,
        field: str | None = None,
    ) -> None:
        """Record one problem, pointing at *field* of the record read from *source*.

        Past *max_per_code* problems of one code, the problem is only counted
        (memory stays bounded); :meth:`report` sums them up.
        """
        seen = self.counts.get(code, 0) + 1
        self.counts[code] = seen
        if self.max_per_code is not None and seen > self.max_per_code:
            return
        pointer = source.at(field) if source is not None and field else source
        self.problems.append(problem(code, message, subject=subject, pointer=pointer))

    def report(self) -> Report:
        """The problems recorded, with one ``S030`` summary per code that went past the cap."""
        limit = self.max_per_code
        extra = (
            []
            if limit is None
            else [
                summary_problem(code, limit, total)
                for code, total in sorted(self.counts.items())
                if total > limit
            ]
        )
        return Report((*self.problems, *extra))

    def label(self, unit_id: str) -> str:
        """``'HN' (Liên đoàn Lao động thành phố Hà Nội)`` or just ``'X'`` if unknown."""
        if unit_id in self.hierarchy:
            return f"{unit_id!r} ({self.hierarchy.unit(unit_id).name})"
        return repr(unit_id)

    @functools.cached_property
    def effective_links(self) -> tuple[IntArray, IntArray, BoolArray]:
        """Link intervals clipped to both units' lifetimes, and which links count.

        Returns ``(start, end, live)`` over the hierarchy's link index: an open
        end follows the lifetimes; *live* marks links with a non-empty clipped
        interval (containing the chosen day, if any).
        """
        child, parent, _, start, end, _ = self.hierarchy.link_arrays()
        founded, dissolved, _ = self.hierarchy.lifetime_arrays()
        eff_start = np.maximum(start, np.maximum(founded[child], founded[parent]))
        eff_end = np.minimum(end, np.minimum(dissolved[child], dissolved[parent]))
        live = eff_start < eff_end
        if self.on is not None:
            live &= (eff_start <= self.on) & (self.on < eff_end)
        return eff_start, eff_end, live

    def covers(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` is relevant: it contains the chosen date, if any."""
        return self.on is None or start <= self.on < end


def show(ordinal: int) -> str:
    """An ordinal as ISO text, or 'the beginning' / 'open end' for the sentinels."""
    if ordinal <= MIN_ORD:
        return "the beginning"
    if ordinal >= MAX_ORD:
        return "no end"
    return from_ordinal(ordinal).isoformat()


def show_date(day: dt.date | None, *, end: bool = False) -> str:
    """A date of a record as ISO text, with open ends spelled out."""
    if day is None:
        return "no end" if end else "the beginning"
    return day.isoformat()
