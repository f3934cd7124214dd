"""``chibo validate``: exit codes, text and JSON output, as editors and CI read them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chibo", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=dict(os.environ, PYTHONUTF8="1"),
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "small" / "records", tmp_path / "records")
    return tmp_path


def test_clean_records_exit_0_with_a_summary(project: Path) -> None:
    done = run("validate", str(project))
    assert (done.returncode, done.stdout) == (0, "Hồ sơ hợp lệ: 9 tệp, 5 chi bộ, kết quả các năm 2022–2025.\n")


def test_default_project_is_the_current_folder(project: Path) -> None:
    assert run("validate", cwd=project).returncode == 0


def test_invalid_records_exit_1_one_line_each(project: Path) -> None:
    cell = project / "records/chi-bo/chi-bo-c.yml"
    cell.write_text(cell.read_text(encoding="utf-8").replace("rating: tot}", "rating: tot-lam}"), encoding="utf-8")
    done = run("validate", str(project))
    assert done.returncode == 1
    assert done.stdout == (
        "records/chi-bo/chi-bo-c.yml:6:26: lỗi: results[1].rating: 'tot-lam' không hợp lệ; "
        "chọn một trong: xuat-sac, tot, hoan-thanh, khong-hoan-thanh\n"
    )
    assert done.stderr == "1 lỗi.\n"


def test_json_format_for_editors(project: Path) -> None:
    cell = project / "records/chi-bo/chi-bo-c.yml"
    cell.write_text(cell.read_text(encoding="utf-8") + "members: -1\n", encoding="utf-8")
    done = run("validate", str(project), "--format", "json")
    assert done.returncode == 1
    assert json.loads(done.stdout) == [
        {
            "file": "records/chi-bo/chi-bo-c.yml",
            "line": 7,
            "column": 10,
            "path": "members",
            "message": "'-1' không hợp lệ: số không được âm",
            "severity": "lỗi",
        }
    ]
    assert json.loads(run("validate", str(DATA / "small"), "--format", "json").stdout) == []


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["frobnicate"],
        ["validate", "--format", "xml"],
        ["validate", "/khong/co"],
        ["init", "du-an"],  # no --committee
        ["init", "du-an", "--committee", "X", "--as-of", "31-12-2026"],
        ["new", "programme", "x", "--kind", "k", "--start", "2026"],  # no --end, --name
        ["template"],  # no --out
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
