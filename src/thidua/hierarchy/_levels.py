"""Level schemes: which kinds of unit exist and how they rank.

A :class:`LevelScheme` maps each *kind* code to a *rank* (0 at the top).  A
child's rank must be greater than its parent's; ranks may be skipped (after
2025 the Hà Nội federation, rank 1, manages grassroots unions, rank 3,
directly) but never inverted.

:data:`UNION_SCHEME` is the trade-union scheme of the Trade Union Law 2024
(Luật Công đoàn 50/2024/QH15, in force 01/07/2025) and the union Charter
(Điều lệ Công đoàn Việt Nam khóa XIII).  Users define their own scheme — for
example a state-administration one — with :meth:`LevelScheme.from_ranks`.

Office files name kinds the way people write them ("Công đoàn cơ sở",
"CĐCS", "LĐLĐ quận"): :meth:`LevelScheme.kind_for` resolves such a label to
the scheme's kind, through the kind codes, the levels' labels and the
scheme's aliases (:data:`UNION_ALIASES` for :data:`UNION_SCHEME`).

Examples:
    >>> UNION_SCHEME.rank("grassroots")
    3
    >>> UNION_SCHEME.kinds_at(1)
    ('provincial', 'central_sector', 'corporation')
    >>> state = LevelScheme.from_ranks("state", {"province": 0, "commune": 1})
    >>> state.rank("commune")
    1
    >>> UNION_SCHEME.kind_for("cđcs"), UNION_SCHEME.kind_for("Liên đoàn Lao động quận")
    ('grassroots', 'district')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Iterator, Mapping

import attrs

from thidua._text import name_key, nfc
from thidua.errors import ThiduaError

__all__ = [
    "MAX_RANK",
    "UNION_ALIASES",
    "UNION_SCHEME",
    "InvalidRankError",
    "Level",
    "LevelScheme",
    "check_rank",
]

MAX_RANK = 1000
"""The deepest rank a level may have (0 is the top); real schemes use a handful.

