"""Which pages and downloads the Report makes (DESIGN.md §5): a table of URL → template.

Each page gets the slice of the Report it shows; templates only format it. A cell page
gets only its own cell, so its size does not grow with the number of cells. Two audiences
(``audience.py``): the members' pages at the root, the office's under ``/van-phong/`` (a
cell, a year, the downloads, every drafted document); each former address of a document
is a page that sends the reader to the office area.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial

from .. import vocab
from ..records.paths import book_path, cell_path, committee_path
from ..report import CellReport, Report, YearReport
from ..report.privacy import disclose
from . import charts, downloads, searchtext, sources
from .audience import Audience, audiences
from .documents import DocumentIndex, drafts
from .documents.docx import DocxWriter
from .documents.model import Draft
from .links import page_url, relative
from .render import Renderer, fill, url


@dataclass(frozen=True)
class Page:
    """A generated file under ``docs/``: a Markdown page or a download.

    ``content`` is text (pages, JSON, CSV…) or bytes (spreadsheets).

    ``source`` is the record file the page is made from (relative to the project), which
    the theme's edit button opens when ``repo_url`` and ``edit_uri`` are set.

    A Markdown page's HTML blocks (``blocks``) and what the search index reads of each
    (``search``, see ``searchtext``) are kept compressed: a build holds them from when MkDocs
    reads the page until it writes it, for every page at once (at 5,000 cells, 10,000
    pages: about 300 MB as Python text, less than a sixth of it compressed).
    """

    src_uri: str
    content: str | bytes
    source: str | None = None
    packed_blocks: bytes = b""
    packed_search: bytes = b""

    @classmethod
    def markdown(cls, src_uri: str, rendered: tuple[str, tuple[str, ...]], source: str | None = None) -> Page:
        """A Markdown page from ``Renderer.page``: its text and its HTML blocks."""
        text, blocks = rendered
        if not blocks:
            return cls(src_uri, text, source)
        return cls(src_uri, text, source, _pack(blocks), _pack(tuple(searchtext.text(block) for block in blocks)))

    @property
    def blocks(self) -> tuple[str, ...]:
        return _unpack(self.packed_blocks)

    @property
    def search(self) -> tuple[str, ...]:
        return _unpack(self.packed_search)

    def inline(self) -> str | bytes:
        """The page as one Markdown file, its HTML blocks written in (``chibo generate``)."""
        return fill(self.content, self.blocks) if isinstance(self.content, str) else self.content


def _pack(texts: tuple[str, ...]) -> bytes:
    return zlib.compress(pickle.dumps(texts, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unpack(packed: bytes) -> tuple[str, ...]:
    return pickle.loads(zlib.decompress(packed)) if packed else ()


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
OFFICE_SECTIONS = (
    Section(sources.office_home(), "van-phong.md.j2"),
    Section(sources.office_downloads(), "van-phong-du-lieu.md.j2"),
)


@dataclass(frozen=True)
class Job:
    """Files made together: where each goes (``src_uri``, and the record it is edited in) and
    how to make them. The list of jobs is known before anything is rendered, so the engine can
    be given every file's place first and its content later (``worker.py``)."""

    entries: tuple[tuple[str, str | None], ...]
    make: Callable[[], Iterable[Page]]
    key: object = None  # what the files are made from: the same key, the same files (the preview)

    @classmethod
    def page(cls, src_uri: str, source: str | None, make: Callable[[], Page], key: object = None) -> Job:
        return cls(((src_uri, source),), lambda: (make(),), key)

    def run(self) -> tuple[Page, ...]:
        pages = tuple(self.make())
        if tuple(p.src_uri for p in pages) != tuple(uri for uri, _ in self.entries):
            raise RuntimeError(f"a job made {[p.src_uri for p in pages]}, not {self.entries}")
        return pages


