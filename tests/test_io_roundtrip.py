"""Round trips: dataset → write → read equals the dataset, and writers are stable."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.strategies import datasets
from thidua import io
from thidua.hierarchy import Dataset
from thidua.io import LoadResult

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

Writer = Callable[[Dataset, Path], None]
Reader = Callable[[Path], LoadResult]

TEXT_FORMATS: list[tuple[str, Writer, Reader]] = [
    ("h.json", io.write_json, io.read_json),
    ("h.yaml", io.write_yaml, io.read_yaml),
    ("tables", io.write_csv_dir, io.read_csv_dir),
]


def _files(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())}
    return {path.name: path.read_bytes()}


def _assert_same(read: Dataset, written: Dataset) -> None:
    assert read == written
    # attrs equality ignores dict order; the order of records must hold too.
    assert read.unit_ids() == written.unit_ids()
    assert [u.attributes for u in read.units] == [u.attributes for u in written.units]
    assert dict(read.metadata) == dict(written.metadata)


@SETTINGS
@given(ds=datasets())
def test_json_round_trip(ds: Dataset) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "h.json"
        io.write_json(ds, path)
        result = io.read_json(path)
    assert result.report.ok, str(result.report)
    assert not result.report.problems
    _assert_same(result.dataset, ds)


@SETTINGS
@given(ds=datasets())
def test_dumps_loads_round_trip(ds: Dataset) -> None:
    text = io.dumps_json(ds)
    assert text.endswith("}\n")
    result = io.loads_json(text)
    assert not result.report.problems
    _assert_same(result.dataset, ds)
    assert io.dumps_json(result.dataset) == text


@SETTINGS
@given(ds=datasets())
def test_converter_round_trip(ds: Dataset) -> None:
    conv = io.make_converter()
    assert conv.structure(conv.unstructure(ds), Dataset) == ds


@SETTINGS
@given(ds=datasets())
def test_yaml_round_trip(ds: Dataset) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "h.yaml"
        io.write_yaml(ds, path)
        result = io.read_yaml(path)
    assert not result.report.problems, str(result.report)
    _assert_same(result.dataset, ds)


@SETTINGS
@given(ds=datasets(tabular=True))
def test_csv_round_trip(ds: Dataset) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        io.write_csv_dir(ds, Path(tmp))
        result = io.read_csv_dir(Path(tmp))
    assert not result.report.problems, str(result.report)
    _assert_same(result.dataset, ds)


@settings(SETTINGS, max_examples=15)
@given(ds=datasets(tabular=True))
def test_excel_round_trip(ds: Dataset) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "h.xlsx"
        io.write_excel(ds, path)
        result = io.read_excel(path)
    assert not result.report.problems, str(result.report)
    _assert_same(result.dataset, ds)


@pytest.mark.parametrize(("target", "write", "read"), TEXT_FORMATS)
@settings(SETTINGS, max_examples=20)
@given(ds=datasets(tabular=True))
def test_rewrite_is_byte_identical(target: str, write: Writer, read: Reader, ds: Dataset) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first, second = Path(tmp) / "1" / target, Path(tmp) / "2" / target
        first.parent.mkdir()
        second.parent.mkdir()
        write(ds, first)
        write(read(first).dataset, second)
        assert _files(first) == _files(second)
        # Writing the same dataset twice gives the same bytes too.
        write(ds, second)
        assert _files(first) == _files(second)


@settings(SETTINGS, max_examples=10)
@given(ds=datasets(tabular=True))
def test_read_and_write_dispatch_on_the_path(ds: Dataset) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("h.json", "h.yml", "h.yaml", "h.xlsx", "tables"):
            io.write(ds, Path(tmp) / name)
            assert io.read(Path(tmp) / name).dataset == ds, name


def test_write_format_overrides_the_suffix(tmp_path: Path) -> None:
    ds = Dataset()
    io.write(ds, tmp_path / "data.txt", format="yaml")
    assert (
        (tmp_path / "data.txt").read_text(encoding="utf-8").startswith("format: thidua.hierarchy")
    )
    io.write(ds, tmp_path / "dir.json", format="csv")
    assert (tmp_path / "dir.json" / "units.csv").is_file()


def test_write_rejects_an_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(io.FormatError, match="unknown format 'xml'"):
        io.write(Dataset(), tmp_path / "x", format="xml")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cannot tell the format"):
        io.write(Dataset(), tmp_path / "x.txt")
