"""A 2025 under Kementerian HAM, from data only: `lkjip new-year` scaffolds the year into a copy of
the project, then only data files are written: the ministry as the reporting unit (its head a
minister, `kementerian: null`), a Renstra 2025-2029 in data/renstra with a lower-is-better ratio,
an index with two decimals (a formula kind declared in data) and a count. The Renstra section is
filled in the period's first year; the built page is read as a reader reads it."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from conftest import page_text, run_lkjip, tables

ORGANISASI = """\
tahun: 2025
status: draf
unit: Kementerian Hak Asasi Manusia
unit_singkat: Kementerian HAM
kementerian: null          # the reporting unit is itself the ministry
pimpinan:
  nama: Natalius Pigai
  jabatan: Menteri Hak Asasi Manusia
atasan:
  nama: Prabowo Subianto
  jabatan: Presiden Republik Indonesia
perjanjian_kinerja:
  tempat: Jakarta
  tanggal: "2025-02"
laporan:
  tempat: Jakarta
  tanggal: null
renstra: 2025-2029
"""
SASARAN = """\
id,tingkat,nomor,uraian
SS-1,strategis,1,Meningkatnya pelindungan dan pemenuhan HAM
"""
# target and realisasi of the year; the 2025 targets also come from the Renstra by `new-year`
INDIKATOR = """\
id,sasaran_id,nomor,kode,uraian,satuan,arah,target,rumus,realisasi,desimal,desimal_capaian
IKU-1.1,SS-1,1,aduan-berulang-persen,Persentase aduan pelanggaran HAM yang berulang,%,turun,20,rasio,,2,2
IKU-1.2,SS-1,2,indeks-ham,Indeks Hak Asasi Manusia,Indeks,naik,3.2,indeks,3.45,,
IKU-1.3,SS-1,3,rekomendasi-kebijakan-ham,Jumlah rekomendasi kebijakan HAM yang ditindaklanjuti,Rekomendasi,naik,10,langsung,12,0,2
"""
KOMPONEN = """\
indikator_id,peran,label,nilai,sumber
IKU-1.1,pembilang,aduan yang berulang,30,Aplikasi pengaduan
IKU-1.1,penyebut,aduan yang ditangani,200,Aplikasi pengaduan
"""
TARGET_RENSTRA = """\
kode,tahun,target,sumber
aduan-berulang-persen,2025,20,Renstra Kementerian HAM 2025-2029
aduan-berulang-persen,2026,18,Renstra Kementerian HAM 2025-2029
aduan-berulang-persen,2027,16,Renstra Kementerian HAM 2025-2029
aduan-berulang-persen,2028,14,Renstra Kementerian HAM 2025-2029
aduan-berulang-persen,2029,12,Renstra Kementerian HAM 2025-2029
indeks-ham,2025,3.2,Renstra Kementerian HAM 2025-2029
indeks-ham,2027,3.4,Renstra Kementerian HAM 2025-2029
indeks-ham,2029,3.6,Renstra Kementerian HAM 2025-2029
rekomendasi-kebijakan-ham,2025,10,Renstra Kementerian HAM 2025-2029
rekomendasi-kebijakan-ham,2029,25,Renstra Kementerian HAM 2025-2029
"""
RUMUS = """\
# Formula kinds of the Renstra 2025-2029 beyond rasio, rerata and langsung
indeks:
  dasar: langsung          # the index is read as the survey gives it
  desimal: 2
  desimal_capaian: 2
  keterangan: Indeks HAM hasil survei, skala 1-5
