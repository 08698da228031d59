"""``python -m thidua.cli``: the same as the ``thidua`` command.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from thidua.cli import main

if __name__ == "__main__":  # pragma: no cover  (run as a process by the tests)
    raise SystemExit(main())
