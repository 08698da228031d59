"""Build the synthetic people of the shipped Hà Nội sample (``people.csv``, ``awards.csv`` …).

Every person, name, rating, initiative, award, decision number, discipline,
absence, registration and review written here is **synthetic**: invented
by a seeded random generator to exercise the honours engine, never taken
from a real record.  The units they belong to are the sample's grassroots
unions (``units.csv``, built by ``tools/build_hanoi_sample.py``), which this
tool reads first.

What it writes, beside the hierarchy files:

* ``people.csv`` (with the ``category`` and ``grade`` attributes that
  statistics forms 0602 and 0603 count by, see :func:`categories`) and
  ``memberships.csv``: about 3,000 members of the
  grassroots unions, each membership inside its unit's lifetime: members of
  a merged, split or absorbed union move to its successor on the day of the
  event, members of the agency unions ended on 01/07/2025 leave or move on
  that day;
* ``ratings.csv``: the yearly rating of every member and every grassroots
  union alive for the whole year, 2015 to 2024;
* ``initiatives.csv`` (grassroots, province and national level, with
  benefit values), ``discipline.csv``, ``absences.csv``, ``reviews.csv``
  and ``registrations.csv`` (the titles registered for 2024);
* ``awards.csv``: the awards of 2015 to 2023, decided in the following year.
  They follow the rules: each year the tool runs
  :func:`thidua.honours.eligibility` of the rule set ``vn-2024`` (and
  ``cd-999-2024`` for the Bằng Lao động sáng tạo) on the history built so
  far and awards (most of) the eligible — so the chains LĐTT → CSTĐCS →
  CSTĐ bộ/tỉnh → CSTĐ toàn quốc, BK bộ/tỉnh → BK Thủ tướng and the
  collective titles arise as the rules make them.

2024 is the year being proposed: it has ratings, initiatives and
registrations but no award yet, so that every honour with a rule has both
eligible and ineligible candidates for it (``tests/test_hanoi_people.py``).

The output is deterministic (``random.Random(2026)``); run from the
repository root after ``tools/build_hanoi_sample.py``::

    .venv/bin/python tools/build_hanoi_people.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import random
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import attrs

from thidua.honours import eligibility, load_catalogue
from thidua.people import (
    Absence,
    Award,
    Discipline,
    History,
    Initiative,
    Membership,
    Person,
    Rating,
    Review,
)
from thidua.periods import Period

SEED = 2026
FIRST_YEAR, LAST_YEAR = 2015, 2024
AWARD_YEARS = range(FIRST_YEAR, LAST_YEAR)  # 2015-2023: decided in the following year
LDTT_FROM = 2021  # LĐTT decisions are written from 2021 only, to keep the files small
REORG = date(2025, 7, 1)
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "src" / "thidua" / "datasets" / "hanoi"
GRASSROOTS = ("grassroots", "trade_grassroots")

FAMILY = (
    ("Nguyễn", 30),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Phan", 4),
    ("Vũ", 4),
    ("Đặng", 3),
    ("Bùi", 3),
    ("Đỗ", 3),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 2),
    ("Lý", 1),
    ("Đinh", 2),
    ("Trịnh", 2),
    ("Đào", 2),
    ("Kiều", 1),
)
MIDDLE = {
    "male": ("Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Mạnh", "Xuân", "Tiến"),
    "female": ("Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Hồng", "Thùy", "Kim"),
}
GIVEN = {
    "male": (
        "Hùng",
        "Dũng",
        "Tuấn",
        "Nam",
        "Long",
        "Hải",
        "Sơn",
        "Thắng",
        "Cường",
        "Phong",
        "Khoa",
        "Trung",
        "Hiếu",
        "Bình",
        "Quân",
        "Toàn",
        "Huy",
        "Đạt",
        "Kiên",
        "Thành",
    ),
    "female": (
        "Hoa",
        "Lan",
        "Hương",
        "Mai",
        "Linh",
        "Trang",
        "Hằng",
        "Thảo",
        "Nga",
        "Yến",
        "Hà",
        "Phương",
        "Ngân",
        "Dung",
        "Vân",
        "Huyền",
        "Loan",
        "Oanh",
        "Giang",
        "Thủy",
    ),
}
WORKS = (
    "Cải tiến quy trình",
    "Ứng dụng phần mềm quản lý",
    "Giải pháp tiết kiệm điện năng trong",
    "Số hóa hồ sơ",
    "Hợp lý hóa dây chuyền",
    "Nâng cao chất lượng",
    "Giải pháp an toàn lao động trong",
    "Đổi mới phương pháp",
)
OBJECTS = (
    "tiếp nhận hồ sơ",
    "kiểm kê vật tư",
    "đóng gói sản phẩm",
    "chăm sóc khách hàng",
    "bảo dưỡng thiết bị",
    "quản lý đoàn viên",
    "giảng dạy trực tuyến",
    "xử lý nước thải",
    "vận hành kho",
    "lập kế hoạch sản xuất",
)

# Latent profiles: (share of people, weights of KHT, HT, HTT, HTXS).
PROFILES = {
    "star": (0.012, (0, 0, 0, 1)),
    "strong": (0.15, (0, 0.04, 0.51, 0.45)),
    "normal": (0.66, (0.03, 0.22, 0.68, 0.07)),
    "weak": (0.178, (0.14, 0.5, 0.35, 0.01)),
}
GRADES = ("KHT", "HT", "HTT", "HTXS")
GRASSROOTS_IDEA = {"star": 0.6, "strong": 0.2, "normal": 0.03, "weak": 0.005}
PROVINCE_IDEA = {"star": 0.0, "strong": 0.03, "normal": 0.002, "weak": 0.0}

# Share of the eligible who are awarded (offices do not propose everyone).
AWARD_SHARE = {
    "LDTT": 0.97,
    "CSTDCS": 0.85,
    "CSTD_BO": 1.0,
    "CSTD_TQ": 1.0,
    "BK_BO": 0.55,
    "BK_TTG": 0.6,
    "BLDST": 1.0,
    "TTLDTT": 0.95,
    "TTLDXS": 0.8,
}
# Who decides, and when in the following year (month range).
ISSUER = {
    "LDTT": ("QĐ-LĐLĐ", (1, 2)),
    "CSTDCS": ("QĐ-LĐLĐ", (1, 2)),
    "TTLDTT": ("QĐ-LĐLĐ", (1, 2)),
    "GK": ("QĐ-LĐLĐ", (1, 2)),
    "CO_LDLD": ("QĐ-LĐLĐ", (3, 4)),
    "BK_BO": ("QĐ-UBND", (3, 5)),
    "CSTD_BO": ("QĐ-UBND", (3, 5)),
    "TTLDXS": ("QĐ-UBND", (3, 5)),
    "BK_CD": ("QĐ-TLĐ", (5, 7)),
    "BLDST": ("QĐ-TLĐ", (4, 6)),
    "BK_TTG": ("QĐ-TTg", (6, 10)),
    "CSTD_TQ": ("QĐ-TTg", (6, 10)),
}
POSITIONS = ("Chủ tịch Công đoàn cơ sở", "Phó Chủ tịch Công đoàn cơ sở", "Ủy viên Ban Chấp hành")
MANAGER_POSTS = ("Trưởng phòng", "Quản đốc phân xưởng", "Phó Giám đốc")


CATEGORY_SEED = SEED + 603
"""The seed of the recipient categories: drawn apart, so the other tables do not change."""
LEADER_GRADES = (("vụ, sở", 0.08), ("phòng", 0.92))
"""The grades of the sample's leaders (no one leads at ministry/province level)."""


