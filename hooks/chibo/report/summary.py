"""The Report: everything the site, its downloads and its documents show, computed once.

``summarize(records)`` runs once per build. Pages, downloads and documents are views of the
frozen ``Report``; none of them counts, filters or looks anything up in the records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..records import Problem, Records
from ..records.committee import CellType, Committee, CriteriaBook, Document, Naming, RuleSet
from ..records.load import no_cycle_collection
from ..records.models import Cell, YearResult
from ..text import sort_key
from . import roadmap
from .cells import (
    Assessment,
    CellCriterion,
    CellStatus,
    LeadershipRow,
    ResultRow,
    TimelineEntry,
    assessments,
    cell_criteria,
    latest_rated,
    leadership_rows,
    model_years,
    result_row,
    status_of,
    timeline,
)
from .dating import before_first
from .history import Leaders, current_leaders, naming_on
from .listing import ListRow, cell_list
from .papers import Papers, papers
from .registration import RegistrationReport, registration_reports
from .rounds import RecognitionRound, SelectionRound, recognition_round, selection_round
from .rules import Breach, CapCheck, cap_breaches, cell_breaches, rule_set, year_caps
from .stats import TargetCheck, YearStats, target_checks, target_trajectory, year_stats


@dataclass(frozen=True)
class CellReport:
    """Chi bộ với các thông tin tính toán: one cell and everything shown about it."""

    cell: Cell
    type: CellType
    status: CellStatus
    leaders: Leaders
    latest: YearResult | None
    model_years: tuple[int, ...]
    criteria: tuple[CellCriterion, ...]
    results: tuple[ResultRow, ...]
    assessments: tuple[Assessment, ...]
    leadership: tuple[LeadershipRow, ...]
    timeline: tuple[TimelineEntry, ...]
    registrations: tuple[RegistrationReport, ...]
    breaches: tuple[Breach, ...]
    scored: bool

    @property
    def url(self) -> str:
        return f"chi-bo/{self.cell.id}/"

    @property
    def registration(self) -> RegistrationReport:
        """The report the cell page prints: its latest registration year's."""
        return self.registrations[-1]

    def result(self, year: int) -> ResultRow | None:
        return next((row for row in self.results if row.year == year), None)


@dataclass(frozen=True)
class YearRow:
    """One cell in one year's table; ``row`` is ``None`` when the cell has no entry that year."""

    cell: CellReport
    row: ResultRow | None


@dataclass(frozen=True)
class TypeYear:
    """One cell type's figures in one year (the yearly review, by cell type); ``members``:
    its members by rating (``RATINGS`` order), when any of its cells recorded them."""

    type: CellType
    stats: YearStats
    members: tuple[int, ...] | None = None


@dataclass(frozen=True)
class YearReport:
    """Kết quả một năm: the figures, the rules in force and their checks, every cell's row,
    the year's selection and recognition; ``members``: the members of every cell rated that
    year, by rating (``RATINGS`` order), when any cell recorded them (true figures)."""

    stats: YearStats
    by_type: tuple[TypeYear, ...]
    selection: SelectionRound | None
    recognition: RecognitionRound | None
    rules: RuleSet | None
    documents: tuple[Document, ...]
    caps: tuple[CapCheck, ...]
    breaches: tuple[Breach, ...]
    rows: tuple[YearRow, ...]
    scored: bool
    decisions: tuple[str, ...]
    previous: int | None
    next: int | None
    members: tuple[int, ...] | None = None

    @property
    def year(self) -> int:
        return self.stats.year

    @property
    def member_total(self) -> int | None:
        return sum(self.members) if self.members is not None else None


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
    naming: Naming
    cells: tuple[CellReport, ...]
    cell_list: tuple[ListRow, ...]
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
    documents: tuple[Document, ...]
    breaches: tuple[Breach, ...]
    papers: Papers  # what the drafted documents state besides the figures (register, awards, withdrawals)


@dataclass
class KeptCells:
    """Each cell's report, kept by the preview from one build to the next: a cell whose record
    was not read again (``records.load.Memo`` gives the same ``Cell``), under an equal
    Committee and criteria book and the same latest rated year, keeps its ``CellReport``."""

    basis: tuple[object, ...] | None = None
    cells: dict[int, tuple[Cell, CellReport]] = field(default_factory=dict)  # id(cell) → the cell, its report


def summarize(records: Records, kept: KeptCells | None = None) -> Report:
    """Compute the Report of a set of validated records (once per build); ``kept``: see ``KeptCells``."""
    with no_cycle_collection():
        return _summarize(records, kept if kept is not None else KeptCells())


