"""One exception hierarchy whose errors carry their context (file, row, column).

Messages are written for the analysts who maintain the data: in Indonesian, naming
the place and what was expected, never a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass


class LkjipError(Exception):
    """Base of every error lkjip raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data: where it is, what was found, what was expected."""

    file: str
    row: int | None = None  # 1-based line number in the file (header is line 1)
    column: str | None = None
    value: str | None = None
    expected: str = ""
    code: str = "invalid"  # a reason code, as in pandera's failure cases

    def where(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(f"kolom '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        found = "" if self.value is None else f": nilai {self.value!r}"
        return f"{self.where()}{found} — {self.expected}"


class DataValidationError(LkjipError):
    """Every problem found in one pass over a year's data."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.render())

    def render(self) -> str:
        n = len(self.problems)
        lines = [f"Data tidak valid: {n} masalah ditemukan."]
        lines += [f"  {i}. {p}" for i, p in enumerate(self.problems, 1)]
        return "\n".join(lines)


class KunciSalah(ValueError):
    """A key of dinyatakan.csv that names nothing in the data; the message says what is expected."""


class BuildError(LkjipError):
    """A build step failed; carries the chapter (and cell) where it happened."""

    def __init__(self, message: str, chapter: str | None = None, cell: int | None = None):
        self.chapter = chapter
        self.cell = cell
        where = ""
        if chapter:
            where = f"[{chapter}{'' if cell is None else f', sel {cell}'}] "
        super().__init__(where + message)
