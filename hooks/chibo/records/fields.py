"""The value types every record model is made of: ids, text, years, dates, counts.

Strict (no silent conversion: ``"12"`` is not a number, ``no`` is not text), with one
deliberate exception: a date written in quotes (``"2022-06-11"``, as editors following the
JSON Schema and spreadsheet tools write it) is the date it spells.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from ..vocab import CRITERION_RESULTS, RATINGS, STATUSES

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _text(value: str) -> str:
    """Free text must say something. (Control characters never get here: see loader.py.)"""
    if not value.strip():
        raise PydanticCustomError("text_blank", "không được để trống")
    return value


_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def iso_date(text: str) -> dt.date | None:
    """``"2022-06-11"`` → the date; ``None`` when the text is not of that form.

    Raises ``ValueError`` for a date of that form that does not exist (``2022-02-30``).
    """
    match = _ISO_DATE.fullmatch(text)
    return dt.date(*map(int, match.groups())) if match else None


def impossible_date(text: str) -> str:
    return f"ngày '{text}' không tồn tại"


def _quoted_date(value: object) -> object:
    """A date written in quotes is the date it spells; anything else meets the strict check."""
    if not isinstance(value, str):
        return value
    try:
        return iso_date(value.strip()) or value
    except ValueError:
        raise PydanticCustomError("text_date", impossible_date(value)) from None


# A cell id is a file name (records/chi-bo/<id>.yml): short enough for any file system,
# and none of the names Windows keeps for devices (a file "con.yml" cannot be opened there).
MAX_ID_LENGTH = 80
WINDOWS_DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}
)


def device_name_message(value: str) -> str | None:
    """Why ``value`` cannot name a file, when it is a Windows device name."""
    if value not in WINDOWS_DEVICE_NAMES:
        return None
    return f"'{value}' là tên thiết bị dành riêng của Windows, không dùng làm tên tệp được; hãy chọn mã khác"


def _file_name(value: str) -> str:
    message = device_name_message(value)
    if message is not None:
        raise PydanticCustomError("ma_thiet_bi", message)
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=MAX_ID_LENGTH)]
CellId = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=MAX_ID_LENGTH), AfterValidator(_file_name)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000), AfterValidator(_text)]
MIN_YEAR, MAX_YEAR = 1990, 2100
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
Count = Annotated[int, Field(ge=0, le=100_000)]
MIN_SCORE, MAX_SCORE = 0, 100
Score = Annotated[float, Field(ge=MIN_SCORE, le=MAX_SCORE)]
Day = Annotated[dt.date, BeforeValidator(_quoted_date)]
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
# A month of a monthly self-assessment, written "2026-03" (YAML reads it as text).
MonthKey = Annotated[str, StringConstraints(pattern=MONTH_PATTERN)]
Rating = Literal[RATINGS]  # type: ignore[valid-type]
EventCode = Literal[STATUSES]  # type: ignore[valid-type]
CriterionResult = Literal[CRITERION_RESULTS]  # type: ignore[valid-type]


def vi(title: str, description: str | None = None, **kwargs: Any) -> Any:
    """A field with the Vietnamese title and description that editors show."""
    return Field(title=title, description=description, **kwargs)


def described(title: str, description: str) -> ConfigDict:
    """Model settings with the Vietnamese title and description of the schema."""
    return ConfigDict(
        extra="forbid",
        frozen=True,
        strict=True,
        populate_by_name=False,
        title=title,
        json_schema_extra={"description": description},
    )


class Record(BaseModel):
    """Base of every record: strict, frozen, no unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=False)
