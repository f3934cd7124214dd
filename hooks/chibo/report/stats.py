"""Counts and shares per year, and the targets judged on them (DESIGN.md §4).

Shares are count ÷ cells rated that year, one decimal rounded half up; a target's verdict
is exact arithmetic on the threshold the office wrote. Nothing here reads the clock.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from types import MappingProxyType

from ..records.models import YearResult
from ..records.programme import Programme, Target
from ..vocab import GOOD_OR_BETTER, MEASURES, RATINGS

GOOD_OR_BETTER_MEASURE, RECOGNISED_MEASURE = MEASURES  # "tot-tro-len", "cong-nhan"


def percent(count: int, total: int) -> float | None:
    """Share in percent, one decimal rounded half up (1/16 → 6,3), ``None`` when nothing was rated."""
    if total == 0:
        return None
    return float((Decimal(100 * count) / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP))


@dataclass(frozen=True)
class Share:
    """Tỷ lệ: ``count`` of ``total`` cells and its percentage (``None`` when ``total`` is 0)."""

    count: int
    total: int
    percent: float | None

    @classmethod
    def of(cls, count: int, total: int) -> Share:
        return cls(count, total, percent(count, total))


@dataclass(frozen=True)
class YearStats:
    """Kết quả một năm: counts and shares over the cells rated that year."""

    year: int
    rated: int
    unrated: int
    ratings: Mapping[str, Share]
    good_or_better: Share
    model: Share


@dataclass(frozen=True)
class TargetCheck:
    """Chỉ tiêu so với thực tế: the verdict and how many more cells it needed."""

    target: Target
    stats: YearStats | None
    actual: int | None
    actual_percent: float | None
    met: bool | None
    needed: int | None


def year_stats(year: int, results: Iterable[YearResult], cells: int | None = None) -> YearStats:
    """The figures of one year from the cells' results for it; ``cells`` is how many cells the
    Committee has (those without a rating that year, entry or not, are "chưa xếp loại")."""
    results = list(results)
    done = [r for r in results if r.rating is not None]
    counts = {code: 0 for code in RATINGS}
    for result in done:
        assert result.rating is not None
        counts[result.rating] += 1
    rated = len(done)
    return YearStats(
        year=year,
        rated=rated,
        unrated=(len(results) if cells is None else cells) - rated,
        ratings=MappingProxyType({code: Share.of(n, rated) for code, n in counts.items()}),
        good_or_better=Share.of(sum(counts[c] for c in GOOD_OR_BETTER), rated),
        model=Share.of(sum(1 for r in done if r.model), rated),
    )


def check_target(target: Target, stats: YearStats | None, recognised: int = 0) -> TargetCheck:
    """Compare the target year's share with the threshold (``>=`` or ``>``); ``recognised``:
    the cells the target's programme recognised that year (``cong-nhan``)."""
    if stats is None or stats.rated == 0:
        return TargetCheck(target, stats, None, None, None, None)
    share = stats.good_or_better if target.measure == GOOD_OR_BETTER_MEASURE else Share.of(recognised, stats.rated)
    needed = cells_needed(target, stats.rated)
    return TargetCheck(target, stats, share.count, share.percent, share.count >= needed, max(0, needed - share.count))


def cells_needed(target: Target, total: int) -> int:
    """The fewest cells of ``total`` that satisfy the threshold, in exact arithmetic.

    count / total ≥ p / 100 ⇔ 100·count ≥ p·total (> for a strict target), with p taken
    as the decimal the office wrote (16.1 is 161/10, not the nearest binary fraction).
    """
    bound = Fraction(str(target.percent)) * total / 100
    count = math.ceil(bound)
    if target.comparison == ">" and count == bound:
        count += 1
    return count


def target_checks(
    programme: Programme, stats: tuple[YearStats, ...], recognised: Mapping[int, int]
) -> tuple[TargetCheck, ...]:
    """The programme's targets, each in its year; ``recognised``: its recognitions by year."""
    by_year = {s.year: s for s in stats}
    return tuple(check_target(t, by_year.get(t.year), recognised.get(t.year, 0)) for t in programme.targets)


def target_trajectory(
    programme: Programme, stats: tuple[YearStats, ...], recognised: Mapping[int, int]
) -> tuple[tuple[TargetCheck, ...], ...]:
    """Each target's threshold applied to every rated year of the programme's period and, for a
    share of good ratings, the year before it (where it started from; no cell is recognised
    under a programme before it starts): how far each year was."""
    period = programme.period

    def years(target: Target) -> list[YearStats]:
        first = period.start - 1 if target.measure == GOOD_OR_BETTER_MEASURE else period.start
        return [s for s in stats if s.rated and first <= s.year <= period.end]

    return tuple(tuple(check_target(t, s, recognised.get(s.year, 0)) for s in years(t)) for t in programme.targets)


def charted(trajectory: tuple[tuple[TargetCheck, ...], ...]) -> tuple[tuple[TargetCheck, ...], ...]:
    """One trajectory per measure, for the charts: the target of the latest rated year or the
    next one after it (else the last), so a programme with a target a year draws two charts."""
    by_measure: dict[str, list[tuple[TargetCheck, ...]]] = {}
    for checks in trajectory:
        if checks:
            by_measure.setdefault(checks[0].target.measure, []).append(checks)
    chosen = []
    for group in by_measure.values():
        latest = max(c.stats.year for checks in group for c in checks if c.stats is not None)
        ordered = sorted(group, key=lambda checks: checks[0].target.year)
        chosen.append(next((checks for checks in ordered if checks[0].target.year >= latest), ordered[-1]))
    return tuple(chosen)
