"""The privacy auditor: what a reader of the members' side can work out about small counts.

It reads a built site as an attacker with a member account would: every page, the search
index, the downloads (CSV, XLSX, JSON), the Atom feed and the calendar, charts and titles
included, everything outside the office area (``/van-phong/``). It collects every number
published about members, each as a linear statement on the true counts the office holds:

* ``x[c, y, r]``: the members of cell ``c`` rated ``r`` in year ``y`` (from the records);
* a cell's year total, the Committee's counts of a year (by rating, in all, by cell type),
  a cell's current count (``cur[c]``): sums of those;
* a shown number is an equation, "ẩn" a hidden value (≥ 0), "< 3" a hidden value between 1
  and 2, a verdict ("Chưa đạt: có đảng viên không hoàn thành nhiệm vụ") an inequality, the
  cap "Tối đa HTXSNV" two inequalities on the count it is computed from.

It also grants the reader what a colleague could guess and be right about: a cell's count of
a year equal to its current count, whenever it is.

Then, for every hidden value (every count from 1 to ``threshold`` − 1, and every value the
site shows as hidden), it bounds its feasible range by linear programming over all of those
statements with SciPy's ``linprog`` (HiGHS). Two feasible points that give a value two
different integers prove its range is not a single number; the points come from a few LPs
with random objectives per independent part of the problem, and exact min/max LPs settle
every value those do not, and find the smallest range. It fails when:

* a member count from 1 to ``threshold`` − 1 is shown anywhere;
* a hidden value has a single feasible integer;
* a member-count statement it cannot place (a new table or sentence counting members):
  then the auditor must learn it before anything is trusted;
* a note the office keeps for itself (or any note of a year with a small count) appears on
  the members' side, or the office area shows up in the members' search index.

The true counts satisfy every collected statement (checked): a misread number cannot pass.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

RATINGS = ("xuat-sac", "tot", "hoan-thanh", "khong-hoan-thanh")
SHORT = {"HTXSNV": 0, "HTTNV": 1, "HTNV": 2, "KHTNV": 3}
TOTAL_LABELS = ("Tổng số", "Tổng số đảng viên", "Số đảng viên")
COMMITTEE_LABELS = ("Đảng viên toàn Đảng bộ", "Toàn Đảng bộ")
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})*|\d+")
_COUNT_WORDS = re.compile(r"(\d[\d.]*)\s+đảng viên")
_CELL_LINK = re.compile(r"(?:^|/)chi-bo/([a-z0-9-]+)/(?:index\.html)?$")
_EPS = 1e-6

Key = tuple  # ("x", cell, year, rating index) or ("cur", cell)


@dataclass
class Statement:
    """``low ≤ Σ coef·var ≤ high`` (either bound may be None), read at ``where``."""

    terms: dict[Key, float]
    low: float | None
    high: float | None
    where: str
    hidden: bool = False  # published as hidden: its range is checked
    shown: bool = False  # a number shown as it is

    @property
    def value(self) -> float | None:
        return self.low if self.low is not None and self.low == self.high else None


@dataclass
class Truth:
    """The office's true counts, from the records: what the auditor must not let out."""

    x: dict[Key, int]
    current: dict[str, int]
    latest: dict[str, int]  # cell → latest year with member counts
    types: dict[str, str]  # cell → type id
    type_names: dict[str, str]  # type name (as the site writes it) → type id
    names: dict[str, str]  # cell name → id
    notes: list[str]  # every note members must not read
    threshold: int

    def total(self, cell: str, year: int) -> dict[Key, float]:
        return {("x", cell, year, r): 1.0 for r in range(4) if ("x", cell, year, r) in self.x}

    def committee(self, year: int, rating: int | None, type_id: str | None = None) -> dict[Key, float]:
        return {
            key: 1.0
            for key in self.x
            if key[2] == year
            and (rating is None or key[3] == rating)
            and (type_id is None or self.types[key[1]] == type_id)
        }

    def value(self, terms: dict[Key, float]) -> float:
        return sum(coef * (self.x[k] if k[0] == "x" else self.current[k[1]]) for k, coef in terms.items())

    def small(self, value: float) -> bool:
        return 0 < value < self.threshold