.. versionadded:: 0.2.0
"""


class InvalidRankError(ThiduaError, ValueError):
    """A level rank that is not a whole number from 0 to :data:`MAX_RANK`.

    Readers catch it (it is a :class:`ValueError`) and report the cell.

    Attributes:
        kind: the kind whose rank it is.
        rank: the rank as given.

    Examples:
        >>> Level(kind="x", rank=10**20)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        thidua...InvalidRankError: the rank must be a whole number from 0 to 1000, got 1000...

    .. versionadded:: 0.2.0
    """

    def __init__(self, kind: str, rank: object) -> None:
        self.kind = kind
        self.rank = rank
        super().__init__(kind, rank)

    def __str__(self) -> str:
        if isinstance(self.rank, int) and abs(self.rank) >= 10**40:
            digits = int(abs(self.rank).bit_length() * 0.30103) + 1
            shown = f"a number of about {digits} digits"
        else:
            shown = repr(self.rank)[:60]
        return f"the rank must be a whole number from 0 to {MAX_RANK}, got {shown}"


def check_rank(kind: str, rank: object) -> int:
    """Return *rank* as an ``int`` if it is a whole number from 0 to :data:`MAX_RANK`.

    Raises:
        InvalidRankError: it is not (a bool, a float, a negative or huge number).

    Examples:
        >>> check_rank("grassroots", 3)
        3

    .. versionadded:: 0.2.0
    """
    if isinstance(rank, bool):
        raise InvalidRankError(kind, rank)
    try:
        value = operator.index(rank)  # type: ignore[arg-type]
    except TypeError:
        raise InvalidRankError(kind, rank) from None
    if not 0 <= value <= MAX_RANK:
        raise InvalidRankError(kind, value)
    return value


def _rank_field(instance: Level, attribute: attrs.Attribute[int], value: int) -> None:
    check_rank(instance.kind, value)


_SEPARATORS = re.compile(r"[\s/,;&+()\-\u2013\u2014.]+")


def _label_key(text: str) -> str:
    """The folding key of a kind label: :func:`name_key` with punctuation as spaces.

    "Công đoàn xã/phường", "Công đoàn xã, phường" and "CÔNG ĐOÀN XÃ - PHƯỜNG"
    share one key.
    """
    return " ".join(_SEPARATORS.split(name_key(text))).strip()


def _bare_key(key: str) -> str:
    """A label key without diacritics ("cong doan co so", "cdcs")."""
    decomposed = unicodedata.normalize("NFD", key.replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _frozen_aliases(value: Mapping[str, tuple[str, ...]]) -> Mapping[str, tuple[str, ...]]:
    return {kind: tuple(nfc(name) for name in names) for kind, names in value.items()}


@attrs.frozen(kw_only=True)
class Level:
    """One kind of unit and its rank.

    Attributes:
        kind: the code used in data (English, e.g. ``"grassroots"``).
        rank: 0 at the top; children have greater ranks (at most :data:`MAX_RANK`).
        label: the Vietnamese name shown to users.

    Raises:
        InvalidRankError: the rank is not a whole number from 0 to :data:`MAX_RANK`.

    Examples:
        >>> Level(kind="grassroots", rank=3, label="Công đoàn cơ sở").rank
        3
    """

    kind: str
    rank: int = attrs.field(validator=_rank_field)
    label: str = attrs.field(default="", converter=nfc)


@attrs.frozen
class LevelScheme:
    """A named set of levels (kind → rank).

    Attributes:
        name: the scheme's name (e.g. ``"union-2024"``).
        levels: the levels, in the order they were declared.
        aliases: kind → other labels people write for it (``"CĐCS"``), used
            by :meth:`kind_for` besides the kind codes and the levels'
            labels.  A reading aid, not part of the scheme's identity: two
            schemes with the same name and levels are equal whatever their
            aliases, and files store no aliases.

    Examples:
        >>> "commune" in UNION_SCHEME, "ward" in UNION_SCHEME
        (True, False)
        >>> UNION_SCHEME.label("trade_grassroots")
        'Nghiệp đoàn cơ sở'
    """

    name: str
    levels: tuple[Level, ...]
    aliases: Mapping[str, tuple[str, ...]] = attrs.field(
        factory=dict, converter=_frozen_aliases, eq=False, repr=False
    )
    _ranks: Mapping[str, int] = attrs.field(init=False, eq=False, repr=False)
    _labels: Mapping[str, str | None] = attrs.field(init=False, eq=False, repr=False)
    _bare: Mapping[str, str | None] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_ranks", {lv.kind: lv.rank for lv in self.levels})
        labels: dict[str, str | None] = {}
        bare: dict[str, str | None] = {}
        names = [(lv.kind, lv.kind) for lv in self.levels]
        names += [(lv.kind, lv.label) for lv in self.levels if lv.label]
        names += [(k, a) for k, found in self.aliases.items() if k in self._ranks for a in found]
        for kind, name in names:
            key = _label_key(name)
            if not key:
                continue
            for table, k in ((labels, key), (bare, _bare_key(key))):
                # A label shared by two kinds resolves to neither.
                if k:
                    table[k] = kind if table.get(k, kind) == kind else None
        object.__setattr__(self, "_labels", labels)
        object.__setattr__(self, "_bare", bare)

    @classmethod
    def from_ranks(
        cls, name: str, ranks: Mapping[str, int], labels: Mapping[str, str] | None = None
    ) -> LevelScheme:
        """Build a scheme from a kind → rank mapping.

        Examples:
            >>> LevelScheme.from_ranks("x", {"a": 0, "b": 1}).kinds
            ('a', 'b')
        """
        labels = labels or {}
        return cls(
            name,
            tuple(Level(kind=k, rank=r, label=labels.get(k, "")) for k, r in ranks.items()),
        )

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kind codes, in declaration order."""
        return tuple(lv.kind for lv in self.levels)

    def rank(self, kind: str) -> int:
        """Return the rank of *kind*.

        Raises:
            KeyError: the kind is not in the scheme.

        Examples:
            >>> UNION_SCHEME.rank("central")
            0
        """
        return self._ranks[kind]

    def get_rank(self, kind: str) -> int | None:
        """Return the rank of *kind*, or ``None`` if the scheme lacks it.

        Examples:
            >>> UNION_SCHEME.get_rank("ward") is None
            True
        """
        return self._ranks.get(kind)

    def label(self, kind: str) -> str:
        """Return the Vietnamese label of *kind* (the code if it has none)."""
        for lv in self.levels:
            if lv.kind == kind:
                return lv.label or kind
        raise KeyError(kind)

    def kind_for(self, label: str) -> str | None:
        """Return the kind a label stands for, or ``None`` if it names none.

        A kind code is itself; otherwise the label is matched against the
        kind codes, the levels' labels and :attr:`aliases`, whatever the
        case, spacing, punctuation (``xã/phường`` = ``xã, phường``), tone
        placement or ``Ð``/``Đ``, and finally without diacritics (``CDCS``,
        ``cong doan co so``).  A label two kinds share names neither.

        .. versionadded:: 0.2.0

        Examples:
            >>> UNION_SCHEME.kind_for("grassroots"), UNION_SCHEME.kind_for("Công đoàn Cơ Sở")
            ('grassroots', 'grassroots')
            >>> UNION_SCHEME.kind_for("LĐLĐ tỉnh"), UNION_SCHEME.kind_for("CONG DOAN XA/PHUONG")
            ('provincial', 'commune')
            >>> UNION_SCHEME.kind_for("ward") is None
            True
        """
        if label in self._ranks:
            return label
        key = _label_key(label)
        if not key:
            return None
        if key in self._labels:
            return self._labels[key]
        bare = _bare_key(key)
        return self._bare.get(bare) if bare else None

    def kinds_at(self, rank: int) -> tuple[str, ...]:
        """Return the kinds at one rank, in declaration order."""
        return tuple(lv.kind for lv in self.levels if lv.rank == rank)

    def __contains__(self, kind: object) -> bool:
        return kind in self._ranks

    def __iter__(self) -> Iterator[Level]:
        return iter(self.levels)

    def __len__(self) -> int:
        return len(self.levels)


