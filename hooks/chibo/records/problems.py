"""Problems found in records, and the error that carries them (one line each)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

ERROR, WARNING = "lỗi", "cảnh báo"


@dataclass(frozen=True, order=True)
class Problem:
    """Lỗi or cảnh báo: one problem at one place of one record file.

    ``file`` is relative to the project (``records/chi-bo/x.yml``); ``line`` and
    ``column`` start at 1; ``path`` names the value (``results[1].rating``), empty when
    the problem concerns the whole file. An error (``lỗi``) stops the build; a warning
    (``cảnh báo``) is reported and the build goes on (``mkdocs build --strict`` stops).
    """

    file: str
    line: int
    column: int
    path: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        what = f"{self.path}: {self.message}" if self.path else self.message
        return f"{where}: {self.severity}: {what}"


class RecordsError(Exception):
    """Records that cannot be published: at least one error, and every warning found with
    them (all at once); ``str()`` is one line per problem."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        super().__init__(self.text())

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == ERROR)

    def __reduce__(self) -> tuple[type[RecordsError], tuple[tuple[Problem, ...]]]:
        return type(self), (self.problems,)  # pickled whole (a build's second process raises it)

    def text(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)

    def summary(self) -> str:
        """``3 lỗi.`` or ``3 lỗi, 1 cảnh báo.``: the line under the list."""
        errors = len(self.errors)
        warnings = len(self.problems) - errors
        return f"{errors} lỗi" + (f", {warnings} cảnh báo" if warnings else "") + "."

    def json(self) -> str:
        return problems_json(self.problems)


def problems_json(problems: Iterable[Problem]) -> str:
    """The problems as a JSON list (for editors and CI): file, line, column, path, message, severity."""
    return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)


def format_path(path: tuple[str | int, ...]) -> str:
    """``('results', 1, 'rating')`` → ``results[1].rating``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text
