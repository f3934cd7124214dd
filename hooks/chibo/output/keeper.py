"""The side that makes a build's files: the Keeper, in the pool's process or in MkDocs' own.

It reads the records (``records.load.Memo``: a file whose time, size and inode are the same is
not read again), summarizes them (``report.summary.KeptCells``: a cell whose record was not read
again keeps its report), lists the jobs with their keys (``pages.Job.key``) and makes those whose
key changed, with templates compiled once (``render.Renderer``). The preview has it plan ahead
of its build (``plan_ahead``). ``maker.Maker`` is the other side, in MkDocs' process.
"""

from __future__ import annotations

import gc
import os
import pickle
import zlib
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..records import RecordsError
from ..records.load import Memo, no_cycle_collection
from ..records.paths import RECORDS
from ..report.summary import KeptCells
from .pages import Entry, Job
from .render import Renderer
from .site import Index, plan

__all__ = ["Ahead", "Blocks", "Keeper", "Made", "Prepared", "Todo", "is_page", "run"]


@dataclass(frozen=True)
class Prepared:
    """A build's plan as the Keeper sees it: every file, which jobs to make, which files went."""

    index: Index
    todo: tuple[int, ...]  # the jobs to make, by their place in ``index.jobs``
    gone: tuple[str, ...]  # files the last build made and this one does not


@dataclass(frozen=True)
class Ahead:
    """A plan made ahead of its build (``Keeper.plan_ahead``), and the record files it read."""

    directory_urls: bool
    files: tuple[tuple[str, int, int, int], ...]
    index: Index
    jobs: tuple[Job, ...]
    todo: Todo  # for a dirty build, from ``made`` as it was then
    makes: int  # ``Keeper.makes`` then: nothing made since, the same ``todo``


class Todo(NamedTuple):
    """Which jobs a build makes (by their place), the files gone since the last, what stays made."""

    todo: tuple[int, ...]
    gone: tuple[str, ...]
    made: dict[tuple[Entry, ...], object]


class Made(NamedTuple):
    """A page made: its Markdown, and its HTML blocks with their search text (``Blocks``), packed."""

    src_uri: str
    markdown: str
    packed: bytes


class Blocks(NamedTuple):
    """A page's HTML blocks and what the search index reads of each (``fence.search_text``)."""

    html: tuple[str, ...] = ()
    search: tuple[str, ...] = ()


