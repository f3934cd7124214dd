"""What a programme's plan text (``ke-hoach.md``) may hold: Markdown, and nothing that could
run or load in a reader's browser.

The plan page is made from it (its header and signing block from the programme's record),
so it is a record like the others: raw HTML is refused (the page's layout is ours), an
attribute list may only give an anchor or a class (``{ #lo-trinh }``, ``{ .x }``: never
``onclick=…``), a link may go to a page of the site, to ``http(s):`` or ``mailto:``, and an
image only to a file of the site. Each problem names its line and column.
"""

from __future__ import annotations

import re

from .problems import Problem

_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1|^(?: {4}|\t).*$", re.MULTILINE)
_HTML = re.compile(r"<\s*(/?\s*[A-Za-z][A-Za-z0-9-]*|!--|!)(?![A-Za-z0-9.+-]*:)")
_ATTRS = re.compile(r"\{:?([^{}\n]*)\}")
_ATTR_TOKEN = re.compile(r"#[A-Za-z][A-Za-z0-9_-]*|\.[A-Za-z][A-Za-z0-9_-]*")
_LINK = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]*)")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_LINK_SCHEMES = frozenset({"http", "https", "mailto"})


def check_plan_text(rel: str, text: str) -> list[Problem]:
    """Every problem of a plan text, each at its line and column."""
    visible = _CODE.sub(lambda m: " " * len(m.group(0)), text)  # code shows as written: not checked
    problems = []
    for match in _HTML.finditer(visible):
        problems.append(
            _at(
                rel,
                text,
                match.start(),
                "không dùng HTML trong toàn văn kế hoạch; viết bằng Markdown "
                "(đầu văn bản và phần ký được tạo từ chuong-trinh.yml)",
            )
        )
    for match in _ATTRS.finditer(visible):
        inner = match.group(1).strip()
        if not inner or not _looks_like_attributes(inner):
            continue
        rest = _ATTR_TOKEN.sub("", inner).strip()
        if rest:
            problems.append(
                _at(rel, text, match.start(), f"'{{{inner}}}': sau đề mục chỉ ghi neo (#ma-neo) hoặc lớp (.ten-lop)")
            )
    for match in _LINK.finditer(visible):
        image, target = match.group(1), match.group(2)
        scheme = _SCHEME.match(target)
        if image and (scheme or target.startswith("//")):
            problems.append(
                _at(rel, text, match.start(2), "ảnh phải là tệp trong trang (docs/), không tải từ nơi khác")
            )
        elif scheme and scheme.group(1).lower() not in _LINK_SCHEMES:
            problems.append(
                _at(
                    rel,
                    text,
                    match.start(2),
                    f"liên kết '{scheme.group(1)}:' không được dùng; chỉ "
                    "http:, https:, mailto: hoặc một trang của trang web",
                )
            )
    return problems


def _looks_like_attributes(inner: str) -> bool:
    """``{ #x .y }`` or ``{ key=value }`` as attr_list reads them, not braces in running text."""
    return inner[0] in "#." or "=" in inner


def _at(rel: str, text: str, index: int, message: str) -> Problem:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Problem(rel, line, column, "", message)
