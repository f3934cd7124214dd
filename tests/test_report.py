"""The Report computed directly, without a build: every figure worked out by hand below.

Shares are count ÷ rated, one decimal, half up; targets compare exact fractions; selection
conditions read đạt / chưa đạt / thiếu dữ liệu; the December cycle is judged on ``as_of``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from chibo.records import load_records
from chibo.records.committee import Committee, Target
from chibo.records.models import Cell, YearResult
from chibo.report import summarize
from chibo.report.roadmap import DONE, ONGOING, UPCOMING, december_cycles
from chibo.report.selection import MET, NO_DATA, NOT_MET, REVIEW
from chibo.report.stats import Share, check_target, percent, year_stats
from conftest import DATA, copy_project


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


def test_selection_verdicts_without_data(small_report) -> None:
    # chi-bo-d never registered: checked for 2026, the year after the last rated year, undated.
    report = cell(small_report, "chi-bo-d").registration
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
    assert [(t.met, t.needed) for t in small_report.targets] == [(True, 0), (True, 0)]
    # Each target against every rated year: 2024 short by one cell for each.
    assert [[(c.stats.year, c.needed) for c in checks] for checks in small_report.trajectory] == [
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
    committee: Committee = small_report.committee.model_copy(update={"as_of": as_of})
    cycles = {c.year: c.state for c in december_cycles(committee, small_report.stats)}
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