def site_plan(
    report: Report, renderer: Renderer, writer: DocxWriter, version: Mapping[str, str] | None = None
) -> tuple[Job, ...]:
    """Every generated page and download of the site, the drafted documents included: pages
    first, in the order the engine reads them, then the downloads. The cell pages lead: each
    is quick to make, so a worker has the first ones ready at once (``worker.py``). Each job
    has a key (``version`` for those that read the whole Report): the preview remakes only
    the jobs whose key changed (``preview.py``)."""
    disclosure = disclose(report)
    members, office = audiences(disclosure)
    common = {"committee": report.committee, "book": report.book, "vocab": vocab, "sample": report.committee.sample}
    documents = DocumentIndex.of(drafts(report))
    target_charts = tuple(c for c in map(charts.target_chart, report.trajectory) if c)
    whole = {
        "report": report,
        "charts": target_charts,
        "mix": charts.rating_mix(report.stats),
        "documents": documents,
        "disclosure": disclosure,
        **common,
    }
    # A cell's files depend on its own slice of the Report and on the Committee and the
    # criteria; the rest on every record. ``version``: the text of every record file, by path.
    shared = (version.get(committee_path()), version.get(book_path())) if version is not None else None
    everything = version
    jobs = [
        Job.page(
            sources.cell(c.cell.id),
            cell_path(c.cell.id),
            partial(cell_page, renderer, c, (), members, common),
            (c, shared, "members", disclosure.current.get(c.cell.id)),
        )
        for c in report.cells
    ]
    jobs += [
        Job.page(
            sources.year(y.year), None, partial(year_page, renderer, y, (), members, common), (everything, "members")
        )
        for y in report.years
    ]
    jobs += [
        Job.page(s.src_uri, s.source, partial(section_page, renderer, s, {**whole, "audience": members}), everything)
        for s in SECTIONS
    ]
    # The office area, after the members' pages: its cells, years, sections, documents.
    jobs += [
        Job.page(
            sources.office_cell(c.cell.id),
            cell_path(c.cell.id),
            partial(cell_page, renderer, c, documents.for_cell(c.cell.id), office, common),
            (c, documents.for_cell(c.cell.id), shared, "office"),
        )
        for c in report.cells
    ]
    jobs += [
        Job.page(
            sources.office_year(y.year),
            None,
            partial(year_page, renderer, y, documents.for_year(y.year), office, common),
            (everything, "office"),
        )
        for y in report.years
    ]
    jobs += [
        Job.page(s.src_uri, s.source, partial(section_page, renderer, s, {**whole, "audience": office}), everything)
        for s in OFFICE_SECTIONS
    ]
    jobs += [
        Job.page(d.page, None, partial(document_page, renderer, d, common), (d, shared))
        for d in documents.all
        if d.page
    ]
    for audience, place in ((members, sources.download), (office, sources.office_download)):
        names = tuple(place(name) for name in downloads.names(audience))
        jobs.append(
            Job(
                tuple((name, None) for name in names),
                partial(_downloads, report, renderer, audience, place),
                everything,
            )
        )
    jobs += [
        Job.page(d.docx, None, partial(lambda d: Page(d.docx, writer.write(d)), d), (d, writer.stamp))
        for d in documents.all
        if d.docx
    ]
    # Each document's former address (before the office area) sends the reader on.
    jobs += [
        Job.page(sources.moved_file(d.page), None, partial(moved_page, renderer, d), (d.page, d.title))
        for d in documents.all
        if d.page
    ]
    return tuple(jobs)


def _downloads(report: Report, renderer: Renderer, audience: Audience, place: Callable[[str], str]) -> Iterator[Page]:
    return (Page(place(name), content) for name, content in downloads.downloads(report, renderer, audience).items())


def site_pages(report: Report, renderer: Renderer, writer: DocxWriter) -> Iterator[Page]:
    """Every generated page and download, made one after the other."""
    for job in site_plan(report, renderer, writer):
        yield from job.run()


def section_page(renderer: Renderer, section: Section, whole: dict) -> Page:
    files = downloads.OFFICE_FILES if whole["audience"].office else downloads.FILES
    return Page.markdown(
        section.src_uri, renderer.page(section.template, section.src_uri, files=files, **whole), section.source
    )


def document_page(renderer: Renderer, draft: Draft, common: dict) -> Page:
    assert draft.page is not None
    return Page.markdown(draft.page, renderer.page("document.md.j2", draft.page, draft=draft, **common))


def moved_page(renderer: Renderer, draft: Draft) -> Page:
    """A document's former address: a small HTML file (not a page of the theme: a thousand
    cells have a thousand) that sends the reader to the office area."""
    assert draft.page is not None
    src_uri = sources.moved_file(draft.page)
    target = relative(page_url(draft.page, renderer.directory_urls), page_url(src_uri, renderer.directory_urls))
    return Page(src_uri, renderer.file("moved.html.j2", title=draft.title, target=url(target)))


def year_page(
    renderer: Renderer, year: YearReport, documents: tuple[Draft, ...], audience: Audience, common: dict
) -> Page:
    src_uri = audience.year(year.year)
    return Page.markdown(
        src_uri,
        renderer.page("ket-qua-nam.md.j2", src_uri, year=year, documents=documents, audience=audience, **common),
    )


def cell_page(
    renderer: Renderer, cell: CellReport, documents: tuple[Draft, ...], audience: Audience, common: dict
) -> Page:
    """The cell's page for ``audience`` (its registration reports are documents, see ``documents``)."""
    page = audience.cell(cell.cell.id)
    template = "van-phong-chi-bo.md.j2" if audience.office else "chi-bo.md.j2"
    return Page.markdown(
        page,
        renderer.page(template, page, view=cell, cell=cell.cell, documents=documents, audience=audience, **common),
        cell_path(cell.cell.id),
    )
