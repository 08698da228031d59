"""Valid seed inputs: the shipped Hà Nội sample, cut down, and small datasets written by thidua.

Seeds are made once per process (:func:`seeds`).  Mutations start from them,
so every input is a near miss of a file the library reads without a problem.
"""

from __future__ import annotations

import csv
import functools
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pendulum

from tests.fuzz._mutate import csv_bytes, csv_rows
from thidua import io as tio
from thidua.datasets import hanoi_path
from thidua.figures import Aggregation, Indicator, IndicatorCatalogue, write_indicators_csv
from thidua.hierarchy import (
    ChangeEvent,
    Dataset,
    EventKind,
    Group,
    GroupKind,
    GroupMember,
    Level,
    LevelScheme,
    Link,
    Unit,
)
from thidua.testing import tiny_dataset

__all__ = ["Seeds", "seeds"]

Files = tuple[tuple[str, bytes], ...]


@dataclass(frozen=True)
class Seeds:
    """Every seed, by kind.

    Attributes:
        dirs: CSV dataset directories (file name → bytes), with ``figures.csv``.
        documents: JSON texts of the same datasets.
        yaml_texts: YAML texts of the same datasets.
        figures: ``figures.csv`` files.
        indicators: ``indicators.csv`` files.
        pool: texts of the seeds (ids, names, codes) for mutations to reuse.
        datasets: the small datasets themselves.
    """

    dirs: tuple[Files, ...]
    documents: tuple[str, ...]
    yaml_texts: tuple[str, ...]
    figures: tuple[bytes, ...]
    indicators: tuple[bytes, ...]
    pool: tuple[str, ...]
    datasets: tuple[Dataset, ...]


def _read_dir(path: Path) -> Files:
    return tuple(sorted((p.name, p.read_bytes()) for p in path.iterdir() if p.is_file()))


_DOMAIN_ROWS = 8
"""Rows kept of each table beyond the hierarchy and figures in a cut of the sample."""


def _hanoi_cut(units: int, figures: int) -> Files:
    """The sample restricted to its first *units* units and the rows naming only them."""
    base = hanoi_path()
    tables = {p.name: csv_rows(p.read_bytes()) or [[]] for p in base.glob("*.csv")}
    kept = {row[0] for row in tables["units.csv"][1 : units + 1]}
    refs = {
        "links.csv": (0, 1),
        "group_members.csv": (1,),
        "roots.csv": (0,),
        "figures.csv": (0,),
        "groups.csv": (3,),
    }
    out = []
    for name, rows in sorted(tables.items()):
        header, body = rows[0], rows[1:]
        if name == "units.csv":
            body = body[:units]
        elif name == "events.csv":
            body = [
                r for r in body if all(u in kept for col in (3, 4) for u in r[col].split(";") if u)
            ]
        elif name in refs:
            body = [r for r in body if all(not r[i] or r[i] in kept for i in refs[name])]
        if name == "figures.csv":
            body = body[:figures]
        elif name not in refs and name not in ("units.csv", "events.csv", "metadata.csv"):
            # The domain tables (people, awards, campaigns …): a few rows each keep every
            # input small (their references may dangle: the checks report that).
            body = body[:_DOMAIN_ROWS]
        out.append((name, csv_bytes([header, *body])))
    return tuple(out)


def _custom_dataset() -> Dataset:
    d = pendulum.Date
    scheme = LevelScheme(
        "ngành-2024",
        (
            Level(kind="central", rank=0, label="Công đoàn ngành TW"),
            Level(kind="base", rank=1, label="CĐCS"),
            Level(kind="team", rank=2, label="Tổ"),
        ),
    )
    units = [
        Unit(id="NG", name="Công đoàn ngành Giáo dục", kind="central", short_name="CĐGD"),
        Unit(
            id="CS-01",
            name="CĐCS Trường THPT Chu Văn An",
            kind="base",
            founded=d(1990, 9, 5),
            attributes={"Khu vực": "nội thành", "sector": "giáo dục"},
        ),
        Unit(
            id="CS-02",
            name="CĐCS Trường THCS Ngô Sĩ Liên",
            kind="base",
            founded=d(2001, 1, 1),
            dissolved=d(2025, 7, 1),
        ),
        Unit(id="CS-03", name="CĐCS Trường Tiểu học Kim Đồng", kind="base", founded=d(2025, 7, 1)),
        Unit(id="T-01", name="Tổ Toán", kind="team"),
    ]
    links = [
        Link(child="CS-01", parent="NG"),
        Link(child="CS-02", parent="NG", valid_to=d(2025, 7, 1)),
        Link(child="CS-03", parent="NG", valid_from=d(2025, 7, 1)),
        Link(child="T-01", parent="CS-01", relation="admin"),
        Link(child="CS-01", parent="NG", relation="guidance", valid_from=d(2020, 1, 1)),
    ]
    events = [
        ChangeEvent(
            id="E1",
            kind=EventKind.ABSORB,
            date=d(2025, 7, 1),
            originals=("CS-02",),
            results=("CS-03",),
            document="12/QĐ-CĐGD",
        ),
        ChangeEvent(
            id="E2",
            kind=EventKind.RENAME,
            date=d(2024, 1, 1),
            originals=("CS-01",),
            results=("CS-01",),
            name="CĐCS Trường THPT Chu Văn An (mới)",
        ),
    ]
    groups = [
        Group(
            id="K1",
            name="Khối các trường",
            kind=GroupKind.BLOCK,
            owner="NG",
            attributes={"ghi chú": "khối 1"},
        )
    ]
    members = [
        GroupMember(group="K1", unit="CS-01", valid_from=d(2024, 1, 1)),
        GroupMember(group="K1", unit="CS-03", valid_from=d(2025, 7, 1)),
    ]
    return Dataset(
        units=units,
        links=links,
        events=events,
        groups=groups,
        members=members,
        roots=["NG"],
        scheme=scheme,
        metadata={"title": "ngành giáo dục", "năm": "2025"},
    )


