"""Add the 2023 peak campaign to the shipped Hà Nội sample (``src/thidua/datasets/hanoi/``).

The Hà Nội federation's peak emulation campaign of 2023 (đợt thi đua cao điểm)
ran under plan **80/KH-LĐLĐ** of 28/04/2023 from 01/05 to 30/09/2023.  Its
final report counted 526 completed works (công trình, phần việc) at
grassroots level and 94 at direct-superior level, 6 of them chosen to carry a
plaque (gắn biển), one being the Ngọc Hà bridge over the Cà Lồ river in Sóc
Sơn; and the city's skilled-worker contest (Hội thi thợ giỏi) of 2023 had 363
contestants from 100 enterprises under 30 direct-superior unions, in 11
trades, with 111 prize-winners sharing 564 million VND.

Real: those totals, the plan's symbol, date and period, and the names of the
units (see DOMAIN.md §3–§4).  Synthetic: every individual work, pledge,
target, contestant and score, the district plans' numbers, and the 2023
figures.  This script reads the sample's ``units.csv``, ``links.csv`` and
``group_members.csv`` (run ``tools/build_hanoi_sample.py`` first) and writes
``campaigns.csv``, ``campaign_targets.csv``, ``pledges.csv``, ``works.csv``,
``contests.csv``, ``contest_entries.csv`` and ``cluster_scores.csv`` beside
them; it replaces its own 2023 rows of ``figures.csv`` (source
``BC-DTCD-2023-…``) and leaves the others as they are, so running it twice
gives the same files.

The output is deterministic (``random.Random(2023)``); run from the repository
root with only the standard library::

    python tools/build_hanoi_campaign.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

SEED = 2023
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "src" / "thidua" / "datasets" / "hanoi"

# --- real (DOMAIN.md §3-§4) --------------------------------------------------------------------
CITY = "HN"
CITY_PLAN = "80/KH-LĐLĐ"
CITY_ISSUED = date(2023, 4, 28)
START = date(2023, 5, 1)
LAST_DAY = date(2023, 9, 30)  # inclusive, as the plan writes it
GRASSROOTS_COMPLETED = 526
SUPERIOR_COMPLETED = 94
FLAGSHIP = 6
CONTESTANTS = 363
ENTERPRISES = 100
SUPERIORS = 30
TRADE_COUNT = 11
WINNERS = 111
PRIZE_TOTAL = 564_000_000
BRIDGE = "Cầu Ngọc Hà bắc qua sông Cà Lồ"
BRIDGE_PLEDGER = "LDLD-SOCSON"

# --- synthetic ------------------------------------------------------------------------------------
CITY_ID = "HN-DTCD-2023"
CAMPAIGN_NAME = "Đợt thi đua cao điểm 150 ngày năm 2023"
THEMES = (
    "Lao động giỏi",
    "Lao động sáng tạo",
    "Xanh – Sạch – Đẹp, bảo đảm an toàn vệ sinh lao động",
)
FIRST_DISTRICT_PLAN = 9501  # district plans 9501/KH-LĐLĐ … in district order
FLAGSHIP_DECISION = "9531/QĐ-LĐLĐ"  # the city's decision choosing the works that carry a plaque
FIGURES_PERIOD = f"{START.isoformat()}/{(LAST_DAY + timedelta(days=1)).isoformat()}"
FIGURES_SOURCE = "BC-DTCD-2023-"
CONTEST_ID = "HTTG-2023"
CONTEST_NAME = "Hội thi thợ giỏi thành phố Hà Nội năm 2023"
CONTEST_DAY = date(2023, 9, 16)
CLUSTER = "CUM-01"
CLUSTER_YEAR = 2024  # the year group_members.csv records a leader for cluster 1
# Prizes per trade: (result, count, VND); one trade gets one extra consolation prize.
PRIZES: tuple[tuple[str, int, int], ...] = (
    ("Giải Nhất", 1, 10_000_000),
    ("Giải Nhì", 2, 7_000_000),
    ("Giải Ba", 3, 5_000_000),
    ("Giải Khuyến khích", 4, 3_000_000),
)
TRADES: tuple[str, ...] = (
    "Hàn điện",
    "Tiện",
    "Phay",
    "Nguội lắp ráp",
    "Điện công nghiệp",
    "Điện tử công nghiệp",
    "Điện lạnh",
    "May công nghiệp",
    "Sửa chữa ô tô",
    "Vận hành máy CNC",
    "Lắp đặt điện dân dụng",
)
CRITERIA: tuple[tuple[str, int], ...] = (
    ("Phát triển đoàn viên, thành lập công đoàn cơ sở", 20),
    ("Đại diện, chăm lo, bảo vệ quyền lợi đoàn viên và người lao động", 25),
    ("Tổ chức phong trào thi đua, công trình, phần việc", 20),
    ("Tuyên truyền, giáo dục", 15),
    ("Xây dựng tổ chức công đoàn vững mạnh", 10),
    ("Tài chính, kiểm tra công đoàn", 10),
)
GRASSROOTS_WORKS: tuple[str, ...] = (
    "Cải tạo nhà ăn ca cho người lao động",
    "Sửa chữa khu vệ sinh, nhà tắm công nhân",
    "Lắp đặt hệ thống lọc nước uống",
    "Trồng cây xanh trong khuôn viên",
    "Xây dựng tủ sách công đoàn",
    "Cải tạo khu vui chơi cho con công nhân",
    "Lắp đặt hệ thống chiếu sáng tiết kiệm điện",
    "Cải tiến dây chuyền sản xuất",
    "Sơn sửa nhà xưởng, bảo đảm an toàn lao động",
    "Xây dựng phòng y tế",
    "Trang bị bảo hộ lao động",
    "Sửa chữa nhà để xe",
    "Thu gom, phân loại rác thải",
    "Tặng quà đoàn viên có hoàn cảnh khó khăn",
    "Xây dựng góc thư viện điện tử",
)
SUPERIOR_WORKS: tuple[str, ...] = (
    "Nhà Công đoàn hỗ trợ đoàn viên khó khăn về nhà ở",
    "Sửa chữa nhà văn hóa công nhân",
    "Tuyến đường hoa công đoàn",
    "Điểm vui chơi cho con công nhân lao động",
    "Chợ phiên công đoàn",
    "Trạm nước sạch cho khu nhà trọ công nhân",
    "Mái ấm công đoàn",
    "Phòng đọc sách cho công nhân khu nhà trọ",
)
FLAGSHIP_WORKS: tuple[tuple[str, str], ...] = (  # (pledger rank, name); the bridge is added apart
    ("superior", "Nhà văn hóa công nhân lao động"),
    ("superior", "Khu thiết chế công đoàn cho công nhân lao động"),
    ("grassroots", "Nhà ăn ca và khu nghỉ trưa cho công nhân"),
    ("grassroots", "Hệ thống xử lý nước thải sản xuất"),
    ("grassroots", "Nhà ở tập thể cho công nhân"),
)


def _words(text: str) -> tuple[str, ...]:
    """Return the space-separated words of *text*."""
    return tuple(text.split())


FAMILY = _words("Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Phan")
MIDDLE_MALE = _words("Văn Đức Minh Quang Hữu Thanh Mạnh Xuân Tiến Công")
MIDDLE_FEMALE = _words("Thị Thu Thanh Ngọc Minh Hồng Thùy")
GIVEN_MALE = _words("An Bình Cường Dũng Hải Hùng Khánh Long Nam Phong Quân Sơn Thắng Tuấn Việt")
GIVEN_FEMALE = _words("Anh Chi Dung Hà Hằng Hoa Lan Linh Mai Nga Oanh Phương Thảo Trang Yến")


def nfc(text: str) -> str:
    """Return *text* in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def iso(day: date | None) -> str:
    """Return an ISO date or the empty string for *None*."""
    return "" if day is None else day.isoformat()


