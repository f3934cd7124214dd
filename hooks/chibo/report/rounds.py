"""The Standing Committee's two decisions of a year: selection (plan III.3.3) and recognition.

* **Selection for year Y**: every cell that registered for Y, its registration report (the
  conditions of III.3.1 and their reasons) and the outcome the records give (selected, not
  selected, withdrawn, or still pending).
* **Recognition for year Y**: the cells rated HTTNV or better in Y with every criterion met
  (their own added criteria included), selected for Y or an earlier year without
  withdrawing since; and, for the meeting, the registered or selected cells that fall
  short, each with its reasons.
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
    """Lựa chọn năm Y: who registered, with what conditions, and what was decided (on ``day``,
    the last decision event's date, when the records give one)."""

    year: int
    candidates: tuple[Candidate, ...]
    selected: tuple[Candidate, ...]
    decided: bool
    decision: str | None
    day: dt.date | None


@dataclass(frozen=True)
class Shortfall:
    """A cell that does not qualify for recognition this year, and why."""

    cell: CellReport
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Qualified:
    """A cell that qualifies for recognition, with its leaders at the end of the year."""

    cell: CellReport
    leaders: Leaders


@dataclass(frozen=True)
class RecognitionRound:
    """Công nhận năm Y: the cells that qualify, and those registered or selected that do not;
    ``day`` the date of the decision (its milestone's), ``reference`` the day its names and
    leaders are those of (``history.reference_day``)."""

    year: int
    day: dt.date | None
    reference: dt.date
    qualified: tuple[Qualified, ...]
    short: tuple[Shortfall, ...]


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


def in_programme(events: tuple[Registration, ...], year: int) -> tuple[bool, bool]:
    """(selected for ``year`` or before and not withdrawn since, registered for ``year``)."""
    selected = False
    for event in events:
        if event.year > year:
            continue
        if event.status == "lua-chon":
            selected = True
        elif event.status == "rut" and (event.year == year or selected):
            selected = False
    return selected, any(e.status == "dang-ky" and e.year == year for e in events)


def shortfall(cell: Cell, criteria: tuple[CellCriterion, ...], year: int, selected: bool) -> tuple[str, ...]:
    """Why the cell does not qualify for recognition in ``year`` (nothing: it does)."""
    reasons = [] if selected else [_not_selected(cell.registration, year)]
    result = next((r for r in cell.results if r.year == year), None)
    if result is None or result.rating is None:
        return tuple(reasons + [f"chưa xếp loại năm {year}"])
    if result.rating not in GOOD_OR_BETTER:
        reasons.append(f"xếp loại năm {year}: {RATING_LABELS[result.rating]}")
    marks = result.criteria or {}
    failed = [c.id.upper() for c in criteria if marks.get(c.id) == "chua-dat"]
    missing = [c.id.upper() for c in criteria if c.id not in marks]
    if failed:
        reasons.append(f"chưa đạt tiêu chí {', '.join(failed)}")
    if missing:
        reasons.append(f"chưa có kết quả tự đánh giá tiêu chí {', '.join(missing)}")
    return tuple(reasons)


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
    qualified, short = [], []
    for cell in cells:
        selected, registered = in_programme(cell.cell.registration, year)
        if not (selected or registered):
            continue
        reasons = shortfall(cell.cell, cell.criteria, year, selected)
        if reasons:
            short.append(Shortfall(cell, reasons))
        else:
            qualified.append(Qualified(cell, leaders_on(cell.cell, reference, year)))
    if not qualified and not short:
        return None
    return RecognitionRound(year, day, reference, tuple(qualified), tuple(short))


def qualified_years(cell: Cell, criteria: tuple[CellCriterion, ...], years: Iterable[int]) -> tuple[int, ...]:
    """The years of ``years`` in which the cell qualifies for recognition (``recognition_round``)."""
    found = []
    for year in years:
        selected, registered = in_programme(cell.registration, year)
        if (selected or registered) and not shortfall(cell, criteria, year, selected):
            found.append(year)
    return tuple(found)
