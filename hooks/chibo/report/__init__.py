"""Compute: the validated records → one frozen ``Report``, built once per build.

``stats`` (shares per year, targets) · ``cells`` (status, results, timeline, criteria) ·
``monthly`` (monthly forms rolled up into the year) · ``selection`` (a programme's conditions
of selection and recognition) · ``roadmap`` (milestones, yearly cycles) · ``programmes``
(each programme's part, each cell's part in it) · ``summary`` (the ``Report`` that pages,
downloads and documents read). Imports only ``records`` and the shared vocabulary; nothing
here reads the clock.
"""

from __future__ import annotations

from .programmes import CellProgramme, ProgrammeReport, ProgrammeYear
from .summary import CellReport, Report, YearReport, summarize, warnings

__all__ = [
    "CellProgramme",
    "CellReport",
    "ProgrammeReport",
    "ProgrammeYear",
    "Report",
    "YearReport",
    "summarize",
    "warnings",
]
