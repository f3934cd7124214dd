"""Báo cáo khảo sát, đề xuất đăng ký of a cell for year R in a programme, as of its own date.

One report per year the cell surveyed or registered for, dated on that event; it shows the
names, leaders and member count in force on that date, the results of the years before R
and the selection conditions for R. A cell that never registered gets a report for the
year after its last rated year, undated, as of the data date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..records.committee import Committee, Naming
from ..records.models import Cell, Registration, YearResult
from ..records.programmes import ProgrammeRecords
from .cells import CellCriterion, ResultRow
from .history import Leaders, MemberCount, current_leaders, leaders_counted, members_on, naming_on, registration_days
from .selection import Condition, check_selection, window


@dataclass(frozen=True)
class ReportCriterion:
    """A row of the registration report: the criterion for this cell and its mark in R−1."""

    id: str
    title: str
    result: str | None


@dataclass(frozen=True)
class RegistrationReport:
    """One year's registration report in a programme: its date, what held then, the figures
    before it, the programme's selection conditions (none when it selects nobody)."""

    programme: str
    year: int
    date: dt.date | None
    registered: bool
    naming: Naming
    leaders: Leaders
    results: tuple[ResultRow, ...]
    criteria: tuple[ReportCriterion, ...]
    conditions: tuple[Condition, ...]
    exact: tuple[Condition, ...]  # the conditions as documents state them: criteria by their text
    members: MemberCount | None  # the member count known on ``date``


def registration_reports(
    cell: Cell,
    committee: Committee,
    programme: ProgrammeRecords,
    events: tuple[Registration, ...],
    rows: tuple[ResultRow, ...],
    criteria: tuple[CellCriterion, ...],
    prospective: int | None,
) -> tuple[RegistrationReport, ...]:
    """Every year the cell surveyed or registered for in the programme (``events``: its events
    of it), in order; or, when it never did, one undated report for the year ``prospective``
    (``None``: none)."""
    dated = registration_days(events)
    registered = {e.year for e in events if e.status == "dang-ky"}
    if dated:
        return tuple(
            _report(cell, committee, programme, rows, criteria, year, day, year in registered)
            for year, day in sorted(dated.items())
        )
    if prospective is None:
        return ()
    return (_report(cell, committee, programme, rows, criteria, prospective, None, False),)


def _report(
    cell: Cell,
    committee: Committee,
    programme: ProgrammeRecords,
    rows: tuple[ResultRow, ...],
    criteria: tuple[CellCriterion, ...],
    year: int,
    day: dt.date | None,
    registered: bool,
) -> RegistrationReport:
    # An undated report (a cell not yet registered) speaks of today: the data date's count.
    known = members_on(cell, day or committee.as_of + dt.timedelta(days=1), committee.as_of)
    if day is not None:
        leaders, naming = leaders_counted(cell, day, known.value if known else None), naming_on(committee, day)
    else:
        leaders, naming = current_leaders(cell, committee.as_of), naming_on(committee, committee.as_of)
    results: dict[int, YearResult] = {r.year: r.result for r in rows}
    years = window(year, programme.programme)
    marks = (results[year - 1].criteria or {}) if year - 1 in results else {}
    names = {c.id: c.title for c in criteria}
    book = programme.book
    return RegistrationReport(
        programme=programme.id,
        year=year,
        date=day,
        registered=registered,
        naming=naming,
        leaders=leaders,
        results=tuple(row for row in rows if row.year in years),
        criteria=tuple(ReportCriterion(c.id, c.title, marks.get(c.id)) for c in criteria),
        conditions=check_selection(year, results, programme.programme, book, leaders.committee),
        exact=check_selection(year, results, programme.programme, book, leaders.committee, names),
        members=known,
    )
