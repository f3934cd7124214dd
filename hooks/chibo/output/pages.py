"""Which pages and downloads the Report makes (DESIGN.md §5): a table of URL → template.

Each page gets the slice of the Report it shows; templates only format it. A cell page
gets only its own cell, so its size does not grow with the number of cells. Two audiences
(``audience.py``): the members' pages at the root, the office's under ``/van-phong/`` (a
cell, a year, the downloads, every drafted document); each former address of a document
is a page that sends the reader to the office area.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import NamedTuple

from .. import vocab
from ..records.paths import book_path, cell_path, committee_path, plan_path, programme_path
from ..report import CellReport, ProgrammeReport, Report, YearReport
from ..report.privacy import disclose
from . import charts, downloads, fence, sources
from .audience import Audience, audiences
from .documents import DocumentIndex, drafts
from .documents.docx import DocxWriter
from .documents.model import Draft, Header
from .links import page_url, relative
from .render import Renderer, fill, url


class Entry(NamedTuple):
    """A generated file's place under ``docs/`` and the record file it is edited in (if any)."""

    src_uri: str
    source: str | None = None


@dataclass(frozen=True)
class Output:
    """A generated file under ``docs/``: a Markdown page or a download.

    ``content`` is text (pages, JSON, CSV…) or bytes (spreadsheets, Word files).

    ``source`` is the record file the page is made from (relative to the project), which
    the theme's edit button opens when ``repo_url`` and ``edit_uri`` are set.

    A Markdown page's HTML blocks (``blocks``, put in after Markdown: ``render.Blocks``) and
    what the search index needs of each (``search``, ``fence.search_text``).
    """

    src_uri: str
    content: str | bytes
    source: str | None = None
    blocks: tuple[str, ...] = ()
    search: tuple[str, ...] = ()

    @classmethod
    def markdown(cls, src_uri: str, rendered: tuple[str, tuple[str, ...]], source: str | None = None) -> Output:
        """A Markdown page from ``Renderer.page``: its text and its HTML blocks."""
        text, blocks = rendered
        return cls(src_uri, text, source, blocks, tuple(fence.search_text(block) for block in blocks))

    def inline(self) -> str | bytes:
        """The page as one Markdown file, its HTML blocks written in (``chibo generate``)."""
        return fill(self.content, self.blocks) if isinstance(self.content, str) else self.content


@dataclass(frozen=True)
class SectionPage:
    """A section's page (``/chi-bo/``, ``/ket-qua/``…): where it goes, its template, the record
    it is edited in."""

    src_uri: str
    template: str
    source: str | None = None


SECTIONS = (
    SectionPage(sources.home(), "index.md.j2", committee_path()),
    SectionPage(sources.programmes(), "chuong-trinh-list.md.j2"),
    SectionPage(sources.section("chi-bo"), "chi-bo-list.md.j2"),
    SectionPage(sources.section("ket-qua"), "ket-qua.md.j2"),
    SectionPage(sources.section("van-ban"), "van-ban.md.j2", committee_path()),
    SectionPage(sources.section("du-lieu"), "du-lieu.md.j2"),
)
OFFICE_SECTIONS = (
    SectionPage(sources.office_home(), "van-phong.md.j2"),
    SectionPage(sources.office_downloads(), "van-phong-du-lieu.md.j2"),
)


class ProgrammePage(NamedTuple):
    """One page of each programme (``/chuong-trinh/<id>/<name>/``): its name in the address
    (``""``: the programme's own page), its template, the record it is edited in."""

    name: str
    template: str
    source: Callable[[str], str]


PROGRAMME_PAGES = (
    ProgrammePage("", "chuong-trinh.md.j2", programme_path),
    ProgrammePage("ke-hoach", "ke-hoach.md.j2", plan_path),
    ProgrammePage("tieu-chi", "tieu-chi.md.j2", book_path),
    ProgrammePage("ket-qua", "ket-qua-chuong-trinh.md.j2", programme_path),
    ProgrammePage("lo-trinh", "lo-trinh.md.j2", programme_path),
    ProgrammePage("to-chuc-thuc-hien", "to-chuc.md.j2", programme_path),
    ProgrammePage("van-ban", "van-ban-chuong-trinh.md.j2", programme_path),
)
# The addresses the site had when it knew one plan: each now sends the reader to the same page
# of the first programme (the earliest).
FORMER_SECTIONS = ("ke-hoach", "tieu-chi", "lo-trinh", "to-chuc-thuc-hien")


