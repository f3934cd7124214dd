"""Party documents drafted from the Report (DESIGN.md §5): each a print page and a .docx.

* per cell and year it surveyed or registered: the registration report (``registration``);
* per year: the selection decision, the recognition (Tờ trình, Quyết định, Danh sách),
  the yearly review (``decisions``, ``reviews``);
* once: the final review of the period, with its appendices.

``drafts(report)`` lists them all; ``docx.DocxWriter`` and ``templates/document.html.j2``
write each one, so the two formats always say the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ...report import Report
from .. import sources
from .decisions import recognition_draft, selection_draft
from .model import KINDS, Draft
from .registration import registration_drafts
from .reviews import period_appendices, period_review, year_review


def drafts(report: Report) -> tuple[Draft, ...]:
    """Every document the records let us draft, cells first, then years, then the period."""
    committee = report.committee
    found: list[Draft] = []
    for cell in report.cells:
        found += registration_drafts(cell, committee)
    start, end = committee.period.start, committee.period.end
    for year in report.years:
        if year.year < start:
            continue
        if year.selection:
            found.append(selection_draft(year, committee))
        if year.stats.rated and year.recognition:
            found.append(recognition_draft(year, committee))
        if year.stats.rated:
            found.append(
                Draft(
                    title=f"Báo cáo kết quả xây dựng mô hình chi bộ kiểu mẫu năm {year.year}",
                    docx=sources.year_document_docx(year.year, "bao-cao"),
                    page=sources.year_document(year.year, "bao-cao"),
                    back=(f"Trở lại kết quả năm {year.year} (Văn phòng)", sources.office_year(year.year)),
                    parts=(year_review(report, year),),
                    kind=KINDS["bao-cao"],
                    year=year.year,
                )
            )
    found.append(
        Draft(
            title=f"Báo cáo tổng kết xây dựng mô hình chi bộ kiểu mẫu giai đoạn {start}-{end}",
            docx=sources.final_review_docx(start, end),
            page=sources.final_review(),
            back=("Trở lại khu vực Văn phòng", sources.office_home()),
            parts=(period_review(report), *period_appendices(report)),
            kind=KINDS["tong-ket"],
        )
    )
    return tuple(found)


@dataclass(frozen=True)
class YearDocuments:
    """The documents of one year in the office area (``year`` None: those of the whole period)."""

    year: int | None
    drafts: tuple[Draft, ...]


@dataclass(frozen=True)
class DocumentIndex:
    """The drafts where they are listed: each cell's, each year's, and all of them by year."""

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
            tuple(YearDocuments(y, tuple(sorted(listing[y], key=lambda d: d.cell_id is not None))) for y in ordered),
            MappingProxyType({k: tuple(v) for k, v in cells.items()}),
            MappingProxyType({k: tuple(v) for k, v in years.items()}),
        )

    def for_cell(self, cell_id: str) -> tuple[Draft, ...]:
        return self.by_cell.get(cell_id, ())

    def for_year(self, year: int) -> tuple[Draft, ...]:
        return self.by_year.get(year, ())
