"""JSON Schema of each record kind, generated from the validator's models.

One source of truth: the same text goes to ``records/schema/`` (which every record names
on its first line, ``# yaml-language-server: $schema=…``, so VS Code's YAML extension
completes and checks while typing) and to the site's ``/du-lieu/schema/``. A test checks
that the committed files are current; ``chibo schema`` rewrites them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from pydantic import BaseModel

from .committee import Committee
from .models import Cell
from .paths import BOOK_FILE, CELLS_DIR, COMMITTEE_FILE, PROGRAMME_FILE, RECORDS, SCHEMA_DIR
from .programme import CriteriaBook, Programme

KINDS: Mapping[str, type[BaseModel]] = MappingProxyType(
    {
        "chi-bo.schema.json": Cell,
        "dang-bo.schema.json": Committee,
        "chuong-trinh.schema.json": Programme,
        "tieu-chi.schema.json": CriteriaBook,
    }
)
# What each record file's first line says, relative to the file itself (a programme's files
# are two folders down: records/chuong-trinh/<id>/).
MODELINES = MappingProxyType(
    {
        COMMITTEE_FILE: f"# yaml-language-server: $schema={SCHEMA_DIR}/dang-bo.schema.json",
        PROGRAMME_FILE: f"# yaml-language-server: $schema=../../{SCHEMA_DIR}/chuong-trinh.schema.json",
        BOOK_FILE: f"# yaml-language-server: $schema=../../{SCHEMA_DIR}/tieu-chi.schema.json",
        CELLS_DIR: f"# yaml-language-server: $schema=../{SCHEMA_DIR}/chi-bo.schema.json",
    }
)


def schemas() -> dict[str, str]:
    """File name → JSON text, for every record kind."""
    return {name: schema_text(name) for name in KINDS}


def schema_text(name: str) -> str:
    """The JSON text of one record kind's schema (``chi-bo.schema.json``…)."""
    model = KINDS[name]
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema(by_alias=True)}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def stale(project: Path) -> list[str]:
    """The schema files under ``records/schema/`` that differ from the models."""
    folder = project / RECORDS / SCHEMA_DIR
    return [
        name
        for name, text in schemas().items()
        if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text
    ]


def write(project: Path) -> list[Path]:
    folder = project / RECORDS / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            written.append(path)
    return written
