"""Excel for analysts: export and import a year's tables, lossless, validated by sheet and cell."""
import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from conftest import run_lkjip
from lkjip.data.pk import load_year
from lkjip.tools.excel import baca_angka, read_workbook

pytestmark = pytest.mark.lambat  # many `lkjip excel` runs (about 4 minutes): in `make test`, not in `make test-fast`


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _rows(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _export(project, tmp_path, year=2023):
    xlsx = tmp_path / f"data-{year}.xlsx"
    run_lkjip(project, "excel", "export", "--year", str(year), "--output", str(xlsx), check=True)
    return xlsx


@pytest.mark.parametrize("year", [2023, 2024])
def test_export_import_round_trip_changes_no_byte(project, root, tmp_path, year):
    xlsx = tmp_path / f"data-{year}.xlsx"
    run_lkjip(project, "excel", "export", "--year", str(year), "--output", str(xlsx), check=True)
    before = _snapshot(project / "data")
    proc = run_lkjip(project, "excel", "import", str(xlsx), "--year", str(year), check=True)
    assert "Tidak ada perubahan" in proc.stdout
    assert _snapshot(project / "data") == before == _snapshot(root / "data")
    # the tables are written the way the text files are: the workbook's text is their bytes
    texts = read_workbook(xlsx, year, project)
    for name in ("sasaran.csv", "indikator.csv", "komponen.csv", "anggaran_pk.csv"):
        assert texts[name].encode("utf-8") == (project / "data" / str(year) / name).read_bytes(), name
    # every table of the year, subfolders included, cell for cell
    ydir = project / "data" / str(year)
    tables = {p.relative_to(ydir).as_posix() for p in ydir.rglob("*.csv")}
    assert set(texts) == tables
    for name in tables:
        assert list(csv.reader(io.StringIO(texts[name]))) == _rows(ydir / name), name
    if year == 2023:
        assert {"ikpa.csv", "tarja.csv", "bab3/tabel/kerja_sama.csv", "bab3/tabel/yankomas_locus.csv"} <= tables

    # the workbook opened and saved again (openpyxl) still comes back identical
    wb = load_workbook(xlsx)
    wb.save(xlsx)
    run_lkjip(project, "excel", "import", str(xlsx), "--year", str(year), check=True)
    assert _snapshot(project / "data") == before


def test_exported_workbook_is_made_for_analysts(project, tmp_path):
    xlsx = tmp_path / "data-2023.xlsx"
    run_lkjip(project, "excel", "export", "--year", "2023", "--output", str(xlsx), check=True)
    wb = load_workbook(xlsx)
    assert wb.sheetnames[:4] == ["sasaran", "indikator", "komponen", "anggaran_pk"]
    assert wb["_lkjip"].sheet_state == "hidden"
    petunjuk = [[c.value for c in r] for r in wb["Petunjuk"].iter_rows(min_row=4)]
    assert ["indikator", "Arah", "wajib diisi: naik (makin tinggi makin baik) atau turun (makin rendah makin baik)"] \
        in petunjuk
    ws = wb["indikator"]
    header = [c.value for c in ws[1]]
    assert header[:8] == ["Kode Indikator", "Kode Sasaran", "Nomor", "Kode Tetap", "Uraian Indikator",
                          "Satuan", "Arah", "Target"]
    assert ws.freeze_panes == "A2"
    # IKK-9.1: target 109, realisasi 396, stored as numbers
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "IKK-9.1")
    assert row[7].value == 109 and row[9].value == 396
    kom = wb["komponen"]
    b08 = next(r for r in kom.iter_rows(min_row=2) if r[0].value == "IKSS-1.2" and r[2].value == "B08")
    assert b08[3].value == pytest.approx(73.9) and b08[3].number_format == "0.00"  # "73.90" kept
    assert isinstance(wb["anggaran_pk"]["D8"].value, int) and wb["anggaran_pk"]["D8"].value == 32488985000
    lists = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    assert {"F2", "G2", "I2"} <= set(lists)  # satuan, arah, rumus
    daftar = wb["_daftar"]
    arah = lists["G2"].formula1.split("!")[1].replace("$", "")
    assert [c.value for row in daftar[arah] for c in row] == ["naik", "turun"]
    assert lists["G2"].errorStyle == "stop" and lists["F2"].errorStyle == "warning"
    tingkat = {str(dv.sqref).split(":")[0] for dv in wb["sasaran"].data_validations.dataValidation}
    peran = {str(dv.sqref).split(":")[0] for dv in kom.data_validations.dataValidation}
    assert "B2" in tingkat and "B2" in peran
    assert ws.column_dimensions["E"].width > ws.column_dimensions["C"].width


