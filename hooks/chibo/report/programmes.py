"""What the Report knows of each programme: its state on the data date, its criteria, its
targets, milestones and cycles, each year's selection and recognition; and each cell's part
in it (its events, criteria, registration reports, recognitions, monthly self-assessments).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..records.committee import Committee, Document
from ..records.models import Cell, Registration
from ..records.programme import CriteriaBook, Programme
from ..records.programmes import ProgrammeRecords
from ..vocab import MODEL_STATUS
from . import roadmap
from .cells import (
    NOT_TAKING_PART,
    Assessment,
    CellCriterion,
    CellStatus,
    ResultRow,
    latest_rated,
    model_years,
    status_of,
)
from .context import Context
from .monthly import Rollup, Rollups
from .registration import RegistrationReport, registration_reports
from .rounds import RecognitionRound, SelectionRound, recognition_round, selection_round
from .stats import Share, TargetCheck, YearStats, target_checks, target_trajectory

if TYPE_CHECKING:
    from .summary import CellReport

CURRENT, FINISHED, AHEAD = "dang-thuc-hien", "da-ket-thuc", "sap-toi"
STATE_LABELS = MappingProxyType({CURRENT: "Đang thực hiện", FINISHED: "Đã kết thúc", AHEAD: "Sắp bắt đầu"})


@dataclass(frozen=True)
class CellProgramme:
    """A cell's part in one programme: its events there, the criteria as they read for it,
    its registration reports, the years it was recognised, its self-assessment matrix and
    monthly roll-ups, its status there."""

    programme: ProgrammeRecords
    events: tuple[Registration, ...]
    criteria: tuple[CellCriterion, ...]
    registrations: tuple[RegistrationReport, ...]
    model_years: tuple[int, ...]
    assessments: tuple[Assessment, ...]
    rollups: tuple[Rollup, ...]
    status: CellStatus

    @property
    def id(self) -> str:
        return self.programme.id

    @property
    def registration(self) -> RegistrationReport | None:
        """The report the cell page prints: its latest registration year's."""
        return self.registrations[-1] if self.registrations else None

    @property
    def takes_part(self) -> bool:
        """Whether the cell did something in the programme (not only a report it could file)."""
        return bool(self.events or self.model_years or self.rollups or self.assessments)


@dataclass(frozen=True)
class CriteriaCounts:
    """How a criteria set is made up (the sentence at the top of a programme's criteria page)."""

    total: int
    cell: int
    member: int
    member_common: int
    by_type: int


@dataclass(frozen=True)
class ProgrammeYear:
    """One year of a programme: its selection and recognition, and the cells it recognised."""

    programme: str
    year: int
    selection: SelectionRound | None
    recognition: RecognitionRound | None
    recognised: Share | None  # of the cells rated that year
    decisions: tuple[str, ...]  # the recognition decisions the cells' records cite


@dataclass(frozen=True)
class ProgrammeReport:
    """Một chương trình as the site shows it: the records, its state on the data date, its
    criteria, targets, milestones, cycles and years, the cells that took part."""

    records: ProgrammeRecords
    state: str
    criteria_counts: CriteriaCounts
    targets: tuple[TargetCheck, ...]
    trajectory: tuple[tuple[TargetCheck, ...], ...]
    milestones: tuple[roadmap.MilestoneView, ...]
    upcoming: tuple[roadmap.MilestoneView, ...]
    overdue: tuple[roadmap.MilestoneView, ...]
    cycles: tuple[roadmap.Cycle, ...]
    first_year: roadmap.FirstYear | None
    years: tuple[ProgrammeYear, ...]
    cells: tuple[str, ...]  # ids of the cells that took part
    implements: tuple[Document, ...]

    @property
    def id(self) -> str:
        return self.records.id

    @property
    def programme(self) -> Programme:
        return self.records.programme

    @property
    def book(self) -> CriteriaBook:
        return self.records.book

    @property
    def plan(self) -> str:
        return self.records.plan

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    def year(self, value: int) -> ProgrammeYear | None:
        return next((y for y in self.years if y.year == value), None)


def state_of(programme: Programme, as_of: dt.date) -> str:
    """Current while the data date is in its period, finished after, ahead before."""
    if as_of.year > programme.period.end:
        return FINISHED
    return AHEAD if as_of.year < programme.period.start else CURRENT


def cell_parts(
    cell: Cell,
    committee: Committee,
    context: Context,
    rows: tuple[ResultRow, ...],
    rollups: Rollups,
    latest_year: int | None,
) -> tuple[CellProgramme, ...]:
    """Each programme the cell took part in (events, recognitions or monthly forms there; or,
    in a programme without registration, a rating in its period), in the programmes' order;
    for a cell that never registered, an undated report for the current programme."""
    parts = []
    latest = latest_rated(cell.results)
    for programme in context.programmes.values():
        events = context.events(cell, programme.id)
        recognised = context.recognised(cell, programme.id)
        period = programme.programme.period
        in_period = [r for r in cell.results if period.start <= r.year <= period.end]
        forms = tuple(r for y in range(period.start, period.end + 1) if (r := rollups.of(cell.id, y)))
        takes_part = (
            events
            or recognised
            or forms
            or (not programme.programme.workflow.registration and any(r.rating for r in in_period))
        )
        prospective = _prospective(programme, committee, latest_year) if not events else None
        if not takes_part and prospective is None:
            continue
        criteria = context.criteria(cell, programme.id)
        registrations = registration_reports(cell, committee, programme, events, rows, criteria, prospective)
        last = latest if latest is not None and latest in recognised else None
        parts.append(
            CellProgramme(
                programme=programme,
                events=events,
                criteria=criteria,
                registrations=registrations,
                model_years=model_years(recognised),
                assessments=_assessments(rows, criteria, period.start - 1, period.end),
                rollups=forms,
                status=status_of(events, last, programme.programme.terms.model),
            )
        )
    return tuple(parts)


