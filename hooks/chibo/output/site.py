"""One build of the site: the validated records, their Report, the pages made from them.

Two ways to make it, with the same result: ``build`` makes every page here, one after the
other (``chibo generate``, the benchmark's baseline, small sites); ``worker.Worker`` makes
them in a second process while MkDocs builds the pages already made (large sites), and
``preview.Preview`` asks a worker kept for a ``mkdocs serve`` session. The hooks see all
three through ``Pages``: the ``Index`` first (which files, what the theme shows, the
warnings), then each page as MkDocs reads it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol

from ..formats import date_vi
from ..records import Problem, Records, RecordsError, load_records
from ..records.load import Memo, no_cycle_collection
from ..report import Report, summarize, warnings
from . import policy, searchtext
from .documents.docx import DocxWriter
from .pages import Job, Page, site_plan
from .render import PLACEHOLDER_MARK, Renderer

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File

__all__ = [
    "Index",
    "Pages",
    "RecordsError",
    "Site",
    "attach",
    "build",
    "fill_blocks",
    "from_config",
    "generated_file",
    "plan",
    "search_text",
]

_ATTRIBUTE = "chibo_site"


@dataclass(frozen=True)
class Index:
    """What a build makes, known before any of it is made: each file's place and the record
    it is edited in, the warnings, and what the theme shows (the sample banner, the data date)."""

    entries: tuple[tuple[str, str | None], ...]
    warnings: tuple[Problem, ...]
    sample: bool
    as_of: dt.date

    @classmethod
    def of(cls, records: Records, report: Report, jobs: tuple[Job, ...]) -> Index:
        committee = records.committee
        return cls(
            tuple(e for job in jobs for e in job.entries),
            warnings(records, report.breaches),
            committee.sample,
            committee.as_of,
        )

    @cached_property
    def uris(self) -> frozenset[str]:
        return frozenset(uri for uri, _ in self.entries)

    def theme_context(self, *, offline: bool = False) -> dict[str, object]:
        """What the theme overrides need: the sample banner, the data date, and for the
        offline copy (no server to send it) the content policy as a ``<meta>`` element."""
        return {"sample": self.sample, "as_of": date_vi(self.as_of), "policy": policy.meta() if offline else None}


class Pages(Protocol):
    """A build's pages as the hooks use them, made here (``Site``) or by a worker."""

    def index(self) -> Index: ...

    def page(self, src_uri: str) -> Page:
        """The page or download ``src_uri`` (waits for it to be made)."""

    def ready(self, src_uri: str) -> bool:
        """Whether ``page(src_uri)`` would answer at once."""

    def modified(self, src_uri: str) -> bool:
        """Whether the file differs from what this folder last got (a dirty build skips it if not)."""

    def release(self, src_uri: str) -> None:
        """MkDocs has read the page and its blocks are in: it need not be kept (memory)."""

    def built(self, url: str) -> None:
        """MkDocs built the page at ``url`` in this build."""

    def later(self, write: Callable[[], None]) -> None:
        """Run ``write`` when the build ends (``finish``): a download not made yet."""

    def finish(self) -> None:
        """The build went through: run what was left for later, then ``close``."""

    def close(self) -> None:
        """Stop making pages; nothing more will be asked."""


@dataclass(frozen=True)
class Site:
    """What one build publishes: the records, read once, their Report and the pages."""

    records: Records
    report: Report
    pages: tuple[Page, ...]
    contents: Index
    by_uri: Mapping[str, Page] = field(default_factory=lambda: MappingProxyType({}), repr=False)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.contents.warnings

    def index(self) -> Index:
        return self.contents

    def page(self, src_uri: str) -> Page:
        return self.by_uri[src_uri]

    def ready(self, src_uri: str) -> bool:
        return True

    def modified(self, src_uri: str) -> bool:
        return True

    def release(self, src_uri: str) -> None:
        pass

    def built(self, url: str) -> None:
        pass

    def later(self, write: Callable[[], None]) -> None:
        write()

    def finish(self) -> None:
        pass

    def close(self) -> None:
        pass


def plan(
    project: Path, directory_urls: bool = True, memo: Memo | None = None
) -> tuple[Records, Report, tuple[Job, ...]]:
    """Load and validate ``project/records``, summarize, list what to make; raises ``RecordsError``.

    ``directory_urls`` is the site's address style (``use_directory_urls`` in ``mkdocs.yml``);
    ``memo`` keeps what each record file gave for the next build (the preview).
    """
    records = load_records(project, memo=memo)
    report = summarize(records)
    writer = DocxWriter(records.committee.as_of)
    with no_cycle_collection():  # the drafts: many small objects, no cycles (as for the Report)
        return records, report, site_plan(report, Renderer.create(directory_urls), writer, records.sources)


def build(project: Path, directory_urls: bool = True) -> Site:
    """Every page and download of ``project``, made here; raises ``RecordsError``."""
    records, report, jobs = plan(project, directory_urls)
    pages = tuple(page for job in jobs for page in job.run())
    return Site(
        records, report, pages, Index.of(records, report, jobs), MappingProxyType({p.src_uri: p for p in pages})
    )


def attach(config: MkDocsConfig, pages: Pages) -> None:
    """Keep the build's pages on its config object (not in ``extra``, which themes read)."""
    setattr(config, _ATTRIBUTE, pages)


def from_config(config: MkDocsConfig) -> Pages:
    return getattr(config, _ATTRIBUTE)


def search_text(pages: Pages, src_uri: str, html: str) -> str:
    """A page's HTML as the search index reads it (the hooks' ``on_page_content``): each
    block's text where the block goes (``searchtext``); pages written by hand are left as
    they are."""
    if src_uri not in pages.index().uris or PLACEHOLDER_MARK not in html:
        return html
    return searchtext.mark(html, pages.page(src_uri).search)


def fill_blocks(pages: Pages, src_uri: str, html: str) -> str:
    """A page's HTML with its blocks put in (``render.Blocks``), once the search index has
    read it (the hooks' ``on_page_context``, after the search plugin's)."""
    if src_uri not in pages.index().uris:
        return html
    filled = searchtext.unmark(html, pages.page(src_uri).blocks) if PLACEHOLDER_MARK in html else html
    pages.release(src_uri)
    return filled


def generated_file(config: MkDocsConfig, entry: tuple[str, str | None], pages: Pages) -> File:
    """The file ``entry`` names, its content asked of ``pages`` when the engine reads or
    copies it; its edit link opens the record it comes from."""
    from .files import PendingFile

    src_uri, source = entry
    file = PendingFile.pending(config, src_uri, pages)
    if source is not None:
        project = Path(config.config_file_path).parent
        file.edit_uri = Path(os.path.relpath(project / source, config.docs_dir)).as_posix()
    return file
