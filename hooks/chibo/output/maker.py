"""Making a build's files: in a second process while MkDocs builds, or here; into a folder.

MkDocs builds pages on one core. At 1,000 cells our own part (records, Report, 2,000 pages,
downloads, Word files: about 4 s) would come first and add to it; made in a second process
(a ``ProcessPoolExecutor`` of one) it runs beside MkDocs instead, batch by batch, in the
order MkDocs reads the files. The pool handles pickling, errors, cancellation and a dead
parent; its process starts clean (``spawn``) with the same ``chibo`` package as this one.

Every file is written into a folder of its own (``Maker.folder``, temporary) and given to
MkDocs as ``File.generated(config, src_uri, abs_src_path=…)``: MkDocs and any plugin read it
from there as often and as late as they like. Reading one that is not made yet waits for its
batch (``PendingFile``). A page's HTML blocks and what the search index reads of them wait
beside it (``blocks``).

Both sides run a ``Keeper``: the record files read for the last build (``records.load.Memo``)
and the key of each job it made (``pages.Job.key``). A build makes only the jobs whose key
changed: in ``mkdocs serve`` a saved record remakes that cell's files, the year pages, the
lists and the downloads, and MkDocs' dirty build rebuilds the files newer than what it wrote
(``File.is_modified``).

    CHIBO_WORKER=0   never (every file made in the MkDocs process)
    CHIBO_WORKER=1   always
    (unset)          from ``AUTO_CELLS`` cells on, when the machine has two cores or more
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import shutil
import signal
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from ..records.load import Memo
from ..records.paths import CELLS_DIR, RECORDS
from .pages import Entry, Job, Output
from .site import Index, plan

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

__all__ = ["AUTO_CELLS", "Keeper", "Maker", "PendingFile", "Prepared", "wanted"]

AUTO_CELLS = 200  # below this, starting a process (about 0.5 s) costs more than it saves
BATCH = 64  # jobs a batch at most: few batches, and MkDocs can start on the first ones early
DOCS, BLOCKS = "docs", "blocks"  # the folder's parts: the files, and the pages' blocks
# The pool's process: Ctrl+C is for MkDocs (which then stops the process); our package first.
_START = "import signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN); sys.path.insert(0, {!r})"
_HOOKS = Path(__file__).resolve().parents[2]  # the folder that holds the ``chibo`` package


def wanted(project: Path) -> bool:
    """Whether this build should make its files in a second process (see the module's text)."""
    setting = os.environ.get("CHIBO_WORKER", "").strip().lower()
    if setting in {"0", "no", "false"}:
        return False
    if setting in {"1", "yes", "true"}:
        return True
    if (os.cpu_count() or 1) < 2:
        return False
    cells = project / RECORDS / CELLS_DIR
    return cells.is_dir() and sum(1 for _ in zip(range(AUTO_CELLS), cells.glob("*.yml"))) >= AUTO_CELLS


@dataclass(frozen=True)
class Prepared:
    """A build's plan as the Keeper sees it: every file, which jobs to make, which files went."""

    index: Index
    todo: tuple[int, ...]  # the jobs to make, by their place in ``index.jobs``
    gone: tuple[str, ...]  # files the last build made and this one does not


class Blocks(NamedTuple):
    """A page's HTML blocks and what the search index reads of each (``fence.search_text``)."""

    html: tuple[str, ...] = ()
    search: tuple[str, ...] = ()


class Keeper:
    """Makes the files of ``project`` into ``folder``, remembering what it made (the module's text)."""

    def __init__(self, project: Path, folder: Path, *, freeze: bool = False) -> None:
        self.project, self.folder, self.freeze = project, folder, freeze
        self.memo = Memo()
        self.made: dict[tuple[Entry, ...], object] = {}  # each job's files in the folder → their key
        self.jobs: tuple[Job, ...] = ()
        self.directory_urls: bool | None = None

    def prepare(self, directory_urls: bool) -> Prepared:
        """Read the records (``RecordsError`` if bad), list the jobs, and which to make."""
        records, report, jobs = plan(self.project, directory_urls, self.memo)
        if self.freeze:  # they live until the next build: later collections need not scan them again
            gc.freeze()
        if directory_urls != self.directory_urls:
            self.made.clear()
            self.directory_urls = directory_urls
        current = {job.entries for job in jobs}
        gone = tuple(entry.src_uri for entries in self.made if entries not in current for entry in entries)
        for src_uri in gone:
            self._remove(src_uri)
        self.made = {entries: key for entries, key in self.made.items() if entries in current}
        self.jobs = jobs
        todo = tuple(
            n for n, job in enumerate(jobs) if job.entries not in self.made or self.made[job.entries] != job.key
        )
        return Prepared(Index.of(records, report, jobs), todo, gone)

    def make(self, todo: Sequence[int]) -> None:
        for number in todo:
            job = self.jobs[number]
            self.made.pop(job.entries, None)
            for output in job.run():
                self._write(output)
            self.made[job.entries] = job.key

    def _write(self, output: Output) -> None:
        path, blocks = self.folder / DOCS / output.src_uri, self.folder / BLOCKS / output.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        content = output.content
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        if output.blocks:
            blocks.parent.mkdir(parents=True, exist_ok=True)
            blocks.write_bytes(pickle.dumps(Blocks(output.blocks, output.search), pickle.HIGHEST_PROTOCOL))
        else:
            blocks.unlink(missing_ok=True)

    def _remove(self, src_uri: str) -> None:
        for part in (DOCS, BLOCKS):
            (self.folder / part / src_uri).unlink(missing_ok=True)


_keeper: Keeper | None = None  # set in the pool's process only: its Keeper


def _run(project: Path, folder: Path, method: str, *args: object) -> object:
    """A task in the pool's process: the Keeper's ``method``."""
    global _keeper
    if _keeper is None:
        _keeper = Keeper(project, folder, freeze=True)
    return getattr(_keeper, method)(*args)


class _Here(Executor):
    """An executor that runs each task at once, in this process (no second process)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as error:
            future.set_exception(error)
        return future


def _result(future: Future) -> Any:
    """What a task returned; what it raised, raised here; a clear message if the process died."""
    try:
        return future.result()
    except BrokenExecutor:
        raise PluginError("tiến trình tạo trang đã dừng giữa chừng; không tạo trang") from None


class Maker:
    """This side: the folder, the batches being made, and waiting for one when it is read."""

    def __init__(self, project: Path, *, process: bool) -> None:
        self.project = project
        self.folder = Path(tempfile.mkdtemp(prefix="chibo-"))
        self.process = process
        self._executor: Executor
        if process:
            context = multiprocessing.get_context("spawn")  # the same on Linux, macOS and Windows
            self._executor = ProcessPoolExecutor(1, context, exec, (_START.format(str(_HOOKS)),))
            self._pid: Future = self._executor.submit(os.getpid)
        else:
            self._executor, self._keeper = _Here(), Keeper(project, self.folder)
        self._prepared: Future | None = None
        self._batches: dict[str, Future] = {}
        self._later: list[Callable[[], None]] = []

    def _submit(self, method: str, *args: object) -> Future:
        if self.process:
            return self._executor.submit(_run, self.project, self.folder, method, *args)
        return self._executor.submit(getattr(self._keeper, method), *args)

    def begin(self, directory_urls: bool) -> None:
        """Start a build: the records are read and the jobs listed (``prepared``)."""
        self._batches, self._later = {}, []
        self._prepared = self._submit("prepare", directory_urls)

    def prepared(self) -> Prepared:
        """The build's plan (waits for it); raises ``RecordsError`` for bad records."""
        assert self._prepared is not None
        return _result(self._prepared)

    def schedule(self, prepared: Prepared) -> None:
        """Have the jobs to make made, in batches that grow (1, 2, 4… ``BATCH``) so that the
        first pages are ready at once; a download starts a batch of its own."""
        batch: list[int] = []
        size = 1
        for number in prepared.todo:
            if batch and not prepared.index.jobs[number][0].src_uri.endswith(".md"):
                self._send(prepared, batch)
                batch = []
            batch.append(number)
            if len(batch) >= size:
                self._send(prepared, batch)
                batch, size = [], min(2 * size, BATCH)
        if batch:
            self._send(prepared, batch)

    def _send(self, prepared: Prepared, batch: list[int]) -> None:
        future = self._submit("make", tuple(batch))
        for number in batch:
            for entry in prepared.index.jobs[number]:
                self._batches[entry.src_uri] = future

    def ready(self, src_uri: str) -> bool:
        future = self._batches.get(src_uri)
        return future is None or future.done()

    def wait(self, src_uri: str) -> None:
        """Until ``src_uri`` is made (raises what making it raised)."""
        future = self._batches.get(src_uri)
        if future is not None:
            _result(future)

    def wait_all(self) -> None:
        for future in set(self._batches.values()):
            _result(future)

    def later(self, copy: Callable[[], None]) -> None:
        """Copy a file made after MkDocs copied the others, when the build ends (``finish``)."""
        self._later.append(copy)

    def finish(self) -> None:
        for copy in self._later:
            copy()
        self._later = []

    def blocks(self, src_uri: str) -> Blocks:
        self.wait(src_uri)
        try:
            return pickle.loads((self.folder / BLOCKS / src_uri).read_bytes())
        except FileNotFoundError:
            return Blocks()

    def touch(self, src_uris: Sequence[str]) -> None:
        """Mark files as newer than what MkDocs wrote of them (a build that failed after writing)."""
        for src_uri in src_uris:
            try:
                os.utime(self.folder / DOCS / src_uri)
            except OSError:
                pass

    def cancel(self) -> None:
        """Drop the batches not started (the build failed); the process stays for the next build."""
        for future in self._batches.values():
            future.cancel()
        self._later = []

    def release(self) -> None:
        """Stop the process (the files stay in the folder): at once, even in the middle of a batch."""
        if not self.process:
            return
        busy = (self._prepared and not self._prepared.done()) or not all(f.done() for f in self._batches.values())
        if busy and self._pid.done() and self._pid.exception() is None:
            try:
                os.kill(self._pid.result(), signal.SIGTERM)
            except OSError:
                pass
        self._executor.shutdown(wait=True, cancel_futures=True)
        self.process = False

    def close(self) -> None:
        """Stop the process and delete the folder."""
        self.release()
        shutil.rmtree(self.folder, ignore_errors=True)


class PendingFile(File):
    """A generated file read from the maker's folder; reading it (its content, whether it
    changed, copying it) first waits until it is made."""

    maker: Maker

    @classmethod
    def of(cls, config: MkDocsConfig, entry: Entry, maker: Maker) -> PendingFile:
        """The file ``entry`` names; its edit link opens the record it comes from."""
        file = cls.generated(config, entry.src_uri, abs_src_path=str(maker.folder / DOCS / entry.src_uri))
        assert isinstance(file, cls)
        file.maker = maker
        if entry.source is not None:
            project = Path(config.config_file_path).parent
            file.edit_uri = Path(os.path.relpath(project / entry.source, config.docs_dir)).as_posix()
        return file

    # MkDocs' own getters and setters, after the wait (mypy reads a property with a setter as
    # an overload: hence the two ignores).
    @property
    def content_bytes(self) -> bytes:
        self.maker.wait(self.src_uri)
        return super().content_bytes

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]

    @property
    def content_string(self) -> str:
        self.maker.wait(self.src_uri)
        return super().content_string

    @content_string.setter
    def content_string(self, value: str) -> None:
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    def is_modified(self) -> bool:
        self.maker.wait(self.src_uri)
        return super().is_modified()

    def copy_file(self, dirty: bool = False) -> None:
        """Copy it now if it is made; otherwise when the build ends, so MkDocs goes on."""
        if self.maker.ready(self.src_uri):
            super().copy_file(dirty)
        else:
            self.maker.later(lambda: super(PendingFile, self).copy_file(dirty))
