"""Built books follow the book plan: a part or a page the plan leaves out is absent from the
site and the lists, and a second, invented unit builds its report (annual and a quarter) with
nothing of Ditjen HAM."""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, copy_project, edit, notebook_text, page_text, pdf_text, run_lkjip

KHUSUS = ("Ditjen HAM", "Kementerian Hukum dan HAM", "Yankomas", "SMART DJA")


def _site_text(html):
    return {p.relative_to(html).as_posix(): page_text(p) for p in sorted(html.rglob("*.html"))}


@pytest.mark.lambat
def test_a_second_unit_builds_its_report_with_nothing_of_ditjen_ham(tmp_path):
    project = _unit_kedua(tmp_path)
    run_lkjip(project, "build", "--year", "2025", check=True)  # site and PDF
    html = project / "build" / "2025" / "html"
    texts = _site_text(html)
    semua = " ".join(texts.values())
    pdf = pdf_text(project / "build" / "2025" / "lkjip-2025.pdf")
    for k in KHUSUS:
        assert k not in semua, [p for p, t in texts.items() if k in t]
        assert k not in pdf
    assert "Pusat Data dan Informasi Perikanan" in pdf and "BAB III AKUNTABILITAS KINERJA" in pdf
    assert "BAB III AKUNTABILITAS KINERJA" in semua and "III.1. Capaian Kinerja Organisasi" in semua
    assert "Sasaran Program Pusdatin Perikanan" in semua  # the unit's own short name
    # the plan leaves Bab III.2-III.4 out: no page, no heading
    assert not any(p.startswith("bab3_kinerja") or p.startswith("bab3_realisasi") for p in texts)
    assert "III.2. Realisasi Anggaran" not in semua and "Capaian Kinerja Lainnya" not in semua
    assert "I.2. Tugas dan Fungsi" in texts["bab1_pendahuluan.html"]
    # the analyses the plan keeps, numbered in its order
    sasaran = texts["bab3_sasaran_sp-1.html"]
    assert "2. Perbandingan Realisasi Kinerja dengan Target Jangka Menengah" in sasaran
    assert "Tahun Sebelumnya" not in sasaran

    # and its first quarter, from its own triwulan.csv (tests/unit_kedua/data/2025)
    run_lkjip(project, "build", "--year", "2025", "--periode", "tw1", "--no-pdf", check=True)
    texts = _site_text(project / "build" / "2025-tw1" / "html")
    semua = " ".join(texts.values())
    for k in KHUSUS:
        assert k not in semua, [p for p, t in texts.items() if k in t]
    assert "Laporan Kinerja Pusdatin Perikanan Triwulan I Tahun 2025" in semua or \
        "Triwulan I Tahun 2025" in texts["index.html"]
    # IKP-1.2: 11 dataset by March against 10 for the quarter and 40 for the year
    sp1 = texts["bab3_sasaran_sp-1.html"]
    assert "110,00%" in sp1 and "27,50%" in sp1 and "s.d. Maret 2025" in semua


def _unit_kedua(tmp_path):
    project = copy_project(tmp_path / "unit")
    shutil.rmtree(project / "data")
    shutil.copytree(ROOT / "tests" / "unit_kedua" / "data", project / "data")
    shutil.copytree(ROOT / "data" / "templat" / "bab3", project / "data" / "templat" / "bab3")  # generic prose
    return project


@pytest.mark.lambat
def test_a_page_and_a_part_left_out_after_a_build_leave_the_site(tmp_path):
    project = _unit_kedua(tmp_path)
    run_lkjip(project, "build", "--year", "2025", "--no-pdf", check=True)
    html = project / "build" / "2025" / "html"
    assert (html / "bab4_penutup.html").is_file()
    assert "I.2. Tugas dan Fungsi" in page_text(html / "bab1_pendahuluan.html")
    plan = project / "data" / "templat" / "buku.yaml"
    edit(plan, "  - berkas: bab4_penutup\n    bab: PENUTUP\n    bagian:\n      - {kunci: kesimpulan, judul: Kesimpulan}\n", "")
    edit(plan, "      - {kunci: latar_belakang, judul: Latar Belakang}\n", "")
    run_lkjip(project, "build", "--year", "2025", "--no-pdf", check=True)  # the persistent book of the first
    assert not (html / "bab4_penutup.html").exists()
    for p in html.rglob("*.html"):
        text = p.read_text(encoding="utf-8")
        assert "bab4_penutup" not in text and "BAB IV" not in text, p.name
    bab1 = page_text(html / "bab1_pendahuluan.html")
    assert "I.1. Tugas dan Fungsi" in bab1 and "Latar Belakang" not in bab1


@pytest.mark.lambat
def test_a_part_left_out_is_not_run_and_leaves_the_page(project, tmp_path):
    from lkjip.build.execute import execute_job
    from lkjip.build.pipeline import plan
    from lkjip.data.pk import load_year

    edit(project / "data" / "2023" / "buku.yaml",
         "      - {kunci: smart_dja, judul: Nilai Kinerja pada Aplikasi SMART DJA}\n", "")
    edit(project / "data" / "2023" / "buku.yaml",
         "      - {kunci: emonev, judul: E-Monev Bappenas, gambar: [emonev-workshop]}\n", "")
    jobs = {j.page: j for j in plan(project, load_year(2023, project))}
    book = tmp_path / "book"
    book.mkdir()
    for page in ("bab3_kinerja_anggaran", "bab3_kinerja_lainnya"):
        execute_job(project, jobs[page], book, 2023)
    anggaran = notebook_text(book / "bab3_kinerja_anggaran.ipynb")
    sumber = (book / "bab3_kinerja_anggaran.ipynb").read_text(encoding="utf-8")
    assert "SMART DJA" not in sumber and "95,23" not in anggaran
    assert "## 1. Nilai Indikator Kinerja Pelaksanaan Anggaran (IKPA)" in sumber
    lainnya = (book / "bab3_kinerja_lainnya.ipynb").read_text(encoding="utf-8")
    assert "## 2. Kegiatan Prioritas Nasional" in lainnya and "E-Monev" not in lainnya
    assert "bagian:" not in lainnya  # the plan's tags are the build's business, not the page's
    text = notebook_text(book / "bab3_kinerja_lainnya.ipynb")
    assert "**3. Kick Off Penanganan Pelanggaran HAM Berat**" in text  # the items close up too
    assert "Gambar III.4" in text and "Gambar III.9" not in text  # e-Monev's photo gave its number away
