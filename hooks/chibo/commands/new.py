"""``chibo new``: a valid, commented record for a new cell, or a clear refusal.

The arguments are checked as the records are (no invisible characters, an id that can be
a file name on every system); the record is rendered, validated as it would be read, and
only then written, by temporary file and rename. A problem in the new record is reported
as the new record's, not as one of the existing records.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..records import CELLS_DIR, RECORDS, RecordsError, load_records
from ..records.fields import MAX_ID_LENGTH, SLUG_PATTERN, device_name_message
from ..records.loader import hidden_character
from ..records.paths import cell_path
from ..records.schema import MODELINES
from .writer import FileWrite, write_all

TEMPLATE = Path(__file__).parent / "new-cell.yml.j2"


class ScaffoldError(Exception):
    """Why the record was not written (Vietnamese, for the person at the keyboard)."""


class NewRecordError(RecordsError):
    """The new record would not be valid: its own problems, one line each."""


def new_cell(
    project: Path, cell_id: str, name: str, cell_type: str, secretary: str | None = None, members: int | None = None
) -> Path:
    """Write ``records/chi-bo/<cell_id>.yml``; refuse bad ids, types and existing cells."""
    _check_arguments(cell_id, name, cell_type, secretary, members)
    records = load_records(project)
    folder = project / RECORDS / CELLS_DIR
    clash = next((p for p in folder.glob("*.yml") if p.stem.casefold() == cell_id.casefold()), None)
    if clash is not None:
        raise ScaffoldError(f"đã có chi bộ mã '{clash.stem}' ({RECORDS}/{CELLS_DIR}/{clash.name})")
    types = [t.id for t in records.book.types]
    if cell_type not in types:
        raise ScaffoldError(f"loại hình '{cell_type}' không có; chọn một trong: {', '.join(types)}")
    text = _render(
        cell_id,
        unicodedata.normalize("NFC", name),
        cell_type,
        types,
        unicodedata.normalize("NFC", secretary) if secretary else None,
        members,
        records.committee.as_of.year,
        [c.id for c in records.book.criteria],
    )
    path = folder / f"{cell_id}.yml"
    rel = cell_path(cell_id)
    try:
        load_records(project, {path: text})
    except RecordsError as error:
        raise NewRecordError([p for p in error.problems if p.file == rel] or error.problems) from None
    write_all(project, [FileWrite(path, rel, None, text.encode("utf-8"))])
    return path


def _check_arguments(cell_id: str, name: str, cell_type: str, secretary: str | None, members: int | None) -> None:
    """The rules the records follow, applied to the command's arguments before anything is read."""
    for what, value in (
        ("mã chi bộ", cell_id),
        ("tên chi bộ", name),
        ("loại hình", cell_type),
        ("bí thư", secretary or ""),
    ):
        hidden = hidden_character(value)
        if hidden is not None:
            raise ScaffoldError(f"{what}: {hidden[1]}")
    shown = cell_id if len(cell_id) <= 40 else cell_id[:40] + "…"
    if len(cell_id) > MAX_ID_LENGTH:
        raise ScaffoldError(f"mã '{shown}' quá dài ({len(cell_id)} ký tự; tối đa {MAX_ID_LENGTH}), vì mã là tên tệp")
    if not re.fullmatch(SLUG_PATTERN, cell_id):
        raise ScaffoldError(
            f"mã '{shown}' không hợp lệ: chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối, ví dụ 'khoa-duoc'"
        )
    device = device_name_message(cell_id)
    if device is not None:
        raise ScaffoldError(f"mã {device}")
    if not name.strip():
        raise ScaffoldError("tên chi bộ không được để trống")
    if members is not None and members < 0:
        raise ScaffoldError("số đảng viên không được âm")


def _render(
    cell_id: str,
    name: str,
    cell_type: str,
    types: list[str],
    secretary: str | None,
    members: int | None,
    example_year: int,
    criteria: list[str],
) -> str:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE.parent),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["yaml"] = lambda text: json.dumps(" ".join(text.split()), ensure_ascii=False)
    env.filters["format_criterion"] = lambda criterion_id: f"{criterion_id}: dat"
    env.filters["oneline"] = lambda text: " ".join(text.split())
    return env.get_template(TEMPLATE.name).render(
        modeline=MODELINES[CELLS_DIR],
        id=cell_id,
        name=name,
        type=cell_type,
        types=types,
        secretary=secretary,
        members=members,
        example_year=example_year,
        criteria=criteria,
    )
