"""Rules that span fields or files: ids, references, order of events and dates, recognitions.

They run on the values as read, not on the validated models where a model may have
failed, so a file with a wrong type somewhere still gets every other problem reported in
the same run; a value of the wrong type is skipped here (the schema check reported it).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TypeGuard

from ..formats import date_vi
from ..vocab import RATINGS, REGISTER_KINDS
from .committee import Committee, register_key
from .dated import as_date, check_cell_dates, check_committee_dates
from .fields import MAX_YEAR, SLUG_PATTERN
from .loader import ParsedFile
from .problems import Problem


def check_committee(doc: ParsedFile, committee: Committee) -> list[Problem]:
    """``dang-bo.yml``: unique ids, document references, rule sets that do not overlap."""
    problems = _repeated(doc, "documents", "id", "mã văn bản")
    problems += _repeated(doc, "types", "id", "mã loại hình")
    doc_ids = {d.id for d in committee.documents}
    for index, rules in enumerate(committee.rules):
        for j, ref in enumerate(rules.documents):
            if ref not in doc_ids:
                problems.append(doc.problem(("rules", index, "documents", j), _unknown_doc(ref)))
        if rules.to_year is not None and rules.to_year < rules.from_year:
            problems.append(doc.problem(("rules", index, "to"), "năm kết thúc trước năm bắt đầu"))
    problems += _check_rule_ranges(doc, committee)
    problems += _in_date_order(doc, "names", "from", "tên gọi")
    problems += check_committee_dates(doc, doc.data if isinstance(doc.data, dict) else {}, committee.as_of)
    for index, rules in enumerate(committee.rules):
        if rules.score is not None:
            problems += _check_bands(doc, ("rules", index, "score", "bands"), rules.score.bands)
    problems += _repeated(doc, "register", "document", "văn bản")
    return problems + _check_register(doc, committee)


def _check_register(doc: ParsedFile, committee: Committee) -> list[Problem]:
    """The register: each number given once, with the type code of its document's kind."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(committee.issued):
        found = register_key(entry.document)
        kind = REGISTER_KINDS[found[0]] if found else None
        code = entry.number.split("-", 1)[1].split("/", 1)[0]
        if kind is not None and code != kind.code:
            problems.append(
                doc.problem(
                    ("register", index, "number"),
                    f"{kind.name} có ký hiệu {kind.code}, không phải '{code}'",
                )
            )
        if entry.number in seen:
            problems.append(
                doc.problem(
                    ("register", index, "number"),
                    f"số '{entry.number}' đã ghi ở mục [{seen[entry.number]}]; mỗi số chỉ cấp cho một văn bản",
                )
            )
        seen.setdefault(entry.number, index)
    return problems


def _check_rule_ranges(doc: ParsedFile, committee: Committee) -> list[Problem]:
    """Each rating year has one rule set: ranges may not overlap."""
    problems: list[Problem] = []
    seen: dict[int, int] = {}
    for index, rules in enumerate(committee.rules):
        last = rules.to_year if rules.to_year is not None else MAX_YEAR
        for year in range(rules.from_year, last + 1):
            if year in seen:
                problems.append(
                    doc.problem(
                        ("rules", index, "from"),
                        f"năm {year} đã thuộc căn cứ rules[{seen[year]}]; các khoảng năm không được chồng nhau",
                    )
                )
                break
            seen[year] = index
    return problems


def _unknown_doc(ref: str) -> str:
    return f"văn bản '{ref}' không có trong 'documents'"


def check_cell(doc: ParsedFile, as_of: dt.date | None = None) -> list[Problem]:
    """One cell's rules across fields: id and file name, years, events, leaders and the data
    date ``as_of`` (``dated.py``), results, recognitions. Its type, criteria and events
    against the committee's types and the programmes: ``scope.check_cell_scope``.

    These run on the values as read, not on the validated model, so a file with a wrong
    type somewhere still gets every other problem reported in the same run; a value of the
    wrong type is skipped here (the schema check has reported it).
    """
    data = doc.data if isinstance(doc.data, dict) else {}
    results = _items(data, "results")
    problems: list[Problem] = []
    cell_id = data.get("id")
    if _is_slug(cell_id) and cell_id != doc.stem:
        problems.append(doc.problem(("id",), f"mã chi bộ '{cell_id}' phải trùng tên tệp '{doc.stem}.yml'"))
    problems += _repeated(doc, "extra_criteria", "id", "mã tiêu chí")
    problems += _repeated(doc, "results", "year", "năm")
    problems += _check_events(doc, _items(data, "registration"))
    problems += _in_date_order(doc, "leadership", "date", "mục")
    problems += check_cell_dates(doc, data, as_of)
    problems += _check_results(doc, results)
    return problems


def _items(data: dict, key: str) -> list[tuple[int, dict]]:
    """The mappings in the list ``data[key]``, with their index."""
    value = data.get(key)
    if not isinstance(value, (tuple, list)):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


