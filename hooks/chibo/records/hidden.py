"""Characters no record may hold: the one home of this rule (``loader`` reads every record
file through it; ``chibo import`` and ``chibo new`` check what they are given with it).
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls but tab, LF and CR (libyaml refuses some and reads U+0085 as a line
# break); U+FFFE, U+FFFF, which XML (the Atom feed)
# does not allow; lone surrogates (bytes that were not UTF-8 in an argument); the line and
# paragraph separators U+2028–U+2029 and the interlinear annotations U+FFF9–U+FFFB; and
# every character that displays as nothing, Unicode's Default_Ignorable_Code_Point (text
# copied from Word, Excel or a web page brings them along, and a name made of them looks
# blank or looks like another): soft hyphen U+00AD, combining grapheme joiner U+034F, Arabic
# letter mark U+061C, Hangul fillers U+115F, U+1160, U+3164, U+FFA0, Khmer inherent vowels
# U+17B4–U+17B5, Mongolian free variation selectors and vowel separator U+180B–U+180F,
# zero-width space, non-joiner, joiner and the direction marks U+200B–U+200F, embeddings
# and overrides U+202A–U+202E (U+202E shows the text reversed), word joiner, invisible
# operators, isolates and deprecated format controls U+2060–U+206F, a byte order mark
# inside the text U+FEFF, U+FFF0–U+FFF8, shorthand format controls U+1BCA0–U+1BCA3,
# musical formatting U+1D173–U+1D17A, tag characters U+E0000–U+E007F and the rest of that
# plane's ignorables up to U+E0FFF; and the braille blank U+2800, which shows as a space.
# Variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF) choose how the symbol before them
# looks ("❤️"); after anything else (a letter, a space, the start) they are lone and refused.
_HIDDEN = (
    r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    r"\u200b-\u200f\u2028-\u202e\u2060-\u206f\u2800\u3164\ufeff\uffa0\ufff0-\ufff8\ufff9-\ufffb"
    r"\ufffe\uffff\ud800-\udfff"
)
_HIDDEN_ASTRAL = r"\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e00ff\U000e01f0-\U000e0fff"
_SELECTORS, _SELECTORS_ASTRAL = r"\ufe00-\ufe0f", r"\U000e0100-\U000e01ef"
# Two patterns: a class with characters beyond U+FFFF is three times slower to search, and
# most records have none (a file is searched for the second only when it has such characters).
_CONTROL = re.compile(f"[{_HIDDEN}{_SELECTORS}]")
_CONTROL_ASTRAL = re.compile(f"[{_HIDDEN_ASTRAL}{_SELECTORS_ASTRAL}]")
_SELECTOR = re.compile(f"[{_SELECTORS}{_SELECTORS_ASTRAL}]")
# What a variation selector may follow: symbols (emoji among them) and CJK ideographs.
_SELECTABLE = frozenset({"So", "Sm"})


def _control_message(char: str) -> str:
    return f"có ký tự ẩn U+{ord(char):04X} không được phép (thường do chép từ Word, Excel); hãy xóa ký tự này"


def hidden_character(text: str) -> tuple[int, str] | None:
    """The index of the first character no record may hold, and the records' message for it."""
    found = [_first_hidden(_CONTROL, text)]
    if len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):  # beyond U+FFFF: a fast test
        found.append(_first_hidden(_CONTROL_ASTRAL, text))
    first = min((f for f in found if f is not None), default=None)
    return None if first is None else (first[0], _control_message(first[1]))


def _first_hidden(pattern: re.Pattern[str], text: str) -> tuple[int, str] | None:
    for bad in pattern.finditer(text):
        index, char = bad.start(), bad.group()
        if _SELECTOR.fullmatch(char) and index and _selectable(text[index - 1]):
            continue
        return index, char
    return None


def _selectable(char: str) -> bool:
    """Whether a variation selector after ``char`` has something to select (an emoji's look)."""
    return unicodedata.category(char) in _SELECTABLE or unicodedata.name(char, "").startswith("CJK ")
