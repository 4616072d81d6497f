"""`lkjip build --all`: every report of the cycle that has data, in one run.

A report is one build target, a key of the year and the period: ``(2023, None)`` is the annual
report of 2023, ``(2023, "tw1")`` its first quarter; every quarter that ``data/<year>/triwulan.csv``
reports on is one more target. The targets run one after another, sharing what a build
can share: the warm kernel parent (:mod:`lkjip.build.zygote`) is started once for the whole
run and forks the kernels of every target's pages, and the notebook cache serves any page
that two targets execute alike. A target that fails is reported and the others still build.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lkjip.errors import LkjipError


@dataclass(frozen=True)
class Target:
    year: int
    periode: str | None = None  # None: the annual report; "tw1".."tw4": a quarter

    @property
    def nama(self) -> str:
        return str(self.year) if self.periode is None else f"{self.year}-{self.periode}"


def quarters(root: Path, year: int) -> list[str]:
    """The quarters ``data/<year>/triwulan.csv`` reports on (lkjip.data.triwulan). A file
    that does not read leaves the year's quarters out here: the year's own build names it."""
    from lkjip.data.triwulan import triwulan_berdata

    try:
        return [f"tw{q}" for q in triwulan_berdata(year, root)]
    except LkjipError:
        return []


def targets(root: Path) -> list[Target]:
    """Every report that has data: each year with a Perjanjian Kinerja, its annual report and
    its quarters."""
    from lkjip.data.proyek import Proyek

    out = []
    for year in Proyek.temukan(root).tahun_berdata():
        out.append(Target(year))
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
            try:
                done.append(pipeline.build(t.year, pdf=pdf, root=root, log=log, keep_kernels=True,
                                           periode=t.periode))
            except LkjipError as e:
                log(str(e))
                failed.append((t, str(e)))
    finally:
        kernel.stop_zygote()
    return done, failed
