"""Jinja environments, one per output kind, with every record string escaped.

* **Markdown pages** (``*.md.j2``): every ``{{ value }}`` is made safe for both layers it
  passes through: Markdown (a backslash before each character Markdown would act on, so
  ``[x](javascript:…)`` stays text) and then HTML (Jinja's autoescape, so
  ``<img onerror=…>`` stays text). Values that are already safe markup (``Markup``) pass
  unchanged; the ``url`` and ``token`` filters make the few such values explicit.
* **HTML** (``*.html.j2``, ``*.svg.j2``): blocks written straight into a page, HTML
  escaping only.
* **Data files** (``*.xml.j2``): XML escaping (the same as HTML's).

The three share the same formatting filters and are made once per build (``Renderer``).
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .. import vocab
from ..formats import amount_vi, date_long, date_vi, number_vi, percent_vi, score_vi, threshold_phrase, threshold_vi
from ..records.fields import SLUG_PATTERN
from . import sources
from .links import page_url, relative

TEMPLATES = Path(__file__).parent / "templates"

# Characters Python-Markdown (with the `tables` extension) treats as escapable: a
# backslash before any of them shows the character itself. `<`, `>`, `&` and quotes are
# left to HTML escaping, which runs after this.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(SLUG_PATTERN)
_SAFE_URL = re.compile(r"(\.\./|\./)*[a-z0-9\-/.#]*")


def md_text(value: object) -> str:
    """Plain text → Markdown source that renders as exactly that text, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", _SPACE.sub(" ", str(value)))


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return md_text(value)


def _finalize_html(value: object) -> object:
    """Record text in HTML reads as it does in Markdown: on one line, spaces folded."""
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        if value.isprintable() and "  " not in value:  # the common case: nothing to fold
            return value
        return _SPACE.sub(" ", value)
    return value


def url(value: str) -> Markup:
    """A link target we built from validated ids; anything else is a programming error."""
    if not _SAFE_URL.fullmatch(value):
        raise ValueError(f"unsafe link target: {value!r}")
    return Markup(value)


def token(value: object) -> Markup:
    """A code or id inside an HTML attribute (a class, an anchor): validated, never free text.

    Python-Markdown still reads Markdown inside inline HTML attributes, so free text must
    never go there; refusing anything but a slug keeps it that way.
    """
    text = str(value)
    if not _TOKEN.fullmatch(text):
        raise ValueError(f"not a code or id: {text!r}")
    return Markup(text)


def front_matter(value: object) -> Markup:
    """Record text as a value of a page's front matter (``title: {{ x|front_matter }}``): one
    line, a JSON string (JSON is YAML), so ": ", "#" or a quote cannot end it or add a key;
    HTML-escaped first, as the theme writes a page's title and description into the page as
    they are (a title is markup to MkDocs): ``<img …>`` shows as text in the header, the tab,
    the navigation and the ``<meta>`` description."""
    text = html.escape(_SPACE.sub(" ", str(value)).strip(), quote=True)
    return Markup(json.dumps(text, ensure_ascii=False))


FILTERS = {
    "format_anchor": lambda anchor: f"{{ #{anchor} }}",
    "front_matter": front_matter,
    "url": url,
    "token": token,
    "date_vi": date_vi,
    "date_long": date_long,
    "amount_vi": amount_vi,
    "number_vi": number_vi,
    "percent_vi": percent_vi,
    "score_vi": score_vi,
    "threshold_vi": threshold_vi,
    "threshold": lambda target: threshold_phrase(target.comparison, target.percent),
}


def _environment(reload: bool, **options: Any) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        auto_reload=reload,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,
    )
    env.filters.update(FILTERS)
    return env


_SCALAR = (str, int, bool, type(None))


class Parts:
    """Parts of blocks the preview made in its last build and this one, each with the object it
    was made from (a cell's report, kept from save to save: ``report.summary.KeptCells``).

    A year page lists every cell: at 5,000 cells its rows took 3.4 s of a save to render, all
    but one as before. A part is made again only when its object is another one (the record
    was read again) or one of its scalar values changed. Its key holds the object's ``id``,
    and its entry the object: no other object gets that ``id`` while the part is kept. What
    the last build did not use goes at the next (``turn``)."""

    def __init__(self) -> None:
        self.current: dict[tuple, tuple[object, Markup]] = {}
        self.previous: dict[tuple, tuple[object, Markup]] = {}

    def turn(self) -> None:
        """A new build: what the last one used is kept for this one, the rest goes."""
        self.previous, self.current = self.current, {}

    def get(self, key: tuple, owner: object, make: Callable[[], Markup]) -> Markup:
        found = self.current.get(key) or self.previous.get(key)
        if found is None:  # the key holds ``id(owner)``: an entry holds its owner, so the same one
            found = (owner, make())
        self.current[key] = found
        return found[1]


