"""Lint, format and types: 0 findings, enforced by the test command (and so by .ci/run).

ruff and mypy run from this environment (pinned in requirements.lock) with the settings in
pyproject.toml: ruff checks and formats ``hooks``, ``tests`` and ``benchmarks``; mypy checks
``hooks`` and ``benchmarks`` (``check_untyped_defs``, no implicit Optional).
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

PATHS = ["hooks", "tests", "benchmarks"]


@pytest.mark.parametrize(
    "command",
    [["ruff", "check", *PATHS], ["ruff", "format", "--check", *PATHS], ["mypy"]],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_no_findings(command: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}{done.stderr}"