UNION_ALIASES: Mapping[str, tuple[str, ...]] = {
    "central": ("Tổng Liên đoàn", "Tổng Liên đoàn Lao động", "TLĐ", "Tổng LĐLĐ Việt Nam"),
    "provincial": (
        "Liên đoàn Lao động tỉnh",
        "Liên đoàn Lao động thành phố",
        "LĐLĐ tỉnh",
        "LĐLĐ thành phố",
        "LĐLĐ tỉnh, thành phố",
        "LĐLĐ TP",
        "Công đoàn cấp tỉnh",
        "cấp tỉnh",
    ),
    "central_sector": ("Công đoàn ngành TW", "CĐ ngành trung ương", "CĐ ngành TW"),
    "corporation": (
        "Công đoàn tập đoàn",
        "Công đoàn tổng công ty",
        "CĐ tập đoàn",
        "CĐ tổng công ty",
    ),
    "district": (
        "Liên đoàn Lao động quận",
        "Liên đoàn Lao động huyện",
        "Liên đoàn Lao động thị xã",
        "Liên đoàn Lao động quận, huyện",
        "LĐLĐ quận",
        "LĐLĐ huyện",
        "LĐLĐ thị xã",
        "LĐLĐ quận, huyện",
        "LĐLĐ quận, huyện, thị xã",
        "cấp huyện",
    ),
    "local_sector": ("Công đoàn ngành", "CĐ ngành", "CĐ ngành địa phương"),
    "industrial_zone": (
        "Công đoàn khu công nghiệp",
        "Công đoàn khu chế xuất",
        "Công đoàn KCN",
        "Công đoàn các KCN&CX",
        "Công đoàn các khu công nghiệp và chế xuất",
        "CĐ KCN",
    ),
    "commune": (
        "Công đoàn xã",
        "Công đoàn phường",
        "Công đoàn đặc khu",
        "Công đoàn xã, phường",
        "CĐ xã",
        "CĐ phường",
        "CĐ xã, phường",
    ),
    "direct_superior": ("CĐ cấp trên trực tiếp cơ sở", "cấp trên trực tiếp cơ sở"),
    "grassroots": ("CĐCS", "CĐ cơ sở", "cơ sở", "cấp cơ sở"),
    "trade_grassroots": ("Nghiệp đoàn", "NĐCS"),
    "section": (
        "CĐBP",
        "CĐ bộ phận",
        "Công đoàn cơ sở thành viên",
        "CĐCS thành viên",
    ),
    "team": ("Tổ CĐ",),
}
"""How office files name the kinds of :data:`UNION_SCHEME` besides its codes and labels.

"Công đoàn ngành" alone is the *local* sector union (a provincial office's
usage); the central one is "Công đoàn ngành trung ương" (its label) or "CĐ
ngành TW".  "Công đoàn cơ sở thành viên" (a member union inside a grassroots
union, rank 4) is a ``section``.
"""

# Source: Luật Công đoàn 50/2024/QH15 and Điều lệ Công đoàn Việt Nam khóa XIII
# (2023-2028): central → provincial / central sector / corporation unions →
# direct-superior unions (district, local sector, industrial zone and, from
# 2025, commune/ward unions) → grassroots → sections and teams.
UNION_SCHEME = LevelScheme(
    "union-2024",
    (
        Level(kind="central", rank=0, label="Tổng Liên đoàn Lao động Việt Nam"),
        Level(kind="provincial", rank=1, label="Liên đoàn Lao động tỉnh, thành phố"),
        Level(kind="central_sector", rank=1, label="Công đoàn ngành trung ương"),
        Level(kind="corporation", rank=1, label="Công đoàn tập đoàn, tổng công ty"),
        Level(kind="district", rank=2, label="Liên đoàn Lao động quận, huyện, thị xã"),
        Level(kind="local_sector", rank=2, label="Công đoàn ngành địa phương"),
        Level(kind="industrial_zone", rank=2, label="Công đoàn khu công nghiệp, khu chế xuất"),
        Level(kind="commune", rank=2, label="Công đoàn xã, phường, đặc khu"),
        Level(kind="direct_superior", rank=2, label="Công đoàn cấp trên trực tiếp cơ sở"),
        Level(kind="grassroots", rank=3, label="Công đoàn cơ sở"),
        Level(kind="trade_grassroots", rank=3, label="Nghiệp đoàn cơ sở"),
        Level(kind="section", rank=4, label="Công đoàn bộ phận"),
        Level(kind="team", rank=4, label="Tổ công đoàn"),
    ),
    UNION_ALIASES,
)
"""The default scheme: the trade-union levels of the Trade Union Law 2024."""
