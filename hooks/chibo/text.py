"""Vietnamese text without its marks: one home for accent folding.

Anchors are ASCII, as Vietnamese addresses are written (``đ`` → ``d``); Python-Markdown's
default drops every non-ASCII letter, so "Điều kiện" would become ``ieu-kien``.
Spreadsheet headers and values are compared the same way (``chibo import``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def fold_accents(value: str) -> str:
    """``"Điều kiện"`` → ``"dieu kien"``: lower case, no tone or vowel marks, ``đ`` → ``d``."""
    text = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in text if not unicodedata.combining(char)).lower()


def name_key(text: str) -> str:
    """A name as people tell names apart: one Unicode form (NFC), no case, any run of spaces
    as one. "Chi bộ  Khoa DƯỢC" and "Chi bộ Khoa Dược" are one name (``chibo import``
    matches rows by it; two cells may not share it)."""
    return " ".join(unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold()).split())


def slugify(value: str, separator: str) -> str:
    """``"Điều kiện lựa chọn năm 2026"`` → ``"dieu-kien-lua-chon-nam-2026"`` (Python-Markdown's toc)."""
    return _NOT_WORD.sub(separator, fold_accents(value)).strip(separator)


# --- Vietnamese alphabetical order ------------------------------------------------------

# a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y: browsers and ICU-less systems
# put "Đặng" after "Dương"; this is the order a Vietnamese reader expects.
_ALPHABET = {letter: index for index, letter in enumerate("aăâbcdđeêghiklmnoôơpqrstuưvxy")}
# Tone marks do not change the order of letters; they only break ties, in the traditional
# order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_DIGITS = re.compile(r"[0-9]+")


def _letters_and_tones(text: str) -> tuple[str, str]:
    """Lower-case letters without tone marks (vowel marks kept: ă, â, ê, ô, ơ, ư), and the tones."""
    letters: list[str] = []
    tones: list[str] = []
    for char in unicodedata.normalize("NFD", text.lower()):
        if char in _TONES:
            tones[-1:] = [chr(0x30 + _TONES[char])]
        else:
            letters.append(char)
            if not unicodedata.combining(char):  # ă â ê ô ơ ư: part of the letter, no tone slot
                tones.append("0")
    return unicodedata.normalize("NFC", "".join(letters)), "".join(tones)


@lru_cache(maxsize=1 << 16)  # the same names, sorted several ways at every build and preview save
def sort_key(text: str) -> tuple[str, str, str]:
    """Key for ``sorted``: Vietnamese alphabet, numbers by value ("Khoa 2" before "Khoa 10")."""
    letters, tones = _letters_and_tones(" ".join(text.split()))
    letters = _DIGITS.sub(lambda m: "\x01" + chr(0x30 + len(m.group())) + m.group(), letters)
    key = "".join(chr(0x100 + _ALPHABET[c]) if c in _ALPHABET else c for c in letters)
    return key, tones, text


def person_key(name: str) -> tuple[tuple[str, str, str], ...]:
    """A person's name sorts by given name, then the rest (Vietnamese lists: "xếp theo tên")."""
    words = name.split()
    return (sort_key(words[-1]) if words else sort_key(""), sort_key(" ".join(words[:-1])))
