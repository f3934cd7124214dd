"""Shared fixtures: small projects in temporary folders, built for real."""

from __future__ import annotations

import http.server
import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
# The tests' own copy of the sample's records (a snapshot, never the shipped records/: editing
# the sample must not change what the tests check). Refreshed by hand when a test needs it.
SAMPLE = DATA / "sample" / "records"
sys.path.insert(0, str(ROOT / "hooks"))

# Random tests: repeatable in CI, exploring locally. Under CI (the variable CI set, as
# .ci/run and every CI service do) Hypothesis draws the same examples on every run and
# keeps no example database, so a green run stays green and a red one is red again on the
# same commit; locally it explores new examples each run and replays the failures it found
# (.hypothesis/). A failure found either way is pinned in its test with @example.
# Registered here, before any test module is imported: a test's own @settings starts from
# the profile loaded now.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev")
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def copy_project(target: Path, records: Path | None = None) -> Path:
    """A buildable project in ``target``: our mkdocs.yml, docs and hooks, given records (the
    sample's snapshot, tests/data/sample, unless asked)."""
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    # The site's own pages and assets from docs/ (nothing there is the sample's: the blank
    # sheets are made from each programme's criteria).
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copytree(ROOT / "hooks", target / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(records or SAMPLE, target / "records")
    return target


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """The hand-checked mini records (tests/data/mini) in a temporary project."""
    return copy_project(tmp_path, DATA / "mini" / "records")


def build_site(project: Path, *, strict: bool = True) -> Path:
    """Run a real ``mkdocs build`` of ``project`` (``--strict`` unless asked: a warning fails
    it, as ``python hooks/dev.py build`` does); return its ``site/``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), strict=strict)
    build(config)
    return project / "site"


class Serve:
    """A ``mkdocs serve --dirty`` session without the server: MkDocs' own dirty builds of
    ``project`` into ``site_dir``, between ``on_startup`` and ``on_shutdown`` as serve calls them."""

    def __init__(self, project: Path, site_dir: Path, *, dirty: bool = True) -> None:
        self.project, self.site_dir, self.dirty = project, site_dir, dirty
        self.first = self.config()
        self.first.plugins.on_startup(command="serve", dirty=dirty)

    def config(self):
        from mkdocs.config import load_config

        return load_config(str(self.project / "mkdocs.yml"), site_dir=str(self.site_dir))

    def build(self) -> Path:
        from mkdocs.commands.build import build

        build(self.config(), dirty=self.dirty)
        return self.site_dir

    def stop(self) -> None:
        """End the session as ``mkdocs serve`` does. MkDocs keeps a plugin that has ``on_startup``
        for the whole process, and Material's search keeps the session's index to merge the next
        build into: a test process goes on with other builds, so that is dropped too."""
        self.first.plugins.on_shutdown()
        search = self.first.plugins["material/search"]
        search.is_dirty, search.search_index_prev = False, None


# --- browser tests ----------------------------------------------------------------------
# Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright. On a machine
# without them the browser tests skip with the reason; in CI (CI=true) they must run.

CHROMIUM = Path(os.environ.get("CHIBO_CHROMIUM", "/usr/bin/chromium"))
NODE_TOOLS = Path(__file__).resolve().parent / "browser" / "node_modules"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require(condition: bool, reason: str) -> None:
    """Skip when a tool (browser, engine) is missing here; fail in CI, where .ci/run installs them."""
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run these tests: {reason}")
        pytest.skip(reason)


class Server:
    """A static file server on 127.0.0.1 for a built site, in a background thread.

    It sends the site's content policy, as the production server does (deploy/nginx), so
    every browser test runs under it.
    """

    def __init__(self, root: Path, *, policy: bool = True) -> None:
        import functools
        import threading

        from chibo.output import policy as content_policy

        headers = {"Content-Security-Policy": content_policy.header()} if policy else {}
        handler = functools.partial(_QuietHandler, directory=str(root), headers=headers)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.root = root
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args: object, headers: dict[str, str], **kwargs: object) -> None:
        self.extra_headers = headers
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's offline copy (``python hooks/dev.py offline``): .html addresses, from disk."""
    import subprocess

    project = copy_project(tmp_path_factory.mktemp("offline"))
    env = dict(os.environ, CHIBO_OFFLINE="true", CHIBO_DIRECTORY_URLS="false", NO_MKDOCS_2_WARNING="1")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env, check=True, capture_output=True
    )
    return project / "site"


@pytest.fixture(scope="session")
def sample_server(tmp_path_factory: pytest.TempPathFactory):
    """The bundled sample site, built once and served for all browser tests."""
    site = build_site(copy_project(tmp_path_factory.mktemp("served")))
    server = Server(site)
    yield server
    server.close()


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright is not installed (pip install -e .[test])")
    require(CHROMIUM.exists(), f"Chromium not found at {CHROMIUM} (Debian package 'chromium')")
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


_REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => window.__chiboViolation(
  `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
"""


class Visit:
    """A page opened as a reader would, with what went wrong along the way."""

    def __init__(
        self,
        browser,
        url: str,
        *,
        width: int = 1280,
        height: int = 900,
        javascript: bool = True,
        scheme: str = "light",
        **context: object,
    ) -> None:
        """``context``: more Playwright context options (``http_credentials``…)."""
        from urllib.parse import urlsplit

        self.context = browser.new_context(
            viewport={"width": width, "height": height}, java_script_enabled=javascript, color_scheme=scheme, **context
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        origin = urlsplit(url)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        # Content policy violations, as the page's own securitypolicyviolation events report
        # them (Chromium also logs each one as a console error, in self.errors).
        self.violations: list[str] = []
        self.context.expose_function("__chiboViolation", lambda text: self.violations.append(text))
        self.context.add_init_script(_REPORT_VIOLATIONS)
        self.missing: list[str] = []
        self.page.on("response", lambda r: self.missing.append(r.url) if r.status == 404 else None)

        def check(request) -> None:
            target = urlsplit(request.url)
            if target.scheme in ("data", "blob", "about"):
                return
            if (target.scheme, target.netloc) != (origin.scheme, origin.netloc):
                self.outside.append(request.url)

        self.page.on("request", check)
        self.page.goto(url)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser):
    opened: list[Visit] = []

    def open_page(url: str, **options) -> Visit:
        opened.append(Visit(browser, url, **options))
        return opened[-1]

    yield open_page
    for v in opened:
        v.close()
