"""Quotas on proposals, as data: a share, a count per theme, a count per proposer, the Cờ CP rule.

A quota limits how many subjects may be proposed for one honour.  Four
kinds cover the rules in force and the old ones still copied:

* :class:`ShareQuota` — a share of the members of a unit who hold (or meet)
  another title, e.g. CSTĐCS ≤ 15 % of the unit's LĐTT (the regime before
  Law 06/2022/QH15; the 2022 law has no such cap, DOMAIN §6.4);
* :class:`ThemeQuota` — a count per theme a year over every proposer, e.g. at
  most 300 thematic Bằng khen of TLĐ per theme a year (union rule of 2019,
  1689/QĐ-TLĐ, *(check)* against 999/QĐ-TLĐ of 29/05/2024);
* :class:`ProposerQuota` — a count per proposer and period, e.g. at most 4
  thematic Bằng khen proposals per provincial or sector union (same source,
  *(check)*);
* :class:`ClusterLeaderQuota` — a share of the cluster leaders that meet the
  Cờ thi đua bộ/tỉnh standard: the Cờ thi đua của Chính phủ is proposed for at
  most 20 % of them (Decree 98/2023/NĐ-CP and Decree 152/2025/NĐ-CP, the
  article on the Cờ thi đua của Chính phủ; DOMAIN §6.4).

Quotas are attrs records; :func:`quotas_from_data` reads them from plain
data (a YAML or JSON list), and :func:`rule_set_quotas` gives those shipped
with a rule set.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Literal

import attrs

from thidua.errors import InvalidArgumentError

__all__ = [
    "RULE_SET_QUOTAS",
    "ClusterLeaderQuota",
    "ProposerQuota",
    "Quota",
    "ShareQuota",
    "ThemeQuota",
    "quota_limit",
    "quotas_from_data",
    "rule_set_quotas",
]


def _share(value: object) -> float:
    """A share given as 0.15, "15%", "15 %" or "15,0%"."""
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
        share = float(text.removesuffix("%").strip()) / 100 if text.endswith("%") else float(text)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        share = float(value)
    else:
        msg = f"a share is a number or a percentage, not {value!r}"
        raise InvalidArgumentError(msg)
    if not 0 <= share <= 1:
        msg = f"a share lies between 0 and 100 %, not {value!r}"
        raise InvalidArgumentError(msg)
    return share


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        msg = f"a count is a whole number, not {value!r}"
        raise InvalidArgumentError(msg)
    try:
        count = int(value)
    except ValueError:
        msg = f"a count is a whole number, not {value!r}"
        raise InvalidArgumentError(msg) from None
    if count < 0:
        msg = f"a count is not negative, not {value!r}"
        raise InvalidArgumentError(msg)
    return count


def quota_limit(share: float, base: int) -> int:
    """The most subjects a share of *base* allows: ``⌊share × base⌋`` ("không quá").

    Examples:
        >>> quota_limit(0.15, 20), quota_limit(0.15, 19), quota_limit(0.2, 4)
        (3, 2, 0)

    .. versionadded:: 0.3.0
    """
    # the small epsilon keeps 0.15 × 20 at 3 (it is 2.9999999999999996 in floats)
    return math.floor(share * base + 1e-9)


def _pct(share: float) -> str:
    return f"{share * 100:g} %"


@attrs.frozen(kw_only=True)
class ShareQuota:
    """At most *share* of the members of a unit who meet *of* may be proposed for *honour*.

    The group is the subject's unit (its membership at the end of the
    period); the base is the number of that unit's members eligible for
    *of* in the period.

    Examples:
        >>> q = ShareQuota(honour="CSTDCS", share="15%")
        >>> q.share, q.of, q.describe()
        (0.15, 'LDTT', "CSTDCS ≤ 15 % of the unit's LDTT")

    .. versionadded:: 0.3.0
    """

    honour: str
    share: float = attrs.field(converter=_share)
    of: str = "LDTT"
    basis: str = ""
    kind: Literal["share"] = attrs.field(default="share", init=False)

    def describe(self) -> str:
        """The quota in a few words."""
        return f"{self.honour} ≤ {_pct(self.share)} of the unit's {self.of}"


@attrs.frozen(kw_only=True)
class ThemeQuota:
    """At most *limit* subjects a year per theme for *honour*, over every proposer.

    Examples:
        >>> ThemeQuota(honour="BK_CD", limit=300).describe()
        'BK_CD ≤ 300 per theme a year'

    .. versionadded:: 0.3.0
    """

    honour: str
    limit: int = attrs.field(converter=_count)
    basis: str = ""
    kind: Literal["theme"] = attrs.field(default="theme", init=False)

    def describe(self) -> str:
        """The quota in a few words."""
        return f"{self.honour} ≤ {self.limit} per theme a year"


@attrs.frozen(kw_only=True)
class ProposerQuota:
    """At most *limit* subjects per proposer and period for *honour* (and per theme, if any).

    Examples:
        >>> ProposerQuota(honour="BK_CD", limit="4").describe()
        'BK_CD ≤ 4 per proposer'

    .. versionadded:: 0.3.0
    """

    honour: str
    limit: int = attrs.field(converter=_count)
    basis: str = ""
    kind: Literal["proposer"] = attrs.field(default="proposer", init=False)

    def describe(self) -> str:
        """The quota in a few words."""
        return f"{self.honour} ≤ {self.limit} per proposer"


@attrs.frozen(kw_only=True)
class ClusterLeaderQuota:
    """At most *share* of the cluster leaders under a proposer that meet *standard*.

    The base is the number of units under the proposer that lead a cluster
    (cụm, khối thi đua) in the period and meet the *standard* honour (for
    the Cờ thi đua của Chính phủ: the Cờ thi đua bộ/tỉnh, ``CO_BO``).

    Examples:
        >>> ClusterLeaderQuota(honour="CO_CP", share=0.2).describe()
        'CO_CP ≤ 20 % of the cluster leaders meeting CO_BO'

    .. versionadded:: 0.3.0
    """

    honour: str
    share: float = attrs.field(converter=_share)
    standard: str = "CO_BO"
    basis: str = ""
    kind: Literal["cluster"] = attrs.field(default="cluster", init=False)

    def describe(self) -> str:
        """The quota in a few words."""
        return f"{self.honour} ≤ {_pct(self.share)} of the cluster leaders meeting {self.standard}"


Quota = ShareQuota | ThemeQuota | ProposerQuota | ClusterLeaderQuota
"""Any kind of quota."""

_KINDS: Mapping[str, type[Quota]] = {
    "share": ShareQuota,
    "theme": ThemeQuota,
    "proposer": ProposerQuota,
    "cluster": ClusterLeaderQuota,
}


def quotas_from_data(data: Iterable[Mapping[str, object]]) -> tuple[Quota, ...]:
    """Quotas from plain data: a list of mappings with ``kind`` and the kind's fields.

    ``kind`` is ``share`` (``honour``, ``share``, ``of``), ``theme``
    (``honour``, ``limit``), ``proposer`` (``honour``, ``limit``) or
    ``cluster`` (``honour``, ``share``, ``standard``); each may carry its
    ``basis``.  Shares read as ``0.15`` or ``"15%"``.

    Raises:
        InvalidArgumentError: an unknown kind or field, or a value that is not
            a share or a count; the message names the entry.

    Examples:
        >>> data = [{"kind": "share", "honour": "CSTDCS", "share": "15%", "of": "LDTT"},
        ...         {"kind": "proposer", "honour": "BK_CD", "limit": 4}]  # as YAML reads it
        >>> [q.describe() for q in quotas_from_data(data)]
        ["CSTDCS ≤ 15 % of the unit's LDTT", 'BK_CD ≤ 4 per proposer']
        >>> quotas_from_data([{"kind": "per unit", "honour": "LDTT"}])
        Traceback (most recent call last):
        ...
        thidua.errors.InvalidArgumentError: quota 1: unknown kind 'per unit' (share, theme, \
proposer, cluster)

    .. versionadded:: 0.3.0
    """
    out: list[Quota] = []
    for number, entry in enumerate(data, start=1):
        fields = {str(k): v for k, v in entry.items()}
        kind = str(fields.pop("kind", ""))
        cls = _KINDS.get(kind)
        if cls is None:
            msg = f"quota {number}: unknown kind {kind!r} ({', '.join(_KINDS)})"
            raise InvalidArgumentError(msg)
        known = {a.name for a in attrs.fields(cls) if a.init}
        unknown = sorted(set(fields) - known)
        if unknown:
            msg = f"quota {number} ({kind}): unknown field(s) {', '.join(unknown)}"
            raise InvalidArgumentError(msg)
        try:
            out.append(cls(**fields))  # type: ignore[arg-type]
        except TypeError as exc:
            msg = f"quota {number} ({kind}): {exc}"
            raise InvalidArgumentError(msg) from None
        except InvalidArgumentError as exc:
            msg = f"quota {number} ({kind}): {exc}"
            raise InvalidArgumentError(msg) from None
    return tuple(out)


_UNION_2019 = "1689/QĐ-TLĐ (2019) (check against 999/QĐ-TLĐ of 29/05/2024)"
_CO_CP = "Decree 98/2023/NĐ-CP; Decree 152/2025/NĐ-CP (Cờ thi đua của Chính phủ)"

_SHIPPED: tuple[Quota, ...] = (
    ThemeQuota(honour="BK_CD", limit=300, basis=_UNION_2019),
    ProposerQuota(honour="BK_CD", limit=4, basis=_UNION_2019),
    ClusterLeaderQuota(honour="CO_CP", share=0.2, standard="CO_BO", basis=_CO_CP),
)

RULE_SET_QUOTAS: Mapping[str, tuple[Quota, ...]] = {
    "vn-2024": _SHIPPED,
    "vn-2025": _SHIPPED,
    "vn-draft-2025": _SHIPPED,
    "cd-999-2024": _SHIPPED,
}
"""The quotas shipped with each rule set (by id).

None caps CSTĐCS: the 15 % share belongs to the regime before Law
06/2022/QH15; give it as ``ShareQuota(honour="CSTDCS", share="15%")``.
"""


def rule_set_quotas(rule_set: str, honour: str | None = None) -> tuple[Quota, ...]:
    """The quotas shipped with the rule set *rule_set*, all or those on *honour*.

    Examples:
        >>> [q.describe() for q in rule_set_quotas("vn-2025", "CO_CP")]
        ['CO_CP ≤ 20 % of the cluster leaders meeting CO_BO']
        >>> rule_set_quotas("vn-2025", "CSTDCS")
        ()

    .. versionadded:: 0.3.0
    """
    found = RULE_SET_QUOTAS.get(rule_set, ())
    return found if honour is None else tuple(q for q in found if q.honour == honour)
