"""Vietnamese document symbols (số, ký hiệu văn bản): ``80/KH-LĐLĐ``, ``98/2023/NĐ-CP``.

A symbol is ``number/TYPE-ISSUER`` (a plan, a decision, a guidance of a
union), ``number/year/TYPE-ISSUER`` (a legal instrument: decree, circular),
``number/year/QH15`` (a law of the 15th National Assembly) or
``number/ISSUER-UNIT`` (an official letter, công văn, drafted by a unit of
the issuer: ``4173/TLĐ-ToC``).  :func:`parse_symbol` reads the parts;
:attr:`DocumentSymbol.key` is a comparison key in which the diacritic-stripped
spelling (``80/KH-LDLD``, ``QD``, ``ND-CP``), the case, the spaces and the
leading zeros of the number do not matter.

Numbers restart every year, so the key of a symbol without a written year
needs the year of issue from elsewhere (its decision date):
:func:`document_key` takes it.

Examples:
    >>> s = parse_symbol("98/2023/NĐ-CP")
    >>> s.number, s.year, s.type, s.issuer, s.suffix
    (98, 2023, 'NĐ', 'CP', 'NĐ-CP')
    >>> parse_symbol("80/KH-LDLD").key == parse_symbol("80/KH-LĐLĐ").key
    True
    >>> document_key("1234/QĐ-TLĐ", year=2024)
    'QD-TLD/2024/1234'

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import re
import unicodedata

import attrs

from thidua._source import Pointer
from thidua._text import nfc
from thidua.errors import TextParseError
from thidua.problems import AwardCode, Problem, problem

__all__ = [
    "DOCUMENT_TYPES",
    "DocumentSymbol",
    "DocumentSymbolError",
    "document_key",
    "fold_symbol",
    "parse_symbol",
    "symbol_problem",
]

DOCUMENT_TYPES: dict[str, str] = {
    "NQ": "nghị quyết (resolution)",
    "QĐ": "quyết định (decision)",
    "CT": "chỉ thị (directive)",
    "QC": "quy chế (regulation)",
    "QyĐ": "quy định (rules)",
    "TB": "thông báo (notice)",
    "HD": "hướng dẫn (guidance)",
    "CTr": "chương trình (programme)",
    "KH": "kế hoạch (plan)",
    "PA": "phương án (scheme)",
    "ĐA": "đề án (project)",
    "BC": "báo cáo (report)",
    "BB": "biên bản (minutes)",
    "TTr": "tờ trình (submission)",
    "CV": "công văn (official letter)",
    "NĐ": "nghị định (decree)",
    "TT": "thông tư (circular)",
    "TTLT": "thông tư liên tịch (joint circular)",
    "L": "luật (law)",
    "PL": "pháp lệnh (ordinance)",
    "HĐ": "hợp đồng (contract)",
    "GM": "giấy mời (invitation)",
    "GUQ": "giấy ủy quyền (power of attorney)",
}
"""The document-type abbreviations recognised in a symbol, with their meaning.

