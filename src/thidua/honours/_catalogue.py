"""The catalogue of honours (danh hiệu thi đua, hình thức khen thưởng), shipped as data.

The shipped rows live in ``catalogue.csv`` beside this module (one row per
honour, English headers); :func:`load_catalogue` reads them and
:func:`extend_catalogue` merges a user's rows (e.g. "Công nhân giỏi Thủ đô"
of the Hà Nội federation) over them.
"""

from __future__ import annotations

import csv
import enum
import io
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources

import attrs

from thidua._text import nfc
from thidua.errors import ThiduaValidationError, UnknownNameError
from thidua.problems import AwardCode, Problem, problem

__all__ = [
    "Catalogue",
    "CommendationType",
    "Honour",
    "HonourKind",
    "Recipient",
    "extend_catalogue",
    "load_catalogue",
]


class HonourKind(enum.Enum):
    """A title (danh hiệu thi đua) or a commendation form (hình thức khen thưởng)."""

    TITLE = "title"
    FORM = "form"


class Recipient(enum.Enum):
    """Who receives an honour."""

    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"
    HOUSEHOLD = "household"


class CommendationType(enum.Enum):
    """Why an honour is given; only merit and contribution awards count toward merit chains."""

    MERIT = "merit"  # theo công trạng và thành tích
    THEMATIC = "thematic"  # theo chuyên đề
    UNEXPECTED = "unexpected"  # đột xuất
    CONTRIBUTION = "contribution"  # cống hiến

    @property
    def counts_toward_chains(self) -> bool:
        """Whether awards of this type count toward "N consecutive" chains."""
        return self in (CommendationType.MERIT, CommendationType.CONTRIBUTION)


@attrs.frozen(kw_only=True)
class Honour:
    """One honour of the catalogue.

    Attributes:
        code: a stable ASCII code (``LDTT``, ``BK_TTG``).
        name_vi: the Vietnamese name.
        name_en: an English gloss.
        kind: title or form.
        recipient: individual, collective or household.
        level: the honour's level (grassroots, province, central, state).
        type: the commendation type; thematic and unexpected-feat honours do
            not count toward merit chains.
        issuing_level: who decides it.
        multiplier: the bonus as a multiple of the statutory base salary, if known.
        basis: the legal basis.
        check: the row rests on a secondary source (DOMAIN marks it *check*).
        implies: codes this honour also counts as for the same period
            (a CSTĐCS holder holds LĐTT).

    Examples:
        >>> h = load_catalogue()["CSTDCS"]
        >>> h.name_vi, h.implies, h.recipient.value
        ('Chiến sĩ thi đua cơ sở', ('LDTT',), 'individual')

    .. versionadded:: 0.3.0
    """

    code: str
    name_vi: str = attrs.field(converter=nfc)
    name_en: str = ""
    kind: HonourKind = attrs.field(converter=HonourKind)
    recipient: Recipient = attrs.field(converter=Recipient)
    level: str = ""
    type: CommendationType = attrs.field(default=CommendationType.MERIT, converter=CommendationType)
    issuing_level: str = ""
    multiplier: float | None = None
    basis: str = attrs.field(default="", converter=nfc)
    check: bool = False
    implies: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Catalogue:
    """The honours known to a run, by code (a small record, not a table).

    Examples:
        >>> cat = load_catalogue()
        >>> "BK_TTG" in cat, len(cat) >= 20, cat["BK_CD"].type.value
        (True, True, 'thematic')

    .. versionadded:: 0.3.0
    """

    honours: tuple[Honour, ...]
    _by_code: dict[str, Honour] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {h.code: h for h in self.honours})

    def __getitem__(self, code: str) -> Honour:
        found = self._by_code.get(code)
        if found is None:
            raise UnknownNameError("honour", code, self._by_code)
        return found

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Honour]:
        return iter(self.honours)

    def __len__(self) -> int:
        return len(self.honours)

    def codes(self) -> tuple[str, ...]:
        """The codes in catalogue order."""
        return tuple(h.code for h in self.honours)

    def implied_by(self, code: str) -> frozenset[str]:
        """The codes whose holders also hold *code* for the same period, *code* included.

        Examples:
            >>> sorted(load_catalogue().implied_by("LDTT"))
            ['CSTDCS', 'CSTD_BO', 'CSTD_TQ', 'LDTT']
        """
        return frozenset({code} | {h.code for h in self.honours if code in h.implies})


