"""Rules of time: entries that hold from a date (``leadership``, ``names``), and the data date.

What holds on a date is the last entry on or before it (``report/history.py``), so two
entries on one date leave one of them never used: an error naming both lines. The data
date ``as_of`` is "now" (DESIGN.md §2): an entry dated after it is planned, not current (a
warning), and a result for a year after its year cannot have happened yet (an error). The
top-level ``secretary`` of a cell names the secretary in force on ``as_of``.

Like ``crosscheck``, these run on the values as read; a value of the wrong type is skipped
(the schema check has reported it).
"""

from __future__ import annotations

import datetime as dt

from ..formats import date_vi
from ..text import name_key
from .fields import iso_date
from .loader import Key, ParsedFile
from .problems import WARNING, Problem


def check_cell_dates(doc: ParsedFile, data: dict, as_of: dt.date | None) -> list[Problem]:
    """A cell's leadership entries and results against each other and the data date."""
    entries = dated(data, "leadership", "date")
    problems = same_day(doc, "leadership", "date", entries, "mục lãnh đạo")
    problems += _deputies(doc, entries)
    if as_of is not None:
        problems += planned(doc, "leadership", "date", entries, as_of, "mục lãnh đạo")
        problems += _future_results(doc, data, as_of)
    problems += _secretary(doc, data, entries, as_of)
    return problems


def check_committee_dates(doc: ParsedFile, data: dict, as_of: dt.date) -> list[Problem]:
    """The Committee's names: one entry per date, the ones after the data date planned."""
    entries = dated(data, "names", "from")
    return same_day(doc, "names", "from", entries, "mục tên gọi") + planned(
        doc, "names", "from", entries, as_of, "mục tên gọi"
    )


def dated(data: dict, key: str, field: str) -> list[tuple[int, dict, dt.date]]:
    """The mappings of the list ``data[key]`` that have a date in ``field``: index, item, date."""
    value = data.get(key)
    found = []
    for index, item in enumerate(value if isinstance(value, (tuple, list)) else ()):
        day = as_date(item.get(field)) if isinstance(item, dict) else None
        if day is not None:
            found.append((index, item, day))
    return found


def same_day(
    doc: ParsedFile, key: str, field: str, entries: list[tuple[int, dict, dt.date]], what: str
) -> list[Problem]:
    """Two entries from one date: the later in the file is never in force."""
    problems: list[Problem] = []
    first: dict[dt.date, int] = {}
    for index, _, day in entries:
        if day in first:
            earlier = first[day]
            line = doc.mark((key, earlier, field))[0]
            problems.append(
                doc.problem(
                    (key, index, field),
                    f"{what} ngày {date_vi(day)} trùng ngày với {key}[{earlier}] (dòng {line}): chỉ mục sau được "
                    "dùng; mỗi ngày một mục, hãy gộp hai mục hoặc sửa ngày",
                )
            )
        else:
            first[day] = index
    return problems


def planned(
    doc: ParsedFile, key: str, field: str, entries: list[tuple[int, dict, dt.date]], as_of: dt.date, what: str
) -> list[Problem]:
    """Entries dated after the data date: shown as planned, not current (a warning)."""
    return [
        _warning(
            doc,
            (key, index, field),
            f"{what} ngày {date_vi(day)} sau ngày số liệu as_of ({date_vi(as_of)}): được ghi là dự kiến, chưa "
            "phải hiện nay; khi mục này có hiệu lực, hãy cập nhật as_of",
        )
        for index, _, day in entries
        if day > as_of
    ]


def _future_results(doc: ParsedFile, data: dict, as_of: dt.date) -> list[Problem]:
    value = data.get("results")
    problems = []
    for index, item in enumerate(value if isinstance(value, (tuple, list)) else ()):
        year = item.get("year") if isinstance(item, dict) else None
        if isinstance(year, int) and not isinstance(year, bool) and year > as_of.year:
            problems.append(
                doc.problem(
                    ("results", index, "year"),
                    f"năm {year} sau năm của ngày số liệu as_of ({date_vi(as_of)}): chưa thể có kết quả; "
                    f"chỉ ghi kết quả đến năm {as_of.year}",
                )
            )
    return problems


def _deputies(doc: ParsedFile, entries: list[tuple[int, dict, dt.date]]) -> list[Problem]:
    """A deputy who is the entry's own secretary (the same name, however written)."""
    return [
        _warning(
            doc,
            ("leadership", index, "deputy"),
            f"phó bí thư '{item['deputy']}' cũng là bí thư của cùng mục; hãy sửa tên phó bí thư hoặc bỏ dòng deputy",
        )
        for index, item, _ in entries
        if isinstance(item.get("deputy"), str)
        and isinstance(item.get("secretary"), str)
        and name_key(item["deputy"]) == name_key(item["secretary"])
    ]


def _secretary(
    doc: ParsedFile, data: dict, entries: list[tuple[int, dict, dt.date]], as_of: dt.date | None
) -> list[Problem]:
    """A top-level ``secretary`` must name the secretary in force on the data date (without a
    data date, the last entry's); entries all planned leave it as the only current one."""
    top = data.get("secretary")
    if not entries or not isinstance(top, str):
        return []
    in_force = [e for e in entries if as_of is None or e[2] <= as_of]
    if not in_force:
        return []
    index, entry, day = max(in_force, key=lambda e: (e[2], e[0]))
    current = entry.get("secretary")
    if not isinstance(current, str) or name_key(current) == name_key(top):
        return []
    line = doc.mark(("leadership", index, "secretary"))[0]
    when = f"ngày số liệu {date_vi(as_of)}" if as_of is not None else "hiện nay"
    return [
        doc.problem(
            ("secretary",),
            f"'{top}' khác bí thư có hiệu lực vào {when}, '{current}' ở leadership[{index}] "
            f"(dòng {line}, từ ngày {date_vi(day)}); sửa cho khớp hoặc bỏ dòng secretary",
        )
    ]


def _warning(doc: ParsedFile, path: Key, message: str) -> Problem:
    problem = doc.problem(path, message)
    return Problem(problem.file, problem.line, problem.column, problem.path, message, WARNING)


def as_date(value: object) -> dt.date | None:
    """A date as read: a YAML date, or one written in quotes; else ``None``."""
    if isinstance(value, dt.date):
        return value
    try:
        return iso_date(value.strip()) if isinstance(value, str) else None
    except ValueError:
        return None