def truth_of(project: Path) -> Truth:
    from chibo.records import load_records
    from chibo.report import summarize

    records = load_records(project)
    report = summarize(records)
    threshold = records.committee.privacy.threshold
    x: dict[Key, int] = {}
    latest: dict[str, int] = {}
    notes: list[str] = []
    for cell in records.cells:
        for entry in (*cell.leadership, *cell.registration):
            notes += [entry.note] if entry.note else []
        for result in cell.results:
            notes += [result.note] if result.note else []
            counts = result.members.by_code() if result.members else None
            if counts is None:
                continue
            for r, code in enumerate(RATINGS):
                x[("x", cell.id, result.year, r)] = counts[code]
            latest[cell.id] = max(latest.get(cell.id, 0), result.year)
            if result.public_note and any(0 < v < threshold for v in counts.values()):
                notes.append(result.public_note)
    current = {c.cell.id: c.leaders.members for c in report.cells if c.leaders.members is not None}
    return Truth(
        x=x,
        current=current,
        latest=latest,
        types={c.id: c.type for c in records.cells},
        type_names={t.name: t.id for t in records.book.types} | {t.short_name: t.id for t in records.book.types},
        names={c.name: c.id for c in records.cells},
        notes=[" ".join(n.split()) for n in notes if len(n.strip()) >= 8],
        threshold=threshold,
    )


# --- reading HTML ------------------------------------------------------------------------


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


# --- the auditor -----------------------------------------------------------------------------


@dataclass
class Findings:
    """What the audit found; ``problems`` empty means the members' side holds."""

    hidden: int = 0
    smallest: tuple[float, str] | None = None  # the narrowest range and its value
    statements: int = 0
    problems: list[str] = field(default_factory=list)
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    solved: int = 0  # linear programs solved


