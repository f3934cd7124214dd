"""Where records live in a project (DESIGN.md §3): the one home of these names."""

from __future__ import annotations

RECORDS = "records"
COMMITTEE_FILE = "dang-bo.yml"
BOOK_FILE = "tieu-chi.yml"
CELLS_DIR = "chi-bo"
SCHEMA_DIR = "schema"
# Written by ``chibo import --write`` while it replaces record files, removed when done: its
# presence means a write was stopped half way (see commands/writer.py). Hidden (a dot name),
# so editors and ``git add`` pass it by unless asked.
JOURNAL_FILE = ".chibo-dang-ghi.json"


def committee_path() -> str:
    """``records/dang-bo.yml``, relative to the project."""
    return f"{RECORDS}/{COMMITTEE_FILE}"


def book_path() -> str:
    """``records/tieu-chi.yml``, relative to the project."""
    return f"{RECORDS}/{BOOK_FILE}"


def cell_path(cell_id: str) -> str:
    """``records/chi-bo/<id>.yml``, relative to the project."""
    return f"{RECORDS}/{CELLS_DIR}/{cell_id}.yml"


def journal_path() -> str:
    """``records/.chibo-dang-ghi.json``, relative to the project."""
    return f"{RECORDS}/{JOURNAL_FILE}"
