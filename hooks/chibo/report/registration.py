"""Báo cáo khảo sát, đề xuất đăng ký (plan III.3.2) of a cell for year R, as of its own date.

One report per year the cell surveyed or registered for, dated on that event; it shows the
names, leaders and member count in force on that date, the results of the years before R
and the selection conditions for R. A cell that never registered gets a report for the
year after its last rated year, undated, as of the data date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..records.committee import Committee, CriteriaBook, Naming
from ..records.models import Cell, YearResult
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
    """One year's registration report: its date, what held then, the figures before it."""

    year: int | None
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
    book: CriteriaBook,
    rows: tuple[ResultRow, ...],
    criteria: tuple[CellCriterion, ...],
    latest_year: int | None,
) -> tuple[RegistrationReport, ...]:
    """Every year the cell surveyed or registered for, in order; or one prospective report."""
    dated = registration_days(cell)
    registered = {e.year for e in cell.registration if e.status == "dang-ky"}
    if dated:
        return tuple(
            _report(cell, committee, book, rows, criteria, year, day, year in registered)
            for year, day in sorted(dated.items())
        )
    year = latest_year + 1 if latest_year is not None else None
    return (_report(cell, committee, book, rows, criteria, year, None, False),)


def _report(
    cell: Cell,
    committee: Committee,
    book: CriteriaBook,
    rows: tuple[ResultRow, ...],
    criteria: tuple[CellCriterion, ...],
    year: int | None,
    day: dt.date | None,
    registered: bool,
) -> RegistrationReport:
    # An undated report (a cell not yet registered) speaks of today: the data date's count.
    known = members_on(cell, day or committee.as_of + dt.timedelta(days=1), committee.as_of)
    if day is not None and year is not None:
        leaders, naming = leaders_counted(cell, day, known.value if known else None), naming_on(committee, day)
    else:
        leaders, naming = current_leaders(cell, committee.as_of), naming_on(committee, committee.as_of)
    results: dict[int, YearResult] = {r.year: r.result for r in rows}
    years = window(year, committee.selection) if year is not None else range(0)
    marks = (results[year - 1].criteria or {}) if year is not None and year - 1 in results else {}
    names = {c.id: c.title for c in criteria}
    return RegistrationReport(
        year=year,
        date=day,
        registered=registered,
        naming=naming,
        leaders=leaders,
        results=tuple(row for row in rows if row.year in years),
        criteria=tuple(ReportCriterion(c.id, c.title, marks.get(c.id)) for c in criteria),
        conditions=check_selection(year, results, book, committee.selection, leaders.committee)
        if year is not None
        else (),
        exact=check_selection(year, results, book, committee.selection, leaders.committee, names)
        if year is not None
        else (),
        members=known,
    )