@dataclass(frozen=True)
class Job:
    """Files made together: where each goes and how to make them. The list of jobs is known
    before anything is rendered, so the engine can be given every file's place first and its
    content later (``maker.py``)."""

    entries: tuple[Entry, ...]
    make: Callable[[], Iterable[Output]]
    key: object = None  # what the files are made from: the same key, the same files (the preview)

    @classmethod
    def page(cls, src_uri: str, source: str | None, make: Callable[[], Output], key: object = None) -> Job:
        return cls((Entry(src_uri, source),), lambda: (make(),), key)

    def run(self) -> tuple[Output, ...]:
        outputs = tuple(self.make())
        if tuple(o.src_uri for o in outputs) != tuple(e.src_uri for e in self.entries):
            raise RuntimeError(f"a job made {[o.src_uri for o in outputs]}, not {self.entries}")
        return outputs


def site_plan(
    report: Report, renderer: Renderer, writer: DocxWriter, version: Mapping[str, str] | None = None
) -> tuple[Job, ...]:
    """Every generated page and download of the site, the drafted documents included: pages
    first, in the order the engine reads them, then the downloads. The cell pages lead: each
    is quick to make, so the first ones are ready at once (``maker.py``). Each job has a key
    (``version`` for those that read the whole Report): the preview remakes only the jobs
    whose key changed (``maker.Keeper``)."""
    disclosure = disclose(report)
    members, office = audiences(disclosure)
    common = {
        "committee": report.committee,
        "programmes": report.programmes,
        "vocab": vocab,
        "sample": report.committee.sample,
    }
    documents = DocumentIndex.of(drafts(report))
    whole = {
        "report": report,
        "programme_charts": {
            p.id: tuple(c for c in map(charts.target_chart, p.charted) if c) for p in report.programmes
        },
        "mix": charts.rating_mix(report.stats),
        "blanks": downloads.blanks(report),
        "documents": documents,
        "disclosure": disclosure,
        **common,
    }
    # A cell's files depend on its own slice of the Report and on the Committee and the
    # programmes; the rest on every record. ``version``: the text of every record file, by path.
    shared = (
        (
            version.get(committee_path()),
            *(version.get(f(p.id)) for p in report.programmes for f in (programme_path, book_path)),
        )
        if version is not None
        else None
    )
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
    jobs += [
        Job.page(
            sources.programme(p.id, page.name),
            page.source(p.id),
            partial(programme_page, renderer, p, page, {**whole, "audience": members}),
            everything,
        )
        for p in report.programmes
        for page in PROGRAMME_PAGES
    ]
    if report.programmes:
        first = report.programmes[0]
        jobs += [
            Job.page(
                sources.former_section(name, renderer.directory_urls),
                None,
                partial(former_section_page, renderer, first, name),
                (first.id, first.programme.short_name),
            )
            for name in FORMER_SECTIONS
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
    # One job a download: the preview makes them one at a time after its build (``maker.py``).
    # The import templates, a job a programme, are made from the Committee and the programmes.
    for audience, place in ((members, sources.download), (office, sources.office_download)):
        jobs += [
            Job((Entry(place(name)),), partial(_download, place(name), make), everything)
            for name, make in downloads.downloads(report, renderer, audience).items()
        ]
    jobs += [
        Job(tuple(Entry(sources.download(n)) for n in b.names), partial(_blanks, b, report.committee.as_of), shared)
        for b in downloads.blanks(report)
    ]
    # The import templates were static files at /mau/ before programmes: the first running
    # programme's keep answering there (a spreadsheet cannot send the reader on).
    former = downloads.former_blanks(report)
    if former:
        jobs.append(
            Job(
                tuple(Entry(name) for name in former),
                partial(lambda: (Output(n, c) for n, c in downloads.former_blank_files(report).items())),
                shared,
            )
        )
    jobs += [
        Job(tuple(Entry(n) for n in (d.docx, *d.moved_docx)), partial(_word, writer, d), (d, writer.stamp))
        for d in documents.all
        if d.docx
    ]
    # Each document's former addresses (before the office area, before programmes) send the
    # reader on (``Draft.moved``); the kinds drafted only since have none.
    jobs += [
        Job.page(old, None, partial(moved_page, renderer, d, old), (d.page, d.title, old))
        for d in documents.all
        for old in d.moved
    ]
    return tuple(jobs)


def _download(src_uri: str, make: downloads.Made) -> tuple[Output]:
    return (Output(src_uri, make()),)


def _blanks(found: downloads.Blanks, as_of: date) -> Iterator[Output]:
    """A programme's import templates, in the order of ``found.names``."""
    files = downloads.blank_files(found, as_of)
    return (Output(sources.download(name), files[name.rsplit("/", 1)[-1]]) for name in found.names)


def _word(writer: DocxWriter, draft: Draft) -> Iterator[Output]:
    """A draft's Word file, and the same file at each of its former addresses (``moved_docx``)."""
    assert draft.docx is not None
    content = writer.write(draft)
    return (Output(name, content) for name in (draft.docx, *draft.moved_docx))


def section_page(renderer: Renderer, section: SectionPage, whole: dict) -> Output:
    files = downloads.OFFICE_FILES if whole["audience"].office else downloads.FILES
    return Output.markdown(
        section.src_uri, renderer.page(section.template, section.src_uri, files=files, **whole), section.source
    )


def programme_page(renderer: Renderer, programme: ProgrammeReport, page: ProgrammePage, whole: dict) -> Output:
    src_uri = sources.programme(programme.id, page.name)
    files = downloads.OFFICE_FILES if whole["audience"].office else downloads.FILES
    naming = programme.naming
    plan = programme.programme.plan
    head = Header(naming.superior, naming.committee, f"Số {plan.number}", naming.place, plan.date)
    return Output.markdown(
        src_uri,
        renderer.page(page.template, src_uri, programme=programme, page=page.name, head=head, files=files, **whole),
        page.source(programme.id),
    )


def former_section_page(renderer: Renderer, first: ProgrammeReport, name: str) -> Output:
    """An address of the site when it knew one plan (``/lo-trinh/``): a small HTML file that
    sends the reader to the same page of the first programme."""
    src_uri = sources.former_section(name, renderer.directory_urls)
    here = page_url(src_uri, renderer.directory_urls)
    target = relative(page_url(sources.programme(first.id, name), renderer.directory_urls), here)
    icon = relative(fence.FAVICON, here)
    title = f"{vocab.PROGRAMME_PAGE_TITLES[name]} — {first.programme.short_name}"
    return Output(src_uri, renderer.file("redirect.html.j2", title=title, target=url(target), icon=url(icon)))


def document_page(renderer: Renderer, draft: Draft, common: dict) -> Output:
    assert draft.page is not None
    return Output.markdown(draft.page, renderer.page("document.md.j2", draft.page, draft=draft, **common))


def moved_page(renderer: Renderer, draft: Draft, src_uri: str) -> Output:
    """A document's former address ``src_uri``: a small HTML file (not a page of the theme: a
    thousand cells have a thousand) that sends the reader to where the document is."""
    assert draft.page is not None
    here = page_url(src_uri, renderer.directory_urls)
    target = relative(page_url(draft.page, renderer.directory_urls), here)
    icon = relative(fence.FAVICON, here)
    return Output(src_uri, renderer.file("moved.html.j2", title=draft.title, target=url(target), icon=url(icon)))


def year_page(
    renderer: Renderer, year: YearReport, documents: tuple[Draft, ...], audience: Audience, common: dict
) -> Output:
    src_uri = audience.year(year.year)
    return Output.markdown(
        src_uri,
        renderer.page("ket-qua-nam.md.j2", src_uri, year=year, documents=documents, audience=audience, **common),
    )


def cell_page(
    renderer: Renderer, cell: CellReport, documents: tuple[Draft, ...], audience: Audience, common: dict
) -> Output:
    """The cell's page for ``audience`` (its registration reports are documents, see ``documents``)."""
    page = audience.cell(cell.cell.id)
    template = "van-phong-chi-bo.md.j2" if audience.office else "chi-bo.md.j2"
    return Output.markdown(
        page,
        renderer.page(template, page, view=cell, cell=cell.cell, documents=documents, audience=audience, **common),
        cell_path(cell.cell.id),
    )
