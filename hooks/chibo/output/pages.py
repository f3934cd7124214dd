"""Which pages and downloads the Report makes (DESIGN.md §5): a table of URL → template.

Each page gets the slice of the Report it shows; templates only format it. A cell page
gets only its own cell, so its size does not grow with the number of cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .. import vocab
from ..records.paths import book_path, cell_path, committee_path
from ..report import CellReport, Report, YearReport
from . import charts, downloads, sources
from .documents import DocumentIndex, drafts
from .documents.model import Draft
from .documents.docx import DocxWriter
from .render import Renderer, fill


@dataclass(frozen=True)
class Page:
    """A generated file under ``docs/``: a Markdown page or a download.

    ``content`` is text (pages, JSON, CSV…) or bytes (spreadsheets).

    ``source`` is the record file the page is made from (relative to the project), which
    the theme's edit button opens when ``repo_url`` and ``edit_uri`` are set.
    """

    src_uri: str
    content: str | bytes
    source: str | None = None
    blocks: tuple[str, ...] = ()

    @classmethod
    def markdown(cls, src_uri: str, rendered: tuple[str, tuple[str, ...]], source: str | None = None) -> Page:
        """A Markdown page from ``Renderer.page``: its text and its HTML blocks."""
        text, blocks = rendered
        return cls(src_uri, text, source, blocks)

    def inline(self) -> str | bytes:
        """The page as one Markdown file, its HTML blocks written in (``chibo generate``)."""
        return fill(self.content, self.blocks) if isinstance(self.content, str) else self.content


@dataclass(frozen=True)
class Section:
    """One page of the site: where it goes, its template, the record it is edited in."""

    src_uri: str
    template: str
    source: str | None = None


SECTIONS = (
    Section(sources.home(), "index.md.j2", committee_path()),
    Section(sources.section("tieu-chi"), "tieu-chi.md.j2", book_path()),
    Section(sources.section("chi-bo"), "chi-bo-list.md.j2"),
    Section(sources.section("ket-qua"), "ket-qua.md.j2"),
    Section(sources.section("lo-trinh"), "lo-trinh.md.j2", committee_path()),
    Section(sources.section("to-chuc-thuc-hien"), "to-chuc.md.j2", committee_path()),
    Section(sources.section("van-ban"), "van-ban.md.j2", committee_path()),
    Section(sources.section("du-lieu"), "du-lieu.md.j2"),
)


def site_pages(report: Report, renderer: Renderer, writer: DocxWriter) -> Iterator[Page]:
    """Every generated page and download of the site, the drafted documents included."""
    common = {"committee": report.committee, "book": report.book, "vocab": vocab, "sample": report.committee.sample}
    documents = DocumentIndex.of(drafts(report))
    target_charts = tuple(c for c in map(charts.target_chart, report.trajectory) if c)
    whole = {"report": report, "charts": target_charts, "mix": charts.rating_mix(report.stats),
             "files": downloads.FILES, "documents": documents, **common}
    for section in SECTIONS:
        yield Page.markdown(section.src_uri, renderer.page(section.template, section.src_uri, **whole), section.source)
    for year in report.years:
        yield year_page(renderer, year, documents.for_year(year.year), common)
    for cell in report.cells:
        yield from cell_pages(renderer, cell, documents.for_cell(cell.cell.id), common)
    for name, content in downloads.downloads(report, renderer).items():
        yield Page(f"du-lieu/{name}", content)
    for draft in documents.all:
        if draft.page:
            yield Page.markdown(draft.page, renderer.page("document.md.j2", draft.page, draft=draft, **common))
        if draft.docx:
            yield Page(draft.docx, writer.write(draft))


def year_page(renderer: Renderer, year: YearReport, documents: tuple[Draft, ...], common: dict) -> Page:
    src_uri = sources.year(year.year)
    return Page.markdown(src_uri, renderer.page("ket-qua-nam.md.j2", src_uri, year=year, documents=documents,
                                                **common))


def cell_pages(renderer: Renderer, cell: CellReport, documents: tuple[Draft, ...], common: dict) -> Iterator[Page]:
    """The cell's page (its registration reports are documents, see ``documents``)."""
    page = sources.cell(cell.cell.id)
    yield Page.markdown(page, renderer.page("chi-bo.md.j2", page, view=cell, cell=cell.cell, documents=documents,
                                            **common), cell_path(cell.cell.id))
