"""One build of the site: the validated records and the pages made from them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .formats import date_vi
from .pages import Page, site_pages
from .problems import RecordsError
from .records import Records, load_records

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File

__all__ = ["CONFIG_KEY", "RecordsError", "Site", "build", "from_config", "generated_file"]

CONFIG_KEY = "chibo_site"


@dataclass(frozen=True)
class Site:
    """What one build publishes: the records, read once, and the generated pages."""

    records: Records
    pages: tuple[Page, ...]

    def theme_context(self) -> dict[str, object]:
        """What the theme overrides need: the sample banner and the data date."""
        committee = self.records.committee
        return {"sample": committee.sample, "as_of": date_vi(committee.as_of)}


def build(project: Path) -> Site:
    """Load and validate ``project/records`` and render every page; raises ``RecordsError``."""
    records = load_records(project)
    return Site(records, tuple(site_pages(records)))


def from_config(config: MkDocsConfig) -> Site:
    return config.extra[CONFIG_KEY]


def generated_file(config: MkDocsConfig, page: Page) -> File:
    """The page as a MkDocs file; its edit link opens the record it comes from."""
    from mkdocs.structure.files import File

    file = File.generated(config, page.src_uri, content=page.text)
    if page.source is not None:
        project = Path(config.config_file_path).parent
        file.edit_uri = Path(os.path.relpath(project / page.source, config.docs_dir)).as_posix()
    return file
