"""Capaian and formatting against the figures of the 2023 report."""
from decimal import Decimal

import pytest

from lkjip.core import fmt
from lkjip.core.compute import capaian_dari, hasil
from lkjip.data.pk import load_year


@pytest.mark.parametrize("realisasi,target,decimals,expected", [
    ("92.28", 75, 2, "123,04%"),   # Aksi HAM Pusat (Ikhtisar, Tabel III.1)
    ("82.18", 75, 2, "109,57%"),   # P2HAM (Tabel III.2)
    ("396", 109, 2, "363,30%"),    # pemerintah daerah melaksanakan aksi HAM (Tabel III.3)
    ("267", 57, 2, "468,42%"),     # Kab/Kota Peduli HAM, jumlah
    ("240", 33, 2, "727,27%"),
    ("52", 25, 0, "208%"),
    ("100", 90, 2, "111,11%"),
])
def test_capaian_naik(realisasi, target, decimals, expected):
    assert fmt.persen(capaian_dari(target, Decimal(realisasi), "naik", decimals), decimals) == expected


def test_capaian_rounds_half_up_not_half_even():
    # 76,44 / 45 = 169,8666..: the report prints 169,86 (truncated); half-up gives 169,87
    assert capaian_dari(45, Decimal("76.44"), "naik", 2) == Decimal("169.87")
    # an exact half: 0,125 -> 0,13 (Babel's default half-even would give 0,12)
    assert fmt.angka(Decimal("0.125"), 2) == "0,13"
    assert fmt.persen(Decimal("2.5"), 0) == "3%"


def test_capaian_turun_uses_sakip_formula():
    # lower is better: (2 x target - realisasi) / target x 100
    assert capaian_dari(10, Decimal("8"), "turun", 2) == Decimal("120.00")
    assert capaian_dari(10, Decimal("12"), "turun", 2) == Decimal("80.00")


def test_missing_realisasi_is_not_zero():
    assert capaian_dari(75, None, "naik", 2) is None
    assert fmt.persen(None) == "belum tersedia"


def test_rupiah_tanggal_triwulan():
    assert fmt.rupiah(68391151860) == "Rp 68.391.151.860"
    assert fmt.tanggal("2024-01-08") == "8 Januari 2024"
    assert fmt.tanggal("2023-04") == "April 2023"
    assert fmt.triwulan(1) == "Triwulan I"
    assert fmt.triwulan(4) == "Triwulan IV"
    assert fmt.nilai(Decimal(396), "Instansi Pemerintah") == "396 Instansi Pemerintah"


def test_realisasi_computed_from_components_2023(root):
    data = load_year(2023, root)
    got = {i.id: hasil(i) for i in data.indikator}
    # mean of B04, B08, B12: (89,39 + 92,65 + 94,81) / 3 = 92,28
    assert got["IKSS-1.1"].realisasi == Decimal("92.28")
    assert got["IKSS-1.1"].capaian == Decimal("123.04")
    # 267 of 514 Kab/Kota = 52% (0 decimals, as the report), capaian 208%
    assert got["IKP-1.1"].realisasi == Decimal("52")
    assert got["IKP-1.1"].capaian == Decimal("208")
    # 715 of 870 = 82,18%
    assert got["IKP-1.3"].realisasi == Decimal("82.18")
    assert got["IKK-4.1"].realisasi == Decimal("81.72")
    assert got["IKK-9.1"].capaian == Decimal("363.30")
    # 1 Dokumen of 1 counts as 100%
    assert got["IKK-6.1"].capaian == Decimal("100")


def test_decimals_as_written_and_as_needed():
    from decimal import Decimal

    from lkjip.core.fmt import desimal_ditulis, desimal_perlu

    assert desimal_ditulis(Decimal("92.70")) == 2 and desimal_perlu(Decimal("92.70")) == 1
    assert desimal_ditulis(Decimal("75")) == 0 == desimal_perlu(Decimal("75.00"))
    assert desimal_ditulis(None) == 0 == desimal_perlu(None)
