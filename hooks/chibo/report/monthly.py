"""Monthly self-assessments (phiếu tự đánh giá hằng tháng) rolled up into a year's criteria.

A programme with a ``monthly`` rule collects, each month, Đạt / Không đạt per criterion
(``results[].monthly`` of a cell). A criterion is met for the year when it is met in at
least ``months`` of the year's months (of the twelve, or of those from ``first_month`` on in
the programme's first year, the count scaled and rounded up), and every month for the
criteria in ``every_month``. A month without a form counts as not met, once the year is over
on the data date; before that, the roll-up is provisional and gives no mark yet.

The year's criteria as everything else reads them (``effective``): what the record states
(``criteria``) where it states it, else the roll-up. A record that states both, differently,
is warned about (``disagreements``). Nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..records.load import Records
from ..records.models import Cell, YearResult
from ..records.programme import MonthlyRule
from ..records.scope import Scope

MET, NOT_MET = "dat", "chua-dat"
UNCOUNTED = "khong-tinh"  # a month of the year the rule does not count (before ``first_month``)


@dataclass(frozen=True)
class CriterionRollup:
    """One criterion over the year: its mark each month (``None``: no form), how many months
    it was met, how many it needed, and the year's mark (``None``: not known yet)."""

    id: str
    marks: tuple[str | None, ...]
    met: int
    needed: int
    every_month: bool
    mark: str | None


@dataclass(frozen=True)
class Rollup:
    """Tổng hợp tự đánh giá hằng tháng of one cell and year under a programme's rule."""

    programme: str
    year: int
    months: tuple[str, ...]  # "2026-02" … "2026-12": the months the rule counts
    rows: tuple[CriterionRollup, ...]
    final: bool  # the year is over on the data date (or every month has its form)

    @property
    def marks(self) -> Mapping[str, str]:
        """The year's mark of each criterion (empty while provisional)."""
        return MappingProxyType({r.id: r.mark for r in self.rows if r.mark is not None})

    def twelve(self, row: CriterionRollup) -> tuple[str | None, ...]:
        """``row``'s marks over January…December (the grid on a cell's page): ``UNCOUNTED`` for a
        month the rule does not count, ``None`` for one without a form."""
        marks = dict(zip(self.months, row.marks))
        return tuple(marks.get(f"{self.year}-{m:02d}", UNCOUNTED) for m in range(1, 13))

    def explain(self, criterion: str) -> str:
        """How a criterion's mark was reached, in words: "đạt 11/11 tháng (cần ít nhất 10)"."""
        row = next(r for r in self.rows if r.id == criterion)
        need = f"phải đạt cả {len(self.months)} tháng" if row.every_month else f"cần ít nhất {row.needed}"
        return f"đạt {row.met}/{len(self.months)} tháng ({need})"


def counted_months(rule: MonthlyRule, year: int) -> tuple[str, ...]:
    """The months of ``year`` the rule counts: all twelve, or from ``first_month`` on in its year."""
    first = 1
    if rule.first_month is not None and int(rule.first_month[:4]) == year:
        first = int(rule.first_month[5:])
    return tuple(f"{year}-{m:02d}" for m in range(first, 13))


def needed(rule: MonthlyRule, months: int) -> int:
    """Months met the rule needs when it counts ``months`` months (``rule.months`` of twelve, scaled)."""
    return min(months, math.ceil(rule.months * months / 12))


def roll_up(
    programme: str, rule: MonthlyRule, result: YearResult, criteria: Iterable[str], as_of: dt.date
) -> Rollup | None:
    """The year's roll-up of ``result``'s monthly forms, or ``None`` when it holds none."""
    forms = result.monthly or {}
    if not forms:
        return None
    months = counted_months(rule, result.year)
    final = dt.date(result.year, 12, 31) <= as_of or all(m in forms for m in months)
    rows = []
    for criterion in criteria:
        marks = tuple(forms.get(m, {}).get(criterion) for m in months)
        met = sum(1 for mark in marks if mark == MET)
        every = criterion in rule.every_month
        need = len(months) if every else needed(rule, len(months))
        mark = (MET if met >= need else NOT_MET) if final else None
        rows.append(CriterionRollup(criterion, marks, met, need, every, mark))
    return Rollup(programme, result.year, months, tuple(rows), final)


@dataclass(frozen=True)
class Rollups:
    """Every roll-up of a set of records, by cell and year."""

    by_cell: Mapping[str, Mapping[int, Rollup]]

    def of(self, cell_id: str, year: int) -> Rollup | None:
        return self.by_cell.get(cell_id, {}).get(year)


def rollups(records: Records, scope: Scope) -> Rollups:
    """The roll-up of every cell's monthly forms, under the rule of the programme of its year
    that collects them."""
    programmes = {p.id: p for p in records.programmes}
    found: dict[str, dict[int, Rollup]] = {}
    for cell in records.cells:
        for result in cell.results:
            if not result.monthly:
                continue
            owner = next((p for p in scope.programmes if p.holds(result.year) and p.monthly), None)
            if owner is None:
                continue
            rule = programmes[owner.id].programme.monthly
            assert rule is not None
            # The programme's criteria and the cell's own for it (or for every programme).
            criteria = [c.id for c in programmes[owner.id].book.criteria] + [
                c.id for c in cell.extra_criteria if c.programme in (None, owner.id)
            ]
            rollup = roll_up(owner.id, rule, result, criteria, records.committee.as_of)
            if rollup is not None:
                found.setdefault(cell.id, {})[result.year] = rollup
    return Rollups(MappingProxyType({k: MappingProxyType(v) for k, v in found.items()}))


def effective(cells: Iterable[Cell], found: Rollups) -> tuple[Cell, ...]:
    """The cells as everything else reads them: a year whose record states no criteria takes
    those of its monthly roll-up (the record as typed is kept in ``Records``)."""
    out = []
    for cell in cells:
        changed = False
        results = []
        for result in cell.results:
            rollup = found.of(cell.id, result.year)
            if rollup is not None and not result.criteria and rollup.marks:
                result = result.model_copy(update={"criteria": dict(rollup.marks)})
                changed = True
            results.append(result)
        out.append(cell.model_copy(update={"results": tuple(results)}) if changed else cell)
    return tuple(out)


@dataclass(frozen=True)
class Disagreement:
    """A year whose record states a criterion's mark that its monthly forms do not give."""

    cell: Cell
    index: int  # of the result in ``cell.results``
    criterion: str
    stated: str
    rollup: Rollup


def disagreements(cells: Iterable[Cell], found: Rollups) -> tuple[Disagreement, ...]:
    """Years that state criteria and hold monthly forms, where the two differ."""
    out = []
    for cell in cells:
        for index, result in enumerate(cell.results):
            rollup = found.of(cell.id, result.year)
            if rollup is None or not result.criteria:
                continue
            for criterion, mark in result.criteria.items():
                rolled = rollup.marks.get(criterion)
                if rolled is not None and rolled != mark:
                    out.append(Disagreement(cell, index, criterion, mark, rollup))
    return tuple(out)
