"""Validate plain record values against the models, with Vietnamese messages.

``check`` runs a model over a ``ParsedFile`` and turns every pydantic error into a
``Problem`` at the line and column of the offending value. The rules that span fields
or files are in ``crosscheck.py``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from types import MappingProxyType
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..formats import bound_vi
from .fields import MONTH_PATTERN
from .loader import Key, ParsedFile
from .problems import Problem

M = TypeVar("M", bound=BaseModel)

_SLUG_HINT = "chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối, ví dụ 'khoa-duoc'"


def check(doc: ParsedFile, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate ``doc.data`` as ``model``: the object, or ``None`` and the problems."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as error:
        items = [(item, *_data_path(doc.data, item["loc"])) for item in error.errors(include_url=False)]
        typos = {
            path[:-1] + (_suggestion(path, model),) for item, path, _ in items if item["type"] == "extra_forbidden"
        }
        problems: dict[Key, Problem] = {}
        for item, path, on_key in items:
            if path in problems or _explained(item, path, doc.data, typos):
                continue  # one line per value, even when a union tried several types
            message = _message(item, doc, path, model)
            on_key = on_key or item["type"] == "extra_forbidden"
            problems[path] = doc.problem(path, message, key=on_key)
        return None, list(problems.values())


def _explained(item: ErrorDetails, path: Key, data: object, typos: set[Key]) -> bool:
    """A problem another line already explains: a required key "missing" because it was
    mistyped (the typo's line says "có phải là …?"), or a list "too short" because one of its
    items is wrong (that item's line says why)."""
    if item["type"] == "missing":
        return path in typos
    if item["type"] == "too_short":
        found = _at(data, path)
        items = len(found) if isinstance(found, (tuple, list)) else 0
        return items >= (item.get("ctx") or {}).get("min_length", 0)
    return False


def _at(data: object, path: Key) -> object:
    """The value at ``path`` of the data as read (``None`` when there is none)."""
    for part in path:
        in_list = isinstance(data, (tuple, list)) and isinstance(part, int) and part < len(data)
        if not (in_list or (isinstance(data, dict) and part in data)):
            return None
        data = data[part]  # type: ignore[index]
    return data


def _data_path(data: object, loc: tuple) -> tuple[Key, bool]:
    """Map a pydantic ``loc`` onto the data, dropping union member names."""
    path: list[str | int] = []
    node: Any = data
    for part in loc:
        if part == "[key]":
            return tuple(path), True
        in_mapping = isinstance(node, dict) and part in node
        if in_mapping or (isinstance(node, (tuple, list)) and isinstance(part, int) and part < len(node)):
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str):
            path.append(part)  # a missing or unknown key: report it, stop walking
            return tuple(path), False
        else:
            continue
        path.append(part)
    return tuple(path), False


def _message(item: ErrorDetails, doc: ParsedFile, path: Key, model: type[BaseModel]) -> str:
    """The rule a value breaks, in words; the value as the author wrote it, never a Python value."""
    kind, ctx, value = item["type"], item.get("ctx") or {}, item.get("input")
    if kind == "missing" and path == ("types",) and getattr(model, "__name__", "") == "Committee":
        return (
            "thiếu trường bắt buộc: loại hình chi bộ nay ghi ở records/dang-bo.yml (trước đây ở tieu-chi.yml; "
            "xem README, mục Chương trình)"
        )
    if kind == "missing":
        return "thiếu trường bắt buộc"
    if kind == "extra_forbidden":
        return _unknown_key(path, model)
    if kind.startswith(("text_", "ma_")):  # our own messages, already in Vietnamese
        return item["msg"]
    raw = doc.raw(path)
    shown = raw if raw is not None else value
    if isinstance(value, (dict, tuple, list)) or value is None:
        return _wrong_shape(kind, ctx, value)
    if kind == "literal_error":
        return f"'{shown}' không hợp lệ; chọn một trong: {_choices(ctx)}"
    if kind == "string_type":
        return f"phải là văn bản; nếu đúng là '{shown}', hãy đặt trong dấu nháy: \"{shown}\""
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == MONTH_PATTERN:
        return f'\'{shown}\' không phải một tháng: viết "NĂM-THÁNG", tháng từ 01 đến 12, ví dụ "2025-03"'
    if kind == "string_pattern_mismatch":
        return f"'{shown}' không phải mã hợp lệ{_slug_problem(str(value))}: {_SLUG_HINT}"
    if kind == "string_too_short":
        return "không được để trống"
    if kind == "string_too_long":
        return f"quá dài (tối đa {bound_vi(ctx.get('max_length'))} ký tự)"
    if kind in _TYPES:
        return _wrong_type(kind, shown, value, doc.quoted(path))
    if kind in _BOUNDS:
        return _out_of_bounds(kind, ctx, shown)
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return f"'{shown}' phải là ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2022-06-11"
    if kind in ("tuple_type", "list_type"):
        return f"'{shown}' phải là một danh sách (mỗi mục bắt đầu bằng '- ')"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"'{shown}' phải là các cặp 'khóa: giá trị'"
    return f"'{shown}' không hợp lệ ở đây"


# What a field of each type must hold, said in words (the values of its kind of error).
_TYPES = MappingProxyType(
    {
        "int_type": "số nguyên",
        "int_parsing": "số nguyên",
        "int_from_float": "số nguyên",
        "float_type": "số",
        "float_parsing": "số",
        "bool_type": "true hoặc false",
        "bool_parsing": "true hoặc false",
    }
)
_BOUNDS = MappingProxyType(
    {
        "greater_than": ("gt", "phải lớn hơn"),
        "greater_than_equal": ("ge", "phải lớn hơn hoặc bằng"),
        "less_than": ("lt", "phải nhỏ hơn"),
        "less_than_equal": ("le", "phải nhỏ hơn hoặc bằng"),
    }
)
_WHAT = MappingProxyType(
    {
        "string_type": "văn bản",
        "date_type": "ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2022-06-11",
        "literal_error": "một mã",
        "tuple_type": "một danh sách (mỗi mục bắt đầu bằng '- ')",
        "list_type": "một danh sách (mỗi mục bắt đầu bằng '- ')",
        "model_type": "các cặp 'khóa: giá trị'",
        "dict_type": "các cặp 'khóa: giá trị'",
    }
)


def _choices(ctx: dict) -> str:
    return ", ".join(re.findall(r"'([^']*)'", ctx.get("expected", "")))


def _wrong_shape(kind: str, ctx: dict, value: object) -> str:
    """A list, a mapping or nothing where something else belongs: say what was found, in words."""
    what = _TYPES.get(kind) or _WHAT.get(kind)
    if kind == "literal_error":
        what = f"một trong: {_choices(ctx)}"
    if value is None:
        return "không được để trống" if what in (None, "văn bản") else f"chưa có giá trị; phải là {what}"
    found = "các cặp 'khóa: giá trị'" if isinstance(value, dict) else "một danh sách"
    return f"phải là {what}, không phải {found}" if what else f"không được là {found} ở đây"


def _wrong_type(kind: str, shown: object, value: object, quoted: bool) -> str:
    """A scalar of the wrong type. Quotes make YAML text: "12" and "false" are not a number, a
    true or a false, and the author should know the quotes are why."""
    what = _TYPES[kind]
    if isinstance(value, str) and quoted:
        bare = value.strip()
        if what == "true hoặc false" and bare.lower() in ("true", "false"):
            return f"'{shown}' trong dấu nháy là văn bản, không phải {what}; hãy bỏ dấu nháy: {bare.lower()}"
        if what != "true hoặc false" and _NUMBER.fullmatch(bare) and "," not in bare:
            return f"'{shown}' trong dấu nháy là văn bản, không phải {what}; hãy bỏ dấu nháy: {bare}"
    if isinstance(value, str) and what != "true hoặc false" and _LEADING_ZERO.fullmatch(value):
        return f"'{shown}' phải là {what}, viết không có số 0 ở đầu: {value.lstrip('0') or '0'}"
    if isinstance(value, str) and what == "số" and _DECIMAL_COMMA.fullmatch(value.strip()):
        unquoted = ", không đặt trong dấu nháy" if quoted else ""
        return (
            f"'{shown}' phải là số; trong hồ sơ, dấu thập phân là dấu chấm{unquoted}: {value.strip().replace(',', '.')}"
        )
    if isinstance(value, dt.date):
        return f"'{shown}' là một ngày; phải là {what}"
    if kind == "int_from_float" or (what == "số nguyên" and isinstance(value, float)):
        return f"'{shown}' phải là số nguyên (không có phần thập phân)"
    return f"'{shown}' phải là {what}"


_NUMBER = re.compile(r"[-+]?[0-9]+([.,][0-9]+)?")
_LEADING_ZERO = re.compile(r"0[0-9]+")
_DECIMAL_COMMA = re.compile(r"[-+]?[0-9]+,[0-9]+")


def _out_of_bounds(kind: str, ctx: dict, shown: object) -> str:
    key, phrase = _BOUNDS[kind]
    limit = ctx.get(key)
    if kind == "greater_than_equal" and limit == 0:
        return f"'{shown}' không hợp lệ: số không được âm"
    return f"'{shown}' {phrase} {bound_vi(limit)}"


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


# Keys of the first layout of dang-bo.yml, which now belong to a programme's chuong-trinh.yml.
_MOVED_TO_PROGRAMME = frozenset({"plan", "period", "targets", "selection", "milestones", "responsibilities"})


def _unknown_key(path: Key, model: type[BaseModel]) -> str:
    key = str(path[-1])
    allowed = _allowed_keys(model, path[:-1])
    message = f"khóa '{key}' không được dùng ở đây"
    if len(path) == 1 and key in _MOVED_TO_PROGRAMME and getattr(model, "__name__", "") == "Committee":
        return (
            f"{message}: '{key}' nay thuộc từng chương trình, chuyển vào records/chuong-trinh/<mã chương "
            "trình>/chuong-trinh.yml (xem README, mục Chương trình)"
        )
    if not allowed:
        return message
    close = _suggestion(path, model)
    if close:
        return f"{message}; có phải là '{close}'?"
    return f"{message}; các khóa hợp lệ: {', '.join(allowed)}"


def _suggestion(path: Key, model: type[BaseModel]) -> str:
    """The key the author most likely meant by the unknown key at ``path`` (``''``: none close)."""
    close = difflib.get_close_matches(str(path[-1]), _allowed_keys(model, path[:-1]), n=1)
    return close[0] if close else ""


def _allowed_keys(model: type[BaseModel], path: Key) -> list[str]:
    """The keys the model accepts at ``path`` (a mapping inside the record)."""
    target: object = model
    for part in path:
        target = _inner(target, part)
        if target is None:
            return []
    for candidate in _unwrap(target):  # a model, or an optional one (``MemberRatings | None``)
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return [f.alias or name for name, f in candidate.model_fields.items()]
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
