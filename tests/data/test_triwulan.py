"""data/<tahun>/triwulan.csv (lkjip.data.triwulan): the quarterly figures, read strictly."""
from decimal import Decimal

import pytest

from lkjip.core.compute import realisasi

from lkjip.core.compute import hasil
from lkjip.data import triwulan
from lkjip.data.pk import load_year
from lkjip.errors import DataValidationError


def test_2023_third_quarter_to_date(root):
    d = triwulan.terapkan(load_year(2023, root), 3, root)
    assert d.triwulan == 3
    h = {i.id: hasil(i) for i in d.indikator}
    assert h["IKK-9.1"].realisasi == 288 and d.indikator_by_id("IKK-9.1").target_periode == 82
    assert d.indikator_by_id("IKK-9.1").target == 109  # the year's PK target stays
    assert h["IKP-1.3"].realisasi == Decimal("80.00")  # 512 / 640
    assert h["IKSS-1.1"].realisasi == Decimal("91.02")  # mean of B04 and B08
    # Kab/Kota Peduli HAM is announced in December: not yet known in September
    assert h["IKK-9.2"].realisasi is None and h["IKK-9.2"].capaian is None


def test_2023_fourth_quarter_is_the_annual_report(root):
    tahun = load_year(2023, root)
    d = triwulan.terapkan(tahun, 4, root)
    for i, q in zip(tahun.indikator, d.indikator):
        assert hasil(q).realisasi == hasil(i).realisasi, i.id


def _tulis(project, baris: str):
    p = project / "data" / "2023" / "triwulan.csv"
    lines = p.read_text(encoding="utf-8").splitlines()
    lines.insert(1, baris)
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _ganti(project, lama: str, baru: str) -> int:
    """Replace one row's text; its line number."""
    p = project / "data" / "2023" / "triwulan.csv"
    lines = p.read_text(encoding="utf-8").splitlines()
    n = next(k for k, ln in enumerate(lines) if ln.startswith(lama))
    lines[n] = lines[n].replace(lama, baru)
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n + 1


def test_a_bad_cell_names_file_row_and_column(project):
    # 1.430: 1430 or 1,43? IKK-9.1 counts Instansi Pemerintah, a whole number
    line = _ganti(project, "IKK-9.1,2,55,143,", "IKK-9.1,2,55,1.430,")
    with pytest.raises(DataValidationError) as e:
        triwulan.baca(load_year(2023, project), project)
    (p,) = e.value.problems
    assert (p.file, p.row, p.column, p.value) == ("data/2023/triwulan.csv", line, "realisasi", "1.430")
    assert "angka" in p.expected


def test_a_column_of_another_formula_and_an_unknown_indicator(project):
    _tulis(project, "IKK-9.9,1,,5,,,,")
    _tulis(project, "IKP-1.1,1,,12,,,,")  # a ratio: pembilang and penyebut, not realisasi
    with pytest.raises(DataValidationError) as e:
        triwulan.baca(load_year(2023, project), project)
    got = {(p.row, p.column) for p in e.value.problems}
    assert got == {(2, "realisasi"), (3, "id")}
    assert any("rumus 'rasio'" in p.expected for p in e.value.problems)


def test_the_fourth_quarter_is_the_year(project):
    # left empty (as in data/2023): the year's own figures, written once in indikator.csv
    data = load_year(2023, project)
    assert realisasi(triwulan.baca(data, project)[("IKK-9.1", 4)]) == Decimal(396)
    p = project / "data" / "2023" / "triwulan.csv"
    p.write_text(p.read_text(encoding="utf-8").replace("IKK-9.1,4,109,,", "IKK-9.1,4,109,396,"), encoding="utf-8")
    assert realisasi(triwulan.baca(data, project)[("IKK-9.1", 4)]) == Decimal(396)  # written and equal
    p.write_text(p.read_text(encoding="utf-8").replace("IKK-9.1,4,109,396,", "IKK-9.1,4,109,395,"), encoding="utf-8")
    with pytest.raises(DataValidationError) as e:
        triwulan.baca(load_year(2023, project), project)
    (m,) = e.value.problems
    assert m.column == "realisasi" and "harus sama dengan realisasi tahunan" in m.expected and "396" in m.expected


def test_check_reports_the_bad_cell(project):
    from conftest import run_lkjip

    _ganti(project, "IKK-10.1,2,50,88,", "IKK-10.1,2,50,abc,")
    r = run_lkjip(project, "check", "--year", "2023", "--periode", "tw2")
    assert r.returncode == 2
    assert "data/2023/triwulan.csv" in r.stderr and "realisasi" in r.stderr and "abc" in r.stderr


def test_check_of_a_quarter_renders_the_quarter_prose(project):
    from lkjip.check.periksa import periksa

    p = project / "data" / "2023" / "narasi" / "tw3" / "umum" / "kata_pengantar.md"
    p.write_text(p.read_text(encoding="utf-8") + "\nTarget {{ target_triwulan }}.\n", encoding="utf-8")
    hasil = periksa(2023, project, "tw3")
    assert "data/2023/narasi/tw3/umum/kata_pengantar.md" in hasil.narasi
    assert "data/2023/bab3/tw3/SK-9/1_target_realisasi.md" in hasil.narasi
    (m,) = [m for m in hasil.masalah if m.file == "data/2023/narasi/tw3/umum/kata_pengantar.md"]
    assert m.value == "target_triwulan" and m.row == 7 and "tidak dikenal" in m.expected
