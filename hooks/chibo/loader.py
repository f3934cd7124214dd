"""Read one record file safely into plain values with the line and column of each.

Only a small, predictable subset of YAML is accepted: mappings, sequences and plain or
quoted scalars. Anchors, aliases, merge keys, tags and several documents are refused,
as are files that are too large, not UTF-8, or nested too deep. Plain scalars follow
YAML 1.2's core rules, stricter than PyYAML's 1.1: ``no``/``on`` stay text, ``010`` is
not octal, and ``2022-02-30`` is reported instead of crashing. Events come from
libyaml (``yaml.CSafeLoader``), so parsing stays fast at thousands of files.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem, format_path

MAX_BYTES = 256 * 1024
MAX_DEPTH = 32

Key = tuple[str | int, ...]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# C0 and C1 controls but tab, LF and CR: libyaml refuses some and reads U+0085 as a line break.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}

_TAB = "có ký tự Tab; YAML chỉ thụt lề bằng dấu cách"
_YAML_MESSAGES = (
    ("found a tab character", _TAB),
    ("found character that cannot start any token", "có ký tự không được đứng đầu giá trị (hãy đặt giá trị trong dấu nháy)"),
    ("did not find expected ',' or ']'", "thiếu dấu ',' hoặc ']' trong danh sách"),
    ("did not find expected ',' or '}'", "thiếu dấu ',' hoặc '}' trong bảng khóa"),
    ("mapping values are not allowed in this context", "dấu ':' đặt sai chỗ (giá trị có dấu ':' cần đặt trong dấu nháy)"),
    ("mapping values are not allowed here", "dấu ':' đặt sai chỗ (giá trị có dấu ':' cần đặt trong dấu nháy)"),
    ("could not find expected ':'", "thiếu dấu ':' sau tên khóa"),
    ("did not find expected key", "thụt lề không đúng hoặc thiếu tên khóa"),
    ("did not find expected '-' indicator", "thụt lề không đúng trong danh sách"),
    ("found undefined tag handle", "thẻ YAML không được hỗ trợ"),
    ("found unexpected end of stream", "tệp kết thúc giữa chừng (thiếu dấu nháy hoặc ngoặc đóng?)"),
    ("exceeded maximum nesting depth", "dữ liệu lồng quá sâu"),
    ("found invalid Unicode character escape code", "mã thoát Unicode trong dấu nháy kép không hợp lệ"),
    ("found unknown escape character", "chuỗi trong dấu nháy kép có ký tự thoát '\\' không hợp lệ"),
    ("expected a single document", "tệp chỉ được chứa một tài liệu YAML (bỏ dòng '---' thứ hai)"),
)


@dataclass(frozen=True)
class Document:
    """A record file read into plain values, with where each value and key starts."""

    file: str
    stem: str
    data: object
    marks: dict[Key, tuple[int, int]] = field(repr=False)
    key_marks: dict[Key, tuple[int, int]] = field(repr=False)
    raw: dict[Key, str] = field(repr=False)

    def mark(self, path: Key, *, key: bool = False) -> tuple[int, int]:
        """The nearest known position of ``path`` (its key's when ``key``)."""
        if key and path in self.key_marks:
            return self.key_marks[path]
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def problem(self, path: Key, message: str, *, key: bool = False) -> Problem:
        line, column = self.mark(path, key=key)
        return Problem(self.file, line, column, format_path(path), message)


class _Refused(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def read_document(path: Path, rel: str) -> tuple[Document | None, list[Problem]]:
    """Read ``path`` (shown as ``rel``): the document, or the problems that stop it."""
    try:
        text = _decode(_read_bytes(path))
        builder = _Builder(rel)
        data = builder.build(text)
    except _Refused as refused:
        return None, [Problem(rel, refused.line, refused.column, "", refused.message)]
    doc = Document(rel, path.stem, data, builder.marks, builder.key_marks, builder.raw)
    problems = list(builder.problems)
    if data is None:
        problems.append(doc.problem((), "tệp không có nội dung (chỉ có chú thích hoặc dòng trống)"))
    elif not isinstance(data, dict):
        problems.append(doc.problem((), "nội dung tệp phải là các cặp 'khóa: giá trị'"))
    return doc, problems


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise _Refused(1, 1, "không phải tệp thông thường (có thể là thư mục)")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise _Refused(1, 1, f"tệp quá lớn ({size // 1024} KiB; tối đa {MAX_BYTES // 1024} KiB)")
    data = path.read_bytes()
    if not data.strip():
        raise _Refused(1, 1, "tệp rỗng")
    return data


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:4]:
        raise _Refused(1, 1, "tệp được lưu bằng mã UTF-16; hãy lưu lại với mã UTF-8")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        raise _Refused(
            line, column,
            f"tệp không phải UTF-8 (byte 0x{byte:02X}; có thể lưu bằng Windows-1258 hoặc "
            "mã cũ khác); hãy lưu lại với mã UTF-8",
        ) from None
    bad = _CONTROL.search(text)
    if bad:
        index = bad.start()
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        raise _Refused(line, column, _control_message(bad.group()))
    return text


class _Builder:
    """Turn libyaml events into dicts, tuples and scalars, keeping their marks."""

    def __init__(self, rel: str) -> None:
        self.rel = rel
        self.marks: dict[Key, tuple[int, int]] = {}
        self.key_marks: dict[Key, tuple[int, int]] = {}
        self.raw: dict[Key, str] = {}
        self.problems: list[Problem] = []

    def build(self, text: str) -> object:
        loader = yaml.CSafeLoader(text)
        try:
            return self._events(loader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise _Refused(line, column, _yaml_message(error, text, mark)) from None
        except yaml.YAMLError as error:
            raise _Refused(1, 1, _yaml_message(error, text, None)) from None
        finally:
            loader.dispose()

    def _events(self, loader: yaml.CSafeLoader) -> object:
        root: object = None
        documents = 0
        # Each frame: [container, path, pending key or None, key mark]
        stack: list[list] = []
        while True:
            event = loader.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                return root
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _refuse(event, "tệp chỉ được chứa một tài liệu YAML (bỏ dòng '---' thứ hai)")
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, yaml.AliasEvent):
                raise _refuse(event, f"không dùng bí danh YAML ('*{event.anchor}'); hãy viết đầy đủ giá trị")
            if getattr(event, "anchor", None):
                raise _refuse(event, f"không dùng neo YAML ('&{event.anchor}'); hãy viết đầy đủ giá trị")
            if getattr(event, "tag", None) and not _implicit(event):
                tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                raise _refuse(event, f"không dùng thẻ YAML ('{tag}'); hãy bỏ thẻ, đặt giá trị trong dấu nháy nếu là văn bản")
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                value = stack.pop()[0]
                if isinstance(value, list):
                    value = tuple(value)
                if not stack:
                    root = value
                    continue
                self._attach(stack, value, event, placed=True)
                continue
            if isinstance(event, yaml.ScalarEvent) and stack and stack[-1][2] is None \
                    and isinstance(stack[-1][0], dict):
                self._key(stack[-1], event)
                continue
            path = self._path_for(stack)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise _refuse(event, f"dữ liệu lồng quá sâu (tối đa {MAX_DEPTH} cấp)")
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                    raise _refuse(event, "khóa phải là một chuỗi đơn giản")
                self.marks[path] = _mark(event)
                container: dict | list = {} if isinstance(event, yaml.MappingStartEvent) else []
                stack.append([container, path, None, None])
                continue
            self.marks[path] = _mark(event)
            self.raw[path] = event.value
            value = self._scalar(event, path)
            if not stack:
                root = value
                continue
            self._attach(stack, value, event, placed=False)

    def _path_for(self, stack: list[list]) -> Key:
        if not stack:
            return ()
        container, path, key, _ = stack[-1]
        return path + ((key,) if isinstance(container, dict) else (len(container),))

    def _key(self, frame: list, event: yaml.ScalarEvent) -> None:
        key, mark = event.value, _mark(event)
        container, path = frame[0], frame[1]
        if key == "<<" and event.implicit[0]:
            raise _Refused(*mark, "không dùng khóa gộp YAML ('<<'); hãy viết đầy đủ các khóa")
        if key in container:
            first = self.key_marks[path + (key,)]
            self._problem(path + (key,), mark, f"khóa '{key}' bị lặp (đã có ở dòng {first[0]})")
            self.key_marks[path + (key, "#dup")] = mark
            frame[2], frame[3] = _Duplicate(f"{key} (lặp)"), mark
            return
        self.key_marks[path + (key,)] = mark
        frame[2], frame[3] = key, mark

    def _attach(self, stack: list[list], value: object, event: yaml.Event, placed: bool) -> None:
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, list):
            container.append(value)
            return
        if not isinstance(frame[2], _Duplicate):
            container[frame[2]] = value
        frame[2] = None

    def _problem(self, path: Key, mark: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(self.rel, *mark, format_path(path), message))

    def _scalar(self, event: yaml.ScalarEvent, path: Key) -> object:
        text = event.value
        if not event.implicit[0]:  # quoted: always text, but escapes such as "\x01" may hide controls
            bad = _CONTROL.search(text)
            if bad:
                self._problem(path, _mark(event), _control_message(bad.group()))
            return text
        if text in _NULL:
            return None
        if text in _BOOL:
            return _BOOL[text]
        if _INT.fullmatch(text):
            return int(text)
        if _FLOAT.fullmatch(text):
            return float(text)
        match = _DATE.fullmatch(text)
        if match:
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                self._problem(path, _mark(event), f"ngày '{text}' không tồn tại")
        return text


class _Duplicate(str):
    """A repeated key: its value is read (to find problems in it) but not kept."""


def _implicit(event: yaml.Event) -> bool:
    implicit = getattr(event, "implicit", False)
    if isinstance(implicit, tuple):
        return any(implicit)
    return bool(implicit)


def _mark(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _refuse(event: yaml.Event, message: str) -> _Refused:
    return _Refused(*_mark(event), message)


def _control_message(char: str) -> str:
    return (f"có ký tự điều khiển U+{ord(char):04X} không được phép "
            "(thường do chép từ Word, Excel); hãy xóa ký tự này")


def _yaml_message(error: yaml.YAMLError, source: str, mark: yaml.Mark | None) -> str:
    if mark is not None and source[mark.index:mark.index + 1] == "\t":
        return f"cú pháp YAML không hợp lệ: {_TAB}"
    text = str(getattr(error, "problem", None) or error)
    for english, vietnamese in _YAML_MESSAGES:
        if english in text:
            return f"cú pháp YAML không hợp lệ: {vietnamese}"
    return f"cú pháp YAML không hợp lệ: {text}"