def categories(people: Sequence[Member]) -> list[tuple[str, str]]:
    """The ``category`` and ``grade`` of each person (for statistics forms 0602/0603).

    Managers and the chairs of their union are leaders (``lãnh đạo``) of
    grade ``phòng`` or, a few, ``vụ, sở``; of the others about 4 % are
    business people (``doanh nhân``), 86 % work directly (``trực tiếp``)
    and the rest state no category.  Drawn with a generator of its own so
    the other tables stay as they were.
    """
    rng = random.Random(CATEGORY_SEED)  # noqa: S311 - sample data
    out = []
    for p in people:
        draw = rng.random()
        if p.manager:
            out.append(("lãnh đạo", weighted(rng, LEADER_GRADES)))
        elif draw < 0.04:
            out.append(("doanh nhân", ""))
        elif draw < 0.90:
            out.append(("trực tiếp", ""))
        else:
            out.append(("", ""))
    return out


def nfc(text: str) -> str:
    """NFC-normalise *text*."""
    return unicodedata.normalize("NFC", text)


def iso(day: date | None) -> str:
    """ISO text of *day*, empty for none."""
    return "" if day is None else day.isoformat()


def year_start(year: int) -> date:
    """The first day of *year*."""
    return date(year, 1, 1)


@dataclass
class UnitInfo:
    """A grassroots union of ``units.csv``: id, lifetime and area."""

    id: str
    founded: date | None
    dissolved: date | None
    area: str

    def alive_all_year(self, year: int) -> bool:
        """Whether the unit exists from 1 January to 31 December of *year*."""
        starts_ok = self.founded is None or self.founded <= year_start(year)
        ends_ok = self.dissolved is None or self.dissolved >= year_start(year + 1)
        return starts_ok and ends_ok