_TRUE = {"true", "yes", "1", "có", "x"}


def _honour_from_row(row: Mapping[str, str]) -> Honour:
    def text(name: str) -> str:
        return (row.get(name) or "").strip()

    multiplier = text("multiplier").replace(",", ".")
    return Honour(
        code=text("code"),
        name_vi=text("name_vi"),
        name_en=text("name_en"),
        kind=text("kind") or "title",
        recipient=text("recipient") or "individual",
        level=text("level"),
        type=text("type") or "merit",
        issuing_level=text("issuing_level"),
        multiplier=float(multiplier) if multiplier else None,
        basis=text("basis"),
        check=text("check").casefold() in _TRUE,
        implies=tuple(c.strip() for c in text("implies").split(";") if c.strip()),
    )


def _read_rows(rows: Iterable[Mapping[str, str] | Honour], where: str) -> list[Honour]:
    honours: list[Honour] = []
    problems: list[Problem] = []
    for number, row in enumerate(rows, start=2):
        if isinstance(row, Honour):
            honours.append(row)
            continue
        code = (row.get("code") or "").strip()
        try:
            if not code or not code.isascii() or not (row.get("name_vi") or "").strip():
                msg = "an honour needs an ASCII code and a Vietnamese name (name_vi)"
                raise ValueError(msg)
            honours.append(_honour_from_row(row))
        except ValueError as exc:
            problems.append(
                problem(
                    AwardCode.INVALID_HONOUR_ROW,
                    f"honour {code or '?'} in {where} row {number}: {exc}",
                    subject=code,
                )
            )
    if problems:
        raise ThiduaValidationError(problems)
    return honours


def load_catalogue() -> Catalogue:
    """Return the shipped catalogue (every title and form of DOMAIN §6.2–6.3 used by the rules).

    Examples:
        >>> cat = load_catalogue()
        >>> cat["LDTT"].multiplier, cat["BLDST"].check
        (0.3, True)
    """
    text = resources.files("thidua.honours").joinpath("catalogue.csv").read_text("utf-8")
    return Catalogue(honours=tuple(_read_rows(csv.DictReader(io.StringIO(text)), "catalogue.csv")))


def extend_catalogue(
    catalogue: Catalogue, rows: Iterable[Mapping[str, str] | Honour], *, source: str = "honours.csv"
) -> Catalogue:
    """Return *catalogue* with the user's *rows* merged in (a row with a known code replaces it).

    Rows are mappings with the catalogue's column names (``code``,
    ``name_vi``, ``kind``, ``recipient``, ``type`` …) or :class:`Honour`
    records.  The input catalogue is not changed.

    Raises:
        ThiduaValidationError: ``A005`` problems for rows without a code or
            a name, or with values outside the accepted ones.

    Examples:
        >>> cat = extend_catalogue(load_catalogue(), [
        ...     {"code": "CNG_HN", "name_vi": "Công nhân giỏi Thủ đô", "kind": "title",
        ...      "recipient": "individual", "issuing_level": "province"}])
        >>> cat["CNG_HN"].name_vi, len(cat) - len(load_catalogue())
        ('Công nhân giỏi Thủ đô', 1)
        >>> extend_catalogue(cat, [{"code": "X", "name_vi": "X", "kind": "medal"}])
        Traceback (most recent call last):
        ...
        thidua.errors.ThiduaValidationError: 1 error(s), 0 warning(s):
          A005 error: honour X in honours.csv row 2: 'medal' is not a valid HonourKind
    """
    added = _read_rows(rows, source)
    replaced = {h.code: h for h in added}
    kept = [replaced.pop(h.code, h) for h in catalogue.honours]
    return Catalogue(honours=(*kept, *replaced.values()))