def parse_day(text: str) -> date | None:
    """Return the ISO date *text*, or *None* for an empty cell."""
    return date.fromisoformat(text) if text else None


def read_rows(path: Path) -> list[dict[str, str]]:
    """Return the rows of the CSV file *path*."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_csv(path: Path, rows: list[list[str]]) -> None:
    """Write *rows* as UTF-8, NFC, comma-separated, one line per row."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        for r in rows:
            writer.writerow([nfc(c) for c in r])


@dataclass
class Sample:
    """What the generator needs from the hierarchy of the sample."""

    kind: dict[str, str]
    name: dict[str, str]
    parent: dict[str, str]  # admin parent on the campaign's start (= on the contest day)
    superiors: list[str]  # direct-superior units under the city, in units.csv order
    children: dict[str, list[str]]  # superior -> its grassroots units alive all campaign
    new_members_2024: dict[str, int]
    leader: str  # cluster 1's recorded leader in CLUSTER_YEAR
    cluster: list[str]  # cluster 1's members in CLUSTER_YEAR


def _alive(row: dict[str, str], first: date, last: date) -> bool:
    founded, dissolved = parse_day(row["founded"]), parse_day(row["dissolved"])
    return (founded is None or founded <= first) and (dissolved is None or dissolved > last)


def _holds(row: dict[str, str], first: date, last: date) -> bool:
    since, until = parse_day(row["valid_from"]), parse_day(row["valid_to"])
    return (since is None or since <= first) and (until is None or until > last)