_FIGURES_VI = (
    "Đơn vị,Chỉ tiêu,Kỳ báo cáo,Giá trị,Nguồn,Phạm vi\n"
    "CDCS-0001,new_members,năm 2024,1.585,BC-01,riêng\n"
    "CDCS-0001,members,quý I/2024,56,BC-01,own\n"
    "CDCS-0002,people_honoured,2024,P000123;P000581,BC-02,own\n"
    "CDCS-0002,workers_conferences_held,6 tháng đầu năm 2024,31/20 (155%),BC-02,own\n"
    "HN,members,2024-Q1,12.925,BC-HN,tổng\n"
    'CDCS-0003,initiative_benefit,2024,"1,5",,\n'
).encode()

_INDICATORS_VI = (
    "Mã chỉ tiêu,Tên chỉ tiêu,Đơn vị tính,Cách tổng hợp,Tử số,Mẫu số,Hệ số,Không âm\n"
    "blood_units,Đơn vị máu hiến,đơn vị,cộng,,,,có\n"
    "female_rate,Tỷ lệ đoàn viên nữ,%,tỷ lệ,female_members,members,100,\n"
    "score_min,Điểm thấp nhất,điểm,nhỏ nhất,,,,không\n"
).encode()


def _catalogue_csv() -> bytes:
    cat = IndicatorCatalogue(
        (
            Indicator(
                code="trees", name="Cây xanh trồng mới", unit="cây", aggregation=Aggregation.SUM
            ),
            Indicator(
                code="tree_rate",
                name="Tỷ lệ",
                unit="%",
                aggregation=Aggregation.RATIO,
                numerator="trees",
                denominator="members",
                scale=100.0,
            ),
            Indicator(
                code="visitors",
                name="Người được thăm",
                unit="người",
                aggregation=Aggregation.DISTINCT,
            ),
        )
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "indicators.csv"
        write_indicators_csv(cat, path)
        return path.read_bytes()


@functools.cache
def seeds() -> Seeds:
    """Build the seeds (cached)."""
    small = (tiny_dataset(), _custom_dataset())
    dirs: list[Files] = [_hanoi_cut(25, 40), _hanoi_cut(12, 20)]
    documents: list[str] = []
    yaml_texts: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, ds in enumerate(small):
            target = Path(tmp) / f"d{i}"
            tio.write_csv_dir(ds, target)
            figures = csv_bytes(
                [
                    ["unit", "indicator", "period", "value", "scope"],
                    *(
                        [u.id, "members", "2025", str(10 * (j + 1)), "own"]
                        for j, u in enumerate(ds.units)
                    ),
                    *([u.id, "new_members", "quý III/2025", "2", ""] for u in ds.units[:2]),
                ]
            )
            dirs.append((*_read_dir(target), ("figures.csv", figures)))
            documents.append(tio.dumps_json(ds))
            tio.write_yaml(ds, Path(tmp) / f"d{i}.yaml")
            yaml_texts.append((Path(tmp) / f"d{i}.yaml").read_text(encoding="utf-8"))
        cut_dir = Path(tmp) / "cut"
        cut_dir.mkdir()
        for name, data in dirs[0]:
            (cut_dir / name).write_bytes(data)
        documents.append(tio.dumps_json(tio.read_csv_dir(cut_dir).dataset))
    figures = [dict(dirs[0])["figures.csv"], _FIGURES_VI]
    pool: set[str] = set()
    for files in dirs:
        for _, data in files:
            for row in (csv_rows(data) or [])[1:30]:
                pool.update(c for c in row[:3] if c)
    return Seeds(
        dirs=tuple(dirs),
        documents=tuple(documents),
        yaml_texts=tuple(yaml_texts),
        figures=tuple(figures),
        indicators=(_INDICATORS_VI, _catalogue_csv()),
        pool=tuple(sorted(pool)),
        datasets=small,
    )


def full_sample() -> Files:
    """The whole shipped sample (5,600 rows), for the long pass's rare big inputs."""
    return _read_dir(hanoi_path())


def rows_of(data: bytes) -> list[list[str]]:
    """The CSV rows of a seed file."""
    return csv_rows(data) or [[]]


def text_table(rows: list[list[str]]) -> str:
    """Rows as CSV text (for messages)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()
