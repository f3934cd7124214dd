"""Making a build's files: in a second process while MkDocs builds, or here.

MkDocs builds pages on one core. At 1,000 cells our own part (records, Report, 2,000 pages,
downloads, Word files: about 4 s) would come first and add to it; made in a second process
(a ``ProcessPoolExecutor`` of one) it runs beside MkDocs instead, batch by batch, in the
order MkDocs reads the files. The pool handles pickling, errors, cancellation and a dead
parent; its process starts clean (``spawn``) with the same ``chibo`` package as this one.

Each batch sends back its pages: the Markdown, which the page's ``File`` then holds (MkDocs
and any plugin read it as often and as late as they like), and its HTML blocks with what the
search index reads of them, compressed until the page is built. Downloads and Word files are
written straight into ``site_dir``, where MkDocs expects such files of a plugin. Reading a
file not made yet waits for its batch (``PendingFile``).

Both sides run a ``Keeper``: the record files read for the last build (``records.load.Memo``),
each cell's report (``report.summary.KeptCells``), the compiled templates and the key of each
job it made (``pages.Job.key``). A build makes only the jobs whose key changed: in ``mkdocs
serve`` a saved record remakes that cell's files, the year pages, the lists and the downloads,
and MkDocs' dirty build rebuilds only the pages remade. The preview also plans ahead: a watcher
on ``records/`` (``lifecycle.Session.watch``) has the Keeper read and plan as soon as a file is
saved (``plan_ahead``), and the build MkDocs starts a moment later takes that plan if no record
changed since. Its build ends once its pages are written: the downloads and Word files follow,
after ``QUIET`` seconds without a build, one batch at a time, each file written whole.

    CHIBO_WORKER=0   never (every file made in the MkDocs process)
    CHIBO_WORKER=1   always
    (unset)          from ``AUTO_CELLS`` cells on, when the machine has two cores or more
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import posixpath
import shutil
import signal
import tempfile
import threading
import zlib
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from ..records.paths import CELLS_DIR, RECORDS
from .keeper import Blocks, Keeper, Made, Prepared, is_page, run
from .pages import Entry

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

__all__ = ["AUTO_CELLS", "Keeper", "Maker", "PendingFile", "Prepared", "wanted"]  # Keeper, Prepared: keeper.py

log = get_plugin_logger("chibo")

AUTO_CELLS = 200  # below this, starting a process (about 0.5 s) costs more than it saves
BATCH = 64  # jobs a batch at most: few batches, and MkDocs can start on the first ones early
QUIET = 1.0  # seconds after a preview's build before its downloads and Word files are made
# The pool's process: Ctrl+C is for MkDocs (which then stops the process); our package first.
# The process ignores Ctrl+C (MkDocs handles it), finds the ``chibo`` package, and keeps its
# temporary files (openpyxl writes a workbook's sheets to some) in a folder of its own, which
# this side deletes when the process has ended, even if it was stopped half way through one.
# MkDocs ended without stopping it (``kill``, the end of a terminal: no ``on_shutdown``), the
# process sees it has a new parent and ends within half a second, its folder deleted.
_START = """
import os, signal, sys, tempfile, threading
signal.signal(signal.SIGINT, signal.SIG_IGN)
sys.path.insert(0, {hooks!r})
tempfile.tempdir = {tmp!r}
def _watch(parent=os.getppid()):
    import os, shutil, time  # run by ``exec``: its own names
    while os.getppid() == parent:
        time.sleep(0.5)
    shutil.rmtree({tmp!r}, ignore_errors=True)
    os._exit(1)