def read_sample(directory: Path) -> Sample:
    """Read the hierarchy tables of the sample in *directory*."""
    units = read_rows(directory / "units.csv")
    alive = {u["id"]: u for u in units if _alive(u, START, LAST_DAY)}
    parent: dict[str, str] = {}
    for link in read_rows(directory / "links.csv"):
        if link["relation"] == "admin" and link["child"] in alive and _holds(link, START, LAST_DAY):
            parent[link["child"]] = link["parent"]
    superiors = [u for u in alive if parent.get(u) == CITY]
    children: dict[str, list[str]] = {s: [] for s in superiors}
    for uid, row in alive.items():
        if row["kind"] in ("grassroots", "trade_grassroots") and parent.get(uid) in children:
            children[parent[uid]].append(uid)
    new_members = {
        f["unit"]: int(f["value"])
        for f in read_rows(directory / "figures.csv")
        if f["indicator"] == "new_members" and f["period"] == "2024" and f["scope"] == "own"
    }
    year = (date(CLUSTER_YEAR, 1, 1), date(CLUSTER_YEAR, 12, 31))
    members = [m for m in read_rows(directory / "group_members.csv") if m["group"] == CLUSTER]
    leaders = [m["unit"] for m in members if m["role"] == "leader" and _holds(m, *year)]
    cluster = [m["unit"] for m in members if m["role"] == "member" and _holds(m, *year)]
    return Sample(
        kind={u: r["kind"] for u, r in alive.items()},
        name={u: r["name"] for u, r in alive.items()},
        parent=parent,
        superiors=superiors,
        children=children,
        new_members_2024=new_members,
        leader=leaders[0],
        cluster=cluster,
    )


@dataclass
class Campaign:
    """The rows the generator writes."""

    campaigns: list[list[str]] = field(default_factory=list)
    targets: list[list[str]] = field(default_factory=list)
    pledges: list[list[str]] = field(default_factory=list)
    works: list[list[str]] = field(default_factory=list)
    contests: list[list[str]] = field(default_factory=list)
    entries: list[list[str]] = field(default_factory=list)
    scores: list[list[str]] = field(default_factory=list)
    figures: list[list[str]] = field(default_factory=list)


def campaign_of(sample: Sample, uid: str) -> str:
    """The campaign a unit's pledges go to: its district's plan, else the city's."""
    superior = uid if sample.parent.get(uid) == CITY else sample.parent[uid]
    return f"{superior}-DTCD-2023" if sample.kind[superior] == "district" else CITY_ID


def day_between(rng: random.Random, first: date, last: date) -> date:
    """A random day in ``[first, last]``."""
    return first + timedelta(days=rng.randint(0, (last - first).days))


