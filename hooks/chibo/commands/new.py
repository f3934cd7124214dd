"""``chibo new``: a valid, commented record for a new cell, or a clear refusal.

The arguments are checked as the records are (no invisible characters, an id that can be
a file name on every system); the record is rendered, validated as it would be read, and
only then written, by temporary file and rename. A problem in the new record is reported
as the new record's, not as one of the existing records.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from pathlib import Path

from ..records import CELLS_DIR, RECORDS, Records, RecordsError, load_records
from ..records.fields import MAX_ID_LENGTH, MAX_YEAR, MIN_YEAR, SLUG_PATTERN, device_name_message
from ..records.loader import hidden_character
from ..records.paths import PROGRAMMES_DIR, cell_path, programme_dir
from ..records.programmes import ProgrammeRecords
from ..records.schema import MODELINES
from .skeleton import ProgrammeSpec, environment, programme_files
from .writer import FileWrite, write_all

TEMPLATE = Path(__file__).parent / "new-cell.yml.j2"


class ScaffoldError(Exception):
    """Why the record was not written (Vietnamese, for the person at the keyboard)."""


class NewRecordError(RecordsError):
    """The new record would not be valid: its own problems, one line each."""


def new_cell(
    project: Path,
    cell_id: str,
    name: str,
    cell_type: str | None,
    secretary: str | None = None,
    members: int | None = None,
) -> Path:
    """Write ``records/chi-bo/<cell_id>.yml``; refuse bad ids, types and existing cells."""
    _check_arguments(cell_id, name, cell_type or "", secretary, members)
    records = load_records(project)
    folder = project / RECORDS / CELLS_DIR
    clash = next((p for p in folder.glob("*.yml") if p.stem.casefold() == cell_id.casefold()), None)
    if clash is not None:
        raise ScaffoldError(f"đã có chi bộ mã '{clash.stem}' ({RECORDS}/{CELLS_DIR}/{clash.name})")
    types = [t.id for t in records.committee.types]
    if cell_type is None and len(types) == 1:  # a committee of one cell type: nothing to choose
        cell_type = types[0]
    if cell_type is None:
        raise ScaffoldError(f"cần --type: mã loại hình, một trong: {', '.join(types)}")
    if cell_type not in types:
        raise ScaffoldError(f"loại hình '{cell_type}' không có; chọn một trong: {', '.join(types)}")
    year = records.committee.as_of.year
    current = _programme_of(records, year)
    text = _render(
        cell_id,
        unicodedata.normalize("NFC", name),
        cell_type,
        types,
        unicodedata.normalize("NFC", secretary) if secretary else None,
        members,
        year,
        current,
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


def _programme_of(records: Records, year: int) -> ProgrammeRecords | None:
    """The programme the example entries of a new record are written for: the one running in
    ``year`` (the latest to start), else the latest; ``None`` when the project has none."""
    running = [p for p in records.programmes if p.programme.period.start <= year <= p.programme.period.end]
    found = running or list(records.programmes)
    return found[-1] if found else None


def _render(
    cell_id: str,
    name: str,
    cell_type: str,
    types: list[str],
    secretary: str | None,
    members: int | None,
    example_year: int,
    programme: ProgrammeRecords | None,
) -> str:
    env = environment()
    env.filters["format_criterion"] = lambda criterion_id: f"{criterion_id}: dat"
    return env.get_template(TEMPLATE.name).render(
        modeline=MODELINES[CELLS_DIR],
        id=cell_id,
        name=name,
        type=cell_type,
        types=types,
        secretary=secretary,
        members=members,
        example_year=example_year,
        criteria=[c.id for c in programme.book.criteria] if programme else [],
        monthly=bool(programme and programme.programme.monthly),
        programme=programme.programme.short_name if programme else "",
        term=programme.programme.terms.model if programme else "theo chương trình",
    )


def new_programme(project: Path, spec: ProgrammeSpec) -> Path:
    """Write ``records/chuong-trinh/<id>/`` (chuong-trinh.yml, tieu-chi.yml, ke-hoach.md) from
    the skeleton; refuse a bad or existing id, a bad period, a period of the same kind that
    overlaps another programme (as validation would), and broken existing records."""
    _check_programme(spec)
    load_records(project)
    root = project / RECORDS / PROGRAMMES_DIR
    if root.is_dir():
        clash = next((p for p in root.iterdir() if p.name.casefold() == spec.id.casefold()), None)
        if clash is not None:
            raise ScaffoldError(f"đã có chương trình mã '{clash.name}' ({RECORDS}/{PROGRAMMES_DIR}/{clash.name}/)")
    files = {project / rel: text for rel, text in programme_files(spec).items()}
    try:
        load_records(project, files)
    except RecordsError as error:
        own = [p for p in error.problems if p.file.startswith(programme_dir(spec.id) + "/")]
        raise NewRecordError(own or error.problems) from None
    folder = root / spec.id
    temp = root / f".{spec.id}.chibo-tam"
    shutil.rmtree(temp, ignore_errors=True)
    try:
        temp.mkdir(parents=True)
        for path, text in files.items():
            (temp / path.name).write_text(text, encoding="utf-8", newline="\n")
        os.replace(temp, folder)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return folder


def _check_programme(spec: ProgrammeSpec) -> None:
    for what, value in (("mã chương trình", spec.id), ("loại", spec.kind), ("tên", spec.name)):
        hidden = hidden_character(value)
        if hidden is not None:
            raise ScaffoldError(f"{what}: {hidden[1]}")
    for what, value in (("mã chương trình", spec.id), ("loại chương trình", spec.kind)):
        if len(value) > MAX_ID_LENGTH or not re.fullmatch(SLUG_PATTERN, value):
            raise ScaffoldError(
                f"{what} '{value[:40]}' không hợp lệ: chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối, "
                "ví dụ 'bon-tot-2026-2030'"
            )
    if not spec.name.strip():
        raise ScaffoldError("tên chương trình không được để trống")
    if not MIN_YEAR <= spec.start <= spec.end <= MAX_YEAR:
        raise ScaffoldError(
            f"giai đoạn {spec.start}–{spec.end} không hợp lệ: năm từ {MIN_YEAR} đến {MAX_YEAR}, "
            "năm đầu không sau năm cuối"
        )
