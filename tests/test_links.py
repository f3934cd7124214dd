"""Links written straight into HTML (chibo/output/links.py): ``relative`` by names alone gives
what ``posixpath.relpath`` gives, for every kind of address a page or file has."""

from __future__ import annotations

import posixpath

from chibo.output.links import relative
from hypothesis import example, given
from hypothesis import strategies as st


def reference(target: str, start: str) -> str:
    """``relative`` as it was written first, with ``posixpath.relpath``."""
    base = start if start.endswith("/") or not start else posixpath.dirname(start) + "/"
    if base == "/":
        base = ""
    path = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    if (not target or target.endswith("/")) and not path.endswith("/"):
        path = "./" if path == "." else path + "/"
    return path


names = st.sampled_from(["chi-bo", "ket-qua", "2024", "van-phong", "a", "du-lieu", "index.html", "x.csv", "..", "."])
addresses = st.builds(
    lambda parts, end: "/".join(parts) + end, st.lists(names, max_size=5), st.sampled_from(["", "/", ".html"])
)


@given(addresses, addresses)
@example("", "")
@example("chi-bo/x/", "ket-qua/2024/")
@example("du-lieu/chi-bo.csv", "chi-bo/x/dang-ky/index.html")
@example("a//b/", "a/")
@example("../a/", "b/")
@example("/a/", "b/")
def test_relative_is_relpath(target: str, start: str) -> None:
    assert relative(target, start) == reference(target, start)


def test_links_between_pages() -> None:
    assert relative("chi-bo/khoa-duoc/", "ket-qua/2024/") == "../../chi-bo/khoa-duoc/"
    assert relative("", "chi-bo/khoa-duoc/") == "../../"
    assert relative("chi-bo/khoa-duoc/", "chi-bo/khoa-duoc/") == "./"
    assert relative("du-lieu/chi-bo.csv", "du-lieu/index.html") == "chi-bo.csv"
