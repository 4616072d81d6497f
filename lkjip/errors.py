"""One exception hierarchy whose errors carry their context (file, row, column).

Messages are written for the analysts who maintain the data: in Indonesian, naming
the place and what was expected, never a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class KodeMasalah(StrEnum):
    """Why a problem is one: a code for programs (tests, the kernel boundary, a quality log),
    beside the Indonesian message for people. The validation library's own error types are
    kept as ``missing`` or ``invalid``."""

    INVALID = "invalid"
    MISSING = "missing"
    ABOVE_PAGU = "above_pagu"
    CELL_VALUE = "cell_value"
    CHECK = "check"  # a workbook's data refused by the year's checks
    COLUMN_FOR_FORMULA = "column_for_formula"  # triwulan.csv: a column of another rumus filled in
    DERIVED = "derived"
    DUPLICATE = "duplicate"
    EMPTY_FILE = "empty_file"
    ENCODING = "encoding"
    FORMULA_COMPONENTS = "formula_components"
    FORMULA_KIND = "formula_kind"  # a rumus neither built in nor declared in data/rumus.yaml
    FORMULA_WITHOUT_VALUE = "formula_without_value"
    HEADER = "header"
    LAMPIRAN = "lampiran"
    MISSING_COLUMN = "missing_column"
    MISSING_FILE = "missing_file"
    MISSING_SHEET = "missing_sheet"
    MISSING_YEAR = "missing_year"
    NO_ROWS = "no_rows"
    NOT_A_FILE = "not_a_file"
    NOT_A_NUMBER = "not_a_number"
    NOT_AN_IMAGE = "not_an_image"
    NUMBER = "number"
    NUMERATOR_ABOVE_DENOMINATOR = "numerator_above_denominator"
    OUT_OF_RANGE = "out_of_range"
    QUARTER_NOT_ANNUAL = "quarter_not_annual"  # triwulan.csv: Triwulan IV differs from the year's realisasi
    PAST_YEAR_CONFLICT = "past_year_conflict"  # data/<year> and data/riwayat.csv give a past year two figures
    PATH_OUTSIDE = "path_outside"
    RATIO_COMPONENTS = "ratio_components"
    REALISASI_WITH_FORMULA = "realisasi_with_formula"
    REQUIRED = "required"
    ROW_LENGTH = "row_length"
    STALE_SHEET = "stale_sheet"
    TEMPLATE_ERROR = "template_error"
    TEMPLATE_LIMIT = "template_limit"
    TEMPLATE_SECURITY = "template_security"
    TEMPLATE_SIZE = "template_size"
    TEMPLATE_SYNTAX = "template_syntax"
    TOO_MANY_PERIODS = "too_many_periods"  # triwulan.csv: more rerata values than components
    UNCLOSED_QUOTE = "unclosed_quote"
    UNKNOWN_COLUMN = "unknown_column"
    UNKNOWN_KEY = "unknown_key"
    UNKNOWN_PLACEHOLDER = "unknown_placeholder"
    UNKNOWN_REFERENCE = "unknown_reference"
    UNUSED_COMPONENTS = "unused_components"
    YAML = "yaml"
    YEAR_MISMATCH = "year_mismatch"
    ZERO_DENOMINATOR = "zero_denominator"

    @classmethod
    def dari(cls, code: str) -> KodeMasalah:
        """A code given as text (ours, or the validation library's error type)."""
        try:
            return cls(code)
        except ValueError:
            return cls.MISSING if "missing" in str(code) else cls.INVALID


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
    code: KodeMasalah = KodeMasalah.INVALID  # why (a KodeMasalah; text is converted)

    def __post_init__(self):
        object.__setattr__(self, "code", KodeMasalah.dari(self.code))

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
