"""``import thidua`` is lazy: public names and submodules are imported on first use."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import thidua

INIT = Path(thidua.__file__)
HEAVY = ("numpy", "networkx", "pendulum", "cattrs", "pandas", "attrs")


def _fresh(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_import_loads_no_heavy_module() -> None:
    loaded = _fresh(
        "import sys, thidua; "
        "print(' '.join(sorted(m for m in sys.modules "
        f"if m.split('.')[0] in {HEAVY!r} or m.startswith('thidua.'))))"
    )
    assert loaded == ""


def test_first_use_imports_the_defining_module() -> None:
    out = _fresh(
        "import sys, thidua; h = thidua.Hierarchy; "
        "print('thidua.hierarchy' in sys.modules, thidua.io.__name__, 'numpy' in sys.modules)"
    )
    assert out == "True thidua.io True"


def test_every_public_name_resolves_to_its_module_object() -> None:
    exports: dict[str, str] = vars(thidua)["_EXPORTS"]
    assert sorted(exports) == sorted(thidua.__all__)
    for name, module in exports.items():
        assert getattr(thidua, name) is getattr(importlib.import_module(module), name)


def test_type_checking_imports_match_the_table() -> None:
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    imported: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for stmt in node.body:
                assert isinstance(stmt, ast.ImportFrom)
                assert stmt.module is not None
                imported.update({alias.name: stmt.module for alias in stmt.names})
    assert imported == vars(thidua)["_EXPORTS"]


def test_dir_lists_names_not_imported_yet() -> None:
    names = _fresh("import thidua; print(' '.join(dir(thidua)))").split()
    assert set(thidua.__all__) <= set(names)
    assert "__version__" in names


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        _ = thidua.nope  # type: ignore[attr-defined]
    with pytest.raises(AttributeError, match="__wrapped__"):
        _ = thidua.__wrapped__  # type: ignore[attr-defined]
    with pytest.raises(ImportError):
        exec("from thidua import nope")


def test_submodules_resolve_as_attributes() -> None:
    out = _fresh(
        "import thidua; print(thidua.rollup.roll_up is thidua.roll_up, thidua.cli.__name__)"
    )
    assert out == "True thidua.cli"


def test_the_commands_do_not_import_networkx_or_pandas() -> None:
    # networkx took 130 ms of every command; it is needed only for graphs and cycles.
    out = _fresh(
        "import sys, thidua.cli, thidua.workspace; "
        "print('networkx' in sys.modules, 'pandas' in sys.modules)"
    )
    assert out == "False False"


def test_a_command_imports_only_its_own_module() -> None:
    # ``thidua validate --help`` declares validate only: the honours, campaigns and
    # statistics code (and their command modules) stay unimported.
    loaded = _fresh(
        "import sys, contextlib, io\n"
        "from thidua.cli import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['validate', '--help'])\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(("
        "'thidua.cli.', 'thidua.honours', 'thidua.campaigns', 'thidua.statistics')))))"
    )
    assert loaded.split() == ["thidua.cli._common", "thidua.cli.validate"]


def test_the_help_and_a_wrong_command_still_list_every_command() -> None:
    from thidua.cli import COMMANDS

    for argv in (["--help"], ["nope"], []):
        done = subprocess.run(
            [sys.executable, "-m", "thidua", *argv], capture_output=True, text=True, check=False
        )
        text = done.stdout + done.stderr
        if argv == ["--help"]:
            assert done.returncode == 0
            assert "validate" in text
            assert "statistics" in text
        else:
            assert done.returncode == 2
        if argv == ["nope"]:
            assert "invalid choice: 'nope'" in text
            for word in COMMANDS:
                assert f"'{word}'" in text


def test_the_cli_names_resolve_on_first_use() -> None:
    out = _fresh(
        "import sys, thidua.cli as cli\n"
        "before = 'thidua.cli.diff' in sys.modules\n"
        "f = cli.render_diff\n"
        "print(before, f.__module__, cli.rollup.__name__, cli.render_tree.__name__)"
    )
    assert out == "False thidua.cli.diff thidua.cli.rollup render_tree"
    with pytest.raises(AttributeError, match="nope"):
        _ = thidua.cli.nope


def test_listing_the_domain_tables_imports_no_engine() -> None:
    # The table declarations need the vocabularies only: reading a directory without
    # people or proposals must not pay for the honours and people engines.
    out = _fresh(
        "import sys\n"
        "from thidua.io._domain import domain_tables\n"
        "names = domain_tables()\n"
        "print('people' in names, 'proposals' in names, sorted(m for m in sys.modules "
        "if m.startswith(('thidua.honours.', 'thidua.people.', 'thidua.campaigns.'))))"
    )
    assert out == (
        "True True ['thidua.campaigns._enums', 'thidua.honours._workflow', 'thidua.people._kinds']"
    )


@pytest.mark.parametrize("package", ["thidua.people", "thidua.honours", "thidua.campaigns"])
def test_topic_faces_resolve_every_public_name(package: str) -> None:
    face = importlib.import_module(package)
    exports: dict[str, str] = vars(face)["_EXPORTS"]
    assert sorted(exports) == sorted(face.__all__)
    for name, module in exports.items():
        assert getattr(face, name) is getattr(importlib.import_module(module), name)
