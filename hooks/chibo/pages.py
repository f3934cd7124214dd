"""Which pages and downloads the records make (DESIGN.md §5).

``site_pages`` is the one place that maps URLs to templates. Everything is computed once
per build; a cell page gets only its own cell, so its size does not grow with the number
of cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from . import charts, exports, roadmap, vocab
from .compute import (
    CellView,
    cell_views,
    target_checks,
    target_trajectory,
    timeline,
    year_rows,
    year_stats,
)
from .records import Records
from .render import environment, render
from .selection import check_selection


@dataclass(frozen=True)
class Page:
    """A generated file under ``docs/``: a Markdown page or a download (``text``).

    ``source`` is the record file the page is made from (relative to the project), which
    the theme's edit button opens when ``repo_url`` and ``edit_uri`` are set.
    """

    src_uri: str
    text: str
    source: str | None = None


COMMITTEE_SOURCE = "records/dang-bo.yml"
BOOK_SOURCE = "records/tieu-chi.yml"


def site_pages(records: Records) -> list[Page]:
    env = environment()
    committee = records.committee
    views = cell_views(records)
    stats = year_stats(records.cells)
    rated_years = [s for s in stats if s.rated]
    latest = rated_years[-1] if rated_years else None
    targets = target_checks(committee, stats)
    trajectory = target_trajectory(committee, stats)
    milestones = roadmap.milestone_views(committee)
    common = {"committee": committee, "book": records.book, "vocab": vocab, "sample": committee.sample}
    target_charts = [c for c in map(charts.target_chart, trajectory) if c]
    pages = [
        Page("index.md", render(env, "index.md.j2", views=views, latest=latest, targets=targets,
                                charts=target_charts, upcoming=roadmap.upcoming(milestones),
                                overdue=roadmap.overdue(milestones), **common), COMMITTEE_SOURCE),
        Page("tieu-chi.md", render(env, "tieu-chi.md.j2", **common), BOOK_SOURCE),
        Page("chi-bo/index.md", render(env, "chi-bo-list.md.j2", views=views, **common)),
        Page("ket-qua/index.md", render(env, "ket-qua.md.j2", stats=stats, targets=targets,
                                        trajectory=trajectory, mix=charts.rating_mix(stats),
                                        charts=target_charts, **common)),
        Page("lo-trinh.md", render(env, "lo-trinh.md.j2", milestones=milestones, targets=targets,
                                   first_year=roadmap.first_year_selection(committee, records.cells),
                                   cycles=roadmap.december_cycles(committee, stats), **common), COMMITTEE_SOURCE),
        Page("to-chuc-thuc-hien.md", render(env, "to-chuc.md.j2", **common), COMMITTEE_SOURCE),
        Page("van-ban.md", render(env, "van-ban.md.j2", **common), COMMITTEE_SOURCE),
        Page("du-lieu.md", render(env, "du-lieu.md.j2", files=exports.FILES, **common)),
    ]
    years = [s.year for s in stats]
    for index, s in enumerate(stats):
        pages.append(Page(f"ket-qua/{s.year}.md", render(
            env, "ket-qua-nam.md.j2", stats=s, rows=year_rows(views, s.year),
            rules=exports.rules_for(committee, s.year),
            previous=years[index - 1] if index else None,
            next=years[index + 1] if index + 1 < len(years) else None, **common)))
    latest_year = latest.year if latest else None
    for view in views:
        pages += cell_pages(env, view, records, latest_year, common)
    pages += [Page(f"du-lieu/{name}", text) for name, text in
              exports.downloads(records, views, stats, targets, milestones).items()]
    return pages


@dataclass(frozen=True)
class ReportCriterion:
    """A row of the registration report: the criterion as it reads for this cell's type."""

    id: str
    title: str
    result: str | None


def cell_pages(env: Environment, view: CellView, records: Records, latest_year: int | None,
               common: dict) -> list[Page]:
    """The cell's page and its printable registration report."""
    cell = view.cell
    # The criteria as they read for this cell: its type's own criterion 5, its extra ones.
    criteria = [(c.id, c.by_type[cell.type].title if c.by_type else c.title) for c in records.book.criteria]
    criteria += [(c.id, c.title) for c in cell.extra_criteria]
    selection = check_selection(cell, records.book, records.committee.selection, latest_year)
    report_year = selection.year if selection else None
    results = {r.year: r for r in cell.results}
    marks = (results[report_year - 1].criteria or {}) if report_year and report_year - 1 in results else {}
    n = records.committee.selection.good_years
    recent = [results[y] for y in range(report_year - n, report_year) if y in results] if report_year else []
    return [
        Page(f"chi-bo/{cell.id}.md", render(
            env, "chi-bo.md.j2", view=view, cell=cell, criteria=criteria, selection=selection,
            timeline=timeline(cell), **common), f"records/chi-bo/{cell.id}.yml"),
        Page(f"chi-bo/{cell.id}/dang-ky.md", render(
            env, "dang-ky.md.j2", view=view, cell=cell, selection=selection, results=recent,
            criteria=[ReportCriterion(i, t, marks.get(i)) for i, t in criteria], **common)),
    ]
