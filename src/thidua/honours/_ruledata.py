"""Rule sets written as plain data (what a YAML or JSON file holds).

A condition is a one-key mapping ``{name: value}``: the name is the snake-case
name of a condition class (``rated_at_least``, ``consecutive_holds``,
``member_share`` …, and ``all`` / ``any`` / ``not``), the value either the
condition's main field (``{"rated_at_least": "HTT"}``) or a mapping of its
fields (``{"consecutive_holds": {"honour": "CSTDCS", "n": 3}}``); ``basis``
may be given beside the fields.

A rule set is a mapping with ``id``, optional ``base`` (a shipped id),
``name``, ``instruments``, ``effective_from``, ``effective_to``,
``sources``, ``drop`` (codes) and ``rules`` (code → ``{condition, basis}``).
Errors name the path of the bad entry (``$.rules.GK.condition.all[1]``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import attrs

from thidua.errors import InvalidArgumentError, TextParseError
from thidua.honours._conditions import (
    AbsentLess,
    All,
    AnyMemberHolds,
    AnyOf,
    BenefitAtLeast,
    Condition,
    ConsecutiveAwards,
    ConsecutiveHolds,
    ConsecutiveRated,
    EveryMemberRated,
    HoldsAtAll,
    Initiatives,
    InPost,
    Meets,
    MemberShare,
    NoDiscipline,
    Not,
    NotUnderReview,
    RatedAtLeast,
    Registered,
)
from thidua.honours._rulesets import Rule, RuleSet, derive_rule_set, get_rule_set
from thidua.people import (
    parse_absence_reason,
    parse_discipline_form,
    parse_grade,
    parse_initiative_level,
)

__all__ = ["condition_from_data", "rule_set_from_data"]

# name → (class, main field, field converters)
_Converter = Callable[[object], object]


def _int(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int | str):
        msg = f"expected a whole number, got {value!r}"
        raise ValueError(msg)
    return int(value)


def _float(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        msg = f"expected a number, got {value!r}"
        raise ValueError(msg)
    return float(value)


def _codes(value: object) -> object:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, Sequence):
        msg = f"expected a list of honour codes, got {value!r}"
        raise ValueError(msg)
    return tuple(str(v) for v in items)


def _reasons(value: object) -> object:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, Sequence):
        msg = f"expected a list of reasons, got {value!r}"
        raise ValueError(msg)
    return tuple(parse_absence_reason(v) for v in items)


_COMMON: dict[str, _Converter] = {
    "grade": parse_grade,
    "level": parse_initiative_level,
    "form": parse_discipline_form,
    "n": _int,
    "count": _int,
    "span": _int,
    "days": _int,
    "months": _int,
    "including_count": _int,
    "share": _float,
    "worker": _float,
    "graduate": _float,
    "manager": _float,
    "window": _codes,
    "except_reasons": _reasons,
    "honour": str,
    "including": str,
    "basis": str,
    "members": bool,
    "total": bool,
}

_KINDS: dict[str, tuple[type[Condition], str | None]] = {
    "rated_at_least": (RatedAtLeast, "grade"),
    "meets": (Meets, "honour"),
    "consecutive_holds": (ConsecutiveHolds, None),
    "consecutive_awards": (ConsecutiveAwards, None),
    "consecutive_rated": (ConsecutiveRated, None),
    "holds_at_all": (HoldsAtAll, "honour"),
    "initiatives": (Initiatives, "level"),
    "member_share": (MemberShare, None),
    "every_member_rated": (EveryMemberRated, "grade"),
    "any_member_holds": (AnyMemberHolds, "honour"),
    "no_discipline": (NoDiscipline, "form"),
    "registered": (Registered, "honour"),
    "absent_less": (AbsentLess, "days"),
    "in_post": (InPost, "months"),
    "not_under_review": (NotUnderReview, None),
    "benefit_at_least": (BenefitAtLeast, None),
}


def _fail(path: str, reason: str) -> InvalidArgumentError:
    return InvalidArgumentError(f"rule data {path}: {reason}")


def condition_from_data(data: object, *, path: str = "$") -> Condition:
    """Build a condition tree from plain data.

    Raises:
        InvalidArgumentError: an unknown condition name, field or value; the
            message names the path.

    Examples:
        >>> c = condition_from_data({"all": [{"rated_at_least": "HTT"},
        ...                                  {"absent_less": {"days": 40, "basis": "999/QĐ-TLĐ"}}]})
        >>> [type(x).__name__ for x in c.of], c.of[1].days
        (['RatedAtLeast', 'AbsentLess'], 40)
        >>> condition_from_data({"rated_at_least": "tốt"})  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        thidua.errors.InvalidArgumentError: rule data $.rated_at_least: cannot read value 'tốt': ...
    """
    if not isinstance(data, Mapping) or len(data) != 1:
        raise _fail(path, "a condition is a mapping with one key, e.g. {rated_at_least: HTT}")
    ((name, value),) = data.items()
    here = f"{path}.{name}"
    if name in ("all", "any"):
        if not isinstance(value, Sequence) or isinstance(value, str):
            raise _fail(here, "expected a list of conditions")
        parts = tuple(condition_from_data(v, path=f"{here}[{i}]") for i, v in enumerate(value))
        return All(of=parts) if name == "all" else AnyOf(of=parts)
    if name == "not":
        return Not(of=condition_from_data(value, path=here))
    if name not in _KINDS:
        known = ", ".join(["all", "any", "not", *_KINDS])
        raise _fail(here, f"unknown condition (known: {known})")
    kind, main = _KINDS[name]
    if isinstance(value, Mapping):
        fields = dict(value)
    elif value is None:
        fields = {}
    elif main is not None:
        fields = {main: value}
    else:
        raise _fail(here, "expected a mapping of fields")
    converted: dict[str, object] = {}
    for key, raw in fields.items():
        convert = _COMMON.get(str(key))
        if convert is None or str(key) not in {f.name for f in attrs.fields(kind)}:
            raise _fail(f"{here}.{key}", f"{kind.__name__} has no field {key!r}")
        try:
            converted[str(key)] = convert(raw)
        except (TextParseError, ValueError) as exc:
            raise _fail(f"{here}.{key}" if isinstance(value, Mapping) else here, str(exc)) from None
    try:
        return kind(**converted)  # type: ignore[arg-type]
    except TypeError as exc:
        raise _fail(here, str(exc)) from None


def rule_set_from_data(data: Mapping[str, object]) -> RuleSet:
    """Build a rule set from plain data (a parsed YAML or JSON document).

    With ``base``, the set starts from that shipped set (its rules,
    instruments and dates) and ``rules`` replace or add rules, ``drop``
    removes some.

    Raises:
        InvalidArgumentError: a missing ``id``, an unknown base or a bad rule;
            the message names the path.

    Examples:
        >>> rs = rule_set_from_data({
        ...     "id": "hn-2025", "base": "vn-2025", "name": "Hà Nội",
        ...     "rules": {"GK": {"condition": {"all": [{"rated_at_least": "HTXS"},
        ...                                            {"in_post": 12}]},
        ...                      "basis": "quy chế LĐLĐ Hà Nội"}},
        ...     "drop": ["BK_TTG"]})
        >>> rs.id, "GK" in rs.rules, "BK_TTG" in rs.rules, rs.instruments[-1]
        ('hn-2025', True, False, '152/2025/NĐ-CP')
    """
    ident = data.get("id")
    if not isinstance(ident, str) or not ident:
        raise _fail("$.id", "a rule set needs an id")
    rules: list[Rule] = []
    raw_rules = data.get("rules", {})
    if not isinstance(raw_rules, Mapping):
        raise _fail("$.rules", "expected a mapping of honour code to rule")
    for code, body in raw_rules.items():
        here = f"$.rules.{code}"
        if not isinstance(body, Mapping) or "condition" not in body:
            raise _fail(here, "a rule is a mapping with a condition (and a basis)")
        condition = condition_from_data(body["condition"], path=f"{here}.condition")
        rules.append(Rule(honour=str(code), condition=condition, basis=str(body.get("basis", ""))))
    changes: dict[str, object] = {}
    for key in ("name", "effective_from", "effective_to"):
        if key in data:
            changes[key] = data[key]
    for key in ("instruments", "sources"):
        if key in data:
            changes[key] = _codes(data[key])
    drop = _codes(data.get("drop", ()))
    base_id = data.get("base")
    try:
        if base_id is not None:
            base = get_rule_set(str(base_id))
            return derive_rule_set(base, id=ident, rules=rules, drop=drop, **changes)  # type: ignore[arg-type]
        if "effective_from" not in changes:
            raise _fail("$.effective_from", "a rule set without a base needs effective_from")
        return RuleSet(id=ident, rules=rules, **changes)  # type: ignore[arg-type]
    except (TextParseError, ValueError, TypeError) as exc:
        if isinstance(exc, InvalidArgumentError):
            raise
        raise _fail("$", str(exc)) from None
