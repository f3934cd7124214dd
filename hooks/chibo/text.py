"""Vietnamese text without its marks: one home for accent folding.

Anchors are ASCII, as Vietnamese addresses are written (``đ`` → ``d``); Python-Markdown's
default drops every non-ASCII letter, so "Điều kiện" would become ``ieu-kien``.
Spreadsheet headers and values are compared the same way (``chibo import``).
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def fold_accents(value: str) -> str:
    """``"Điều kiện"`` → ``"dieu kien"``: lower case, no tone or vowel marks, ``đ`` → ``d``."""
    text = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in text if not unicodedata.combining(char)).lower()


def slugify(value: str, separator: str) -> str:
    """``"Điều kiện lựa chọn năm 2026"`` → ``"dieu-kien-lua-chon-nam-2026"`` (Python-Markdown's toc)."""
    return _NOT_WORD.sub(separator, fold_accents(value)).strip(separator)
