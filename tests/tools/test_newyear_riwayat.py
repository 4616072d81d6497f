"""A past year from the history: `lkjip new-year 2022 --dari-riwayat` starts 2022 from the structure
of 2023 and the figures of data/riwayat.csv; riwayat.csv stays the one source of 2022's published
figures: a data/2022 that disagrees never changes 2023's comparisons, and `check` names both places."""
from __future__ import annotations

import csv

import pytest

from conftest import page_text, run_lkjip


def _kolom_sp1(project):
    from lkjip.laporan.konteks import Laporan

    bab = Laporan(2023, project).bab3()
    t = bab.tabel_tahun_sebelumnya(bab.sasaran("SP-1"))
    return t.baris[0]  # Persentase Kab/Kota Peduli HAM: 2022, then 2023 (Tabel III.11)


def test_new_year_2022_without_history_flag_says_how(project):
    proc = run_lkjip(project, "new-year", "2022")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "lkjip new-year 2022 --dari-riwayat" in proc.stderr
    assert not (project / "data/2022").exists()


def test_past_year_from_history_and_one_source_of_its_figures(project):
    before = _kolom_sp1(project)
    assert before[1:4] == ["20%", "40,5%", "203%"]  # Tabel III.11 of the 2023 report

    proc = run_lkjip(project, "new-year", "2022", "--dari-riwayat", check=True)
    assert "dari struktur tahun 2023 dan angka data/riwayat.csv" in proc.stdout
    with open(project / "data/2022/indikator.csv", encoding="utf-8", newline="") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    kkp = rows["IKP-1.1"]
    assert (kkp["target"], kkp["rumus"], kkp["realisasi"], kkp["desimal"]) == ("20", "langsung", "40.5", "1")
    assert rows["IKK-6.1"]["realisasi"] == ""  # no history row: left to fill in
    assert "Narasi tahun 2022 belum ditulis" in (project / "data/2022/narasi/umum/kata_pengantar.md").read_text(
        encoding="utf-8")
    assert not (project / "data/2022/bab3").exists()  # the 2023 analyses are not 2022's

    for year in ("2022", "2023"):
        proc = run_lkjip(project, "check", "--year", year)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _kolom_sp1(project) == before  # computed from data/2022, the same published figures

    # a hand edit of data/2022 that disagrees with the published figure
    ind = project / "data/2022/indikator.csv"
    ind.write_text(ind.read_text(encoding="utf-8").replace(
        "IKP-1.1,SP-1,1,kkp-ham-persen,Persentase Kab/Kota Peduli HAM,%,naik,20,langsung,40.5,1,0",
        "IKP-1.1,SP-1,1,kkp-ham-persen,Persentase Kab/Kota Peduli HAM,%,naik,20,langsung,41,0,0"), encoding="utf-8")
    assert _kolom_sp1(project) == before  # never changed silently: "40,5% ... 203%" stays
    proc = run_lkjip(project, "check", "--year", "2023")
    assert proc.returncode != 0
    galat = [ln for ln in (proc.stdout + proc.stderr).splitlines() if "GALAT" in ln]
    assert len(galat) == 1, galat
    assert "data/riwayat.csv, baris 8, kolom 'realisasi'" in galat[0]
    assert "tertulis 40.5" in galat[0] and "41 di data/2022/indikator.csv baris 4 (IKP-1.1), kolom 'realisasi'" in galat[0]


@pytest.mark.lambat
def test_past_year_from_history_builds(project):
    run_lkjip(project, "new-year", "2022", "--dari-riwayat", check=True)
    proc = run_lkjip(project, "build", "--year", "2022", "--no-pdf")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    page = page_text(project / "build/2022/html/bab3_sasaran_sp-1.html")
    assert "40,5%" in page and "203%" in page
    assert "Tahun 2022" in page and "None" not in page and "NaN" not in page
