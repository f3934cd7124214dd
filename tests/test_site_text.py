"""No Markdown or attribute syntax reaches a reader: every page's visible text, read whole.

Python-Markdown leaves what it does not understand as text: an attribute list after an
admonition ("{ .chibo-noprint }"), an emphasis it cannot close ("**"), an admonition marker
in the wrong place ("!!!"), a link whose target it did not parse ("](…)"), a template tag
that was not rendered ("{{", "{%"). Each would be read, printed and sent as is.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

LEFTOVERS = re.compile(
    r"\{\s*[.#:][\w-]"  # attribute lists: { .x }, {: .x }, { #id }
    r"|\*\*|__"  # strong or emphasis left open
    r"|!!!|\?\?\?"  # admonitions, details
    r"|\]\(|\]\["  # links and references
    r"|\{\{|\{%|%\}|\}\}"  # template tags
    r"|<!--|\[TOC\]"
)


class _Visible(HTMLParser):
    """The text a reader sees: the <title> and the <body>, without scripts, styles and templates."""

    SKIP = frozenset({"script", "style", "template", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip += 1
        self._title = tag == "title"
        for name, value in attrs:  # what a reader is shown or read out besides the text
            if name in ("alt", "title", "aria-label", "placeholder") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        self._title = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(path: Path) -> str:
    parser = _Visible()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


def test_no_markdown_or_attribute_syntax_reaches_a_reader(sample_server) -> None:
    site: Path = sample_server.root
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    found = []
    for path in pages:
        text = visible_text(path)
        for match in LEFTOVERS.finditer(text):
            found.append(f"{path.relative_to(site)}: …{text[max(0, match.start() - 40) : match.end() + 20]}…")
    assert found == []


def test_the_check_sees_what_it_looks_for(tmp_path: Path) -> None:
    """The leftovers the plan page once showed, and the others, are caught."""
    for leftover in ("{ .chibo-noprint }", "**Điều 1**", "!!! info", "[x](javascript:alert(1))", "{{ x }}"):
        path = tmp_path / "index.html"
        path.write_text(f"<html><body><p>Văn bản {leftover}</p></body></html>", encoding="utf-8")
        assert LEFTOVERS.search(visible_text(path)), leftover
    path.write_text("<html><body><p>Số 15-QĐ/ĐU; 91,7%; (có danh sách kèm theo)</p></body></html>", encoding="utf-8")
    assert not LEFTOVERS.search(visible_text(path))
