"""The fast validation reports exactly what the record-by-record one did.

``tests/reference_validation`` is the validation as it was before the
vectorised rewrite.  On small national datasets corrupted every way
(``tests/validation_corruptions.py``), on every broken case of
``test_validation.py`` and on random datasets, :func:`thidua.validate` must
give the same problems (code, severity, message, subject, pointer with its
headers) in the same order, with and without a date and a cap.
``benchmarks/validation_equivalence.py`` runs the same comparison on the
national dataset.
"""

from __future__ import annotations

import functools

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings

from tests import strategies
from tests.reference_validation import validate as reference_validate
from tests.test_validation import CASES
from tests.validation_corruptions import ALL_VARIANTS, corrupted, with_sources
from thidua import Dataset, Hierarchy, Link, Unit, validate
from thidua.datasets.national import national_history
from thidua.problems import Problem, Report

OPTIONS: list[dict[str, object]] = [
    {},
    {"max_per_code": None},
    {"max_per_code": 2},
    {"max_per_code": 0},
    {"on": "2025-06-30"},
    {"on": "2025-07-01", "max_per_code": 3},
    {"on": "2024-01-01"},
]


def _row(p: Problem) -> tuple[object, ...]:
    headers = None if p.pointer is None else dict(p.pointer.headers)
    return (p.code, p.severity, p.message, p.subject, p.pointer, headers)


def assert_same(new: Report, old: Report) -> None:
    """Same problems, same order; on a difference, show the first one."""
    a, b = [_row(p) for p in new.problems], [_row(p) for p in old.problems]
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        assert x == y, f"problem {i} differs:\n new {x}\n old {y}"
    assert len(a) == len(b), f"{len(a)} problems, the reference gives {len(b)}"


def check(ds: Dataset, **options: object) -> int:
    old = reference_validate(ds, **options)  # type: ignore[arg-type]
    assert_same(validate(ds, **options), old)  # type: ignore[arg-type]
    assert_same(validate(Hierarchy(ds), **options), old)  # type: ignore[arg-type]
    return len(old.problems)


@functools.cache
def small_national() -> Dataset:
    return national_history(
        grassroots=400,
        direct_superiors=12,
        provinces_before=6,
        provinces_after=4,
        central_sectors=3,
    )


def test_small_national_is_valid_under_both() -> None:
    assert check(small_national()) == 0


@pytest.mark.parametrize("name", sorted(ALL_VARIANTS))
@pytest.mark.parametrize("seed", [0, 1])
def test_corrupted_national_reports_the_same(name: str, seed: int) -> None:
    bad = with_sources(corrupted(small_national(), name, count=15, seed=seed))
    found = [check(bad, **options) for options in OPTIONS]
    assert found[1] > 0  # the corruption gives problems to compare


def test_heavily_corrupted_national_past_the_cap() -> None:
    bad = with_sources(corrupted(small_national(), "everything", count=120, seed=3))
    assert check(bad, max_per_code=5) > 0
    assert check(bad, max_per_code=None) > 0


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_cases_report_the_same(case: str) -> None:
    dataset, _ = CASES[case]
    for options in OPTIONS:
        check(with_sources(dataset), **options)
        check(dataset, **options)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.datasets(max_units=8))
def test_random_datasets_report_the_same(ds: Dataset) -> None:
    check(ds)
    check(ds, on="2025-01-01", max_per_code=1)


def test_many_suspect_links_report_the_same() -> None:
    # Unknown kinds make every link suspect: the peeled component search runs, with a
    # chain longer than the peeling rounds, cycles on it, a self-link and a dated ring.
    units = tuple(Unit(id=f"U{i}", name=f"Đơn vị {i}", kind="x") for i in range(1_600))
    links = [Link(child=f"U{i}", parent=f"U{(i - 1) // 2}") for i in range(1, 1_200)]
    links += [Link(child=f"U{i}", parent=f"U{i - 1}") for i in range(1_201, 1_500)]
    links += [Link(child=f"U{i}", parent=f"U{i - 1}") for i in range(1_501, 1_600)]
    links += [Link(child="U1500", parent="U0")]  # 100 units peeled one a round
    links += [
        Link(child="U1200", parent="U1499", valid_from=pendulum.Date(2025, 1, 1)),
        Link(child="U1", parent="U1100"),
        Link(child="U7", parent="U7", relation="mentor"),
        Link(child="U20", parent="U30", relation="mentor", valid_to=pendulum.Date(2025, 7, 1)),
        Link(child="U30", parent="U40", relation="mentor"),
        Link(child="U40", parent="U20", relation="mentor", valid_from=pendulum.Date(2025, 3, 1)),
    ]
    ds = Dataset(units=units, links=tuple(links), roots=("U0",))
    for options in OPTIONS:
        check(ds, **options)
    assert len(validate(ds).by_code("H004")) == 4
