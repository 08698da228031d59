"""The failure classes known today, each with the issue item that fixes it.

The short pass (``test_fuzz_short.py``) marks a reader ``xfail`` while one
of these classes still shows in it, and fails on any class not listed here.
When a fix is merged, delete its entry: the reader's test must then pass.
"""

from __future__ import annotations

import re

__all__ = ["KNOWN", "READERS", "known_class"]

KNOWN: dict[str, tuple[str, str]] = {
    # name: (regular expression on the failure signature, why it is known)
    "json-deep": (
        r"RecursionError in thidua\.io\._json:_loads",
        "JSON nested 100,000 deep: RecursionError in json (issue 11 §1)",
    ),
    "json-huge-int": (
        r"ValueError in thidua\.io\._json:_loads \(raised in json\.decoder",
        "JSON integer past 4,300 digits: ValueError from int() (issue 11 §1)",
    ),
    "duplicate-keys": (
        r"loss: \S+: duplicate key",
        "duplicate keys keep the last value silently, in YAML and in JSON (issue 11 §3)",
    ),
    "yaml-deep": (
        r"(RecursionError in thidua\.io\._json:read_yaml|hang in thidua\.io\._json:read_yaml)",
        "YAML nested thousands deep: RecursionError or minutes in PyYAML (issue 11 §1)",
    ),
    "yaml-huge-int": (
        (
            r"ValueError in thidua\.io\.(_json:read_yaml \(raised in yaml\.constructor"
            r"|_converter:_subject)"
        ),
        "YAML integer or hex id past 4,300 digits: ValueError (issue 11 §1)",
    ),
    "corrupt-workbook": (
        (
            r"(in thidua\.io\._excel:read_excel|in thidua\.(io\._tabular|figures\._read):\w+ "
            r"\(raised in (openpyxl|xml|zipfile|zlib))"
        ),
        "corrupt workbooks and bad cell references escape from openpyxl (issue 11 §1)",
    ),
    "huge-used-range": (
        r"hang in thidua\.(io\._tabular|figures\._read)",
        "a workbook with one cell at XFD1048576: every empty cell converted (issue 11 §2)",
    ),
    "duplicate-tables": (
        r"loss: \w+: (file|sheet) named like another",
        "units.csv beside UNITS.CSV, sheets 'units' and 'Units ': one is ignored (issue 11 §3)",
    ),
    "excel-round-trip": (
        r"loss: [\w.]+: excel round trip",
        "Excel: \\r read back as \\n, text past 32,767 characters cut (issue 11 §3)",
    ),
    "csv-round-trip": (
        r"loss: [\w.]+: csv round trip",
        "CSV: a cell holding \\r is written unquoted and splits (issue 11 §3)",
    ),
    "text-round-trip": (
        r"loss: [\w.]+: (yaml|json) round trip",
        (
            "YAML turns U+0085 (NEL) into a space or line break (new); NFD metadata comes "
            "back NFC (issue 11 §3)"
        ),
    ),
    "surrogate-text": (
        r"crash: UnicodeEncodeError in thidua\.io\.",
        "writers raise UnicodeEncodeError on a lone surrogate (\\ud800), not FormatError (new)",
    ),
    "rank-overflow": (
        r"OverflowError in thidua\.hierarchy",
        "a level rank past int64 overflows the hierarchy index (issue 11 §1)",
    ),
    "year-9999": (
        r"OverflowError in thidua\.(periods|_dates|rollup|validation|lineage|snapshot|hierarchy)",
        "a period or date in 9999 overflows pendulum (issue 11 §1)",
    ),
    "deep-tree": (
        r"cli_tree (hang|crash)\b.*(thidua\._graph|thidua\.cli|thidua\.snapshot)",
        "thidua tree on a 1,000-level chain: quadratic, then RecursionError (issue 11 §1, §2)",
    ),
    "quadratic-checks": (
        r"hang in thidua\.(validation|problems)",
        "n² duplicate-name and overlapping-link problems (issue 11 §2)",
    ),
    "rollup-period-9999": (
        r"cli_rollup crash: OverflowError",
        "thidua rollup --period 9999-12-31: OverflowError (issue 11 §1)",
    ),
}

READERS: dict[str, tuple[str, ...]] = {
    "csv_dir": ("duplicate-tables", "csv-round-trip", "surrogate-text"),
    "json": ("json-deep", "json-huge-int", "duplicate-keys", "text-round-trip", "surrogate-text"),
    "loads_json": ("json-deep", "json-huge-int", "duplicate-keys"),
    "yaml": ("yaml-deep", "yaml-huge-int", "duplicate-keys", "text-round-trip", "surrogate-text"),
    "excel": (
        "corrupt-workbook",
        "huge-used-range",
        "duplicate-tables",
        "excel-round-trip",
        "surrogate-text",
    ),
    "figures_csv": ("year-9999",),
    "figures_excel": ("corrupt-workbook", "huge-used-range", "year-9999"),
    "indicators": (),
    "check": (
        "json-deep",
        "json-huge-int",
        "duplicate-keys",
        "yaml-deep",
        "yaml-huge-int",
        "corrupt-workbook",
        "duplicate-tables",
        "excel-round-trip",
        "csv-round-trip",
        "text-round-trip",
        "rank-overflow",
        "year-9999",
        "quadratic-checks",
    ),
    "cli_validate": (
        "json-deep",
        "corrupt-workbook",
        "rank-overflow",
        "year-9999",
        "quadratic-checks",
    ),
    "cli_tree": (
        "json-deep",
        "corrupt-workbook",
        "rank-overflow",
        "year-9999",
        "deep-tree",
        "quadratic-checks",
    ),
    "cli_diff": (
        "json-deep",
        "corrupt-workbook",
        "huge-used-range",
        "rank-overflow",
        "year-9999",
        "quadratic-checks",
    ),
    "cli_rollup": ("rank-overflow", "year-9999", "rollup-period-9999", "quadratic-checks"),
}
"""Reader → the known classes that may show in it."""


def known_class(reader: str, signature: str) -> str | None:
    """The known class a failure of *reader* belongs to, or ``None`` for a new one.

    Examples:
        >>> known_class("json", "json crash: RecursionError in thidua.io._json:_loads")
        'json-deep'
        >>> known_class("figures_csv", "figures_csv crash: KeyError in thidua.figures:x") is None
        True
    """
    for name in READERS.get(reader, ()):
        if re.search(KNOWN[name][0], signature):
            return name
    return None