class Auditor:
    def __init__(self, site: Path, truth: Truth) -> None:
        self.site, self.truth = site, truth
        self.statements: list[Statement] = []
        self.unplaced: list[str] = []
        self.leaks: list[str] = []

    # -- collecting -------------------------------------------------------------------------

    def collect(self) -> None:
        for path in sorted(self.site.rglob("*")):
            name = path.relative_to(self.site).as_posix()
            if not path.is_file() or name.startswith("van-phong/"):
                continue
            if name.endswith(".html"):
                self._page(name, path.read_text(encoding="utf-8"))
            elif name == "search/search_index.json":
                self._search(name, json.loads(path.read_text(encoding="utf-8")))
            elif name.endswith(".csv"):
                self._csv(name, path.read_bytes().decode("utf-8-sig"))
            elif name.endswith(".xlsx"):
                self._xlsx(name, path)
            elif name.endswith(".schema.json"):
                continue  # the records' JSON Schema: made from the code, no record in it
            elif name.endswith(".json"):
                self._json(name, path.read_text(encoding="utf-8"))
            elif name.endswith(".xml"):
                self._feed(name, path.read_text(encoding="utf-8"))
            elif name.endswith(".ics"):
                self._text_file(name, path.read_text(encoding="utf-8").replace("\\n", "\n").replace("\\,", ","))
            elif name.endswith(".docx"):
                self.leaks.append(f"{name}: a drafted document outside the office area")

    def _page(self, name: str, html: str) -> None:
        url = name.removesuffix("index.html")
        # The page's own content (its title, its article) is read closely; the rest of the
        # page (header, navigation, footer: the theme's) only searched for counts of members.
        start, end = html.find("<article"), html.rfind("</article>")
        title = html[html.find("<title>") : html.find("</title>") + 8]
        if start < 0 or end < 0:
            start, end = 0, len(html)
        outside = re.sub(r"<[^>]+>", " ", html[:start] + html[end:])
        if _COUNT_WORDS.search(" ".join(outside.split())):
            self.unplaced.append(f"{name}: members counted outside the page's article")
        reader = read_html(title + html[start:end])
        cell = m.group(1) if (m := re.match(r"chi-bo/([a-z0-9-]+)/", url)) else None  # its pages too
        year = int(m.group(1)) if (m := re.match(r"ket-qua/(\d{4})/", url)) else None
        text = " ".join(reader.segments)
        cap = re.search(r"không quá (\d+(?:,\d+)?)% số được xếp loại Hoàn thành tốt", text)
        percent = float(cap.group(1).replace(",", ".")) if cap else None
        for table in reader.tables:
            self._table(name, table, cell, year, percent)
        for segment in reader.segments:
            self._sentence(name, segment, cell)
        self._notes(name, text)

    def _table(
        self, where: str, table: Table, page_cell: str | None, page_year: int | None, percent: float | None
    ) -> None:
        labels = table.labels()
        if not labels or "Đã xếp loại" in labels or any(lab.startswith("Số chi bộ") for lab in labels):
            return  # counts of cells, not of members
        columns: dict[int, int | None] = {}
        for index, label in enumerate(labels):
            code = label.removeprefix("ĐV ").removeprefix("Số đảng viên ")
            if code in SHORT:
                columns[index] = SHORT[code]
            elif label in TOTAL_LABELS or label.endswith(("Tổng số", " đảng viên")):
                columns[index] = None
        if not columns:
            return
        allowed = next((i for i, lab in enumerate(labels) if lab.startswith("Tối đa")), None)
        verdict = next((i for i, lab in enumerate(labels) if lab == "Đánh giá"), None)
        year_column = next((i for i, lab in enumerate(labels) if lab == "Năm"), None)
        by_year = year_column is not None and "Chi bộ" not in labels
        cap = labels[0] == "Áp dụng cho"
        for row in table.rows:
            if cap and row[0][0] != "Đảng viên toàn Đảng bộ":
                continue  # the cap on cells counts cells
            cell_year = row[year_column][0] if year_column is not None and year_column < len(row) else ""
            year = int(cell_year) if cell_year.isdigit() else page_year
            target = self._row_target(row, page_cell, by_year)
            place = f"{where}: {' | '.join(t for t, _ in row)}"
            if year is None or target is None:
                self.unplaced.append(place)
                continue
            for index, rating in columns.items():
                if index < len(row):
                    self._value(row[index][0], self._form(target, year, rating), place)
            if cap and allowed is not None:
                self._cap(row, allowed, verdict, year, place, percent)

    def _row_target(self, row: list[tuple[str, tuple[str, ...]]], page_cell: str | None, by_year: bool) -> tuple | None:
        first = row[0][0]
        if by_year and page_cell is None:
            return ("committee", None)
        if first in COMMITTEE_LABELS:
            return ("committee", None)
        if first in self.truth.type_names:
            return ("committee", self.truth.type_names[first])
        for _, links in row:
            for href in links:
                if m := _CELL_LINK.search(href.split("#")[0]):
                    return ("cell", m.group(1))
        if first in self.truth.names:
            return ("cell", self.truth.names[first])
        return ("cell", page_cell) if page_cell else None

    def _form(self, target: tuple, year: int, rating: int | None) -> dict[Key, float]:
        kind, who = target
        if kind == "cell":
            if rating is None:
                return self.truth.total(who, year)
            return {("x", who, year, rating): 1.0}
        return self.truth.committee(year, rating, who)

    def _value(self, text: str, terms: dict[Key, float], where: str) -> None:
        text = text.strip()
        if text in ("", "–", "-"):
            return
        if text == "ẩn":
            self.statements.append(Statement(terms, 0, None, where, hidden=True))
        elif m := re.fullmatch(r"<\s*(\d+)", text):
            self.statements.append(Statement(terms, 1, int(m.group(1)) - 1, where, hidden=True))
        elif _NUMBER.fullmatch(text):
            value = int(text.replace(".", ""))
            self.statements.append(Statement(terms, value, value, where, shown=True))
        else:
            self.unplaced.append(f"{where}: '{text}'")

    def _cap(self, row, allowed: int, verdict: int | None, year: int, where: str, percent: float | None) -> None:
        """``Tối đa`` = ⌊p·HTTNV/100⌋ and the verdict: bounds on the Committee's HTXSNV and HTTNV."""
        if percent is None:
            self.unplaced.append(f"{where}: no cap percent read for {year}")
            return
        most = int(row[allowed][0].replace(".", ""))
        good = self.truth.committee(year, 1)
        self.statements.append(Statement(good, np.ceil(100 * most / percent - 1e-9), None, where))
        self.statements.append(Statement(good, None, np.ceil(100 * (most + 1) / percent - 1e-9) - 1, where))
        if verdict is not None:
            excellent = self.truth.committee(year, 0)
            if row[verdict][0].startswith("Trong"):
                self.statements.append(Statement(excellent, None, most, where))
            else:
                self.statements.append(Statement(excellent, most + 1, None, where))

    def _sentence(self, where: str, text: str, cell: str | None) -> None:
        """Every statement counting members in running text; unknown ones are reported."""
        place = f"{where}: {text[:160]}"
        found: list[tuple[int, int]] = []
        rules = [
            (r"Năm (\d{4}): (\d+)/(\d+) đảng viên hoàn thành nhiệm vụ trở lên", self._ratio),
            (r"Năm (\d{4}) có (\d+) đảng viên không hoàn thành nhiệm vụ", self._failing),
            (r"Năm (\d{4}) có dưới (\d+) đảng viên không hoàn thành nhiệm vụ", self._failing_below),
            (r"Năm (\d{4}) có đảng viên không hoàn thành nhiệm vụ", self._failing_some),
            (r"Năm (\d{4}): mọi đảng viên của chi bộ đều hoàn thành nhiệm vụ trở lên", self._failing_none),
            (r"^Số đảng viên: ([^|]+)$", self._current),
            (r"Năm (\d{4})\W+Xếp loại: [^()|]*\((\d[\d.]*) đảng viên\)", self._year_total),
        ]
        for pattern, read in rules:
            for m in re.finditer(pattern, text):
                if cell is None:
                    self.unplaced.append(place)
                else:
                    read(m, cell, place)
                found.append(m.span())
        for m in _COUNT_WORDS.finditer(text):
            if not any(a <= m.start() < b for a, b in found):
                self.unplaced.append(place)

    def _ratio(self, m: re.Match, cell: str, where: str) -> None:
        year, done, total = int(m.group(1)), int(m.group(2)), int(m.group(3))
        self.statements.append(Statement(self.truth.total(cell, year), total, total, where, shown=True))
        done_terms = {("x", cell, year, r): 1.0 for r in range(3)}
        self.statements.append(Statement(done_terms, done, done, where, shown=True))

    def _failing(self, m: re.Match, cell: str, where: str) -> None:
        value = int(m.group(2))
        self.statements.append(Statement({("x", cell, int(m.group(1)), 3): 1.0}, value, value, where, shown=True))

    def _failing_below(self, m: re.Match, cell: str, where: str) -> None:
        key = ("x", cell, int(m.group(1)), 3)
        self.statements.append(Statement({key: 1.0}, 1, int(m.group(2)) - 1, where, hidden=True))

    def _failing_some(self, m: re.Match, cell: str, where: str) -> None:
        self.statements.append(Statement({("x", cell, int(m.group(1)), 3): 1.0}, 1, None, where))

    def _failing_none(self, m: re.Match, cell: str, where: str) -> None:
        self.statements.append(Statement({("x", cell, int(m.group(1)), 3): 1.0}, 0, 0, where))

    def _current(self, m: re.Match, cell: str, where: str) -> None:
        if m.group(1) != "chưa cập nhật":
            self._value(m.group(1), {("cur", cell): 1.0}, where)

    def _year_total(self, m: re.Match, cell: str, where: str) -> None:
        value = int(m.group(2).replace(".", ""))
        self.statements.append(Statement(self.truth.total(cell, int(m.group(1))), value, value, where, shown=True))

    def _notes(self, where: str, text: str) -> None:
        flat = " ".join(text.split())
        for note in self.truth.notes:
            if note in flat:
                self.leaks.append(f"{where}: a note members must not read: {note[:80]}")

    def _search(self, where: str, index: dict) -> None:
        for doc in index["docs"]:
            location = doc["location"].split("#")[0]
            if location.startswith("van-phong/") or re.fullmatch(
                r"chi-bo/[^/]+/dang-ky/|ket-qua/(?:\d{4}/(?:lua-chon|cong-nhan|bao-cao)|tong-ket)/", location
            ):
                self.leaks.append(f"{where}: the office area in the members' search: {location}")
            cell = m.group(1) if (m := re.fullmatch(r"chi-bo/([a-z0-9-]+)/", location)) else None
            text = " ".join(re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}").split())
            for m in _COUNT_WORDS.finditer(text):
                sentence = text[max(0, m.start() - 120) : m.end() + 60]
                self._sentence(f"{where} ({location})", sentence, cell)
            self._notes(f"{where} ({location})", text)

    def _template(self, where: str, header: list[str], rows: list[list[str]]) -> None:
        """An import template (``mau/``): headers and an example row that no one can take
        for data: no real cell, no count from 1 to the threshold − 1, no note."""
        for row in rows:
            for label, value in zip(header, row):
                if value in self.truth.names or value in self.truth.names.values():
                    self.leaks.append(f"{where}: a real cell in the template: {value}")
                if label.startswith("ĐV ") and value.isdigit() and self.truth.small(int(value)):
                    self.leaks.append(f"{where}: a member count of {value} in the template")
            self._notes(where, " ".join(row))

    def _csv(self, where: str, text: str) -> None:
        rows = list(csv.reader(io.StringIO(text, newline="")))
        if rows:
            (self._template if where.startswith("mau/") else self._sheet)(where, rows[0], rows[1:])

    def _xlsx(self, where: str, path: Path) -> None:
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True)
        for sheet in book:
            rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            if rows:
                read = self._template if where.startswith("mau/") else self._sheet
                read(f"{where} [{sheet.title}]", rows[0], rows[1:])
        book.close()

    def _sheet(self, where: str, header: list[str], rows: list[list[str]]) -> None:
        members = {}
        for index, label in enumerate(header):
            if label.startswith("ĐV ") and label[3:] in SHORT:
                members[index] = SHORT[label[3:]]
            elif label in ("Số đảng viên", "Tổng số đảng viên"):
                members[index] = None
            elif "đảng viên" in label.lower():
                self.unplaced.append(f"{where}: column '{label}'")
        cell_column = header.index("Mã chi bộ") if "Mã chi bộ" in header else None
        year_column = header.index("Năm") if "Năm" in header else None
        for row in rows:
            row = row + [""] * (len(header) - len(row))
            text = " ".join(row)
            self._notes(where, text)
            for index, rating in members.items():
                cell = row[cell_column] if cell_column is not None else None
                year = int(row[year_column]) if year_column is not None and row[year_column].isdigit() else None
                place = f"{where}: {cell or ''} {year or ''} '{header[index]}'"
                if cell and year is None and rating is None:
                    self._value(row[index], {("cur", cell): 1.0}, place)
                elif cell and year is not None:
                    self._value(row[index], self._form(("cell", cell), year, rating), place)
                elif year is not None:
                    self._value(row[index], self._form(("committee", None), year, rating), place)
                elif row[index] not in ("", "–"):
                    self.unplaced.append(place)

    def _json(self, where: str, text: str) -> None:
        data = json.loads(text)
        self._notes(where, json.dumps(data, ensure_ascii=False))
        if where.endswith("chi-bo.json"):
            for cell in data:
                hidden = cell.get("members_hidden")
                value = cell.get("members")
                if hidden:
                    self.statements.append(Statement({("cur", cell["id"]): 1.0}, 0, None, where, hidden=True))
                elif value is not None:
                    self.statements.append(Statement({("cur", cell["id"]): 1.0}, value, value, where, shown=True))
        elif where.endswith("ket-qua.json"):
            for year in data["years"]:
                for key, value in (year.get("members") or {}).items():
                    rating = None if key == "total" else RATINGS.index(key)
                    terms = self._form(("committee", None), year["year"], rating)
                    if value is None:
                        self.statements.append(Statement(terms, 0, None, f"{where} {year['year']} {key}", hidden=True))
                    else:
                        self.statements.append(Statement(terms, value, value, f"{where} {year['year']}", shown=True))
        else:  # any other JSON file: its texts, as running text
            for value in _strings(data):
                self._sentence(where, value, None)
        if '"members' in text and not where.endswith(("chi-bo.json", "ket-qua.json", ".schema.json")):
            self.unplaced.append(f"{where}: counts of members in a JSON file the auditor does not know")

    def _feed(self, where: str, text: str) -> None:
        root = ET.fromstring(text)
        ns = {"a": "http://www.w3.org/2005/Atom"}
        for entry in root.findall("a:entry", ns):
            link = entry.find("a:link", ns)
            href = link.get("href", "") if link is not None else ""
            cell = m.group(1) if (m := _CELL_LINK.search(href)) else None
            body = " ".join((entry.findtext("a:title", "", ns), entry.findtext("a:summary", "", ns)))
            self._sentence(where, body, cell)
            self._notes(where, body)

    def _text_file(self, where: str, text: str) -> None:
        for line in text.splitlines():
            self._sentence(where, line, None)
        self._notes(where, text)

    # -- what can be worked out -------------------------------------------------------------

    def side_knowledge(self) -> None:
        """A colleague's guesses that hold: a cell's count of a year is its current count."""
        for cell, current in self.truth.current.items():
            for year in sorted({k[2] for k in self.truth.x if k[1] == cell}):
                terms = self.truth.total(cell, year)
                if self.truth.value(terms) == current:
                    self.statements.append(Statement({**terms, ("cur", cell): -1.0}, 0, 0, "guess: unchanged count"))

    def hidden_values(self) -> dict[str, dict[Key, float]]:
        """Every value that must not be worked out: small true counts, and what is shown hidden."""
        values: dict[str, dict[Key, float]] = {}
        for key, value in self.truth.x.items():
            if self.truth.small(value):
                values[f"x{key[1:]}"] = {key: 1.0}
        for cell, value in self.truth.current.items():
            if self.truth.small(value):
                values[f"cur({cell})"] = {("cur", cell): 1.0}
        years = sorted({k[2] for k in self.truth.x})
        for year in years:
            for rating in (*range(4), None):
                terms = self.truth.committee(year, rating)
                if self.truth.small(self.truth.value(terms)):
                    values[f"committee({year}, {rating})"] = terms
        for s in self.statements:
            if s.hidden:
                values.setdefault(f"hidden at {s.where}", s.terms)
        return values

    def audit(self) -> Findings:
        self.collect()
        self.side_knowledge()
        found = Findings(statements=len(self.statements))
        found.problems += [f"a member-count statement the auditor cannot place: {u}" for u in self.unplaced]
        found.problems += self.leaks
        for s in self.statements:
            if s.shown and s.value is not None and self.truth.small(s.value):
                found.problems.append(f"a member count of {s.value:g} is shown: {s.where}")
            value = self.truth.value(s.terms)
            if (s.low is not None and value < s.low - _EPS) or (s.high is not None and value > s.high + _EPS):
                found.problems.append(f"the true counts break a statement read at {s.where} (misread?)")
        values = self.hidden_values()
        found.hidden = len(values)
        ranges = Ranges(self.statements, self.truth)
        for name, terms in values.items():
            low, high = ranges.range(terms)
            found.ranges[name] = (low, high)
            if np.floor(high + _EPS) - np.ceil(low - _EPS) < 1:
                found.problems.append(f"{name} can be worked out: its only possible value is {round(low)}")
        if found.ranges:
            name = min(found.ranges, key=lambda n: found.ranges[n][1] - found.ranges[n][0])
            found.smallest = (found.ranges[name][1] - found.ranges[name][0], name)
        found.solved = ranges.solved
        return found


