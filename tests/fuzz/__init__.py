"""The fuzzer of thidua's readers and command line (``python -m tests.fuzz``).

Mutation fuzzing (valid seeds changed at the byte, cell, row, file, sheet
and document level) and structure-aware fuzzing (Hypothesis strategies) of
every reader and of the CLI, with an oracle that classifies each outcome as
clean, crash, hang or silent loss.  See ``docs/fuzzing.md``.
"""
