"""Bab III of a quarterly report (lkjip.laporan.bab3): the previous year compared at the same
quarter where that year has triwulan.csv (2024's TW III against 2023's TW III)."""
from lkjip.laporan.konteks import Laporan


def test_2024_third_quarter_compares_with_2023_third_quarter(root):
    bab = Laporan(2024, root, periode="tw3").bab3()
    s = bab.sasaran("SP-1")
    t = bab.tabel_tahun_sebelumnya(s)
    assert t.kolom[:4] == ["Indikator", "Target 2023", "Realisasi s.d. Triwulan III 2023", "Capaian 2023"]
    (row,) = [r for r in t.baris if r[0].startswith("Persentase penanganan dugaan pelanggaran HAM")]
    # 2023 to September: 139 of 221 = 62,9% against the year's 50% (not the year's 63,9%)
    assert row[1:4] == ["50%", "62,9%", "125,80%"]  # capaian with 2024's decimals (2)
    # 2024 has no quarterly figures yet
    assert row[5:] == ["belum tersedia", "belum tersedia"]


def test_the_annual_report_compares_with_the_previous_year(root):
    bab = Laporan(2024, root).bab3()
    t = bab.tabel_tahun_sebelumnya(bab.sasaran("SP-1"))
    (row,) = [r for r in t.baris if r[0].startswith("Persentase penanganan dugaan pelanggaran HAM")]
    assert t.kolom[2] == "Realisasi 2023" and row[2] == "63,9%"


def test_summary_tables_of_a_quarter_say_what_the_capaian_is_against(root):
    t = Laporan(2023, root, periode="tw3").bab3().tabel_ringkasan("strategis")
    assert t.kolom[2:4] == ["TARGET TAHUNAN", "CAPAIAN TARGET TAHUNAN S.D. TRIWULAN III"]
    # IKSS-1.1 by September: (89,39 + 92,65) / 2 = 91,02% of the year's 75%
    assert t.baris[0][2:4] == ["75%", "121,36%"]
    assert str(t.baris[0][4]).startswith("Realisasi s.d. September 2023 adalah sebesar 91,02\\%.")
    assert Laporan(2023, root).bab3().tabel_ringkasan("strategis").kolom[2:4] == ["TARGET", "CAPAIAN TARGET"]
