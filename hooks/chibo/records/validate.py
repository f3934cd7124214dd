"""Validate plain record values against the models, with Vietnamese messages.

``check`` runs a model over a ``ParsedFile`` and turns every pydantic error into a
``Problem`` at the line and column of the offending value. The rules that span fields
or files (ids, references, order of events, `model: true`) follow as plain functions.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from ..formats import date_vi, number_vi
from .loader import Key, ParsedFile
from .models import MAX_YEAR, SLUG_PATTERN, Committee, CriteriaBook
from .problems import Problem
from ..vocab import GOOD_OR_BETTER

M = TypeVar("M", bound=BaseModel)

_SLUG_HINT = "chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối, ví dụ 'khoa-duoc'"


def check(doc: ParsedFile, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate ``doc.data`` as ``model``: the object, or ``None`` and the problems."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as error:
        problems: dict[Key, Problem] = {}
        for item in error.errors(include_url=False):
            path, on_key = _data_path(doc.data, item["loc"])
            if path in problems:
                continue  # one line per value, even when a union tried several types
            message = _message(item, doc, path, model)
            on_key = on_key or item["type"] == "extra_forbidden"
            problems[path] = doc.problem(path, message, key=on_key)
        return None, list(problems.values())


def _data_path(data: object, loc: tuple) -> tuple[Key, bool]:
    """Map a pydantic ``loc`` onto the data, dropping union member names."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if part == "[key]":
            return tuple(path), True
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, (tuple, list)) and isinstance(part, int) and part < len(node):
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str):
            path.append(part)  # a missing or unknown key: report it, stop walking
            return tuple(path), False
        else:
            continue
        path.append(part)
    return tuple(path), False


def _message(item: dict, doc: ParsedFile, path: Key, model: type[BaseModel]) -> str:
    kind, ctx, value = item["type"], item.get("ctx") or {}, item.get("input")
    raw = doc.raw(path)
    shown = raw if raw is not None else value
    if kind == "missing":
        return "thiếu trường bắt buộc"
    if kind == "extra_forbidden":
        return _unknown_key(path, model)
    if kind == "literal_error":
        choices = ", ".join(re.findall(r"'([^']*)'", ctx.get("expected", "")))
        return f"'{shown}' không hợp lệ; chọn một trong: {choices}"
    if kind == "string_type":
        if value is None:
            return "không được để trống"
        if isinstance(value, (tuple, list)):
            return "phải là văn bản, không phải một danh sách"
        if isinstance(value, dict):
            return "phải là văn bản, không phải các cặp 'khóa: giá trị'"
        return f"phải là văn bản; nếu đúng là '{shown}', hãy đặt trong dấu nháy: \"{shown}\""
    if kind == "string_pattern_mismatch":
        return f"'{shown}' không phải mã hợp lệ{_slug_problem(str(value))}: {_SLUG_HINT}"
    if kind == "string_too_short":
        return "không được để trống"
    if kind == "string_too_long":
        return f"quá dài (tối đa {ctx.get('max_length')} ký tự)"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"'{shown}' phải là số nguyên" if shown is not None else "phải là số nguyên"
    if kind in ("float_type", "float_parsing"):
        return f"'{shown}' phải là số" if shown is not None else "phải là số"
    if kind == "greater_than_equal":
        if ctx.get("ge") == 0:
            return f"'{shown}' không hợp lệ: số không được âm"
        return f"'{shown}' phải lớn hơn hoặc bằng {ctx.get('ge')}"
    if kind == "less_than_equal":
        limit = ctx.get("le")
        return f"'{shown}' phải nhỏ hơn hoặc bằng {number_vi(limit) if limit >= 10_000 else limit}"
    if kind == "bool_type":
        return f"'{shown}' phải là true hoặc false"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return f"'{shown}' phải là ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2022-06-11"
    if kind in ("tuple_type", "list_type"):
        return "phải là một danh sách (mỗi mục bắt đầu bằng '- ')"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "phải là các cặp 'khóa: giá trị'"
    if kind == "too_short":
        return f"phải có ít nhất {ctx.get('min_length')} mục"
    if kind.startswith(("text_", "ma_")):  # our own messages, already in Vietnamese
        return item["msg"]
    return f"giá trị '{shown}' không hợp lệ (loại lỗi: {kind})"


def _slug_problem(text: str) -> str:
    """Name the first character that makes ``text`` no id: a look-alike letter, say."""
    for char in text:
        if char.isascii() and (char.islower() or char.isdigit() or char == "-"):
            continue
        if not char.isascii():
            return f" (ký tự '{char}', mã U+{ord(char):04X}, không phải chữ Latinh không dấu)"
        if char.isupper():
            return f" (có chữ hoa '{char}')"
        return f" (có ký tự '{char}')"
    return ""


