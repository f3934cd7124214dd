"""The privacy auditor: what a reader of the members' side can work out about small counts.

It reads a built site as an attacker with a member account would: every page, the search
index, the downloads (CSV, XLSX, JSON), the Atom feed and the calendar, charts and titles
included, everything outside the office area (``/van-phong/``). It collects every number
published about members, each as a linear statement on the true counts the office holds:

* ``x[c, y, r]``: the members of cell ``c`` rated ``r`` in year ``y`` (from the records);
* a cell's year total, the Committee's counts of a year (by rating, in all, by cell type),
  a cell's current count (``cur[c]``): sums of those;
* a shown number is an equation, "ẩn" a hidden value (≥ 0), "< 3" a hidden value between 1
  and 2, a verdict ("Chưa đạt: có đảng viên không hoàn thành nhiệm vụ") an inequality, the
  cap "Tối đa HTXSNV" two inequalities on the count it is computed from.

It also grants the reader what a colleague could guess and be right about: a cell's count of
a year equal to its current count, whenever it is.

Then, for every hidden value (every count from 1 to ``threshold`` − 1, and every value the
site shows as hidden), it bounds its feasible range by linear programming over all of those
statements with SciPy's ``linprog`` (HiGHS). Two feasible points that give a value two
different integers prove its range is not a single number; the points come from a few LPs
with random objectives per independent part of the problem, and exact min/max LPs settle
every value those do not, and find the smallest range. It fails when:

* a member count from 1 to ``threshold`` − 1 is shown anywhere;
* a hidden value has a single feasible integer;
* a member-count statement it cannot place (a new table or sentence counting members):
  then the auditor must learn it before anything is trusted;
* a note the office keeps for itself (or any note of a year with a small count) appears on
  the members' side, or the office area shows up in the members' search index.

The true counts satisfy every collected statement (checked): a misread number cannot pass.
"""

from __future__ import annotations

from .collect import Auditor, Findings
from .html import Table, read_html
from .ranges import Ranges
from .truth import Statement, Truth, truth_of

__all__ = ["Auditor", "Findings", "Ranges", "Statement", "Table", "Truth", "read_html", "truth_of"]
