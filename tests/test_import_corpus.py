"""``chibo import`` on hostile and unusual spreadsheets: exact output, records safe.

Each ``tests/import-corpus/<case>.<ext>`` (a .csv, .xlsx, .xls or other file) is imported
into a copy of ``tests/import-corpus/records``; ``<case>.expected`` holds the command
(first line, ``$ chibo import <case> ARGS``), then what it prints on standard output and
standard error and its exit code. A case that fails leaves every record byte for byte as it
was; one that writes leaves valid records. ``make.py`` rebuilds the binary cases.

Set ``CHIBO_UPDATE_CORPUS=1`` to write the .expected files from today's output (then read
every changed one before committing it).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest
from chibo.commands import cli
from chibo.records import load_records

CORPUS = Path(__file__).parent / "import-corpus"
CASES = sorted(p for p in CORPUS.iterdir() if p.is_file() and p.suffix not in (".expected", ".py"))
DEFAULT_ARGS = "--year 2026"


def snapshot(project: Path) -> dict[str, str]:
    return {
        p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((project / "records").rglob("*"))
        if p.is_file()
    }


def render(command: str, out: str, err: str, code: int) -> str:
    return f"{command}\n--- stdout\n{out}--- stderr\n{err}--- exit {code}\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(CORPUS / "records", tmp_path / "records")
    return tmp_path


def test_the_corpus_has_every_case_and_its_expected_output() -> None:
    assert len(CASES) >= 55
    missing = [c.name for c in CASES if not c.with_suffix(".expected").exists()]
    assert missing == [] or os.environ.get("CHIBO_UPDATE_CORPUS")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(project: Path, case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected_file = case.with_suffix(".expected")
    expected = expected_file.read_text(encoding="utf-8") if expected_file.exists() else ""
    command = expected.splitlines()[0] if expected else f"$ chibo import {case.name} {DEFAULT_ARGS}"
    args = command.split()[4:]
    before = snapshot(project)
    start = time.perf_counter()
    code = cli.main(["import", str(case), *args, "--project", str(project)])
    elapsed = time.perf_counter() - start
    out, err = capsys.readouterr()
    actual = render(command, out, err, code)
    if os.environ.get("CHIBO_UPDATE_CORPUS"):
        expected_file.write_text(actual, encoding="utf-8")
        return
    assert actual == expected
    assert code in (0, 1) and "Traceback" not in out + err
    assert elapsed < 2.0
    if code == 1 or "--write" not in args:
        assert snapshot(project) == before, "a refused or previewed import writes nothing"
    else:
        load_records(project)  # the records it wrote are valid
