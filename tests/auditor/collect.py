"""The auditor: every statement about members the members' side makes, and what they allow."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .html import Table, read_html
from .ranges import Ranges
from .truth import (
    CELL_LINK,
    COMMITTEE_LABELS,
    COUNT_WORDS,
    EPS,
    NUMBER,
    RATINGS,
    SHORT,
    TOTAL_LABELS,
    Key,
    Statement,
    Truth,
)


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
            if name.startswith(("mau/", "du-lieu/mau/")):
                continue  # blank import sheets: a header and an example row, no record in them (test_audit)
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
        if COUNT_WORDS.search(" ".join(outside.split())):
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
                if m := CELL_LINK.search(href.split("#")[0]):
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
        elif NUMBER.fullmatch(text):
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
        for m in COUNT_WORDS.finditer(text):
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
            for m in COUNT_WORDS.finditer(text):
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
            cell = m.group(1) if (m := CELL_LINK.search(href)) else None
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
            if (s.low is not None and value < s.low - EPS) or (s.high is not None and value > s.high + EPS):
                found.problems.append(f"the true counts break a statement read at {s.where} (misread?)")
        values = self.hidden_values()
        found.hidden = len(values)
        ranges = Ranges(self.statements, self.truth)
        for name, terms in values.items():
            low, high = ranges.range(terms)
            found.ranges[name] = (low, high)
            if np.floor(high + EPS) - np.ceil(low - EPS) < 1:
                found.problems.append(f"{name} can be worked out: its only possible value is {round(low)}")
        if found.ranges:
            name = min(found.ranges, key=lambda n: found.ranges[n][1] - found.ranges[n][0])
            found.smallest = (found.ranges[name][1] - found.ranges[name][0], name)
        found.solved = ranges.solved
        return found


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []
