"""Addresses of generated pages, and links between them written straight into HTML.

MkDocs rewrites ``.md`` links in Markdown, but not inside raw HTML blocks (our tables), so
those links are made here, the way MkDocs (and every engine that reads ``mkdocs.yml``)
addresses pages: ``chi-bo/khoa-duoc.md`` is ``chi-bo/khoa-duoc/`` with directory URLs,
``chi-bo/khoa-duoc.html`` without (the offline copy, opened from disk).
"""

from __future__ import annotations

import posixpath


def page_url(src_uri: str, directory_urls: bool) -> str:
    """The address of the page made from ``src_uri``, relative to the site's root."""
    stem, _ = posixpath.splitext(src_uri)
    folder, name = posixpath.split(stem)
    if name == "index" and directory_urls:
        return f"{folder}/" if folder else ""
    if name == "index":
        return posixpath.join(folder, "index.html")
    if directory_urls:
        return f"{stem}/"
    return f"{stem}.html"


def relative(target: str, start: str) -> str:
    """``target`` (a page or file address) as seen from the page at address ``start``."""
    base = start if start.endswith("/") or not start else posixpath.dirname(start) + "/"
    if base == "/":
        base = ""
    path = _relpath(target, base)
    if (not target or target.endswith("/")) and not path.endswith("/"):
        path = "./" if path == "." else path + "/"
    return path


def _relpath(target: str, base: str) -> str:
    """``posixpath.relpath(target or ".", base or ".")`` for addresses from the site's root, by
    their names alone: a table of 5,000 links makes as many (``relpath`` asks the system for
    the current folder twice each time)."""
    to, start = target.split("/"), base.split("/")
    if target.startswith("/") or base.startswith("/") or _MOVES & {*to, *start}:
        return posixpath.relpath(target or ".", base.rstrip("/") or ".")
    to, start = [p for p in to if p], [p for p in start if p]
    common = 0
    for a, b in zip(to, start, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


_MOVES = frozenset({".", ".."})
