"""Read built pages as a reader sees them: the article's text, its links and tables."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class _Article(HTMLParser):
    """Collect the visible text of ``<article>`` (the page body), links and table rows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.rows: list[list[str]] = []
        self._href: str | None = None
        self._link_text: list[str] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in ("script", "style") or (tag == "a" and "headerlink" in (dict(attrs).get("class") or "")):
            self._skip += 1
            return
        if tag == "a" and "href" in dict(attrs):  # an <a> without href (a target) is no link
            self._href, self._link_text = dict(attrs).get("href") or "", []
        if tag == "tr":
            self._row = []
        if tag in ("td", "th"):
            self._cell = []
        if tag in ("p", "li", "tr", "h1", "h2", "h3", "h4", "br", "div"):
            self.parts.append("\n")
        if tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        if not self.depth:
            return
        if tag in ("script", "style") or (tag == "a" and self._skip and self._href is None):
            self._skip -= 1
            return
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._link_text).strip()))
            self._href = None
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        if tag in ("td", "th"):
            self.parts.append(" | ")

    def handle_data(self, data: str) -> None:
        if not self.depth or self._skip:
            return
        self.parts.append(data)
        if self._href is not None:
            self._link_text.append(data)
        if self._cell is not None:
            self._cell.append(data)


class Page:
    """A built page: ``html`` as served, ``text`` of its article, ``links`` and ``rows``."""

    def __init__(self, path: Path) -> None:
        self.html = path.read_text(encoding="utf-8")
        parser = _Article()
        parser.feed(self.html)
        self.text = " ".join("".join(parser.parts).split())
        self.links = parser.links
        self.rows = parser.rows


def page(site: Path, url: str) -> Page:
    """The page at ``url`` (``"chi-bo/khoa-duoc/"``) of a built ``site``."""
    return Page(site / url / "index.html")