def _summarize(records: Records, kept: KeptCells) -> Report:
    committee, book = records.committee, records.book
    ordered = tuple(sorted(records.cells, key=lambda c: sort_key(c.name)))
    stats = _all_year_stats(ordered)
    rated = [s for s in stats if s.rated]
    latest = rated[-1] if rated else None
    types = {t.id: t for t in book.types}
    basis = (committee, book, latest.year if latest else None)
    if kept.basis != basis:
        kept.basis, kept.cells = basis, {}
    known = kept.cells
    kept.cells = {
        id(c): (c, found[1])
        if (found := known.get(id(c))) is not None and found[0] is c
        else (c, _cell_report(c, types[c.type], records, latest.year if latest else None))
        for c in ordered
    }
    cells = tuple(kept.cells[id(c)][1] for c in ordered)
    years = _year_reports(committee, stats, cells)
    milestones = roadmap.milestone_views(committee)
    office = papers(committee, cells, years)
    return Report(
        committee=committee,
        book=book,
        naming=naming_on(committee, committee.as_of),
        cells=cells,
        cell_list=cell_list(cells),
        model_cells=sum(1 for c in cells if c.model_years),
        type_counts=tuple(TypeCount(t, sum(1 for c in cells if c.type.id == t.id)) for t in book.types),
        criteria_counts=_criteria_counts(book),
        stats=stats,
        years=years,
        latest=latest,
        targets=target_checks(committee, stats),
        trajectory=target_trajectory(committee, stats),
        milestones=milestones,
        upcoming=roadmap.upcoming(milestones),
        overdue=roadmap.overdue(milestones),
        cycles=roadmap.december_cycles(committee, stats),
        first_year=roadmap.first_year_selection(committee, ordered),
        rule_periods=tuple(
            RulePeriod(r, _documents(committee, r)) for r in sorted(committee.rules, key=lambda r: r.from_year)
        ),
        documents=tuple(sorted(committee.documents, key=lambda d: (d.date, sort_key(d.number)))),
        breaches=tuple(b for y in years for b in y.breaches if b.cell_id is None)
        + tuple(b for c in cells for b in c.breaches)
        + office.breaches,
        papers=office,
    )


def _all_year_stats(cells: tuple[Cell, ...]) -> tuple[YearStats, ...]:
    """One entry per year that any cell has a result or a registration for, in order; every
    cell counts."""
    by_year: dict[int, list[YearResult]] = {e.year: [] for cell in cells for e in cell.registration}
    for cell in cells:
        for result in cell.results:
            by_year.setdefault(result.year, []).append(result)
    return tuple(year_stats(year, by_year[year], len(cells)) for year in sorted(by_year))


def _cell_report(cell: Cell, type_: CellType, records: Records, latest_year: int | None) -> CellReport:
    committee, book = records.committee, records.book
    results = {r.year: r for r in cell.results}
    rows = tuple(result_row(results[y]) for y in sorted(results))
    criteria = cell_criteria(cell, book)
    latest = latest_rated(cell.results)
    leadership = leadership_rows(cell, committee.as_of)
    return CellReport(
        cell=cell,
        type=type_,
        status=status_of(cell, latest),
        leaders=current_leaders(cell, committee.as_of),
        latest=latest,
        model_years=model_years(cell),
        criteria=criteria,
        results=rows,
        assessments=assessments(rows, criteria),
        leadership=leadership,
        timeline=timeline(cell, rows, leadership),
        registrations=registration_reports(cell, committee, book, rows, criteria, latest_year),
        breaches=tuple(cell_breaches(committee, book, cell)),
        scored=any(r.score is not None for r in cell.results),
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


def _documents(committee: Committee, rules: RuleSet | None) -> tuple[Document, ...]:
    if rules is None:
        return ()
    docs = {d.id: d for d in committee.documents}
    return tuple(docs[ref] for ref in rules.documents)


def _year_reports(
    committee: Committee, stats: tuple[YearStats, ...], cells: tuple[CellReport, ...]
) -> tuple[YearReport, ...]:
    years = [s.year for s in stats]
    reports = []
    for index, s in enumerate(stats):
        rows = tuple(YearRow(c, c.result(s.year)) for c in cells)
        results = [(line.cell.cell, line.row.result) for line in rows if line.row]
        caps = year_caps(committee, s.year, results)
        rules = rule_set(committee, s.year)
        decisions = dict.fromkeys(
            line.row.result.decision for line in rows if line.row and line.row.result.model and line.row.result.decision
        )
        reports.append(
            YearReport(
                stats=s,
                by_type=_by_type(committee, s.year, cells),
                selection=selection_round(s.year, cells),
                recognition=recognition_round(s.year, cells, committee),
                rules=rules,
                documents=_documents(committee, rules),
                caps=caps,
                breaches=tuple(cap_breaches(committee, s.year, caps))
                + tuple(b for c in cells for b in c.breaches if b.year == s.year),
                rows=rows,
                decisions=tuple(decisions),
                scored=bool(rules and rules.score) or any(r.score is not None for _, r in results),
                previous=years[index - 1] if index else None,
                next=years[index + 1] if index + 1 < len(years) else None,
                members=member_sums(line.row for line in rows if line.row),
            )
        )
    return tuple(reports)


def warnings(records: Records, breaches: Iterable[Breach]) -> tuple[Problem, ...]:
    """Every warning of a build, one line each: what reading the records found (files skipped,
    entries after the data date…), rules of the year broken (``Report.breaches``, or
    ``rules.breaches`` where no Report is made), documents dated before the first entry of
    ``names`` or a cell's ``leadership`` (``dating``)."""
    found = tuple(records.problem(b.file, b.path, b.message) for b in breaches)
    early = tuple(records.problem(e.file, e.path, e.message) for e in before_first(records))
    return tuple(sorted(records.warnings + found + early))


def _by_type(committee: Committee, year: int, cells: tuple[CellReport, ...]) -> tuple[TypeYear, ...]:
    types: dict[str, list[CellReport]] = {}
    for cell in cells:
        types.setdefault(cell.type.id, []).append(cell)
    return tuple(
        TypeYear(
            group[0].type,
            year_stats(year, [row.result for c in group if (row := c.result(year))], len(group)),
            member_sums(row for c in group if (row := c.result(year))),
        )
        for group in types.values()
    )


def member_sums(rows: Iterable[ResultRow]) -> tuple[int, ...] | None:
    """The member counts of ``rows`` added up by rating; ``None`` when none recorded any."""
    counted = [row.members for row in rows if row.members is not None]
    if not counted:
        return None
    return tuple(sum(column) for column in zip(*counted))
