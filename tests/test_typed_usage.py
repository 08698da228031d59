"""Run the documented usage that mypy checks in ``tests/typed_usage.py``."""

from __future__ import annotations

from tests import typed_usage


def test_documented_usage_runs() -> None:
    typed_usage.hierarchy_usage()
    typed_usage.rollup_usage()
    typed_usage.typed_ids_usage()
    typed_usage.honours_usage()
    typed_usage.campaign_usage()
    typed_usage.campaign_evaluation_usage()
    typed_usage.statistics_usage()
    typed_usage.proposals_usage()


def test_documented_money_usage_runs() -> None:
    typed_usage.money_usage()
