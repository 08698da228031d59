"""Sample data shipped with thidua, and generators of synthetic histories.

.. versionadded:: 0.1.0
"""
