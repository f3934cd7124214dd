"""What is computed about one cell: status, results as rows, timeline, criteria matrix.

Pure functions of the validated records; the cell's registration reports and selection
conditions are in ``registration.py`` and ``selection.py``. Nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

from ..records.models import Cell, Leadership, Registration, YearResult
from ..records.programme import CriteriaBook, Programme
from ..vocab import MODEL_STATUS, MODEL_STATUS_LABEL, NO_STATUS, NO_STATUS_LABEL, RATINGS, STATUS_LABELS
from .history import current_leadership, planned


@dataclass(frozen=True)
class CellStatus:
    """Trạng thái: the code (for filters), the label and the year it concerns."""

    code: str
    label: str
    year: int | None = None


@dataclass(frozen=True)
class CellCriterion:
    """A criterion as it reads for one cell: its type's own criterion 5, its added ones."""

    id: str
    title: str


@dataclass(frozen=True)
class CriteriaSummary:
    """Tự đánh giá một năm: how many criteria were met of those assessed, and which failed."""

    met: int
    total: int
    failed: tuple[str, ...]


@dataclass(frozen=True)
class ResultRow:
    """A year's result with its true member counts (in ``RATINGS`` order) and its criteria
    summary. What members may see of the counts is the members' view's (``privacy``)."""

    result: YearResult
    members: tuple[int, ...] | None
    criteria: CriteriaSummary | None

    @property
    def year(self) -> int:
        return self.result.year

    @property
    def total(self) -> int | None:
        """Số đảng viên that year (the member ratings added up), when they are recorded."""
        return sum(self.members) if self.members else None


@dataclass(frozen=True)
class Assessment:
    """One year of the criteria matrix: the mark of each of the cell's criteria, in order."""

    year: int
    marks: tuple[str | None, ...]


@dataclass(frozen=True)
class LeadershipRow:
    """Một mục lãnh đạo as of the data date: before the current one, current (in force on
    ``as_of``), or planned (from a later date)."""

    entry: Leadership
    state: str

    @property
    def label(self) -> str:
        return LEADERSHIP_STATES[self.state]


PAST, CURRENT, PLANNED = "truoc-day", "hien-nay", "du-kien"
LEADERSHIP_STATES = MappingProxyType({PAST: "", CURRENT: "hiện nay", PLANNED: "dự kiến"})


@dataclass(frozen=True)
class TimelineEntry:
    """Một mốc trong quá trình của chi bộ: a change of leaders (planned when after the data
    date), a registration event or a year's result (with that year's member count)."""

    sort_key: tuple[dt.date, int]
    event: Registration | None = None
    result: ResultRow | None = None
    leaders: LeadershipRow | None = None
    programme: Programme | None = None  # the programme an event or a year's recognition belongs to


NOT_TAKING_PART = CellStatus(NO_STATUS, NO_STATUS_LABEL)


def status_of(events: tuple[Registration, ...], recognised: YearResult | None, model: str) -> CellStatus:
    """A cell's status in a programme: "Được công nhận <model> năm Y" when ``recognised`` (its
    latest rated year, recognised under the programme), else its last event there."""
    if recognised is not None:
        return CellStatus(MODEL_STATUS, f"{MODEL_STATUS_LABEL} {model} năm {recognised.year}", recognised.year)
    if not events:
        return NOT_TAKING_PART
    event = events[-1]
    return CellStatus(event.status, f"{STATUS_LABELS[event.status]} năm {event.year}", event.year)


def latest_rated(results: tuple[YearResult, ...]) -> YearResult | None:
    return max((r for r in results if r.rating is not None), key=lambda r: r.year, default=None)


def cell_criteria(cell: Cell, book: CriteriaBook, programme: str | None = None) -> tuple[CellCriterion, ...]:
    """The criteria as they read for this cell in a programme: its book's (by the cell's type)
    and the cell's own for that programme (or for every programme)."""
    criteria = [CellCriterion(c.id, c.by_type[cell.type].title if c.by_type else c.title) for c in book.criteria]
    criteria += [
        CellCriterion(c.id, c.title) for c in cell.extra_criteria if c.programme is None or c.programme == programme
    ]
    return tuple(criteria)


def result_row(result: YearResult) -> ResultRow:
    members = result.members.by_code() if result.members else None
    marks = result.criteria
    summary = None
    if marks:
        failed = tuple(key.upper() for key, value in sorted(marks.items()) if value == "chua-dat")
        summary = CriteriaSummary(sum(1 for v in marks.values() if v == "dat"), len(marks), failed)
    counts = tuple(members[code] for code in RATINGS) if members else None
    return ResultRow(result, counts, summary)


def assessments(rows: tuple[ResultRow, ...], criteria: tuple[CellCriterion, ...]) -> tuple[Assessment, ...]:
    """The criteria matrix: each year with a self-assessment, a mark per criterion."""
    return tuple(
        Assessment(row.year, tuple(row.result.criteria.get(c.id) for c in criteria))
        for row in rows
        if row.result.criteria
    )


def leadership_rows(cell: Cell, as_of: dt.date) -> tuple[LeadershipRow, ...]:
    """The cell's leadership entries, each past, current or planned as of the data date."""
    current = current_leadership(cell, as_of)
    return tuple(
        LeadershipRow(e, CURRENT if e is current else PLANNED if planned(e.date, as_of) else PAST)
        for e in cell.leadership
    )


def timeline(
    cell: Cell,
    rows: tuple[ResultRow, ...],
    leaders: tuple[LeadershipRow, ...],
    of_event: Callable[[Registration], Programme | None],
    of_result: Callable[[YearResult], Programme | None],
) -> tuple[TimelineEntry, ...]:
    """Leadership changes and registration events by date, yearly results at the end of their
    year, merged (on one date: leaders first, then events, then results); each event and
    recognition with its programme (``of_event``, ``of_result``)."""
    entries = [TimelineEntry((e.entry.date, 0), leaders=e) for e in leaders]
    entries += [TimelineEntry((e.date, 1), event=e, programme=of_event(e)) for e in cell.registration]
    entries += [
        TimelineEntry(
            (dt.date(row.year, 12, 31), 2), result=row, programme=of_result(row.result) if row.result.model else None
        )
        for row in rows
    ]
    return tuple(sorted(entries, key=lambda e: e.sort_key))


def model_years(results: tuple[YearResult, ...]) -> tuple[int, ...]:
    return tuple(sorted(r.year for r in results if r.model))
