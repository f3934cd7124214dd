"""Instant preview: in ``mkdocs serve``, a saved record shows in seconds, even at 1,000 cells.

``python hooks/dev.py serve`` runs ``mkdocs serve --dirty``: MkDocs rebuilds only the pages
whose file says it changed. Three things make that true and fast:

* **A preview worker** stays alive for the whole ``mkdocs serve`` session (a process of its
  own, so nothing is kept in the hook modules MkDocs reuses between builds). It keeps what
  each record file gave (``records.load.Memo``: an unchanged file is not read again) and the
  files of the last build with what they were made from (``pages.Job.key``). Each build,
  it loads the records, makes the Report, and remakes only the jobs whose key changed: for
  a record saved, that cell's page and documents, the year pages, the lists, the
  downloads. A build connects to it through a socket whose address and key are in a
  private folder beside ``site_dir`` (``<site_dir>.chibo-preview/``, mode 0700). It stops
  when ``mkdocs serve`` stops (its parent changes) or after an hour without a build.
* **A manifest** (``.chibo-manifest.json`` in ``site_dir``) says what each generated file
  held when last written; a file is modified when the worker remade it or its manifest
  entry differs. A file the records no longer make is deleted.
* **The search index** is put right after Material writes it: in a dirty build Material
  merges its new entries into the last index assuming one page changed; here the index
  is the last one without the pages rebuilt (or gone) plus their new entries.

What the preview does not do: pages whose content did not change keep what they were
built with (after editing ``mkdocs.yml``, ``docs/`` styles or ``hooks/``, restart the
preview). A full ``mkdocs build`` remains the way to publish.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Client, Connection, Listener
from pathlib import Path

from ..records import RecordsError
from ..records.load import Memo
from .pages import Job, Page
from .site import Index, plan

__all__ = ["Preview", "PreviewError", "stop"]

MANIFEST = ".chibo-manifest.json"
SEARCH_INDEX = "search/search_index.json"
_ENDPOINT = "endpoint.json"
_START_SECONDS = 30
_IDLE_SECONDS = 3600
_HOOKS = Path(__file__).resolve().parents[2]


class PreviewError(Exception):
    """The preview worker cannot be reached or failed; the message is for the person editing."""


def folder(site_dir: Path) -> Path:
    """The private folder of the preview worker of ``site_dir``."""
    return site_dir.with_name(site_dir.name + ".chibo-preview")


def digest(page: Page) -> str:
    content = page.content.encode("utf-8") if isinstance(page.content, str) else page.content
    return hashlib.sha1(content).hexdigest()


# --- the build's side --------------------------------------------------------------------


class Preview:
    """One preview build's pages (``site.Pages``), asked of the preview worker."""

    def __init__(self, connection: Connection, site_dir: Path) -> None:
        self._connection = connection
        self._site_dir = site_dir
        self._index: Index | None = None
        self._remade: set[str] = set()
        self._asked: set[str] = set()
        self._pages: dict[str, Page] = {}
        self._digests: dict[str, str] = {}
        self._later: list[Callable[[], None]] = []
        self._built: list[str] = []
        manifest = _read_json(site_dir / MANIFEST) or {}
        self._written: dict[str, str] = manifest.get("files", {})
        self._written_theme = manifest.get("theme")
        self._search = _read_json(site_dir / SEARCH_INDEX)

    @classmethod
    def start(cls, project: Path, site_dir: Path, directory_urls: bool) -> Preview:
        connection = _connect(site_dir) or _launch(project, site_dir)
        connection.send(("build", directory_urls))
        return cls(connection, site_dir)

    def index(self) -> Index:
        while self._index is None:
            self._receive()
        return self._index

    def page(self, src_uri: str) -> Page:
        if src_uri not in self._pages and src_uri not in self._remade and src_uri not in self._asked:
            self._asked.add(src_uri)
            self._connection.send(("page", src_uri))  # kept by the worker, but needed again: ask for it
        while src_uri not in self._pages:
            self._receive()
        return self._pages[src_uri]

    def ready(self, src_uri: str) -> bool:
        return src_uri in self._pages

    def modified(self, src_uri: str) -> bool:
        index = self.index()
        if self._written_theme != _theme(index):
            return True
        return src_uri in self._remade or self._written.get(src_uri) != self._digests.get(src_uri)

    def built(self, url: str) -> None:
        self._built.append(url)

    def release(self, src_uri: str) -> None:
        pass  # few pages: kept for the manifest

    def later(self, write: Callable[[], None]) -> None:
        self._later.append(write)

    def finish(self) -> None:
        """Write what was left for later, the manifest and the search index; drop gone files."""
        for write in self._later:
            write()
        index = self.index()
        files = {}
        for src_uri, _ in index.entries:
            page = self._pages.get(src_uri)
            files[src_uri] = digest(page) if page is not None else self._digests[src_uri]
        for gone in set(self._written) - set(files):
            _remove(self._site_dir / _destination(gone))
        if self._search is not None:
            self._fix_search()
        manifest = {"theme": _theme(index), "files": files}
        (self._site_dir / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        self.close()

    def close(self) -> None:
        self._connection.close()

    def _receive(self) -> None:
        try:
            kind, value = self._connection.recv()
        except (EOFError, OSError):
            raise PreviewError("tiến trình xem trước đã dừng; hãy lưu lại tệp hoặc khởi động lại lệnh serve") from None
        if kind == "index":
            self._index, self._digests = value
            self._remade = {src for src, d in self._digests.items() if d is None}
        elif kind in ("pages", "page"):
            self._pages.update((page.src_uri, page) for page in (value if kind == "pages" else (value,)))
        elif kind == "done":
            pass
        elif kind == "invalid":
            raise RecordsError(value)
        else:
            raise PreviewError(f"tiến trình xem trước gặp lỗi:\n{value}")

    def _fix_search(self) -> None:
        """The last index without the pages rebuilt or gone, then the new entries of the
        pages rebuilt (the last run of each in what Material wrote: it appends them)."""
        written = _read_json(self._site_dir / SEARCH_INDEX)
        if written is None:
            return
        rebuilt = set(self._built)
        kept = [e for e in self._search["docs"] if _page_of(e) not in rebuilt and self._exists(_page_of(e))]
        runs: dict[str, list[dict]] = {}
        previous = None
        for entry in written["docs"]:
            page = _page_of(entry)
            if page in rebuilt:
                if page != previous:
                    runs[page] = []
                runs[page].append(entry)
            previous = page
        fresh = [entry for url in self._built for entry in runs.get(url, [])]
        written["docs"] = kept + fresh
        (self._site_dir / SEARCH_INDEX).write_text(json.dumps(written, separators=(",", ":")), encoding="utf-8")

    def _exists(self, url: str) -> bool:
        path = self._site_dir / url
        return (path / "index.html").is_file() if url.endswith("/") or not url else path.is_file()


def _theme(index: Index) -> str:
    return json.dumps(index.theme_context(), sort_keys=True, default=str)


def _page_of(entry: dict) -> str:
    return entry["location"].split("#", 1)[0]


def _destination(src_uri: str) -> str:
    """Where MkDocs writes a generated file (every generated page is a folder's index.md)."""
    return src_uri[: -len(".md")] + ".html" if src_uri.endswith("/index.md") or src_uri == "index.md" else src_uri


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return
    for parent in path.parents:  # empty folders left behind, up to the site's root
        try:
            parent.rmdir()
        except OSError:
            return


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _connect(site_dir: Path) -> Connection | None:
    endpoint = _read_json(folder(site_dir) / _ENDPOINT)
    if endpoint is None:
        return None
    try:
        return Client(endpoint["address"], authkey=bytes.fromhex(endpoint["key"]))
    except (OSError, EOFError, KeyError, ValueError):
        return None


def stop(site_dir: Path) -> None:
    """Stop the preview worker of ``site_dir``, if one runs (the tests; ``mkdocs serve``
    needs not: its worker stops with it)."""
    connection = _connect(site_dir)
    if connection is not None:
        try:
            connection.send(("stop", None))
        except OSError:
            pass
        connection.close()
    shutil.rmtree(folder(site_dir), ignore_errors=True)


def _launch(project: Path, site_dir: Path) -> Connection:
    home = folder(site_dir)
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(mode=0o700)
    path = os.pathsep.join(filter(None, (str(_HOOKS), os.environ.get("PYTHONPATH"))))
    subprocess.Popen(
        [sys.executable, "-m", "chibo.output.preview", str(project), str(home)],
        env={**os.environ, "PYTHONPATH": path},
        stdin=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + _START_SECONDS
    while time.monotonic() < deadline:
        connection = _connect(site_dir)
        if connection is not None:
            return connection
        time.sleep(0.02)
    raise PreviewError(f"không khởi động được tiến trình xem trước (thư mục {home})")


# --- the worker's side -------------------------------------------------------------------


class Keeper:
    """What the worker keeps between builds: the memo of record files, and for each job of
    the last build its key, its files and their digests."""

    def __init__(self, project: Path, home: Path) -> None:
        self.project, self.home = project, home
        self.memo = Memo()
        self.keys: dict[tuple, object] = {}
        self.files: dict[str, Page] = {}
        self.digests: dict[str, str] = {}
        self.lock = threading.Lock()  # one build at a time

    def build(self, directory_urls: bool, send: Callable[[tuple], None]) -> None:
        """Send the Index with the digest of each file kept (``None``: remade now), then
        the files remade, in the order MkDocs reads them."""
        with self.lock:
            records, report, jobs = plan(self.project, directory_urls, self.memo)
            digests: dict[str, str | None] = {}
            todo: list[Job] = []
            for job in jobs:
                sources = [src for src, _ in job.entries]
                if job.key is not None and self.keys.get(job.entries, None) == job.key:
                    digests.update((src, self.digests[src]) for src in sources)
                else:
                    todo.append(job)
                    digests.update((src, None) for src in sources)
            send(("index", (Index.of(records, report, jobs), digests)))
            for job in todo:  # few after the first build: each sent as soon as it is made
                pages = job.run()
                for page in pages:
                    self.files[page.src_uri], self.digests[page.src_uri] = page, digest(page)
                self.keys[job.entries] = job.key
                send(("pages", pages))
            current = {src for job in jobs for src, _ in job.entries}
            for src in [src for src in self.files if src not in current]:
                del self.files[src], self.digests[src]
            self.keys = {job.entries: job.key for job in jobs if job.entries in self.keys}
            send(("done", None))


def serve(project: Path, home: Path) -> None:
    """The preview worker: a thread per build's connection, until ``mkdocs serve`` stops."""
    key = secrets.token_bytes(32)
    listener = Listener(authkey=key)
    staged = home / (_ENDPOINT + ".tmp")
    staged.write_text(json.dumps({"address": listener.address, "key": key.hex()}), encoding="utf-8")
    os.replace(staged, home / _ENDPOINT)
    keeper = Keeper(project, home)
    last = [time.monotonic()]
    _watch_parent(home, last)
    while True:
        try:
            connection = listener.accept()
        except (OSError, EOFError):  # a client that failed the key, or left at once
            continue
        last[0] = time.monotonic()
        threading.Thread(target=_answer, args=(connection, keeper), daemon=True).start()


def _answer(connection: Connection, keeper: Keeper) -> None:
    """One build: make what changed, and answer its requests until it closes the connection."""
    lock = threading.Lock()

    def send(message: tuple) -> None:
        with lock:
            connection.send(message)

    try:
        kind, directory_urls = connection.recv()
        if kind == "stop":
            shutil.rmtree(keeper.home, ignore_errors=True)
            os._exit(0)
        if kind != "build":
            return
        threading.Thread(target=_requests, args=(connection, keeper, send), daemon=True).start()
        try:
            keeper.build(directory_urls, send)
        except RecordsError as error:
            send(("invalid", error.problems))
        except Exception:
            send(("failed", traceback.format_exc()))
    except (EOFError, OSError):  # the build stopped listening
        connection.close()


def _requests(connection: Connection, keeper: Keeper, send: Callable[[tuple], None]) -> None:
    """Pages the build asks for (made in an earlier build, missing on disk)."""
    try:
        while True:
            kind, src_uri = connection.recv()
            if kind == "page":
                page = keeper.files.get(src_uri)
                send(("page", page) if page is not None else ("failed", f"không có trang {src_uri}"))
    except (EOFError, OSError):
        connection.close()


def _watch_parent(home: Path, last: list[float]) -> None:
    """Stop with ``mkdocs serve`` (this process's parent changes), or after an idle hour."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1)
            if os.getppid() != parent or time.monotonic() - last[0] > _IDLE_SECONDS:
                shutil.rmtree(home, ignore_errors=True)
                os._exit(0)

    threading.Thread(target=watch, name="chibo-preview-watch", daemon=True).start()


if __name__ == "__main__":
    serve(Path(sys.argv[1]), Path(sys.argv[2]))
