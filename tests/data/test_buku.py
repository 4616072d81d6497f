"""The book plan (data/<tahun>/buku.yaml): numbers computed from its order, parts it leaves out
absent with the numbers after them closing up, and its errors naming the file and the key."""
from __future__ import annotations

import pytest

from conftest import edit
from lkjip.data.buku import baca_buku
from lkjip.data.pk import load_year
from lkjip.errors import DataValidationError


def test_2023_plan_numbers_the_headings_of_the_2023_report(root):
    b = baca_buku(2023, root)
    assert b.cari("bab1_pendahuluan").judul == "BAB I PENDAHULUAN"
    assert b.cari("bab1_pendahuluan").cari("isu_strategis").judul == "I.5. Isu Strategis"
    assert b.cari("bab3_kinerja_anggaran").judul == "III.3. Capaian Kinerja Anggaran"
    assert [x.judul for x in b.cari("bab3_kinerja_anggaran").bagian] == [
        "1. Nilai Kinerja pada Aplikasi SMART DJA", "2. Nilai Indikator Kinerja Pelaksanaan Anggaran (IKPA)"]
    assert b.cari("bab3_kinerja_lainnya").cari("capaian_lainnya").berikut == 4  # items 4-8 after Tarja, e-Monev, PN
    assert b.cari("bab4_penutup").judul == "BAB IV PENUTUP"
    assert b.cari("lampiran").cari("pk_berikut").judul == "Perjanjian Kinerja Tahun yang Akan Datang"


def test_a_part_left_out_closes_up_the_numbers(project):
    plan = project / "data" / "2023" / "buku.yaml"
    edit(plan, "      - {kunci: smart_dja, judul: Nilai Kinerja pada Aplikasi SMART DJA}\n", "")
    edit(plan, "      - {kunci: prioritas_nasional, judul: Kegiatan Prioritas Nasional}\n", "")
    edit(plan, "          - {kunci: pengaduan_hak_dasar}", "")
    edit(plan, "  - berkas: bab2_perencanaan\n    bab: PERENCANAAN KINERJA\n", "  - berkas: bab2_perencanaan\n    judul: Perencanaan\n")
    b = baca_buku(2023, project)
    assert b.cari("bab3_akuntabilitas").judul == "BAB II AKUNTABILITAS KINERJA"
    assert b.cari("bab3_kinerja_anggaran").judul == "II.3. Capaian Kinerja Anggaran"
    assert [x.judul for x in b.cari("bab3_kinerja_anggaran").bagian] == [
        "1. Nilai Indikator Kinerja Pelaksanaan Anggaran (IKPA)"]
    assert b.cari("bab3_kinerja_lainnya").cari("capaian_lainnya").berikut == 3

    from lkjip.laporan.bab_umum import Bab

    bab = Bab(2023, project)
    n = bab.nomor()
    assert "tabel-prioritas-nasional" not in n and "grafik-pengaduan-hak-dasar" not in n
    assert n["grafik-pengaduan-tematik"] == "I.1"
    assert n["tabel-realisasi-anggaran"] == "II.49"
    assert n["gambar-emonev-workshop"] == "II.4" and n["gambar-struktur-organisasi"] == "I.1"
    assert bab.capaian_lainnya()[0].text.startswith("**3. Kick Off Penanganan")
    # Bab III.1's tables take the chapter's number from the plan too
    assert bab.lap.bab3().nomor[("ringkasan", "tabel", "strategis")] == "II.1"


def test_a_picture_of_a_part_left_out_gets_no_number(project):
    edit(project / "data" / "2023" / "buku.yaml", "{kunci: emonev, judul: E-Monev Bappenas, gambar: [emonev-workshop]}",
         "{kunci: emonev, judul: E-Monev Bappenas}")
    from lkjip.laporan.bab_umum import Bab

    n = Bab(2023, project).nomor()
    assert "gambar-emonev-workshop" not in n
    assert n["gambar-kick-off-phb"] == "III.4" and n["gambar-pelatihan-mediator"] == "III.8"


def test_an_analysis_left_out_numbers_no_table(project):
    from lkjip.laporan.konteks import Laporan

    before = Laporan(2023, project).bab3().nomor
    edit(project / "data" / "2023" / "buku.yaml", "      - {kunci: target_realisasi, judul: \"Perbandingan Target dan "
         "Realisasi Kinerja Tahun {{ tahun }}\"}\n", "")
    after = Laporan(2023, project).bab3().nomor
    assert ("SS-1", "tabel", "capaian") in before and ("SS-1", "tabel", "capaian") not in after
    assert len(after) < len(before)