def overall_status(parts: tuple[CellProgramme, ...]) -> CellStatus:
    """A cell's status: the one of the programme it was last active in (a recognition before
    an event of the same year)."""
    found = [p.status for p in parts if p.status is not NOT_TAKING_PART]
    return max(found, key=lambda s: (s.year or 0, s.code == MODEL_STATUS), default=NOT_TAKING_PART)


def _prospective(programme: ProgrammeRecords, committee: Committee, latest_year: int | None) -> int | None:
    """The year a cell that never registered in a current programme (with registration) would
    register for: after the latest rated year, inside the period."""
    flow = programme.programme.workflow
    if state_of(programme.programme, committee.as_of) != CURRENT or not flow.registration:
        return None
    period = programme.programme.period
    year = max(period.start, (latest_year + 1) if latest_year is not None else committee.as_of.year)
    return year if year <= period.end else None


def _assessments(
    rows: tuple[ResultRow, ...], criteria: tuple[CellCriterion, ...], first: int, last: int
) -> tuple[Assessment, ...]:
    """The criteria matrix of a programme: each year of it (and the year before it) with a
    self-assessment of its criteria, a mark per criterion."""
    ids = {c.id for c in criteria}
    return tuple(
        Assessment(row.year, tuple((row.result.criteria or {}).get(c.id) for c in criteria))
        for row in rows
        if first <= row.year <= last and row.result.criteria and ids & set(row.result.criteria)
    )


def criteria_counts(book: CriteriaBook) -> CriteriaCounts:
    members = [c for c in book.criteria if c.group == "dang-vien"]
    return CriteriaCounts(
        total=len(book.criteria),
        cell=sum(1 for c in book.criteria if c.group == "chi-bo"),
        member=len(members),
        member_common=sum(1 for c in members if c.by_type is None),
        by_type=sum(1 for c in book.criteria if c.by_type is not None),
    )


def programme_report(
    programme: ProgrammeRecords,
    committee: Committee,
    cells: tuple[CellReport, ...],
    stats: tuple[YearStats, ...],
) -> ProgrammeReport:
    """Everything the site shows of one programme."""
    record, as_of = programme.programme, committee.as_of
    taking_part = tuple(
        c
        for c in cells
        if (part := c.part(programme.id)) is not None and (part.events or part.model_years or part.rollups)
    )
    recognised = _recognised(programme.id, cells)
    by_year = {s.year: s for s in stats}
    years = []
    for year in range(record.period.start, record.period.end + 1):
        selection = selection_round(programme, year, taking_part)
        recognition = recognition_round(programme, year, taking_part, committee)
        rated = by_year.get(year)
        share = Share.of(recognised.get(year, 0), rated.rated) if rated is not None and rated.rated else None
        decisions = tuple(
            dict.fromkeys(
                result.decision
                for c in taking_part
                if (part := c.part(programme.id)) is not None
                and year in part.model_years
                and (row := c.result(year)) is not None
                and (result := row.result).decision
            )
        )
        if selection or recognition or share:
            years.append(ProgrammeYear(programme.id, year, selection, recognition, share, decisions))
    milestones = roadmap.milestone_views(record, as_of)
    first = next((y for y in years if y.year == record.period.start), None)
    chosen = tuple(c.cell.cell for c in first.selection.selected) if first and first.selection else ()
    documents = {d.id: d for d in committee.documents}
    return ProgrammeReport(
        records=programme,
        state=state_of(record, as_of),
        criteria_counts=criteria_counts(programme.book),
        targets=target_checks(record, stats, recognised),
        trajectory=target_trajectory(record, stats, recognised),
        milestones=milestones,
        upcoming=roadmap.upcoming(milestones),
        overdue=roadmap.overdue(milestones),
        cycles=roadmap.cycles(record, stats, as_of),
        first_year=roadmap.first_year_selection(record, chosen),
        years=tuple(years),
        cells=tuple(c.cell.id for c in taking_part),
        implements=tuple(documents[ref] for ref in record.plan.implements if ref in documents),
    )


def _recognised(programme: str, cells: tuple[CellReport, ...]) -> Mapping[int, int]:
    counts: dict[int, int] = {}
    for cell in cells:
        part = cell.part(programme)
        for year in part.model_years if part is not None else ():
            counts[year] = counts.get(year, 0) + 1
    return counts
