"""Read and check: record files → validated, frozen records, or every problem at once.

``loader`` reads YAML with line marks → ``models`` and ``validate`` check it →
``load`` collects every file of a project once. ``schema`` publishes the models as JSON
Schema. Nothing here knows about reports, pages or commands.
"""

from __future__ import annotations

from .load import Records, load_records
from .paths import BOOK_FILE, CELLS_DIR, COMMITTEE_FILE, RECORDS
from .problems import Problem, RecordsError

__all__ = ["BOOK_FILE", "CELLS_DIR", "COMMITTEE_FILE", "RECORDS", "Problem", "Records", "RecordsError", "load_records"]
