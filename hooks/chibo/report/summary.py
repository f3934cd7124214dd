"""The Report: everything the site, its downloads and its documents show, computed once.

``summarize(records)`` runs once per build. Pages, downloads and documents are views of the
frozen ``Report``; none of them counts, filters or looks anything up in the records.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Records
from ..records.models import Cell, CellType, Committee, CriteriaBook, Document, RuleSet, Selection, YearResult
from . import roadmap
from .cells import (
    Assessment,
    CellCriterion,
    CellStatus,
    ResultRow,
    TimelineEntry,
    assessments,
    cell_criteria,
    latest_rated,
    model_years,
    result_row,
    status_of,
    timeline,
)
from .selection import SelectionCheck, check_selection, window
from .stats import TargetCheck, YearStats, target_checks, target_trajectory, year_stats


@dataclass(frozen=True)
class ReportCriterion:
    """A row of the registration report: the criterion for this cell and its mark in R−1."""

    id: str
    title: str
    result: str | None


@dataclass(frozen=True)
class RegistrationReport:
    """Báo cáo khảo sát, đề xuất đăng ký for year R: results of R−N … R−1, marks of R−1."""

    year: int | None
    results: tuple[ResultRow, ...]
    criteria: tuple[ReportCriterion, ...]


@dataclass(frozen=True)
class CellReport:
    """Chi bộ với các thông tin tính toán: one cell and everything shown about it."""

    cell: Cell
    type: CellType
    status: CellStatus
    latest: YearResult | None
    model_years: tuple[int, ...]
    criteria: tuple[CellCriterion, ...]
    results: tuple[ResultRow, ...]
    assessments: tuple[Assessment, ...]
    timeline: tuple[TimelineEntry, ...]
    selection: SelectionCheck | None
    registration: RegistrationReport

    @property
    def url(self) -> str:
        return f"chi-bo/{self.cell.id}/"

    def result(self, year: int) -> ResultRow | None:
        return next((row for row in self.results if row.year == year), None)


@dataclass(frozen=True)
class YearRow:
    """One cell in one year's table; ``row`` is ``None`` when the cell has no entry that year."""

    cell: CellReport
    row: ResultRow | None


@dataclass(frozen=True)
class YearReport:
    """Kết quả một năm: the figures, the rules in force, every cell's row, the decisions."""

    stats: YearStats
    rules: tuple[Document, ...]
    rows: tuple[YearRow, ...]
    decisions: tuple[str, ...]
    previous: int | None
    next: int | None

    @property
    def year(self) -> int:
        return self.stats.year


@dataclass(frozen=True)
class TypeCount:
    type: CellType
    cells: int


@dataclass(frozen=True)
class CriteriaCounts:
    """How the criteria appendix is made up (the sentence at the top of /tieu-chi/)."""

    total: int
    cell: int
    member: int
    member_common: int
    by_type: int


@dataclass(frozen=True)
class RulePeriod:
    """Căn cứ xếp loại: a range of rating years and the documents in force over it."""

    rules: RuleSet
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class Report:
    """Báo cáo tổng hợp: the validated records and everything computed from them."""

    committee: Committee
    book: CriteriaBook
    cells: tuple[CellReport, ...]
    model_cells: int
    type_counts: tuple[TypeCount, ...]
    criteria_counts: CriteriaCounts
    stats: tuple[YearStats, ...]
    years: tuple[YearReport, ...]
    latest: YearStats | None
    targets: tuple[TargetCheck, ...]
    trajectory: tuple[tuple[TargetCheck, ...], ...]
    milestones: tuple[roadmap.MilestoneView, ...]
    upcoming: tuple[roadmap.MilestoneView, ...]
    overdue: tuple[roadmap.MilestoneView, ...]
    cycles: tuple[roadmap.Cycle, ...]
    first_year: roadmap.FirstYear
    rule_periods: tuple[RulePeriod, ...]


