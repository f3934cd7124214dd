"""Compute: the validated records → one frozen ``Report``, built once per build.

``stats`` (shares per year, targets) · ``cells`` (status, results, timeline, criteria) ·
``selection`` (plan III.3.1) · ``roadmap`` (milestones, December cycles) · ``summary``
(the ``Report`` that pages, downloads and documents read). Imports only ``records`` and
the shared vocabulary; nothing here reads the clock.
"""

from __future__ import annotations

from .summary import CellReport, Report, YearReport, summarize, warnings

__all__ = ["CellReport", "Report", "YearReport", "summarize", "warnings"]
