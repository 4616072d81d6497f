"""`lkjip build --periode tw3`: the third quarter's report of 2023 beside the annual one, with
its own output and work folders, the quarter on the cover and the site, the figures to date
of data/2023/triwulan.csv, the quarter's prose and the annual prose as fallback."""
from __future__ import annotations

import pytest

from conftest import page_text, run_lkjip, tables


@pytest.mark.lambat
def test_third_quarter_2023_builds_into_its_own_folder(project):
    r = run_lkjip(project, "build", "--year", "2023", "--periode", "tw3", "--no-pdf")
    assert r.returncode == 0, r.stdout + r.stderr
    build = project / "build"
    html = build / "2023-tw3" / "html"
    assert (html / "index.html").is_file()
    assert not (build / "2023").exists()  # the annual report is another output
    assert (build / ".work" / "2023-tw3").is_dir() and not (build / ".work" / "2023").exists()

    # the cover page and the site's title
    cover = page_text(html / "index.html")
    assert "Laporan Kinerja Direktorat Jenderal Hak Asasi Manusia Triwulan III Tahun 2023" in cover
    assert "capaian kinerja s.d. September 2023" in cover and "September 2023" in cover
    src = (html / "bab3_sasaran_sk-9.html").read_text(encoding="utf-8")
    assert "<title>" in src and "Triwulan III Tahun 2023</title>" in src
    assert "Laporan Kinerja Triwulan III Tahun 2023 (PDF)" in src or "belum disusun" in src

    # Bab III: IKK-9.1 to September, 288 of 82 (quarter) and of 109 (year); IKK-9.2 not yet known
    (capaian,) = [t for t in tables(src) if "Capaian terhadap Target Triwulan III" in t]
    assert ("Jumlah pemerintah daerah yang melaksanakan program aksi HAM 109 Instansi Pemerintah "
            "82 Instansi Pemerintah 288 Instansi Pemerintah 351,22% 264,22%") in capaian
    assert ("Jumlah kab/kota peduli HAM 57 Instansi Pemerintah belum tersedia belum tersedia "
            "belum tersedia belum tersedia") in capaian
    assert "Capaian terhadap Target Triwulan III" in capaian and "Capaian terhadap Target Tahunan" in capaian

    # the quarter's prose (data/2023/bab3/tw3/SK-9/, data/2023/narasi/tw3/umum/), else the annual
    sk9 = page_text(html / "bab3_sasaran_sk-9.html")
    assert "Berdasarkan hasil pemantauan LKjIP Bidang HAM Kanwil s.d. September 2023" in sk9
    assert "realisasi Jumlah pemerintah daerah yang melaksanakan program aksi HAM telah mencapai 288" in sk9
    kp = page_text(html / "kata_pengantar.html")
    assert "Laporan Kinerja Direktorat Jenderal Hak Asasi Manusia Triwulan III Tahun 2023" in kp
    assert "Segala Puji bagi Allah" in kp
    bab1 = page_text(html / "bab1_pendahuluan.html")
    assert "Latar Belakang" in bab1  # no quarter file: the annual prose

    # the landing page lists the quarter under its year
    landing = (build / "index.html").read_text(encoding="utf-8")
    assert 'href="2023-tw3/html/index.html">Triwulan III</a>' in landing
