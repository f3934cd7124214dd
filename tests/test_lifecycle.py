"""The build's lifecycle (chibo/output/lifecycle.py): nothing it starts outlives it.

``mkdocs build`` runs as a person runs it, its output read through a pipe as ``| tail``
would: another hook raises in each event after ``on_config``, the build must end within
seconds with that hook's message, the pipe must close, and no process or temporary folder of
the build may be left. A build called without ``on_startup``/``on_shutdown`` (as the tests
call MkDocs) ends them in ``on_build_error``. ``mkdocs serve`` stops its second process on
Ctrl+C, after a failed build too.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from chibo.commands.demo import write_demo

EVENTS = [
    "pre_build",
    "files",
    "nav",
    "env",
    "pre_page",
    "page_markdown",
    "page_content",
    "page_context",
    "post_page",
    "post_template",
    "post_build",
]
BOOM = """
def on_{event}(*args, **kwargs):
    raise RuntimeError("hỏng ở on_{event}")
"""
SECONDS = 60  # a build of this project takes a few seconds


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo(tmp_path_factory.mktemp("lifecycle") / "demo", 30)


def with_hook(project: Path, source: str, name: str = "boom") -> Path:
    """``project`` with one more hook file before ours (a new name each time: MkDocs keeps the
    module of a hook file for the process)."""
    (project / "hooks" / f"{name}.py").write_text(source, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = re.sub(r"  - hooks/boom.*\.py\n", "", config.read_text(encoding="utf-8"))
    config.write_text(text.replace("hooks:\n", f"hooks:\n  - hooks/{name}.py\n"), encoding="utf-8")
    return project


def left_of(session: int, grace: float = 5) -> list[str]:
    """The processes still in the session ``session`` (Linux /proc), after ``grace`` seconds
    at most for one that is exiting."""
    deadline = time.monotonic() + grace
    while (found := _session(session)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return found


def _session(session: int) -> list[str]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            found.append(f"{stat.parent.name} {fields[0]} {command}")
    return found


def mkdocs(project: Path, *args: str, tmp: Path) -> subprocess.Popen[bytes]:
    tmp.mkdir(exist_ok=True)
    env = dict(os.environ, CHIBO_WORKER="1", NO_MKDOCS_2_WARNING="1", TMPDIR=str(tmp))
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own session: every process it starts can be found
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("event", EVENTS)
def test_a_hook_that_raises_ends_the_build_and_every_process(demo: Path, event: str, tmp_path: Path) -> None:
    project = with_hook(demo, BOOM.format(event=event))
    start = time.monotonic()
    build = mkdocs(project, "build", tmp=tmp_path)
    try:
        output, _ = build.communicate(timeout=SECONDS)  # until the pipe closes, as `| tail` reads
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
    text = output.decode("utf-8", "replace")
    assert build.returncode != 0
    assert f"hỏng ở on_{event}" in text
    assert "BrokenPipeError" not in text and "BrokenProcessPool" not in text, text
    assert time.monotonic() - start < SECONDS
    assert left_of(build.pid) == [], text
    assert list(tmp_path.iterdir()) == []  # the files made for the build are gone too


RAISE_AND_COUNT = """
import multiprocessing
from pathlib import Path


def on_{event}(*args, **kwargs):
    Path(__file__).with_name("children").write_text(str(len(multiprocessing.active_children())))
    raise RuntimeError("hỏng ở on_{event}")
"""


# The process runs until it has made every file (at the latest until on_post_build, where ours
# comes last), then goes with its memory: running or not at another hook's on_post_build.
@pytest.mark.parametrize(("event", "running"), [("files", True), ("page_content", True), ("post_build", None)])
def test_a_build_called_directly_ends_its_process_when_it_fails(
    demo: Path, event: str, running: bool | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing
    import tempfile

    from conftest import build_site

    monkeypatch.setenv("CHIBO_WORKER", "1")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    project = with_hook(demo, RAISE_AND_COUNT.format(event=event), f"boom_{event}")
    with pytest.raises(RuntimeError, match=f"hỏng ở on_{event}"):
        build_site(project)
    if running is not None:
        assert (int((project / "hooks" / "children").read_text()) > 0) is running
    assert multiprocessing.active_children() == []
    assert list(tmp_path.iterdir()) == []


def wait_for(url: str, seconds: float = SECONDS) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_serve_stops_its_second_process_on_ctrl_c_after_a_failed_build(demo: Path) -> None:
    import socket

    project = with_hook(demo, "")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve = mkdocs(project, "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}", tmp=demo.parent / "tmp")
    cell = project / "records" / "chi-bo" / "chi-bo-00003.yml"
    good = cell.read_text(encoding="utf-8")
    try:
        assert "chi-bo-00003" in wait_for(f"http://127.0.0.1:{port}/chi-bo/chi-bo-00003/")
        assert len(left_of(serve.pid, grace=0)) >= 2  # MkDocs and its second process (and its helper)
        cell.write_text(good.replace("members:", "members: mười", 1), encoding="utf-8")
        time.sleep(3)  # the failed build
        cell.write_text(good.replace("name: ", "name: Đổi tên ", 1), encoding="utf-8")
        deadline = time.monotonic() + SECONDS
        while "Đổi tên" not in wait_for(f"http://127.0.0.1:{port}/chi-bo/chi-bo-00003/"):
            assert time.monotonic() < deadline
            time.sleep(0.2)
        serve.send_signal(signal.SIGINT)
        output, _ = serve.communicate(timeout=SECONDS)
    finally:
        cell.write_text(good, encoding="utf-8")
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
    text = output.decode("utf-8", "replace")
    assert "lỗi: members:" in text  # the failed build said why
    assert left_of(serve.pid) == [], text
    assert [p.name for p in (demo.parent / "tmp").iterdir() if p.name.startswith("chibo-")] == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_serve_killed_leaves_no_process(demo: Path) -> None:
    """``kill`` (SIGTERM) ends MkDocs without ``on_shutdown``: its second process goes by itself."""
    import socket

    project = with_hook(demo, "")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    tmp = demo.parent / "tmp-killed"
    serve = mkdocs(project, "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}", tmp=tmp)
    try:
        assert "chi-bo-00003" in wait_for(f"http://127.0.0.1:{port}/chi-bo/chi-bo-00003/")
        assert len(left_of(serve.pid, grace=0)) >= 2
        serve.terminate()
        serve.communicate(timeout=SECONDS)
        assert left_of(serve.pid) == []
        assert [p.name for p in tmp.iterdir() if p.name.startswith("chibo-")] == []
    finally:
        if serve.poll() is None or _session(serve.pid):
            os.killpg(serve.pid, signal.SIGKILL)
