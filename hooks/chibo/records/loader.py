"""Read one record file safely into plain values with the line and column of each.

Only a small, predictable subset of YAML is accepted: mappings, sequences and plain or
quoted scalars. Anchors, aliases, merge keys, tags and several documents are refused,
as are files that are too large, not UTF-8, or nested too deep. Plain scalars follow
YAML 1.2's core rules, stricter than PyYAML's 1.1: ``no``/``on`` stay text, ``010`` is
not octal, and ``2022-02-30`` is reported instead of crashing. Text is read in one
Unicode form (NFC), whatever form the editor saved, and characters that display as nothing
are refused (``hidden.py``). Events come from libyaml (``yaml.CSafeLoader``), so
parsing stays fast at thousands of files.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from .fields import impossible_date, iso_date
from .hidden import hidden_character
from .problems import Problem, format_path

MAX_BYTES = 256 * 1024
MAX_DEPTH = 32

Key = tuple[str | int, ...]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)")
# A plain scalar that starts with a letter and is none of these words is text as it stands.
_WORD_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") | frozenset(
    "ĐđÂâÊêÔôƠơƯưĂăÁáÀàẢảÃãẠạÉéÈèẺẻẼẽẸẹÍíÌìỈỉĨĩỊịÓóÒòỎỏÕõỌọÚúÙùỦủŨũỤụÝýỲỳỶỷỸỹỴỵ"
)
_SPECIAL_WORDS = frozenset({"null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"})
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL = MappingProxyType({"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False})

_TAB = "có ký tự Tab; YAML chỉ thụt lề bằng dấu cách"
_YAML_MESSAGES = (
    ("found a tab character", _TAB),
    (
        "found character that cannot start any token",
        "có ký tự không được đứng đầu giá trị (hãy đặt giá trị trong dấu nháy)",
    ),
    ("did not find expected ',' or ']'", "thiếu dấu ',' hoặc ']' trong danh sách"),
    ("did not find expected ',' or '}'", "thiếu dấu ',' hoặc '}' trong cặp ngoặc nhọn { }"),
    (
        "mapping values are not allowed in this context",
        "dấu ':' đặt sai chỗ (giá trị có dấu ':' cần đặt trong dấu nháy)",
    ),
    ("mapping values are not allowed here", "dấu ':' đặt sai chỗ (giá trị có dấu ':' cần đặt trong dấu nháy)"),
    ("could not find expected ':'", "thiếu dấu ':' sau tên khóa"),
    ("did not find expected key", "thụt lề không đúng hoặc thiếu tên khóa"),
    ("did not find expected '-' indicator", "thụt lề không đúng trong danh sách"),
    ("found undefined tag handle", "thẻ YAML không được hỗ trợ"),
    ("found unexpected end of stream", "tệp kết thúc giữa chừng (thiếu dấu nháy hoặc ngoặc đóng?)"),
    ("exceeded maximum nesting depth", "dữ liệu lồng quá sâu"),
    ("found invalid Unicode character escape code", "mã thoát Unicode trong dấu nháy kép không hợp lệ"),
    ("found unknown escape character", "chuỗi trong dấu nháy kép có ký tự thoát '\\' không hợp lệ"),
    ("did not find expected <document start>", "có nội dung sau phần chính của tệp (dòng '%' hay '---' đặt sai chỗ?)"),
    ("found incompatible YAML document", "phiên bản YAML không được hỗ trợ (bỏ dòng '%YAML')"),
    ("found duplicate YAML directive", "dòng '%YAML' bị lặp"),
    ("unacceptable character", "có ký tự không được phép trong YAML"),
    ("directive", "dòng bắt đầu bằng '%' không hợp lệ (bỏ dòng này)"),
    ("did not find expected node content", "thiếu giá trị (ví dụ dấu ',' hay '-' thừa)"),
    ("did not find expected comment or line break", "có chữ thừa sau giá trị nhiều dòng ('|' hay '>')"),
    ("block sequence entries are not allowed", "dấu '-' đặt sai chỗ (thụt lề không đúng?)"),
    ("tag", "thẻ YAML ('!') không hợp lệ"),
    ("anchor", "neo hay bí danh YAML ('&', '*') không hợp lệ"),
    ("alias", "neo hay bí danh YAML ('&', '*') không hợp lệ"),
    ("document indicator", "dòng '---' hay '...' đặt sai chỗ"),
    ("indentation indicator", "chỉ số thụt lề của giá trị nhiều dòng không hợp lệ"),
    ("hexdecimal number", "mã thoát '\\x', '\\u' trong dấu nháy kép không hợp lệ"),
    ("expected a single document", "tệp chỉ được chứa một tài liệu YAML (bỏ dòng '---' thứ hai)"),
)


class ParsedFile:
    """A record file read into plain values; where each value and key starts, on demand.

    Reading keeps no positions (most files are valid, and positions cost as much as the
    parse). The first time a position is asked for, the text is read again with them.
    """

    __slots__ = ("_marks", "_text", "data", "file", "stem")

    def __init__(self, file: str, stem: str, data: object, text: str) -> None:
        self.file, self.stem, self.data, self._text = file, stem, data, text
        self._marks: _Builder | None = None

    @property
    def text(self) -> str:
        return self._text

    def _tracked(self) -> _Builder:
        if self._marks is None:
            builder = _Builder(self.file, track=True)
            builder.build(self._text)
            self._marks = builder
        return self._marks

    def raw(self, path: Key) -> str | None:
        """The text the author wrote for the scalar at ``path``."""
        return self._tracked().raw.get(path)

    def quoted(self, path: Key) -> bool:
        """Whether the author wrote the scalar at ``path`` in quotes (which makes it text)."""
        return path in self._tracked().quoted

    def mark(self, path: Key, *, key: bool = False) -> tuple[int, int]:
        """The nearest known position of ``path`` (its key's when ``key``)."""
        tracked = self._tracked()
        if key and path in tracked.key_marks:
            return tracked.key_marks[path]
        while path not in tracked.marks and path:
            path = path[:-1]
        return tracked.marks.get(path, (1, 1))

    def problem(self, path: Key, message: str, *, key: bool = False) -> Problem:
        line, column = self.mark(path, key=key)
        return Problem(self.file, line, column, format_path(path), message)


class _Refused(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def read_document(path: Path, rel: str, text: str | None = None) -> tuple[ParsedFile | None, list[Problem]]:
    """Read ``path`` (shown as ``rel``), or ``text`` given for it: the document, or the problems."""
    try:
        if text is None:
            text = _decode(_read_bytes(path))
        elif len(text.encode("utf-8")) > MAX_BYTES:
            raise _Refused(1, 1, f"tệp quá lớn (tối đa {MAX_BYTES // 1024} KiB)")
        builder = _Builder(rel, track=False)
        data = builder.build(text)
        if builder.problems:  # read again with positions, so messages can name them
            builder = _Builder(rel, track=True)
            data = builder.build(text)
    except _Refused as refused:
        return None, [Problem(rel, refused.line, refused.column, "", refused.message)]
    doc = ParsedFile(rel, path.stem, data, text)
    if builder.track:
        doc._marks = builder
    problems = list(builder.problems)
    if data is None:
        problems.append(doc.problem((), "tệp không có nội dung (chỉ có chú thích hoặc dòng trống)"))
    elif not isinstance(data, dict):
        problems.append(doc.problem((), "nội dung tệp phải là các cặp 'khóa: giá trị'"))
    return doc, problems


def read_text(path: Path, rel: str, text: str | None = None) -> tuple[str | None, list[Problem]]:
    """A text file that is not YAML (a programme's ``ke-hoach.md``), read under the same rules:
    a regular file of sane size, UTF-8, no hidden characters; in NFC."""
    try:
        if text is None:
            text = _decode(_read_bytes(path))
        elif len(text.encode("utf-8")) > MAX_BYTES:
            raise _Refused(1, 1, f"tệp quá lớn (tối đa {MAX_BYTES // 1024} KiB)")
    except _Refused as refused:
        return None, [Problem(rel, refused.line, refused.column, "", refused.message)]
    return unicodedata.normalize("NFC", text), []


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; refuse before opening anything but a regular file of sane size."""
    try:
        info = os.stat(path)  # follows a link: a broken one or a loop fails here
    except OSError:
        raise _Refused(1, 1, "không đọc được tệp (liên kết hỏng hoặc tệp đã bị xóa)") from None
    if not stat.S_ISREG(info.st_mode):  # a folder, a pipe, a device: never open it
        raise _Refused(1, 1, "không phải tệp thông thường (có thể là thư mục)")
    if info.st_size > MAX_BYTES:
        raise _Refused(1, 1, f"tệp quá lớn ({info.st_size // 1024} KiB; tối đa {MAX_BYTES // 1024} KiB)")
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        raise _Refused(1, 1, "không có quyền đọc tệp") from None
    if len(data) > MAX_BYTES:
        raise _Refused(1, 1, f"tệp quá lớn (tối đa {MAX_BYTES // 1024} KiB)")
    if not data.strip():
        raise _Refused(1, 1, "tệp rỗng")
    return data


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:4]:
        raise _Refused(1, 1, UTF16_MESSAGE)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1  # characters
        raise _Refused(line, column, not_utf8_message(data[error.start])) from None
    found = hidden_character(text)
    if found:
        index, message = found
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        raise _Refused(line, column, message)
    return text


class _Builder:
    """Turn libyaml events into dicts, tuples and scalars; with ``track``, keep positions.

    One loop over the events, dispatching on the event's type: this is the hot path of a
    build at thousands of cells.
    """

    def __init__(self, rel: str, *, track: bool) -> None:
        self.rel = rel
        self.track = track
        # Text as typed, in one form: what an editor saved decomposed (NFD: "a" + U+0301)
        # is read composed (NFC), so pages, search, sorting and comparisons see one form.
        self.nfc = False
        self.marks: dict[Key, tuple[int, int]] = {}
        self.key_marks: dict[Key, tuple[int, int]] = {}
        self.raw: dict[Key, str] = {}
        self.quoted: set[Key] = set()
        self.problems: list[Problem] = []

    def build(self, text: str) -> object:
        self.nfc = not text.isascii() and not unicodedata.is_normalized("NFC", text)
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
        get_event, track, scalar, nfc = loader.get_event, self.track, self._scalar, self.nfc
        Scalar, MapStart, SeqStart = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        MapEnd, SeqEnd = yaml.MappingEndEvent, yaml.SequenceEndEvent
        root: object = None
        documents = 0
        # One frame per open mapping or sequence: [container, path, pending key, is mapping].
        # Paths are built only when positions are tracked (see ParsedFile).
        stack: list[list] = []
        frame: list | None = None
        while True:
            event: Any = get_event()  # its type is tested with ``is`` below (fast), which mypy cannot narrow
            kind = type(event)
            if kind is Scalar or kind is MapStart or kind is SeqStart:
                if event.anchor or event.tag:
                    _check_plain(event)
                if frame is not None and frame[3] and frame[2] is None:
                    if kind is not Scalar:
                        raise _refuse(event, "khóa phải là một chuỗi đơn giản")
                    if nfc:
                        event.value = unicodedata.normalize("NFC", event.value)
                    self._key(frame, event)
                    continue
                path: Key = ()
                if track and frame is not None:
                    path = frame[1] + ((frame[2],) if frame[3] else (len(frame[0]),))
                if track:
                    self.marks[path] = _mark(event)
                if kind is not Scalar:
                    if len(stack) >= MAX_DEPTH:
                        raise _refuse(event, f"dữ liệu lồng quá sâu (tối đa {MAX_DEPTH} cấp)")
                    frame = [{} if kind is MapStart else [], path, None, kind is MapStart]
                    stack.append(frame)
                    continue
                if track:
                    self.raw[path] = event.value
                    if not event.implicit[0]:
                        self.quoted.add(path)
                text = event.value
                if nfc:
                    text = event.value = unicodedata.normalize("NFC", text)
                if event.implicit[0] and text and text[0] in _WORD_START and text not in _SPECIAL_WORDS:
                    value: object = text  # the common case, without a call
                else:
                    value = scalar(event, path)
            elif kind is MapEnd or kind is SeqEnd:
                container = stack.pop()[0]
                value = tuple(container) if kind is SeqEnd else container
                frame = stack[-1] if stack else None
            elif kind is yaml.AliasEvent:
                raise _refuse(event, f"không dùng bí danh YAML ('*{event.anchor}'); hãy viết đầy đủ giá trị")
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _refuse(event, "tệp chỉ được chứa một tài liệu YAML (bỏ dòng '---' thứ hai)")
                continue
            elif kind is yaml.StreamEndEvent:
                return root
            else:
                continue
            # A finished value (a scalar or a closed container) goes into its parent.
            if frame is None:
                root = value
            elif not frame[3]:
                frame[0].append(value)
            else:
                if type(frame[2]) is not _Duplicate:
                    frame[0][frame[2]] = value
                frame[2] = None

    def _key(self, frame: list, event: yaml.ScalarEvent) -> None:
        key, container, path = event.value, frame[0], frame[1]
        if key == "<<" and event.implicit[0]:
            raise _refuse(event, "không dùng khóa gộp YAML ('<<'); hãy viết đầy đủ các khóa")
        if key in container:
            self._duplicate(frame, event)
            return
        if not event.implicit[0]:  # a quoted key: escapes such as "\x1f" may hide controls
            found = hidden_character(key)
            if found:  # reported where the key is, never printed; its value is read, not kept
                self._problem(path, _mark(event), found[1])
                frame[2] = _Duplicate("(khóa có ký tự ẩn)")
                return
        if self.track:
            self.key_marks[path + (key,)] = _mark(event)
        frame[2] = key

    def _duplicate(self, frame: list, event: yaml.ScalarEvent) -> None:
        """Report a repeated key; its value is still read (for its own problems), not kept."""
        key, path = event.value, frame[1]
        first = self.key_marks.get(path + (key,))
        where = f" (đã có ở dòng {first[0]})" if first else ""
        self._problem(path + (key,), _mark(event), f"khóa '{key}' bị lặp{where}")
        frame[2] = _Duplicate(f"{key} (lặp)")

    def _problem(self, path: Key, mark: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(self.rel, *mark, format_path(path), message))

    def _scalar(self, event: yaml.ScalarEvent, path: Key) -> object:
        text = event.value
        if not event.implicit[0]:  # quoted: always text, but escapes such as "\x01" may hide controls
            found = hidden_character(text)
            if found:
                self._problem(path, _mark(event), found[1])
            return text
        if text in _NULL:
            return None
        if text in _BOOL:
            return _BOOL[text]
        if _INT.fullmatch(text):
            return int(text)
        if _FLOAT.fullmatch(text):
            return float(text)
        try:
            return iso_date(text) or text
        except ValueError:
            self._problem(path, _mark(event), impossible_date(text))
        return text


class _Duplicate(str):
    """A repeated key: its value is read (to find problems in it) but not kept."""


def _check_plain(event: yaml.ScalarEvent | yaml.CollectionStartEvent) -> None:
    """Refuse anchors and explicit tags: records are plain data."""
    if event.anchor:
        raise _refuse(event, f"không dùng neo YAML ('&{event.anchor}'); hãy viết đầy đủ giá trị")
    tag = event.tag
    if tag and not (any(event.implicit) if type(event.implicit) is tuple else event.implicit):
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise _refuse(event, f"không dùng thẻ YAML ('{shown}'); hãy bỏ thẻ, đặt giá trị trong dấu nháy nếu là văn bản")


def _mark(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    assert mark is not None  # every event the parser makes has its marks
    return mark.line + 1, mark.column + 1


def _refuse(event: yaml.Event, message: str) -> _Refused:
    return _Refused(*_mark(event), message)


def not_utf8_message(byte: int) -> str:
    """What the loader says of bytes that are not UTF-8 (a spreadsheet's CSV too)."""
    return (
        f"tệp không phải UTF-8 (byte 0x{byte:02X}; có thể lưu bằng Windows-1258 hoặc "
        "mã cũ khác); hãy lưu lại với mã UTF-8"
    )


UTF16_MESSAGE = "tệp được lưu bằng mã UTF-16; hãy lưu lại với mã UTF-8"


def _yaml_message(error: yaml.YAMLError, source: str, mark: yaml.Mark | None) -> str:
    if mark is not None and source[mark.index : mark.index + 1] == "\t":
        return f"cú pháp YAML không hợp lệ: {_TAB}"
    text = str(getattr(error, "problem", None) or error)
    for english, vietnamese in _YAML_MESSAGES:
        if english in text:
            return f"cú pháp YAML không hợp lệ: {vietnamese}"
    return "cú pháp YAML không hợp lệ ở đây: hãy kiểm tra thụt lề, dấu ':' và các dấu nháy, ngoặc"