def test_a_page_left_out_leaves_the_toc_and_the_jobs(project):
    from lkjip.build.pipeline import year_toc

    edit(project / "data" / "2023" / "buku.yaml", "  - berkas: bab3_kinerja_lainnya\n    subbab: Capaian Kinerja Lainnya\n",
         "  - berkas: tidak_ada\n    subbab: Capaian Kinerja Lainnya\n")
    with pytest.raises(DataValidationError) as e:
        year_toc(project, load_year(2023, project))
    p = e.value.problems[0]
    assert p.file == "data/2023/buku.yaml" and p.column == "halaman[9].berkas" and p.value == "tidak_ada"
    assert "_toc.yml" in str(p)
    plan = project / "data" / "2023" / "buku.yaml"
    text = plan.read_text(encoding="utf-8")
    start = text.index("  - berkas: tidak_ada")
    plan.write_text(text[:start] + text[text.index("  - berkas: bab4_penutup"):], encoding="utf-8")
    toc, jobs = year_toc(project, load_year(2023, project))
    assert "bab3_kinerja_lainnya" not in {j.page for j in jobs}
    assert "bab3_kinerja_lainnya" not in str(toc)
    assert dict(next(j for j in jobs if j.page == "bab4_penutup").bagian)[""] == "# BAB IV PENUTUP"


def test_a_page_left_out_of_toc_leaves_the_book_and_the_numbers_close_up(project):
    """_toc.yml cut to fewer pages (as the preview tests and the bench do): the plan keeps only
    what the table of contents has, numbered in order."""
    from lkjip.build.pipeline import year_toc

    toc = project / "_toc.yml"
    edit(toc, "  - file: bab2_perencanaan\n", "")
    edit(toc, "      - file: bab3_kinerja_anggaran\n", "")
    b = baca_buku(2023, project)
    assert not b.ada("bab2_perencanaan")
    assert b.cari("bab3_akuntabilitas").judul == "BAB II AKUNTABILITAS KINERJA"
    assert b.cari("bab3_kinerja_lainnya").judul == "II.3. Capaian Kinerja Lainnya"
    _, jobs = year_toc(project, load_year(2023, project))
    assert "bab2_perencanaan" not in {j.page for j in jobs}


@pytest.mark.parametrize("old,new,key,words", [
    ("    bab: PENUTUP\n", "    bab: PENUTUP\n    bab: LAGI\n", None, "ditulis dua kali"),
    ("    bab: PENUTUP\n", "    bab: PENUTUP\n    nomor: 4\n", "halaman[10].nomor", "kunci halaman yang dikenal"),
    ("      - {kunci: saran, judul: Saran}\n", "      - {kunci: saran, judul: Saran}\n      - {kunci: saran}\n",
     "halaman[10].bagian[3].kunci", "unik"),
    ("  - berkas: kata_pengantar\n    judul: Kata Pengantar\n",
     "  - berkas: kata_pengantar\n    subbab: Kata Pengantar\n", "halaman[1].subbab", "sesudah halaman bab"),
    ("      - {kunci: saran, judul: Saran}\n", "      - {judul: Saran}\n", "halaman[10].bagian[2].kunci", "kunci bagian"),
])
def test_plan_errors_name_the_file_and_the_key(project, old, new, key, words):
    edit(project / "data" / "2023" / "buku.yaml", old, new)
    with pytest.raises(DataValidationError) as e:
        baca_buku(2023, project)
    p = e.value.problems[0]
    assert p.file == "data/2023/buku.yaml" and words in str(p)
    if key:
        assert p.column == key


def test_a_year_without_its_own_plan_uses_the_template(root):
    assert baca_buku(2024, root).berkas == "data/templat/buku.yaml"


def test_check_refuses_a_broken_plan(project):
    from conftest import run_lkjip

    edit(project / "data" / "2023" / "buku.yaml", "    bab: PENUTUP\n", "    bab: PENUTUP\n    subbab: Penutup\n")
    proc = run_lkjip(project, "check", "--year", "2023")
    assert proc.returncode != 0
    assert "data/2023/buku.yaml" in proc.stdout + proc.stderr and "halaman[10].subbab" in proc.stdout + proc.stderr
