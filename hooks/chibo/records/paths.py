"""Where records live in a project (DESIGN.md §3): the one home of these names."""

from __future__ import annotations

RECORDS = "records"
COMMITTEE_FILE = "dang-bo.yml"
CELLS_DIR = "chi-bo"
PROGRAMMES_DIR = "chuong-trinh"
PROGRAMME_FILE = "chuong-trinh.yml"
BOOK_FILE = "tieu-chi.yml"  # a programme's criteria set, beside its chuong-trinh.yml
PLAN_FILE = "ke-hoach.md"  # a programme's plan text (Markdown), beside its chuong-trinh.yml
SCHEMA_DIR = "schema"
# Written by ``chibo import --write`` while it replaces record files, removed when done: its
# presence means a write was stopped half way (see commands/writer.py). Hidden (a dot name),
# so editors and ``git add`` pass it by unless asked.
JOURNAL_FILE = ".chibo-dang-ghi.json"


def committee_path() -> str:
    """``records/dang-bo.yml``, relative to the project."""
    return f"{RECORDS}/{COMMITTEE_FILE}"


def programme_dir(programme_id: str) -> str:
    """``records/chuong-trinh/<id>``, relative to the project."""
    return f"{RECORDS}/{PROGRAMMES_DIR}/{programme_id}"


def programme_path(programme_id: str) -> str:
    """``records/chuong-trinh/<id>/chuong-trinh.yml``, relative to the project."""
    return f"{programme_dir(programme_id)}/{PROGRAMME_FILE}"


def book_path(programme_id: str) -> str:
    """``records/chuong-trinh/<id>/tieu-chi.yml``, relative to the project."""
    return f"{programme_dir(programme_id)}/{BOOK_FILE}"


def plan_path(programme_id: str) -> str:
    """``records/chuong-trinh/<id>/ke-hoach.md``, relative to the project."""
    return f"{programme_dir(programme_id)}/{PLAN_FILE}"


def cell_path(cell_id: str) -> str:
    """``records/chi-bo/<id>.yml``, relative to the project."""
    return f"{RECORDS}/{CELLS_DIR}/{cell_id}.yml"


def journal_path() -> str:
    """``records/.chibo-dang-ghi.json``, relative to the project."""
    return f"{RECORDS}/{JOURNAL_FILE}"