threading.Thread(target=_watch, daemon=True).start()
"""
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
    """This side: the batches being made, the pages they sent, waiting for one when it is read.

    ``pages`` keeps every page's Markdown and blocks for the next build of ``mkdocs serve``
    (its pages not remade are read from here, if anything reads them).

    ``background`` (the preview): a build ends once its pages are written; the downloads and
    Word files it remade are written in place after it, each whole (the previous one is
    served until then), and a failure to make one is logged. The next build first drops those
    not started: it makes them again, with the records saved since."""

    def __init__(self, project: Path, *, process: bool, background: bool = False) -> None:
        self.project = project
        self.process = process
        self.background = background
        self._closing = False
        self._ahead: Future | None = None
        # the preview's downloads and Word files, made after its build (``_trickle``)
        self._lock = threading.RLock()
        self._afterwards: list[tuple[tuple[int, ...], str]] = []
        self._timer: threading.Timer | None = None
        self._running: Future | None = None
        self._docs_to_project: tuple[tuple[str | None, str], str] | None = None
        self._executor: Executor
        self._tmp: str | None = None
        if process:
            context = multiprocessing.get_context("spawn")  # the same on Linux, macOS and Windows
            self._tmp = tempfile.mkdtemp(prefix="chibo-")
            start = _START.format(hooks=str(_HOOKS), tmp=self._tmp)
            self._executor = ProcessPoolExecutor(1, context, exec, (start,))
            self._pid: Future = self._executor.submit(os.getpid)
        else:
            self._executor, self._keeper = _Here(), Keeper(project)
        self.pages: dict[str, Made] = {}
        self.remade: set[str] = set()  # pages made in this build, or in one that failed before MkDocs wrote them
        self._prepared: Future | None = None
        self._batches: dict[str, Future] = {}  # the batch of each file not received yet
        self._uris: dict[Future, list[str]] = {}  # the files of each such batch
        self._files: dict[str, PendingFile] = {}
        self._later: list[Callable[[], None]] = []
        self._last: Future | None = None  # the batch sent last: the process runs them in order

    def _submit(self, method: str, *args: object) -> Future:
        if self.process:
            return self._executor.submit(run, self.project, method, *args)
        return self._executor.submit(getattr(self._keeper, method), *args)

    def begin(self, directory_urls: bool, site_kept: bool) -> None:
        """Start a build: the records are read and the jobs listed (``prepared``)."""
        self._settle()
        self._batches, self._uris, self._files, self._later, self._last = {}, {}, {}, [], None
        self._prepared = self._submit("prepare", directory_urls, site_kept, self.background)

    def plan_ahead(self, directory_urls: bool) -> None:
        """A record was saved (the preview): have the second process read and plan now, before
        MkDocs notices (``Keeper.plan_ahead``). Called from the watcher's thread: only with a
        second process, whose tasks run one after the other; at most one waiting at a time."""
        if not self.process or self._closing or (self._ahead is not None and not self._ahead.done()):
            return
        with suppress(RuntimeError):  # the process is being stopped
            self._ahead = self._submit("plan_ahead", directory_urls)

    def _settle(self) -> None:
        """Before a build, what the last one left: its batches not started are dropped (their
        jobs were not made: this build makes them), those started are waited for and kept."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._afterwards, running = [], self._running
        if running is not None:
            with suppress(Exception):  # logged as it happened (``_log_failure``)
                _result(running)
        for future in self._batches.values():
            future.cancel()
        for src_uri in list(self._batches):
            started = self._batches.get(src_uri)
            if started is None or started.cancelled():
                continue
            try:
                self.wait(src_uri)
            except Exception:  # logged as it happened (``_log_failure``), or its build failed with it
                self._received(started)

    def prepared(self) -> Prepared:
        """The build's plan (waits for it); raises ``RecordsError`` for bad records."""
        assert self._prepared is not None
        prepared: Prepared = _result(self._prepared)
        for src_uri in prepared.gone:
            self.pages.pop(src_uri, None)
        return prepared

    def file(self, config: MkDocsConfig, entry: Entry) -> PendingFile:
        """The ``File`` of ``entry``: a page holds its Markdown, known or to come; another file
        is where the Keeper writes it, in ``site_dir``."""
        if is_page(entry):
            made = self.pages.get(entry.src_uri)
            file = PendingFile.generated(config, entry.src_uri, content=made.markdown if made else "")
        else:
            file = PendingFile.generated(
                config, entry.src_uri, abs_src_path=os.path.join(config.site_dir, entry.src_uri)
            )
        assert isinstance(file, PendingFile)
        file.maker = self
        self._files[entry.src_uri] = file
        if entry.source is not None:  # the record, from ``docs/``: the theme's edit button opens it
            file.edit_uri = posixpath.normpath(posixpath.join(self._project_from_docs(config), entry.source))
        return file

    def _project_from_docs(self, config: MkDocsConfig) -> str:
        """The project's folder as seen from ``docs_dir`` (``..``), as a link: once a build."""
        where = (config.config_file_path, config.docs_dir)
        if self._docs_to_project is None or self._docs_to_project[0] != where:
            project = os.path.dirname(os.path.abspath(config.config_file_path))
            self._docs_to_project = (where, Path(os.path.relpath(project, config.docs_dir)).as_posix())
        return self._docs_to_project[1]

    def schedule(self, prepared: Prepared, site_dir: str, leave: Callable[[str], bool] | None = None) -> None:
        """Have the jobs to make made: the pages first, in the order MkDocs reads them, in batches
        that grow (1, 2, 4… ``BATCH``) so that the first are ready at once; then the downloads and
        Word files, which nothing reads before MkDocs writes the pages: ``BATCH`` jobs a batch, one
        in the preview, whose next save waits for the batch being made (``_settle``). The
        jobs whose every file ``leave`` names are not made (the offline copy leaves the office
        area out)."""
        jobs = prepared.index.jobs
        todo = [n for n in prepared.todo if leave is None or not all(leave(e.src_uri) for e in jobs[n])]
        self.remade |= {e.src_uri for n in todo for e in jobs[n] if is_page(e)}
        pages = [n for n in todo if is_page(jobs[n][0])]
        start, size = 0, 1
        while start < len(pages):
            self._send(jobs, pages[start : start + size], site_dir)
            start, size = start + size, min(2 * size, BATCH)
        files = [n for n in todo if not is_page(jobs[n][0])]
        size = 1 if self.background else BATCH  # the preview's: a save waits for one job at most
        for start in range(0, len(files), size):
            self._send(jobs, files[start : start + size], site_dir)

    def _send(self, jobs: tuple[tuple[Entry, ...], ...], batch: list[int], site_dir: str) -> None:
        if self.background and self.process and not is_page(jobs[batch[0]][0]):
            with self._lock:
                self._afterwards.append((tuple(batch), site_dir))
            return
        future = self._last = self._submit("make", tuple(batch), site_dir)
        uris = [entry.src_uri for number in batch for entry in jobs[number]]
        self._uris[future] = uris
        for uri in uris:
            self._batches[uri] = future

    def ready(self, src_uri: str) -> bool:
        future = self._batches.get(src_uri)
        return future is None or future.done()

    def wait(self, src_uri: str) -> None:
        """Until ``src_uri`` is made (raises what making it raised); its page then holds it."""
        future = self._batches.get(src_uri)
        if future is None:
            return
        for made in _result(future):
            self.pages[made.src_uri] = made
            if (file := self._files.get(made.src_uri)) is not None:
                file.content_string = made.markdown
        self._received(future)

    def _received(self, future: Future) -> None:
        for uri in self._uris.pop(future, ()):
            self._batches.pop(uri, None)

    def wait_all(self) -> None:
        for src_uri in list(self._batches):
            self.wait(src_uri)

    def idle(self) -> bool:
        """Whether every batch of this build is made (the process has nothing left to do)."""
        return self._last is None or self._last.done()

    def blocks(self, src_uri: str) -> Blocks:
        self.wait(src_uri)
        made = self.pages.get(src_uri)
        return pickle.loads(zlib.decompress(made.packed)) if made and made.packed else Blocks()

    def release(self, src_uri: str) -> None:
        """A page is written and no later build reads its blocks: let them go."""
        if (made := self.pages.get(src_uri)) is not None and made.packed:
            self.pages[src_uri] = made._replace(packed=b"")

    def _log_failure(self, future: Future) -> None:
        """A download or Word file of the preview that could not be made, after its build ended
        (not one left unmade because the preview stopped)."""
        if future.cancelled() or future.exception() is None or self._closing:
            return
        error = future.exception()
        if isinstance(error, BrokenExecutor):
            log.error("tiến trình tạo trang đã dừng giữa chừng: tệp tải về và văn bản Word chưa được tạo lại")
        else:
            log.error(f"không tạo được tệp tải về hoặc văn bản Word: {type(error).__name__}: {error}")

    def later(self, copy: Callable[[], None]) -> None:
        """Copy a file made after MkDocs copied the others, when the build ends (``finish``)."""
        self._later.append(copy)

    def finish(self) -> None:
        """The build went through: the files made late are in place, the pages remade written;
        the preview's downloads and Word files to come (``_trickle``)."""
        for copy in self._later:
            copy()
        self._later = []
        self.remade = set()
        with self._lock:
            if self._afterwards and not self._closing:
                self._timer = threading.Timer(QUIET, self._trickle)
                self._timer.daemon = True
                self._timer.start()

    def _trickle(self, done: Future | None = None) -> None:
        """The preview's downloads and Word files, once no record was saved for ``QUIET`` seconds:
        one batch at a time, so that a save waits for one at most (``_settle`` drops the rest)."""
        if done is not None:
            self._log_failure(done)
        with self._lock:
            if not self._afterwards or self._closing:
                self._running = None
                return
            batch, site_dir = self._afterwards.pop(0)
            self._running = self._submit("make", batch, site_dir)
        self._running.add_done_callback(self._trickle)

    def cancel(self) -> None:
        """Drop the batches not started (the build failed); the process stays for the next build."""
        for future in self._batches.values():
            future.cancel()
        self._later = []

    def close(self) -> None:
        """Stop the process: at once, even in the middle of a batch."""
        if not self.process:
            return
        with self._lock:
            self._closing = True
            if self._timer is not None:
                self._timer.cancel()
        waiting = [self._prepared, self._ahead, self._running, *self._batches.values()]
        busy = any(f is not None and not f.done() for f in waiting)
        if busy and self._pid.done() and self._pid.exception() is None:
            try:
                os.kill(self._pid.result(), signal.SIGTERM)
            except OSError:
                pass
        self._executor.shutdown(wait=True, cancel_futures=True)
        self.process = False
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None


class PendingFile(File):
    """A generated file whose content comes with its batch: reading it (its content, whether it
    changed, copying it) first waits until it is made."""

    maker: Maker

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
        """In a dirty build: a page remade (by this build, or by one that failed since MkDocs
        last wrote it); a download is written in place when it is made."""
        return self.src_uri in self.maker.remade

    def copy_file(self, dirty: bool = False) -> None:
        """A download is written in place: now if it is made, or once it is, when the build ends
        (the preview's build does not wait for it: ``Maker``)."""
        if self.maker.ready(self.src_uri):
            super().copy_file(dirty)
        elif not self.maker.background:
            self.maker.later(partial(self._copy_when_made, dirty))

    def _copy_when_made(self, dirty: bool) -> None:
        self.maker.wait(self.src_uri)
        super().copy_file(dirty)
