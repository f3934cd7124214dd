"""A programme's two decisions of a year: selection (by the Standing Committee, when the
programme has that step) and recognition.

* **Selection for year Y**: every cell that registered for Y in the programme, its
  registration report (the programme's selection conditions and their reasons) and the
  outcome the records give (selected, not selected, withdrawn, or still pending).
* **Recognition for year Y**: the cells building the model in Y (with a selection step:
  selected for Y or an earlier year without withdrawing since; without one: registered for Y
  and not withdrawn; without registration either: every cell rated that year), each
  qualifying under the programme's recognition conditions or short of them, with the
  reasons; and, apart, the cells that registered for Y but were not selected.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records.committee import Committee
from ..records.programmes import ProgrammeRecords
from ..vocab import STATUS_LABELS
from .history import Leaders, leaders_on, milestone_day, reference_day, selection_day
from .registration import RegistrationReport
from .selection import recognition_shortfall, registered_in, selected_in

if TYPE_CHECKING:
    from .summary import CellReport

PENDING = "cho-xet"


@dataclass(frozen=True)
class Candidate:
    """A cell in a year's selection: its report for the year and the outcome so far."""

    cell: CellReport
    report: RegistrationReport
    outcome: str
    decision: str | None

    @property
    def outcome_label(self) -> str:
        return "Chờ xem xét" if self.outcome == PENDING else STATUS_LABELS[self.outcome]


@dataclass(frozen=True)
class SelectionRound:
    """Lựa chọn năm Y: who registered, with what conditions, and what was decided."""

    year: int
    candidates: tuple[Candidate, ...]
    selected: tuple[Candidate, ...]
    decided: bool
    decision: str | None
    day: dt.date | None  # the date of the decision: the last decision event in the records


@dataclass(frozen=True)
class Building:
    """A cell building the model in year Y: the selection it rests on (``since``, the year of
    it, and its ``decision``; a programme without selection: its registration, or none), its
    leaders on the recognition's day, and what it lacks for recognition (nothing: it
    qualifies)."""

    cell: CellReport
    since: int
    decision: str | None
    leaders: Leaders
    reasons: tuple[str, ...]

    @property
    def qualifies(self) -> bool:
        return not self.reasons


@dataclass(frozen=True)
class RecognitionRound:
    """Công nhận năm Y: the cells building the model that year (those that qualify and those
    that fall short, with the reasons) and the cells that registered but were not selected;
    ``day`` the date of the decision (its milestone's, ``cong-nhan-<Y>``), ``reference`` the
    day its names and leaders are those of (``history.reference_day``)."""

    year: int
    day: dt.date | None
    reference: dt.date
    building: tuple[Building, ...]
    not_selected: tuple[CellReport, ...]

    @property
    def qualified(self) -> tuple[Building, ...]:
        return tuple(b for b in self.building if b.qualifies)

    @property
    def short(self) -> tuple[Building, ...]:
        return tuple(b for b in self.building if not b.qualifies)


def _outcome(events: tuple, year: int) -> tuple[str, str | None]:
    """The last decision on a registration for ``year``: selected, not, withdrawn, or pending."""
    decided = [e for e in events if e.year == year and e.status in ("lua-chon", "khong-lua-chon", "rut")]
    if not decided:
        return PENDING, None
    return decided[-1].status, decided[-1].decision


def selection_round(programme: ProgrammeRecords, year: int, cells: tuple[CellReport, ...]) -> SelectionRound | None:
    """The programme's selection for ``year`` (``None`` when nobody registered, or the
    programme selects nobody)."""
    if not programme.programme.workflow.selection:
        return None
    candidates = []
    for cell in cells:
        part = cell.part(programme.id)
        if part is None or not any(e.status == "dang-ky" and e.year == year for e in part.events):
            continue
        report = next(r for r in part.registrations if r.year == year)
        candidates.append(Candidate(cell, report, *_outcome(part.events, year)))
    if not candidates:
        return None
    selected = tuple(c for c in candidates if c.outcome == "lua-chon")
    decisions = list(dict.fromkeys(c.decision for c in candidates if c.decision and c.outcome != "rut"))
    return SelectionRound(
        year,
        tuple(candidates),
        selected,
        any(c.outcome != PENDING for c in candidates),
        decisions[0] if len(decisions) == 1 else None,
        selection_day(year, (part.events for c in candidates if (part := c.cell.part(programme.id)))),
    )


def recognition_round(
    programme: ProgrammeRecords, year: int, cells: tuple[CellReport, ...], committee: Committee
) -> RecognitionRound | None:
    """The programme's recognition of ``year``, dated on its milestone (``cong-nhan-<year>``);
    the leaders of each cell as they were on that day (undated: at the end of the year, or on
    the data date if earlier)."""
    flow = programme.programme.workflow
    day = milestone_day(programme.programme, f"cong-nhan-{year}")
    reference = reference_day(day, year, committee.as_of)
    building, not_selected = [], []
    for cell in cells:
        part = cell.part(programme.id)
        if part is None:
            continue
        events = part.events
        if flow.selection:
            selection = selected_in(events, year)
            since, decision = (selection.year, selection.decision) if selection is not None else (None, None)
            if selection is None and registered_in(events, year):
                not_selected.append(cell)
        elif flow.registration:
            since = year if registered_in(events, year) else None
            decision = None
        else:
            row = cell.result(year)
            since = year if row is not None and row.result.rating is not None else None
            decision = None
        if since is None:
            continue
        criteria = {c.id: c.title for c in part.criteria}
        reasons = recognition_shortfall(
            programme.programme, events, (r.result if (r := cell.result(year)) else None), criteria, year
        )
        building.append(Building(cell, since, decision, leaders_on(cell.cell, reference, year), reasons))
    if not building and not not_selected:
        return None
    return RecognitionRound(year, day, reference, tuple(building), tuple(not_selected))
