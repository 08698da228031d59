"""Name keys of many names at once, for the same-name sibling check (H011).

:func:`~thidua._text.name_key` costs a few string passes and a regular
expression per name; over 150,000 names the Python calls dominate.  Two
bulk helpers replace it:

* :func:`coarse_keys` gives every name a cheap key that is a function of its
  name key (equal name keys always give equal coarse keys): the ASCII
  letters and digits of the case-folded, decomposed name, without spaces.
  Dropping every accent and space makes it blind to the tone placement and
  the whitespace that the name key folds.  Names whose coarse key is unique
  cannot read the same as any other.
* :func:`name_keys` gives the exact name keys of the few names left.

Both work on the names joined by ``NUL`` in a handful of passes over one
string: every step works within a name and never across a character that is
not a letter, a mark or a space (NFC composes marks onto letters only, case
folding maps one character at a time, the tone rule looks at letters only).
Names that themselves contain ``NUL`` are keyed one by one (and their
coarse key is then the name key itself).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from thidua._text import name_key, nul_joined

_SEP = "\x00"
_ASCII_SPACE = b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "
"""The ASCII characters :meth:`str.isspace` accepts."""


_CHUNK = 4096
"""Names joined and folded at a time: Python's case folding and normalisation allocate
up to twelve bytes per character of their input, so 150,000 names at once would take
100 MB (and its page faults) for a moment; a few thousand take a few MB, used again."""


def _chunks(names: Sequence[str]) -> list[Sequence[str]]:
    return [names[i : i + _CHUNK] for i in range(0, len(names), _CHUNK)]


def coarse_keys(names: Sequence[str]) -> list[bytes]:
    """A key per name, equal for any two names whose :func:`name_key` is equal.

    Examples:
        >>> coarse_keys(["  Ứng  Hòa ", "ỨNG HOÀ", "Ứng Hoà", "Đống Đa", ""])
        [b'unghoa', b'unghoa', b'unghoa', b'onga', b'']
        >>> len(coarse_keys(["Hà Nội"] * 10_000)) == 10_000
        True
    """
    if len(names) > _CHUNK:
        return [key for chunk in _chunks(names) for key in coarse_keys(chunk)]
    if not names:
        return []
    joined = nul_joined(names)
    if joined is None:  # the name keys themselves are a (fine) coarse key
        return [name_key(n).encode("utf-8") for n in names]
    if not unicodedata.is_normalized("NFC", joined):
        joined = unicodedata.normalize("NFC", joined)
    # Decomposed, every accent is a combining mark, dropped with all non-ASCII text.
    folded = unicodedata.normalize("NFD", joined.casefold())
    return folded.encode("ascii", "ignore").translate(None, _ASCII_SPACE).split(b"\x00")


def name_keys(names: Sequence[str]) -> list[str]:
    """``[name_key(n) for n in names]``, computed over the joined names.

    Whitespace is folded over the whole joined text, so a ``NUL`` may get one
    space on either side; those are removed.

    Examples:
        >>> names = ["  Ứng  Hòa ", "ỨNG HOÀ", "", " ", "Thuỷ"]
        >>> name_keys(names) == [name_key(n) for n in names]
        True
        >>> name_keys([])
        []
    """
    if len(names) > _CHUNK:
        return [key for chunk in _chunks(names) for key in name_keys(chunk)]
    if not names:
        return []
    joined = nul_joined(names)
    if joined is None:
        return [name_key(n) for n in names]
    key = name_key(joined).replace(" " + _SEP, _SEP).replace(_SEP + " ", _SEP)
    return key.split(_SEP)
