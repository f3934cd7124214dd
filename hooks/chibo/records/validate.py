"""Validate plain record values against the models, with Vietnamese messages.

``check`` runs a model over a ``ParsedFile`` and turns every pydantic error into a
``Problem`` at the line and column of the offending value. The rules that span fields
or files are in ``crosscheck.py``.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..formats import number_vi
from .loader import Key, ParsedFile
from .problems import Problem

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


def _message(item: Mapping[str, Any], doc: ParsedFile, path: Key, model: type[BaseModel]) -> str:
    kind, value = item["type"], item.get("input")
    ctx: Mapping[str, Any] = item.get("ctx") or {}
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
        limit = ctx["le"]
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
