"""The pages made in a second process while MkDocs builds the ones already made.

MkDocs builds pages on one core. At 1,000 cells our own part (records, Report, 2,000 pages,
downloads, Word files: about 4 s) would come first and add to it; made by a worker on the
second core it runs beside MkDocs instead: the worker sends the ``Index`` as soon as the
records are validated, then the pages in the order MkDocs reads them, then the downloads.
MkDocs waits only when it reaches a page not yet made (``files.PendingFile``).

The worker is a fresh interpreter (``python -m chibo.output.worker``, the same on Linux,
macOS and Windows, whatever script started MkDocs) running ``site.plan``: the same code as a
build in one process, so the two write the same site (the tests compare them byte for
byte). It sends pickled messages on its standard output; anything else it would print goes
to its standard error. It owns the records and the Report; this process holds
only what it is sent. ``close()`` stops it when the build ends; after a failed build it
ends when its pipe is dropped with the build (``mkdocs serve``) or with MkDocs (a daemon).

    CHIBO_WORKER=0   never (every page made in the MkDocs process)
    CHIBO_WORKER=1   always
    (unset)          from ``AUTO_CELLS`` cells on, when the machine has two cores or more
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ..records import RecordsError
from ..records.paths import CELLS_DIR, RECORDS
from .pages import Page
from .site import Index, plan

__all__ = ["AUTO_CELLS", "Worker", "WorkerError", "wanted"]

AUTO_CELLS = 200  # below this, starting a process (about 0.5 s) costs more than it saves
BATCH = 64  # pages a message: few messages, and MkDocs can start on the first ones early
QUEUED = 8  # messages made but not yet sent, at most: the worker runs ahead of MkDocs by this much
_WAIT_SECONDS = 10
_HOOKS = Path(__file__).resolve().parents[2]  # the folder that holds the ``chibo`` package


class WorkerError(Exception):
    """The worker failed or stopped; the message says why, for the person building."""


def wanted(project: Path) -> bool:
    """Whether this build should make its pages in a worker (see the module's text)."""
    setting = os.environ.get("CHIBO_WORKER", "").strip().lower()
    if setting in {"0", "no", "false"}:
        return False
    if setting in {"1", "yes", "true"}:
        return True
    if (os.cpu_count() or 1) < 2:
        return False
    cells = project / RECORDS / CELLS_DIR
    return cells.is_dir() and sum(1 for _ in zip(range(AUTO_CELLS), cells.glob("*.yml"))) >= AUTO_CELLS


class Worker:
    """The main side: the Index and the pages as they arrive (``site.Pages``)."""

    def __init__(self, process: subprocess.Popen) -> None:
        self._process = process
        self._index: Index | None = None
        self._pages: dict[str, Page] = {}
        self._released: set[str] = set()
        self._later: list[Callable[[], None]] = []
        self._done = False

    @classmethod
    def start(cls, project: Path, directory_urls: bool = True) -> Worker:
        path = os.pathsep.join(filter(None, (str(_HOOKS), os.environ.get("PYTHONPATH"))))
        command = [sys.executable, "-m", "chibo.output.worker", str(project), "1" if directory_urls else "0"]
        return cls(subprocess.Popen(command, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": path}))

    def index(self) -> Index:
        """Waits for the records to be validated; raises ``RecordsError`` for bad records."""
        while self._index is None:
            self._receive()
        return self._index

    def page(self, src_uri: str) -> Page:
        while src_uri not in self._pages:
            if self._done or src_uri in self._released:
                raise KeyError(f"the worker made no {src_uri}, or it was released")
            self._receive()
        return self._pages[src_uri]

    def ready(self, src_uri: str) -> bool:
        return src_uri in self._pages

    def release(self, src_uri: str) -> None:
        """MkDocs has the page now (its Markdown read, its blocks put in): let it go."""
        self._pages.pop(src_uri, None)
        self._released.add(src_uri)

    def modified(self, src_uri: str) -> bool:
        return True

    def built(self, url: str) -> None:
        pass

    def later(self, write: Callable[[], None]) -> None:
        self._later.append(write)

    def finish(self) -> None:
        """Write the downloads left for the end (made by now, as MkDocs wrote the pages), then close."""
        for write in self._later:
            write()
        self._later.clear()
        self.close()

    def close(self) -> None:
        """Stop the worker (at once if it is still making pages nobody will read)."""
        if not self._done and self._process.poll() is None:
            self._process.kill()
        self._process.stdout.close()
        self._process.wait(_WAIT_SECONDS)

    def _receive(self) -> None:
        try:
            kind, value = pickle.load(self._process.stdout)
        except (EOFError, OSError, pickle.UnpicklingError):
            self._done = True
            code = self._process.wait(_WAIT_SECONDS)
            raise WorkerError(f"tiến trình tạo trang đã dừng giữa chừng (mã thoát {code})") from None
        if kind == "index":
            self._index = value
        elif kind == "pages":
            self._pages.update((page.src_uri, page) for page in value)
        elif kind == "done":
            self._done = True
        elif kind == "invalid":
            self._done = True
            raise RecordsError(value)
        else:
            self._done = True
            raise WorkerError(f"tiến trình tạo trang gặp lỗi:\n{value}")


def work(project: Path, directory_urls: bool, out: BinaryIO) -> None:
    """The worker: validate, send the Index, then every page in order, batch by batch.

    A thread does the sending, so making pages never waits for MkDocs to read the last batch.
    """
    pending: queue.Queue = queue.Queue(maxsize=QUEUED)  # bounded: pages wait here, not all in memory

    def send() -> None:
        try:
            while (message := pending.get()) is not None:
                # Pickled whole, then written in one call: the write waits for MkDocs to read
                # without holding the interpreter's lock, so the pages go on being made.
                out.write(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
                out.flush()
        except OSError:  # the build stopped reading (it failed or was interrupted): nothing to do
            pass

    sender = threading.Thread(target=send, name="chibo-send", daemon=True)
    sender.start()
    try:
        records, report, jobs = plan(project, directory_urls)
        # They live as long as this process: later collections (while pages are made)
        # need not scan them again (at 5,000 cells, 3.4 s of the worker's time).
        gc.freeze()
        pending.put(("index", Index.of(records, report, jobs)))
        batch: list[Page] = []
        sent = 0
        for job in jobs:
            if batch and not job.entries[0][0].endswith(".md"):  # the pages are all made: send them now
                pending.put(("pages", tuple(batch)))
                batch, sent = [], sent + 1
            batch.extend(job.run())
            if len(batch) >= min(BATCH, 2**sent):  # 1, 2, 4… pages: the first ones leave at once
                pending.put(("pages", tuple(batch)))
                batch, sent = [], sent + 1
        pending.put(("pages", tuple(batch)))
        pending.put(("done", None))
    except RecordsError as error:
        pending.put(("invalid", error.problems))
    except Exception:
        pending.put(("failed", traceback.format_exc()))
    finally:
        pending.put(None)
        sender.join()


def main() -> None:
    """``python -m chibo.output.worker PROJECT DIRECTORY_URLS``: messages on standard output."""
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print cannot break the messages
    sys.stdout = sys.stderr
    try:
        work(Path(sys.argv[1]), sys.argv[2] == "1", out)
    finally:
        try:
            out.close()
        except OSError:
            pass


if __name__ == "__main__":
    main()
