"""The Report: everything the site, its downloads and its documents show, computed once.

``summarize(records)`` runs once per build. Pages, downloads and documents are views of the
frozen ``Report``; none of them counts, filters or looks anything up in the records. The
committee's part (its cells, their yearly results, the rules of each year) and each
programme's part (``programmes``: its criteria, targets, milestones, selections,
recognitions) are computed together: a cell's part in a programme is on the cell
(``CellReport.parts``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from ..records import Problem, Records
from ..records.committee import CellType, Committee, Document, Naming, RuleSet
from ..records.load import no_cycle_collection
from ..records.models import Cell, YearResult
from ..text import sort_key
from .cells import (
    CellStatus,
    LeadershipRow,
    ResultRow,
    TimelineEntry,
    latest_rated,
    leadership_rows,
    result_row,
    timeline,
)
from .context import Context
from .dating import before_first
from .history import Leaders, current_leaders, naming_on
from .listing import ListRow, cell_list
from .monthly import Rollups, disagreements, effective, rollups
from .papers import Papers, papers
from .programmes import (
    CURRENT,
    FINISHED,
    CellProgramme,
    ProgrammeReport,
    ProgrammeYear,
    cell_parts,
    overall_status,
    programme_report,
)
from .registration import RegistrationReport
from .rules import Breach, CapCheck, cap_breaches, cell_breaches, monthly_breaches, rule_set, year_caps
from .stats import YearStats, year_stats


@dataclass(frozen=True)
class CellReport:
    """Chi bộ với các thông tin tính toán: one cell and everything shown about it."""

    cell: Cell  # as everything reads it: a year's criteria rolled up from its monthly forms
    type: CellType
    status: CellStatus  # in the latest programme it took part in
    leaders: Leaders
    latest: YearResult | None
    results: tuple[ResultRow, ...]
    leadership: tuple[LeadershipRow, ...]
    timeline: tuple[TimelineEntry, ...]
    breaches: tuple[Breach, ...]
    scored: bool
    parts: tuple[CellProgramme, ...]  # each programme it took part in, in the programmes' order

    @property
    def url(self) -> str:
        return f"chi-bo/{self.cell.id}/"

    def part(self, programme: str) -> CellProgramme | None:
        return next((p for p in self.parts if p.id == programme), None)

    @property
    def model_years(self) -> tuple[int, ...]:
        """Every year it was recognised, whatever the programme."""
        return tuple(sorted({y for p in self.parts for y in p.model_years}))

    @property
    def registration(self) -> RegistrationReport | None:
        """The report the cell page prints: the latest registration of its latest programme."""
        return next((p.registration for p in reversed(self.parts) if p.registration is not None), None)

    def result(self, year: int) -> ResultRow | None:
        return self._by_year.get(year)

    @cached_property
    def _by_year(self) -> dict[int, ResultRow]:
        """Each year's row (the pages and the Report ask a cell for a year's result some 20 times
        a year: a search through its rows took a third of summarizing 5,000 cells)."""
        found: dict[int, ResultRow] = {}
        for row in self.results:
            found.setdefault(row.year, row)
        return found


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
    each programme's selection and recognition of the year (``programmes``); ``members``: the
    members of every cell rated that year, by rating (``RATINGS`` order), when any cell
    recorded them (true figures)."""

    stats: YearStats
    by_type: tuple[TypeYear, ...]
    programmes: tuple[ProgrammeYear, ...]
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
class RulePeriod:
    """Căn cứ xếp loại: a range of rating years and the documents in force over it."""

    rules: RuleSet
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class Report:
    """Báo cáo tổng hợp: the validated records and everything computed from them."""

    committee: Committee
    naming: Naming
    programmes: tuple[ProgrammeReport, ...]  # by start, then id
    cells: tuple[CellReport, ...]
    cell_list: tuple[ListRow, ...]
    model_cells: int
    type_counts: tuple[TypeCount, ...]
    stats: tuple[YearStats, ...]
    years: tuple[YearReport, ...]
    latest: YearStats | None
    rule_periods: tuple[RulePeriod, ...]
    documents: tuple[Document, ...]
    breaches: tuple[Breach, ...]
    papers: Papers  # what the drafted documents state besides the figures (register, awards, withdrawals)

    @property
    def current(self) -> tuple[ProgrammeReport, ...]:
        """The programmes under way on the data date (the home page shows them first)."""
        return tuple(p for p in self.programmes if p.state == CURRENT)

    @property
    def finished(self) -> tuple[ProgrammeReport, ...]:
        return tuple(p for p in self.programmes if p.state == FINISHED)

    def programme(self, programme_id: str) -> ProgrammeReport:
        return next(p for p in self.programmes if p.id == programme_id)


