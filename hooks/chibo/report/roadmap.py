"""Lộ trình of a programme: its milestones judged against ``as_of``, and its yearly cycle
(self-assessment, recognition, awards: in December, or the month the programme says).

A milestone is done (it has a ``done`` date), overdue (its date is before ``as_of`` and it
is not done) or upcoming. Nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import MappingProxyType

from ..records.models import Cell
from ..records.programme import Milestone, Programme
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
    """Chu kỳ hằng năm (tháng 12): self-assessment, recognition and awards of one year."""

    year: int
    month: int
    stats: YearStats | None
    state: str

    @property
    def label(self) -> str:
        return CYCLE_LABELS[self.state]


def milestone_state(milestone: Milestone, as_of: dt.date) -> str:
    if milestone.done is not None:
        return DONE
    return OVERDUE if milestone.date < as_of else UPCOMING


def milestone_views(programme: Programme, as_of: dt.date) -> tuple[MilestoneView, ...]:
    ordered = sorted(programme.milestones, key=lambda m: (m.date, m.id))
    return tuple(MilestoneView(m, milestone_state(m, as_of)) for m in ordered)


def upcoming(views: tuple[MilestoneView, ...], limit: int = 3) -> tuple[MilestoneView, ...]:
    return tuple(v for v in views if v.state == UPCOMING)[:limit]


def overdue(views: tuple[MilestoneView, ...]) -> tuple[MilestoneView, ...]:
    return tuple(v for v in views if v.state == OVERDUE)


def cycles(programme: Programme, stats: tuple[YearStats, ...], as_of: dt.date) -> tuple[Cycle, ...]:
    """One cycle per year of the period: past, under way (``as_of`` in its month, from that
    month to the year's end) or ahead."""
    by_year = {s.year: s for s in stats}
    month = programme.workflow.cycle_month
    found = []
    for year in range(programme.period.start, programme.period.end + 1):
        if dt.date(year, 12, 31) < as_of:
            state = DONE
        elif dt.date(year, month, 1) <= as_of:
            state = ONGOING
        else:
            state = UPCOMING
        found.append(Cycle(year, month, by_year.get(year), state))
    return tuple(found)


@dataclass(frozen=True)
class FirstYear:
    """The Standing Committee selects between min and max cells in the programme's first year."""

    year: int
    minimum: int
    maximum: int
    selected: tuple[str, ...]

    @property
    def met(self) -> bool:
        return self.minimum <= len(self.selected) <= self.maximum


def first_year_selection(programme: Programme, selected: tuple[Cell, ...]) -> FirstYear | None:
    """The first year's count, when the programme sets one; ``selected``: the cells it selected
    that year."""
    first = programme.selection.first_year if programme.selection is not None else None
    if first is None:
        return None
    return FirstYear(programme.period.start, first.min, first.max, tuple(c.name for c in selected))