@dataclass
class Member:
    """One synthetic person and what the generator knows of them."""

    id: str
    name: str
    gender: str
    born: date
    profile: str
    memberships: list[Membership] = field(default_factory=list)
    university: bool = False
    manager: bool = False

    def in_post_days(self, year: int) -> int:
        """The days of *year* the person is a member of some unit."""
        lo, hi = year_start(year), year_start(year + 1)
        days = 0
        for m in self.memberships:
            end = hi if m.valid_to is None else min(hi, m.valid_to)
            days += max(0, (end - max(lo, m.valid_from)).days)
        return days

    def unit_on(self, day: date) -> str | None:
        """The unit the person is a member of on *day*."""
        for m in self.memberships:
            if m.valid_from <= day and (m.valid_to is None or day < m.valid_to):
                return m.unit
        return None


def read_units(out: Path) -> tuple[list[UnitInfo], dict[str, list[str]]]:
    """The grassroots unions and the successors of those that end (merge, split, absorb)."""
    with (out / "units.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    units = [
        UnitInfo(
            id=r["id"],
            founded=date.fromisoformat(r["founded"]) if r["founded"] else None,
            dissolved=date.fromisoformat(r["dissolved"]) if r["dissolved"] else None,
            area=r["area"],
        )
        for r in rows
        if r["kind"] in GRASSROOTS
    ]
    successors: dict[str, list[str]] = {}
    with (out / "events.csv").open(encoding="utf-8") as fh:
        for e in csv.DictReader(fh):
            if e["kind"] in ("merge", "split", "absorb"):
                for original in e["originals"].split(";"):
                    successors[original] = e["results"].split(";")
    return units, successors


def weighted(rng: random.Random, pairs: Sequence[tuple[str, float]]) -> str:
    """One of the weighted *pairs*' names, drawn with *rng*."""
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def random_day(rng: random.Random, lo: date, hi: date) -> date:
    """A day in ``[lo, hi)``."""
    return lo + timedelta(days=rng.randrange(max(1, (hi - lo).days)))


