"""Where records live in a project (DESIGN.md §3): the one home of these names."""

from __future__ import annotations

RECORDS = "records"
COMMITTEE_FILE = "dang-bo.yml"
BOOK_FILE = "tieu-chi.yml"
CELLS_DIR = "chi-bo"
SCHEMA_DIR = "schema"


def committee_path() -> str:
    """``records/dang-bo.yml``, relative to the project."""
    return f"{RECORDS}/{COMMITTEE_FILE}"


def book_path() -> str:
    """``records/tieu-chi.yml``, relative to the project."""
    return f"{RECORDS}/{BOOK_FILE}"


def cell_path(cell_id: str) -> str:
    """``records/chi-bo/<id>.yml``, relative to the project."""
    return f"{RECORDS}/{CELLS_DIR}/{cell_id}.yml"
