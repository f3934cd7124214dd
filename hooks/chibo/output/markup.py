"""Small corrections to the HTML Material writes, made after each page is rendered.

* Material's ``base.html`` puts ``autocomplete="off"`` on its two hidden checkboxes (the
  drawer and search toggles) outside any template block; the HTML standard does not allow
  it on checkboxes (Nu Html Checker error on every page).
* The search dialog (``role="dialog"``) has no accessible name (axe: aria-dialog-name).
* The search's share link starts as ``href="javascript:void(0)"``; the content policy
  forbids ``javascript:`` URLs (a click before Material's script takes over would be a
  policy violation). Material replaces the address as soon as a query is typed and
  cancels the click, so ``#`` (a link to the page itself) behaves the same.

Everything else is left as Material wrote it; tests/test_browser_pages.py checks both.
"""

from __future__ import annotations

_FIXES = (
    ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
    ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
    (
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Tìm kiếm">',
    ),
    ('<a href="javascript:void(0)" class="md-search__icon md-icon"', '<a href="#" class="md-search__icon md-icon"'),
)


def fix_material_markup(html: str) -> str:
    for wrong, right in _FIXES:
        html = html.replace(wrong, right, 1)
    return html