def summarize(records: Records) -> Report:
    """Compute the Report of a set of validated records (once per build)."""
    committee, book = records.committee, records.book
    stats = _all_year_stats(records.cells)
    rated = [s for s in stats if s.rated]
    latest = rated[-1] if rated else None
    types = {t.id: t for t in book.types}
    cells = tuple(_cell_report(c, types[c.type], records, latest.year if latest else None) for c in records.cells)
    milestones = roadmap.milestone_views(committee)
    return Report(
        committee=committee,
        book=book,
        cells=cells,
        model_cells=sum(1 for c in cells if c.model_years),
        type_counts=tuple(TypeCount(t, sum(1 for c in cells if c.type.id == t.id)) for t in book.types),
        criteria_counts=_criteria_counts(book),
        stats=stats,
        years=_year_reports(committee, stats, cells),
        latest=latest,
        targets=target_checks(committee, stats),
        trajectory=target_trajectory(committee, stats),
        milestones=milestones,
        upcoming=roadmap.upcoming(milestones),
        overdue=roadmap.overdue(milestones),
        cycles=roadmap.december_cycles(committee, stats),
        first_year=roadmap.first_year_selection(committee, records.cells),
        rule_periods=tuple(RulePeriod(r, _documents(committee, r)) for r in
                           sorted(committee.rules, key=lambda r: r.from_year)),
    )


def _all_year_stats(cells: tuple[Cell, ...]) -> tuple[YearStats, ...]:
    """One entry per year that any cell has a result for, in order."""
    by_year: dict[int, list[YearResult]] = {}
    for cell in cells:
        for result in cell.results:
            by_year.setdefault(result.year, []).append(result)
    return tuple(year_stats(year, by_year[year]) for year in sorted(by_year))


def _cell_report(cell: Cell, type_: CellType, records: Records, latest_year: int | None) -> CellReport:
    results = {r.year: r for r in cell.results}
    rows = tuple(result_row(results[y]) for y in sorted(results))
    criteria = cell_criteria(cell, records.book)
    settings = records.committee.selection
    selection = check_selection(cell, results, records.book, settings, latest_year)
    latest = latest_rated(cell.results)
    return CellReport(
        cell=cell,
        type=type_,
        status=status_of(cell, latest),
        latest=latest,
        model_years=model_years(cell),
        criteria=criteria,
        results=rows,
        assessments=assessments(rows, criteria),
        timeline=timeline(cell),
        selection=selection,
        registration=_registration(selection.year if selection else None, rows, criteria, settings),
    )


def _registration(year: int | None, rows: tuple[ResultRow, ...], criteria: tuple[CellCriterion, ...],
                  settings: Selection) -> RegistrationReport:
    """The report for ``year``; without a year (no data at all), the criteria alone."""
    years = window(year, settings) if year is not None else range(0)
    previous = next((row.result for row in rows if year is not None and row.year == year - 1), None)
    marks = (previous.criteria or {}) if previous else {}
    return RegistrationReport(
        year=year,
        results=tuple(row for row in rows if row.year in years),
        criteria=tuple(ReportCriterion(c.id, c.title, marks.get(c.id)) for c in criteria),
    )


def _criteria_counts(book: CriteriaBook) -> CriteriaCounts:
    members = [c for c in book.criteria if c.group == "dang-vien"]
    return CriteriaCounts(
        total=len(book.criteria),
        cell=sum(1 for c in book.criteria if c.group == "chi-bo"),
        member=len(members),
        member_common=sum(1 for c in members if c.by_type is None),
        by_type=sum(1 for c in book.criteria if c.by_type is not None),
    )


def _documents(committee: Committee, rules: RuleSet) -> tuple[Document, ...]:
    docs = {d.id: d for d in committee.documents}
    return tuple(docs[ref] for ref in rules.documents)


def rules_for(committee: Committee, year: int) -> tuple[Document, ...]:
    """The documents in force for rating year ``year`` (DESIGN.md §2, kept as data)."""
    for rules in committee.rules:
        if rules.from_year <= year and (rules.to_year is None or year <= rules.to_year):
            return _documents(committee, rules)
    return ()


def _year_reports(committee: Committee, stats: tuple[YearStats, ...],
                  cells: tuple[CellReport, ...]) -> tuple[YearReport, ...]:
    years = [s.year for s in stats]
    reports = []
    for index, s in enumerate(stats):
        rows = tuple(YearRow(c, c.result(s.year)) for c in cells)
        decisions = dict.fromkeys(r.row.result.decision for r in rows
                                  if r.row and r.row.result.model and r.row.result.decision)
        reports.append(YearReport(
            stats=s, rules=rules_for(committee, s.year), rows=rows, decisions=tuple(decisions),
            previous=years[index - 1] if index else None,
            next=years[index + 1] if index + 1 < len(years) else None,
        ))
    return tuple(reports)
