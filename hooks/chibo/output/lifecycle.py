"""One build's life on MkDocs' public events, and the session around it.

MkDocs calls ``on_startup(command, dirty)`` once per command (``build``, ``serve``…) and
``on_shutdown`` when it ends, whatever happened; each build runs from ``on_config`` to
``on_post_build``, or to ``on_build_error`` when anything raises on the way (a hook of ours,
another plugin's, MkDocs itself). So:

* the **session** (``Session``) holds what lasts from ``on_startup`` to ``on_shutdown``: the
  ``maker.Maker`` (its process and the pages it made, kept between the builds of ``mkdocs
  serve`` so a saved record remakes only what changed), for dirty builds the last search
  index, and the theme's templates compiled (``Compiled``);
* the **build** (``Build``) holds what lasts one build: its plan, the pages MkDocs rebuilt,
  the publication of ``site/``;
* ``on_build_error`` and ``on_shutdown`` stop what was started: a failed build cancels its
  batches, and ends the maker's process unless ``mkdocs serve`` goes on; no process of the
  build outlives MkDocs. A build run without ``on_startup`` (``mkdocs.commands.build.build``
  called directly, as the tests do) is a session of its own, ended with the build.

``mkdocs serve`` builds into a folder of its own: nothing to publish. Other commands publish
``site/`` in one step (``publish``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from .. import text
from ..records import RecordsError
from ..records.paths import RECORDS
from . import assets, fence, policy, publish, render, sources
from .maker import Maker, PendingFile, Prepared, wanted

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page
    from watchdog.observers.api import BaseObserver

__all__ = ["Build", "Lifecycle", "Session"]

log = get_plugin_logger("chibo")
SEARCH_INDEX = "search/search_index.json"
# What a save does to a file (the watcher also hears every file the records are read from opened).
CHANGES = frozenset({EVENT_TYPE_CREATED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED, EVENT_TYPE_DELETED, EVENT_TYPE_CLOSED})


class Compiled(BytecodeCache):
    """The theme's templates as compiled by the session's first build: MkDocs makes a new Jinja
    environment for each build, and compiling Material's templates again took 0.25 s of every
    save in the preview. Jinja checks each template's source against the one compiled (a
    changed template is compiled again)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self.code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class Session:
    """From ``on_startup`` to ``on_shutdown``: the command, the maker, the last search index,
    the theme's templates compiled."""

    def __init__(self, command: str, dirty: bool, *, implicit: bool = False) -> None:
        self.command, self.dirty, self.implicit = command, dirty, implicit
        self.compiled = Compiled()
        self.maker: Maker | None = None
        self.search: dict | None = None  # the last search index of a dirty build, read
        self.watcher: BaseObserver | None = None  # the records' folder, for ``Maker.plan_ahead``

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    def maker_for(self, project: Path) -> Maker:
        """The session's maker (``mkdocs serve``), or a new one for this build."""
        if self.maker is not None and (self.maker.project != project or not self.serving):
            self.maker.close()
            self.maker = None
        if self.maker is None:
            self.maker = Maker(project, process=wanted(project), background=self.serving)
        return self.maker

    def watch(self, project: Path, directory_urls: bool) -> None:
        """``mkdocs serve`` with a second process: from the first build on, a saved record has
        the next build planned at once (``Maker.plan_ahead``), while MkDocs is still to notice."""
        if self.watcher is not None or self.maker is None or not self.maker.process:
            return
        maker = self.maker

        class Saved(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if not event.is_directory and event.event_type in CHANGES:  # not a file read
                    maker.plan_ahead(directory_urls)

        self.watcher = Observer()
        self.watcher.daemon = True
        self.watcher.schedule(Saved(), str(project / RECORDS), recursive=True)
        self.watcher.start()

    def close(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher.join(timeout=5)
            self.watcher = None
        if self.maker is not None:
            self.maker.close()
            self.maker = None


class Build:
    """From ``on_config`` to ``on_post_build`` (or ``on_build_error``)."""

    def __init__(self, session: Session, config: MkDocsConfig) -> None:
        if problem := fence.version_problem(fence.material_version()):
            raise PluginError(problem)  # before anything is started
        self.session = session
        self.project = Path(config.config_file_path).parent
        self.maker = session.maker_for(self.project)
        self.prepared: Prepared | None = None
        self.rebuilt: list[str] = []  # the addresses of the pages MkDocs built, in order
        self.bare: dict[str, str] = {}  # a page's HTML without its blocks, until MkDocs wrote it
        self.publishing: MkDocsConfig | None = None  # the configuration whose site_dir is a hidden sibling

    def configure(self, config: MkDocsConfig) -> None:
        """Start reading the records, set our Markdown options, point the build at ``site/``'s sibling."""
        self.maker.begin(config.use_directory_urls, site_kept=self.session.dirty)
        config.mdx_configs.setdefault("toc", {})["slugify"] = text.slugify
        # An Extension object among the names: Python-Markdown takes both (MkDocs types it as names).
        config.markdown_extensions.append(policy.AlignClasses())  # type: ignore[arg-type]
        if not self.session.serving:
            try:
                publish.begin(config)
            except publish.PublishError as error:
                raise PluginError(str(error)) from None
            self.publishing = config

    def files(self, files: Files, config: MkDocsConfig, ours: object) -> Files:
        """Every generated file, made now or as MkDocs comes to it; the theme's data; the checks."""
        material = [d for d in config.theme.dirs if d != config.theme.custom_dir]
        for problem in fence.check(material, config.plugins.events["page_context"], ours):
            log.warning(problem)
        try:
            self.prepared = self.maker.prepared()
        except RecordsError as error:
            raise PluginError(f"Hồ sơ có lỗi, không tạo trang:\n{error}") from None
        index = self.prepared.index
        for warning in index.warnings:
            log.warning(str(warning))
        offline = policy.offline(config)
        config.extra["chibo"] = index.theme_context(offline=offline)
        self.maker.schedule(self.prepared, config.site_dir, sources.office_side if offline else None)
        for entry in index.entries:
            if offline and sources.office_side(entry.src_uri):
                continue  # the offline copy is shared as a file: the members' pages only
            files.append(self.maker.file(config, entry))
        fence.fold_diacritics(files, config)
        return assets.fingerprint(files, config)

    def theme(self, env: Environment) -> None:
        """The theme's environment of this build (``on_env``): its templates compiled once a session."""
        env.bytecode_cache = self.session.compiled

    def search_text(self, page: Page, html: str) -> str:
        """A page's HTML as the search index reads it: each block's text where the block goes."""
        if not isinstance(page.file, PendingFile) or render.PLACEHOLDER_MARK not in html:
            return html
        return render.mark(html, self.maker.blocks(page.file.src_uri).search)

    def fill_blocks(self, page: Page) -> str | None:
        """A page's HTML with its blocks put in, once the search index has read it."""
        self.rebuilt.append(page.url)
        if not isinstance(page.file, PendingFile) or not page.content:
            return page.content
        self.bare[page.url] = render.bare(page.content)
        return render.unmark(page.content, self.maker.blocks(page.file.src_uri).html)

    def written(self, page: Page) -> None:
        """MkDocs made ``page``'s HTML file (``on_post_page``): the page's HTML keeps each block as
        its placeholder again (``render.bare``), the whole page being in the file; at 5,000 cells
        the blocks would hold 400 MiB to the end of the build. A build that publishes lets its
        blocks go, and the second process once it has made every file (its memory with it)."""
        if (bare := self.bare.pop(page.url, None)) is not None:
            page.content = bare
        if self.session.serving:
            return
        self.maker.release(page.file.src_uri)
        if self.maker.process and self.maker.idle():
            self.maker.wait_all()
            self.maker.close()

    def finish(self, config: MkDocsConfig) -> None:
        """The build went through: the files made late, the preview's leftovers, ``site/``."""
        self.maker.finish()
        if not self.session.serving:
            self.maker.wait_all()
            self.maker.close()
        else:
            self.session.watch(self.project, config.use_directory_urls)
        if self.session.serving and self.session.dirty and self.prepared is not None:
            self._dirty_leftovers(config)
        if self.publishing is not None:
            self.publishing = None
            try:
                publish.finish(config)
            except publish.PublishError as error:
                raise PluginError(str(error)) from None

    def abort(self) -> None:
        """The build failed: drop its batches (the pages it remade are rebuilt next time) and
        the folder it was writing (``site/`` stays as it was)."""
        self.maker.cancel()
        if self.publishing is not None:
            publish.abandon(self.publishing)
            self.publishing = None

    def _dirty_leftovers(self, config: MkDocsConfig) -> None:
        """A dirty build leaves what the records no longer make, and Material's index assumes
        one page was rebuilt: delete the files that went, and put the index right."""
        assert self.prepared is not None
        site_dir = Path(config.site_dir)
        gone = [File(src_uri, None, str(site_dir), config.use_directory_urls) for src_uri in self.prepared.gone]
        for file in gone:
            _remove(Path(file.abs_dest_path), site_dir)
        path = site_dir / SEARCH_INDEX
        if not path.is_file():
            return
        written = json.loads(path.read_bytes())
        if self.session.search is not None:
            written = fence.merge_search_index(self.session.search, written, self.rebuilt, [f.url for f in gone])
            path.write_text(json.dumps(written, separators=(",", ":")), encoding="utf-8")
        self.session.search = written


def _remove(path: Path, root: Path) -> None:
    """Delete a file, then the folders it leaves empty, up to ``root``."""
    path.unlink(missing_ok=True)
    for parent in path.parents:
        if parent == root:
            return
        try:
            parent.rmdir()
        except OSError:
            return


class Lifecycle:
    """The hooks' one piece of state, as a plugin's attributes would be: the session and the
    build in progress. MkDocs keeps the hooks module for the whole process (every build of
    ``mkdocs serve``, every build of a test run), so each event starts or ends them here."""

    def __init__(self) -> None:
        self.session: Session | None = None
        self.build: Build | None = None

    def startup(self, command: str, dirty: bool) -> None:
        self.shutdown()  # a session MkDocs never ended (a test that stopped half way)
        self.session = Session(command, dirty)

    def begin(self, config: MkDocsConfig) -> Build:
        if self.build is not None:  # a build MkDocs never ended: it cannot be running
            self.end(failed=True)
        if self.session is None:
            self.session = Session("build", False, implicit=True)
        self.build = Build(self.session, config)
        return self.build

    def current(self) -> Build:
        if self.build is None:
            raise PluginError("chibo: sự kiện của MkDocs đến khi không có lần tạo trang nào")
        return self.build

    def end(self, *, failed: bool) -> None:
        build, self.build = self.build, None
        if build is not None and failed:
            build.abort()
        if self.session is not None and (self.session.implicit or (failed and not self.session.serving)):
            self.session.close()
            if self.session.implicit:
                self.session = None

    def shutdown(self) -> None:
        if self.build is not None:
            self.end(failed=True)
        if self.session is not None:
            self.session.close()
            self.session = None
