"""The Standing Committee's two decisions of a year: selection (plan III.3.3) and recognition.

* **Selection for year Y**: every cell that registered for Y, its registration report (the
  conditions of III.3.1 and their reasons) and the outcome the records give (selected, not
  selected, withdrawn, or still pending).
* **Recognition for year Y**: the cells building the model in Y (selected for Y or an
  earlier year without withdrawing since), each qualifying (rated HTTNV or better in Y with
  every criterion met, its own added criteria included) or short of it, with the reasons;
  and, apart, the cells that registered for Y but were not selected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records.committee import Committee
from ..records.models import Cell, Registration
from ..vocab import GOOD_OR_BETTER, RATING_LABELS, STATUS_LABELS
from .cells import CellCriterion
from .history import Leaders, leaders_on, milestone_day, reference_day, selection_day
from .registration import RegistrationReport
from .selection import criteria_phrase

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
    """A cell building the model in year Y (selected for Y or an earlier year, not withdrawn
    since): the selection it rests on, its leaders at the end of the year, and what it lacks
    for recognition (nothing: it qualifies)."""

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
    ``day`` the date of the decision (its milestone's), ``reference`` the day its names and
    leaders are those of (``history.reference_day``)."""

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


def _outcome(events: list[Registration], year: int) -> tuple[str, str | None]:
    """The last decision on a registration for ``year``: selected, not, withdrawn, or pending."""
    decided = [e for e in events if e.year == year and e.status in ("lua-chon", "khong-lua-chon", "rut")]
    if not decided:
        return PENDING, None
    return decided[-1].status, decided[-1].decision


def selection_round(year: int, cells: tuple[CellReport, ...]) -> SelectionRound | None:
    candidates = []
    for cell in cells:
        events = list(cell.cell.registration)
        if not any(e.status == "dang-ky" and e.year == year for e in events):
            continue
        report = next(r for r in cell.registrations if r.year == year)
        candidates.append(Candidate(cell, report, *_outcome(events, year)))
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
        selection_day(year, (c.cell.cell for c in candidates)),
    )


def _selection(events: tuple[Registration, ...], year: int) -> Registration | None:
    """The selection (``lua-chon`` for ``year`` or before) a cell still builds on in ``year``,
    or ``None`` (never selected, or withdrawn since)."""
    selected = None
    for event in events:
        if event.year > year:
            continue
        if event.status == "lua-chon":
            selected = event
        elif event.status == "rut" and (event.year == year or selected is not None):
            selected = None
    return selected


def in_programme(events: tuple[Registration, ...], year: int) -> tuple[bool, bool]:
    """(selected for ``year`` or before and not withdrawn since, registered for ``year``)."""
    return _selection(events, year) is not None, any(e.status == "dang-ky" and e.year == year for e in events)


def reasons(cell: Cell, criteria: tuple[CellCriterion, ...], year: int) -> tuple[str, ...]:
    """Why a cell's own figures of ``year`` do not qualify it for recognition (nothing: they
    do); criteria by their text."""
    result = next((r for r in cell.results if r.year == year), None)
    if result is None or result.rating is None:
        return (f"chưa được xếp loại chất lượng năm {year}",)
    found = []
    if result.rating not in GOOD_OR_BETTER:
        found.append(f"năm {year} xếp loại {RATING_LABELS[result.rating].lower()}")
    marks = result.criteria or {}
    names = {c.id: c.title for c in criteria}
    failed = [c.id for c in criteria if marks.get(c.id) == "chua-dat"]
    missing = [c.id for c in criteria if c.id not in marks]
    if failed:
        found.append(f"chưa đạt {criteria_phrase(failed, names)}")
    if missing:
        found.append(f"chưa có kết quả tự đánh giá {criteria_phrase(missing, names)}")
    return tuple(found)


def shortfall(cell: Cell, criteria: tuple[CellCriterion, ...], year: int, selected: bool) -> tuple[str, ...]:
    """Why the cell does not qualify for recognition in ``year`` (nothing: it does): not
    selected, then what its figures lack."""
    return (() if selected else (_not_selected(cell.registration, year),)) + reasons(cell, criteria, year)


def _not_selected(events: tuple[Registration, ...], year: int) -> str:
    last = [e for e in events if e.year == year and e.status in ("khong-lua-chon", "rut")]
    if last and last[-1].status == "rut":
        return f"đã rút đăng ký năm {year}"
    if last:
        return f"không được lựa chọn năm {year}"
    return f"chưa được Ban Thường vụ lựa chọn năm {year}"


def recognition_round(year: int, cells: tuple[CellReport, ...], committee: Committee) -> RecognitionRound | None:
    """The year's recognition, dated on its milestone (``cong-nhan-<year>``); the leaders of
    each cell as they were on that day (undated: at the end of the year, or on the data date
    if earlier)."""
    day = milestone_day(committee, f"cong-nhan-{year}")
    reference = reference_day(day, year, committee.as_of)
    building, not_selected = [], []
    for cell in cells:
        events = cell.cell.registration
        selection = _selection(events, year)
        if selection is not None:
            leaders = leaders_on(cell.cell, reference, year)
            building.append(
                Building(cell, selection.year, selection.decision, leaders, reasons(cell.cell, cell.criteria, year))
            )
        elif any(e.status == "dang-ky" and e.year == year for e in events) and not any(
            e.status == "rut" and e.year == year for e in events
        ):
            not_selected.append(cell)
    if not building and not not_selected:
        return None
    return RecognitionRound(year, day, reference, tuple(building), tuple(not_selected))


def qualified_years(cell: Cell, criteria: tuple[CellCriterion, ...], years: Iterable[int]) -> tuple[int, ...]:
    """The years of ``years`` in which the cell qualifies for recognition (``recognition_round``)."""
    found = []
    for year in years:
        selected, registered = in_programme(cell.registration, year)
        if (selected or registered) and not shortfall(cell, criteria, year, selected):
            found.append(year)
    return tuple(found)
