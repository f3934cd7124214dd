"""What the build relies on of Material's internals (chibo/output/fence.py), each fenced.

Every test here fails when Material changes what it relies on: the installed Material must
pass every check, and a copy of its templates changed in each relied-on place must fail
the matching check (so a fix that matches nothing is logged, and ``--strict`` stops).
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import material
import mkdocs
import pytest
from chibo.output import fence
from conftest import ROOT, build_site, copy_project
from material.plugins.search.plugin import SearchIndex
from mkdocs.config import load_config
from packaging.requirements import Requirement

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
MKDOCS_TEMPLATES = Path(mkdocs.__file__).parent / "templates"


def test_the_installed_material_holds_every_reliance() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    theme = [d for d in config.theme.dirs if d != config.theme.custom_dir]
    assert [Path(d).resolve() for d in theme] == [MATERIAL_TEMPLATES.resolve(), MKDOCS_TEMPLATES.resolve()]
    hooks = config.plugins.events["page_context"]
    ours = next(
        h for h in hooks if getattr(h, "__name__", "") == "on_page_context" and h.__module__.endswith("hooks.py")
    )
    assert fence.check(theme, hooks, ours) == []
    assert fence.version_problem(fence.material_version()) is None


def test_a_material_that_changed_fails_each_check(tmp_path: Path) -> None:
    changed = tmp_path / "material"
    shutil.copytree(MATERIAL_TEMPLATES, changed)
    base = changed / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8")
        .replace('id="__drawer" autocomplete="off"', 'id="__drawer"')
        .replace("{% block announce %}", "{% block announcement %}"),
        encoding="utf-8",
    )
    toc = changed / "partials" / "toc.html"
    toc.write_text(toc.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (changed / fence.LUNR_VI).unlink()
    (changed / "404.html").unlink()
    problems = fence.check([changed, MKDOCS_TEMPLATES])
    assert problems == [
        'Material đã đổi base.html: không còn \'type="checkbox" id="__drawer" autocomplete="off">\', '
        "bỏ qua phần sửa này",
        "Material không còn khuôn 404.html: bản ghi đè trong theme/ không được dùng",
        "base.html của Material không còn khối 'announce' mà theme/main.html ghi đè",
        "Material đã đổi partials/toc.html: bản sao đã sửa trong theme/partials/toc.html cần làm lại từ bản mới",
        "Material không còn assets/javascripts/lunr/min/lunr.vi.min.js: tìm kiếm không dấu không có tác dụng",
    ]


def test_a_build_with_a_changed_material_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.exceptions import Abort

    monkeypatch.setattr(fence, "FIXES", (fence.Fix("base.html", "<blink>", "<span>"), *fence.FIXES))
    with pytest.raises(Abort):  # the warning stops a --strict build
        build_site(copy_project(tmp_path))


@pytest.mark.parametrize(
    ("found", "usable"), [((9, 8, 2), True), ((9, 8, 0), True), ((9, 9, 0), False), ((9, 7, 6), False), (None, False)]
)
def test_only_the_material_versions_it_was_written_for(found: tuple[int, ...] | None, usable: bool) -> None:
    problem = fence.version_problem(found)
    assert (problem is None) is usable
    if problem:
        assert "Material for MkDocs 9.8.x" in problem and "python hooks/dev.py" in problem


def test_pyproject_allows_the_same_material_versions() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirement = next(Requirement(r) for r in project["dependencies"] if r.startswith("mkdocs-material"))
    (low, high) = fence.MATERIAL
    assert str(requirement.specifier) == f"<{high[0]}.{high[1]},>={low[0]}.{low[1]}"


def test_every_markup_fix_applies_to_a_built_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"  # the share link is there only with this feature
    config.write_text(config.read_text("utf-8").replace("    - toc.follow\n", "    - toc.follow\n    - search.share\n"))
    page = (build_site(project) / "index.html").read_text(encoding="utf-8")
    for fix in fence.FIXES:
        assert fix.wrong not in page and fix.right in page, fix


def entry(location: str, text: str = "") -> dict[str, str]:
    return {"location": location, "title": location, "text": text}


def test_material_keeps_the_last_index_and_appends_the_pages_rebuilt_in_order() -> None:
    """What ``merge_search_index`` takes from Material in a dirty build: the new entries of
    the pages rebuilt at the end, in build order, after what it kept of the last index."""
    last = [entry(u) for u in ("", "a/", "a/#x", "b/", "b/#y", "c/", "d/")]
    options = {"lang": ["vi"], "separator": " ", "pipeline": [], "fields": {}}
    previous = SearchIndex(**options)
    previous.entries = list(last)
    now = SearchIndex(**options)
    fresh = [entry("b/", "mới"), entry("b/#z", "mới"), entry("d/", "mới")]  # b/ and d/ rebuilt, c/ gone
    now.entries = list(fresh)
    import json

    written = json.loads(now.generate_search_index(previous))
    assert written["docs"][-3:] == fresh  # appended, in build order
    merged = fence.merge_search_index({"docs": last}, written, ["b/", "d/"], ["c/"])
    assert merged["docs"] == [entry(""), entry("a/"), entry("a/#x"), *fresh]
    assert merged["config"] == written["config"]


def test_a_build_with_another_material_stops_before_starting_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import multiprocessing

    from mkdocs.exceptions import Abort

    monkeypatch.setenv("CHIBO_WORKER", "1")
    monkeypatch.setattr(fence, "material_version", lambda: (9, 9, 1))
    project = copy_project(tmp_path)
    with pytest.raises(Abort):
        build_site(project)
    assert "Material for MkDocs 9.8.x; phiên bản đang cài: 9.9.1" in caplog.text
    assert multiprocessing.active_children() == []
    assert not (project / "site").exists()
