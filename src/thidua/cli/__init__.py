"""The ``thidua`` command line: one module per command.

Sub-commands::

    thidua validate PATH [--as-of DATE] [--format text|json]
    thidua tree PATH [--as-of DATE] [--root ID] [--depth N] [--relation NAME]
    thidua diff PATH --from D1 --to D2 [--format text|json]
    thidua rollup PATH --period TEXT [--as-of DATE | --restate-to DATE] ...
    thidua honours eligible PATH --honour CODE --period TEXT ... | thidua honours catalogue
    thidua campaign PATH --id ID [--as-of DATE] [--rank R | --kind K] [--format F]
    thidua campaigns PATH
    thidua demo

Exit codes: 0 when no error was found (warnings allowed), 1 when errors were
found, 2 when the input cannot be read or the command line is wrong, 70 on an
unexpected internal error (a bug: one line on stderr, the traceback with
``--debug``).

Examples:
    >>> from thidua.datasets import hanoi_path
    >>> main(["validate", str(hanoi_path())])
    OK: ... units, ... links, ... events, ... figures, no problems.
    0

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   A package, one module per command; ``--version``, ``--debug``, exit code 70.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from thidua.cli._common import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_UNREADABLE,
    Context,
    Progress,
    wants_style,
)
from thidua.errors import ThiduaError, UnreadableInputError

if TYPE_CHECKING:
    from thidua.cli.diff import render_diff
    from thidua.hierarchy import render_tree

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "EXIT_UNREADABLE",
    "main",
    "render_diff",
    "render_tree",
]

#: Each sub-command word and the module of :mod:`thidua.cli` that declares and runs
#: it. Only the chosen command's module is imported, so ``thidua validate`` does not
#: pay for the honours, campaigns and statistics code it never runs.
COMMANDS: dict[str, str] = {
    "validate": "validate",
    "tree": "tree",
    "diff": "diff",
    "rollup": "rollup",
    "honours": "honours",
    "campaign": "campaign",
    "campaigns": "campaign",
    "statistics": "statistics",
    "demo": "demo",
}

#: Options of the top parser, all without a value: the first word of the command
#: line that is not one of them is the command.
_GLOBAL_OPTIONS = frozenset({"--progress", "--no-progress", "--debug", "--version"})

_LAZY = {"render_diff": "thidua.cli.diff", "render_tree": "thidua.hierarchy"}

EPILOG = (
    "Exit codes: 0 no errors, 1 errors found, 2 unreadable input or bad usage, "
    "70 internal error (a bug in thidua; --debug shows the traceback)."
)


def _version() -> str:
    from thidua import __version__  # noqa: PLC0415

    return f"thidua {__version__}"


def __getattr__(name: str) -> Any:  # noqa: ANN401  (a module attribute of any kind)
    """Import :func:`render_diff`, :func:`render_tree` and the command modules on first use."""
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    if name in COMMANDS.values() or name == "proposals":
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _chosen(argv: Sequence[str]) -> str | None:
    """The command word of ``argv``, or ``None`` when there is none.

    Examples:
        >>> _chosen(["--no-progress", "validate", "data"])
        'validate'
        >>> _chosen(["--help"]) is None
        True
    """
    for word in argv:
        if word in _GLOBAL_OPTIONS:
            continue
        return None if word.startswith("-") else word
    return None


def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser, declaring only the chosen command when ``argv`` names a known one.

    With no command, ``--help`` or a word that is not a command, every command is
    declared, so the usage and the error list all of them.

    Examples:
        >>> sorted(_parser(["tree", "x"])._subparsers._group_actions[0].choices)
        ['tree']
        >>> len(_parser(["nope"])._subparsers._group_actions[0].choices)
        9
    """
    chosen = _chosen(sys.argv[1:] if argv is None else argv)
    every = list(dict.fromkeys(COMMANDS.values()))
    modules = [COMMANDS[chosen]] if chosen in COMMANDS else every
    parser = argparse.ArgumentParser(
        prog="thidua",
        description="Emulation-and-commendation (thi đua, khen thưởng) data: check "
        "hierarchies, show them as of a date, compare dates, roll up figures.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=_version())
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show progress while loading (default: only on a terminal)",
    )
    parser.add_argument(
        "--debug", action="store_true", help="print the traceback of an internal error"
    )
    parser.add_argument(
        "--no-color",
        action="store_true",
        help="plain text even on a terminal (also NO_COLOR=1 or TERM=dumb); "
        "pipes and files always get plain text",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in modules:
        importlib.import_module(f"{__name__}.{module}").add_parser(sub)
    for choice in sub.choices.values():
        choice.epilog = EPILOG
        # Also accepted after the command; SUPPRESS keeps the value given before it.
        choice.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
        choice.add_argument("--no-color", action="store_true", default=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    An input that cannot be read ends with exit code 2 (raised as
    :class:`SystemExit`, as for a usage error); an unexpected error inside
    thidua prints one line naming it and returns 70.

    Examples:
        >>> main(["diff", "no/such/dir", "--from", "2025-01-01", "--to", "2025-07-01"])
        Traceback (most recent call last):
        ...
        SystemExit: 2
    """
    parser = _parser(argv)
    args = parser.parse_args(argv)
    out, err = sys.stdout, sys.stderr
    progress = Progress(err, enabled=err.isatty() if args.progress is None else args.progress)
    style = wants_style(out, no_color=args.no_color)
    ctx = Context(
        out=out, err=err, progress=progress, numbers=getattr(args, "numbers", "vi"), style=style
    )
    try:
        with ctx.active():
            code: int = args.run(args, ctx)
    except UnreadableInputError as exc:
        progress.close()
        err.write(f"thidua: {exc}\n")
        raise SystemExit(EXIT_UNREADABLE) from None
    except (ThiduaError, ValueError) as exc:
        progress.close()
        err.write(f"thidua: {exc}\n")
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        progress.close()
        err.write("thidua: interrupted\n")
        return 130
    except Exception as exc:  # the last guard: never a bare traceback
        progress.close()
        if args.debug:
            traceback.print_exc(file=err)
        text = " ".join(str(exc).split())
        text = text if len(text) <= 200 else text[:200] + "…"
        err.write(
            f"thidua: internal error: {type(exc).__name__}"
            + (f": {text}" if text else "")
            + " (a bug in thidua: please report it; --debug shows the traceback)\n"
        )
        return EXIT_INTERNAL
    return code