def build_campaigns(sample: Sample, out: Campaign, rng: random.Random) -> None:
    """The city plan and one district plan per district federation that takes it up."""
    out.campaigns.append(["id", "name", "kind", "launched_by", "document", "issued_on", "start"])
    out.campaigns[0] += ["end", "parent", "scope", "themes"]
    common = [iso(START), iso(LAST_DAY)]
    themes = ";".join(THEMES)
    city = [CITY_ID, CAMPAIGN_NAME, "thematic", CITY, CITY_PLAN, iso(CITY_ISSUED)]
    out.campaigns.append([*city, *common, "", CITY, themes])
    number = FIRST_DISTRICT_PLAN
    for uid in sample.superiors:
        if sample.kind[uid] != "district":
            continue
        place = sample.name[uid].split(" ", 4)[-1]  # "Liên đoàn Lao động quận Ba Đình"
        issued = day_between(rng, CITY_ISSUED + timedelta(days=1), START + timedelta(days=4))
        name = f"{CAMPAIGN_NAME} – {place}"
        head = [f"{uid}-DTCD-2023", name, "thematic", uid, f"{number}/KH-LĐLĐ", iso(issued)]
        out.campaigns.append([*head, *common, CITY_ID, uid, themes])
        number += 1


def build_figures(sample: Sample, out: Campaign, rng: random.Random) -> dict[str, int]:
    """New members and initiatives of every grassroots union over the campaign (synthetic).

    Four grassroots unions report nothing, so two pledges end with no data.
    Returns the new members by unit.
    """
    grassroots = [g for s in sample.superiors for g in sample.children[s]]
    silent = set(rng.sample(grassroots, 4))
    new_members: dict[str, int] = {}
    for uid in grassroots:
        if uid in silent:
            continue
        base = sample.new_members_2024.get(uid, rng.randint(2, 20))
        value = max(0, round(base * rng.uniform(0.35, 0.65)) + rng.randint(-1, 2))
        new_members[uid] = value
        source = f"{FIGURES_SOURCE}{uid}"
        out.figures.append([uid, "new_members", FIGURES_PERIOD, str(value), source, "own"])
        initiatives = rng.choices(range(6), [30, 25, 20, 12, 8, 5])[0]
        out.figures.append([uid, "initiatives", FIGURES_PERIOD, str(initiatives), source, "own"])
    return new_members


def build_targets_and_pledges(
    sample: Sample, out: Campaign, rng: random.Random, new_members: dict[str, int]
) -> None:
    """Targets the city and the districts assign, and the pledges of units against them.

    A superior's target is near the new members its subtree reports (above it
    for about a third of them, so those pledges are not reached); the targets
    it assigns below sum to at least its own.
    """
    out.targets.append(["campaign", "unit", "indicator", "plan"])
    out.pledges.append(["id", "campaign", "pledger", "indicator", "plan", "registered_on"])
    out.pledges[0].append("status")
    indicator = "new_members"
    own_targets: list[list[str]] = []
    city_total = 0
    for sup in sample.superiors:
        actual = sum(new_members.get(g, 0) for g in sample.children[sup])
        factor = rng.uniform(1.05, 1.3) if rng.random() < 0.35 else rng.uniform(0.75, 0.97)
        target = max(5, round(actual * factor))
        city_total += target
        own_targets.append([CITY_ID, sup, indicator, str(target)])
        campaign = campaign_of(sample, sup)
        below = sample.children[sup]
        weights = [sample.new_members_2024.get(g, 5) + 1 for g in below]
        for g, w in zip(below, weights, strict=True):
            share = math.ceil(target * w / sum(weights))
            out.targets.append([campaign, g, indicator, str(share)])
        if campaign != CITY_ID:
            out.targets.append([campaign, sup, indicator, str(target)])
        registered = day_between(rng, START, START + timedelta(days=14))
        out.pledges.append(["", campaign, sup, indicator, str(target), iso(registered), "active"])
    out.targets[1:1] = [[CITY_ID, CITY, indicator, str(city_total)], *own_targets]

    grassroots = [g for s in sample.superiors for g in sample.children[s]]
    pledgers = sorted(rng.sample(grassroots, 150), key=grassroots.index)
    without_data = [g for g in grassroots if g not in new_members][:2]
    for g in without_data:
        if g not in pledgers:
            pledgers.append(g)
    cancelled = set(rng.sample([g for g in pledgers if g not in without_data], 6))
    for g in pledgers:
        actual = new_members.get(g, rng.randint(3, 12))
        factor = rng.uniform(1.1, 1.6) if rng.random() < 0.3 else rng.uniform(0.6, 1.0)
        plan = max(1, round(actual * factor))
        registered = day_between(rng, START, START + timedelta(days=20))
        status = "cancelled" if g in cancelled else "active"
        row = [campaign_of(sample, g), g, indicator, str(plan), iso(registered), status]
        out.pledges.append(["", *row])
        if rng.random() < 0.4:
            plan = rng.choice([1, 1, 2, 2, 3, 4])
            out.pledges.append(["", row[0], g, "initiatives", str(plan), iso(registered), "active"])
    for n, row in enumerate(out.pledges[1:], start=1):
        row[0] = f"DK-{n:04d}"


