"""Which pages the records make, and their Markdown (DESIGN.md §5).

``site_pages`` is the one place that maps URLs to templates. Each page is rendered once
per build; a cell page gets only its own cell, so its size does not grow with the number
of cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from . import vocab
from .compute import CellView, cell_views, target_checks, year_stats
from .records import Records
from .render import environment, render


@dataclass(frozen=True)
class Page:
    """A generated page: its source path under ``docs/`` and its Markdown."""

    src_uri: str
    markdown: str


def site_pages(records: Records) -> list[Page]:
    env = environment()
    views = cell_views(records)
    stats = year_stats(records.cells)
    common = {
        "committee": records.committee,
        "book": records.book,
        "vocab": vocab,
        "sample": records.committee.sample,
    }
    targets = target_checks(records.committee, stats)
    latest = next((s for s in reversed(stats) if s.rated), None)
    pages = [
        Page("index.md", render(env, "index.md.j2", views=views, stats=stats, latest=latest,
                                targets=targets, **common)),
        Page("tieu-chi.md", render(env, "tieu-chi.md.j2", **common)),
        Page("chi-bo/index.md", render(env, "chi-bo-list.md.j2", views=views, **common)),
        Page("to-chuc-thuc-hien.md", render(env, "to-chuc.md.j2", **common)),
        Page("van-ban.md", render(env, "van-ban.md.j2", **common)),
    ]
    pages += [cell_page(env, view, common) for view in views]
    return pages


def cell_page(env: Environment, view: CellView, common: dict) -> Page:
    criteria = [c.id for c in common["book"].criteria] + [c.id for c in view.cell.extra_criteria]
    return Page(f"chi-bo/{view.cell.id}.md",
                render(env, "chi-bo.md.j2", view=view, cell=view.cell, criteria=criteria, **common))
