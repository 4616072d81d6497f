"""`lkjip build --all`: every report of the cycle that has data, in one run.

A report is one build target, a key of the year and the period: ``(2023, None)`` is the annual
report of 2023; once ``lkjip build`` takes a period (``pipeline.build(..., periode="tw1")``),
``(2023, "tw1")`` is its first quarter, and every quarter that ``data/<year>/triwulan.csv``
reports on is one more target. The targets run one after another, sharing what a build
can share: the warm kernel parent (:mod:`lkjip.build.zygote`) is started once for the whole
run and forks the kernels of every target's pages, and the notebook cache serves any page
that two targets execute alike. A target that fails is reported and the others still build.
"""
from __future__ import annotations

import csv
import inspect
import re
from dataclasses import dataclass
from pathlib import Path

from lkjip.errors import LkjipError

YEAR = re.compile(r"^\d{4}$")
MARK = "sasaran.csv"  # a year folder with this file has its own data (not only shared templates)


@dataclass(frozen=True)
class Target:
    year: int
    periode: str | None = None  # None: the annual report; "tw1".."tw4": a quarter

    @property
    def nama(self) -> str:
        return str(self.year) if self.periode is None else f"{self.year}-{self.periode}"


def periods_supported() -> bool:
    from lkjip.build import pipeline

    return "periode" in inspect.signature(pipeline.build).parameters


def quarters(root: Path, year: int) -> list[str]:
    """The quarters ``data/<year>/triwulan.csv`` reports on (column ``triwulan``: 1..4)."""
    path = root / "data" / str(year) / "triwulan.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        found = {(row.get("triwulan") or "").strip() for row in csv.DictReader(f)}
    return [f"tw{q}" for q in "1234" if q in found]


def targets(root: Path) -> list[Target]:
    """Every report that has data: each year folder with its own data, its annual report
    and (when builds take a period) its quarters."""
    out = []
    with_periods = periods_supported()
    for d in sorted((root / "data").iterdir()):
        if d.is_dir() and YEAR.match(d.name) and (d / MARK).is_file():
            year = int(d.name)
            out.append(Target(year))
            if with_periods:
                out += [Target(year, q) for q in quarters(root, year)]
    return out


def build_all(pdf: bool = True, root: Path | None = None, log=print) -> tuple[list, list[tuple[Target, str]]]:
    """Build every target; returns the results and the failures (target, message)."""
    from lkjip.build import kernel, pipeline
    from lkjip.data.pk import project_root

    root = Path(root) if root else project_root()
    done, failed = [], []
    try:
        for t in targets(root):
            log(f"== {t.nama} ==")
            kw = {"periode": t.periode} if t.periode is not None else {}
            try:
                done.append(pipeline.build(t.year, pdf=pdf, root=root, log=log, keep_kernels=True, **kw))
            except LkjipError as e:
                log(str(e))
                failed.append((t, str(e)))
    finally:
        kernel.stop_zygote()
    return done, failed
