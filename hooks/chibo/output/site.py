"""One build of the site: the validated records, their Report, the pages made from them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..formats import date_vi
from ..records import Problem, Records, RecordsError, load_records
from ..report import Report, summarize, warnings
from .documents.docx import DocxWriter
from . import policy
from .pages import Page, site_pages
from .render import Renderer, fill

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File

__all__ = ["RecordsError", "Site", "attach", "build", "from_config", "generated_file"]

_ATTRIBUTE = "chibo_site"


@dataclass(frozen=True)
class Site:
    """What one build publishes: the records, read once, their Report and the pages."""

    records: Records
    report: Report
    pages: tuple[Page, ...]
    warnings: tuple[Problem, ...]
    blocks: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def fill(self, src_uri: str, html: str) -> str:
        """A page's HTML with its blocks put in (``render.Blocks``; the hooks' ``on_page_content``)."""
        return fill(html, self.blocks.get(src_uri, ()))

    def theme_context(self, *, offline: bool = False) -> dict[str, object]:
        """What the theme overrides need: the sample banner, the data date, and for the
        offline copy (no server to send it) the content policy as a ``<meta>`` element."""
        committee = self.records.committee
        return {"sample": committee.sample, "as_of": date_vi(committee.as_of),
                "policy": policy.meta() if offline else None}


def build(project: Path, directory_urls: bool = True) -> Site:
    """Load and validate ``project/records``, summarize, render every page; raises ``RecordsError``.

    ``directory_urls`` is the site's address style (``use_directory_urls`` in ``mkdocs.yml``).
    """
    records = load_records(project)
    report = summarize(records)
    pages = tuple(site_pages(report, Renderer.create(directory_urls), DocxWriter(records.committee.as_of)))
    blocks = MappingProxyType({p.src_uri: p.blocks for p in pages if p.blocks})
    return Site(records, report, pages, warnings(records, report), blocks)


def attach(config: MkDocsConfig, site: Site) -> None:
    """Keep the build's Site on its config object (not in ``extra``, which themes read)."""
    setattr(config, _ATTRIBUTE, site)


def from_config(config: MkDocsConfig) -> Site:
    return getattr(config, _ATTRIBUTE)


def generated_file(config: MkDocsConfig, page: Page) -> File:
    """The page as a MkDocs file; its edit link opens the record it comes from."""
    from mkdocs.structure.files import File

    file = File.generated(config, page.src_uri, content=page.content)
    if page.source is not None:
        project = Path(config.config_file_path).parent
        file.edit_uri = Path(os.path.relpath(project / page.source, config.docs_dir)).as_posix()
    return file
