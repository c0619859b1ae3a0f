"""The one error type for mistakes a publisher can make in site/ content."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Problem:
    """One mistake: where it is, what is wrong, and how to fix it."""

    path: Path
    message: str
    fix: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        text = f"{where}: {self.message}"
        return f"{text}\n    Fix: {self.fix}" if self.fix else text


class ContentError(Exception):
    """Raised when site/ content cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def single(cls, path: Path, message: str, fix: str = "", line: int | None = None) -> ContentError:
        return cls([Problem(path, message, fix, line)])