class Generator:
    """The seeded generator: people first, then the years one by one."""

    def __init__(
        self, rng: random.Random, units: list[UnitInfo], successors: dict[str, list[str]]
    ) -> None:
        self.rng = rng
        self.units = units
        self.by_id = {u.id: u for u in units}
        self.successors = successors
        self.people: list[Member] = []
        self.ratings: list[Rating] = []
        self.initiatives: list[Initiative] = []
        self.discipline: list[Discipline] = []
        self.absences: list[Absence] = []
        self.reviews: list[Review] = []
        self.registrations: list[list[str]] = []
        self.awards: list[Award] = []
        self.used: set[str] = set()
        self.numbers: dict[tuple[str, int], int] = defaultdict(int)
        self.disciplined: dict[tuple[str, int], str] = {}
        self.year_grades: dict[str, str] = {}
        self.last_cstdcs: set[str] = set()

    # -- people and memberships ---------------------------------------------------------------

    def person(self, unit: UnitInfo, start: date, position: str = "") -> Member:
        """A new person, member of *unit* from *start*."""
        rng = self.rng
        gender = "female" if rng.random() < 0.52 else "male"
        name = " ".join(
            (
                weighted(rng, FAMILY),
                rng.choice(MIDDLE[gender]),
                rng.choice(GIVEN[gender]),
            )
        )
        profile = weighted(rng, [(k, v[0]) for k, v in PROFILES.items()])
        born = random_day(rng, date(1966, 1, 1), date(1999, 12, 31))
        member = Member(
            id=f"DV-{len(self.people) + 1:05d}",
            name=nfc(name),
            gender=gender,
            born=born,
            profile=profile,
            university=rng.random() < 0.45,
        )
        if not position and rng.random() < 0.07:
            position = rng.choice(MANAGER_POSTS)
        member.manager = position in POSITIONS[:2] or position in MANAGER_POSTS
        self.people.append(member)
        self.join(member, unit, start, position)
        return member

    def join(self, member: Member, unit: UnitInfo, start: date, position: str = "") -> None:
        """A membership from *start* to the unit's end; members follow a unit that ends."""
        end = unit.dissolved
        leaves = None
        if self.rng.random() < 0.05:
            leaves = random_day(self.rng, max(start, date(2016, 1, 1)) + timedelta(days=30), REORG)
            if end is not None and leaves >= end:
                leaves = None
        stop = leaves or end
        if stop is not None and stop <= start:
            return
        member.memberships.append(
            Membership(
                person=member.id,
                unit=unit.id,
                valid_from=start,
                valid_to=stop,
                position=position,
                manager=member.manager,
                qualification="university" if member.university else "college_or_below",
            )
        )
        if leaves is not None or end is None:
            return
        nexts = self.successors.get(unit.id)
        if nexts:
            self.join(member, self.by_id[self.rng.choice(nexts)], end, position)
        elif self.rng.random() < 0.5:  # an agency union ended on 01/07/2025: some move on
            alive = [u for u in self.units if u.dissolved is None and u.founded is None]
            self.join(member, self.rng.choice(alive), end)

    def build_people(self) -> None:
        """The members of every grassroots union (successors get theirs from the originals)."""
        rng = self.rng
        for unit in self.units:
            if unit.founded is not None and unit.id in {
                r for rs in self.successors.values() for r in rs
            }:
                continue  # a merge or split result: its members come from the originals
            size = rng.randint(3, 10)
            start_lo = unit.founded or date(2003, 1, 1)
            for k in range(size):
                position = POSITIONS[k] if k < 3 else ""
                if unit.founded is not None:
                    start = unit.founded
                elif rng.random() < 0.85:
                    start = random_day(rng, start_lo, date(2015, 1, 1))
                else:
                    start = random_day(rng, date(2015, 1, 1), date(2024, 12, 1))
                self.person(unit, start, position)

    # -- the facts of each year ------------------------------------------------------------------

    def grade_of(self, member: Member, year: int) -> str:
        """The rating of *member* for *year*: drawn from the profile, low after discipline."""
        form = self.disciplined.get((member.id, year))
        if form is not None:
            return "KHT" if form != "reprimand" else "HT"
        weights = PROFILES[member.profile][1]
        return self.rng.choices(GRADES, weights=weights)[0]

    def year_facts(self, year: int) -> None:
        """Ratings, discipline, absences and initiatives of *year*, for people and units."""
        rng = self.rng
        lo, hi = year_start(year), year_start(year + 1)
        unit_grades: dict[str, list[str]] = defaultdict(list)
        for member in self.people:
            days = member.in_post_days(year)
            if days == 0:
                continue
            if rng.random() < 0.004:
                form = weighted(rng, [("reprimand", 0.7), ("warning", 0.25), ("demotion", 0.05)])
                decided = random_day(rng, lo, hi - timedelta(days=40))
                self.discipline.append(
                    Discipline(
                        person=member.id,
                        form=form,
                        decided_on=decided,
                        valid_to=decided + timedelta(days=365),
                    )
                )
                self.disciplined[(member.id, year)] = form
                self.disciplined[(member.id, year + 1)] = form
            if days >= 90:
                grade = self.grade_of(member, year)
                self.ratings.append(Rating(subject=member.id, period=str(year), rating=grade))
                last_unit = member.unit_on(hi - timedelta(days=1))
                if last_unit is not None:
                    unit_grades[last_unit].append(grade)
            self.absence(member, year)
            self.ideas(member, year, lo, hi)
        for unit in self.units:
            if not unit.alive_all_year(year):
                continue
            grades = unit_grades.get(unit.id, [])
            good = sum(g in ("HTT", "HTXS") for g in grades) / len(grades) if grades else 0.0
            best = sum(g == "HTXS" for g in grades) / len(grades) if grades else 0.0
            if best >= 0.25 and rng.random() < 0.7:
                grade = "HTXS"
            elif good >= 0.6:
                grade = "HTT" if rng.random() < 0.9 else "HTXS"
            else:
                grade = "HT" if rng.random() < 0.85 else "KHT"
            self.ratings.append(Rating(subject=unit.id, period=str(year), rating=grade))

    def absence(self, member: Member, year: int) -> None:
        """Now and then an absence: maternity leave, or days off for another reason."""
        rng = self.rng
        if member.gender == "female" and rng.random() < 0.025:
            self.absences.append(
                Absence(
                    person=member.id,
                    period=str(year),
                    days=rng.randint(110, 130),
                    reason="maternity",
                )
            )
        if rng.random() < 0.02:
            reason = weighted(
                rng, [("sick", 0.6), ("study", 0.15), ("unpaid", 0.15), ("other", 0.1)]
            )
            days = rng.randint(3, 25) if rng.random() < 0.7 else rng.randint(38, 70)
            self.absences.append(
                Absence(person=member.id, period=str(year), days=days, reason=reason)
            )

    def idea(self, member: Member, level: str, day: date, benefit: float) -> None:
        """Record an initiative of *member* (now and then with a co-author of the same unit)."""
        rng = self.rng
        number = len(self.initiatives) + 1
        issuer = {"grassroots": "QĐ-HĐSK", "province": "QĐ-UBND", "national": "QĐ-BKHCN"}[level]
        title = f"{rng.choice(WORKS)} {rng.choice(OBJECTS)}"
        authors = [member.id]
        unit = member.unit_on(day)
        if unit is not None and rng.random() < 0.2:
            mates = [p for p in self.people if p is not member and p.unit_on(day) == unit]
            if mates:
                authors.append(rng.choice(mates).id)
        self.initiatives.append(
            Initiative(
                id=f"SK-{day.year}-{number:04d}",
                authors=authors,
                title=title,
                level=level,
                recognised_on=day,
                document=f"{rng.randint(10, 480)}/{issuer}",
                benefit=round(benefit, -5),
            )
        )

    def ideas(self, member: Member, year: int, lo: date, hi: date) -> None:
        """The initiatives of *member* in *year*: stars reach the province and national levels."""
        rng = self.rng
        if member.unit_on(hi - timedelta(days=1)) is None:
            return
        if rng.random() < GRASSROOTS_IDEA[member.profile]:
            big = rng.random() < 0.12
            benefit = rng.uniform(80e6, 260e6) if big else rng.uniform(5e6, 60e6)
            self.idea(member, "grassroots", random_day(rng, lo, hi), benefit)
        if member.profile == "star":
            # a star reaches the province level every third year from 2017, 2018 or 2019,
            # and the national level in 2020, in 2023 or never
            first = 2017 + int(member.id[-1]) % 3
            if year >= first and (year - first) % 3 == 0:
                self.idea(member, "province", random_day(rng, lo, hi), rng.uniform(100e6, 400e6))
            if year == (2020, 2023, 0)[int(member.id[-2]) % 3]:
                self.idea(member, "national", random_day(rng, lo, hi), rng.uniform(300e6, 900e6))
        elif rng.random() < PROVINCE_IDEA[member.profile]:
            self.idea(member, "province", random_day(rng, lo, hi), rng.uniform(60e6, 300e6))

    # -- awards ----------------------------------------------------------------------------------

    def history(self) -> History:
        """The history built so far."""
        return History.from_records(
            people=[
                Person(id=p.id, name=p.name, gender=p.gender, born=p.born) for p in self.people
            ],
            memberships=[m for p in self.people for m in p.memberships],
            ratings=self.ratings,
            awards=self.awards,
            initiatives=self.initiatives,
            discipline=self.discipline,
            absences=self.absences,
            reviews=self.reviews,
        )

    def decision(self, honour: str, year: int) -> tuple[str, date]:
        """A decision symbol and date for *honour* awarded for *year*."""
        issuer, (first, last) = ISSUER[honour]
        key = (issuer, year + 1)
        if key not in self.numbers:  # numbers restart every year (DOMAIN §7)
            self.numbers[key] = self.rng.randint(20, 600)
        self.numbers[key] += self.rng.randint(1, 9)
        month = self.rng.randint(first, last)
        day = date(year + 1, month, self.rng.randint(2, 28))  # after the default proposal date
        return f"{self.numbers[key]}/{issuer}", day

    def free_initiatives(
        self, history: History, person: str, level: int, first: int, last: int, count: int
    ) -> list[str] | None:
        """*count* unused initiatives of *person*, of *level* or higher, recognised in the years."""
        mine = [
            i
            for i in self.initiatives
            if person in i.authors
            and int(i.level) >= level
            and first <= i.recognised_on.year <= last
            and i.id not in self.used
        ]
        mine.sort(key=lambda i: (int(i.level), i.recognised_on))
        return [i.id for i in mine[:count]] if len(mine) >= count else None

    def award_year(self, year: int) -> None:
        """Award (most of) the eligible of *year*, the higher honours first."""
        rng = self.rng
        history = self.history()
        catalogue = load_catalogue()
        y = Period.year(year)
        self.year_grades = {r.subject: r.rating.name for r in self.ratings if r.period == y}
        before = Period.year(year - 1)
        self.last_cstdcs = {
            a.recipient for a in self.awards if a.honour == "CSTDCS" and a.period == before
        }
        stage = Period.stage(year - 2, year)
        plan: list[tuple[str, Period, str, Sequence[str]]] = []
        runs = [
            ("CSTD_TQ", stage, "vn-2024"),
            ("CSTD_BO", stage, "vn-2024"),
            ("BK_TTG", y, "vn-2024"),
            ("BK_BO", y, "vn-2024"),
            ("BLDST", y, "cd-999-2024"),
            ("CSTDCS", y, "vn-2024"),
            ("LDTT", y, "vn-2024"),
            ("TTLDXS", y, "vn-2024"),
            ("TTLDTT", y, "vn-2024"),
        ]
        collective: set[str] = set()
        for honour, period, rules in runs:
            if period.start.year < FIRST_YEAR:
                continue
            result = eligibility(history, catalogue, honour, period, rules=rules)
            for subject in result.eligible_subjects():
                if rng.random() >= AWARD_SHARE[honour]:
                    continue
                if honour in ("TTLDXS", "TTLDTT"):
                    if subject in collective:
                        continue
                    collective.add(subject)
                basis = self.basis(history, honour, subject, year)
                if basis is None:
                    continue
                plan.append((honour, period, subject, basis))
        by_honour: dict[str, tuple[str, date]] = {}
        for honour, period, subject, basis in plan:
            if honour == "LDTT" and year < LDTT_FROM:
                continue
            if honour not in by_honour:
                by_honour[honour] = self.decision(honour, year)
            self.add_award(subject, honour, period, *by_honour[honour], basis)
        self.extras(year, collective)

    def basis(self, history: History, honour: str, subject: str, year: int) -> Sequence[str] | None:
        """The initiatives an award rests on (``None``: none free where one is needed)."""
        need: dict[str, tuple[int, int, int, int]] = {
            "CSTD_TQ": (3, year - 2, year, 1),  # the whole stage (the engine looks there too)
            "CSTD_BO": (2, year - 2, year, 1),
        }
        found: list[str] | None = []
        if honour in need:
            level, first, last, count = need[honour]
            found = self.free_initiatives(history, subject, level, first, last, count)
        elif honour == "CSTDCS" and self.year_grades.get(subject) != "HTXS":
            found = self.free_initiatives(history, subject, 1, year, year, 1)
        elif honour == "BK_BO" and subject not in self.last_cstdcs:
            found = self.free_initiatives(history, subject, 1, year - 1, year, 2)
        elif honour == "BLDST":
            found = [
                i.id
                for i in self.initiatives
                if subject in i.authors
                and i.recognised_on.year in (year - 2, year - 1, year)
                and i.level.name == "GRASSROOTS"
                and (i.benefit or 0) > 0
                and i.id not in self.used
            ]
            found = found or None
        if found is not None:
            self.used.update(found)
        return found

    def add_award(
        self,
        subject: str,
        honour: str,
        period: Period,
        decision: str,
        day: date,
        basis: Iterable[str] = (),
    ) -> None:
        """Append an award."""
        self.awards.append(
            Award(
                id=f"KT-{len(self.awards) + 1:06d}",
                recipient=subject,
                honour=honour,
                period=period,
                decision=decision,
                decided_on=day,
                initiatives=tuple(basis),
            )
        )

    def extras(self, year: int, collective: set[str]) -> None:
        """Honours without a rule: flags for some excellent units, Giấy khen, thematic BK."""
        rng = self.rng
        y = Period.year(year)
        flagged = sorted(
            a.recipient
            for a in self.awards
            if a.honour == "TTLDXS" and a.period == y and rng.random() < 0.15
        )
        if flagged:
            decision, day = self.decision("CO_LDLD", year)
            for unit in flagged:
                self.add_award(unit, "CO_LDLD", y, decision, day)
        decision, day = self.decision("GK", year)
        thematic = self.decision("BK_CD", year) if year >= 2019 else None
        for member in self.people:
            if member.in_post_days(year) < 300:
                continue
            if rng.random() < 0.01:
                self.add_award(member.id, "GK", y, decision, day)
            if thematic and member.gender == "female" and rng.random() < 0.004:
                # "Giỏi việc nước, đảm việc nhà": thematic, never counts toward a chain
                self.add_award(member.id, "BK_CD", y, *thematic)

    # -- the proposal year ----------------------------------------------------------------------

    def proposal_year(self) -> None:
        """2024: registrations, a few open reviews and a revoked award."""
        rng = self.rng
        year = LAST_YEAR
        for member in self.people:
            if member.in_post_days(year) == 0:
                continue
            roll = rng.random()
            if roll < 0.08:
                continue  # did not register: excluded under 999/QĐ-TLĐ
            honour = "CSTDCS" if member.profile in ("star", "strong") and roll < 0.9 else "LDTT"
            day = date(year, rng.randint(1, 3), rng.randint(1, 28))
            self.registrations.append([member.id, str(year), honour, day.isoformat()])
        strong = [p for p in self.people if p.profile in ("star", "strong")]
        for member in rng.sample(strong, 4):
            self.reviews.append(
                Review(
                    subject=member.id,
                    valid_from=date(2024, rng.randint(9, 12), rng.randint(1, 28)),
                    reason=rng.choice(("complaint", "investigation")),
                )
            )
        closed = rng.choice(strong)  # a complaint settled in 2024: no longer open
        self.reviews.append(
            Review(
                subject=closed.id,
                valid_from=date(2024, 3, 4),
                valid_to=date(2024, 6, 17),
                reason="complaint",
            )
        )
        held = [
            i
            for i, a in enumerate(self.awards)
            if a.honour == "CSTDCS" and a.period and a.period.start.year == 2022
        ]
        for index in rng.sample(held, 2):
            self.awards[index] = attrs.evolve(self.awards[index], revoked_on=date(2024, 8, 15))


