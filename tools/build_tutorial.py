"""Build the tutorial notebook ``examples/tutorial.ipynb`` from the cells listed here.

The notebook is generated, never edited by hand: its cells are the Python
strings below, so a change to the tutorial is reviewed as a diff of this
file.  It is written **without outputs** (no execution counts, no results),
so the file is deterministic and does not change when the data or a repr
does; ``tests/test_tutorial_notebook.py`` executes it with nbclient, checks
its results and checks that the committed file is what this script writes.

Run it from the repository root after changing a cell::

    python -m tools.build_tutorial            # or: python tools/build_tutorial.py
    python -m tools.build_tutorial --check    # exit 1 when the committed notebook differs

It needs ``nbformat`` (in the ``dev`` extra).
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import nbformat
from nbformat import NotebookNode

OUT = Path(__file__).resolve().parent.parent / "examples" / "tutorial.ipynb"

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


@dataclass(frozen=True)
class Cell:
    """One cell of the notebook: its kind, a stable id (tests find cells by it) and its text."""

    kind: Literal["markdown", "code"]
    id: str
    source: str


def md(cell_id: str, text: str) -> Cell:
    """A markdown cell (the text is dedented and stripped)."""
    return Cell("markdown", cell_id, textwrap.dedent(text).strip())


def code(cell_id: str, text: str) -> Cell:
    """A code cell (the text is dedented and stripped)."""
    return Cell("code", cell_id, textwrap.dedent(text).strip())


CELLS: tuple[Cell, ...] = (
    md(
        "title",
        """
        # thidua: từ dữ liệu mẫu Hà Nội đến báo cáo thi đua — a tutorial

        **Tiếng Việt.** Sổ tay này đi từ bộ dữ liệu mẫu của Liên đoàn Lao động thành phố Hà Nội
        (kèm theo thư viện) đến những câu trả lời mà ban thi đua cần: cơ cấu tổ chức trước và
        sau ngày 01/07/2025 (bỏ cấp huyện), số liệu năm 2024 theo cơ cấu cũ và quy đổi sang cơ
        cấu mới, đơn vị nào chưa báo cáo, báo cáo tổng kết đợt thi đua cao điểm năm 2023, ai đủ
        điều kiện danh hiệu nào năm nay và vì sao, và tiền thưởng là bao nhiêu.

        **English.** This notebook goes from the Hà Nội sample shipped with the library to the
        answers an emulation office (ban thi đua) wants: the tree before and after 1 July 2025
        (district level abolished), the 2024 figures as they were and restated onto the new
        structure, who has not reported, the report of the 2023 peak campaign, who is eligible
        for which title this year and why, and what the bonuses cost.

        The upper units, the wards, cluster 1, the campaign's totals and the legal rules are
        real; the grassroots unions, the people and every other figure are synthetic (see
        `docs/datasets.md`). Every object shown at the end of a cell (workspace, snapshot,
        roll-up, campaign report, proposal list) renders as an HTML table in Jupyter.
        """,
    ),
    md(
        "load-intro",
        """
        ## 0. Đọc dữ liệu — Loading the workspace

        `thidua.load` đọc mọi bảng (đơn vị, quan hệ, sự kiện, chỉ tiêu, số liệu, cán bộ, xếp
        loại, khen thưởng, phong trào …) và kiểm tra tất cả trong một lượt; dữ liệu có lỗi thì
        dừng lại và liệt kê mọi lỗi.

        `thidua.load` reads every table of the input and checks them all in one pass; it raises
        one error listing every problem when the data has errors, so nothing below is computed
        from unchecked data.
        """,
    ),
    code(
        "load",
        """
        import thidua
        from thidua.datasets import hanoi_path
        from thidua.values import format_number_vi as vi  # 12925 → "12.925"

        ws = thidua.load(hanoi_path())
        ws
        """,
    ),
    md(
        "tree-intro",
        """
        ## 1. Cơ cấu trước và sau 01/07/2025 — The tree before and after 1 July 2025

        Từ 01/07/2025 cấp huyện bị bãi bỏ: 30 LĐLĐ quận, huyện, thị xã, 7 công đoàn ngành và
        Công đoàn các Khu công nghiệp kết thúc; công đoàn xã, phường được thành lập; các công
        đoàn cơ sở (CĐCS) chuyển về công đoàn phường hoặc trực thuộc LĐLĐ thành phố.

        A **snapshot** (`Hierarchy.as_of`) is the structure of one day. 30/06/2025 is the last
        day with district federations, 01/07/2025 the first day of the new structure.
        """,
    ),
    code(
        "snapshot-before",
        """
        h = ws.hierarchy
        before = h.as_of("30/06/2025")  # ngày cuối cùng còn cấp huyện
        after = h.as_of("01/07/2025")  # ngày đầu tiên của cơ cấu mới
        before
        """,
    ),
    code("snapshot-after", "after"),
    code(
        "tree-counts",
        """
        from collections import Counter

        for label, snap in (("30/06/2025", before), ("01/07/2025", after)):
            children = snap.children("HN")
            kinds = dict(sorted(Counter(snap.kind(u) for u in children).items()))
            print(f"{label}: HN có {len(children)} đơn vị trực thuộc {kinds}")
        """,
    ),
    md(
        "tree-print",
        """
        `print_tree` in cây như lệnh `thidua tree`. Before: the city federation and its 38 direct
        units (the district federations, sector unions, the industrial-zone union).
        """,
    ),
    code("tree-before", 'before.print_tree(root="HN", depth=1)'),
    md(
        "tree-after-intro",
        """
        After: one ward union, Công đoàn phường Kim Liên, which took over five grassroots unions
        of the former Đống Đa district by decision 1940/QĐ-LĐLĐ. `find` matches names with or
        without diacritics.
        """,
    ),
    code(
        "tree-after",
        """
        (kim_lien,) = after.find("cong doan phuong kim lien")
        after.print_tree(root=kim_lien)
        """,
    ),
    code(
        "diff",
        """
        d = h.diff("2025-06-30", "2025-07-01")
        print(f"kết thúc {len(d.removed)}, thành lập {len(d.added)}, chuyển {len(d.moved)} đơn vị")

        unit = "CDCS-0001"
        print(h.name_on(unit, "2025-07-01"))
        print("  trước:", " → ".join(before.path_to_root(unit)))
        print("  sau:  ", " → ".join(after.path_to_root(unit)))
        """,
    ),
    md(
        "rollup-intro",
        """
        ## 2. Số liệu năm 2024: như cũ và quy đổi — The 2024 figures, as they were and restated

        **Tổng hợp như cũ** (*as was*): mỗi số liệu đi theo cơ cấu của ngày cuối kỳ báo cáo của
        nó, nên số liệu 2024 của một CĐCS được cộng vào LĐLĐ quận của nó năm 2024.

        Each indicator adds up by its own rule: `new_members` (đoàn viên kết nạp mới) is a
        **sum**, `members` (số đoàn viên) a **stock** (the latest quarter, never the sum of the
        quarters), `workers_conference_rate` (tỷ lệ tổ chức hội nghị người lao động) a **ratio
        recomputed** at every level from its numerator and denominator (never an average of
        percentages), `people_honoured` (số người được khen thưởng) a **distinct count**. The
        roll-up below keeps the rows of the city and the district federations.
        """,
    ),
    code(
        "rollup-as-was",
        """
        INDICATORS = ["new_members", "members", "workers_conference_rate", "people_honoured"]
        as_was = thidua.roll_up(ws, 2024, indicators=INDICATORS, kinds=["provincial", "district"])
        as_was
        """,
    ),
    md(
        "restated-intro",
        """
        **Quy đổi** (*restated*) sang cơ cấu ngày 01/01/2026 để so sánh cùng kỳ trên cơ cấu
        hiện nay: các LĐLĐ quận không còn, số liệu của CĐCS đi về công đoàn phường hoặc LĐLĐ
        thành phố. A unit that ended is followed through its lineage (merge, split); a unit
        dissolved without successor cannot be placed — its figures are listed in
        `RollUp.unplaced` with an `F014` warning, never silently dropped.
        """,
    ),
    code(
        "rollup-restated",
        """
        restated = thidua.roll_up(
            ws,
            2024,
            indicators=INDICATORS,
            restate_to="2026-01-01",
            kinds=["provincial", "commune"],
        )
        restated
        """,
    ),
    code(
        "restated-compare",
        """
        import pandas as pd

        comparison = pd.DataFrame(
            [
                {
                    "indicator": code,
                    "aggregation": as_was.aggregation(code).value,
                    "as was (như cũ)": as_was.value("HN", code),
                    "restated (quy đổi)": restated.value("HN", code),
                }
                for code in INDICATORS
            ]
        ).set_index("indicator")
        comparison
        """,
    ),
    md(
        "restated-sum-intro",
        """
        For a sum the two totals of the city differ by exactly what could not be placed: the
        figures of the grassroots unions dissolved on 01/07/2025 without a successor.
        """,
    ),
    code(
        "restated-sum",
        """
        unplaced = restated.unplaced.to_pandas()
        lost = unplaced.loc[unplaced["indicator"] == "new_members", "value"].sum()
        ended = sorted(set(unplaced["unit"]))
        print(
            f"new_members: như cũ {vi(as_was.value('HN', 'new_members'))}"
            f" = quy đổi {vi(restated.value('HN', 'new_members'))}"
            f" + không xếp được {vi(lost)}"
        )
        print(f"{len(ended)} CĐCS giải thể không có đơn vị kế thừa: {', '.join(ended)}")
        print(restated.problems[0].message)
        """,
    ),
    md(
        "reconcile-intro",
        """
        **Đối chiếu** (*reconciliation*): a district's own reported total (`scope=total`) is
        compared with what its units add up to.
        """,
    ),
    code(
        "reconcile",
        """
        for gap in as_was.discrepancies:
            print(
                f"{gap.unit} {gap.indicator}: báo cáo {vi(gap.reported)}, "
                f"cộng từ các CĐCS {vi(gap.computed)} (chênh {vi(gap.difference)})"
            )
        """,
    ),
    md(
        "coverage-intro",
        """
        ## 3. Đơn vị nào chưa báo cáo — Who has not reported

        **Coverage**: at every unit, how many of the grassroots unions at or below it were
        expected to report an indicator and how many did. A total nobody reached is *no data*
        (`NaN`), never 0.
        """,
    ),
    code(
        "coverage",
        """
        cover = as_was.coverage("HN", "new_members")
        end_2024 = h.as_of("2024-12-31")
        print(f"HN: {cover.reported}/{cover.expected} CĐCS đã báo cáo new_members năm 2024")
        print(f"chưa báo cáo ({len(cover.missing)}):")
        for unit in cover.missing:
            print(f"  {unit}  {end_2024.name(unit)}  ← {end_2024.parent(unit)}")
        """,
    ),
    code(
        "coverage-districts",
        """
        rows = as_was.to_pandas()
        districts = rows[(rows["indicator"] == "new_members") & (rows["kind"] == "district")]
        districts = districts.assign(missing=districts["expected"] - districts["reported"])
        districts.loc[districts["missing"] > 0, ["unit", "name", "expected", "reported", "missing"]]
        """,
    ),
    md(
        "campaign-intro",
        """
        ## 4. Đợt thi đua cao điểm năm 2023 — The 2023 peak campaign's report

        Kế hoạch 80/KH-LĐLĐ ngày 28/04/2023: đợt thi đua cao điểm 150 ngày, từ 01/05 đến
        30/09/2023, được 30 LĐLĐ quận, huyện hưởng ứng bằng kế hoạch của mình.

        `evaluate_campaign` takes the campaign by id or by its document symbol (with or without
        diacritics), runs the checks, rolls the pledged indicators up over the campaign's window
        and counts, for every unit, the units in scope, those that pledged, the pledges reached,
        the works completed by level and the contests. See `docs/campaigns.md`.
        """,
    ),
    code(
        "campaign",
        """
        from thidua.campaigns import evaluate_campaign

        report = evaluate_campaign(ws, "80/KH-LĐLĐ")
        report
        """,
    ),
    code(
        "campaign-city",
        """
        c, hn = report.campaign, report.unit("HN")
        print(f"{c.document.text} · {c.name} · {c.start:%d/%m/%Y}–{c.end:%d/%m/%Y} ({c.days} ngày)")
        missing = len(hn.missing)
        print(f"thuộc phạm vi {hn.in_scope}, đã đăng ký {hn.pledgers}, chưa đăng ký {missing}")
        print(
            f"công trình, phần việc: đăng ký {hn.works.registered}, hoàn thành {hn.works.completed}"
            f" (cấp cơ sở {hn.works.completed_by_rank[3]},"
            f" cấp trên trực tiếp {hn.works.completed_by_rank[2]}), gắn biển {hn.works.flagship}"
        )
        print(f"kết quả đăng ký chỉ tiêu: {hn.pledge_states}")
        for t in report.contests:
            print(
                f"{t.contest}: {t.entries} thí sinh, {t.enterprises} doanh nghiệp, {t.trades} nghề,"
                f" {t.winners} đạt giải, {vi(t.prize_total)} đồng"
            )
        """,
    ),
    md(
        "campaign-pledge-intro",
        """
        One district's pledge: Ba Đình pledged 215 new members; the actual is the rolled-up
        figure of its subtree over the window, written the way offices write it.
        A pledge with no figure in the window is *no data* and named by a `P050` warning.
        """,
    ),
    code(
        "campaign-pledge",
        """
        for p in report.unit("LDLD-BADINH").pledges:
            print(p.indicator, p.attainment, p.state.value)
        for problem in report.problems:
            print(problem.code, problem.message)
        """,
    ),
    md(
        "honours-intro",
        """
        ## 5. Ai đủ điều kiện danh hiệu nào năm nay, và vì sao — Who is eligible, and why

        Năm đề nghị là 2024 (ngày đề nghị mặc định 01/01/2025, bộ quy tắc `vn-2024`: Luật Thi
        đua, khen thưởng 06/2022/QH15 và Nghị định 98/2023/NĐ-CP). Chiến sĩ thi đua cấp tỉnh và
        toàn quốc xét cho giai đoạn 2022–2024.

        `eligibility(ws, honour, period)` evaluates one honour for every candidate at once;
        the rule set in force on the proposal date is chosen by itself. See `docs/honours.md`.
        """,
    ),
    code(
        "eligibility",
        """
        from thidua.honours import catalogue, eligibility

        cat = catalogue(ws)
        PERIODS = {"CSTD_BO": "giai đoạn 2022-2024", "CSTD_TQ": "giai đoạn 2022-2024"}
        HONOURS = ["LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ", "TTLDTT", "TTLDXS", "BK_BO", "BK_TTG"]
        results = {code: eligibility(ws, code, PERIODS.get(code, "2024")) for code in HONOURS}
        pd.DataFrame(
            [
                {
                    "honour": code,
                    "danh hiệu": cat[code].name_vi,
                    "period": r.period.label_vi,
                    "rule set": r.rule_set.id,
                    "eligible": int(r.eligible.sum()),
                    "candidates": len(r),
                }
                for code, r in results.items()
            ]
        ).set_index("honour")
        """,
    ),
    code(
        "eligibility-names",
        """
        for code in ("CSTD_TQ", "CSTD_BO", "BK_TTG"):
            print(f"{code} ({cat[code].name_vi}): {', '.join(results[code].eligible_subjects())}")
        """,
    ),
    md(
        "explain-intro",
        """
        Mỗi kết luận tự giải thích: từng điều kiện đạt `[x]` hay không `[ ]`, chứng cứ tìm thấy
        và căn cứ pháp lý, bằng tiếng Việt hoặc tiếng Anh. Every verdict explains itself: each
        condition met or not, the evidence found and the legal basis, in Vietnamese or English.
        """,
    ),
    code(
        "explain-eligible",
        """
        bk_ttg = results["BK_TTG"]
        chosen = bk_ttg.eligible_subjects()[0]
        print(bk_ttg.verdict(chosen).explain("vi"))
        """,
    ),
    code(
        "explain-not-eligible",
        """
        refused = next(v for v in bk_ttg if not v.eligible)
        print(refused.explain("en"))
        """,
    ),
    md(
        "propose-intro",
        """
        From "eligible" to a list (danh sách đề nghị): `propose` ranks the eligible members of one
        grassroots union (by cluster score, then women first among equals, Law 06/2022/QH15
        Art. 6) and proposes them while the quota — here a rule the union sets itself, CSTĐCS
        ≤ 15 % of its LĐTT — has room; each cut says which quota and both numbers.
        """,
    ),
    code(
        "propose",
        """
        from thidua.honours import propose

        proposal = propose(ws, "CSTDCS", "2024", proposer="CDCS-0086", quota="15%")
        print(proposal.cut[0].reason)
        proposal
        """,
    ),
    md(
        "money-intro",
        """
        ## 6. Tiền thưởng — What the bonuses cost

        Tiền thưởng = hệ số × mức lương cơ sở tại ngày ký quyết định (hình thức khen thưởng cho
        tập thể × 2), làm tròn lên bội số của 10.000 đồng; cùng một kỳ, hai danh hiệu chỉ hưởng
        mức cao hơn; khen thưởng đã bị hủy không được hưởng (Nghị định 98/2023/NĐ-CP, từ
        01/07/2025 Nghị định 152/2025/NĐ-CP).

        `bonuses(ws, period)` prices every award of the period with its explanation;
        `bonus_totals` places each paid amount at its recipient and totals it up the hierarchy
        with the roll-up engine. The sample's awards are decided up to 2023, the last year
        priced here.
        """,
    ),
    code(
        "bonuses",
        """
        from thidua.honours import bonus_totals, bonuses

        paid = bonuses(ws, "2023")
        print(paid)
        table = paid.to_pandas()
        table[table["paid"]].groupby("honour")["amount"].agg(["count", "sum"])
        """,
    ),
    code(
        "bonus-explained",
        """
        first_paid = next(b for b in paid if b.paid)
        print(first_paid.award, first_paid.honour, first_paid.explanation)
        # not paid: a lower title of the same year, or no multiplier in force (an A030 warning)
        lower = next(b for b in paid if not b.paid and "title" in b.reason)
        print(lower.award, lower.honour, "—", lower.reason)
        print(sorted({p.code for p in paid.problems}), paid.problems[0].message)
        """,
    ),
    code(
        "bonus-totals",
        """
        totals = bonus_totals(ws, "2023", result=paid, kinds=["provincial", "district"])
        print(f"LĐLĐ thành phố chi năm 2023: {vi(totals.value('HN', 'bonus_paid'))} đồng")
        print(f"tổng các khoản được chi: {vi(paid.total())} đồng")
        totals
        """,
    ),
    md(
        "next",
        """
        ## Tiếp theo — Where to go next

        - `docs/hierarchy.md`, `docs/rollup.md`, `docs/campaigns.md`, `docs/honours.md`: the
          semantics behind each step, with worked examples.
        - The same answers on the command line: `thidua tree`, `thidua rollup`,
          `thidua campaign`, `thidua honours eligible`, `thidua honours bonus` (`docs/cli.md`).
        - Every object above exports to pandas (`to_pandas()`) for your own tables and charts.
        """,
    ),
)


def build(cells: tuple[Cell, ...] = CELLS) -> NotebookNode:
    """The notebook of *cells*, without outputs, validated against the nbformat schema."""
    made = [
        nbformat.v4.new_markdown_cell(c.source, id=c.id)
        if c.kind == "markdown"
        else nbformat.v4.new_code_cell(c.source, id=c.id)
        for c in cells
    ]
    nb: NotebookNode = nbformat.v4.new_notebook(
        cells=made,
        metadata={
            "kernelspec": dict(KERNELSPEC),
            "language_info": {"name": "python"},
        },
    )
    nbformat.validate(nb)
    return nb


def render(nb: NotebookNode) -> str:
    """The text of *nb* as ``nbformat.write`` writes it (ending with a newline)."""
    text: str = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the notebook, or with ``--check`` compare it with the file; return the exit code."""
    parser = argparse.ArgumentParser(description="Build examples/tutorial.ipynb.")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the notebook")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the file differs from what is built"
    )
    args = parser.parse_args(argv)
    text = render(build())
    out: Path = args.out
    if args.check:
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        if current != text:
            print(f"{out} is out of date: run python -m tools.build_tutorial", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {out} ({len(CELLS)} cells)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