def _unknown_key(path: Key, model: type[BaseModel]) -> str:
    key = str(path[-1])
    allowed = _allowed_keys(model, path[:-1])
    message = f"khóa '{key}' không được dùng ở đây"
    if not allowed:
        return message
    close = difflib.get_close_matches(key, allowed, n=1)
    if close:
        return f"{message}; có phải là '{close[0]}'?"
    return f"{message}; các khóa hợp lệ: {', '.join(allowed)}"


def _allowed_keys(model: type[BaseModel], path: Key) -> list[str]:
    """The keys the model accepts at ``path`` (a mapping inside the record)."""
    target: object = model
    for part in path:
        target = _inner(target, part)
        if target is None:
            return []
    if isinstance(target, type) and issubclass(target, BaseModel):
        return [f.alias or name for name, f in target.model_fields.items()]
    return []


def _inner(annotation: object, part: str | int) -> object:
    """One step down a type: a model's field, or the items of a tuple or dict."""
    for candidate in _unwrap(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel) and isinstance(part, str):
            for name, info in candidate.model_fields.items():
                if (info.alias or name) == part:
                    return info.annotation
        origin, args = typing.get_origin(candidate), typing.get_args(candidate)
        if origin is tuple and isinstance(part, int):
            return args[0]
        if origin is dict and isinstance(part, str):
            return args[1]
    return None


def _unwrap(annotation: object) -> list[object]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [a for arg in typing.get_args(annotation) for a in _unwrap(arg)]
    return [annotation]


# --- rules across fields -----------------------------------------------------------


def check_book(doc: ParsedFile, book: CriteriaBook) -> list[Problem]:
    """``tieu-chi.yml``: unique ids; each criterion common or by type, every type covered."""
    problems = _repeated(doc, "types", "id", "mã loại hình")
    problems += _repeated(doc, "criteria", "id", "mã tiêu chí")
    type_ids = [t.id for t in book.types]
    for index, criterion in enumerate(book.criteria):
        where = ("criteria", index)
        if bool(criterion.indicators) == bool(criterion.by_type):
            problems.append(doc.problem(where, "mỗi tiêu chí cần đúng một trong hai: 'indicators' "
                                        "(tiêu chí chung) hoặc 'by_type' (tiêu chí theo loại hình)"))
            continue
        for type_id in criterion.by_type or {}:
            if type_id not in type_ids:
                problems.append(doc.problem(where + ("by_type", type_id), f"loại hình '{type_id}' "
                                            f"không có trong 'types'; chọn một trong: {', '.join(type_ids)}", key=True))
        missing = [t for t in type_ids if criterion.by_type is not None and t not in criterion.by_type]
        if missing:
            problems.append(doc.problem(where + ("by_type",), f"thiếu nội dung cho loại hình: {', '.join(missing)}"))
    return problems


def check_committee(doc: ParsedFile, committee: Committee) -> list[Problem]:
    """``dang-bo.yml``: unique ids, document references, a sane period."""
    problems = _repeated(doc, "documents", "id", "mã văn bản")
    problems += _repeated(doc, "targets", "id", "mã chỉ tiêu")
    problems += _repeated(doc, "milestones", "id", "mã mốc")
    doc_ids = {d.id for d in committee.documents}
    if committee.plan.implements not in doc_ids:
        problems.append(doc.problem(("plan", "implements"), _unknown_doc(committee.plan.implements)))
    for index, rules in enumerate(committee.rules):
        for j, ref in enumerate(rules.documents):
            if ref not in doc_ids:
                problems.append(doc.problem(("rules", index, "documents", j), _unknown_doc(ref)))
        if rules.to_year is not None and rules.to_year < rules.from_year:
            problems.append(doc.problem(("rules", index, "to"), "năm kết thúc trước năm bắt đầu"))
    problems += _check_rule_ranges(doc, committee)
    for index, target in enumerate(committee.targets):
        if target.comparison == ">" and target.percent >= 100:
            problems.append(doc.problem(("targets", index, "percent"), "chỉ tiêu 'trên 100%' không thể đạt; "
                                        "dùng comparison: \">=\" với percent: 100"))
    for index, milestone in enumerate(committee.milestones):
        if milestone.done is not None and milestone.done > committee.as_of:
            problems.append(doc.problem(("milestones", index, "done"), f"ngày hoàn thành {date_vi(milestone.done)} "
                                        f"sau ngày số liệu as_of ({date_vi(committee.as_of)}); hãy cập nhật as_of"))
    if committee.period.end < committee.period.start:
        problems.append(doc.problem(("period", "end"), "năm kết thúc trước năm bắt đầu"))
    if committee.selection.first_year_max < committee.selection.first_year_min:
        problems.append(doc.problem(("selection", "first_year_max"), "nhỏ hơn first_year_min"))
    return problems


