"""Heading anchors in ASCII, as Vietnamese addresses are written: ``đ`` → ``d``.

Python-Markdown's default drops every non-ASCII letter, so "Điều kiện" becomes
``ieu-kien``; this keeps the letter without its marks: ``dieu-kien``.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slugify(value: str, separator: str) -> str:
    """``"Điều kiện lựa chọn năm 2026"`` → ``"dieu-kien-lua-chon-nam-2026"``."""
    text = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    return _NOT_WORD.sub(separator, text).strip(separator)