@dataclass
class KeptCells:
    """Each cell's report, kept by the preview from one build to the next: a cell whose record
    was not read again (``records.load.Memo`` gives the same ``Cell``), under an equal
    Committee and programmes and the same latest rated year, keeps its ``CellReport``."""

    basis: tuple[object, ...] | None = None
    cells: dict[int, tuple[Cell, CellReport]] = field(default_factory=dict)  # id(cell) → the cell, its report


def summarize(records: Records, kept: KeptCells | None = None) -> Report:
    """Compute the Report of a set of validated records (once per build); ``kept``: see ``KeptCells``."""
    with no_cycle_collection():
        return _summarize(records, kept if kept is not None else KeptCells())


def _summarize(records: Records, kept: KeptCells) -> Report:
    committee = records.committee
    context = Context.of(records)
    found = rollups(records, context.scope)
    # The cells as everything reads them (monthly forms rolled up), each with the record it
    # was read from: the preview keeps a cell's report while that record is the same object.
    pairs = sorted(zip(effective(records.cells, found), records.cells), key=lambda pair: sort_key(pair[0].name))
    ordered = tuple(cell for cell, _ in pairs)
    stats = _all_year_stats(ordered)
    rated = [s for s in stats if s.rated]
    latest = rated[-1] if rated else None
    types = {t.id: t for t in committee.types}
    basis = (committee, records.programmes, latest.year if latest else None)
    if kept.basis != basis:
        kept.basis, kept.cells = basis, {}
    known = kept.cells
    kept.cells = {
        id(record): (record, hit[1])
        if (hit := known.get(id(record))) is not None and hit[0] is record
        else (record, _cell_report(cell, types[cell.type], records, context, found, latest.year if latest else None))
        for cell, record in pairs
    }
    cells = tuple(kept.cells[id(record)][1] for _, record in pairs)
    programmes = tuple(programme_report(p, committee, cells, stats) for p in context.programmes.values())
    years = _year_reports(committee, stats, cells, programmes)
    office = papers(committee, cells, years, programmes)
    monthly = tuple(monthly_breaches(disagreements(ordered, found)))
    return Report(
        committee=committee,
        naming=naming_on(committee, committee.as_of),
        programmes=programmes,
        cells=cells,
        cell_list=cell_list(cells),
        model_cells=sum(1 for c in cells if c.model_years),
        type_counts=tuple(TypeCount(t, sum(1 for c in cells if c.type.id == t.id)) for t in committee.types),
        stats=stats,
        years=years,
        latest=latest,
        rule_periods=tuple(
            RulePeriod(r, _documents(committee, r)) for r in sorted(committee.rules, key=lambda r: r.from_year)
        ),
        documents=tuple(sorted(committee.documents, key=lambda d: (d.date, sort_key(d.number)))),
        breaches=tuple(b for y in years for b in y.breaches if b.cell_id is None)
        + tuple(b for c in cells for b in c.breaches)
        + monthly
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


def _cell_report(
    cell: Cell, type_: CellType, records: Records, context: Context, found: Rollups, latest_year: int | None
) -> CellReport:
    committee = records.committee
    results = {r.year: r for r in cell.results}
    rows = tuple(result_row(results[y]) for y in sorted(results))
    leadership = leadership_rows(cell, committee.as_of)
    parts = cell_parts(cell, committee, context, rows, found, latest_year)
    return CellReport(
        cell=cell,
        type=type_,
        status=overall_status(parts),
        leaders=current_leaders(cell, committee.as_of),
        latest=latest_rated(cell.results),
        results=rows,
        leadership=leadership,
        timeline=timeline(
            cell,
            rows,
            leadership,
            lambda e: p.programme if (p := context.of_event(e)) else None,
            lambda r: p.programme if (p := context.of_result(r)) else None,
        ),
        breaches=tuple(cell_breaches(committee, context, cell)),
        scored=any(r.score is not None for r in cell.results),
        parts=parts,
    )


def _documents(committee: Committee, rules: RuleSet | None) -> tuple[Document, ...]:
    if rules is None:
        return ()
    docs = {d.id: d for d in committee.documents}
    return tuple(docs[ref] for ref in rules.documents)


def _year_reports(
    committee: Committee,
    stats: tuple[YearStats, ...],
    cells: tuple[CellReport, ...],
    programmes: tuple[ProgrammeReport, ...],
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
                programmes=tuple(y for p in programmes if (y := p.year(s.year)) is not None),
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
