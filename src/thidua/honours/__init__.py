"""Honours: the catalogue, rule sets by legal instrument and the eligibility engine.

.. versionadded:: 0.3.0
"""

from __future__ import annotations

from thidua.honours._catalogue import (
    Catalogue,
    CommendationType,
    Honour,
    HonourKind,
    Recipient,
    extend_catalogue,
    load_catalogue,
)

__all__ = [
    "Catalogue",
    "CommendationType",
    "Honour",
    "HonourKind",
    "Recipient",
    "extend_catalogue",
    "load_catalogue",
]