_SLUG = re.compile(SLUG_PATTERN)


def _is_slug(value: object) -> bool:
    return isinstance(value, str) and _SLUG.fullmatch(value) is not None


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _repeated(doc: ParsedFile, path: str, key: str, what: str) -> list[Problem]:
    """Items of the list ``path`` whose ``key`` repeats an earlier item's (ids, years)."""
    seen: dict[object, int] = {}
    problems = []
    data = doc.data if isinstance(doc.data, dict) else {}
    for index, item in _items(data, path):
        value = item.get(key)
        if not (_is_slug(value) or _is_int(value)):
            continue
        if value in seen:
            problems.append(doc.problem((path, index, key), f"{what} '{value}' bị trùng với mục [{seen[value]}]"))
        else:
            seen[value] = index
    return problems


def _check_events(doc: ParsedFile, events: list[tuple[int, dict]]) -> list[Problem]:
    problems = _in_date_order(doc, "registration", "date", "sự kiện")
    registered: set[int] = set()
    for index, event in events:
        status, year = event.get("status"), event.get("year")
        if not _is_int(year):
            continue
        if status == "dang-ky":
            registered.add(year)
        elif status in ("lua-chon", "khong-lua-chon") and year not in registered:
            problems.append(
                doc.problem(
                    ("registration", index, "status"),
                    f"'{status}' cho năm {year} cần một sự kiện 'dang-ky' năm {year} trước đó",
                )
            )
    return problems


def _check_results(doc: ParsedFile, results: list[tuple[int, dict]]) -> list[Problem]:
    """A year's figures that cannot stand together: a rating with every member count 0 (who
    was rated?), a score without a rating, more tasks done than given."""
    problems = []
    for index, result in results:
        rating, members = result.get("rating"), result.get("members")
        if (
            rating is not None
            and isinstance(members, dict)
            and not any(members.values())  # the common case, a count above 0, ends here
            and all(_is_int(n) for n in members.values())
        ):
            problems.append(
                doc.problem(
                    ("results", index, "members"),
                    "chi bộ đã được xếp loại nhưng mọi số đảng viên đều bằng 0; hãy ghi số đảng viên ở từng "
                    "mức xếp loại, hoặc bỏ dòng members nếu chưa có",
                )
            )
        if rating is None and result.get("score") is not None:
            problems.append(
                doc.problem(
                    ("results", index, "score"),
                    "có điểm nhưng chưa có xếp loại: hãy ghi rating của năm (hoặc bỏ điểm nếu năm chưa được xếp loại)",
                )
            )
        if "tasks" in result:
            problems += _check_tasks(doc, ("results", index, "tasks"), result["tasks"])
    return problems


def _check_tasks(doc: ParsedFile, path: tuple, tasks: object) -> list[Problem]:
    if not isinstance(tasks, dict):
        return []
    total, done, exceeded = tasks.get("total"), tasks.get("done"), tasks.get("exceeded", 0)
    problems = []
    if _is_int(total) and _is_int(done) and done > total:
        problems.append(
            doc.problem(path + ("done",), f"{done} nhiệm vụ hoàn thành, nhiều hơn {total} nhiệm vụ được giao")
        )
    if _is_int(done) and _is_int(exceeded) and exceeded > done:
        problems.append(
            doc.problem(path + ("exceeded",), f"{exceeded} nhiệm vụ vượt mức, nhiều hơn {done} nhiệm vụ hoàn thành")
        )
    return problems


def _in_date_order(doc: ParsedFile, path: str, key: str, what: str) -> list[Problem]:
    """Items of the list ``path`` must be in order of their date ``key``."""
    data = doc.data if isinstance(doc.data, dict) else {}
    problems, previous = [], None
    for index, item in _items(data, path):
        day = as_date(item.get(key))
        if day is None:
            continue
        if previous is not None and day < previous:
            problems.append(
                doc.problem(
                    (path, index, key),
                    f"{what} ngày {date_vi(day)} đứng sau {what} ngày {date_vi(previous)}; hãy xếp theo thứ tự ngày",
                )
            )
        previous = day
    return problems


def _check_bands(doc: ParsedFile, path: tuple, bands: tuple) -> list[Problem]:
    """Score bands go from the highest rating down, each lower than the one before."""
    problems, seen = [], set()
    for index, band in enumerate(bands):
        if band.rating in seen:
            problems.append(doc.problem(path + (index, "rating"), f"mức '{band.rating}' bị lặp"))
        seen.add(band.rating)
        if index and (
            band.min >= bands[index - 1].min or RATINGS.index(band.rating) <= RATINGS.index(bands[index - 1].rating)
        ):
            problems.append(
                doc.problem(
                    path + (index,), "các khung điểm phải xếp từ mức cao xuống mức thấp, điểm tối thiểu giảm dần"
                )
            )
    return problems
