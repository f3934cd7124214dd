"""Lộ trình: milestones judged against ``as_of``, and the December cycle of each year.

A milestone is done (it has a ``done`` date), overdue (its date is before ``as_of`` and it
is not done) or upcoming. Nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import MappingProxyType

from ..records.committee import Committee, Milestone
from ..records.models import Cell
from .stats import YearStats

DONE, OVERDUE, UPCOMING, ONGOING = "da-xong", "qua-han", "sap-toi", "dang-dien-ra"
STATE_LABELS = MappingProxyType({DONE: "Đã hoàn thành", OVERDUE: "Quá hạn", UPCOMING: "Sắp tới"})
CYCLE_LABELS = MappingProxyType({DONE: "Đã qua", ONGOING: "Đang diễn ra", UPCOMING: "Sắp tới"})


@dataclass(frozen=True)
class MilestoneView:
    """Mốc thời gian with its state as of the data date."""

    milestone: Milestone
    state: str

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class Cycle:
    """Chu kỳ tháng 12: self-assessment, recognition and awards of one year."""

    year: int
    stats: YearStats | None
    state: str

    @property
    def label(self) -> str:
        return CYCLE_LABELS[self.state]


def milestone_state(milestone: Milestone, as_of: dt.date) -> str:
    if milestone.done is not None:
        return DONE
    return OVERDUE if milestone.date < as_of else UPCOMING


def milestone_views(committee: Committee) -> tuple[MilestoneView, ...]:
    ordered = sorted(committee.milestones, key=lambda m: (m.date, m.id))
    return tuple(MilestoneView(m, milestone_state(m, committee.as_of)) for m in ordered)


def upcoming(views: tuple[MilestoneView, ...], limit: int = 3) -> tuple[MilestoneView, ...]:
    return tuple(v for v in views if v.state == UPCOMING)[:limit]


def overdue(views: tuple[MilestoneView, ...]) -> tuple[MilestoneView, ...]:
    return tuple(v for v in views if v.state == OVERDUE)


def december_cycles(committee: Committee, stats: tuple[YearStats, ...]) -> tuple[Cycle, ...]:
    """One cycle per year of the period: past, under way (``as_of`` in its December) or ahead."""
    by_year = {s.year: s for s in stats}
    cycles = []
    for year in range(committee.period.start, committee.period.end + 1):
        if dt.date(year, 12, 31) < committee.as_of:
            state = DONE
        elif dt.date(year, 12, 1) <= committee.as_of:
            state = ONGOING
        else:
            state = UPCOMING
        cycles.append(Cycle(year, by_year.get(year), state))
    return tuple(cycles)


@dataclass(frozen=True)
class FirstYear:
    """Plan III.3.3: the Standing Committee selects between min and max cells in the first year."""

    year: int
    minimum: int
    maximum: int
    selected: tuple[str, ...]

    @property
    def met(self) -> bool:
        return self.minimum <= len(self.selected) <= self.maximum


def first_year_selection(committee: Committee, cells: tuple[Cell, ...]) -> FirstYear:
    year = committee.period.start
    names = tuple(c.name for c in cells if any(e.status == "lua-chon" and e.year == year for e in c.registration))
    return FirstYear(year, committee.selection.first_year_min, committee.selection.first_year_max, names)