Types are matched as written, then on their folded form (``QD`` is ``QĐ``), so
the table is the spelling shown, not a restriction on input diacritics.  Two
types fold alike, ``HD`` (guidance) and ``HĐ`` (contract): written without
diacritics, ``HD`` is read as guidance, and their keys are the same.
"""


class DocumentSymbolError(TextParseError):
    """A document symbol that cannot be read (``"80-KH"``, ``"/QĐ-TLĐ"``).

    Examples:
        >>> str(DocumentSymbolError("KH-LĐLĐ", "no number before '/'"))
        "cannot read document symbol 'KH-LĐLĐ': no number before '/'"

    .. versionadded:: 0.3.0
    """

    what = "document symbol"
    default_reason = "expected number/TYPE-ISSUER, e.g. 80/KH-LĐLĐ or 98/2023/NĐ-CP"


def fold_symbol(text: str) -> str:
    """Return *text* folded for comparison: no diacritics, ``Đ`` as ``D``, upper case.

    Examples:
        >>> fold_symbol("QĐ-LĐLĐ"), fold_symbol("nđ-cp"), fold_symbol("QyĐ")
        ('QD-LDLD', 'ND-CP', 'QYD')
    """
    text = text.replace("\u0110", "D").replace("\u0111", "d").replace("\u00d0", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(stripped.split()).upper()


_TYPES_BY_FOLD: dict[str, str] = {}
for _type in DOCUMENT_TYPES:  # the first listed wins a folded clash: HD (guidance) over HĐ
    _TYPES_BY_FOLD.setdefault(fold_symbol(_type), _type)
_NUMBER = re.compile(r"\d{1,6}")
_YEAR = re.compile(r"\d{4}")
_PART = re.compile(r"[^\W_][\w.&]*")  # letters and digits, with '.' and '&' inside


@attrs.frozen(kw_only=True)
class DocumentSymbol:
    """The parts of a document symbol (số, ký hiệu).

    Attributes:
        text: the symbol as given, NFC-normalised and with spaces removed.
        number: the document number (``6`` for ``06/2022/QH15``).
        year: the year when written in the symbol (legal instruments), else ``None``.
        type: the document-type abbreviation (``KH``, ``QĐ``, ``NĐ``, ``TT``, ``HD``
            …) in its canonical spelling, or ``None`` for an official letter and a
            law (``06/2022/QH15``), whose symbol names no type.
        issuer: the issuing body (``LĐLĐ``, ``TLĐ``, ``CP``, ``BNV``, ``QH15``).
        unit: the drafting unit of an official letter (``ToC`` in
            ``4173/TLĐ-ToC``), else ``None``.

    Examples:
        >>> parse_symbol("4173/TLĐ-ToC")
        DocumentSymbol(text='4173/TLĐ-ToC', number=4173, year=None, type=None,
                       issuer='TLĐ', unit='ToC')

    .. versionadded:: 0.3.0
    """

    text: str
    number: int
    year: int | None = None
    type: str | None = None
    issuer: str
    unit: str | None = None

    @property
    def suffix(self) -> str:
        """The part after the number and year (``KH-LĐLĐ``, ``NĐ-CP``, ``QH15``).

        Examples:
            >>> parse_symbol("02/2023/TT-BNV").suffix
            'TT-BNV'
        """
        parts = [p for p in (self.type, self.issuer, self.unit) if p]
        return "-".join(parts)

    @property
    def key(self) -> str:
        """A comparison key: folded suffix, year (``?`` when not written) and number.

        Examples:
            >>> parse_symbol("06/2022/QH15").key
            'QH15/2022/6'
            >>> parse_symbol("80/kh-ldld").key == parse_symbol("80/KH-LĐLĐ").key
            True
        """
        return f"{fold_symbol(self.suffix)}/{self.year if self.year else '?'}/{self.number}"


def parse_symbol(text: str) -> DocumentSymbol:
    """Read a document symbol into its parts.

    Spaces are ignored, the text is NFC-normalised and ``Ð`` (U+00D0) read as
    ``Đ``; the type is recognised with or without diacritics (``QD``, ``ND``)
    and given back in its canonical spelling (``QĐ``, ``NĐ``).

    Args:
        text: the symbol, e.g. ``80/KH-LĐLĐ``, ``1234/QĐ-TLĐ``, ``06/2022/QH15``,
            ``152/2025/NĐ-CP``.

    Returns:
        The parsed :class:`DocumentSymbol`.

    Raises:
        DocumentSymbolError: the text has no number, no issuer, an impossible
            year, or characters a symbol cannot hold.

    Examples:
        >>> s = parse_symbol("80/KH-LĐLĐ")
        >>> s.number, s.type, s.issuer
        (80, 'KH', 'LĐLĐ')
        >>> parse_symbol("999/QD-TLD").type
        'QĐ'
        >>> parse_symbol("06/2022/QH15").issuer
        'QH15'
        >>> parse_symbol("KH-LĐLĐ")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        thidua.documents.DocumentSymbolError: cannot read document symbol 'KH-LĐLĐ': ...
    """
    if not isinstance(text, str):
        raise DocumentSymbolError(str(text), "a document symbol is text")
    clean = "".join(nfc(text).replace("\u00d0", "\u0110").split())
    clean = re.sub("[\u2010-\u2015\u2212]", "-", clean)
    if not clean:
        raise DocumentSymbolError(text, "the symbol is empty")
    pieces = clean.split("/")
    if len(pieces) not in (2, 3):
        raise DocumentSymbolError(text)
    if not _NUMBER.fullmatch(pieces[0]):
        raise DocumentSymbolError(text, "no number before '/'")
    year: int | None = None
    if len(pieces) == 3:
        if not _YEAR.fullmatch(pieces[1]) or not 1945 <= int(pieces[1]) <= 2999:
            raise DocumentSymbolError(text, f"{pieces[1]!r} is not a year of issue")
        year = int(pieces[1])
    parts = pieces[-1].split("-")
    if not all(_PART.fullmatch(p) for p in parts):
        raise DocumentSymbolError(text, f"{pieces[-1]!r} is not TYPE-ISSUER")
    doc_type = None
    if len(parts) > 1:
        doc_type = (
            parts[0] if parts[0] in DOCUMENT_TYPES else _TYPES_BY_FOLD.get(fold_symbol(parts[0]))
        )
    if doc_type is not None:
        issuer, unit = parts[1], "-".join(parts[2:]) or None
    else:
        issuer, unit = parts[0], "-".join(parts[1:]) or None
    return DocumentSymbol(
        text=clean, number=int(pieces[0]), year=year, type=doc_type, issuer=issuer, unit=unit
    )


def document_key(text: str, *, year: int | None = None) -> str:
    """Return the comparison key of a symbol, using *year* when the symbol has none.

    Numbers restart each year, so ``80/KH-LĐLĐ`` of 2023 and of 2024 are two
    documents: pass the year of the decision date.

    Raises:
        DocumentSymbolError: the symbol cannot be read.

    Examples:
        >>> document_key("80/KH-LDLD", year=2023) == document_key("80/KH-LĐLĐ", year=2023)
        True
        >>> document_key("98/2023/ND-CP", year=2024)  # the written year wins
        'ND-CP/2023/98'
    """
    symbol = parse_symbol(text)
    if symbol.year is None and year is not None:
        symbol = attrs.evolve(symbol, year=year)
    return symbol.key


def symbol_problem(
    text: str, *, subject: str | None = None, pointer: Pointer | None = None
) -> Problem | None:
    """Return the ``A001`` problem for an unreadable symbol, or ``None`` when it reads.

    For collecting readers: one problem per bad cell, never an exception.

    Examples:
        >>> symbol_problem("80/KH-LĐLĐ") is None
        True
        >>> print(symbol_problem("80-KH", subject="AW1"))  # doctest: +ELLIPSIS
        A001 error: AW1: cannot read document symbol '80-KH': expected ...
    """
    try:
        parse_symbol(text)
    except DocumentSymbolError as exc:
        owner = f"{subject}: " if subject else ""
        return problem(
            AwardCode.UNREADABLE_DOCUMENT_SYMBOL, f"{owner}{exc}", subject=subject, pointer=pointer
        )
    return None
