"""What the site shows that the records do not say directly (DESIGN.md §4).

Pure functions of the validated records: a cell's current status, its latest rating and
model years; per-year counts and shares; target verdicts. Nothing here reads the clock:
"overdue" is judged against ``as_of`` in ``dang-bo.yml``.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .models import Cell, CellType, Committee, Registration, Target, YearResult
from .records import Records
from .vocab import (
    GOOD_OR_BETTER,
    MODEL_STATUS,
    NO_STATUS,
    NO_STATUS_LABEL,
    RATINGS,
    STATUS_LABELS,
)


@dataclass(frozen=True)
class Status:
    """Trạng thái: the code (for filters), the label and the year it concerns."""

    code: str
    label: str
    year: int | None = None


@dataclass(frozen=True)
class CellView:
    """A cell with what is computed about it."""

    cell: Cell
    type: CellType
    status: Status
    latest: YearResult | None
    model_years: tuple[int, ...]

    @property
    def url(self) -> str:
        return f"chi-bo/{self.cell.id}/"


@dataclass(frozen=True)
class YearStats:
    """Kết quả một năm: counts and shares over the cells rated that year."""

    year: int
    rated: int
    unrated: int
    ratings: dict[str, int]
    good_or_better: int
    model: int

    @property
    def good_or_better_percent(self) -> float | None:
        return percent(self.good_or_better, self.rated)

    @property
    def model_percent(self) -> float | None:
        return percent(self.model, self.rated)


@dataclass(frozen=True)
class TargetCheck:
    """Chỉ tiêu so với thực tế: the verdict and how many more cells it needed."""

    target: Target
    stats: YearStats | None
    actual: int | None
    actual_percent: float | None
    met: bool | None
    needed: int | None


def percent(count: int, total: int) -> float | None:
    """Share in percent, one decimal rounded half up (1/16 → 6,3), ``None`` when nothing was rated."""
    if total == 0:
        return None
    return float((Decimal(100 * count) / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def rated(results: tuple[YearResult, ...]) -> list[YearResult]:
    return [r for r in results if r.rating is not None]


def latest_rated(cell: Cell) -> YearResult | None:
    return max(rated(cell.results), key=lambda r: r.year, default=None)


def status_of(cell: Cell, latest: YearResult | None) -> Status:
    """The last registration event, or "Đạt kiểu mẫu năm Y" when the latest rated year is."""
    if latest is not None and latest.model:
        return Status(MODEL_STATUS, f"Đạt kiểu mẫu năm {latest.year}", latest.year)
    if not cell.registration:
        return Status(NO_STATUS, NO_STATUS_LABEL)
    event: Registration = cell.registration[-1]
    return Status(event.status, f"{STATUS_LABELS[event.status]} năm {event.year}", event.year)


def cell_view(cell: Cell, types: dict[str, CellType]) -> CellView:
    latest = latest_rated(cell)
    years = tuple(sorted(r.year for r in cell.results if r.model))
    return CellView(cell, types[cell.type], status_of(cell, latest), latest, years)


def cell_views(records: Records) -> tuple[CellView, ...]:
    types = {t.id: t for t in records.book.types}
    return tuple(cell_view(cell, types) for cell in records.cells)


def year_stats(cells: tuple[Cell, ...]) -> tuple[YearStats, ...]:
    """One entry per year that any cell has a result for, in order."""
    by_year: dict[int, list[YearResult]] = {}
    for cell in cells:
        for result in cell.results:
            by_year.setdefault(result.year, []).append(result)
    stats = []
    for year in sorted(by_year):
        results = by_year[year]
        done = rated(tuple(results))
        counts = {code: sum(1 for r in done if r.rating == code) for code in RATINGS}
        stats.append(YearStats(
            year=year,
            rated=len(done),
            unrated=len(results) - len(done),
            ratings=counts,
            good_or_better=sum(counts[c] for c in GOOD_OR_BETTER),
            model=sum(1 for r in done if r.model),
        ))
    return tuple(stats)


def check_target(target: Target, stats: YearStats | None) -> TargetCheck:
    """Compare the target year's share with the threshold (``>=`` or ``>``)."""
    if stats is None or stats.rated == 0:
        return TargetCheck(target, stats, None, None, None, None)
    actual = stats.good_or_better if target.measure == "tot-tro-len" else stats.model
    needed = _cells_needed(target, stats.rated)
    share = percent(actual, stats.rated)
    return TargetCheck(target, stats, actual, share, actual >= needed, max(0, needed - actual))


def _cells_needed(target: Target, total: int) -> int:
    """The fewest cells that satisfy the threshold, in exact arithmetic.

    count / total ≥ p / 100 ⇔ 100·count ≥ p·total (> for a strict target), with p taken
    as the decimal the office wrote (16.1 is 161/10, not the nearest binary fraction).
    """
    bound = Fraction(str(target.percent)) * total / 100
    count = math.ceil(bound)
    if target.comparison == ">" and count == bound:
        count += 1
    return count


def target_checks(committee: Committee, stats: tuple[YearStats, ...]) -> tuple[TargetCheck, ...]:
    by_year = {s.year: s for s in stats}
    return tuple(check_target(t, by_year.get(t.year)) for t in committee.targets)


def target_trajectory(committee: Committee, stats: tuple[YearStats, ...]) -> tuple[tuple[TargetCheck, ...], ...]:
    """Each target's threshold applied to every rated year: how far each year was."""
    rated_years = [s for s in stats if s.rated]
    return tuple(tuple(check_target(t, s) for s in rated_years) for t in committee.targets)


@dataclass(frozen=True)
class TimelineEntry:
    """Một mốc trong quá trình của chi bộ: a registration event or a year's result."""

    sort_key: tuple[dt.date, int]
    event: Registration | None = None
    result: YearResult | None = None


def timeline(cell: Cell) -> tuple[TimelineEntry, ...]:
    """Registration events by date and yearly results at the end of their year, merged."""
    entries = [TimelineEntry((e.date, 0), event=e) for e in cell.registration]
    entries += [TimelineEntry((dt.date(r.year, 12, 31), 1), result=r) for r in cell.results]
    return tuple(sorted(entries, key=lambda e: e.sort_key))


@dataclass(frozen=True)
class YearRow:
    """One cell in one year's table; ``result`` is ``None`` when the cell has no entry."""

    view: CellView
    result: YearResult | None


def year_rows(views: tuple[CellView, ...], year: int) -> tuple[YearRow, ...]:
    rows = []
    for view in views:
        result = next((r for r in view.cell.results if r.year == year), None)
        rows.append(YearRow(view, result))
    return tuple(rows)
