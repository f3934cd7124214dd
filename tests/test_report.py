"""The Report computed directly, without a build: every figure worked out by hand below.

Shares are count ÷ rated, one decimal, half up; targets compare exact fractions; selection
conditions read đạt / chưa đạt / thiếu dữ liệu; the December cycle is judged on ``as_of``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest
from chibo.records import load_records
from chibo.records.models import Cell, YearResult
from chibo.records.programme import Target
from chibo.report import roadmap, summarize
from chibo.report.roadmap import DONE, ONGOING, UPCOMING
from chibo.report.selection import MET, NO_DATA, NOT_MET, REVIEW
from chibo.report.stats import Share, check_target, percent, year_stats
from conftest import DATA, SAMPLE, copy_project

PROGRAMME = "records/chuong-trinh/kieu-mau-2022-2025/chuong-trinh.yml"


def result(year: int, rating: str | None = None, **fields: object) -> YearResult:
    return YearResult.model_validate({"year": year, "rating": rating, **fields})


@pytest.mark.parametrize(
    ("count", "total", "expected"),
    [
        (1, 16, 6.3),  # 6.25 → 6.3: half up, not to even
        (1, 80, 1.3),  # 1.25 → 1.3
        (7, 16, 43.8),  # 43.75 → 43.8
        (5, 8, 62.5),  # exact
        (1, 3, 33.3),  # 33.33…
        (2, 3, 66.7),  # 66.66…
        (22, 24, 91.7),  # the sample's 2025 figure
        (0, 5, 0.0),
        (5, 5, 100.0),
    ],
)
def test_shares_round_half_up(count: int, total: int, expected: float) -> None:
    assert percent(count, total) == expected
    assert Share.of(count, total) == Share(count, total, expected)


def test_no_share_when_nothing_is_rated() -> None:
    assert percent(0, 0) is None
    stats = year_stats(2026, [result(2026), result(2026)])
    assert (stats.rated, stats.unrated, stats.good_or_better) == (0, 2, Share(0, 0, None))


def test_year_stats_count_ratings_and_models() -> None:
    stats = year_stats(
        2024,
        [
            result(2024, "xuat-sac", model=True),
            result(2024, "tot"),
            result(2024, "tot"),
            result(2024, "hoan-thanh"),
            result(2024),
        ],
    )
    assert stats.rated == 4 and stats.unrated == 1
    assert {code: s.count for code, s in stats.ratings.items()} == {
        "xuat-sac": 1,
        "tot": 2,
        "hoan-thanh": 1,
        "khong-hoan-thanh": 0,
    }
    assert stats.ratings["tot"] == Share(2, 4, 50.0)
    assert stats.good_or_better == Share(3, 4, 75.0)
    assert stats.model == Share(1, 4, 25.0)


def target(comparison: str, percent_: float, measure: str = "tot-tro-len") -> Target:
    return Target.model_validate(
        {"id": "t", "label": "T", "measure": measure, "comparison": comparison, "percent": percent_, "year": 2025}
    )


def rated(good: int, total: int) -> list[YearResult]:
    return [result(2025, "tot") for _ in range(good)] + [result(2025, "hoan-thanh") for _ in range(total - good)]


@pytest.mark.parametrize(
    ("comparison", "percent_", "good", "total", "met", "needed"),
    [
        (">=", 90, 27, 30, True, 0),  # 90 % of 30 is exactly 27: "at least" is met
        (">=", 90, 26, 30, False, 1),
        (">", 90, 27, 30, False, 1),  # "more than" 90 % of 30 needs 28
        (">", 90, 28, 30, True, 0),
        (">", 20, 3, 16, False, 1),  # 20 % of 16 is 3.2: 3 cells (18,75 %) is short by one
        (">", 20, 4, 16, True, 0),  # 4/16 = 25 %
        (">=", 20, 3, 15, True, 0),  # 20 % of 15 is exactly 3: "at least" met …
        (">", 20, 3, 15, False, 1),  # … "more than" not
        (">=", 16.1, 5, 31, True, 0),  # 16,1 % of 31 is 4.991: 5 cells, exact decimal arithmetic
        (">=", 90, 20, 30, False, 7),  # cells still needed: 27 − 20
    ],
)
def test_target_verdicts_at_exact_thresholds(
    comparison: str, percent_: float, good: int, total: int, met: bool, needed: int
) -> None:
    check = check_target(target(comparison, percent_), year_stats(2025, rated(good, total)))
    assert (check.actual, check.met, check.needed) == (good, met, needed)


def test_target_without_ratings_has_no_verdict() -> None:
    check = check_target(target(">=", 90), year_stats(2025, [result(2025)]))
    assert (check.actual, check.actual_percent, check.met, check.needed) == (None, None, None, None)
    assert check_target(target(">=", 90), None).met is None


@pytest.fixture(scope="module")
def small_report():
    return summarize(load_records(DATA / "small"))


def cell(report, cell_id: str):
    return next(c for c in report.cells if c.cell.id == cell_id)


def verdicts(report, cell_id: str) -> list[str]:
    return [c.verdict for c in cell(report, cell_id).registration.conditions]


def test_selection_verdicts_met(small_report) -> None:
    # chi-bo-a registered for 2025: tốt 2022–2024; TC1 (cell) and TC2 (members) đạt in 2024;
    # every member at least HTNV in 2024; the leaders' standing is for the Standing Committee.
    assert verdicts(small_report, "chi-bo-a") == [MET, MET, MET, MET, REVIEW]


def test_selection_verdicts_not_met(small_report) -> None:
    # chi-bo-b: 2023 "hoan-thanh"; TC1 chưa đạt in 2024; TC2 đạt; one member KHTNV in 2024.
    conditions = cell(small_report, "chi-bo-b").registration.conditions
    assert [c.verdict for c in conditions] == [NOT_MET, NOT_MET, MET, NOT_MET, REVIEW]
    assert conditions[3].reason == "Năm 2024 có 1 đảng viên không hoàn thành nhiệm vụ."  # true: the office's
    assert conditions[3].public_reason == "Năm 2024 có đảng viên không hoàn thành nhiệm vụ."  # the members'


def small_with(tmp_path, old: str, new: str, file: str = PROGRAMME):
    """The small records with one edit, summarised."""
    shutil.copytree(DATA / "small" / "records", tmp_path / "records")
    path = tmp_path / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return summarize(load_records(tmp_path))


def test_no_prospective_report_after_the_programme_ends(small_report) -> None:
    # chi-bo-d never registered; its next year (2026) is after the programme's 2022-2025.
    assert cell(small_report, "chi-bo-d").registration is None


def test_selection_verdicts_without_data(tmp_path) -> None:
    # The programme runs to 2026: chi-bo-d, never registered, is checked for 2026, the year
    # after the last rated year, undated.
    report = small_with(tmp_path, "end: 2025}", "end: 2026}")
    report = cell(report, "chi-bo-d").registration
    assert (report.year, report.date, report.registered) == (2026, None, False)
    assert [c.verdict for c in report.conditions][:4] == [NO_DATA, NO_DATA, NO_DATA, NO_DATA]
    assert report.conditions[0].reason == "Chưa có xếp loại năm 2023."
    assert report.conditions[2].reason == "Chưa có kết quả tự đánh giá tiêu chí TC2 năm 2025."


def test_registration_report_reads_the_window_before_the_year(small_report) -> None:
    report = cell(small_report, "chi-bo-b").registration
    assert (report.year, report.date, report.registered) == (2025, dt.date(2025, 1, 20), True)
    assert [row.year for row in report.results] == [2022, 2023, 2024]
    assert [(c.id, c.result) for c in report.criteria] == [("tc1", "chua-dat"), ("tc2", "dat")]


def test_report_figures_match_the_hand_worked_table(small_report) -> None:
    by_year = {s.year: s for s in small_report.stats}
    assert by_year[2024].good_or_better == Share(4, 5, 80.0) and by_year[2024].model == Share(1, 5, 20.0)
    assert by_year[2025].good_or_better == Share(4, 4, 100.0) and by_year[2025].unrated == 1
    assert small_report.latest.year == 2025
    programme = small_report.programme("kieu-mau-2022-2025")
    assert [(t.met, t.needed) for t in programme.targets] == [(True, 0), (True, 0)]
    # Each target against every rated year: 2024 short by one cell for each.
    assert [[(c.stats.year, c.needed) for c in checks] for checks in programme.trajectory] == [
        [(2022, 0), (2023, 1), (2024, 1), (2025, 0)],
        [(2022, 1), (2023, 1), (2024, 1), (2025, 0)],
    ]


@pytest.mark.parametrize(
    ("as_of", "state"),
    [
        (dt.date(2025, 11, 30), UPCOMING),
        (dt.date(2025, 12, 1), ONGOING),
        (dt.date(2025, 12, 31), ONGOING),
        (dt.date(2026, 1, 1), DONE),
    ],
)
def test_december_cycle_relative_to_as_of(small_report, as_of: dt.date, state: str) -> None:
    programme = small_report.programme("kieu-mau-2022-2025").programme
    cycles = {c.year: c.state for c in roadmap.cycles(programme, small_report.stats, as_of)}
    assert cycles[2025] == state
    assert cycles[2024] == DONE


def test_report_is_frozen(small_report) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        small_report.latest = None  # type: ignore[misc]


def test_one_report_per_build(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import chibo.output.site as site

    calls: list[int] = []
    real = site.summarize
    monkeypatch.setattr(site, "summarize", lambda records, *kept: (calls.append(1), real(records, *kept))[1])
    from conftest import build_site

    build_site(copy_project(tmp_path, DATA / "small" / "records"))
    assert calls == [1]


def test_cells_keep_their_order_and_types(small_report) -> None:
    assert [c.cell.id for c in small_report.cells] == ["chi-bo-a", "chi-bo-b", "chi-bo-c", "chi-bo-d", "chi-bo-e"]
    assert all(isinstance(c.cell, Cell) for c in small_report.cells)


# --- programmes: two of them, one with monthly forms and no selection ----------------------
#
# The mini records (one cell, "Chi bộ Khoa Dược", the programme kieu-mau-2022-2025 with a
# selection step) with the data date moved to 31-12-2026 and a second programme,
# bon-tot-2026-2028: every cell registers, no selection, monthly self-assessment of three
# criteria (bt1, bt2 met in at least 10 of 12 months; bt3 in every month), recognised in
# December when registered, every criterion met and rated "tốt" or better.

BON_TOT = """\
kind: bon-tot
name: Xây dựng “chi bộ bốn tốt” giai đoạn 2026-2028
short_name: Chi bộ bốn tốt 2026–2028
plan: {number: 09-KH/ĐU, date: 2026-01-15, title: xây dựng “chi bộ bốn tốt”}
period: {start: 2026, end: 2028}
terms: {model: “chi bộ bốn tốt”, building: xây dựng “chi bộ bốn tốt”, framework: Chi bộ bốn tốt}
workflow: {survey: false, selection: false}
recognition:
  conditions: [{kind: dang-ky}, {kind: tieu-chi-dat}, {kind: xep-loai-tot}]