def write_csv(path: Path, rows: Iterable[Sequence[str]]) -> int:
    """Write *rows* as UTF-8, NFC, comma-separated; return the number of data rows."""
    count = -1
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        for r in rows:
            writer.writerow([nfc(c) for c in r])
            count += 1
    return count


def period_text(period: Period | None) -> str:
    """A period as the awards table writes it (a stage as ``giai đoạn …``)."""
    if period is None:
        return ""
    if period.days > 366:
        return f"giai đoạn {period.start.year}-{period.end.year - 1}"
    return str(period)


def vnd(value: float | None) -> str:
    """A VND amount as a whole number, empty when unknown."""
    return "" if value is None else str(int(value))


def write(gen: Generator, out: Path) -> dict[str, int]:
    """Write the tables; return the row counts."""
    counts = {}
    counts["people"] = write_csv(
        out / "people.csv",
        [["id", "name", "gender", "born", "category", "grade"]]
        + [
            [p.id, p.name, p.gender, p.born.isoformat(), category, grade]
            for p, (category, grade) in zip(gen.people, categories(gen.people), strict=True)
        ],
    )
    members = [m for p in gen.people for m in p.memberships]
    counts["memberships"] = write_csv(
        out / "memberships.csv",
        [["person", "unit", "valid_from", "valid_to", "position", "manager", "qualification"]]
        + [
            [
                m.person,
                m.unit,
                iso(m.valid_from),
                iso(m.valid_to),
                m.position,
                "yes" if m.manager else "no",
                "" if m.qualification is None else m.qualification.value,
            ]
            for m in members
        ],
    )
    counts["ratings"] = write_csv(
        out / "ratings.csv",
        [["subject", "period", "rating"]]
        + [[r.subject, str(r.period), r.rating.name] for r in gen.ratings],
    )
    counts["awards"] = write_csv(
        out / "awards.csv",
        [
            [
                "id",
                "recipient",
                "honour",
                "period",
                "decision",
                "decided_on",
                "initiatives",
                "revoked_on",
            ]
        ]
        + [
            [
                a.id,
                a.recipient,
                a.honour,
                period_text(a.period),
                a.decision,
                iso(a.decided_on),
                ";".join(a.initiatives),
                iso(a.revoked_on),
            ]
            for a in gen.awards
        ],
    )
    counts["initiatives"] = write_csv(
        out / "initiatives.csv",
        [["id", "authors", "title", "level", "recognised_on", "document", "benefit"]]
        + [
            [
                i.id,
                ";".join(i.authors),
                i.title,
                i.level.name.lower(),
                iso(i.recognised_on),
                i.document,
                vnd(i.benefit),
            ]
            for i in gen.initiatives
        ],
    )
    counts["discipline"] = write_csv(
        out / "discipline.csv",
        [["person", "form", "decided_on", "valid_to"]]
        + [
            [d.person, d.form.name.lower(), iso(d.decided_on), iso(d.valid_to)]
            for d in gen.discipline
        ],
    )
    counts["absences"] = write_csv(
        out / "absences.csv",
        [["person", "period", "days", "reason"]]
        + [[a.person, str(a.period), str(a.days), a.reason.value] for a in gen.absences],
    )
    counts["registrations"] = write_csv(
        out / "registrations.csv",
        [["subject", "period", "honour", "registered_on"], *gen.registrations],
    )
    counts["reviews"] = write_csv(
        out / "reviews.csv",
        [["subject", "valid_from", "valid_to", "reason"]]
        + [[v.subject, iso(v.valid_from), iso(v.valid_to), v.reason] for v in gen.reviews],
    )
    return counts


def generate(out: Path) -> Generator:
    """Run the generator over the hierarchy files in *out*."""
    units, successors = read_units(out)
    gen = Generator(random.Random(SEED), units, successors)  # noqa: S311 - sample data
    gen.build_people()
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        gen.year_facts(year)
        if year in AWARD_YEARS:
            gen.award_year(year)
    gen.proposal_year()
    return gen


def main(argv: Sequence[str] | None = None) -> int:
    """Build the synthetic people and write their tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the sample's directory")
    args = parser.parse_args(argv)
    counts = write(generate(args.out), args.out)
    print("wrote " + ", ".join(f"{n} {name}" for name, n in counts.items()) + f" to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
