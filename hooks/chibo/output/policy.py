"""The content policy the site obeys (DESIGN.md §6), and what the build does to obey it.

Scripts come only from the site itself, with no inline script and no ``eval``; styles
only from the site's style sheets; nothing from another origin. Two things Material and
Python-Markdown write would break that, and are changed as each page is built:

* **Inline scripts.** Material's ``base.html`` and its partials write small ``<script>``
  elements (storage helpers in ``<head>``, the colour palette, tab state). Every inline
  script of every page is moved to a file named by the hash of its text
  (``assets/javascripts/chibo-inline.<hash>.js``) and loaded from there, in the same
  place, so it runs at the same moment. Nothing of Material is copied or pinned: a new
  Material version with other inline scripts gets other files. JSON data blocks
  (``<script type="application/json">``) are not scripts and stay.
* **Table alignment.** Python-Markdown writes ``style="text-align: right;"`` on table
  cells; ``AlignClasses`` writes ``class="chibo-align-right"`` instead (``chibo.css``).

``header()`` is the policy the web server sends (``deploy/nginx/snippets/chibo-headers.conf``
holds the same text; a test compares them). ``meta()`` is the same policy for the offline
copy, which no server delivers: a ``<meta>`` element cannot carry ``frame-ancestors``.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

if TYPE_CHECKING:
    from markdown import Markdown
    from mkdocs.config.defaults import MkDocsConfig

__all__ = ["SCRIPTS", "AlignClasses", "externalize_scripts", "header", "meta", "offline", "page_root", "template_root"]

DIRECTIVES = (
    ("default-src", "'none'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),  # Material's icons are data: URLs in its style sheet
    ("connect-src", "'self'"),  # the search index
    ("worker-src", "'self'"),  # the search worker
    ("form-action", "'self'"),
    ("base-uri", "'none'"),
    ("frame-ancestors", "'none'"),  # header only
)
HEADER_ONLY = {"frame-ancestors"}
SCRIPTS = "assets/javascripts/chibo-inline.{digest}.js"

_SCRIPT = re.compile(
    r"""<script\b(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)>(?P<body>.*?)</script\s*>""", re.IGNORECASE | re.DOTALL
)
_SRC = re.compile(r"""\ssrc\s*=""", re.IGNORECASE)
_TYPE = re.compile(r"""\stype\s*=\s*["']?(?P<type>[^"'\s>]*)""", re.IGNORECASE)
_JAVASCRIPT = {"", "text/javascript", "application/javascript", "module"}
_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$")


def header() -> str:
    """The ``Content-Security-Policy`` header value."""
    return "; ".join(f"{name} {value}" for name, value in DIRECTIVES)


def meta() -> str:
    """The same policy for ``<meta http-equiv="Content-Security-Policy">``."""
    return "; ".join(f"{name} {value}" for name, value in DIRECTIVES if name not in HEADER_ONLY)


def offline(config: MkDocsConfig) -> bool:
    """Whether this build is the offline copy (Material's offline plugin enabled)."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def page_root(url: str) -> str:
    """The site's root as seen from a page at ``url`` (``"chi-bo/x/"`` → ``"../../"``, ``""`` → ``""``)."""
    from mkdocs.utils import get_relative_url

    root = get_relative_url(".", url).rstrip("/")
    return "" if root == "." else root + "/"


def template_root(name: str, config: MkDocsConfig) -> str:
    """As ``page_root``, for a theme template: MkDocs gives error pages an absolute root."""
    from urllib.parse import urlsplit

    from mkdocs.utils import is_error_template

    return urlsplit(config.site_url or "/").path if is_error_template(name) else page_root(name)


def externalize_scripts(html: str, *, root: str, site_dir: Path) -> str:
    """Move every inline script of ``html`` to a file under ``site_dir``.

    ``root`` is the URL of the site's root as seen from the page (``"../../"``, ``"/"``).
    """

    def move(match: re.Match[str]) -> str:
        attrs, body = match["attrs"], match["body"]
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) or not body.strip() or (kind and kind["type"].lower() not in _JAVASCRIPT):
            return match[0]
        name = SCRIPTS.format(digest=hashlib.sha256(body.encode("utf-8")).hexdigest()[:16])
        path = site_dir / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
        return f'<script{attrs} src="{root}{name}"></script>'

    return _SCRIPT.sub(move, html)


class _AlignProcessor(Treeprocessor):
    def run(self, root: Element) -> None:
        for cell in (*root.iter("th"), *root.iter("td")):
            found = _ALIGN.match(cell.get("style", ""))
            if found:
                del cell.attrib["style"]
                cell.set("class", " ".join(filter(None, (cell.get("class"), f"chibo-align-{found[1]}"))))


class AlignClasses(Extension):
    """Table cells aligned by a class instead of a ``style`` attribute (no inline styles)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_AlignProcessor(md), "chibo_align_classes", 0)
