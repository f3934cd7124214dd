"""Party documents drafted from the Report (DESIGN.md §5): each a print page and a .docx.

* once: the decision setting up the Steering Committee (``steering``);
* per cell and year it surveyed or registered: the registration report (``registration``);
  per year it registered: its plan; per December it builds the model: its self-assessment
  (``cellwork``); each a Word file, the latest of each kind also a print page;
* per year: the Steering Committee's proposal and the selection decision (``selection``),
  the recognition (Tờ trình, Quyết định, Danh sách) and the award decision
  (``recognition``), the yearly review (``reviews``);
* for the programme: the mid-term and final reviews with their appendices (``periods``),
  the papers of the final conference (``conference``).

``drafts(report)`` lists them all; ``docx.DocxWriter`` and ``templates/document.html.j2``
write each one, so the two formats always say the same. Numbers come from the register
(``report.papers``); a document without one keeps "Số …" and its "DỰ THẢO" mark.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ...report import Report
from .cellwork import assessment_drafts, building_years, plan_drafts
from .conference import conference_draft
from .model import Draft
from .periods import period_draft, spans
from .recognition import recognition_drafts
from .registration import registration_drafts
from .reviews import year_review
from .selection import selection_drafts
from .steering import steering_draft


def drafts(report: Report) -> tuple[Draft, ...]:
    """Every document the records let us draft: the Steering Committee's, the cells', the
    years', then the programme's."""
    committee = report.committee
    found: list[Draft] = []
    steering = steering_draft(report)
    if steering is not None:
        found.append(steering)
    building = building_years(report)
    for cell in report.cells:
        found += registration_drafts(cell, committee)
        found += plan_drafts(cell, report)
        found += assessment_drafts(building.get(cell.cell.id, []), report)
    for year in report.years:
        if year.year < committee.period.start:
            continue
        found += selection_drafts(year, report)
        found += recognition_drafts(year, report)
        if year.stats.rated:
            found.append(year_review(report, year))
    found += [period_draft(report, span) for span in spans(report)]
    conference = conference_draft(report)
    if conference is not None:
        found.append(conference)
    return tuple(found)


@dataclass(frozen=True)
class YearDocuments:
    """The documents of one year on /van-ban/ (``year`` None: those of the whole period)."""

    year: int | None
    drafts: tuple[Draft, ...]


@dataclass(frozen=True)
class DocumentIndex:
    """The drafts where they are listed: each cell's, each year's, and all of them by year
    and kind."""

    all: tuple[Draft, ...]
    listing: tuple[YearDocuments, ...]
    by_cell: Mapping[str, tuple[Draft, ...]]
    by_year: Mapping[int, tuple[Draft, ...]]

    @classmethod
    def of(cls, found: tuple[Draft, ...]) -> DocumentIndex:
        cells: dict[str, list[Draft]] = {}
        years: dict[int, list[Draft]] = {}
        listing: dict[int | None, list[Draft]] = {}
        for draft in found:
            listing.setdefault(draft.year, []).append(draft)
            if draft.cell_id:
                cells.setdefault(draft.cell_id, []).append(draft)
            elif draft.year is not None:
                years.setdefault(draft.year, []).append(draft)
        ordered = sorted(listing, key=lambda y: (y is None, y or 0))
        return cls(
            found,
            tuple(YearDocuments(y, tuple(sorted(listing[y], key=lambda d: d.order))) for y in ordered),
            MappingProxyType({k: tuple(sorted(v, key=lambda d: (d.year or 0, d.order))) for k, v in cells.items()}),
            MappingProxyType({k: tuple(sorted(v, key=lambda d: d.order)) for k, v in years.items()}),
        )

    def for_cell(self, cell_id: str) -> tuple[Draft, ...]:
        return self.by_cell.get(cell_id, ())

    def for_year(self, year: int) -> tuple[Draft, ...]:
        return self.by_year.get(year, ())