"""


def kementerian_ham_2025(project):
    """The 2025 scenario written into a copy of the project: new-year, then data files only."""
    period = project / "data/renstra/2025-2029"
    period.mkdir(parents=True)
    (period / "target.csv").write_text(TARGET_RENSTRA, encoding="utf-8")
    (period / "rumus.yaml").write_text(RUMUS, encoding="utf-8")
    for name in ("renstra.md", "pk_pernyataan.md"):  # the period's own prose (here: the old period's form)
        text = (project / "data/renstra/2020-2024" / name).read_text(encoding="utf-8")
        (period / name).write_text(text.replace("2020-2024", "2025-2029"), encoding="utf-8")
    proc = run_lkjip(project, "new-year", "2025", check=True)
    assert "2025-2029" in proc.stdout
    y = project / "data/2025"
    (y / "organisasi.yaml").write_text(ORGANISASI, encoding="utf-8")
    (y / "sasaran.csv").write_text(SASARAN, encoding="utf-8")
    (y / "indikator.csv").write_text(INDIKATOR, encoding="utf-8")
    (y / "komponen.csv").write_text(KOMPONEN, encoding="utf-8")
    # new-year scaffolded the quarters of 2024's indicators; this annual report has none yet
    (y / "triwulan.csv").unlink(missing_ok=True)
    return y


def test_kementerian_ham_2025_from_data_figures(project):
    from lkjip.core.rumus import rumus_latex
    from lkjip.laporan.konteks import Laporan

    kementerian_ham_2025(project)
    proc = run_lkjip(project, "check", "--year", "2025")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lap = Laporan(2025, project)
    assert lap.org.kementerian is None and lap.org.adalah_kementerian
    assert lap.org.nama_sampul == ("Kementerian Hak Asasi Manusia",)
    assert lap.context()["kementerian"] == "Kementerian Hak Asasi Manusia"
    h = lap.hasil
    # lower is better: 30 / 200 = 15%, capaian (2 x 20 - 15) / 20 = 125%
    assert (h["IKU-1.1"].realisasi, h["IKU-1.1"].capaian) == (Decimal("15.00"), Decimal("125.00"))
    assert r"\frac{2 \times 20\% - 15{,}00\%}{20\%} \times 100\% = 125{,}00\%" in rumus_latex(h["IKU-1.1"])
    # the index: a kind declared in data/renstra/2025-2029/rumus.yaml, its decimals from there
    ind = h["IKU-1.2"].indikator
    assert (ind.rumus, ind.rumus_dasar, ind.desimal) == ("indeks", "langsung", 2)
    assert h["IKU-1.2"].capaian == Decimal("107.81")
    assert lap.context()["ind"]["IKU-1.2"].realisasi == "3,45 Indeks"
    assert h["IKU-1.3"].capaian == Decimal("120.00")

    jm = lap.pembanding.jangka_menengah("aduan-berulang-persen")
    assert [n.tahun for n in jm.semua] == [2025, 2026, 2027, 2028, 2029]
    assert jm.target_akhir == Decimal(12) and jm.akhir == 2029
    bab = lap.bab3()
    s = bab.sasaran("SS-1")
    t = bab.tabel_jangka_menengah(s)
    assert t.kolom == ["Indikator", "Target 2025", "Realisasi 2025", "Target 2026", "Target 2027", "Target 2028",
                       "Target 2029 (akhir Renstra)"]
    assert t.baris[0][1:] == ["20%", "15,00%", "18%", "16%", "14%", "12%"]
    assert t.baris[1][1:] == ["3,2 Indeks", "3,45 Indeks", "-", "3,4 Indeks", "-", "3,6 Indeks"]
    assert t.baris[2][1:] == ["10 Rekomendasi", "12 Rekomendasi", "-", "-", "-", "25 Rekomendasi"]
    # the previous year's report was Ditjen HAM's (data/2024/organisasi.yaml), not this year's unit
    assert bab.tabel_tahun_sebelumnya(s).sumber.startswith("Laporan Kinerja Ditjen HAM Tahun 2024")


def test_kementerian_null_for_a_unit_inside_a_ministry_says_what_to_write(project):
    org = project / "data/2024/organisasi.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace(
        "kementerian: Kementerian Hukum dan Hak Asasi Manusia", "kementerian: null"), encoding="utf-8")
    proc = run_lkjip(project, "check", "--year", "2024")
    assert proc.returncode != 0
    line = next(ln for ln in proc.stdout.splitlines() + proc.stderr.splitlines() if "kementerian" in ln)
    baris = next(n for n, ln in enumerate(org.read_text(encoding="utf-8").splitlines(), 1)
                 if ln.startswith("kementerian:"))
    assert "data/2024/organisasi.yaml" in line and f"baris {baris}," in line
    assert "wajib diisi: nama kementerian tempat unit ini berada" in line
    assert "Input should" not in proc.stdout + proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.lambat
def test_kementerian_ham_2025_builds_and_reads_as_a_reader_would(project):
    kementerian_ham_2025(project)
    proc = run_lkjip(project, "build", "--year", "2025", "--no-pdf")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    html = project / "build/2025/html"
    cover = page_text(html / "index.html")
    # the unit is the ministry: its name once under the title, no ministry line repeating it
    assert "Laporan Kinerja Kementerian Hak Asasi Manusia Tahun 2025 # Laporan Kinerja Instansi Pemerintah (LKjIP) " \
           "Kementerian Hak Asasi Manusia tahun anggaran 2025." in cover, cover
    assert "Kementerian Hak Asasi Manusia Kementerian Hak Asasi Manusia" not in cover
    assert "Kementerian Hukum" not in cover

    page = page_text(html / "bab3_sasaran_ss-1.html")
    sec3 = page[page.index("Target Jangka Menengah"):]
    tabel = next(t for t in tables((html / "bab3_sasaran_ss-1.html").read_text(encoding="utf-8"))
                 if "Target 2029 (akhir Renstra)" in t)
    for teks in ("Target 2025", "Realisasi 2025", "Target 2026", "Target 2028",
                 "Persentase aduan pelanggaran HAM yang berulang 20% 15,00% 18% 16% 14% 12%",
                 "Indeks Hak Asasi Manusia 3,2 Indeks 3,45 Indeks - 3,4 Indeks - 3,6 Indeks",
                 "10 Rekomendasi 12 Rekomendasi - - - 25 Rekomendasi"):
        assert teks in tabel, (teks, tabel)
    assert "Renstra Kementerian Hak Asasi Manusia 2025-2029" in sec3
    # formulas as a reader sees them: lower is better is (2 x target - realisasi) / target
    # the formulas as a reader's browser has them (MathML written at build: fraction parts in order)
    assert "capaian = 2 × 20 % − 15,00 % 20 % × 100 % = 125,00 %" in page
    assert "3,45 Indeks 3,2 target Indeks × 100 % = 107,81 %" in page
    # never 15 / 20 for a turun: every "15,00 % over 20 %" is the SAKIP form's numerator
    assert page.count("15,00 % 20 % × 100 %") == page.count("2 × 20 % − 15,00 % 20 % × 100 %")
    assert "Laporan Kinerja Ditjen HAM Tahun 2024" in page
    assert "Laporan Kinerja Kementerian HAM Tahun 2024" not in page
    for bad in ("NaN", "None", "Traceback"):
        assert bad not in page
    assert re.search(r"Sasaran Strategis Kementerian HAM", page)
