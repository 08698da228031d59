"""Finding units by name as users type them: with or without diacritics, whole or in part.

A query typed with diacritics (``Hoàn Kiếm``) matches names whose folded key
(:func:`thidua._text.name_key`) is the same; a query typed without any
(``hoan kiem``) matches names whose key is the same once diacritics are
stripped from both sides (``đ`` read as ``d``).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import unicodedata

import attrs

from thidua._text import name_key

__all__ = ["NameQuery", "strip_diacritics"]

_D = str.maketrans({"đ": "d", "Đ": "D"})


def strip_diacritics(text: str) -> str:
    """*text* without tone marks and vowel marks, ``đ`` as ``d`` (for matching only).

    Examples:
        >>> strip_diacritics("Liên đoàn Lao động quận Hoàn Kiếm")
        'Lien doan Lao dong quan Hoan Kiem'
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare)


@attrs.frozen
class NameQuery:
    """A name as typed, ready to be compared with folded name keys.

    Attributes:
        key: the query's folded key (diacritics stripped when it has none).
        accents: whether the query was typed with diacritics.
        partial: match names that contain the query, not only equal names.

    Examples:
        >>> q = NameQuery.of("hoan kiem", partial=True)
        >>> q.matches(name_key("Liên đoàn Lao động quận Hoàn Kiếm"))
        True
        >>> NameQuery.of("Hoan Kiếm").matches(name_key("Hoàn Kiếm"))
        False
    """

    key: str
    accents: bool
    partial: bool = False

    @classmethod
    def of(cls, text: str, *, partial: bool = False) -> NameQuery:
        """The query for *text* as typed."""
        key = name_key(text)
        bare = strip_diacritics(key)
        return cls(key if bare != key else bare, bare != key, partial)

    def matches(self, key: str) -> bool:
        """Whether a name with the folded *key* matches the query."""
        candidate = key if self.accents else strip_diacritics(key)
        return self.key in candidate if self.partial else self.key == candidate
