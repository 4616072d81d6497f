"""The consistency audit: every figure the 2023 source states, recomputed from data,
finds the source's own contradictions, and `lkjip check` reports them as warnings."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from conftest import run_lkjip
from conftest import html_text
from lkjip.check.audit import audit, baca_dinyatakan
from lkjip.data.pk import load_year


@pytest.fixture(scope="module")
def audit_2023(root):
    result, problems = audit(load_year(2023, root), root)
    assert problems == []
    return result


def _found(result, besaran, tertulis, dihitung, lokasi_part):
    return [s for s in result.selisih
            if s.besaran == besaran and s.tertulis == Decimal(tertulis) and s.dihitung == Decimal(dihitung)
            and lokasi_part in s.lokasi]


@pytest.mark.parametrize("besaran,tertulis,dihitung,lokasi", [
    # typed differently in two places: 123,4 in Tabel III.4 and III.6, 123,04 elsewhere
    ("capaian:IKSS-1.1", "123.4", "123.04", "Tabel III.4"),
    ("capaian:IKSS-1.1", "123.4", "123.04", "Tabel III.6"),
    # a formula whose inputs do not give its result: (89,39+92,65+94,81)/3 printed 92,62
    ("realisasi:IKSS-1.1", "92.62", "92.28", "Formulasi perhitungan IKSS-1.1"),
    # Tabel III.3 prints the P2HAM numerator as 71 (715 everywhere else)
    ("komponen:IKK-1.1:instansi yang menindaklanjuti", "71", "715", "Tabel III.3"),
    # 184/288 = 63,89% printed cut off as 63,8%, and the capaian from it
    ("realisasi:IKP-1.2", "63.8", "63.9", "Ikhtisar Eksekutif"),
    ("realisasi:IKP-1.2", "63.8", "63.9", "Bab IV.1"),
    ("capaian:IKP-1.2", "127.6", "127.8", "Tabel III.8"),
    ("realisasi:IKK-7.1", "63.8", "63.9", "Tabel III.31"),
    # truncated instead of rounded: 76,44/45 = 169,866..; 188/99 = 189,898..
    ("capaian:IKSS-1.2", "169.86", "169.87", "Tabel III.1"),
    ("capaian:IKK-10.1", "189.89", "189.90", "Tabel III.40"),
    # 2022 history: 69,94/40 = 174,85 printed 174,8
    ("riwayat:aksi-ham-daerah:2022:capaian", "174.8", "174.85", "Tabel III.6"),
    # Tabel III.50 gives 75% as the RANHAM target; the PK 2023 target is 70%
    ("target:IKK-4.1", "75", "70", "Tabel III.50"),
])
def test_audit_finds_source_contradictions(audit_2023, besaran, tertulis, dihitung, lokasi):
    assert _found(audit_2023, besaran, tertulis, dihitung, lokasi), (besaran, lokasi)


def test_audit_compares_at_printed_precision(audit_2023):
    """92,28 printed where 92,2833.. is computed agrees; 63,8 where 63,89 is computed does not;
    203 printed for 202,5 agrees (rounded to a whole number)."""
    stated, _ = baca_dinyatakan(2023)
    disagree = {s.pernyataan.baris for s in audit_2023.selisih}
    agree = [p for p in stated if p.baris not in disagree]
    assert any(p.besaran == "realisasi:IKSS-1.1" and p.tertulis == Decimal("92.28") for p in agree)
    assert any(p.besaran == "riwayat:kkp-ham-persen:2022:capaian" and p.tertulis == Decimal("203") for p in agree)
    assert any(p.besaran == "komponen:IKSS-1.2:B08" and str(p.tertulis) == "73.90" for p in agree)
    assert audit_2023.diperiksa == len(stated) >= 645
    # the budget totals of the PK add up
    assert not [s for s in audit_2023.selisih if s.besaran.startswith("anggaran_pk_total:")]
    # every disagreement but the ones above is one of these indicators' figures
    assert {s.besaran.split(":")[1] for s in audit_2023.selisih} <= {
        "IKSS-1.1", "IKSS-1.2", "IKP-1.2", "IKK-7.1", "IKK-10.1", "IKK-1.1", "IKK-4.1", "aksi-ham-daerah",
        "ranham-persen", "pemda-aksi-ham", "kkp-ham-jumlah", "p2ham-jumlah", "bab3/tabel/yankomas_locus.csv"}


def _append(path, line):
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + line + "\n", encoding="utf-8")


def test_sum_of_a_column(project):
    """`jumlah:<file>:<column>`: the sum of a column of any CSV of the year, here the PK
    budget (Rp 50.612.239.000 = 18.123.254.000 + 32.488.985.000)."""
    stated = project / "data/2023/dinyatakan.csv"
    _append(stated, "Lampiran PK 2023 jumlah anggaran,jumlah:anggaran_pk.csv:anggaran,50612239000,")
    _append(stated, "Uji: jumlah salah,jumlah:anggaran_pk.csv:anggaran,50612239,")
    result, problems = audit(load_year(2023, project), project)
    assert problems == []
    sums = [s for s in result.selisih if s.besaran == "jumlah:anggaran_pk.csv:anggaran"]
    assert [(s.tertulis, s.dihitung) for s in sums] == [(Decimal("50612239"), Decimal("50612239000"))]
    assert sums[0].lokasi == "Uji: jumlah salah"


def test_sum_reports_text_in_summed_column(project):
    (project / "data/2023/tambahan.csv").write_text("provinsi,jumlah\nAceh,6\nBali,enam\nJambi,\n", encoding="utf-8")
    _append(project / "data/2023/dinyatakan.csv", "Tabel X baris TOTAL,jumlah:tambahan.csv:jumlah,12,")
    _, problems = audit(load_year(2023, project), project)
    assert [(p.file, p.row, p.column, p.value) for p in problems] == [("data/2023/tambahan.csv", 3, "jumlah", "enam")]


def test_sum_outside_the_year_folder_is_refused(project):
    _append(project / "data/2023/dinyatakan.csv", "x,jumlah:../riwayat.csv:target,1,")
    _, problems = audit(load_year(2023, project), project)
    assert len(problems) == 1 and problems[0].column == "besaran" and "di dalam data/2023" in problems[0].expected


def test_check_2023_reports_disagreements_and_writes_quality_log(project):
    proc = run_lkjip(project, "check", "--year", "2023")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Traceback" not in out + proc.stderr
    assert re.search(r"\d+ angka tertulis diperiksa, \d+ cocok, \d+ berbeda", out)
    line = next(ln for ln in out.splitlines() if "PERINGATAN capaian:IKSS-1.1" in ln)
    assert "tertulis 123,4" in line and "dihitung 123,04" in line and "Tabel III.4" in line and "Tabel III.6" in line
    line = next(ln for ln in out.splitlines() if "PERINGATAN komponen:IKK-1.1" in ln)
    assert "tertulis 71," in line and "dihitung 715" in line
    qa = project / "build" / "2023" / "qa.html"
    page = qa.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="id">' in page
    text = html_text(page)
    assert "Log mutu data: Laporan Kinerja tahun 2023" in text
    assert "Formulasi perhitungan IKSS-1.1 (setelah Tabel III.4) hasil realisasi:IKSS-1.1 92,62 92,28" in text
    assert "Tabel III.8 baris yankomas-persen kolom Realisasi realisasi:IKP-1.2 63,8 63,9" in text
    # the quality log is the same for the same data (no clock time in it)
    first = qa.read_bytes()
    run_lkjip(project, "check", "--year", "2023", check=True)
    assert qa.read_bytes() == first
    # check does not invent a site: the landing page only lists built years
    assert not (project / "build" / "2023" / "html").exists()


def test_quality_log_escapes_text_from_data(project):
    _append(project / "data/2023/dinyatakan.csv", 'Tabel <script>alert(1)</script>,target:IKK-4.1,71,"<b>x</b>"')
    run_lkjip(project, "check", "--year", "2023", check=True)
    page = (project / "build" / "2023" / "qa.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<b>x" not in page
    assert "Tabel &lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_audit_finds_complaint_table_total(audit_2023, root):
    """Tabel III.9 prints TOTAL JUMLAH TANGGAPAN 184; its province rows add up to 190
    (the supporting table, once its CSV is part of the data)."""
    if not (root / "data/2023/bab3/tabel/yankomas_locus.csv").is_file():
        pytest.skip("Tabel III.9 is not in the data yet")
    found = [s for s in audit_2023.selisih if s.besaran.endswith("yankomas_locus.csv:jumlah_tanggapan")]
    assert [(s.tertulis, s.dihitung) for s in found] == [(Decimal(184), Decimal(190))]
