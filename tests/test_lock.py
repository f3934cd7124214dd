"""requirements.lock agrees with pyproject.toml: every dependency pinned, within its bounds, hashed.

A lock that no longer satisfies pyproject.toml (a bound raised, a dependency added) fails
here; the fix is ``python hooks/dev.py lock``.
"""

from __future__ import annotations

import re
import tomllib

from conftest import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

_PIN = re.compile(
    r"^([A-Za-z0-9._-]+)==([^ ;\\]+)(?: ;[^\\]*)? \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", re.M
)


def pins() -> dict[str, list[tuple[str, int]]]:
    """Each locked package: its pinned versions (one per environment marker) and hash counts."""
    found: dict[str, list[tuple[str, int]]] = {}
    for name, version, hashes in _PIN.findall((ROOT / "requirements.lock").read_text(encoding="utf-8")):
        found.setdefault(canonicalize_name(name), []).append((version, hashes.count("--hash=")))
    return found


def requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    return [Requirement(r) for r in (*project["dependencies"], *extras["test"], *extras["engines"])]


def test_every_dependency_is_pinned_within_its_bounds_with_hashes() -> None:
    locked = pins()
    assert len(locked) > 40
    for requirement in requirements():
        versions = locked.get(canonicalize_name(requirement.name))
        assert versions, f"{requirement.name} is not in requirements.lock: run python hooks/dev.py lock"
        for version, hashes in versions:
            assert requirement.specifier.contains(version, prereleases=True), (requirement, version)
            assert hashes >= 1, requirement.name


def test_the_project_installs_with_the_locked_build_backend() -> None:
    backend = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    for requirement in map(Requirement, backend):
        assert any(requirement.specifier.contains(v) for v, _ in pins()[canonicalize_name(requirement.name)])