def test_wrong_values_refused_naming_sheet_and_cell(project, tmp_path):
    xlsx = tmp_path / "data-2023.xlsx"
    run_lkjip(project, "excel", "export", "--year", "2023", "--output", str(xlsx), check=True)
    wb = load_workbook(xlsx)
    ws = wb["indikator"]
    assert ws["A2"].value == "IKSS-1.1" and ws["H1"].value == "Target"
    ws["H2"] = "tujuh"  # target
    ws["G3"] = "miring"  # arah
    ws["B8"] = "SK-99"  # unknown sasaran
    wb["komponen"]["D2"] = "1,046"  # ambiguous
    wb.save(xlsx)
    before = _snapshot(project / "data")
    proc = run_lkjip(project, "excel", "import", str(xlsx), "--year", "2023")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    err = proc.stderr
    assert "Data tidak valid: 4 masalah" in err
    assert "Sheet 'indikator', sel H2, kolom 'Target': nilai 'tujuh'" in err
    assert "Sheet 'indikator', sel G3, kolom 'Arah': nilai 'miring' — naik (makin tinggi makin baik) atau turun" in err
    assert "Sheet 'indikator', sel B8, kolom 'Kode Sasaran': nilai 'SK-99' — sasaran tidak dikenal" in err
    assert "Sheet 'komponen', sel D2, kolom 'Nilai': nilai '1,046' — angka '1,046' meragukan" in err
    assert "Tidak ada yang ditulis" in err
    assert _snapshot(project / "data") == before


def test_indonesian_typed_numbers_are_read(project, tmp_path):
    xlsx = tmp_path / "data-2023.xlsx"
    run_lkjip(project, "excel", "export", "--year", "2023", "--output", str(xlsx), check=True)
    wb = load_workbook(xlsx)
    kom = wb["komponen"]
    assert (kom["A2"].value, kom["C2"].value) == ("IKSS-1.1", "B04")
    kom["D2"] = "89,39"
    kom["D3"] = "92,6"  # B08 changed, typed with a decimal comma
    ang = wb["anggaran_pk"]
    ang["D2"] = "1.200.433.000"
    ang["D3"] = "1.046"
    wb.save(xlsx)
    proc = run_lkjip(project, "excel", "import", str(xlsx), "--year", "2023", check=True)
    assert "komponen.csv" in proc.stdout and "anggaran_pk.csv" in proc.stdout
    kom_csv = (project / "data/2023/komponen.csv").read_text(encoding="utf-8").splitlines()
    assert kom_csv[1] == "IKSS-1.1,periode,B04,89.39,Tabel III.1"
    assert kom_csv[2] == "IKSS-1.1,periode,B08,92.6,Tabel III.1"
    data = load_year(2023, project)
    assert [a.anggaran for a in data.anggaran_pk][:2] == [Decimal(1200433000), Decimal(1046)]


@pytest.mark.parametrize("text,value", [
    ("92,28", "92.28"), ("1.046", "1046"), ("1.200.433.000", "1200433000"), ("1.046,5", "1046.5"),
    ("92.28", "92.28"), ("75%", "75"), ("0,046", "0.046"), ("-3", "-3"), (" 396 ", "396"),
])
def test_baca_angka(text, value):
    assert baca_angka(text) == Decimal(value)


@pytest.mark.parametrize("text", ["1,046", "1,046,000", "1.046,5,3", "tujuh", "12,5.3", ""])
def test_baca_angka_refuses_ambiguous_or_unreadable(text):
    with pytest.raises(ValueError):
        baca_angka(text)


