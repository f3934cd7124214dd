"""What the search index reads of an HTML block, in a few characters instead of every tag.

Material's search plugin reads each page's HTML with ``html.parser`` (its ``Parser``) and
keeps, per section, the text and a few tags (``p``, ``li``, ``ul``…). On our pages that
parse is the largest cost the content adds to a build: a cell page's tables hold about 280
tags, and at 5,000 cells the parse took 24 s of the engine's 60. The text it keeps of a
block depends only on the block, so the process that makes the block also writes down what
the parser will keep of it (``text``): the same text pieces and kept tags, without the
tables around them. During a build the search plugin reads the page with each block's text
in its place; the page itself gets the blocks (``site.search_text`` then
``site.fill_blocks``), so readers see the same pages and search finds the same things
(``tests/test_search_text.py`` compares the index with the one read from whole blocks).

The rules followed are those of Material's ``Parser`` (``material/plugins/search/plugin.py``):

* text between two tags is one piece; with entities decoded; line breaks become spaces;
  a piece of only white space becomes one space, left out when the piece kept before it
  is white space too (so a white piece whose predecessor is outside the block stays a
  piece of its own, and so does one that ends the block);
* the tags ``p``, ``li``, ``ol``, ``ul``, ``code``, ``pre``, ``sub``, ``sup`` are kept, each
  end tag only where the parser accepts it (it closes the element last opened);
* every other tag only separates pieces: here an empty comment, which the parser skips;
  the first one also opens the page's first section if none is open (here ``<i></i>``).

Blocks never hold headings, ``pre``, scripts or styles (``templates/*.html.j2``): the
function refuses one that does, rather than guess what the parser would do with it. The
rules are Material 9.8's; the tests run Material's own parser over the sample's blocks and
thousands of random ones, so a Material whose parser reads differently fails them.
"""

from __future__ import annotations

import html
import re

from .render import PLACEHOLDER

__all__ = ["mark", "text", "unmark"]

KEPT = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
_REFUSED = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "pre", "script", "style", "object"})
_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)[^>]*?(/?)>", re.DOTALL)
_SEPARATOR = "<!---->"
_OPEN = "<i></i>"  # the block's first tag: on a page with no heading yet, it opens the first section
_END = "<!--/chibo-->"
_MARKED = re.compile(PLACEHOLDER.pattern + ".*?" + _END, re.DOTALL)


def mark(html_text: str, texts: tuple[str, ...]) -> str:
    """The page's HTML for the search index: each placeholder followed by its block's text."""
    return PLACEHOLDER.sub(lambda m: f"{m.group(0)}{texts[int(m.group(1))]}{_END}", html_text)


def unmark(html_text: str, blocks: tuple[str, ...]) -> str:
    """The page's HTML for readers: each block where ``mark`` put its text."""
    return _MARKED.sub(lambda m: blocks[int(m.group(1))], html_text)


def text(block: str) -> str:
    """What Material's search parser keeps of ``block``, written so it keeps the same again."""
    out: list[str] = []
    run: list[str] = []  # pieces since the last kept tag, as the parser keeps them
    last: list[bool | None] = [None]  # whether the parser's last kept piece is white; None: not known here
    stack: list[str] = []
    position = 0
    for match in _TOKEN.finditer(block):
        _piece(block[position : match.start()], run, out, last)
        position = match.end()
        closing, name, self_closing = match.group(1), (match.group(2) or "").lower(), match.group(3)
        if not name:  # a comment
            continue
        if name in _REFUSED or "data-search-exclude" in match.group(0) or "linenodiv" in match.group(0):
            raise ValueError(f"an HTML block with <{name}> or a search exclusion: the search text cannot follow it")
        if name in _VOID:
            continue
        if closing:
            if not stack or stack[-1] != name:
                continue  # the parser ignores an end tag that does not close the last element
            stack.pop()
        elif not self_closing:
            stack.append(name)
        if name in KEPT:
            _flush(run, out)
            out.append(f"<{name}/>" if self_closing else f"<{closing}{name}>")
            # after a start tag the last piece is that tag; an end tag may take the element
            # away when it is empty, leaving a piece from before
            last[0] = False if not closing and not self_closing else None
    _piece(block[position:], run, out, last)
    _flush(run, out)
    return _OPEN + "".join(out)


def _piece(raw: str, run: list[str], out: list[str], last: list[bool | None]) -> None:
    """Add the text between two tags as the parser would keep it."""
    if not raw:
        return
    if "&" in raw:
        raw = html.unescape(raw)
    if not raw.isspace():
        run.append(raw.replace("\n", " "))
        last[0] = False
    elif last[0] is None:  # kept or not by what the parser read before: a piece of its own
        _flush(run, out)
        out.append(" ")
        out.append(_SEPARATOR)
        last[0] = True  # kept, or left out because the piece before it was white
    elif not last[0]:
        run.append(" ")
        last[0] = True


def _flush(run: list[str], out: list[str]) -> None:
    """Write ``run`` as one piece, a trailing white piece apart (the parser looks at it)."""
    if not run:
        return
    tail = run.pop() if len(run) > 1 and run[-1] == " " else None
    joined = "".join(run)
    out.append(" " if joined.isspace() else html.escape(joined, quote=False))
    out.append(_SEPARATOR)
    if tail is not None:
        out.append(tail)
        out.append(_SEPARATOR)
    run.clear()
