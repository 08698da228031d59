"""Write the format tables of docs/formats.md from the table declarations.

Usage: ``python tools/format_tables.py`` (rewrites the parts of
``docs/formats.md`` between the ``format-tables`` markers, the hierarchy
tables, and the ``domain-tables`` markers, the tables of
:data:`thidua.io._domain.DOMAIN_SCHEMAS`) or
``python tools/format_tables.py --check`` (exit 1 when it is out of date).
``tests/test_table_declarations.py`` runs the check.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from thidua.io._domain import domain_tables
from thidua.io._schema import (
    DOMAIN_DOCS_BEGIN,
    DOMAIN_DOCS_END,
    markdown_tables,
    replace_docs_section,
)

DOCS = Path(__file__).resolve().parent.parent / "docs" / "formats.md"


def main(argv: list[str] | None = None) -> int:
    """Rewrite (or with ``--check`` compare) the generated section."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if the docs are stale")
    args = parser.parse_args(argv)
    text = DOCS.read_text(encoding="utf-8")
    fresh = replace_docs_section(text, markdown_tables())
    domain = markdown_tables(domain_tables()) if domain_tables() else "(no domain tables yet)"
    fresh = replace_docs_section(fresh, domain, begin=DOMAIN_DOCS_BEGIN, end=DOMAIN_DOCS_END)
    if args.check:
        if fresh != text:
            print(f"{DOCS} is out of date: run python tools/format_tables.py", file=sys.stderr)
            return 1
        return 0
    if fresh != text:
        DOCS.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