def test_new_year_filled_in_through_excel(project, tmp_path):
    run_lkjip(project, "new-year", "2025", check=True)
    xlsx = tmp_path / "isian-2025.xlsx"
    run_lkjip(project, "excel", "export", "--year", "2025", "--output", str(xlsx), check=True)
    wb = load_workbook(xlsx)
    ws = wb["indikator"]
    assert ws["A2"].value == "IKP-1.1" and ws["H2"].value is None
    ws["H2"] = 35  # target typed as a number
    ws["H8"] = "1"
    ws["J8"] = 1  # IKP-2.4 realisasi (langsung)
    wb["anggaran_pk"]["D2"] = "624.154.000"
    wb.save(xlsx)
    run_lkjip(project, "excel", "import", str(xlsx), "--year", "2025", check=True)
    data = load_year(2025, project)
    ind = {i.id: i for i in data.indikator}
    assert ind["IKP-1.1"].target == 35 and ind["IKP-2.4"].realisasi_input == 1
    assert data.anggaran_pk[0].anggaran == Decimal(624154000) and data.anggaran_pk[1].anggaran is None


def test_unchanged_table_keeps_its_bytes_in_any_csv_dialect(project, tmp_path):
    """A table typed by hand with quotes everywhere and CRLF line ends is left alone when its
    cells did not change, and written the project's way when they did."""
    import csv as _csv
    f = project / "data/2024/anggaran_pk.csv"
    rows = list(_csv.reader(f.read_text(encoding="utf-8").splitlines()))
    with open(f, "w", encoding="utf-8", newline="") as out:
        _csv.writer(out, quoting=_csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    odd = f.read_bytes()
    xlsx = tmp_path / "data-2024.xlsx"
    run_lkjip(project, "excel", "export", "--year", "2024", "--output", str(xlsx), check=True)
    run_lkjip(project, "excel", "import", str(xlsx), "--year", "2024", check=True)
    assert f.read_bytes() == odd
    wb = load_workbook(xlsx)
    wb["anggaran_pk"]["D2"] = 624154001
    wb.save(xlsx)
    run_lkjip(project, "excel", "import", str(xlsx), "--year", "2024", check=True)
    text = f.read_text(encoding="utf-8")
    assert "\r" not in text and text.splitlines()[1] == "Program Pemajuan dan Penegakan HAM,1,Diseminasi dan Penguatan HAM,624154001"


def test_workbook_has_every_table_of_the_year_with_its_path(project, tmp_path):
    wb = load_workbook(_export(project, tmp_path))
    meta = {r[1]: r[2] for r in wb["_lkjip"].iter_rows(values_only=True) if r[0] == "tabel"}
    assert meta["bab3_kerja_sama"] == "bab3/tabel/kerja_sama.csv"
    assert meta["bab3_yankomas_locus"] == "bab3/tabel/yankomas_locus.csv"
    assert meta["ikpa"] == "ikpa.csv"
    assert all(len(n) <= 31 for n in wb.sheetnames)
    assert len({n.lower() for n in wb.sheetnames}) == len(wb.sheetnames)
    # Bab III.1's tables: the headers the report shows (lampiran.yaml), numbers as numbers
    kl = wb["bab3_kl_nilai_maksimal"]
    assert kl["A1"].value == "Nama Kementerian/Lembaga" and kl["A2"].value.startswith("Kementerian")
    yl = wb["bab3_yankomas_locus"]
    assert [c.value for c in yl[1]][:3] == ["Provinsi", "Proses", "File"]
    assert [c.value for c in yl[3]] == ["Sumatera Utara", 46, 57, 1, 15, 14, 133, 19]
    assert yl.freeze_panes == "A2"
    # the budget tables: numbers with the decimals of the file, drop-down list of the row model
    ik = wb["ikpa"]
    assert [c.value for c in ik[3]] == ["Kualitas Perencanaan Anggaran", "Deviasi Halaman III DIPA", 68.04, 10]
    assert ik["C2"].value == 100 and ik["C2"].number_format == "0.00"  # "100.00" kept
    ra = wb["realisasi_anggaran"]
    assert ra["B2"].value == 1042990000 and ra["B2"].number_format == "#,##0"
    wilayah = {str(dv.sqref).split(":")[0] for dv in ra.data_validations.dataValidation}
    assert "D2" in wilayah
    # a column of codes that look like numbers keeps them as numbers; text columns stay text
    kro = wb["bab3_kro_ro_dukman"]
    assert kro["B2"].value == 965 and kro["A2"].value == "EBA"


def test_wrong_values_in_other_tables_refused_naming_sheet_and_cell(project, tmp_path):
    xlsx = _export(project, tmp_path)
    wb = load_workbook(xlsx)
    yl = wb["bab3_yankomas_locus"]
    assert yl["A3"].value == "Sumatera Utara" and yl["B1"].value == "Proses"
    yl["B3"] = "empat puluh enam"  # summed in the table's TOTAL row
    ik = wb["ikpa"]
    assert ik["B3"].value == "Deviasi Halaman III DIPA" and ik["C1"].value == "Nilai"
    ik["C3"] = "enam puluh delapan"
    ik["C4"] = 186.78  # above 100: pelengkap's rule
    rai = wb["realisasi_anggaran_indikator"]
    assert rai["B1"].value == "Unit"
    rai["B2"] = "Unit Khayalan"  # not a unit of realisasi_anggaran.csv
    wb.save(xlsx)
    before = _snapshot(project / "data")
    proc = run_lkjip(project, "excel", "import", str(xlsx), "--year", "2023")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    err = proc.stderr
    assert "Data tidak valid: 4 masalah" in err
    assert "Sheet 'bab3_yankomas_locus', sel B3, kolom 'Proses': nilai 'empat puluh enam' — bukan angka" in err
    assert "Sheet 'ikpa', sel C3, kolom 'Nilai': nilai 'enam puluh delapan' — bukan angka" in err
    assert "Sheet 'ikpa', sel C4, kolom 'Nilai': nilai '186.78' — nilai 0 sampai 100" in err
    assert ("Sheet 'realisasi_anggaran_indikator', sel B2, kolom 'Unit': nilai 'Unit Khayalan' — "
            "unit tidak ada di realisasi_anggaran.csv") in err
    assert "Tidak ada yang ditulis" in err
    assert _snapshot(project / "data") == before


def test_supporting_table_edited_in_excel_writes_only_that_table(project, tmp_path):
    xlsx = _export(project, tmp_path)
    wb = load_workbook(xlsx)
    ks = wb["bab3_kerja_sama"]
    n = ks.max_row
    ks.cell(row=n + 1, column=1, value="Komnas HAM")
    ks.cell(row=n + 1, column=2, value="Rapat koordinasi")
    ks.cell(row=n + 1, column=3, value="12 Desember 2023")
    ks.cell(row=n + 1, column=4, value="Jakarta")
    ph = wb["bab3_p2ham_penghargaan"]
    assert ph["B2"].value == 870
    ph["B2"] = "1.046"  # typed the Indonesian way in a column of numbers
    wb["bab3_kro_ro_dukman"]["B2"] = "965A"  # a code that is not a number stays text
    wb.save(xlsx)
    ydir = project / "data/2023"
    before = _snapshot(ydir)
    proc = run_lkjip(project, "excel", "import", str(xlsx), "--year", "2023", check=True)
    assert "bab3/tabel/kerja_sama.csv" in proc.stdout
    after = _snapshot(ydir)
    changed = {k for k in before if before[k] != after.get(k)}
    assert changed == {"bab3/tabel/kerja_sama.csv", "bab3/tabel/p2ham_penghargaan.csv",
                       "bab3/tabel/kro_ro_dukman.csv"}
    assert set(after) == set(before)  # YAML, prose and the other tables untouched
    assert _rows(ydir / "bab3/tabel/kerja_sama.csv")[-1] == ["Komnas HAM", "Rapat koordinasi", "12 Desember 2023",
                                                            "Jakarta"]
    assert _rows(ydir / "bab3/tabel/p2ham_penghargaan.csv")[1] == ["Jumlah Unit Kerja", "1046"]
    assert _rows(ydir / "bab3/tabel/kro_ro_dukman.csv")[1] == ["EBA", "965A", "Layanan BMN", "Layanan"]
    run_lkjip(project, "check", "--year", "2023", check=True)
