"""A page as the auditor reads it: its tables (header rows and spans made into columns, each
cell's text and links) and its text in segments (paragraphs, list items, table rows, titles)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Table:
    head: list[list[str]] = field(default_factory=list)  # header rows, cells expanded by colspan
    rows: list[list[tuple[str, tuple[str, ...]]]] = field(default_factory=list)  # (text, hrefs)

    def labels(self) -> list[str]:
        """One label per column: the header rows' texts, each once (rowspans filled in)."""
        if not self.head:
            return []
        width = max(len(row) for row in self.head)
        labels = []
        for i in range(width):
            parts: list[str] = []
            for row in self.head:
                if i < len(row) and row[i] and row[i] not in parts:
                    parts.append(row[i])
            labels.append(" ".join(parts))
        return labels


class _Reader(HTMLParser):
    """The tables and the text segments (paragraphs, list items, table rows, titles) of a page."""

    BLOCKS = ("p", "li", "tr", "h1", "h2", "h3", "h4", "title", "div", "figcaption", "summary", "table")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self.segments: list[str] = []
        self._stack: list[Table] = []
        self._row: list[tuple[str, tuple[str, ...]]] | None = None
        self._cell: list[str] | None = None
        self._links: list[str] = []
        self._span = (1, 1)
        self._in_head = False
        self._pending: dict[int, tuple[int, str]] = {}  # header column → (rows still spanned, text)
        self._text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag in self.BLOCKS or tag == "br":
            self._flush()
        if tag == "table":
            self._stack.append(Table())
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and self._stack:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell, self._links = [], []
            self._span = (int(a.get("colspan") or 1), int(a.get("rowspan") or 1))
        elif tag == "a" and self._cell is not None and a.get("href"):
            self._links.append(a["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        if tag in ("td", "th"):
            self._text.append(" | ")
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            text = " ".join("".join(self._cell).split())
            colspan, rowspan = self._span
            if self._in_head:
                self._fill_spanned()
            for _ in range(colspan):
                if self._in_head and rowspan > 1:
                    self._pending[len(self._row)] = (rowspan - 1, text)
                self._row.append((text, tuple(self._links)))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._stack:
            table = self._stack[-1]
            if self._in_head:
                self._fill_spanned()
                table.head.append([t for t, _ in self._row])
                self._pending = {k: (n, t) for k, (n, t) in self._pending.items() if n > 0}
            else:
                table.rows.append(self._row)
            self._row = None
        elif tag == "thead":
            self._in_head = False
            self._pending = {}
        elif tag == "table" and self._stack:
            self.tables.append(self._stack.pop())
        if tag in self.BLOCKS:
            self._flush()

    def _fill_spanned(self) -> None:
        """Put in the header cells of earlier rows that span down into this one."""
        assert self._row is not None
        while len(self._row) in self._pending and self._pending[len(self._row)][0] > 0:
            left, text = self._pending[len(self._row)]
            self._pending[len(self._row)] = (left - 1, text)
            self._row.append((text, ()))

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self._text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split()).strip(" |")
        if text:
            self.segments.append(text)
        self._text = []


def read_html(text: str) -> _Reader:
    reader = _Reader()
    reader.feed(text)
    reader._flush()
    return reader
