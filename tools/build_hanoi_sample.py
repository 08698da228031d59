"""Build the shipped Hà Nội sample dataset (``src/thidua/datasets/hanoi/*.csv``).

The sample shows the Hà Nội trade-union federation before and after the
reorganisation of 01/07/2025: the 30 district federations, 7 city sector unions
and the industrial-zone union end on that date, new commune/ward unions start,
and every surviving grassroots union (CĐCS) moves to a ward union or directly
under the city federation.

Real: the names of the upper units, the wards, cluster 1, decision
1940/QĐ-LĐLĐ and the dates.  Synthetic: every grassroots union, every
assignment, every other document number and every figure.  See
``src/thidua/datasets/hanoi/SOURCES.md``.

The output is deterministic (``random.Random(2025)``); run from the repository
root with only the standard library::

    python tools/build_hanoi_sample.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

SEED = 2025
REORG = date(2025, 7, 1)
Y2024 = date(2024, 1, 1)
Y2025 = date(2025, 1, 1)
Y2026 = date(2026, 1, 1)
Y2027 = date(2027, 1, 1)
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "src" / "thidua" / "datasets" / "hanoi"
KIM_LIEN_DECISION = "1940/QĐ-LĐLĐ"  # real
SYNTHETIC_DOC = ""  # placeholder: numbered 9001, 9002, ... in date order when written
FIRST_SYNTHETIC_NUMBER = 9001
HOAN_KIEM_EXCESS = 37
BIG_ENTERPRISE = 1000  # workers; bigger enterprises move directly under the city federation

# The 30 former district-level units: (quận | huyện | thị xã, place name).
DISTRICTS: tuple[tuple[str, str], ...] = (
    ("quận", "Ba Đình"),
    ("quận", "Hoàn Kiếm"),
    ("quận", "Tây Hồ"),
    ("quận", "Long Biên"),
    ("quận", "Cầu Giấy"),
    ("quận", "Đống Đa"),
    ("quận", "Hai Bà Trưng"),
    ("quận", "Hoàng Mai"),
    ("quận", "Thanh Xuân"),
    ("quận", "Nam Từ Liêm"),
    ("quận", "Bắc Từ Liêm"),
    ("quận", "Hà Đông"),
    ("huyện", "Sóc Sơn"),
    ("huyện", "Đông Anh"),
    ("huyện", "Gia Lâm"),
    ("huyện", "Thanh Trì"),
    ("huyện", "Mê Linh"),
    ("huyện", "Ba Vì"),
    ("huyện", "Phúc Thọ"),
    ("huyện", "Đan Phượng"),
    ("huyện", "Hoài Đức"),
    ("huyện", "Quốc Oai"),
    ("huyện", "Thạch Thất"),
    ("huyện", "Chương Mỹ"),
    ("huyện", "Thanh Oai"),
    ("huyện", "Thường Tín"),
    ("huyện", "Phú Xuyên"),
    ("huyện", "Ứng Hòa"),
    ("huyện", "Mỹ Đức"),
    ("thị xã", "Sơn Tây"),
)
SHORT_PREFIX = {"quận": "Q.", "huyện": "H.", "thị xã": "TX."}

# (id suffix, name, short name, sector, kind)
SECTOR_UNIONS: tuple[tuple[str, str, str, str, str], ...] = (
    ("CDN-YTE", "Công đoàn ngành Y tế Hà Nội", "CĐN Y tế HN", "y tế", "local_sector"),
    (
        "CDN-CONGTHUONG",
        "Công đoàn ngành Công Thương Hà Nội",
        "CĐN Công Thương HN",
        "thương mại – dịch vụ",
        "local_sector",
    ),
    (
        "CDN-GIAODUC",
        "Công đoàn ngành Giáo dục Hà Nội",
        "CĐN Giáo dục HN",
        "giáo dục",
        "local_sector",
    ),
    (
        "CDN-XAYDUNG",
        "Công đoàn ngành Xây dựng Hà Nội",
        "CĐN Xây dựng HN",
        "xây dựng",
        "local_sector",
    ),
    (
        "CDN-GTVT",
        "Công đoàn ngành Giao thông vận tải Hà Nội",
        "CĐN GTVT HN",
        "giao thông vận tải",
        "local_sector",
    ),
    (
        "CDN-NNPTNT",
        "Công đoàn ngành Nông nghiệp và Phát triển nông thôn Hà Nội",
        "CĐN NN&PTNT HN",
        "nông nghiệp",
        "local_sector",
    ),
    (
        "CD-VIENCHUC",
        "Công đoàn Viên chức thành phố Hà Nội",
        "CĐ Viên chức HN",
        "hành chính sự nghiệp",
        "local_sector",
    ),
    (
        "CD-KCNCX",
        "Công đoàn các Khu công nghiệp và chế xuất Hà Nội",
        "CĐ các KCN&CX HN",
        "công nghiệp",
        "industrial_zone",
    ),
)

# New ward/commune unions: (phường|xã, place, former district(s) mainly covered).
COMMUNES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("phường", "Hoàn Kiếm", ("Hoàn Kiếm",)),
    ("phường", "Cửa Nam", ("Hoàn Kiếm", "Hai Bà Trưng")),
    ("phường", "Ba Đình", ("Ba Đình",)),
    ("phường", "Ngọc Hà", ("Ba Đình",)),
    ("phường", "Kim Liên", ("Đống Đa",)),
    ("phường", "Đống Đa", ("Đống Đa",)),
    ("phường", "Văn Miếu – Quốc Tử Giám", ("Đống Đa",)),
    ("phường", "Hai Bà Trưng", ("Hai Bà Trưng",)),
    ("phường", "Bạch Mai", ("Hai Bà Trưng",)),
    ("phường", "Tây Hồ", ("Tây Hồ",)),
    ("phường", "Cầu Giấy", ("Cầu Giấy",)),
    ("phường", "Yên Hòa", ("Cầu Giấy",)),
    ("phường", "Thanh Xuân", ("Thanh Xuân",)),
    ("phường", "Hoàng Mai", ("Hoàng Mai",)),
    ("phường", "Long Biên", ("Long Biên",)),
    ("phường", "Hà Đông", ("Hà Đông",)),
    ("phường", "Sơn Tây", ("Sơn Tây",)),
    ("phường", "Từ Liêm", ("Nam Từ Liêm",)),
    ("phường", "Chương Mỹ", ("Chương Mỹ",)),
    ("xã", "Sóc Sơn", ("Sóc Sơn",)),
    ("xã", "Đông Anh", ("Đông Anh",)),
    ("xã", "Gia Lâm", ("Gia Lâm",)),
    ("xã", "Thanh Trì", ("Thanh Trì",)),
    ("xã", "Thường Tín", ("Thường Tín",)),
)

# Cluster 1 is real; clusters 2-8 are a synthetic split of the other 24 districts.
CLUSTERS: tuple[tuple[str, ...], ...] = (
    ("Hoàn Kiếm", "Ba Đình", "Đống Đa", "Long Biên", "Hai Bà Trưng", "Hoàng Mai"),
    ("Tây Hồ", "Cầu Giấy", "Thanh Xuân", "Nam Từ Liêm"),
    ("Bắc Từ Liêm", "Hà Đông", "Sơn Tây", "Thanh Trì"),
    ("Sóc Sơn", "Đông Anh", "Mê Linh", "Gia Lâm"),
    ("Ba Vì", "Phúc Thọ", "Đan Phượng"),
    ("Hoài Đức", "Quốc Oai", "Thạch Thất"),
    ("Chương Mỹ", "Thanh Oai", "Thường Tín"),
    ("Phú Xuyên", "Ứng Hòa", "Mỹ Đức"),
)
WARD_CLUSTERS: tuple[tuple[str, ...], ...] = (
    (
        "Hoàn Kiếm",
        "Cửa Nam",
        "Ba Đình",
        "Ngọc Hà",
        "Kim Liên",
        "Đống Đa",
        "Văn Miếu – Quốc Tử Giám",
        "Hai Bà Trưng",
        "Bạch Mai",
    ),
    ("Tây Hồ", "Cầu Giấy", "Yên Hòa", "Thanh Xuân", "Hoàng Mai", "Long Biên", "Hà Đông", "Từ Liêm"),
)


def _words(text: str) -> tuple[str, ...]:
    """Return the space-separated words of *text*."""
    return tuple(text.split())


SYLLABLES: tuple[str, ...] = _words(
    "An Bình Hòa Thủy Minh Phát Hưng Thịnh Phúc Lộc Tân Thành Đức Việt Long Hải Sơn Nam "
    "Khang Gia Trường Quang Tiến Đạt Hồng Lam Ngọc Kim Xuân Hạnh Vinh Bảo Nguyên Phong "
    "Thái Cường Thuận Mai Sen Tùng"
)
FOREIGN_BRANDS: tuple[str, ...] = _words(
    "Oriska Velmont Tanaro Kyoren Hasevo Norvik Alvena Corvaya Mizura Kaseda Yorimi "
    "Elvaro Tessara Quorin Hanvelo Dorimo Sakeno Jirova Pelmar Gensora Tovaki Ulmeo "
    "Rikado Marvesa Zentaro Ilvona Brevik Sorento"
)
FDI_PRODUCTS: tuple[str, ...] = (
    "Điện tử",
    "Linh kiện",
    "Cơ khí chính xác",
    "Bao bì",
    "Nhựa kỹ thuật",
    "May mặc",
    "Dây cáp điện",
)
# (trade word in the company name, sector attribute)
TRADES: tuple[tuple[str, str], ...] = (
    ("", "thương mại – dịch vụ"),
    ("Thương mại", "thương mại – dịch vụ"),
    ("Dịch vụ", "thương mại – dịch vụ"),
    ("Công nghệ", "thương mại – dịch vụ"),
    ("Xây dựng", "xây dựng"),
    ("Vận tải", "giao thông vận tải"),
    ("May mặc", "công nghiệp"),
    ("Cơ khí", "công nghiệp"),
    ("Thực phẩm", "công nghiệp"),
    ("In", "công nghiệp"),
    ("Dược phẩm", "công nghiệp"),
)
COMPANY_FORMS: tuple[str, ...] = ("Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV")
GUIDANCE_BY_SECTOR = {
    "giáo dục": "CDN-GIAODUC",
    "y tế": "CDN-YTE",
    "thương mại – dịch vụ": "CDN-CONGTHUONG",
    "xây dựng": "CDN-XAYDUNG",
    "giao thông vận tải": "CDN-GTVT",
    "nông nghiệp": "CDN-NNPTNT",
}
NGHIEP_DOAN_TRADES: tuple[str, ...] = (
    "Xe ôm công nghệ",
    "Tiểu thương",
    "Thợ xây",
    "Lao động tự do",
    "Thợ may",
    "Giúp việc gia đình",
    "Thợ mộc",
    "Bốc xếp",
    "Xe ba gác",
    "Thợ cắt tóc",
)
ADMIN_KINDS: tuple[str, ...] = (
    "Ban Quản lý dự án đầu tư xây dựng",
    "Trung tâm Phát triển quỹ đất",
    "Trung tâm Văn hóa – Thông tin",
    "Ban Quản lý chợ",
    "Trung tâm Dịch vụ hành chính",
)


def nfc(text: str) -> str:
    """Return *text* in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def slug(text: str) -> str:
    """Return an upper-case ASCII id fragment for a Vietnamese place name."""
    folded = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    ascii_only = "".join(c for c in folded if unicodedata.category(c) != "Mn")
    return "".join(c for c in ascii_only.upper() if c.isalnum())


