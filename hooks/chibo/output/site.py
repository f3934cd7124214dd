"""What one build of the site makes: the validated records, their Report, and its files.

``plan`` reads the records and lists the jobs that make every page and download (known
before any is made). The hooks have them made beside MkDocs (``maker.py``); ``build`` makes
them all here, one after the other (``chibo generate``, the tests). Both run the same jobs,
so they write the same site.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..formats import date_vi
from ..records import Problem, Records, RecordsError, load_records
from ..records.load import Memo, no_cycle_collection
from ..report import Report, summarize, warnings
from ..report.summary import KeptCells
from . import policy
from .documents.docx import DocxWriter
from .pages import Entry, Job, Output, site_plan
from .render import Renderer

__all__ = ["Index", "RecordsError", "Site", "build", "plan"]


@dataclass(frozen=True)
class Index:
    """What a build makes, known before any of it is made: the files of each job (their place
    and the record each is edited in), the warnings, and what the theme shows (the sample
    banner, the data date)."""

    jobs: tuple[tuple[Entry, ...], ...]
    warnings: tuple[Problem, ...]
    sample: bool
    as_of: dt.date

    @classmethod
    def of(cls, records: Records, report: Report, jobs: tuple[Job, ...]) -> Index:
        committee = records.committee
        return cls(
            tuple(job.entries for job in jobs), warnings(records, report.breaches), committee.sample, committee.as_of
        )

    @cached_property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(entry for job in self.jobs for entry in job)

    def theme_context(self, *, offline: bool = False) -> dict[str, object]:
        """What the theme overrides need: the sample banner, the data date, and for the
        offline copy (no server to send it) the content policy as a ``<meta>`` element."""
        return {"sample": self.sample, "as_of": date_vi(self.as_of), "policy": policy.meta() if offline else None}


@dataclass(frozen=True)
class Site:
    """Every file of one build, made here: the records, read once, their Report, the files."""

    records: Records
    report: Report
    index: Index
    pages: tuple[Output, ...]

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.index.warnings


def plan(
    project: Path,
    directory_urls: bool = True,
    memo: Memo | None = None,
    renderer: Renderer | None = None,
    kept: KeptCells | None = None,
) -> tuple[Records, Report, tuple[Job, ...]]:
    """Load and validate ``project/records``, summarize, list what to make; raises ``RecordsError``.

    ``directory_urls`` is the site's address style (``use_directory_urls`` in ``mkdocs.yml``);
    the preview keeps for the next build what each record file gave (``memo``), each cell's
    report (``kept``) and the compiled templates (``renderer``, of that address style).
    """
    records = load_records(project, memo=memo)
    report = summarize(records, kept)
    writer = DocxWriter(records.committee.as_of)
    renderer = renderer or Renderer.create(directory_urls)
    with no_cycle_collection():  # the drafts: many small objects, no cycles (as for the Report)
        return records, report, site_plan(report, renderer, writer, records.sources)


def build(project: Path, directory_urls: bool = True) -> Site:
    """Every page and download of ``project``, made here; raises ``RecordsError``."""
    records, report, jobs = plan(project, directory_urls)
    return Site(records, report, Index.of(records, report, jobs), tuple(o for job in jobs for o in job.run()))
