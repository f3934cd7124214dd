"""Heading anchors written into the Markdown, for engines that run no hooks.

With the hooks, Python-Markdown's ``toc`` makes every heading's id with our
``text.slugify`` (ASCII, ``đ`` → ``d``). A generated project has no Python of ours to
point ``toc`` at, so each heading carries its id explicitly (``## Điều kiện { #dieu-kien }``,
the ``attr_list`` syntax every engine reads). The ids are the ones ``toc`` itself makes:
the page is converted once with the site's Markdown extensions and our slugify, and the
ids it gives (duplicates numbered ``_1``, ``_2`` as usual) are written back, heading by
heading, in document order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import markdown

from ..text import slugify

_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^(#{1,6})(?:[ \t]+|$)")
_ATTRS = re.compile(r"[ ]+\{:?[ ]*([^\}\n ][^\n]*?)[ ]*\}[ ]*$")  # attr_list's HEADER_RE
_ID = re.compile(r"(?:^|[ ])#([^ }]+)")
_CLOSING = re.compile(r"[ \t]+#+[ \t]*$")
_BUILTINS = ("toc", "tables", "fenced_code")  # MkDocs always adds these
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:-{3}|\.{3})[ \t]*\n", re.S)


def markdown_options(extensions: list[Any]) -> tuple[list[str], dict[str, dict]]:
    """``markdown_extensions`` as written in ``mkdocs.yml`` → names and configs, our slugify set."""
    names: list[str] = []
    configs: dict[str, dict] = {}
    for entry in extensions:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        configs[name] = dict(config or {})
    for builtin in _BUILTINS:
        if builtin not in names:
            names.insert(0, builtin)
            configs[builtin] = {}
    configs["toc"]["slugify"] = slugify
    return names, configs


class Anchors:
    """Writes explicit heading ids into pages; made once per generated project."""

    def __init__(self, extensions: list[Any]) -> None:
        names, configs = markdown_options(extensions)
        self._md = markdown.Markdown(extensions=names, extension_configs=configs)

    def ids(self, body: str) -> list[str]:
        """Every heading's id, in document order, as ``toc`` gives them."""
        self._md.reset()
        self._md.convert(body)
        return list(_flatten(self._md.toc_tokens))  # type: ignore[attr-defined]  # set by the toc extension

    def add(self, page: str) -> str:
        """``page`` with ``{ #id }`` on each ATX heading that has no id yet."""
        match = _FRONT_MATTER.match(page)
        head, body = (page[: match.end()], page[match.end() :]) if match else ("", page)
        lines = body.split("\n")
        headings = list(_heading_lines(lines))
        ids = self.ids(body)
        if len(ids) != len(headings):
            raise ValueError(f"{len(headings)} headings in the source but {len(ids)} in the output")
        for index, anchor in zip(headings, ids):
            lines[index] = _with_id(lines[index], anchor)
        return head + "\n".join(lines)


def _flatten(tokens: list[dict]) -> Iterator[str]:
    for token in tokens:
        yield token["id"]
        yield from _flatten(token["children"])


def _heading_lines(lines: list[str]) -> Iterator[int]:
    """Indexes of the ATX heading lines outside fenced code."""
    fence = ""
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
        elif opened:
            fence = opened.group(1)
        elif _ATX.match(line):
            yield index


def _with_id(line: str, anchor: str) -> str:
    attrs = _ATTRS.search(line)
    if attrs is None:
        return f"{_CLOSING.sub('', line).rstrip()} {{ #{anchor} }}"
    if _ID.search(attrs.group(1)):
        return line
    return f"{line[: attrs.start(1)]}#{anchor} {line[attrs.start(1) :]}"