def _check_rule_ranges(doc: ParsedFile, committee: Committee) -> list[Problem]:
    """Each rating year has one rule set: ranges may not overlap."""
    problems, seen = [], {}
    for index, rules in enumerate(committee.rules):
        last = rules.to_year if rules.to_year is not None else MAX_YEAR
        for year in range(rules.from_year, last + 1):
            if year in seen:
                problems.append(doc.problem(("rules", index, "from"), f"năm {year} đã thuộc căn cứ "
                                            f"rules[{seen[year]}]; các khoảng năm không được chồng nhau"))
                break
            seen[year] = index
    return problems


def _unknown_doc(ref: str) -> str:
    return f"văn bản '{ref}' không có trong 'documents'"


def check_cell(doc: ParsedFile, book: CriteriaBook | None) -> list[Problem]:
    """One cell's rules across fields: id and file name, type, criteria ids, years, events,
    recognitions.

    These run on the values as read, not on the validated model, so a file with a wrong
    type somewhere still gets every other problem reported in the same run; a value of the
    wrong type is skipped here (the schema check has reported it).
    """
    data = doc.data if isinstance(doc.data, dict) else {}
    extras = _items(data, "extra_criteria")
    results = _items(data, "results")
    problems: list[Problem] = []
    cell_id = data.get("id")
    if _is_slug(cell_id) and cell_id != doc.stem:
        problems.append(doc.problem(("id",), f"mã chi bộ '{cell_id}' phải trùng tên tệp '{doc.stem}.yml'"))
    problems += _repeated(doc, "extra_criteria", "id", "mã tiêu chí")
    problems += _repeated(doc, "results", "year", "năm")
    if book is not None:
        problems += _check_references(doc, data, extras, results, book)
    problems += _check_events(doc, _items(data, "registration"))
    problems += _check_models(doc, results)
    return problems


def _items(data: dict, key: str) -> list[tuple[int, dict]]:
    """The mappings in the list ``data[key]``, with their index."""
    value = data.get(key)
    if not isinstance(value, (tuple, list)):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


def _is_slug(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(SLUG_PATTERN, value) is not None


def _is_int(value: object) -> bool:
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


def _check_references(doc: ParsedFile, data: dict, extras: list[tuple[int, dict]],
                      results: list[tuple[int, dict]], book: CriteriaBook) -> list[Problem]:
    problems = []
    type_ids = [t.id for t in book.types]
    cell_type = data.get("type")
    if _is_slug(cell_type) and cell_type not in type_ids:
        problems.append(doc.problem(("type",), f"'{cell_type}' không hợp lệ; chọn một trong: {', '.join(type_ids)}"))
    base = {c.id for c in book.criteria}
    criteria = set(base)
    for index, extra in extras:
        if _is_slug(extra.get("id")):
            criteria.add(extra["id"])
            if extra["id"] in base:
                problems.append(doc.problem(("extra_criteria", index, "id"),
                                            f"mã '{extra['id']}' trùng với tiêu chí trong tieu-chi.yml"))
    for index, result in results:
        marks = result.get("criteria")
        for key in marks if isinstance(marks, dict) else ():
            if _is_slug(key) and key not in criteria:
                problems.append(doc.problem(("results", index, "criteria", key), f"tiêu chí '{key}' "
                                            f"không có; chọn một trong: {', '.join(sorted(criteria))}", key=True))
    return problems


def _check_events(doc: ParsedFile, events: list[tuple[int, dict]]) -> list[Problem]:
    problems = []
    registered: set[int] = set()
    previous: dt.date | None = None
    for index, event in events:
        day, status, year = event.get("date"), event.get("status"), event.get("year")
        if isinstance(day, dt.date):
            if previous is not None and day < previous:
                problems.append(doc.problem(("registration", index, "date"),
                                            f"sự kiện ngày {date_vi(day)} đứng sau sự kiện ngày "
                                            f"{date_vi(previous)}; hãy xếp theo thứ tự ngày"))
            previous = day
        if not _is_int(year):
            continue
        if status == "dang-ky":
            registered.add(year)
        elif status in ("lua-chon", "khong-lua-chon") and year not in registered:
            problems.append(doc.problem(("registration", index, "status"),
                                        f"'{status}' cho năm {year} cần một sự kiện 'dang-ky' năm {year} trước đó"))
    return problems


def _check_models(doc: ParsedFile, results: list[tuple[int, dict]]) -> list[Problem]:
    problems = []
    for index, result in results:
        if result.get("model") is not True:
            continue
        if result.get("rating") not in GOOD_OR_BETTER:
            problems.append(doc.problem(("results", index, "model"), "'model: true' cần xếp loại "
                                        "'xuat-sac' hoặc 'tot' trong cùng năm"))
        marks = result.get("criteria")
        failed = [key for key, value in (marks.items() if isinstance(marks, dict) else ()) if value == "chua-dat"]
        if failed:
            problems.append(doc.problem(("results", index, "model"), "'model: true' nhưng tiêu chí "
                                        f"{', '.join(failed)} 'chua-dat'"))
    return problems