# --- linear programming ---------------------------------------------------------------------------

Row = tuple[dict[Key, float], float | None, float | None]


class Ranges:
    """The exact feasible range of linear forms over the statements, by linear programming.

    Variables fixed by a statement of their own are substituted first; the rest split into
    parts that share no statement (in practice one per year). Within a part, the cells whose
    variables take part in every statement alike (the same statements of their own, the
    same coefficients in the shared ones) are interchangeable; ``Problem`` solves each LP on
    the part with such cells added up by class, which is exact: the sums of ``k`` points of
    one convex set are ``k`` times that set, and the shared statements see only the sums.
    """

    def __init__(self, statements: list[Statement], truth: Truth) -> None:
        fixed: dict[Key, float] = {}
        rows: list[Row] = [(dict(s.terms), s.low, s.high) for s in statements]
        changed = True
        while changed:
            changed = False
            for terms, low, high in rows:
                live = {k: c for k, c in terms.items() if k not in fixed}
                if len(live) == 1 and low is not None and low == high:
                    (key, coef), rest = (
                        next(iter(live.items())),
                        sum(c * fixed[k] for k, c in terms.items() if k in fixed),
                    )
                    fixed[key] = (low - rest) / coef
                    changed = True
        self.fixed = fixed
        parent: dict[Key, Key] = {}

        def find(k: Key) -> Key:
            while parent.setdefault(k, k) != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        keys = sorted((set(truth.x) | {("cur", c) for c in truth.current}) - set(fixed))
        for key in keys:
            find(key)
        live_rows: list[Row] = []
        for terms, low, high in rows:
            live = {k: c for k, c in terms.items() if k not in fixed}
            rest = sum(c * fixed[k] for k, c in terms.items() if k in fixed)
            if live:
                live_rows.append((live, None if low is None else low - rest, None if high is None else high - rest))
                first = next(iter(live))
                for k in live:
                    parent[find(k)] = find(first)
        members: dict[Key, list[Key]] = defaultdict(list)
        for key in keys:
            members[find(key)].append(key)
        grouped: dict[Key, list[Row]] = defaultdict(list)
        for row in live_rows:
            grouped[find(next(iter(row[0])))].append(row)
        self.part_of = {k: root for root, ks in members.items() for k in ks}
        self.parts = {root: Problem(ks, grouped[root]) for root, ks in members.items()}

    def range(self, terms: dict[Key, float]) -> tuple[float, float]:
        low = high = sum(c * self.fixed[k] for k, c in terms.items() if k in self.fixed)
        live = {k: c for k, c in terms.items() if k not in self.fixed}
        for root in {self.part_of[k] for k in live}:
            a, b = self.parts[root].range({k: c for k, c in live.items() if self.part_of[k] == root})
            low, high = low + a, high + b
        return low, high

    @property
    def solved(self) -> int:
        return sum(p.solved for p in self.parts.values())