class Keeper:
    """Makes the files of ``project``, remembering what it made (the module's text)."""

    def __init__(self, project: Path, *, freeze: bool = False) -> None:
        self.project, self.freeze = project, freeze
        self.memo = Memo()
        self.made: dict[tuple[Entry, ...], object] = {}  # each job made → the key it was made from
        self.jobs: tuple[Job, ...] = ()
        self.directory_urls: bool | None = None
        self.renderer: Renderer | None = None  # its templates compiled once (for ``directory_urls``)
        self.kept = KeptCells()  # each cell's report, for the next build
        self.ahead: Ahead | None = None  # the plan made as a record was saved, before its build (``plan_ahead``)
        self.makes = 0  # how many times ``make`` ran

    def prepare(self, directory_urls: bool, site_kept: bool, remember: bool = False) -> Prepared:
        """Read the records (``RecordsError`` if bad), list the jobs, and which to make.

        ``site_kept``: ``site_dir`` still has the downloads written into it last time (a dirty build).
        ``remember``: a build of the preview, whose next build keeps what this one read and made
        (the record files, each cell's report, the rows of the year pages: ``render.Parts``); a
        build that publishes keeps none of it (at 5,000 cells, the positions of every record's
        values alone are some 100 MiB).
        """
        renderer = self.renderer
        if directory_urls != self.directory_urls or renderer is None or remember != self.remember:
            self.made.clear()
            self.directory_urls = directory_urls
            self.renderer = renderer = Renderer.create(directory_urls, reload=True, remember=remember)
        if renderer.parts is not None:
            renderer.parts.turn()
        ahead, self.ahead = self.ahead, None
        if ahead is not None and ahead.directory_urls == directory_urls and ahead.files == self._record_files():
            index, jobs = ahead.index, ahead.jobs
            todo = ahead.todo if site_kept and ahead.makes == self.makes else None
        else:
            (index, jobs), todo = self._plan(directory_urls), None
        self.jobs = jobs
        todo = todo or self._todo(jobs, site_kept)
        self.made = todo.made
        return Prepared(index, todo.todo, todo.gone)

    @property
    def remember(self) -> bool:
        """Whether the last ``prepare`` was a preview's: its renderer keeps the parts it made."""
        return self.renderer is not None and self.renderer.parts is not None

    def _todo(self, jobs: tuple[Job, ...], site_kept: bool) -> Todo:
        """Which of ``jobs`` to make: those not made, or made from another key; the files gone."""
        current = {job.entries for job in jobs}
        gone = tuple(entry.src_uri for entries in self.made if entries not in current for entry in entries)
        made = {e: key for e, key in self.made.items() if e in current and (site_kept or is_page(e[0]))}
        todo = tuple(n for n, job in enumerate(jobs) if job.entries not in made or made[job.entries] != job.key)
        return Todo(todo, gone, made)

    def plan_ahead(self, directory_urls: bool) -> None:
        """The preview, as soon as a record is saved: read the records and plan, so that the
        build MkDocs starts a moment later (it looks for changes twice a second) finds it done
        (``prepare``), if no record changed in between. Bad records: the build says so."""
        if directory_urls != self.directory_urls or self.renderer is None:
            return
        files = self._record_files()
        if self.ahead is not None and self.ahead.files == files:
            return
        self.ahead = None
        try:
            index, jobs = self._plan(directory_urls)
        except RecordsError:
            return
        # what to make, as a dirty build will ask if nothing is made before it (``made`` the same)
        self.ahead = Ahead(directory_urls, files, index, jobs, self._todo(jobs, site_kept=True), self.makes)

    def _plan(self, directory_urls: bool) -> tuple[Index, tuple[Job, ...]]:
        # Records, Report and drafts: a few million objects, none in a cycle. They live until the
        # next build: frozen before the collector runs again, no collection scans them (in the
        # preview, a full collection at the end of each plan took 0.75 s at 5,000 cells).
        with no_cycle_collection():
            memo, kept = (self.memo, self.kept) if self.remember else (None, None)
            records, report, jobs = plan(self.project, directory_urls, memo, self.renderer, kept)
            index = Index.of(records, report, jobs)
            if self.freeze:
                gc.freeze()
        return index, jobs

    def _record_files(self) -> tuple[tuple[str, int, int, int], ...]:
        """Every file under ``records/`` with its time, size and inode: what a plan was made from."""
        found = []
        for path in sorted((self.project / RECORDS).rglob("*")):
            with suppress(OSError):
                info = path.stat()
                found.append((path.as_posix(), info.st_mtime_ns, info.st_size, info.st_ino))
        return tuple(found)

    def make(self, todo: Sequence[int], site_dir: str) -> list[Made]:
        """Make the jobs ``todo``: the pages sent back, the other files written into ``site_dir``."""
        self.makes += 1
        pages = []
        for number in todo:
            job = self.jobs[number]
            self.made.pop(job.entries, None)
            for output in job.run():
                if isinstance(output.content, str) and output.src_uri.endswith(".md"):
                    blocks = Blocks(output.blocks, output.search)
                    packed = zlib.compress(pickle.dumps(blocks, pickle.HIGHEST_PROTOCOL), 1) if output.blocks else b""
                    pages.append(Made(output.src_uri, output.content, packed))
                else:
                    content = output.content
                    _write(
                        Path(site_dir, output.src_uri), content.encode("utf-8") if isinstance(content, str) else content
                    )
            self.made[job.entries] = job.key
        return pages


def _write(path: Path, content: bytes) -> None:
    """Write a file whole or not at all: the preview serves the downloads while they are remade."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)


def is_page(entry: Entry) -> bool:
    return entry.src_uri.endswith(".md")


_keeper: Keeper | None = None  # set in the pool's process only: its Keeper


def run(project: Path, method: str, *args: object) -> object:
    """A task in the pool's process: the Keeper's ``method``."""
    global _keeper
    if _keeper is None:
        _keeper = Keeper(project, freeze=True)
    return getattr(_keeper, method)(*args)
