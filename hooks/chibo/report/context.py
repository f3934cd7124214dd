"""Which programme each of a cell's events, recognitions and self-assessments belongs to.

``records.scope.Scope.owner`` is the rule (the programme named, else the one whose period
holds the year); this is how the Report asks it. Validation has refused what the rule cannot
tell, so every event of a valid set of records has its programme.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..records.load import Records
from ..records.models import Cell, Registration, YearResult
from ..records.programme import CriteriaBook
from ..records.programmes import ProgrammeRecords
from ..records.scope import STEP_OF_STATUS, ProgrammeScope, Scope
from .cells import CellCriterion, cell_criteria


@dataclass(frozen=True)
class Context:
    """The programmes of a set of records: each one's records by id, and their scope."""

    programmes: Mapping[str, ProgrammeRecords]
    scope: Scope

    @classmethod
    def of(cls, records: Records) -> Context:
        return cls(MappingProxyType({p.id: p for p in records.programmes}), records.scope())

    def owner(self, year: int, named: str | None, step: str = "recognition") -> ProgrammeRecords | None:
        found = self.scope.owner(year, named, step)
        return self.programmes[found.id] if isinstance(found, ProgrammeScope) else None

    def of_event(self, event: Registration) -> ProgrammeRecords | None:
        return self.owner(event.year, event.programme, STEP_OF_STATUS[event.status])

    def of_result(self, result: YearResult) -> ProgrammeRecords | None:
        """The programme a year's recognition (``model``, its decision and award) belongs to."""
        return self.owner(result.year, result.programme)

    def events(self, cell: Cell, programme: str) -> tuple[Registration, ...]:
        """The cell's registration events of ``programme``, in order."""
        return tuple(e for e in cell.registration if (p := self.of_event(e)) is not None and p.id == programme)

    def recognised(self, cell: Cell, programme: str) -> tuple[YearResult, ...]:
        """The years the cell was recognised under ``programme``."""
        return tuple(r for r in cell.results if r.model and (p := self.of_result(r)) is not None and p.id == programme)

    def book_of(self, year: int) -> CriteriaBook | None:
        """The criteria a self-assessment of ``year`` reads: its programme's (or, the year before
        a programme starts, that programme's: its selection reads it)."""
        found = [p for p in self.scope.programmes if p.holds(year)] or [
            p for p in self.scope.programmes if p.start == year + 1
        ]
        return self.programmes[found[0].id].book if found else None

    def criteria(self, cell: Cell, programme: str) -> tuple[CellCriterion, ...]:
        return cell_criteria(cell, self.programmes[programme].book, programme)