class Problem:
    """One part: its cells (units), their classes of interchangeable cells, its LPs."""

    def __init__(self, keys: list[Key], rows: list[Row]) -> None:
        self.units: dict[str, list[Key]] = defaultdict(list)
        for key in keys:
            self.units[key[1]].append(key)
        self.local: dict[str, list[Row]] = defaultdict(list)
        self.shared: list[Row] = []
        for row in rows:
            owners = {k[1] for k in row[0]}
            (self.local[owners.pop()] if len(owners) == 1 else self.shared).append(row)
        self.position = {k: i for ks in self.units.values() for i, k in enumerate(ks)}
        # Each shared statement by cell: the cell's coefficients there, by position.
        self.by_unit: list[dict[str, list[tuple[int, float]]]] = []
        for terms, _, _ in self.shared:
            split: dict[str, list[tuple[int, float]]] = defaultdict(list)
            for k, c in terms.items():
                split[k[1]].append((self.position[k], c))
            self.by_unit.append(split)
        classes: dict[tuple, list[str]] = defaultdict(list)
        for unit in sorted(self.units):
            classes[self._signature(unit)].append(unit)
        self.classes = list(classes.values())
        self.class_of = {u: i for i, units in enumerate(self.classes) for u in units}
        self.cache: dict[tuple, tuple[float, float]] = {}
        self.solved = 0

    def _layout(self, unit: str) -> tuple:
        return tuple(k[:1] + k[2:] for k in self.units[unit])  # the unit's variables, cell left out

    def _signature(self, unit: str) -> tuple:
        """What a cell is to the statements: its variables, its own statements, its
        coefficients in the shared ones. Cells with the same signature are interchangeable."""
        local = sorted(
            (
                tuple(sorted((self.position[k], c) for k, c in terms.items())),
                -np.inf if low is None else low,
                np.inf if high is None else high,
            )
            for terms, low, high in self.local[unit]
        )
        shared = tuple((i, tuple(sorted(split[unit]))) for i, split in enumerate(self.by_unit) if unit in split)
        return self._layout(unit), tuple(local), shared

    def range(self, terms: dict[Key, float]) -> tuple[float, float]:
        """``terms``' exact range: on the classes added up, with the cells ``terms`` names on
        their own unless ``terms`` treats every cell of their class alike."""
        alone = sorted({k[1] for k in terms})
        by_class: dict[int, list[str]] = defaultdict(list)
        for unit in alone:
            by_class[self.class_of[unit]].append(unit)
        whole = [
            i
            for i, units in by_class.items()
            if len(units) == len(self.classes[i])
            and len({tuple(terms.get(k, 0.0) for k in self.units[u]) for u in units}) == 1
        ]
        alone = [u for u in alone if self.class_of[u] not in whole]
        signature = (
            tuple(
                sorted(
                    (self.class_of[k[1]], self._layout(k[1]).index(k[:1] + k[2:]), c)
                    for k, c in terms.items()
                    if k[1] in alone
                )
            ),
            tuple(sorted((i, tuple(terms.get(k, 0.0) for k in self.units[self.classes[i][0]])) for i in whole)),
            tuple(sorted(self.class_of[u] for u in alone)),
        )
        if signature not in self.cache:
            self.cache[signature] = self._solve(terms, alone, whole)
        return self.cache[signature]

    def _solve(self, terms: dict[Key, float], alone: list[str], whole: list[int]) -> tuple[float, float]:
        columns: dict[tuple, int] = {}  # ("u", unit, key) or ("c", class, position) → LP column

        def column(name: tuple) -> int:
            return columns.setdefault(name, len(columns))

        left = {i: len(units) - sum(1 for u in alone if self.class_of[u] == i) for i, units in enumerate(self.classes)}
        ub: list[dict[int, float]] = []
        ub_b: list[float] = []
        eq: list[dict[int, float]] = []
        eq_b: list[float] = []

        def add(vector: dict[int, float], low: float | None, high: float | None, scale: float = 1.0) -> None:
            if low is not None and low == high:
                eq.append(vector)
                eq_b.append(low * scale)
                return
            if high is not None:
                ub.append(vector)
                ub_b.append(high * scale)
            if low is not None:
                ub.append({i: -c for i, c in vector.items()})
                ub_b.append(-low * scale)

        def place(key: Key) -> int:
            unit = key[1]
            if unit in alone:
                return column(("u", unit, key))
            return column(("c", self.class_of[unit], self.position[key]))

        for unit in alone:
            for row_terms, low, high in self.local[unit]:
                add({place(k): c for k, c in row_terms.items()}, low, high)
        for i, units in enumerate(self.classes):
            if left[i]:  # the class's other cells, added up: their statements scaled by their number
                for row_terms, low, high in self.local[units[0]]:
                    add({column(("c", i, self.position[k])): c for k, c in row_terms.items()}, low, high, left[i])
        for (_, low, high), split in zip(self.shared, self.by_unit):
            vector: dict[int, float] = defaultdict(float)
            for unit in alone:
                for position, coef in split.get(unit, ()):
                    vector[column(("u", unit, self.units[unit][position]))] += coef
            for i, units in enumerate(self.classes):  # once per class: its cells share these coefficients
                if left[i] and units[0] in split:
                    for position, coef in split[units[0]]:
                        vector[column(("c", i, position))] += coef
            add(dict(vector), low, high)
        objective: dict[int, float] = defaultdict(float)
        for k, c in terms.items():
            if k[1] in alone:
                objective[place(k)] += c
        for i in whole:
            first = self.classes[i][0]
            for position, k in enumerate(self.units[first]):
                objective[column(("c", i, position))] += terms.get(k, 0.0)
        for unit in alone:
            for k in self.units[unit]:
                place(k)
        for i, units in enumerate(self.classes):
            if left[i]:
                for position in range(len(self.units[units[0]])):
                    column(("c", i, position))
        width = len(columns)
        c = np.zeros(width)
        for i, v in objective.items():
            c[i] = v
        a_ub = _matrix(ub, width) if ub else None
        a_eq = _matrix(eq, width) if eq else None
        low = self._lp(c, a_ub, np.array(ub_b) if ub else None, a_eq, np.array(eq_b) if eq else None)
        high = -self._lp(-c, a_ub, np.array(ub_b) if ub else None, a_eq, np.array(eq_b) if eq else None)
        return low, high

    def _lp(self, c: np.ndarray, a_ub, b_ub, a_eq, b_eq) -> float:
        self.solved += 1
        done = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        if done.status == 3:  # unbounded: no limit on that side
            return -np.inf
        assert done.status == 0, f"LP failed: {done.message}"
        return float(done.fun)


def _matrix(rows: list[dict[int, float]], width: int) -> csr_matrix:
    data, cols, ptr = [], [], [0]
    for row in rows:
        for i, c in row.items():
            cols.append(i)
            data.append(c)
        ptr.append(len(data))
    return csr_matrix((np.array(data, dtype=float), np.array(cols), np.array(ptr)), shape=(len(rows), width))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []
