"""Numbers as Vietnamese reports write them: ``1.585``, ``1,5``, ``564 triệu``, ``31/20 (155%)``.

In Vietnamese, ``.`` groups thousands and ``,`` is the decimal mark, the
reverse of English.  :func:`parse_number` reads both conventions, scale words
(*nghìn*, *triệu*, *tỷ*) and unit words; :func:`parse_actual_plan` reads an
"actual / plan (percent)" cell and checks that the percentage agrees;
:func:`format_number_vi` writes a number back the Vietnamese way.

.. warning::
   ``"1.500"`` is **one thousand five hundred** in the default ``"auto"``
   style: a text that is digits grouped by dots in threes is always read as
   thousands-grouped.  A machine-written decimal with exactly three decimals
   (``1.500`` meaning 1.5) is therefore misread; pass ``style="en"`` for
   columns written by software in the English convention.

Examples:
    >>> parse_number("1.585"), parse_number("1,5"), parse_number("564 triệu đồng")
    (1585.0, 1.5, 564000000.0)
    >>> parse_actual_plan("6.257/6.000 (104%)").ratio
    1.0428333333333333
    >>> format_number_vi(1585.25, 2)
    '1.585,25'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Literal

import attrs

from thidua._text import nfc
from thidua.errors import ValueParseError

__all__ = [
    "ActualPlan",
    "MeasureKind",
    "NumberStyle",
    "NumberWords",
    "format_number_vi",
    "measure_kind",
    "number_words",
    "parse_actual_plan",
    "parse_number",
    "words_misfit",
]

NumberStyle = Literal["auto", "vi", "en"]
"""How :func:`parse_number` reads ``.`` and ``,``: ``"auto"``, ``"vi"`` or ``"en"``."""

_SCALES = {
    "nghìn": 10**3,
    "ngàn": 10**3,
    "triệu": 10**6,
    "tỷ": 10**9,
    "tỉ": 10**9,
}
_UNITS = ("đồng", "vnđ", "vnd", "người", "đ")
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
_SPACE_GROUPS = re.compile(r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?", re.ASCII)
_VI = re.compile(r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?", re.ASCII)
_EN = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", re.ASCII)
# Thousands groups never start with a zero group: "0.001" is a machine decimal.
_DOT_GROUPS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+", re.ASCII)
_COMMA_GROUPS = re.compile(r"\d{1,3}(?:,\d{3}){2,}", re.ASCII)


def _strip_words(text: str) -> tuple[str, int]:
    """Remove a trailing percent sign, or a unit word then a scale word; return the factor."""
    if text.endswith("%"):
        return text[:-1].rstrip(), 1
    for unit in _UNITS:
        if text.endswith(unit):
            text = text[: -len(unit)].rstrip()
            break
    for word, factor in _SCALES.items():
        if text.endswith(word):
            return text[: -len(word)].rstrip(), factor
    return text, 1


def _auto_style(core: str) -> NumberStyle:
    """Pick the convention of an unsigned numeral for ``style="auto"``."""
    if "," in core and "." in core:
        return "vi" if core.rfind(",") > core.rfind(".") else "en"
    if "." in core:
        # "1.585" / "12.000.000": thousands groups; "0.75" / "1585.0": a machine decimal.
        return "vi" if _DOT_GROUPS.fullmatch(core) or core.count(".") > 1 else "en"
    # "1,585" is the decimal 1.585; only "1,585,000" is unambiguously English.
    return "en" if _COMMA_GROUPS.fullmatch(core) else "vi"


def parse_number(text: str, *, style: NumberStyle = "auto") -> float:
    """Read a number as written in a Vietnamese report or spreadsheet cell.

    Rules (``style="vi"``): ``.`` groups thousands in threes, ``,`` is the
    decimal mark; spaces and no-break spaces also group thousands
    (``1 585``).  A leading ``-`` (or ``−``) or ``+`` is a sign.  A trailing
    ``%`` is dropped **without** dividing by 100 (``"1,0%"`` is ``1.0``).  A
    trailing unit word (*đồng*, *đ*, *VND*, *VNĐ*, *người*) is ignored and a
    scale word multiplies: *nghìn*/*ngàn* by 10³, *triệu* by 10⁶, *tỷ*/*tỉ*
    by 10⁹ (``"2.000 tỷ đồng"`` is 2·10¹²).

    ``style="en"`` swaps the two marks (``"1,585.5"``).  ``style="auto"``
    (the default) reads Vietnamese except where the text can only be
    English or is a plain machine decimal:

    * dots grouping digits in threes (``1.585``, ``12.000.000``) are
      thousands: **"1.500" is 1500, never 1.5**;
    * any other single dot (``0.75``, ``1.5``, ``1585.0``) is a decimal point;
    * a single comma is a decimal mark (``"1,585"`` is 1.585);
    * both marks: the last one is the decimal mark (``1.585,25``,
      ``1,585.25``); several commas grouping in threes are English
      thousands (``1,585,000``).

    Args:
        text: the cell text.
        style: ``"auto"``, ``"vi"`` or ``"en"``.

    Returns:
        The value as a float; use ``.is_integer()`` to tell counts from amounts.

    Raises:
        ValueParseError: the text is empty or is not a number in the style.

    Examples:
        >>> parse_number("1.585,25"), parse_number("12.000.000"), parse_number("-3")
        (1585.25, 12000000.0, -3.0)
        >>> parse_number("1,0%"), parse_number("1\u00a0585 người"), parse_number("2.000 tỷ đồng")
        (1.0, 1585.0, 2000000000000.0)
        >>> parse_number("0.75"), parse_number("1.500"), parse_number("1,585")
        (0.75, 1500.0, 1.585)
        >>> parse_number("1,585.5", style="en"), parse_number("1.5", style="en")
        (1585.5, 1.5)
        >>> parse_number("1.5", style="vi")
        Traceback (most recent call last):
        ...
        thidua.errors.ValueParseError: cannot read number '1.5': not a Vietnamese-style number ...
    """
    body = _SPACES.sub(" ", nfc(text)).strip().casefold()
    if not body:
        raise ValueParseError(text, "the text is empty")
    body, factor = _strip_words(body)
    stray = re.search(r"[^0-9.,+\-\u2212 ]", body)
    if stray or not re.search(r"[0-9]", body):
        found = f"unexpected {stray.group()!r}" if stray else "no digits"
        reason = f"{found}; expected digits with '.' and ',', a sign, then %, a scale or a unit"
        raise ValueParseError(text, reason)
    sign = -1 if body[:1] in ("-", "\u2212") else 1
    body = body[1:].lstrip() if body[:1] in ("-", "\u2212", "+") else body
    if " " in body:
        if not _SPACE_GROUPS.fullmatch(body):
            raise ValueParseError(text, "spaces may only group thousands in threes (1 585)")
        body = body.replace(" ", "")
    used = _auto_style(body) if style == "auto" else style
    if used == "vi":
        if not _VI.fullmatch(body):
            reason = "not a Vietnamese-style number ('.' groups thousands, ',' is the decimal)"
            raise ValueParseError(text, reason)
        plain = body.replace(".", "").replace(",", ".")
    elif used == "en":
        if not _EN.fullmatch(body):
            reason = "not an English-style number (',' groups thousands, '.' is the decimal)"
            raise ValueParseError(text, reason)
        plain = body.replace(",", "")
    else:
        msg = f"style must be 'auto', 'vi' or 'en', not {style!r}"
        raise ValueError(msg)
    return float(sign * Decimal(plain) * factor)


@attrs.frozen(kw_only=True)
class ActualPlan:
    """An achieved figure against its plan, as in ``6.257/6.000 (104%)``.

    Attributes:
        actual: the achieved figure (thực hiện).
        plan: the planned figure (kế hoạch, chỉ tiêu), ``None`` when not written.
        percent: the percentage **as written** in the text, ``None`` when absent.

    Examples:
        >>> ap = ActualPlan(actual=31.0, plan=20.0, percent=155.0)
        >>> ap.ratio
        1.55
    """

    actual: float
    plan: float | None = None
    percent: float | None = None

    @property
    def ratio(self) -> float | None:
        """``actual / plan``; ``None`` when there is no plan or the plan is 0.

        Examples:
            >>> ActualPlan(actual=5.0, plan=0.0).ratio is None
            True
        """
        if self.plan is None or self.plan == 0:
            return None
        return self.actual / self.plan


_ACTUAL_PLAN = re.compile(r"(?P<actual>[^/()]+?)(?:/(?P<plan>[^/()]+?))?(?:\((?P<pct>[^()]*)\))?")


def parse_actual_plan(text: str, *, style: NumberStyle = "auto") -> ActualPlan:
    """Read an "actual/plan (percent)" cell: ``6.257/6.000 (104%)``, ``31/20``, ``6.257``.

    ``x/y`` is always (actual, plan), never a date nor a fraction.  Each
    number is read by :func:`parse_number` with *style*.  When a percentage
    and a non-zero plan are both written, the percentage must agree with
    ``100 * actual / plan`` within 1 percentage point (rounding); the
    written value is kept in :attr:`ActualPlan.percent`.

    Args:
        text: the cell text.
        style: the number style, as for :func:`parse_number`.

    Returns:
        The record.

    Raises:
        ValueParseError: a part is not a number, the percentage lacks its
            ``%``, or the percentage disagrees with actual and plan.

    Examples:
        >>> parse_actual_plan("855/492 (173,8%)")
        ActualPlan(actual=855.0, plan=492.0, percent=173.8)
        >>> parse_actual_plan("31 / 20 (155 %)").ratio, parse_actual_plan("6.257").plan
        (1.55, None)
        >>> parse_actual_plan("6.257/6.000 (150%)")
        Traceback (most recent call last):
        ...
        thidua.errors.ValueParseError: cannot read number '6.257/6.000 (150%)': the written 150% ...
    """
    body = _SPACES.sub(" ", nfc(text)).strip()
    if body.count("/") > 1:
        raise ValueParseError(text, "more than one '/': a cell holds one actual/plan pair")
    match = _ACTUAL_PLAN.fullmatch(body)
    if match is None:
        reason = "expected 'actual', 'actual/plan' or 'actual/plan (percent%)'"
        raise ValueParseError(text, reason)

    def read(part: str, name: str) -> float:
        try:
            return parse_number(part, style=style)
        except ValueParseError as exc:
            raise ValueParseError(text, f"the {name} {part.strip()!r}: {exc.reason}") from None

    actual = read(match["actual"], "actual")
    plan = None if match["plan"] is None else read(match["plan"], "plan")
    percent = None
    if match["pct"] is not None:
        if not match["pct"].strip().endswith("%"):
            raise ValueParseError(text, "the percentage in brackets must end with '%'")
        percent = read(match["pct"], "percentage")
    if percent is not None and plan is not None:
        if plan == 0:
            raise ValueParseError(text, "a percentage of a zero plan is undefined")
        computed = 100 * actual / plan
        if abs(computed - percent) > 1:
            reason = (
                f"the written {match['pct'].strip()} does not match actual/plan "
                f"= {computed:.1f}% (allowed difference: 1 percentage point)"
            )
            raise ValueParseError(text, reason)
    return ActualPlan(actual=actual, plan=plan, percent=percent)


def format_number_vi(value: float, decimals: int = 0) -> str:
    """Write a number the Vietnamese way: ``.`` between thousands, ``,`` before decimals.

    The value is rounded to *decimals* places (half to even, as :func:`format`);
    a result that rounds to zero carries no minus sign.
    ``parse_number(format_number_vi(x, d))`` gives back ``x`` rounded to *d*
    places, in any style but ``"en"``.

    Args:
        value: a finite number.
        decimals: the number of decimal places, 0 or more.

    Returns:
        The text.

    Raises:
        ValueError: *value* is not finite or *decimals* is negative.

    Examples:
        >>> format_number_vi(1585), format_number_vi(1585.25, 2), format_number_vi(-12000)
        ('1.585', '1.585,25', '-12.000')
        >>> format_number_vi(0.5, 1), format_number_vi(-0.4)
        ('0,5', '0')
    """
    if not math.isfinite(value):
        msg = f"cannot format {value!r}: the value is not finite"
        raise ValueError(msg)
    if decimals < 0:
        msg = f"decimals must be 0 or more, got {decimals}"
        raise ValueError(msg)
    english = f"{value:,.{decimals}f}"
    if english.startswith("-") and float(english[1:].replace(",", "")) == 0:
        english = english[1:]
    return english.translate(str.maketrans(",.", ".,"))


@attrs.frozen
class NumberWords:
    """The words around a number cell, as :func:`parse_number` strips them.

    Attributes:
        percent: the text ends with ``%``.
        unit: the unit word (``đồng``, ``vnđ``, ``vnd``, ``đ``, ``người``), or ``""``.
        scale: the scale word (``nghìn``, ``ngàn``, ``triệu``, ``tỷ``, ``tỉ``), or ``""``.

    Examples:
        >>> number_words("564 triệu đồng")
        NumberWords(percent=False, unit='đồng', scale='triệu')

    .. versionadded:: 0.2.0
    """

    percent: bool = False
    unit: str = ""
    scale: str = ""

    def __bool__(self) -> bool:
        return self.percent or bool(self.unit or self.scale)


def number_words(text: str) -> NumberWords:
    """Which percent sign, unit word and scale word a number cell carries.

    Examples:
        >>> bool(number_words("1.585")), number_words("50%").percent, number_words("3 tỷ").scale
        (False, True, 'tỷ')

    .. versionadded:: 0.2.0
    """
    body = _SPACES.sub(" ", nfc(text)).strip().casefold()
    if body.endswith("%"):
        return NumberWords(percent=True)
    unit = next((u for u in _UNITS if body.endswith(u)), "")
    if unit:
        body = body[: -len(unit)].rstrip()
    scale = next((w for w in _SCALES if body.endswith(w)), "")
    return NumberWords(unit=unit, scale=scale)


MeasureKind = Literal["money", "percent", "people", "count", "other"]
"""What an indicator's unit of measure is, for checking the words of its cells."""

