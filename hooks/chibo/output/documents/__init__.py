"""Party documents drafted from the Report (DESIGN.md §5): each a print page and a .docx.

Each programme's documents come from its own records (its words, the plan's sections, its
workflow, the documents it calls for: ``documents`` in its record):

* once: the decision setting up its Steering Committee (``steering``), when it names one;
* per cell and year it surveyed or registered: the registration report (``registration``);
  per year it registered: its plan; per cycle it builds the model: its self-assessment
  (``cellwork``); each a Word file, the latest of each kind also a print page;
* per year: the proposal and the selection decision, with a selection step (``selection``);
  the recognition (Tờ trình, Quyết định, Danh sách) and, with commendation, the award
  decision (``recognition``);
* for the programme: the mid-term and final reviews with their appendices (``periods``),
  the papers of the final conference (``conference``).

The committee's own: the yearly review (``reviews``), citing every programme of its year.

``drafts(report)`` lists them all; ``docx.DocxWriter`` and ``templates/document.html.j2``
write each one, so the two formats always say the same. Numbers come from the register
(``report.papers``); a document without one keeps "Số …" and its "DỰ THẢO" mark. Where a
document was before programmes, a page sends the reader on (``Draft.moved``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ...report import Report
from .. import sources
from .cellwork import assessment_drafts, building_years, plan_drafts
from .common import voices
from .conference import conference_draft
from .model import Draft
from .periods import period_draft, spans
from .recognition import recognition_drafts
from .registration import registration_drafts
from .reviews import year_review
from .selection import selection_drafts
from .steering import steering_draft


def drafts(report: Report) -> tuple[Draft, ...]:
    """Every document the records let us draft: the Steering Committees', the cells', the
    years', then the programmes'."""
    spoken = voices(report)
    by_id = {v.id: v for v in spoken}
    found: list[Draft] = [d for v in spoken if (d := steering_draft(v)) is not None]
    building = {v.id: building_years(v) for v in spoken}
    for cell in report.cells:
        for part in cell.parts:
            voice = by_id[part.id]
            found += registration_drafts(cell, part, voice)
            found += plan_drafts(cell, part, voice)
            found += assessment_drafts(building[voice.id].get(cell.cell.id, []), part, voice)
    stats = {y.year: y for y in report.years}
    for year in report.years:
        for voice in spoken:
            done = voice.programme.year(year.year)
            if done is not None:
                found += selection_drafts(voice, done)
                found += recognition_drafts(voice, done, stats[year.year])
        running = tuple(v for v in spoken if v.start <= year.year <= v.end and v.wants("bao-cao"))
        if running and year.stats.rated:
            found.append(year_review(running, year))
    for voice in spoken:
        found += [period_draft(voice, span) for span in spans(voice)]
        conference = conference_draft(voice)
        if conference is not None:
            found.append(conference)
    return _former(found, spoken[0].id if spoken else None)


def _former(found: list[Draft], first: str | None) -> tuple[Draft, ...]:
    """Each programme document that has an address from before programmes keeps it answering:
    ``van-phong/ket-qua/<year>/<kind>/`` and ``van-phong/ket-qua/<kind>/`` send to the first
    programme's document of that year and kind (the one that was there), a cell's
    ``van-phong/chi-bo/<cell>/<kind>/`` to its latest programme's (what that page showed: the
    latest), and each of them on from its address before the office area, where it had one.
    The Word files of the first programme (``first``: the one the site had before programmes)
    are also written where they were."""
    claims: dict[str, int] = {}
    for index, draft in enumerate(found):
        former = _former_page(draft)
        if former is None:
            continue
        if draft.cell_id is not None or former not in claims:
            claims[former] = index
    moved = {index: sources.former_files(page) for page, index in claims.items()}
    changed = []
    for index, draft in enumerate(found):
        word = _former_docx(draft) if draft.programme == first else None
        if index in moved or word:
            draft = dataclasses.replace(
                draft, moved=draft.moved + moved.get(index, ()), moved_docx=(word,) if word else ()
            )
        changed.append(draft)
    return tuple(changed)


def _former_docx(draft: Draft) -> str | None:
    """Where a programme's Word file was before programmes (``None``: nowhere)."""
    if draft.docx is None or draft.programme is None:
        return None
    name = draft.docx.rsplit("/", 1)[-1]
    if draft.cell_id is not None:
        return f"{sources.OFFICE}/chi-bo/{draft.cell_id}/{name}"
    folder = f"{draft.year}/" if draft.year is not None else ""
    return f"{sources.OFFICE}/ket-qua/{folder}{name}"


def _former_page(draft: Draft) -> str | None:
    """The address a programme's document page had before programmes (``None``: none)."""
    if draft.programme is None or draft.page is None:
        return None
    kind = draft.page.split("/")[-2]
    if draft.cell_id is not None:
        return sources.cell_document(draft.cell_id, kind)
    if draft.page == sources.period_document(kind, draft.programme):
        return sources.period_document(kind)
    return sources.year_document(draft.year, kind) if draft.year is not None else None


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
    by_programme: Mapping[str, tuple[Draft, ...]]

    @classmethod
    def of(cls, found: tuple[Draft, ...]) -> DocumentIndex:
        cells: dict[str, list[Draft]] = {}
        years: dict[int, list[Draft]] = {}
        listing: dict[int | None, list[Draft]] = {}
        programmes: dict[str, list[Draft]] = {}
        for draft in found:
            listing.setdefault(draft.year, []).append(draft)
            if draft.programme is not None:
                programmes.setdefault(draft.programme, []).append(draft)
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
            MappingProxyType(
                {k: tuple(sorted(v, key=lambda d: (d.year or 0, d.order, d.subject))) for k, v in programmes.items()}
            ),
        )

    def for_cell(self, cell_id: str) -> tuple[Draft, ...]:
        return self.by_cell.get(cell_id, ())

    def for_year(self, year: int) -> tuple[Draft, ...]:
        return self.by_year.get(year, ())

    def for_programme(self, programme: str) -> tuple[Draft, ...]:
        """A programme's documents (its cells' included), by year and kind."""
        return self.by_programme.get(programme, ())
