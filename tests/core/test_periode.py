"""A reporting period (lkjip.core.periode) and the capaian to date of a quarterly report
(lkjip.core.compute), with the 2023 PK's real targets."""
from dataclasses import replace
from decimal import Decimal

import pytest

from lkjip.core.compute import hasil
from lkjip.core.periode import Periode, PeriodeSalah
from lkjip.data.pk import load_year


def test_tw3_prints_triwulan_iii_to_september():
    p = Periode.dari(2023, "tw3")
    assert (p.triwulan, p.kode, p.nama, p.label) == (3, "tw3", "2023-tw3", "Triwulan III")
    assert p.sampai == "s.d. September 2023"
    assert p.bulan_akhir == "2023-09"
    assert p.judul("Ditjen HAM") == "Laporan Kinerja Ditjen HAM Triwulan III Tahun 2023"


def test_no_period_is_the_annual_report():
    p = Periode.dari(2023, None)
    assert p.tahunan and p.kode is None and p.nama == "2023" and p.label == ""
    assert p.judul("Ditjen HAM") == "Laporan Kinerja Ditjen HAM Tahun 2023"
    assert [Periode.dari(2023, f"tw{n}").sampai for n in (1, 2, 4)] == [
        "s.d. Maret 2023", "s.d. Juni 2023", "s.d. Desember 2023"]


@pytest.mark.parametrize("salah", ["tw5", "q3", "3x", "tw0"])
def test_an_unknown_period_is_refused_in_indonesian(salah):
    with pytest.raises(PeriodeSalah, match=f"Periode '{salah}' tidak dikenal: harus tw1, tw2, tw3 atau tw4"):
        Periode.dari(2023, salah)


def _ind(id_):
    return load_year(2023).indikator_by_id(id_)


def test_capaian_to_date_against_the_quarter_and_the_year():
    # IKK-9.1: PK 2023 target 109 Instansi Pemerintah; TW III: 288 to date against 82 for the quarter
    i = replace(_ind("IKK-9.1"), realisasi_input=Decimal(288), target_periode=Decimal(82))
    h = hasil(i)
    assert i.target == 109
    assert h.realisasi == 288
    assert h.capaian_periode == Decimal("351.22")  # 288 / 82 x 100, two decimals (desimal_capaian 2)
    assert h.capaian == Decimal("264.22")  # 288 / 109 x 100


def test_capaian_to_date_of_a_ratio_and_a_partial_mean():
    # IKP-1.2 (target 50%, one decimal): 139 of 221 complaints followed up by September
    ikp = _ind("IKP-1.2")
    i = replace(ikp, target_periode=Decimal(50), komponen=tuple(
        replace(k, nilai=Decimal(139) if k.peran == "pembilang" else Decimal(221)) for k in ikp.komponen))
    h = hasil(i)
    assert (h.realisasi, h.capaian, h.capaian_periode) == (Decimal("62.9"), Decimal("125.8"), Decimal("125.8"))
    # IKSS-1.1 (target 75%): by September two of its three periods (B04 89,39 and B08 92,65)
    ikss = _ind("IKSS-1.1")
    i = replace(ikss, komponen=ikss.komponen[:2])
    assert hasil(i).realisasi == Decimal("91.02")
    assert hasil(i).capaian == Decimal("121.36")


def test_no_quarter_target_leaves_that_capaian_unknown():
    h = hasil(replace(_ind("IKK-6.1"), realisasi_input=Decimal(0), target_periode=None))
    assert h.capaian_periode is None
    assert h.capaian == 0  # 0 of the year's 1 Dokumen