@dataclass(frozen=True)
class Renderer:
    """The three environments of one build (Markdown pages, HTML blocks, data files).

    ``directory_urls`` is the site's address style (``mkdocs.yml``, ``use_directory_urls``),
    which links inside HTML blocks must follow (``links.py``).
    """

    markdown: Environment
    html: Environment
    data: Environment
    directory_urls: bool = True
    parts: Parts | None = None

    @classmethod
    def create(cls, directory_urls: bool = True, *, reload: bool = False, remember: bool = False) -> Renderer:
        """``reload``: a Renderer kept from build to build (the preview's) compiles each template
        once, and again only when its file changes; ``remember``: and keeps the parts of blocks
        it made (``Parts``)."""
        parts = Parts() if remember else None
        html = _environment(reload, finalize=_finalize_html)
        markdown = _environment(reload, finalize=_finalize, keep_trailing_newline=True)
        data = _environment(reload)

        def link(target: str, here: str) -> Markup:
            """A link from the page at address ``here`` to ``target`` (a page's ``.md`` or a file)."""
            address = page_url(target, directory_urls) if target.endswith(".md") else target
            return url(relative(address, here))

        def link_md(target: str, here_src: str) -> Markup:
            """A Markdown link from the page made of ``here_src`` to the file ``target`` (MkDocs
            resolves it, by source file, to the right address)."""
            return url(posixpath.relpath(target, posixpath.dirname(here_src) or "."))

        for env in (html, markdown, data):
            env.filters["link"] = link
            env.filters["link_md"] = link_md
            env.globals["vocab"] = vocab
            env.globals["src"] = sources

        @pass_context
        def block(context: Context, template: str, **values: object) -> Markup:
            """An HTML block (a table, a chart): rendered now, set aside for the page, and a
            placeholder in the Markdown. Python-Markdown never parses it (``Blocks``)."""
            return context["blocks"].add(html.get_template(template).render(**values))

        def part(template: str, owner: object, **values: object) -> Markup:
            """A part of a block (a row) that ``owner`` and the scalar ``values`` decide: the
            other values must follow from them. Made once a build, or once for as long as they
            stay the same in the preview (``Parts``)."""

            def make() -> Markup:
                return Markup(html.get_template(template).render(**values))

            if parts is None:
                return make()
            scalars = tuple(sorted((k, v) for k, v in values.items() if isinstance(v, _SCALAR)))
            return parts.get((template, id(owner), scalars), owner, make)

        html.filters["part"] = part

        markdown.filters.update(
            # A programme's plan text (``ke-hoach.md``) is Markdown as the office wrote it: the
            # records refused raw HTML, attributes other than an anchor or a class, and links
            # to anything but the site, http(s) and mailto (``records/plantext.py``).
            plan_text=Markup,
            chart=pass_context(lambda context, chart: block(context, "chart.svg.j2", chart=chart)),
            html=block,
        )
        return cls(markdown, html, data, directory_urls, parts)

    def page(self, template: str, src_uri: str, **context: object) -> tuple[str, tuple[str, ...]]:
        """The Markdown page ``src_uri`` and its HTML blocks; templates know its address as
        ``here`` and its source as ``here_src``."""
        here = page_url(src_uri, self.directory_urls)
        blocks = Blocks()
        text = self.markdown.get_template(template).render(here=here, here_src=src_uri, blocks=blocks, **context)
        return text, tuple(blocks.items)

    def file(self, template: str, **context: object) -> str:
        """A data file (XML)."""
        return self.data.get_template(template).render(**context)


PLACEHOLDER_MARK = "<!--chibo:"
PLACEHOLDER = re.compile(PLACEHOLDER_MARK + r"(\d+)-->")


class Blocks:
    """The HTML blocks of one page, each standing in its Markdown as ``<!--chibo:N-->``.

    Tables and charts are HTML already: Python-Markdown would parse every tag of them again
    to find where a block ends (half of a build's time at 1,000 cells). The hooks put them
    in after Markdown (``mark``, then ``unmark`` once the search index has read the page);
    ``chibo generate`` writes them in the Markdown itself (``fill``), for engines without
    hooks. The pages read the same.
    """

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, html: str) -> Markup:
        self.items.append(html)
        return Markup(f"{PLACEHOLDER_MARK}{len(self.items) - 1}-->")


def fill(text: str, blocks: tuple[str, ...]) -> str:
    """Put each block in place of its placeholder (in HTML, or in Markdown for ``inline``)."""
    if not blocks:
        return text
    return PLACEHOLDER.sub(lambda m: blocks[int(m.group(1))], text)


_END = "<!--/chibo-->"
_MARKED = re.compile(PLACEHOLDER.pattern + ".*?" + _END, re.DOTALL)


def mark(html: str, texts: tuple[str, ...]) -> str:
    """The page's HTML for the search index: each placeholder followed by its block's text."""
    return PLACEHOLDER.sub(lambda m: f"{m.group(0)}{texts[int(m.group(1))]}{_END}", html)


def bare(html: str) -> str:
    """The page's HTML with each block as its placeholder (the HTML MkDocs made, before ``mark``)."""
    return _MARKED.sub(lambda m: f"{PLACEHOLDER_MARK}{m.group(1)}-->", html)


def unmark(html: str, blocks: tuple[str, ...]) -> str:
    """The page's HTML for readers: each block where ``mark`` put its text."""
    return _MARKED.sub(lambda m: blocks[int(m.group(1))], html)
