"""No figure typed by hand in the prose: `lkjip check` finds every number written into a
narrative file instead of coming from data, and the 2023 and 2024 prose has none."""
from __future__ import annotations

import pytest

from lkjip.check.angka_narasi import cari
from lkjip.check.periksa import periksa

from conftest import run_lkjip


@pytest.mark.parametrize("year", [2023, 2024])
def test_the_prose_of_the_real_data_types_no_figure(root, year):
    hasil = periksa(year, root)
    assert hasil.valid, hasil.masalah
    assert hasil.narasi, "no narrative file was checked"
    assert hasil.angka_diketik == [], "\n".join(map(str, hasil.angka_diketik))


@pytest.mark.parametrize("teks", [
    "Permenkumham Nomor 22 Tahun 2021 tentang KKP HAM",
    "Peraturan Presiden No. 60 Tahun 2023 tentang Strategi Nasional Bisnis dan HAM",
    "Peraturan Bersama Menkumham dan Mendagri nomor 20 dan 77 Tahun 2021",
    "Kepmenkumham Nomor M.HH-03.HA.02.01.01 Tahun 2023 tentang Penetapan",
    "yaitu Permenkumham 24/2017 tentang pedoman",
    "Bab IX Pasal 290",
    "pada tanggal 6 Juni 2023 yang ditujukan",
    "di Jenewa, pada tanggal 27-29 November 2023",
    "pada tanggal 24 s.d. 30 Agustus 2023",
    "Pada bulan Januari-Desember 2023",
    "Surat Rekomendasi Nomor HAM-HA.01.04-21",
    "pelayanan publik berbasis HAM (P2HAM) pada periode B04",
    "akibat pandemi Covid-19",
    "dari tahun 2020 sampai dengan 2021",
    "RPJMN ke-3, *The 12th United Nations Forum*",
    "1. Perumusan kebijakan\n- 2). Panitia Nasional\n**3. Layanan",
    "sebanyak {{ ind['IKK-2.1'].pembilang }} layanan {# 17 #}",
])
def test_what_is_not_a_figure_passes(teks):
    assert cari(teks, 2023) == []


@pytest.mark.parametrize("teks, angka", [
    ("sudah terlaksana 12 bulan pelayanan informasi HAM", "12"),
    ("terdapat 240 UPT dan {{ fakta.p2ham_predikat_pusat }} Unit Kerja Pusat", "240"),
    ("target yang ditetapkan adalah 100%, dengan realisasi", "100"),
    ("realisasi sebesar 63,8% dari 1.046 laporan", "63,8"),
    ("dari tahun 2021 sampai dengan 2023 targetnya selalu tercapai", "2023"),  # the report's own year
])
def test_a_typed_figure_is_found(teks, angka):
    found = cari(teks, 2023)
    assert angka in [a for _, a, _ in found]


def test_an_allowed_phrase_needs_its_entry(root):
    teks = "melalui aplikasi SIMAS HAM 2.0 dan Prisma 2.0"
    assert [a for _, a, _ in cari(teks, 2023)] == ["2.0", "2.0"]
    assert cari(teks, 2023, ["HAM 2.0", "Prisma 2.0"]) == []


@pytest.mark.lambat
def test_check_names_file_line_and_number_and_logs_it(project):
    f = project / "data" / "2023" / "bab3" / "SK-2" / "1_target_realisasi.md"
    lines = f.read_text(encoding="utf-8").splitlines()
    lines[2] = "Kegiatan ini melayani 1.234 pengunjung."
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run_lkjip(project, "check", "--year", "2023")
    assert proc.returncode == 0, proc.stdout + proc.stderr  # a warning, not an error
    assert "PERINGATAN data/2023/bab3/SK-2/1_target_realisasi.md baris 3: angka '1.234'" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr
    qa = (project / "build" / "2023" / "qa.html").read_text(encoding="utf-8")
    assert "Angka yang diketik di narasi" in qa and "1.234" in qa


def test_an_allowed_phrase_without_reason_is_an_error(project):
    (project / "data" / "2023" / "angka_tetap.yaml").write_text('- istilah: "HAM 2.0"\n', encoding="utf-8")
    proc = run_lkjip(project, "check", "--year", "2023")
    assert proc.returncode != 0
    assert "data/2023/angka_tetap.yaml" in proc.stdout + proc.stderr
    assert "alasan" in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr


def test_a_fact_the_data_does_not_declare_is_an_unknown_placeholder(project):
    f = project / "data" / "2023" / "narasi" / "umum" / "bab4_saran.md"
    f.write_text(f.read_text(encoding="utf-8") + "\nSebanyak {{ fakta.tidak_ada }} orang.\n", encoding="utf-8")
    proc = run_lkjip(project, "check", "--year", "2023")
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "data/2023/narasi/umum/bab4_saran.md" in out and "tidak_ada" in out
    assert "Traceback" not in out


def test_a_sum_over_a_text_column_names_file_row_and_column(project):
    f = project / "data" / "2023" / "bab3" / "SK-7" / "1_target_realisasi.md"
    f.write_text(f.read_text(encoding="utf-8") + "\nJumlah: {{ jumlah('yankomas-locus', 'provinsi') }}.\n",
                 encoding="utf-8")
    proc = run_lkjip(project, "check", "--year", "2023")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Traceback" not in out
    assert "data/2023/bab3/tabel/yankomas_locus.csv, baris 2, kolom 'provinsi'" in out, out


def test_supporting_tables_saved_with_a_bom_are_read(project):
    """Excel's "CSV UTF-8" starts the file with a byte-order mark."""
    f = project / "data" / "2023" / "bab3" / "tabel" / "yankomas_locus.csv"
    f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes())
    proc = run_lkjip(project, "check", "--year", "2023")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    from lkjip.laporan.konteks import Laporan

    header, rows = Laporan(2023, project).bab3().lampiran.csv("tabel/yankomas_locus.csv")
    assert header[0] == "provinsi" and rows[0]["provinsi"] == "Aceh"