def _spread(rng: random.Random, units: Sequence[str], total: int, at_least: int) -> list[str]:
    """*total* picks of *units*, each unit at least *at_least* times, in a shuffled order."""
    picks = [u for u in units for _ in range(at_least)]
    picks += rng.choices(list(units), k=total - len(picks))
    rng.shuffle(picks)
    return picks


def build_works(sample: Sample, out: Campaign, rng: random.Random) -> None:
    """The works: 526 + 94 completed, 6 of them flagship, and some not (yet) completed."""
    out.works.append(["id", "campaign", "pledger", "name", "registered_on", "due", "status"])
    out.works[0] += ["completed_on", "value", "flagship", "document"]
    grassroots = [g for s in sample.superiors for g in sample.children[s]]
    with_works = sorted(rng.sample(grassroots, 265), key=grassroots.index)
    superiors = sample.superiors
    plan: list[tuple[str, str, bool]] = []  # (pledger, status, flagship)
    plan.append((BRIDGE_PLEDGER, "completed", True))
    flag_sup = rng.sample([s for s in superiors if s != BRIDGE_PLEDGER], 2)
    flag_grass = rng.sample(with_works, 3)
    plan += [(u, "completed", True) for u in flag_sup + flag_grass]
    plan += [(u, "completed", False) for u in _spread(rng, superiors, SUPERIOR_COMPLETED - 3, 1)]
    grass_left = GRASSROOTS_COMPLETED - len(flag_grass)
    plan += [(u, "completed", False) for u in _spread(rng, with_works, grass_left, 1)]
    for status, count_grass, count_sup in (
        ("in_progress", 31, 5),
        ("registered", 12, 2),
        ("cancelled", 9, 2),
    ):
        plan += [(u, status, False) for u in rng.sample(with_works, count_grass)]
        plan += [(u, status, False) for u in rng.sample(superiors, count_sup)]
    plan.sort(key=lambda p: (p[0] not in superiors, campaign_of(sample, p[0]), p[0]))
    flagship_names = iter(FLAGSHIP_WORKS)
    for n, (uid, status, flagship) in enumerate(plan, start=1):
        superior = uid in superiors
        registered = day_between(rng, START, START + timedelta(days=30))
        due = rng.choice([date(2023, 8, 31), LAST_DAY, LAST_DAY])
        if flagship and uid == BRIDGE_PLEDGER:
            name, value = BRIDGE, 14_500_000_000
        elif flagship:
            name = next(flagship_names)[1]
            value = rng.randint(15, 60) * 100_000_000
        else:
            name = rng.choice(SUPERIOR_WORKS if superior else GRASSROOTS_WORKS)
            value = rng.randint(5, 300) * 1_000_000 if rng.random() < 0.8 else 0
        done = day_between(rng, registered + timedelta(days=10), min(due, LAST_DAY))
        out.works.append(
            [
                f"CT-{n:04d}",
                campaign_of(sample, uid),
                uid,
                name,
                iso(registered),
                iso(due),
                status,
                iso(done) if status == "completed" else "",
                str(value) if value else "",
                "yes" if flagship else "no",
                FLAGSHIP_DECISION if flagship else "",
            ]
        )


def person_name(rng: random.Random) -> str:
    """A synthetic Vietnamese full name."""
    if rng.random() < 0.25:
        middle, given = rng.choice(MIDDLE_FEMALE), rng.choice(GIVEN_FEMALE)
    else:
        middle, given = rng.choice(MIDDLE_MALE), rng.choice(GIVEN_MALE)
    return f"{rng.choice(FAMILY)} {middle} {given}"


