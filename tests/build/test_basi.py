"""Incremental equals clean: after a sasaran leaves the year's PK, the incremental build publishes
exactly the files and the navigation that a clean build of the same data does (no old page,
no old download, no old entry in the sidebar)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import copy_project, run_lkjip

pytestmark = pytest.mark.lambat


def tanpa_sasaran(project: Path, sid: str) -> None:
    """The year without one sasaran: its rows, its indicators' rows in every file that names
    them (budget per indicator, stated figures) and its prose, as an analyst would remove it."""
    d = project / "data" / "2023"
    ind = [ln.split(",")[0] for ln in (d / "indikator.csv").read_text(encoding="utf-8").splitlines()
           if ln.split(",")[1:2] == [sid]]
    assert ind
    pola = re.compile(r"\b(" + "|".join(re.escape(i) for i in ind) + r")\b")
    for name, keep in (("sasaran.csv", lambda ln: ln.split(",")[0] != sid),
                       ("indikator.csv", lambda ln: ln.split(",")[1:2] != [sid]),
                       ("komponen.csv", lambda ln: ln.split(",")[0] not in ind),
                       ("triwulan.csv", lambda ln: ln.split(",")[0] not in ind),
                       ("realisasi_anggaran_indikator.csv", lambda ln: not pola.search(ln)),
                       ("dinyatakan.csv", lambda ln: not pola.search(ln))):
        if (d / name).is_file():
            lines = (d / name).read_text(encoding="utf-8").splitlines(keepends=True)
            (d / name).write_text("".join(ln for ln in lines if keep(ln)), encoding="utf-8")
    shutil.rmtree(d / "bab3" / sid)


def isi(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p for p in sorted(site.rglob("*")) if p.is_file()}


def navigasi(html: str) -> list[str]:
    nav = html[html.find('<nav class="bd-docs-nav'):]
    nav = nav[:nav.find("</nav>")]
    return re.findall(r'href="([^"#]+)', nav)


def test_a_sasaran_removed_leaves_no_trace_in_the_incremental_site(project, tmp_path):
    run_lkjip(project, "build", "--year", "2023", "--no-pdf", check=True)
    assert (project / "build/2023/html/bab3_sasaran_sk-12.html").is_file()
    tanpa_sasaran(project, "SK-12")
    run_lkjip(project, "build", "--year", "2023", "--no-pdf", check=True)

    clean = copy_project(tmp_path / "bersih")
    tanpa_sasaran(clean, "SK-12")
    run_lkjip(clean, "build", "--year", "2023", "--no-pdf", check=True)

    inc, cl = isi(project / "build/2023/html"), isi(clean / "build/2023/html")
    assert sorted(set(inc) - set(cl)) == [] and sorted(set(cl) - set(inc)) == []
    assert not any("sk-12" in f for f in inc)
    for page in ("index.html", "bab3_sasaran_sk-11.html", "bab3_akuntabilitas.html"):
        a, b = inc[page].read_text(encoding="utf-8"), cl[page].read_text(encoding="utf-8")
        assert navigasi(a) == navigasi(b) and "bab3_sasaran_sk-12" not in a
