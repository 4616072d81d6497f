"""Formula kinds declared in data (data/rumus.yaml): used by indikator.csv's `rumus`, their
decimals the default of the indicator's; a kind neither built in nor declared, or declared
wrongly, is an Indonesian message naming the file, row and column."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import run_lkjip
from lkjip.core.compute import hasil
from lkjip.data.pk import load_year
from lkjip.errors import DataValidationError

BARIS_IKK_10 = "IKK-10.1,SK-10,1,rekomendasi-wilayah,Tersedianya rekomendasi Pelindungan dan Pemenuhan Hak Asasi Manusia Di Wilayah,Rekomendasi,naik,99,langsung,188,0,2"


def _ganti(project, baris):
    p = project / "data/2023/indikator.csv"
    text = p.read_text(encoding="utf-8")
    assert BARIS_IKK_10 in text
    p.write_text(text.replace(BARIS_IKK_10, baris), encoding="utf-8")


def test_a_declared_kind_computes_its_way_with_its_decimals(project):
    (project / "data/rumus.yaml").write_text(
        "skor:\n  dasar: langsung\n  desimal: 2\n  desimal_capaian: 1\n", encoding="utf-8")
    _ganti(project, "IKK-10.1,SK-10,1,rekomendasi-wilayah,Skor rekomendasi HAM di wilayah,Skor,naik,3.5,skor,3.8,,")
    ind = next(i for i in load_year(2023, project).indikator if i.id == "IKK-10.1")
    assert (ind.rumus, ind.rumus_dasar, ind.desimal, ind.desimal_capaian) == ("skor", "langsung", 2, 1)
    assert hasil(ind).capaian == Decimal("108.6")


def test_an_unknown_kind_names_the_cell_and_the_kinds(project):
    _ganti(project, BARIS_IKK_10.replace(",langsung,", ",indeks,"))
    with pytest.raises(DataValidationError) as e:
        load_year(2023, project)
    (p,) = [p for p in e.value.problems if p.column == "rumus"]
    assert (p.file, p.row, p.value) == ("data/2023/indikator.csv", 18, "indeks")
    assert "harus salah satu dari: rasio, rerata, langsung" in p.expected and "data/rumus.yaml" in p.expected


def test_a_kind_declared_wrongly_is_named(project):
    (project / "data/rumus.yaml").write_text("indeks:\n  dasar: survei\n", encoding="utf-8")
    proc = run_lkjip(project, "check", "--year", "2023")
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "data/rumus.yaml, baris 2, kolom 'indeks.dasar'" in out
    assert "harus salah satu dari: rasio, rerata, langsung" in out and "Traceback" not in out


def test_empty_decimals_without_a_kind_giving_them_is_named(project):
    _ganti(project, BARIS_IKK_10.replace(",188,0,2", ",188,,2"))
    with pytest.raises(DataValidationError) as e:
        load_year(2023, project)
    (p,) = e.value.problems
    assert (p.row, p.column) == (18, "desimal") and p.expected.startswith("wajib diisi")
