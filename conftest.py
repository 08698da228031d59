"""Pytest configuration for the whole tree (doctests of src/thidua included)."""

from thidua._moved import MOVED

# The 0.1 shim modules warn when imported (and warnings are errors): their
# doctest collection would fail on that warning.  tests/test_moved.py imports
# each of them under pytest.warns instead.
collect_ignore = [f"src/{name.replace('.', '/')}.py" for name in MOVED]
