"""``chibo new``: a valid, commented record for a new cell, or a clear refusal."""

from __future__ import annotations

import json
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..records import CELLS_DIR, RECORDS, load_records
from ..records.fields import SLUG_PATTERN
from ..records.schema import MODELINES

TEMPLATE = Path(__file__).parent / "new-cell.yml.j2"


class ScaffoldError(Exception):
    """Why the record was not written (Vietnamese, for the person at the keyboard)."""


def new_cell(project: Path, cell_id: str, name: str, cell_type: str,
             secretary: str | None = None, members: int | None = None) -> Path:
    """Write ``records/chi-bo/<cell_id>.yml``; refuse bad ids, types and existing cells."""
    if not re.fullmatch(SLUG_PATTERN, cell_id):
        raise ScaffoldError(f"mã '{cell_id}' không hợp lệ: chỉ gồm chữ thường không dấu, chữ số và dấu "
                            "gạch nối, ví dụ 'khoa-duoc'")
    if not name.strip():
        raise ScaffoldError("tên chi bộ không được để trống")
    records = load_records(project)
    folder = project / RECORDS / CELLS_DIR
    clash = next((p for p in folder.glob("*.yml") if p.stem.casefold() == cell_id.casefold()), None)
    if clash is not None:
        raise ScaffoldError(f"đã có chi bộ mã '{clash.stem}' ({RECORDS}/{CELLS_DIR}/{clash.name})")
    types = [t.id for t in records.book.types]
    if cell_type not in types:
        raise ScaffoldError(f"loại hình '{cell_type}' không có; chọn một trong: {', '.join(types)}")
    if members is not None and members < 0:
        raise ScaffoldError("số đảng viên không được âm")
    env = Environment(loader=FileSystemLoader(TEMPLATE.parent), undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True, autoescape=False)
    env.filters["yaml"] = lambda text: json.dumps(" ".join(text.split()), ensure_ascii=False)
    env.filters["format_criterion"] = lambda criterion_id: f"{criterion_id}: dat"
    env.filters["oneline"] = lambda text: " ".join(text.split())
    text = env.get_template(TEMPLATE.name).render(
        modeline=MODELINES[CELLS_DIR], id=cell_id, name=name, type=cell_type, types=types,
        secretary=secretary, members=members, example_year=records.committee.as_of.year,
        criteria=[c.id for c in records.book.criteria])
    path = folder / f"{cell_id}.yml"
    path.write_text(text, encoding="utf-8", newline="\n")
    try:
        load_records(project)
    except Exception:
        path.unlink()
        raise
    return path
