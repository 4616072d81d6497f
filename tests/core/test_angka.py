"""The one number reader (lkjip.core.angka): each rule pinned with the 2023 report's figures,
then the same rules as an analyst meets them through `lkjip check`."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import run_lkjip
from conftest import edit
from lkjip.core import angka
from lkjip.core.angka import AngkaMeragukan, AngkaSalah, FloatTertulis, baca, baca_cetak
from lkjip.data.ketat import muat_yaml

D = "data/2023"


# ---------------------------------------------------------------- strict: the data's text files

def test_plain_figures_of_the_report_are_read_as_written():
    assert baca("184", bulat=True) == 184 and baca("288", bulat=True) == 288  # Yankomas, Tabel III.2
    assert baca("123.04") == Decimal("123.04")  # IKSS-1.1 capaian
    assert str(baca("75.60")) == "75.60"  # the printed decimals are kept
    assert baca("1200433000", bulat=True) == 1200433000  # anggaran PK, Diseminasi dan Penguatan HAM
    assert baca("0.917") == Decimal("0.917")  # a leading 0 has one reading only
    assert baca("1.0960") == Decimal("1.096")  # a real fraction with three decimals: write a fourth


def test_empty_and_dash_are_nothing():
    for x in (None, "", "  ", "-", "\u2013"):
        assert baca(x) is None


def test_single_dot_group_of_three_is_refused_naming_both_readings():
    with pytest.raises(AngkaMeragukan) as e:
        baca("1.046")  # Bab I.5's 1.046 pos pengaduan, typed the Indonesian way into a CSV
    assert e.value.bacaan == (Decimal(1046), Decimal("1.046"))
    msg = str(e.value)
    assert "1.046" in msg and "1,046" in msg and "tulis 1046" in msg and "1.0460" in msg


def test_a_count_never_takes_a_fraction():
    with pytest.raises(AngkaSalah) as e:
        baca("1.096", bulat=True)
    assert "jumlah" in str(e.value) and "tulis 1096" in str(e.value)
    with pytest.raises(AngkaSalah, match="tidak boleh pecahan"):
        baca("288.5", bulat=True)
    with pytest.raises(AngkaSalah, match="tidak boleh pecahan"):
        baca(184.5, bulat=True)
    assert baca("184.0", bulat=True) == 184


def test_exponent_form_that_lost_digits_is_refused():
    for s in ("1.20043E+09", "1,20043E+09", "1.2e9"):
        with pytest.raises(AngkaSalah, match="eksponen"):
            baca(s)
        with pytest.raises(AngkaSalah, match="eksponen"):
            baca(s, sumber="sel")


def test_comma_decimal_and_dotted_thousands_are_refused_with_what_to_write():
    with pytest.raises(AngkaSalah, match=r"tulis 89\.39"):
        baca("89,39")
    with pytest.raises(AngkaSalah, match="tulis 1200433000"):
        baca("1.200.433.000")
    with pytest.raises(AngkaMeragukan) as e:
        baca("1,046")
    assert e.value.bacaan == (Decimal(1046), Decimal("1.046"))
    with pytest.raises(AngkaSalah, match="contoh 92.28"):
        baca("dua ratus")
    with pytest.raises(AngkaSalah, match="92.28"):
        baca("NaN")
    with pytest.raises(AngkaSalah, match="NaN"):
        baca(float("nan"))
    with pytest.raises(AngkaSalah):
        baca(True)


def test_percent_sign_is_dropped():
    assert baca("63.9%") == Decimal("63.9")
    assert baca("63,9%", sumber="sel") == Decimal("63.9")


# ---------------------------------------------------------------- lenient: workbook cells

def test_workbook_cells_typed_or_written_the_indonesian_way():
    assert baca(1200433000.0, sumber="sel", bulat=True) == 1200433000
    assert baca(92.28, sumber="sel") == Decimal("92.28")
    assert baca("92,28", sumber="sel") == Decimal("92.28")
    assert baca("1.046", sumber="sel") == 1046
    assert baca("1.200.433.000", sumber="sel") == 1200433000
    assert baca("1.046,5", sumber="sel") == Decimal("1046.5")
    assert baca("92.28", sumber="sel") == Decimal("92.28")
    assert baca("Rp 1.200.433.000", sumber="sel") == 1200433000
    with pytest.raises(AngkaMeragukan, match="meragukan"):
        baca("1,046", sumber="sel")
    with pytest.raises(AngkaSalah, match="bukan angka"):
        baca("1,046,000", sumber="sel")


# ---------------------------------------------------------------- printed: lkjip's own figures

def test_printed_figures_read_back():
    assert baca("1.046", sumber="cetak") == 1046
    assert baca("123,04", sumber="cetak") == Decimal("123.04")
    assert baca_cetak("63,9%") == Decimal("63.9")
    assert baca_cetak("1,046") == Decimal("1.046")  # lkjip prints decimals with a comma: one reading
    assert baca_cetak("belum tersedia") is None
    assert baca_cetak(None) is None and baca_cetak(514) == 514


def test_written_numbers_read_back_to_the_same_value():
    for d in (Decimal("1.096"), Decimal("-12.345"), Decimal("92.28"), Decimal(1200433000), Decimal("0.917"),
              Decimal("123.04"), 184, 1.096):
        assert baca(angka.tulis(d)) == Decimal(str(d)), d
    assert angka.tulis(Decimal("1.096")) == "1.0960" and angka.tulis(None) == ""


# ---------------------------------------------------------------- YAML floats keep their text

def test_yaml_float_keeps_the_text_it_was_written_as():
    d = muat_yaml("indeks_ham_responden: 1.551\nsmart_dja: 95.23\n")
    assert isinstance(d["indeks_ham_responden"], FloatTertulis)
    with pytest.raises(AngkaMeragukan) as e:
        baca(d["indeks_ham_responden"])
    assert e.value.bacaan == (Decimal(1551), Decimal("1.551"))
    assert baca(d["smart_dja"]) == Decimal("95.23")  # SMART DJA 2023
    assert baca(FloatTertulis("95.23"), sumber="sel") == Decimal("95.23")


def test_module_has_no_file_access():
    import inspect

    src = inspect.getsource(angka)
    assert "open(" not in src and "Path" not in src


# ---------------------------------------------------------------- through `lkjip check`

CHECK_CASES = [
    ("count-with-dot", f"{D}/indikator.csv", "Instansi Pemerintah,naik,109,langsung,396,",
     "Instansi Pemerintah,naik,109,langsung,1.096,", ["baris 15", "kolom 'realisasi'", "'1.096'", "tulis 1096"]),
    ("fraction-in-count", f"{D}/komponen.csv", "dugaan pelanggaran HAM yang disampaikan,288,Tabel III.2",
     "dugaan pelanggaran HAM yang disampaikan,288.5,Tabel III.2", ["baris 11", "kolom 'nilai'", "'288.5'", "pecahan"]),
    ("exponent-pagu", f"{D}/realisasi_anggaran.csv", "Diseminasi dan Penguatan HAM,1042990000,",
     "Diseminasi dan Penguatan HAM,1.04299E+09,", ["baris 2", "kolom 'pagu'", "'1.04299E+09'", "eksponen"]),
    ("exponent-anggaran-pk", f"{D}/anggaran_pk.csv", "Diseminasi dan Penguatan HAM,1200433000",
     "Diseminasi dan Penguatan HAM,1.20043E+09", ["baris 2", "kolom 'anggaran'", "eksponen"]),
    ("fakta-dotted-thousands", f"{D}/fakta.yaml", "indeks_ham_responden: 1551 ",
     "indeks_ham_responden: 1.551 ", ["baris 10", "kolom 'nilai.indeks_ham_responden'", "'1.551'", "1,551", "tulis 1551"]),
    ("stated-dotted-thousands", f"{D}/dinyatakan.csv", "jumlah:pos_pengaduan.csv:jumlah,1046,",
     "jumlah:pos_pengaduan.csv:jumlah,1.046,", ["kolom 'nilai_tertulis'", "'1.046'", "1,046"]),
    ("complaints-count", f"{D}/pengaduan.csv", "Hak memperoleh keadilan,349", "Hak memperoleh keadilan,3.49",
     ["baris 2", "kolom 'jumlah'", "'3.49'", "pecahan"]),
]


@pytest.mark.parametrize("name,file,old,new,expected", CHECK_CASES, ids=[c[0] for c in CHECK_CASES])
def test_check_refuses_misreadable_numbers(project, name, file, old, new, expected):
    edit(project / file, old, new)
    proc = run_lkjip(project, "check", "--year", "2023")
    assert proc.returncode != 0, proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if file in ln and all(e in ln for e in expected)]
    assert lines, proc.stderr


def test_two_digit_whole_part_with_three_decimals_is_ambiguous_too(project):
    """89.390 (one to three whole digits, a dot, exactly three digits) could be 89390: refused,
    with the unambiguous way to write the fraction (89.3900)."""
    edit(project / f"{D}/komponen.csv", "IKSS-1.1,periode,B04,89.39", "IKSS-1.1,periode,B04,89.390")
    proc = run_lkjip(project, "check", "--year", "2023")
    assert proc.returncode != 0
    assert any("komponen.csv, baris 2, kolom 'nilai'" in ln and "89.390" in ln and "89.3900" in ln
               for ln in proc.stderr.splitlines()), proc.stderr
