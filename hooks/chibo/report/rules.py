"""The rules of each rating year, as the records declare them, checked (DESIGN.md §2).

A year's rule set (``dang-bo.yml``, ``rules``) may cap "Hoàn thành xuất sắc nhiệm vụ" at a
share of those rated "Hoàn thành tốt nhiệm vụ" (for the Committee's cells, for members
across the Đảng bộ or within each cell) and may rate by points in bands. A breach is a
warning with the place to fix it, never an error: the competent level may decide otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from ..formats import amount_vi, number_vi, threshold_vi
from ..records.committee import Cap, Committee, RuleSet, Scoring
from ..records.models import Cell, YearResult
from ..records.paths import cell_path, committee_path
from ..vocab import RATING_LABELS

CELLS, MEMBERS = "chi-bo", "dang-vien"


@dataclass(frozen=True)
class Breach:
    """Vượt quy định xếp loại: a warning, the record and value to look at, and the year."""

    year: int
    file: str
    path: tuple[str | int, ...]
    message: str
    cell_id: str | None = None


@dataclass(frozen=True)
class CapCheck:
    """Giới hạn HTXSNV in one year at one level: the counts and the most the cap allows."""

    level: str
    scope: str
    excellent: int
    good: int
    allowed: int
    cap: Cap

    @property
    def holds(self) -> bool:
        return self.excellent <= self.allowed


def rule_set(committee: Committee, year: int) -> RuleSet | None:
    """The rules in force for rating year ``year``."""
    return next((r for r in committee.rules if r.from_year <= year and (r.to_year is None or year <= r.to_year)), None)


def allowed(cap: Cap, good: int) -> int:
    """The most HTXSNV the cap allows beside ``good`` HTTNV (exact: 20 % of 17 is 3)."""
    return math.floor(Fraction(str(cap.percent)) * good / 100)


def year_caps(committee: Committee, year: int, results: list[tuple[Cell, YearResult]]) -> tuple[CapCheck, ...]:
    """The Committee-wide cap checks of one year: cells, and members when counted Đảng bộ-wide."""
    rules = rule_set(committee, year)
    if rules is None or rules.cap is None:
        return ()
    cap, checks = rules.cap, []
    rated = [r for _, r in results if r.rating]
    if cap.cells and rated:
        excellent = sum(1 for r in rated if r.rating == "xuat-sac")
        good = sum(1 for r in rated if r.rating == "tot")
        checks.append(CapCheck(CELLS, "dang-bo", excellent, good, allowed(cap, good), cap))
    counted = [r.members for _, r in results if r.members is not None]
    if cap.members == "dang-bo" and counted:
        excellent, good = sum(m.xuat_sac for m in counted), sum(m.tot for m in counted)
        checks.append(CapCheck(MEMBERS, "dang-bo", excellent, good, allowed(cap, good), cap))
    return tuple(checks)


def cap_breaches(committee: Committee, year: int, checks: Iterable[CapCheck]) -> list[Breach]:
    rules = rule_set(committee, year)
    index = committee.rules.index(rules) if rules else 0
    breaches = []
    for check in checks:
        if check.holds:
            continue
        who = "chi bộ" if check.level == CELLS else "đảng viên"
        path = ("rules", index, "cap") + (("members",) if check.level == MEMBERS else ())
        breaches.append(Breach(year, committee_path(), path, f"năm {year}: {_over(check, who)}"))
    return breaches


def _over(check: CapCheck, who: str) -> str:
    return (
        f"{number_vi(check.excellent)} {who} xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt giới hạn "
        f"{threshold_vi(check.cap.percent)} của "
        f"{number_vi(check.good)} {who} Hoàn thành tốt nhiệm vụ (tối đa {number_vi(check.allowed)})"
    )


def breaches(committee: Committee, cells: Iterable[Cell]) -> tuple[Breach, ...]:
    """Every rule of a year broken, from the records alone (``chibo validate`` needs no Report):
    the Committee-wide caps of each year, then each cell's own breaches."""
    cells = tuple(cells)
    by_year: dict[int, list[tuple[Cell, YearResult]]] = {}
    for cell in cells:
        for result in cell.results:
            by_year.setdefault(result.year, []).append((cell, result))
    found = [
        b for year in sorted(by_year) for b in cap_breaches(committee, year, year_caps(committee, year, by_year[year]))
    ]
    in_force = {year: rule_set(committee, year) for year in by_year}
    return tuple(found) + tuple(b for cell in cells for b in cell_breaches(committee, cell, in_force))


def cell_breaches(committee: Committee, cell: Cell, in_force: dict[int, RuleSet | None] | None = None) -> list[Breach]:
    """A cell's own breaches: members over the cap within the cell, scores against the bands.
    ``in_force``: the rules of each year, when the caller has them already."""
    breaches = []
    for index, result in enumerate(cell.results):
        rules = in_force[result.year] if in_force is not None else rule_set(committee, result.year)
        where = ("results", index)
        if rules and rules.cap and rules.cap.members == "chi-bo" and result.members and result.members.xuat_sac:
            m = result.members
            check = CapCheck(MEMBERS, "chi-bo", m.xuat_sac, m.tot, allowed(rules.cap, m.tot), rules.cap)
            if not check.holds:
                breaches.append(
                    Breach(
                        result.year,
                        cell_path(cell.id),
                        where + ("members", "xuat-sac"),
                        f"năm {result.year}: {_over(check, 'đảng viên')}",
                        cell.id,
                    )
                )
        if result.score is not None:
            message = _score_problem(result, rules.score if rules else None)
            if message:
                breaches.append(Breach(result.year, cell_path(cell.id), where + ("score",), message, cell.id))
    return breaches


def band_of(scoring: Scoring, score: float) -> str:
    """The rating a score falls in: the first band whose minimum it reaches, else the lowest."""
    return next((b.rating for b in scoring.bands if score >= b.min), "khong-hoan-thanh")


def _score_problem(result: YearResult, scoring: Scoring | None) -> str | None:
    assert result.score is not None  # called for results with a score
    shown = amount_vi(result.score)
    if scoring is None:
        return (
            f"căn cứ xếp loại năm {result.year} không chấm điểm; bỏ điểm {shown} hoặc khai báo khung điểm "
            "trong rules của dang-bo.yml"
        )
    band = band_of(scoring, result.score)
    if result.rating is None or band == result.rating:
        return None
    return f"điểm {shown} thuộc khung '{RATING_LABELS[band]}', không khớp xếp loại '{RATING_LABELS[result.rating]}'"
