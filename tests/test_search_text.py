"""The search index reads each block's text instead of the block (chibo/output/searchtext.py).

What a reader finds must not change: the index is the one Material's search makes from the
whole pages, byte for byte, on the sample, on records full of markup and entities, and on
random blocks shaped like the templates' (balanced tags, white space of every kind); the
pages themselves are the same files. And the index must read less: a cell page's tables
reach it as a few kept tags and their text.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml
from chibo.commands.demo import write_demo
from chibo.output import render, searchtext, site
from chibo.output.site import build
from conftest import DATA, ROOT, build_site, copy_project
from material.plugins.search.plugin import Parser
from test_escaping import poison

_TAG = re.compile(r"<[a-zA-Z/]")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def whole_blocks(pages: site.Pages, src_uri: str, html: str) -> str:
    """The search index reading the whole blocks (what the build did before searchtext)."""
    if src_uri not in pages.index().uris:
        return html
    return render.fill(html, pages.page(src_uri).blocks)


def hostile_records(tmp_path: Path) -> Path:
    project = copy_project(tmp_path, DATA / "small" / "records")
    for path in (project / "records").rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(poison(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


@pytest.mark.parametrize("records", ["sample", "hostile", "demo"])
def test_the_site_and_its_search_index_are_those_read_from_whole_blocks(
    records: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHIBO_WORKER", "0")  # both builds in this process, where the patch applies

    def project(folder: Path) -> Path:
        folder.mkdir()
        if records == "sample":
            return copy_project(folder)
        if records == "hostile":
            return hostile_records(folder)
        return write_demo(folder, 30)

    reduced = tree(build_site(project(tmp_path / "reduced")))
    monkeypatch.setattr(site, "search_text", whole_blocks)
    whole = tree(build_site(project(tmp_path / "whole")))
    assert sorted(reduced) == sorted(whole)
    assert [name for name in whole if whole[name] != reduced[name]] == []
    index = whole["search/search_index.json"].decode("utf-8")
    assert '"location":"chi-bo/' in index and len(index) > 50_000  # the pages' text is in it


def parse(html: str) -> list[tuple[str, str | None, str, str]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.el.tag, s.id, "".join(s.title), "".join(s.text)) for s in parser.data]


# What can stand around a block in a page: Markdown puts a block on a line of its own,
# between headings, paragraphs, lists and other blocks.
AROUND = [
    ('<h2 id="a">Tiêu đề</h2>\n', "\n<p>Sau đó</p>"),
    ("<p>x</p>", "<p>y</p>"),
    ("\n\n", "\n"),
    ("<h1>H</h1>\n<p>đoạn</p>\n", "\n<h2 id='b'>B</h2>\n<ul>\n<li>z</li>\n</ul>"),
    ("<ul><li>q\n", "\n</li></ul> đuôi "),
    ("", ""),
    ("<p>a</p>\n<!--chibo:1-->\n", "\n<!--chibo:2-->\n"),
]


def same_for_search(block: str) -> None:
    text = searchtext.text(block)
    for before, after in AROUND:
        assert parse(before + "<!--chibo:0-->" + text + "<!--/chibo-->" + after) == parse(before + block + after), (
            before,
            block,
        )


def test_every_block_of_the_sample_reads_the_same_to_the_search_parser() -> None:
    blocks = [block for page in build(ROOT).pages for block in page.blocks]
    assert len(blocks) > 200
    for block in blocks:
        same_for_search(block)


def test_random_blocks_read_the_same_to_the_search_parser() -> None:
    rnd = random.Random(20261130)
    tags = [
        "li",
        "ul",
        "ol",
        "p",
        "td",
        "tr",
        "th",
        "span",
        "strong",
        "div",
        "table",
        "a",
        "svg",
        "text",
        "title",
        "sub",
    ]
    pieces = [
        " ",
        "\n",
        "\n\n",
        "\t",
        "  ",
        "x",
        "a b",
        " y ",
        "\nz\n",
        "&lt;3",
        "&amp;amp;",
        "&#34;",
        "Đảng ủy",
        "<br>",
        "<br/>",
        "<rect/>",
        "<!-- c -->",
        "<img src=x>",
    ]

    def tree_of(depth: int) -> str:
        out = []
        for _ in range(rnd.randint(0, 4)):
            if depth < 4 and rnd.random() < 0.5:
                tag = rnd.choice(tags)
                out.append(f'<{tag} class="c">{tree_of(depth + 1)}</{tag}>')
            else:
                out.append(rnd.choice(pieces))
        return "".join(out)

    for _ in range(3000):
        tag = rnd.choice(tags)
        same_for_search(f"<{tag}>{tree_of(1)}</{tag}>" + rnd.choice(["", "\n", "\n\n"]))


def test_the_search_index_reads_a_cell_page_tables_as_their_text() -> None:
    page = next(p for p in build(ROOT).pages if p.src_uri == "chi-bo/khoa-duoc/index.md")
    tags_in_blocks = sum(len(_TAG.findall(block)) for block in page.blocks)
    tags_in_text = sum(len(_TAG.findall(text)) for text in page.search)
    assert tags_in_blocks > 200
    assert tags_in_text * 10 < tags_in_blocks
    assert any("Hoàn thành tốt nhiệm vụ" in text for text in page.search)


def test_a_block_the_search_text_cannot_follow_is_refused() -> None:
    for block in ("<div><h3>Mục</h3></div>", "<pre>mã</pre>", "<div data-search-exclude>x</div>"):
        with pytest.raises(ValueError):
            searchtext.text(block)