_MONEY = frozenset({"vnd", "vnđ", "đ", "đồng"})
_COUNTS = frozenset(
    {
        "người",
        "lượt",
        "lượt người",
        "người lao động",
        "đoàn viên",
        "cđcs",
        "công đoàn",
        "công đoàn cơ sở",
        "nghiệp đoàn",
        "đơn vị",
        "doanh nghiệp",
        "cơ sở",
        "tổ",
        "tổ chức",
        "tập thể",
        "cá nhân",
        "hộ",
        "suất",
        "phần quà",
        "căn",
        "lớp",
        "bản",
        "thỏa ước",
        "thoả ước",
        "cuộc",
        "hội nghị",
        "sáng kiến",
        "đề tài",
        "giải pháp",
        "công trình",
        "phần việc",
    }
)


def measure_kind(unit: str) -> MeasureKind:
    """Classify a unit of measure: money, percent, people, another count, or other.

    Money is ``VND``, ``đồng`` or any unit naming ``đồng`` (``triệu đồng``);
    people are units naming ``người``; counts are the usual things counted
    in union reports (``CĐCS``, ``bản``, ``cuộc``, ``hội nghị``, ``sáng
    kiến``, ``công trình`` …).  Anything else (``điểm``, ``giờ``, an empty
    unit) is ``"other"`` and is not checked.

    Examples:
        >>> [measure_kind(u) for u in ("VND", "triệu đồng", "%", "người", "CĐCS", "điểm")]
        ['money', 'money', 'percent', 'people', 'count', 'other']

    .. versionadded:: 0.2.0
    """
    key = _SPACES.sub(" ", nfc(unit)).strip().casefold()
    if key in _MONEY or "đồng" in key.split():
        return "money"
    if key == "%":
        return "percent"
    if "người" in key.split():
        return "people"
    return "count" if key in _COUNTS else "other"


def words_misfit(words: NumberWords, unit: str) -> str:
    """Why the words of a number cell do not fit an indicator's *unit* ("" when they fit).

    A percent sign fits only ``%``; a money word only money; ``người`` only
    people; a scale word (*nghìn*, *triệu*, *tỷ*) only money.  Units of kind
    ``"other"`` accept anything.

    Examples:
        >>> words_misfit(number_words("3 tỷ"), "người")
        "the scale word 'tỷ' multiplies it"
        >>> words_misfit(number_words("564 triệu đồng"), "VND")
        ''

    .. versionadded:: 0.2.0
    """
    kind = measure_kind(unit)
    if kind == "other" or not words:
        return ""
    reasons: list[str] = []
    if words.percent and kind != "percent":
        reasons.append("a percent sign is dropped")
    if words.unit == "người" and kind != "people":
        reasons.append("the unit word 'người' counts people")
    elif words.unit and words.unit != "người" and kind != "money":
        reasons.append(f"the money word {words.unit!r} names an amount")
    if words.scale and kind != "money":
        reasons.append(f"the scale word {words.scale!r} multiplies it")
    return "; ".join(reasons)