def fold(text: str) -> str:
    """Return a uniqueness key: NFC, lower case, old/new tone placement folded."""
    low = nfc(text).lower()
    for old, new in (("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("uỷ", "ủy"), ("uý", "úy")):
        low = low.replace(old, new)
    return low


def iso(day: date | None) -> str:
    """Return an ISO date or the empty string for *None*."""
    return "" if day is None else day.isoformat()


@dataclass
class Unit:
    """One union as written to ``units.csv`` plus generation-only attributes."""

    id: str
    name: str
    kind: str
    founded: date | None = None
    dissolved: date | None = None
    short_name: str = ""
    sector: str = ""
    ownership: str = ""
    area: str = ""
    workers: int = 0
    category: str = ""
    parent: str = ""  # admin parent before the reorganisation (generation only)


@dataclass
class Link:
    """One row of ``links.csv``."""

    child: str
    parent: str
    relation: str
    valid_from: date | None
    valid_to: date | None


@dataclass
class Event:
    """One row of ``events.csv``."""

    kind: str
    date: date
    originals: list[str]
    results: list[str]
    document: str
    shares: list[str] = field(default_factory=list)
    name: str = ""


@dataclass
class Builder:
    """Accumulates the sample tables."""

    rng: random.Random
    units: list[Unit] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    names_used: set[str] = field(default_factory=set)
    brands_used: set[str] = field(default_factory=set)
    missing: list[str] = field(default_factory=list)
    cdcs_counter: int = 0

    def unit(self, uid: str) -> Unit:
        """Return the unit with id *uid*."""
        for u in self.units:
            if u.id == uid:
                return u
        raise KeyError(uid)

    def add(self, unit: Unit) -> Unit:
        """Register *unit*, checking that its name is unique in the sample."""
        unit.name = nfc(unit.name)
        key = fold(unit.name)
        if key in self.names_used:
            raise ValueError(f"duplicate name {unit.name}")
        self.names_used.add(key)
        self.units.append(unit)
        return unit

    def next_cdcs_id(self) -> str:
        """Return the next grassroots id ``CDCS-nnnn``."""
        self.cdcs_counter += 1
        return f"CDCS-{self.cdcs_counter:04d}"

    def brand(self) -> str:
        """Return a fresh two-syllable synthetic brand name."""
        while True:
            first, second = self.rng.sample(SYLLABLES, 2)
            brand = f"{first} {second}"
            if fold(brand) not in self.brands_used:
                self.brands_used.add(fold(brand))
                return brand

    def foreign_brand(self) -> str:
        """Return a fresh invented foreign-sounding brand name."""
        while True:
            brand = self.rng.choice(FOREIGN_BRANDS)
            if fold(brand) not in self.brands_used:
                self.brands_used.add(fold(brand))
                return brand


def short_of(name: str) -> str:
    """Return a short name for a grassroots union."""
    text = name.removeprefix("Công đoàn cơ sở ").removeprefix("Công đoàn ")
    for long, short in (
        ("Công ty TNHH MTV", "Cty TNHH MTV"),
        ("Công ty TNHH", "Cty TNHH"),
        ("Công ty Cổ phần", "Cty CP"),
        ("Trường Tiểu học", "Trường TH"),
        ("Trường Mầm non", "Trường MN"),
        ("Bệnh viện Đa khoa", "BVĐK"),
        ("Hợp tác xã", "HTX"),
        ("Nghiệp đoàn", "NĐ"),
    ):
        if text.startswith(long):
            text = short + text[len(long) :]
            break
    prefix = "" if name.startswith("Nghiệp đoàn") else "CĐCS "
    return prefix + text


def company(b: Builder, *, area: str, ownership: str, trades: Sequence[tuple[str, str]]) -> Unit:
    """Return a synthetic company grassroots union (not yet registered)."""
    rng = b.rng
    trade, sector = rng.choice(trades)
    form = rng.choice(COMPANY_FORMS)
    words = " ".join(w for w in (form, trade, b.brand()) if w)
    if ownership == "FDI":
        workers = rng.randint(300, 4200)
    elif rng.random() < 0.1:
        workers = rng.randint(BIG_ENTERPRISE, 2600)
    else:
        workers = rng.randint(25, 650)
    return Unit(
        id="",
        name=f"Công đoàn cơ sở {words}",
        kind="grassroots",
        sector=sector,
        ownership=ownership,
        area=area,
        workers=workers,
        category="company",
    )


def district_grassroots(b: Builder, area: str, *, rural: bool) -> Unit:
    """Return a random grassroots union of a district federation."""
    rng = b.rng
    roll = rng.random()
    if roll < 0.58:
        ownership = rng.choices(["ngoài nhà nước", "nhà nước", "FDI"], [80, 10, 10])[0]
        return company(b, area=area, ownership=ownership, trades=TRADES)
    if roll < 0.80:
        level = rng.choice(["Mầm non", "Tiểu học", "THCS"])
        private = rng.random() < 0.15
        return Unit(
            id="",
            name=f"Công đoàn cơ sở Trường {level} {b.brand()}",
            kind="grassroots",
            sector="giáo dục",
            ownership="ngoài nhà nước" if private else "nhà nước",
            area=area,
            workers=rng.randint(25, 95),
            category="school",
        )
    if roll < 0.88:
        return Unit(
            id="",
            name=f"Công đoàn cơ sở Phòng khám Đa khoa {b.brand()}",
            kind="grassroots",
            sector="y tế",
            ownership="ngoài nhà nước",
            area=area,
            workers=rng.randint(20, 120),
            category="clinic",
        )
    coop = "Hợp tác xã Nông nghiệp" if rural else "Hợp tác xã Dịch vụ"
    return Unit(
        id="",
        name=f"Công đoàn cơ sở {coop} {b.brand()}",
        kind="grassroots",
        sector="nông nghiệp" if rural else "thương mại – dịch vụ",
        ownership="ngoài nhà nước",
        area=area,
        workers=rng.randint(15, 80),
        category="coop",
    )


def sector_grassroots(b: Builder, sector_id: str, area: str) -> Unit:
    """Return a random grassroots union of a city sector union."""
    rng = b.rng
    if sector_id == "CDN-YTE":
        if rng.random() < 0.6:
            name = f"Công đoàn Bệnh viện Đa khoa {b.brand()}"
            return Unit(
                "",
                name,
                "grassroots",
                sector="y tế",
                ownership="nhà nước",
                area=area,
                workers=rng.randint(150, 1100),
                category="hospital",
            )
        name = f"Công đoàn cơ sở Trung tâm Y tế {b.brand()}"
        return Unit(
            "",
            name,
            "grassroots",
            sector="y tế",
            ownership="nhà nước",
            area=area,
            workers=rng.randint(40, 200),
            category="health",
        )
    if sector_id == "CDN-GIAODUC":
        kind_of = rng.choice(["Trường THPT", "Trường THPT", "Trường Cao đẳng nghề"])
        name = f"Công đoàn cơ sở {kind_of} {b.brand()}"
        return Unit(
            "",
            name,
            "grassroots",
            sector="giáo dục",
            ownership="nhà nước",
            area=area,
            workers=rng.randint(50, 260),
            category="school",
        )
    if sector_id == "CD-VIENCHUC":
        kind_of = rng.choice(["Trung tâm Dịch vụ", "Nhà xuất bản", "Viện Nghiên cứu Phát triển"])
        name = f"Công đoàn cơ sở {kind_of} {b.brand()}"
        return Unit(
            "",
            name,
            "grassroots",
            sector="hành chính sự nghiệp",
            ownership="nhà nước",
            area=area,
            workers=rng.randint(30, 180),
            category="public",
        )
    if sector_id == "CD-KCNCX":
        product = rng.choice(FDI_PRODUCTS)
        if rng.random() < 0.8:
            name = f"Công đoàn cơ sở Công ty TNHH {product} {b.foreign_brand()} Việt Nam"
            ownership, workers = "FDI", rng.randint(300, 4800)
        else:
            name = f"Công đoàn cơ sở Công ty Cổ phần {product} {b.brand()}"
            ownership, workers = "ngoài nhà nước", rng.randint(120, 900)
        return Unit(
            "",
            name,
            "grassroots",
            sector="công nghiệp",
            ownership=ownership,
            area=area,
            workers=workers,
            category="company",
        )
    trades: dict[str, tuple[tuple[str, str], ...]] = {
        "CDN-CONGTHUONG": (
            ("Thương mại", "thương mại – dịch vụ"),
            ("Siêu thị", "thương mại – dịch vụ"),
            ("Bia – Nước giải khát", "công nghiệp"),
            ("Điện cơ", "công nghiệp"),
        ),
        "CDN-XAYDUNG": (
            ("Đầu tư Xây dựng", "xây dựng"),
            ("Tư vấn Thiết kế", "xây dựng"),
            ("Vật liệu Xây dựng", "xây dựng"),
        ),
        "CDN-GTVT": (
            ("Xe khách", "giao thông vận tải"),
            ("Vận tải", "giao thông vận tải"),
            ("Taxi", "giao thông vận tải"),
        ),
        "CDN-NNPTNT": (
            ("Giống cây trồng", "nông nghiệp"),
            ("Thủy lợi", "nông nghiệp"),
            ("Chăn nuôi", "nông nghiệp"),
        ),
    }
    ownership = rng.choices(["nhà nước", "ngoài nhà nước"], [45, 55])[0]
    return company(b, area=area, ownership=ownership, trades=trades[sector_id])


def build(rng: random.Random) -> tuple[Builder, dict[str, list[list[str]]]]:
    """Build all tables; return the builder and the extra tables by file name."""
    b = Builder(rng=rng)
    b.add(Unit("TLD", "Tổng Liên đoàn Lao động Việt Nam", "central", short_name="Tổng LĐLĐVN"))
    b.add(
        Unit("HN", "Liên đoàn Lao động thành phố Hà Nội", "provincial", short_name="LĐLĐ TP Hà Nội")
    )
    b.links.append(Link("HN", "TLD", "admin", None, None))

    district_id: dict[str, str] = {}
    for prefix, place in DISTRICTS:
        uid = f"LDLD-{slug(place)}"
        district_id[place] = uid
        b.add(
            Unit(
                uid,
                f"Liên đoàn Lao động {prefix} {place}",
                "district",
                dissolved=REORG,
                short_name=f"LĐLĐ {SHORT_PREFIX[prefix]} {place}",
                area=place,
            )
        )
        b.links.append(Link(uid, "HN", "admin", None, REORG))
    for uid, name, short, sector, kind in SECTOR_UNIONS:
        b.add(Unit(uid, name, kind, dissolved=REORG, short_name=short, sector=sector))
        b.links.append(Link(uid, "HN", "admin", None, REORG))

    commune_id: dict[str, str] = {}
    wards_of: dict[str, list[str]] = {}
    for level, place, areas in COMMUNES:
        uid = f"{'CDP' if level == 'phường' else 'CDX'}-{slug(place)}"
        commune_id[place] = uid
        for area in areas:
            wards_of.setdefault(area, []).append(uid)
        short = f"CĐ {'P.' if level == 'phường' else 'X.'} {place}"
        b.add(
            Unit(
                uid,
                f"Công đoàn {level} {place}",
                "commune",
                founded=REORG,
                short_name=short,
                area=";".join(areas),
            )
        )
        b.links.append(Link(uid, "HN", "admin", REORG, None))

    # --- grassroots before the reorganisation ---------------------------------
    grassroots: list[Unit] = []
    nghiep_doan_districts = rng.sample([p for _, p in DISTRICTS], 10)
    admin_districts = rng.sample([p for _, p in DISTRICTS if p != "Hoàn Kiếm"], 5)
    old_style = {
        "Cầu Giấy": "Công đoàn cơ sở Công ty TNHH Thuận Hoà",
        "Gia Lâm": "Công đoàn cơ sở Trường Mầm non Hoà Phong",
    }
    b.brands_used.update(fold(n) for n in ("Thuận Hoà", "Hoà Phong"))
    for prefix, place in DISTRICTS:
        pid = district_id[place]
        rural = prefix == "huyện"
        count = rng.randint(8, 10) if place in wards_of else rng.randint(6, 7)
        batch: list[Unit] = []
        if place in nghiep_doan_districts:
            trade = NGHIEP_DOAN_TRADES[nghiep_doan_districts.index(place)]
            batch.append(
                Unit(
                    "",
                    f"Nghiệp đoàn {trade} {b.brand()}",
                    "trade_grassroots",
                    sector="lao động tự do",
                    ownership="ngoài nhà nước",
                    area=place,
                    workers=rng.randint(25, 120),
                    category="nghiep_doan",
                )
            )
        if place in admin_districts:
            kind_of = ADMIN_KINDS[admin_districts.index(place)]
            batch.append(
                Unit(
                    "",
                    f"Công đoàn cơ sở {kind_of} {b.brand()}",
                    "grassroots",
                    sector="hành chính sự nghiệp",
                    ownership="nhà nước",
                    area=place,
                    workers=rng.randint(12, 45),
                    category="admin",
                )
            )
        if place in old_style:
            category = "company" if "Công ty" in old_style[place] else "school"
            sector = "thương mại – dịch vụ" if category == "company" else "giáo dục"
            batch.append(
                Unit(
                    "",
                    old_style[place],
                    "grassroots",
                    sector=sector,
                    ownership="ngoài nhà nước",
                    area=place,
                    workers=rng.randint(30, 90),
                    category=category,
                )
            )
        while len(batch) < count:
            batch.append(district_grassroots(b, place, rural=rural))
        for u in batch:
            u.id = b.next_cdcs_id()
            u.parent = pid
            u.short_name = short_of(u.name)
            b.add(u)
            grassroots.append(u)
    districts_by_area = [p for _, p in DISTRICTS]
    iz_areas = ["Sóc Sơn", "Đông Anh", "Thạch Thất", "Quốc Oai", "Chương Mỹ", "Thường Tín"]
    for uid, _, _, _, kind in SECTOR_UNIONS:
        if kind == "industrial_zone":
            count = 25
        elif uid == "CD-VIENCHUC":
            count = 6
        else:
            count = rng.randint(5, 10)
        batch = []
        if uid == "CD-VIENCHUC":
            for kind_of in ("Văn phòng Ban Quản lý", "Trung tâm Lưu trữ", "Ban Quản lý Di tích"):
                batch.append(
                    Unit(
                        "",
                        f"Công đoàn cơ sở {kind_of} {b.brand()}",
                        "grassroots",
                        sector="hành chính sự nghiệp",
                        ownership="nhà nước",
                        area=rng.choice(districts_by_area[:12]),
                        workers=rng.randint(15, 60),
                        category="admin",
                    )
                )
        while len(batch) < count:
            area = rng.choice(iz_areas if kind == "industrial_zone" else districts_by_area)
            batch.append(sector_grassroots(b, uid, area))
        for u in batch:
            u.id = b.next_cdcs_id()
            u.parent = uid
            u.short_name = short_of(u.name)
            b.add(u)
            grassroots.append(u)

    for u in grassroots:
        b.links.append(Link(u.id, u.parent, "admin", None, REORG))

    # --- history before the reorganisation -------------------------------------
    history = History(b, district_id)
    history.run()

    # guidance links: ~5% of district grassroots, sector matching a sector union
    plain = [
        u
        for u in grassroots
        if u.parent.startswith("LDLD-")
        and u.sector in GUIDANCE_BY_SECTOR
        and u.category != "admin"
        and u.dissolved is None
        and u.id not in history.touched
    ]
    for u in rng.sample(plain, 16):
        b.links.append(Link(u.id, GUIDANCE_BY_SECTOR[u.sector], "guidance", None, REORG))

    # --- the reorganisation on 01/07/2025 --------------------------------------
    for _, place in DISTRICTS:
        b.events.append(Event("dissolve", REORG, [district_id[place]], [], SYNTHETIC_DOC))
    for uid, *_ in SECTOR_UNIONS:
        b.events.append(Event("dissolve", REORG, [uid], [], SYNTHETIC_DOC))
    for _, place, _ in COMMUNES:
        cid = commune_id[place]
        doc = KIM_LIEN_DECISION if place == "Kim Liên" else SYNTHETIC_DOC
        b.events.append(Event("found", REORG, [], [cid], doc))

    moves: dict[str, list[str]] = {}
    for u in b.units:
        if u.kind not in ("grassroots", "trade_grassroots") or u.dissolved is not None:
            continue
        if u.category == "admin":
            u.dissolved = REORG
            b.events.append(Event("dissolve", REORG, [u.id], [], SYNTHETIC_DOC))
            continue
        wards = wards_of.get(u.area, [])
        from_district = u.parent.startswith("LDLD-")
        big = u.workers >= BIG_ENTERPRISE
        if from_district:
            to_ward = bool(wards) and not big
        else:
            share = 0.1 if u.parent == "CD-KCNCX" else 0.25
            to_ward = bool(wards) and not big and rng.random() < share
        target = rng.choice(wards) if to_ward else "HN"
        moves.setdefault(target, []).append(u.id)
        b.links.append(Link(u.id, target, "admin", REORG, None))
    for target in ["HN", *commune_id.values()]:
        moved = moves.get(target, [])
        if not moved:
            continue
        doc = KIM_LIEN_DECISION if target == commune_id["Kim Liên"] else SYNTHETIC_DOC
        b.events.append(Event("move", REORG, moved, [target], doc))

    groups, members = build_groups(b, district_id, commune_id)
    figures = build_figures(b, history.touched)
    return b, {"groups.csv": groups, "group_members.csv": members, "figures.csv": figures}


@dataclass
class History:
    """Founding, merge, split, absorb and rename events in 2024 and early 2025."""

    b: Builder
    district_id: dict[str, str]
    touched: list[str] = field(default_factory=list)

    def pick(self, place: str, count: int, *, name_has: str = "") -> list[Unit]:
        """Pick *count* ordinary company grassroots of district *place*."""
        pid = self.district_id[place]
        pool = [
            u
            for u in self.b.units
            if u.parent == pid
            and u.category == "company"
            and u.id not in self.touched
            and name_has in u.name
        ]
        chosen = self.b.rng.sample(pool, count)
        self.touched.extend(u.id for u in chosen)
        return chosen

    def new(self, place: str, name: str, founded: date, workers: int) -> Unit:
        """Register a company grassroots union founded on *founded* in *place*."""
        u = Unit(
            self.b.next_cdcs_id(),
            name,
            "grassroots",
            founded=founded,
            sector="thương mại – dịch vụ",
            ownership="ngoài nhà nước",
            area=place,
            workers=workers,
            category="company",
            parent=self.district_id[place],
        )
        u.short_name = short_of(name)
        self.b.add(u)
        self.touched.append(u.id)
        return u

    def end_links(self, uid: str, day: date) -> None:
        """End every link of child *uid* still running on *day*."""
        for link in self.b.links:
            if link.child == uid and (link.valid_to is None or link.valid_to > day):
                link.valid_to = day

    def run(self) -> None:
        """Create the history events."""
        b, rng = self.b, self.b.rng
        founding_days = (
            (date(2024, 2, 20), "Hoàng Mai"),
            (date(2024, 4, 15), "Đông Anh"),
            (date(2024, 6, 3), "Bắc Từ Liêm"),
            (date(2024, 8, 19), "Gia Lâm"),
            (date(2024, 10, 7), "Thanh Xuân"),
            (date(2024, 11, 25), "Hai Bà Trưng"),
        )
        for day, place in founding_days:
            form = rng.choice(COMPANY_FORMS)
            u = self.new(
                place, f"Công đoàn cơ sở {form} Dịch vụ {b.brand()}", day, rng.randint(30, 150)
            )
            b.links.append(Link(u.id, u.parent, "admin", day, REORG))
            b.events.append(Event("found", day, [], [u.id], SYNTHETIC_DOC))

        # split: one enterprise union in Hà Đông divides in two (60% / 40%)
        day = date(2024, 5, 1)
        (orig,) = self.pick("Hà Đông", 1)
        orig.dissolved = day
        self.end_links(orig.id, day)
        brand = b.brand()
        parts = [
            self.new("Hà Đông", f"Công đoàn cơ sở Công ty TNHH Cơ khí {brand}", day, 240),
            self.new("Hà Đông", f"Công đoàn cơ sở Công ty TNHH Kết cấu thép {brand}", day, 160),
        ]
        for u in parts:
            u.sector = "công nghiệp"
            b.links.append(Link(u.id, u.parent, "admin", day, REORG))
        b.events.append(
            Event("split", day, [orig.id], [u.id for u in parts], SYNTHETIC_DOC, ["0.6", "0.4"])
        )

        # rename: a limited company converts to a joint-stock company
        day = date(2024, 7, 1)
        (renamed,) = self.pick("Thanh Xuân", 1, name_has="Công ty TNHH ")
        form = "Công ty TNHH MTV" if "Công ty TNHH MTV" in renamed.name else "Công ty TNHH"
        new_name = nfc(renamed.name.replace(form, "Công ty Cổ phần", 1))
        b.names_used.add(fold(new_name))
        b.events.append(Event("rename", day, [renamed.id], [], SYNTHETIC_DOC, name=new_name))

        # merge: two enterprise unions in Cầu Giấy form a new one
        day = date(2024, 9, 1)
        originals = self.pick("Cầu Giấy", 2)
        for u in originals:
            u.dissolved = day
            self.end_links(u.id, day)
        merged = self.new(
            "Cầu Giấy",
            f"Công đoàn cơ sở Công ty Cổ phần Tập đoàn {b.brand()}",
            day,
            sum(u.workers for u in originals),
        )
        b.links.append(Link(merged.id, merged.parent, "admin", day, REORG))
        b.events.append(Event("merge", day, [u.id for u in originals], [merged.id], SYNTHETIC_DOC))

        # absorb (2025, before July): a small union joins a bigger one in Long Biên
        day = date(2025, 4, 1)
        absorbed, absorber = self.pick("Long Biên", 2)
        absorbed.dissolved = day
        self.end_links(absorbed.id, day)
        b.events.append(Event("absorb", day, [absorbed.id], [absorber.id], SYNTHETIC_DOC))


def build_groups(
    b: Builder, district_id: dict[str, str], commune_id: dict[str, str]
) -> tuple[list[list[str]], list[list[str]]]:
    """Return the rows of ``groups.csv`` and ``group_members.csv``."""
    rng = b.rng
    groups: list[list[str]] = [["id", "name", "kind", "owner"]]
    members: list[list[str]] = [["group", "unit", "valid_from", "valid_to", "role"]]

    def add_group(
        gid: str, name: str, kind: str, units: list[str], years: list[tuple[date, date]]
    ) -> None:
        groups.append([gid, nfc(name), kind, "HN"])
        start, end = years[0][0], years[-1][1]
        member_end = None if years[-1][1] == Y2027 else end
        members.extend([gid, uid, iso(start), iso(member_end), "member"] for uid in units)
        for y_from, y_to in years:
            leader, deputy = rng.sample(units, 2)
            members.append([gid, leader, iso(y_from), iso(y_to), "leader"])
            members.append([gid, deputy, iso(y_from), iso(y_to), "deputy"])

    before = [(Y2024, Y2025), (Y2025, REORG)]
    for n, places in enumerate(CLUSTERS, start=1):
        units = [district_id[p] for p in places]
        add_group(f"CUM-{n:02d}", f"Cụm thi đua số {n}", "cluster", units, before)
    sector_ids = [uid for uid, *_ in SECTOR_UNIONS]
    add_group("KHOI-NGANH", "Khối các công đoàn ngành", "block", sector_ids, before)
    after = [(REORG, Y2026), (Y2026, Y2027)]
    for n, places in enumerate(WARD_CLUSTERS, start=1):
        units = [commune_id[p] for p in places]
        add_group(
            f"CUM-PHUONG-{n}", f"Cụm thi đua công đoàn phường số {n}", "cluster", units, after
        )
    return groups, members


def build_figures(b: Builder, touched: list[str]) -> list[list[str]]:
    """Return the rows of ``figures.csv`` (synthetic 2024 figures)."""
    rng = b.rng
    reporters = [
        u
        for u in b.units
        if u.kind in ("grassroots", "trade_grassroots")
        and (u.founded is None or u.founded <= Y2024)
        and (u.dissolved is None or u.dissolved >= Y2025)
    ]
    eligible_missing = [u for u in reporters if u.parent != "LDLD-HOANKIEM" and u.id not in touched]
    b.missing = sorted(u.id for u in rng.sample(eligible_missing, 6))
    person = 0
    records: dict[str, list[tuple[str, str, str]]] = {}
    honoured: dict[str, list[str]] = {}
    new_members_by_parent: dict[str, int] = {}
    for u in reporters:
        if u.id in b.missing:
            continue
        rec: list[tuple[str, str, str]] = []
        state = u.ownership == "nhà nước"
        rate = rng.uniform(0.9, 1.0) if state else rng.uniform(0.55, 0.95)
        members = max(5, round(u.workers * rate))
        new_members = rng.randint(0, max(1, members // (12 if state else 5)))
        rec.append(("new_members", "2024", str(new_members)))
        quarter = [max(3, members - new_members + rng.randint(-3, 3))]
        for _ in range(2):
            quarter.append(max(3, quarter[-1] + rng.randint(-4, 4)))
        quarter.append(members)
        rec.extend(("members", f"2024-Q{q}", str(v)) for q, v in enumerate(quarter, start=1))
        rec.append(("workers", "2024", str(u.workers)))
        initiatives = rng.choices(range(13), [20, 15, 12, 10, 8, 7, 6, 5, 4, 4, 3, 3, 3])[0]
        benefit = sum(rng.randint(3, 60) for _ in range(initiatives)) * 1_000_000
        rec.append(("initiatives", "2024", str(initiatives)))
        rec.append(("initiative_benefit", "2024", str(benefit)))
        due = 0 if u.kind == "trade_grassroots" else 1
        held = due if rng.random() < 0.88 else 0
        rec.append(("workers_conferences_held", "2024", str(held)))
        rec.append(("workers_conferences_due", "2024", str(due)))
        rec.append(("union_score", "2024", f"{rng.uniform(55.0, 98.0):.1f}"))
        people = []
        for _ in range(rng.randint(1, 4)):
            person += 1
            people.append(f"P{person:06d}")
        honoured[u.id] = people
        agreement = rng.random() < (0.35 if state else 0.7) and u.kind == "grassroots"
        rec.append(("agreements_in_force", "2024", "1" if agreement else "0"))
        rec.append(("grassroots_count", "2024", "1"))
        records[u.id] = rec
        new_members_by_parent[u.parent] = new_members_by_parent.get(u.parent, 0) + new_members
    # a few people are honoured in two units (second job, transfer during the year)
    holders = list(honoured)
    shared_count = 0
    while shared_count < 4:
        first, second = rng.sample(holders, 2)
        person_key = honoured[first][0]
        if person_key not in honoured[second]:
            honoured[second].append(person_key)
            shared_count += 1
    rows: list[list[str]] = [["unit", "indicator", "period", "value", "source", "scope"]]
    for uid, rec in records.items():
        src = f"BC-2024-{uid}"
        for indicator, period, value in rec:
            rows.append([uid, indicator, period, value, src, "own"])
            if indicator == "union_score":
                rows.append([uid, "people_honoured", "2024", ";".join(honoured[uid]), src, "own"])
    for _, place in DISTRICTS:
        uid = f"LDLD-{slug(place)}"
        total = new_members_by_parent.get(uid, 0)
        if uid == "LDLD-HOANKIEM":
            total += HOAN_KIEM_EXCESS
        src = f"BC-2024-{uid}"
        rows.append([uid, "new_members", "2024", str(total), src, "total"])
        rows.append([uid, "initiatives", "2024", str(rng.randint(0, 3)), src, "own"])
    return rows


def write_csv(path: Path, rows: list[list[str]]) -> None:
    """Write *rows* as UTF-8, NFC, comma-separated, one line per row."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        for r in rows:
            writer.writerow([nfc(c) for c in r])


def main(argv: Sequence[str] | None = None) -> int:
    """Build the sample and write the CSV files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    rng = random.Random(SEED)  # noqa: S311 - reproducible sample data, not cryptography
    b, extra = build(rng)

    units = [
        ["id", "name", "kind", "founded", "dissolved", "short_name", "sector", "ownership", "area"]
    ]
    units += [
        [
            u.id,
            u.name,
            u.kind,
            iso(u.founded),
            iso(u.dissolved),
            u.short_name,
            u.sector,
            u.ownership,
            u.area,
        ]
        for u in b.units
    ]
    links = [["child", "parent", "relation", "valid_from", "valid_to"]]
    links += [[k.child, k.parent, k.relation, iso(k.valid_from), iso(k.valid_to)] for k in b.links]
    events = [["id", "kind", "date", "originals", "results", "shares", "document", "name"]]
    ordered = sorted(b.events, key=lambda e: e.date)
    number = FIRST_SYNTHETIC_NUMBER
    for e in ordered:
        if e.document == SYNTHETIC_DOC:
            e.document = f"{number}/QĐ-LĐLĐ"
            number += 1
    events += [
        [
            f"EV-{n:03d}",
            e.kind,
            iso(e.date),
            ";".join(e.originals),
            ";".join(e.results),
            ";".join(e.shares),
            e.document,
            e.name,
        ]
        for n, e in enumerate(ordered, start=1)
    ]
    write_csv(out / "units.csv", units)
    write_csv(out / "links.csv", links)
    write_csv(out / "events.csv", events)
    write_csv(out / "roots.csv", [["unit"], ["TLD"]])
    for name, rows in extra.items():
        write_csv(out / name, rows)
    print(
        f"wrote {len(units) - 1} units, {len(links) - 1} links, {len(events) - 1} events to {out}"
    )
    print("grassroots deliberately missing from figures.csv:", ", ".join(b.missing))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