monthly: {months: 10, every_month: [bt3]}
targets:
  - {id: bon-tot-2026, label: Chi bộ bốn tốt, measure: cong-nhan, comparison: ">=", percent: 50, year: 2026}
"""
BON_TOT_BOOK = """\
criteria:
  - {id: bt1, group: chi-bo, title: Lãnh đạo tốt, indicators: [Hoàn thành nhiệm vụ chính trị]}
  - {id: bt2, group: chi-bo, title: Sinh hoạt tốt, indicators: [Sinh hoạt đủ các tháng]}
  - {id: bt3, group: chi-bo, title: "Đoàn kết, kỷ luật tốt", indicators: [Không có kỷ luật]}
"""
MONTHS = [f"2026-{m:02d}" for m in range(1, 13)]


def two_programmes(tmp_path: Path, cells: dict[str, str], as_of: str = "2026-12-31"):
    """The mini records with bon-tot-2026-2028 beside kieu-mau-2022-2025, ``cells`` added
    (file name → text), the data date ``as_of``: their Report."""
    records = tmp_path / "records"
    shutil.copytree(DATA / "mini" / "records", records)
    committee = records / "dang-bo.yml"
    committee.write_text(committee.read_text(encoding="utf-8").replace("2025-12-31", as_of), encoding="utf-8")
    folder = records / "chuong-trinh" / "bon-tot-2026-2028"
    folder.mkdir()
    (folder / "chuong-trinh.yml").write_text(BON_TOT, encoding="utf-8")
    (folder / "tieu-chi.yml").write_text(BON_TOT_BOOK, encoding="utf-8")
    (folder / "ke-hoach.md").write_text("Kế hoạch thử nghiệm.\n", encoding="utf-8")
    for name, text in cells.items():
        (records / "chi-bo" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return summarize(load_records(tmp_path))


def monthly_cell(cell_id: str, forms: dict[str, dict[str, str]], rating: str = "tot", registered: bool = True) -> str:
    lines = [f"id: {cell_id}", f"name: Chi bộ {cell_id}", "type: giang-day"]
    if registered:
        lines += ["registration:", "  - {date: 2026-01-20, status: dang-ky, year: 2026}"]
    lines += ["results:", "  - year: 2026", f"    rating: {rating}", "    monthly:"]
    lines += [f'      "{m}": {{{", ".join(f"{k}: {v}" for k, v in marks.items())}}}' for m, marks in forms.items()]
    return "\n".join(lines) + "\n"


def forms(bt1: int = 12, bt2: int = 12, bt3: int = 12) -> dict[str, dict[str, str]]:
    """Twelve monthly forms, each criterion met in its first ``n`` months, not met after."""
    return {
        month: {
            "bt1": "dat" if i < bt1 else "chua-dat",
            "bt2": "dat" if i < bt2 else "chua-dat",
            "bt3": "dat" if i < bt3 else "chua-dat",
        }
        for i, month in enumerate(MONTHS)
    }


def rollup_of(report, cell_id: str):
    part = cell(report, cell_id).part("bon-tot-2026-2028")
    assert part is not None
    return {r.id: r for r in part.rollups[0].rows}


def test_a_criterion_met_in_at_least_n_of_twelve_months(tmp_path: Path) -> None:
    report = two_programmes(
        tmp_path, {"muoi.yml": monthly_cell("muoi", forms(bt1=10)), "chin.yml": monthly_cell("chin", forms(bt1=9))}
    )
    ten, nine = rollup_of(report, "muoi")["bt1"], rollup_of(report, "chin")["bt1"]
    assert (ten.met, ten.needed, ten.mark) == (10, 10, "dat")
    assert (nine.met, nine.needed, nine.mark) == (9, 10, "chua-dat")
    assert cell(report, "muoi").result(2026).result.criteria == {"bt1": "dat", "bt2": "dat", "bt3": "dat"}
    assert cell(report, "chin").result(2026).result.criteria["bt1"] == "chua-dat"


def test_a_criterion_of_every_month_and_one_month_not_met_flips_the_year(tmp_path: Path) -> None:
    report = two_programmes(
        tmp_path, {"du.yml": monthly_cell("du", forms()), "mot-thang.yml": monthly_cell("mot-thang", forms(bt3=11))}
    )
    whole, one_short = rollup_of(report, "du")["bt3"], rollup_of(report, "mot-thang")["bt3"]
    assert (whole.needed, whole.mark) == (12, "dat")
    assert (one_short.met, one_short.needed, one_short.every_month, one_short.mark) == (11, 12, True, "chua-dat")
    # The same 11 months are enough for a criterion of "at least 10".
    assert rollup_of(report, "mot-thang")["bt1"].mark == "dat"
    programme = report.programme("bon-tot-2026-2028")
    assert programme.year(2026).recognised is not None


def test_a_missing_form_counts_as_not_met_once_the_year_is_over(tmp_path: Path) -> None:
    eleven = {m: marks for m, marks in forms().items() if m != "2026-07"}
    report = two_programmes(tmp_path, {"thieu.yml": monthly_cell("thieu", eleven)})
    rows = rollup_of(report, "thieu")
    assert rows["bt1"].marks[6] is None and (rows["bt1"].met, rows["bt1"].mark) == (11, "dat")
    assert (rows["bt3"].met, rows["bt3"].mark) == (11, "chua-dat")


def test_before_the_year_ends_the_roll_up_gives_no_mark(tmp_path: Path) -> None:
    six = {m: marks for m, marks in forms().items() if m <= "2026-06"}
    report = two_programmes(tmp_path, {"nua-nam.yml": monthly_cell("nua-nam", six)}, as_of="2026-06-30")
    rollup = cell(report, "nua-nam").part("bon-tot-2026-2028").rollups[0]
    assert rollup.final is False and dict(rollup.marks) == {}
    assert not cell(report, "nua-nam").result(2026).result.criteria


def test_a_programme_without_selection_recognises_from_results(tmp_path: Path) -> None:
    report = two_programmes(
        tmp_path,
        {
            "dat.yml": monthly_cell("dat", forms()),
            "kem.yml": monthly_cell("kem", forms(bt2=8)),
            "chua-dang-ky.yml": monthly_cell("chua-dang-ky", forms(), registered=False),
        },
    )
    programme = report.programme("bon-tot-2026-2028")
    year = programme.year(2026)
    assert year.selection is None
    assert year.recognition is not None
    qualified = [b.cell.cell.id for b in year.recognition.qualified]
    assert qualified == ["dat"]
    assert "kem" in [b.cell.cell.id for b in year.recognition.short]


@pytest.mark.parametrize(
    ("as_of", "states"),
    [
        ("2025-12-31", {"kieu-mau-2022-2025": "dang-thuc-hien", "bon-tot-2026-2028": "sap-toi"}),
        ("2026-01-01", {"kieu-mau-2022-2025": "da-ket-thuc", "bon-tot-2026-2028": "dang-thuc-hien"}),
        ("2028-12-31", {"kieu-mau-2022-2025": "da-ket-thuc", "bon-tot-2026-2028": "dang-thuc-hien"}),
    ],
)
def test_programme_state_on_the_data_date(tmp_path: Path, as_of: str, states: dict[str, str]) -> None:
    report = two_programmes(tmp_path, {}, as_of=as_of)
    assert {p.id: p.state for p in report.programmes} == states
    assert [p.id for p in report.current] == [k for k, v in states.items() if v == "dang-thuc-hien"]
    assert [p.id for p in report.finished] == [k for k, v in states.items() if v == "da-ket-thuc"]


def test_a_registration_without_programme_goes_to_the_one_whose_period_holds_its_year(tmp_path: Path) -> None:
    text = monthly_cell("hai-nam", forms())
    text = text.replace(
        "registration:\n",
        "registration:\n  - {date: 2025-01-20, status: dang-ky, year: 2025}\n"
        "  - {date: 2025-02-10, status: lua-chon, year: 2025}\n",
    )
    report = two_programmes(tmp_path, {"hai-nam.yml": text})
    report_cell = cell(report, "hai-nam")
    old, new = report_cell.part("kieu-mau-2022-2025"), report_cell.part("bon-tot-2026-2028")
    assert [(e.year, e.status) for e in old.events] == [(2025, "dang-ky"), (2025, "lua-chon")]
    assert [(e.year, e.status) for e in new.events] == [(2026, "dang-ky")]
    assert "hai-nam" in report.programme("kieu-mau-2022-2025").cells
    assert "hai-nam" in report.programme("bon-tot-2026-2028").cells


def test_the_sample_s_two_programmes() -> None:
    """The sample (tests/data/sample, data date 28-12-2026): the 2022-2025 programme is over,
    the 2026-2030 one under way; Khoa Dược took part in both."""
    report = summarize(load_records(SAMPLE.parent))
    assert [(p.id, p.state) for p in report.programmes] == [
        ("kieu-mau-2022-2025", "da-ket-thuc"),
        ("bon-tot-2026-2030", "dang-thuc-hien"),
    ]
    assert [p.id for p in report.current] == ["bon-tot-2026-2030"]
    old, new = report.programme("kieu-mau-2022-2025"), report.programme("bon-tot-2026-2030")
    # 2025: 22 of 24 cells "tốt" or better (≥ 90 %), 5 recognised (20,8 % > 20 %)
    assert [(t.target.id, t.actual, t.met) for t in old.targets] == [("tot-tro-len", 22, True), ("kieu-mau", 5, True)]
    assert [(y.year, y.recognised.count if y.recognised else None) for y in old.years] == [
        (2022, 2),
        (2023, 3),
        (2024, 4),
        (2025, 5),
    ]
    # 2026: every cell registered; 11 recognised (45,8 % ≥ 30 %); 21 of 24 "tốt" (87,5 %, not > 90 %)
    assert len(new.cells) == 24
    checks = {t.target.id: (t.actual, t.met) for t in new.targets}
    assert checks["bon-tot-2026"] == (11, True) and checks["tot-tro-len-2026"] == (21, False)
    assert checks["bon-tot-2030"] == (None, None)  # a year not rated yet has no verdict
    duoc = next(c for c in report.cells if c.cell.id == "khoa-duoc")
    assert [(p.id, p.model_years) for p in duoc.parts] == [
        ("kieu-mau-2022-2025", (2022, 2023, 2024, 2025)),
        ("bon-tot-2026-2030", (2026,)),
    ]
    assert duoc.model_years == (2022, 2023, 2024, 2025, 2026)