def build_contest(sample: Sample, out: Campaign, rng: random.Random) -> None:
    """The skilled-worker contest: 363 entries, 100 enterprises, 30 superiors, 111 prizes."""
    out.contests.append(["id", "campaign", "name", "held_by", "held_on"])
    out.contests.append([CONTEST_ID, CITY_ID, CONTEST_NAME, CITY, iso(CONTEST_DAY)])
    # no ``person`` column: the sample has no people.csv to point into
    out.entries.append(["contest", "name", "unit", "trade", "result", "prize"])
    companies = {
        s: [g for g in sample.children[s] if "Công ty" in sample.name[g]] for s in sample.superiors
    }
    chosen_superiors = sorted(
        rng.sample([s for s in sample.superiors if companies[s]], SUPERIORS),
        key=sample.superiors.index,
    )
    enterprises = [rng.choice(companies[s]) for s in chosen_superiors]
    pool = [g for s in chosen_superiors for g in companies[s] if g not in enterprises]
    enterprises += rng.sample(pool, ENTERPRISES - len(enterprises))
    slots = _spread(rng, enterprises, CONTESTANTS, 1)
    per_trade = CONTESTANTS // TRADE_COUNT
    extra_consolation = rng.randrange(TRADE_COUNT)
    names: set[str] = set()
    for t, trade in enumerate(TRADES):
        prizes = [(r, v) for r, count, v in PRIZES for _ in range(count)]
        if t == extra_consolation:
            consolation, _, amount = PRIZES[-1]
            prizes.append((consolation, amount))
        for i, unit in enumerate(slots[t * per_trade : (t + 1) * per_trade]):
            name = person_name(rng)
            while name in names:
                name = person_name(rng)
            names.add(name)
            result, prize = prizes[i] if i < len(prizes) else ("", 0)
            prize_text = str(prize) if prize else ""
            out.entries.append([CONTEST_ID, name, unit, trade, result, prize_text])


def build_scores(sample: Sample, out: Campaign, rng: random.Random) -> None:
    """Cluster 1's scoring table for one year, its recorded leader scoring highest."""
    out.scores.append(["group", "period", "unit", "criterion", "score", "max"])
    totals: dict[str, float] = {}
    while True:
        table = {
            u: [round(m * rng.uniform(0.78, 0.98) * 2) / 2 for _, m in CRITERIA]
            for u in sample.cluster
        }
        totals = {u: sum(v) for u, v in table.items()}
        best = max(totals.values())
        if [u for u, v in totals.items() if v == best] == [sample.leader]:
            break
    for unit in sample.cluster:
        for (criterion, most), score in zip(CRITERIA, table[unit], strict=True):
            period = str(CLUSTER_YEAR)
            out.scores.append([CLUSTER, period, unit, criterion, f"{score:g}", str(most)])


def build(sample: Sample, rng: random.Random) -> Campaign:
    """Build every table of the campaign."""
    out = Campaign()
    build_campaigns(sample, out, rng)
    new_members = build_figures(sample, out, rng)
    build_targets_and_pledges(sample, out, rng, new_members)
    build_works(sample, out, rng)
    build_contest(sample, out, rng)
    build_scores(sample, out, rng)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Build the campaign tables and write them into the sample directory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the sample directory")
    args = parser.parse_args(argv)
    out_dir: Path = args.out
    rng = random.Random(SEED)  # noqa: S311 - reproducible sample data, not cryptography
    out = build(read_sample(out_dir), rng)
    for name, rows in (
        ("campaigns.csv", out.campaigns),
        ("campaign_targets.csv", out.targets),
        ("pledges.csv", out.pledges),
        ("works.csv", out.works),
        ("contests.csv", out.contests),
        ("contest_entries.csv", out.entries),
        ("cluster_scores.csv", out.scores),
    ):
        write_csv(out_dir / name, rows)
    with (out_dir / "figures.csv").open(encoding="utf-8", newline="") as fh:
        figures = [r for r in csv.reader(fh) if not r[4].startswith(FIGURES_SOURCE)]
    write_csv(out_dir / "figures.csv", figures + out.figures)
    print(
        f"wrote {len(out.campaigns) - 1} campaigns, {len(out.pledges) - 1} pledges, "
        f"{len(out.works) - 1} works, {len(out.entries) - 1} contest entries and "
        f"{len(out.figures)} figures of 2023 to {out_dir}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
