"""Bad data gives one clear list of problems (file, row, column, value, expected)."""
from lkjip.data.pk import load_year
from lkjip.errors import DataValidationError

import pytest

from conftest import run_lkjip


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_all_problems_reported_in_one_pass(project):
    ind = project / "data/2023/indikator.csv"
    _edit(ind, "IKSS-1.1,SS-1,1,aksi-ham-pusat,Persentase capaian Aksi HAM Pemerintah Pusat memenuhi target,%,naik,75,",
          "IKSS-1.1,SS-1,1,aksi-ham-pusat,Persentase capaian Aksi HAM Pemerintah Pusat memenuhi target,%,naik,tujuh,")
    _edit(ind, "IKK-2.1,SK-2,1,infodok-persen", "IKK-2.1,SK-99,1,infodok-persen")
    with pytest.raises(DataValidationError) as exc:
        load_year(2023, project)
    problems = exc.value.problems
    assert len(problems) == 2
    first = problems[0]
    assert first.file == "data/2023/indikator.csv" and first.row == 2 and first.column == "target"
    assert first.value == "tujuh" and "angka" in first.expected
    second = problems[1]
    assert second.row == 8 and second.column == "sasaran_id" and second.value == "SK-99"


def test_check_command_names_place_without_traceback(project):
    _edit(project / "data/2023/komponen.csv", "IKP-1.1,penyebut,Total Kab/Kota,514", "IKP-1.1,penyebut,Total Kab/Kota,514,5")
    proc = run_lkjip(project, "check", "--year", "2023")
    assert proc.returncode != 0
    assert "data/2023/komponen.csv" in proc.stderr and "baris 9" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_check_valid_year(project):
    proc = run_lkjip(project, "check", "--year", "2023")
    assert proc.returncode == 0, proc.stderr


def test_check_names_place_in_tables_beyond_the_pk(project):
    """Bab III.1's supporting tables (lampiran.yaml) and the budget tables are checked with
    their own rules: a problem is a line with file, row and column, never a traceback."""
    _edit(project / "data/2023/bab3/tabel/yankomas_locus.csv", "Sumatera Utara,46,", "Sumatera Utara,empat,")
    _edit(project / "data/2023/ikpa.csv", "Deviasi Halaman III DIPA,68.04,", "Deviasi Halaman III DIPA,abc,")
    proc = run_lkjip(project, "check", "--year", "2023")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr + proc.stdout
    assert "Data tidak valid: 2 masalah" in proc.stderr
    assert "data/2023/bab3/tabel/yankomas_locus.csv, baris 3, kolom 'proses': nilai 'empat'" in proc.stderr
    assert "dijumlahkan di baris TOTAL tabel 'yankomas-locus'" in proc.stderr
    assert "data/2023/ikpa.csv, baris 3, kolom 'nilai': nilai 'abc'" in proc.stderr
